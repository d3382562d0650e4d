// Tests for src/io/couch: CouchDB's _all_docs and _bulk_docs answers as CouchDB and PouchDB
// send them, revision histories, and the request bodies the CLI builds.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/couch.hpp"

using namespace aa::io;

TEST_CASE("_all_docs rows carry id, rev, the document, its conflicts and missing keys") {
    std::string why;
    auto rows = couch::parse_all_docs(
        R"({"total_rows":3,"offset":0,"rows":[
          {"id":"ann:a1:alice","key":"ann:a1:alice","value":{"rev":"2-b"},
           "doc":{"_id":"ann:a1:alice","_rev":"2-b","_conflicts":["2-a"],"type":"ann"}},
          {"key":"gold:a1","error":"not_found"},
          {"id":"gold:a2","key":"gold:a2","value":{"rev":"3-c","deleted":true},"doc":null}]})",
        &why);
    REQUIRE(rows);
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].id == "ann:a1:alice");
    CHECK((*rows)[0].rev == "2-b");
    CHECK((*rows)[0].doc == R"({"_id":"ann:a1:alice","_rev":"2-b","_conflicts":["2-a"],"type":"ann"})");
    CHECK((*rows)[0].conflicts == std::vector<std::string>{"2-a"});
    CHECK((*rows)[1].id == "gold:a1");
    CHECK((*rows)[1].error == "not_found");
    CHECK((*rows)[1].doc.empty());
    CHECK((*rows)[2].deleted);
    CHECK_FALSE(couch::parse_all_docs(R"({"error":"unauthorized"})", &why));
    CHECK(why == "not an _all_docs answer");
}

TEST_CASE("_bulk_docs results name each refused document") {
    std::string why;
    auto saved = couch::parse_bulk(
        R"([{"ok":true,"id":"ann:a1:alice","rev":"1-x"},{"id":"gold:a1","error":"forbidden","reason":"no"}])", &why);
    REQUIRE(saved);
    REQUIRE(saved->size() == 2);
    CHECK((*saved)[0].ok());
    CHECK((*saved)[0].rev == "1-x");
    CHECK_FALSE((*saved)[1].ok());
    CHECK((*saved)[1].reason == "no");
    CHECK_FALSE(couch::parse_bulk("{}", &why));
    CHECK(why == "not a _bulk_docs answer");
}

TEST_CASE("a revision history lists the revisions newest first") {
    CHECK(couch::revisions(R"({"_rev":"3-c","_revisions":{"start":3,"ids":["c","b","a"]}})") ==
          std::vector<std::string>{"3-c", "2-b", "1-a"});
    CHECK(couch::revisions(R"({"_rev":"3-c"})").empty());
    CHECK(couch::revisions("not json").empty());
}

TEST_CASE("request bodies are JSON") {
    CHECK(couch::keys_body({"article:a1", "gold:\"q\""}) == R"({"keys":["article:a1","gold:\"q\""]})");
    CHECK(couch::bulk_body({R"({"_id":"a"})", R"({"_id":"b"})"}) == R"({"docs":[{"_id":"a"},{"_id":"b"}]})");
    CHECK(couch::quoted("article:") == "\"article:\"");
    CHECK(couch::string_field(R"({"rev":"1-x","n":1})", "rev") == "1-x");
    CHECK(couch::string_field(R"({"rev":"1-x","n":1})", "n").empty());
}
