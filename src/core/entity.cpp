// EntityStore: slots + document order + a lazily built centred interval tree.
//
// The tree answers "which entities contain offset x" in O(log n + k): each node holds the
// intervals that contain its centre, sorted by start ascending and by end descending, so a
// query scans a node's list only while it reports. Entities whose start lies inside a queried
// range come straight from the document-order array. Insertions since the last build sit in a
// small pending buffer and erasures leave tombstones; the tree is rebuilt (O(n log n)) when
// either grows past a bound, so single edits stay cheap and queries stay output-sensitive.
#include "core/entity.hpp"

#include <algorithm>
#include <charconv>

namespace aa {
namespace {
constexpr size_t kMaxPending = 64;
}

EntityStore::EntityStore(const EntityStore& o)
    : slots_(o.slots_),
      free_(o.free_),
      order_(o.order_),
      by_id_(o.by_id_),
      label_counts_(o.label_counts_),
      next_number_(o.next_number_) {}

EntityStore& EntityStore::operator=(const EntityStore& o) {
    if (this != &o) {
        slots_ = o.slots_;
        free_ = o.free_;
        order_ = o.order_;
        by_id_ = o.by_id_;
        label_counts_ = o.label_counts_;
        next_number_ = o.next_number_;
        invalidate();
    }
    return *this;
}

bool EntityStore::less(const Key& a, const Key& b) const {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;  // outer (longer) first
    const Entity& ea = slots_[a.slot];
    const Entity& eb = slots_[b.slot];
    if (ea.label != eb.label) return ea.label < eb.label;
    return ea.id < eb.id;
}

size_t EntityStore::lower_index(size_t start) const {
    auto it = std::partition_point(order_.begin(), order_.end(), [&](Slot s) { return slots_[s].start < start; });
    return static_cast<size_t>(it - order_.begin());
}

size_t EntityStore::rank_of(Slot s) const {
    const Key k{slots_[s].start, slots_[s].end, s};
    auto it = std::partition_point(order_.begin(), order_.end(), [&](Slot o) {
        return less(Key{slots_[o].start, slots_[o].end, o}, k);
    });
    return static_cast<size_t>(it - order_.begin());
}

bool EntityStore::contains_span(size_t start, size_t end, std::string_view label) const {
    for (size_t i = lower_index(start); i < order_.size(); ++i) {
        const Entity& e = slots_[order_[i]];
        if (e.start != start) break;
        if (e.end == end && e.label == label) return true;
    }
    return false;
}

static std::optional<size_t> id_number(std::string_view id) {
    if (id.size() < 2 || id[0] != 'e') return std::nullopt;
    size_t n = 0;
    auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec != std::errc() || p != id.data() + id.size()) return std::nullopt;
    return n;
}

Result<Slot> EntityStore::insert(Entity e) {
    if (e.id.empty()) return make_error("entity id is empty");
    if (by_id_.count(e.id)) return make_error("duplicate entity id \"" + e.id + "\"");
    if (e.start >= e.end)
        return make_error("empty span: end (" + std::to_string(e.end) + ") is not after start (" +
                          std::to_string(e.start) + ")");
    if (contains_span(e.start, e.end, e.label))
        return make_error("an entity " + e.label + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) +
                          ") already exists");
    if (auto n = id_number(e.id)) next_number_ = std::max(next_number_, *n + 1);

    Slot s;
    if (!free_.empty()) {
        s = free_.back();
        free_.pop_back();
        slots_[s] = std::move(e);
    } else {
        s = static_cast<Slot>(slots_.size());
        slots_.push_back(std::move(e));
    }
    const Entity& ent = slots_[s];
    by_id_.emplace(ent.id, s);
    count(ent.label, true);
    const Key k{ent.start, ent.end, s};
    auto it = std::partition_point(order_.begin(), order_.end(), [&](Slot o) {
        return less(Key{slots_[o].start, slots_[o].end, o}, k);
    });
    order_.insert(it, s);

    if (!index_dirty_) {
        if (indexed_.size() < slots_.size()) indexed_.resize(slots_.size(), 0);
        indexed_[s] = 0;
        pending_.push_back(s);
        if (pending_.size() > kMaxPending) invalidate();
    }
    return s;
}

bool EntityStore::erase(std::string_view id) {
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end()) return false;
    const Slot s = it->second;
    order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(rank_of(s)));
    by_id_.erase(it);
    count(slots_[s].label, false);
    if (!index_dirty_) {
        if (indexed_[s]) {
            indexed_[s] = 0;  // tombstone: the tree still holds the key; queries skip it
            if (++tombstones_ > kMaxPending + order_.size() / 8) invalidate();
        } else {
            pending_.erase(std::find(pending_.begin(), pending_.end(), s));
        }
    }
    slots_[s] = Entity{};
    free_.push_back(s);
    return true;
}

Status EntityStore::replace(const Entity& e) {
    auto it = by_id_.find(e.id);
    if (it == by_id_.end()) return make_error("no entity with id \"" + e.id + "\"");
    const Slot s = it->second;
    Entity old = slots_[s];
    if (old.start == e.start && old.end == e.end && old.label == e.label) {
        slots_[s] = e;  // only note, kb_id or attributes changed: order and index unaffected
        return {};
    }
    erase(e.id);
    auto r = insert(e);
    if (!r.ok()) {
        auto back = insert(std::move(old));
        AA_ASSERT(back.ok(), "restoring a replaced entity cannot fail");
        return r.error();
    }
    return {};
}

void EntityStore::reserve(size_t n) {
    slots_.reserve(n);
    order_.reserve(n);
    by_id_.reserve(n);
}

void EntityStore::clear() {
    slots_.clear();
    free_.clear();
    order_.clear();
    by_id_.clear();
    label_counts_.clear();
    next_number_ = 1;
    invalidate();
}

const Entity* EntityStore::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &slots_[it->second];
}

std::optional<Slot> EntityStore::slot_of(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

std::string EntityStore::next_id() const {
    size_t n = next_number_;
    std::string id = "e" + std::to_string(n);
    while (by_id_.count(id)) id = "e" + std::to_string(++n);
    return id;
}

size_t EntityStore::count_label(std::string_view label) const {
    auto it = label_counts_.find(label);
    return it == label_counts_.end() ? 0 : it->second;
}

void EntityStore::count(const std::string& label, bool add) {
    if (add) {
        auto it = label_counts_.find(label);
        if (it == label_counts_.end()) it = label_counts_.emplace(label, 0).first;
        ++it->second;
        return;
    }
    auto it = label_counts_.find(label);
    AA_ASSERT(it != label_counts_.end() && it->second > 0, "an erased entity was counted");
    if (--it->second == 0) label_counts_.erase(it);
}

void EntityStore::invalidate() {
    index_dirty_ = true;
    nodes_.clear();
    by_start_.clear();
    by_end_.clear();
    pending_.clear();
    indexed_.clear();
    tombstones_ = 0;
}

int32_t EntityStore::build(std::vector<Key>& keys, size_t lo, size_t hi, std::vector<Key>& scratch) const {
    if (lo == hi) return -1;
    // keys[lo, hi) are in start order; they are partitioned in place (stably, through `scratch`) into
    // left | mid | right, so that building the tree allocates nothing per node (a vector per node
    // and per side was most of the first query's cost after a 10,000-entity import).
    const size_t center = keys[lo + (hi - lo) / 2].start;
    size_t nl = 0, nm = 0;
    for (size_t i = lo; i < hi; ++i) {
        if (keys[i].end <= center)
            ++nl;
        else if (keys[i].start <= center)
            ++nm;
    }
    size_t l = lo, m = lo + nl, r = lo + nl + nm;
    for (size_t i = lo; i < hi; ++i) {
        const Key& k = keys[i];
        if (k.end <= center)
            scratch[l++] = k;
        else if (k.start > center)
            scratch[r++] = k;
        else
            scratch[m++] = k;
    }
    std::copy(scratch.begin() + static_cast<std::ptrdiff_t>(lo), scratch.begin() + static_cast<std::ptrdiff_t>(hi),
              keys.begin() + static_cast<std::ptrdiff_t>(lo));
    const auto mid_begin = keys.begin() + static_cast<std::ptrdiff_t>(lo + nl);
    const auto mid_end = mid_begin + static_cast<std::ptrdiff_t>(nm);
    const auto idx = static_cast<int32_t>(nodes_.size());
    Node node;
    node.center = center;
    node.begin = static_cast<uint32_t>(by_start_.size());
    node.count = static_cast<uint32_t>(nm);
    by_start_.insert(by_start_.end(), mid_begin, mid_end);  // input is in start order
    std::stable_sort(mid_begin, mid_end, [](const Key& a, const Key& b) { return a.end > b.end; });
    by_end_.insert(by_end_.end(), mid_begin, mid_end);
    nodes_.push_back(node);
    const int32_t left = build(keys, lo, lo + nl, scratch);
    const int32_t right = build(keys, lo + nl + nm, hi, scratch);
    nodes_[static_cast<size_t>(idx)].left = left;
    nodes_[static_cast<size_t>(idx)].right = right;
    return idx;
}

void EntityStore::ensure_index() const {
    if (!index_dirty_) return;
    nodes_.clear();
    by_start_.clear();
    by_end_.clear();
    pending_.clear();
    tombstones_ = 0;
    std::vector<Key> keys;
    keys.reserve(order_.size());
    for (Slot s : order_) keys.push_back(Key{slots_[s].start, slots_[s].end, s});
    nodes_.reserve(order_.size() / 2 + 1);
    by_start_.reserve(order_.size());
    by_end_.reserve(order_.size());
    std::vector<Key> scratch(keys.size());
    build(keys, 0, keys.size(), scratch);
    indexed_.assign(slots_.size(), 0);
    for (Slot s : order_) indexed_[s] = 1;
    index_dirty_ = false;
}

void EntityStore::stab(size_t x, std::vector<Slot>& out) const {
    ensure_index();
    const size_t first = out.size();
    int32_t n = nodes_.empty() ? -1 : 0;
    while (n >= 0) {
        const Node& node = nodes_[static_cast<size_t>(n)];
        if (x < node.center) {
            for (uint32_t i = node.begin, e = node.begin + node.count; i < e && by_start_[i].start <= x; ++i)
                if (indexed_[by_start_[i].slot]) out.push_back(by_start_[i].slot);
            n = node.left;
        } else {
            for (uint32_t i = node.begin, e = node.begin + node.count; i < e && by_end_[i].end > x; ++i)
                if (indexed_[by_end_[i].slot]) out.push_back(by_end_[i].slot);
            n = node.right;
        }
    }
    for (Slot s : pending_)
        if (slots_[s].start <= x && x < slots_[s].end) out.push_back(s);
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](Slot a, Slot b) {
        return less(Key{slots_[a].start, slots_[a].end, a}, Key{slots_[b].start, slots_[b].end, b});
    });
}

void EntityStore::at(size_t offset, std::vector<Slot>& out) const {
    out.clear();
    stab(offset, out);
}

void EntityStore::intersecting(size_t a, size_t b, std::vector<Slot>& out) const {
    out.clear();
    if (a >= b) return;
    stab(a, out);                                                  // start <= a < end
    for (size_t i = lower_index(a + 1); i < order_.size(); ++i) {  // a < start < b
        const Slot s = order_[i];
        if (slots_[s].start >= b) break;
        out.push_back(s);
    }
}

}  // namespace aa
