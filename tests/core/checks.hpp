// Small helpers of the core suites: an error's message (empty when it succeeded), and an
// entity from its id, span and label.
#pragma once
#include <string>
#include <utility>

#include "core/entity.hpp"
#include "core/result.hpp"

namespace aa::test {

inline std::string message_of(const Status& s) { return s.ok() ? std::string() : s.error().message; }
template <class T>
std::string message_of(const Result<T>& r) {
    return r.ok() ? std::string() : r.error().message;
}

inline Entity ent(std::string id, size_t start, size_t end, std::string label) {
    Entity e;
    e.id = std::move(id);
    e.start = start;
    e.end = end;
    e.label = std::move(label);
    return e;
}

}  // namespace aa::test
