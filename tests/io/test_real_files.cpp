// Files other tools really wrote (tests/fixtures/real, sources and licences in its README): every
// shape their releases export is read with its exact entities, and what cannot be kept (rejected
// Prodigy answers, relations, unread span lists) is said, never dropped quietly.
//
// [SECTION] JSON formats (doccano, Label Studio, Prodigy, W3C, spaCy v2), detection
// [SECTION] CoNLL: token-exact through native
#include <doctest/doctest.h>

#include <map>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

const std::vector<Row> kSoccer = {{9, 14, "LOC", "JAPAN"},
                                  {31, 36, "PER", "CHINA"},
                                  {58, 69, "PER", "Nadim Ladki"},
                                  {70, 76, "LOC", "AL-AIN"},
                                  {79, 99, "LOC", "United Arab Emirates"}};
const std::vector<Row> kRugby = {{0, 11, "ORG", "RUGBY UNION"}, {14, 22, "PER", "CUTTITTA"},
                                 {32, 37, "LOC", "ITALY"},      {53, 57, "LOC", "ROME"},
                                 {69, 74, "LOC", "Italy"},      {84, 101, "PER", "Marcello Cuttitta"}};

std::vector<Row> relabelled(std::vector<Row> rows, const std::map<std::string, std::string>& names) {
    for (Row& r : rows) std::get<2>(r) = names.at(std::get<2>(r));
    return rows;
}

}  // namespace

// ---- [SECTION] JSON formats (doccano, Label Studio, Prodigy, W3C, spaCy v2), detection ----

TEST_CASE("doccano 1.x's JSONL (text label) export keeps its spans under \"labels\": every one is read") {
    aa::io::ReadResult r = read_file("doccano", "real/doccano/labeling_text_label.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(rows(r.documents[0]) == kSoccer);
    CHECK(rows(r.documents[1]) == kRugby);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("doccano 1.0's annotations with label ids and two users are read, the users merged and named") {
    aa::io::ReadResult r = read_file("doccano", "real/doccano/labeling.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    const std::map<std::string, std::string> ids = {{"LOC", "12"}, {"PER", "13"}, {"ORG", "14"}};
    CHECK(rows(r.documents[0]) == relabelled(kSoccer, ids));
    CHECK(rows(r.documents[1]) == relabelled(kRugby, ids));
    const aa::Document& d = r.documents[0];
    for (aa::Slot s : d.entities().ordered())
        CHECK(d.entities().get(s).attributes == aa::Attributes{{"users", "1, 2"}});
    const aa::Document& d2 = r.documents[1];
    CHECK(d2.entities().get(d2.entities().ordered()[0]).attributes == aa::Attributes{{"users", "2"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "warning: the labels are doccano label ids (12, 13, 14), as doccano 1.0 exported them: read as those "
              "names",
              "warning: 1 record holds the spans of several users (1, 2): read together, a span marked alike by "
              "several users once, its \"users\" attribute naming them (--split-users reads one document per user)"});
}

TEST_CASE("doccano 1.0's users split: one document per user, as doccano-transformer's own per-user CoNLL has them") {
    aa::io::ReadOptions split;
    split.split_users = true;
    aa::io::ReadResult r = read_file("doccano", "real/doccano/labeling.jsonl", split);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 3);  // record 2578 by users 1 and 2, record 2580 by user 2
    CHECK(r.documents[0].info.attributes == aa::Attributes{{"user", "1"}});
    CHECK(r.documents[1].info.attributes == aa::Attributes{{"user", "2"}});
    CHECK(r.documents[2].info.attributes == aa::Attributes{{"user", "2"}});
    for (const aa::Document& d : r.documents)
        for (aa::Slot s : d.entities().ordered()) CHECK(d.entities().get(s).attributes.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "warning: the labels are doccano label ids (12, 13, 14), as doccano 1.0 exported them: read as those "
              "names",
              "warning: 1 record holds the spans of several users (1, 2): read as one document per user, its "
              "\"user\" attribute naming them"});
    // doccano-transformer wrote the same export as one CoNLL file per user: the same texts, the same
    // entities.
    const aa::io::ReadResult user1 = read_file("conll", "real/conll/labeling.conll2003.user1");
    const aa::io::ReadResult user2 = read_file("conll", "real/conll/labeling.conll2003.user2");
    AA_REQUIRE(user1.documents.size() == 1);
    AA_REQUIRE(user2.documents.size() == 2);
    const std::vector<std::pair<const aa::Document*, const aa::Document*>> pairs = {
        {&r.documents[0], &user1.documents[0]},
        {&r.documents[1], &user2.documents[0]},
        {&r.documents[2], &user2.documents[1]}};
    for (const auto& [ours, theirs] : pairs) {
        CHECK(ours->text().utf8() == theirs->text().utf8());
        CHECK(rows(*ours) == rows(*theirs));
    }
}

TEST_CASE("doccano 1.0: a span marked again, with or without a user, is kept once and its users named once") {
    const std::string line =
        R"({"text": "Angela Merkel", "annotations": [{"label": 1, "start_offset": 0, "end_offset": 13}, )"
        R"({"label": 1, "start_offset": 0, "end_offset": 13, "user": 4}, )"
        R"({"label": 1, "start_offset": 0, "end_offset": 13, "user": 4}, )"
        R"({"label": 1, "start_offset": 0, "end_offset": 13, "user": 5}]})";
    aa::io::ReadResult r = aa::io::read("doccano", line + "\n");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    const aa::Document& d = r.documents[0];
    AA_REQUIRE(d.entities().size() == 1);
    CHECK(d.entities().get(d.entities().ordered()[0]).attributes == aa::Attributes{{"users", "4, 5"}});
    aa::io::ReadOptions split;
    split.split_users = true;
    r = aa::io::read("doccano", line + "\n", split);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 3);  // the span without a user, user 4's, user 5's
    CHECK(r.documents[0].info.attributes.empty());
    CHECK(r.documents[1].info.attributes == aa::Attributes{{"user", "4"}});
    CHECK(r.documents[2].info.attributes == aa::Attributes{{"user", "5"}});
    for (const aa::Document& doc : r.documents) CHECK(doc.entities().size() == 1);
}

TEST_CASE("doccano 1.4's \"data\" + \"label\" records, as flair reads them, are read") {
    aa::io::ReadResult r = read_file("doccano", "real/flair/testa.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 3);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{8, 18, "LOC", "New Berlin"}});
    CHECK(rows(r.documents[1]) ==
          std::vector<Row>{{0, 2, "ORG", "EU"}, {11, 17, "MISC", "German"}, {34, 46, "MISC", "British lamb"}});
    CHECK(rows(r.documents[2]) == std::vector<Row>{{0, 15, "PER", "Peter Blackburn"}});
    CHECK(r.diagnostics.empty());
}

TEST_CASE("a doccano record with spans under a key doccano does not write says so instead of reading 0 entities") {
    const std::string line = R"({"text": "Angela Merkel visited Paris.", "spans": [[0, 13, "PER"]], "meta": {}})";
    aa::io::ReadResult r = aa::io::read("doccano", line + "\n");
    AA_REQUIRE(r.ok());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:51: warning: spans: holds spans, but doccano keeps them under \"label\", "
                                   "\"labels\", \"entities\" or \"annotations\": not read"});
    r = aa::io::read("doccano", R"({"text": "Paris", "label": [[0, 5, "LOC"]], "labels": [[0, 5, "LOC"]]})");
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:1: error: \"label\" and \"labels\" both hold spans: a doccano record has one of "
                                   "\"label\", \"labels\", \"entities\" or \"annotations\""});
    r = aa::io::read("doccano", R"({"id": 3, "label": [[0, 5, "LOC"]]})");
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: error: missing required field \"text\" (or \"data\", as doccano 1.4 and later write it)"});
}

TEST_CASE("a Label Studio task with spans outside its results says so") {
    const std::string task = R"([{"data": {"text": "Angela Merkel visited Paris."}, "label": [{"start": 0, "end": 13, )"
                             R"("text": "Angela Merkel", "labels": ["PER"]}], "annotations": []}])";
    aa::io::ReadResult r = aa::io::read("label-studio", task);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:62: warning: [0].label: holds spans, but Label Studio keeps them in "
                                   "annotations' results: not read"});
}

TEST_CASE("prodigy reads only accepted examples by default, says how many it skipped, and --answers chooses") {
    aa::io::ReadResult r = read_file("prodigy", "real/prodigy/annotated_reddit-PRODUCT-ner.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 4);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{22, 28, "PRODUCT", "Google"}});
    CHECK(rows(r.documents[1]) == std::vector<Row>{{50, 57, "PRODUCT", "Windows"}});
    CHECK(rows(r.documents[2]) == std::vector<Row>{{134, 141, "PRODUCT", "Kleenex"}});
    CHECK(rows(r.documents[3]) == std::vector<Row>{{163, 169, "PRODUCT", "iPhoto"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"warning: skipped 3 examples for their answer (1 \"ignore\", 2 \"reject\"): only "
                                   "\"accept\" are read (--answers accept,reject,ignore chooses)"});

    aa::io::ReadOptions all;
    all.answers = {"accept", "reject", "ignore"};
    r = read_file("prodigy", "real/prodigy/annotated_reddit-PRODUCT-ner.jsonl", all);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 7);
    CHECK(rows(r.documents[3]) == std::vector<Row>{{27, 34, "PRODUCT", "Lazarus"}});
    CHECK(rows(r.documents[6]) == std::vector<Row>{{67, 81, "PRODUCT", "Quietpoint ATH"}});
    CHECK(r.diagnostics.empty());
}

TEST_CASE("prodigy: relations by token index in a task without tokens cannot be placed: dropped, and said") {
    const std::string line =
        R"({"text": "Angela Merkel visited Paris.", "spans": [{"start": 0, "end": 13, "label": "PER"}, )"
        R"({"start": 22, "end": 27, "label": "LOC"}], "relations": [{"head": 1, "child": 3, "label": "VISITED"}], )"
        R"("answer": "accept"})";
    aa::io::ReadResult r = aa::io::read("prodigy", line + "\n");
    AA_REQUIRE(r.ok());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    CHECK(
        described(r.diagnostics) ==
        std::vector<std::string>{"1:150: warning: relations[0]: head and child are token indices, and the task has no "
                                 "\"tokens\": the relation is dropped"});
}

TEST_CASE(
    "RecogitoJS's own sample with a linking relation is read: its tags anchored by the quotes, its link to a comment "
    "dropped and said") {
    const aa::Text text = aa::Text::from_utf8(read_fixture("real/recogito/index.txt")).value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    aa::io::ReadResult r = read_file("w3c", "real/recogito/annotations.w3c.json", ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{163, 167, "A Tag", "Troy"}, {163, 167, "Another Tag", "Troy"}});
    CHECK(r.documents[0].entities().get(r.documents[0].entities().ordered()[0]).note == "This is a comment");
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "22:12: warning: [0].target.selector[1]: annotation \"#ce0ed291-766b-4763-8e91-90ce1d04e706\": the "
              "position [124, 128) holds \"ad s\", not the quote \"Troy\"; re-anchored by the quote to [163, 167)",
              "28:8: warning: [1]: annotation \"#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0\" has no tagging body (a label): "
              "not kept",
              "46:8: warning: [2]: annotation \"#d7197c87-b45d-4217-9c4f-27573030448f\" has no tagging body (a label): "
              "not kept",
              "76:10: warning: [3].target[1]: no entity with id \"#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0\": the "
              "relation is dropped"});
}

TEST_CASE("W3C positions counted in UTF-16 units (RecogitoJS) are detected by the quotes, --in-offsets overrides") {
    const aa::Text text = aa::Text::from_utf8(read_fixture("real/recogito/utf16.txt")).value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    aa::io::ReadResult r = read_file("w3c", "real/recogito/utf16.w3c.json", ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    const std::vector<Row> want = {
        {14, 22, "PRODUCT", "Ariane 6"}, {39, 45, "LOC", "Kourou"}, {54, 65, "PRODUCT", "Sentinel-1C"}};
    CHECK(rows(r.documents.at(0)) == want);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: warning: the offsets count UTF-16 code units, not code points: the quote of 3 of 3 annotations "
              "matches only so (as RecogitoJS and other tools counting JavaScript string indices wrote them); read "
              "as UTF-16 (--in-offsets overrides)"});

    // Said to be code points: each position is re-anchored by its quote, one warning each.
    ro.offsets = aa::OffsetUnit::CodePoint;
    r = read_file("w3c", "real/recogito/utf16.w3c.json", ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents.at(0)) == want);
    AA_REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].report() ==
          "15:10: warning: [0].target.selector[1]: annotation \"#1a2b3c4d-0001-4000-8000-000000000001\": the position "
          "[15, 23) holds \"riane 6 \", not the quote \"Ariane 6\"; re-anchored by the quote to [14, 22)");

    // One quote that matches neither reading ("from" at Kourou's position): no detection, the positions
    // read as code points and each re-anchored by its quote.
    std::string one_off = read_fixture("real/recogito/utf16.w3c.json");
    const size_t at = one_off.find("\"exact\": \"Kourou\"");
    AA_REQUIRE(at != std::string::npos);
    one_off.replace(at, 17, "\"exact\": \"from\"");
    ro.offsets.reset();
    r = aa::io::read("w3c", one_off, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.size() == 3);
    for (const aa::io::Diagnostic& d : r.diagnostics) CHECK(d.message.find("UTF-16") == std::string::npos);
}

TEST_CASE("a W3C position that sits only inside refinedBy is read") {
    const aa::Text text = aa::Text::from_utf8("Angela Merkel visited Paris.").value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    const std::string anno =
        R"({"type": "Annotation", "body": {"type": "TextualBody", "value": "LOC", "purpose": "tagging"},
 "target": {"source": "http://example.org/page", "selector": {"type": "FragmentSelector", "value": "para1",
  "refinedBy": {"type": "TextPositionSelector", "start": 22, "end": 27}}}})";
    aa::io::ReadResult r = aa::io::read("w3c", anno, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{22, 27, "LOC", "Paris"}});
    CHECK(r.diagnostics.empty());
}

TEST_CASE(
    "Label Studio regions whose text disagrees: refused by default, kept with --trust-offsets, named by --repair") {
    aa::io::ReadResult r = read_file("label-studio", "real/label-studio/disagreeing.json");
    CHECK(!r.ok());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "33:23: error: [0].annotations[0].result[1].value.text: region \"r2\": \" Paris\" does not match the "
              "document text at [24, 29): \"Paris\"",
              "47:23: error: [0].annotations[0].result[2].value.text: region \"r3\": \"1 Main St.\\\\nSpringfield\" "
              "does not match the document text at [44, 66): \"1 Main St.\\nSpringfield\""});

    aa::io::ReadOptions trust;
    trust.trust_offsets = true;
    r = read_file("label-studio", "real/label-studio/disagreeing.json", trust);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{7, 20, "PER", "Angela Merkel"},
                                                   {24, 29, "LOC", "Paris"},
                                                   {44, 66, "ADDRESS", "1 Main St.\nSpringfield"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "33:23: warning: [0].annotations[0].result[1].value.text: region \"r2\": \" Paris\" does not match the "
              "document text at [24, 29): \"Paris\"; kept at its offsets (--trust-offsets)",
              "47:23: warning: [0].annotations[0].result[2].value.text: region \"r3\": \"1 Main St.\\\\nSpringfield\" "
              "does not match the document text at [44, 66): \"1 Main St.\\nSpringfield\"; kept at its offsets "
              "(--trust-offsets)"});

    aa::io::ReadOptions repair;
    repair.repair = true;
    r = read_file("label-studio", "real/label-studio/disagreeing.json", repair);
    CHECK(!r.ok());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: warning: --repair placed 1 of the 2 entities whose text disagrees with their offsets; it could not "
              "place region \"r3\" (--trust-offsets keeps the offsets instead)",
              "33:23: warning: [0].annotations[0].result[1].value.text: region \"r2\": \" Paris\" does not match the "
              "document text at [24, 29): \"Paris\"; re-anchored by its text to [23, 29)",
              "47:23: error: [0].annotations[0].result[2].value.text: region \"r3\": \"1 Main St.\\\\nSpringfield\" "
              "does not match the document text at [44, 66): \"1 Main St.\\nSpringfield\" (cannot re-anchor: the "
              "text does not occur in the document)"});
}

TEST_CASE("UTF-16 offsets are detected where every entity's text matches them and not the code points") {
    aa::io::ReadResult r = read_file("label-studio", "real/label-studio/utf16.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{10, 18, "PRODUCT", "Ariane 6"}, {24, 30, "LOC", "Kourou"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: warning: the offsets count UTF-16 code units, not code points: the text of 2 of 2 entities "
              "matches only so (as older doccano and Label Studio releases wrote them); read as UTF-16 "
              "(--in-offsets overrides)"});

    aa::io::ReadOptions cp;  // --in-offsets codepoint: the file is read as it says, and refused
    cp.offsets = aa::OffsetUnit::CodePoint;
    r = read_file("label-studio", "real/label-studio/utf16.json", cp);
    CHECK(!r.ok());
}

TEST_CASE("Prodigy spans that carry their text: UTF-16 offsets detected as for Label Studio") {
    // "🚀 Paris" counted by a JavaScript front end: Paris at UTF-16 [3, 8), code points [2, 7).
    const std::string line = R"({"text": "\ud83d\ude80 Paris", "spans": [{"start": 3, "end": 8, "label": "LOC", )"
                             R"("text": "Paris"}], "answer": "accept"})";
    aa::io::ReadResult r = aa::io::read("prodigy", line + "\n");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents.at(0)) == std::vector<Row>{{2, 7, "LOC", "Paris"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: warning: the offsets count UTF-16 code units, not code points: the text of 1 of 1 entities "
              "matches only so (as older doccano and Label Studio releases wrote them); read as UTF-16 "
              "(--in-offsets overrides)"});
    aa::io::ReadOptions cp;
    cp.offsets = aa::OffsetUnit::CodePoint;
    CHECK(!aa::io::read("prodigy", line + "\n", cp).ok());
}

TEST_CASE("spaCy v2 JSON (paragraphs, sentences, tokens) is read: tokens placed in the raw text, BILUO tags") {
    aa::io::ReadResult r = read_file("spacy", "real/spacy2/training-data.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(rows(r.documents[0]) ==
          std::vector<Row>{{6, 13, "DATE", "Oct. 19"},
                           {25, 40, "WORK_OF_ART", "The Misanthrope"},
                           {45, 52, "GPE", "Chicago"},
                           {55, 70, "FAC", "Goodman Theatre"},
                           {73, 122, "WORK_OF_ART", "Revitalized Classics Take the Stage in Windy City"},
                           {125, 139, "ORG", "Leisure & Arts"},
                           {154, 162, "PERSON", "Celimene"},
                           {174, 186, "PERSON", "Kim Cattrall"},
                           {217, 231, "PERSON", "Christina Haag"},
                           {237, 241, "PERSON", "Haag"},
                           {248, 255, "PERSON", "Elianti"}});
    CHECK(r.diagnostics.empty());

    r = read_file("spacy", "real/spacy2/ner-token-per-line-conll2003.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(!r.documents.empty());
    const std::vector<Row> first = rows(r.documents[0]);
    AA_REQUIRE(first.size() >= 3);
    CHECK(first[0] == Row{5, 20, "PERSON", "Sebastian Thrun"});
    CHECK(first[1] == Row{63, 69, "ORG", "Google"});
    CHECK(first[2] == Row{73, 77, "DATE", "2007"});
}

TEST_CASE("detection names the format it guessed and recognises shapes it does not read") {
    std::string why;
    auto f = aa::io::detect_format("NER-de-dev.tsv", read_fixture("real/conll/NER-de-dev.tsv"), &why);
    AA_REQUIRE_MESSAGE(f.ok(), f.error().message);
    CHECK(f.value()->id == "conll");
    CHECK(why == "the extension .tsv, and the content does not rule it out");

    f = aa::io::detect_format("training-data.json", read_fixture("real/spacy2/training-data.json"), &why);
    AA_REQUIRE_MESSAGE(f.ok(), f.error().message);
    CHECK(f.value()->id == "spacy");
    CHECK(why ==
          "the content has spacy's marks (a list of [text, {...}] pairs, or spaCy v2's \"paragraphs\" with \"orth\" "
          "tokens)");

    f = aa::io::detect_format("labeling.jsonl", read_fixture("real/doccano/labeling.jsonl"), &why);
    AA_REQUIRE_MESSAGE(f.ok(), f.error().message);
    CHECK(f.value()->id == "doccano");

    f = aa::io::detect_format("x.tsv", "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|value\n\n", &why);
    CHECK(!f.ok());
    CHECK(f.error().message ==
          "\"x.tsv\" is a WebAnno TSV file (INCEpTION, WebAnno), which annotator does not read: export as CoNLL "
          "2003 or brat instead");
    f = aa::io::detect_format("train.spacy",
                              "\x84\xA5"
                              "attrs",
                              &why);
    CHECK(!f.ok());
    CHECK(f.error().message ==
          "\"train.spacy\" is a spaCy v3 DocBin (.spacy, binary), which annotator does not read: convert it with "
          "spaCy to JSON ([text, {\"entities\": [...]}] pairs) or to spaCy v2 JSON (python -m spacy convert) first");
    f = aa::io::detect_format("doc.xmi", "<?xml version=\"1.0\"?>\n<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\">",
                              &why);
    CHECK(f.error().message ==
          "\"doc.xmi\" is a UIMA CAS XMI file (INCEpTION, cTAKES, DKPro), which annotator does "
          "not read: export as CoNLL or brat instead");
    f = aa::io::detect_format("en_ewt-ud-dev.conllu", "# sent_id = 1\n1\tFrom\tfrom\tADP\tIN\t_\t3\tcase\t_\t_\n",
                              &why);
    CHECK(f.error().message ==
          "\"en_ewt-ud-dev.conllu\" is a CoNLL-U file (Universal Dependencies), which has no "
          "entity column: annotator does not read it");
    f = aa::io::detect_format("corpus.xml",
                              "<?xml version=\"1.0\"?><collection><source>PubMed</source><document>"
                              "<passage><offset>0</offset></passage></document></collection>",
                              &why);
    CHECK(f.error().message ==
          "\"corpus.xml\" is a BioC XML file, which annotator does not read: export as brat instead");
}

// ---- [SECTION] CoNLL: token-exact through native ----

namespace {

// conll -> native (one file per document) -> conll: the bytes of each file.
std::string through_native(const std::string& input, const aa::io::ReadOptions& ro = {}) {
    aa::io::ReadResult r = aa::io::read("conll", input, ro);
    CHECK_MESSAGE(r.ok(), r.first_error());
    std::vector<aa::Document> back;
    for (const aa::Document& d : r.documents) {
        const aa::io::WriteResult w = aa::io::write("native", d);
        CHECK(w.ok());
        aa::io::ReadResult n = aa::io::read("native", w.output);
        CHECK_MESSAGE(n.ok(), n.first_error());
        for (aa::Document& nd : n.documents) back.push_back(std::move(nd));
    }
    std::vector<const aa::Document*> ptrs;
    for (const aa::Document& d : back) ptrs.push_back(&d);
    const aa::io::WriteResult w = aa::io::write("conll", ptrs);
    CHECK_MESSAGE(w.diagnostics.empty(), described(w.diagnostics).at(0));
    return w.output;
}

}  // namespace

TEST_CASE("real CoNLL files come back byte for byte through native: columns, -DOCSTART-, comments, sentence breaks") {
    for (const char* f :
         {"real/conll/ner-token-per-line-conll2003.iob", "real/conll/labeling.conll2003.user1",
          "real/conll/labeling.conll2003.user2", "real/conll/wnut17-dev-excerpt.conll", "real/conll/NER-de-dev.tsv"}) {
        CAPTURE(f);
        const std::string input = read_fixture(f);
        CHECK(through_native(input) == input);
        aa::io::ReadOptions third;  // GermEval's outer layer
        third.column = 3;
        if (std::string(f).find("NER-de") != std::string::npos) CHECK(through_native(input, third) == input);
    }
    // seqeval's column 3 (gold, IOB2), and leNER-Br's two columns.
    aa::io::ReadOptions third;
    third.column = 3;
    const std::string seqeval = read_fixture("real/conll/seqeval-ground_truth-excerpt.txt");
    CHECK(through_native(seqeval, third) == seqeval);
    const std::string lener = read_fixture("real/conll/lener-br-ACO2821STF-excerpt.conll");
    CHECK(through_native(lener) == lener);
}

TEST_CASE("seqeval's data keeps Corp. and Co. as single tokens; its last column mixes IOB1 and IOB2 starts") {
    aa::io::ReadOptions third;
    third.column = 3;
    aa::io::ReadResult r = read_file("conll", "real/conll/seqeval-ground_truth-excerpt.txt", third);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    const std::vector<Row> rs = rows(r.documents.at(0));
    AA_REQUIRE(rs.size() >= 2);
    CHECK(rs[0] == Row{0, 28, "NP", "Rockwell International Corp."});
    // The prediction column: read with both kinds of start, and said so; most starts are IOB2's (9 to 5),
    // and the 5 IOB1 starts are kept in the layer, so that the column comes back as it was.
    r = read_file("conll", "real/conll/seqeval-ground_truth-excerpt.txt");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "warning: the tags mix iob1 entity starts (I- after O or another type: 5, the first on line 1) and iob2 "
              "entity starts (B- after O or another type: 9, the first on line 7): read with both starting an entity; "
              "a CoNLL write gives each start back as it was, --scheme writes them all in one scheme"});
    const aa::TokenLayer& l = r.documents.at(0).token_layer;
    CHECK(l.scheme == "iob2");
    CHECK(l.other_starts == std::vector<size_t>{0, 16, 19, 20, 23});
    const std::vector<Row> predicted = rows(r.documents.at(0));
    CHECK(predicted.size() == 16);
    CHECK(predicted.at(0) == Row{0, 28, "NP", "Rockwell International Corp."});
    CHECK(predicted.at(1) == Row{29, 42, "NP", "'s Tulsa unit"});
    const std::string seqeval = read_fixture("real/conll/seqeval-ground_truth-excerpt.txt");
    CHECK(through_native(seqeval) == seqeval);
    // --scheme writes every start in one scheme: the same entities, tags normalised.
    for (const char* scheme : {"iob1", "iob2"}) {
        CAPTURE(scheme);
        aa::io::WriteOptions wo;
        wo.scheme = scheme;
        const std::string out = aa::io::write("conll", r.documents.at(0), wo).output;
        CHECK(out != seqeval);
        aa::io::ReadOptions strict;
        strict.scheme = scheme;
        const aa::io::ReadResult back = aa::io::read("conll", out, strict);
        AA_REQUIRE_MESSAGE(back.ok(), back.first_error());
        CHECK(back.diagnostics.empty());
        CHECK(rows(back.documents.at(0)) == predicted);
        CHECK(out.find(std::string("Rockwell NNP B-NP ") + (scheme[3] == '1' ? "I" : "B") + "-NP\n") !=
              std::string::npos);
    }
    // An edit keeps the other starts where entities still start: "Boeing Co." unlabelled, the rest as read.
    aa::Document edited = r.documents.at(0);
    for (aa::Slot sl : edited.entities().ordered())
        if (edited.text_of(edited.entities().get(sl)) == "Boeing Co.") {
            AA_REQUIRE(edited.erase_entity(std::string(edited.entities().get(sl).id)));
            break;
        }
    const std::string out = aa::io::write("conll", edited).output;
    CHECK(out.find("Boeing NNP B-NP O\nCo. NNP I-NP O\nto TO B-VP B-PP\nprovide VB I-VP I-VP\n") != std::string::npos);
    CHECK(out.find("Rockwell NNP B-NP I-NP\n") != std::string::npos);
}

TEST_CASE("P. Simmons stays two tokens, Corp. one, and the date one, through native and back") {
    // CoNLL-2003's own layout (IOB1, POS and chunk columns); its test set has these lines.
    const std::string conll =
        "-DOCSTART- -X- -X- O\n\nP. NNP I-NP I-PER\nSimmons NNP I-NP I-PER\n( ( O O\n"
        "Toshiba NNP I-NP I-ORG\nCorp. NNP I-NP I-ORG\n) ) O O\n1996-12-06 CD I-NP O\n\n";
    aa::io::ReadResult r = aa::io::read("conll", conll);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Document& d = r.documents.at(0);
    CHECK(d.text().utf8() == "P. Simmons ( Toshiba Corp. ) 1996-12-06");
    CHECK(d.token_layer.tokens.size() == 7);
    CHECK(rows(d) == std::vector<Row>{{0, 10, "PER", "P. Simmons"}, {13, 26, "ORG", "Toshiba Corp."}});
    CHECK(through_native(conll) == conll);
}

TEST_CASE("CoNLL tokens stay as the file has them: a hyphenated date is one token, the other columns are kept") {
    aa::io::ReadResult r = read_file("conll", "real/conll/labeling.conll2003.user2");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    const aa::Document& d = r.documents[0];
    CHECK(d.text().utf8() ==
          "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nNadim Ladki\nAL-AIN , United Arab Emirates "
          "1996-12-06");
    const aa::TokenLayer& l = d.token_layer;
    AA_REQUIRE(l.tokens.size() == 20);
    CHECK(d.text().slice(l.tokens[19].start, l.tokens[19].end) == "1996-12-06");
    CHECK(l.tokens[19].columns == std::vector<std::string>{"_", "_"});
    CHECK(l.scheme == "iob2");
    CHECK(l.lines ==
          std::vector<aa::TokenLayer::Line>{{0, "-DOCSTART- -X- -X- O"}, {0, ""}, {12, ""}, {14, ""}, {20, ""}});
    CHECK(rows(d) == std::vector<Row>{{9, 14, "12", "JAPAN"},
                                      {31, 36, "13", "CHINA"},
                                      {58, 69, "13", "Nadim Ladki"},
                                      {70, 76, "12", "AL-AIN"},
                                      {79, 99, "12", "United Arab Emirates"}});
    // An edit goes out in the same lines: the date labelled, "CHINA" unlabelled, in IOB2 as read.
    aa::Document edited = r.documents[0];
    aa::Entity date;
    date.id = "e9";
    date.start = 100;
    date.end = 110;
    date.label = "12";
    AA_REQUIRE(edited.insert_entity(date).ok());
    AA_REQUIRE(edited.erase_entity("e2"));
    const std::string out = aa::io::write("conll", edited).output;
    CHECK(out.find("CHINA _ _ O\n") != std::string::npos);
    CHECK(out.find("1996-12-06 _ _ B-12\n") != std::string::npos);
    // --scheme changes the tags and nothing else.
    aa::io::WriteOptions bilou;
    bilou.scheme = "bilou";
    const std::string b = aa::io::write("conll", r.documents[0], bilou).output;
    CHECK(b.find("United _ _ B-12\nArab _ _ I-12\nEmirates _ _ L-12\n") != std::string::npos);
    CHECK(b.find("JAPAN _ _ U-12\n") != std::string::npos);
}

TEST_CASE("GermEval: an index column, a # comment and two tag layers, the layer chosen with column") {
    aa::io::ReadOptions third;
    third.column = 3;
    aa::io::ReadResult r = read_file("conll", "real/conll/NER-de-dev.tsv", third);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(r.diagnostics.empty());
    CHECK(r.documents[0].text().utf8() ==
          "1980 kam der Crown als Versuch von Toyota , sich in der Oberen Mittelklasse zu etablieren , auch nach "
          "Deutschland .");
    CHECK(rows(r.documents[0]) ==
          std::vector<Row>{{13, 18, "OTH", "Crown"}, {35, 41, "ORG", "Toyota"}, {102, 113, "LOC", "Deutschland"}});
    CHECK(r.documents[0].token_layer.lines ==
          std::vector<aa::TokenLayer::Line>{{0, "#\thttp://de.wikipedia.org/wiki/Toyota_Crown\t[2009-08-13]"}});
    // The last column, GermEval's embedded layer, holds no entity in this sentence.
    r = read_file("conll", "real/conll/NER-de-dev.tsv");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].entities().size() == 0);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"warning: the tag column read (column 4, the last) marks no entity, but column 3 "
                                   "holds tags too, 3 of them not O: --column 3 reads them"});
    aa::io::ReadOptions fifth;
    fifth.column = 5;
    CHECK(read_file("conll", "real/conll/NER-de-dev.tsv", fifth).first_error() ==
          "2:1: error: expected at least 5 columns (--column 5), found 4");
}

TEST_CASE("WNUT17: a lone U+FE0F token is kept as a token of its own, with a warning, and written back") {
    aa::io::ReadResult r = read_file("conll", "real/conll/wnut17-dev-excerpt.conll");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{157, 163, "creative-work", "SG TRY"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"28:1: warning: token \"\xEF\xB8\x8F\" is only whitespace or invisible characters: "
                                   "kept as a token of its own (columns are separated by spaces and tabs)",
                                   "45:1: warning: token \"\xEF\xB8\x8F\" is only whitespace or invisible characters: "
                                   "kept as a token of its own (columns are separated by spaces and tabs)"});
    CHECK(r.documents[0].token_layer.tokens.size() == 45);
}

TEST_CASE("the native token layer reads back equal, pretty or compact, and a broken one is refused with its path") {
    aa::io::ReadResult r = read_file("conll", "real/conll/labeling.conll2003.user2");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    const aa::Document& d = r.documents.at(1);
    for (bool pretty : {true, false}) {
        aa::io::WriteOptions wo;
        wo.pretty = pretty;
        const std::string out = aa::io::write("native", d, wo).output;
        const aa::io::ReadResult back = aa::io::read("native", out);
        AA_REQUIRE_MESSAGE(back.ok(), back.first_error());
        CHECK(back.documents.at(0).token_layer == d.token_layer);
    }
    std::string out = aa::io::write("native", d).output;
    const size_t at = out.find("\"tag_column\": 4");
    AA_REQUIRE(at != std::string::npos);
    out.replace(at, 15, "\"tag_column\": 1");
    const aa::io::ReadResult bad = aa::io::read("native", out);
    CHECK(bad.documents.empty());
    CHECK(bad.first_error().find("error: tokens.tag_column: the tag column cannot be the word column") !=
          std::string::npos);
}
