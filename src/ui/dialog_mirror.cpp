// Dialogs for screen readers: the modal dialogs (ImGui's BeginPopupModal) and the relation picker's
// popup list, noted as they are drawn in DialogMirror with their message and controls (buttons,
// fields, check boxes, combo boxes, options), each with its state and ImGui's keyboard focus.
// update_accessibility hands them to the host, which exposes them as role=dialog (aria-modal) or
// listbox with their controls (platform/web/a11y.js).
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/app_impl.hpp"

namespace aa::ui {

bool AppImpl::begin_modal(const char* title) {
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
    // Opened from the keyboard: the control ImGui's navigation starts on is outlined (and is the screen
    // reader's focus) at once, and the first Tab goes on from it instead of only revealing it.
    // (ImGui hides it until a Tab, which then only reveals it.) Checked every frame: the modal's first
    // control is chosen in a later frame than the one it appears in.
    const ImGuiContext& g = *GImGui;
    if (keys_last && g.NavDisableHighlight && g.NavId != 0 && g.NavWindow == g.CurrentWindow)
        ImGui::NavRestoreHighlightAfterMove();
    begin_dialog_mirror("dialog", std::string(title).substr(0, std::string_view(title).find("##")));
    return true;
}

// Whether the keys were used last (a key pressed since the mouse last moved or clicked): a dialog opened
// now shows where its keyboard focus is.
void AppImpl::track_last_input() {
    const ImGuiIO& io = ImGui::GetIO();
    bool mouse = io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
    for (int b = 0; b < ImGuiMouseButton_COUNT; ++b) mouse = mouse || ImGui::IsMouseClicked(b);
    if (mouse) {
        keys_last = false;
        return;
    }
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END && !keys_last; ++k)
        if (!ImGui::IsMouseKey(static_cast<ImGuiKey>(k)) && ImGui::IsKeyPressed(static_cast<ImGuiKey>(k), false))
            keys_last = true;
}

void AppImpl::end_modal() {
    end_dialog_mirror();
    ImGui::EndPopup();
}

void AppImpl::begin_dialog_mirror(std::string role, std::string name) {
    dialog_mirror.open.push_back({std::move(role), std::move(name), {}, {}});
    dialog_mirror.stack.push_back(dialog_mirror.open.size() - 1);
}

void AppImpl::end_dialog_mirror() {
    if (!dialog_mirror.stack.empty()) dialog_mirror.stack.pop_back();
    dialog_mirror.next_name.clear();
}

A11yDialog* AppImpl::drawing_dialog() {
    return dialog_mirror.stack.empty() ? nullptr : &dialog_mirror.open[dialog_mirror.stack.back()];
}

void AppImpl::note_dialog_text(std::string_view text) {
    A11yDialog* d = drawing_dialog();
    if (!d || text.empty()) return;
    d->description += (d->description.empty() ? "" : " ") + std::string(text);
}

// Its name without ImGui's "##id" part (a field with none takes the name given before it); enabled
// unless drawn inside BeginDisabled; focused when ImGui's navigation is on it and outlined (a dialog
// opened with the mouse has no control focused until Tab: the dialog itself is the focus then).
void AppImpl::note_control(A11yControl c) {
    A11yDialog* d = drawing_dialog();
    if (!d) return;
    const ImGuiContext& g = *GImGui;
    c.name = c.name.substr(0, c.name.find("##"));
    if (c.name.empty()) c.name = dialog_mirror.next_name;
    dialog_mirror.next_name.clear();
    c.enabled = c.enabled && !(g.LastItemData.InFlags & ImGuiItemFlags_Disabled);
    c.focused = c.focused || (g.LastItemData.ID != 0 && g.NavId == g.LastItemData.ID &&
                              g.NavWindow == g.CurrentWindow && !g.NavDisableHighlight);
    d->controls.push_back(std::move(c));
}

bool AppImpl::dialog_button(const char* label) {
    const bool clicked = ImGui::Button(label);
    note_control({.role = "button", .name = label});
    return clicked;
}

void AppImpl::dialog_text(std::string_view utf8, ImU32 color) {
    ui_text_unformatted(utf8, color);
    note_dialog_text(utf8);
}

}  // namespace aa::ui
