// ParagraphLayout: one paragraph of any script laid out as browsers do, on runs rather than code
// points: bidi levels (UAX #9) -> line breaks at UAX #14 opportunities from measured widths ->
// visual order per line -> runs of one direction, each with its width and the x of every grapheme
// cluster boundary. Hit-testing, carets and highlight boxes work on those runs, so a span that
// crosses a direction change is several boxes and a cluster is never split. Widths come from a
// TextEngine through a per-word MeasureCache; the runs of a line are measured when first asked
// for (the visible lines), not when the paragraph is built, and the x of a cluster boundary inside
// a run only when something asks for it (a caret, a highlight's edge, a hit test).
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/bidi.hpp"
#include "ui/text_engine.hpp"

namespace aa::ui {

struct Run {
    uint32_t start = 0, end = 0;  // logical code points [start, end) of the paragraph
    unsigned char level = 0;      // bidi level; odd is right to left
    TextStyle style = TextStyle::Regular;
    float x = 0, width = 0;        // left edge in the paragraph's box, and advance
    std::vector<uint32_t> bounds;  // grapheme cluster boundaries in logical order: start, ..., end
    // x in the paragraph's box of each boundary (decreasing when rtl). From runs(), only the run's
    // two ends are known and the inner boundaries are NaN until measured (caret_x, boxes, hit do
    // it); from measured_runs(), every one is known.
    std::vector<float> xs;
    bool rtl() const { return (level & 1) != 0; }
};

struct RunLine {
    uint32_t start = 0, end = 0;  // logical code points [start, end) on this line, trailing spaces included
    float width = 0;              // advance without the trailing (hanging) whitespace
    float trailing = 0;           // advance of the trailing whitespace
};

struct Box {
    float x0 = 0, x1 = 0;
    friend bool operator==(const Box&, const Box&) = default;
};

class ParagraphLayout {
public:
    // Lays out `text` (one paragraph: no line break inside) in lines at most `wrap_width` wide.
    // `direction` forces the base direction, or Auto takes it from the first strong character
    // (P2-P3; left to right when there is none). A right-to-left paragraph is right-aligned.
    // `measure` must outlive the layout. `styles`, one per code point (or empty: all regular), gives
    // each its face; a run holds one style, so a bold word is measured and drawn bold.
    void build(std::u32string text, MeasureCache& measure, float wrap_width, bidi::Direction direction,
               std::vector<TextStyle> styles = {});

    bool rtl() const { return para_.base_level & 1; }
    const std::u32string& text() const { return text_; }
    size_t line_count() const { return lines_.size(); }
    const RunLine& line(size_t i) const { return lines_[i]; }
    // The line that shows code point cp (cp == size() is on the last line).
    size_t line_of(size_t cp) const;

    // The runs of line i in visual order, left to right: their widths measured on first use, then
    // kept; the x of a run's inner cluster boundaries not yet (NaN until asked for, see Run::xs).
    // Drawing needs only this: one measure per run, where every boundary costs one per cluster.
    const std::vector<Run>& runs(size_t line);
    // The same runs with the x of every cluster boundary measured (a caret walking the line, the
    // page's layoutParagraph).
    const std::vector<Run>& measured_runs(size_t line);
    // Grapheme cluster boundaries around cp: the one at or before it, the one after it.
    size_t cluster_start(size_t cp) const;
    size_t cluster_end(size_t cp) const;
    // The caret x at the cluster boundary at or before cp: the leading edge of the cluster starting
    // there (its left edge in a left-to-right run, its right edge in a right-to-left one), or for
    // the end of a line, the trailing edge of its last cluster.
    float caret_x(size_t cp);
    // The cluster boundary whose caret is nearest x on line i (never inside a cluster).
    size_t hit(size_t line, float x);
    // The boxes covering [start, end) on line i, left to right, grown to whole clusters; boxes that
    // touch are merged, so a span is one box per direction change it crosses, at most.
    std::vector<Box> boxes(size_t line, size_t start, size_t end);
    // The box of the cluster containing cp (caretRect).
    Box cluster_box(size_t cp);

private:
    float measure_range(size_t start, size_t end);  // through the cache, split where level or style changes
    TextStyle style_at(size_t cp) const { return styles_.empty() ? TextStyle::Regular : styles_[cp]; }
    void break_lines(float wrap_width);
    void build_runs(size_t line);
    // Measures the boundaries ks (indices into run ri's bounds) of line li that are not measured
    // yet, in one call of the engine; measure_bounds(li, ri) measures all of them.
    void measure_bounds(size_t li, size_t ri, std::initializer_list<size_t> ks);
    void measure_bounds(size_t li, size_t ri);
    void measure_suffixes(Run& r, const std::vector<size_t>& which);  // boundaries `which` of r, not measured yet
    float bound_x(size_t li, size_t ri, size_t k);
    size_t nearest_bound(size_t li, size_t ri, float x);  // hit() in run ri, measuring a few boundaries
    // Whether the letters on both sides of boundary b (marks skipped) join cursively.
    bool joined_across(size_t b, size_t start, size_t end) const;

    std::u32string text_;
    bidi::Paragraph para_;
    std::vector<bool> clusters_;     // grapheme boundaries, text_.size() + 1
    std::vector<TextStyle> styles_;  // per code point, or empty
    std::vector<RunLine> lines_;
    std::vector<std::vector<Run>> runs_;
    std::vector<bool> measured_;
    MeasureCache* measure_ = nullptr;
    float wrap_ = 0;
};

}  // namespace aa::ui
