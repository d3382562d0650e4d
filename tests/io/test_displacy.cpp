// displaCy manual input: one object or a list, kb_id and title kept, the Unicode cases, round
// trips, what the writer drops, and exact errors.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

TEST_CASE("displacy reads the running example with its kb_id and a null title, and writes it back byte for byte") {
    aa::io::ReadResult r = read_file("displacy", "displacy/merkel.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    const aa::Document& d = r.documents[0];
    CHECK(rows(d) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    CHECK(d.entities().get(d.entities().ordered()[1]).kb_id == "Q90");
    CHECK(d.info.title.empty());
    aa::io::WriteResult w = aa::io::write("displacy", d);
    CHECK(w.diagnostics.empty());
    CHECK(w.output == read_fixture("displacy/merkel.json"));
}

TEST_CASE("displacy reads a list of documents with their titles and writes a list back") {
    aa::io::ReadResult r = read_file("displacy", "displacy/list.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].info.title == "Example 1");
    CHECK(rows(r.documents[0]) == std::vector<Row>{{4, 10, "ORG", "Google"}});
    CHECK(r.documents[1].entities().get(r.documents[1].entities().ordered()[0]).kb_id == "Q567");
    std::vector<const aa::Document*> docs{&r.documents[0], &r.documents[1]};
    aa::io::WriteResult w = aa::io::write("displacy", docs);
    CHECK(w.output == read_fixture("displacy/list.json"));
}

TEST_CASE("displacy keeps the Unicode cases at exact code point offsets") {
    aa::io::ReadResult r = read_file("displacy", "displacy/unicode.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() == kUnicodeText);
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(r.documents[0].info.title == "Unicode cases");
    CHECK(aa::io::write("displacy", r.documents[0]).output == read_fixture("displacy/unicode.json"));
}

TEST_CASE("displacy round trips keep spans, labels and kb_ids in all three units") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("displacy", "native/article.json", false, true, unit);
        check_round_trip("displacy", "native/unicode.json", false, true, unit);
    }
}

TEST_CASE("displacy says what it dropped") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    aa::io::WriteResult w = aa::io::write("displacy", *doc);
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: 4 pairs of entities overlap (e5 and e2, e5 and e3, e5 and e4, e3 and e4), which displaCy's "
              "\"ent\" style cannot "
              "show (its \"span\" style can): written as they are",
              "warning: displacy has no place for an entity's note: dropped from 1 entity (e5)",
              "warning: displacy has no place for an entity's attributes: dropped from 1 entity (e2)",
              "warning: displacy has no place for the document's source, created, modified, note and attributes: "
              "dropped"});
}

TEST_CASE("displacy reports bad inputs with exact messages and reads nothing") {
    struct Case {
        const char* input;
        std::vector<std::string> messages;
    };
    const Case cases[] = {
        {"\"Paris\"", {"1:1: error: expected an object {\"text\", \"ents\"} or a list of them, got a string"}},
        {"{\"text\": \"Paris\"}", {"1:1: error: missing required field \"ents\""}},
        {"{\"ents\": []}", {"1:1: error: missing required field \"text\""}},
        {"{\"text\": \"Paris\", \"ents\": [{\"start\": 0, \"label\": \"LOC\"}]}",
         {"1:28: error: ents[0]: missing required field \"end\""}},
        {"{\"text\": \"Paris\", \"ents\": [{\"start\": \"0\", \"end\": 5, \"label\": \"LOC\"}]}",
         {"1:38: error: ents[0].start: expected a non-negative integer, got a string"}},
        {"{\"text\": \"Paris\", \"ents\": [{\"start\": 0, \"end\": 5, \"label\": \"LOC\", \"kb_id\": 90}]}",
         {"1:76: error: ents[0].kb_id: expected a string, got 90"}},
        {"{\"text\": \"Paris\", \"ents\": [], \"title\": 3}", {"1:40: error: title: expected a string, got 3"}},
        {"[{\"text\": \"Paris\", \"ents\": [{\"start\": 0, \"end\": 9, \"label\": \"LOC\"}]}]",
         {"1:49: error: [0].ents[0].end: 9 is past the end of the text (5 code points)"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        aa::io::ReadResult r = aa::io::read("displacy", c.input);
        CHECK(!r.ok());
        CHECK(r.documents.empty());
        CHECK(described(r.diagnostics) == c.messages);
    }
}

TEST_CASE("displacy survives damaged input and keeps reads atomic") {
    check_damaged_inputs("displacy", "displacy/list.json");
    check_damaged_inputs("displacy", "displacy/unicode.json");
}

TEST_CASE("displacy keeps kb_url as the entity attribute kb_url and writes it back") {
    const std::string in =
        R"({"text": "Paris", "ents": [{"start": 0, "end": 5, "label": "LOC", "kb_id": "Q90", "kb_url": "https://www.wikidata.org/wiki/Q90"}], "title": null})";
    aa::io::ReadResult r = aa::io::read("displacy", in);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Entity& e = r.documents[0].entities().get(r.documents[0].entities().ordered()[0]);
    CHECK(e.attributes == aa::Attributes{{"kb_url", "https://www.wikidata.org/wiki/Q90"}});
    const aa::io::WriteResult w = aa::io::write("displacy", r.documents[0]);
    REQUIRE(w.ok());
    CHECK(w.diagnostics.empty());
    CHECK(w.output.find(R"("kb_url": "https://www.wikidata.org/wiki/Q90")") != std::string::npos);
}
