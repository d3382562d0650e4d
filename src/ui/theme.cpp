// The themes (theme.hpp): light, dark and high contrast, their colours, ImGui's style colours for
// each, the WCAG contrast arithmetic (relative luminance from core's Color), and the App's choice
// between them (View > Theme, else the browser's prefers-color-scheme and prefers-contrast).
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
// High contrast (prefers-contrast: more): text at 7:1 or more (WCAG AAA 1.4.6), black or white
// pages, outlines in full strength, entity boxes in their label's colour unmixed (make_theme).
struct ThemeColour {
    Color Theme::*field;
    Color light, dark, contrast_light, contrast_dark;
};
// clang-format off
constexpr ThemeColour kColours[] = {
    //  colour                   light            dark             contrast light   contrast dark
    {&Theme::article_bg,     {255, 255, 255}, { 24,  24,  27}, {255, 255, 255}, {  0,   0,   0}},
    {&Theme::text,           { 30,  30,  30}, {230, 230, 230}, {  0,   0,   0}, {255, 255, 255}},
    {&Theme::window_bg,      {245, 245, 247}, { 32,  33,  36}, {255, 255, 255}, {  0,   0,   0}},
    {&Theme::menu_bg,        {235, 235, 240}, { 40,  41,  45}, {255, 255, 255}, {  0,   0,   0}},
    {&Theme::popup_bg,       {255, 255, 255}, { 38,  39,  43}, {255, 255, 255}, {  0,   0,   0}},
    {&Theme::ui_text,        {  0,   0,   0}, {235, 235, 235}, {  0,   0,   0}, {255, 255, 255}},
    {&Theme::muted_text,     {108, 108, 108}, {160, 160, 165}, { 60,  60,  60}, {200, 200, 200}},  // light: 4.5:1 on window_bg (ImGui's was 2.6:1)
    {&Theme::selection,      { 66, 133, 244}, {100, 150, 255}, {  0,  80, 255}, { 40, 120, 255}},
    {&Theme::accent,         { 20,  90, 220}, {110, 160, 255}, {  0,   0, 190}, {255, 230,   0}},  // contrast dark: a yellow focus ring
    {&Theme::widget_accent,  { 66, 133, 245}, {110, 160, 255}, {  0,  60, 200}, { 80, 150, 255}},
    {&Theme::border,         {179, 179, 189}, { 97,  99, 110}, {  0,   0,   0}, {200, 200, 200}},
    {&Theme::frame_bg,       {255, 255, 255}, { 24,  24,  27}, {255, 255, 255}, {  0,   0,   0}},
    {&Theme::control_border, {118, 118, 128}, {140, 140, 150}, {  0,   0,   0}, {255, 255, 255}},  // ImGui's white radios on the light panel were 1.1:1
    {&Theme::check,          { 20,  90, 220}, {110, 160, 255}, {  0,   0, 190}, {255, 230,   0}},
    {&Theme::error,          {204,  26,  26}, {255, 120, 120}, {160,   0,   0}, {255, 140, 140}},
    {&Theme::ok,             { 26, 128,  51}, {110, 210, 130}, {  0, 100,   0}, {120, 240, 120}},
    {&Theme::warning,        {153,  89,   0}, {240, 170,  60}, {110,  60,   0}, {255, 210,  80}},
    {&Theme::link,           { 20,  80, 190}, {140, 180, 255}, {  0,   0, 170}, {140, 190, 255}},
    {&Theme::find_hit,       {255, 214,   0}, {180, 140,   0}, {255, 230,   0}, {255, 230,   0}},  // dark: the light yellow made white text 4.2:1
    {&Theme::find_current,   {255, 140,   0}, {230, 120,   0}, {255, 150,   0}, {255, 150,   0}},
    {&Theme::find_outline,   {200,  90,   0}, {255, 150,  40}, {  0,   0,   0}, {255, 150,   0}},
    {&Theme::banner_bg,      {255, 243, 205}, { 70,  60,  20}, {255, 240, 150}, { 60,  50,   0}},
    {&Theme::unknown_label,  {200, 200, 200}, {110, 110, 110}, {200, 200, 200}, {120, 120, 120}},
    {&Theme::shadow,         {  0,   0,   0}, {  0,   0,   0}, {  0,   0,   0}, {  0,   0,   0}},
};
// clang-format on

Theme make_theme(bool dark, bool high) {
    Theme t;
    t.dark = dark;
    t.high_contrast = high;
    for (const ThemeColour& row : kColours)
        t.*row.field = high ? (dark ? row.contrast_dark : row.contrast_light) : (dark ? row.dark : row.light);
    if (!high) {
        t.selection_alpha = dark ? 0.35f : 0.27f;
        if (dark) {
            t.button_alpha = 0.28f, t.button_hover_alpha = 0.45f, t.tab_alpha = 0.2f, t.tab_active_alpha = 0.5f;
            t.find_hit_alpha = 0.4f, t.find_current_alpha = 0.5f;
        }
    } else if (!dark) {
        t.selection_alpha = 0.25f;
        t.find_hit_alpha = 0.6f, t.find_current_alpha = 0.9f;
        t.box_alpha = 1.0f;
    } else {
        t.selection_alpha = 0.45f;
        t.button_alpha = 0.3f, t.button_hover_alpha = 0.5f, t.tab_alpha = 0.25f, t.tab_active_alpha = 0.5f;
        t.header_alpha = 0.3f, t.header_hover_alpha = 0.45f;
        t.find_hit_alpha = 0.35f, t.find_current_alpha = 0.45f;
        t.box_alpha = 1.0f;
    }
    return t;
}

const Theme kLight = make_theme(false, false);
const Theme kDark = make_theme(true, false);
const Theme kContrastLight = make_theme(false, true);
const Theme kContrastDark = make_theme(true, true);
const Theme* g_theme = &kLight;

}  // namespace

ImVec4 v4(Color c, float alpha) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }

// The theme in use: View > Theme's choice (remembered with the view), else the browser's
// prefers-color-scheme and prefers-contrast.
void AppImpl::update_theme() {
    const std::string& p = prefs.theme;
    const bool system = p != "light" && p != "dark" && p != "contrast-light" && p != "contrast-dark";
    const bool dark = system ? system_dark : p == "dark" || p == "contrast-dark";
    const bool high = system ? system_contrast : p == "contrast-light" || p == "contrast-dark";
    if (&theme_for(dark, high) != &theme()) apply_theme(dark, high);
}

void AppImpl::draw_theme_menu() {
    const bool open = begin_menu("Theme");
    note_widget("view.theme");
    if (!open) return;
    for (const auto& [label, value] :
         {std::pair{"Follow the system", "system"}, std::pair{"Light", "light"}, std::pair{"Dark", "dark"},
          std::pair{"High contrast light", "contrast-light"}, std::pair{"High contrast dark", "contrast-dark"}}) {
        if (menu_check(label, nullptr, prefs.theme == value) && prefs.theme != value) {
            prefs.theme = value;
            ++prefs_revision;
        }
        note_widget(std::string("view.theme.") + value);
    }
    end_menu();
}

const Theme& light_theme() { return kLight; }
const Theme& dark_theme() { return kDark; }
const Theme& contrast_light_theme() { return kContrastLight; }
const Theme& contrast_dark_theme() { return kContrastDark; }
const Theme& theme_for(bool dark, bool high_contrast) {
    if (high_contrast) return dark ? kContrastDark : kContrastLight;
    return dark ? kDark : kLight;
}
const Theme& theme() { return *g_theme; }

void apply_theme(bool dark, bool high_contrast) {
    g_theme = &theme_for(dark, high_contrast);
    const Theme& t = *g_theme;
    ImGuiStyle& s = ImGui::GetStyle();
    if (dark)
        ImGui::StyleColorsDark(&s);
    else
        ImGui::StyleColorsLight(&s);
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = v4(t.ui_text);
    c[ImGuiCol_TextDisabled] = v4(t.muted_text);
    c[ImGuiCol_WindowBg] = v4(t.window_bg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_MenuBarBg] = v4(t.menu_bg);
    c[ImGuiCol_Header] = v4(t.widget_accent, t.header_alpha);
    c[ImGuiCol_HeaderHovered] = v4(t.widget_accent, t.header_hover_alpha);
    c[ImGuiCol_Button] = v4(t.widget_accent, t.button_alpha);
    c[ImGuiCol_ButtonHovered] = v4(t.widget_accent, t.button_hover_alpha);
    c[ImGuiCol_Tab] = v4(t.widget_accent, t.tab_alpha);
    c[ImGuiCol_TabActive] = v4(t.widget_accent, t.tab_active_alpha);
    c[ImGuiCol_NavHighlight] = v4(t.accent);
    // Radio buttons, check boxes and fields: a fill and an outline (apply_style sets FrameBorderSize)
    // that stands out from the panel, and a strong dot or tick.
    c[ImGuiCol_FrameBg] = v4(t.frame_bg);
    c[ImGuiCol_FrameBgHovered] = v4(blend(t.widget_accent, t.button_alpha, t.frame_bg));
    c[ImGuiCol_FrameBgActive] = v4(blend(t.widget_accent, t.button_hover_alpha, t.frame_bg));
    c[ImGuiCol_CheckMark] = v4(t.check);
    // Menus, popups and dialogs are opaque (the article never shows through), with a border and a
    // shadow (draw_popup_shadows) to lift them off the page.
    c[ImGuiCol_PopupBg] = v4(t.popup_bg);
    c[ImGuiCol_Border] = v4(t.control_border);
    c[ImGuiCol_Separator] = v4(t.border);
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
