// ParagraphLayout (run_layout.hpp). Line breaking measures each segment between two UAX #14
// opportunities through the word cache; runs are built per line on demand: L1 levels from core's
// bidi, one level per grapheme cluster (so no run boundary falls inside a cluster, even where a
// ZWJ or a mark would take another level), L2 on the runs, each run's width; the cluster
// boundaries are measured from the run's suffixes when first asked for, so that they agree with
// the browser's own DOM layout.
#include "ui/run_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/segment.hpp"
#include "core/unicode.hpp"

namespace aa::ui {

void ParagraphLayout::build(std::u32string text, MeasureCache& measure, float wrap_width, bidi::Direction direction,
                            std::vector<TextStyle> styles) {
    text_ = std::move(text);
    styles_ = std::move(styles);
    if (!styles_.empty()) styles_.resize(text_.size(), styles_.back());
    measure_ = &measure;
    wrap_ = wrap_width;
    para_ = bidi::resolve(text_, direction);
    clusters_ = seg::grapheme_boundaries(text_);
    break_lines(wrap_width);
    runs_.assign(lines_.size(), {});
    measured_.assign(lines_.size(), false);
}

float ParagraphLayout::measure_range(size_t start, size_t end) {
    float w = 0;
    size_t a = start;
    while (a < end) {
        const unsigned char level = para_.levels[a];
        const TextStyle style = style_at(a);
        size_t b = a + 1;
        while (b < end && para_.levels[b] == level && style_at(b) == style) ++b;
        w += measure_->width(std::u32string_view(text_).substr(a, b - a), (level & 1) != 0, style);
        a = b;
    }
    return w;
}

void ParagraphLayout::break_lines(float wrap_width) {
    lines_.clear();
    const size_t n = text_.size();
    if (n == 0) {
        lines_.push_back({});
        return;
    }
    const std::vector<seg::LineBreak> brk = seg::line_breaks(text_);
    RunLine cur;
    float x = 0;  // advance of what is on the current line, trailing spaces included
    auto close = [&](size_t at, float content) {
        cur.end = static_cast<uint32_t>(at);
        cur.width = content;
        cur.trailing = x - content;
        lines_.push_back(cur);
        cur = RunLine{};
        cur.start = static_cast<uint32_t>(at);
        x = 0;
    };
    float content = 0;  // advance up to the end of the last non-space on the line
    size_t seg_start = 0;
    for (size_t p = 1; p <= n; ++p) {
        if (brk[p] == seg::LineBreak::None) continue;
        size_t c = p;  // the segment [seg_start, p) is its content [seg_start, c) then whitespace
        while (c > seg_start && unicode::is_space(text_[c - 1])) --c;
        const float w = measure_range(seg_start, c);
        const float space = measure_range(c, p);
        if (seg_start > cur.start && x + w > wrap_width) close(seg_start, content);
        size_t from = seg_start;
        if (w > wrap_width && from == cur.start) {
            // A word wider than the line: break it between clusters (emergency break, as CSS
            // overflow-wrap does), measuring cluster by cluster.
            float acc = 0;
            for (size_t k = from; k < c;) {
                const size_t e = cluster_end(k);
                const float cw = measure_range(k, e);
                if (acc + cw > wrap_width && k > cur.start) {
                    x = acc;
                    close(k, acc);
                    acc = 0;
                    from = k;
                }
                acc += cw;
                k = e;
            }
            x = acc;
            content = acc;
        } else {
            x += w;
            content = x;
        }
        x += space;
        if (brk[p] == seg::LineBreak::Must && p < n) close(p, content);
        seg_start = p;
    }
    close(n, content);
}

size_t ParagraphLayout::line_of(size_t cp) const {
    auto it =
        std::upper_bound(lines_.begin(), lines_.end(), cp, [](size_t v, const RunLine& l) { return v < l.start; });
    return it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
}

size_t ParagraphLayout::cluster_start(size_t cp) const {
    if (cp >= text_.size()) return text_.size();
    while (cp > 0 && !clusters_[cp]) --cp;
    return cp;
}

size_t ParagraphLayout::cluster_end(size_t cp) const {
    if (cp >= text_.size()) return text_.size();
    ++cp;
    while (cp < text_.size() && !clusters_[cp]) ++cp;
    return cp;
}

bool ParagraphLayout::joined_across(size_t b, size_t start, size_t end) const {
    size_t i = b, j = b;
    while (i > start && bidi::join_transparent(text_[i - 1])) --i;
    while (j < end && bidi::join_transparent(text_[j])) ++j;
    return i > start && j < end && bidi::joins_next(text_[i - 1]) && bidi::joins_previous(text_[j]);
}

void ParagraphLayout::build_runs(size_t li) {
    std::vector<Run>& runs = runs_[li];
    runs.clear();
    const RunLine& l = lines_[li];
    if (l.end <= l.start) return;
    const bidi::Line bl = bidi::reorder_line(text_, para_, l.start, l.end);
    // Logical runs of one level and style; a cluster takes its first code point's level and style.
    std::vector<unsigned char> level(l.end - l.start);
    std::vector<TextStyle> style(l.end - l.start);
    for (size_t i = 0; i < level.size(); ++i) {
        const size_t cp = l.start + i;
        const bool own = clusters_[cp] || i == 0;
        level[i] = own ? bl.levels[i] : level[i - 1];
        style[i] = own ? style_at(cp) : style[i - 1];
    }
    for (size_t i = 0; i < level.size(); ++i) {
        if (!runs.empty() && runs.back().level == level[i] && runs.back().style == style[i]) {
            ++runs.back().end;
        } else {
            Run r;
            r.start = static_cast<uint32_t>(l.start + i);
            r.end = r.start + 1;
            r.level = level[i];
            r.style = style[i];
            runs.push_back(r);
        }
    }
    // L2: from the highest level down to the lowest odd one, reverse every sequence of runs at
    // that level or higher.
    unsigned char highest = 0, lowest_odd = 255;
    for (const Run& r : runs) {
        highest = std::max(highest, r.level);
        if (r.level & 1) lowest_odd = std::min(lowest_odd, r.level);
    }
    for (int lv = highest; lv >= lowest_odd && lv > 0; --lv) {
        for (size_t i = 0; i < runs.size();) {
            if (runs[i].level < lv) {
                ++i;
                continue;
            }
            size_t j = i;
            while (j < runs.size() && runs[j].level >= lv) ++j;
            std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
    // Widths and cluster boundaries. A run's width is measured now (drawing needs it); the x of an
    // inner boundary when first asked for (measure_bounds): a line of a hundred clusters is one
    // measure, not a hundred, until a caret, a highlight's edge or a hit test needs one.
    TextEngine& engine = measure_->engine();
    const std::u32string_view all(text_);
    const std::vector<TextEngine::Suffix> whole(1, TextEngine::Suffix{});
    std::vector<float> widths;
    float total = 0;
    for (Run& r : runs) {
        r.bounds.clear();
        for (size_t b = r.start; b <= r.end; ++b)
            if (b == r.start || b == r.end || clusters_[b]) r.bounds.push_back(static_cast<uint32_t>(b));
        engine.suffix_widths(all.substr(r.start, r.end - r.start), r.rtl(), r.style, whole, widths);
        r.width = widths[0];
        r.xs.assign(r.bounds.size(), std::nanf(""));
        r.xs.front() = 0;
        r.xs.back() = r.width;
        total += r.width;
    }
    float x = rtl() ? wrap_ - total : 0;  // right-aligned: the trailing whitespace hangs past the left edge
    for (Run& r : runs) {
        r.x = x;
        for (float& bx : r.xs) bx = r.rtl() ? x + r.width - bx : x + bx;  // NaN stays NaN
        x += r.width;
    }
}

// The advance before boundary b is the run's width less the width of the text from b on, as the
// DOM attributes a kerning pair across b to the glyph before it; when the letters on both sides of
// b are cursively joined (Arabic), the suffix starts with a ZWJ so that its first letter keeps its
// joined form. The boundaries asked for are measured in one call, which the page's canvas answers
// in one crossing into JavaScript.
void ParagraphLayout::measure_bounds(size_t li, size_t ri, std::initializer_list<size_t> ks) {
    Run& r = runs_[li][ri];
    std::vector<size_t> which;
    for (const size_t k : ks)
        if (std::isnan(r.xs[k]) && std::find(which.begin(), which.end(), k) == which.end()) which.push_back(k);
    measure_suffixes(r, which);
}

void ParagraphLayout::measure_bounds(size_t li, size_t ri) {
    Run& r = runs_[li][ri];
    std::vector<size_t> which;
    for (size_t k = 0; k < r.bounds.size(); ++k)
        if (std::isnan(r.xs[k])) which.push_back(k);
    measure_suffixes(r, which);
}

void ParagraphLayout::measure_suffixes(Run& r, const std::vector<size_t>& which) {
    if (which.empty()) return;
    std::vector<TextEngine::Suffix> suffixes;
    for (const size_t k : which) {
        const size_t b = r.bounds[k];
        suffixes.push_back({static_cast<uint32_t>(b - r.start), joined_across(b, r.start, r.end)});
    }
    std::vector<float> widths;
    measure_->engine().suffix_widths(std::u32string_view(text_).substr(r.start, r.end - r.start), r.rtl(), r.style,
                                     suffixes, widths);
    for (size_t i = 0; i < which.size(); ++i) {
        const float bx = r.width - widths[i];  // the advance before the boundary
        r.xs[which[i]] = r.rtl() ? r.x + r.width - bx : r.x + bx;
    }
}

float ParagraphLayout::bound_x(size_t li, size_t ri, size_t k) {
    measure_bounds(li, ri, {k});
    return runs_[li][ri].xs[k];
}

const std::vector<Run>& ParagraphLayout::runs(size_t li) {
    if (!measured_[li]) {
        build_runs(li);
        measured_[li] = true;
    }
    return runs_[li];
}

const std::vector<Run>& ParagraphLayout::measured_runs(size_t li) {
    for (size_t ri = 0; ri < runs(li).size(); ++ri) measure_bounds(li, ri);
    return runs_[li];
}

namespace {

// Index of boundary `b` in the run's bounds (b must be one of them or is rounded down).
size_t bound_index(const Run& r, size_t b) {
    auto it = std::upper_bound(r.bounds.begin(), r.bounds.end(), static_cast<uint32_t>(b));
    return it == r.bounds.begin() ? 0 : static_cast<size_t>(it - r.bounds.begin()) - 1;
}

}  // namespace

float ParagraphLayout::caret_x(size_t cp) {
    cp = cluster_start(cp);
    const size_t li = line_of(cp);
    const std::vector<Run>& rs = runs(li);
    if (rs.empty()) return rtl() ? wrap_ : 0;
    const RunLine& l = lines_[li];
    for (size_t ri = 0; ri < rs.size(); ++ri) {
        const Run& r = rs[ri];
        if (cp >= r.start && cp < r.end) return bound_x(li, ri, bound_index(r, cp));
        if (cp == l.end && cp == r.end) return r.xs.back();
    }
    return rtl() ? rs.front().x : rs.back().x + rs.back().width;
}

size_t ParagraphLayout::hit(size_t li, float x) {
    const std::vector<Run>& rs = runs(li);
    if (rs.empty()) return lines_[li].start;
    const Run& first = rs.front();
    if (x <= first.x) return first.rtl() ? first.end : first.start;
    const Run& last = rs.back();
    if (x >= last.x + last.width) return last.rtl() ? last.start : last.end;
    for (size_t ri = 0; ri < rs.size(); ++ri)
        if (x <= rs[ri].x + rs[ri].width) return nearest_bound(li, ri, x);
    return last.rtl() ? last.start : last.end;
}

// The boundaries' xs run one way along a run (left to right, or right to left), so the two around x
// are found by narrowing [lo, hi]: a few boundaries spread over it are measured in one call of the
// engine, and it shrinks to the two of them around x. A line of 100 clusters measures about 12 of
// them in two calls, where measuring every one cost 100 suffixes. The nearest of the two, the first
// one on a tie (and the first of boundaries at the same x: zero-width clusters), as a scan of them all.
size_t ParagraphLayout::nearest_bound(size_t li, size_t ri, float x) {
    Run& r = runs_[li][ri];
    const float sign = r.rtl() ? -1.0f : 1.0f;  // along the run: sign * xs[k] grows with k
    size_t lo = 0, hi = r.bounds.size() - 1;    // sign * xs[lo] <= sign * x <= sign * xs[hi]
    constexpr size_t kProbes = 8;
    std::vector<size_t> ks;
    while (hi - lo > 1) {
        const size_t step = std::max<size_t>(1, (hi - lo) / (kProbes + 1));
        ks.clear();
        for (size_t k = lo + step; k < hi; k += step)
            if (std::isnan(r.xs[k])) ks.push_back(k);
        measure_suffixes(r, ks);
        const size_t from = lo, to = hi;
        for (size_t k = from + step; k < to; k += step) {
            if (sign * r.xs[k] > sign * x) {
                hi = k;
                break;
            }
            lo = k;
        }
    }
    size_t best = std::fabs(r.xs[hi] - x) < std::fabs(r.xs[lo] - x) ? hi : lo;
    while (best > 0 && bound_x(li, ri, best - 1) == r.xs[best]) --best;
    return r.bounds[best];
}

std::vector<Box> ParagraphLayout::boxes(size_t li, size_t start, size_t end) {
    std::vector<Box> out;
    if (end <= start) return out;
    start = cluster_start(start);
    if (end < text_.size() && !clusters_[end]) end = cluster_end(end);
    const std::vector<Run>& rs = runs(li);
    for (size_t ri = 0; ri < rs.size(); ++ri) {
        const Run& r = rs[ri];
        const size_t s = std::max<size_t>(start, r.start), e = std::min<size_t>(end, r.end);
        if (s >= e) continue;
        const size_t ka = bound_index(r, s), kb = bound_index(r, e);
        measure_bounds(li, ri, {ka, kb});  // the box's two edges, in one call
        const float a = r.xs[ka], b = r.xs[kb];
        Box box{std::min(a, b), std::max(a, b)};
        if (!out.empty() && std::fabs(out.back().x1 - box.x0) < 0.01f) {
            out.back().x1 = box.x1;
        } else {
            out.push_back(box);
        }
    }
    return out;
}

Box ParagraphLayout::cluster_box(size_t cp) {
    const size_t s = cluster_start(cp);
    const std::vector<Box> b = boxes(line_of(s), s, cluster_end(s));
    return b.empty() ? Box{caret_x(s), caret_x(s)} : b.front();
}

}  // namespace aa::ui
