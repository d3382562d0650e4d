// Growth without a long pause, for stores that grow in the middle of an interaction (a labelling of
// thousands of spans in slices): ChunkedVector, whose elements never move, and IdTable, a string ->
// value table that grows without rehashing every key in one insert.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aa {

// A vector in chunks of 2^kBits elements (256: a small document holds one small chunk). Growing past
// its room allocates one chunk instead of moving every element (at 100,000 entities a std::vector's
// growth moved them all in one frame: 62 ms of a labelling's frame), and an element's address stays
// valid until the container is cleared. Elements are default-constructed a chunk at a time; there is
// no erase (a store reuses its slots).
template <class T, unsigned kBits = 8>
class ChunkedVector {
public:
    static constexpr size_t kChunk = size_t{1} << kBits;

    ChunkedVector() = default;
    ChunkedVector(ChunkedVector&& o) noexcept : chunks_(std::move(o.chunks_)), size_(std::exchange(o.size_, 0)) {
        o.chunks_.clear();
    }
    ChunkedVector& operator=(ChunkedVector&& o) noexcept {
        if (this == &o) return *this;
        chunks_ = std::move(o.chunks_);
        size_ = std::exchange(o.size_, 0);
        o.chunks_.clear();
        return *this;
    }
    ChunkedVector(const ChunkedVector& o) { *this = o; }
    ChunkedVector& operator=(const ChunkedVector& o) {
        if (this == &o) return *this;
        clear();
        reserve(o.size_);
        for (size_t i = 0; i < o.size_; ++i) emplace_back() = o[i];
        return *this;
    }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // Elements held without allocating (the chunks allocated).
    size_t capacity() const { return chunks_.size() * kChunk; }
    T& operator[](size_t i) { return chunks_[i >> kBits][i & (kChunk - 1)]; }
    const T& operator[](size_t i) const { return chunks_[i >> kBits][i & (kChunk - 1)]; }

    // A new last element, default-constructed (or as left by clear's predecessor: reset by callers).
    T& emplace_back() {
        if (size_ == capacity()) chunks_.push_back(std::make_unique<T[]>(kChunk));
        return (*this)[size_++];
    }
    void push_back(T v) { emplace_back() = std::move(v); }
    // Room in the chunk table for `n` elements (a few pointers); the chunks come as they are needed.
    void reserve(size_t n) { chunks_.reserve((n + kChunk - 1) >> kBits); }
    void clear() {
        chunks_.clear();
        size_ = 0;
    }

private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    size_t size_ = 0;
};

// string -> V, like std::unordered_map, but a full table does not rehash every key in one insert:
// it becomes the old table, a new one with twice the room takes the new keys, and each insert moves
// kMovePerInsert keys across (their nodes, not copies) until the old one is empty, which happens
// before the new one is full. A lookup tries both. (At 100,000 entities a rehash took 9 ms of one
// labelling frame.)
template <class V>
class IdTable {
public:
    static constexpr size_t kMovePerInsert = 2;

    size_t size() const { return cur_.size() + old_.size(); }
    // Keys still in the old table, to be moved a few per insert.
    size_t moving() const { return old_.size(); }
    // Keys the last insert moved or rehashed: kMovePerInsert at most, while moving; 0 otherwise.
    size_t last_moved() const { return last_moved_; }

    const V* find(const std::string& key) const {
        if (auto it = cur_.find(key); it != cur_.end()) return &it->second;
        if (auto it = old_.find(key); it != old_.end()) return &it->second;
        return nullptr;
    }
    bool contains(const std::string& key) const { return find(key) != nullptr; }

    // Adds `key` (false, and nothing changed, when it is there already).
    bool insert(const std::string& key, V value) {
        if (contains(key)) return false;
        insert_absent(key, std::move(value));
        return true;
    }
    // insert() of a key known to be absent (checked before): one lookup less.
    void insert_absent(const std::string& key, V value) {
        last_moved_ = 0;
        if (old_.empty() && !cur_.empty() &&
            static_cast<float>(cur_.size() + 1) > cur_.max_load_factor() * static_cast<float>(cur_.bucket_count())) {
            old_ = std::move(cur_);
            cur_ = Map();
            cur_.reserve(2 * old_.size() + 2);
        }
        for (size_t i = 0; i < kMovePerInsert && !old_.empty(); ++i, ++last_moved_)
            cur_.insert(old_.extract(old_.begin()));
        if (last_moved_ > 0 && old_.empty()) old_ = Map();  // its buckets too
        cur_.emplace(key, std::move(value));
    }
    bool erase(const std::string& key) { return cur_.erase(key) > 0 || old_.erase(key) > 0; }
    // Room for `n` keys in all, at once (a reader that knows how many come): the old table's keys
    // move now.
    void reserve(size_t n) {
        while (!old_.empty()) cur_.insert(old_.extract(old_.begin()));
        old_ = Map();
        cur_.reserve(n);
    }

private:
    using Map = std::unordered_map<std::string, V>;
    Map cur_, old_;
    size_t last_moved_ = 0;
};

}  // namespace aa
