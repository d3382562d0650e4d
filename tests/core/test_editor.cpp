// Tests for src/core/editor: every command, its undo name, exact undo/redo of entities and
// labels, grouping, atomicity of failed commands, revisions, set_history, and a seeded random
// session undone and redone step by step against recorded snapshots.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "checks.hpp"
#include "core/editor.hpp"

using namespace aa;
using aa::test::message_of;

namespace {

const std::string kLdq = "\xE2\x80\x9C", kRdq = "\xE2\x80\x9D", kRocket = "\xF0\x9F\x9A\x80";
// 72 code points: an ASCII name, a quoted name with an accent, an emoji, a CRLF break and a
// combining mark.
const std::string kArticle = "Bashar al-Assad met " + kLdq + "Zo\xC3\xAB" + kRdq + " in Damascus " + kRocket +
                             " on Monday.\r\nNew line with cafe\xCC\x81.";

// The store's per-label counts (kept as entities come and go) against a recount of its entities:
// the number of labels whose count differs, absent labels included.
size_t count_mismatches(const Document& d) {
    std::map<std::string, size_t, std::less<>> recount;
    for (Slot s : d.entities().ordered()) ++recount[d.entities().get(s).label];
    size_t bad = d.entities().label_counts() != recount;
    for (const Label& l : d.labels().all()) {
        auto it = recount.find(l.name);
        bad += d.entities().count_label(l.name) != (it == recount.end() ? 0 : it->second);
    }
    return bad + (d.entities().count_label("NOT-A-LABEL") != 0);
}

Editor make_editor(const std::string& text = kArticle) {
    auto t = Text::from_utf8(text);
    CHECK(t.ok());
    return Editor(Document(t.ok() ? std::move(t.value()) : Text()));
}

// The code-point span of the first occurrence of `needle` in the editor's text.
std::pair<size_t, size_t> span(const Editor& ed, const std::string& needle) {
    const Text& t = ed.doc().text();
    const size_t b = t.utf8().find(needle);
    CHECK_MESSAGE(b != std::string::npos, needle);
    const size_t start = t.cp_of_byte(b);
    return {start, t.cp_of_byte(b + needle.size())};
}

struct Snapshot {
    std::vector<Entity> entities;  // document order
    std::vector<Label> labels;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snap(const Editor& ed) {
    Snapshot s;
    for (Slot x : ed.doc().entities().ordered()) s.entities.push_back(ed.doc().entities().get(x));
    s.labels = ed.doc().labels().all();
    return s;
}

std::string add(Editor& ed, const std::string& needle, const std::string& label) {
    auto [a, b] = span(ed, needle);
    auto r = ed.add_entity(a, b, label);
    CHECK_MESSAGE(r.ok(), message_of(r));
    return r.ok() ? *r : std::string();
}

// Checks that undo restores `before` and redo restores the state after the command, and that
// each moves the revision on.
void check_undo_redo(Editor& ed, const Snapshot& before, const std::string& name) {
    const Snapshot after = snap(ed);
    CHECK(ed.undo_name() == name);
    const uint64_t r0 = ed.revision();
    CHECK(ed.undo());
    CHECK(snap(ed) == before);
    CHECK(ed.redo_name() == name);
    CHECK(ed.revision() == r0 + 1);
    CHECK(ed.redo());
    CHECK(snap(ed) == after);
    CHECK(ed.undo_name() == name);
    CHECK(ed.revision() == r0 + 2);
}

// A failed command changes nothing: same state, same history, same revision.
struct Unchanged {
    Editor& ed;
    Snapshot state;
    size_t undo_size, redo_size;
    uint64_t revision;
    explicit Unchanged(Editor& e)
        : ed(e),
          state(snap(e)),
          undo_size(e.undo_stack().size()),
          redo_size(e.redo_stack().size()),
          revision(e.revision()) {}
    void check() const {
        CHECK(snap(ed) == state);
        CHECK(ed.undo_stack().size() == undo_size);
        CHECK(ed.redo_stack().size() == redo_size);
        CHECK(ed.revision() == revision);
    }
};

}  // namespace

TEST_CASE("the test article has the offsets the tests rely on") {
    const Editor ed = make_editor();
    CHECK(ed.doc().text().size() == 72);
    CHECK(span(ed, "Bashar al-Assad") == std::pair<size_t, size_t>{0, 15});
    CHECK(span(ed, "Zo\xC3\xAB") == std::pair<size_t, size_t>{21, 24});
    CHECK(span(ed, kRocket) == std::pair<size_t, size_t>{38, 39});
}

TEST_CASE("add_entity adds with the next id, names the command and undoes exactly") {
    Editor ed = make_editor();
    const Snapshot before = snap(ed);
    CHECK_FALSE(ed.can_undo());
    CHECK(ed.undo_name() == "");
    auto r = ed.add_entity(0, 15, "PER");
    CHECK(r.ok());
    if (r.ok()) CHECK(*r == "e1");
    CHECK(ed.doc().entities().size() == 1);
    const Entity* e = ed.doc().entities().find("e1");
    CHECK(e != nullptr);
    if (e) CHECK(ed.doc().text_of(*e) == "Bashar al-Assad");
    check_undo_redo(ed, before, "Add PER \"Bashar al-Assad\"");
    CHECK(add(ed, "Damascus", "LOC") == "e2");
}

TEST_CASE("undo names keep a final non-ASCII character and cut long excerpts on a character") {
    Editor ed = make_editor();
    add(ed, "Zo\xC3\xAB", "PER");
    CHECK(ed.undo_name() == "Add PER \"Zo\xC3\xAB\"");
    add(ed, kRocket, "MISC");
    CHECK(ed.undo_name() == "Add MISC \"" + kRocket + "\"");
    add(ed, kLdq + "Zo\xC3\xAB" + kRdq, "MISC");
    CHECK(ed.undo_name() == "Add MISC \"" + kLdq + "Zo\xC3\xAB" + kRdq + "\"");
    add(ed, "cafe\xCC\x81", "MISC");
    CHECK(ed.undo_name() == "Add MISC \"cafe\xCC\x81\"");
    // Longer than 40 bytes: cut at a character boundary with "...". From code point 7 the emoji
    // ends exactly at byte 40 and stays; from code point 6 it spans bytes 37-40 and is left out.
    CHECK(ed.add_entity(7, 60, "MISC").ok());
    CHECK(ed.undo_name() ==
          "Add MISC \"al-Assad met " + kLdq + "Zo\xC3\xAB" + kRdq + " in Damascus " + kRocket + "...\"");
    CHECK(ed.add_entity(6, 60, "MISC").ok());
    CHECK(ed.undo_name() == "Add MISC \" al-Assad met " + kLdq + "Zo\xC3\xAB" + kRdq + " in Damascus ...\"");
    CHECK(ed.add_entity(0, 72, "MISC").ok());
    CHECK(ed.undo_name() == "Add MISC \"Bashar al-Assad met " + kLdq + "Zo\xC3\xAB" + kRdq + " in Damasc...\"");
    // Line breaks (here CRLF) become spaces.
    CHECK(ed.add_entity(40, 60, "LOC").ok());  // "on Monday.\r\nNew line"
    CHECK(ed.undo_name() == "Add LOC \"on Monday.  New line\"");
}

TEST_CASE("a long excerpt in an undo name is cut at a grapheme cluster boundary, never inside one") {
    // 39 ASCII bytes, then "e" + U+0301 (bytes 40-42): the cut at byte 40 would part "e" from its accent.
    const std::string text = std::string(39, 'a') + "e\xCC\x81 and more text after it";
    Editor ed = make_editor(text);
    CHECK(ed.add_entity(0, 50, "MISC").ok());
    CHECK(ed.undo_name() == "Add MISC \"" + std::string(39, 'a') + "...\"");
    // A flag (two regional indicators, 8 bytes) across byte 40 is left out whole.
    Editor flag = make_editor(std::string(36, 'b') + "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6 more");
    CHECK(flag.add_entity(0, 40, "MISC").ok());
    CHECK(flag.undo_name() == "Add MISC \"" + std::string(36, 'b') + "...\"");
}

TEST_CASE("add_entity refuses unknown labels, bad spans and duplicates, changing nothing") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    const Unchanged u(ed);
    CHECK(message_of(ed.add_entity(0, 15, "FOO")) == "unknown label \"FOO\"");
    CHECK(message_of(ed.add_entity(0, 73, "PER")) == "end 73 is past the end of the text (72 code points)");
    CHECK(message_of(ed.add_entity(5, 5, "PER")) == "empty span: end (5) is not after start (5)");
    CHECK(message_of(ed.add_entity(0, 15, "PER")) == "an entity PER [0, 15) already exists");
    u.check();
    // The same span with another label is fine.
    CHECK(ed.add_entity(0, 15, "MISC").ok());
}

TEST_CASE("remove_entity deletes by id and undo brings back every field with the same id") {
    Editor ed = make_editor();
    const std::string id = add(ed, "Bashar al-Assad", "PER");
    CHECK(ed.set_note(id, "the president").ok());
    CHECK(ed.set_kb_id(id, "Q44329").ok());
    CHECK(ed.set_attributes(id, {{"role", "president"}}).ok());
    const Snapshot before = snap(ed);
    {
        const Unchanged u(ed);
        CHECK(message_of(ed.remove_entity("e9")) == "no entity with id \"e9\"");
        u.check();
    }
    CHECK(ed.remove_entity(id).ok());
    CHECK(ed.doc().entities().empty());
    check_undo_redo(ed, before, "Delete PER \"Bashar al-Assad\"");
    CHECK(ed.undo());
    const Entity* e = ed.doc().entities().find(id);
    CHECK(e != nullptr);
    if (e) {
        CHECK(e->note == "the president");
        CHECK(e->kb_id == "Q44329");
        CHECK(e->attributes == Attributes{{"role", "president"}});
    }
}

TEST_CASE("set_label relabels, refuses unknown labels and would-be duplicates") {
    Editor ed = make_editor();
    const std::string zoe = add(ed, "Zo\xC3\xAB", "PER");
    add(ed, "Zo\xC3\xAB", "ORG");
    Snapshot before = snap(ed);
    {
        const Unchanged u(ed);
        CHECK(message_of(ed.set_label(zoe, "FOO")) == "unknown label \"FOO\"");
        CHECK(message_of(ed.set_label(zoe, "ORG")) == "an entity ORG [21, 24) already exists");
        CHECK(message_of(ed.set_label("e9", "ORG")) == "no entity with id \"e9\"");
        CHECK(ed.set_label(zoe, "PER").ok());  // already PER: no command
        u.check();
    }
    CHECK(ed.set_label(zoe, "MISC").ok());
    CHECK(ed.doc().entities().find(zoe)->label == "MISC");
    check_undo_redo(ed, before, "Relabel \"Zo\xC3\xAB\" as MISC");
}

TEST_CASE("set_span, set_note, set_kb_id, set_attributes and update_entity undo exactly") {
    Editor ed = make_editor();
    const std::string id = add(ed, "Damascus", "LOC");
    Snapshot before = snap(ed);
    {
        const Unchanged u(ed);
        CHECK(message_of(ed.set_span(id, 29, 80)) == "end 80 is past the end of the text (72 code points)");
        CHECK(message_of(ed.set_span(id, 30, 30)) == "empty span: end (30) is not after start (30)");
        CHECK(message_of(ed.set_span("nope", 0, 1)) == "no entity with id \"nope\"");
        CHECK(ed.set_span(id, 29, 37).ok());  // unchanged span: no command
        u.check();
    }
    CHECK(ed.set_span(id, 25, 39).ok());
    CHECK(ed.doc().text_of(*ed.doc().entities().find(id)) == " in Damascus " + kRocket);
    check_undo_redo(ed, before, "Resize LOC \" in Damascus " + kRocket + "\"");

    before = snap(ed);
    CHECK(ed.set_note(id, "capital").ok());
    check_undo_redo(ed, before, "Note on \" in Damascus " + kRocket + "\"");
    before = snap(ed);
    CHECK(ed.set_kb_id(id, "Q3766").ok());
    check_undo_redo(ed, before, "Link \" in Damascus " + kRocket + "\"");
    before = snap(ed);
    CHECK(ed.set_attributes(id, {{"a", "1"}, {"b", "2"}}).ok());
    check_undo_redo(ed, before, "Attributes of \" in Damascus " + kRocket + "\"");

    before = snap(ed);
    Entity u = *ed.doc().entities().find(id);
    u.start = 29;
    u.end = 37;
    u.label = "MISC";
    u.note.clear();
    CHECK(ed.update_entity(u, "Fix Damascus").ok());
    CHECK(*ed.doc().entities().find(id) == u);
    check_undo_redo(ed, before, "Fix Damascus");
    CHECK(ed.update_entity(u).ok());  // identical: no command
    CHECK(ed.undo_name() == "Fix Damascus");
    Entity v = u;
    v.note = "x";
    CHECK(ed.update_entity(v).ok());
    CHECK(ed.undo_name() == "Edit MISC \"Damascus\"");
    v.label = "FOO";
    CHECK(message_of(ed.update_entity(v)) == "unknown label \"FOO\"");
}

TEST_CASE("add_label adds at the end and refuses duplicates") {
    Editor ed = make_editor();
    const Snapshot before = snap(ed);
    CHECK(ed.add_label(Label{"DATE", Color{1, 2, 3}, "5", "Dates"}).ok());
    CHECK(ed.doc().labels().size() == 5);
    CHECK(ed.doc().labels()[4].name == "DATE");
    check_undo_redo(ed, before, "Add label DATE");
    const Unchanged u(ed);
    CHECK(message_of(ed.add_label(Label{"DATE", {}, "", ""})) == "label \"DATE\" already exists");
    CHECK(message_of(ed.add_label(Label{"TIME", {}, "5", ""})) == "hotkey 5 is already used by DATE");
    CHECK(message_of(ed.add_label(Label{"", {}, "", ""})) == "a label name cannot be empty");
    u.check();
}

TEST_CASE("renaming a label renames its entities and undoes in one step") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Zo\xC3\xAB", "PER");
    add(ed, "Damascus", "LOC");
    const Snapshot before = snap(ed);
    const size_t depth = ed.undo_stack().size();
    Label per = ed.doc().labels()[0];
    per.name = "PERSON";
    CHECK(ed.update_label("PER", per).ok());
    CHECK(ed.undo_stack().size() == depth + 1);
    CHECK(ed.doc().labels()[0].name == "PERSON");
    CHECK(ed.doc().entities().count_label("PERSON") == 2);
    CHECK(ed.doc().entities().count_label("PER") == 0);
    CHECK(ed.doc().entities().find("e3")->label == "LOC");
    check_undo_redo(ed, before, "Rename label PER to PERSON");

    // Recolouring is an edit, not a rename.
    const Snapshot renamed = snap(ed);
    Label recol = ed.doc().labels()[0];
    recol.color = Color{0x12, 0x34, 0x56};
    CHECK(ed.update_label("PERSON", recol).ok());
    check_undo_redo(ed, renamed, "Edit label PERSON");
    CHECK(ed.update_label("PERSON", recol).ok());  // unchanged: no command
    CHECK(ed.undo_name() == "Edit label PERSON");
}

TEST_CASE("a label update that cannot apply changes nothing") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Damascus", "LOC");
    const Unchanged u(ed);
    Label l = ed.doc().labels()[0];
    l.name = "ORG";
    CHECK(message_of(ed.update_label("PER", l)) == "label \"ORG\" already exists");
    l.name = "PERSON";
    l.key = "2";
    CHECK(message_of(ed.update_label("PER", l)) == "hotkey 2 is already used by ORG");
    l.key = "1";
    l.name = " PERSON";
    CHECK(message_of(ed.update_label("PER", l)) == "label name \" PERSON\" starts or ends with a space");
    CHECK(message_of(ed.update_label("FOO", l)) == "unknown label \"FOO\"");
    u.check();
}

TEST_CASE("remove_label refuses a label in use, naming the count") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Damascus", "LOC");
    add(ed, "Zo\xC3\xAB", "PER");
    const Unchanged u(ed);
    CHECK(message_of(ed.remove_label("PER")) == "label PER is used by 2 entities: delete or relabel them first");
    CHECK(message_of(ed.remove_label("LOC", LabelInUse::Refuse)) ==
          "label LOC is used by 1 entity: delete or relabel them first");
    CHECK(message_of(ed.remove_label("FOO")) == "unknown label \"FOO\"");
    u.check();
    // An unused label goes, and comes back at its place on undo.
    const Snapshot before = snap(ed);
    CHECK(ed.remove_label("ORG").ok());
    CHECK(ed.doc().labels().size() == 3);
    CHECK_FALSE(ed.doc().labels().find("ORG"));
    check_undo_redo(ed, before, "Delete label ORG");
    CHECK(ed.undo());
    CHECK(ed.doc().labels()[1].name == "ORG");
}

TEST_CASE("remove_label with DeleteEntities removes the label and its entities in one step") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Damascus", "LOC");
    add(ed, "Zo\xC3\xAB", "PER");
    const Snapshot before = snap(ed);
    const size_t depth = ed.undo_stack().size();
    CHECK(ed.remove_label("PER", LabelInUse::DeleteEntities).ok());
    CHECK(ed.undo_stack().size() == depth + 1);
    CHECK(ed.doc().entities().size() == 1);
    CHECK(ed.doc().entities().find("e2") != nullptr);
    CHECK_FALSE(ed.doc().labels().find("PER"));
    check_undo_redo(ed, before, "Delete label PER");
}

TEST_CASE("remove_label with Relabel moves the entities and drops those that would duplicate") {
    Editor ed = make_editor();
    const std::string a = add(ed, "Bashar al-Assad", "PER");
    const std::string z = add(ed, "Zo\xC3\xAB", "PER");
    const std::string z_org = add(ed, "Zo\xC3\xAB", "ORG");  // PER->ORG would duplicate this
    {
        const Unchanged u(ed);
        CHECK(message_of(ed.remove_label("PER", LabelInUse::Relabel, "PER")) == "cannot relabel PER to itself");
        CHECK(message_of(ed.remove_label("PER", LabelInUse::Relabel, "FOO")) == "unknown label \"FOO\"");
        CHECK(message_of(ed.remove_label("PER", LabelInUse::Relabel)) == "unknown label \"\"");
        u.check();
    }
    const Snapshot before = snap(ed);
    CHECK(ed.remove_label("PER", LabelInUse::Relabel, "ORG").ok());
    CHECK_FALSE(ed.doc().labels().find("PER"));
    CHECK(ed.doc().entities().size() == 2);
    CHECK(ed.doc().entities().find(a)->label == "ORG");
    CHECK(ed.doc().entities().find(z) == nullptr);
    CHECK(ed.doc().entities().find(z_org)->label == "ORG");
    check_undo_redo(ed, before, "Delete label PER");
    // An unused label needs no target.
    CHECK(ed.remove_label("MISC", LabelInUse::Relabel).ok());
}

TEST_CASE("apply_preset adds the missing labels, clearing taken keys, in one step") {
    Editor ed = make_editor();
    const Snapshot before = snap(ed);
    CHECK(ed.apply_preset(Preset::Conll2003).ok());  // all present: no command
    CHECK_FALSE(ed.can_undo());
    CHECK(ed.apply_preset(Preset::OntoNotes).ok());
    const LabelSet& ls = ed.doc().labels();
    CHECK(ls.size() == 4 + 16);  // ORG and LOC exist already
    CHECK(ls[0].name == "PER");
    CHECK(ls[4].name == "PERSON");
    CHECK(ls[4].key == "");  // 1 belongs to PER
    CHECK(ls.find("GPE")->key == "");
    CHECK(ls.find("DATE")->key == "5");
    CHECK(ls.by_key("1")->name == "PER");
    CHECK(ls.by_key("3")->name == "LOC");
    CHECK(ed.undo_stack().size() == 1);
    check_undo_redo(ed, before, "Add OntoNotes 5 labels");
    const size_t depth = ed.undo_stack().size();
    CHECK(ed.apply_preset(Preset::OntoNotes).ok());
    CHECK(ed.undo_stack().size() == depth);
}

TEST_CASE("a group undoes as one step named after the outermost group") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    const Snapshot before = snap(ed);
    ed.begin_group("Annotate all");
    add(ed, "Zo\xC3\xAB", "PER");
    {
        Editor::Group inner(ed, "Inner");
        add(ed, "Damascus", "LOC");
        CHECK_FALSE(ed.undo());  // no undo while a group is open
        CHECK_FALSE(ed.redo());
        Label per = ed.doc().labels()[0];
        per.name = "PERSON";
        CHECK(ed.update_label("PER", per).ok());
    }
    add(ed, kRocket, "MISC");
    ed.end_group();
    CHECK(ed.undo_stack().size() == 2);
    CHECK(ed.doc().entities().size() == 4);
    check_undo_redo(ed, before, "Annotate all");
    CHECK(ed.undo());
    CHECK(ed.undo_name() == "Add PER \"Bashar al-Assad\"");
}

TEST_CASE("add_entities adds spans in one command, all or none, with the ids add_entity would give") {
    Editor ed = make_editor();
    add(ed, "Damascus", "LOC");
    const Snapshot before = snap(ed);
    const std::vector<std::pair<size_t, size_t>> spans = {span(ed, "Bashar"), span(ed, "Monday")};
    auto r = ed.add_entities(spans, "PER");
    REQUIRE(r.ok());
    CHECK(*r == 2);
    CHECK(ed.doc().entities().find("e2"));
    CHECK(ed.doc().entities().find("e3"));
    if (const Entity* e = ed.doc().entities().find("e3")) CHECK(ed.doc().text_of(*e) == "Monday");
    check_undo_redo(ed, before, "Add 2 PER");

    // One span already labelled so (or one out of the text, or an unknown label): nothing changes.
    Unchanged same(ed);
    CHECK(!ed.add_entities({span(ed, "Zo\xC3\xAB"), span(ed, "Monday")}, "PER").ok());
    CHECK(!ed.add_entities({span(ed, "Zo\xC3\xAB"), {70, 700}}, "PER").ok());
    CHECK(!ed.add_entities({span(ed, "Zo\xC3\xAB")}, "NOT-A-LABEL").ok());
    same.check();
    auto none = ed.add_entities({}, "PER");
    CHECK((none.ok() && *none == 0));
    same.check();
}

TEST_CASE("a group begun with the ops it expects never moves them as they come") {
    // A labelling of 16,000 spans in slices is one group: its ops grown by doubling moved them all in
    // one of its frames (at 10 MB, one of the two long frames of propagate to repeats).
    Editor ed = make_editor();
    ed.begin_group("Label 600 spans", 600);
    REQUIRE(ed.add_entity(0, 1, "PER").ok());
    REQUIRE(!ed.undo_stack().empty());
    const Op* first = &ed.undo_stack().back().ops.front();
    size_t added = 1;
    for (size_t a = 0; a < 60 && added < 600; ++a)
        for (size_t len = 1; a + len <= 70 && added < 600; ++len)
            if (!(a == 0 && len == 1) && ed.add_entity(a, a + len, "PER").ok()) ++added;
    ed.end_group();
    REQUIRE(added == 600);
    REQUIRE(ed.undo_stack().back().ops.size() == 600);
    CHECK(&ed.undo_stack().back().ops.front() == first);
    CHECK(ed.undo_name() == "Label 600 spans");
    CHECK(ed.undo());
    CHECK(ed.doc().entities().empty());
}

TEST_CASE("an empty group, or one whose commands all failed, leaves no entry") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    CHECK(ed.undo());
    CHECK(ed.can_redo());
    { Editor::Group g(ed, "Nothing"); }
    {
        Editor::Group g(ed, "Failures");
        CHECK_FALSE(ed.add_entity(0, 99, "PER").ok());
        CHECK_FALSE(ed.remove_entity("e42").ok());
    }
    CHECK_FALSE(ed.can_undo());
    CHECK(ed.can_redo());  // nothing ran, so the redo stack is intact
    CHECK(ed.redo());
}

TEST_CASE("a new command clears the redo stack") {
    Editor ed = make_editor();
    add(ed, "Bashar al-Assad", "PER");
    add(ed, "Damascus", "LOC");
    CHECK(ed.undo());
    CHECK(ed.can_redo());
    CHECK(ed.redo_name() == "Add LOC \"Damascus\"");
    add(ed, "Zo\xC3\xAB", "PER");
    CHECK_FALSE(ed.can_redo());
    CHECK(ed.redo_name() == "");
    CHECK_FALSE(ed.redo());
    // A failed command does not clear it.
    CHECK(ed.undo());
    CHECK_FALSE(ed.add_entity(0, 15, "PER").ok());
    CHECK(ed.can_redo());
}

TEST_CASE("revision moves on every change and only then") {
    Editor ed = make_editor();
    uint64_t r = ed.revision();
    add(ed, "Bashar al-Assad", "PER");
    CHECK(ed.revision() == ++r);
    CHECK(ed.undo());
    CHECK(ed.revision() == ++r);
    CHECK(ed.redo());
    CHECK(ed.revision() == ++r);
    CHECK_FALSE(ed.redo());
    CHECK(ed.revision() == r);
    CHECK_FALSE(ed.add_entity(0, 15, "PER").ok());
    CHECK(ed.revision() == r);
    ed.info().title = "A title";
    CHECK(ed.revision() == ++r);
    CHECK(ed.doc().info.title == "A title");
    CHECK(ed.apply_preset(Preset::Conll2003).ok());  // nothing to add
    CHECK(ed.revision() == r);
    ed.reset(Document());
    CHECK(ed.revision() == ++r);
    CHECK_FALSE(ed.can_undo());
    CHECK(ed.doc().entities().empty());
}

TEST_CASE("set_history restores a history that fits and undo walks back to the start") {
    Editor a = make_editor();
    const Snapshot start = snap(a);
    add(a, "Bashar al-Assad", "PER");
    add(a, "Damascus", "LOC");
    Label per = a.doc().labels()[0];
    per.name = "PERSON";
    CHECK(a.update_label("PER", per).ok());
    add(a, "Zo\xC3\xAB", "ORG");
    CHECK(a.undo());  // one command on the redo stack
    const Snapshot now = snap(a);

    // A second editor with the same document content, as after reloading a saved session.
    Editor b = make_editor();
    b.reset(a.doc());
    const uint64_t r = b.revision();
    b.set_history(a.undo_stack(), a.redo_stack());
    CHECK(snap(b) == now);
    CHECK(b.revision() == r + 1);
    CHECK(b.undo_stack() == a.undo_stack());
    CHECK(b.redo_stack() == a.redo_stack());
    CHECK(b.redo());
    CHECK(b.doc().entities().find("e3")->label == "ORG");
    while (b.undo()) {
    }
    CHECK(snap(b) == start);
}

TEST_CASE("set_history drops the commands that do not fit the document") {
    Editor a = make_editor();
    add(a, "Bashar al-Assad", "PER");  // e1
    add(a, "Damascus", "LOC");         // e2
    add(a, "Zo\xC3\xAB", "PER");       // e3
    add(a, kRocket, "MISC");           // e4
    CHECK(a.undo());                   // redo: [Add e4]
    CHECK(a.undo());                   // redo: [Add e4, Add e3]
    const auto undo = a.undo_stack();  // [Add e1, Add e2]
    auto redo = a.redo_stack();

    // The document lacks e1: "Add e2" still undoes, "Add e1" does not.
    Editor b = make_editor();
    const auto [d0, d1] = span(b, "Damascus");
    CHECK(b.add_entity(d0, d1, "LOC").ok());
    Entity e2 = *b.doc().entities().find("e1");
    CHECK(b.remove_entity("e1").ok());
    e2.id = "e2";
    Document doc = b.doc();
    CHECK(doc.insert_entity(e2).ok());
    // ... and already has an entity on Zoë's span with label PER: "Add e3" would duplicate it.
    const auto [z0, z1] = span(b, "Zo\xC3\xAB");
    Entity clash;
    clash.id = "x1";
    clash.start = z0;
    clash.end = z1;
    clash.label = "PER";
    CHECK(doc.insert_entity(clash).ok());
    b.reset(doc);
    const Snapshot before = snap(b);
    b.set_history(undo, redo);
    CHECK(snap(b) == before);
    CHECK(b.undo_stack().size() == 1);
    CHECK(b.undo_name() == "Add LOC \"Damascus\"");
    // The redo stack's top (Add e3) fails, so it and everything under it go.
    CHECK(b.redo_stack().empty());
    CHECK(b.undo());
    CHECK_FALSE(b.undo());
    CHECK(b.doc().entities().size() == 1);

    // With the clash removed from the redo side's way, both redo commands replay.
    Editor c = make_editor();
    Document d2 = a.doc();  // e1, e2
    c.reset(d2);
    c.set_history(undo, redo);
    CHECK(c.redo_stack().size() == 2);
    CHECK(c.undo_stack().size() == 2);
    // A redo stack whose lower command does not fit keeps only its top.
    Op bogus;
    bogus.kind = Op::Kind::EraseEntity;
    bogus.entity_before = clash;
    redo.insert(redo.begin(), Command{"Bogus", {bogus}});
    c.set_history(undo, redo);
    CHECK(c.redo_stack().size() == 2);
    CHECK(c.redo_name() == "Add PER \"Zo\xC3\xAB\"");
    CHECK(snap(c) == snap(a));
}

TEST_CASE("a random session undoes and redoes through every recorded state") {
    for (unsigned seed : {11u, 12u, 13u}) {
        CAPTURE(seed);
        Editor ed = make_editor();
        std::mt19937 rng(seed);
        std::vector<Snapshot> states{snap(ed)};
        size_t failures = 0, mismatches = 0;
        const std::vector<std::string> label_pool = {"PER", "ORG", "LOC", "MISC", "DATE", "PERSON", "GPE"};
        for (int step = 0; step < 300; ++step) {
            const Snapshot before = snap(ed);
            const size_t depth = ed.undo_stack().size();
            const uint64_t rev = ed.revision();
            const auto& ents = ed.doc().entities();
            const std::string some_id = ents.empty() ? "none" : ents.get(ents.ordered()[rng() % ents.size()]).id;
            const std::string lab = label_pool[rng() % label_pool.size()];
            const size_t a = rng() % 74, b = a + rng() % 12;
            Status st;
            switch (rng() % 10) {
                case 0:
                case 1:
                case 2: {
                    auto r = ed.add_entity(a, b, lab);
                    st = r.ok() ? Status{} : Status{r.error()};
                    break;
                }
                case 3: st = ed.remove_entity(some_id); break;
                case 4: st = ed.set_label(some_id, lab); break;
                case 5: st = ed.set_span(some_id, a, b); break;
                case 6: {
                    const LabelSet& ls = ed.doc().labels();
                    if (ls.empty()) break;
                    Label l = ls[rng() % ls.size()];
                    const std::string old = l.name;
                    l.name = lab;
                    st = ed.update_label(old, l);
                    break;
                }
                case 7: st = ed.remove_label(lab, static_cast<LabelInUse>(rng() % 3), label_pool[rng() % 4]); break;
                case 8: st = ed.apply_preset(rng() % 2 ? Preset::OntoNotes : Preset::Conll2003); break;
                case 9: {
                    Editor::Group g(ed, "Group " + std::to_string(step));
                    for (int k = 0; k < 3; ++k) (void)ed.add_entity(rng() % 70, 70 + rng() % 3, label_pool[rng() % 4]);
                    break;
                }
            }
            if (!st.ok()) {
                ++failures;
                mismatches += !(snap(ed) == before) || ed.undo_stack().size() != depth || ed.revision() != rev;
            } else if (ed.undo_stack().size() == depth + 1) {
                states.push_back(snap(ed));
            } else {
                mismatches += !(snap(ed) == before) || ed.undo_stack().size() != depth;  // a no-op
            }
            // Every step keeps the invariant that every entity's label exists, and the per-label
            // counts equal a recount (failed commands included: they must leave the counts too).
            for (Slot s : ed.doc().entities().ordered())
                mismatches += ed.doc().labels().find(ed.doc().entities().get(s).label) == nullptr;
            mismatches += count_mismatches(ed.doc());
        }
        CHECK(failures > 0);
        CHECK(states.size() > 100);
        CHECK(mismatches == 0);
        for (size_t i = states.size() - 1; i-- > 0;) {
            CHECK(ed.undo());
            mismatches += !(snap(ed) == states[i]) + count_mismatches(ed.doc());
        }
        CHECK_FALSE(ed.undo());
        for (size_t i = 1; i < states.size(); ++i) {
            CHECK(ed.redo());
            mismatches += !(snap(ed) == states[i]) + count_mismatches(ed.doc());
        }
        CHECK_FALSE(ed.redo());
        CHECK(mismatches == 0);
    }
}

TEST_CASE(
    "apply_op and inverse: every recorded op undoes exactly, and an op on a changed entity or label changes nothing") {
    Editor ed = make_editor();
    auto [a, b] = span(ed, "Damascus");
    REQUIRE(ed.add_entity(a, b, "LOC").ok());
    REQUIRE(ed.set_note("e1", "capital").ok());
    REQUIRE(ed.add_label(Label{"EVENT", Color{1, 2, 3}, "e", ""}).ok());
    REQUIRE(ed.update_label("EVENT", Label{"EVT", Color{1, 2, 3}, "e", ""}).ok());
    // Undo every op of every command by hand on a copy: the document comes back to the empty one.
    Document d = ed.doc();
    for (size_t c = ed.undo_stack().size(); c-- > 0;)
        for (size_t i = ed.undo_stack()[c].ops.size(); i-- > 0;)
            CHECK(apply_op(d, inverse(ed.undo_stack()[c].ops[i])).ok());
    CHECK(d.entities().empty());
    CHECK(!d.labels().find("EVT"));
    CHECK(!d.labels().find("EVENT"));
    // inverse(inverse(op)) == op for every kind recorded here.
    for (const Command& cmd : ed.undo_stack())
        for (const Op& op : cmd.ops) CHECK(inverse(inverse(op)) == op);

    // An erase of an entity that is no longer as recorded fails and leaves the document as it was.
    Document cur = ed.doc();
    Op erase = inverse(ed.undo_stack()[0].ops[0]);  // erases e1 as it was first added (no note)
    const Document before = cur;
    CHECK(message_of(apply_op(cur, erase)) == "entity \"e1\" is not as recorded");
    CHECK(cur.entities().size() == before.entities().size());
    Op relabel = ed.undo_stack().back().ops.back();
    relabel.label_before.color = Color{9, 9, 9};
    CHECK(message_of(apply_op(cur, relabel)).find("is not as recorded") != std::string::npos);
}

TEST_CASE("an entity's lock is one undoable step, and nothing else of it changes") {
    Editor ed = make_editor();
    auto id = ed.add_entity(0, 15, "PER");
    REQUIRE(id.ok());
    const Entity before = *ed.doc().entities().find(*id);
    REQUIRE(ed.set_locked(*id, true).ok());
    CHECK(ed.doc().entities().find(*id)->locked);
    CHECK(ed.undo_name().rfind("Lock ", 0) == 0);
    Entity unlocked = *ed.doc().entities().find(*id);
    unlocked.locked = false;
    CHECK(unlocked == before);
    REQUIRE(ed.undo());
    CHECK_FALSE(ed.doc().entities().find(*id)->locked);
    REQUIRE(ed.redo());
    CHECK(ed.doc().entities().find(*id)->locked);
    CHECK(ed.set_locked("e99", true).error().message == "no entity with id \"e99\"");
}

TEST_CASE("with an annotator set, each entity and relation added carries the name and the clock's time") {
    Editor ed = make_editor();
    REQUIRE(ed.add_entity(0, 15, "PER").ok());  // no name yet: nothing stamped
    int ticks = 0;
    ed.set_annotator("ana", [&ticks] { return "2026-11-30T12:00:0" + std::to_string(ticks++) + "Z"; });
    auto e2 = ed.add_entity(21, 24, "PER");
    REQUIRE(e2.ok());
    REQUIRE(ed.add_relation_type(RelationType{"met", Color{}, "", "", {}, {}, true}).ok());
    auto r1 = ed.add_relation("e1", *e2, "met");
    REQUIRE(r1.ok());
    CHECK(ed.doc().entities().find("e1")->annotator.empty());
    CHECK(ed.doc().entities().find(*e2)->annotator == "ana");
    CHECK(ed.doc().entities().find(*e2)->created == "2026-11-30T12:00:00Z");
    CHECK(ed.doc().relations().find(*r1)->annotator == "ana");
    CHECK(ed.doc().relations().find(*r1)->created == "2026-11-30T12:00:01Z");
    // The stamp is part of the op: undo and redo give back the same entity, not a new time.
    REQUIRE(ed.undo());
    REQUIRE(ed.undo());
    REQUIRE(ed.undo());
    REQUIRE(ed.redo());
    CHECK(ed.doc().entities().find(*e2)->created == "2026-11-30T12:00:00Z");
    ed.set_annotator("", nullptr);
    auto e3 = ed.add_entity(38, 39, "MISC");
    REQUIRE(e3.ok());
    CHECK(ed.doc().entities().find(*e3)->annotator.empty());
}

TEST_CASE("per-label counts follow adds, relabels, renames, discards, replays, copies and resets") {
    Editor ed = make_editor();
    auto [a, b] = span(ed, "Damascus");
    auto [c, d] = span(ed, "Bashar");
    REQUIRE(ed.add_entity(a, b, "LOC").ok());
    REQUIRE(ed.add_entity(c, d, "PER").ok());
    REQUIRE(ed.add_entity(c, d, "ORG").ok());
    CHECK(ed.doc().entities().count_label("LOC") == 1);
    CHECK(ed.doc().entities().count_label("PER") == 1);
    REQUIRE(ed.set_label("e3", "LOC").ok());
    CHECK(ed.doc().entities().count_label("LOC") == 2);
    CHECK(ed.doc().entities().count_label("ORG") == 0);
    CHECK(ed.doc().entities().label_counts().count("ORG") == 0);  // no entry left at 0
    // A refused relabel (e3 would repeat e2: same span, PER) changes nothing.
    CHECK(!ed.set_label("e3", "PER").ok());
    CHECK(count_mismatches(ed.doc()) == 0);
    // A rename moves the count to the new name; undo moves it back.
    Label loc = *ed.doc().labels().find("LOC");
    loc.name = "PLACE";
    REQUIRE(ed.update_label("LOC", loc).ok());
    CHECK(ed.doc().entities().count_label("PLACE") == 2);
    CHECK(ed.doc().entities().count_label("LOC") == 0);
    REQUIRE(ed.undo());
    CHECK(ed.doc().entities().count_label("LOC") == 2);
    // A group undone and forgotten (a cancelled bulk labelling) leaves the counts as before it.
    ed.begin_group("bulk");
    REQUIRE(ed.add_entity(0, 6, "MISC").ok());
    REQUIRE(ed.remove_entity("e1").ok());
    ed.end_group();
    CHECK(ed.doc().entities().count_label("MISC") == 1);
    REQUIRE(ed.undo_discard());
    CHECK(ed.doc().entities().count_label("MISC") == 0);
    CHECK(count_mismatches(ed.doc()) == 0);
    // A journal record replayed on a copy gives the same counts; copies count on their own.
    Editor other(ed.doc());
    ed.set_recording(true);
    REQUIRE(ed.remove_entity("e2").ok());
    for (const HistoryEvent& ev : ed.take_events()) REQUIRE(other.replay(ev).ok());
    CHECK(other.doc().entities().label_counts() == ed.doc().entities().label_counts());
    Document copy = ed.doc();
    REQUIRE(ed.undo());
    CHECK(copy.entities().count_label("PER") == 0);
    CHECK(ed.doc().entities().count_label("PER") == 1);
    CHECK(count_mismatches(copy) == 0);
    CHECK(count_mismatches(ed.doc()) == 0);
    ed.reset(Document(ed.doc().text()));
    CHECK(ed.doc().entities().label_counts().empty());
}

namespace {
// "ab ab ab ...": `words` words of two code points, word i at [3i, 3i + 2).
Editor words_editor(size_t words) {
    std::string text;
    for (size_t i = 0; i < words; ++i) text += "ab ";
    return make_editor(text);
}
}  // namespace

TEST_CASE("a group's undo and redo build the entity tree again once, not an edit of O(log n) per op") {
    // Undoing a 10 MB propagation (16,000 spans among 100,000 entities, one group) applied every op
    // in one frame, each erase a descent of the tree recomputing its path: 16,000 times its depth.
    // Now a long run of entity ops rebuilds the tree once from the order (node_updates: the nodes
    // recomputed), and the result is the same document.
    Editor ed = words_editor(25000);
    const std::string label = ed.doc().labels()[0].name;
    std::vector<std::pair<size_t, size_t>> base, group;
    for (size_t i = 0; i < 25000; ++i) (i % 5 == 2 ? group : base).emplace_back(3 * i, 3 * i + 2);
    REQUIRE(ed.add_entities(base, label).ok());
    const Snapshot before = snap(ed);
    ed.begin_group("Propagate", group.size());
    for (size_t i = 0; i < group.size(); i += 64) {  // a step at a time, as bulk.cpp adds them
        const std::vector<std::pair<size_t, size_t>> step(
            group.begin() + static_cast<std::ptrdiff_t>(i),
            group.begin() + static_cast<std::ptrdiff_t>(std::min(group.size(), i + 64)));
        REQUIRE(ed.add_entities(step, label).ok());
    }
    ed.end_group();
    const Snapshot after = snap(ed);
    REQUIRE(after.entities.size() == 25000);
    REQUIRE(ed.undo_stack().back().ops.size() == 5000);

    const EntityStore& es = ed.doc().entities();
    const uint64_t u0 = es.node_updates();
    REQUIRE(ed.undo());
    const uint64_t undo_updates = es.node_updates() - u0;
    CHECK(snap(ed) == before);
    CHECK(es.check_index() == "");
    CHECK(count_mismatches(ed.doc()) == 0);
    // One rebuild: the 20,000 nodes left once. One erase at a time: ~5,000 times the depth (~150,000).
    CHECK_MESSAGE(undo_updates <= 20000, "undo recomputed " << undo_updates << " nodes");

    const uint64_t u1 = es.node_updates();
    REQUIRE(ed.redo());
    const uint64_t redo_updates = es.node_updates() - u1;
    CHECK(snap(ed) == after);
    CHECK(es.check_index() == "");
    CHECK(count_mismatches(ed.doc()) == 0);
    CHECK_MESSAGE(redo_updates <= 25000, "redo recomputed " << redo_updates << " nodes");
    CHECK(es.next_id() == "e25001");  // ids go on after the group's
    CHECK(es.find("e20001") != nullptr);

    // The queries read the rebuilt tree: what is at a word of the group, and around it.
    std::vector<Slot> out;
    es.at(3 * 2 + 1, out);
    REQUIRE(out.size() == 1);
    if (!out.empty()) CHECK(es.get(out[0]).start == 6);
    es.intersecting(0, 15, out);
    CHECK(out.size() == 5);
    CHECK(ed.undo());
    CHECK(snap(ed) == before);
}

namespace {
// The entities that carry an annotator, a created time or a lock, by a scan of every one: what
// count_made_or_locked() keeps without scanning (and what the native writer's version rests on).
size_t made_or_locked_scan(const Document& d) {
    size_t n = 0;
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        n += !e.annotator.empty() || !e.created.empty() || e.locked;
    }
    return n;
}
}  // namespace

TEST_CASE("the count of entities made or locked follows adds, edits, deletes, undo, redo, groups and resets") {
    Editor ed = words_editor(3000);
    const std::string label = ed.doc().labels()[0].name;
    const EntityStore& es = ed.doc().entities();
    const auto agrees = [&] {
        return es.count_made_or_locked() == made_or_locked_scan(ed.doc()) && es.check_index().empty();
    };
    std::vector<std::pair<size_t, size_t>> plain;
    for (size_t i = 0; i < 1000; ++i) plain.emplace_back(3 * i, 3 * i + 2);
    REQUIRE(ed.add_entities(plain, label).ok());  // no annotator: none made
    CHECK(es.count_made_or_locked() == 0);
    ed.set_annotator("ana", [] { return std::string("2026-12-03T11:00:00Z"); });
    auto a = ed.add_entity(3 * 1000, 3 * 1000 + 2, label);
    REQUIRE(a.ok());
    CHECK(es.count_made_or_locked() == 1);
    // Each field set and cleared on its own, by a replace that keeps the span and label.
    Entity e = *es.find(*a);
    e.annotator.clear();
    REQUIRE(ed.update_entity(e).ok());  // the created time is left
    CHECK(es.count_made_or_locked() == 1);
    e.created.clear();
    REQUIRE(ed.update_entity(e).ok());
    CHECK(es.count_made_or_locked() == 0);
    e.annotator = "bo";
    REQUIRE(ed.update_entity(e).ok());
    CHECK(es.count_made_or_locked() == 1);
    REQUIRE(ed.set_locked("e1", true).ok());  // a lock on an entity nobody is named for
    CHECK(es.count_made_or_locked() == 2);
    REQUIRE(ed.set_span("e1", 0, 5).ok());  // a replace that moves it: erased and inserted
    CHECK(es.count_made_or_locked() == 2);
    REQUIRE(ed.set_locked("e1", false).ok());
    CHECK(es.count_made_or_locked() == 1);
    REQUIRE(ed.remove_entity(*a).ok());
    CHECK(es.count_made_or_locked() == 0);
    CHECK(agrees());
    // Undone one by one back to the lock, then redone.
    for (size_t want : {1, 2, 2, 1, 0, 1, 1}) {
        REQUIRE(ed.undo());
        CHECK(es.count_made_or_locked() == want);
        CHECK(agrees());
    }
    for (size_t want : {1, 0, 1, 2, 2, 1, 0}) {
        REQUIRE(ed.redo());
        CHECK(es.count_made_or_locked() == want);
        CHECK(agrees());
    }
    // A group big enough to be undone and redone by a rebuild (erase_slots, insert_all), in one go
    // and a slice at a time.
    std::vector<std::pair<size_t, size_t>> group;
    for (size_t i = 1001; i < 3000; i += 2) group.emplace_back(3 * i, 3 * i + 2);
    REQUIRE(ed.add_entities(group, label).ok());
    CHECK(es.count_made_or_locked() == group.size());
    REQUIRE(ed.undo());
    CHECK(es.count_made_or_locked() == 0);
    REQUIRE(ed.redo());
    CHECK(es.count_made_or_locked() == group.size());
    CHECK(agrees());
    REQUIRE(ed.begin_steps(false));
    Result<bool> done = ed.step(300);
    REQUIRE(done.ok());
    CHECK(agrees());
    ed.finish_steps();
    CHECK(es.count_made_or_locked() == 0);
    // Another document (a file read, a new article) brings its own count; an empty one none.
    Document copy = ed.doc();
    REQUIRE(ed.redo());
    CHECK(copy.entities().count_made_or_locked() == 0);
    ed.reset(copy);
    CHECK(ed.doc().entities().count_made_or_locked() == 0);
    REQUIRE(ed.add_entities(group, label).ok());
    ed.reset(Document(ed.doc()));
    CHECK(ed.doc().entities().count_made_or_locked() == group.size());
    ed.reset(Document(ed.doc().text()));
    CHECK(ed.doc().entities().count_made_or_locked() == 0);
}

TEST_CASE("a long run of entity ops applied at once is still all or none") {
    Editor ed = words_editor(6000);
    const std::string label = ed.doc().labels()[0].name;
    std::vector<std::pair<size_t, size_t>> base;
    for (size_t i = 0; i < 2000; ++i) base.emplace_back(3 * i, 3 * i + 2);
    REQUIRE(ed.add_entities(base, label).ok());
    const Snapshot start = snap(ed);
    const size_t undo_depth = ed.undo_stack().size();

    // 2,000 inserts replayed as one journal record, the last one a span already labelled so.
    auto inserts = [&](size_t from, size_t count) {
        HistoryEvent ev{HistoryEvent::Kind::Do, Command{"bulk", {}}};
        for (size_t i = from; i < from + count; ++i) {
            Op& op = ev.command.ops.emplace_back();
            op.kind = Op::Kind::InsertEntity;
            op.entity_after.id = "x" + std::to_string(i);
            op.entity_after.start = 3 * i;
            op.entity_after.end = 3 * i + 2;
            op.entity_after.label = label;
        }
        return ev;
    };
    HistoryEvent dup_span = inserts(2000, 2000);
    dup_span.command.ops.back().entity_after.start = 0;
    dup_span.command.ops.back().entity_after.end = 2;
    Status s = ed.replay(dup_span);
    CHECK(message_of(s).find("already exists") != std::string::npos);
    CHECK(snap(ed) == start);
    CHECK(ed.doc().entities().check_index() == "");
    HistoryEvent dup_id = inserts(2000, 2000);
    dup_id.command.ops.back().entity_after.id = "x2000";
    CHECK(message_of(ed.replay(dup_id)).find("duplicate entity id") != std::string::npos);
    CHECK(snap(ed) == start);
    HistoryEvent past_end = inserts(2000, 2000);
    past_end.command.ops.back().entity_after.end = 99999;
    CHECK_FALSE(ed.replay(past_end).ok());
    CHECK(snap(ed) == start);
    CHECK(ed.undo_stack().size() == undo_depth);

    // 2,000 erases, one of them not as recorded (its note changed since).
    auto erases = [&]() {
        HistoryEvent ev{HistoryEvent::Kind::Do, Command{"erase", {}}};
        for (const Entity& e : start.entities) {
            Op& op = ev.command.ops.emplace_back();
            op.kind = Op::Kind::EraseEntity;
            op.entity_before = e;
        }
        return ev;
    };
    HistoryEvent stale = erases();
    REQUIRE(stale.command.ops.size() == 2000);
    stale.command.ops[1500].entity_before.note = "changed";
    CHECK(message_of(ed.replay(stale)).find("is not as recorded") != std::string::npos);
    CHECK(snap(ed) == start);
    HistoryEvent twice = erases();
    twice.command.ops.push_back(twice.command.ops.front());
    CHECK(message_of(ed.replay(twice)).find("is not as recorded") != std::string::npos);
    CHECK(snap(ed) == start);
    CHECK(ed.doc().entities().check_index() == "");

    // The valid ones apply, undo and redo.
    REQUIRE(ed.replay(inserts(2000, 2000)).ok());
    CHECK(ed.doc().entities().size() == 4000);
    CHECK(ed.doc().entities().check_index() == "");
    REQUIRE(ed.undo());
    CHECK(snap(ed) == start);
    REQUIRE(ed.replay(erases()).ok());
    CHECK(ed.doc().entities().empty());
    REQUIRE(ed.undo());
    CHECK(snap(ed) == start);
    CHECK(ed.doc().entities().check_index() == "");
    CHECK(count_mismatches(ed.doc()) == 0);
}

TEST_CASE("a group undone and redone in steps: the document whole after each, the history moved once, Cancel") {
    // A 10 MB propagation's undo is applied a slice per frame (ui/bulk.cpp): each step leaves a
    // consistent document, the history and the journal see one undo (redo) when the last op is
    // applied, nothing else changes the history meanwhile, and a cancel puts back what was applied.
    Editor ed = words_editor(3000);
    const std::string label = ed.doc().labels()[0].name;
    std::vector<std::pair<size_t, size_t>> base, group;
    for (size_t i = 0; i < 3000; ++i) (i % 3 == 1 ? group : base).emplace_back(3 * i, 3 * i + 2);
    REQUIRE(ed.add_entities(base, label).ok());
    const Snapshot before = snap(ed);
    ed.begin_group("Propagate", group.size());
    for (size_t i = 0; i < group.size(); i += 64) {
        const std::vector<std::pair<size_t, size_t>> step(
            group.begin() + static_cast<std::ptrdiff_t>(i),
            group.begin() + static_cast<std::ptrdiff_t>(std::min(group.size(), i + 64)));
        REQUIRE(ed.add_entities(step, label).ok());
    }
    ed.end_group();
    const Snapshot after = snap(ed);
    ed.set_recording(true);
    const size_t undo_depth = ed.undo_stack().size();

    REQUIRE(ed.begin_steps(false));
    CHECK_FALSE(ed.begin_steps(false));
    CHECK(ed.steps_total() == 1000);
    size_t steps = 0;
    Result<bool> done = false;
    while (done.ok() && !*done && steps < 100) {
        const uint64_t rev = ed.revision();
        const size_t n = ed.doc().entities().size();
        done = ed.step(64);
        ++steps;
        REQUIRE(done.ok());
        CHECK(ed.revision() > rev);
        CHECK(ed.doc().entities().size() == n - std::min<size_t>(64, n - 2000));
        CHECK(ed.doc().entities().check_index() == "");
        CHECK(count_mismatches(ed.doc()) == 0);
        if (!*done) {
            CHECK(ed.stepping());
            CHECK(ed.undo_stack().size() == undo_depth);  // the history as before until the last step
            CHECK(ed.take_events().empty());              // and nothing to journal
            CHECK_FALSE(ed.undo());                       // nothing else changes it meanwhile
            CHECK_FALSE(ed.redo());
            CHECK_FALSE(ed.add_entity(0, 2, label).ok());
        }
    }
    CHECK(steps == 16);  // ceil(1000 / 64)
    CHECK_FALSE(ed.stepping());
    CHECK(snap(ed) == before);
    CHECK(ed.undo_stack().size() == undo_depth - 1);
    CHECK(ed.redo_name() == "Propagate");
    std::vector<HistoryEvent> events = ed.take_events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == HistoryEvent::Kind::Undo);

    // A redo in steps, cancelled half way: the document and the history as before it.
    REQUIRE(ed.begin_steps(true));
    REQUIRE(ed.step(300).ok());
    CHECK(ed.doc().entities().size() == 2300);
    ed.cancel_steps();
    CHECK_FALSE(ed.stepping());
    CHECK(snap(ed) == before);
    CHECK(ed.doc().entities().check_index() == "");
    CHECK(ed.redo_name() == "Propagate");
    CHECK(ed.take_events().empty());

    // Finished at once after a few steps: the same as one redo.
    REQUIRE(ed.begin_steps(true));
    REQUIRE(ed.step(100).ok());
    ed.finish_steps();
    CHECK(snap(ed) == after);
    CHECK(ed.doc().entities().check_index() == "");
    CHECK(ed.undo_stack().size() == undo_depth);
    events = ed.take_events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == HistoryEvent::Kind::Redo);

    // An undo in steps, cancelled: back to the state after the group, which still undoes whole.
    REQUIRE(ed.begin_steps(false));
    REQUIRE(ed.step(500).ok());
    ed.cancel_steps();
    CHECK(snap(ed) == after);
    REQUIRE(ed.undo());
    CHECK(snap(ed) == before);
    // A reset drops steps under way.
    REQUIRE(ed.begin_steps(true));
    REQUIRE(ed.step(10).ok());
    ed.reset(Document{});
    CHECK_FALSE(ed.stepping());
    CHECK_FALSE(ed.begin_steps(true));
}
