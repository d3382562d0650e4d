// Trustworthy interaction (issue 14), driven headless through real ImGui events: a stale popup
// never redirects a key, Escape closes whatever is open, a click outside a menu still acts, undo
// works with a menu open, and every edit says what it did in the status bar (and the message log).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kArticle =
    "US Assistant Secretary of State for Near Eastern Affairs Jeffrey Feltman reported that talks in Moscow were "
    "useful, State Department spokesperson Victoria Nuland said.";

size_t find_cp(const Text& t, std::string_view needle) {
    const size_t byte = t.utf8().find(needle);
    REQUIRE(byte != std::string::npos);
    return t.cp_of_byte(byte);
}

bool any_popup_open() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel); }

bool window_shown(const char* name) {
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    return w && w->WasActive && w->Active;
}

const Entity* entity_at(const Document& d, size_t start) {
    for (Slot s : d.entities().ordered())
        if (d.entities().get(s).start == start) return &d.entities().get(s);
    return nullptr;
}

// The article with Victoria Nuland labelled PER.
struct Nuland {
    Harness h;
    size_t v = 0, f = 0;
    Nuland() {
        REQUIRE(h.app.set_text(kArticle).ok());
        const Text& t = h.app.editor().doc().text();
        v = find_cp(t, "Victoria Nuland");
        f = find_cp(t, "Jeffrey Feltman");
        REQUIRE(h.app.editor().add_entity(v, v + 15, "PER").ok());
        h.frames(2);
    }
};
}  // namespace

TEST_CASE("the issue's steps: a context menu left open never turns the next label key on its entity") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3), 1);  // right-click Victoria Nuland: its context menu
    h.frame();
    CHECK(any_popup_open());
    h.key(ImGuiKey_Escape);
    CHECK_FALSE(any_popup_open());  // Escape closed the menu
    h.click(h.center_of(n.v + 3), 1);
    h.frame();
    REQUIRE(any_popup_open());
    // A drag over "Jeffrey Feltman" with the menu open: it closes the menu and still selects.
    h.drag(n.f + 1, n.f + 14);
    h.frame();
    CHECK_FALSE(any_popup_open());
    h.key(ImGuiKey_3);
    const Document& d = h.app.editor().doc();
    REQUIRE(entity_at(d, n.v) != nullptr);
    CHECK(entity_at(d, n.v)->label == "PER");  // Nuland untouched
    REQUIRE(entity_at(d, n.f) != nullptr);
    CHECK(entity_at(d, n.f)->label == "LOC");
    CHECK(d.text_of(*entity_at(d, n.f)) == "Jeffrey Feltman");
    CHECK(h.app.status_message() == "Added LOC \"Jeffrey Feltman\"");
}

TEST_CASE("a label key does nothing while a menu is open") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3), 1);
    h.frame();
    REQUIRE(any_popup_open());
    h.key(ImGuiKey_3);
    CHECK(entity_at(h.app.editor().doc(), n.v)->label == "PER");
}

TEST_CASE("Escape closes a menu of the menu bar and the shortcuts window") {
    Nuland n;
    Harness& h = n.h;
    h.click(ImVec2(20, 8));  // "File"
    h.frame();
    CHECK(any_popup_open());
    h.key(ImGuiKey_Escape);
    CHECK_FALSE(any_popup_open());
    h.key(ImGuiKey_Slash, false, true);  // '?'
    h.frame();
    CHECK(window_shown("Keyboard shortcuts"));
    h.key(ImGuiKey_Escape);
    h.frame();
    CHECK_FALSE(window_shown("Keyboard shortcuts"));
}

TEST_CASE("Ctrl+Z and Ctrl+Y work with a menu open and say what they did") {
    Nuland n;
    Harness& h = n.h;
    h.click(ImVec2(60, 8));  // "Edit"
    h.frame();
    REQUIRE(any_popup_open());
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().empty());
    CHECK(h.app.status_message() == "Undid: Add PER \"Victoria Nuland\"");
    h.key(ImGuiKey_Y, true);
    CHECK(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.status_message() == "Redid: Add PER \"Victoria Nuland\"");
}

TEST_CASE("relabel and delete report in the status bar; the message log keeps every message") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3));
    h.key(ImGuiKey_2);
    CHECK(h.app.status_message() == "Relabelled \"Victoria Nuland\": PER -> ORG");
    h.key(ImGuiKey_2);
    CHECK(h.app.status_message() == "\"Victoria Nuland\" is ORG already");
    h.key(ImGuiKey_Delete);
    CHECK(h.app.status_message() == "Deleted ORG \"Victoria Nuland\" (Ctrl+Z undoes)");
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.status_message() == "Undid: Delete ORG \"Victoria Nuland\"");
    const auto log = h.app.message_log();
    REQUIRE(log.size() >= 4);
    CHECK(log[log.size() - 4] == "Relabelled \"Victoria Nuland\": PER -> ORG");
    CHECK(log.back() == "Undid: Delete ORG \"Victoria Nuland\"");
}
