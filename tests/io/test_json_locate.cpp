// JSON paths and the locator that finds a value's position in a JSON text for error messages.
#include <doctest/doctest.h>

#include "io/fixture_files.hpp"

#include "io/json_locate.hpp"

using aa::io::JsonLocator;
using aa::io::JsonPath;
using aa::io::PathItem;

namespace {
JsonPath path(const char* s) {
    auto p = aa::io::parse_path(s);
    CHECK_MESSAGE(p.has_value(), s);
    return p.value_or(JsonPath{});
}
std::string at(const std::string& json, const char* p) {
    auto span = JsonLocator(json).locate(path(p));
    if (!span) return "<none>";
    return json.substr(span->begin, span->end - span->begin);
}
}  // namespace

TEST_CASE("paths format as entities[3].end and keys that are not identifiers are bracketed") {
    CHECK(aa::io::format_path({PathItem::member("entities"), PathItem::element(3), PathItem::member("end")}) ==
          "entities[3].end");
    CHECK(aa::io::format_path({PathItem::member("attributes"), PathItem::member("a.b \"c\"")}) ==
          "attributes[\"a.b \\\"c\\\"\"]");
    CHECK(aa::io::format_path({PathItem::element(0), PathItem::element(1)}) == "[0][1]");
    CHECK(aa::io::format_path({}) == "");
}

TEST_CASE("parse_path is the inverse of format_path and refuses malformed paths") {
    const JsonPath p = {PathItem::member("attributes"), PathItem::member("a.b"), PathItem::element(12),
                        PathItem::member("x-y")};
    CHECK(aa::io::parse_path(aa::io::format_path(p)) == p);
    CHECK(!aa::io::parse_path("a..b").has_value());
    CHECK(!aa::io::parse_path("a[").has_value());
    CHECK(!aa::io::parse_path("a[x]").has_value());
    CHECK(!aa::io::parse_path(".a").has_value());
}

TEST_CASE("the locator finds nested values with their exact source text") {
    const std::string json =
        "{\n  \"text\" : \"a \\\"b\\\" ]}\",\n  \"entities\": [ {\"id\": \"e1\", \"end\":  42 },\n"
        "    {\"id\": \"e2\", \"attributes\": {\"k\": [1, {\"z\": null}]}} ]\n}";
    CHECK(at(json, "text") == "\"a \\\"b\\\" ]}\"");
    CHECK(at(json, "entities[0].end") == "42");
    CHECK(at(json, "entities[1].id") == "\"e2\"");
    CHECK(at(json, "entities[1].attributes.k[1].z") == "null");
    CHECK(at(json, "entities[1].attributes") == "{\"k\": [1, {\"z\": null}]}");
    CHECK(at(json, "entities[2]") == "<none>");
    CHECK(at(json, "text.x") == "<none>");
    CHECK(at(json, "") == json);
}

TEST_CASE("keys written with escapes match their decoded form") {
    const std::string json = R"({"caf\u00e9": 1, "\ud83d\ude80": 2, "a\/b": 3})";
    JsonLocator loc(json);
    auto span = loc.locate({PathItem::member("café")});
    AA_REQUIRE(span);
    CHECK(json.substr(span->begin, span->end - span->begin) == "1");
    CHECK(loc.locate({PathItem::member("\xF0\x9F\x9A\x80")}).has_value());
    CHECK(loc.locate({PathItem::member("a/b")}).has_value());
}

TEST_CASE("a duplicated key resolves to its last occurrence, the value a parser keeps") {
    CHECK(at(R"({"a": 1, "b": 2, "a": 3})", "a") == "3");
}

TEST_CASE("locate_nearest falls back to the deepest value that exists") {
    const std::string json = R"({"entities": [{"id": "e1"}]})";
    JsonLocator loc(json);
    const auto span = loc.locate_nearest(path("entities[0].start"));
    CHECK(json.substr(span.begin, span.end - span.begin) == R"({"id": "e1"})");
    CHECK(loc.locate_nearest(path("nothing")).begin == 0);
}

TEST_CASE("raw quotes a value as written, cut on a character boundary") {
    const std::string json = R"({"n": 1.50e3, "s": "ééééé"})";
    JsonLocator loc(json);
    CHECK(loc.raw(path("n")) == "1.50e3");
    CHECK(loc.raw(path("s"), 4) == "\"\xC3\xA9...");
    CHECK(loc.raw(path("missing")) == "");
}

TEST_CASE("the locator does not crash or loop on malformed or truncated JSON") {
    for (const char* bad :
         {"", "{", "{\"a\"", "{\"a\": [1, 2", "[[[[", "{\"a\": \"unterminated", "}}}", "{\"a\" 1}", "[1,,2]"}) {
        CAPTURE(bad);
        JsonLocator loc(bad);
        CHECK(!loc.locate(path("a[1].b")).has_value());
        (void)loc.locate_nearest(path("a[5]"));
    }
}

TEST_CASE("line and column are 1-based, count code points, and handle CRLF and a byte-order mark") {
    const std::string text = "ab\r\nçé→x\n\xF0\x9F\x9A\x80y";
    const auto lc = aa::io::line_cols(text, {0, 1, 4, 6, 8, 11, 12, 13, 17, 100});
    const std::pair<size_t, size_t> expected[] = {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {2, 3},
                                                  {2, 4}, {2, 5}, {3, 1}, {3, 2}, {3, 3}};
    AA_REQUIRE(lc.size() == std::size(expected));
    for (size_t i = 0; i < lc.size(); ++i) {
        CAPTURE(i);
        CHECK(lc[i].line == expected[i].first);
        CHECK(lc[i].column == expected[i].second);
    }
    const auto bom = aa::io::line_col_of_byte("\xEF\xBB\xBF{}", 4);
    CHECK(bom.line == 1);
    CHECK(bom.column == 2);
}
