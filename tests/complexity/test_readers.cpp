// Complexity tests of the readers not covered by test_complexity.cpp (CoNLL, brat, XML, doccano,
// Prodigy), of the suggestion sources and of agreement: each at n and 2n, the ratio of the times
// checked (doubling.hpp). The inputs are the shapes that make a naive reader quadratic: one long
// document, spans nested inside one another (every span overlaps every other), one long line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/agreement.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "doubling.hpp"
#include "io/format.hpp"

using namespace aa;
using aa::complexity::check_doubling;

namespace {

// "w0 w1 w2 ...": n words; word i starts at word_start(i).
std::string words(size_t n) {
    std::string t;
    for (size_t i = 0; i < n; ++i) t += (i ? " w" : "w") + std::to_string(i);
    return t;
}

// n spans [i, 2n - i) over a text of 2n letters: n(n-1)/2 overlapping pairs.
struct Nested {
    std::string text;
    std::vector<std::pair<size_t, size_t>> spans;
};
Nested nested(size_t n) {
    Nested r{std::string(2 * n, 'a'), {}};
    for (size_t i = 0; i < n; ++i) r.spans.emplace_back(i, 2 * n - i);
    return r;
}

constexpr size_t kAny = static_cast<size_t>(-1);  // read_ok: some entities, however many

void read_ok(const char* format, const std::string& input, size_t entities, const Text* text = nullptr) {
    io::ReadOptions o;
    o.text = text;
    const io::ReadResult r = io::read(format, input, o);
    REQUIRE_MESSAGE(r.ok(), format << ": " << r.first_error());
    size_t got = 0;
    for (const Document& d : r.documents) got += d.entities().size();
    if (entities == kAny)
        REQUIRE(got > 0);
    else
        REQUIRE(got == entities);
}

Document document(const std::string& text, const std::vector<std::pair<size_t, size_t>>& spans,
                  const std::function<std::string(size_t)>& label) {
    auto t = Text::from_utf8(text);
    REQUIRE(t.ok());
    Document d(std::move(t.value()));
    for (size_t i = 0; i < spans.size(); ++i) {
        Entity e;
        e.id = "e" + std::to_string(i + 1);
        e.start = spans[i].first;
        e.end = spans[i].second;
        e.label = label(i);
        REQUIRE(d.insert_entity(std::move(e)).ok());
    }
    return d;
}

}  // namespace

TEST_CASE("CoNLL: n tokens of one long document, and n blank-line sentences") {
    const auto conll = [](size_t n, bool sentences) {
        std::string s;
        for (size_t i = 0; i < n; ++i) {
            s += "w" + std::to_string(i) + (i % 3 == 0 ? " B-PER\n" : i % 3 == 1 ? " I-PER\n" : " O\n");
            if (sentences) s += "\n";
        }
        return s;
    };
    for (bool sentences : {false, true}) {
        const std::string small = conll(40000, sentences), large = conll(80000, sentences);
        check_doubling(sentences ? "conll reader, n one-token sentences" : "conll reader, n tokens", 40000,
                       [&](size_t n) {
                           if (n == 40000 || n == 80000)
                               read_ok("conll", n == 80000 ? large : small, sentences ? kAny : (n + 2) / 3);
                       });
    }
}

TEST_CASE("brat: n nested text-bound annotations with notes and attributes") {
    const auto ann = [](size_t n) {
        const Nested x = nested(n);
        std::string s;
        for (size_t i = 0; i < n; ++i) {
            const std::string t = "T" + std::to_string(i + 1);
            s += t + "\tX " + std::to_string(x.spans[i].first) + " " + std::to_string(x.spans[i].second) + "\t" +
                 x.text.substr(x.spans[i].first, x.spans[i].second - x.spans[i].first) + "\n";
            s += "#" + std::to_string(i + 1) + "\tAnnotatorNotes " + t + "\tnote " + std::to_string(i) + "\n";
            s += "A" + std::to_string(i + 1) + "\tNegated " + t + "\n";
        }
        return s;
    };
    // Each line quotes its span's text, so m nested spans take ~m^2 bytes: the measure's n is the
    // input's size, m = sqrt(n) spans, so that doubling n doubles the bytes to read.
    const auto m_of = [](size_t n) { return static_cast<size_t>(std::sqrt(static_cast<double>(n))); };
    const size_t n0 = 9000000;
    const std::string small = ann(m_of(n0)), large = ann(m_of(2 * n0));
    auto ts = Text::from_utf8(nested(m_of(n0)).text), tl = Text::from_utf8(nested(m_of(2 * n0)).text);
    REQUIRE((ts.ok() && tl.ok()));
    check_doubling("brat reader, sqrt(n) nested spans, n bytes", n0, [&](size_t n) {
        if (n == n0) read_ok("brat", small, m_of(n), &*ts);
        if (n == 2 * n0) read_ok("brat", large, m_of(n), &*tl);
    });
}

TEST_CASE("brat: n flat annotations on n words") {
    const auto ann = [](size_t n) {
        std::string s;
        size_t pos = 0;
        for (size_t i = 0; i < n; ++i) {
            const std::string w = "w" + std::to_string(i);
            s += "T" + std::to_string(i + 1) + "\tX " + std::to_string(pos) + " " + std::to_string(pos + w.size()) +
                 "\t" + w + "\n";
            s += "#" + std::to_string(i + 1) + "\tAnnotatorNotes T" + std::to_string(i + 1) + "\tnote\n";
            pos += w.size() + 1;
        }
        return s;
    };
    const std::string small = ann(30000), large = ann(60000);
    auto ts = Text::from_utf8(words(30000)), tl = Text::from_utf8(words(60000));
    REQUIRE((ts.ok() && tl.ok()));
    check_doubling("brat reader, n flat spans", 30000, [&](size_t n) {
        if (n == 60000) read_ok("brat", large, n, &*tl);
        if (n == 30000) read_ok("brat", small, n, &*ts);
    });
}

TEST_CASE("XML: n elements in one document, and n elements nested 200 deep") {
    const auto flat = [](size_t n) {
        std::string s = "<DOC>";
        for (size_t i = 0; i < n; ++i)
            s += "<ENAMEX TYPE=\"PER\" NOTE=\"n" + std::to_string(i) + "\">w" + std::to_string(i) + "</ENAMEX> and ";
        return s + "</DOC>";
    };
    const auto deep = [](size_t n) {  // n / 200 stacks of 200 nested elements
        std::string s = "<DOC>";
        for (size_t k = 0; k < n / 200; ++k) {
            for (size_t i = 0; i < 200; ++i) s += "<ENAMEX TYPE=\"ORG\">a";
            for (size_t i = 0; i < 200; ++i) s += "b</ENAMEX>";
            s += " ";
        }
        return s + "</DOC>";
    };
    const std::string fs = flat(30000), fl = flat(60000), ds = deep(30000), dl = deep(60000);
    check_doubling("xml reader, n elements", 30000, [&](size_t n) {
        read_ok("xml", n == 60000 ? fl : n == 30000 ? fs : flat(n), n);
    });
    check_doubling("xml reader, n elements nested 200 deep", 30000, [&](size_t n) {
        read_ok("xml", n == 60000 ? dl : n == 30000 ? ds : deep(n), n / 200 * 200);
    });
}

TEST_CASE("doccano and Prodigy: one line holding n nested spans") {
    const auto doccano = [](size_t n) {
        const Nested x = nested(n);
        std::string s = "{\"text\": \"" + x.text + "\", \"label\": [";
        for (size_t i = 0; i < n; ++i)
            s += (i ? ", [" : "[") + std::to_string(x.spans[i].first) + ", " + std::to_string(x.spans[i].second) +
                 ", \"X\"]";
        return s + "]}\n";
    };
    const auto prodigy = [](size_t n) {
        const Nested x = nested(n);
        std::string s = "{\"text\": \"" + x.text + "\", \"spans\": [";
        for (size_t i = 0; i < n; ++i)
            s += (i ? ", {" : "{") + std::string("\"start\": ") + std::to_string(x.spans[i].first) +
                 ", \"end\": " + std::to_string(x.spans[i].second) + ", \"label\": \"X\"}";
        return s + "], \"answer\": \"accept\"}\n";
    };
    const std::string ds = doccano(20000), dl = doccano(40000), ps = prodigy(20000), pl = prodigy(40000);
    check_doubling("doccano reader, n nested spans", 20000, [&](size_t n) {
        read_ok("doccano", n == 40000 ? dl : n == 20000 ? ds : doccano(n), n);
    });
    check_doubling("prodigy reader, n nested spans", 20000, [&](size_t n) {
        read_ok("prodigy", n == 40000 ? pl : n == 20000 ? ps : prodigy(n), n);
    });
}

TEST_CASE("doccano and Prodigy: n lines of one span each") {
    const auto lines = [](size_t n, bool prodigy) {
        std::string s;
        for (size_t i = 0; i < n; ++i) {
            const std::string w = "w" + std::to_string(i);
            s += prodigy
                     ? "{\"text\": \"" + w +
                           " said\", \"spans\": [{\"start\": 0, \"end\": " + std::to_string(w.size()) +
                           ", \"label\": \"PER\"}], \"answer\": \"accept\"}\n"
                     : "{\"text\": \"" + w + " said\", \"label\": [[0, " + std::to_string(w.size()) + ", \"PER\"]]}\n";
        }
        return s;
    };
    for (bool prodigy : {false, true}) {
        const std::string small = lines(20000, prodigy), large = lines(40000, prodigy);
        check_doubling(prodigy ? "prodigy reader, n lines" : "doccano reader, n lines", 20000, [&](size_t n) {
            read_ok(prodigy ? "prodigy" : "doccano", n == 40000 ? large : n == 20000 ? small : lines(n, prodigy), n);
        });
    }
}

TEST_CASE("suggestions: names, a gazetteer, the known texts and the merge over n words") {
    const auto article = [](size_t n) {
        std::string t;
        for (size_t i = 0; i < n; ++i)
            t += (i % 7 == 0    ? "Name"
                  : i % 11 == 0 ? "Paris"
                                : "word") +
                 std::to_string(i % 500) + (i % 13 == 12 ? ". " : " ");
        return t;
    };
    Gazetteer g;
    for (size_t i = 0; i < 2000; ++i) g.entries.push_back({"Paris" + std::to_string(i % 500), "LOC"});
    for (size_t i = 0; i < 500; ++i)
        g.entries.push_back({"word" + std::to_string(i) + " Name" + std::to_string(i), "PER"});
    g.entries.erase(std::unique(g.entries.begin(), g.entries.end()), g.entries.end());
    auto ts = Text::from_utf8(article(40000)), tl = Text::from_utf8(article(80000));
    REQUIRE((ts.ok() && tl.ok()));
    WordLabels known;
    for (size_t i = 0; i < 500; i += 3) known.emplace("Name" + std::to_string(i), "PER");
    check_doubling("suggest: names + gazetteer + known + merge", 40000, [&](size_t n) {
        const Text& text = n == 80000 ? *tl : *ts;
        if (n != 40000 && n != 80000) return;
        NameOptions o;
        o.label = "PER";
        std::vector<std::vector<Suggestion>> sources{
            match_known(text, known), match_gazetteer(text, g), {}, suggest_names(text, o)};
        Document d(text);
        const std::vector<Suggestion> merged = merge_suggestions(d, sources);
        REQUIRE(!merged.empty());
    });
}

TEST_CASE("agreement: n nested spans against n other nested spans") {
    // Every span of A overlaps every span of B and none is equal: the pairing by overlap, the
    // other-label pairing and the token labels all meet the nesting.
    const auto pair = [](size_t n) {
        std::string text;
        for (size_t i = 0; i < n; ++i) text += "a ";
        std::vector<std::pair<size_t, size_t>> a, b;
        for (size_t i = 0; i < n / 2; ++i) {
            a.emplace_back(2 * i, 2 * n - 2 * i - 1);
            b.emplace_back(2 * i + 1, 2 * n - 2 * i - 1);
        }
        return std::make_pair(document(text, a, [](size_t i) { return i % 2 ? "PER" : "LOC"; }),
                              document(text, b, [](size_t i) { return i % 3 ? "PER" : "ORG"; }));
    };
    const auto small = pair(20000), large = pair(40000);
    check_doubling("agreement, n nested spans each side", 20000, [&](size_t n) {
        if (n != 20000 && n != 40000) return;
        const auto& [a, b] = n == 40000 ? large : small;
        auto r = compare_documents(a, b);
        REQUIRE(r.ok());
        REQUIRE(r->differences.size() == n / 2);
    });
}
