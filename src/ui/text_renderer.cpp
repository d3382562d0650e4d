// FontTextRenderer (text_renderer.hpp): ImGui's font advances, tabs four spaces wide, controls
// zero-width and not drawn, as the old TextLayout did.
#include "ui/text_renderer.hpp"

#include <imgui.h>

#include "core/segment.hpp"
#include "core/utf8.hpp"

namespace aa::ui {

void FontTextRenderer::set_size(float size, float pixel_ratio) {
    (void)pixel_ratio;  // the font atlas is rasterised at the ratio already (AppImpl::build_fonts)
    size_ = size;
}

float FontTextRenderer::advance(const ImFont* font, char32_t c) const {
    if (!font) return size_ * 0.5f;
    if (c == '\t') return 4 * advance(font, ' ');
    if (c < 0x20 || c == 0x7F) return 0;
    const ImWchar w = c <= IM_UNICODE_CODEPOINT_MAX ? static_cast<ImWchar>(c) : font->FallbackChar;
    return font->GetCharAdvance(w) * size_ / font->FontSize;
}

float FontTextRenderer::width(std::u32string_view text, bool rtl, TextStyle style) {
    (void)rtl;
    const ImFont* font = face(style);
    float w = 0;
    for (const char32_t c : text) w += advance(font, c);
    return w;
}

void FontTextRenderer::draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
                            TextStyle style) {
    ImFont* font = face(style);
    if (!font) return;
    std::string utf8;
    auto put = [&](size_t a, size_t b) {  // code points [a, b) from x on, left to right
        for (size_t i = a; i < b; ++i) {
            const char32_t c = text[i];
            const float w = advance(font, c);
            if (c >= 0x20 && c != 0x7F) {
                utf8.clear();
                utf8::append(utf8, c);
                dl->AddText(font, size_, ImVec2(x, y), color, utf8.data(), utf8.data() + utf8.size());
            }
            x += w;
        }
    };
    if (!rtl) {
        put(0, text.size());
        return;
    }
    // Right to left: the last cluster is leftmost; each cluster keeps its code points in order.
    const std::vector<bool> b = seg::grapheme_boundaries(text);
    bounds_.clear();
    for (size_t i = 0; i <= text.size(); ++i)
        if (i == 0 || i == text.size() || b[i]) bounds_.push_back(i);
    for (size_t k = bounds_.size() - 1; k > 0; --k) put(bounds_[k - 1], bounds_[k]);
}

}  // namespace aa::ui
