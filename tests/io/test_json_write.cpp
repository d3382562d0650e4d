// JSON written without a tree (json_write.hpp): JsonWriter writes what inline_json and json::dump
// write of the same tree, and pretty_inline lays a one-line value out as spans::pretty lays out its
// tree, over random trees at several widths (strings of every kind and length around the width).
#include <doctest/doctest.h>

#include <cstdint>

#include "io/json_write.hpp"
#include "io/span_formats.hpp"

namespace {

using aa::io::json::JsonWriter;
using aa::io::json::ojson;

struct Rng {
    uint64_t s;
    uint64_t next() {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return s >> 33;
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

std::string random_string(Rng& g) {
    static const char* const pieces[] = {"a", "Zürich", "東", "😀", "\"", "\\", "\n", "\t", "\x01", " ", "key", "/"};
    std::string s;
    const size_t n = g.below(4) == 0 ? g.below(60) : g.below(8);
    for (size_t i = 0; i < n; ++i) s += pieces[g.below(std::size(pieces))];
    return s;
}

ojson random_value(Rng& g, int depth) {
    const size_t kind = g.below(depth > 3 ? 4 : 7);
    switch (kind) {
        case 0: return random_string(g);
        case 1: return g.next() % 100000;
        case 2: return g.below(2) == 1;
        case 3: return random_string(g);
        case 4:
        case 5: {
            ojson o = ojson::object();
            const size_t n = g.below(6);
            for (size_t i = 0; i < n; ++i) o[random_string(g) + std::to_string(i)] = random_value(g, depth + 1);
            return o;
        }
        default: {
            ojson a = ojson::array();
            const size_t n = g.below(g.below(3) == 0 ? 12 : 4);
            for (size_t i = 0; i < n; ++i) a.push_back(random_value(g, depth + 1));
            return a;
        }
    }
}

// The tree written again through JsonWriter, member by member.
void write_tree(JsonWriter& w, const ojson& v) {
    if (v.is_object()) {
        w.open_object();
        for (auto it = v.begin(); it != v.end(); ++it) {
            w.key(it.key());
            write_tree(w, it.value());
        }
        w.close_object();
    } else if (v.is_array()) {
        w.open_array();
        for (const ojson& x : v) write_tree(w, x);
        w.close_array();
    } else if (v.is_string()) {
        w.str(v.get<std::string>());
    } else if (v.is_boolean()) {
        w.boolean(v.get<bool>());
    } else {
        w.num(v.get<uint64_t>());
    }
}

}  // namespace

TEST_CASE("JsonWriter writes inline_json's and json::dump's bytes; pretty_inline lays them out as spans::pretty") {
    Rng g{20261202};
    for (int i = 0; i < 3000; ++i) {
        const ojson v = random_value(g, 0);
        std::string spaced, compact;
        JsonWriter ws(spaced, true), wc(compact, false);
        write_tree(ws, v);
        write_tree(wc, v);
        CAPTURE(spaced);
        CHECK(spaced == aa::io::spans::inline_json(v));
        CHECK(compact == aa::io::json::dump(v));
        for (size_t width : {size_t{120}, size_t{40}, size_t{12}, size_t{0}})
            CHECK(aa::io::json::pretty_inline(spaced, width) == aa::io::spans::pretty(v, width));
    }
}

TEST_CASE("pretty_inline keeps a list of two objects one per line, and a container at the width's edge") {
    CHECK(aa::io::json::pretty_inline(R"([{"a": 1}, {"b": 2}])") == "[\n  {\"a\": 1},\n  {\"b\": 2}\n]\n");
    CHECK(aa::io::json::pretty_inline(R"([{"a": 1}, 2])") == "[{\"a\": 1}, 2]\n");
    // 10 columns and a comma fit in 11, not in 10
    CHECK(aa::io::json::pretty_inline(R"({"a": "ü"})", 11) == "{\"a\": \"ü\"}\n");
    CHECK(aa::io::json::pretty_inline(R"({"a": "ü"})", 10) == "{\n  \"a\": \"ü\"\n}\n");
    CHECK(aa::io::json::pretty_inline("{}") == "{}\n");
    CHECK(aa::io::json::pretty_inline("\"x\"") == "\"x\"\n");
}
