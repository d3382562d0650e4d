// Keyboard-only annotation (issue 15), headless through real ImGui key events: the caret moves by
// characters, words, lines and the article's ends, Shift selects, a label key labels the selection,
// F6 moves the focus to the side panel (where Tab no longer steps entities) and back.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kText = "Talks in Moscow were useful.\nNuland said so";

const ui::A11yDocument& now(Harness& h) {
    REQUIRE_FALSE(h.platform.a11y.empty());
    return h.platform.a11y.back();
}
}  // namespace

TEST_CASE("keyboard: the caret moves by words, characters, lines and ends; Shift selects; a key labels") {
    Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    h.frames(2);
    h.key(ImGuiKey_RightArrow, true);  // Ctrl+Right: the end of "Talks"
    CHECK(now(h).caret == 5);
    h.key(ImGuiKey_RightArrow, true);
    CHECK(now(h).caret == 8);
    h.key(ImGuiKey_RightArrow);
    CHECK(now(h).caret == 9);
    h.key(ImGuiKey_RightArrow, true, true);  // Ctrl+Shift+Right selects "Moscow"
    CHECK(now(h).selection);
    CHECK(now(h).selection_start == 9);
    CHECK(now(h).selection_end == 15);
    h.key(ImGuiKey_3);  // LOC
    CHECK(h.app.status_message() == "Added LOC \"Moscow\"");
    const auto& es = h.app.editor().doc().entities();
    CHECK(es.size() == 1);
    if (const Entity* e = es.find("e1")) {
        CHECK(e->start == 9);
        CHECK(e->end == 15);
        CHECK(e->label == "LOC");
    }

    h.key(ImGuiKey_End);  // the end of the visual line
    CHECK(now(h).caret == 28);
    h.key(ImGuiKey_DownArrow);
    CHECK(now(h).caret == 43);  // the second line is shorter: its end
    h.key(ImGuiKey_Home, true);
    CHECK(now(h).caret == 0);
    h.key(ImGuiKey_End, true);
    CHECK(now(h).caret == 43);
    h.key(ImGuiKey_LeftArrow, true, true);  // Shift+Ctrl+Left: back to the start of "so"
    CHECK(now(h).selection_start == 41);
    CHECK(now(h).selection_end == 43);
    h.key(ImGuiKey_LeftArrow);  // collapses to the selection's start
    CHECK_FALSE(now(h).selection);
    CHECK(now(h).caret == 41);
    h.key(ImGuiKey_UpArrow);
    CHECK(now(h).caret < 28);
}

TEST_CASE("keyboard: F6 moves to the side panel, where Tab walks its controls instead of the entities") {
    Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    REQUIRE(h.app.editor().add_entity(9, 15, "LOC").ok());
    REQUIRE(h.app.editor().add_entity(29, 35, "PER").ok());
    h.frames(2);
    h.key(ImGuiKey_Tab);
    CHECK(now(h).selected_entity == "e1");
    h.key(ImGuiKey_F6);
    CHECK(h.app.status_message().rfind("Side panel:", 0) == 0);
    h.key(ImGuiKey_Tab);
    h.key(ImGuiKey_Tab);
    CHECK(now(h).selected_entity == "e1");  // Tab stayed in the panel
    CHECK(ImGui::GetIO().NavActive);        // ImGui's navigation has the keys there
    h.key(ImGuiKey_F6);
    CHECK(h.app.status_message().rfind("Article:", 0) == 0);
    h.key(ImGuiKey_Tab);
    CHECK(now(h).selected_entity == "e2");
    h.key(ImGuiKey_Delete);
    CHECK(h.app.editor().doc().entities().size() == 1);
}
