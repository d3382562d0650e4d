// The colour themes (issue 15): light, dark and their high-contrast pair, every colour the UI draws
// with by name (no colour is written anywhere else in src/ui), and the contrast arithmetic of WCAG 2.2
// that tests hold them to (4.5:1 for text, 3:1 for controls and marks; 7:1 in high contrast). The
// ImGui style colours of each theme are applied by apply_theme; the rest of the UI reads theme().
#pragma once
#include "core/label.hpp"

struct ImVec4;

namespace aa::ui {

struct Theme {
    bool dark = false;
    bool high_contrast = false;  // prefers-contrast: more, or View > Theme
    Color article_bg, text;      // the article's page and its text
    Color window_bg, menu_bg, popup_bg;
    Color ui_text, muted_text;  // ImGui's Text and TextDisabled (hints, counts: held to AA too)
    Color selection;            // drawn at selection_alpha under the text
    float selection_alpha = 0.3f;
    Color accent;         // the selected entity's outline, the caret, the focus ring, the splitter
    Color widget_accent;  // buttons, tabs and list headers: tinted with it at the alphas below
    float button_alpha = 0.16f, button_hover_alpha = 0.32f, tab_alpha = 0.12f, tab_active_alpha = 0.38f;
    float header_alpha = 0.22f, header_hover_alpha = 0.35f;
    Color border;                                // window and popup borders, separators
    Color frame_bg;                              // inside a radio button, a check box, a text field
    Color control_border;                        // their outline: 3:1 against the panel (WCAG 1.4.11)
    Color check;                                 // a radio button's dot, a check box's tick
    Color error, ok, warning;                    // status words; also Compare's missing (A only), extra (B only), other
    Color link;                                  // an action offered in the status bar ("Label 3 more ...?")
    Color find_hit, find_current, find_outline;  // Find's hits, drawn under the text at the alphas below
    float find_hit_alpha = 0.43f, find_current_alpha = 0.78f;
    Color banner_bg;          // the "open in another tab" banner, its text ui_text
    Color unknown_label;      // an entity whose label is not in the set
    Color shadow;             // popups' shadows, at falling alphas
    float box_alpha = 0.85f;  // entity boxes: the label's colour at this alpha over article_bg
};

const Theme& light_theme();
const Theme& dark_theme();
const Theme& contrast_light_theme();
const Theme& contrast_dark_theme();
const Theme& theme_for(bool dark, bool high_contrast);
const Theme& theme();                                     // the one in use
void apply_theme(bool dark, bool high_contrast = false);  // makes it the one in use, sets ImGui's colours

// WCAG 2.2: the contrast ratio of two colours (1..21), and `top` at `alpha` over `bottom`.
double contrast(Color a, Color b);
Color blend(Color top, float alpha, Color bottom);
// The fill an entity box of label colour `c` is drawn with, and the text colour for it (black or
// white, whichever contrasts more with that fill).
Color box_fill(Color c, bool hot = false);
Color box_text(Color c, bool hot = false);
// A colour for ImGui::TextColored.
ImVec4 v4(Color c, float alpha = 1.0f);

}  // namespace aa::ui
