// The native format's version 2 (src/io/relations_json.cpp): relations, relation types, document
// labels and guidelines written and read back byte for byte, the checks' positioned messages, and
// the session's ops of every new kind saved and replayed.
#include <doctest/doctest.h>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/journal.hpp"
#include "io/native_json.hpp"
#include "io/session.hpp"

using aa::test::read_fixture;

namespace {

std::vector<std::string> described(const aa::io::ReadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) out.push_back(d.report());
    return out;
}

std::vector<aa::Relation> relations_of(const aa::Document& d) {
    std::vector<aa::Relation> out;
    for (const auto& [id, r] : d.relations().all()) out.push_back(r);
    return out;
}

// The article of native/relations.json built through the Editor: 5 entities, 3 relation types,
// 3 relations, 2 document label types (multi-choice, both chosen) and guidelines.
bool build(aa::Editor& ed) {
    auto t = aa::Text::from_utf8(
        "Angela Merkel met Emmanuel Macron in Paris.\nMerkel leads the CDU; Macron leads "
        "Renaissance.");
    if (!t.ok()) return false;
    ed.reset(aa::Document(std::move(t.value())));
    ed.info().title = "Merkel in Paris";
    ed.info().guidelines = "# People\n- **PER**: a person, see [the guide](https://example.org/guide)";
    bool ok = true;
    for (auto [a, b, l] : {std::tuple{0, 13, "PER"}, std::tuple{18, 33, "PER"}, std::tuple{37, 42, "LOC"},
                           std::tuple{61, 64, "ORG"}, std::tuple{79, 90, "ORG"}})
        ok &= ed.add_entity(static_cast<size_t>(a), static_cast<size_t>(b), l).ok();
    ok &= ed
              .add_relation_type(aa::RelationType{
                  "leader_of", aa::Color{0xcc, 0x33, 0x33}, "l", "Heads an organisation", {"PER"}, {"ORG"}, false})
              .ok();
    ok &=
        ed.add_relation_type(aa::RelationType{"met_with", aa::Color{0x33, 0x66, 0xcc}, "m", "", {"PER"}, {"PER"}, true})
            .ok();
    ok &= ed.add_relation_type(aa::RelationType{"located_in", aa::Color{0x33, 0x99, 0x33}, "", "", {}, {"LOC"}, false})
              .ok();
    ok &= ed.add_relation("e1", "e2", "met_with", "first meeting").ok();
    ok &= ed.add_relation("e1", "e4", "leader_of").ok();
    ok &= ed.add_relation("e2", "e5", "leader_of").ok();
    ok &= ed.add_relation("e1", "e3", "located_in").ok();
    ok &= ed.add_relation("e2", "e3", "located_in").ok();
    ok &= ed.add_doc_label_type(aa::Label{"politics", aa::Color{0xee, 0xee, 0x88}, "", "Government and parties"}).ok();
    ok &= ed.add_doc_label_type(aa::Label{"europe", aa::Color{0x88, 0xee, 0xee}, "", ""}).ok();
    ok &= ed.set_doc_labels_multi(true).ok();
    ok &= ed.toggle_doc_label("politics").ok();
    ok &= ed.toggle_doc_label("europe").ok();
    return ok;
}

}  // namespace

TEST_CASE("native version 2: relations, document labels and guidelines written and read back byte for byte") {
    aa::Editor ed;
    AA_REQUIRE(build(ed));
    const std::string golden = read_fixture("native/relations.json");
    aa::io::WriteResult w = aa::io::write("native", ed.doc());
    AA_REQUIRE(w.ok());
    CHECK(w.diagnostics.empty());
    CHECK(w.output == golden);
    // The tree writer (the session's) lays out the same bytes.
    CHECK(aa::io::native::layout(aa::io::native::to_json(ed.doc()), true) == golden);

    aa::io::ReadResult r = aa::io::read("native", golden);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Document& d = r.documents[0];
    CHECK(relations_of(d) == relations_of(ed.doc()));
    CHECK(d.relation_types().all() == ed.doc().relation_types().all());
    CHECK(d.doc_label_types().all() == ed.doc().doc_label_types().all());
    CHECK(d.doc_labels() == ed.doc().doc_labels());
    CHECK(d.info == ed.doc().info);
    CHECK(aa::io::write("native", d).output == golden);
    // Compact output reads back to the same document too.
    aa::io::WriteOptions compact;
    compact.pretty = false;
    aa::io::ReadResult rc = aa::io::read("native", aa::io::write("native", d, compact).output);
    AA_REQUIRE(rc.ok());
    CHECK(aa::io::write("native", rc.documents[0]).output == golden);
}

TEST_CASE("native version 2: a document without relations is still written as version 1") {
    aa::Editor ed;
    AA_REQUIRE(build(ed));
    aa::Document d = ed.doc();
    aa::Editor plain{aa::Document(d.text())};
    CHECK(aa::io::write("native", plain.doc()).output.find("\"version\": 1,") != std::string::npos);
    CHECK(aa::io::write("native", d).output.find("\"version\": 2,") != std::string::npos);
}

TEST_CASE("native version 2: an entity's annotator, created time or lock makes it version 2, while one has it") {
    auto t = aa::Text::from_utf8("Nuland met Lavrov in Kyiv.");
    AA_REQUIRE(t.ok());
    aa::Editor ed{aa::Document(std::move(t.value()))};
    const auto version = [&ed](bool pretty) {
        aa::io::WriteOptions o;
        o.pretty = pretty;
        const std::string out = aa::io::write("native", ed.doc(), o).output;
        const size_t at = out.find("\"version\":");
        return at == std::string::npos ? std::string("none") : out.substr(at + 10, 3);
    };
    const auto both = [&version](const std::string& v) {
        return version(true) == " " + v + "," && version(false) == v + ",\"";
    };
    AA_REQUIRE(ed.add_entity(0, 6, "PER").ok());
    CHECK(both("1"));
    aa::Entity e = *ed.doc().entities().find("e1");
    aa::Entity by_ana = e, dated = e, locked = e;
    by_ana.annotator = "ana";
    dated.created = "2026-12-03T11:00:00Z";
    locked.locked = true;
    for (const aa::Entity& with : {by_ana, dated, locked}) {
        AA_REQUIRE(ed.update_entity(with).ok());
        CHECK_MESSAGE(both("2"), version(true) << " / " << version(false));
        AA_REQUIRE(ed.undo());
        CHECK(both("1"));
    }
    // Read back from a file whose one such entity is then deleted.
    ed.set_annotator("ana", [] { return std::string("2026-12-03T11:00:00Z"); });
    AA_REQUIRE(ed.add_entity(11, 17, "PER").ok());
    aa::io::ReadResult r = aa::io::read("native", aa::io::write("native", ed.doc()).output);
    AA_REQUIRE(r.ok());
    aa::Editor back{std::move(r.documents[0])};
    CHECK(back.doc().entities().count_made_or_locked() == 1);
    AA_REQUIRE(back.remove_entity("e2").ok());
    CHECK(aa::io::write("native", back.doc()).output.find("\"version\": 1,") != std::string::npos);
}

TEST_CASE("native version 2: every problem with relations and document labels, at its line and column") {
    const std::string input = R"({"format": "article-annotator", "version": 2, "text": "Merkel met Macron in Paris.",
"labels": [{"name": "PER", "color": "#aa9cfc"}, {"name": "LOC", "color": "#feca74"}],
"relation_types": [{"name": "met_with", "color": "#3366cc", "sources": ["PERSON"]}, {"name": "in", "color": "#339933", "targets": ["LOC"], "symmetric": "yes"}],
"doc_label_types": [{"name": "politics", "color": "#eeee88"}],
"doc_label_choice": "several",
"entities": [{"id": "e1", "start": 0, "end": 6, "label": "PER", "text": "Merkel"}, {"id": "e2", "start": 11, "end": 17, "label": "PER", "text": "Macron"}],
"relations": [{"id": "r1", "type": "likes", "from": "e1", "to": "e2"}, {"id": "r2", "type": "met_with", "from": "e1", "to": "e9"}, {"id": "r3", "type": "met_with", "from": "e1"}],
"doc_labels": ["sports"]}
)";
    aa::io::ReadResult r = aa::io::read("native", input);
    CHECK_FALSE(r.ok());
    CHECK(described(r) ==
          std::vector<std::string>{
              "3:73: error: relation_types[0].sources[0]: unknown label \"PERSON\" (not declared in labels)",
              "3:153: error: relation_types[1].symmetric: expected true or false, got a string",
              "5:21: error: doc_label_choice: expected \"single\" or \"multi\", got \"several\"",
              "7:36: error: relations[0].type: unknown relation type \"likes\" (not declared in "
              "relation_types)",
              "7:125: error: relations[1].to: no entity with id \"e9\"",
              "7:132: error: relations[2]: missing required field \"to\"",
              "8:16: error: doc_labels[0]: unknown document label \"sports\" (not declared in "
              "doc_label_types)",
          });
    CHECK(r.documents.empty());
}

TEST_CASE("native version 2: a relation its type no longer allows is kept with a warning") {
    const std::string input = R"({"format": "article-annotator", "version": 2, "text": "Merkel in Paris.",
"labels": [{"name": "PER", "color": "#aa9cfc"}, {"name": "LOC", "color": "#feca74"}],
"relation_types": [{"name": "located_in", "color": "#339933", "targets": ["LOC"]}],
"entities": [{"id": "e1", "start": 0, "end": 6, "label": "PER", "text": "Merkel"}, {"id": "e2", "start": 10, "end": 15, "label": "PER", "text": "Paris"}],
"relations": [{"id": "r1", "type": "located_in", "from": "e1", "to": "e2"}]}
)";
    aa::io::ReadResult r = aa::io::read("native", input);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(described(r) ==
          std::vector<std::string>{"5:15: warning: relations[0]: located_in cannot end at PER (allowed: LOC)"});
    CHECK(r.documents[0].relations().size() == 1);
}

TEST_CASE("a session carries relation, relation type and document label ops, and they replay") {
    aa::Editor ed;
    AA_REQUIRE(build(ed));
    AA_REQUIRE(ed.reverse_relation("r1").ok());
    const size_t commands = ed.undo_stack().size();
    AA_REQUIRE(ed.set_relation_type("r4", "located_in").ok());  // unchanged type: no command
    AA_REQUIRE(ed.undo_stack().size() == commands);
    AA_REQUIRE(ed.remove_entity("e3").ok());  // and its two located_in relations
    AA_REQUIRE(ed.remove_doc_label_type("europe").ok());
    AA_REQUIRE(ed.update_relation_type("leader_of",
                                       aa::RelationType{"heads", aa::Color{1, 2, 3}, "l", "", {"PER"}, {"ORG"}, false})
                   .ok());
    AA_REQUIRE(ed.undo());  // one command on the redo stack
    const std::string saved = aa::io::write_session(ed);
    auto s = aa::io::read_session(saved);
    AA_REQUIRE_MESSAGE(s.ok(), s.error().summary());
    CHECK(s->warnings.empty());
    CHECK(s->undo == ed.undo_stack());
    CHECK(s->redo == ed.redo_stack());
    aa::Editor back;
    aa::io::restore_session(back, std::move(s.value()));
    CHECK(relations_of(back.doc()) == relations_of(ed.doc()));
    CHECK(aa::io::write_session(back) == saved);
    // Undo everything: the document is the empty article again, with no relation left behind.
    while (back.undo()) {
    }
    CHECK(back.doc().relations().empty());
    CHECK(back.doc().relation_types().empty());
    CHECK(back.doc().entities().empty());
    while (back.redo()) {
    }
    AA_REQUIRE(ed.redo());  // the rename left on the redo stack, redone on both
    CHECK(relations_of(back.doc()) == relations_of(ed.doc()));
    CHECK(back.doc().relation_types().find("heads") != nullptr);
}

TEST_CASE("a format that cannot hold relations or document labels says what it drops") {
    aa::Editor ed;
    AA_REQUIRE(build(ed));
    for (const char* id : {"conll", "xml", "csv", "displacy"}) {
        aa::io::WriteResult w = aa::io::write(id, ed.doc());
        AA_REQUIRE_MESSAGE(w.ok(), id);
        std::vector<std::string> said;
        for (const auto& d : w.diagnostics)
            if (d.message.find("relation") != std::string::npos ||
                d.message.find("document labels") != std::string::npos)
                said.push_back(d.report());
        const std::vector<std::string> expected = {
            "warning: 5 relations are dropped: the " + std::string(id) + " format cannot hold relations",
            "warning: the document labels of 1 document are dropped: the " + std::string(id) +
                " format cannot hold document labels"};
        CHECK_MESSAGE(said == expected, id);
    }
}

TEST_CASE("the autosave journal records relation and document label edits and replays them") {
    aa::Editor ed;
    AA_REQUIRE(build(ed));
    ed.clear_history();
    const std::string snapshot = aa::io::write_snapshot(ed);
    ed.set_recording(true);
    AA_REQUIRE(ed.reverse_relation("r2").ok() == false);  // leader_of PER -> ORG: reversed is ORG -> PER, refused
    AA_REQUIRE(ed.set_relation_note("r2", "since 2000").ok());
    AA_REQUIRE(ed.remove_entity("e3").ok());
    AA_REQUIRE(ed.toggle_doc_label("europe").ok());
    AA_REQUIRE(ed.undo());
    std::vector<std::string> records;
    uint64_t seq = 0;
    for (aa::HistoryEvent& e : ed.take_events()) records.push_back(aa::io::encode_record({++seq, std::move(e), {}}));
    CHECK(records.size() == 4);
    auto back = aa::io::read_snapshot(snapshot, ed.doc().text().utf8());
    AA_REQUIRE_MESSAGE(back.ok(), back.error().summary());
    aa::Editor restored;
    aa::io::restore_session(restored, std::move(back.value()));
    const aa::io::ReplayReport rep = aa::io::replay_journal(restored, 0, records);
    CHECK(rep.applied == 4);
    CHECK(rep.why_dropped == "");
    CHECK(relations_of(restored.doc()) == relations_of(ed.doc()));
    CHECK(restored.doc().doc_labels() == ed.doc().doc_labels());
    CHECK(aa::io::write("native", restored.doc()).output == aa::io::write("native", ed.doc()).output);
}
