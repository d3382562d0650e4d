// The scripting API's JSON values (io/api_json.hpp): the shapes web/API.md documents.
#include <doctest/doctest.h>

#include "io/api_json.hpp"

TEST_CASE("api_json writes the entities with their optional fields, and the labels") {
    auto t = aa::Text::from_utf8("Angela Merkel met \"Macron\".");
    REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    REQUIRE(d.insert_entity({"e1", 0, 13, "PER", "", "", {}}).ok());
    REQUIRE(d.insert_entity({"e2", 19, 25, "PER", "a \"note\"", "Q3052772", {{"k", "v"}}}).ok());
    CHECK(aa::io::entities_json(d) ==
          R"([{"end":13,"id":"e1","label":"PER","start":0,"text":"Angela Merkel"},)"
          R"({"attributes":{"k":"v"},"end":25,"id":"e2","kb_id":"Q3052772","label":"PER","note":"a \"note\"",)"
          R"("start":19,"text":"Macron"}])");
    aa::LabelSet labels;
    REQUIRE(labels.insert(0, {"PER", aa::Color{0x11, 0x22, 0x33}, "p", "people"}).ok());
    CHECK(aa::io::labels_json(labels) == R"([{"color":"#112233","description":"people","key":"p","name":"PER"}])");
}

TEST_CASE("api_json writes small records with sorted keys, numbers as numbers, and lists of strings") {
    CHECK(aa::io::object_json({{"x", 1.5f}, {"frames", size_t{3}}, {"when", "today"}}) ==
          R"({"frames":3,"when":"today","x":1.5})");
    CHECK(aa::io::array_json({aa::io::object_json({{"a", 1}}), aa::io::object_json({{"a", 2}})}) ==
          R"([{"a":1},{"a":2}])");
    CHECK(aa::io::array_json({}) == "[]");
    CHECK(aa::io::strings_json({"a", "b\n"}) == R"(["a","b\n"])");
}

TEST_CASE("api_json writes booleans as booleans, lists of numbers, and nests JSON text as values") {
    const std::string xs = aa::io::numbers_json(std::vector<float>{0.5f, 2.25f});
    const std::string bounds = aa::io::numbers_json(std::vector<uint32_t>{0, 3});
    CHECK(aa::io::object_json({{"rtl", true},
                               {"level", static_cast<unsigned char>(1)},
                               {"bounds", aa::io::JsonText{bounds}},
                               {"xs", aa::io::JsonText{xs}}}) ==
          R"({"bounds":[0,3],"level":1,"rtl":true,"xs":[0.5,2.25]})");
    CHECK(aa::io::object_json({{"lines", aa::io::JsonText{aa::io::array_json({})}}}) == R"({"lines":[]})");
    CHECK(aa::io::object_json({{"bad", aa::io::JsonText{"[1,"}}}) == R"({"bad":null})");
}
