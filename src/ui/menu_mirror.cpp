// Menus for screen readers: the wrappers through which the UI draws its menu bar, menus, submenus
// and context menus (ImGui's BeginMenu / MenuItem / BeginPopup), noting each entry with its name,
// shortcut, state and keyboard focus in MenuMirror. update_accessibility hands the result to the
// host, which exposes it as role=menubar / menu / menuitem (platform/web/a11y.js).
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/app_impl.hpp"

namespace aa::ui {

// The entry ImGui drew last goes into the menu being drawn (the bar when none is). It has the
// keyboard when ImGui's navigation is on it: keys move it, and so does the mouse over a menu item.
void AppImpl::note_menu_entry(A11yMenuItem item, unsigned id, const ImGuiWindow* window) {
    const ImGuiContext& g = *GImGui;
    if (!window) {
        id = g.LastItemData.ID;
        window = g.CurrentWindow;
    }
    item.focused = id != 0 && g.NavId == id && g.NavWindow == window;
    item.name = item.name.substr(0, item.name.find("##"));
    A11yMenu& menu = menu_mirror.stack.empty() ? menu_mirror.bar : menu_mirror.open[menu_mirror.stack.back()];
    menu.items.push_back(std::move(item));
}

bool AppImpl::menu_item(const char* label, const char* shortcut, bool selected, bool enabled) {
    const bool clicked = ImGui::MenuItem(label, shortcut, selected, enabled);
    note_menu_entry({.name = label, .shortcut = shortcut ? shortcut : "", .enabled = enabled});
    return clicked;
}

bool AppImpl::menu_check(const char* label, const char* shortcut, bool checked, bool enabled) {
    const bool clicked = ImGui::MenuItem(label, shortcut, checked, enabled);
    note_menu_entry({.name = label,
                     .shortcut = shortcut ? shortcut : "",
                     .checkable = true,
                     .checked = checked,
                     .enabled = enabled});
    return clicked;
}

bool AppImpl::begin_menu(const char* label, bool enabled) {
    // An open menu's window is current after BeginMenu: its entry's id and window are taken before.
    const ImGuiWindow* parent = ImGui::GetCurrentWindow();
    const ImGuiID id = ImGui::GetID(label);
    const bool open = ImGui::BeginMenu(label, enabled);
    note_menu_entry({.name = label, .enabled = enabled, .submenu = true, .expanded = open}, id, parent);
    if (open) {
        menu_mirror.open.push_back({std::string(label).substr(0, std::string_view(label).find("##")), {}});
        menu_mirror.stack.push_back(menu_mirror.open.size() - 1);
    }
    return open;
}

void AppImpl::end_menu() {
    ImGui::EndMenu();
    if (!menu_mirror.stack.empty()) menu_mirror.stack.pop_back();
}

bool AppImpl::begin_popup_menu(const char* id, std::string name, int window_flags) {
    if (!ImGui::BeginPopup(id, window_flags)) return false;
    menu_mirror.open.push_back({std::move(name), {}});
    menu_mirror.stack.push_back(menu_mirror.open.size() - 1);
    return true;
}

void AppImpl::end_popup_menu() {
    ImGui::EndPopup();
    if (!menu_mirror.stack.empty()) menu_mirror.stack.pop_back();
}

}  // namespace aa::ui
