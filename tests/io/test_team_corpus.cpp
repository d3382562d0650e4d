// Tests for src/io/team_corpus: a corpus of files read as annotator push and the page's import read
// it (brat pairs, lone texts, several documents in one file, bad files named with their position),
// what a push writes given what exists, one article exported as pull writes it, and the page's
// JSON for both.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/json_read.hpp"
#include "io/team_corpus.hpp"

using namespace aa;
using namespace aa::io;

namespace {

const std::string kNative = R"({"format":"article-annotator","version":1,"text":"Ada Lovelace lived in London.",)"
                            R"("labels":[{"name":"PER","color":"#1f77b4"},{"name":"LOC","color":"#2ca02c"}],)"
                            R"("entities":[{"id":"e1","start":0,"end":12,"label":"PER","text":"Ada Lovelace"}]})";

std::vector<team::CorpusFile> corpus_files() {
    return {
        {"b.json", kNative},
        {"a.txt", "Marie Curie worked in Warsaw."},
        {"c.ann", "T1\tLOC 22 28\tWarsaw\n"},
        {"c.txt", "Marie Curie worked in Warsaw."},
    };
}

std::vector<std::string> ids(const team::CorpusRead& r) {
    std::vector<std::string> out;
    for (const auto& d : r.docs)
        out.push_back(d.article + " " + d.file + " " + std::to_string(d.doc.entities().size()));
    return out;
}

}  // namespace

TEST_CASE("a corpus reads in name order: a lone text, brat's .ann with its .txt, any other format") {
    const team::CorpusRead r = team::read_corpus(corpus_files(), "corpus/");
    REQUIRE(r.ok);
    CHECK(r.messages.empty());
    CHECK(ids(r) == std::vector<std::string>{"a corpus/a.txt 0", "b corpus/b.json 1", "c corpus/c.ann 1"});
    CHECK(r.docs[0].doc.info.source == "a.txt");
}

TEST_CASE("a bad file is named with its line and column, and nothing of the corpus is kept") {
    auto files = corpus_files();
    files.push_back({"d.json", "{\"format\": \"article-annotator\",\n \"text\": 12}"});
    files.push_back({"e.ann", "T1\tPER 0 5\tMarie\n"});  // no e.txt
    const team::CorpusRead r = team::read_corpus(files, "");
    CHECK_FALSE(r.ok);
    CHECK(r.docs.empty());
    REQUIRE(r.messages.size() >= 2);
    CHECK(std::any_of(r.messages.begin(), r.messages.end(),
                      [](const std::string& m) { return m.rfind("d.json:2:", 0) == 0; }));  // "text": 12
    CHECK(r.messages.back() == "e.ann: error: brat's text e.txt is not among the files");
}

TEST_CASE("two files that give one article id are refused, naming both") {
    const team::CorpusRead r = team::read_corpus({{"a b.txt", "One."}, {"a-b.txt", "Two."}}, "");
    CHECK_FALSE(r.ok);
    CHECK(r.messages ==
          std::vector<std::string>{"a-b.txt: error: the article id a-b is also a b.txt's (rename one of them)"});
}

TEST_CASE("a push plan: the project from the files, articles, gold; existing texts kept or refused") {
    const team::CorpusRead r = team::read_corpus(corpus_files(), "");
    team::PushOptions o;
    o.gold = true;
    o.curator = "rita";
    o.db_name = "news";
    CHECK(team::push_keys(r, o) ==
          std::vector<std::string>{"article:a", "gold:a", "article:b", "gold:b", "article:c", "gold:c"});
    team::PushPlan p = team::plan_push(r, std::nullopt, {}, o);
    REQUIRE(p.ok());
    CHECK(p.project_created);
    REQUIRE(p.docs.size() == 7);  // project, then per file the article and its gold
    CHECK(p.docs[0].find("\"_id\":\"project\"") != std::string::npos);
    CHECK(p.docs[0].find("\"name\":\"news\"") != std::string::npos);
    auto gold = team::parse_annotations(p.docs[4]);
    REQUIRE(gold.ok());
    CHECK(gold.value->curator == "rita");
    CHECK(gold.value->status == "done");
    CHECK(gold.value->entities.size() == 1);

    // b exists with the same text (kept, its gold replaced with the _rev), c with another (refused).
    std::map<std::string, team::Existing> existing;
    existing["article:b"] = {"1-x", team::to_json(team::article_of(r.docs[1].doc, "b"))};
    existing["gold:b"] = {"3-y", "{}"};
    team::Article other;
    other.id = "c";
    other.text = "Something else.";
    existing["article:c"] = {"1-z", team::to_json(other)};
    auto project = team::parse_project(p.docs[0]);
    REQUIRE(project.ok());
    p = team::plan_push(r, *project.value, existing, o);
    CHECK(p.messages ==
          std::vector<std::string>{"c.ann: error: article:c exists with another text; not replaced (rename the file)"});
    CHECK(p.kept == 1);
    existing.erase("article:c");
    p = team::plan_push(r, *project.value, existing, o);
    REQUIRE(p.ok());
    CHECK_FALSE(p.project_created);
    REQUIRE(p.docs.size() == 5);  // a + gold, gold of b (kept), c + gold
    CHECK(p.docs[2].find("\"_rev\":\"3-y\"") != std::string::npos);
}

TEST_CASE("a push plan refuses a label the project lacks, and counts entities not imported") {
    const team::CorpusRead r = team::read_corpus(corpus_files(), "");
    const team::Project project = team::project_of(r.docs[2].doc, "news");  // brat's c.ann: LOC only
    REQUIRE(project.labels.size() == 1);
    team::PushOptions o;
    o.as_user = "alice";
    team::PushPlan p = team::plan_push(r, project, {}, o);
    CHECK(p.messages ==
          std::vector<std::string>{"b.json: error: entity e1: label \"PER\" is not one of the project's labels"});
    p = team::plan_push(r, project, {}, team::PushOptions{});
    REQUIRE(p.ok());
    CHECK(p.entities_skipped == 2);
    CHECK(p.docs.size() == 3);  // the three articles only
}

TEST_CASE("an article exports as pull writes it: its file and, for brat, the text") {
    const team::CorpusRead r = team::read_corpus(corpus_files(), "");
    const team::Project project = team::project_of(r.docs[1].doc, "news");
    const team::Article article = team::article_of(r.docs[1].doc, "b");
    const team::Annotations ann = team::annotations_of(r.docs[1].doc, "b", "alice");
    team::ArticleExport x = team::export_article(project, article, ann, *find_format("brat"));
    REQUIRE(x.ok());
    REQUIRE(x.files.size() == 2);
    CHECK(x.files[0].name == "b.ann");
    CHECK(x.files[0].bytes == "T1\tPER 0 12\tAda Lovelace\n");
    CHECK(x.files[1].name == "b.txt");
    CHECK(x.files[1].bytes == "Ada Lovelace lived in London.");
    team::Annotations bad = ann;
    bad.entities[0].label = "ORG";
    x = team::export_article(project, article, bad, *find_format("conll"));
    CHECK_FALSE(x.ok());
    CHECK(x.error.find("ORG") != std::string::npos);
}

TEST_CASE("the page's JSON: import keys and plan, an article's export") {
    const std::string manifest =
        R"([{"name":"b.json","size":)" + std::to_string(kNative.size()) + R"(},{"name":"x.txt","size":4}])";
    const std::string bytes = kNative + "Hey.";
    auto keys = team::import_json(manifest, bytes, R"({"step":"keys","gold":true,"curator":"rita"})", "", "");
    REQUIRE(keys.ok());
    CHECK(*keys == R"({"articles":2,"keys":["article:b","gold:b","article:x","gold:x"],"messages":[],"ok":true})");
    auto plan = team::import_json(manifest, bytes, R"({"step":"plan","gold":true,"curator":"rita","db":"news"})", "",
                                  R"({"article:x":{"_id":"article:x","_rev":"1-a","type":"article","text":"Hey."}})");
    REQUIRE(plan.ok());
    auto parsed = json::parse_quiet(*plan);
    REQUIRE(parsed);
    CHECK((*parsed)["ok"] == true);
    CHECK((*parsed)["kept"] == 1);
    CHECK((*parsed)["project_created"] == true);
    CHECK((*parsed)["docs"].size() == 4);  // project, article:b, gold:b, gold:x
    auto bad = team::import_json(R"([{"name":"b.json","size":99999}])", bytes, "{}", "", "");
    CHECK_FALSE(bad.ok());
    CHECK(bad.error().summary() == "import: the files' sizes exceed the bytes given");
    auto broken = team::import_json(R"([{"name":"b.json","size":5}])", "{\"a\":", R"({"step":"keys"})", "", "");
    REQUIRE(broken.ok());
    CHECK(broken->find("\"ok\":false") != std::string::npos);
    CHECK(broken->find("b.json: error: ") != std::string::npos);

    const team::Project project = team::project_of(team::read_corpus({{"b.json", kNative}}, "").docs[0].doc, "news");
    auto out = team::export_json(
        team::to_json(project), R"({"_id":"article:b","type":"article","text":"Ada Lovelace lived in London."})",
        R"({"_id":"gold:b","type":"gold","article":"b","entities":[{"id":"e1","start":0,"end":3,"label":"PER"}]})",
        "conll");
    REQUIRE(out.ok());
    CHECK(*out ==
          R"({"files":[{"content":"-DOCSTART- -X- O O\n\nAda B-PER\nLovelace O\nlived O\nin O\nLondon O\n. O\n\n",)"
          R"("name":"b.conll"}],"warnings":["b.conll: warning: the text's own spacing and line breaks are not kept: )"
          R"x(a reader rebuilds the text with single spaces (give it the original text to keep the offsets)"]})x");
    auto unknown = team::export_json("{}", "{}", "{}", "docx");
    CHECK_FALSE(unknown.ok());
    CHECK(unknown.error().summary() == "unknown format \"docx\"");
}
