// ArticleLayout with a deterministic fake text engine (every code point 10 px): paragraphs split
// at line breaks (CRLF one), heights estimated until a paragraph is visible, then exact; only the
// paragraphs in the asked-for range are laid out, even in a long article; lookups by y and offset;
// a forced direction reaches every paragraph.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ui/article_layout.hpp"

using namespace aa;
using namespace aa::ui;

namespace {

struct TenPx : TextEngine {
    int calls = 0;
    float width(std::u32string_view text, bool, TextStyle) override {
        ++calls;
        return 10.0f * static_cast<float>(text.size());
    }
};

Text T(const std::string& s) { return Text::from_utf8(s).value(); }

ArticleMetrics metrics() {
    ArticleMetrics m;
    m.wrap_width = 100;  // ten code points
    m.row_height = 30;
    m.line_break_gap = 5;
    m.blank_line_height = 12;
    m.estimate_advance = 5;  // half the real advance: estimates are too low until laid out
    return m;
}

}  // namespace

TEST_CASE("an article is split into paragraphs at line breaks, CRLF being one") {
    TenPx e;
    MeasureCache cache(e);
    const Text text = T("aaa\r\nbb\n\ncc");
    ArticleLayout a;
    a.build(text, cache, metrics(), bidi::Direction::Auto);
    REQUIRE(a.paragraph_count() == 4);
    CHECK(a.paragraph(0).start == 0);
    CHECK(a.paragraph(0).end == 3);
    CHECK(a.paragraph(1).start == 5);
    CHECK(a.paragraph(1).end == 7);
    CHECK(a.paragraph(2).start == 8);
    CHECK(a.paragraph(2).end == 8);
    CHECK(a.paragraph(3).start == 9);
    CHECK(a.paragraph(3).end == 11);
    CHECK_FALSE(a.paragraph(3).hard_break);
    CHECK(a.paragraph_of(4) == 0);  // the LF of the CRLF belongs to the paragraph it ends
    CHECK(a.paragraph_of(8) == 2);
    CHECK(a.paragraph_of(11) == 3);
    CHECK(e.calls == 0);  // nothing measured before anything is visible
    CHECK(a.height() == 35 + 35 + 12 + 30);
}

TEST_CASE("a visible paragraph is laid out exactly and moves only the paragraphs after it") {
    TenPx e;
    MeasureCache cache(e);
    // Paragraph 0: 24 code points in words of 4 -> estimated 2 lines (120 px / 100), exactly 3.
    const Text text = T("abcd abcd abcd abcd abcd\nxy\nzz");
    ArticleLayout a;
    a.build(text, cache, metrics(), bidi::Direction::Auto);
    CHECK(a.paragraph(0).height == 2 * 30 + 5);
    CHECK(a.paragraph(1).y == 65);
    CHECK(a.ensure(0, 10) == 1);
    CHECK(a.paragraph(0).exact);
    CHECK(a.layout(0).line_count() == 3);
    CHECK(a.paragraph(0).height == 3 * 30 + 5);
    CHECK(a.paragraph(1).y == 95);
    CHECK(a.paragraph(2).y == 95 + 35);
    CHECK_FALSE(a.paragraph(1).exact);
    CHECK(a.paragraph_at_y(94) == 0);
    CHECK(a.paragraph_at_y(95) == 1);
    CHECK(a.paragraph_at_y(-5) == 0);
    CHECK(a.paragraph_at_y(1e6f) == 2);
    CHECK(a.line_y(0, 2) == 60);
    CHECK(a.ensure(0, 10) == 0);  // already exact
}

TEST_CASE("ensure lays out only the paragraphs in range of a long article") {
    TenPx e;
    MeasureCache cache(e);
    std::string s;
    for (int i = 0; i < 20000; ++i) s += "lorem ipsum dolor sit amet " + std::to_string(i) + "\n";
    const Text text = T(s);
    ArticleLayout a;
    a.build(text, cache, metrics(), bidi::Direction::Auto);
    REQUIRE(a.paragraph_count() == 20001);
    const float top = a.height() / 2;
    const size_t laid = a.ensure(top, top + 600);
    CHECK(laid >= 1);
    CHECK(laid <= 8);  // 600 px of rows of 30 px, at least 2 rows a paragraph
    CHECK(a.exact_count() == laid);
    for (size_t i = a.paragraph_at_y(top); i < a.paragraph_count() && a.paragraph(i).y < top + 600; ++i)
        CHECK(a.paragraph(i).exact);
    CHECK_FALSE(a.paragraph(0).exact);
    CHECK_FALSE(a.paragraph(20000).exact);
}

TEST_CASE("a forced direction reaches every paragraph") {
    TenPx e;
    MeasureCache cache(e);
    const Text text = T("abc\nxyz");
    ArticleLayout a;
    a.build(text, cache, metrics(), bidi::Direction::RTL);
    CHECK(a.layout(0).rtl());
    CHECK(a.layout(1).rtl());
    a.build(text, cache, metrics(), bidi::Direction::Auto);
    CHECK_FALSE(a.layout(1).rtl());
    CHECK(a.layout(1).text() == U"xyz");
}

TEST_CASE("paragraphs split from the text's line index match a walk over every code point") {
    // The reference: every \n, \r or \r\n ends a paragraph (the break excluded); the text after the
    // last one is the last paragraph, empty after a final break.
    const char* pieces[] = {"a", "é", "中", "😀", "\n", "\r", "\r\n", " "};
    unsigned seed = 7;
    for (int round = 0; round < 300; ++round) {
        std::string s;
        const int len = round % 23;
        for (int i = 0; i < len; ++i) {
            seed = seed * 1103515245u + 12345u;
            s += pieces[(seed >> 16) % 8];
        }
        const Text text = T(s);
        std::vector<ArticleParagraph> want;
        const std::u32string u = [&] {
            std::u32string r;
            for (size_t i = 0; i < text.size(); ++i) r.push_back(text.at(i));
            return r;
        }();
        size_t start = 0;
        for (size_t cp = 0; cp < u.size(); ++cp) {
            if (u[cp] != '\n' && u[cp] != '\r') continue;
            ArticleParagraph p;
            p.start = static_cast<uint32_t>(start);
            p.end = static_cast<uint32_t>(cp);
            p.hard_break = true;
            if (u[cp] == '\r' && cp + 1 < u.size() && u[cp + 1] == '\n') ++cp;
            want.push_back(p);
            start = cp + 1;
        }
        ArticleParagraph last;
        last.start = static_cast<uint32_t>(start);
        last.end = static_cast<uint32_t>(u.size());
        want.push_back(last);

        TenPx e;
        MeasureCache cache(e);
        ArticleLayout a;
        a.build(text, cache, metrics(), bidi::Direction::Auto);
        CAPTURE(s);
        REQUIRE(a.paragraph_count() == want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            CAPTURE(i);
            CHECK(a.paragraph(i).start == want[i].start);
            CHECK(a.paragraph(i).end == want[i].end);
            CHECK(a.paragraph(i).hard_break == want[i].hard_break);
        }
    }
}

TEST_CASE("the end of a long article, reached first, is laid out and hit-tested exactly; nothing above it is") {
    TenPx e;
    MeasureCache cache(e);
    std::string s;
    for (int i = 0; i < 5000; ++i) s += "中文 العربية word " + std::to_string(i) + "\r\n";
    s += "ab cd";  // the last paragraph: 5 code points, 50 px
    const Text text = T(s);
    ArticleLayout a;
    a.build(text, cache, metrics(), bidi::Direction::Auto);
    REQUIRE(a.paragraph_count() == 5001);
    const size_t last = a.paragraph_count() - 1;
    CHECK(a.paragraph_of(text.size()) == last);
    CHECK(a.paragraph_of(text.size() - 5) == last);
    CHECK(a.paragraph_of(text.size() - 6) == last - 1);  // the CRLF's LF ends the paragraph before
    // Scroll straight to the bottom: only the paragraphs there are laid out. Exact heights push the
    // paragraphs after them down, so the view asks again next frame, as it does while pinned there.
    size_t laid = 0;
    for (int frame = 0; frame < 10 && !a.paragraph(last).exact; ++frame)
        laid += a.ensure(a.height() - 300, a.height() + 1);
    CHECK(laid >= 1);
    CHECK(laid <= 40);
    CHECK(a.exact_count() == laid);
    CHECK(a.paragraph(last).exact);
    CHECK_FALSE(a.paragraph(0).exact);
    CHECK_FALSE(a.paragraph(last / 2).exact);
    ParagraphLayout& pl = a.layout(last);
    REQUIRE(pl.line_count() == 1);
    CHECK(pl.hit(0, 1000) == 5);  // past the end of the text: its end
    CHECK(pl.hit(0, 22) == 2);    // the nearest boundary to 22 px is after "ab"
    CHECK(pl.caret_x(5) == 50);
    CHECK(pl.boxes(0, 3, 5) == std::vector<Box>{{30, 50}});  // "cd", a highlight at the very end
    CHECK(a.line_at(last, a.paragraph(last).y + 1) == 0);
    // A paragraph far above, asked for directly (a jump to an entity there), is laid out alone.
    ParagraphLayout& mid = a.layout(last / 2);
    CHECK(mid.text().substr(0, 2) == U"中文");
    CHECK(mid.line_count() >= 1);
    CHECK(a.exact_count() == laid);  // laid out but not placed exactly until ensure reaches it
}
