// ArticleLayout: paragraphs split at line breaks, heights estimated until a paragraph is visible,
// then laid out with ParagraphLayout and the y's after it moved (see article_layout.hpp).
#include "ui/article_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/segment.hpp"

namespace aa::ui {

void ArticleLayout::clear() {
    paras_.clear();
    layouts_.clear();
    exact_count_ = 0;
    height_ = 0;
}

void ArticleLayout::build(const Text& text, MeasureCache& measure, const ArticleMetrics& m, bidi::Direction direction) {
    clear();
    text_ = &text;
    measure_ = &measure;
    m_ = m;
    direction_ = direction;
    const size_t n = text.size();
    size_t start = 0;
    for (size_t cp = 0; cp < n; ++cp) {
        const char32_t c = text.at(cp);
        if (c != '\n' && c != '\r') continue;
        ArticleParagraph p;
        p.start = static_cast<uint32_t>(start);
        p.end = static_cast<uint32_t>(cp);
        p.hard_break = true;
        if (c == '\r' && cp + 1 < n && text.at(cp + 1) == '\n') ++cp;  // CRLF is one break
        paras_.push_back(p);
        start = cp + 1;
    }
    ArticleParagraph last;  // the text after the last break (empty after a final break)
    last.start = static_cast<uint32_t>(start);
    last.end = static_cast<uint32_t>(n);
    paras_.push_back(last);
    for (ArticleParagraph& p : paras_) p.height = estimate(p);
    layouts_.resize(paras_.size());
    place_from(0);
}

float ArticleLayout::estimate(const ArticleParagraph& p) const {
    if (p.end == p.start) return m_.blank_line_height;
    const float w = static_cast<float>(p.end - p.start) * m_.estimate_advance;
    const float lines = std::max(1.0f, std::ceil(w / std::max(1.0f, m_.wrap_width)));
    return lines * m_.row_height + (p.hard_break ? m_.line_break_gap : 0);
}

void ArticleLayout::place_from(size_t i) {
    float y = i == 0 ? 0 : paras_[i - 1].y + paras_[i - 1].height;
    for (; i < paras_.size(); ++i) {
        paras_[i].y = y;
        y += paras_[i].height;
    }
    height_ = y;
}

size_t ArticleLayout::paragraph_at_y(float y) const {
    if (paras_.empty()) return 0;
    auto it =
        std::upper_bound(paras_.begin(), paras_.end(), y, [](float v, const ArticleParagraph& p) { return v < p.y; });
    return it == paras_.begin() ? 0 : static_cast<size_t>(it - paras_.begin()) - 1;
}

size_t ArticleLayout::paragraph_of(size_t cp) const {
    if (paras_.empty()) return 0;
    auto it = std::upper_bound(paras_.begin(), paras_.end(), cp,
                               [](size_t v, const ArticleParagraph& p) { return v < p.start; });
    return it == paras_.begin() ? 0 : static_cast<size_t>(it - paras_.begin()) - 1;
}

ParagraphLayout& ArticleLayout::layout(size_t i) {
    if (!layouts_[i]) {
        const ArticleParagraph& p = paras_[i];
        auto pl = std::make_unique<ParagraphLayout>();
        pl->build(seg::to_utf32(text_->slice(p.start, p.end)), *measure_, m_.wrap_width, direction_);
        layouts_[i] = std::move(pl);
    }
    return *layouts_[i];
}

float ArticleLayout::exact_height(size_t i) {
    const ArticleParagraph& p = paras_[i];
    if (p.end == p.start) return m_.blank_line_height;
    const float lines = static_cast<float>(std::max<size_t>(1, layout(i).line_count()));
    return lines * m_.row_height + (p.hard_break ? m_.line_break_gap : 0);
}

size_t ArticleLayout::ensure(float y0, float y1) {
    if (paras_.empty()) return 0;
    // Walk down from the paragraph at y0, each one placed after the exact height of the one before,
    // so no paragraph is laid out because an estimate put it in range.
    size_t laid = 0, first_changed = paras_.size();
    size_t i = paragraph_at_y(y0);
    float y = paras_[i].y;
    for (; i < paras_.size() && y < y1; ++i) {
        ArticleParagraph& p = paras_[i];
        p.y = y;
        if (!p.exact) {
            p.height = exact_height(i);
            p.exact = true;
            ++exact_count_;
            ++laid;
            first_changed = std::min(first_changed, i);
        }
        y += p.height;
    }
    if (first_changed < paras_.size()) place_from(first_changed);
    return laid;
}

}  // namespace aa::ui
