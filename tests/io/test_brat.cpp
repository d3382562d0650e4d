// brat standoff: hand-written .ann files from the brat standoff documentation (T, #, A, N, R, E,
// * and discontinuous lines), the Unicode cases, round trips, the writer's losses, exact errors.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

aa::Text text_of(const std::string& rel) {
    auto t = aa::Text::from_utf8(read_fixture(rel));
    CHECK(t.ok());
    return t.ok() ? std::move(t.value()) : aa::Text();
}

aa::io::ReadResult read_ann(const std::string& ann, const std::string& text) {
    auto t = aa::Text::from_utf8(text);
    CHECK(t.ok());
    aa::io::ReadOptions o;
    o.text = &t.value();
    return aa::io::read("brat", ann, o);
}

}  // namespace

TEST_CASE("brat reads the documented example and writes it back byte for byte") {
    const aa::Text text = text_of("brat/merkel.txt");
    aa::io::ReadOptions o;
    o.text = &text;
    aa::io::ReadResult r = read_file("brat", "brat/merkel.ann", o);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(r.diagnostics.empty());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    AA_REQUIRE(r.documents[0].labels().size() == 2);
    CHECK(r.documents[0].labels()[0].name == "PER");
    aa::io::WriteResult w = aa::io::write("brat", r.documents[0]);
    CHECK(w.ok());
    CHECK(w.diagnostics.empty());
    CHECK(w.output == read_fixture("brat/merkel.ann"));
}

TEST_CASE(
    "brat keeps notes, attributes, normalisations, relations and equivalences, and reports each line the model "
    "cannot hold") {
    const aa::Text text = text_of("brat/full.txt");
    aa::io::ReadOptions o;
    o.text = &text;
    aa::io::ReadResult r = read_file("brat", "brat/full.ann", o);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    const aa::Document& d = r.documents[0];
    CHECK(rows(d) == std::vector<Row>{{0, 23, "LOC", "North and South America"},
                                      {25, 38, "PER", "Angela Merkel"},
                                      {39, 46, "Action", "visited"},
                                      {47, 52, "LOC", "Paris"}});
    const aa::Entity* merkel = d.entities().find("e1");
    AA_REQUIRE(merkel != nullptr);
    CHECK(merkel->label == "PER");
    CHECK(merkel->note == "check");
    CHECK(merkel->kb_id == "Wikidata:Q567");
    CHECK(merkel->attributes == aa::Attributes{{"Negation", "true"}});
    const aa::Entity* paris = d.entities().find("e2");
    AA_REQUIRE(paris != nullptr);
    CHECK(paris->attributes == aa::Attributes{{"Confidence", "High"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "3:8: warning: T3: discontinuous fragments 0 5;16 23 are read as the covering span [0, 23) \"North and "
              "South "
              "America\" (the model holds one span per entity)",
              "6:1: warning: E1: event \"Action:T4 Agent:T1 Place:T2\" ignored: the model holds no events (its "
              "trigger stays an entity)",
              "9:4: warning: A3: attribute of E1 ignored: only entities (T lines) can hold it",
          });
    // R1 visited T1 -> T2, and the equivalence T2 = T3 as a symmetric relation.
    std::vector<aa::Relation> rels;
    for (const auto& [id, rel] : d.relations().all()) rels.push_back(rel);
    CHECK(rels == std::vector<aa::Relation>{{"r1", "visited", "e1", "e2", ""}, {"r2", "Equiv", "e2", "e3", ""}});
    AA_REQUIRE(d.relation_types().size() == 2);
    CHECK_FALSE(d.relation_types()[0].symmetric);
    CHECK(d.relation_types()[1].symmetric);
}

TEST_CASE("brat writes notes, attributes and kb ids as #, A and N lines, and says what it changed") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc.has_value());
    aa::io::WriteResult w = aa::io::write("brat", *doc);
    CHECK(w.ok());
    CHECK(w.output ==
          "T1\tPER 0 13\tAngela Merkel\n"
          "T2\tEVENT 14 47\tvisited Paris. The Bank of France\n"
          "T3\tLOC 22 27\tParis\n"
          "T4\tORG 33 47\tBank of France\n"
          "T5\tLOC 41 47\tFrance\n"
          "A1\tconfidence T3 high\n"
          "A2\tchecked T3 yes\n"
          "N1\tReference T1 Wikidata:Q567\tAngela Merkel\n"
          "N2\tReference T3 Wikidata:Q90\tParis\n"
          "#1\tAnnotatorNotes T2\tcrosses a line break\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: kb_id \"Q567\" of e1 written as Wikidata:Q567 (brat normalisations need DB:ID)",
              "warning: kb_id \"Q90\" of e2 written as Wikidata:Q90 (brat normalisations need DB:ID)",
              "warning: the document's title, note and attributes are dropped: a .ann file holds no "
              "document metadata",
          });
}

TEST_CASE("brat round trips keep every entity, note and attribute, in every offset unit") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("brat", "native/article.json", true, false, unit);
        check_round_trip("brat", "native/unicode.json", true, true, unit);
    }
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc.has_value());
    aa::io::ReadOptions o;
    o.text = &doc->text();
    aa::io::ReadResult r = aa::io::read("brat", aa::io::write("brat", *doc).output, o);
    AA_REQUIRE(r.ok());
    const aa::Entity* paris = r.documents[0].entities().find("e3");
    AA_REQUIRE(paris != nullptr);
    CHECK(paris->attributes == aa::Attributes{{"confidence", "high"}, {"checked", "yes"}});
}

TEST_CASE("brat keeps the Unicode cases at exact code point offsets") {
    const aa::Text text = text_of("brat/unicode.txt");
    CHECK(text.utf8() == kUnicodeText);
    aa::io::ReadOptions o;
    o.text = &text;
    aa::io::ReadResult r = read_file("brat", "brat/unicode.ann", o);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(aa::io::write("brat", r.documents[0]).output == read_fixture("brat/unicode.ann"));
    // The same annotations for a consumer counting UTF-16 units: Paris moves to 29 (the rocket is a pair).
    aa::io::WriteOptions wo;
    wo.offsets = aa::OffsetUnit::Utf16;
    const std::string utf16 = aa::io::write("brat", r.documents[0], wo).output;
    CHECK(lines_of(utf16)[2] == "T3\tLOC 29 34\tParis");
    CHECK(lines_of(utf16)[3] == "T4\tMISC 36 43\t\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92");
}

TEST_CASE("brat labels with spaces are written with underscores, with a warning") {
    auto t = aa::Text::from_utf8("New York");
    AA_REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    AA_REQUIRE(d.insert_entity({"e1", 0, 8, "Big City", "", "", {}}).ok());
    aa::io::WriteResult w = aa::io::write("brat", d);
    CHECK(w.output == "T1\tBig_City 0 8\tNew York\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: label \"Big City\" written as \"Big_City\" (brat types cannot contain spaces)"});
}

TEST_CASE("brat reports truncated and malformed lines with their line, column and id") {
    const std::string text = "Angela Merkel visited Paris.";
    CHECK(read_ann("T1\tPER 0 13\tAngela Merkel\nT2\tLOC 22 27\n", text).first_error() ==
          "2:1: error: T2: expected 3 tab-separated fields, found 2");
    CHECK(read_ann("T1\tPER 0 1x\tAngela Merkel\n", text).first_error() ==
          "1:8: error: T1: invalid offsets \"0 1x\" (expected START END, fragments separated by ';')");
    CHECK(read_ann("T1\tPER\tAngela Merkel\n", text).first_error() ==
          "1:4: error: T1: expected \"TYPE START END\" in the second field, found \"PER\"");
    CHECK(read_ann("T1\tPER 0 40\tAngela Merkel\n", text).first_error() ==
          "1:8: error: T1: offset 40 is past the end of the text (28 code points)");
    CHECK(read_ann("T1\tPER 5 5\t\n", text).first_error() ==
          "1:8: error: T1: empty or reversed fragment \"5 5\" (end is not after start)");
    CHECK(read_ann("T1\tPER 0 13\tAngela Merkel\nT1\tLOC 22 27\tParis\n", text).first_error() ==
          "2:1: error: T1: duplicate id (also line 1)");
    CHECK(read_ann("A1\tNegation T7\n", text).first_error() == "1:4: error: A1: unknown annotation \"T7\"");
    CHECK(read_ann("T1\tPER 0 13\tAngela Merkel\nA1\tNegation\n", text).first_error() ==
          "2:4: error: A1: expected \"NAME TARGET [VALUE]\" in the second field, found \"Negation\"");
    CHECK(read_ann("T1\tPER 0 13\tAngela Merkel\nN1\tReference T1 Q567\tAngela Merkel\n", text).first_error() ==
          "2:4: error: N1: expected \"Reference TARGET DB:ID\" in the second field, found \"Reference T1 Q567\"");
    CHECK(read_ann("T1\tPER 0 13\tAngela Merkel\n#1\n", text).first_error() ==
          "2:1: error: #1: expected 2 or 3 tab-separated fields, found 1");
    aa::io::ReadResult none = aa::io::read("brat", "T1\tPER 0 13\tAngela Merkel\n");
    CHECK(none.first_error() ==
          "error: a brat .ann file does not carry the text: the text of the .txt file beside it is needed");
    CHECK(none.documents.empty());
}

TEST_CASE("brat reports an entity text that differs from the document with both strings, and repair re-anchors it") {
    const std::string text = "Yesterday Angela Merkel visited Paris.";
    aa::io::ReadResult r = read_ann("T1\tPER 0 13\tAngela Merkel\n", text);
    CHECK(r.first_error() ==
          "1:13: error: T1: text \"Angela Merkel\" does not match the document text at [0 13]: \"Yesterday Ang\"");
    CHECK(r.documents.empty());
    auto t = aa::Text::from_utf8(text);
    AA_REQUIRE(t.ok());
    aa::io::ReadOptions o;
    o.text = &t.value();
    o.repair = true;
    r = aa::io::read("brat", "T1\tPER 0 13\tAngela Merkel\n", o);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{10, 23, "PER", "Angela Merkel"}});
    CHECK(
        described(r.diagnostics) ==
        std::vector<std::string>{"1:13: warning: T1: text \"Angela Merkel\" did not match the document text at [0 13] "
                                 "(\"Yesterday Ang\"): re-anchored to [10, 23)"});
    // Ambiguous: the text occurs twice.
    const std::string twice = "Paris and Paris";
    auto t2 = aa::Text::from_utf8(twice);
    AA_REQUIRE(t2.ok());
    o.text = &t2.value();
    CHECK(aa::io::read("brat", "T1\tLOC 1 6\tParis\n", o).first_error() ==
          "1:12: error: T1: text \"Paris\" does not match the document text at [1 6]: \"aris \" (cannot re-anchor: the "
          "text "
          "occurs 2 times)");
}

TEST_CASE("brat merges a T line with the same span and type as another, with its attributes") {
    aa::io::ReadResult r = read_ann("T1\tPER 0 6\tAngela\nT2\tPER 0 6\tAngela\nA1\tNegation T2\n", "Angela Merkel");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents[0].entities().size() == 1);
    CHECK(r.documents[0].entities().find("e1")->attributes == aa::Attributes{{"Negation", "true"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"2:1: warning: T2: same span and type as T1: merged into it"});
}

TEST_CASE("brat detection recognises an .ann file") {
    auto f = aa::io::detect_format("doc.ann", read_fixture("brat/full.ann"));
    AA_REQUIRE(f.ok());
    CHECK(f.value()->id == "brat");
}

TEST_CASE("brat writes relations as R lines with their notes and reads them back byte for byte") {
    const auto doc = native_fixture("native/relations.json");
    AA_REQUIRE(doc.has_value());
    aa::io::WriteResult w = aa::io::write("brat", *doc);
    AA_REQUIRE(w.ok());
    const std::string ann =
        "T1\tPER 0 13\tAngela Merkel\n"
        "T2\tPER 18 33\tEmmanuel Macron\n"
        "T3\tLOC 37 42\tParis\n"
        "T4\tORG 61 64\tCDU\n"
        "T5\tORG 79 90\tRenaissance\n"
        "R1\tmet_with Arg1:T1 Arg2:T2\n"
        "R2\tleader_of Arg1:T1 Arg2:T4\n"
        "R3\tleader_of Arg1:T2 Arg2:T5\n"
        "R4\tlocated_in Arg1:T1 Arg2:T3\n"
        "R5\tlocated_in Arg1:T2 Arg2:T3\n"
        "#1\tAnnotatorNotes R1\tfirst meeting\n";
    CHECK(w.output == ann);
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{"warning: the document's title are dropped: a .ann file holds no document metadata",
                                   "warning: the document labels of 1 document are dropped: the brat format cannot "
                                   "hold document labels"});
    aa::io::ReadResult r = read_ann(ann, doc->text().utf8());
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    const aa::Document& back = r.documents[0];
    std::vector<aa::Relation> want, got;
    for (const auto& [id, rel] : doc->relations().all()) want.push_back(rel);
    for (const auto& [id, rel] : back.relations().all()) got.push_back(rel);
    CHECK(got == want);
    CHECK(aa::io::write("brat", back).output == ann);
}

TEST_CASE("brat relation lines: exact errors and warnings") {
    const std::string text = "Merkel met Macron.";
    aa::io::ReadResult r = read_ann(
        "T1\tPER 0 6\tMerkel\nT2\tPER 11 17\tMacron\nR1\tmet Arg1:T1\nR2\tmet Arg1:T1 Arg2:T9\nR3\tmet Arg1:T1 T2\n"
        "E1\tPER:T1\nR4\tmet Arg1:E1 Arg2:T2\n*\tSame T1\n",
        text);
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "3:4: error: R1: expected \"TYPE Arg1:ID Arg2:ID\" in the second field, found \"met Arg1:T1\"",
              "4:21: error: R2: unknown annotation \"T9\"",
              "5:16: error: R3: expected ROLE:ID, found \"T2\"",
              "7:13: warning: R4: relation ignored: its argument E1 is not an entity (T line)",
              "8:3: error: *: expected \"TYPE ID ID...\" in the second field, found \"Same T1\"",
              "6:1: warning: E1: event \"PER:T1\" ignored: the model holds no events (its trigger stays an entity)",
          });
}
