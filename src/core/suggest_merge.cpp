// Suggest's merged list kept up to date (suggest.hpp: SuggestionMerge) and the texts labelled
// already counted a part at a time (KnownLabelsRun): the parts of Suggest that would otherwise run
// over every suggestion or entity in one frame, at its start, its end and on every edit.
#include <algorithm>

#include "core/suggest.hpp"

namespace aa {

// ---------------------------------------------------------------------------------------------
// KnownLabelsRun
// ---------------------------------------------------------------------------------------------

void KnownLabelsRun::add(const Document& doc) { docs_.push_back(&doc); }

bool KnownLabelsRun::step(size_t count) {
    while (doc_ < docs_.size()) {
        const Document& d = *docs_[doc_];
        const std::vector<Slot>& order = d.entities().ordered();
        const size_t end = std::min(order.size(), at_ + count);
        count -= end - at_;
        for (; at_ < end; ++at_) {
            const Entity& e = d.entities().get(order[at_]);
            const std::string_view text = d.text_of(e);
            auto it = counts_.find(text);
            if (it == counts_.end()) it = counts_.emplace(std::string(text), decltype(it->second){}).first;
            auto& c = it->second;
            auto l = std::find_if(c.begin(), c.end(), [&](const auto& p) { return p.first == e.label; });
            if (l == c.end())
                c.emplace_back(e.label, 1);
            else
                ++l->second;
        }
        if (at_ < order.size()) return false;
        ++doc_;
        at_ = 0;
        if (count == 0) return doc_ >= docs_.size();
    }
    return true;
}

WordLabels KnownLabelsRun::result() const {
    WordLabels out;
    for (const auto& [text, c] : counts_) {
        const auto best =
            std::max_element(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        out.emplace_hint(out.end(), text, best->first);
    }
    return out;
}

WordLabels known_labels(const std::vector<const Document*>& docs) {
    KnownLabelsRun run;
    for (const Document* d : docs) run.add(*d);
    while (!run.step(static_cast<size_t>(-1) / 2)) {
    }
    return run.result();
}

// ---------------------------------------------------------------------------------------------
// SuggestionMerge
// ---------------------------------------------------------------------------------------------

SuggestionMerge::SuggestionMerge(std::vector<std::vector<Suggestion>> sources) : sources_(std::move(sources)) {
    for (const auto& s : sources_) total_ += s.size();
}

double SuggestionMerge::progress() const {
    const double n = static_cast<double>(std::max<size_t>(1, total_));
    switch (phase_) {
        case Phase::Gather: return 0.05 * static_cast<double>(cursor_) / static_cast<double>(sources_.size() + 1);
        case Phase::Sort: return 0.05 + 0.35 * static_cast<double>(items_.size()) / n;
        case Phase::Decide:
            return 0.4 + 0.55 * (cursor_ < clusters_.size() ? static_cast<double>(clusters_[cursor_].first) : n) / n;
        case Phase::List:
            return 0.95 +
                   0.05 * static_cast<double>(cursor_) / static_cast<double>(std::max<size_t>(1, clusters_.size()));
        case Phase::Done: return 1;
    }
    return 1;
}

bool SuggestionMerge::step(const Document& doc, size_t work) {
    work = std::max<size_t>(work, 1);
    auto by_span = [](const Item& a, const Item& b) {
        return a.start != b.start     ? a.start < b.start
               : a.end != b.end       ? a.end < b.end
               : a.source != b.source ? a.source < b.source
                                      : a.index < b.index;
    };
    while (phase_ != Phase::Done) {
        if (phase_ == Phase::Gather) {  // a source per turn: the valid ones, by span
            if (cursor_ == sources_.size()) {
                size_t valid = 0;
                for (const auto& r : runs_) valid += r.size();
                items_.reserve(valid);
                heads_.assign(runs_.size(), 0);
                phase_ = Phase::Sort;
                cursor_ = 0;
                continue;
            }
            const auto& source = sources_[cursor_];
            std::vector<Item> run;
            run.reserve(source.size());
            for (size_t i = 0; i < source.size(); ++i) {
                const Suggestion& s = source[i];
                if (s.start < s.end && s.end <= doc.text().size())
                    run.push_back(Item{s.start, s.end, static_cast<uint32_t>(cursor_), static_cast<uint32_t>(i)});
            }
            if (!std::is_sorted(run.begin(), run.end(), by_span)) std::sort(run.begin(), run.end(), by_span);
            runs_.push_back(std::move(run));
            ++cursor_;
            if (source.size() >= work) return false;
            work -= source.size();
        } else if (phase_ == Phase::Sort) {  // the runs merged into one, cut into clusters
            size_t n = 0;
            for (; n < work; ++n) {
                size_t best = runs_.size();
                for (size_t r = 0; r < runs_.size(); ++r)
                    if (heads_[r] < runs_[r].size() &&
                        (best == runs_.size() || by_span(runs_[r][heads_[r]], runs_[best][heads_[best]])))
                        best = r;
                if (best == runs_.size()) {
                    runs_.clear();
                    heads_.clear();
                    phase_ = Phase::Decide;
                    cursor_ = 0;
                    break;
                }
                const Item& it = runs_[best][heads_[best]++];
                const uint32_t index = static_cast<uint32_t>(items_.size());
                items_.push_back(it);
                if (clusters_.empty() || it.start >= clusters_.back().end) {
                    clusters_.push_back(Cluster{it.start, it.end, index, index + 1});
                } else {
                    clusters_.back().end = std::max(clusters_.back().end, it.end);
                    clusters_.back().last = index + 1;
                }
            }
            if (phase_ == Phase::Sort) return false;
            work = std::max<size_t>(1, work - n);
        } else if (phase_ == Phase::Decide) {
            size_t done_work = 0;
            while (cursor_ < clusters_.size() && done_work < work) {
                const Cluster& c = clusters_[cursor_++];
                decide(doc, c);
                done_work += c.last - c.first;
            }
            if (cursor_ < clusters_.size() || done_work >= work) {
                if (cursor_ == clusters_.size()) start_list();
                return false;
            }
            start_list();
            work -= done_work;
        } else if (phase_ == Phase::List) {  // the list a part at a time, in text order
            size_t listed = 0;
            while (cursor_ < clusters_.size() && listed < work) {
                const Cluster& c = clusters_[cursor_++];
                list_cluster(c);
                listed += c.last - c.first;
            }
            if (cursor_ < clusters_.size()) return false;
            phase_ = Phase::Done;
        }
    }
    return true;
}

// merge_suggestions' loop over one cluster: earlier sources first, within a source longer ones,
// then earlier ones (its stable sort: then the source's order); a suggestion is kept unless an
// entity over it has its label or exactly its span, or a suggestion kept before overlaps it.
void SuggestionMerge::decide(const Document& doc, const Cluster& c) {
    order_.clear();
    for (uint32_t i = c.first; i < c.last; ++i) order_.push_back(i);
    if (order_.size() > 1)
        std::sort(order_.begin(), order_.end(), [&](uint32_t x, uint32_t y) {
            const Item &a = items_[x], &b = items_[y];
            if (a.source != b.source) return a.source < b.source;
            const size_t la = a.end - a.start, lb = b.end - b.start;
            if (la != lb) return la > lb;
            return a.start != b.start ? a.start < b.start : a.index < b.index;
        });
    kept_spans_.clear();  // by start; not overlapping, so by end too
    const EntityStore& store = doc.entities();
    for (uint32_t i : order_) {
        Item& it = items_[i];
        it.kept = 0;
        const Suggestion& s = sources_[it.source][it.index];
        found_.clear();
        store.intersecting(it.start, it.end, found_);
        const bool annotated = std::any_of(found_.begin(), found_.end(), [&](Slot slot) {
            const Entity& e = store.get(slot);
            return e.label == s.label || (e.start == it.start && e.end == it.end);
        });
        if (annotated) continue;
        auto next = std::lower_bound(kept_spans_.begin(), kept_spans_.end(), std::pair<size_t, size_t>(it.start, 0));
        if (next != kept_spans_.end() && next->first < it.end) continue;
        if (next != kept_spans_.begin() && std::prev(next)->second > it.start) continue;
        kept_spans_.insert(next, {it.start, it.end});
        it.kept = 1;
    }
}

void SuggestionMerge::list_cluster(const Cluster& c) {
    for (uint32_t i = c.first; i < c.last; ++i) set_listed(i, items_[i].kept && !items_[i].rejected);
}

void SuggestionMerge::set_listed(uint32_t item, bool on) {
    if (items_[item].listed == on) return;
    items_[item].listed = on;
    for (size_t k = item + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] = on ? tree_[k] + 1 : tree_[k] - 1;
    listed_ = on ? listed_ + 1 : listed_ - 1;
}

// The Fenwick tree's search: the first item whose prefix of listed items is i + 1.
uint32_t SuggestionMerge::item_at(size_t i) const {
    const size_t n = tree_.size() - 1;
    size_t pos = 0, rest = i + 1;
    size_t step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step > 0; step /= 2)
        if (pos + step <= n && tree_[pos + step] < rest) {
            pos += step;
            rest -= tree_[pos];
        }
    return static_cast<uint32_t>(pos);  // 1-based pos + 1, 0-based pos
}

void SuggestionMerge::start_list() {
    phase_ = Phase::List;
    cursor_ = 0;
    for (Item& it : items_) it.listed = 0;
    tree_.assign(items_.size() + 1, 0);
    listed_ = 0;
}

void SuggestionMerge::rebuild_list() {
    tree_.assign(items_.size() + 1, 0);
    listed_ = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
        Item& it = items_[i];
        it.listed = it.kept && !it.rejected;
        listed_ += it.listed;
        tree_[i + 1] += it.listed;
        if (const size_t up = (i + 1) + ((i + 1) & (~(i + 1) + 1)); up < tree_.size()) tree_[up] += tree_[i + 1];
    }
}

void SuggestionMerge::update(const Document& doc, const std::vector<std::pair<size_t, size_t>>& spans) {
    if (spans.empty() || phase_ == Phase::Gather || phase_ == Phase::Sort) return;  // nothing decided yet
    // The clusters the spans meet (an entity over [a, b) bears on the suggestions it intersects).
    std::vector<size_t> hit;
    for (const auto& span : spans) {
        const size_t a = span.first, b = span.second;
        auto it = std::partition_point(clusters_.begin(), clusters_.end(), [a](const Cluster& c) { return c.end < a; });
        for (; it != clusters_.end() && it->start <= b; ++it)
            hit.push_back(static_cast<size_t>(it - clusters_.begin()));
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    if (phase_ == Phase::Decide) {  // the clusters not decided yet will be with this document
        for (size_t k : hit)
            if (k < cursor_) decide(doc, clusters_[k]);
        return;
    }
    for (size_t k : hit) decide(doc, clusters_[k]);
    // Listing: the clusters listed already are patched; the others are listed as decided now.
    if (phase_ == Phase::List) hit.erase(std::lower_bound(hit.begin(), hit.end(), cursor_), hit.end());
    for (size_t k : hit) list_cluster(clusters_[k]);
}

void SuggestionMerge::update_all(const Document& doc) {
    if (phase_ == Phase::Decide) {
        cursor_ = 0;
    } else if (phase_ == Phase::List || phase_ == Phase::Done) {
        for (const Cluster& c : clusters_) decide(doc, c);
        rebuild_list();
        phase_ = Phase::Done;
    }
}

bool SuggestionMerge::same(const Item& a, const Item& b) const {
    const Suggestion &x = sources_[a.source][a.index], &y = sources_[b.source][b.index];
    return a.start == b.start && a.end == b.end && x.label == y.label && x.source == y.source;
}

void SuggestionMerge::reject_item(uint32_t item) {
    const auto c =
        std::partition_point(clusters_.begin(), clusters_.end(), [&](const Cluster& k) { return k.last <= item; });
    const Item it = items_[item];
    for (uint32_t j = c->first; j < c->last; ++j)
        if (same(items_[j], it)) {
            items_[j].rejected = 1;
            set_listed(j, false);
        }
}

bool SuggestionMerge::reject(size_t i) {
    if (i >= listed_) return false;
    reject_item(item_at(i));
    return true;
}

void SuggestionMerge::reject_all() {
    for (uint32_t i = 0; i < items_.size(); ++i)
        if (items_[i].listed) reject_item(i);
}

// ---------------------------------------------------------------------------------------------
// SuggestionList
// ---------------------------------------------------------------------------------------------

const Suggestion& SuggestionList::Iterator::operator*() const { return m_->suggestion(m_->item_at(i_)); }

size_t SuggestionList::size() const { return m_->listed_; }

const Suggestion& SuggestionList::operator[](size_t i) const { return m_->suggestion(m_->item_at(i)); }

std::vector<Suggestion> SuggestionList::to_vector() const {
    std::vector<Suggestion> out;
    out.reserve(size());
    for (uint32_t i = 0; i < m_->items_.size(); ++i)
        if (m_->items_[i].listed) out.push_back(m_->suggestion(i));
    return out;
}

bool operator==(const SuggestionList& a, const std::vector<Suggestion>& b) {
    return a.size() == b.size() && a.to_vector() == b;
}

}  // namespace aa
