// Relations, document labels and who annotated (issue 16) in every interchange format that holds
// them: Label Studio relation/choices results, Prodigy relations/options+accept, W3C linking
// annotations and two-span targets, spaCy cats, brat notes; exact round trips, the shapes the tools
// themselves write, bad input with its position, and the warnings of the writers that drop them.
#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

// A relation as a reader can compare it across formats: its ends by span and label, not by id.
using RelRow = std::tuple<size_t, size_t, std::string, size_t, size_t, std::string, std::string>;

std::vector<RelRow> relation_rows(const aa::Document& d) {
    std::vector<RelRow> out;
    for (const auto& [id, r] : d.relations().all()) {
        const aa::Entity* f = d.entities().find(r.from);
        const aa::Entity* t = d.entities().find(r.to);
        REQUIRE(f);
        REQUIRE(t);
        out.emplace_back(f->start, f->end, f->label, t->start, t->end, t->label, r.type);
    }
    return out;
}

// Who made each entity and relation, in order.
std::vector<std::string> who(const aa::Document& d) {
    std::vector<std::string> out;
    for (aa::Slot s : d.entities().ordered()) {
        const aa::Entity& e = d.entities().get(s);
        out.push_back(e.id + " " + e.annotator + " " + e.created);
    }
    for (const auto& [id, r] : d.relations().all()) out.push_back(id + " " + r.annotator + " " + r.created);
    return out;
}

std::vector<std::string> relation_notes(const aa::Document& d) {
    std::vector<std::string> out;
    for (const auto& [id, r] : d.relations().all()) out.push_back(r.note);
    return out;
}

struct Trip {
    aa::io::WriteResult first;
    aa::Document back;
};

// native/relations_who.json -> format -> read -> format: the second write equals the first.
Trip round_trip(const std::string& format, const aa::Document& doc) {
    CAPTURE(format);
    aa::io::WriteResult w = aa::io::write(format, doc);
    CHECK(w.ok());
    aa::io::ReadOptions ro;
    ro.text = &doc.text();
    aa::io::ReadResult r = aa::io::read(format, w.output, ro);
    CHECK_MESSAGE(r.ok(), r.first_error());
    CHECK(described(r.diagnostics).empty());
    REQUIRE(r.documents.size() == 1);
    CHECK(aa::io::write(format, r.documents[0]).output == w.output);
    return {std::move(w), std::move(r.documents[0])};
}

const std::vector<RelRow> kRelations = {{0, 13, "PER", 18, 33, "PER", "met_with"},
                                        {0, 13, "PER", 61, 64, "ORG", "leader_of"},
                                        {18, 33, "PER", 79, 90, "ORG", "leader_of"},
                                        {0, 13, "PER", 37, 42, "LOC", "located_in"},
                                        {18, 33, "PER", 37, 42, "LOC", "located_in"}};

const std::vector<std::string> kWho = {"e1 ana 2026-11-30T09:15:02Z",
                                       "e2 ben 2026-11-30T09:16:40Z",
                                       "e3  ",
                                       "e4  ",
                                       "e5  ",
                                       "r1 ana 2026-11-30T09:17:11Z",
                                       "r2  ",
                                       "r3  ",
                                       "r4  ",
                                       "r5  "};

}  // namespace

TEST_CASE("the sample's relations, document labels and annotators round trip exactly through each format") {
    const auto doc = native_fixture("native/relations_who.json");
    REQUIRE(doc.has_value());
    CHECK(relation_rows(*doc) == kRelations);
    CHECK(who(*doc) == kWho);

    SUBCASE("label-studio: relation results, a choices result, region meta") {
        Trip t = round_trip("label-studio", *doc);
        CHECK(relation_rows(t.back) == kRelations);
        CHECK(who(t.back) == kWho);
        CHECK(t.back.doc_labels() == aa::DocLabels{true, {"politics", "europe"}});
        CHECK(t.back.relation_types()[0].name == "met_with");
        CHECK(t.back.relation_types()[0].symmetric);                           // written "bi"
        CHECK(t.first.output == read_fixture("label-studio/relations.json"));  // the golden file
        CHECK(described(t.first.diagnostics) ==
              std::vector<std::string>{"warning: label-studio has no place for a relation's note: dropped from 1 "
                                       "relation"});
    }
    SUBCASE("prodigy: rel.manual relations, textcat options and accept") {
        Trip t = round_trip("prodigy", *doc);
        CHECK(relation_rows(t.back) == kRelations);
        CHECK(t.back.doc_labels() == aa::DocLabels{true, {"politics", "europe"}});
        CHECK(t.back.doc_label_types().size() == 2);
        CHECK(t.first.output == read_fixture("prodigy/relations.jsonl"));  // the golden file
        CHECK(t.first.output.find("\"relations\": [{\"head\": 1, \"child\": 4, \"head_span\": {\"start\": 0, \"end\": "
                                  "13, \"token_start\": 0, \"token_end\": 1, \"label\": \"PER\"}, \"child_span\": "
                                  "{\"start\": 18, \"end\": 33, \"token_start\": 3, \"token_end\": 4, \"label\": "
                                  "\"PER\"}, \"label\": \"met_with\"}") != std::string::npos);
        CHECK(t.first.output.find("\"options\": [{\"id\": \"politics\", \"text\": \"politics\"}, {\"id\": \"europe\", "
                                  "\"text\": \"europe\"}], \"accept\": [\"politics\", \"europe\"], \"config\": "
                                  "{\"choice_style\": \"multiple\"}") != std::string::npos);
        CHECK(described(t.first.diagnostics) ==
              std::vector<std::string>{
                  "warning: prodigy has no place for an entity's annotator and time: dropped from 2 entities (e1, e2)",
                  "warning: prodigy has no place for the document's title: dropped",
                  "warning: prodigy has no place for a relation's annotator and time: dropped from 1 relation",
                  "warning: prodigy has no place for a relation's note: dropped from 1 relation"});
    }
    SUBCASE("w3c: linking annotations by id, creator and created") {
        Trip t = round_trip("w3c", *doc);
        CHECK(relation_rows(t.back) == kRelations);
        CHECK(who(t.back) == kWho);
        CHECK(relation_notes(t.back) == relation_notes(*doc));
        CHECK(t.first.output == read_fixture("w3c/relations.jsonld"));  // the golden file
        CHECK(described(t.first.diagnostics) ==
              std::vector<std::string>{"warning: the document labels of 1 document are dropped: the w3c format cannot "
                                       "hold document labels"});
    }
    SUBCASE("brat: Annotator and Created notes beside AnnotatorNotes") {
        aa::io::WriteResult w = aa::io::write("brat", *doc);
        CHECK(w.output.find("#1\tAnnotator T1\tana\n#2\tCreated T1\t2026-11-30T09:15:02Z\n") != std::string::npos);
        CHECK(w.output.find("#5\tAnnotatorNotes R1\tfirst meeting\n#6\tAnnotator R1\tana\n#7\tCreated R1\t"
                            "2026-11-30T09:17:11Z\n") != std::string::npos);
        aa::io::ReadOptions ro;
        ro.text = &doc->text();
        aa::io::ReadResult r = aa::io::read("brat", w.output, ro);
        REQUIRE_MESSAGE(r.ok(), r.first_error());
        CHECK(r.diagnostics.empty());
        CHECK(who(r.documents[0]) == kWho);
        CHECK(relation_notes(r.documents[0]) == relation_notes(*doc));
        CHECK(aa::io::write("brat", r.documents[0]).output == w.output);
    }
    SUBCASE("spacy: cats scored 1.0 and 0.0") {
        Trip t = round_trip("spacy", *doc);
        CHECK(t.back.doc_labels() == aa::DocLabels{true, {"politics", "europe"}});
        CHECK(t.first.output == read_fixture("spacy/cats.json"));  // the golden file
    }
    SUBCASE("native keeps all of it byte for byte") {
        CHECK(aa::io::write("native", *doc).output == read_fixture("native/relations_who.json"));
    }
}

TEST_CASE("Label Studio: the shapes its export writes (left, bi, no label; choices) and their errors") {
    const std::string text = "Merkel met Macron in Paris.";
    auto task = [&](const std::string& results) {
        return "[{\"id\": 7, \"data\": {\"text\": \"" + text +
               "\"}, \"annotations\": [{\"id\": 3, \"completed_by\": 1, "
               "\"result\": [{\"id\": \"a1\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", "
               "\"value\": {\"start\": 0, \"end\": 6, \"text\": \"Merkel\", \"labels\": [\"PER\"]}}, {\"id\": \"a2\", "
               "\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": 11, "
               "\"end\": 17, \"text\": \"Macron\", \"labels\": [\"PER\"]}}, {\"id\": \"a3\", \"from_name\": \"label\", "
               "\"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": 21, \"end\": 26, \"text\": "
               "\"Paris\", \"labels\": [\"LOC\"]}}" +
               results + "]}]}]";
    };
    aa::io::ReadResult r = aa::io::read(
        "label-studio",
        task(", {\"from_id\": \"a3\", \"to_id\": \"a1\", \"type\": \"relation\", \"direction\": \"left\", \"labels\": "
             "[\"located_in\"]}, {\"from_id\": \"a1\", \"to_id\": \"a2\", \"type\": \"relation\", \"direction\": "
             "\"bi\", \"labels\": []}, {\"id\": \"c1\", \"from_name\": \"topic\", \"to_name\": \"text\", \"type\": "
             "\"choices\", \"value\": {\"choices\": [\"Politics\"]}}"));
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Document& d = r.documents[0];
    CHECK(relation_rows(d) ==
          std::vector<RelRow>{{0, 6, "PER", 21, 26, "LOC", "located_in"}, {0, 6, "PER", 11, 17, "PER", "related"}});
    CHECK(d.relation_types()[1].symmetric);
    CHECK(d.doc_labels() == aa::DocLabels{false, {"Politics"}});

    r = aa::io::read("label-studio",
                     task(", {\"from_id\": \"a1\", \"to_id\": \"a9\", \"type\": \"relation\", \"direction\": \"up\"}, "
                          "{\"type\": \"choices\", \"value\": {\"choices\": \"Politics\"}}"));
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:615: error: [0].annotations[0].result[3].direction: unknown direction \"up\" (expected \"right\", "
              "\"left\" or \"bi\")",
              "1:663: error: [0].annotations[0].result[4].value.choices: expected an array, got a string"});
    r = aa::io::read("label-studio", task(", {\"from_id\": \"a1\", \"to_id\": \"a9\", \"type\": \"relation\"}"));
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:576: error: [0].annotations[0].result[3].to_id: no entity with id \"a9\""});
}

TEST_CASE("Prodigy: rel.manual's head and child tokens, a relation between plain tokens, textcat choices") {
    // Tokens: Merkel(0) met(1) Angela(2) Merkel(3)... head/child name each span's token_end, as rel.manual does.
    const std::string line =
        "{\"text\": \"Macron met Angela Merkel.\", \"tokens\": [{\"text\": \"Macron\", \"start\": 0, \"end\": 6, "
        "\"id\": 0, \"ws\": true}, {\"text\": \"met\", \"start\": 7, \"end\": 10, \"id\": 1, \"ws\": true}, {\"text\": "
        "\"Angela\", \"start\": 11, \"end\": 17, \"id\": 2, \"ws\": true}, {\"text\": \"Merkel\", \"start\": 18, "
        "\"end\": 24, \"id\": 3, \"ws\": false}, {\"text\": \".\", \"start\": 24, \"end\": 25, \"id\": 4, \"ws\": "
        "false}], \"spans\": [{\"start\": 0, \"end\": 6, \"token_start\": 0, \"token_end\": 0, \"label\": \"PER\"}, "
        "{\"start\": 11, \"end\": 24, \"token_start\": 2, \"token_end\": 3, \"label\": \"PER\"}], \"relations\": "
        "[{\"head\": 0, \"child\": 3, \"label\": \"met_with\", \"color\": \"#c5bdf4\"}, {\"head\": 1, \"child\": 0, "
        "\"head_span\": {\"start\": 7, \"end\": 10, \"token_start\": 1, \"token_end\": 1, \"label\": null}, "
        "\"child_span\": {\"start\": 0, \"end\": 6, \"token_start\": 0, \"token_end\": 0, \"label\": \"PER\"}, "
        "\"label\": \"SUBJECT\"}], \"options\": [{\"id\": 0, \"text\": \"politics\"}, {\"id\": 1, \"text\": "
        "\"sports\"}], \"accept\": [0], \"answer\": \"accept\"}\n";
    aa::io::ReadResult r = aa::io::read("prodigy", line);
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:645: warning: relations[1].head_span: no entity at [7, 10): the relation is "
                                   "dropped"});
    const aa::Document& d = r.documents[0];
    CHECK(relation_rows(d) == std::vector<RelRow>{{0, 6, "PER", 11, 24, "PER", "met_with"}});
    CHECK(d.doc_labels() == aa::DocLabels{false, {"politics"}});
    CHECK(d.doc_label_types().size() == 2);

    std::string bad = line;
    bad.replace(bad.find("\"child\": 3"), 10, "\"child\": 9");
    bad.replace(bad.find("\"accept\": [0]"), 13, "\"accept\": [5]");
    r = aa::io::read("prodigy", bad);
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:563: error: relations[0].child: token 9 does not exist (the task has 5 tokens)",
                                   "1:913: error: accept[0]: accepts 5, which is no option's id"});
}

TEST_CASE("W3C: RecogitoJS's linking sample, a relation between two spans, and bad relations") {
    const aa::Text text = aa::Text::from_utf8("Merkel met Macron in Paris.").value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    auto annotation = [](const std::string& id, size_t s, size_t e, const std::string& label) {
        return "{\"id\": \"" + id +
               "\", \"type\": \"Annotation\", \"body\": {\"type\": \"TextualBody\", \"purpose\": "
               "\"tagging\", \"value\": \"" +
               label +
               "\"}, \"target\": {\"selector\": {\"type\": "
               "\"TextPositionSelector\", \"start\": " +
               std::to_string(s) + ", \"end\": " + std::to_string(e) + "}}}";
    };
    const std::string entities =
        annotation("#a", 0, 6, "PER") + ", " + annotation("#b", 11, 17, "PER") + ", " + annotation("#c", 21, 26, "LOC");
    // Two targets with selectors: the relation between the entities at those spans.
    const std::string two_spans =
        "{\"type\": \"Annotation\", \"body\": {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": "
        "\"located_in\"}, \"creator\": \"https://orcid.org/0000-0002\", \"created\": \"2026-11-30T10:00:00Z\", "
        "\"target\": [{\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"Macron\"}}, {\"selector\": "
        "{\"type\": \"TextPositionSelector\", \"start\": 21, \"end\": 26}}]}";
    const std::string linking =
        "{\"type\": \"Annotation\", \"motivation\": \"linking\", \"body\": [{\"type\": \"TextualBody\", \"value\": "
        "\"isRelatedTo\", \"purpose\": \"tagging\"}], \"target\": [{\"id\": \"#a\"}, {\"id\": \"#b\"}]}";
    aa::io::ReadResult r = aa::io::read("w3c", "[" + entities + ", " + two_spans + ", " + linking + "]", ro);
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Document& d = r.documents[0];
    CHECK(relation_rows(d) == std::vector<RelRow>{{11, 17, "PER", 21, 26, "LOC", "located_in"},
                                                  {0, 6, "PER", 11, 17, "PER", "isRelatedTo"}});
    CHECK(d.relations().find("r1")->annotator == "https://orcid.org/0000-0002");
    CHECK(d.relations().find("r1")->created == "2026-11-30T10:00:00Z");

    // The spans of a two-target relation that are no entity, a link to a missing annotation, a linked
    // target without an id: warnings for what RecogitoJS writes (links to comments), errors for the rest.
    const std::string no_entity =
        "{\"type\": \"Annotation\", \"body\": {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": "
        "\"x\"}, \"target\": [{\"selector\": {\"type\": \"TextPositionSelector\", \"start\": 7, \"end\": 10}}, "
        "{\"selector\": {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 6}}]}";
    const std::string missing =
        "{\"type\": \"Annotation\", \"motivation\": \"linking\", \"target\": [{\"id\": \"#a\"}, {\"id\": \"#zz\"}]}";
    r = aa::io::read("w3c", "[" + entities + ", " + no_entity + ", " + missing + "]", ro);
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(
        described(r.diagnostics) ==
        std::vector<std::string>{"1:670: warning: [3].target[0]: no entity at [7, 10): the relation is dropped",
                                 "1:886: warning: [4].target[1]: no entity with id \"#zz\": the relation is dropped"});
    CHECK(r.documents[0].relations().empty());
    const std::string no_id =
        "{\"type\": \"Annotation\", \"motivation\": \"linking\", \"target\": [{\"id\": \"#a\"}, 5]}";
    r = aa::io::read("w3c", "[" + entities + ", " + no_id + "]", ro);
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:640: error: [3].target[1]: annotation [3]: a linked target needs an id"});
}

TEST_CASE("RecogitoJS's published sample: its linking annotation is read, its comment end dropped and said") {
    const aa::Text text = aa::Text::from_utf8(read_fixture("real/recogito/index.txt")).value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    aa::io::ReadResult r = read_file("w3c", "real/recogito/annotations.w3c.json", ro);
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    const auto ds = described(r.diagnostics);
    REQUIRE(ds.size() == 4);
    CHECK(ds[3] ==
          "76:10: warning: [3].target[1]: no entity with id \"#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0\": the "
          "relation is dropped");
    CHECK(r.documents[0].relations().empty());
}

TEST_CASE("spaCy cats: the v3 dict and v2 JSON paragraphs' list; a score that is no number is an error") {
    aa::io::ReadResult r = aa::io::read(
        "spacy",
        "[[\"Merkel won.\", {\"entities\": [[0, 6, \"PER\"]], \"cats\": {\"POLITICS\": 1.0, \"SPORTS\": 0.0}}]]");
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    CHECK(r.documents[0].doc_labels() == aa::DocLabels{false, {"POLITICS"}});
    CHECK(r.documents[0].doc_label_types().size() == 2);
    CHECK(aa::io::write("spacy", r.documents[0]).output ==
          "[[\"Merkel won.\", {\"entities\": [[0, 6, \"PER\"]], \"cats\": {\"POLITICS\": 1.0, \"SPORTS\": 0.0}}]]\n");

    r = aa::io::read(
        "spacy",
        "[{\"id\": 0, \"paragraphs\": [{\"raw\": \"Merkel won.\", \"sentences\": [{\"tokens\": [{\"orth\": "
        "\"Merkel\", \"ner\": \"U-PER\"}, {\"orth\": \"won\", \"ner\": \"O\"}, {\"orth\": \".\", \"ner\": "
        "\"O\"}]}], \"cats\": [{\"label\": \"POLITICS\", \"value\": 1.0}, {\"label\": \"SPORTS\", "
        "\"value\": 0.0}]}]}]");
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].doc_labels() == aa::DocLabels{false, {"POLITICS"}});

    r = aa::io::read("spacy", "[[\"Merkel won.\", {\"entities\": [], \"cats\": {\"POLITICS\": \"yes\"}}]]");
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:56: error: [0][1].cats.POLITICS: expected a score (a number), got a string"});
}

TEST_CASE("inline XML, CoNLL and the formats without relations say what they drop") {
    const auto doc = native_fixture("native/relations_who.json");
    REQUIRE(doc.has_value());
    aa::io::WriteResult w = aa::io::write("xml", *doc);
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: the document's title are dropped: inline XML holds no document metadata",
              "warning: 5 relations are dropped: the xml format cannot hold relations",
              "warning: the annotator and time of 2 entities are dropped: the xml format cannot hold them",
              "warning: the document labels of 1 document are dropped: the xml format cannot hold document labels"});
    w = aa::io::write("conll", *doc);
    const auto ds = described(w.diagnostics);
    CHECK(std::count(ds.begin(), ds.end(), "warning: 5 relations are dropped: the conll format cannot hold relations"));
    CHECK(std::count(ds.begin(), ds.end(),
                     "warning: the annotator and time of 2 entities are dropped: the conll format cannot hold them"));
    w = aa::io::write("displacy", *doc);
    CHECK(described(w.diagnostics).back() ==
          "warning: the document labels of 1 document are dropped: the displacy format cannot hold document labels");
}

TEST_CASE("damaged relation fixtures read atomically") {
    aa::io::ReadOptions ro;
    const aa::Text text = aa::Text::from_utf8(read_fixture("w3c/relations.txt")).value();
    ro.text = &text;
    check_damaged_inputs("label-studio", "label-studio/relations.json");
    check_damaged_inputs("prodigy", "prodigy/relations.jsonl");
    check_damaged_inputs("w3c", "w3c/relations.jsonld", ro);
    check_damaged_inputs("spacy", "spacy/cats.json");
}
