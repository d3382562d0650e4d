// doccano JSONL: both shapes (label and entities), one document per line, UTF-16 offsets of
// older releases when told, --repair re-anchoring, the Unicode cases, round trips, and errors
// that name the line of the file.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

TEST_CASE("doccano reads the label shape, one document per line, and writes it back byte for byte") {
    aa::io::ReadResult r = read_file("doccano", "doccano/merkel.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    CHECK(rows(r.documents[1]) ==
          std::vector<Row>{{0, 2, "ORG", "EU"}, {11, 17, "MISC", "German"}, {34, 41, "MISC", "British"}});
    aa::io::WriteResult w = aa::io::write("doccano", {&r.documents[0], &r.documents[1]});
    CHECK(w.diagnostics.empty());
    CHECK(w.output == read_fixture("doccano/merkel.jsonl"));
}

TEST_CASE("doccano reads the entities shape with its relations, and writes them back") {
    aa::io::ReadResult r = read_file("doccano", "doccano/relations.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 6, "ORG", "Google"},
                                                   {22, 39, "DATE", "September 4, 1998"},
                                                   {44, 54, "PERSON", "Larry Page"},
                                                   {59, 70, "PERSON", "Sergey Brin"}});
    CHECK(r.diagnostics.empty());
    std::vector<aa::Relation> rels;
    for (const auto& [id, rel] : r.documents[0].relations().all()) rels.push_back(rel);
    CHECK(rels == std::vector<aa::Relation>{{"r1", "foundedAt", "e1", "e2", ""},
                                            {"r2", "foundedBy", "e1", "e3", ""},
                                            {"r3", "foundedBy", "e1", "e4", ""}});
    aa::io::WriteOptions wo;
    wo.doccano_shape = "entities";
    aa::io::WriteResult w = aa::io::write("doccano", r.documents[0], wo);
    CHECK(w.diagnostics.empty());
    CHECK(w.output ==
          "{\"text\": \"Google was founded on September 4, 1998, by Larry Page and Sergey Brin.\", \"entities\": "
          "[{\"id\": 0, \"start_offset\": 0, \"end_offset\": 6, \"label\": \"ORG\"}, {\"id\": 1, \"start_offset\": 22, "
          "\"end_offset\": 39, \"label\": \"DATE\"}, {\"id\": 2, \"start_offset\": 44, \"end_offset\": 54, \"label\": "
          "\"PERSON\"}, {\"id\": 3, \"start_offset\": 59, \"end_offset\": 70, \"label\": \"PERSON\"}], \"relations\": "
          "[{\"id\": 0, \"from_id\": 0, \"to_id\": 1, \"type\": \"foundedAt\"}, {\"id\": 1, \"from_id\": 0, \"to_id\": "
          "2, "
          "\"type\": \"foundedBy\"}, {\"id\": 2, \"from_id\": 0, \"to_id\": 3, \"type\": \"foundedBy\"}]}\n");
    // The default "label" shape has no entity ids: it says what it drops.
    w = aa::io::write("doccano", r.documents[0]);
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{"warning: 3 relations are dropped: doccano's \"label\" shape cannot hold relations "
                                   "(the \"entities\" shape can: --doccano-shape entities)"});
}

TEST_CASE("doccano: relations and cats of the native sample round trip; bad relations are said") {
    const auto doc = native_fixture("native/relations.json");
    AA_REQUIRE(doc.has_value());
    aa::io::WriteOptions wo;
    wo.doccano_shape = "entities";
    aa::io::WriteResult w = aa::io::write("doccano", *doc, wo);
    AA_REQUIRE(w.ok());
    CHECK(w.output.find("\"cats\": [\"politics\", \"europe\"]") != std::string::npos);
    aa::io::ReadResult r = aa::io::read("doccano", w.output);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    const aa::Document& back = r.documents[0];
    CHECK(back.relations().size() == 5);
    CHECK(back.doc_labels() == aa::DocLabels{true, {"politics", "europe"}});
    CHECK(aa::io::write("doccano", back, wo).output == w.output);
    r = aa::io::read(
        "doccano",
        "{\"text\": \"Merkel met Macron.\", \"entities\": [{\"id\": 4, \"start_offset\": 0, "
        "\"end_offset\": 6, \"label\": \"PER\"}], \"relations\": [{\"id\": 0, \"from_id\": 4, \"to_id\": 9, "
        "\"type\": \"met\"}], \"cats\": {\"politics\": 1.0, \"sports\": 0.0}}\n");
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:156: error: relations[0].to_id: no entity with id \"9\""});
}

TEST_CASE("doccano writes the entities shape when asked") {
    aa::io::ReadResult r = read_file("doccano", "doccano/merkel.jsonl");
    AA_REQUIRE(r.documents.size() == 2);
    aa::io::WriteOptions wo;
    wo.doccano_shape = "entities";
    aa::io::WriteResult w = aa::io::write("doccano", r.documents[0], wo);
    CHECK(w.output ==
          "{\"text\": \"Angela Merkel visited Paris.\", \"entities\": [{\"id\": 0, \"start_offset\": 0, "
          "\"end_offset\": 13, \"label\": \"PER\"}, "
          "{\"id\": 1, \"start_offset\": 22, \"end_offset\": 27, \"label\": \"LOC\"}], \"relations\": []}\n");
    wo.doccano_shape = "spans";
    w = aa::io::write("doccano", r.documents[0], wo);
    CHECK(!w.ok());
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{"error: unknown doccano shape \"spans\" (expected \"label\" or \"entities\")"});
}

TEST_CASE("doccano keeps the Unicode cases in code points, and reads an older release's UTF-16 offsets when told") {
    aa::io::ReadResult r = read_file("doccano", "doccano/unicode.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(aa::io::write("doccano", r.documents[0]).output == read_fixture("doccano/unicode.jsonl"));

    aa::io::ReadOptions utf16;
    utf16.offsets = aa::OffsetUnit::Utf16;
    r = read_file("doccano", "doccano/unicode_utf16_entities.jsonl", utf16);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
    // Read as code points, the same file is wrong from the rocket on: the reader says where.
    r = read_file("doccano", "doccano/unicode_utf16_entities.jsonl");
    CHECK(!r.ok());
    CHECK(r.documents.empty());
}

TEST_CASE("doccano round trips keep every span and label in all three units and both shapes") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("doccano", "native/article.json", false, false, unit);
        check_round_trip("doccano", "native/unicode.json", false, false, unit);
    }
    const auto doc = native_fixture("native/unicode.json");
    AA_REQUIRE(doc);
    aa::io::WriteOptions wo;
    wo.doccano_shape = "entities";
    aa::io::ReadResult r = aa::io::read("doccano", aa::io::write("doccano", *doc, wo).output);
    AA_REQUIRE(r.ok());
    CHECK(rows(r.documents[0]) == rows(*doc));
}

TEST_CASE("doccano errors name the line of the file, and a read with an error keeps no document") {
    const std::string input =
        "{\"text\": \"Angela Merkel visited Paris.\", \"label\": [[0, 13, \"PER\"]]}\n"
        "\n"
        "{\"text\": \"Paris\", \"label\": [[0, 6, \"LOC\"]]}\r\n"
        "{\"text\": \"Paris\", \"entities\": [{\"id\": 0, \"start_offset\": 0, \"label\": \"LOC\"}]}\n"
        "{\"text\": \"Paris\", \"label\": [[0, 5, \"LOC\"]], \"entities\": [{\"id\": 0, \"start_offset\": 0, "
        "\"end_offset\": 5, \"label\": \"LOC\"}]}\n"
        "{\"text\": \"Paris\" \"label\": []}\n"
        "[\"Paris\"]\n";
    aa::io::ReadResult r = aa::io::read("doccano", input);
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "3:33: error: label[0][1]: 6 is past the end of the text (5 code points)",
              "4:32: error: entities[0]: missing required field \"end_offset\"",
              "5:1: error: \"label\" and \"entities\" both hold spans: a doccano record has one of \"label\", "
              "\"labels\", \"entities\" or \"annotations\"",
              "6:24: error: JSON syntax error while parsing object - unexpected string literal; expected '}'",
              "7:1: error: expected an object, got an array",
          });
}

TEST_CASE("doccano carries no quoted text, so with repair a bad offset is still an error") {
    aa::io::ReadOptions ro;
    ro.repair = true;
    aa::io::ReadResult r = aa::io::read("doccano", "{\"text\": \"Paris\", \"label\": [[1, 6, \"LOC\"]]}\n", ro);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:33: error: label[0][1]: 6 is past the end of the text (5 code points)"});
}

TEST_CASE("doccano says what it dropped") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    CHECK(described(aa::io::write("doccano", *doc).diagnostics) ==
          std::vector<std::string>{
              "warning: doccano has no place for an entity's kb_id: dropped from 2 entities (e1, e2)",
              "warning: doccano has no place for an entity's note: dropped from 1 entity (e5)",
              "warning: doccano has no place for an entity's attributes: dropped from 1 entity (e2)",
              "warning: doccano has no place for the document's title, source, created, modified, note and attributes: "
              "dropped"});
}

TEST_CASE("doccano's JSON export, a list of the same records, reads as well") {
    aa::io::ReadResult r =
        aa::io::read("doccano", "[{\"id\": 4, \"text\": \"Paris\", \"label\": [[0, 5, \"LOC\"]], \"Comments\": []}]");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 5, "LOC", "Paris"}});
}

TEST_CASE("doccano survives damaged input and keeps reads atomic") {
    check_damaged_inputs("doccano", "doccano/relations.jsonl");
    check_damaged_inputs("doccano", "doccano/unicode.jsonl");
}
