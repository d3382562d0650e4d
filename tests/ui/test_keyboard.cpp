// Keyboard-only annotation (issue 15), headless through real ImGui key events: the caret moves by
// characters, words, lines and the article's ends, Shift selects, a label key labels the selection,
// F6 / Shift+F6 cycle the menu bar, the article, the side panel and the status bar (where Tab no
// longer steps entities).
#include <doctest/doctest.h>
#include <imgui_internal.h>  // the navigation window and layer F6 gives ImGui

#include <string>

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

TEST_CASE("keyboard: Down and Up step over the blank line between two paragraphs") {
    Harness h;
    const std::string text = "Putin met Assad.\n\nThe talks ended.";  // paragraphs [0,16), blank [17,17), [18,34)
    REQUIRE(h.app.set_text(text).ok());
    h.frames(2);
    h.key(ImGuiKey_Home, true);
    h.key(ImGuiKey_RightArrow);
    h.key(ImGuiKey_DownArrow);
    CHECK(now(h).caret >= 18);  // in "The talks", not on the blank line
    h.key(ImGuiKey_UpArrow);
    CHECK(now(h).caret <= 16);  // back in the first paragraph
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
    h.key(ImGuiKey_F6, false, true);        // Shift+F6: back to the article
    CHECK(h.app.status_message().rfind("Article:", 0) == 0);
    h.key(ImGuiKey_Tab);
    CHECK(now(h).selected_entity == "e2");
    h.key(ImGuiKey_Delete);
    CHECK(h.app.editor().doc().entities().size() == 1);
}

TEST_CASE("keyboard: F6 / Shift+F6 cycle menu bar, article, side panel and status bar; keys move within each") {
    Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    h.frames(2);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    auto region = [&] { return now(h).region; };
    CHECK(region() == "article");
    CHECK_FALSE(now(h).keyboard);  // no ring until the keyboard moves the focus

    // Shift+F6 from the article: the menu bar, with ImGui's navigation on its first menu.
    h.key(ImGuiKey_F6, false, true);
    CHECK(region() == "menu");
    CHECK(now(h).keyboard);
    CHECK(h.app.status_message().rfind("Menu bar: Left and Right choose a menu", 0) == 0);
    REQUIRE(g.NavWindow != nullptr);
    CHECK(std::string(g.NavWindow->Name) == "##MainMenuBar");
    CHECK(g.NavLayer == ImGuiNavLayer_Menu);
    // Right then Enter opens Edit (its Undo item is drawn); Escape closes it, Escape again leaves.
    h.key(ImGuiKey_RightArrow);
    CHECK(now(h).caret == 0);  // the arrow did not move the article's caret
    h.key(ImGuiKey_Enter);
    h.frames(2);
    CHECK(h.app.widget_rect("menu.undo").has_value());
    CHECK_FALSE(h.app.widget_rect("menu.download").has_value());
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("menu.undo").has_value());
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(region() == "article");
    h.key(ImGuiKey_RightArrow);
    CHECK(now(h).caret == 1);  // the article has the arrows again

    // F6 forward: side panel, status bar, menu bar, article.
    h.key(ImGuiKey_F6);
    CHECK(region() == "side");
    const std::string before = h.app.status_message();
    h.key(ImGuiKey_F6);
    CHECK(region() == "status");
    CHECK(h.app.status_message() == before);  // the status bar keeps the message the user came to read
    REQUIRE(g.NavWindow != nullptr);
    CHECK(std::string(g.NavWindow->Name) == "##status");
    // Tab reaches the status bar's Log button; Enter opens the message log.
    h.key(ImGuiKey_Tab);
    h.key(ImGuiKey_Enter);
    h.frames(2);
    const ImGuiWindow* log = ImGui::FindWindowByName("Message log");
    REQUIRE(log != nullptr);
    CHECK(log->WasActive);
    h.key(ImGuiKey_F6);
    CHECK(region() == "menu");
    h.key(ImGuiKey_F6);
    CHECK(region() == "article");
    // Shift+F6 backward: menu bar, status bar, side panel.
    h.key(ImGuiKey_F6, false, true);
    CHECK(region() == "menu");
    h.key(ImGuiKey_F6, false, true);
    CHECK(region() == "status");
    h.key(ImGuiKey_F6, false, true);
    CHECK(region() == "side");
    h.key(ImGuiKey_F6, false, true);
    CHECK(region() == "article");
}

// Issue 10: Left and Right move the caret on screen, as browsers do, also in right-to-left text.
TEST_CASE("keyboard: in a right-to-left paragraph Left moves left on screen (on in the text); Shift extends") {
    Harness h;
    // "שלום עולם": one right-to-left paragraph, right-aligned.
    REQUIRE(h.app.set_text("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D").ok());
    h.frames(2);
    auto x = [&](size_t cp) {
        auto r = h.app.caret_rect(cp);
        REQUIRE(r.has_value());
        CHECK(r->rtl);
        return r->x + r->width;  // the leading edge of a right-to-left cluster
    };
    CHECK(now(h).caret == 0);
    h.key(ImGuiKey_LeftArrow);
    CHECK(now(h).caret == 1);
    CHECK(x(1) < x(0));
    h.key(ImGuiKey_LeftArrow);
    CHECK(now(h).caret == 2);
    h.key(ImGuiKey_RightArrow);
    CHECK(now(h).caret == 1);
    h.key(ImGuiKey_LeftArrow, false, true);  // Shift+Left extends to the left on screen
    h.key(ImGuiKey_LeftArrow, false, true);
    CHECK(now(h).selection);
    CHECK(now(h).selection_start == 1);
    CHECK(now(h).selection_end == 3);
    h.key(ImGuiKey_RightArrow);  // collapses to the selection's right side: its start in the text
    CHECK_FALSE(now(h).selection);
    CHECK(now(h).caret == 1);
    h.key(ImGuiKey_LeftArrow, true);  // Ctrl+Left: the end of the first word, on the left of it
    CHECK(now(h).caret == 4);
    h.key(ImGuiKey_RightArrow, true);
    CHECK(now(h).caret == 0);
}

TEST_CASE("keyboard: through a mixed line Right moves right on screen one cluster at a time, into and out of Hebrew") {
    Harness h;
    // "The city of ירושלים is old.": the Hebrew word is [12, 19), drawn with its first letter rightmost.
    REQUIRE(h.app.set_text("The city of \xD7\x99\xD7\xA8\xD7\x95\xD7\xA9\xD7\x9C\xD7\x99\xD7\x9D is old.").ok());
    h.frames(2);
    // Right from the start: "The city of " left to right, then the Hebrew word from its left end
    // (its last letter) to its right end, then " is old.". Each step is one cluster on screen.
    const std::vector<size_t> right = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 18, 17,
                                       16, 15, 14, 13, 12, 20, 21, 22, 23, 24, 25, 26, 27};
    std::vector<size_t> seen;
    for (size_t i = 0; i < right.size(); ++i) {
        h.key(ImGuiKey_RightArrow);
        seen.push_back(now(h).caret);
    }
    CHECK(seen == right);
    // Shift+Left from the end back over " is old." and the whole Hebrew word, as it is drawn.
    for (int i = 0; i < 9; ++i) h.key(ImGuiKey_LeftArrow, false, true);
    CHECK(now(h).selection);
    CHECK(now(h).selection_start == 13);  // the word's last letter's boundary: left of its first six
    CHECK(now(h).selection_end == 27);
}
