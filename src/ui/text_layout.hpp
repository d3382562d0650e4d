// TextLayout: the article wrapped into visual lines for a given width and font, independent of
// Dear ImGui (the glyph advances come in as a table), so it can be tested without a renderer.
// Built once per (text, width, font size); drawing and hit-testing then touch only the visible
// lines: per-frame cost grows with what is on screen, not with the document.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/text.hpp"

namespace aa::ui {

// Horizontal advance of each code point at the layout's font size.
struct GlyphAdvances {
    const float* table = nullptr;  // advance of code point c for c < size (ImFont::IndexAdvanceX)
    size_t size = 0;
    float fallback = 0;    // for code points past the table (drawn as the fallback glyph)
    float scale = 1;       // multiplies every advance (font size / atlas font size)
    float tab_spaces = 4;  // a tab is this many spaces wide

    float operator()(char32_t c) const {
        if (c == '\t') return tab_spaces * get(' ');
        if (c < 0x20 || c == 0x7F) return 0;  // line breaks and controls take no room
        return get(c);
    }
    float get(char32_t c) const { return (c < size ? table[c] : fallback) * scale; }
};

struct LayoutMetrics {
    float wrap_width = 600;        // available width for text
    float row_height = 32;         // height of one visual line, label band and underlines included
    float line_break_gap = 6;      // extra space after a hard line break (paragraph spacing)
    float blank_line_height = 14;  // height of an empty line
};

struct VisualLine {
    uint32_t start = 0;       // first code point of the line
    uint32_t draw_end = 0;    // end of what is drawn (line breaks excluded)
    uint32_t byte_start = 0;  // UTF-8 offsets of start and draw_end
    uint32_t byte_end = 0;
    float y = 0;  // top of the row
    float height = 0;
};

class TextLayout {
public:
    void build(const Text& text, const GlyphAdvances& adv, const LayoutMetrics& m);
    void clear() {
        lines_.clear();
        height_ = 0;
    }

    bool empty() const { return lines_.empty(); }
    size_t line_count() const { return lines_.size(); }
    const VisualLine& line(size_t i) const { return lines_[i]; }
    float height() const { return height_; }
    float widest() const { return widest_; }

    // The line whose row contains y (clamped to the first/last line).
    size_t line_at_y(float y) const;
    // The line that shows code point cp (a cp at a wrap point belongs to the next line).
    size_t line_of(size_t cp) const;
    // x of the caret before code point cp on line `li` (cp clamped to the line).
    float x_of(const Text& text, size_t li, size_t cp) const;
    // The caret position nearest to x on line `li`.
    size_t hit(const Text& text, size_t li, float x) const;
    // x of every caret position of line `li`: out[k] = x before code point line.start + k,
    // for k = 0 .. draw_end - start (inclusive).
    void caret_xs(const Text& text, size_t li, std::vector<float>& out) const;

private:
    GlyphAdvances adv_;
    std::vector<VisualLine> lines_;
    float height_ = 0;
    float widest_ = 0;
};

}  // namespace aa::ui
