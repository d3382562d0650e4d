// NamedList<T>: things with a name and an optional one-character hotkey (labels, relation types,
// document label types) in display order, names and hotkeys unique, found by either in O(log n)
// (a file may declare tens of thousands). T has `name`, `key` and a static `kind` ("label") for
// the messages; the checks are check_label_name / check_label_key, shared by every reader and editor.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace aa {

Status check_label_name(std::string_view name);
Status check_label_key(std::string_view key);

template <class T>
class NamedList {
public:
    const std::vector<T>& all() const { return items_; }
    size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const T& operator[](size_t i) const { return items_[i]; }

    const T* find(std::string_view name) const {
        auto it = by_name_.find(name);
        return it == by_name_.end() ? nullptr : &items_[it->second];
    }
    std::optional<size_t> index_of(std::string_view name) const {
        auto it = by_name_.find(name);
        if (it == by_name_.end()) return std::nullopt;
        return it->second;
    }
    const T* by_key(std::string_view key) const {
        if (key.empty()) return nullptr;
        auto it = by_key_.find(key);
        return it == by_key_.end() ? nullptr : &items_[it->second];
    }
    // The first of 1-9 not used as a hotkey yet, or "".
    std::string next_key() const {
        for (char c = '1'; c <= '9'; ++c)
            if (!by_key(std::string_view(&c, 1))) return std::string(1, c);
        return {};
    }

    // Low-level edits used by the history and by readers; they check the name and the key.
    // `index` up to size() (past it: appended).
    Status insert(size_t index, T item) {
        if (Status s = check(item, std::nullopt); !s) return s;
        if (index >= items_.size()) {  // appending (what readers do) keeps the indexes without a rebuild
            index = items_.size();
            by_name_.emplace(item.name, index);
            if (!item.key.empty()) by_key_.emplace(item.key, index);
            items_.push_back(std::move(item));
            return {};
        }
        items_.insert(items_.begin() + static_cast<std::ptrdiff_t>(index), std::move(item));
        reindex();
        return {};
    }
    Status replace(size_t index, T item) {
        AA_ASSERT(index < items_.size(), "NamedList::replace index out of range");
        if (Status s = check(item, index); !s) return s;
        items_[index] = std::move(item);
        reindex();
        return {};
    }
    void erase(size_t index) {
        AA_ASSERT(index < items_.size(), "NamedList::erase index out of range");
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(index));
        reindex();
    }
    void clear() {
        items_.clear();
        reindex();
    }

private:
    // `except`: the index being replaced (its own name and key are not a clash).
    Status check(const T& item, std::optional<size_t> except) const {
        if (auto s = check_label_name(item.name); !s) return s;
        if (auto s = check_label_key(item.key); !s) return s;
        if (auto i = index_of(item.name); i && i != except)
            return make_error(std::string(T::kind) + " \"" + item.name + "\" already exists");
        if (auto it = item.key.empty() ? by_key_.end() : by_key_.find(item.key);
            it != by_key_.end() && it->second != except)
            return make_error("hotkey " + item.key + " is already used by " + items_[it->second].name);
        return {};
    }
    void reindex() {
        by_name_.clear();
        by_key_.clear();
        for (size_t i = 0; i < items_.size(); ++i) {
            by_name_.emplace(items_[i].name, i);
            if (!items_[i].key.empty()) by_key_.emplace(items_[i].key, i);
        }
    }

    std::vector<T> items_;
    std::map<std::string, size_t, std::less<>> by_name_, by_key_;
};

}  // namespace aa
