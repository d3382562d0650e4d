// Relations (relation.hpp): relation types and their checks, the relation store in natural id
// order, and the check of a relation's endpoints against its type.
#include "core/relation.hpp"

#include <algorithm>

namespace aa {

namespace {
bool allows(const std::vector<std::string>& allowed, std::string_view label) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), label) != allowed.end();
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}
}  // namespace

Status check_endpoints(const RelationType& t, std::string_view from_label, std::string_view to_label) {
    if (allows(t.sources, from_label) && allows(t.targets, to_label)) return {};
    if (t.symmetric && allows(t.sources, to_label) && allows(t.targets, from_label)) return {};
    if (!allows(t.sources, from_label))
        return make_error(t.name + " cannot start at " + std::string(from_label) + " (allowed: " + joined(t.sources) +
                          ")");
    return make_error(t.name + " cannot end at " + std::string(to_label) + " (allowed: " + joined(t.targets) + ")");
}

// ---- the store ----

bool NaturalIdLess::operator()(std::string_view a, std::string_view b) const {
    // Split each id into a prefix and a trailing number: "r10" = ("r", 10). Compare prefixes,
    // then numbers by value (fewer digits is smaller once leading zeros are gone), then bytes.
    auto split = [](std::string_view s) {
        size_t d = s.size();
        while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9') --d;
        std::string_view num = s.substr(d);
        while (num.size() > 1 && num[0] == '0') num.remove_prefix(1);
        return std::pair{s.substr(0, d), num};
    };
    auto [pa, na] = split(a);
    auto [pb, nb] = split(b);
    if (pa != pb) return pa < pb;
    if (na.size() != nb.size()) return na.size() < nb.size();
    if (na != nb) return na < nb;
    return a < b;
}

const Relation* RelationStore::find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
}

Status RelationStore::insert(Relation r) {
    if (r.id.empty()) return make_error("a relation id cannot be empty");
    if (r.type.empty()) return make_error("relation \"" + r.id + "\" has no type");
    if (r.from == r.to) return make_error("relation \"" + r.id + "\" links entity \"" + r.from + "\" to itself");
    if (by_id_.count(r.id)) return make_error("duplicate relation id \"" + r.id + "\"");
    std::string id = r.id;
    by_id_.emplace(std::move(id), std::move(r));
    return {};
}

bool RelationStore::erase(std::string_view id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    by_id_.erase(it);
    return true;
}

Status RelationStore::replace(const Relation& r) {
    auto it = by_id_.find(r.id);
    if (it == by_id_.end()) return make_error("no relation with id \"" + r.id + "\"");
    if (r.type.empty()) return make_error("relation \"" + r.id + "\" has no type");
    if (r.from == r.to) return make_error("relation \"" + r.id + "\" links entity \"" + r.from + "\" to itself");
    it->second = r;
    return {};
}

std::vector<const Relation*> RelationStore::touching(std::string_view entity_id) const {
    std::vector<const Relation*> out;
    for (const auto& [id, r] : by_id_)
        if (r.from == entity_id || r.to == entity_id) out.push_back(&r);
    return out;
}

size_t RelationStore::count_type(std::string_view type) const {
    size_t n = 0;
    for (const auto& [id, r] : by_id_) n += r.type == type;
    return n;
}

std::string RelationStore::next_id() const {
    size_t n = by_id_.size() + 1;
    std::string id = "r" + std::to_string(n);
    while (by_id_.count(id)) id = "r" + std::to_string(++n);
    return id;
}

}  // namespace aa
