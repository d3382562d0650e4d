// A long root string decoded apart from the parser (io/json_long_string.hpp) and the native reader
// that skips its bytes: the same text as nlohmann decodes, the same messages at the same places.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/json_long_string.hpp"

using namespace aa;

namespace {
// A native document whose text is `body` (JSON string content, escapes as written), alone on line 3.
std::string native_doc(const std::string& body, const std::string& tail = "\"entities\": []") {
    return "{\"format\": \"article-annotator\", \"version\": 1, \"offsets\": \"codepoint\",\n"
           "  \"labels\": [{\"name\": \"PER\", \"color\": \"#ff0000\"}],\n"
           "  \"text\": \"" +
           body + "\",\n  " + tail + "\n}\n";
}
std::string filler(size_t n) {
    std::string s;
    while (s.size() < n) s += "Plain words, caf\\u00e9 and d\xC3\xA9j\xC3\xA0 vu \\\"quoted\\\" \\\\ \\/ \\n ";
    return s;
}
}  // namespace

TEST_CASE("a long root string is decoded as the parser decodes it: every escape, surrogate pairs, NUL") {
    const std::string body = filler(5000) + "\\b\\f\\r\\t \\ud83d\\ude00 \\u0000 \\u20AC end";
    const std::string doc = native_doc(body);
    auto got = io::json::root_long_string(doc, "text", 4096);
    AA_REQUIRE(got.has_value());
    CHECK(got->value == nlohmann::json::parse(doc)["text"].get<std::string>());
    CHECK(doc.substr(got->begin, got->end - got->begin) == body);
    // Not taken: short, not a string, a key written with escapes before it, what the parser refuses.
    CHECK_FALSE(io::json::root_long_string(doc, "text", body.size() + 1));
    CHECK_FALSE(io::json::root_long_string("{\"text\": 5}", "text", 0));
    CHECK_FALSE(io::json::root_long_string("{\"te\\u0078t\": \"a\", \"text\": \"b\"}", "text", 0));
    CHECK_FALSE(io::json::root_long_string("[\"text\"]", "text", 0));
    for (const char* bad : {"\\ud83d alone", "\\ude00", "\\x41", "\\u12G4", "tab\there"})
        CHECK_FALSE(io::json::root_long_string(native_doc(std::string(bad) + filler(5000)), "text", 0));
}

TEST_CASE("the native reader skipping a long text reads the same document and puts errors at the same places") {
    const std::string body = filler(6000);
    io::ReadResult long_r = io::read("native", native_doc(body,
                                                          "\"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 5, "
                                                          "\"label\": \"PER\", \"text\": \"Plain\"}]"));
    AA_REQUIRE_MESSAGE(long_r.ok(), long_r.first_error());
    CHECK(long_r.documents[0].text().utf8() == nlohmann::json::parse(native_doc(body))["text"].get<std::string>());
    CHECK(long_r.documents[0].entities().size() == 1);
    // A syntax error after the text: the same line and column as with a short text, the offset
    // moved by the text's length (the parser counted the skipped bytes back).
    const std::string broken_tail = "\"entities\": [1 2]";
    const std::string long_doc = native_doc(body, broken_tail), short_doc = native_doc("short", broken_tail);
    io::ReadResult a = io::read("native", long_doc), b = io::read("native", short_doc);
    AA_REQUIRE(!a.ok());
    AA_REQUIRE(!b.ok());
    AA_REQUIRE(a.diagnostics.size() == b.diagnostics.size());
    CHECK(a.diagnostics[0].message == b.diagnostics[0].message);
    CHECK(a.diagnostics[0].line == 4);
    CHECK(a.diagnostics[0].line == b.diagnostics[0].line);
    CHECK(a.diagnostics[0].column == b.diagnostics[0].column);
    CHECK(a.diagnostics[0].offset == b.diagnostics[0].offset + body.size() - 5);
    CHECK(long_doc[a.diagnostics[0].offset] == short_doc[b.diagnostics[0].offset]);
    // A check after the text (a path located in the whole input): same line and column too.
    const std::string bad_end = "\"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 99999999, \"label\": \"PER\"}]";
    io::ReadResult c = io::read("native", native_doc(body, bad_end)),
                   d = io::read("native", native_doc("short", bad_end));
    AA_REQUIRE(!c.ok());
    AA_REQUIRE(!d.ok());
    CHECK(c.diagnostics[0].path == d.diagnostics[0].path);
    CHECK(c.diagnostics[0].line == d.diagnostics[0].line);
    CHECK(c.diagnostics[0].column == d.diagnostics[0].column);
    // Two texts: a duplicate key, said as without the skip.
    io::ReadResult e = io::read("native", native_doc(body, "\"text\": \"again\", \"entities\": []"));
    AA_REQUIRE(!e.ok());
    CHECK(e.diagnostics[0].message == "duplicate key \"text\"");
}
