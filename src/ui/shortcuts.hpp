// The one table of keyboard shortcuts. The key handler (shortcuts.cpp), the "Keyboard shortcuts"
// window (?) and the menus' shortcut text all read it, so that the help can never disagree with
// what a key does: a key is added, changed or documented here and nowhere else.
#pragma once
#include <imgui.h>

#include <span>
#include <string>

namespace aa::ui {

// What a shortcut does; AppImpl::run_shortcut carries it out (returning false when it does not
// apply now, so that the key goes on to the next row that has it).
enum class Action {
    // anywhere (with a menu open, in the find field)
    CloseOverlay,
    Undo,
    Redo,
    // the find field
    FindFieldClose,
    FindFieldNext,
    FindFieldPrev,
    FindFieldLabelAll,
    FindCase,
    FindWholeWords,
    FindRegex,
    // the page
    Paste,
    Open,
    Save,
    Copy,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Find,
    FindNext,
    FindPrev,
    Help,
    SidePanel,
    // a document, by feature
    QueueNext,
    QueuePrev,
    QueueToggleDone,
    DiffNext,
    DiffPrev,
    ChooseA,
    ChooseB,
    ChooseNeither,
    CloseFind,
    Suggest,
    RemoveSameText,
    Propagate,
    NextSuggestion,
    PrevSuggestion,
    AcceptAllSuggestions,
    AcceptSuggestion,
    RejectSuggestion,
    ClearSelection,
    DeleteEntity,
    NextEntity,
    PrevEntity,
    MoveEndLeft,
    MoveEndRight,
    MoveStartLeft,
    MoveStartRight,
    LabelActive,
    LabelKey,
    // relations (relations_view.cpp)
    AddRelation,
    RetypeRelation,
    NextRelation,
    PrevRelation,
    // the keyboard's own way through the page (keyboard.cpp)
    SwitchRegion,
    CaretChar,
    CaretWord,
    CaretLine,
    CaretPage,
    CaretLineEdge,
    CaretDocEdge,
};

// Where a row listens (one or several): the handler works out which hold in each frame.
enum Context : unsigned {
    kAnywhere = 1,   // also with a menu or popup open (not a modal) and in the find field
    kFindField = 2,  // the find field has the keys
    kPage = 4,       // no text field has the keys and nothing pops up
    kDocument = 8,   // kPage with a text loaded
    kArticle = 16,   // kDocument with the keyboard's focus in the article (not the side panel: F6)
    kNoPopup = 32,   // nothing pops up, even while a text field has the keys
};

enum Mods : unsigned {
    kNoMods = 0,
    kCtrl = 1,  // Ctrl, or Cmd on a Mac
    kShift = 2,
    kAlt = 4,
    kAnyAlt = 8,     // Alt held or not (the action reads it: a finer step)
    kAnyShift = 16,  // Shift held or not (the action reads it: extend the selection)
};

struct Chord {
    ImGuiKey key = ImGuiKey_None;
    unsigned mods = kNoMods;
};

struct Shortcut {
    Action action;
    unsigned contexts;
    Chord chords[3];             // unused ones are ImGuiKey_None
    const char* help;            // what the ? window says it does
    const char* section;         // the ? window's heading
    bool repeat = false;         // acts again while held (auto-repeat)
    const char* keys = nullptr;  // the keys' text when they are not fixed (a label's own key)
};

// Every shortcut, in the order the handler tries them (the first that acts takes the key).
std::span<const Shortcut> shortcuts();
// The row of an action (every action has one).
const Shortcut& shortcut_of(Action action);
// "Ctrl+Shift+Z"; "?" for Shift+/.
std::string chord_text(const Chord& chord);
// All the chords of a row, as the ? window lists them: "Ctrl+Shift+Z / Ctrl+Y".
std::string keys_text(const Shortcut& s);
// The first chord of an action, for a menu item's shortcut column.
std::string menu_keys(Action action);
// True when the chord was pressed in this frame, with exactly its modifiers.
bool chord_pressed(const Chord& chord, bool repeat);

// Mouse gestures, for the ? window only (no key reaches them).
struct MouseHelp {
    const char* gesture;
    const char* help;
};
std::span<const MouseHelp> mouse_help();

}  // namespace aa::ui
