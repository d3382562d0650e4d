// The App's Dear ImGui fonts as added to an atlas (AppImpl::build_fonts), shared with the build's
// font baker (bake_fonts_main.cpp), which must add exactly what the page adds at start-up.
#pragma once

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace aa::ui {

// The article's font size at 100% zoom (CSS px): AppImpl::Fonts::base_size. The baker assumes it; a
// page whose atlas differs from the baked one rasterises it (correct, only slower).
constexpr float kArticleFontSize = 18.0f;

struct FontChoice {
    std::string file;            // a TrueType file; ImGui's built-in font when it cannot be read
    float pixel_ratio;           // device pixels per CSS pixel: the atlas is rasterised at that density
    float zoom;                  // the UI's zoom (View > Zoom)
    bool imgui_draws_user_text;  // no platform renderer for user text: Latin, Greek, Cyrillic (else ASCII)
    bool imgui_draws_article;    // no platform renderer for the article: its font gets the text ranges
};

struct AppFonts {
    ImFont* ui = nullptr;
    ImFont* ui_bold = nullptr;
    ImFont* text = nullptr;
    ImFont* tag = nullptr;
};

// Adds the App's fonts to `atlas` (not built).
AppFonts add_app_fonts(ImFontAtlas& atlas, const FontChoice& choice);
float tag_font_size(float text_size);  // label tags: capitals at least 10 px tall at 100%

}  // namespace aa::ui
