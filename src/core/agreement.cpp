// Agreement (agreement.hpp): pairing two annotators' entities, the scores, kappa and curation.
#include "core/agreement.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/tokenizer.hpp"

namespace aa {
namespace {

using SpanKey = std::tuple<size_t, size_t, std::string>;

// precision = matched / in_b, recall = matched / in_a (see LabelScore for empty denominators).
void score(LabelScore& s) {
    auto ratio = [](size_t num, size_t den, size_t other) {
        return den > 0 ? static_cast<double>(num) / static_cast<double>(den) : other == 0 ? 1.0 : 0.0;
    };
    s.precision = ratio(s.matched, s.in_b, s.in_a);
    s.recall = ratio(s.matched, s.in_a, s.in_b);
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
}

size_t overlap(const Entity& x, const Entity& y) {
    const size_t s = std::max(x.start, y.start), e = std::min(x.end, y.end);
    return e > s ? e - s : 0;
}

// The label of each token: the first entity in document order that overlaps it, else "" (O).
std::vector<const std::string*> token_labels(const Document& d, const std::vector<Token>& tokens) {
    std::vector<const std::string*> out(tokens.size(), nullptr);
    std::vector<Slot> found;
    for (size_t i = 0; i < tokens.size(); ++i) {
        found.clear();
        d.entities().intersecting(tokens[i].start, tokens[i].end, found);
        if (!found.empty()) out[i] = &d.entities().get(found.front()).label;
    }
    return out;
}

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

// B's entities in document order, each pairing with at most one of A's.
class BPool {
public:
    explicit BPool(const EntityStore& eb) : eb_(eb), used_(eb.ordered().size(), 0) {
        for (size_t i = 0; i < eb.ordered().size(); ++i) index_.emplace(eb.ordered()[i], i);
    }
    bool used(Slot s) const { return used_[index_.at(s)]; }
    void use(Slot s) { used_[index_.at(s)] = 1; }
    std::vector<Slot> unused_overlapping(const Entity& e) const {
        std::vector<Slot> found, out;
        eb_.intersecting(e.start, e.end, found);
        for (Slot s : found)
            if (!used(s)) out.push_back(s);
        return out;
    }
    std::vector<Slot> unused() const {
        std::vector<Slot> out;
        for (size_t i = 0; i < used_.size(); ++i)
            if (!used_[i]) out.push_back(eb_.ordered()[i]);
        return out;
    }

private:
    const EntityStore& eb_;
    std::unordered_map<Slot, size_t> index_;  // slot -> position in eb.ordered()
    std::vector<uint8_t> used_;
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
        const Entity* pick = nullptr;
        for (Slot s : pool.unused_overlapping(*e)) {
            const Entity& o = eb.get(s);
            if (o.start == e->start && o.end == e->end) {
                pool.use(s);
                pick = &o;
                break;
            }
        }
        if (pick)
            r.differences.push_back({DiffKind::OtherLabel, *e, *pick});
        else
            left.push_back(e);
    }
    return left;
}

// Overlaps: the same label wins, then the larger overlap, then the earlier one; else missing in B.
void pair_overlaps(const std::vector<const Entity*>& a_left, const EntityStore& eb, BPool& pool, Agreement& r) {
    for (const Entity* e : a_left) {
        const std::vector<Slot> found = pool.unused_overlapping(*e);
        if (found.empty()) {
            r.differences.push_back({DiffKind::MissingInB, *e, std::nullopt});
            continue;
        }
        Slot best = found.front();
        for (Slot s : found) {  // in document order: ties keep the earlier one
            const Entity& o = eb.get(s);
            const Entity& cur = eb.get(best);
            const bool same = o.label == e->label, cur_same = cur.label == e->label;
            if (same != cur_same ? same : overlap(o, *e) > overlap(cur, *e)) best = s;
        }
        pool.use(best);
        r.differences.push_back({DiffKind::OtherBoundaries, *e, eb.get(best)});
    }
}

// Scores per label, in A's label order, then B's, then the other names used; and the micro average.
void score_labels(const Document& a, const Document& b, Agreement& r) {
    std::vector<std::string> names;
    std::map<std::string, LabelScore> by_label;
    for (Slot s : a.entities().ordered()) ++by_label[a.entities().get(s).label].in_a;
    for (Slot s : b.entities().ordered()) ++by_label[b.entities().get(s).label].in_b;
    for (const Entity& e : r.agreed) ++by_label[e.label].matched;
    for (const Document* d : {&a, &b})
        for (const Label& l : d->labels().all())
            if (by_label.count(l.name) && std::find(names.begin(), names.end(), l.name) == names.end())
                names.push_back(l.name);
    for (const auto& [name, _] : by_label)
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    for (const std::string& name : names) {
        LabelScore s = by_label[name];
        s.label = name;
        score(s);
        r.micro.in_a += s.in_a;
        r.micro.in_b += s.in_b;
        r.micro.matched += s.matched;
        r.labels.push_back(std::move(s));
    }
    score(r.micro);
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
    return k;
}

}  // namespace

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
    r.kappa = token_kappa(a, b);
    return r;
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
