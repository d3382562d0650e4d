// Tests for src/io/team_page: the page's team messages (sync script -> App) read into typed events,
// malformed ones refused with what is wrong, and the merge of two revisions of an ann: document as
// the page's API runs it (JSON in, JSON out, the common revision optional).
#include <doctest/doctest.h>

#include <string>

#include "io/team_page.hpp"

using namespace aa;
using namespace aa::io;
using K = team::PageEvent::Kind;

TEST_CASE("team messages: session, sign in again, sync state and the queue without texts") {
    auto s = team::parse_page_event(R"({"kind":"session","url":"http://h/db","user":"alice","roles":["annotator"]})");
    REQUIRE(s.ok());
    CHECK(s->kind == K::Session);
    CHECK(s->user == "alice");
    CHECK(s->roles == std::vector<std::string>{"annotator"});

    auto again = team::parse_page_event(R"({"kind":"sign-in","message":"Your session at http://h has ended"})");
    REQUIRE(again.ok());
    CHECK(again->kind == K::SignIn);
    CHECK(again->message == "Your session at http://h has ended");

    auto y = team::parse_page_event(R"({"kind":"sync","state":"waiting","waiting":3})");
    REQUIRE(y.ok());
    CHECK(y->sync == "waiting");
    CHECK(y->waiting == 3);

    auto q = team::parse_page_event(
        R"({"kind":"queue","articles":[{"id":"a1","title":"T","assigned":[],"status":{"alice":"done","bob":"todo"},"gold":true}]})");
    REQUIRE(q.ok());
    REQUIRE(q->articles.size() == 1);
    CHECK(q->articles[0].id == "a1");
    CHECK(q->articles[0].gold);
    CHECK(q->articles[0].statuses ==
          std::vector<std::pair<std::string, std::string>>{{"alice", "done"}, {"bob", "todo"}});
}

TEST_CASE("team messages: an article carries its documents as JSON; bad messages say what is wrong") {
    auto a = team::parse_page_event(
        R"({"kind":"article","project":{"_id":"project"},"article":{"_id":"article:a1"},"annotations":null,"target":"ann:a1:alice"})");
    REQUIRE(a.ok());
    CHECK(a->kind == K::Article);
    CHECK(a->project == R"({"_id":"project"})");
    CHECK(a->annotations.empty());
    CHECK(a->target == "ann:a1:alice");

    CHECK(team::parse_page_event("[1]").error().summary() == "team message: not a JSON object");
    CHECK(team::parse_page_event(R"({"kind":"nope"})").error().summary() == "team message: unknown kind \"nope\"");
    CHECK(team::parse_page_event(R"({"kind":"queue","articles":[{"title":"x"}]})").error().summary() ==
          "team message: articles[0] has no \"id\"");
    CHECK(team::parse_page_event(R"({"kind":"article","target":"ann:a1:alice"})").error().summary() ==
          "team message: an article without its \"project\" or \"article\" document");
}

TEST_CASE("team messages: a notice or an error of the corpus's export or import names its operation") {
    auto n =
        team::parse_page_event(R"x({"kind":"notice","op":"export","message":"Exported 2 article(s)","done":true})x");
    REQUIRE(n.ok());
    CHECK(n->kind == K::Notice);
    CHECK(n->op == "export");
    CHECK(n->done);
    CHECK(n->message == "Exported 2 article(s)");
    auto e = team::parse_page_event(R"x({"kind":"error","op":"import","message":"Import of 1 file(s): ..."})x");
    REQUIRE(e.ok());
    CHECK(e->op == "import");
    CHECK(team::parse_page_event(R"({"kind":"notice","op":"export"})").error().summary() ==
          "team message: a notice without \"message\"");
}

TEST_CASE("team messages: a page of a corpus-wide comparison carries each article's three documents") {
    auto c = team::parse_page_event(
        R"({"kind":"corpus","a":"alice","b":"bob","project":{"_id":"project"},"done":true,"seen":3,)"
        R"("pairs":[{"article":{"_id":"article:a1"},"a":{"_id":"ann:a1:alice"},"b":{"_id":"ann:a1:bob"}}]})");
    REQUIRE(c.ok());
    CHECK(c->kind == K::Corpus);
    CHECK(c->a == "alice");
    CHECK(c->b == "bob");
    CHECK(c->done);
    CHECK(c->articles_seen == 3);
    REQUIRE(c->pairs.size() == 1);
    CHECK(c->pairs[0].article == R"({"_id":"article:a1"})");
    CHECK(c->pairs[0].b == R"({"_id":"ann:a1:bob"})");
    CHECK(team::parse_page_event(R"({"kind":"corpus","a":"alice","pairs":[]})").error().summary() ==
          "team message: a corpus comparison without \"a\" or \"b\"");
    CHECK(team::parse_page_event(R"({"kind":"corpus","a":"alice","b":"bob","pairs":[{"a":{}}]})").error().summary() ==
          "team message: pairs[0] needs the \"article\", \"a\" and \"b\" documents");
}

TEST_CASE("merge_json: two devices' revisions merged from their common one; conflicts named") {
    const std::string text = "Angela Merkel visited Paris.";
    const std::string base =
        R"({"_id":"ann:a1:alice","_rev":"1-a","type":"ann","article":"a1","user":"alice","status":"in-progress","note":"",)"
        R"("entities":[{"id":"e1","start":0,"end":13,"label":"PER"}]})";
    const std::string ours =
        R"({"_id":"ann:a1:alice","_rev":"2-o","type":"ann","article":"a1","user":"alice","status":"in-progress","note":"",)"
        R"("entities":[{"id":"e1","start":0,"end":13,"label":"PER"},{"id":"e2","start":22,"end":27,"label":"LOC"}]})";
    const std::string theirs =
        R"({"_id":"ann:a1:alice","_rev":"2-t","type":"ann","article":"a1","user":"alice","status":"done","note":"",)"
        R"("entities":[{"id":"e1","start":0,"end":13,"label":"ORG"}]})";
    auto m = team::merge_json(base, ours, theirs, text);
    REQUIRE(m.ok());
    CHECK(
        *m ==
        R"({"merged":{"_id":"ann:a1:alice","_rev":"2-o","type":"ann","article":"a1","user":"alice","status":"done","note":"",)"
        R"("entities":[{"id":"e1","start":0,"end":13,"label":"ORG","text":"Angela Merkel"},)"
        R"({"id":"e2","start":22,"end":27,"label":"LOC","text":"Paris"}]},"conflicts":[]})");

    // Without a common revision both sides' entities count as added: the same one is kept once,
    // and a label changed differently is a conflict only when the base is known.
    auto n = team::merge_json("", ours, ours, text);
    REQUIRE(n.ok());
    CHECK(n->find(R"("conflicts":[])") != std::string::npos);

    const std::string relabelled =
        R"({"_id":"ann:a1:alice","_rev":"2-x","type":"ann","article":"a1","user":"alice","status":"in-progress","note":"",)"
        R"("entities":[{"id":"e1","start":0,"end":13,"label":"LOC"}]})";
    auto c = team::merge_json(base, theirs, relabelled, text);
    REQUIRE(c.ok());
    CHECK(c->find(R"(label changed on both sides (base \"PER\", ours \"ORG\", theirs \"LOC\"))") != std::string::npos);

    CHECK(team::merge_json(base, "{", theirs, text).error().summary().rfind("ours: ", 0) == 0);
}
