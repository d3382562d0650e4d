// Losses that used to be silent (issue 12, item 8): each is now kept or named.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

TEST_CASE("Label Studio: a textarea answer that belongs to no labelled region is named as not kept") {
    const aa::io::ReadResult r = aa::io::read("label-studio",
                                              "[{\"data\": {\"text\": \"abc\"}, \"annotations\": [{\"result\": ["
                                              "{\"id\": \"x\", \"from_name\": \"comment\", \"to_name\": \"text\", "
                                              "\"type\": \"textarea\", \"value\": {\"text\": [\"hello\"]}}]}]}]");
    REQUIRE(r.ok());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{
              "1:55: warning: [0].annotations[0].result: 1 result of type \"textarea\" not kept (only "
              "\"labels\", \"relation\" and \"choices\" results are read)"});
}

TEST_CASE("W3C: a collection that counts annotations but carries no page is refused, not read as empty") {
    const auto text = aa::Text::from_utf8("Angela Merkel").value();
    aa::io::ReadOptions o;
    o.text = &text;
    const aa::io::ReadResult r = aa::io::read("w3c", "{\"type\": \"AnnotationCollection\", \"total\": 5}", o);
    CHECK_FALSE(r.ok());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:43: error: total: the collection holds 5 annotations but none of its pages is "
                                   "here (no \"first\"): fetch the pages and give them here"});
    CHECK(aa::io::read("w3c", "{\"type\": \"AnnotationCollection\", \"total\": 0}", o).ok());
}
