// Global keyboard shortcuts: undo/redo, open, save, copy, zoom, entity keys, label hotkeys.
// Keys of a feature (find, suggestions, queue, agreement) are handled first by its own file.
#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupsExceptModals, GetTopMostPopupModal

#include <utility>

#include "ui/app_impl.hpp"

namespace aa::ui {

void AppImpl::undo_with_status() {
    // One key press, one step: the find field and the global keys may both see the same Ctrl+Z.
    if (std::exchange(last_undo_frame, ImGui::GetFrameCount()) == ImGui::GetFrameCount()) return;
    if (!editor.can_undo()) {
        set_status("Nothing to undo");
        return;
    }
    const std::string name = editor.undo_name();
    if (editor.undo()) set_status("Undid: " + name);
}

void AppImpl::redo_with_status() {
    if (std::exchange(last_undo_frame, ImGui::GetFrameCount()) == ImGui::GetFrameCount()) return;
    if (!editor.can_redo()) {
        set_status("Nothing to redo");
        return;
    }
    const std::string name = editor.redo_name();
    if (editor.redo()) set_status("Redid: " + name);
}

// Keys that work whatever is open: Escape closes the innermost thing open (a menu or popup, then
// the shortcuts window), and undo / redo work with a menu open. True when a key was used.
bool AppImpl::handle_always_keys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;  // the focused field has the keys (the find bar handles its own undo)
    const bool modal = ImGui::GetTopMostPopupModal() != nullptr;
    const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !modal) {  // modals cancel on Escape themselves
        if (popup) {
            ImGui::ClosePopupsExceptModals();
            return true;
        }
        if (show_help || show_about || show_log) {  // the overlays: shortcuts, About, message log
            show_help = show_about = show_log = false;
            return true;
        }
        return false;
    }
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    if (!ctrl || modal) return false;
    if (ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
        io.KeyShift ? redo_with_status() : undo_with_status();
        return true;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
        redo_with_status();
        return true;
    }
    return false;
}

void AppImpl::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (handle_always_keys()) return;
    if (!ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel) && handle_region_keys())
        return;  // F6: even from a field of the side panel (keyboard.cpp)
    // Typing goes to the focused field; an open menu or popup takes the other keys (a label key
    // must never act on a selection hidden behind it).
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    if (handle_queue_keys() || handle_agreement_keys()) return;  // queue.cpp, agreement_view.cpp
    if (handle_feature_keys()) return;                           // find, propagation, suggestions (find.cpp)
    // The caret's keys in the article, Ctrl+arrows included (keyboard.cpp).
    if (keynav.region == KeyRegion::Article && !editor.doc().text().empty() && handle_caret_keys()) return;
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    const bool shift = io.KeyShift;
    if (ctrl) {
        if (ImGui::IsKeyPressed(ImGuiKey_S, false)) {
            if (!editor.doc().text().empty()) download("native");
        } else if (ImGui::IsKeyPressed(ImGuiKey_O, false)) {
            open_files();
        } else if (ImGui::IsKeyPressed(ImGuiKey_C, false)) {
            if (sel.active || !sel.entity.empty()) platform.copy_to_clipboard(selected_text());
        } else if (ImGui::IsKeyPressed(ImGuiKey_Equal, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd, false)) {
            set_zoom(prefs.zoom * 1.1f);
        } else if (ImGui::IsKeyPressed(ImGuiKey_Minus, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract, false)) {
            set_zoom(prefs.zoom / 1.1f);
        } else if (ImGui::IsKeyPressed(ImGuiKey_0, false)) {
            set_zoom(1.0f);
        }
        if (shift && !sel.entity.empty()) {
            if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) nudge_entity_edge(true, -1, io.KeyAlt);
            if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) nudge_entity_edge(true, +1, io.KeyAlt);
        }
        return;
    }
    // In the side panel, Tab, arrows, Space and Enter belong to ImGui's navigation of its widgets.
    if (editor.doc().text().empty() || keynav.region != KeyRegion::Article) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        sel.active = false;
        sel.show_popup = false;
        sel.entity.clear();
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false) || ImGui::IsKeyPressed(ImGuiKey_Backspace, false))
        delete_selected_entity();
    if (ImGui::IsKeyPressed(ImGuiKey_Tab, false)) step_entity(shift ? -1 : +1);
    if (shift && !sel.entity.empty()) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) nudge_entity_edge(false, -1, io.KeyAlt);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) nudge_entity_edge(false, +1, io.KeyAlt);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) {
        if (sel.active && !prefs.active_label.empty()) label_selection_or_entity(prefs.active_label);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Slash, false) && shift) show_help = !show_help;  // '?'
    if (ImGui::IsKeyPressed(ImGuiKey_F1, false)) show_help = !show_help;
    if (ImGui::IsKeyPressed(ImGuiKey_F9, false)) toggle_side_panel();
    // Label hotkeys: digits and letters as assigned in the Labels panel.
    for (const Label& l : editor.doc().labels().all()) {
        if (l.key.size() != 1) continue;
        const char k = l.key[0];
        ImGuiKey key = ImGuiKey_None;
        if (k >= '0' && k <= '9')
            key = static_cast<ImGuiKey>(ImGuiKey_0 + (k - '0'));
        else if (k >= 'a' && k <= 'z')
            key = static_cast<ImGuiKey>(ImGuiKey_A + (k - 'a'));
        const bool keypad =
            k >= '0' && k <= '9' && ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (k - '0')), false);
        if (key != ImGuiKey_None && !shift && !io.KeyAlt && (ImGui::IsKeyPressed(key, false) || keypad)) {
            // Nothing selected: the key accepts the current suggestion with its label.
            if (sel.active || !sel.entity.empty() || !accept_suggestion_with_key(l.name))
                label_selection_or_entity(l.name);
            break;
        }
    }
}

}  // namespace aa::ui
