// Prodigy JSONL: ner_manual output with tokens and INCLUSIVE token_end, token indices checked
// against start/end, the writer's tokens (aa::tokenize) and spans off token boundaries, the
// Unicode cases, round trips, and exact errors naming the line; the fast read (tokens scanned)
// against the tree read, over fixtures and random edits.
#include <doctest/doctest.h>

#include <random>

#include "io/fast_read_checks.hpp"
#include "io/formats_internal.hpp"

using namespace aa::test;

TEST_CASE("prodigy reads ner_manual answers, one document per line, with an inclusive token_end") {
    aa::io::ReadResult r = read_file("prodigy", "prodigy/merkel.jsonl");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    CHECK(rows(r.documents[1]) == std::vector<Row>{{4, 18, "ORG", "Bank of France"}, {12, 18, "LOC", "France"}});
    CHECK(r.documents[1].info.source == "https://example.org/news/merkel-paris");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("prodigy writes the running example with tokens and token_end inclusive") {
    aa::io::ReadResult r = read_file("displacy", "displacy/merkel.json");
    AA_REQUIRE(r.ok());
    aa::io::WriteResult w = aa::io::write("prodigy", r.documents[0]);
    CHECK(w.output ==
          "{\"text\": \"Angela Merkel visited Paris.\", \"tokens\": [{\"text\": \"Angela\", \"start\": 0, \"end\": 6, "
          "\"id\": 0, \"ws\": true}, "
          "{\"text\": \"Merkel\", \"start\": 7, \"end\": 13, \"id\": 1, \"ws\": true}, {\"text\": \"visited\", "
          "\"start\": 14, \"end\": 21, "
          "\"id\": 2, \"ws\": true}, {\"text\": \"Paris\", \"start\": 22, \"end\": 27, \"id\": 3, \"ws\": false}, "
          "{\"text\": \".\", "
          "\"start\": 27, \"end\": 28, \"id\": 4, \"ws\": false}], \"spans\": [{\"start\": 0, \"end\": 13, "
          "\"token_start\": 0, "
          "\"token_end\": 1, \"label\": \"PER\"}, {\"start\": 22, \"end\": 27, \"token_start\": 3, \"token_end\": 3, "
          "\"label\": \"LOC\"}], "
          "\"answer\": \"accept\"}\n");
}

TEST_CASE("prodigy writes a span off token boundaries with exact offsets, without token indices, and says so") {
    const auto doc = native_fixture("native/unicode.json");
    AA_REQUIRE(doc);
    aa::Document d = *doc;
    aa::Entity e;
    e.id = "x1";
    e.start = 2;  // "af" inside "Café"
    e.end = 4;
    e.label = "MISC";
    AA_REQUIRE(d.insert_entity(e).ok());
    aa::io::WriteResult w = aa::io::write("prodigy", d);
    CHECK(w.output.find("{\"start\": 2, \"end\": 4, \"label\": \"MISC\"}") != std::string::npos);
    const auto messages = described(w.diagnostics);
    AA_REQUIRE(!messages.empty());
    CHECK(messages.back() ==
          "warning: 1 entity does not start and end on token boundaries (x1 \"af\"): written with exact start and end "
          "but without "
          "token_start/token_end, so Prodigy's token-based views cannot show it");
    // Read back, every span is where it was.
    aa::io::ReadResult r = aa::io::read("prodigy", w.output);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == rows(d));
}

TEST_CASE("prodigy keeps the Unicode cases at exact code point offsets, its tokens whole graphemes") {
    aa::Document d{aa::Text::from_utf8(kUnicodeText).value()};
    aa::io::ReadResult r = read_file("spacy", "spacy/unicode.json");
    AA_REQUIRE(r.ok());
    aa::io::WriteResult w = aa::io::write("prodigy", r.documents[0]);
    CHECK(w.output.find("{\"text\": \"\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92\", \"start\": 35, "
                        "\"end\": 39") != std::string::npos);
    CHECK(w.output.find("{\"text\": \"Jose\xCC\x81\", \"start\": 48, \"end\": 53") != std::string::npos);
    aa::io::ReadResult back = aa::io::read("prodigy", w.output);
    AA_REQUIRE_MESSAGE(back.ok(), back.first_error());
    CHECK(rows(back.documents[0]) == unicode_rows());
}

TEST_CASE("prodigy round trips keep every span and label in all three units") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("prodigy", "native/article.json", false, false, unit);
        check_round_trip("prodigy", "native/unicode.json", false, false, unit);
    }
}

TEST_CASE("prodigy checks token indices against start and end, and reports bad lines by number") {
    const std::string tokens =
        "\"tokens\": [{\"text\": \"Angela\", \"start\": 0, \"end\": 6, \"id\": 0, \"ws\": true}, {\"text\": "
        "\"Merkel\", \"start\": 7, \"end\": 13, \"id\": 1, \"ws\": false}]";
    const std::string input =
        "{\"text\": \"Angela Merkel\", " + tokens +
        ", \"spans\": [{\"start\": 0, \"end\": 13, \"token_start\": 0, \"token_end\": 2, \"label\": \"PER\"}]}\n" +
        "{\"text\": \"Angela Merkel\", " + tokens +
        ", \"spans\": [{\"start\": 0, \"end\": 6, \"token_start\": 0, \"token_end\": 1, \"label\": \"PER\"}]}\n" +
        "{\"text\": \"Angela Merkel\", " + tokens +
        ", \"spans\": [{\"token_start\": 1, \"token_end\": 1, \"label\": \"PER\"}]}\n" +
        "{\"text\": \"Angela Merkel\", \"spans\": [{\"token_start\": 0, \"token_end\": 1, \"label\": \"PER\"}]}\n" +
        "{\"text\": \"Angela Merkel\", \"spans\": [{\"start\": 0, \"end\": 13, \"label\": \"PER\", \"text\": "
        "\"Angela\"}]}\n";
    aa::io::ReadResult r = aa::io::read("prodigy", input);
    CHECK(r.documents.empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:232: error: spans[0].token_end: token 2 does not exist (the task has 2 tokens)",
              "2:231: error: spans[0].token_end: token_end 1 (token \"Merkel\" at [7, 13)) does not agree with end 6",
              "4:53: error: spans[0].token_start: token_start needs the task's \"tokens\", which are missing",
              "4:69: error: spans[0].token_end: token_end needs the task's \"tokens\", which are missing",
              "5:85: error: spans[0].text: \"Angela\" does not match the document text at [0, 13): \"Angela Merkel\"",
          });
}

TEST_CASE("prodigy says what it dropped") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    CHECK(described(aa::io::write("prodigy", *doc).diagnostics) ==
          std::vector<std::string>{
              "warning: prodigy has no place for an entity's kb_id: dropped from 2 entities (e1, e2)",
              "warning: prodigy has no place for an entity's note: dropped from 1 entity (e5)",
              "warning: prodigy has no place for an entity's attributes: dropped from 1 entity (e2)",
              "warning: prodigy has no place for the document's title, source, created, modified, note and attributes: "
              "dropped"});
}

TEST_CASE("prodigy survives damaged input and keeps reads atomic") {
    check_damaged_inputs("prodigy", "prodigy/merkel.jsonl");
}

// ---- the fast read (tokens scanned, a long text decoded apart) against the tree read ----

namespace {

// The article's text 12 times, with quotes, a tab and an escaped accent in every copy (a text past
// the 4,096 bytes that are decoded apart), its entities in the first copy; as Prodigy writes it.
std::string long_prodigy_line() {
    const auto article = native_fixture("native/article.json");
    if (!article) return {};
    std::string text;
    for (int k = 0; k < 12; ++k) text += article->text().utf8() + " \"Caf\xC3\xA9\"\t\\ ";
    aa::Document d{aa::Text::from_utf8(text).value()};
    for (aa::Slot s : article->entities().ordered())
        if (!d.insert_entity(article->entities().get(s)).ok()) return {};
    return aa::io::write("prodigy", d).output;
}

// Edits, most of them inside the tokens and spans: pieces of a token swapped for what the scan must
// refuse or take exactly as the parser does.
aa::test::Edits prodigy_edits() {
    return {{{"\"start\": ", "\"Start\": "},
             {"\"start\": ", "\"start\": 01, \"x\": "},
             {"\"end\": ", "\"end\": -"},
             {"\"end\": ", "\"end\": 1e1, \"e\": "},
             {"\"id\": ", "\"id\": 1"},
             {"\"ws\": true", "\"ws\": null"},
             {"\"ws\": true", "\"ws\": 1"},
             {"\"text\": \"", "\"text\": \"\\u00e9\\\""},
             {"\"text\": \"", "\"text\": \"\\ud800"},
             {"\"text\": \"", "\"te\\u0078t\": \""},
             {"\"start\": ", "\"start\": 0, \"start\": "},
             {"\"end\": ", "\"end\": 99999999999999999999, \"f\": "},
             {"\"end\": ", "\"end\": 1.5, \"f\": "},
             {"\"text\": \"", "\"text\": 7, \"g\": \""},
             {"{\"text\"", "{}, {\"text\""},
             {"\"tokens\": [", "\"tokens\": [], \"tokens\": ["},
             {"\"spans\": ", "\"tokens\": [], \"spans\": "},
             {"\"text\": \"", "\"text\": \"\\t\\/\\b"},
             {"\"id\": ", "\"disabled\": true, \"id\": "},
             {"\"label\": ", "\"label\": 3, \"l\": "},
             {"\"label\": \"", "\"label\": \"\\u0041"},
             {"\"token_end\": ", "\"token_end\": 1"},
             {"\"token_start\": ", "\"token_start\": 9"},
             {"\"label\": ", "\"Label\": "},
             {"\"spans\": [", "\"spans\": [{\"label\": \"X\"}, "},
             {"\"start\": ", "\"text\": \"Merkel\", \"start\": "},
             {"\"answer\": ", "\"relations\": [], \"answer\": "}},
            {"start", "end", "label", "id", "text", "token_end"},
            "\"tokens\""};
}

}  // namespace

TEST_CASE("prodigy's fast read gives the tree read's documents and messages: fixtures, written files, edits") {
    std::vector<std::string> inputs;
    for (const char* f :
         {"prodigy/merkel.jsonl", "prodigy/relations.jsonl", "real/prodigy/annotated_reddit-PRODUCT-ner.jsonl"})
        inputs.push_back(read_fixture(f));
    for (const char* f : {"native/article.json", "native/unicode.json", "native/relations.json"}) {
        const auto d = native_fixture(f);
        AA_REQUIRE(d);
        inputs.push_back(aa::io::write("prodigy", *d).output);
    }
    inputs.push_back(long_prodigy_line());
    AA_REQUIRE(inputs.back().size() > 5000);
    aa::io::ReadOptions all;
    all.answers = {"accept", "reject", "ignore"};
    for (const std::string& in : inputs)
        CHECK(outcome(aa::io::detail::read_prodigy(in, all)) == outcome(aa::io::detail::read_prodigy_tree(in, all)));
    // Edits of the written files (their tokens are what the scan reads): the same either way.
    auto fast = [](const std::string& in) { return aa::io::detail::read_prodigy(in, {}); };
    auto tree = [](const std::string& in) { return aa::io::detail::read_prodigy_tree(in, {}); };
    check_fast_read(fast, tree, inputs, 3, prodigy_edits(), 300, 11);
}
