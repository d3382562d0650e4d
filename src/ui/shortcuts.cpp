// Global keyboard shortcuts: undo/redo, open, save, copy, zoom, entity keys, label hotkeys.
// Keys of a feature (find, suggestions, queue, agreement) are handled first by its own file.
#include <imgui.h>

#include "ui/app_impl.hpp"

namespace aa::ui {

void AppImpl::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        // Typing goes to the focused field; modals handle their own keys.
        if (!io.WantTextInput && ImGui::IsKeyPressed(ImGuiKey_Escape)) sel.show_popup = false;
        if (!(ImGui::IsPopupOpen("##selection_labels") && !io.WantTextInput)) return;
    }
    if (handle_queue_keys() || handle_agreement_keys()) return;  // queue.cpp, agreement_view.cpp
    if (handle_feature_keys()) return;                           // find, propagation, suggestions (find.cpp)
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    const bool shift = io.KeyShift;
    if (ctrl) {
        if (ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
            if (shift)
                editor.redo();
            else
                editor.undo();
        } else if (ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
            editor.redo();
        } else if (ImGui::IsKeyPressed(ImGuiKey_S, false)) {
            if (!editor.doc().text().empty()) download("native");
        } else if (ImGui::IsKeyPressed(ImGuiKey_O, false)) {
            platform.open_file_dialog(".txt,.json,.jsonl,.jsonld,.ann,.conll,.xml,text/plain,application/json");
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
    if (editor.doc().text().empty()) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        sel.active = false;
        sel.show_popup = false;
        sel.entity.clear();
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false) || ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) {
        if (!sel.entity.empty()) {
            if (Status s = editor.remove_entity(sel.entity); s) sel.entity.clear();
        }
    }
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
            label_selection_or_entity(l.name);
            break;
        }
    }
}

}  // namespace aa::ui
