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
    begin_dialog_mirror("dialog", std::string(title).substr(0, std::string_view(title).find("##")));
    return true;
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
// unless drawn inside BeginDisabled; focused when ImGui's navigation is on it.
void AppImpl::note_control(A11yControl c) {
    A11yDialog* d = drawing_dialog();
    if (!d) return;
    const ImGuiContext& g = *GImGui;
    c.name = c.name.substr(0, c.name.find("##"));
    if (c.name.empty()) c.name = dialog_mirror.next_name;
    dialog_mirror.next_name.clear();
    c.enabled = c.enabled && !(g.LastItemData.InFlags & ImGuiItemFlags_Disabled);
    c.focused = c.focused || (g.LastItemData.ID != 0 && g.NavId == g.LastItemData.ID && g.NavWindow == g.CurrentWindow);
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
