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
#include <unordered_map>
#include <utility>
#include <vector>

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

// Slot handle into an EntityStore; stable until the entity is erased.
using Slot = uint32_t;

// Owns the entities of one document. Keeps them in document order (start ascending, longer
// first, then label, then id) and answers point and range queries in O(log n + k) through an
// interval index (a centred interval tree rebuilt lazily, plus a small buffer of recent
// insertions so that adding one entity does not rebuild the tree).
class EntityStore {
public:
    EntityStore() = default;
    EntityStore(const EntityStore&);
    EntityStore& operator=(const EntityStore&);
    EntityStore(EntityStore&&) noexcept = default;
    EntityStore& operator=(EntityStore&&) noexcept = default;

    size_t size() const { return order_.size(); }
    bool empty() const { return order_.empty(); }

    // Errors: empty id, duplicate id, empty span (start >= end), duplicate (start, end, label).
    // The store does not know the text; callers check `end` against it (Document does).
    Result<Slot> insert(Entity e);
    bool erase(std::string_view id);
    // Replaces the entity with the same id; same errors as insert (the old value stays on error).
    Status replace(const Entity& e);
    void clear();
    // Room for `n` entities in all, when a reader knows how many come: the vectors and the id table
    // then never grow by doubling (100,000 entities: tens of MB off the page's peak memory).
    void reserve(size_t n);

    const Entity* find(std::string_view id) const;
    std::optional<Slot> slot_of(std::string_view id) const;
    const Entity& get(Slot s) const { return slots_[s]; }
    bool contains_span(size_t start, size_t end, std::string_view label) const;

    // All entities in document order (slots).
    const std::vector<Slot>& ordered() const { return order_; }
    // Index of an entity in ordered(), O(log n).
    size_t rank_of(Slot s) const;

    // Entities with start <= offset < end, in document order.
    void at(size_t offset, std::vector<Slot>& out) const;
    // Entities intersecting [a, b): start < b && end > a, in document order.
    void intersecting(size_t a, size_t b, std::vector<Slot>& out) const;

    // A fresh id "eN" not used yet (N above every numeric id seen).
    std::string next_id() const;

    // Number of entities with this label: O(log labels), kept up to date by every insert, erase and
    // replace (so by every op of the Editor's history and every reader), never a recount.
    size_t count_label(std::string_view label) const;
    // The entities per label name, for the labels with at least one entity (name order).
    const std::map<std::string, size_t, std::less<>>& label_counts() const { return label_counts_; }

private:
    struct Key {
        size_t start, end;
        Slot slot;
    };
    bool less(const Key& a, const Key& b) const;
    size_t lower_index(size_t start) const;  // first position in order_ with start >= `start`
    void invalidate();
    void ensure_index() const;

    std::vector<Entity> slots_;
    std::vector<Slot> free_;
    std::vector<Slot> order_;  // document order
    std::unordered_map<std::string, Slot> by_id_;
    std::map<std::string, size_t, std::less<>> label_counts_;  // no entry at 0
    size_t next_number_ = 1;
    void count(const std::string& label, bool add);

    // Interval index for stabbing queries, derived from order_.
    struct Node {
        size_t center;
        int32_t left = -1, right = -1;
        uint32_t begin = 0, count = 0;  // range in by_start_/by_end_
    };
    mutable bool index_dirty_ = true;
    mutable std::vector<Node> nodes_;
    mutable std::vector<Key> by_start_;     // per node: ascending start
    mutable std::vector<Key> by_end_;       // per node: descending end
    mutable std::vector<Slot> pending_;     // inserted since the last build
    mutable std::vector<uint8_t> indexed_;  // per slot: 1 if in the tree
    mutable size_t tombstones_ = 0;
    void stab(size_t offset, std::vector<Slot>& out) const;
    int32_t build(std::vector<Key>& keys, size_t lo, size_t hi, std::vector<Key>& scratch) const;
};

}  // namespace aa
