// The format registry: lookup, detection by extension and content, the read/write entry points
// and how diagnostics describe themselves.
#include <doctest/doctest.h>

#include <type_traits>

#include "io/fixture_files.hpp"

#include "io/format.hpp"

namespace {
// "native, brat, ...": the registry grows as formats are added, messages list them all.
std::string known() {
    std::string out;
    for (const auto& f : aa::io::formats()) out += (out.empty() ? "" : ", ") + std::string(f.id);
    return out;
}
}  // namespace

TEST_CASE("the registry lists native first and finds formats by id") {
    AA_REQUIRE(!aa::io::formats().empty());
    const aa::io::Format& f = aa::io::formats()[0];
    CHECK(f.id == "native");
    CHECK(f.extension == ".json");
    CHECK((f.read != nullptr));
    CHECK((f.write != nullptr));
    CHECK(aa::io::find_format("native") == &f);
    CHECK(aa::io::find_format("nope") == nullptr);
}

TEST_CASE("detection trusts the format's own mark whatever the extension") {
    auto r = aa::io::detect_format("notes.txt", "  {\"version\": 1, \"format\" : \"article-annotator\"}");
    AA_REQUIRE(r.ok());
    CHECK(r.value()->id == "native");
    r = aa::io::detect_format("-", "{\"format\":\"article-annotator\"}");
    AA_REQUIRE(r.ok());
    CHECK(r.value()->id == "native");
}

TEST_CASE("a native file with other formats' keys in it is native, for the native mark") {
    // The native sniffer answers first; the others ("spans", "annotations" + "result", "ents") must
    // not make it ambiguous.
    const std::string content =
        R"({"format": "article-annotator", "text": "a b", "note": "\"spans\": [], \"annotations\": [{\"result\": []}]",)"
        R"( "entities": [], "attributes": {"ents": "[]", "tokens": "x"}})";
    std::string why;
    auto r = aa::io::detect_format("a.json", content, &why);
    AA_REQUIRE(r.ok());
    CHECK(r.value()->id == "native");
    CHECK(why == "the content has native's marks (\"format\": \"article-annotator\")");
}

TEST_CASE("content that no format recognises, under an unknown extension, is an error naming the file") {
    auto r = aa::io::detect_format("notes.txt", "hello");
    AA_REQUIRE(!r.ok());
    CHECK(r.error().message == "cannot tell the format of \"notes.txt\" (known formats: " + known() + ")");
    r = aa::io::detect_format("-", "hello");
    AA_REQUIRE(!r.ok());
    CHECK(r.error().message == "cannot tell the format of standard input (known formats: " + known() + ")");
}

TEST_CASE("reading or writing an unknown format is an error diagnostic") {
    aa::io::ReadResult r = aa::io::read("yaml", "x");
    CHECK(!r.ok());
    CHECK(r.documents.empty());
    CHECK(r.first_error() == "error: unknown format \"yaml\" (known formats: " + known() + ")");
    aa::Document doc;
    aa::io::WriteResult w = aa::io::write("yaml", doc);
    CHECK(!w.ok());
    AA_REQUIRE(w.diagnostics.size() == 1);
    CHECK(w.diagnostics[0].message == "unknown format \"yaml\" (known formats: " + known() + ")");
}

TEST_CASE("a diagnostic describes itself with position and path when known") {
    aa::io::Diagnostic d;
    d.message = "2601 is past the end of the text (2540 code points)";
    CHECK(d.report() == "error: 2601 is past the end of the text (2540 code points)");
    d.path = "entities[3].end";
    CHECK(d.report() == "error: entities[3].end: 2601 is past the end of the text (2540 code points)");
    d.line = 12;
    d.column = 14;
    CHECK(d.report() == "12:14: error: entities[3].end: 2601 is past the end of the text (2540 code points)");
    d.severity = aa::io::Diagnostic::Severity::Warning;
    CHECK(!d.is_error());
    CHECK(d.report() == "12:14: warning: entities[3].end: 2601 is past the end of the text (2540 code points)");
    CHECK(d.report_in("a.json") ==
          "a.json:12:14: warning: entities[3].end: 2601 is past the end of the text (2540 code points)");
    CHECK(d.summary() == "entities[3].end: 2601 is past the end of the text (2540 code points)");
    d.line = d.column = 0;
    CHECK(d.report_in("a.json") ==
          "a.json: warning: entities[3].end: 2601 is past the end of the text (2540 code points)");
}

// One type from core to the CLI: what a Result fails with is what a reader lists.
static_assert(std::is_same_v<aa::Error, aa::io::Diagnostic>);

TEST_CASE("readers give the byte offset of what they report, beside the line and column") {
    const std::string native = "{\"format\": \"article-annotator\", \"version\": 1,\n \"text\": 3, \"entities\": []}";
    aa::io::ReadResult r = aa::io::read("native", native, {});
    AA_REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics[0].offset == native.find('3'));
    CHECK(r.diagnostics[0].line == 2);

    const std::string jsonl = "{\"text\": \"a\"}\n{\"text\": 7}\n";
    aa::io::ReadResult p = aa::io::read("prodigy", jsonl, {});
    AA_REQUIRE(!p.diagnostics.empty());
    CHECK(p.diagnostics[0].line == 2);
    CHECK(p.diagnostics[0].offset == jsonl.find('7'));

    const std::string xml = "<doc>a <PER>b</ORG></doc>";
    aa::io::ReadResult x = aa::io::read("xml", xml, {});
    AA_REQUIRE(!x.diagnostics.empty());
    CHECK(x.diagnostics[0].offset == xml.find("</ORG>"));

    auto t = aa::Text::from_utf8(
        "ab\xFF"
        "c");
    AA_REQUIRE(!t.ok());
    CHECK(t.error().offset == 2);
}

TEST_CASE("a read result is ok with warnings only, and first_error skips warnings") {
    aa::io::ReadResult r;
    aa::io::Diagnostic w;
    w.severity = aa::io::Diagnostic::Severity::Warning;
    w.message = "just saying";
    r.diagnostics.push_back(w);
    CHECK(r.ok());
    CHECK(r.first_error() == "");
    aa::io::Diagnostic e;
    e.message = "broken";
    r.diagnostics.push_back(e);
    CHECK(!r.ok());
    CHECK(r.first_error() == "error: broken");
}

TEST_CASE("writes that quote each entity's text are refused past kMaxQuotedTextBytes, naming it") {
    // 9,000 spans nested over 18,000 characters hold 81 MB of entity text: 200 MB of output once.
    const size_t n = 9000;
    std::string in = R"([[")" + std::string(2 * n, 'a') + R"(",{"entities":[)";
    for (size_t i = 0; i < n; ++i)
        in += std::string(i ? "," : "") + "[" + std::to_string(i) + "," + std::to_string(2 * n - i) + ",\"X\"]";
    aa::io::ReadResult r = aa::io::read("spacy", in + "]}]]");
    REQUIRE(r.ok());
    for (const char* f : {"native", "brat", "w3c", "label-studio", "csv"}) {
        const aa::io::WriteResult w = aa::io::write(f, r.documents[0]);
        CHECK(!w.ok());
        CHECK(w.output.empty());
        REQUIRE(w.diagnostics.size() == 1);
        CHECK(w.diagnostics[0].message ==
              "the " + std::string(f) +
                  " format writes each entity's text, and these entities hold 81009000 bytes of it (nested spans "
                  "repeat the text they share), more than the 64 MiB limit (kMaxQuotedTextBytes); write a format "
                  "that does not quote it (spacy, xml, conll)");
    }
    // Formats that do not quote it write the document.
    for (const char* f : {"spacy", "xml"}) CHECK(aa::io::write(f, r.documents[0]).ok());
}
