// The ops of one kind of element (entities, labels, relations, relation types, document label
// types) built one way: which kinds insert, erase and replace it, and which Op fields hold it.
// The Editor's commands (editor.cpp, editor_relations.cpp) and inverse() build ops through these,
// so that the three typed lists (labels, relation types, document labels) share one op path.
#pragma once
#include <string>
#include <utility>

#include "core/editor.hpp"

namespace aa::detail {

template <class T>
struct OpFamily {
    const char* what;  // in messages and command names: "label", "relation type", ...
    Op::Kind insert, erase, replace;
    T Op::*before;
    T Op::*after;

    // `index`: where a typed list's element goes (insert) or was (erase, replace).
    Op insert_op(T value, size_t index = 0) const {
        Op op;
        op.kind = insert;
        op.label_index = index;
        op.*after = std::move(value);
        return op;
    }
    Op erase_op(T value, size_t index = 0) const {
        Op op;
        op.kind = erase;
        op.label_index = index;
        op.*before = std::move(value);
        return op;
    }
    Op replace_op(T old, T updated, size_t index = 0) const {
        Op op;
        op.kind = replace;
        op.label_index = index;
        op.*before = std::move(old);
        op.*after = std::move(updated);
        return op;
    }
    // Turns `op` (a copy of an op of this family) into its inverse; false if it is of another family.
    bool invert(Op& op) const {
        if (op.kind == replace) {
            std::swap(op.*before, op.*after);
        } else if (op.kind == insert) {  // what it inserted is what the inverse erases
            op.kind = erase;
            op.*before = std::exchange(op.*after, T{});
        } else if (op.kind == erase) {
            op.kind = insert;
            op.*after = std::exchange(op.*before, T{});
        } else {
            return false;
        }
        return true;
    }
    // A typed list's command names: "Add label X", "Rename label X to Y" / "Edit label X", ...
    std::string add_name(const T& value) const { return std::string("Add ") + what + " " + value.name; }
    std::string edit_name(const T& old, const T& updated) const {
        if (updated.name != old.name) return std::string("Rename ") + what + " " + old.name + " to " + updated.name;
        return std::string("Edit ") + what + " " + old.name;
    }
    std::string delete_name(std::string_view name) const {
        return std::string("Delete ") + what + " " + std::string(name);
    }
    Error unknown(std::string_view name) const {
        return make_error(std::string("unknown ") + what + " \"" + std::string(name) + "\"");
    }
};

inline constexpr OpFamily<Entity> kEntityOps{
    "entity",           Op::Kind::InsertEntity, Op::Kind::EraseEntity, Op::Kind::ReplaceEntity,
    &Op::entity_before, &Op::entity_after};
inline constexpr OpFamily<Label> kLabelOps{
    "label", Op::Kind::InsertLabel, Op::Kind::EraseLabel, Op::Kind::ReplaceLabel, &Op::label_before, &Op::label_after};
inline constexpr OpFamily<Relation> kRelationOps{
    "relation",           Op::Kind::InsertRelation, Op::Kind::EraseRelation, Op::Kind::ReplaceRelation,
    &Op::relation_before, &Op::relation_after};
inline constexpr OpFamily<RelationType> kRelationTypeOps{"relation type",
                                                         Op::Kind::InsertRelationType,
                                                         Op::Kind::EraseRelationType,
                                                         Op::Kind::ReplaceRelationType,
                                                         &Op::type_before,
                                                         &Op::type_after};
inline constexpr OpFamily<Label> kDocLabelTypeOps{"document label",
                                                  Op::Kind::InsertDocLabelType,
                                                  Op::Kind::EraseDocLabelType,
                                                  Op::Kind::ReplaceDocLabelType,
                                                  &Op::label_before,
                                                  &Op::label_after};

}  // namespace aa::detail
