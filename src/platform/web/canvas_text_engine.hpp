// CanvasTextEngine: the browser's own text engine behind ui::TextEngine. A 2D canvas context
// (an OffscreenCanvas) measures runs with measureText in the article's font stack: the system
// fonts, then Noto per script and Noto Color Emoji as fallbacks, so shaping (Arabic joining,
// Devanagari conjuncts, emoji sequences) is the browser's. The page bundles no script font.
#pragma once
#include <string_view>

#include "ui/text_engine.hpp"

namespace aa::web {

// The CSS font family list the article text is measured (and will be drawn) with.
extern const char* const kTextFontFamilies;

class CanvasTextEngine : public ui::TextEngine {
public:
    explicit CanvasTextEngine(float size_px) : size_px_(size_px) {}
    float width(std::u32string_view text, bool rtl) override;
    float size_px() const { return size_px_; }

private:
    float size_px_;
};

}  // namespace aa::web
