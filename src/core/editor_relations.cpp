// The Editor's edits of relations, relation types and document labels (editor.hpp), each one
// undoable command made of the ops apply_op defines.
//
// [SECTION] relations  [SECTION] relation types  [SECTION] document labels
#include <algorithm>

#include "core/editor.hpp"

namespace aa {

// ---- [SECTION] relations ----

void Editor::erase_relations_of(std::string_view entity_id, std::vector<Op>& ops) const {
    for (const Relation* r : doc_.relations().touching(entity_id)) {
        // Deleting several entities in one command: a relation between two of them goes once.
        const bool queued = std::any_of(ops.begin(), ops.end(), [&](const Op& o) {
            return o.kind == Op::Kind::EraseRelation && o.relation_before.id == r->id;
        });
        if (queued) continue;
        Op op;
        op.kind = Op::Kind::EraseRelation;
        op.relation_before = *r;
        ops.push_back(std::move(op));
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
    Op op;
    op.kind = Op::Kind::EraseRelation;
    op.relation_before = *r;
    return run(Command{"Delete relation " + r->type, {std::move(op)}});
}

Status Editor::update_relation(const Relation& updated, std::string name) {
    const Relation* r = doc_.relations().find(updated.id);
    if (!r) return make_error("no relation with id \"" + updated.id + "\"");
    if (*r == updated) return {};
    if (Status s = check_relation(updated, r); !s) return s;
    Op op;
    op.kind = Op::Kind::ReplaceRelation;
    op.relation_before = *r;
    op.relation_after = updated;
    if (name.empty()) name = "Edit relation " + r->type;
    return run(Command{std::move(name), {std::move(op)}});
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

Status Editor::add_relation_type(RelationType type) {
    for (const auto* list : {&type.sources, &type.targets})
        for (const std::string& l : *list)
            if (Status s = check_label_exists(l); !s) return s;
    Op op;
    op.kind = Op::Kind::InsertRelationType;
    op.label_index = doc_.relation_types().size();
    std::string name = "Add relation type " + type.name;
    op.type_after = std::move(type);
    return run(Command{std::move(name), {std::move(op)}});
}

Status Editor::update_relation_type(std::string_view name, RelationType updated) {
    auto idx = doc_.relation_types().index_of(name);
    if (!idx) return make_error("unknown relation type \"" + std::string(name) + "\"");
    const RelationType& old = doc_.relation_types()[*idx];
    if (old == updated) return {};
    for (const auto* list : {&updated.sources, &updated.targets})
        for (const std::string& l : *list)
            if (Status s = check_label_exists(l); !s) return s;
    Command cmd;
    cmd.name = updated.name != old.name ? "Rename relation type " + old.name + " to " + updated.name
                                        : "Edit relation type " + old.name;
    Op op;
    op.kind = Op::Kind::ReplaceRelationType;
    op.label_index = *idx;
    op.type_before = old;
    op.type_after = updated;
    cmd.ops.push_back(std::move(op));
    if (updated.name != old.name) {
        for (const auto& [id, r] : doc_.relations().all()) {
            if (r.type != old.name) continue;
            Op ro;
            ro.kind = Op::Kind::ReplaceRelation;
            ro.relation_before = r;
            ro.relation_after = r;
            ro.relation_after.type = updated.name;
            cmd.ops.push_back(std::move(ro));
        }
    }
    return run(std::move(cmd));
}

Status Editor::remove_relation_type(std::string_view name, bool delete_relations) {
    auto idx = doc_.relation_types().index_of(name);
    if (!idx) return make_error("unknown relation type \"" + std::string(name) + "\"");
    const size_t used = doc_.relations().count_type(name);
    if (used > 0 && !delete_relations)
        return make_error("relation type " + std::string(name) + " is used by " + std::to_string(used) +
                          (used == 1 ? " relation" : " relations") + ": delete them first");
    Command cmd;
    cmd.name = "Delete relation type " + std::string(name);
    for (const auto& [id, r] : doc_.relations().all()) {
        if (r.type != name) continue;
        Op ro;
        ro.kind = Op::Kind::EraseRelation;
        ro.relation_before = r;
        cmd.ops.push_back(std::move(ro));
    }
    Op op;
    op.kind = Op::Kind::EraseRelationType;
    op.label_index = *idx;  // where undo puts it back
    op.type_before = doc_.relation_types()[*idx];
    cmd.ops.push_back(std::move(op));
    return run(std::move(cmd));
}

// ---- [SECTION] document labels ----

Status Editor::add_doc_label_type(Label label) {
    Op op;
    op.kind = Op::Kind::InsertDocLabelType;
    op.label_index = doc_.doc_label_types().size();
    std::string name = "Add document label " + label.name;
    op.label_after = std::move(label);
    return run(Command{std::move(name), {std::move(op)}});
}

Status Editor::update_doc_label_type(std::string_view name, Label updated) {
    auto idx = doc_.doc_label_types().index_of(name);
    if (!idx) return make_error("unknown document label \"" + std::string(name) + "\"");
    const Label& old = doc_.doc_label_types()[*idx];
    if (old == updated) return {};
    Command cmd;
    cmd.name = updated.name != old.name ? "Rename document label " + old.name + " to " + updated.name
                                        : "Edit document label " + old.name;
    Op op;
    op.kind = Op::Kind::ReplaceDocLabelType;
    op.label_index = *idx;
    op.label_before = old;
    op.label_after = updated;
    cmd.ops.push_back(std::move(op));
    DocLabels d = doc_.doc_labels();
    for (std::string& c : d.chosen)
        if (c == old.name) c = updated.name;
    if (!(d == doc_.doc_labels())) {
        Op so;
        so.kind = Op::Kind::SetDocLabels;
        so.doc_before = doc_.doc_labels();
        so.doc_after = std::move(d);
        cmd.ops.push_back(std::move(so));
    }
    return run(std::move(cmd));
}

Status Editor::remove_doc_label_type(std::string_view name) {
    auto idx = doc_.doc_label_types().index_of(name);
    if (!idx) return make_error("unknown document label \"" + std::string(name) + "\"");
    Command cmd;
    cmd.name = "Delete document label " + std::string(name);
    DocLabels d = doc_.doc_labels();
    d.chosen.erase(std::remove(d.chosen.begin(), d.chosen.end(), name), d.chosen.end());
    if (!(d == doc_.doc_labels())) {
        Op so;
        so.kind = Op::Kind::SetDocLabels;
        so.doc_before = doc_.doc_labels();
        so.doc_after = std::move(d);
        cmd.ops.push_back(std::move(so));
    }
    Op op;
    op.kind = Op::Kind::EraseDocLabelType;
    op.label_index = *idx;  // where undo puts it back
    op.label_before = doc_.doc_label_types()[*idx];
    cmd.ops.push_back(std::move(op));
    return run(std::move(cmd));
}

Status Editor::set_doc_labels(DocLabels labels) {
    for (const std::string& c : labels.chosen)
        if (!doc_.doc_label_types().find(c)) return make_error("unknown document label \"" + c + "\"");
    if (labels == doc_.doc_labels()) return {};
    Op op;
    op.kind = Op::Kind::SetDocLabels;
    op.doc_before = doc_.doc_labels();
    op.doc_after = std::move(labels);
    std::string name = "Document labels";
    if (!op.doc_after.chosen.empty()) {
        name += ": ";
        for (size_t i = 0; i < op.doc_after.chosen.size(); ++i) name += (i ? ", " : "") + op.doc_after.chosen[i];
    }
    return run(Command{std::move(name), {std::move(op)}});
}

Status Editor::toggle_doc_label(std::string_view name) {
    if (!doc_.doc_label_types().find(name)) return make_error("unknown document label \"" + std::string(name) + "\"");
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
