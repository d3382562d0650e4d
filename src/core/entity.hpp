// Entities: labelled spans [start, end) over a Text, in code points, and the store that owns
// them with the queries drawing needs. Spans may cross line breaks, nest and overlap; the same
// (start, end, label) twice is refused.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/chunked.hpp"
#include "core/result.hpp"

namespace aa {

using Attributes = std::vector<std::pair<std::string, std::string>>;  // ordered key/value pairs

struct Entity {
    std::string id;    // stable: "e1", "e2", ... unique within a document
    size_t start = 0;  // code points, inclusive
    size_t end = 0;    // code points, exclusive
    std::string label;
    std::string note;
    std::string kb_id;  // knowledge-base identifier, e.g. a Wikidata QID "Q567"
    Attributes attributes;
    // Who made it and when (optional): the annotator's name as set in the page, and an ISO 8601 UTC
    // time ("2026-11-30T12:04:05Z"). Kept by native, Label Studio, W3C and brat; used by Compare.
    std::string annotator = {};
    std::string created = {};
    // Locked (for example a pre-annotation under review): the page refuses to move, relabel or
    // delete it until it is unlocked. Kept by the native format only.
    bool locked = false;

    size_t length() const { return end - start; }
    friend bool operator==(const Entity&, const Entity&) = default;
};

// Slot handle into an EntityStore; stable until the entity is erased (so is the entity's address).
using Slot = uint32_t;

// Owns the entities of one document. Keeps them in document order (start ascending, longer
// first, then label, then id) in a balanced search tree (a treap whose nodes sit beside the slots,
// each knowing its subtree's size and largest end), so that an insert or an erase costs O(log n),
// a point or range query O(log n + k) (O(k log n) at worst) and a rank O(log n): no edit rebuilds
// anything, and k spans labelled together cost O(k log n) whatever the document's size.
// ordered() is the tree read in order, kept as a vector: after one edit it is patched in place;
// after several edits in a row (a bulk labelling) it is read again from the tree, once, when next
// asked for (O(n)).
class EntityStore {
public:
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    // Errors: empty id, duplicate id, empty span (start >= end), duplicate (start, end, label).
    // The store does not know the text; callers check `end` against it (Document does).
    Result<Slot> insert(Entity e);
    bool erase(std::string_view id);
    // Replaces the entity with the same id; same errors as insert (the old value stays on error).
    Status replace(const Entity& e);
    // Bulk edits, for the undo or redo of a group (a propagation of 16,000 spans undone in one
    // frame): the tree is built again once from the order, O(n + k log k), instead of k inserts
    // or erases of O(log n) each. Worth it when k is a large part of n: rebuild_pays(k).
    bool rebuild_pays(size_t k) const { return k >= kRebuildMin && k * kRebuildShare >= size_; }
    // Inserts every entity of `es`, each checked as insert() checks it, against the store and
    // against the others: all or none (on error nothing changed).
    Status insert_all(std::vector<Entity> es);
    // Erases the entities in these slots (each live, each once).
    void erase_slots(const std::vector<Slot>& slots);
    void clear();
    // Room for `n` entities in all, when a reader knows how many come: the vectors and the id table
    // then never grow by doubling (100,000 entities: tens of MB off the page's peak memory).
    void reserve(size_t n);
    // Entities held without allocating. The store grows a chunk of entities at a time: an entity
    // never moves (find() and get() stay valid until it is erased), and no insert rehashes every id
    // (a labelling of thousands of spans in slices has no frame that moves the whole store).
    size_t capacity() const { return slots_.capacity(); }

    const Entity* find(std::string_view id) const;
    std::optional<Slot> slot_of(std::string_view id) const;
    const Entity& get(Slot s) const { return slots_[s]; }
    bool contains_span(size_t start, size_t end, std::string_view label) const;

    // All entities in document order (slots). The reference stays valid, but its content is
    // brought up to date by this call: call it again after a change rather than keep reading it.
    const std::vector<Slot>& ordered() const;
    // Index of an entity in ordered(), O(log n).
    size_t rank_of(Slot s) const;
    // ordered()[from, from + count) (fewer at the end), appended to `out` in O(log n + count) from
    // the tree: a view of a few rows in every frame of a bulk labelling reads no whole order.
    void ordered_range(size_t from, size_t count, std::vector<Slot>& out) const;

    // Entities with start <= offset < end, in document order.
    void at(size_t offset, std::vector<Slot>& out) const;
    // Entities intersecting [a, b): start < b && end > a, in document order.
    void intersecting(size_t a, size_t b, std::vector<Slot>& out) const;

    // A fresh id "eN" not used yet (N above every numeric id seen).
    std::string next_id() const;
    // The next `count` fresh ids, in the order next_id() would give them as each is inserted.
    void next_ids(size_t count, std::vector<std::string>& out) const;

    // Number of entities with this label: O(log labels), kept up to date by every insert, erase and
    // replace (so by every op of the Editor's history and every reader), never a recount.
    size_t count_label(std::string_view label) const;
    // The entities per label name, for the labels with at least one entity (name order).
    const std::map<std::string, size_t, std::less<>>& label_counts() const { return label_counts_; }
    // Number of entities that carry who made them (annotator, created) or a lock: kept up to date
    // as label_counts() is (every insert, erase, replace, bulk edit and clear), so that a writer
    // asks in O(1) whether any entity has one (the native format's version 2) instead of scanning.
    size_t count_made_or_locked() const { return made_or_locked_; }
    static bool made_or_locked(const Entity& e) { return !e.annotator.empty() || !e.created.empty() || e.locked; }

    // Tree nodes recomputed since the store was made (each a node whose subtree changed): a count of
    // the work of the edits, for tests (k erases one by one: about k times the tree's depth; a
    // rebuild: n).
    uint64_t node_updates() const { return node_updates_; }

    // Checks the tree against its own invariants (order, heap priorities, sizes, largest ends, every
    // live slot in it once); "" when sound, else what is wrong. O(n): for tests.
    std::string check_index() const;

private:
    static constexpr uint32_t kNil = UINT32_MAX;
    // One tree node per slot (same index); start and end are copied here so that a descent reads
    // these small nodes only, not the entities.
    struct Node {
        size_t start = 0, end = 0;
        size_t max_end = 0;  // the largest end in this subtree
        uint32_t left = kNil, right = kNil;
        uint32_t size = 0;  // nodes in this subtree; 0 for a free slot
        uint32_t priority = 0;
    };
    bool less(Slot a, Slot b) const;  // document order
    // -1, 0 or 1: (start, end, label) of slot `n` against the given span, in document order (id ignored).
    int compare_span(Slot n, size_t start, size_t end, std::string_view label) const;
    void update(uint32_t t);
    std::pair<uint32_t, uint32_t> split(uint32_t t, Slot key);  // (< key, >= key)
    uint32_t merge(uint32_t a, uint32_t b);                     // every key of a before every key of b
    uint32_t insert_node(uint32_t t, Slot s);
    uint32_t erase_node(uint32_t t, Slot s);
    void stab(uint32_t t, size_t x, std::vector<Slot>& out) const;
    void starting_in(uint32_t t, size_t a, size_t b, std::vector<Slot>& out) const;
    void order_inserted(Slot s);
    void order_erased(Slot s);
    uint32_t next_priority();
    Status check_new(const Entity& e) const;
    void build(const std::vector<Slot>& order);  // a tree of these slots, in this order, from their priorities
    static constexpr size_t kRebuildMin = 64;
    static constexpr size_t kRebuildShare = 16;  // k >= n / 16: a rebuild costs less than k edits
    uint64_t node_updates_ = 0;

    ChunkedVector<Entity> slots_;
    ChunkedVector<Node> nodes_;  // parallel to slots_
    std::vector<Slot> free_;
    uint32_t root_ = kNil;
    size_t size_ = 0;
    uint32_t seed_ = 0x9e3779b9u;  // priorities: a fixed sequence, so that runs are reproducible
    IdTable<Slot> by_id_;
    std::map<std::string, size_t, std::less<>> label_counts_;  // no entry at 0
    size_t made_or_locked_ = 0;                                // count_made_or_locked()
    size_t next_number_ = 1;
    void count(const Entity& e, bool add);  // label_counts_ and made_or_locked_

    // ordered()'s vector. The first few edits after it was read patch it in place (a vector insert
    // or erase each: a single edit, or a replace, stays cheap to show); more edits before it is read
    // again leave it stale, to be read again from the tree once, when next asked for.
    static constexpr uint32_t kOrderPatches = 4;
    mutable std::vector<Slot> order_;
    mutable bool order_stale_ = false;
    mutable uint32_t order_patches_ = kOrderPatches;  // edits patched since it was last read
};

}  // namespace aa
