// Tests for src/core/relation and the Editor's relation, relation type and document label edits
// (editor_relations.cpp): every edit undone and redone exactly, the checks' messages, what deleting
// an entity, a label or a type does to relations, and apply_op's refusals.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "checks.hpp"
#include "core/editor.hpp"

using namespace aa;
using aa::test::message_of;

namespace {

const std::string kArticle = "Bashar al-Assad met Putin in Damascus. The Syrian army and the Kremlin agreed.";

// Everything an undo must restore.
struct Snapshot {
    std::vector<Entity> entities;
    std::vector<Label> labels;
    std::vector<RelationType> types;
    std::vector<Relation> relations;
    std::vector<Label> doc_types;
    DocLabels doc;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snap(const Editor& ed) {
    Snapshot s;
    for (Slot x : ed.doc().entities().ordered()) s.entities.push_back(ed.doc().entities().get(x));
    s.labels = ed.doc().labels().all();
    s.types = ed.doc().relation_types().all();
    for (const auto& [id, r] : ed.doc().relations().all()) s.relations.push_back(r);
    s.doc_types = ed.doc().doc_label_types().all();
    s.doc = ed.doc().doc_labels();
    return s;
}

std::string add(Editor& ed, const std::string& needle, const std::string& label) {
    const Text& t = ed.doc().text();
    const size_t b = t.utf8().find(needle);
    REQUIRE(b != std::string::npos);
    auto r = ed.add_entity(t.cp_of_byte(b), t.cp_of_byte(b + needle.size()), label);
    REQUIRE_MESSAGE(r.ok(), message_of(r));
    return *r;
}

RelationType type(std::string name, std::vector<std::string> sources, std::vector<std::string> targets,
                  bool symmetric = false, std::string key = {}) {
    return RelationType{std::move(name),    Color{0x33, 0x66, 0x99}, std::move(key), {},
                        std::move(sources), std::move(targets),      symmetric};
}

// An article with 4 entities (e1 Assad PER, e2 Putin PER, e3 Damascus LOC, e4 Kremlin ORG) and
// the types leader_of PER -> ORG, located_in any -> LOC, met_with PER <-> PER (symmetric).
Editor make_editor() {
    auto t = Text::from_utf8(kArticle);
    REQUIRE(t.ok());
    Editor ed{Document(std::move(t.value()))};
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Putin", "PER");
    add(ed, "Damascus", "LOC");
    add(ed, "Kremlin", "ORG");
    REQUIRE(ed.add_relation_type(type("leader_of", {"PER"}, {"ORG"}, false, "l")).ok());
    REQUIRE(ed.add_relation_type(type("located_in", {}, {"LOC"})).ok());
    REQUIRE(ed.add_relation_type(type("met_with", {"PER"}, {"PER"}, true)).ok());
    ed.clear_history();
    return ed;
}

// Undoes the last command and redoes it, checking the snapshots on both sides.
void check_undo_redo(Editor& ed, const Snapshot& before) {
    const Snapshot after = snap(ed);
    REQUIRE(ed.undo());
    CHECK(snap(ed) == before);
    REQUIRE(ed.redo());
    CHECK(snap(ed) == after);
}

}  // namespace

TEST_CASE("relations: add, retype, reverse, note and delete, each one undoable step with its name") {
    Editor ed = make_editor();
    Snapshot s0 = snap(ed);
    auto r1 = ed.add_relation("e2", "e4", "leader_of");
    REQUIRE_MESSAGE(r1.ok(), message_of(r1));
    CHECK(*r1 == "r1");
    CHECK(ed.undo_name() == "Add leader_of \"Putin\" -> \"Kremlin\"");
    CHECK(*ed.doc().relations().find("r1") == Relation{"r1", "leader_of", "e2", "e4", ""});
    check_undo_redo(ed, s0);

    Snapshot s1 = snap(ed);
    auto r2 = ed.add_relation("e1", "e2", "met_with", "in Damascus");
    REQUIRE(r2.ok());
    CHECK(*r2 == "r2");
    check_undo_redo(ed, s1);

    Snapshot s2 = snap(ed);
    REQUIRE(ed.reverse_relation("r2").ok());
    CHECK(ed.undo_name() == "Reverse relation met_with");
    CHECK(ed.doc().relations().find("r2")->from == "e2");
    CHECK(ed.doc().relations().find("r2")->to == "e1");
    check_undo_redo(ed, s2);

    Snapshot s3 = snap(ed);
    REQUIRE(ed.set_relation_note("r2", "twice").ok());
    CHECK(ed.undo_name() == "Note on relation met_with");
    check_undo_redo(ed, s3);

    Snapshot s4 = snap(ed);
    auto r3 = ed.add_relation("e1", "e3", "located_in");
    REQUIRE(r3.ok());
    Snapshot s5 = snap(ed);
    REQUIRE(ed.set_relation_type(*r3, "met_with").ok() == false);  // PER -> LOC is not met_with
    CHECK(snap(ed) == s5);
    REQUIRE(ed.remove_relation("r1").ok());
    CHECK(ed.undo_name() == "Delete relation leader_of");
    check_undo_redo(ed, s5);
    (void)s4;
}

TEST_CASE("relations: allowed labels, symmetric duplicates and missing ends are refused with messages") {
    Editor ed = make_editor();
    const Snapshot s0 = snap(ed);
    CHECK(message_of(ed.add_relation("e3", "e4", "leader_of")) == "leader_of cannot start at LOC (allowed: PER)");
    CHECK(message_of(ed.add_relation("e1", "e2", "leader_of")) == "leader_of cannot end at PER (allowed: ORG)");
    CHECK(message_of(ed.add_relation("e1", "e1", "met_with")) == "a relation needs two different entities");
    CHECK(message_of(ed.add_relation("e1", "e9", "met_with")) == "no entity with id \"e9\"");
    CHECK(message_of(ed.add_relation("e1", "e2", "likes")) == "unknown relation type \"likes\"");
    CHECK(snap(ed) == s0);
    CHECK_FALSE(ed.can_undo());

    REQUIRE(ed.add_relation("e1", "e2", "met_with").ok());
    // A symmetric type: the mirrored relation is the same one.
    CHECK(message_of(ed.add_relation("e2", "e1", "met_with")) ==
          "\"Putin\" and \"Bashar al-Assad\" are already linked by met_with (r1)");
    REQUIRE(ed.add_relation("e2", "e3", "located_in").ok());
    // A directed type with free sources: the reverse is another relation, but LOC -> PER is not allowed.
    CHECK(message_of(ed.add_relation("e3", "e2", "located_in")) == "located_in cannot end at PER (allowed: LOC)");
}

TEST_CASE("relations: deleting an entity refuses or deletes its relations in the same step") {
    Editor ed = make_editor();
    REQUIRE(ed.add_relation("e2", "e4", "leader_of").ok());
    REQUIRE(ed.add_relation("e1", "e2", "met_with").ok());
    REQUIRE(ed.add_relation("e1", "e3", "located_in").ok());
    const Snapshot s0 = snap(ed);
    CHECK(message_of(ed.remove_entity("e2", RelationsOfEntity::Refuse)) ==
          "\"Putin\" has 2 relations: delete them too, or keep the entity");
    CHECK(snap(ed) == s0);
    REQUIRE(ed.remove_entity("e2", RelationsOfEntity::Delete).ok());
    CHECK(ed.undo_name() == "Delete PER \"Putin\"");
    CHECK(ed.doc().relations().size() == 1);
    CHECK(ed.doc().relations().find("r3") != nullptr);
    check_undo_redo(ed, s0);
    // An entity without relations is deleted under either policy.
    REQUIRE(ed.undo());
    REQUIRE(ed.remove_relation("r3").ok());
    REQUIRE(ed.remove_entity("e3", RelationsOfEntity::Refuse).ok());
}

TEST_CASE("relations: label edits follow into relation types and relations") {
    Editor ed = make_editor();
    REQUIRE(ed.add_relation("e2", "e4", "leader_of").ok());
    REQUIRE(ed.add_relation("e1", "e2", "met_with").ok());
    const Snapshot s0 = snap(ed);
    Label per = *ed.doc().labels().find("PER");
    per.name = "PERSON";
    REQUIRE(ed.update_label("PER", per).ok());
    CHECK(ed.doc().relation_types().find("leader_of")->sources == std::vector<std::string>{"PERSON"});
    CHECK(ed.doc().relation_types().find("met_with")->targets == std::vector<std::string>{"PERSON"});
    check_undo_redo(ed, s0);
    REQUIRE(ed.undo());

    // Deleting PER with its entities deletes their relations too; the relation between two of them goes once.
    REQUIRE(ed.remove_label("PER", LabelInUse::DeleteEntities).ok());
    CHECK(ed.doc().relations().empty());
    CHECK(ed.doc().entities().size() == 2);
    check_undo_redo(ed, s0);
}

TEST_CASE("relation types: rename, edit and delete, refused while in use unless the relations go too") {
    Editor ed = make_editor();
    REQUIRE(ed.add_relation("e2", "e4", "leader_of").ok());
    const Snapshot s0 = snap(ed);
    RelationType t = *ed.doc().relation_types().find("leader_of");
    t.name = "heads";
    REQUIRE(ed.update_relation_type("leader_of", t).ok());
    CHECK(ed.undo_name() == "Rename relation type leader_of to heads");
    CHECK(ed.doc().relations().find("r1")->type == "heads");
    check_undo_redo(ed, s0);
    REQUIRE(ed.undo());

    CHECK(message_of(ed.add_relation_type(type("met_with", {}, {}))) == "relation type \"met_with\" already exists");
    CHECK(message_of(ed.add_relation_type(type("x", {}, {}, false, "l"))) == "hotkey l is already used by leader_of");
    CHECK(message_of(ed.add_relation_type(type("x", {"PERSON"}, {}))) == "unknown label \"PERSON\"");
    CHECK(message_of(ed.remove_relation_type("leader_of")) ==
          "relation type leader_of is used by 1 relation: delete them first");
    CHECK(snap(ed) == s0);
    REQUIRE(ed.remove_relation_type("located_in", true).ok());
    check_undo_redo(ed, s0);  // back in its place, the middle
    REQUIRE(ed.undo());
    REQUIRE(ed.remove_relation_type("leader_of", true).ok());
    CHECK(ed.doc().relations().empty());
    CHECK(ed.doc().relation_types().size() == 2);
    check_undo_redo(ed, s0);
}

TEST_CASE("document labels: single and multi choice, rename and delete, all undoable") {
    Editor ed = make_editor();
    REQUIRE(ed.add_doc_label_type(Label{"politics", Color{1, 2, 3}, "", "Government"}).ok());
    REQUIRE(ed.add_doc_label_type(Label{"war", Color{4, 5, 6}, "", ""}).ok());
    REQUIRE(ed.add_doc_label_type(Label{"economy", Color{7, 8, 9}, "", ""}).ok());
    const Snapshot s0 = snap(ed);
    REQUIRE(ed.toggle_doc_label("politics").ok());
    CHECK(ed.undo_name() == "Document labels: politics");
    check_undo_redo(ed, s0);
    // Single-choice: choosing another replaces it.
    REQUIRE(ed.toggle_doc_label("war").ok());
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"war"});
    REQUIRE(ed.set_doc_labels_multi(true).ok());
    REQUIRE(ed.toggle_doc_label("economy").ok());
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"war", "economy"});
    const Snapshot s1 = snap(ed);
    REQUIRE(ed.set_doc_labels_multi(false).ok());
    CHECK(ed.doc().doc_labels() == DocLabels{false, {"war"}});
    check_undo_redo(ed, s1);
    REQUIRE(ed.undo());

    Label war = *ed.doc().doc_label_types().find("war");
    war.name = "conflict";
    REQUIRE(ed.update_doc_label_type("war", war).ok());
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"conflict", "economy"});
    check_undo_redo(ed, s1);

    const Snapshot s2 = snap(ed);
    REQUIRE(ed.remove_doc_label_type("economy").ok());
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"conflict"});
    CHECK(ed.doc().doc_label_types().size() == 2);
    check_undo_redo(ed, s2);

    CHECK(message_of(ed.toggle_doc_label("sports")) == "unknown document label \"sports\"");
    CHECK(message_of(ed.set_doc_labels(DocLabels{false, {"politics", "conflict"}})) ==
          "single-choice document labels: 2 chosen");
}

TEST_CASE("relations: apply_op refuses to leave a relation without its entity or type") {
    Editor ed = make_editor();
    REQUIRE(ed.add_relation("e2", "e4", "leader_of").ok());
    REQUIRE(ed.add_doc_label_type(Label{"politics", Color{1, 2, 3}, "", ""}).ok());
    REQUIRE(ed.toggle_doc_label("politics").ok());
    Document d = ed.doc();
    Op op;
    op.kind = Op::Kind::EraseEntity;
    op.entity_before = *d.entities().find("e4");
    CHECK(message_of(apply_op(d, op)) == "entity \"e4\" has 1 relation");
    op = {};
    op.kind = Op::Kind::EraseRelationType;
    op.type_before = *d.relation_types().find("leader_of");
    CHECK(message_of(apply_op(d, op)) == "relation type leader_of is used by 1 relation");
    op = {};
    op.kind = Op::Kind::EraseDocLabelType;
    op.label_before = *d.doc_label_types().find("politics");
    CHECK(message_of(apply_op(d, op)) == "document label politics is chosen");
    op = {};
    op.kind = Op::Kind::InsertRelation;
    op.relation_after = Relation{"r9", "leader_of", "e2", "e7", ""};
    CHECK(message_of(apply_op(d, op)) == "relation \"r9\": no entity with id \"e7\"");
    op.relation_after = Relation{"r1", "leader_of", "e2", "e4", ""};
    CHECK(message_of(apply_op(d, op)) == "duplicate relation id \"r1\"");
    op = {};
    op.kind = Op::Kind::ReplaceRelation;
    op.relation_before = Relation{"r1", "leader_of", "e4", "e2", ""};
    op.relation_after = op.relation_before;
    CHECK(message_of(apply_op(d, op)) == "relation \"r1\" is not as recorded");
    // Each op's inverse undoes it.
    op = {};
    op.kind = Op::Kind::SetDocLabels;
    op.doc_before = d.doc_labels();
    op.doc_after = DocLabels{true, {}};
    const Document before = d;
    REQUIRE(apply_op(d, op).ok());
    REQUIRE(apply_op(d, inverse(op)).ok());
    CHECK(d.doc_labels() == before.doc_labels());
}

TEST_CASE("relations: ids in natural order, fresh ids") {
    NaturalIdLess less;
    CHECK(less("r2", "r10"));
    CHECK_FALSE(less("r10", "r2"));
    CHECK(less("r10", "s1"));
    CHECK(less("r", "r1"));
    CHECK(less("r01", "r1"));  // same number: then by bytes
    RelationStore store;
    REQUIRE(store.insert(Relation{"r10", "t", "e1", "e2", ""}).ok());
    REQUIRE(store.insert(Relation{"r2", "t", "e1", "e3", ""}).ok());
    CHECK(store.all().begin()->first == "r2");
    CHECK(store.next_id() == "r3");
    CHECK(message_of(store.insert(Relation{"r2", "t", "e1", "e4", ""})) == "duplicate relation id \"r2\"");
    CHECK(message_of(store.insert(Relation{"", "t", "e1", "e4", ""})) == "a relation id cannot be empty");
}
