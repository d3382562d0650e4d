// The native format: golden files (read, and written back byte for byte), the Unicode cases in
// all three offset units, round trips, and every broken fixture with its exact messages.
#include <doctest/doctest.h>

#include <optional>
#include "io/fixture_files.hpp"

#include "io/format.hpp"
#include "io/native_json.hpp"
#include "io/page_state.hpp"

using aa::test::lines_of;
using aa::test::read_fixture;

namespace {

// The document of a golden file, or nullopt (after a failed check) when it does not read.
std::optional<aa::Document> read_ok(const std::string& rel) {
    bool found = false;
    const std::string input = read_fixture(rel, &found);
    CHECK_MESSAGE(found, rel);
    aa::io::ReadResult r = aa::io::read("native", input);
    CHECK_MESSAGE(r.ok(), rel << ": " << r.first_error());
    CHECK(r.documents.size() == (r.ok() ? 1u : 0u));
    if (!found || r.documents.size() != 1) return std::nullopt;
    return std::move(r.documents[0]);
}

std::vector<aa::Entity> entities_of(const aa::Document& d) {
    std::vector<aa::Entity> out;
    for (aa::Slot s : d.entities().ordered()) out.push_back(d.entities().get(s));
    return out;
}

void check_same(const aa::Document& a, const aa::Document& b) {
    CHECK(a.text().utf8() == b.text().utf8());
    CHECK(a.info == b.info);
    CHECK(a.labels().all() == b.labels().all());
    CHECK(entities_of(a) == entities_of(b));
}

std::vector<std::string> described(const aa::io::ReadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) out.push_back(d.report());
    return out;
}

}  // namespace

TEST_CASE("golden native files are written back byte for byte") {
    for (const char* name :
         {"native/article.json", "native/unicode.json", "native/relations.json", "native/relations_who.json"}) {
        const auto doc = read_ok(name);
        AA_REQUIRE(doc);
        aa::io::WriteResult w = aa::io::write("native", *doc);
        AA_REQUIRE(w.ok());
        CHECK_MESSAGE(w.output == read_fixture(name), name);
    }
}

TEST_CASE("the writer converts offsets to UTF-16 and UTF-8 and says so in \"offsets\"") {
    const auto doc = read_ok("native/unicode.json");
    AA_REQUIRE(doc);
    aa::io::WriteOptions o;
    o.offsets = aa::OffsetUnit::Utf16;
    CHECK(aa::io::write("native", *doc, o).output == read_fixture("native/unicode.utf16.json"));
    o.offsets = aa::OffsetUnit::Utf8;
    CHECK(aa::io::write("native", *doc, o).output == read_fixture("native/unicode.utf8.json"));
}

TEST_CASE("files with UTF-16 or UTF-8 offsets read to the same document as code points") {
    const auto cp = read_ok("native/unicode.json");
    const auto u16 = read_ok("native/unicode.utf16.json");
    const auto u8 = read_ok("native/unicode.utf8.json");
    AA_REQUIRE(cp && u16 && u8);
    check_same(*cp, *u16);
    check_same(*cp, *u8);
}

TEST_CASE("each Unicode entity sits at its code point, UTF-16 and UTF-8 offsets") {
    // Expected values computed independently (Python str, UTF-16-LE and UTF-8 encodings).
    struct Case {
        const char* id;
        const char* text;
        size_t cp0, cp1, u16_0, u16_1, u8_0, u8_1;
    };
    const Case cases[] = {
        {"e1", "Café", 1, 5, 1, 5, 3, 8},                                   // after a curly quote
        {"e2", "Zoë", 15, 18, 15, 18, 23, 27},                              // precomposed accent
        {"e3", "said.\r\n\xF0\x9F\x9A\x80 Paris", 19, 33, 19, 34, 28, 45},  // across CRLF and an emoji
        {"e4", "Paris", 28, 33, 29, 34, 40, 45},                            // after an emoji outside the BMP
        {"e5", "\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92", 35, 39, 36, 43, 47, 62},  // ZWJ sequence
        {"e6", "Bob", 40, 43, 44, 47, 63, 66},
        {"e7", "Ame\xCC\x81lie", 46, 53, 50, 57, 69, 77},  // combining acute accent
        {"e8", "東京", 58, 60, 62, 64, 82, 88},            // CJK
        {"e9", "北京", 64, 66, 68, 70, 92, 98},
        {"e10", "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", 76, 78, 80, 84, 108, 116},  // flag: two regional indicators
        {"e11", "France", 79, 85, 85, 91, 117, 123},
    };
    const auto loaded = read_ok("native/unicode.json");
    AA_REQUIRE(loaded);
    const aa::Document& doc = *loaded;
    const aa::Text& t = doc.text();
    CHECK(t.size() == 86);
    CHECK(t.size_utf16() == 92);
    CHECK(t.size_bytes() == 124);
    AA_REQUIRE(doc.entities().size() == std::size(cases));
    for (const Case& c : cases) {
        CAPTURE(c.id);
        const aa::Entity* e = doc.entities().find(c.id);
        AA_REQUIRE(e != nullptr);
        CHECK(e->start == c.cp0);
        CHECK(e->end == c.cp1);
        CHECK(t.utf16_of(e->start) == c.u16_0);
        CHECK(t.utf16_of(e->end) == c.u16_1);
        CHECK(t.byte_of(e->start) == c.u8_0);
        CHECK(t.byte_of(e->end) == c.u8_1);
        CHECK(doc.text_of(*e) == c.text);
    }
    CHECK(t.utf8().find("\r\n") != std::string::npos);  // CRLF kept as written
}

TEST_CASE("metadata, notes, knowledge-base ids, attributes and overlapping spans survive a round trip") {
    const auto loaded = read_ok("native/article.json");
    AA_REQUIRE(loaded);
    const aa::Document& doc = *loaded;
    CHECK(doc.info.title == "Merkel in Paris");
    CHECK(doc.info.source == "https://example.org/news/merkel-paris");
    CHECK(doc.info.created == "2024-03-01T09:30:00Z");
    CHECK(doc.info.note == "Checked twice; \"Paris\" may be the team.");
    CHECK(doc.info.attributes == aa::Attributes{{"annotator", "ana"}, {"batch", "7"}});
    const aa::Entity* paris = doc.entities().find("e2");
    AA_REQUIRE(paris);
    CHECK(paris->kb_id == "Q90");
    CHECK(paris->attributes == aa::Attributes{{"confidence", "high"}, {"checked", "yes"}});
    CHECK(doc.entities().find("e5")->note == "crosses a line break");
    CHECK(doc.labels()[3] == aa::Label{"EVENT", aa::Color{0xe8, 0xc8, 0x6a}, "", ""});

    for (bool pretty : {true, false}) {
        aa::io::WriteOptions o;
        o.pretty = pretty;
        const std::string out = aa::io::write("native", doc, o).output;
        aa::io::ReadResult again = aa::io::read("native", out);
        AA_REQUIRE(again.ok());
        check_same(doc, again.documents[0]);
        CHECK(aa::io::write("native", again.documents[0], o).output == out);
    }
}

TEST_CASE("an entity's lock is kept (version 2, written only when true); anything but a boolean is an error") {
    const std::string in = R"({"format": "article-annotator", "version": 2, "text": "Nuland said.", "entities": [)"
                           R"({"id": "e1", "start": 0, "end": 6, "label": "PER", "text": "Nuland", "locked": true}]})";
    aa::io::ReadResult r = aa::io::read("native", in);
    AA_REQUIRE(r.ok());
    const aa::Document& doc = r.documents[0];
    CHECK(doc.entities().find("e1")->locked);
    for (bool pretty : {true, false}) {
        aa::io::WriteOptions o;
        o.pretty = pretty;
        const std::string out = aa::io::write("native", doc, o).output;
        CHECK(out.find(pretty ? "\"locked\": true" : "\"locked\":true") != std::string::npos);
        CHECK(out.find(pretty ? "\"version\": 2" : "\"version\":2") != std::string::npos);
        aa::io::ReadResult again = aa::io::read("native", out);
        AA_REQUIRE(again.ok());
        CHECK(again.documents[0].entities().find("e1")->locked);
        CHECK(aa::io::native::write_document(doc, aa::OffsetUnit::CodePoint, pretty) ==
              aa::io::native::layout(aa::io::native::to_json(doc, aa::OffsetUnit::CodePoint), pretty));
    }
    // Unlocked: no member at all.
    aa::Document plain = doc;
    aa::Entity e = *plain.entities().find("e1");
    e.locked = false;
    AA_REQUIRE(plain.replace_entity(e).ok());
    CHECK(aa::io::write("native", plain, {}).output.find("locked") == std::string::npos);
    aa::io::ReadResult bad = aa::io::read("native", std::string(in).replace(in.find("true"), 4, "\"yes\""));
    CHECK_FALSE(bad.ok());
    CHECK(bad.documents.empty());
    AA_REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].path == "entities[0].locked");
    CHECK(bad.diagnostics[0].message == "expected true or false, got a string");
}

TEST_CASE("labels missing from a file are derived from its entities, in order of first use") {
    const auto loaded = read_ok("native/minimal.json");
    AA_REQUIRE(loaded);
    const aa::Document& doc = *loaded;
    AA_REQUIRE(doc.labels().size() == 2);
    CHECK(doc.labels()[0].name == "LOC");
    CHECK(doc.labels()[0].key == "1");
    CHECK(doc.labels()[1].name == "PER");
    CHECK(doc.labels()[1].key == "2");
    CHECK(doc.labels()[0].color != doc.labels()[1].color);
    // Written in document order: Angela Merkel (0) before Paris (22).
    const std::string out = aa::io::write("native", doc).output;
    CHECK(out.find("\"Angela Merkel\"") < out.find("\"Paris\""));
}

TEST_CASE("the reader accepts a byte-order mark and counts columns after it") {
    std::string input = "\xEF\xBB\xBF" + read_fixture("native/minimal.json");
    CHECK(aa::io::read("native", input).ok());
    aa::io::ReadResult r = aa::io::read("native", "\xEF\xBB\xBF{\"format\": 1}");
    CHECK(described(r) == std::vector<std::string>{"1:1: error: missing required field \"version\"",
                                                   "1:1: error: missing required field \"text\"",
                                                   "1:1: error: missing required field \"entities\"",
                                                   "1:12: error: format: expected a string, got 1"});
}

TEST_CASE("ReadOptions::offsets gives the unit of a file that does not name one") {
    const std::string input =
        R"({"format": "article-annotator", "version": 1, "text": "Ç Paris", "entities": [{"id": "e1", "start": 3, "end": 8, "label": "LOC", "text": "Paris"}]})";
    CHECK(!aa::io::read("native", input).ok());  // as code points, 3..8 is "aris" plus past the end
    aa::io::ReadOptions o;
    o.offsets = aa::OffsetUnit::Utf8;
    aa::io::ReadResult r = aa::io::read("native", input, o);
    AA_REQUIRE(r.ok());
    CHECK(r.documents[0].entities().find("e1")->start == 2);
}

TEST_CASE("an empty text with no entities is a valid document") {
    aa::io::ReadResult r =
        aa::io::read("native", R"({"format": "article-annotator", "version": 1, "text": "", "entities": []})");
    AA_REQUIRE(r.ok());
    CHECK(r.documents[0].text().empty());
    CHECK(r.documents[0].labels().empty());
}

TEST_CASE("unknown fields are warnings, not errors") {
    aa::io::ReadResult r = aa::io::read(
        "native",
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"\", \"entities\": [],\n \"extra\": {}}");
    AA_REQUIRE(r.ok());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(described(r) == std::vector<std::string>{"2:11: warning: extra: unknown field (ignored)"});
}

TEST_CASE("every broken fixture is rejected with exactly its expected messages, and no document") {
    const char* names[] = {"bad_labels",
                           "bad_spans",
                           "binary",
                           "deep_nesting",
                           "duplicate_keys",
                           "duplicates",
                           "empty",
                           "huge_numbers",
                           "invalid_utf8",
                           "missing_fields",
                           "non_integer_offsets",
                           "not_an_object",
                           "number_overflow",
                           "offset_past_end",
                           "trailing_comma",
                           "truncated",
                           "unknown_label",
                           "utf16_inside_surrogate",
                           "utf8_inside_char",
                           "whitespace",
                           "wrong_entity_types",
                           "wrong_format",
                           "wrong_types"};
    for (const char* name : names) {
        CAPTURE(name);
        bool found = false, found_expected = false;
        const std::string input = read_fixture(std::string("broken/") + name + ".json", &found);
        const std::string expected = read_fixture(std::string("broken/") + name + ".expected", &found_expected);
        AA_REQUIRE(found);
        AA_REQUIRE(found_expected);
        aa::io::ReadResult r = aa::io::read("native", input);
        CHECK(!r.ok());
        CHECK(r.documents.empty());
        CHECK(described(r) == lines_of(expected));
    }
}

TEST_CASE("the issue's example message: an end past the end of the text names path, line and column") {
    aa::io::ReadResult r = aa::io::read("native", read_fixture("broken/offset_past_end.json"));
    AA_REQUIRE(r.diagnostics.size() == 2);
    const aa::io::Diagnostic& d = r.diagnostics[1];
    CHECK(d.path == "entities[3].end");
    CHECK(d.message == "2601 is past the end of the text (2540 code points)");
    CHECK(d.line == 9);
    CHECK(d.column == 40);
    CHECK(r.first_error() == "9:27: error: entities[3].start: 2590 is past the end of the text (2540 code points)");
}

TEST_CASE("messages quote strings on one line, escaped and cut") {
    const std::string input =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"a\\nb \\\"c\\\"\", "
        "\"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 7, \"label\": \"X\", \"text\": \"a\\tb\"}]}";
    aa::io::ReadResult r = aa::io::read("native", input);
    AA_REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "\"a\\tb\" does not match the document text at [0, 7): \"a\\nb \\\"c\\\"\"");
}

TEST_CASE("the writer escapes what JSON needs and never aborts on invalid UTF-8 in metadata") {
    auto text = aa::Text::from_utf8("tab\there \"quoted\" back\\slash \x01");
    AA_REQUIRE(text.ok());
    aa::Document doc(std::move(text.value()));
    doc.info.note = "bad \xFF byte";
    aa::io::WriteResult w = aa::io::write("native", doc);
    AA_REQUIRE(w.ok());
    CHECK(w.output.find(R"("text": "tab\there \"quoted\" back\\slash \u0001")") != std::string::npos);
    CHECK(w.output.find("\"note\": \"bad \xEF\xBF\xBD byte\"") != std::string::npos);
    CHECK(aa::io::read("native", w.output).ok());
}

TEST_CASE("the native writer holds exactly one document") {
    aa::Document a, b;
    aa::io::WriteResult w = aa::io::write("native", std::vector<const aa::Document*>{&a, &b});
    CHECK(!w.ok());
    CHECK(w.output.empty());
    AA_REQUIRE(w.diagnostics.size() == 1);
    CHECK(w.diagnostics[0].report() == "error: the native format holds exactly one document (got 2)");
}

TEST_CASE("the schema's required properties are present in every golden file") {
    // No JSON Schema validator is available: check the schema's "required" lists structurally,
    // so that the schema and the writer cannot drift apart on required fields.
    bool found = false;
    const std::string schema = read_fixture("../../schema/article-annotator.schema.json", &found);
    AA_REQUIRE(found);
    auto required_after = [&](const std::string& anchor) {
        std::vector<std::string> out;
        size_t at = schema.find(anchor);
        CHECK_MESSAGE(at != std::string::npos, anchor);
        if (at == std::string::npos) return out;
        at = schema.find("\"required\": [", at);
        CHECK(at != std::string::npos);
        if (at == std::string::npos) return out;
        const size_t end = schema.find(']', at);
        for (size_t q = schema.find('"', at + 12); q < end; q = schema.find('"', q + 1)) {
            const size_t q2 = schema.find('"', q + 1);
            out.push_back(schema.substr(q + 1, q2 - q - 1));
            q = q2;
        }
        return out;
    };
    const auto top = required_after("\"$schema\"");
    const auto label = required_after("\"label\": {");
    const auto entity = required_after("\"entity\": {");
    CHECK(top == std::vector<std::string>{"format", "version", "text", "entities"});
    CHECK(label == std::vector<std::string>{"name"});
    CHECK(entity == std::vector<std::string>{"id", "start", "end", "label", "text"});
    for (const char* name :
         {"native/article.json", "native/unicode.json", "native/unicode.utf16.json", "native/minimal.json"}) {
        CAPTURE(name);
        const std::string golden = read_fixture(name);
        for (const auto& k : top) CHECK(golden.find("\"" + k + "\": ") != std::string::npos);
        const auto doc = read_ok(name);
        AA_REQUIRE(doc);
        // Every entity line written carries the entity's required properties.
        const std::string out = aa::io::write("native", *doc).output;
        for (const std::string& line : lines_of(out)) {
            if (line.find("{\"id\": ") == std::string::npos) continue;
            for (const auto& k : entity) CHECK(line.find("\"" + k + "\": ") != std::string::npos);
        }
    }
}

TEST_CASE("a file with thousands of problems lists the first 1000 and says so, quickly") {
    std::string input = "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"abc\", \"entities\": [";
    for (int i = 0; i < 5000; ++i)
        input += std::string(i ? "," : "") +
                 "{\"id\": \"e\", \"start\": 0, \"end\": 9, \"label\": \"X\", \"text\": \"abc\"}";
    input += "]}";
    aa::io::ReadResult r = aa::io::read("native", input);
    CHECK(!r.ok());
    CHECK(r.documents.empty());
    AA_REQUIRE(r.diagnostics.size() == 1001);
    CHECK(r.diagnostics[0].report() == "1:106: error: entities[0].end: 9 is past the end of the text (3 code points)");
    CHECK(r.diagnostics.back().report() == "error: too many problems: only the first 1000 are listed");
}

TEST_CASE("the pre-annotation setup travels with the labels and comes back unchanged") {
    const std::string input =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"The UN met.\",\n"
        " \"labels\": [{\"name\": \"ORG\", \"color\": \"#7aecec\", \"key\": \"2\"}],\n"
        " \"suggest\": {\"rules\": [{\"pattern\": \"\\\\bUN\\\\b\", \"label\": \"ORG\"}], \"names\": {\"enabled\": "
        "false}},\n"
        " \"entities\": []}";
    aa::io::ReadResult r = aa::io::read("native", input);
    REQUIRE_MESSAGE(r.ok(), r.first_error());
    aa::SuggestConfig expected;
    expected.rules = std::vector<aa::Rule>{{"\\bUN\\b", "ORG"}};
    expected.names = aa::NamesSetup{false, std::nullopt};
    CHECK(r.documents[0].info.suggest == expected);
    aa::io::WriteResult w = aa::io::write("native", r.documents[0]);
    CHECK(w.output.find("\"suggest\": {") != std::string::npos);
    aa::io::ReadResult again = aa::io::read("native", w.output);
    REQUIRE(again.ok());
    CHECK(again.documents[0].info.suggest == r.documents[0].info.suggest);

    aa::io::ReadResult bad = aa::io::read(
        "native",
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"x\", \"suggest\": [1], \"entities\": []}");
    CHECK_FALSE(bad.ok());
    CHECK(bad.first_error() == "1:71: error: suggest: expected an object, got an array");

    // The setup is checked like the rest of the file: a rule without its pattern, a flag that is
    // not a boolean, each at its position.
    aa::io::ReadResult wrong =
        aa::io::read("native",
                     "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"x\",\n"
                     " \"suggest\": {\"rules\": [{\"label\": \"ORG\"}],\n"
                     "  \"gazetteers\": [{\"whole_word\": 1, \"entries\": []}]}, \"entities\": []}");
    CHECK_FALSE(wrong.ok());
    AA_REQUIRE(wrong.diagnostics.size() == 2);
    CHECK(wrong.diagnostics[0].report() == "2:24: error: suggest.rules[0]: missing required field \"pattern\"");

    CHECK(wrong.diagnostics[1].report() ==
          "3:33: error: suggest.gazetteers[0].whole_word: expected true or false, got 1");
}

TEST_CASE("a file the page wrote with its whole setup loads, and writes the setup back byte for byte") {
    // The layout the page has always written (keys in alphabetical order): files and autosaves made
    // before the setup had a typed schema must read the same.
    const std::string setup =
        R"({"gazetteers":[{"case_sensitive":true,"entries":[{"label":"ORG","term":"UN"}],"whole_word":true}],)"
        R"("names":{"enabled":true,"label":"PER"},"rules":[{"label":"ORG","pattern":"\\bMinistry of \\w+"}]})";
    aa::io::StateRead<aa::SuggestConfig> c = aa::io::read_suggest_config(setup);
    AA_REQUIRE_MESSAGE(c.ok(), c.first_error());
    CHECK(c.diagnostics.empty());
    CHECK(aa::io::write_suggest_config(*c.value) == setup);
    const std::string file =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"The UN met.\", \"suggest\": " + setup +
        ", \"entities\": []}";
    aa::io::ReadResult r = aa::io::read("native", file);
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].info.suggest == c.value);
    // A gazetteer typed but not valid yet is kept as its text.
    auto typed = aa::io::read_suggest_config(R"({"gazetteers":[{"text":"UN"}]})");
    AA_REQUIRE(typed.ok());
    CHECK((*typed.value->gazetteers)[0].text == "UN");
}

// The reader streams (native_read.cpp): entities are checked as they end when offsets, text and
// labels came first. These files put members elsewhere, or repeat them, and must read exactly as
// a reader that built the whole tree first.
TEST_CASE("members in any order: text, labels and offsets after the entities give the same document") {
    const std::string entities =
        "\"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 7, \"label\": \"PER\", \"text\": \"José M.\"},"
        " {\"id\": \"e2\", \"start\": 16, \"end\": 21, \"label\": \"LOC\", \"text\": \"Paris\"}]";
    const std::string rest =
        "\"text\": \"José M. visited Paris.\", \"labels\": [{\"name\": \"PER\"}, {\"name\": \"LOC\"}]";
    const std::string head = "{\"format\": \"article-annotator\", \"version\": 1, ";
    aa::io::ReadResult usual = aa::io::read("native", head + rest + ", " + entities + "}");
    aa::io::ReadResult late = aa::io::read("native", head + entities + ", " + rest + "}");
    REQUIRE_MESSAGE(usual.ok(), usual.first_error());
    REQUIRE_MESSAGE(late.ok(), late.first_error());
    check_same(usual.documents[0], late.documents[0]);
    CHECK(entities_of(late.documents[0]).size() == 2);

    // "offsets" after the entities changes how they were read: é is two bytes, so 0..8 is "José M."
    const std::string utf8_entities =
        "\"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 8, \"label\": \"PER\", \"text\": \"José M.\"}]";
    aa::io::ReadResult bytes = aa::io::read("native", head + rest + ", " + utf8_entities + ", \"offsets\": \"utf8\"}");
    REQUIRE_MESSAGE(bytes.ok(), bytes.first_error());
    CHECK(entities_of(bytes.documents[0])[0].end == 7);
}

TEST_CASE("a member repeated after the entities: the last one wins, as in a tree, and the key is an error") {
    const std::string input =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"Paris\", \"labels\": [],\n"
        " \"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 99, \"label\": \"LOC\", \"text\": \"x\"}],\n"
        " \"entities\": []}";
    aa::io::ReadResult r = aa::io::read("native", input);
    CHECK_FALSE(r.ok());
    CHECK(r.documents.empty());
    // The first array is gone: its entity is neither checked nor reported.
    CHECK(described(r) == std::vector<std::string>{"3:14: error: entities: duplicate key \"entities\""});
}

TEST_CASE("the pre-annotation setup is checked for duplicate keys at any depth") {
    const std::string input =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"x\", \"entities\": [],\n"
        " \"suggest\": {\"rules\": [1, {\"label\": \"A\", \"label\": \"B\"}], \"names\": {}}}";
    aa::io::ReadResult r = aa::io::read("native", input);
    // The setup's own schema is checked too (page_state.hpp): a rule that is not an object, one
    // without its pattern.
    CHECK(described(r) == std::vector<std::string>{"2:24: error: suggest.rules[0]: expected an object, got 1",
                                                   "2:27: error: suggest.rules[1]: missing required field \"pattern\"",
                                                   "2:51: error: suggest.rules[1].label: duplicate key \"label\""});
}

TEST_CASE("the streaming writer writes what the tree writer lays out, byte for byte") {
    std::vector<aa::Document> docs;
    for (const char* rel : {"native/article.json", "native/minimal.json", "native/unicode.json"})
        if (auto d = read_ok(rel)) docs.push_back(std::move(*d));
    auto text = aa::Text::from_utf8("tab\there \"quoted\" back\\slash \x01\x7f é “x” \xF0\x9F\x98\x80 end");
    AA_REQUIRE(text.ok());
    aa::Document odd(std::move(text.value()));
    odd.info.note = "bad \xFF byte";
    odd.info.title = "t\x1f";
    odd.info.attributes = {{"k\"", "v\n"}, {"", ""}};
    odd.info.suggest =
        aa::SuggestConfig{std::nullopt, aa::NamesSetup{false, std::nullopt}, std::vector<aa::Rule>{{"\\bX", "A"}}};
    aa::Entity e{"e1", 0, 3, "A", "n\xFE", "Q1", {{"a", "b"}}};
    AA_REQUIRE(odd.insert_entity(e).ok());
    aa::Entity smile{"e2", 32, 33, "A", {}, {}, {}};
    AA_REQUIRE(odd.insert_entity(smile).ok());
    docs.push_back(std::move(odd));
    docs.emplace_back();  // empty: no labels, no entities
    for (const aa::Document& d : docs)
        for (auto unit : {aa::OffsetUnit::CodePoint, aa::OffsetUnit::Utf16, aa::OffsetUnit::Utf8})
            for (bool pretty : {true, false})
                CHECK(aa::io::native::write_document(d, unit, pretty) ==
                      aa::io::native::layout(aa::io::native::to_json(d, unit), pretty));
}
