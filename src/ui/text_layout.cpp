// Greedy word wrap: a line breaks after the last whitespace that fits (whitespace hangs past
// the edge and never forces a break), before an ideograph, or inside a word that is wider than
// the whole line. Each hard line break ends a paragraph and adds a small gap.
#include "ui/text_layout.hpp"

#include <algorithm>

#include "core/unicode.hpp"
#include "core/utf8.hpp"

namespace aa::ui {

void TextLayout::build(const Text& text, const GlyphAdvances& adv, const LayoutMetrics& m) {
    adv_ = adv;
    lines_.clear();
    widest_ = 0;
    const std::string_view s = text.utf8();
    const float wrap = std::max(m.wrap_width, adv(' ') * 4);
    float y = 0;

    size_t i = 0, cp = 0;
    while (true) {
        // One hard line: [line_cp, ...) up to a break or the end.
        VisualLine cur;
        cur.start = static_cast<uint32_t>(cp);
        cur.byte_start = static_cast<uint32_t>(i);
        float x = 0;
        // Last break opportunity on the current visual line: position after it, and x there.
        size_t brk_i = 0, brk_cp = 0;
        bool has_brk = false;
        bool hard_break = false;
        while (i < s.size()) {
            const size_t at_i = i;
            const size_t at_cp = cp;
            const char32_t c = utf8::decode(s, i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i < s.size() && s[i] == '\n') ++i, ++cp;  // CRLF is one break
                ++cp;
                cur.draw_end = static_cast<uint32_t>(at_cp);
                cur.byte_end = static_cast<uint32_t>(at_i);
                hard_break = true;
                break;
            }
            const float w = adv(c);
            const bool space = unicode::is_space(c);
            if (!space && x + w > wrap && at_cp > cur.start) {
                // Wrap: at the last opportunity, else right here (a word wider than the line).
                size_t cut_i = has_brk ? brk_i : at_i;
                size_t cut_cp = has_brk ? brk_cp : at_cp;
                if (!has_brk && unicode::category(c) == unicode::Category::Mark) {
                    // never separate a combining mark from its base: keep it, overflow slightly
                } else {
                    cur.draw_end = static_cast<uint32_t>(cut_cp);
                    cur.byte_end = static_cast<uint32_t>(cut_i);
                    cur.y = y;
                    cur.height = m.row_height;
                    y += cur.height;
                    lines_.push_back(cur);
                    cur = VisualLine{};
                    cur.start = static_cast<uint32_t>(cut_cp);
                    cur.byte_start = static_cast<uint32_t>(cut_i);
                    // Re-measure from the cut to here.
                    x = 0;
                    size_t j = cut_i;
                    while (j < at_i) x += adv(utf8::decode(s, j));
                    has_brk = false;
                }
            }
            if (unicode::is_ideograph(c) && at_cp > cur.start) {  // may break before an ideograph
                brk_i = at_i;
                brk_cp = at_cp;
                has_brk = true;
            }
            x += w;
            ++cp;
            widest_ = std::max(widest_, std::min(x, wrap));
            if (space) {  // may break after whitespace
                brk_i = i;
                brk_cp = cp;
                has_brk = true;
            }
        }
        if (!hard_break) {
            cur.draw_end = static_cast<uint32_t>(cp);
            cur.byte_end = static_cast<uint32_t>(i);
        }
        cur.y = y;
        const bool empty_line = cur.draw_end == cur.start;
        cur.height = empty_line ? m.blank_line_height : m.row_height + (hard_break ? m.line_break_gap : 0);
        y += cur.height;
        lines_.push_back(cur);
        if (!hard_break) break;
    }
    height_ = y;
}

size_t TextLayout::line_at_y(float y) const {
    if (lines_.empty()) return 0;
    auto it = std::upper_bound(lines_.begin(), lines_.end(), y, [](float v, const VisualLine& l) { return v < l.y; });
    if (it == lines_.begin()) return 0;
    return static_cast<size_t>(it - lines_.begin()) - 1;
}

size_t TextLayout::line_of(size_t cp) const {
    if (lines_.empty()) return 0;
    auto it =
        std::upper_bound(lines_.begin(), lines_.end(), cp, [](size_t v, const VisualLine& l) { return v < l.start; });
    if (it == lines_.begin()) return 0;
    return static_cast<size_t>(it - lines_.begin()) - 1;
}

float TextLayout::x_of(const Text& text, size_t li, size_t cp) const {
    const VisualLine& l = lines_[li];
    const std::string_view s = text.utf8();
    cp = std::clamp<size_t>(cp, l.start, l.draw_end);
    float x = 0;
    size_t i = l.byte_start;
    for (size_t k = l.start; k < cp; ++k) x += adv_(utf8::decode(s, i));
    return x;
}

void TextLayout::caret_xs(const Text& text, size_t li, std::vector<float>& out) const {
    const VisualLine& l = lines_[li];
    const std::string_view s = text.utf8();
    out.clear();
    out.reserve(l.draw_end - l.start + 1);
    float x = 0;
    out.push_back(0);
    size_t i = l.byte_start;
    for (size_t k = l.start; k < l.draw_end; ++k) {
        x += adv_(utf8::decode(s, i));
        out.push_back(x);
    }
}

size_t TextLayout::hit(const Text& text, size_t li, float x) const {
    const VisualLine& l = lines_[li];
    const std::string_view s = text.utf8();
    float left = 0;
    size_t i = l.byte_start;
    for (size_t k = l.start; k < l.draw_end; ++k) {
        const float w = adv_(utf8::decode(s, i));
        if (x < left + w * 0.5f) return k;
        left += w;
    }
    return l.draw_end;
}

}  // namespace aa::ui
