// The article view on the run layout (issue 10), headless with Dear ImGui's font as the text engine:
// a mixed Hebrew and English line in visual order, an entity across the direction change drawn as
// two boxes, a drag over right-to-left text selecting what is under the mouse, a right-aligned
// right-to-left paragraph, an emoji ZWJ sequence that no drag splits.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "core/segment.hpp"
#include "headless.hpp"
#include "io/session.hpp"

using namespace aa;
using aa::test::Harness;

namespace {

// "The city of ירושלים is old.": the Hebrew word is code points [12, 19).
const char* kMixed = "The city of \xD7\x99\xD7\xA8\xD7\x95\xD7\xA9\xD7\x9C\xD7\x99\xD7\x9D is old.";

ui::Rect box(Harness& h, size_t cp) {
    auto r = h.app.caret_rect(cp);
    REQUIRE(r.has_value());
    return *r;
}

// Drags between two screen points, with Alt (no word snapping) when `precise`.
void drag_points(Harness& h, ImVec2 a, ImVec2 b, bool precise) {
    ImGuiIO& io = ImGui::GetIO();
    if (precise) io.AddKeyEvent(ImGuiMod_Alt, true);
    h.move(a);
    h.press();
    h.move(ImVec2((a.x + b.x) * 0.5f, a.y));
    h.move(b);
    h.release();
    if (precise) io.AddKeyEvent(ImGuiMod_Alt, false);
    h.frame();
}

const Entity* only_entity(const Document& d) {
    return d.entities().size() == 1 ? &d.entities().get(d.entities().ordered().front()) : nullptr;
}

}  // namespace

TEST_CASE("article view: a mixed Hebrew and English line is drawn in visual order, hit-tested by cluster") {
    Harness h;
    REQUIRE(h.app.set_text(kMixed).ok());
    h.frames(2);
    // Left to right: "The city of ", then the Hebrew word with its first letter rightmost, then " is old."
    const float of_end = box(h, 10).x + box(h, 10).width;
    const float is_start = box(h, 20).x;
    for (size_t cp = 12; cp < 19; ++cp) {
        CHECK(box(h, cp).x >= of_end);
        CHECK(box(h, cp).x + box(h, cp).width <= is_start + 0.01f);
        if (cp > 12) CHECK(box(h, cp).x + box(h, cp).width == doctest::Approx(box(h, cp - 1).x));
    }
    CHECK(box(h, 0).x < box(h, 19).x);
}

TEST_CASE("article view: dragging over right-to-left text selects what is under the mouse (Alt: clusters)") {
    Harness h;
    REQUIRE(h.app.set_text(kMixed).ok());
    h.frames(2);
    // From the right edge of the word's first letter (its start) leftwards to the left edge of its
    // third letter: the first three letters, [12, 15).
    const ui::Rect first = box(h, 12), third = box(h, 14);
    drag_points(h, ImVec2(first.x + first.width - 0.5f, first.y + first.height * 0.5f),
                ImVec2(third.x + 0.5f, third.y + third.height * 0.5f), true);
    h.key(ImGuiKey_1);
    const Entity* e = only_entity(h.app.editor().doc());
    REQUIRE(e != nullptr);
    CHECK(e->start == 12);
    CHECK(e->end == 15);
    // Snapped to words (no Alt), the same drag gives the whole word.
    h.key(ImGuiKey_Z, true);
    drag_points(h, ImVec2(first.x + first.width - 0.5f, first.y + first.height * 0.5f),
                ImVec2(third.x + 0.5f, third.y + third.height * 0.5f), false);
    h.key(ImGuiKey_1);
    e = only_entity(h.app.editor().doc());
    REQUIRE(e != nullptr);
    CHECK(e->start == 12);
    CHECK(e->end == 19);
}

TEST_CASE("article view: an entity across the direction change is drawn as two boxes on one line") {
    Harness h;
    REQUIRE(h.app.set_text(kMixed).ok());
    auto id = h.app.editor().add_entity(9, 15, "LOC");  // "of ירו"
    REQUIRE(id.ok());
    h.frames(2);
    const std::vector<ui::Rect> r = h.app.highlight_rects(id.value());
    REQUIRE(r.size() == 2);
    CHECK(r[0].y == r[1].y);
    // "of " on the left, then the first three Hebrew letters at the right end of the Hebrew word,
    // with the rest of the word ([15, 19)) between the two boxes.
    CHECK(r[0].x + r[0].width == doctest::Approx(box(h, 11).x + box(h, 11).width));
    CHECK(r[1].x == doctest::Approx(box(h, 14).x));
    CHECK(r[1].x + r[1].width == doctest::Approx(box(h, 12).x + box(h, 12).width));
    CHECK(box(h, 18).x >= r[0].x + r[0].width);
    CHECK(box(h, 15).x + box(h, 15).width <= r[1].x + 0.01f);
}

TEST_CASE("article view: a right-to-left paragraph is right-aligned; its lines end at the right edge") {
    Harness h;
    std::string he;
    for (int i = 0; i < 40; ++i) he += "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D ";  // שלום
    he += "\nLeft.";
    REQUIRE(h.app.set_text(he).ok());
    h.frames(2);
    const ui::Rect first = box(h, 0);   // the paragraph's first letter: rightmost on its line
    const ui::Rect left = box(h, 201);  // "L" of the LTR paragraph after it: at the left edge
    CHECK(first.x > left.x + 300);
    // The second line starts at the same right edge.
    size_t next_line = 0;
    for (size_t cp = 1; cp < 200; ++cp)
        if (box(h, cp).y > first.y) {
            next_line = cp;
            break;
        }
    REQUIRE(next_line > 0);
    CHECK(box(h, next_line).x + box(h, next_line).width == doctest::Approx(first.x + first.width));
}

TEST_CASE("article view: an emoji ZWJ sequence is one cluster: caretRect covers it, a drag never splits it") {
    Harness h;
    // "Hi 👩‍💻 there": the woman technologist is U+1F469 U+200D U+1F4BB, code points [3, 6).
    REQUIRE(h.app.set_text("Hi \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB there").ok());
    h.frames(2);
    const ui::Rect a = box(h, 3), b = box(h, 4), c = box(h, 5);
    CHECK(a.x == b.x);
    CHECK(a.x == c.x);
    CHECK(a.width == c.width);
    // With Alt (cluster precision), a drag from the middle of the sequence to past it still takes all of it.
    drag_points(h, ImVec2(a.x + a.width * 0.4f, a.y + a.height * 0.5f), ImVec2(box(h, 8).x + 1, a.y + a.height * 0.5f),
                true);
    h.key(ImGuiKey_1);
    const Entity* e = only_entity(h.app.editor().doc());
    REQUIRE(e != nullptr);
    CHECK(e->start == 3);
    CHECK(e->end == 8);
}

TEST_CASE("article view: View > Paragraph direction forces right to left: an English paragraph is right-aligned") {
    auto session = [](const char* direction) {
        auto text = Text::from_utf8("Hello world");
        REQUIRE(text.ok());
        Editor ed{Document(std::move(text.value()))};
        io::ViewPrefs view;
        view.direction = direction;
        return io::write_session(ed, view);
    };
    Harness ltr(session("auto"));
    const ui::Rect a = box(ltr, 0), b = box(ltr, 1);
    Harness rtl(session("rtl"));
    const ui::Rect c = box(rtl, 0), d = box(rtl, 1);
    CHECK(c.x > a.x + 300);  // at the right edge of the column
    CHECK(d.x > c.x);        // the English run itself stays left to right
    CHECK(b.x > a.x);
    CHECK_FALSE(c.rtl);
}
