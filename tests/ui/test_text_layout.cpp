// TextLayout: wrapping, line look-ups and hit-testing with a fixed-advance "font" (each code
// point is 10 px wide, so expected positions are easy to read).
#include <doctest/doctest.h>

#include <vector>

#include "ui/text_layout.hpp"

using namespace aa;
using namespace aa::ui;

namespace {
struct Mono {
    std::vector<float> table = std::vector<float>(0x3000, 10.0f);
    GlyphAdvances adv() const {
        GlyphAdvances a;
        a.table = table.data();
        a.size = table.size();
        a.fallback = 10.0f;
        return a;
    }
};
Text T(const char* s) { return Text::from_utf8(s).value(); }
LayoutMetrics width(float w) {
    LayoutMetrics m;
    m.wrap_width = w;
    m.row_height = 30;
    m.line_break_gap = 5;
    m.blank_line_height = 12;
    return m;
}
}  // namespace

TEST_CASE("a short line is one visual line that draws every character") {
    Mono f;
    Text t = T("Angela Merkel");
    TextLayout l;
    l.build(t, f.adv(), width(500));
    REQUIRE(l.line_count() == 1);
    CHECK(l.line(0).start == 0);
    CHECK(l.line(0).draw_end == 13);
    CHECK(l.line(0).byte_end == 13);
    CHECK(l.height() == 30);
}

TEST_CASE("words wrap at the last space that fits and the space hangs on the first line") {
    Mono f;
    Text t = T("aaa bbb ccc");  // 11 chars; 70 px fits "aaa bbb" (70) but not "aaa bbb c"
    TextLayout l;
    l.build(t, f.adv(), width(75));
    REQUIRE(l.line_count() == 2);
    CHECK(l.line(0).start == 0);
    CHECK(l.line(0).draw_end == 8);  // "aaa bbb " (trailing space kept, hanging)
    CHECK(l.line(1).start == 8);
    CHECK(l.line(1).draw_end == 11);
    CHECK(l.line(1).y == 30);
}

TEST_CASE("a word wider than the line is broken inside") {
    Mono f;
    Text t = T("abcdefghij");
    TextLayout l;
    l.build(t, f.adv(), width(45));  // 4 chars per line
    REQUIRE(l.line_count() == 3);
    CHECK(l.line(0).draw_end == 4);
    CHECK(l.line(1).start == 4);
    CHECK(l.line(2).start == 8);
    CHECK(l.line(2).draw_end == 10);
}

TEST_CASE("hard line breaks end lines; CRLF is one break; blank lines are short rows") {
    Mono f;
    Text t = T("ab\r\n\r\ncd\ne");
    TextLayout l;
    l.build(t, f.adv(), width(500));
    REQUIRE(l.line_count() == 4);
    CHECK(l.line(0).start == 0);
    CHECK(l.line(0).draw_end == 2);
    CHECK(l.line(1).start == 4);
    CHECK(l.line(1).draw_end == 4);
    CHECK(l.line(1).height == 12);
    CHECK(l.line(2).start == 6);
    CHECK(l.line(2).draw_end == 8);
    CHECK(l.line(3).start == 9);
    CHECK(l.line(3).draw_end == 10);
    CHECK(l.line(0).height == 35);  // row + paragraph gap after a hard break
    CHECK(l.line(3).height == 30);  // the last line has no break after it
    CHECK(l.height() == 35 + 12 + 35 + 30);
}

TEST_CASE("line_of and line_at_y find the line of an offset and of a y coordinate") {
    Mono f;
    Text t = T("aaa bbb ccc ddd");
    TextLayout l;
    l.build(t, f.adv(), width(75));
    REQUIRE(l.line_count() == 2);
    CHECK(l.line_of(0) == 0);
    CHECK(l.line_of(7) == 0);
    CHECK(l.line_of(8) == 1);  // a wrap point belongs to the next line
    CHECK(l.line_of(15) == 1);
    CHECK(l.line_at_y(-5) == 0);
    CHECK(l.line_at_y(29) == 0);
    CHECK(l.line_at_y(30) == 1);
    CHECK(l.line_at_y(1000) == 1);
}

TEST_CASE("x_of and hit agree, and hit rounds to the nearest caret position") {
    Mono f;
    Text t = T("“Paris” 🚀 x");
    TextLayout l;
    l.build(t, f.adv(), width(500));
    CHECK(l.x_of(t, 0, 0) == 0);
    CHECK(l.x_of(t, 0, 1) == 10);
    CHECK(l.x_of(t, 0, 9) == 90);
    CHECK(l.hit(t, 0, 14) == 1);
    CHECK(l.hit(t, 0, 16) == 2);
    CHECK(l.hit(t, 0, -3) == 0);
    CHECK(l.hit(t, 0, 1000) == 11);
    std::vector<float> xs;
    l.caret_xs(t, 0, xs);
    REQUIRE(xs.size() == 12);
    CHECK(xs[11] == 110);
}

TEST_CASE("a tab is as wide as four spaces and controls take no room") {
    Mono f;
    Text t = T("a\tb");
    TextLayout l;
    l.build(t, f.adv(), width(500));
    CHECK(l.x_of(t, 0, 2) == 50);
}

TEST_CASE("a span crossing a paragraph break maps onto both lines") {
    Mono f;
    Text t = T("one two\n\nthree");
    TextLayout l;
    l.build(t, f.adv(), width(500));
    // [4, 14) = "two\n\nthree": first on line 0, last on line 2.
    CHECK(l.line_of(4) == 0);
    CHECK(l.line_of(13) == 2);
}
