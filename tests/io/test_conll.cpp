// CoNLL: hand-written files in the CoNLL-2003 layout (4 columns, IOB1 with its B- between two
// adjacent same-type entities, -DOCSTART- documents) and in IOB2 and BILOU; the text rebuilt or
// aligned to the original; the Unicode cases; round trips; the writer's losses; exact errors.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

const std::vector<Row> kMerkelRows{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}};

aa::io::ReadResult read_conll(const std::string& input, const std::string& scheme = "") {
    aa::io::ReadOptions o;
    o.scheme = scheme;
    return aa::io::read("conll", input, o);
}

aa::Document merkel() {
    auto t = aa::Text::from_utf8("Angela Merkel visited Paris.");
    aa::Document d(std::move(t.value()));
    CHECK(d.insert_entity({"e1", 0, 13, "PER", "", "", {}}).ok());
    CHECK(d.insert_entity({"e2", 22, 27, "LOC", "", "", {}}).ok());
    return d;
}

}  // namespace

TEST_CASE("conll reads the example in all three schemes, detected from the tags, and rebuilds the text") {
    for (const char* f : {"conll/merkel.iob2.conll", "conll/merkel.iob1.conll", "conll/merkel.bilou.conll"}) {
        CAPTURE(f);
        aa::io::ReadResult r = read_file("conll", f);
        AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
        CHECK(r.diagnostics.empty());
        AA_REQUIRE(r.documents.size() == 1);
        CHECK(r.documents[0].text().utf8() == "Angela Merkel visited Paris .");
        CHECK(rows(r.documents[0]) == kMerkelRows);
    }
}

TEST_CASE("conll aligns the tokens to the original text when it is given") {
    const aa::Document d = merkel();
    aa::io::ReadOptions o;
    o.text = &d.text();
    aa::io::ReadResult r = read_file("conll", "conll/merkel.bilou.conll", o);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].text().utf8() == "Angela Merkel visited Paris.");
    CHECK(rows(r.documents[0]) == kMerkelRows);
}

TEST_CASE("conll writes the example in each scheme exactly as the hand-written files") {
    const aa::Document d = merkel();
    for (const auto& entry :
         {std::pair{"iob2", "conll/merkel.iob2.conll"}, std::pair{"iob1", "conll/merkel.iob1.conll"},
          std::pair{"bilou", "conll/merkel.bilou.conll"}}) {
        // Not a structured binding: clang 14 (em++) cannot capture one in CAPTURE's lambda.
        const char* scheme = entry.first;
        const char* file = entry.second;
        CAPTURE(scheme);
        aa::io::WriteOptions o;
        o.scheme = scheme;
        aa::io::WriteResult w = aa::io::write("conll", d, o);
        CHECK(w.ok());
        CHECK(w.output == read_fixture(file));
        CHECK(described(w.diagnostics) ==
              std::vector<std::string>{
                  "warning: the text's own spacing and line breaks are not kept: a reader rebuilds the text "
                  "with single spaces (give it the original text to keep the offsets)"});
    }
    aa::io::WriteOptions bad;
    bad.scheme = "bioes2";
    CHECK(aa::io::write("conll", d, bad).diagnostics.at(0).report() ==
          "error: unknown CoNLL scheme \"bioes2\" (expected iob1, iob2 or bilou)");
}

TEST_CASE("conll reads the CoNLL-2003 layout: 4 columns, IOB1 with B- between adjacent entities, two documents") {
    aa::io::ReadResult r = read_file("conll", "conll/adjacent.iob1.conll");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].text().utf8() == "EU rejects German call .\nPresidents Chirac Kohl met in Bonn .");
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 2, "ORG", "EU"},
                                                   {11, 17, "MISC", "German"},
                                                   {36, 42, "PER", "Chirac"},
                                                   {43, 47, "PER", "Kohl"},
                                                   {55, 59, "LOC", "Bonn"}});
    CHECK(rows(r.documents[1]) == std::vector<Row>{{0, 15, "PER", "Peter Blackburn"}});
    // Written back: the same file, byte for byte (its token layer keeps the columns and lines).
    std::vector<const aa::Document*> docs{&r.documents[0], &r.documents[1]};
    CHECK(aa::io::write("conll", docs).output == read_fixture("conll/adjacent.iob1.conll"));
    // Without the layer, in IOB1: the same tags (the writer's own columns are WORD TAG).
    r.documents[0].token_layer = {};
    r.documents[1].token_layer = {};
    aa::io::WriteOptions o;
    o.scheme = "iob1";
    const std::vector<std::string> out = lines_of(aa::io::write("conll", docs, o).output);
    CHECK(std::vector<std::string>(out.begin() + 8, out.begin() + 11) ==
          std::vector<std::string>{"Presidents O", "Chirac I-PER", "Kohl B-PER"});
    CHECK(out[16] == "-DOCSTART- -X- O O");
    // Named as iob1, the same file reads the same.
    aa::io::ReadOptions named;
    named.scheme = "iob1";
    CHECK(rows(read_file("conll", "conll/adjacent.iob1.conll", named).documents.at(0)) == rows(r.documents[0]));
}

TEST_CASE("conll keeps the Unicode cases at exact offsets when given the text, and rebuilds them otherwise") {
    auto t = aa::Text::from_utf8(kUnicodeText);
    AA_REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    for (const Row& row : unicode_rows())
        AA_REQUIRE(
            d.insert_entity({d.entities().next_id(), std::get<0>(row), std::get<1>(row), std::get<2>(row), "", "", {}})
                .ok());
    aa::io::WriteOptions wo;
    wo.scheme = "bilou";
    aa::io::WriteResult w = aa::io::write("conll", d, wo);
    // Tokens by the tokenizer's rules: a ZWJ sequence and a combining accent stay whole, each ideograph
    // is a token; sentences end at "." before a line break.
    CHECK(w.output ==
          "-DOCSTART- -X- O O\n\n"
          "\xE2\x80\x9C O\nCaf\xC3\xA9 U-ORG\n\xE2\x80\x9D O\n\xE2\x80\x94 O\nna\xC3\xAFve O\nZo\xC3\xAB U-PER\nsaid "
          "O\n. O\n\n"
          "\xF0\x9F\x9A\x80 O\nParis U-LOC\n, O\n\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92 "
          "U-MISC\nBob U-PER\n"
          "met O\nJose\xCC\x81 U-PER\n. O\n\n"
          "\xE6\x9D\xB1 B-LOC\n\xE4\xBA\xAC L-LOC\nand O\n\xE5\x8C\x97 B-LOC\n\xE4\xBA\xAC L-LOC\n. O\n\n");
    aa::io::ReadOptions ro;
    ro.text = &d.text();
    aa::io::ReadResult r = aa::io::read("conll", w.output, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].text().utf8() == kUnicodeText);
    CHECK(rows(r.documents[0]) == unicode_rows());
    // Without the text: single spaces, one sentence per line, offsets in that text.
    r = aa::io::read("conll", w.output);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    const aa::Document& rebuilt = r.documents[0];
    CHECK(
        rebuilt.text().utf8() ==
        "\xE2\x80\x9C Caf\xC3\xA9 \xE2\x80\x9D \xE2\x80\x94 na\xC3\xAFve Zo\xC3\xAB said .\n"
        "\xF0\x9F\x9A\x80 Paris , \xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92 Bob met Jose\xCC\x81 .\n"
        "\xE6\x9D\xB1 \xE4\xBA\xAC and \xE5\x8C\x97 \xE4\xBA\xAC .");
    CHECK(rows(rebuilt) ==
          std::vector<Row>{{2, 6, "ORG", "Caf\xC3\xA9"},
                           {17, 20, "PER", "Zo\xC3\xAB"},
                           {30, 35, "LOC", "Paris"},
                           {38, 42, "MISC", "\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92"},
                           {43, 46, "PER", "Bob"},
                           {51, 56, "PER", "Jose\xCC\x81"},
                           {59, 62, "LOC", "\xE6\x9D\xB1 \xE4\xBA\xAC"},
                           {67, 70, "LOC", "\xE5\x8C\x97 \xE4\xBA\xAC"}});
}

TEST_CASE(
    "conll keeps the outermost of nested entities, merges sentences an entity crosses, and says what it dropped") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc.has_value());
    aa::io::WriteResult w = aa::io::write("conll", *doc);
    CHECK(w.ok());
    // EVENT crosses the sentence break after "Paris.": both sentences are written as one.
    CHECK(
        w.output ==
        "-DOCSTART- -X- O O\n\n"
        "Angela B-PER\nMerkel I-PER\nvisited B-EVENT\nParis I-EVENT\n. I-EVENT\nThe I-EVENT\nBank I-EVENT\nof I-EVENT\n"
        "France I-EVENT\nhosted O\nher O\n. O\n\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: 3 nested or overlapping entities cannot be expressed in CoNLL and were dropped (the outermost "
              "kept): "
              "e3 \"Bank of France\" [33, 47) ORG; e4 \"France\" [41, 47) LOC; e2 \"Paris\" [22, 27) LOC",
              "warning: CoNLL holds tags only: dropped the notes of 1 entity, the attributes of 1 entity, the kb_id of "
              "2 entities",
              "warning: the document's title, note and attributes are dropped: CoNLL holds no document metadata",
              "warning: the text's own spacing and line breaks are not kept: a reader rebuilds the text with single "
              "spaces (give "
              "it the original text to keep the offsets)"});
    aa::io::ReadOptions ro;
    ro.text = &doc->text();
    aa::io::ReadResult r = aa::io::read("conll", w.output, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) ==
          std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {14, 47, "EVENT", "visited Paris.\nThe Bank of France"}});
}

TEST_CASE("conll warns about an entity boundary inside a token") {
    auto t = aa::Text::from_utf8("Merkelism visit");
    AA_REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    AA_REQUIRE(d.insert_entity({"e1", 0, 6, "PER", "", "", {}}).ok());
    aa::io::WriteResult w = aa::io::write("conll", d);
    CHECK(w.output == "-DOCSTART- -X- O O\n\nMerkelism B-PER\nvisit O\n\n");
    CHECK(described(w.diagnostics).at(0) ==
          "warning: entity e1 \"Merkel\" [0, 6) PER does not start and end at token boundaries: written as the tokens "
          "\"Merkelism\"");
}

TEST_CASE("conll writes a clitic as a token of its own, as CoNLL-2003 does") {
    auto t = aa::Text::from_utf8("Merkel's visit");
    AA_REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    AA_REQUIRE(d.insert_entity({"e1", 0, 6, "PER", "", "", {}}).ok());
    aa::io::WriteResult w = aa::io::write("conll", d);
    CHECK(w.output == "-DOCSTART- -X- O O\n\nMerkel B-PER\n's O\nvisit O\n\n");
}

TEST_CASE("conll reports malformed lines and invalid tag sequences with exact line numbers") {
    CHECK(read_conll("Angela B-PER\nMerkel\n").first_error() ==
          "2:1: error: expected at least 2 columns (WORD ... TAG), found 1");
    CHECK(read_conll("Angela X-PER\n").first_error() ==
          "1:8: error: unknown tag \"X-PER\" (expected O, or B-, I-, L-, U-, E- or S- and a type)");
    CHECK(read_conll("Angela B-\n").first_error() ==
          "1:8: error: unknown tag \"B-\" (expected O, or B-, I-, L-, U-, E- or S- and a type)");
    CHECK(read_conll("Angela NNP B-PER\nMerkel NNP O\nvisited VBD I-PER\n", "iob2").first_error() ==
          "3:13: error: \"I-PER\" follows O: an iob2 entity starts with B-PER");
    CHECK(read_conll("Angela I-PER\n", "iob2").first_error() ==
          "1:8: error: \"I-PER\" starts a sentence: an iob2 entity starts with B-PER");
    CHECK(read_conll("Angela B-PER\nMerkel I-LOC\n", "iob2").first_error() ==
          "2:8: error: \"I-LOC\" follows B-PER: an iob2 entity starts with B-LOC");
    CHECK(read_conll("in O\nParis B-LOC\n", "iob1").first_error() ==
          "2:7: error: \"B-LOC\" follows O: in iob1, B- only starts an entity right after another LOC");
    CHECK(read_conll("Paris U-LOC\n", "iob2").first_error() ==
          "1:7: error: tag \"U-LOC\" is not in the iob2 scheme (B-, I-, O)");
    CHECK(read_conll("visited O\nMerkel L-PER\n").first_error() ==
          "2:8: error: \"L-PER\" follows O: L-PER without B-PER");
    CHECK(read_conll("Angela B-PER\nvisited O\nParis U-LOC\n").first_error() ==
          "2:9: error: \"O\" follows B-PER: the entity started at line 1 is not closed with L-PER");
    CHECK(read_conll("Angela B-PER\nMerkel I-PER\n\nParis U-LOC\n").first_error() ==
          "2:8: error: the entity started at line 1 is not closed with L-PER before the end of its sentence");
    CHECK(read_conll("visited O\nMerkel I-PER\nParis U-LOC\n").first_error() ==
          "2:8: error: \"I-PER\" follows O: a bilou entity starts with B-PER or U-PER");
    CHECK(read_conll("x O\n", "iob3").first_error() ==
          "error: unknown CoNLL scheme \"iob3\" (expected iob1, iob2 or bilou)");
    CHECK(read_conll("-DOCSTART- -X- O O\n\n").first_error() == "error: the input holds no tokens");
    // A read is atomic: one bad line, no document.
    CHECK(read_conll("Angela B-PER\nMerkel\n").documents.empty());
}

TEST_CASE("conll reads mixed IOB1 and IOB2 starts when no scheme is named, and says so") {
    aa::io::ReadResult r = read_conll("Angela I-PER\nvisited O\nParis B-LOC\n");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 6, "PER", "Angela"}, {15, 20, "LOC", "Paris"}});
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "warning: the tags mix iob1 entity starts (I- after O or another type: 1, the first on line 1) and "
              "iob2 entity starts (B- after O or another type: 1, the first on line 3): read with both starting an "
              "entity; a CoNLL write gives each start back as it was, --scheme writes them all in one scheme"});
    // A tie takes iob1; the IOB2 start is kept as it was, through native too.
    CHECK(r.documents[0].token_layer.scheme == "iob1");
    CHECK(r.documents[0].token_layer.other_starts == std::vector<size_t>{2});
    const std::string native = aa::io::write("native", r.documents[0]).output;
    CHECK(native.find("\"other_starts\": [2]") != std::string::npos);
    const aa::io::ReadResult back = aa::io::read("native", native);
    AA_REQUIRE_MESSAGE(back.ok(), back.first_error());
    CHECK(back.documents.at(0).token_layer == r.documents[0].token_layer);
    CHECK(aa::io::write("conll", back.documents.at(0)).output == "Angela I-PER\nvisited O\nParis B-LOC\n");
    // Broken other starts are refused with their path.
    std::string bad = native;
    bad.replace(bad.find("\"other_starts\": [2]"), 19, "\"other_starts\": [7]");
    CHECK(
        aa::io::read("native", bad)
            .first_error()
            .find(
                "error: tokens.other_starts[0]: a token index must be increasing and below the number of tokens (3)") !=
        std::string::npos);
}

TEST_CASE("conll names the line of a token that is not found in the given text") {
    auto t = aa::Text::from_utf8("Angela Merkel visited Paris.");
    AA_REQUIRE(t.ok());
    aa::io::ReadOptions o;
    o.text = &t.value();
    CHECK(aa::io::read("conll", "Angela B-PER\nMerkle I-PER\n", o).first_error() ==
          "2:1: error: token \"Merkle\" not found in the text after code point 6");
    aa::io::ReadResult two = aa::io::read("conll", read_fixture("conll/adjacent.iob1.conll"), o);
    CHECK(two.first_error() == "error: the text given holds one document, but the input has 2 (-DOCSTART- lines)");
}

TEST_CASE("conll is detected by its -DOCSTART- line") {
    auto f = aa::io::detect_format("train.txt", read_fixture("conll/adjacent.iob1.conll"));
    AA_REQUIRE(f.ok());
    CHECK(f.value()->id == "conll");
}
