// TextRenderer: a TextEngine that also draws. The article view lays text out in runs
// (ParagraphLayout) and asks the renderer to measure and draw each run: in the page, the browser's
// canvas shapes and rasterises runs into a texture atlas (platform/web/canvas_text_engine); in the
// native build and the headless tests, FontTextRenderer uses Dear ImGui's font atlas.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "ui/text_engine.hpp"

struct ImDrawList;
struct ImFont;

namespace aa::ui {

class TextRenderer : public TextEngine {
public:
    // The text size in CSS pixels and the screen's pixel ratio (runs are rasterised at size * ratio).
    // Widths are in CSS pixels, for `size`.
    virtual void set_size(float size, float pixel_ratio) = 0;
    // Draws one run (code points in logical order, one direction) with its left edge at x and the
    // top of its line box (`size` tall) at y, in `color` (ImGui's packed RGBA), in the face `style`.
    virtual void draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
                      TextStyle style = TextStyle::Regular) = 0;
    // Called once a frame after drawing (an atlas ages its entries there).
    virtual void end_frame() {}
};

// Dear ImGui's font: one advance per code point, no shaping; a right-to-left run is drawn cluster
// by cluster from its right edge. Deterministic, for the native build and the headless tests. Bold
// runs take the bold font when one is set (DejaVu Sans Bold), else the regular one.
class FontTextRenderer final : public TextRenderer {
public:
    void set_font(ImFont* font, ImFont* bold = nullptr) {
        font_ = font;
        bold_ = bold;
    }
    void set_size(float size, float pixel_ratio) override;
    float width(std::u32string_view text, bool rtl, TextStyle style) override;
    void draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
              TextStyle style = TextStyle::Regular) override;

private:
    ImFont* face(TextStyle style) const { return style == TextStyle::Bold && bold_ ? bold_ : font_; }
    float advance(const ImFont* font, char32_t c) const;

    ImFont* font_ = nullptr;
    ImFont* bold_ = nullptr;
    float size_ = 18;
    std::vector<size_t> bounds_;  // scratch: cluster boundaries of a right-to-left run
};

}  // namespace aa::ui
