// Tests for src/io/team: the ids of a team project's documents, their JSON readers (typed errors
// with line:column) and writers (round trip), the assembly of an annotated article, the merge of
// a same-user conflict, and the design document's shape.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../core/checks.hpp"
#include "io/json_read.hpp"
#include "io/team.hpp"

using namespace aa;
using namespace aa::io;
using aa::test::ent;

namespace {

std::vector<std::string> errors(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.report());
    return out;
}

}  // namespace

TEST_CASE("document ids split into their kind, article and user") {
    auto a = team::parse_doc_id("ann:a-1:alice");
    CHECK(a.kind == team::Kind::Ann);
    CHECK(a.article == "a-1");
    CHECK(a.user == "alice");
    CHECK(team::parse_doc_id("gold:a-1").kind == team::Kind::Gold);
    CHECK(team::parse_doc_id("article:x.y_z").kind == team::Kind::Article);
    CHECK(team::parse_doc_id("project").kind == team::Kind::Project);
    CHECK(team::parse_doc_id("_design/annotator").kind == team::Kind::Design);
    CHECK(team::parse_doc_id("ann:a1").kind == team::Kind::Unknown);
    CHECK(team::parse_doc_id("ann:a1:").kind == team::Kind::Unknown);
    CHECK(team::parse_doc_id("article:a b").kind == team::Kind::Unknown);
    CHECK(team::parse_doc_id("other").kind == team::Kind::Unknown);
    CHECK(team::ann_doc_id("a1", "bob") == "ann:a1:bob");
    CHECK(team::article_id_from("My file (2).json") == "My-file--2-.json");
    CHECK(team::check_article_id("a:b").error().message ==
          "an article id may hold only letters, digits, '.', '_' and '-'");
}

TEST_CASE("an article reads back what was written") {
    team::Article a;
    a.id = "a1";
    a.rev = "1-abc";
    a.title = "Talks";
    a.source = "news.txt";
    a.text = "Café “Paris” 😀 Lyon";
    a.assigned = {"alice", "bob"};
    const std::string j = team::to_json(a);
    CHECK(j ==
          "{\"_id\":\"article:a1\",\"_rev\":\"1-abc\",\"type\":\"article\",\"title\":\"Talks\",\"source\":\"news.txt\","
          "\"text\":\"Café “Paris” 😀 Lyon\",\"assigned\":[\"alice\",\"bob\"]}");
    auto p = team::parse_article(j);
    REQUIRE(p.ok());
    CHECK(p.value->id == "a1");
    CHECK(p.value->rev == "1-abc");
    CHECK(p.value->text == a.text);
    CHECK(p.value->assigned == a.assigned);
}

TEST_CASE("a bad article is refused with the place of each problem") {
    auto p = team::parse_article(
        "{\"_id\": \"article:a1\",\n \"type\": \"article\",\n \"text\": 5,\n \"assigned\": [\"a\", 3]}");
    CHECK_FALSE(p.ok());
    CHECK(errors(p.diagnostics) == std::vector<std::string>{"3:10: error: text: expected a string, got 5",
                                                            "4:20: error: assigned[1]: expected a user name, got 3"});
    auto q = team::parse_article("{\"_id\": \"gold:a1\", \"type\": \"article\", \"text\": \"\"}");
    CHECK(q.first_error() == "1:9: error: _id: expected \"article:<id>\", got \"gold:a1\"");
    CHECK(team::parse_article("[1]").first_error() == "1:1: error: expected an object at the top level, got an array");
    CHECK(team::parse_article("{").first_error().find("error:") != std::string::npos);
}

TEST_CASE("annotations round-trip with their entities, note and status") {
    auto text = Text::from_utf8("Ann met Bob in Paris.");
    REQUIRE(text.ok());
    team::Annotations a;
    a.article = "a1";
    a.user = "alice";
    a.status = "in-progress";
    a.note = "hard one";
    a.modified = "2026-11-30T06:00:00Z";
    a.entities = {ent("e1", 0, 3, "PER"), ent("e2", 15, 20, "LOC")};
    a.entities[1].note = "city";
    a.entities[1].kb_id = "Q90";
    a.entities[1].attributes = {{"country", "FR"}};
    const std::string j = team::to_json(a, *text);
    CHECK(j.find("\"text\":\"Paris\"") != std::string::npos);
    auto p = team::parse_annotations(j);
    REQUIRE(p.ok());
    CHECK(*p.value == a);

    team::Annotations g = a;
    g.user = "";
    g.curator = "rita";
    auto pg = team::parse_annotations(team::to_json(g, *text));
    REQUIRE(pg.ok());
    CHECK(pg.value->is_gold());
    CHECK(*pg.value == g);
}

TEST_CASE("annotations whose content disagrees with their _id are refused") {
    auto p = team::parse_annotations(
        "{\"_id\": \"ann:a1:alice\", \"type\": \"ann\", \"article\": \"a2\", \"user\": \"bob\",\n"
        " \"status\": \"finished\", \"entities\": [{\"id\": \"e1\", \"start\": 4, \"end\": 2, \"label\": \"PER\"}]}");
    CHECK(errors(p.diagnostics) ==
          std::vector<std::string>{
              "1:51: error: article: \"a2\" is not the article of the _id (\"a1\")",
              "1:65: error: user: \"bob\" is not the user of the _id (\"alice\")",
              "2:12: error: status: unknown status \"finished\" (expected \"todo\", \"in-progress\" or \"done\")",
              "2:69: error: entities[0].end: 2 is not after start 4"});
    auto q =
        team::parse_annotations("{\"_id\": \"gold:a1\", \"type\": \"ann\", \"article\": \"a1\", \"entities\": []}");
    CHECK(q.first_error() == "1:28: error: type: expected \"gold\", got \"ann\"");
}

TEST_CASE("a project's labels are read by the native rules") {
    const char* j =
        "{\"_id\": \"project\", \"type\": \"project\", \"name\": \"News\", \"guidelines\": \"Tag people.\",\n"
        " \"labels\": [{\"name\": \"PER\", \"color\": \"#aa9cfc\", \"key\": \"1\"}], \"suggest\": {\"rules\": []}}";
    auto p = team::parse_project(j);
    CHECK(errors(p.diagnostics).empty());
    REQUIRE(p.ok());
    CHECK(p.value->name == "News");
    CHECK(p.value->labels.size() == 1);
    CHECK(p.value->suggest == aa::SuggestConfig{std::nullopt, std::nullopt, std::vector<aa::Rule>{}});
    auto back = team::parse_project(team::to_json(*p.value));
    REQUIRE(back.ok());
    CHECK(back.value->labels.all() == p.value->labels.all());
    CHECK(back.value->guidelines == "Tag people.");

    auto bad = team::parse_project(
        "{\"_id\": \"project\", \"type\": \"project\",\n \"labels\": [{\"name\": \"PER\"}, {\"name\": \"PER\"}]}");
    CHECK(bad.first_error() == "2:39: error: labels[1].name: duplicate label \"PER\" (also labels[0])");
}

TEST_CASE("an article assembles with its annotations; a bad entity is named with its document") {
    team::Project project;
    project.labels = default_labels();
    team::Article article;
    article.id = "a1";
    article.title = "T";
    article.text = "Ann met Bob.";
    team::Annotations ann;
    ann.article = "a1";
    ann.user = "alice";
    ann.entities = {ent("e1", 0, 3, "PER"), ent("e2", 8, 11, "PER")};
    auto d = team::assemble(project, article, &ann);
    REQUIRE(d.ok());
    CHECK(d->entities().size() == 2);
    CHECK(d->info.title == "T");

    ann.entities.push_back(ent("e3", 8, 40, "PER"));
    CHECK(team::assemble(project, article, &ann).error().summary() ==
          "ann:a1:alice: entities[2].end: 40 is past the end of the text (12 code points)");
    ann.entities.back() = ent("e3", 0, 3, "EVENT");
    CHECK(team::assemble(project, article, &ann).error().summary() ==
          "ann:a1:alice: entities[2].label: unknown label \"EVENT\" (not declared in labels)");
    auto plain = team::assemble(project, article, nullptr);
    REQUIRE(plain.ok());
    CHECK(plain->entities().empty());

    auto back = team::annotations_of(*d, "a1", "alice");
    CHECK(back.entities.size() == 2);
}

TEST_CASE("a same-user conflict merges entities, note and status from the common revision") {
    team::Annotations base;
    base.article = "a1";
    base.user = "alice";
    base.entities = {ent("e1", 0, 3, "PER")};
    team::Annotations ours = base, theirs = base;
    ours.rev = "3-ours";
    ours.entities.push_back(ent("e2", 8, 11, "PER"));
    ours.modified = "2026-11-30T06:00:00Z";
    theirs.entities[0].label = "ORG";
    theirs.status = "done";
    theirs.modified = "2026-11-30T07:00:00Z";
    auto m = team::merge_annotations(base, ours, theirs);
    CHECK(m.clean());
    CHECK(m.merged.rev == "3-ours");
    CHECK(m.merged.entities == std::vector<Entity>{ent("e1", 0, 3, "ORG"), ent("e2", 8, 11, "PER")});
    CHECK(m.merged.status == "done");
    CHECK(m.merged.modified == "2026-11-30T07:00:00Z");

    ours.note = "mine";
    theirs.note = "theirs";
    auto c = team::merge_annotations(base, ours, theirs);
    REQUIRE(c.conflicts.size() == 1);
    CHECK(c.conflicts[0].message == "note changed on both sides (base \"\", ours \"mine\", theirs \"theirs\")");
}

TEST_CASE("the design document carries validate_doc_update and the queue view; _security admits the three roles") {
    auto d = json::parse_quiet(team::design_document_json());
    REQUIRE(d);
    CHECK((*d)["_id"] == "_design/annotator");
    CHECK((*d)["validate_doc_update"].get<std::string>().rfind("function (newDoc, oldDoc, userCtx, secObj)", 0) == 0);
    CHECK((*d)["views"]["queue"]["map"] == team::queue_view_map_source());
    auto s = json::parse_quiet(team::security_json());
    REQUIRE(s);
    CHECK((*s)["members"]["roles"] == json::ojson::parse("[\"annotator\",\"reviewer\",\"reader\"]"));
}
