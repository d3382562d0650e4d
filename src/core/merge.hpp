// Three-way merge of one person's annotations edited on two devices (CouchDB keeps both
// revisions as a conflict): entity by entity, and within an entity field by field, from their
// common revision. A side that left a field as it was takes the other side's change; two
// different changes of the same field are a conflict, reported, never decided silently.
#pragma once
#include <string>
#include <vector>

#include "core/entity.hpp"

namespace aa {

struct MergeConflict {
    std::string entity;   // entity id ("" for a document field)
    std::string field;    // span | label | note | kb_id | attributes | entity | duplicate | a document field
    std::string message;  // "e3: label changed on both sides (base "PER", ours "ORG", theirs "LOC")"
};

struct EntityMerge {
    // Document order of `ours`, then entities only `theirs` has. Where a conflict is reported the
    // entity holds our value (theirs stays in its revision until the conflict is resolved).
    std::vector<Entity> entities;
    std::vector<MergeConflict> conflicts;
    bool clean() const { return conflicts.empty(); }
};

// `base` is the common revision; an entity is matched by its id. Entities both sides added with
// the same id but different spans are both kept (theirs under a fresh id); the same span and
// label added on both sides is one entity.
EntityMerge merge_entities(const std::vector<Entity>& base, const std::vector<Entity>& ours,
                           const std::vector<Entity>& theirs);

// One field of a document three ways: the merged value, or a conflict appended to `conflicts`
// (then our value). `field` names it in the message.
std::string merge_field(const std::string& field, const std::string& base, const std::string& ours,
                        const std::string& theirs, std::vector<MergeConflict>& conflicts);

}  // namespace aa
