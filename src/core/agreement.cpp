// Agreement (agreement.hpp): pairing two annotators' entities, the scores, kappa and curation.
// Nested spans make every entity overlap every other, so nothing here scans "all the overlapping
// ones": the best overlap comes from OverlapIndex (a merge-sort tree, O(log^2 n) per query and per
// removal), the token labels from a sweep with a heap (tests/complexity: doubling nested spans).
//
// [SECTION] Scores and token labels
// [SECTION] OverlapIndex
// [SECTION] Pairing (BPool and its three passes)
// [SECTION] Scores per label and kappa
// [SECTION] compare_documents, add_document (a corpus), curate
#include "core/agreement.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/tokenizer.hpp"

namespace aa {
namespace {

using SpanKey = std::tuple<size_t, size_t, std::string>;

// ---- [SECTION] Scores and token labels ----

// precision = matched / in_b, recall = matched / in_a (see LabelScore for empty denominators).
void score(LabelScore& s) {
    auto ratio = [](size_t num, size_t den, size_t other) {
        return den > 0 ? static_cast<double>(num) / static_cast<double>(den) : other == 0 ? 1.0 : 0.0;
    };
    s.precision = ratio(s.matched, s.in_b, s.in_a);
    s.recall = ratio(s.matched, s.in_a, s.in_b);
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
}

// The label of each token: the first entity in document order that overlaps it, else "" (O).
// Tokens come in text order: a sweep adds the entities that start before the token ends to a heap
// by document order, and drops from its top those that end before the token starts (they end
// before every later token too). O((n + t) log n) however deeply the entities nest.
std::vector<const std::string*> token_labels(const Document& d, const std::vector<Token>& tokens) {
    std::vector<const std::string*> out(tokens.size(), nullptr);
    const std::vector<Slot>& order = d.entities().ordered();
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> open;  // ranks in `order`
    size_t next = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        while (next < order.size() && d.entities().get(order[next]).start < tokens[i].end) open.push(next++);
        while (!open.empty() && d.entities().get(order[open.top()]).end <= tokens[i].start) open.pop();
        if (!open.empty()) out[i] = &d.entities().get(order[open.top()]).label;
    }
    return out;
}

// ---- [SECTION] OverlapIndex ----

// The spans of a list of entities in document order (start ascending), with removal, answering
// "which one left overlaps [s, e) the most, the earliest on ties". A merge-sort tree over the
// positions: each node keeps its spans sorted by end, with an inner segment tree of three
// aggregates (earliest, longest, latest-ending). Spans starting at or before s overlap by
// min(end, e) - s; those starting inside by min(end, e) - start: per node, the ones ending at or
// after e are the suffix of its list (the earliest wins), the others the prefix (the latest-ending,
// or the longest). O(n log n) to build, O(log^2 n) per query and per removal.
class OverlapIndex {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    OverlapIndex(std::vector<size_t> starts, std::vector<size_t> ends)
        : starts_(std::move(starts)), ends_(std::move(ends)) {
        const size_t n = starts_.size();
        while (size_ < n) size_ *= 2;
        std::vector<std::vector<uint32_t>> lists(2 * size_);
        for (size_t p = 0; p < n; ++p) lists[size_ + p] = {static_cast<uint32_t>(p)};
        for (size_t v = size_ - 1; v >= 1; --v) {
            lists[v].resize(lists[2 * v].size() + lists[2 * v + 1].size());
            std::merge(lists[2 * v].begin(), lists[2 * v].end(), lists[2 * v + 1].begin(), lists[2 * v + 1].end(),
                       lists[v].begin(), [&](uint32_t a, uint32_t b) { return by_end(a, b); });
        }
        off_.assign(2 * size_ + 1, 0);
        for (size_t v = 1; v < 2 * size_; ++v) off_[v + 1] = off_[v] + static_cast<uint32_t>(lists[v].size());
        items_.reserve(off_.back());
        cells_.assign(2 * static_cast<size_t>(off_.back()), Cell{});
        for (size_t v = 1; v < 2 * size_; ++v) {
            items_.insert(items_.end(), lists[v].begin(), lists[v].end());
            const size_t m = lists[v].size();
            if (m == 0) continue;  // a padding node: no cells (and none to point at when it is the last)
            Cell* t = cells_.data() + 2 * static_cast<size_t>(off_[v]);
            for (size_t k = 0; k < m; ++k) t[m + k] = leaf(lists[v][k]);
            for (size_t k = m - 1; k >= 1 && m > 1; --k) t[k] = combine(t[2 * k], t[2 * k + 1]);
        }
    }

    void remove(uint32_t p) {
        for (size_t v = size_ + p; v >= 1; v /= 2) {
            const uint32_t* list = items_.data() + off_[v];
            const size_t m = off_[v + 1] - off_[v];
            size_t k = static_cast<size_t>(
                std::lower_bound(list, list + m, p, [&](uint32_t a, uint32_t b) { return by_end(a, b); }) - list);
            Cell* t = cells_.data() + 2 * static_cast<size_t>(off_[v]);
            t[m + k] = Cell{};
            for (k = (m + k) / 2; k >= 1; k /= 2) t[k] = combine(t[2 * k], t[2 * k + 1]);
        }
    }

    // The position of the best span left overlapping [s, e), or kNone.
    uint32_t best(size_t s, size_t e) const {
        const size_t p1 = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), s) - starts_.begin());
        const size_t q = static_cast<size_t>(std::lower_bound(starts_.begin(), starts_.end(), e) - starts_.begin());
        uint32_t best = kNone;
        size_t best_overlap = 0;
        auto offer = [&](uint32_t p, size_t overlap) {
            if (p == kNone || overlap == 0) return;
            if (overlap > best_overlap || (overlap == best_overlap && p < best)) best = p, best_overlap = overlap;
        };
        auto visit = [&](size_t v, bool inside) {
            const uint32_t* list = items_.data() + off_[v];
            const size_t m = off_[v + 1] - off_[v];
            if (m == 0) return;
            const size_t k = static_cast<size_t>(
                std::partition_point(list, list + m, [&](uint32_t a) { return ends_[a] < e; }) - list);
            const Cell* t = cells_.data() + 2 * static_cast<size_t>(off_[v]);
            const Cell after = range(t, m, k, m), before = range(t, m, 0, k);
            // Ending at or after e: the earliest (it starts first, so overlaps most).
            if (after.first != kNone) offer(after.first, e - (inside ? starts_[after.first] : s));
            if (inside && before.longest != kNone) offer(before.longest, length(before.longest));
            if (!inside && before.latest != kNone && ends_[before.latest] > s)
                offer(before.latest, ends_[before.latest] - s);
        };
        for_nodes(0, p1, [&](size_t v) { visit(v, false); });
        for_nodes(p1, q, [&](size_t v) { visit(v, true); });
        return best;
    }

private:
    struct Cell {
        uint32_t first = kNone, longest = kNone, latest = kNone;
    };
    bool by_end(uint32_t a, uint32_t b) const { return ends_[a] != ends_[b] ? ends_[a] < ends_[b] : a < b; }
    size_t length(uint32_t p) const { return ends_[p] - starts_[p]; }
    static Cell leaf(uint32_t p) { return Cell{p, p, p}; }
    Cell combine(const Cell& x, const Cell& y) const {
        Cell c;
        c.first = std::min(x.first, y.first);
        auto pick = [&](uint32_t a, uint32_t b, auto key) {
            if (a == kNone) return b;
            if (b == kNone) return a;
            return key(a) != key(b) ? (key(a) > key(b) ? a : b) : std::min(a, b);
        };
        c.longest = pick(x.longest, y.longest, [&](uint32_t p) { return length(p); });
        c.latest = pick(x.latest, y.latest, [&](uint32_t p) { return ends_[p]; });
        return c;
    }
    // The aggregate of leaves [a, b) of an inner tree with m leaves.
    Cell range(const Cell* t, size_t m, size_t a, size_t b) const {
        Cell r;
        for (a += m, b += m; a < b; a /= 2, b /= 2) {
            if (a & 1) r = combine(r, t[a++]);
            if (b & 1) r = combine(r, t[--b]);
        }
        return r;
    }
    template <class F>
    void for_nodes(size_t l, size_t r, F f) const {
        for (l += size_, r += size_; l < r; l /= 2, r /= 2) {
            if (l & 1) f(l++);
            if (r & 1) f(--r);
        }
    }

    std::vector<size_t> starts_, ends_;
    size_t size_ = 1;
    std::vector<uint32_t> off_;    // node v's list: items_[off_[v], off_[v + 1])
    std::vector<uint32_t> items_;  // per node: positions sorted by (end, position)
    std::vector<Cell> cells_;      // per node: its inner tree, cells_[2 * off_[v] ...], leaves at m + k
};

}  // namespace

const char* diff_kind_name(DiffKind kind) {
    switch (kind) {
        case DiffKind::MissingInB: return "missing in B";
        case DiffKind::ExtraInB: return "extra in B";
        case DiffKind::OtherLabel: return "other label";
        case DiffKind::OtherBoundaries: return "other boundaries";
    }
    return "";
}

size_t Difference::start() const {
    if (a && b) return std::min(a->start, b->start);
    return a ? a->start : b ? b->start : 0;
}

size_t Difference::end() const {
    if (a && b) return std::max(a->end, b->end);
    return a ? a->end : b ? b->end : 0;
}

namespace {

// ---- [SECTION] Pairing (BPool and its three passes) ----

// B's entities in document order, each pairing with at most one of A's: the unused ones by span
// (same-span pairing) and in OverlapIndexes, one over all and one per label (the same label wins).
class BPool {
public:
    explicit BPool(const EntityStore& eb) : eb_(eb), used_(eb.ordered().size(), 0) {
        std::vector<size_t> starts, ends;
        std::map<std::string_view, std::pair<std::vector<size_t>, std::vector<size_t>>> per_label;
        for (size_t i = 0; i < eb.ordered().size(); ++i) {
            const Entity& e = eb.get(eb.ordered()[i]);
            index_.emplace(eb.ordered()[i], i);
            by_span_[{e.start, e.end}].push_back(i);
            starts.push_back(e.start);
            ends.push_back(e.end);
            Label& l = labels_[e.label];
            local_.push_back(static_cast<uint32_t>(l.global.size()));
            l.global.push_back(i);
            per_label[e.label].first.push_back(e.start);
            per_label[e.label].second.push_back(e.end);
        }
        all_.emplace(std::move(starts), std::move(ends));
        for (auto& [name, se] : per_label)
            labels_.find(std::string(name))->second.index.emplace(std::move(se.first), std::move(se.second));
    }
    void use(Slot s) {
        const size_t i = index_.at(s);
        if (used_[i]) return;
        used_[i] = 1;
        all_->remove(static_cast<uint32_t>(i));
        labels_.find(eb_.get(s).label)->second.index->remove(local_[i]);
    }
    // The first unused entity of B with this span, in document order.
    std::optional<Slot> unused_same_span(const Entity& e) {
        auto it = by_span_.find({e.start, e.end});
        if (it == by_span_.end()) return std::nullopt;
        Cursor& c = it->second;
        while (c.next < c.positions.size() && used_[c.positions[c.next]]) ++c.next;  // used ones stay used
        if (c.next == c.positions.size()) return std::nullopt;
        return eb_.ordered()[c.positions[c.next]];
    }
    // The unused entity of B overlapping e that pairs best: the same label wins, then the larger
    // overlap, then the earlier one.
    std::optional<Slot> best_overlapping(const Entity& e) const {
        if (auto l = labels_.find(e.label); l != labels_.end()) {
            const uint32_t p = l->second.index->best(e.start, e.end);
            if (p != OverlapIndex::kNone) return eb_.ordered()[l->second.global[p]];
        }
        const uint32_t p = all_->best(e.start, e.end);
        if (p == OverlapIndex::kNone) return std::nullopt;
        return eb_.ordered()[p];
    }
    std::vector<Slot> unused() const {
        std::vector<Slot> out;
        for (size_t i = 0; i < used_.size(); ++i)
            if (!used_[i]) out.push_back(eb_.ordered()[i]);
        return out;
    }

private:
    struct Cursor {
        std::vector<size_t> positions;  // in document order
        size_t next = 0;                // positions before it are used
        void push_back(size_t p) { positions.push_back(p); }
    };
    struct Label {
        std::vector<size_t> global;  // this label's entities: their positions in eb.ordered()
        std::optional<OverlapIndex> index;
    };
    const EntityStore& eb_;
    std::unordered_map<Slot, size_t> index_;  // slot -> position in eb.ordered()
    std::vector<uint8_t> used_;
    std::map<std::pair<size_t, size_t>, Cursor> by_span_;
    std::optional<OverlapIndex> all_;
    std::unordered_map<std::string, Label> labels_;
    std::vector<uint32_t> local_;  // position in eb.ordered() -> position in its label's index
};

// Exact matches (same start, end and label) through a map of B's; returns A's entities left over.
std::vector<const Entity*> pair_exact(const EntityStore& ea, const EntityStore& eb, BPool& pool, Agreement& r) {
    std::map<SpanKey, Slot> b_by_key;
    for (Slot s : eb.ordered()) {
        const Entity& e = eb.get(s);
        b_by_key.emplace(SpanKey{e.start, e.end, e.label}, s);
    }
    std::vector<const Entity*> left;
    for (Slot s : ea.ordered()) {
        const Entity& e = ea.get(s);
        auto it = b_by_key.find(SpanKey{e.start, e.end, e.label});
        if (it != b_by_key.end()) {
            pool.use(it->second);
            r.agreed.push_back(e);
        } else {
            left.push_back(&e);
        }
    }
    return left;
}

// Same span, other label; returns A's entities left over.
std::vector<const Entity*> pair_same_span(const std::vector<const Entity*>& a_left, const EntityStore& eb, BPool& pool,
                                          Agreement& r) {
    std::vector<const Entity*> left;
    for (const Entity* e : a_left) {
        if (const std::optional<Slot> s = pool.unused_same_span(*e)) {
            pool.use(*s);
            r.differences.push_back({DiffKind::OtherLabel, *e, eb.get(*s)});
        } else {
            left.push_back(e);
        }
    }
    return left;
}

// Overlaps: the same label wins, then the larger overlap, then the earlier one; else missing in B.
void pair_overlaps(const std::vector<const Entity*>& a_left, const EntityStore& eb, BPool& pool, Agreement& r) {
    for (const Entity* e : a_left) {
        const std::optional<Slot> best = pool.best_overlapping(*e);
        if (!best) {
            r.differences.push_back({DiffKind::MissingInB, *e, std::nullopt});
            continue;
        }
        pool.use(*best);
        r.differences.push_back({DiffKind::OtherBoundaries, *e, eb.get(*best)});
    }
}

// ---- [SECTION] Scores per label and kappa ----

// One name's counts scored into `rows`, and added to the micro average's.
void add_score(const std::string& name, LabelScore s, LabelScore& micro, std::vector<LabelScore>& rows) {
    s.label = name;
    score(s);
    micro.in_a += s.in_a;
    micro.in_b += s.in_b;
    micro.matched += s.matched;
    rows.push_back(std::move(s));
}

// Scores per label, in A's label order, then B's, then the other names used; and the micro average.
void score_labels(const Document& a, const Document& b, Agreement& r) {
    std::vector<std::string> names;
    std::unordered_set<std::string> named;  // (a label set of 40,000 names must not cost n^2)
    std::map<std::string, LabelScore> by_label;
    for (Slot s : a.entities().ordered()) ++by_label[a.entities().get(s).label].in_a;
    for (Slot s : b.entities().ordered()) ++by_label[b.entities().get(s).label].in_b;
    for (const Entity& e : r.agreed) ++by_label[e.label].matched;
    for (const Document* d : {&a, &b})
        for (const Label& l : d->labels().all())
            if (by_label.count(l.name) && named.insert(l.name).second) names.push_back(l.name);
    for (const auto& [name, _] : by_label)
        if (named.insert(name).second) names.push_back(name);
    for (const std::string& name : names) add_score(name, by_label[name], r.micro, r.labels);
    score(r.micro);
}

// Relations as (source start, end, target start, end, type); a symmetric type's ends in span order.
using RelationKey = std::tuple<size_t, size_t, size_t, size_t, std::string>;

std::map<RelationKey, size_t> relation_keys(const Document& d, const std::unordered_set<std::string>& symmetric) {
    std::map<RelationKey, size_t> out;
    for (const auto& [id, r] : d.relations().all()) {
        const Entity* f = d.entities().find(r.from);
        const Entity* t = d.entities().find(r.to);
        if (!f || !t) continue;  // a document keeps both ends: not expected
        auto from = std::make_pair(f->start, f->end), to = std::make_pair(t->start, t->end);
        if (symmetric.count(r.type) && to < from) std::swap(from, to);
        ++out[{from.first, from.second, to.first, to.second, r.type}];
    }
    return out;
}

// Relation scores per type: matched counts each (source span, target span, type) at most as often as
// the rarer side has it.
void score_relations(const Document& a, const Document& b, Agreement& r) {
    if (a.relations().empty() && b.relations().empty()) return;
    std::unordered_set<std::string> symmetric;
    std::vector<std::string> names;
    std::unordered_set<std::string> named;
    for (const Document* d : {&a, &b})
        for (const RelationType& t : d->relation_types().all()) {
            if (t.symmetric) symmetric.insert(t.name);
            if (named.insert(t.name).second) names.push_back(t.name);
        }
    const auto ka = relation_keys(a, symmetric), kb = relation_keys(b, symmetric);
    std::map<std::string, LabelScore> by_type;
    for (const auto& [k, n] : ka) by_type[std::get<4>(k)].in_a += n;
    for (const auto& [k, n] : kb) {
        LabelScore& s = by_type[std::get<4>(k)];
        s.in_b += n;
        if (auto it = ka.find(k); it != ka.end()) s.matched += std::min(n, it->second);
    }
    for (const auto& [name, _] : by_type)
        if (named.insert(name).second) names.push_back(name);
    for (const std::string& name : names)
        if (auto it = by_type.find(name); it != by_type.end())  // (not a type declared but not used)
            add_score(name, it->second, r.relations_micro, r.relations);
    score(r.relations_micro);
}

// Cohen's kappa over tokens; category 0 is O.
Kappa token_kappa(const Document& a, const Document& b) {
    const std::vector<Token> tokens = tokenize(a.text());
    const auto la = token_labels(a, tokens), lb = token_labels(b, tokens);
    std::unordered_map<std::string_view, size_t> category;
    auto index_of = [&](const std::string* l) -> size_t {
        if (!l) return 0;
        return category.try_emplace(*l, category.size() + 1).first->second;
    };
    std::vector<uint64_t> count_a, count_b;
    Kappa k;
    k.tokens = tokens.size();
    for (size_t i = 0; i < tokens.size(); ++i) {
        const size_t ca = index_of(la[i]), cb = index_of(lb[i]);
        if (std::max(ca, cb) >= count_a.size()) {
            count_a.resize(std::max(ca, cb) + 1, 0);
            count_b.resize(count_a.size(), 0);
        }
        ++count_a[ca];
        ++count_b[cb];
        k.agreeing += ca == cb;
    }
    if (k.tokens > 0) {
        const uint64_t n = k.tokens;
        uint64_t chance = 0;  // sum over categories of count_a * count_b: expected agreement times n^2
        for (size_t c = 0; c < count_a.size(); ++c) chance += count_a[c] * count_b[c];
        k.observed = static_cast<double>(k.agreeing) / static_cast<double>(n);
        k.expected = static_cast<double>(chance) / (static_cast<double>(n) * static_cast<double>(n));
        k.kappa = chance == n * n ? 1.0 : (k.observed - k.expected) / (1.0 - k.expected);
    }
    k.categories.resize(count_a.size());
    for (const auto& [label, c] : category) k.categories[c].label = std::string(label);
    for (size_t c = 0; c < count_a.size(); ++c) {
        k.categories[c].in_a = static_cast<size_t>(count_a[c]);
        k.categories[c].in_b = static_cast<size_t>(count_b[c]);
    }
    return k;
}

// A document's rows added to a corpus's: counts summed by name, every row scored again.
void pool_scores(const std::vector<LabelScore>& one, std::vector<LabelScore>& rows, LabelScore& micro) {
    for (const LabelScore& s : one) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const LabelScore& r) { return r.label == s.label; });
        if (it == rows.end()) it = rows.insert(rows.end(), LabelScore{s.label, 0, 0, 0});
        it->in_a += s.in_a, it->in_b += s.in_b, it->matched += s.matched;
        micro.in_a += s.in_a, micro.in_b += s.in_b, micro.matched += s.matched;
    }
    for (LabelScore& r : rows) score(r);
    score(micro);
}

}  // namespace

// ---- [SECTION] compare_documents, add_document (a corpus), curate ----

Result<Agreement> compare_documents(const Document& a, const Document& b) {
    const std::string& ta = a.text().utf8();
    const std::string& tb = b.text().utf8();
    if (ta != tb) {
        const auto [ia, ib] = std::mismatch(ta.begin(), ta.end(), tb.begin(), tb.end());
        const size_t byte = static_cast<size_t>(ia - ta.begin());
        return make_error("the texts differ at code point " + std::to_string(a.text().cp_of_byte(byte)));
    }
    Agreement r;
    BPool pool(b.entities());
    const std::vector<const Entity*> a_left = pair_exact(a.entities(), b.entities(), pool, r);
    pair_overlaps(pair_same_span(a_left, b.entities(), pool, r), b.entities(), pool, r);
    for (Slot s : pool.unused()) r.differences.push_back({DiffKind::ExtraInB, std::nullopt, b.entities().get(s)});
    std::stable_sort(r.differences.begin(), r.differences.end(), [](const Difference& x, const Difference& y) {
        return x.start() != y.start() ? x.start() < y.start() : x.end() > y.end();
    });
    score_labels(a, b, r);
    score_relations(a, b, r);
    r.kappa = token_kappa(a, b);
    return r;
}

void add_document(CorpusAgreement& total, const Agreement& one) {
    ++total.documents;
    pool_scores(one.labels, total.labels, total.micro);
    pool_scores(one.relations, total.relations, total.relations_micro);
    Kappa& k = total.kappa;
    k.tokens += one.kappa.tokens;
    k.agreeing += one.kappa.agreeing;
    for (const KappaCategory& c : one.kappa.categories) {
        auto it = std::find_if(k.categories.begin(), k.categories.end(),
                               [&](const KappaCategory& x) { return x.label == c.label; });
        if (it == k.categories.end()) it = k.categories.insert(k.categories.end(), KappaCategory{c.label, 0, 0});
        it->in_a += c.in_a, it->in_b += c.in_b;
    }
    if (k.tokens == 0) return;
    const double n = static_cast<double>(k.tokens);
    double chance = 0;  // expected agreement times n^2
    for (const KappaCategory& c : k.categories) chance += static_cast<double>(c.in_a) * static_cast<double>(c.in_b);
    k.observed = static_cast<double>(k.agreeing) / n;
    k.expected = chance / (n * n);
    k.kappa = k.expected >= 1.0 ? 1.0 : (k.observed - k.expected) / (1.0 - k.expected);
}

std::vector<std::string> annotators_of(const Document& d) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    auto add = [&](const std::string& name) {
        if (!name.empty() && seen.insert(name).second) out.push_back(name);
    };
    for (Slot s : d.entities().ordered()) add(d.entities().get(s).annotator);
    for (const auto& [id, r] : d.relations().all()) add(r.annotator);
    return out;
}

Document only_annotator(const Document& d, std::string_view annotator) {
    Document out = d;
    std::vector<std::string> drop_entities, drop_relations;
    for (Slot s : d.entities().ordered())
        if (d.entities().get(s).annotator != annotator) drop_entities.push_back(d.entities().get(s).id);
    for (const auto& [id, r] : d.relations().all()) {
        const Entity* f = d.entities().find(r.from);
        const Entity* t = d.entities().find(r.to);
        if (r.annotator != annotator || !f || !t || f->annotator != annotator || t->annotator != annotator)
            drop_relations.push_back(id);
    }
    for (const std::string& id : drop_relations) out.erase_relation(id);
    for (const std::string& id : drop_entities) out.erase_entity(id);
    return out;
}

Result<std::vector<Entity>> curate(const Agreement& agreement, const std::vector<Side>& choices) {
    if (choices.size() != agreement.differences.size())
        return make_error("expected " + std::to_string(agreement.differences.size()) +
                          " choices (one per difference), got " + std::to_string(choices.size()));
    std::vector<Entity> out = agreement.agreed;
    for (size_t i = 0; i < choices.size(); ++i) {
        const Difference& d = agreement.differences[i];
        if (choices[i] == Side::A && d.a) out.push_back(*d.a);
        if (choices[i] == Side::B && d.b) out.push_back(*d.b);
    }
    std::sort(out.begin(), out.end(), [](const Entity& x, const Entity& y) {
        return std::tie(x.start, y.end, x.label) < std::tie(y.start, x.end, y.label);
    });
    // A's and B's entities never repeat a span and label across differences, but stay safe.
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Entity& x, const Entity& y) {
                              return x.start == y.start && x.end == y.end && x.label == y.label;
                          }),
              out.end());
    for (size_t i = 0; i < out.size(); ++i) {
        out[i].id = "e";  // (not "e" + to_string: GCC 12 reports a false -Wrestrict on that)
        out[i].id += std::to_string(i + 1);
    }
    return out;
}

}  // namespace aa
