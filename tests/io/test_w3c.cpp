// W3C Web Annotation: annotations with TextQuoteSelector and TextPositionSelector over a text
// given beside them, notes and kb_ids as commenting and identifying bodies, re-anchoring by the
// quote when positions drift, the Unicode cases, round trips, and exact errors.
#include <doctest/doctest.h>

#include "io/fast_read_checks.hpp"
#include "io/formats_internal.hpp"

using namespace aa::test;

namespace {

aa::Text text_of_fixture(const std::string& rel) { return aa::Text::from_utf8(read_fixture(rel)).value(); }

}  // namespace

TEST_CASE("w3c reads a list of annotations, anchoring by position, by quote alone, and re-anchoring a drifted one") {
    const aa::Text text = text_of_fixture("w3c/merkel.txt");
    aa::io::ReadOptions ro;
    ro.text = &text;
    aa::io::ReadResult r = read_file("w3c", "w3c/merkel.jsonld", ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 1);
    const aa::Document& d = r.documents[0];
    CHECK(rows(d) ==
          std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}, {58, 63, "LOC", "Paris"}});
    const aa::Entity& merkel = d.entities().get(d.entities().ordered()[0]);
    CHECK(merkel.note == "Chancellor of Germany 2005-2021");
    CHECK(merkel.kb_id == "Q567");
    CHECK(d.info.source == "http://example.org/news/merkel.txt");
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"38:9: warning: [2].target.selector[1]: annotation \"http://example.org/anno3\": "
                                   "the position [25, 30) holds "
                                   "\"is. L\", not the quote \"Paris\"; re-anchored by the quote to [22, 27)"});
}

TEST_CASE("w3c reads a collection over the Unicode cases at exact code point offsets, its label as the title") {
    const aa::Text text = text_of_fixture("w3c/unicode.txt");
    CHECK(text.utf8() == kUnicodeText);
    aa::io::ReadOptions ro;
    ro.text = &text;
    aa::io::ReadResult r = read_file("w3c", "w3c/unicode.jsonld", ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(r.documents[0].info.title == "Unicode cases");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("w3c writes a collection with quote and position selectors, a tagging body, and notes and kb_ids as bodies") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    aa::io::WriteResult w = aa::io::write("w3c", *doc);
    CHECK(w.ok());
    CHECK(w.output.find("\"@context\": \"http://www.w3.org/ns/anno.jsonld\"") != std::string::npos);
    CHECK(w.output.find("\"type\": \"AnnotationCollection\"") != std::string::npos);
    CHECK(w.output.find("{\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"PER\"}") !=
          std::string::npos);
    CHECK(w.output.find("{\"type\": \"SpecificResource\", \"purpose\": \"identifying\", \"source\": "
                        "\"http://www.wikidata.org/entity/Q567\"}") != std::string::npos);
    CHECK(w.output.find(
              "{\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"crosses a line break\"}") !=
          std::string::npos);
    CHECK(w.output.find("\"suffix\": \" visited Paris.\\nThe Bank of Fran\"") != std::string::npos);  // 32 code points
    CHECK(w.output.find("{\"type\": \"TextPositionSelector\", \"start\": 22, \"end\": 27}") != std::string::npos);
    CHECK(aa::io::write("w3c", *doc).output == w.output);  // ids are stable: the same document, the same file
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: w3c has no place for an entity's attributes: dropped from 1 entity (e2)",
              "warning: w3c has no place for the document's created, modified, note and attributes: dropped"});
}

TEST_CASE("w3c round trips keep spans, labels, notes and kb_ids in all three units") {
    for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8}) {
        check_round_trip("w3c", "native/article.json", true, true, unit);
        check_round_trip("w3c", "native/unicode.json", true, true, unit);
    }
}

TEST_CASE("w3c needs the text, and says so") {
    aa::io::ReadResult r = read_file("w3c", "w3c/merkel.jsonld");
    CHECK(r.documents.empty());
    CHECK(
        described(r.diagnostics) ==
        std::vector<std::string>{
            "1:1: error: the text is missing: W3C annotations point into a text they do not carry (give the annotated "
            "text with the annotations)"});
}

TEST_CASE("w3c names an annotation it cannot anchor") {
    const aa::Text text = aa::Text::from_utf8("Paris and Paris.").value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    auto one = [](const std::string& selectors) {
        return "{\"id\": \"urn:a1\", \"type\": \"Annotation\", \"body\": {\"type\": \"TextualBody\", \"purpose\": "
               "\"tagging\", \"value\": \"LOC\"}, "
               "\"target\": {\"source\": \"urn:t\", \"selector\": " +
               selectors + "}}";
    };
    struct Case {
        std::string input;
        std::vector<std::string> messages;
    };
    const Case cases[] = {
        {one("{\"type\": \"TextQuoteSelector\", \"exact\": \"Lyon\"}"),
         {"1:153: error: target.selector: annotation \"urn:a1\" cannot be anchored: the quote \"Lyon\" does not occur "
          "in the text"}},
        {one("{\"type\": \"TextQuoteSelector\", \"exact\": \"Paris\"}"),
         {"1:153: error: target.selector: annotation \"urn:a1\" cannot be anchored: the quote \"Paris\" occurs 2 times "
          "and its prefix and "
          "suffix match 2"}},
        {one("[{\"type\": \"TextPositionSelector\", \"start\": 3, \"end\": 40}]"),
         {"1:206: error: target.selector[0].end: 40 is past the end of the text (16 code points)"}},
        {one("[{\"type\": \"TextPositionSelector\", \"start\": 3}]"),
         {"1:154: error: target.selector[0]: missing required field \"end\""}},
        {one("{\"type\": \"CssSelector\", \"value\": \"p\"}"),
         {"1:121: error: target: annotation \"urn:a1\" has neither a TextQuoteSelector nor a TextPositionSelector"}},
        {"{\"type\": \"Annotation\", \"target\": \"urn:t\"}",
         {"1:34: error: target: the annotation targets the whole resource \"urn:t\", not a span of it"}},
        {"42", {"1:1: error: expected an Annotation, an AnnotationCollection or a list of annotations, got 42"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        aa::io::ReadResult r = aa::io::read("w3c", c.input, ro);
        CHECK(r.documents.empty());
        CHECK(described(r.diagnostics) == c.messages);
    }
    // A prefix that singles one occurrence out anchors it.
    aa::io::ReadResult r =
        aa::io::read("w3c", one("{\"type\": \"TextQuoteSelector\", \"exact\": \"Paris\", \"prefix\": \"and \"}"), ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{10, 15, "LOC", "Paris"}});
}

TEST_CASE("w3c survives damaged input and keeps reads atomic") {
    const aa::Text merkel = text_of_fixture("w3c/merkel.txt");
    aa::io::ReadOptions ro;
    ro.text = &merkel;
    check_damaged_inputs("w3c", "w3c/merkel.jsonld", ro);
    const aa::Text unicode = text_of_fixture("w3c/unicode.txt");
    ro.text = &unicode;
    check_damaged_inputs("w3c", "w3c/unicode.jsonld", ro);
}

TEST_CASE("w3c annotations on different sources are read against the one text with a warning naming two of them") {
    const aa::Text text = aa::Text::from_utf8("Paris and Rome").value();
    aa::io::ReadOptions ro;
    ro.text = &text;
    const std::string in =
        R"([{"type": "Annotation", "body": {"type": "TextualBody", "value": "LOC", "purpose": "tagging"},
             "target": {"source": "https://a.example/1", "selector": {"type": "TextQuoteSelector", "exact": "Paris"}}},
            {"type": "Annotation", "body": {"type": "TextualBody", "value": "LOC", "purpose": "tagging"},
             "target": {"source": "https://b.example/2", "selector": {"type": "TextQuoteSelector", "exact": "Rome"}}}])";
    const aa::io::ReadResult r = aa::io::read("w3c", in, ro);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].entities().size() == 2);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message ==
          "the annotations target more than one source (\"https://a.example/1\" and "
          "\"https://b.example/2\"): all are read against the one text given, as one document");
}

// ---- the fast read (annotation lists scanned) against the tree read ----

namespace {

aa::test::Edits w3c_edits() {
    return {{{"\"start\": ", "\"start\": -"},
             {"\"start\": ", "\"start\": 0, \"start\": "},
             {"\"end\": ", "\"end\": 1.5, \"x\": "},
             {"\"end\": ", "\"end\": 2, \"x\": "},
             {"\"type\": \"TextPositionSelector\"", "\"type\": \"RangeSelector\""},
             {"\"type\": \"TextQuoteSelector\"", "\"type\": \"TextPositionSelector\""},
             {"\"type\": \"TextQuoteSelector\"", "\"type\": \"Text\\u0051uoteSelector\""},
             {"\"exact\": ", "\"exact\": 3, \"e\": "},
             {"\"exact\": \"", "\"exact\": \"\\u0041"},
             {"\"prefix\": \"", "\"prefix\": \"x"},
             {"\"suffix\": \"", "\"suffix\": null, \"s\": \""},
             {"\"purpose\": \"tagging\"", "\"purpose\": \"commenting\""},
             {"\"purpose\": \"tagging\"", "\"purpose\": [\"tagging\"]"},
             {"\"purpose\": \"commenting\"", "\"purpose\": \"tagging\""},
             {"\"purpose\": \"identifying\"", "\"purpose\": \"tagging\""},
             {"\"type\": \"TextualBody\"", "\"type\": \"SpecificResource\""},
             {"\"type\": \"SpecificResource\"", "\"type\": \"TextualBody\""},
             {"\"type\": \"TextualBody\", ", ""},
             {"\"type\": \"Annotation\"", "\"type\": \"Note\""},
             {"\"type\": \"Annotation\"", "\"motivation\": \"linking\", \"type\": \"Annotation\""},
             {"\"source\": \"", "\"source\": \"other"},
             {"\"id\": \"", "\"id\": 5, \"i\": \""},
             {"\"body\": {", "\"bodyValue\": \"a note\", \"body\": {"},
             {"\"value\": \"", "\"value\": \"\\u00e9"},
             {"\"selector\": [", "\"selector\": [{\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 3}, "},
             {"\"name\": ", "\"nickname\": "},
             {"\"items\": [", "\"items\": [], \"items\": ["},
             {"\"first\": {", "\"first\": {\"next\": 3, "},
             {"{\"id\": \"urn", "{\"target\": \"urn:x\", \"id\": \"urn"}},
            {"start", "end", "exact", "prefix", "type", "value", "purpose", "source", "selector", "target", "body"},
            "\"items\""};
}

}  // namespace

TEST_CASE("w3c's fast read gives the tree read's documents and messages: fixtures, written files, edits") {
    struct Input {
        std::string json;
        aa::Text text;
        bool edited;
    };
    std::vector<Input> inputs;
    for (const auto& [f, t] : std::vector<std::pair<const char*, const char*>>{
             {"w3c/merkel.jsonld", "w3c/merkel.txt"},
             {"w3c/relations.jsonld", "w3c/relations.txt"},
             {"w3c/unicode.jsonld", "w3c/unicode.txt"},
             {"real/recogito/annotations.w3c.json", "real/recogito/index.txt"},
             {"real/recogito/utf16.w3c.json", "real/recogito/utf16.txt"}})
        inputs.push_back({read_fixture(f), text_of_fixture(t), false});
    aa::io::WriteOptions compact;
    compact.pretty = false;
    const auto article = copies_of("native/article.json", 1, 1, true),
               unicode = copies_of("native/unicode.json", 1, 1, true),
               many = copies_of("native/article.json", 6, 6, true);
    AA_REQUIRE((article && unicode && many));
    inputs.push_back({aa::io::write("w3c", *article).output, article->text(), true});
    inputs.push_back({aa::io::write("w3c", *unicode, compact).output, unicode->text(), true});
    inputs.push_back({aa::io::write("w3c", *many, compact).output, many->text(), true});
    unsigned seed = 13;
    for (const Input& in : inputs) {
        aa::io::ReadOptions o;
        o.text = &in.text;
        auto fast = [&](const std::string& s) { return aa::io::detail::read_w3c(s, o); };
        auto tree = [&](const std::string& s) { return aa::io::detail::read_w3c_tree(s, o); };
        check_fast_read(fast, tree, {in.json}, in.edited ? 0 : 1, w3c_edits(), 250, ++seed);
    }
}
