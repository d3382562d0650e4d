// Inputs the fuzzers (fuzz/) found, kept as fixtures (tests/fixtures/fuzz-regressions/) with the
// exact diagnostic each now produces; the round-trip property the format fuzzer checks, run on
// every fixture; and the writers' escaping: hostile texts and labels (quotes, <, &, commas, tabs,
// line breaks, control characters) through every writer and back through its reader.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture_files.hpp"
#include "io/format.hpp"
#include "io/session.hpp"

namespace {

using aa::Document;
using aa::Entity;
using aa::Text;

std::vector<const Document*> pointers(const std::vector<Document>& docs) {
    std::vector<const Document*> out;
    for (const auto& d : docs) out.push_back(&d);
    return out;
}

// "[start, end) label" per entity, per document, with the text: what a round trip must keep.
std::string summary(const std::vector<Document>& docs) {
    std::string out;
    for (const Document& d : docs) {
        out += "text " + std::string(d.text().utf8()) + "\n";
        for (aa::Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            out += "[" + std::to_string(e.start) + ", " + std::to_string(e.end) + ") " + e.label + "\n";
        }
    }
    return out;
}

// The property of fuzz/fuzz_format.cpp without the abort: "" when it holds, else what broke.
// `input` is TEXT '\0' FORMAT-INPUT when it holds a NUL, as in the fuzzer.
std::string round_trip_problem(const aa::io::Format& f, std::string_view all, aa::io::ReadResult* first_out = nullptr) {
    aa::io::ReadOptions options;
    Text given;
    std::string_view input = all;
    if (const size_t nul = all.find('\0'); nul != std::string_view::npos) {
        auto t = Text::from_utf8(std::string(all.substr(0, nul)));
        if (!t) return "";
        given = std::move(*t);
        options.text = &given;
        input = all.substr(nul + 1);
    }
    aa::io::ReadResult first = f.read(input, options);
    if (first_out) *first_out = first;
    if (!first.ok())
        return !first.documents.empty()      ? "a failed read returned documents"
               : first.first_error().empty() ? "no message"
                                             : "";
    if (first.documents.empty()) return "";
    const aa::io::WriteResult w1 = f.write(pointers(first.documents), {});
    if (!w1.ok()) return "the writer refused what the reader accepted";
    bool lossy = false;
    for (const auto& d : w1.diagnostics) lossy |= !d.is_error();
    aa::io::ReadOptions again;
    if (options.text) again.text = &first.documents.front().text();
    const aa::io::ReadResult second = f.read(w1.output, again);
    if (!second.ok()) return "the reader refused its writer's output: " + second.first_error();
    if (!lossy && summary(first.documents) != summary(second.documents))
        return "documents changed through write and read";
    const aa::io::WriteResult w2 = f.write(pointers(second.documents), {});
    if (w1.output != w2.output) return "the two writes differ";
    return "";
}

// A text that every escaping rule meets: JSON (quotes, backslash, control characters, U+2028),
// XML (<, &, ]]>, comments, entity-like text), CSV (commas, quotes, CR LF), brat (tabs, newlines).
const std::string kHostile =
    "He said \"<b>Tom & Jerry</b>\", 'hi', a,b;c\tTab\r\nNext line \\ back ]]> <!-- x --> \xe2\x80\xa8 sep "
    "\xf0\x9f\x98\x80 end =SUM(A1) &amp; &#x41;\n";

// Adds [needle, needle + bytes) with `label` (created when missing).
void add(Document& doc, std::string_view needle, size_t bytes, const std::string& label) {
    const std::string& s = doc.text().utf8();
    const size_t b = s.find(needle);
    REQUIRE(b != std::string::npos);
    if (!doc.labels().find(label))
        REQUIRE(doc.insert_label(doc.labels().size(), aa::Label{label, aa::Color{1, 2, 3}, "", ""}).ok());
    Entity e;
    e.id = doc.entities().next_id();
    e.start = doc.text().cp_of_byte(b);
    e.end = doc.text().cp_of_byte(b + bytes);
    e.label = label;
    REQUIRE(doc.insert_entity(e).ok());
}

Document hostile_document(const std::string& text) {
    auto t = Text::from_utf8(text);
    REQUIRE(t.ok());
    Document doc(std::move(*t));
    add(doc, "\"<b>Tom", 27, "A\"B<&>");        // quotes, angle brackets and & in the text and the label
    add(doc, "a,b;c\tTab\r\nNext", 15, "C,D");  // a tab and a CR LF inside one entity; a comma in the label
    add(doc, "\\ back ]]>", 10, "PER's");       // backslash, CDATA end; an apostrophe in the label
    add(doc, "\xf0\x9f\x98\x80", 4, "LOC");     // outside the BMP (a surrogate pair in UTF-16)
    add(doc, "&amp; &#x41;", 12, "ORG");        // text that looks like escapes must stay text
    return doc;
}

// Writes `doc` in format `f`, reads it back with the document's text at hand: "" when the text
// and the entities come back unchanged. Warnings of the writer are allowed (CoNLL says it re-spaces
// the text; given the original text back, its reader still finds every entity).
std::string through(const aa::io::Format& f, const Document& doc, std::string* output = nullptr) {
    const aa::io::WriteResult w = f.write({&doc}, {});
    if (output) *output = w.output;
    if (!w.ok()) return "write: " + w.diagnostics.front().report();
    aa::io::ReadOptions o;
    o.text = &doc.text();
    const aa::io::ReadResult r = f.read(w.output, o);
    if (!r.ok()) return "read: " + r.first_error();
    if (summary(r.documents) != summary({doc})) return "changed:\n" + summary(r.documents);
    return "";
}

// File names in tests/fixtures/<dir>, sorted; none when the directory does not exist.
std::vector<std::string> fixture_names(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(aa::test::fixture_path(dir), ec))
        if (entry.is_regular_file()) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// RFC 4180 fields of a CSV document (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(std::string_view s) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"')
                rows.back().back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                rows.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            ++i;
            if (i + 1 < s.size()) rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    return rows;
}

}  // namespace

TEST_CASE(
    "every writer escapes quotes, <, &, commas, tabs and line breaks so that its reader gets the text and entities "
    "back") {
    const Document doc = hostile_document(kHostile);
    for (const aa::io::Format& f : aa::io::formats()) {
        if (!f.read || !f.write) continue;
        CAPTURE(f.id);
        std::string out;
        CHECK(through(f, doc, &out) == "");
    }
}

TEST_CASE("control characters round-trip through every writer except XML, which refuses them by position") {
    const Document doc = hostile_document(kHostile + "bell \x07 and \x01 end");
    for (const aa::io::Format& f : aa::io::formats()) {
        if (!f.read || !f.write) continue;
        CAPTURE(f.id);
        if (f.id == "xml") {
            const aa::io::WriteResult w = f.write({&doc}, {});
            CHECK_FALSE(w.ok());
            const size_t bell = Text::from_utf8(kHostile)->size() + 5;
            CHECK(w.diagnostics.at(0).report() ==
                  "error: the text holds a character XML 1.0 cannot hold at code point " + std::to_string(bell));
        } else {
            CHECK(through(f, doc) == "");
        }
    }
}

TEST_CASE("the CSV writer quotes commas, quotes and line breaks so that a CSV parser gets every field back") {
    const Document doc = hostile_document(kHostile);
    const aa::io::WriteResult w = aa::io::write("csv", doc);
    REQUIRE(w.ok());
    const auto rows = parse_csv(w.output);
    REQUIRE(rows.size() == doc.entities().size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"id", "start", "end", "label", "text", "note", "kb_id"});
    size_t i = 1;
    for (aa::Slot s : doc.entities().ordered()) {
        const Entity& e = doc.entities().get(s);
        CAPTURE(e.id);
        CHECK(rows[i] == std::vector<std::string>{e.id, std::to_string(e.start), std::to_string(e.end), e.label,
                                                  std::string(doc.text_of(e)), "", ""});
        ++i;
    }
}

TEST_CASE("the brat writer keeps each annotation on one line when an entity spans a tab and a line break") {
    const Document doc = hostile_document(kHostile);
    const aa::io::WriteResult w = aa::io::write("brat", doc);
    REQUIRE(w.ok());
    size_t lines = 0;
    for (char c : w.output) lines += c == '\n';
    CHECK(lines == doc.entities().size());
    // The text field is the last one, so its tab stays; the CR LF becomes two spaces (same length).
    CHECK(w.output.find("\tC,D 36 51\ta,b;c\tTab  Next\n") != std::string::npos);
}

TEST_CASE("every fixture of every format keeps the fuzzers' round-trip property") {
    // The fuzzers' seeds: what the readers accept must write, read back the same and write the same.
    for (const aa::io::Format& f : aa::io::formats()) {
        if (!f.read || !f.write) continue;
        for (const std::string& name : fixture_names(std::string(f.id))) {
            CAPTURE(f.id);
            CAPTURE(name);
            if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) continue;
            std::string input = aa::test::read_fixture(std::string(f.id) + "/" + name);
            const std::string stem = name.substr(0, name.find('.'));
            bool has_text = false;
            const std::string text = aa::test::read_fixture(std::string(f.id) + "/" + stem + ".txt", &has_text);
            if (has_text) input = text + std::string(1, '\0') + input;
            CHECK(round_trip_problem(f, input) == "");
        }
    }
}

// ---- [SECTION] inputs found by the fuzzers ----

TEST_CASE("fuzz: the XML reader refuses a NUL in a fragment, which its writer could not write back") {
    // Found by annotator_fuzz_xml: a native file with NULs; after the first NUL (the harness's text
    // separator) the XML input is plain text starting with NULs, read as a fragment.
    const aa::io::Format* xml = aa::io::find_format("xml");
    REQUIRE(xml);
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*xml, aa::test::read_fixture("fuzz-regressions/xml_nul_after_text.bin"), &first) == "");
    CHECK(first.first_error() == "1:1: error: character U+0000 is not allowed in XML 1.0");
    CHECK(first.documents.empty());
}

TEST_CASE("fuzz: the XML reader refuses the noncharacters U+FFFE and U+FFFF by line and column") {
    const auto r = aa::io::read("xml", aa::test::read_fixture("fuzz-regressions/xml_noncharacter.xml"));
    CHECK(r.first_error() == "2:8: error: character U+FFFE is not allowed in XML 1.0");
    CHECK(r.documents.empty());
}

TEST_CASE("fuzz: W3C annotations given out of document order write the same ids after a re-import") {
    // Found by annotator_fuzz_w3c on its seed tests/fixtures/w3c/merkel.jsonld: readers number
    // entities in input order, and the writer hashed that number into each annotation's id.
    const aa::io::Format* w3c = aa::io::find_format("w3c");
    REQUIRE(w3c);
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*w3c, aa::test::read_fixture("fuzz-regressions/w3c_entities_out_of_order.bin"), &first) ==
          "");
    CHECK(first.ok());
    CHECK(summary(first.documents) ==
          "text Angela Merkel visited Paris. Later, Merkel flew home from Paris.\n\n[0, 13) PER\n[22, 27) LOC\n[58, "
          "63) LOC\n");
}

TEST_CASE("fuzz: Label Studio results given out of document order write the same result ids after a re-import") {
    // Found by annotator_fuzz_label-studio: the reader numbered entities in input order and the
    // writer writes each entity's id as the result id; the re-import numbered them in document order.
    const aa::io::Format* ls = aa::io::find_format("label-studio");
    REQUIRE(ls);
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*ls, aa::test::read_fixture("fuzz-regressions/label_studio_results_out_of_order.json"),
                             &first) == "");
    REQUIRE(first.ok());
    const aa::EntityStore& es = first.documents.at(0).entities();
    std::string ids;
    for (aa::Slot s : es.ordered()) ids += es.get(s).id + " ";
    CHECK(ids == "e1 e2 e3 e4 e5 e6 e7 e8 ");
}

TEST_CASE("fuzz: a CoNLL token the tokenizer splits before a capital writes the same file after a re-read") {
    // Found by annotator_fuzz_conll: the token "An\ud800-PE?R" (literal backslash) reads as one
    // token; the writer splits it, "?" and "R" touching. The writer broke no sentence there, but
    // the re-read text has "? R" (single spaces), where split_sentences breaks: the second write
    // had one more blank line. Sentences now depend on tokens and line breaks only.
    const aa::io::Format* conll = aa::io::find_format("conll");
    REQUIRE(conll);
    const std::string input = aa::test::read_fixture("fuzz-regressions/conll_glued_terminator.conll");
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*conll, input, &first) == "");
    REQUIRE(first.ok());
    // Without the token layer a read keeps (written line for line), as a document from another format.
    for (aa::Document& d : first.documents) d.token_layer = {};
    const aa::io::WriteResult w = conll->write(pointers(first.documents), {});
    CHECK(w.output.find("ud800-PE O\n? O\n\nR O\n\n") != std::string::npos);
    // The brief's example: ".I-ORG" read as one token is written as "." and "I-ORG", a sentence each.
    aa::io::ReadResult paris;
    CHECK(round_trip_problem(*conll, "Paris B-LOC\n.I-ORG O\n", &paris) == "");
    REQUIRE(paris.ok());
    CHECK(conll->write(pointers(paris.documents), {}).output == "Paris B-LOC\n.I-ORG O\n");  // its own layer
    paris.documents[0].token_layer = {};
    CHECK(conll->write(pointers(paris.documents), {}).output ==
          "-DOCSTART- -X- O O\n\nParis B-LOC\n. O\n\nI-ORG O\n\n");
}

TEST_CASE("the CoNLL writer draws sentences from the tokens and line breaks only, so a re-read file writes the same") {
    // A file keeps no spacing: "Mr. Smith" reads back as "Mr . Smith", "said.\"" as "said . \"".
    // Every line break ends a sentence (the reader writes one sentence per line, so a wrapped line
    // is a sentence of its own); a "." after a title or an initial does not, spaced or not.
    const std::string text =
        "Mr. Smith met George W. Bush.\"Fine.\" A wrapped\nline\n\nHeadline\n\nMr . Jones ?Yes (he said.) "
        "Then \xE2\x80\x9C"
        "done.\xE2\x80\x9D Ok";
    auto t = Text::from_utf8(text);
    REQUIRE(t.ok());
    const Document doc(std::move(*t));
    const aa::io::Format* conll = aa::io::find_format("conll");
    REQUIRE(conll);
    const aa::io::WriteResult w1 = conll->write({&doc}, {});
    CHECK(w1.output ==
          "-DOCSTART- -X- O O\n\n"
          "Mr O\n. O\nSmith O\nmet O\nGeorge O\nW O\n. O\nBush O\n. O\n\n"
          "\" O\nFine O\n. O\n\n"
          "\" O\nA O\nwrapped O\n\nline O\n\nHeadline O\n\n"
          "Mr O\n. O\nJones O\n? O\n\nYes O\n( O\nhe O\nsaid O\n. O\n) O\n\n"
          "Then O\n\xE2\x80\x9C O\ndone O\n. O\n\xE2\x80\x9D O\n\nOk O\n\n");
    const aa::io::ReadResult r = conll->read(w1.output, {});
    REQUIRE(r.ok());
    CHECK(r.documents.at(0).text().utf8() ==
          "Mr . Smith met George W . Bush .\n\" Fine .\n\" A wrapped\nline\nHeadline\nMr . Jones ?\nYes ( he said . )\n"
          "Then \xE2\x80\x9C done . \xE2\x80\x9D\nOk");
    CHECK(conll->write(pointers(r.documents), {}).output == w1.output);
}

TEST_CASE("fuzz: an empty W3C collection writes the same ids after a re-import, and says its source is dropped") {
    // Found by annotator_fuzz_w3c: annotations with no tagging body (none kept) but a target source.
    // The source is written in each annotation's target only, so an empty collection lost it, and
    // the collection and page ids, which hashed it, changed on the second write.
    const aa::io::Format* w3c = aa::io::find_format("w3c");
    REQUIRE(w3c);
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*w3c, aa::test::read_fixture("fuzz-regressions/w3c_empty_collection_with_source.bin"),
                             &first) == "");
    REQUIRE(first.ok());
    REQUIRE(first.documents.size() == 1);
    CHECK(first.documents[0].entities().size() == 0);
    CHECK(first.documents[0].info.source == "http://example.org/news/merkel.txt");
    const aa::io::WriteResult w = w3c->write(pointers(first.documents), {});
    REQUIRE(w.ok());
    std::vector<std::string> messages;
    for (const auto& d : w.diagnostics) messages.push_back(d.report());
    CHECK(messages == std::vector<std::string>{"warning: w3c has no place for the document's source: dropped"});
    // With an entity, the source is in the target and the ids hash it: another source, other ids.
    Document with = first.documents[0];
    REQUIRE(with.insert_label(0, aa::Label{"PER", aa::Color{1, 2, 3}, "", ""}).ok());
    REQUIRE(with.insert_entity({"e1", 0, 13, "PER", "", "", {}}).ok());
    const std::string a = w3c->write({&with}, {}).output;
    with.info.source = "http://example.org/other.txt";
    const std::string b = w3c->write({&with}, {}).output;
    CHECK(a.substr(0, a.find("\"type\"")) != b.substr(0, b.find("\"type\"")));
    CHECK(a.find("\"source\": \"http://example.org/news/merkel.txt\"") != std::string::npos);
}

TEST_CASE("fuzz: a CoNLL token of whitespace only: a lone \\r ends its line; an invisible one is kept, warned") {
    // Found by annotator_fuzz_conll: "\r B-LOC" (a carriage return inside the line) read as the token
    // "\r" with an entity; the writer found no token in "\r", wrote an empty file, and its reader
    // refused that. Such tokens were then refused; since real files have them (WNUT17's lone U+FE0F,
    // issue 18), one is kept and warned about: the document's token layer writes it back.
    const aa::io::Format* conll = aa::io::find_format("conll");
    REQUIRE(conll);
    aa::io::ReadResult first;
    CHECK(round_trip_problem(*conll, aa::test::read_fixture("fuzz-regressions/conll_carriage_return_token.conll"),
                             &first) == "");
    // Since a lone "\r" ends a line as "\n" does (issue 12), the line " B-LOC" after it is refused.
    CHECK(first.first_error() == "3:1: error: expected at least 2 columns (WORD ... TAG), found 1");
    CHECK(first.documents.empty());
    // A token of invisible characters only is kept and warned about (issue 18), and written back.
    const aa::io::ReadResult nbsp = aa::io::read("conll", "Paris B-LOC\n\xC2\xA0\xE2\x80\x8B O\n");
    REQUIRE(nbsp.ok());
    CHECK(nbsp.diagnostics.at(0).report() ==
          "2:1: warning: token \"\xC2\xA0\xE2\x80\x8B\" is only whitespace or invisible characters: kept as a token of "
          "its own (columns are separated by spaces and tabs)");
    CHECK(nbsp.documents.at(0).text().utf8() == "Paris \xC2\xA0\xE2\x80\x8B");
    CHECK(aa::io::write("conll", nbsp.documents.at(0)).output == "Paris B-LOC\n\xC2\xA0\xE2\x80\x8B O\n");
}
