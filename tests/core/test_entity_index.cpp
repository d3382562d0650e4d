// Tests of the entity store's index (src/core/entity: the tree in document order) through the
// Editor's sessions: random adds, deletes, relabels, resizes, bulk labelling (label_all, as
// propagation and "label every hit" do), bulk removal, undo, redo and a discarded undo, with every
// query (at, intersecting, ordered, rank_of, contains_span, count_label) compared after each step
// with a brute-force scan of a model that follows the history on its own.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/editor.hpp"
#include "core/search.hpp"

using namespace aa;

namespace {

const std::string kLabels[] = {"LOC", "MISC", "ORG", "PER"};  // in name order: document order on indices is on names

int label_index(const std::string& l) {
    return static_cast<int>(std::find(std::begin(kLabels), std::end(kLabels), l) - std::begin(kLabels));
}

// An entity as the model knows it: (start, end, label) is unique in a document, and document
// order on it is the store's order (start, longer first, label; ids never break a tie).
struct Item {
    size_t start, end;
    int label;  // in kLabels
    friend bool operator==(const Item&, const Item&) = default;
};
bool doc_less(const Item& a, const Item& b) {
    return std::tie(a.start, b.end, a.label) < std::tie(b.start, a.end, b.label);
}
using Items = std::vector<Item>;

// The history as plain states: state i is the document after the i-th command; undo and redo move
// along them, a new command drops the states after the current one.
struct Model {
    std::vector<Items> states{Items{}};
    size_t at = 0;
    const Items& now() const { return states[at]; }
    void push(Items next) {
        std::sort(next.begin(), next.end(), doc_less);
        states.resize(at + 1);
        states.push_back(std::move(next));
        ++at;
    }
    bool has(size_t s, size_t e, int label) const {
        return std::find(now().begin(), now().end(), Item{s, e, label}) != now().end();
    }
};

Item item_of(const EntityStore& es, Slot s) {
    return Item{es.get(s).start, es.get(s).end, label_index(es.get(s).label)};
}

Items items_of(const EntityStore& es, const std::vector<Slot>& slots) {
    Items out;
    for (Slot s : slots) out.push_back(item_of(es, s));
    return out;
}

// Every query of the store against a scan of the model; "" or the first disagreement.
std::string compare(const EntityStore& es, const Items& m, size_t len, std::mt19937& rng, bool read_order) {
    if (std::string bad = es.check_index(); !bad.empty()) return "tree: " + bad;
    if (es.size() != m.size()) return "size " + std::to_string(es.size()) + " != " + std::to_string(m.size());
    if (read_order) {
        if (items_of(es, es.ordered()) != m) return "ordered()";
        for (size_t i = 0; i < m.size(); i += 1 + m.size() / 16)
            if (es.rank_of(es.ordered()[i]) != i) return "rank_of " + std::to_string(i);
    }
    for (int q = 0; q < 6; ++q) {
        const size_t x = rng() % (len + 2);
        std::vector<Slot> got;
        es.at(x, got);
        Items want;
        for (const Item& it : m)
            if (it.start <= x && x < it.end) want.push_back(it);
        if (items_of(es, got) != want) return "at(" + std::to_string(x) + ")";
        const size_t a = rng() % (len + 2), b = a + rng() % (q == 0 ? len : 25);
        es.intersecting(a, b, got);
        want.clear();
        for (const Item& it : m)
            if (a < b && it.start < b && it.end > a) want.push_back(it);
        if (items_of(es, got) != want) return "intersecting(" + std::to_string(a) + ", " + std::to_string(b) + ")";
        const Item probe =
            m.empty() || q % 2 ? Item{x, x + 1 + rng() % 6, static_cast<int>(rng() % 4)} : m[rng() % m.size()];
        const bool in = std::find(m.begin(), m.end(), probe) != m.end();
        if (es.contains_span(probe.start, probe.end, kLabels[probe.label]) != in) return "contains_span";
    }
    for (int l = 0; l < 4; ++l)
        if (es.count_label(kLabels[l]) !=
            static_cast<size_t>(std::count_if(m.begin(), m.end(), [&](const Item& it) { return it.label == l; })))
            return "count_label " + kLabels[l];
    return "";
}

// A span: short and anywhere, or on top of, inside or overlapping an existing one.
Span random_span(std::mt19937& rng, const Items& m, size_t len) {
    const unsigned kind = rng() % 10;
    if (!m.empty() && kind < 5) {
        const Item& o = m[rng() % m.size()];
        if (kind < 2) return {o.start, o.end};
        const size_t s = o.start + rng() % (o.end - o.start);
        return {s, std::min(len, s + 1 + rng() % 15)};
    }
    if (kind == 9) return {rng() % 4, len - rng() % 4};
    const size_t s = rng() % (len - 1);
    return {s, std::min(len, s + 1 + rng() % 10)};
}

// One random session of `steps` commands and undo/redo moves; the store is checked after each.
void session(unsigned seed, int steps, size_t len) {
    std::mt19937 rng(seed);
    Editor ed(Document(Text::from_utf8(std::string(len, 'x')).value()));
    const EntityStore& es = ed.doc().entities();
    Model m;
    std::string first;
    int step = 0;
    auto check = [&](const std::string& what) {
        if (!first.empty()) return;
        // ordered() read after some steps only: bursts of edits between two reads leave it stale.
        const std::string bad = compare(es, m.now(), len, rng, rng() % 3 == 0);
        if (!bad.empty()) first = "step " + std::to_string(step) + " (" + what + "): " + bad;
    };
    for (; step < steps && first.empty(); ++step) {
        const unsigned op = rng() % 16;

        const Items& now = m.now();
        if (op < 4 || now.empty()) {  // add one
            const Span s = random_span(rng, now, len);
            const int label = static_cast<int>(rng() % 4);
            const bool ok = ed.add_entity(s.start, s.end, kLabels[label]).ok();
            if (ok != !m.has(s.start, s.end, label)) first = "add ok=" + std::to_string(ok);
            if (ok) {
                Items next = now;
                next.push_back({s.start, s.end, label});
                m.push(std::move(next));
            }
            check("add");
        } else if (op < 6) {  // delete one
            const Item it = now[rng() % now.size()];
            std::vector<Slot> hits;
            es.at(it.start, hits);
            const auto h = std::find_if(hits.begin(), hits.end(), [&](Slot s) { return item_of(es, s) == it; });
            if (h == hits.end()) {
                first = "the entity to delete is not found";
                break;
            }
            CHECK(ed.remove_entity(es.get(*h).id).ok());
            Items next = now;
            next.erase(std::find(next.begin(), next.end(), it));
            m.push(std::move(next));
            check("delete");
        } else if (op < 7) {  // relabel or resize one (a replace: erase and insert in the tree)
            const Item it = now[rng() % now.size()];
            std::vector<Slot> hits;
            es.at(it.start, hits);
            const auto h = std::find_if(hits.begin(), hits.end(), [&](Slot s) { return item_of(es, s) == it; });
            Item to = it;
            if (rng() % 2) {
                to.label = static_cast<int>(rng() % 4);
            } else {
                to.start = rng() % (len - 1);
                to.end = std::min(len, to.start + 1 + rng() % 8);
            }
            const bool ok = (to.label != it.label ? ed.set_label(es.get(*h).id, kLabels[to.label])
                                                  : ed.set_span(es.get(*h).id, to.start, to.end))
                                .ok();
            const bool want = !(to == it) && !m.has(to.start, to.end, to.label);
            if (ok != want && !(to == it)) first = "replace ok=" + std::to_string(ok);
            if (ok && !(to == it)) {
                Items next = now;
                *std::find(next.begin(), next.end(), it) = to;
                m.push(std::move(next));
            }
            check("replace");
        } else if (op < 9) {  // label many spans at once, as propagation does
            std::vector<Span> spans;
            const size_t k = 1 + rng() % (rng() % 4 == 0 ? 300 : 40);
            for (size_t i = 0; i < k; ++i) spans.push_back(random_span(rng, now, len));
            const int label = static_cast<int>(rng() % 4);
            Items next = now;
            for (const Span& s : spans)
                if (std::find(next.begin(), next.end(), Item{s.start, s.end, label}) == next.end())
                    next.push_back({s.start, s.end, label});
            const size_t want = next.size() - now.size();
            auto r = label_all(ed, spans, kLabels[label], "Label many");
            if (!r.ok() || *r != want) first = "label_all added " + std::to_string(r.ok() ? *r : 0);
            if (want > 0) m.push(std::move(next));
            check("label_all");
        } else if (op < 10) {  // remove every entity of one label in a window
            const int label = static_cast<int>(rng() % 4);
            const size_t a = rng() % len, b = a + rng() % (len / 3 + 1);
            std::vector<Slot> hits;
            es.intersecting(a, b, hits);
            std::vector<std::string> ids;
            Items next;
            for (const Item& it : now)
                if (!(it.label == label && it.start < b && it.end > a)) next.push_back(it);
            for (Slot s : hits)
                if (es.get(s).label == kLabels[label]) ids.push_back(es.get(s).id);
            CHECK(remove_all(ed, ids, "Remove many").ok());
            if (!ids.empty()) m.push(std::move(next));
            check("remove_all");
        } else if (op < 13) {  // undo
            const bool ok = ed.undo();
            if (ok != (m.at > 0)) {
                first = "undo ok=" + std::to_string(ok);
                break;
            }
            if (ok) --m.at;
            check("undo");
        } else if (op < 15) {  // redo
            const bool ok = ed.redo();
            if (ok != (m.at + 1 < m.states.size())) {
                first = "redo ok=" + std::to_string(ok);
                break;
            }
            if (ok) ++m.at;
            check("redo");
        } else if (m.at + 1 == m.states.size()) {  // undo and forget: a cancelled bulk labelling (nothing to redo)
            const bool ok = ed.undo_discard();
            if (ok != (m.at > 0)) {
                first = "undo_discard ok=" + std::to_string(ok);
                break;
            }
            if (ok) {
                --m.at;
                m.states.resize(m.at + 1);
            }
            check("undo_discard");
        }
    }
    INFO("seed ", seed, ": ", first);
    CHECK(first.empty());
    CHECK(compare(es, m.now(), len, rng, true) == "");
}

}  // namespace

TEST_CASE("the entity index answers like a scan through random sessions of edits, bulk labelling, undo and redo") {
    session(11u, 600, 300);   // dense: nesting, identical spans, long spans over everything
    session(12u, 600, 2000);  // sparse
    session(13u, 400, 40);    // a short text: nearly every span taken
}

TEST_CASE("ordered() read between bursts of edits of every length equals the tree's order") {
    // Its vector is patched for the first few edits after a read and read again from the tree after
    // more: bursts of 1 to 9 edits between reads cross that bound both ways.
    Editor ed(Document(Text::from_utf8(std::string(500, 'x')).value()));
    const EntityStore& es = ed.doc().entities();
    std::mt19937 rng(5u);
    size_t bad = 0;
    for (int round = 0; round < 200; ++round) {
        const int burst = 1 + round % 9;
        for (int i = 0; i < burst; ++i) {
            const size_t s = rng() % 490;
            std::vector<Slot> near;
            es.intersecting(s, s + 30, near);  // a query that leaves ordered() as it is
            if (rng() % 3 == 0 && !near.empty())
                (void)ed.remove_entity(es.get(near[rng() % near.size()]).id);
            else
                (void)ed.add_entity(s, s + 1 + rng() % 9, kLabels[rng() % 4]);
            if (rng() % 4 == 0) (void)ed.undo();
        }
        Items seen = items_of(es, es.ordered()), sorted = seen;
        std::sort(sorted.begin(), sorted.end(), doc_less);
        bad += seen != sorted || seen.size() != es.size() || !es.check_index().empty();
    }
    CHECK(bad == 0);
}
