// The Editor's edits of relations, relation types and document labels (editor.hpp), each one
// undoable command made of the ops apply_op defines.
//
// [SECTION] relations  [SECTION] relation types  [SECTION] document labels
#include <algorithm>

#include "core/editor.hpp"
#include "core/op_family.hpp"

namespace aa {

// ---- [SECTION] relations ----

void Editor::erase_relations_of(std::string_view entity_id, std::vector<Op>& ops) const {
    for (const Relation* r : doc_.relations().touching(entity_id)) {
        // Deleting several entities in one command: a relation between two of them goes once.
        const bool queued = std::any_of(ops.begin(), ops.end(), [&](const Op& o) {
            return o.kind == Op::Kind::EraseRelation && o.relation_before.id == r->id;
        });
        if (queued) continue;
        ops.push_back(detail::kRelationOps.erase_op(*r));
    }
}

Status Editor::check_relation(const Relation& r, const Relation* except) const {
    const RelationType* type = doc_.relation_types().find(r.type);
    if (!type) return make_error("unknown relation type \"" + r.type + "\"");
    const Entity* from = doc_.entities().find(r.from);
    if (!from) return make_error("no entity with id \"" + r.from + "\"");
    const Entity* to = doc_.entities().find(r.to);
    if (!to) return make_error("no entity with id \"" + r.to + "\"");
    if (r.from == r.to) return make_error("a relation needs two different entities");
    if (Status s = check_endpoints(*type, from->label, to->label); !s) return s;
    for (const auto& [id, other] : doc_.relations().all()) {
        if (except && except->id == id) continue;
        if (other.type != r.type) continue;
        const bool same = other.from == r.from && other.to == r.to;
        const bool mirrored = type->symmetric && other.from == r.to && other.to == r.from;
        if (same || mirrored)
            return make_error(quoted_excerpt(doc_.text_of(*from)) + " and " + quoted_excerpt(doc_.text_of(*to)) +
                              " are already linked by " + r.type + " (" + id + ")");
    }
    return {};
}

Result<std::string> Editor::add_relation(std::string_view from, std::string_view to, std::string_view type,
                                         std::string note) {
    Op op;
    op.kind = Op::Kind::InsertRelation;
    op.relation_after =
        Relation{doc_.relations().next_id(), std::string(type), std::string(from), std::string(to), std::move(note)};
    stamp(op.relation_after.annotator, op.relation_after.created);
    if (Status s = check_relation(op.relation_after, nullptr); !s) return s.error();
    std::string id = op.relation_after.id;
    const Entity& f = *doc_.entities().find(from);
    const Entity& t = *doc_.entities().find(to);
    std::string name =
        "Add " + std::string(type) + " " + quoted_excerpt(doc_.text_of(f)) + " -> " + quoted_excerpt(doc_.text_of(t));
    if (Status s = run(Command{std::move(name), {std::move(op)}}); !s) return s.error();
    return id;
}

Status Editor::remove_relation(std::string_view id) {
    const Relation* r = doc_.relations().find(id);
    if (!r) return make_error("no relation with id \"" + std::string(id) + "\"");
    return run(Command{"Delete relation " + r->type, {detail::kRelationOps.erase_op(*r)}});
}

Status Editor::update_relation(const Relation& updated, std::string name) {
    const Relation* r = doc_.relations().find(updated.id);
    if (!r) return make_error("no relation with id \"" + updated.id + "\"");
    if (*r == updated) return {};
    if (Status s = check_relation(updated, r); !s) return s;
    if (name.empty()) name = "Edit relation " + r->type;
    return run(Command{std::move(name), {detail::kRelationOps.replace_op(*r, updated)}});
}

Status Editor::set_relation_type(std::string_view id, std::string_view type) {
    const Relation* r = doc_.relations().find(id);
    if (!r) return make_error("no relation with id \"" + std::string(id) + "\"");
    Relation u = *r;
    u.type = std::string(type);
    return update_relation(u, "Retype relation " + r->type + " as " + std::string(type));
}

Status Editor::reverse_relation(std::string_view id) {
    const Relation* r = doc_.relations().find(id);
    if (!r) return make_error("no relation with id \"" + std::string(id) + "\"");
    Relation u = *r;
    std::swap(u.from, u.to);
    return update_relation(u, "Reverse relation " + r->type);
}

Status Editor::set_relation_note(std::string_view id, std::string note) {
    const Relation* r = doc_.relations().find(id);
    if (!r) return make_error("no relation with id \"" + std::string(id) + "\"");
    Relation u = *r;
    u.note = std::move(note);
    return update_relation(u, "Note on relation " + r->type);
}

// ---- [SECTION] relation types ----

Status Editor::check_relation_type(const RelationType& type) const {
    for (const auto* list : {&type.sources, &type.targets})
        for (const std::string& l : *list)
            if (Status s = check_label_exists(l); !s) return s;
    return {};
}

Status Editor::add_relation_type(RelationType type) {
    if (Status s = check_relation_type(type); !s) return s;
    std::string name = detail::kRelationTypeOps.add_name(type);
    return run(
        Command{std::move(name), {detail::kRelationTypeOps.insert_op(std::move(type), doc_.relation_types().size())}});
}

Status Editor::update_relation_type(std::string_view name, RelationType updated) {
    auto idx = doc_.relation_types().index_of(name);
    if (!idx) return detail::kRelationTypeOps.unknown(name);
    const RelationType& old = doc_.relation_types()[*idx];
    if (old == updated) return {};
    if (Status s = check_relation_type(updated); !s) return s;
    Command cmd{detail::kRelationTypeOps.edit_name(old, updated),
                {detail::kRelationTypeOps.replace_op(old, updated, *idx)}};
    if (updated.name != old.name) {
        for (const auto& [id, r] : doc_.relations().all()) {
            if (r.type != old.name) continue;
            Relation retyped = r;
            retyped.type = updated.name;
            cmd.ops.push_back(detail::kRelationOps.replace_op(r, std::move(retyped)));
        }
    }
    return run(std::move(cmd));
}

Status Editor::remove_relation_type(std::string_view name, bool delete_relations) {
    auto idx = doc_.relation_types().index_of(name);
    if (!idx) return detail::kRelationTypeOps.unknown(name);
    const size_t used = doc_.relations().count_type(name);
    if (used > 0 && !delete_relations)
        return make_error("relation type " + std::string(name) + " is used by " + std::to_string(used) +
                          (used == 1 ? " relation" : " relations") + ": delete them first");
    Command cmd{detail::kRelationTypeOps.delete_name(name), {}};
    for (const auto& [id, r] : doc_.relations().all())
        if (r.type == name) cmd.ops.push_back(detail::kRelationOps.erase_op(r));
    // label_index: where undo puts it back.
    cmd.ops.push_back(detail::kRelationTypeOps.erase_op(doc_.relation_types()[*idx], *idx));
    return run(std::move(cmd));
}

// ---- [SECTION] document labels ----

Status Editor::add_doc_label_type(Label label) {
    std::string name = detail::kDocLabelTypeOps.add_name(label);
    return run(Command{std::move(name),
                       {detail::kDocLabelTypeOps.insert_op(std::move(label), doc_.doc_label_types().size())}});
}

// The op that makes the chosen document labels `d`, appended to `ops` when it changes them.
void Editor::set_doc_labels_op(DocLabels d, std::vector<Op>& ops) const {
    if (d == doc_.doc_labels()) return;
    Op so;
    so.kind = Op::Kind::SetDocLabels;
    so.doc_before = doc_.doc_labels();
    so.doc_after = std::move(d);
    ops.push_back(std::move(so));
}

Status Editor::update_doc_label_type(std::string_view name, Label updated) {
    auto idx = doc_.doc_label_types().index_of(name);
    if (!idx) return detail::kDocLabelTypeOps.unknown(name);
    const Label& old = doc_.doc_label_types()[*idx];
    if (old == updated) return {};
    Command cmd{detail::kDocLabelTypeOps.edit_name(old, updated),
                {detail::kDocLabelTypeOps.replace_op(old, updated, *idx)}};
    DocLabels d = doc_.doc_labels();
    for (std::string& c : d.chosen)
        if (c == old.name) c = updated.name;
    set_doc_labels_op(std::move(d), cmd.ops);
    return run(std::move(cmd));
}

Status Editor::remove_doc_label_type(std::string_view name) {
    auto idx = doc_.doc_label_types().index_of(name);
    if (!idx) return detail::kDocLabelTypeOps.unknown(name);
    Command cmd{detail::kDocLabelTypeOps.delete_name(name), {}};
    DocLabels d = doc_.doc_labels();
    d.chosen.erase(std::remove(d.chosen.begin(), d.chosen.end(), name), d.chosen.end());
    set_doc_labels_op(std::move(d), cmd.ops);
    // label_index: where undo puts it back.
    cmd.ops.push_back(detail::kDocLabelTypeOps.erase_op(doc_.doc_label_types()[*idx], *idx));
    return run(std::move(cmd));
}

Status Editor::set_doc_labels(DocLabels labels) {
    for (const std::string& c : labels.chosen)
        if (!doc_.doc_label_types().find(c)) return detail::kDocLabelTypeOps.unknown(c);
    std::string name = "Document labels";
    for (size_t i = 0; i < labels.chosen.size(); ++i) name += (i ? ", " : ": ") + labels.chosen[i];
    Command cmd{std::move(name), {}};
    set_doc_labels_op(std::move(labels), cmd.ops);
    if (cmd.ops.empty()) return {};
    return run(std::move(cmd));
}

Status Editor::toggle_doc_label(std::string_view name) {
    if (!doc_.doc_label_types().find(name)) return detail::kDocLabelTypeOps.unknown(name);
    DocLabels d = doc_.doc_labels();
    auto it = std::find(d.chosen.begin(), d.chosen.end(), name);
    if (it != d.chosen.end())
        d.chosen.erase(it);
    else if (d.multi)
        d.chosen.emplace_back(name);
    else
        d.chosen = {std::string(name)};
    return set_doc_labels(std::move(d));
}

Status Editor::set_doc_labels_multi(bool multi) {
    DocLabels d = doc_.doc_labels();
    d.multi = multi;
    if (!multi && d.chosen.size() > 1) d.chosen.resize(1);
    return set_doc_labels(std::move(d));
}

}  // namespace aa
