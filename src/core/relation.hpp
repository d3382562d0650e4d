// Relations and document labels: typed, directed links between two entities of a document (with
// their types: name, colour, hotkey, allowed source and target labels, symmetric or not), the
// store that keeps them in id order, and the document's own labels (topic, genre, ...).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/label.hpp"
#include "core/result.hpp"

namespace aa {

struct Relation {
    std::string id;    // stable: "r1", "r2", ... unique within a document
    std::string type;  // a RelationType's name
    std::string from;  // source entity id
    std::string to;    // target entity id
    std::string note;
    std::string annotator = {};  // who made it and when (optional), as for an Entity
    std::string created = {};
    friend bool operator==(const Relation&, const Relation&) = default;
};

struct RelationType {
    static constexpr const char* kind = "relation type";  // in NamedList's messages
    std::string name;                                     // same rules as a label name (check_label_name)
    Color color;
    std::string key;  // hotkey while choosing a relation type: "" or one character
    std::string description;
    std::vector<std::string> sources;  // labels allowed at the source; empty: any
    std::vector<std::string> targets;  // labels allowed at the target; empty: any
    bool symmetric = false;            // met_with: from and to are interchangeable
    friend bool operator==(const RelationType&, const RelationType&) = default;
};

// Whether `type` allows a relation from an entity labelled `from_label` to one labelled
// `to_label` (a symmetric type also allows the reverse); the error names what is not allowed.
Status check_endpoints(const RelationType& type, std::string_view from_label, std::string_view to_label);

// Relation types in display order, unique names and keys (as labels: core/named_list.hpp).
using RelationTypes = NamedList<RelationType>;

// Orders relation ids naturally: "r2" before "r10", then by bytes.
struct NaturalIdLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
};

// The relations of one document, in natural id order (so that a file written twice is the same).
class RelationStore {
public:
    using Map = std::map<std::string, Relation, NaturalIdLess>;
    size_t size() const { return by_id_.size(); }
    bool empty() const { return by_id_.empty(); }
    const Relation* find(std::string_view id) const;
    // Errors: empty id, duplicate id, empty type, from == to. The store does not know entities.
    Status insert(Relation r);
    bool erase(std::string_view id);
    Status replace(const Relation& r);  // same id
    void clear() { by_id_.clear(); }
    const Map& all() const { return by_id_; }
    // Relations whose source or target is `entity_id`, in id order.
    std::vector<const Relation*> touching(std::string_view entity_id) const;
    size_t count_type(std::string_view type) const;
    // A fresh id "rN" not used yet.
    std::string next_id() const;

private:
    Map by_id_;
};

// The document's own labels: which document label types are chosen, and whether more than one
// may be (multi-choice) or at most one (single-choice).
struct DocLabels {
    bool multi = false;
    std::vector<std::string> chosen;  // names of document label types, in the order chosen
    friend bool operator==(const DocLabels&, const DocLabels&) = default;
};

}  // namespace aa
