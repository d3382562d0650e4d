// EntityStore: slots + a treap in document order (entity.hpp) + ordered()'s vector.
//
// The treap is a binary search tree in document order whose nodes also form a heap on a priority
// drawn at insertion, which keeps it balanced in expectation (depth about 2.5 ln n) with no
// rebalancing rules. Each node knows its subtree's size (ranks) and largest end (stabbing queries:
// a subtree whose largest end is at or before x holds nothing that contains x, and a node starting
// after x has nothing to offer on its right). Inserts and erases change O(log n) nodes, so labelling
// thousands of spans in a large document never rebuilds an index (the centred interval tree this
// replaces was rebuilt from every entity each time more than 64 were added).
//
// [SECTION] entities  [SECTION] the tree  [SECTION] queries
#include "core/entity.hpp"

#include <algorithm>
#include <charconv>

namespace aa {

// ---- [SECTION] entities ----

static std::optional<size_t> id_number(std::string_view id) {
    if (id.size() < 2 || id[0] != 'e') return std::nullopt;
    size_t n = 0;
    auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec != std::errc() || p != id.data() + id.size()) return std::nullopt;
    return n;
}

static Error span_exists(const Entity& e) {
    return make_error("an entity " + e.label + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) +
                      ") already exists");
}

// insert()'s checks but the span's: the id is new, the span not empty.
Status EntityStore::check_new(const Entity& e) const {
    if (e.id.empty()) return make_error("entity id is empty");
    if (by_id_.contains(e.id)) return make_error("duplicate entity id \"" + e.id + "\"");
    if (e.start >= e.end)
        return make_error("empty span: end (" + std::to_string(e.end) + ") is not after start (" +
                          std::to_string(e.start) + ")");
    return {};
}

// A fixed sequence of well-mixed priorities (splitmix32's finaliser over a counter).
uint32_t EntityStore::next_priority() {
    uint32_t h = (seed_ += 0x9e3779b9u);
    h = (h ^ (h >> 16)) * 0x85ebca6bu;
    h = (h ^ (h >> 13)) * 0xc2b2ae35u;
    return h ^ (h >> 16);
}

Result<Slot> EntityStore::insert(Entity e) {
    if (Status st = check_new(e); !st) return st.error();
    if (contains_span(e.start, e.end, e.label)) return span_exists(e);
    if (auto n = id_number(e.id)) next_number_ = std::max(next_number_, *n + 1);

    Slot s;
    if (!free_.empty()) {
        s = free_.back();
        free_.pop_back();
        slots_[s] = std::move(e);
    } else {
        s = static_cast<Slot>(slots_.size());
        slots_.push_back(std::move(e));
        nodes_.emplace_back();
    }
    const Entity& ent = slots_[s];
    by_id_.insert(ent.id, s);
    count(ent, true);
    nodes_[s] = Node{ent.start, ent.end, ent.end, kNil, kNil, 1, next_priority()};
    root_ = insert_node(root_, s);
    ++size_;
    order_inserted(s);
    return s;
}

bool EntityStore::erase(std::string_view id) {
    const std::string key(id);
    const Slot* found = by_id_.find(key);
    if (!found) return false;
    const Slot s = *found;
    order_erased(s);  // its rank, while it is still in the tree
    root_ = erase_node(root_, s);
    --size_;
    nodes_[s] = Node{};
    by_id_.erase(key);
    count(slots_[s], false);
    slots_[s] = Entity{};
    free_.push_back(s);
    return true;
}

Status EntityStore::replace(const Entity& e) {
    const Slot* found = by_id_.find(e.id);
    if (!found) return make_error("no entity with id \"" + e.id + "\"");
    const Slot s = *found;
    Entity old = slots_[s];
    if (old.start == e.start && old.end == e.end && old.label == e.label) {
        // Only note, kb_id, attributes, who made it or the lock changed: order, index and label
        // counts unaffected.
        made_or_locked_ = made_or_locked_ - made_or_locked(old) + made_or_locked(e);
        slots_[s] = e;
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

Status EntityStore::insert_all(std::vector<Entity> es) {
    if (es.empty()) return {};
    std::vector<std::string_view> ids;
    ids.reserve(es.size());
    for (const Entity& e : es) {
        if (Status st = check_new(e); !st) return st;
        ids.push_back(e.id);
    }
    std::sort(ids.begin(), ids.end());
    if (auto twice = std::adjacent_find(ids.begin(), ids.end()); twice != ids.end())
        return make_error("duplicate entity id \"" + std::string(*twice) + "\"");
    // Into slots (and nodes, with the priorities k inserts would draw), then in order among the others.
    const uint32_t seed = seed_;
    std::vector<Slot> added;
    added.reserve(es.size());
    for (Entity& e : es) {
        Slot s;
        if (!free_.empty()) {
            s = free_.back();
            free_.pop_back();
            slots_[s] = std::move(e);
        } else {
            s = static_cast<Slot>(slots_.size());
            slots_.push_back(std::move(e));
            nodes_.emplace_back();
        }
        nodes_[s] = Node{slots_[s].start, slots_[s].end, slots_[s].end, kNil, kNil, 1, next_priority()};
        added.push_back(s);
    }
    const auto before = [this](Slot a, Slot b) { return less(a, b); };
    std::sort(added.begin(), added.end(), before);
    const std::vector<Slot>& old = ordered();
    std::vector<Slot> all;
    all.reserve(old.size() + added.size());
    std::merge(old.begin(), old.end(), added.begin(), added.end(), std::back_inserter(all), before);
    // The same (start, end, label) twice: neighbours in document order.
    for (size_t i = 1; i < all.size(); ++i) {
        const Entity& e = slots_[all[i]];
        if (compare_span(all[i - 1], e.start, e.end, e.label) != 0) continue;
        Error err = span_exists(e);
        for (Slot s : added) {
            slots_[s] = Entity{};
            nodes_[s] = Node{};
            free_.push_back(s);
        }
        seed_ = seed;
        return err;
    }
    for (Slot s : added) {
        const Entity& ent = slots_[s];
        by_id_.insert_absent(ent.id, s);  // checked above
        count(ent, true);
        if (auto n = id_number(ent.id)) next_number_ = std::max(next_number_, *n + 1);
    }
    size_ += added.size();
    build(all);
    order_ = std::move(all);
    order_stale_ = false;
    return {};
}

void EntityStore::erase_slots(const std::vector<Slot>& slots) {
    if (slots.empty()) return;
    for (Slot s : slots) {
        AA_ASSERT(s < nodes_.size() && nodes_[s].size != 0, "erase_slots: each slot live and listed once");
        nodes_[s].size = 0;  // left out of the order below
    }
    std::vector<Slot> kept;
    kept.reserve(size_ - slots.size());
    for (Slot s : ordered())
        if (nodes_[s].size != 0) kept.push_back(s);
    for (Slot s : slots) {
        by_id_.erase(slots_[s].id);
        count(slots_[s], false);
        slots_[s] = Entity{};
        nodes_[s] = Node{};
        free_.push_back(s);
    }
    size_ -= slots.size();
    build(kept);
    order_ = std::move(kept);
    order_stale_ = false;
}

void EntityStore::reserve(size_t n) {
    slots_.reserve(n);
    nodes_.reserve(n);
    by_id_.reserve(n);
}

void EntityStore::clear() { *this = EntityStore(); }

const Entity* EntityStore::find(std::string_view id) const {
    const Slot* s = by_id_.find(std::string(id));
    return s ? &slots_[*s] : nullptr;
}

std::optional<Slot> EntityStore::slot_of(std::string_view id) const {
    const Slot* s = by_id_.find(std::string(id));
    if (!s) return std::nullopt;
    return *s;
}

std::string EntityStore::next_id() const {
    std::vector<std::string> one;
    next_ids(1, one);
    return std::move(one.front());
}

void EntityStore::next_ids(size_t count, std::vector<std::string>& out) const {
    for (size_t n = next_number_; count > 0; ++n) {
        std::string id = "e" + std::to_string(n);
        if (by_id_.contains(id)) continue;
        out.push_back(std::move(id));
        --count;
    }
}

size_t EntityStore::count_label(std::string_view label) const {
    auto it = label_counts_.find(label);
    return it == label_counts_.end() ? 0 : it->second;
}

void EntityStore::count(const Entity& e, bool add) {
    if (made_or_locked(e)) {
        AA_ASSERT(add || made_or_locked_ > 0, "an erased entity was counted");
        made_or_locked_ = add ? made_or_locked_ + 1 : made_or_locked_ - 1;
    }
    const std::string& label = e.label;
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

// ---- [SECTION] the tree ----

bool EntityStore::less(Slot a, Slot b) const {
    const Node& na = nodes_[a];
    const Node& nb = nodes_[b];
    if (na.start != nb.start) return na.start < nb.start;
    if (na.end != nb.end) return na.end > nb.end;  // outer (longer) first
    const Entity& ea = slots_[a];
    const Entity& eb = slots_[b];
    if (ea.label != eb.label) return ea.label < eb.label;
    return ea.id < eb.id;
}

int EntityStore::compare_span(Slot n, size_t start, size_t end, std::string_view label) const {
    const Node& x = nodes_[n];
    if (x.start != start) return x.start < start ? -1 : 1;
    if (x.end != end) return x.end > end ? -1 : 1;
    const int c = std::string_view(slots_[n].label).compare(label);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

void EntityStore::update(uint32_t t) {
    ++node_updates_;
    Node& n = nodes_[t];
    n.size = 1;
    n.max_end = n.end;
    for (uint32_t c : {n.left, n.right}) {
        if (c == kNil) continue;
        n.size += nodes_[c].size;
        n.max_end = std::max(n.max_end, nodes_[c].max_end);
    }
}

std::pair<uint32_t, uint32_t> EntityStore::split(uint32_t t, Slot key) {
    if (t == kNil) return {kNil, kNil};
    if (less(t, key)) {
        auto [l, r] = split(nodes_[t].right, key);
        nodes_[t].right = l;
        update(t);
        return {t, r};
    }
    auto [l, r] = split(nodes_[t].left, key);
    nodes_[t].left = r;
    update(t);
    return {l, t};
}

uint32_t EntityStore::merge(uint32_t a, uint32_t b) {
    if (a == kNil) return b;
    if (b == kNil) return a;
    if (nodes_[a].priority > nodes_[b].priority) {
        nodes_[a].right = merge(nodes_[a].right, b);
        update(a);
        return a;
    }
    nodes_[b].left = merge(a, nodes_[b].left);
    update(b);
    return b;
}

// Down to where the new node's priority belongs in the heap, then the subtree there split around it.
uint32_t EntityStore::insert_node(uint32_t t, Slot s) {
    if (t == kNil) return s;
    if (nodes_[s].priority > nodes_[t].priority) {
        auto [l, r] = split(t, s);
        nodes_[s].left = l;
        nodes_[s].right = r;
        update(s);
        return s;
    }
    if (less(s, t))
        nodes_[t].left = insert_node(nodes_[t].left, s);
    else
        nodes_[t].right = insert_node(nodes_[t].right, s);
    update(t);
    return t;
}

uint32_t EntityStore::erase_node(uint32_t t, Slot s) {
    AA_ASSERT(t != kNil, "an entity in the store is in its tree");
    if (t == s) return merge(nodes_[t].left, nodes_[t].right);
    if (less(s, t))
        nodes_[t].left = erase_node(nodes_[t].left, s);
    else
        nodes_[t].right = erase_node(nodes_[t].right, s);
    update(t);
    return t;
}

// The treap of these slots (in document order) with their priorities, in O(n): a stack holds the
// right spine; a node pops the lower ones (its left subtree, each complete, updated as it leaves),
// and becomes the right child of the one left on top. The same tree as inserting them one by one.
void EntityStore::build(const std::vector<Slot>& order) {
    std::vector<uint32_t> spine;
    for (Slot s : order) {
        uint32_t last = kNil;
        while (!spine.empty() && nodes_[spine.back()].priority < nodes_[s].priority) {
            last = spine.back();
            spine.pop_back();
            update(last);
        }
        nodes_[s].left = last;
        nodes_[s].right = kNil;
        if (!spine.empty()) nodes_[spine.back()].right = s;
        spine.push_back(s);
    }
    root_ = kNil;
    while (!spine.empty()) {
        root_ = spine.back();
        spine.pop_back();
        update(root_);
    }
}

std::string EntityStore::check_index() const {
    std::string bad;
    size_t seen = 0;
    Slot prev = kNil;
    // In order with an explicit stack, checking each node against its children on the way.
    std::vector<uint32_t> stack;
    uint32_t t = root_;
    while ((t != kNil || !stack.empty()) && bad.empty()) {
        while (t != kNil) {
            stack.push_back(t);
            t = nodes_[t].left;
        }
        t = stack.back();
        stack.pop_back();
        const Node& n = nodes_[t];
        ++seen;
        if (t >= slots_.size() || slots_[t].id.empty()) bad = "a free slot in the tree";
        if (n.start != slots_[t].start || n.end != slots_[t].end) bad = "a node's span differs from its entity's";
        if (prev != kNil && !less(prev, t)) bad = "not in document order at " + slots_[t].id;
        uint32_t size = 1;
        size_t max_end = n.end;
        for (uint32_t c : {n.left, n.right}) {
            if (c == kNil) continue;
            if (nodes_[c].priority > n.priority) bad = "a child above its parent at " + slots_[t].id;
            size += nodes_[c].size;
            max_end = std::max(max_end, nodes_[c].max_end);
        }
        if (size != n.size) bad = "a wrong subtree size at " + slots_[t].id;
        if (max_end != n.max_end) bad = "a wrong largest end at " + slots_[t].id;
        prev = t;
        t = n.right;
    }
    if (bad.empty() && (seen != size_ || size_ != by_id_.size())) bad = "the tree does not hold every entity once";
    if (bad.empty()) {
        size_t made = 0;
        for (size_t s = 0; s < slots_.size(); ++s) made += nodes_[s].size != 0 && made_or_locked(slots_[s]);
        if (made != made_or_locked_) bad = "count_made_or_locked() is not the number of such entities";
    }
    return bad;
}

// ---- [SECTION] queries ----

void EntityStore::order_inserted(Slot s) {
    if (order_stale_ || order_patches_ >= kOrderPatches) {
        order_stale_ = true;
        return;
    }
    order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(rank_of(s)), s);
    ++order_patches_;
}

void EntityStore::order_erased(Slot s) {
    if (order_stale_ || order_patches_ >= kOrderPatches) {
        order_stale_ = true;
        return;
    }
    order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(rank_of(s)));
    ++order_patches_;
}

const std::vector<Slot>& EntityStore::ordered() const {
    if (order_stale_) {
        order_.clear();
        order_.reserve(size_);
        std::vector<uint32_t> stack;
        uint32_t t = root_;
        while (t != kNil || !stack.empty()) {
            while (t != kNil) {
                stack.push_back(t);
                t = nodes_[t].left;
            }
            t = stack.back();
            stack.pop_back();
            order_.push_back(t);
            t = nodes_[t].right;
        }
        order_stale_ = false;
    }
    order_patches_ = 0;
    return order_;
}

void EntityStore::ordered_range(size_t from, size_t count, std::vector<Slot>& out) const {
    if (!order_stale_) {  // the vector is current: a copy of its part
        for (size_t i = from; i < order_.size() && i < from + count; ++i) out.push_back(order_[i]);
        return;
    }
    // The path to the node of rank `from`: the nodes still to visit in order are on the stack.
    std::vector<uint32_t> stack;
    for (uint32_t t = root_; t != kNil;) {
        const size_t left = nodes_[t].left == kNil ? 0 : nodes_[nodes_[t].left].size;
        if (from < left) {
            stack.push_back(t);
            t = nodes_[t].left;
        } else if (from == left) {
            stack.push_back(t);
            break;
        } else {
            from -= left + 1;
            t = nodes_[t].right;
        }
    }
    while (count > 0 && !stack.empty()) {
        uint32_t t = stack.back();
        stack.pop_back();
        out.push_back(t);
        --count;
        for (t = nodes_[t].right; t != kNil; t = nodes_[t].left) stack.push_back(t);
    }
}

size_t EntityStore::rank_of(Slot s) const {
    size_t r = 0;
    uint32_t t = root_;
    while (t != s) {
        AA_ASSERT(t != kNil, "rank_of an entity in the store");
        if (less(s, t)) {
            t = nodes_[t].left;
        } else {
            r += 1 + (nodes_[t].left == kNil ? 0 : nodes_[nodes_[t].left].size);
            t = nodes_[t].right;
        }
    }
    return r + (nodes_[s].left == kNil ? 0 : nodes_[nodes_[s].left].size);
}

bool EntityStore::contains_span(size_t start, size_t end, std::string_view label) const {
    // The entities of one (start, end, label) are consecutive in document order: a descent on that
    // part of the key finds one if there is one.
    for (uint32_t t = root_; t != kNil;) {
        const int c = compare_span(t, start, end, label);
        if (c == 0) return true;
        t = c > 0 ? nodes_[t].left : nodes_[t].right;
    }
    return false;
}

// In order: a subtree whose largest end is at or before x holds nothing containing x; nothing right
// of a node that starts after x starts at or before x.
void EntityStore::stab(uint32_t t, size_t x, std::vector<Slot>& out) const {
    while (t != kNil) {
        const Node& n = nodes_[t];
        if (n.max_end <= x) return;
        stab(n.left, x, out);
        if (n.start > x) return;
        if (n.end > x) out.push_back(t);
        t = n.right;
    }
}

// In order, the entities with a <= start < b.
void EntityStore::starting_in(uint32_t t, size_t a, size_t b, std::vector<Slot>& out) const {
    while (t != kNil) {
        const Node& n = nodes_[t];
        if (n.start < a) {
            t = n.right;
        } else if (n.start >= b) {
            t = n.left;
        } else {
            starting_in(n.left, a, b, out);
            out.push_back(t);
            t = n.right;
        }
    }
}

void EntityStore::at(size_t offset, std::vector<Slot>& out) const {
    out.clear();
    stab(root_, offset, out);
}

void EntityStore::intersecting(size_t a, size_t b, std::vector<Slot>& out) const {
    out.clear();
    if (a >= b) return;
    stab(root_, a, out);                // start <= a < end
    starting_in(root_, a + 1, b, out);  // a < start < b
}

}  // namespace aa
