// CanvasTextEngine (canvas_text_engine.hpp): one OffscreenCanvas 2D context kept on Module,
// its font set only when it changes (setting ctx.font re-parses the CSS every time).
#include "platform/web/canvas_text_engine.hpp"

#include <emscripten.h>

#include <string>

#include "core/utf8.hpp"

namespace aa::web {

const char* const kTextFontFamilies =
    "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Hebrew', "
    "'Noto Sans Devanagari', 'Noto Sans Bengali', 'Noto Sans Thai', 'Noto Sans CJK SC', 'Noto Sans CJK JP', "
    "'Noto Sans CJK KR', 'Noto Color Emoji', sans-serif";

namespace {

// clang-format off
EM_JS(double, aa_canvas_measure, (const char* text, int size, int rtl, double px, const char* families), {
    var m = Module.aaMeasure;
    if (!m) {
        var canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
        m = Module.aaMeasure = { ctx: canvas.getContext('2d'), font: "", dir: "" };
    }
    var font = px + 'px ' + UTF8ToString(families);
    if (m.font !== font) { m.ctx.font = font; m.font = font; }
    var dir = rtl ? 'rtl' : 'ltr';
    if (m.dir !== dir) { m.ctx.direction = dir; m.dir = dir; }
    return m.ctx.measureText(UTF8ToString(text, size)).width;
});
// clang-format on

}  // namespace

float CanvasTextEngine::width(std::u32string_view text, bool rtl) {
    if (text.empty()) return 0;
    std::string utf8;
    utf8.reserve(text.size() * 2);
    for (const char32_t c : text) utf8::append(utf8, c);
    return static_cast<float>(
        aa_canvas_measure(utf8.data(), static_cast<int>(utf8.size()), rtl ? 1 : 0, size_px_, kTextFontFamilies));
}

}  // namespace aa::web
