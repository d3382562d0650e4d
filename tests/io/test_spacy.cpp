// spaCy training data: the documented TRAIN_DATA shape, the Unicode cases in code points (and
// in UTF-16 / UTF-8 when asked), round trips, what the writer drops, and exact errors.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

TEST_CASE("spacy reads the documented TRAIN_DATA list as one document per pair and writes it back byte for byte") {
    aa::io::ReadResult r = read_file("spacy", "spacy/train.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 6);
    CHECK(rows(r.documents[1]) == std::vector<Row>{{0, 11, "PRODUCT", "Android Pay"}, {23, 29, "GPE", "Canada"}});
    CHECK(rows(r.documents[5]) == std::vector<Row>{{21, 27, "PRODUCT", "google"}});
    // Labels not declared anywhere come from the palette, in order of first use, with hotkeys.
    AA_REQUIRE(r.documents[1].labels().size() == 2);
    CHECK(r.documents[1].labels()[0].name == "PRODUCT");
    CHECK(r.documents[1].labels()[0].key == "1");
    CHECK(r.documents[1].labels()[1].color != r.documents[1].labels()[0].color);
    std::vector<const aa::Document*> docs;
    for (const auto& d : r.documents) docs.push_back(&d);
    aa::io::WriteResult w = aa::io::write("spacy", docs);
    CHECK(w.ok());
    CHECK(w.diagnostics.empty());
    CHECK(w.output == read_fixture("spacy/train.json"));
}

TEST_CASE("spacy keeps the Unicode cases at exact code point offsets") {
    aa::io::ReadResult r = read_file("spacy", "spacy/unicode.json");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() == kUnicodeText);
    CHECK(rows(r.documents[0]) == unicode_rows());
    aa::io::WriteResult w = aa::io::write("spacy", r.documents[0]);
    CHECK(w.output == read_fixture("spacy/unicode.json"));
}

TEST_CASE("spacy writes UTF-16 offsets for JavaScript consumers and reads them back when told") {
    aa::io::ReadResult r = read_file("spacy", "spacy/unicode.json");
    AA_REQUIRE(r.documents.size() == 1);
    aa::io::WriteOptions wo;
    wo.offsets = aa::OffsetUnit::Utf16;
    wo.pretty = false;
    aa::io::WriteResult w = aa::io::write("spacy", r.documents[0], wo);
    // Paris is at code point 28 = UTF-16 unit 29 (after the rocket's surrogate pair); the
    // firefighter is 4 code points = 7 UTF-16 units.
    CHECK(w.output.find("[[1,5,\"ORG\"],[15,18,\"PER\"],[29,34,\"LOC\"],[36,43,\"MISC\"],[44,47,\"PER\"],[52,57,"
                        "\"PER\"],[60,62,\"LOC\"],[67,69,\"LOC\"]]") != std::string::npos);
    aa::io::ReadOptions ro;
    ro.offsets = aa::OffsetUnit::Utf16;
    aa::io::ReadResult back = aa::io::read("spacy", w.output, ro);
    AA_REQUIRE_MESSAGE(back.ok(), back.first_error());
    CHECK(rows(back.documents[0]) == unicode_rows());
}

TEST_CASE("spacy round trips keep every span and label in all three units") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("spacy", "native/article.json", false, false, unit);
        check_round_trip("spacy", "native/unicode.json", false, false, unit);
    }
}

TEST_CASE("spacy says what it dropped and which entities overlap") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    aa::io::WriteResult w = aa::io::write("spacy", *doc);
    CHECK(w.ok());
    CHECK(
        described(w.diagnostics) ==
        std::vector<std::string>{"warning: 4 pairs of entities overlap (e5 and e2, e5 and e3, e5 and e4, e3 and e4), "
                                 "which spaCy's doc.ents cannot hold "
                                 "(doc.spans can): written as they are",
                                 "warning: spacy has no place for an entity's kb_id: dropped from 2 entities (e1, e2)",
                                 "warning: spacy has no place for an entity's note: dropped from 1 entity (e5)",
                                 "warning: spacy has no place for an entity's attributes: dropped from 1 entity (e2)",
                                 "warning: spacy has no place for the document's title, source, created, modified, "
                                 "note and attributes: dropped"});
}

TEST_CASE("spacy reports bad inputs with exact messages and reads nothing") {
    struct Case {
        const char* input;
        std::vector<std::string> messages;
    };
    const Case cases[] = {
        {"{\"text\": \"x\"}",
         {"1:1: error: expected a list of [text, {\"entities\": [[start, end, label], ...]}] pairs, got an object"}},
        {"[[\"Paris\"]]",
         {"1:2: error: [0]: expected a [text, {\"entities\": [...]}] pair, got an array of 1 elements"}},
        {"[[1, {}]]", {"1:3: error: [0][0]: expected the text (a string), got 1"}},
        {"[[\"Paris\", []]]", {"1:12: error: [0][1]: expected an object, got an array"}},
        {"[[\"Paris\", {\"entities\": [[0, 5]]}]]",
         {"1:26: error: [0][1].entities[0]: expected [start, end, label], got an array of 2 elements"}},
        {"[[\"Paris\", {\"entities\": [[0, -5, \"LOC\"]]}]]",
         {"1:30: error: [0][1].entities[0][1]: expected a non-negative integer, got -5"}},
        {"[[\"Paris\", {\"entities\": [[0, 6, \"LOC\"]]}]]",
         {"1:30: error: [0][1].entities[0][1]: 6 is past the end of the text (5 code points)"}},
        {"[[\"Paris\", {\"entities\": [[3, 3, \"LOC\"]]}]]",
         {"1:30: error: [0][1].entities[0][1]: 3 is not after start 3"}},
        {"[[\"Paris\", {\"entities\": [[0, 5, 7]]}]]",
         {"1:33: error: [0][1].entities[0][2]: expected a label (a string), got 7"}},
        {"[[\"Paris\", {\"entities\": [[0, 5, \"\"]]}], [\"ok\", {}]]",
         {"1:33: error: [0][1].entities[0][2]: a label name cannot be empty"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        aa::io::ReadResult r = aa::io::read("spacy", c.input);
        CHECK(!r.ok());
        CHECK(r.documents.empty());
        CHECK(described(r.diagnostics) == c.messages);
    }
}

TEST_CASE("spacy offsets inside a character are named, in the unit of the input") {
    aa::io::ReadOptions ro;
    ro.offsets = aa::OffsetUnit::Utf16;
    aa::io::ReadResult r =
        aa::io::read("spacy", "[[\"\xF0\x9F\x9A\x80 Paris\", {\"entities\": [[1, 8, \"LOC\"]]}]]", ro);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:29: error: [0][1].entities[0][0]: utf16 offset 1 is inside the character "
                                   "\"\xF0\x9F\x9A\x80\" (utf16 0 to 2)"});
}

TEST_CASE("spacy ignores other annotation keys with a warning and drops duplicate spans with one") {
    aa::io::ReadResult r = aa::io::read(
        "spacy", "[[\"Paris\", {\"entities\": [[0, 5, \"LOC\"], [0, 5, \"LOC\"]], \"links\": {\"travel\": 1.0}}]]");
    AA_REQUIRE(r.ok());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 5, "LOC", "Paris"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:41: warning: [0][1].entities[1]: duplicate of [0][1].entities[0] (same start, end and label): dropped",
              "1:66: warning: [0][1].links: only \"entities\" and \"cats\" are read (ignored)"});
}

TEST_CASE("spacy survives damaged input and keeps reads atomic") {
    check_damaged_inputs("spacy", "spacy/train.json");
    check_damaged_inputs("spacy", "spacy/unicode.json");
}
