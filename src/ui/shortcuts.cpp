// Keyboard shortcuts: the one table (shortcuts.hpp) and the handler that reads it once a frame.
// Each key is tried against the table's rows in order; the first row whose context holds and whose
// action applies takes it (run_shortcut). The ? window and the menus read the same rows.
// [SECTION] The table  [SECTION] The handler  [SECTION] The actions
#include "ui/shortcuts.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupsExceptModals, GetTopMostPopupModal, ActiveId

#include <algorithm>
#include <iterator>

#include "ui/app_impl.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {

// =====================================================================================
// [SECTION] The table
// =====================================================================================

namespace {

constexpr const char* kFile = "File";
constexpr const char* kEdit = "Select and label";
constexpr const char* kFind = "Find";
constexpr const char* kSuggest = "Suggestions";
constexpr const char* kQueue = "Queue";
constexpr const char* kCompare = "Compare with another annotator";
constexpr const char* kView = "View";
constexpr const char* kRelations = "Relations";

using enum Action;
constexpr unsigned kDoc = kDocument;
constexpr unsigned kArt = kArticle;
constexpr unsigned kFindOrDoc = kFindField | kDocument;

// clang-format off
const Shortcut kShortcuts[] = {
    // In the find field first: Enter steps there instead of labelling, Esc closes the bar.
    {FindFieldClose, kFindField, {{ImGuiKey_Escape}}, "close the find bar", kFind},
    {FindFieldNext, kFindField, {{ImGuiKey_Enter}, {ImGuiKey_KeypadEnter}}, "next hit (in the find field)", kFind},
    {FindFieldPrev, kFindField, {{ImGuiKey_Enter, kShift}, {ImGuiKey_KeypadEnter, kShift}}, "previous hit (in the find field)", kFind},
    {FindFieldLabelAll, kFindField, {{ImGuiKey_Enter, kAlt}, {ImGuiKey_KeypadEnter, kAlt}},
     "label every hit with the active label (one undo step; Ctrl+Z undoes it)", kFind},
    {FindCase, kFindField, {{ImGuiKey_C, kAlt}}, "match case (in the find field)", kFind},
    {FindWholeWords, kFindField, {{ImGuiKey_W, kAlt}}, "whole words only (in the find field; remembered)", kFind},
    {FindRegex, kFindField, {{ImGuiKey_R, kAlt}}, "regular expression, JavaScript syntax (in the find field)", kFind},
    // Anywhere, with a menu open and in the find field too.
    {CloseOverlay, kAnywhere, {{ImGuiKey_Escape}}, "close a menu or window", kView},
    {Undo, kAnywhere, {{ImGuiKey_Z, kCtrl}}, "undo", kEdit},
    {Redo, kAnywhere, {{ImGuiKey_Z, kCtrl | kShift}, {ImGuiKey_Y, kCtrl}}, "redo", kEdit},
    // The page. Ctrl+V reaches no key handler: the browser's paste event brings the text (platform/web).
    {Paste, 0, {{ImGuiKey_V, kCtrl}}, "paste an article (or an annotation JSON)", kFile},
    {Open, kPage, {{ImGuiKey_O, kCtrl}}, "open a .txt or annotation file", kFile},
    {Save, kPage, {{ImGuiKey_S, kCtrl}}, "download the annotations (JSON)", kFile},
    {Copy, kPage, {{ImGuiKey_C, kCtrl}}, "copy the selected text", kEdit},
    {ZoomIn, kPage, {{ImGuiKey_Equal, kCtrl}, {ImGuiKey_KeypadAdd, kCtrl}}, "zoom in", kView},
    {ZoomOut, kPage, {{ImGuiKey_Minus, kCtrl}, {ImGuiKey_KeypadSubtract, kCtrl}}, "zoom out", kView},
    {ZoomReset, kPage, {{ImGuiKey_0, kCtrl}}, "actual size", kView},
    {Find, kPage | kFindField, {{ImGuiKey_F, kCtrl}}, "find: text or regular expression (the selection becomes the query)", kFind},
    {FindNext, kFindOrDoc, {{ImGuiKey_F3}}, "next hit (opens the find bar when closed)", kFind},
    {FindPrev, kFindOrDoc, {{ImGuiKey_F3, kShift}}, "previous hit", kFind},
    {Help, kPage, {{ImGuiKey_Slash, kShift}, {ImGuiKey_F1}}, "this help", kView},
    {SidePanel, kPage, {{ImGuiKey_F9}}, "hide / show the side panel (drag its left edge to resize it)", kView},
    {SwitchRegion, kNoPopup, {{ImGuiKey_F6}, {ImGuiKey_F6, kShift}}, "move the focus to the next / previous region: menu bar, article, side panel, status bar", kView},
    // The queue of documents (Alt+D is the browser's address bar).
    {QueueNext, kPage, {{ImGuiKey_PageDown, kAlt}, {ImGuiKey_RightArrow, kAlt}}, "next document of the queue", kQueue},
    {QueuePrev, kPage, {{ImGuiKey_PageUp, kAlt}, {ImGuiKey_LeftArrow, kAlt}}, "previous document of the queue", kQueue},
    {QueueToggleDone, kPage, {{ImGuiKey_M, kAlt}}, "mark the document done (again: in progress)", kQueue},
    // A comparison: its letters give way to a label bound to the same letter.
    {DiffNext, kDoc, {{ImGuiKey_RightBracket}, {ImGuiKey_F8}}, "next difference", kCompare},
    {DiffPrev, kDoc, {{ImGuiKey_LeftBracket}, {ImGuiKey_F8, kShift}}, "previous difference", kCompare},
    {ChooseA, kDoc, {{ImGuiKey_A}}, "keep side A for the current difference", kCompare},
    {ChooseB, kDoc, {{ImGuiKey_B}}, "keep side B for the current difference", kCompare},
    {ChooseNeither, kDoc, {{ImGuiKey_N}}, "keep neither side for the current difference", kCompare},
    // Find, propagation and suggestions.
    {CloseFind, kDoc, {{ImGuiKey_Escape}}, "close the find bar (when nothing is selected)", kFind},
    {Suggest, kDoc, {{ImGuiKey_S, kAlt}}, "compute suggestions (Suggest panel: gazetteer, rules, names)", kSuggest},
    {RemoveSameText, kDoc, {{ImGuiKey_Delete, kShift}}, "remove every entity with the selected one's text and label", kEdit},
    {Propagate, kDoc, {{ImGuiKey_P}}, "label the other occurrences of the text just labelled (when offered)", kEdit},
    {NextSuggestion, kDoc, {{ImGuiKey_N}}, "next suggestion", kSuggest},
    {PrevSuggestion, kDoc, {{ImGuiKey_N, kShift}}, "previous suggestion", kSuggest},
    {AcceptAllSuggestions, kDoc, {{ImGuiKey_A, kShift}}, "accept every suggestion (one undo step)", kSuggest},
    {AcceptSuggestion, kDoc, {{ImGuiKey_A}}, "accept the hovered or current suggestion", kSuggest},
    {RejectSuggestion, kDoc, {{ImGuiKey_R}, {ImGuiKey_X}}, "reject the hovered or current suggestion", kSuggest},
    // The caret in the article (keyboard.cpp); Shift extends the selection, which a label key labels.
    {CaretChar, kArt, {{ImGuiKey_LeftArrow, kAnyShift}, {ImGuiKey_RightArrow, kAnyShift}}, "move the caret by a character (Shift: select)", kEdit, true},
    {CaretWord, kArt, {{ImGuiKey_LeftArrow, kCtrl | kAnyShift}, {ImGuiKey_RightArrow, kCtrl | kAnyShift}}, "move the caret by a word (Shift: select)", kEdit, true},
    {CaretLine, kArt, {{ImGuiKey_UpArrow, kAnyShift}, {ImGuiKey_DownArrow, kAnyShift}}, "move the caret a line up / down (Shift: select)", kEdit, true},
    {CaretPage, kArt, {{ImGuiKey_PageUp, kAnyShift}, {ImGuiKey_PageDown, kAnyShift}}, "move the caret a page up / down (Shift: select)", kEdit, true},
    {CaretLineEdge, kArt, {{ImGuiKey_Home, kAnyShift}, {ImGuiKey_End, kAnyShift}}, "move the caret to its line's start / end (Shift: select)", kEdit, true},
    {CaretDocEdge, kArt, {{ImGuiKey_Home, kCtrl | kAnyShift}, {ImGuiKey_End, kCtrl | kAnyShift}}, "move the caret to the article's start / end (Shift: select)", kEdit, true},
    // Selection and entities.
    {ClearSelection, kArt, {{ImGuiKey_Escape}}, "clear the selection", kEdit},
    {DeleteEntity, kArt, {{ImGuiKey_Delete}, {ImGuiKey_Backspace}}, "delete the selected entity or relation", kEdit},
    {NextEntity, kArt, {{ImGuiKey_Tab}}, "next entity (in the side panel: its next control)", kEdit},
    {PrevEntity, kArt, {{ImGuiKey_Tab, kShift}}, "previous entity (in the side panel: its previous control)", kEdit},
    {MoveEndLeft, kArt, {{ImGuiKey_LeftArrow, kShift | kAnyAlt}}, "move the selected entity's end left by a word (Alt: a character)", kEdit, true},
    {MoveEndRight, kArt, {{ImGuiKey_RightArrow, kShift | kAnyAlt}}, "move the selected entity's end right by a word (Alt: a character)", kEdit, true},
    {MoveStartLeft, kDoc, {{ImGuiKey_LeftArrow, kCtrl | kShift | kAnyAlt}}, "move the selected entity's start left (Alt: a character)", kEdit, true},
    {MoveStartRight, kDoc, {{ImGuiKey_RightArrow, kCtrl | kShift | kAnyAlt}}, "move the selected entity's start right (Alt: a character)", kEdit, true},
    {LabelActive, kArt, {{ImGuiKey_Enter}, {ImGuiKey_KeypadEnter}}, "label the selection with the active label", kEdit},
    {LabelKey, kArt, {}, "label the selection, relabel the selected entity, or accept the current suggestion with that label", kEdit, false, "1-9 / a label's key"},
    // Relations: their letters give way to a label bound to the same letter.
    {AddRelation, kArt, {{ImGuiKey_R}}, "from the selected entity: make a relation (click the target or pick it: 1-9, Enter); with a relation selected: reverse it", kRelations},
    {RetypeRelation, kArt, {{ImGuiKey_T}}, "retype the selected relation", kRelations},
    {NextRelation, kArt, {{ImGuiKey_Period}}, "select the next relation", kRelations},
    {PrevRelation, kArt, {{ImGuiKey_Comma}}, "select the previous relation", kRelations},
};
// clang-format on

const MouseHelp kMouse[] = {
    {"drag, double-click, Shift+click", "select text (snaps to words; hold Alt for characters)"},
    {"click an entity", "select it"},
    {"drag inside an entity", "select text in it, for a nested entity (double-click: a word)"},
    {"right-click an entity", "relabel, note, add a relation, lock, delete"},
    {"drag from an entity's tag to another entity", "make a relation (a type is asked when several allow the pair)"},
    {"click / right-click a relation's label", "select it / retype, reverse, delete"},
    {"click a stub's count", "jump to the other end of a relation off screen"},
    {"KB id, attributes", "edit in the side panel when an entity is selected; Enter commits"},
};

// The key a label's one-character key stands for (digits and letters), else ImGuiKey_None.
ImGuiKey label_key(const Label& l) {
    if (l.key.size() != 1) return ImGuiKey_None;
    const char k = l.key[0];
    if (k >= '0' && k <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (k - '0'));
    if (k >= 'a' && k <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (k - 'a'));
    return ImGuiKey_None;
}

}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }
std::span<const MouseHelp> mouse_help() { return kMouse; }

const Shortcut& shortcut_of(Action action) {
    const auto it = std::find_if(std::begin(kShortcuts), std::end(kShortcuts),
                                 [&](const Shortcut& s) { return s.action == action; });
    AA_ASSERT(it != std::end(kShortcuts), "every action has a row in the shortcut table");
    return *it;
}

std::string chord_text(const Chord& c) {
    if (c.key == ImGuiKey_Slash && c.mods == kShift) return "?";
    std::string out;
    if (c.mods & kCtrl) out += "Ctrl+";
    if (c.mods & kShift) out += "Shift+";
    if (c.mods & kAlt) out += "Alt+";
    switch (c.key) {
        case ImGuiKey_Equal: return out + "=";
        case ImGuiKey_Minus: return out + "-";
        case ImGuiKey_KeypadAdd: return out + "Keypad +";
        case ImGuiKey_KeypadSubtract: return out + "Keypad -";
        case ImGuiKey_KeypadEnter: return out + "Keypad Enter";
        case ImGuiKey_LeftArrow: return out + "Left";
        case ImGuiKey_RightArrow: return out + "Right";
        case ImGuiKey_LeftBracket: return out + "[";
        case ImGuiKey_RightBracket: return out + "]";
        case ImGuiKey_Escape: return out + "Esc";
        case ImGuiKey_Delete: return out + "Del";
        case ImGuiKey_Period: return out + ".";
        case ImGuiKey_Comma: return out + ",";
        default: return out + ImGui::GetKeyName(c.key);
    }
}

std::string keys_text(const Shortcut& s) {
    if (s.keys) return s.keys;
    std::string out;
    for (const Chord& c : s.chords)
        if (c.key != ImGuiKey_None) out += (out.empty() ? "" : " / ") + chord_text(c);
    return out;
}

std::string menu_keys(Action action) { return chord_text(shortcut_of(action).chords[0]); }

bool chord_pressed(const Chord& c, bool repeat) {
    if (c.key == ImGuiKey_None) return false;
    const ImGuiIO& io = ImGui::GetIO();
    if ((io.KeyCtrl || io.KeySuper) != ((c.mods & kCtrl) != 0)) return false;
    if (!(c.mods & kAnyShift) && io.KeyShift != ((c.mods & kShift) != 0)) return false;
    if (!(c.mods & kAnyAlt) && io.KeyAlt != ((c.mods & kAlt) != 0)) return false;
    return ImGui::IsKeyPressed(c.key, repeat);
}

// =====================================================================================
// [SECTION] The handler
// =====================================================================================

void AppImpl::undo_with_status() {
    if (!editor.can_undo()) {
        set_status("Nothing to undo");
        return;
    }
    const std::string name = editor.undo_name();
    if (begin_undo_steps(false)) return;  // a big command: a slice per frame (bulk.cpp)
    if (editor.undo()) set_status("Undid: " + name);
}

void AppImpl::redo_with_status() {
    if (!editor.can_redo()) {
        set_status("Nothing to redo");
        return;
    }
    const std::string name = editor.redo_name();
    if (begin_undo_steps(true)) return;
    if (editor.redo()) set_status("Redid: " + name);
}

// Which contexts have the keys in this frame. A text field has them while it is active, and in
// the frame it was active at the start of (ImGui's WantTextInput lags a frame behind the field,
// so both are asked): a key goes to one place only.
unsigned AppImpl::key_contexts() const {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool find_field =
        find.open && find.field_id != 0 && (g.ActiveId == find.field_id || g.ActiveIdPreviousFrame == find.field_id);
    const bool typing = ImGui::GetIO().WantTextInput || (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId);
    const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    const unsigned no_popup = popup ? 0u : static_cast<unsigned>(kNoPopup);  // F6 leaves even a field
    if (typing && !find_field) return no_popup;              // another field has the keys (its own undo, its Enter)
    if (ImGui::GetTopMostPopupModal() != nullptr) return 0;  // a modal answers its own keys
    if (find_field) return no_popup | kAnywhere | kFindField;
    if (popup) return kAnywhere;
    unsigned c = kNoPopup | kAnywhere | kPage;
    if (!editor.doc().text().empty()) c |= kDocument | (keynav.region == KeyRegion::Article ? kArticle : 0u);
    return c;
}

bool AppImpl::shortcut_pressed(const Shortcut& s) const {
    if (s.action == Action::LabelKey) return pressed_label() != nullptr;
    return std::any_of(std::begin(s.chords), std::end(s.chords),
                       [&](const Chord& c) { return chord_pressed(c, s.repeat); });
}

// The label whose key (or keypad digit) was pressed with no modifier, if any.
const Label* AppImpl::pressed_label() const {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper || io.KeyShift || io.KeyAlt) return nullptr;
    for (const Label& l : editor.doc().labels().all()) {
        const ImGuiKey key = label_key(l);
        if (key == ImGuiKey_None) continue;
        const bool digit = key >= ImGuiKey_0 && key <= ImGuiKey_9;
        const bool keypad =
            digit && ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (key - ImGuiKey_0)), false);
        if (ImGui::IsKeyPressed(key, false) || keypad) return &l;
    }
    return nullptr;
}

// A letter that no label is bound to (a label's key wins over a feature's letter).
bool AppImpl::letter_free(char k) const {
    for (const Label& l : editor.doc().labels().all())
        if (l.key.size() == 1 && l.key[0] == k) return false;
    return true;
}

void AppImpl::handle_shortcuts() {
    // The list of a relation being made answered this frame's key itself (and closed): the key is
    // not a label's key or a shortcut too.
    if (rel_pick.key_frame == ImGui::GetFrameCount()) return;
    const unsigned contexts = key_contexts();
    if (contexts == 0) return;
    for (const Shortcut& s : kShortcuts) {
        if (!(s.contexts & contexts) || !shortcut_pressed(s)) continue;
        shortcut_trace.push_back(s.action);
        if (run_shortcut(s.action, contexts)) return;
    }
}

// =====================================================================================
// [SECTION] The actions (false: not now, the key goes on to the next row that has it)
// =====================================================================================

bool AppImpl::run_shortcut(Action a, unsigned contexts) {
    if (run_find_shortcut(a, contexts) || run_page_shortcut(a)) return true;
    if (a == Action::QueueNext || a == Action::QueuePrev || a == Action::QueueToggleDone) {
        if (queue.docs.empty()) return false;
        if (a == Action::QueueToggleDone)
            queue.toggle_done(platform.now_ms());
        else
            queue_step(a == Action::QueueNext ? +1 : -1);
        return true;
    }
    return run_document_shortcut(a) || run_entity_shortcut(a);
}

bool AppImpl::run_find_shortcut(Action a, unsigned contexts) {
    auto toggle = [&](bool& option) {
        option = !option;
        find.focus_field = true;  // releasing Alt may take the focus away (ImGui's menu layer)
        find_refresh();
        return true;
    };
    switch (a) {
        case Action::FindFieldClose:
            // Also in the frame after the field took the focus back (Enter, an option key), when
            // ImGui's InputText has not yet registered its own Escape (test_find_keys.cpp).
            release_text_field();
            find.open = false;
            find.focus_field = false;
            return true;
        case Action::FindFieldNext:
        case Action::FindFieldPrev:
            find_step(a == Action::FindFieldNext ? +1 : -1);
            find.focus_field = true;  // Enter leaves the field: keep typing there
            return true;
        case Action::FindFieldLabelAll:
            find_label_all();
            find.focus_field = true;
            return true;
        case Action::FindCase: return toggle(find.case_sensitive);
        case Action::FindWholeWords:
            ++prefs_revision;  // saved with the view
            return toggle(prefs.find_whole_word);
        case Action::FindRegex: return toggle(find.regex);
        case Action::Find:
            if (contexts & kFindField)
                find.focus_field = true;
            else
                open_find();
            return true;
        case Action::FindNext:
        case Action::FindPrev:
            if (!(contexts & kFindField) && (!find.open || find.query.empty()))
                open_find();
            else
                find_step(a == Action::FindNext ? +1 : -1);
            return true;
        case Action::CloseFind:
            if (!find.open || sel.active || !sel.entity.empty()) return false;
            find.open = false;
            return true;
        default: return false;
    }
}

bool AppImpl::run_page_shortcut(Action a) {
    switch (a) {
        case Action::CloseOverlay:
            if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
                ImGui::ClosePopupsExceptModals();
                return true;
            }
            if (!show_help && !show_about && !show_log) return false;
            show_help = show_about = show_log = false;  // the overlays: shortcuts, About, message log
            return true;
        case Action::Undo: undo_with_status(); return true;
        case Action::Redo: redo_with_status(); return true;
        case Action::Paste: platform.request_paste(); return true;
        case Action::Open: open_files(); return true;
        case Action::Save:
            if (!editor.doc().text().empty()) download("native");
            return true;
        case Action::Copy:
            if (sel.active || !sel.entity.empty()) platform.copy_to_clipboard(selected_text());
            return true;
        case Action::ZoomIn: set_zoom(prefs.zoom * 1.1f); return true;
        case Action::ZoomOut: set_zoom(prefs.zoom / 1.1f); return true;
        case Action::ZoomReset: set_zoom(1.0f); return true;
        case Action::Help: show_help = !show_help; return true;
        case Action::SidePanel: toggle_side_panel(); return true;
        case Action::SwitchRegion: return handle_region_keys();  // keyboard.cpp
        case Action::CaretChar:
        case Action::CaretWord:
        case Action::CaretLine:
        case Action::CaretPage:
        case Action::CaretLineEdge:
        case Action::CaretDocEdge: return handle_caret_keys();  // reads which move (false: not here)
        default: return false;
    }
}

// A comparison's and the suggestions' keys.
bool AppImpl::run_document_shortcut(Action a) {
    const bool selected = sel.active || !sel.entity.empty();
    const size_t target = suggest.hovered < suggest.list().size() ? suggest.hovered : suggest.current;
    switch (a) {
        case Action::DiffNext:
        case Action::DiffPrev:
            if (!agree.active) return false;
            agreement_step(a == Action::DiffNext ? +1 : -1);
            return true;
        case Action::ChooseA:
        case Action::ChooseB:
        case Action::ChooseNeither: {
            const char letter = a == Action::ChooseA ? 'a' : a == Action::ChooseB ? 'b' : 'n';
            if (!agree.active || agree.current >= agree.choices.size() || selected || !letter_free(letter))
                return false;
            agreement_choose(agree.current, a == Action::ChooseA   ? Side::A
                                            : a == Action::ChooseB ? Side::B
                                                                   : Side::Neither);
            return true;
        }
        case Action::Suggest:
            compute_suggestions();
            side_tab_request = 2;
            return true;
        case Action::NextSuggestion:
        case Action::PrevSuggestion:
            suggestions_refresh();
            if (suggest.list().empty() || !letter_free('n')) return false;
            step_suggestion(a == Action::NextSuggestion ? +1 : -1);
            return true;
        case Action::AcceptAllSuggestions:  // names no single suggestion: also with an entity selected
            suggestions_refresh();
            if (suggest.list().empty()) return false;
            accept_all_suggestions();
            return true;
        case Action::AcceptSuggestion:
        case Action::RejectSuggestion:
            suggestions_refresh();
            if (selected || target >= suggest.list().size()) return false;
            a == Action::AcceptSuggestion ? accept_suggestion(target) : reject_suggestion(target);
            return true;
        default: return false;
    }
}

// The selection and the entities.
bool AppImpl::run_entity_shortcut(Action a) {
    const bool alt = ImGui::GetIO().KeyAlt;
    switch (a) {
        case Action::RemoveSameText:
            if (sel.entity.empty()) return false;
            remove_same_text(sel.entity);
            return true;
        case Action::Propagate:
            if (!letter_free('p')) return false;
            propagation_refresh();
            if (!offer) return false;
            apply_propagation();
            return true;
        case Action::ClearSelection:
            sel.active = false;
            sel.show_popup = false;
            sel.entity.clear();
            sel.relation.clear();
            end_relation_pick();
            return true;
        case Action::DeleteEntity: delete_selected_entity(); return true;
        case Action::NextEntity: step_entity(+1); return true;
        case Action::PrevEntity: step_entity(-1); return true;
        case Action::MoveEndLeft:
        case Action::MoveEndRight:
        case Action::MoveStartLeft:
        case Action::MoveStartRight:
            if (sel.entity.empty()) return false;
            nudge_entity_edge(a == Action::MoveStartLeft || a == Action::MoveStartRight,
                              a == Action::MoveEndLeft || a == Action::MoveStartLeft ? -1 : +1, alt);
            return true;
        case Action::LabelActive:
            if (sel.active && !prefs.active_label.empty()) label_selection_or_entity(prefs.active_label);
            return true;
        case Action::LabelKey:
            // Nothing selected: the key accepts the current suggestion with its label.
            if (const Label* l = pressed_label())
                if (sel.active || !sel.entity.empty() || !accept_suggestion_with_key(l->name))
                    label_selection_or_entity(l->name);
            return true;
        case Action::AddRelation:
            if (!letter_free('r') || (sel.entity.empty() && sel.relation.empty())) return false;
            if (!sel.relation.empty())
                reverse_selected_relation();
            else
                start_relation_pick(sel.entity);
            return true;
        case Action::RetypeRelation:
            if (!letter_free('t') || sel.relation.empty()) return false;
            start_retype(sel.relation);
            return true;
        case Action::NextRelation:
        case Action::PrevRelation: step_relation(a == Action::NextRelation ? +1 : -1); return true;
        default: return false;
    }
}

}  // namespace aa::ui
