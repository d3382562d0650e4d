// ArticleLayout: the whole article as paragraphs of ParagraphLayout (bidi, UAX #14, runs), laid out
// lazily so a frame's cost follows what is visible: a paragraph is laid out exactly when it enters
// the asked-for y range (ensure), elsewhere its height is estimated from its length. The y of every
// paragraph is a prefix sum over exact and estimated heights, rebuilt when a paragraph turns exact.
// A line that holds the start of an entity with relations is taller by the arc band (set_bands), so
// that only the lines with arcs pay for them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/bidi.hpp"
#include "core/text.hpp"
#include "ui/run_layout.hpp"

namespace aa::ui {

struct ArticleMetrics {
    float wrap_width = 600;        // available width for text
    float row_height = 32;         // one visual line, label band and underlines included
    float line_break_gap = 6;      // extra space after a hard line break (paragraph spacing)
    float blank_line_height = 14;  // height of an empty line
    float estimate_advance = 9;    // average code point advance, for the height of unlaid paragraphs
};

struct ArticleParagraph {
    uint32_t start = 0, end = 0;  // code points [start, end) of the article, the line break excluded
    float y = 0, height = 0;      // top and height (estimated until exact)
    bool hard_break = false;      // ends with a line break (adds line_break_gap)
    bool exact = false;           // laid out; height measured
};

class ArticleLayout {
public:
    // Splits `text` into paragraphs at line breaks (CRLF is one) and estimates their heights; lays
    // out nothing. `text` and `measure` must outlive the layout.
    void build(const Text& text, MeasureCache& measure, const ArticleMetrics& m, bidi::Direction direction);
    void clear();

    size_t paragraph_count() const { return paras_.size(); }
    const ArticleParagraph& paragraph(size_t i) const { return paras_[i]; }
    float height() const { return height_; }
    size_t exact_count() const { return exact_count_; }

    // The paragraph whose box contains y (clamped), and the one showing code point cp (the line
    // break belongs to the paragraph it ends).
    size_t paragraph_at_y(float y) const;
    size_t paragraph_of(size_t cp) const;

    // Lays out exactly every paragraph whose box meets [y0, y1), top down (an exact height moves the paragraphs after
    // it, never the ones before, so a caller keeps its view on the same text by anchoring on a paragraph's y). Returns
    // how many paragraphs were laid out.
    size_t ensure(float y0, float y1);
    // Paragraph i laid out (now if it was not yet; its height stays an estimate until ensure
    // reaches it): offsets in it are relative to its start.
    ParagraphLayout& layout(size_t i);
    // The lines that get the arc band (`band` px above their tags): those holding one of `anchors`
    // (article code points, sorted), the starts of the entities that have arcs. Moves the paragraphs
    // after a changed one; lays nothing out. Returns whether any line's height changed.
    bool set_bands(std::vector<uint32_t> anchors, float band);
    // The top of visual line `line` of paragraph i (laid out), its height, and its arc band (0 or
    // the band), from the paragraph's top; line_at is the line at y (layout coordinates).
    float line_y(size_t i, size_t line) const;
    float line_height(size_t i, size_t line) const;
    float line_band(size_t i, size_t line) const;
    size_t line_at(size_t i, float y);
    const ArticleMetrics& metrics() const { return m_; }

private:
    float estimate(const ArticleParagraph& p) const;
    float exact_height(size_t i);
    void place_from(size_t i);  // recomputes y of paragraphs i.. and the total height
    // The line tops of paragraph i (its layout built) when one of its lines has the band, else none.
    void banded_tops(size_t i);

    const Text* text_ = nullptr;
    MeasureCache* measure_ = nullptr;
    ArticleMetrics m_;
    bidi::Direction direction_ = bidi::Direction::Auto;
    std::vector<ArticleParagraph> paras_;
    std::vector<std::unique_ptr<ParagraphLayout>> layouts_;  // null until the paragraph is exact
    size_t exact_count_ = 0;
    float height_ = 0;
    std::vector<uint32_t> anchors_;
    float band_ = 0;
    // Per paragraph with a banded line (few: only where relations are): the tops of its lines from
    // the paragraph's top, and the bottom of the last one. Others are row_height per line.
    std::unordered_map<size_t, std::vector<float>> tops_;
};

}  // namespace aa::ui
