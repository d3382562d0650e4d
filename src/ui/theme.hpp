// The colour themes (issue 15): light and dark, the colours the UI draws with by name, and the
// contrast arithmetic of WCAG 2.2 that tests hold every text colour to (4.5:1, AA). The ImGui
// style of each theme is applied by apply_theme; the rest of the UI reads theme().
#pragma once
#include "core/label.hpp"

struct ImVec4;

namespace aa::ui {

struct Theme {
    bool dark = false;
    Color article_bg, text;  // the article's page and its text
    Color window_bg, menu_bg, popup_bg;
    Color ui_text, muted_text;  // ImGui's Text and TextDisabled (hints, counts: held to AA too)
    Color selection;            // drawn at selection_alpha under the text
    float selection_alpha = 0.3f;
    Color accent;  // the selected entity's outline, the caret, the focus ring
    Color error, ok, warning;
    float box_alpha = 0.85f;  // entity boxes: the label's colour at this alpha over article_bg
};

const Theme& light_theme();
const Theme& dark_theme();
const Theme& theme();         // the one in use
void apply_theme(bool dark);  // makes it the one in use and sets ImGui's style colours

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
