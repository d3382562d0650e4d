// The native reader a slice at a time (io/native_read_run.hpp): for every fixture and any slice
// size, the same document and the same messages as the whole-file read; errors found in a late
// slice name the same line, column and path.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/native_read_run.hpp"

using aa::test::read_fixture;

namespace {

std::vector<std::string> described(const aa::io::ReadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) out.push_back(d.report());
    return out;
}

// What a read gave, comparable: every message, and each document as the native writer writes it.
std::vector<std::string> outcome(const aa::io::ReadResult& r) {
    std::vector<std::string> out = described(r);
    for (const aa::Document& d : r.documents) out.push_back(aa::io::write("native", d).output);
    return out;
}

struct Sliced {
    aa::io::ReadResult result;
    bool fell_back = false;
    size_t steps = 0;
    bool monotonic = true;
};

Sliced read_sliced(const std::string& input, size_t slice, aa::io::ReadOptions opt = {}) {
    aa::io::NativeReadRun run(input, opt);
    Sliced s;
    double last = 0;
    while (!run.step(slice)) {
        ++s.steps;
        const double p = run.progress();
        if (p < last || p > 1) s.monotonic = false;
        last = p;
    }
    CHECK(run.progress() == 1.0);
    s.fell_back = run.fell_back();
    s.result = std::move(run.result());
    return s;
}

// A generated article of `n` entities (about 60 bytes of text each), written by the native writer.
std::string generated(size_t n) {
    std::string text;
    std::vector<std::pair<size_t, size_t>> spans;
    size_t cp = 0;
    for (size_t i = 0; i < n; ++i) {
        const std::string name = i % 3 == 0 ? "Zürich" : i % 3 == 1 ? "José Martí" : "Société Générale";
        const std::string before = "Words \"quoted\" and a tab\there, café " + std::to_string(i) + " near ";
        text += before;
        cp += aa::Text::from_utf8(before).value().size();
        const size_t len = aa::Text::from_utf8(name).value().size();
        spans.emplace_back(cp, cp + len);
        text += name + ".\n";
        cp += len + 2;
    }
    aa::Document doc(aa::Text::from_utf8(text).value());
    doc.info.title = "Generated";
    for (size_t i = 0; i < spans.size(); ++i) {
        aa::Entity e;
        e.id = "e" + std::to_string(i);
        e.start = spans[i].first;
        e.end = spans[i].second;
        e.label = i % 2 ? "PER" : "LOC";
        auto ins = doc.insert_entity(std::move(e));
        CHECK(ins.ok());
    }
    return aa::io::write("native", doc).output;
}

}  // namespace

TEST_CASE("the sliced native read gives every fixture's document and messages, at any slice size") {
    const char* names[] = {"native/article.json",
                           "native/minimal.json",
                           "native/relations.json",
                           "native/relations_who.json",
                           "native/unicode.json",
                           "native/unicode.utf16.json",
                           "native/unicode.utf8.json",
                           "broken/bad_labels.json",
                           "broken/bad_spans.json",
                           "broken/bad_suggest.json",
                           "broken/binary.json",
                           "broken/deep_nesting.json",
                           "broken/duplicate_keys.json",
                           "broken/duplicates.json",
                           "broken/empty.json",
                           "broken/huge_numbers.json",
                           "broken/invalid_utf8.json",
                           "broken/missing_fields.json",
                           "broken/non_integer_offsets.json",
                           "broken/not_an_object.json",
                           "broken/number_overflow.json",
                           "broken/offset_past_end.json",
                           "broken/trailing_comma.json",
                           "broken/truncated.json",
                           "broken/unknown_label.json",
                           "broken/utf16_inside_surrogate.json",
                           "broken/utf8_inside_char.json",
                           "broken/whitespace.json",
                           "broken/wrong_entity_types.json",
                           "broken/wrong_format.json",
                           "broken/wrong_types.json"};
    for (const char* name : names) {
        bool found = false;
        const std::string input = read_fixture(name, &found);
        AA_REQUIRE_MESSAGE(found, name);
        const auto whole = outcome(aa::io::read("native", input));
        for (size_t slice : {size_t{1}, size_t{3}, size_t{17}, size_t{256}, size_t{1} << 30}) {
            CAPTURE(name);
            CAPTURE(slice);
            const Sliced s = read_sliced(input, slice);
            CHECK(outcome(s.result) == whole);
            CHECK(s.monotonic);
        }
    }
}

TEST_CASE("a large native file is read in many slices without falling back, the same document as at once") {
    const std::string input = generated(400);
    const aa::io::ReadResult whole = aa::io::read("native", input);
    AA_REQUIRE(whole.ok());
    for (size_t slice : {size_t{64}, size_t{1000}, size_t{4096}}) {
        CAPTURE(slice);
        const Sliced s = read_sliced(input, slice);
        CHECK_FALSE(s.fell_back);
        CHECK(s.steps >= input.size() / slice);  // each phase in pieces: never the whole file at once
        CHECK(s.monotonic);
        CHECK(outcome(s.result) == outcome(whole));
    }
}

TEST_CASE("errors in a late slice name the same line, column and path as the whole-file read") {
    const std::string good = generated(300);
    auto with = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const size_t at = s.rfind(from);
        CHECK(at != std::string::npos);
        if (at != std::string::npos) s.replace(at, from.size(), to);
        return s;
    };
    struct Case {
        const char* what;
        std::string input;
        bool falls_back;
    };
    const Case cases[] = {
        {"an unknown label in the last entity", with("\"label\": \"LOC\"", "\"label\": \"XYZ\""), false},
        {"an end past the text", with("\"end\": ", "\"end\": 99999999, \"x\": "), false},
        {"a duplicate key late", with("\"end\": ", "\"end\": 1, \"end\": "), true},
        {"a wrong type late", with("\"start\": ", "\"start\": \"7\", \"s\": "), false},
        {"text that does not match", with("\"text\": \"Zürich\"", "\"text\": \"Zurich\""), false},
        {"a trailing comma in the entities", with("}\n  ]", "},\n  ]"), true},
        {"a truncated last entity", good.substr(0, good.size() - 40), true},
        {"a syntax error inside the last entity", with("\"id\": ", "\"id\" "), true},
        {"a control character in the text", with("near ", "ne\x01r "), true},
        {"invalid UTF-8 at the end", good + "\xC3", true},
        {"an unknown field (a warning) in an entity", with("\"id\": ", "\"extra\": 1, \"id\": "), false},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.what));
        const aa::io::ReadResult whole = aa::io::read("native", c.input);
        CHECK_FALSE(described(whole).empty());
        for (size_t slice : {size_t{100}, size_t{4096}}) {
            CAPTURE(slice);
            const Sliced s = read_sliced(c.input, slice);
            CHECK(s.fell_back == c.falls_back);
            CHECK(outcome(s.result) == outcome(whole));
        }
    }
}

TEST_CASE("members in another order than the writer's read the same, sliced or not") {
    const std::string labels = R"("labels": [{"name": "PER", "color": "#ff0000"}])";
    const std::string entities = R"("entities": [{"id": "a", "start": 0, "end": 4, "label": "PER", "text": "José"}])";
    const std::string text = R"("text": "José went home")";
    const std::string head = R"({"format": "article-annotator", "version": 1, )";
    const std::string inputs[] = {
        head + entities + ", " + text + ", " + labels + "}",
        head + text + ", " + entities + ", " + labels + "}",
        head + labels + ", " + text + ", " + entities + ", \"te\\u0078t\": \"again\"}",
        head + "\"en\\u0074ities\": [], " + labels + ", " + text + ", " + entities + "}",
        head + labels + ", \"text\": 5, " + text + ", " + entities + "}",
        head + labels + ", " + text + ", \"entities\": {}, " + entities + "}",
        head + labels + ", " + text + ", \"entities\": [ ]}",
        head + labels + ", " + text + ", \"entities\": [1, \"x\", null, [2], {}]}",
    };
    for (const std::string& input : inputs) {
        CAPTURE(input);
        const auto whole = outcome(aa::io::read("native", input));
        for (size_t slice : {size_t{1}, size_t{9}, size_t{1} << 20})
            CHECK(outcome(read_sliced(input, slice).result) == whole);
    }
}

// Without "labels" before them (the labels derived from the entities, or declared after them), the
// whole-file read keeps every entity and checks them after the root's own checks; the sliced read
// runs the root's checks first and checks each entity as it is parsed (no record kept for each):
// the same messages in the same order, without falling back.
TEST_CASE(
    "a file without labels before its entities: checked as they are parsed, the same messages in the same order") {
    auto tree = nlohmann::ordered_json::parse(generated(300));
    const nlohmann::ordered_json labels = tree["labels"];
    tree.erase("labels");
    const std::string none = tree.dump(2);
    tree["labels"] = labels;  // declared after the entities
    const std::string after = tree.dump(2);
    auto with = [](std::string s, const std::string& from, const std::string& to) {
        const size_t at = s.rfind(from);
        CHECK(at != std::string::npos);
        if (at != std::string::npos) s.replace(at, from.size(), to);
        return s;
    };
    const std::string inputs[] = {
        none,
        after,
        // a root error and a root warning before the entities' errors, a warning among them
        with(with(with(none, "\"format\": \"article-annotator\"", "\"format\": \"other\", \"extra\": 1"),
                  "\"end\": ", "\"end\": 99999999, \"x\": "),
             "\"text\": \"Zürich\"", "\"text\": \"Zurich\""),
        with(with(after, "\"label\": \"LOC\"", "\"label\": \"XYZ\""), "\"title\": \"Generated\"", "\"title\": 5"),
        with(none, "\"label\": \"PER\"", "\"label\": \"\""),
    };
    for (const std::string& input : inputs) {
        const aa::io::ReadResult whole = aa::io::read("native", input);
        for (size_t slice : {size_t{100}, size_t{4096}}) {
            CAPTURE(slice);
            const Sliced s = read_sliced(input, slice);
            CHECK_FALSE(s.fell_back);
            CHECK(outcome(s.result) == outcome(whole));
        }
    }
    CHECK(aa::io::read("native", none).ok());
    CHECK(described(aa::io::read("native", inputs[2])).size() >= 4);
}

// The page's memory at a 10 MB import (issue 11 item 5): the file is given back before the
// document's room is taken when the read reported nothing; a message needs its position, so a file
// with one (a warning, an error) is held to the end. The result is the whole-file read's either way.
TEST_CASE("the file is given back once nothing can need a position in it; kept when a message was reported") {
    const std::string clean = generated(300);
    std::string warned = clean;
    warned.replace(warned.find("\"format\""), 0, "\"extra\": 1, ");
    for (const std::string* input : {&clean, static_cast<const std::string*>(&warned)}) {
        const aa::io::ReadResult whole = aa::io::read("native", *input);
        CHECK(whole.ok());
        for (size_t slice : {size_t{100}, size_t{4096}}) {
            CAPTURE(slice);
            aa::io::NativeReadRun run(*input);
            bool given_back_early = false;
            while (!run.step(slice)) given_back_early = given_back_early || run.input_held() == 0;
            CHECK_FALSE(run.fell_back());
            CHECK(run.input_size() == input->size());
            CHECK(outcome(run.result()) == outcome(whole));
            if (input == &clean) {
                CHECK(given_back_early);  // before the entities went into the document
                CHECK(run.input_held() == 0);
            } else {
                CHECK(whole.diagnostics.size() == 1);
                CHECK(run.input_held() == input->size());
            }
        }
    }
}

// The duplicate look-ups read the keys of the entities kept and copy only a refused entity's (issue
// 11 item 5: 5 MB of a 10 MB import's peak): a key first seen on an entity another check refused is
// still the first, past the table's growth (hundreds of entities), with or without labels before.
TEST_CASE("duplicates of an entity a check refused name it, as the first with that id or span") {
    std::string text;
    std::string entities;
    const size_t n = 700;
    for (size_t i = 0; i < n; ++i) {
        const size_t at = text.size();
        text += "word" + std::to_string(i % 10) + " ";
        // Every 7th entity is refused (its text does not match): its id and span still count first.
        const bool refused = i % 7 == 3;
        entities += std::string(i ? "," : "") + "{\"id\":\"e" + std::to_string(i) +
                    "\",\"start\":" + std::to_string(at) + ",\"end\":" + std::to_string(at + 5) +
                    ",\"label\":\"PER\",\"text\":\"" +
                    (refused ? std::string("nope!") : "word" + std::to_string(i % 10)) + "\"}";
    }
    // Then a duplicate id and a duplicate span of a refused entity, of a kept one, of an early one.
    auto again = [&](size_t id_of, size_t span_of) {
        const size_t at = span_of * 6;
        entities += ",{\"id\":\"e" + std::to_string(id_of) + "\",\"start\":" + std::to_string(at) +
                    ",\"end\":" + std::to_string(at + 5) + ",\"label\":\"PER\",\"text\":\"word" +
                    std::to_string(span_of % 10) + "\"}";
    };
    again(3, 650);    // entities[700]: id of refused entities[3] (its span is that of kept entities[650])
    again(5, 647);    // entities[701]: id of kept entities[5]; span of refused entities[647]
    again(689, 689);  // entities[702]: both of refused entities[689]
    for (const char* labels : {"", "\"labels\":[{\"name\":\"PER\",\"color\":\"#112233\"}],"}) {
        const std::string input = std::string("{\"format\":\"article-annotator\",\"version\":1,") + labels +
                                  "\"text\":\"" + text + "\",\"entities\":[" + entities + "]}";
        const aa::io::ReadResult whole = aa::io::read("native", input);
        const std::vector<std::string> got = described(whole);
        auto has = [&](const std::string& m) {
            return std::find_if(got.begin(), got.end(),
                                [&](const std::string& g) { return g.find(m) != std::string::npos; }) != got.end();
        };
        CHECK(has("entities[700].id: duplicate id \"e3\" (also entities[3])"));
        CHECK(has("entities[700]: duplicate of entities[650] (same start, end and label)"));
        CHECK(has("entities[701].id: duplicate id \"e5\" (also entities[5])"));
        CHECK(has("entities[701]: duplicate of entities[647] (same start, end and label)"));
        CHECK(has("entities[702].id: duplicate id \"e689\" (also entities[689])"));
        CHECK(has("entities[702]: duplicate of entities[689] (same start, end and label)"));
        CHECK(got.size() == n / 7 + 6);  // the refused texts, the six duplicates: nothing else
        for (size_t slice : {size_t{100}, size_t{4096}}) {
            CAPTURE(slice);
            CHECK(outcome(read_sliced(input, slice).result) == outcome(whole));
        }
    }
}
