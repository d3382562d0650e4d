// The light and dark themes (theme.hpp): their colours, ImGui's style colours for each, the WCAG
// contrast arithmetic (relative luminance from core's Color), and the App's choice between them
// (View > Theme, else the browser's prefers-color-scheme).
#include "ui/theme.hpp"

#include "ui/app_impl.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace aa::ui {
namespace {

// One row a colour, one column a theme: the themes are read (and held to contrast) side by side.
struct ThemeColour {
    Color Theme::*field;
    Color light, dark;
};
// clang-format off
constexpr ThemeColour kColours[] = {
    //  colour               light            dark
    {&Theme::article_bg, {255, 255, 255}, { 24,  24,  27}},
    {&Theme::text,       { 30,  30,  30}, {230, 230, 230}},
    {&Theme::window_bg,  {245, 245, 247}, { 32,  33,  36}},
    {&Theme::menu_bg,    {235, 235, 240}, { 40,  41,  45}},
    {&Theme::popup_bg,   {255, 255, 255}, { 38,  39,  43}},
    {&Theme::ui_text,    {  0,   0,   0}, {235, 235, 235}},
    {&Theme::muted_text, {112, 112, 112}, {160, 160, 165}},  // light: 4.5:1 on window_bg (ImGui's was 2.6:1)
    {&Theme::selection,  { 66, 133, 244}, {100, 150, 255}},
    {&Theme::accent,     { 20,  90, 220}, {110, 160, 255}},
    {&Theme::error,      {204,  26,  26}, {255, 120, 120}},
    {&Theme::ok,         { 26, 128,  51}, {110, 210, 130}},
    {&Theme::warning,    {153,  89,   0}, {240, 170,  60}},
};
// clang-format on

Theme make_theme(bool dark) {
    Theme t;
    t.dark = dark;
    for (const ThemeColour& row : kColours) t.*row.field = dark ? row.dark : row.light;
    t.selection_alpha = dark ? 0.35f : 0.27f;
    return t;
}

const Theme kLight = make_theme(false);
const Theme kDark = make_theme(true);
const Theme* g_theme = &kLight;

}  // namespace

ImVec4 v4(Color c, float alpha) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }

// The theme in use: View > Theme's choice (remembered with the view), or the browser's preference.
void AppImpl::update_theme() {
    const bool dark = prefs.theme == "dark" || (prefs.theme != "light" && system_dark);
    if (dark != theme().dark) apply_theme(dark);
}

void AppImpl::draw_theme_menu() {
    const bool open = ImGui::BeginMenu("Theme");
    note_widget("view.theme");
    if (!open) return;
    for (const auto& [label, value] :
         {std::pair{"Follow the system", "system"}, std::pair{"Light", "light"}, std::pair{"Dark", "dark"}}) {
        if (ImGui::MenuItem(label, nullptr, prefs.theme == value) && prefs.theme != value) {
            prefs.theme = value;
            ++prefs_revision;
        }
        note_widget(std::string("view.theme.") + value);
    }
    ImGui::EndMenu();
}

const Theme& light_theme() { return kLight; }
const Theme& dark_theme() { return kDark; }
const Theme& theme() { return *g_theme; }

void apply_theme(bool dark) {
    g_theme = dark ? &kDark : &kLight;
    const Theme& t = *g_theme;
    ImGuiStyle& s = ImGui::GetStyle();
    if (dark)
        ImGui::StyleColorsDark(&s);
    else
        ImGui::StyleColorsLight(&s);
    ImVec4* c = s.Colors;
    const Color accent = dark ? t.accent : Color{66, 133, 245};
    c[ImGuiCol_Text] = v4(t.ui_text);
    c[ImGuiCol_TextDisabled] = v4(t.muted_text);
    c[ImGuiCol_WindowBg] = v4(t.window_bg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_MenuBarBg] = v4(t.menu_bg);
    c[ImGuiCol_Header] = v4(accent, 0.22f);
    c[ImGuiCol_HeaderHovered] = v4(accent, 0.35f);
    c[ImGuiCol_Button] = v4(accent, dark ? 0.28f : 0.16f);
    c[ImGuiCol_ButtonHovered] = v4(accent, dark ? 0.45f : 0.32f);
    c[ImGuiCol_Tab] = v4(accent, dark ? 0.2f : 0.12f);
    c[ImGuiCol_TabActive] = v4(accent, dark ? 0.5f : 0.38f);
    c[ImGuiCol_NavHighlight] = v4(t.accent);
    // Menus, popups and dialogs are opaque (the article never shows through), with a border and a
    // shadow (draw_popup_shadows) to lift them off the page.
    c[ImGuiCol_PopupBg] = v4(t.popup_bg);
    c[ImGuiCol_Border] = dark ? ImVec4(0.38f, 0.39f, 0.43f, 1) : ImVec4(0.70f, 0.70f, 0.74f, 1);
}

double contrast(Color a, Color b) {
    const double la = a.luminance(), lb = b.luminance();
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Color blend(Color top, float alpha, Color bottom) {
    auto mix = [&](uint8_t x, uint8_t y) {
        return static_cast<uint8_t>(std::lround(static_cast<float>(x) * alpha + static_cast<float>(y) * (1 - alpha)));
    };
    return {mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b)};
}

Color box_fill(Color c, bool hot) { return blend(c, hot ? 1.0f : theme().box_alpha, theme().article_bg); }
Color box_text(Color c, bool hot) { return box_fill(c, hot).readable_text(); }

}  // namespace aa::ui
