// Three-way merge of entity lists (merge.hpp). Entities are matched by id; fields compared with
// the common revision; a fresh id ("eN" above every numeric id of the three lists) for an entity
// both sides created under one id.
#include "core/merge.hpp"

#include <map>
#include <tuple>
#include <unordered_map>

#include "core/printable.hpp"

namespace aa {

namespace {

std::string q(const std::string& s) { return "\"" + printable(s) + "\""; }
std::string span(const Entity& e) { return "[" + std::to_string(e.start) + ", " + std::to_string(e.end) + ")"; }
std::string attrs(const Attributes& a) {
    std::string out = "{";
    for (const auto& [k, v] : a) out += (out.size() > 1 ? ", " : "") + q(k) + ": " + q(v);
    return out + "}";
}

using Index = std::unordered_map<std::string, const Entity*>;
Index index(const std::vector<Entity>& list) {
    Index m;
    for (const Entity& e : list) m.emplace(e.id, &e);
    return m;
}

size_t number_of(const std::string& id) {
    if (id.size() < 2 || id[0] != 'e') return 0;
    size_t n = 0;
    for (size_t i = 1; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9' || n > 100000000) return 0;
        n = n * 10 + static_cast<size_t>(id[i] - '0');
    }
    return n;
}

// One field three ways: `same(a, b)` compares, `show` describes a value for the message.
template <class Get, class Set, class Show>
void field(const char* name, const Entity& b, const Entity& o, const Entity& t, Entity& out, Get get, Set set,
           Show show, std::vector<MergeConflict>& conflicts) {
    const auto& vb = get(b);
    const auto& vo = get(o);
    const auto& vt = get(t);
    if (vo == vb)
        set(out, t);
    else if (vt == vb || vo == vt)
        set(out, o);
    else {
        set(out, o);
        conflicts.push_back({o.id, name,
                             o.id + ": " + name + " changed on both sides (base " + show(b) + ", ours " + show(o) +
                                 ", theirs " + show(t) + ")"});
    }
}

Entity merge_one(const Entity& b, const Entity& o, const Entity& t, std::vector<MergeConflict>& conflicts) {
    Entity out = o;
    field(
        "span", b, o, t, out, [](const Entity& e) { return std::make_pair(e.start, e.end); },
        [](Entity& x, const Entity& from) { x.start = from.start, x.end = from.end; }, span, conflicts);
    field(
        "label", b, o, t, out, [](const Entity& e) -> const std::string& { return e.label; },
        [](Entity& x, const Entity& from) { x.label = from.label; }, [](const Entity& e) { return q(e.label); },
        conflicts);
    field(
        "note", b, o, t, out, [](const Entity& e) -> const std::string& { return e.note; },
        [](Entity& x, const Entity& from) { x.note = from.note; }, [](const Entity& e) { return q(e.note); },
        conflicts);
    field(
        "kb_id", b, o, t, out, [](const Entity& e) -> const std::string& { return e.kb_id; },
        [](Entity& x, const Entity& from) { x.kb_id = from.kb_id; }, [](const Entity& e) { return q(e.kb_id); },
        conflicts);
    field(
        "attributes", b, o, t, out, [](const Entity& e) -> const Attributes& { return e.attributes; },
        [](Entity& x, const Entity& from) { x.attributes = from.attributes; },
        [](const Entity& e) { return attrs(e.attributes); }, conflicts);
    return out;
}

bool same_but_id(Entity a, const Entity& b) {
    a.id = b.id;
    return a == b;
}

}  // namespace

EntityMerge merge_entities(const std::vector<Entity>& base, const std::vector<Entity>& ours,
                           const std::vector<Entity>& theirs) {
    const Index B = index(base), O = index(ours), T = index(theirs);
    size_t next = 0;
    for (const auto* list : {&base, &ours, &theirs})
        for (const Entity& e : *list) next = std::max(next, number_of(e.id));
    EntityMerge m;
    std::vector<Entity> added_by_them;  // renamed: both sides created this id for different spans
    auto find = [](const Index& i, const std::string& id) -> const Entity* {
        auto it = i.find(id);
        return it == i.end() ? nullptr : it->second;
    };
    for (const Entity& o : ours) {
        const Entity* b = find(B, o.id);
        const Entity* t = find(T, o.id);
        if (t && b) {
            m.entities.push_back(merge_one(*b, o, *t, m.conflicts));
        } else if (t) {  // both created it: one entity if the same, else two
            if (o == *t) {
                m.entities.push_back(o);
            } else if (o.start == t->start && o.end == t->end && o.label == t->label) {
                m.entities.push_back(merge_one(Entity{o.id, o.start, o.end, o.label, {}, {}, {}}, o, *t, m.conflicts));
            } else {
                m.entities.push_back(o);
                Entity renamed = *t;
                renamed.id = "e" + std::to_string(++next);
                added_by_them.push_back(std::move(renamed));
            }
        } else if (b) {  // they deleted it
            if (o == *b) continue;
            m.entities.push_back(o);
            m.conflicts.push_back(
                {o.id, "entity", o.id + ": deleted on one side (theirs) and changed on the other (ours)"});
        } else {
            m.entities.push_back(o);  // we created it
        }
    }
    for (const Entity& t : theirs) {
        if (find(O, t.id)) continue;
        const Entity* b = find(B, t.id);
        if (!b) {
            m.entities.push_back(t);  // they created it
        } else if (!(t == *b)) {
            m.entities.push_back(t);
            m.conflicts.push_back(
                {t.id, "entity", t.id + ": deleted on one side (ours) and changed on the other (theirs)"});
        }  // else we deleted it
    }
    for (Entity& e : added_by_them) m.entities.push_back(std::move(e));

    // Two entities on one span with one label: the same annotation made on both devices is
    // kept once; anything else is a conflict (the model refuses such a pair).
    std::map<std::tuple<size_t, size_t, std::string>, size_t> at;
    std::vector<Entity> kept;
    for (Entity& e : m.entities) {
        auto [it, fresh] = at.emplace(std::make_tuple(e.start, e.end, e.label), kept.size());
        if (fresh) {
            kept.push_back(std::move(e));
            continue;
        }
        const Entity& first = kept[it->second];
        if (same_but_id(e, first)) continue;
        m.conflicts.push_back({e.id, "duplicate",
                               e.id + ": same span " + span(e) + " and label " + q(e.label) + " as " + first.id +
                                   " with different details"});
    }
    m.entities = std::move(kept);
    return m;
}

std::string merge_field(const std::string& name, const std::string& base, const std::string& ours,
                        const std::string& theirs, std::vector<MergeConflict>& conflicts) {
    if (ours == base) return theirs;
    if (theirs == base || ours == theirs) return ours;
    conflicts.push_back(
        {"", name,
         name + " changed on both sides (base " + q(base) + ", ours " + q(ours) + ", theirs " + q(theirs) + ")"});
    return ours;
}

}  // namespace aa
