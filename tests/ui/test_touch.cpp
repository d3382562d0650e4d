// Phones and tablets (issue 15), headless at 390 x 844 CSS px with ImGui's touch-screen mouse
// source: the side panel is a sheet under the article (which keeps the whole width), the empty
// state's buttons stay on screen, a tap selects a word with a handle under each end that a finger
// drags, the label bar's buttons (44 px) label it, a long press opens an entity's menu, a swipe scrolls.
#include <doctest/doctest.h>

#include <string>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::centre;
using aa::test::Harness;

namespace {
void phone(Harness& h) {
    ImGui::GetIO().DisplaySize = ImVec2(390, 844);
    h.frames(3);
}

void tap(Harness& h, ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    h.move(p);
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    h.press();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    h.release();
}
}  // namespace

TEST_CASE("touch: on a phone the empty state's buttons are on screen, above the side panel's sheet") {
    Harness h;
    phone(h);
    for (const char* name : {"empty.paste", "empty.open", "empty.sample"}) {
        CAPTURE(name);
        const auto r = h.app.widget_rect(name);
        REQUIRE(r.has_value());
        CHECK(r->x >= 0);
        CHECK(r->x + r->width <= 390);
        CHECK(r->height >= 44);
        CHECK(r->y + r->height < 844 * 0.6f);  // the sheet takes the bottom 40% of the body
    }
    const int pastes = h.platform.paste_requests;
    tap(h, centre(*h.app.widget_rect("empty.paste")));  // a tap is a click on a button
    h.frames(2);
    CHECK(h.platform.paste_requests == pastes + 1);
}

TEST_CASE("touch: a tap selects a word, a label bar button labels it; the article keeps the whole width") {
    Harness h;
    phone(h);
    REQUIRE(h.app.set_text("Talks in Moscow were useful, said Victoria Nuland.").ok());
    h.frames(3);
    const auto first = h.app.caret_rect(0);
    REQUIRE(first.has_value());
    CHECK(first->x < 60);  // no side panel beside the text
    const size_t m = 9;    // "Moscow"
    tap(h, h.center_of(m + 2));
    const auto bar = h.app.widget_rect("labelbar.LOC");
    REQUIRE(bar.has_value());
    CHECK(bar->height >= 44);
    CHECK(bar->width >= 66);
    tap(h, centre(*bar));
    h.frames(2);
    const auto& es = h.app.editor().doc().entities();
    CHECK(es.size() == 1);
    if (const Entity* e = es.find("e1")) {
        CHECK(e->start == m);
        CHECK(e->end == m + 6);
        CHECK(e->label == "LOC");
    }
    CHECK(h.app.status_message() == "Added LOC \"Moscow\"");
    // Tapping a label with nothing selected says what to do.
    tap(h, h.center_of(0));  // selects "Talks"
    h.key(ImGuiKey_Escape);  // and Escape drops the selection
    tap(h, centre(*h.app.widget_rect("labelbar.PER")));
    CHECK(h.app.status_message() == "Tap a word first (or press and hold, then drag, to select several)");
}

TEST_CASE("touch: a tapped word has a handle under each end; dragging the end handle extends the selection") {
    Harness h;
    phone(h);
    REQUIRE(h.app.set_text("Talks in Moscow were useful, said Victoria Nuland.").ok());
    h.frames(3);
    tap(h, h.center_of(10));  // "Moscow" [9, 15)
    h.frames(1);
    const auto start = h.app.widget_rect("touch.handle.start"), end = h.app.widget_rect("touch.handle.end");
    REQUIRE(start.has_value());
    REQUIRE(end.has_value());
    CHECK(start->width == 44);  // a finger's target
    const auto m = h.app.caret_rect(9);
    REQUIRE(m.has_value());
    CHECK(centre(*start).x == doctest::Approx(m->x));
    CHECK(centre(*start).y > m->y + m->height);  // under the line
    CHECK(h.app.touch_handle_at(centre(*end).x, centre(*end).y) == 1);
    CHECK(h.app.touch_handle_at(centre(*start).x + 2, centre(*start).y - 10) == -1);
    CHECK(h.app.touch_handle_at(m->x + 200, m->y - 60) == 0);

    // The finger lands on the end handle (pre.js presses as a mouse there) and drags it right, on the
    // handle's height: the line above it is the one that counts; released, the selection snaps to words.
    const ImVec2 grab = centre(*end);
    const auto were = h.app.caret_rect(17);  // inside "were"
    REQUIRE(were.has_value());
    h.move(grab);
    h.press();
    h.move(ImVec2(were->x + were->width, grab.y));
    ImGui::GetIO().AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    h.release();
    h.frames(1);
    tap(h, centre(*h.app.widget_rect("labelbar.ORG")));
    const auto& es = h.app.editor().doc().entities();
    REQUIRE(es.size() == 1);
    CHECK(std::string(h.app.editor().doc().text_of(es.get(0))) == "Moscow were");
}

TEST_CASE("touch: a long press on an entity opens its menu; a swipe scrolls the article by the finger's distance") {
    Harness h;
    phone(h);
    std::string text;
    for (int i = 0; i < 80; ++i) text += "Paragraph " + std::to_string(i) + " tells of Moscow and the mayors.\n";
    REQUIRE(h.app.set_text(text).ok());
    REQUIRE(h.app.editor().add_entity(0, 9, "MISC").ok());
    h.frames(3);
    CHECK_FALSE(h.app.widget_rect("context.delete").has_value());
    h.move(h.center_of(3));
    h.app.on_touch_long_press();  // pre.js, when the finger has stayed still: then the press
    h.press();
    h.release();
    h.frames(1);
    CHECK(h.app.widget_rect("context.delete").has_value());  // the entity's menu
    CHECK(h.app.widget_rect("context.relabel").has_value());
    h.key(ImGuiKey_Escape);
    h.frames(1);
    // A long press elsewhere is a mouse press: it starts a selection, no menu.
    h.move(h.center_of(40));
    h.app.on_touch_long_press();
    h.press();
    h.release();
    h.frames(1);
    CHECK_FALSE(h.app.widget_rect("context.delete").has_value());

    const auto col0 = h.app.article_column();
    REQUIRE(col0.has_value());
    CHECK(col0->scroll_y == 0);
    const ImVec2 p = h.center_of(3);
    h.app.touch_scroll(p.x, p.y, -120);  // two moves before the next frame: both count
    h.app.touch_scroll(p.x, p.y, -80);
    h.frames(2);
    CHECK(h.app.article_column()->scroll_y == doctest::Approx(200));
    h.app.touch_scroll(p.x, p.y, 500);  // past the top: stops there
    h.frames(2);
    CHECK(h.app.article_column()->scroll_y == 0);
}
