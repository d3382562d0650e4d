// Complexity tests (issue 12 item 4): each input that once took tens of seconds is run at two
// sizes, n and 2n, and the ratio of the times is checked: doubling must not quadruple the time.
// Each size takes the fastest of 3 runs so that a loaded machine does not fail it; the sizes
// put the larger run well above timer noise. Built in the release preset only (AA_SANITIZE off):
// ASan's per-allocation cost distorts the ratio of allocation-heavy readers.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/text.hpp"
#include "doubling.hpp"
#include "io/format.hpp"

using namespace aa;
using aa::complexity::check_doubling;

namespace {

std::string native_with_labels(size_t n) {
    std::string s = R"({"format":"article-annotator","version":1,"text":"Hello world.","labels":[)";
    for (size_t i = 0; i < n; ++i) s += (i ? ",{\"name\":\"L" : "{\"name\":\"L") + std::to_string(i) + "\"}";
    return s + R"(],"entities":[{"id":"e1","start":0,"end":5,"label":"L0","text":"Hello"}]})";
}

std::string words(size_t n) {
    std::string t;
    for (size_t i = 0; i < n; ++i) t += (i ? " w" : "w") + std::to_string(i);
    return t;
}

std::string w3c_quotes(size_t n) {
    std::string s = "[";
    for (size_t i = 0; i < n; ++i)
        s += std::string(i ? "," : "") +
             R"({"type":"Annotation","body":{"type":"TextualBody","value":"X","purpose":"tagging"},)" +
             R"("target":{"source":"doc","selector":{"type":"TextQuoteSelector","exact":"w)" + std::to_string(i) +
             R"(","prefix":")" + (i ? " " : "") + R"(","suffix":")" + (i + 1 < n ? " " : "") + R"("}}})";
    return s + "]";
}

// Every region one code point off, so that --repair re-anchors each by its text.
std::string label_studio_off_by_one(size_t n) {
    std::string s = R"([{"data":{"text":")" + words(n) + R"("},"annotations":[{"result":[)";
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i) {
        const std::string w = "w" + std::to_string(i);
        s += std::string(i ? "," : "") + R"({"id":"r)" + std::to_string(i) +
             R"(","from_name":"label","to_name":"text","type":"labels","value":{"start":)" + std::to_string(pos + 1) +
             ",\"end\":" + std::to_string(pos + 1 + w.size()) + R"(,"text":")" + w + R"(","labels":["X"]}})";
        pos += w.size() + 1;
    }
    return s + "]}]}]";
}

// n spans nested inside one another over a text of 2n characters: n(n-1)/2 overlapping pairs.
Document nested(size_t n) {
    std::string s = R"([[")" + std::string(2 * n, 'a') + R"(",{"entities":[)";
    for (size_t i = 0; i < n; ++i)
        s += std::string(i ? "," : "") + "[" + std::to_string(i) + "," + std::to_string(2 * n - i) + ",\"X\"]";
    io::ReadResult r = io::read("spacy", s + "]}]]");
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    return std::move(r.documents[0]);
}

}  // namespace

TEST_CASE("native: declared labels read in O(n log n)") {
    check_doubling("native reader, n declared labels", 40000, [](size_t n) {
        const std::string in = native_with_labels(n);
        REQUIRE(io::read("native", in).ok());
    });
}

TEST_CASE("W3C: n quote selectors matched in O(n log n)") {
    check_doubling("w3c reader, n quote selectors", 8000, [](size_t n) {
        auto text = Text::from_utf8(words(n));
        REQUIRE(text);
        io::ReadOptions o;
        o.text = &*text;
        const io::ReadResult r = io::read("w3c", w3c_quotes(n), o);
        REQUIRE_MESSAGE(r.ok(), r.first_error());
        REQUIRE(r.documents[0].entities().size() == n);
    });
}

TEST_CASE("Label Studio --repair re-anchors n regions in O(n log n)") {
    check_doubling("label-studio reader --repair, n regions", 4000, [](size_t n) {
        io::ReadOptions o;
        o.repair = true;
        const io::ReadResult r = io::read("label-studio", label_studio_off_by_one(n), o);
        REQUIRE_MESSAGE(r.ok(), r.first_error());
        REQUIRE(r.documents[0].entities().size() == n);
    });
}

TEST_CASE("writers: n nested spans in O(n log n)") {
    for (const char* format : {"spacy", "displacy", "doccano", "prodigy", "xml", "conll"}) {
        const Document small = nested(20000), large = nested(40000);
        const std::string what = std::string(format) + " writer, n nested spans";
        check_doubling(what.c_str(), 20000, [&](size_t n) {
            // Several writes per run: one takes a few milliseconds (CoNLL's, refusing the nesting, well
            // under one), too near the noise of a loaded machine.
            for (int k = 0, times = std::string_view(format) == "conll" ? 100 : 3; k < times; ++k) {
                const io::WriteResult w = io::write(format, n == 40000 ? large : small);
                REQUIRE(!w.output.empty());
            }
        });
    }
}

TEST_CASE("writers that quote entity text: n overlapping spans in O(n log n)") {
    // Each span [i, i + 50) overlaps 49 others; nested spans over a long stretch are refused
    // by kMaxQuotedTextBytes instead (tests/io/test_format.cpp).
    const auto staircase = [](size_t n) {
        std::string s = R"([[")" + std::string(n + 50, 'a') + R"(",{"entities":[)";
        for (size_t i = 0; i < n; ++i)
            s += std::string(i ? "," : "") + "[" + std::to_string(i) + "," + std::to_string(i + 50) + ",\"X\"]";
        io::ReadResult r = io::read("spacy", s + "]}]]");
        REQUIRE_MESSAGE(r.ok(), r.first_error());
        return std::move(r.documents[0]);
    };
    const Document small = staircase(20000), large = staircase(40000);
    for (const char* format : {"native", "brat", "w3c", "label-studio", "csv"}) {
        const std::string what = std::string(format) + " writer, n overlapping spans";
        check_doubling(what.c_str(), 20000, [&](size_t n) {
            const bool slow = std::string_view(format) == "w3c" || std::string_view(format) == "label-studio";
            for (int k = 0; k < (slow ? 1 : 3); ++k) {
                const io::WriteResult w = io::write(format, n == 40000 ? large : small);
                REQUIRE_MESSAGE(w.ok(), format);
            }
        });
    }
}
