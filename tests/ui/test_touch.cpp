// Phones and tablets (issue 15), headless at 390 x 844 CSS px with ImGui's touch-screen mouse
// source: the side panel is a sheet under the article (which keeps the whole width), the empty
// state's buttons stay on screen, a tap selects a word, the label bar's buttons (44 px) label it.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
ImVec2 centre(const ui::Rect& r) { return ImVec2(r.x + r.width / 2, r.y + r.height / 2); }

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
