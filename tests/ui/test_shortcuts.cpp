// The one shortcut table (ui/shortcuts.hpp): the ? window lists every row, and each row's keys
// reach its action through the real key handler, in the context the row names.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "headless.hpp"
#include "ui/shortcuts.hpp"

using namespace aa;
using aa::test::Harness;
using aa::ui::Action;

namespace {

const char* kArticle = "Assad met Putin in Moscow. Later Assad said the talks with Putin went well.";

bool has(const std::vector<Action>& trace, Action a) { return std::find(trace.begin(), trace.end(), a) != trace.end(); }

// Presses a chord as the browser delivers it: modifiers, the key, then releases them.
void press(Harness& h, const ui::Chord& c) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, (c.mods & ui::kCtrl) != 0);
    io.AddKeyEvent(ImGuiMod_Shift, (c.mods & ui::kShift) != 0);
    io.AddKeyEvent(ImGuiMod_Alt, (c.mods & ui::kAlt) != 0);
    io.AddKeyEvent(c.key, true);
    h.frame();
    io.AddKeyEvent(c.key, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    io.AddKeyEvent(ImGuiMod_Shift, false);
    io.AddKeyEvent(ImGuiMod_Alt, false);
    h.frame();
}

// A page with the article and nothing open, or the find field holding the keys.
void reset(Harness& h, bool find_field) {
    h.click(h.left_of(0));  // the keyboard's focus in the article (keyboard.cpp follows the mouse)
    press(h, {ImGuiKey_Escape});
    press(h, {ImGuiKey_Escape});
    h.frames(2);
    if (find_field) {
        press(h, {ImGuiKey_F, ui::kCtrl});
        h.frames(2);
    }
    h.app.take_shortcut_trace();
}

}  // namespace

TEST_CASE("the shortcuts window lists every row of the table") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.key(ImGuiKey_Slash, false, true);  // ?
    h.frames(2);
    std::set<Action> actions;
    for (const ui::Shortcut& s : ui::shortcuts()) {
        CAPTURE(s.help);
        CHECK(actions.insert(s.action).second);  // one row per action: its keys are all in that row
        CHECK(!ui::keys_text(s).empty());
        CHECK(h.app.widget_rect("help." + std::to_string(static_cast<int>(s.action))).has_value());
    }
    CHECK(ui::keys_text(ui::shortcut_of(Action::Redo)) == "Ctrl+Shift+Z / Ctrl+Y");
    CHECK(ui::keys_text(ui::shortcut_of(Action::Help)) == "? / F1");
    CHECK(ui::keys_text(ui::shortcut_of(Action::MoveStartLeft)) == "Ctrl+Shift+Left");
    CHECK(ui::menu_keys(Action::ZoomIn) == "Ctrl+=");
    h.key(ImGuiKey_Escape);
    CHECK(!h.app.widget_rect("help." + std::to_string(static_cast<int>(Action::Undo))).has_value());
}

TEST_CASE("every chord of every row reaches its action in the row's context") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    for (const ui::Shortcut& s : ui::shortcuts()) {
        CAPTURE(s.help);
        if (s.contexts == 0) {  // Ctrl+V: the browser's paste event, not a key handler
            CHECK(s.action == Action::Paste);
            continue;
        }
        const bool in_field = (s.contexts & ui::kFindField) != 0 &&
                              (s.contexts & (ui::kPage | ui::kDocument | ui::kArticle | ui::kAnywhere)) == 0;
        // An entity's edges move only with one selected (else Shift+arrows move the caret).
        const bool entity = s.action == Action::MoveEndLeft || s.action == Action::MoveEndRight ||
                            s.action == Action::MoveStartLeft || s.action == Action::MoveStartRight;
        if (s.action == Action::SwitchRegion) continue;  // last: it moves the keys to the side panel
        if (s.action == Action::LabelKey) {
            reset(h, false);
            press(h, {ImGuiKey_1});  // the first label's key
            CHECK(has(h.app.take_shortcut_trace(), Action::LabelKey));
            continue;
        }
        for (const ui::Chord& c : s.chords) {
            if (c.key == ImGuiKey_None) continue;
            CAPTURE(ui::chord_text(c));
            reset(h, in_field);
            if (entity) {
                h.drag(0, 5);  // "Assad"
                press(h, {ImGuiKey_1});
                h.click(h.center_of(2));  // selects the entity
                h.app.take_shortcut_trace();
            }
            press(h, c);
            CHECK(has(h.app.take_shortcut_trace(), s.action));
        }
    }
    for (const ui::Chord& c : ui::shortcut_of(Action::SwitchRegion).chords) {
        if (c.key == ImGuiKey_None) continue;
        CAPTURE(ui::chord_text(c));
        reset(h, true);  // F6 works from a text field too
        press(h, c);
        CHECK(has(h.app.take_shortcut_trace(), Action::SwitchRegion));
    }
}

TEST_CASE("keys act once: Ctrl+Z in the find field undoes one step, and the field's Enter does not label") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.drag(0, 5);  // "Assad"
    h.key(ImGuiKey_1);
    h.drag(10, 15);  // "Putin"
    h.key(ImGuiKey_1);
    REQUIRE(h.app.editor().doc().entities().size() == 2);
    h.key(ImGuiKey_F, true);
    h.app.take_shortcut_trace();
    h.key(ImGuiKey_Z, true);  // in the frame the field takes the keys: one handler, one step
    CHECK(h.app.editor().doc().entities().size() == 1);
    const auto trace = h.app.take_shortcut_trace();
    CHECK(std::count(trace.begin(), trace.end(), Action::Undo) == 1);
    h.key(ImGuiKey_Enter);
    CHECK(!has(h.app.take_shortcut_trace(), Action::LabelActive));
    CHECK(h.app.editor().doc().entities().size() == 1);
}
