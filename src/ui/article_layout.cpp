// ArticleLayout: paragraphs split at line breaks, heights estimated until a paragraph is visible,
// then laid out with ParagraphLayout and the y's after it moved (see article_layout.hpp).
#include "ui/article_layout.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/segment.hpp"

namespace aa::ui {

void ArticleLayout::clear() {
    paras_.clear();
    layouts_.clear();
    exact_count_ = 0;
    height_ = 0;
    anchors_.clear();
    band_ = 0;
    tops_.clear();
}

void ArticleLayout::build(const Text& text, MeasureCache& measure, const ArticleMetrics& m, bidi::Direction direction) {
    clear();
    text_ = &text;
    measure_ = &measure;
    m_ = m;
    direction_ = direction;
    // The paragraphs are the text's lines (Text indexes their starts when it is built: a line ends
    // at \n, \r\n or \r, as here), so the split costs a look-up per paragraph, not a decode per
    // code point (that walk was most of a 1 MB article's build, on every import and resize).
    const size_t n = text.size(), count = text.line_count();
    const bool has_cr = text.utf8().find('\r') != std::string::npos;  // else every break is one \n
    paras_.resize(count);
    for (size_t k = 0; k < count; ++k) {
        ArticleParagraph& p = paras_[k];
        p.start = static_cast<uint32_t>(text.line_start(k));
        if (k + 1 == count) {  // the text after the last break (empty after a final break)
            p.end = static_cast<uint32_t>(n);
            continue;
        }
        // The break before the next line: \n or \r, and CRLF is one break.
        size_t end = text.line_start(k + 1) - 1;
        if (has_cr && end > p.start && text.at(end) == '\n' && text.at(end - 1) == '\r') --end;
        p.end = static_cast<uint32_t>(end);
        p.hard_break = true;
    }
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
        banded_tops(i);
    }
    return *layouts_[i];
}

void ArticleLayout::banded_tops(size_t i) {
    const ArticleParagraph& p = paras_[i];
    auto first = std::lower_bound(anchors_.begin(), anchors_.end(), p.start);
    if (band_ <= 0 || first == anchors_.end() || *first >= std::max(p.end, p.start + 1) || !layouts_[i]) {
        tops_.erase(i);
        return;
    }
    const ParagraphLayout& pl = *layouts_[i];
    std::vector<float> tops;
    float y = 0;
    for (size_t li = 0; li < pl.line_count(); ++li) {
        tops.push_back(y);
        const uint32_t a = p.start + static_cast<uint32_t>(pl.line(li).start);
        const uint32_t b = p.start + static_cast<uint32_t>(pl.line(li).end);
        auto it = std::lower_bound(first, anchors_.end(), a);
        const bool banded = it != anchors_.end() && *it < b;  // an entity with arcs starts on the line
        y += m_.row_height + (banded ? band_ : 0);
    }
    tops.push_back(y);
    if (y == static_cast<float>(pl.line_count()) * m_.row_height)
        tops_.erase(i);  // no line of it holds an anchor after all
    else
        tops_[i] = std::move(tops);
}

bool ArticleLayout::set_bands(std::vector<uint32_t> anchors, float band) {
    if (anchors == anchors_ && band == band_) return false;
    anchors_ = std::move(anchors);
    band_ = band;
    // Only laid-out paragraphs have lines; the others keep their estimates until ensure reaches them.
    size_t first_changed = paras_.size();
    for (size_t i = 0; i < paras_.size(); ++i) {
        if (!layouts_[i]) continue;
        auto before = tops_.find(i);
        const float was = before == tops_.end() ? -1 : before->second.back();
        banded_tops(i);
        auto after = tops_.find(i);
        const float now = after == tops_.end() ? -1 : after->second.back();
        if (was == now) continue;
        if (paras_[i].exact) paras_[i].height = exact_height(i);
        first_changed = std::min(first_changed, i);
    }
    if (first_changed < paras_.size()) place_from(first_changed);
    return first_changed < paras_.size();
}

float ArticleLayout::line_y(size_t i, size_t line) const {
    if (auto it = tops_.find(i); it != tops_.end() && line < it->second.size()) return paras_[i].y + it->second[line];
    return paras_[i].y + static_cast<float>(line) * m_.row_height;
}

float ArticleLayout::line_height(size_t i, size_t line) const {
    if (auto it = tops_.find(i); it != tops_.end() && line + 1 < it->second.size())
        return it->second[line + 1] - it->second[line];
    return m_.row_height;
}

float ArticleLayout::line_band(size_t i, size_t line) const { return line_height(i, line) - m_.row_height; }

size_t ArticleLayout::line_at(size_t i, float y) {
    const size_t n = std::max<size_t>(1, layout(i).line_count());
    const float local = y - paras_[i].y;
    if (auto it = tops_.find(i); it != tops_.end()) {
        const std::vector<float>& t = it->second;
        const size_t k = static_cast<size_t>(std::upper_bound(t.begin(), t.end() - 1, local) - t.begin());
        return std::min(n - 1, k == 0 ? 0 : k - 1);
    }
    return std::min(n - 1, static_cast<size_t>(std::max(0.0f, std::floor(local / m_.row_height))));
}

float ArticleLayout::exact_height(size_t i) {
    const ArticleParagraph& p = paras_[i];
    if (p.end == p.start) return m_.blank_line_height;
    layout(i);
    if (auto it = tops_.find(i); it != tops_.end()) return it->second.back() + (p.hard_break ? m_.line_break_gap : 0);
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
