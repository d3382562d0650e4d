// ParagraphLayout with a deterministic fake text engine: every grapheme cluster is 10 px wide
// (20 px for emoji and ideographs), so visual positions are easy to read. Covers a mixed
// Arabic + English + digits line (visual order, the boxes of a span across the direction change,
// a hit test at every cluster boundary), a right-aligned right-to-left paragraph, the direction
// override, an emoji ZWJ sequence that is never split, UAX #14 wrapping and the word cache.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/segment.hpp"
#include "core/unicode.hpp"
#include "ui/run_layout.hpp"

using namespace aa;
using namespace aa::ui;

namespace {

struct FakeEngine : TextEngine {
    int calls = 0;
    // A bold cluster is 2 px wider, as a bold face is wider than its regular one.
    float width(std::u32string_view text, bool, TextStyle style) override {
        ++calls;
        const float bold = style == TextStyle::Bold ? 2.0f : 0.0f;
        const std::vector<bool> b = seg::grapheme_boundaries(text);
        float w = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            if (!b[i] || text[i] == 0x200D) continue;  // a ZWJ alone (a joining hint) has no width
            const bool wide = unicode::is_extended_pictographic(text[i]) || unicode::is_ideograph(text[i]);
            w += (wide ? 20.0f : 10.0f) + bold;
        }
        return w;
    }
};

std::u32string U(const char* utf8) { return seg::to_utf32(utf8); }

// Random mixed-direction text from a fixed seed (a linear congruential generator): Latin, Arabic,
// digits, Hebrew, a hyphen, ideographs, a combining mark, the test's own `word` and an emoji.
struct RandomText {
    uint32_t seed;
    const char* word;
    // A number below n.
    uint32_t operator()(uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    }
    // n random words, each followed by a space or, one time in four, by `other`.
    std::string text(uint32_t n, const char* other) {
        const char* words[] = {"abc",
                               "\xD8\xB3\xD9\x84\xD9\x85",
                               "123",
                               "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
                               "de-f",
                               "\xE4\xB8\x9C\xE4\xBA\xAC",
                               "x\xCC\x81y",
                               word,
                               "\xF0\x9F\x98\x80"};
        std::string out;
        for (uint32_t i = 0; i < n; ++i) {
            out += words[(*this)(9)];
            out += (*this)(4) ? " " : other;
        }
        return out;
    }
};

// The runs of line 0 as "start-end:level@x+width", left to right.
std::string describe(ParagraphLayout& p, size_t line = 0) {
    std::string out;
    for (const Run& r : p.runs(line)) {
        if (!out.empty()) out += ' ';
        out += std::to_string(r.start) + "-" + std::to_string(r.end) + ":" + std::to_string(r.level) + "@" +
               std::to_string(static_cast<int>(r.x)) + "+" + std::to_string(static_cast<int>(r.width));
    }
    return out;
}

}  // namespace

// "abc سلم 123 def": the Arabic word and the number after it (AN by W2) read right to left.
// Logical: a0 b1 c2 _3 س4 ل5 م6 _7 1(8) 2(9) 3(10) _11 d12 e13 f14
TEST_CASE("a mixed Arabic, English and digits line is in visual order") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    p.build(U("abc \xD8\xB3\xD9\x84\xD9\x85 123 def"), cache, 500, bidi::Direction::Auto);
    CHECK_FALSE(p.rtl());
    REQUIRE(p.line_count() == 1);
    // abc_ | 123 (level 2) | _سلم (level 1, reversed) | _def
    CHECK(describe(p) == "0-4:0@0+40 8-11:2@40+30 4-8:1@70+40 11-15:0@110+40");
    // The first Arabic letter is at the right of its run; the digits read left to right.
    CHECK(p.cluster_box(4) == Box{100, 110});
    CHECK(p.cluster_box(6) == Box{80, 90});
    CHECK(p.cluster_box(8) == Box{40, 50});
    CHECK(p.cluster_box(7) == Box{70, 80});
}

TEST_CASE("a span that crosses the direction change is several boxes on one line") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    p.build(U("abc \xD8\xB3\xD9\x84\xD9\x85 123 def"), cache, 500, bidi::Direction::Auto);
    // "c سل": c and the space at the left, the first two Arabic letters at the right of their run.
    CHECK(p.boxes(0, 2, 6) == std::vector<Box>{{20, 40}, {90, 110}});
    // "سلم 123": the whole right-to-left stretch is one box (the runs touch).
    CHECK(p.boxes(0, 4, 11) == std::vector<Box>{{40, 110}});
    // "123 d": digits, then the space and d of the last run.
    CHECK(p.boxes(0, 8, 13) == std::vector<Box>{{40, 70}, {110, 130}});
    // The whole line is one box.
    CHECK(p.boxes(0, 0, 15) == std::vector<Box>{{0, 150}});
}

TEST_CASE("a hit test at every cluster boundary of the mixed line") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    p.build(U("abc \xD8\xB3\xD9\x84\xD9\x85 123 def"), cache, 500, bidi::Direction::Auto);
    // Near each cluster's leading edge the hit is its start; near its trailing edge, its end.
    for (const Run& r : p.runs(0)) {
        for (size_t k = 0; k + 1 < r.bounds.size(); ++k) {
            const size_t cp = r.bounds[k];
            const Box b = p.cluster_box(cp);
            const float leading = r.rtl() ? b.x1 - 2 : b.x0 + 2;
            const float trailing = r.rtl() ? b.x0 + 2 : b.x1 - 2;
            CAPTURE(cp);
            CHECK(p.hit(0, leading) == cp);
            CHECK(p.hit(0, trailing) == r.bounds[k + 1]);
            CHECK(p.caret_x(cp) == doctest::Approx(r.rtl() ? b.x1 : b.x0));
        }
    }
    // Past the edges: the visual ends of the line.
    CHECK(p.hit(0, -5) == 0);
    CHECK(p.hit(0, 400) == 15);
}

TEST_CASE("a right-to-left paragraph is right-aligned, line by line") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    // "שלום עולם זה" (Hebrew) wrapped at 60 px: "שלום " / "עולם " / "זה" (spaces hang).
    p.build(U("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D \xD7\x96\xD7\x94"), cache, 60,
            bidi::Direction::Auto);
    CHECK(p.rtl());
    REQUIRE(p.line_count() == 3);
    CHECK(p.line(0).start == 0);
    CHECK(p.line(0).end == 5);
    CHECK(p.line(0).width == 40);
    CHECK(p.line(0).trailing == 10);
    CHECK(p.line(1).start == 5);
    CHECK(p.line(2).start == 10);
    // Each line's text ends at the right edge; the trailing space is left of the word.
    CHECK(describe(p, 0) == "0-5:1@10+50");
    CHECK(p.cluster_box(0) == Box{50, 60});
    CHECK(p.cluster_box(3) == Box{20, 30});
    CHECK(p.cluster_box(4) == Box{10, 20});
    CHECK(p.cluster_box(5) == Box{50, 60});
    CHECK(describe(p, 2) == "10-12:1@40+20");
    CHECK(p.cluster_box(11) == Box{40, 50});
    CHECK(p.hit(1, 59) == 5);
    CHECK(p.hit(1, 0) == 10);
    CHECK(p.hit(2, 42) == 12);
    CHECK(p.caret_x(12) == 40);  // the end of the paragraph: the left edge of its last letter
}

TEST_CASE("the base direction: first strong character, or forced") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    const std::u32string mixed = U("123 \xD8\xB3\xD9\x84\xD9\x85 abc");  // digits, Arabic, Latin
    p.build(mixed, cache, 200, bidi::Direction::Auto);
    CHECK(p.rtl());  // the first strong character is Arabic (P2-P3 skip the digits)
    CHECK(p.runs(0).back().x + p.runs(0).back().width == 200);
    p.build(mixed, cache, 200, bidi::Direction::LTR);
    CHECK_FALSE(p.rtl());
    CHECK(p.runs(0).front().x == 0);
    CHECK(describe(p) == "0-4:0@0+40 4-7:1@40+30 7-11:0@70+40");
    p.build(U("abc def"), cache, 200, bidi::Direction::RTL);
    CHECK(p.rtl());
    CHECK(describe(p) == "0-7:2@130+70");
}

TEST_CASE("an emoji ZWJ sequence is one cluster: never split by hits, boxes or wrapping") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    // "a👨‍👩‍👧b": the family is 5 code points [1, 6), one 20 px cluster.
    const std::u32string s =
        U("a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
          "b");
    REQUIRE(s.size() == 7);
    p.build(s, cache, 500, bidi::Direction::Auto);
    CHECK(p.cluster_box(3) == Box{10, 30});
    CHECK(p.boxes(0, 2, 4) == std::vector<Box>{{10, 30}});
    for (float x = 10; x <= 30; x += 1) {
        const size_t h = p.hit(0, x);
        CHECK((h == 1 || h == 6));
    }
    CHECK(p.caret_x(3) == 10);
    // In a right-to-left paragraph too (the ZWJ is a boundary neutral with a level of its own).
    p.build(U("\xD7\xA9 ") + s.substr(1, 5) + U(" \xD7\xA9"), cache, 500, bidi::Direction::Auto);
    REQUIRE(p.rtl());
    for (const Run& r : p.runs(0))
        for (uint32_t b : r.bounds) CHECK((b <= 2 || b >= 7));
    // Wrapping a line narrower than the emoji still keeps it whole.
    p.build(s, cache, 15, bidi::Direction::Auto);
    REQUIRE(p.line_count() == 3);
    CHECK(p.line(1).start == 1);
    CHECK(p.line(1).end == 6);
}

TEST_CASE("lines break only at UAX #14 opportunities, and each distinct word is measured once") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    // No break before "!" or after "("; "pre-warfare" may break after the hyphen.
    p.build(U("see (this)! pre-warfare"), cache, 80, bidi::Direction::Auto);
    std::vector<std::pair<uint32_t, uint32_t>> lines;
    for (size_t i = 0; i < p.line_count(); ++i) lines.push_back({p.line(i).start, p.line(i).end});
    CHECK(lines == std::vector<std::pair<uint32_t, uint32_t>>{{0, 4}, {4, 12}, {12, 16}, {16, 23}});
    const int calls = e.calls;
    p.build(U("see (this)! pre-warfare"), cache, 80, bidi::Direction::Auto);
    CHECK(e.calls == calls);   // every segment width came from the cache
    CHECK(cache.size() == 5);  // "see", " ", "(this)!", "pre-", "warfare"
}

// Guidelines' **bold** (issue 16): a style per code point; a run holds one style and is measured in
// it (the fake's bold clusters are 12 px), so the bold word is wider, and in a right-to-left line the
// styled runs keep their visual order.
TEST_CASE("styled text: a bold word is its own run, measured in the bold face") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    const std::u32string text = U("go bold now");
    std::vector<TextStyle> styles(text.size(), TextStyle::Regular);
    for (size_t i = 3; i < 7; ++i) styles[i] = TextStyle::Bold;
    p.build(text, cache, 500, bidi::Direction::Auto, styles);
    REQUIRE(p.line_count() == 1);
    CHECK(describe(p) == "0-3:0@0+30 3-7:0@30+48 7-11:0@78+40");
    CHECK(p.runs(0)[1].style == TextStyle::Bold);
    CHECK(p.runs(0)[0].style == TextStyle::Regular);
    CHECK(p.caret_x(5) == 30 + 24);
    CHECK(p.line(0).width == 118);
    // Wrapped by the bold widths: "go bold" is 78 px, so at 75 px "bold" goes to line 2.
    p.build(text, cache, 75, bidi::Direction::Auto, styles);
    REQUIRE(p.line_count() == 3);
    CHECK(p.line(1).start == 3);
    // Right to left: "שלום **עולם**": the bold word is the left run.
    const std::u32string he = U("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D");
    std::vector<TextStyle> hs(he.size(), TextStyle::Regular);
    for (size_t i = 5; i < he.size(); ++i) hs[i] = TextStyle::Bold;
    p.build(he, cache, 500, bidi::Direction::Auto, hs);
    REQUIRE(p.rtl());
    CHECK(describe(p) == "5-9:1@402+48 0-5:1@450+50");
    // No styles at all: one regular run, as before.
    p.build(text, cache, 500, bidi::Direction::Auto);
    CHECK(describe(p) == "0-11:0@0+110");
}

// Issue 11 item 3 (the first frame of a new document): drawing a line needs each run's width, not the
// x of every cluster boundary; those are measured when a caret, a highlight's edge or a hit test asks.
// On the old layout the line's runs measured every suffix (a hundred calls for a hundred clusters).
TEST_CASE("a line's runs are one measure each; a boundary's x is measured when asked for") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    std::u32string text;
    for (int i = 0; i < 40; ++i) text += U("word ");  // 200 clusters, one left-to-right run
    p.build(text, cache, 5000, bidi::Direction::Auto);
    REQUIRE(p.line_count() == 1);
    int calls = e.calls;
    REQUIRE(p.runs(0).size() == 1);
    CHECK(e.calls - calls == 1);  // the run's width only
    CHECK(p.runs(0)[0].width == 2000);
    CHECK(p.runs(0)[0].bounds.size() == 201);
    calls = e.calls;
    CHECK(p.caret_x(12) == 120);
    CHECK(e.calls - calls == 1);
    CHECK(p.boxes(0, 20, 24) == std::vector<Box>{{200, 240}});
    CHECK(e.calls - calls == 3);  // the box's two edges
    CHECK(p.caret_x(12) == 120);
    CHECK(p.boxes(0, 20, 24) == std::vector<Box>{{200, 240}});
    CHECK(e.calls - calls == 3);  // measured once, then kept
    CHECK(p.measured_runs(0)[0].xs[199] == 1990);
    CHECK(e.calls - calls == 3 + 196);  // the rest: 201 boundaries less the two ends and the three asked
}

// The lazily measured boundaries are the ones measured all at once: carets, boxes and hits of
// random mixed-direction text agree between a layout asked first and one measured whole first.
TEST_CASE("boundaries measured when asked for equal the boundaries measured all at once") {
    FakeEngine e;
    MeasureCache cache(e);
    RandomText rnd{12345, "(g)"};
    for (int round = 0; round < 30; ++round) {
        const std::string utf8 = rnd.text(5 + rnd(40), ", ");
        const std::u32string text = U(utf8.c_str());
        const float wrap = static_cast<float>(60 + rnd(300));
        ParagraphLayout lazy, whole;
        lazy.build(text, cache, wrap, bidi::Direction::Auto);
        whole.build(text, cache, wrap, bidi::Direction::Auto);
        for (size_t li = 0; li < whole.line_count(); ++li) whole.measured_runs(li);
        CAPTURE(utf8);
        for (int q = 0; q < 40; ++q) {
            const size_t a = rnd(static_cast<uint32_t>(text.size() + 1)), b = a + rnd(12);
            const size_t li = lazy.line_of(a);
            switch (rnd(3)) {
                case 0: CHECK(lazy.caret_x(a) == whole.caret_x(a)); break;
                case 1: CHECK(lazy.boxes(li, a, b) == whole.boxes(li, a, b)); break;
                default: {
                    const float x = static_cast<float>(rnd(static_cast<uint32_t>(wrap) + 20)) - 10;
                    CHECK(lazy.hit(li, x) == whole.hit(li, x));
                }
            }
        }
        for (size_t li = 0; li < whole.line_count(); ++li) {
            const std::vector<Run>& l = lazy.measured_runs(li);
            const std::vector<Run>& w = whole.runs(li);
            REQUIRE(l.size() == w.size());
            for (size_t k = 0; k < l.size(); ++k) {
                CHECK(l[k].xs == w[k].xs);
                CHECK(l[k].width == w[k].width);
                CHECK(l[k].x == w[k].x);
            }
        }
    }
}

// A hit test measures the boundaries around x, not every boundary of the run under it: on the old
// layout a click on a line of 200 clusters measured all 199 of them the first time. The answer is
// the nearest boundary, the first one on a tie, as a scan of every measured boundary finds it.
TEST_CASE("a hit test measures a few boundaries and finds the nearest") {
    FakeEngine e;
    MeasureCache cache(e);
    ParagraphLayout p;
    std::u32string text;
    for (int i = 0; i < 40; ++i) text += U("word ");  // 200 clusters, one left-to-right run
    p.build(text, cache, 5000, bidi::Direction::Auto);
    REQUIRE(p.runs(0).size() == 1);
    const int calls = e.calls;
    CHECK(p.hit(0, 1234) == 123);
    CHECK(e.calls - calls <= 30);  // suffixes measured (the old hit: 199)
}

TEST_CASE("hits that measure a few boundaries agree with the nearest of them all") {
    FakeEngine e;
    MeasureCache cache(e);
    // Zero-width clusters (a ZWJ alone, controls) put several boundaries at one x.
    RandomText rnd{777, "\xE2\x80\x8D\xE2\x80\x8D"};
    for (int round = 0; round < 40; ++round) {
        const std::string utf8 = rnd.text(5 + rnd(60), "");
        const std::u32string text = U(utf8.c_str());
        const float wrap = static_cast<float>(80 + rnd(600));
        ParagraphLayout lazy, whole;
        lazy.build(text, cache, wrap, bidi::Direction::Auto);
        whole.build(text, cache, wrap, bidi::Direction::Auto);
        CAPTURE(utf8);
        for (int q = 0; q < 40; ++q) {
            const size_t li = rnd(static_cast<uint32_t>(whole.line_count()));
            const float x = static_cast<float>(rnd(static_cast<uint32_t>(wrap) * 4 + 80)) * 0.25f - 10;
            // The scan: the nearest boundary of the run under x, the first on a tie.
            const std::vector<Run>& rs = whole.measured_runs(li);
            size_t want = whole.hit(li, x);
            for (const Run& r : rs) {
                if (x <= rs.front().x || x >= rs.back().x + rs.back().width || x < r.x || x > r.x + r.width) continue;
                size_t best = 0;
                for (size_t k = 1; k < r.xs.size(); ++k)
                    if (std::fabs(r.xs[k] - x) < std::fabs(r.xs[best] - x)) best = k;
                want = r.bounds[best];
                break;
            }
            CHECK(lazy.hit(li, x) == want);
        }
    }
}
