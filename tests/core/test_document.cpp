// Tests for src/core/document: span checks against the text (code points, whatever the bytes),
// the checked entity primitives, and the display title.
#include <doctest/doctest.h>

#include <string>

#include "checks.hpp"
#include "core/document.hpp"

using namespace aa;
using aa::test::ent;
using aa::test::message_of;

namespace {

Document doc_of(const std::string& s) {
    auto t = Text::from_utf8(s);
    CHECK(t.ok());
    return Document(t.ok() ? std::move(t.value()) : Text());
}

const std::string kRocket = "\xF0\x9F\x9A\x80";

}  // namespace

TEST_CASE("a new document has the CoNLL-2003 labels, no entities and an empty text") {
    const Document d;
    CHECK(d.text().empty());
    CHECK(d.entities().empty());
    CHECK(d.labels().all() == default_labels().all());
    CHECK(d.info == DocumentInfo{});
    CHECK(d.display_title() == "");
}

TEST_CASE("check_span requires start < end <= the text length in code points") {
    const Document d = doc_of(kRocket + " Paris");  // 7 code points, 10 bytes
    CHECK(d.check_span(0, 7).ok());
    CHECK(d.check_span(2, 7).ok());
    CHECK(d.check_span(6, 7).ok());
    CHECK(message_of(d.check_span(2, 8)) == "end 8 is past the end of the text (7 code points)");
    CHECK(message_of(d.check_span(0, 10)) == "end 10 is past the end of the text (7 code points)");
    CHECK(message_of(d.check_span(3, 3)) == "empty span: end (3) is not after start (3)");
    CHECK(message_of(d.check_span(5, 2)) == "empty span: end (2) is not after start (5)");
    CHECK(message_of(d.check_span(9, 8)) == "end 8 is past the end of the text (7 code points)");
    const Document empty;
    CHECK(message_of(empty.check_span(0, 1)) == "end 1 is past the end of the text (0 code points)");
    CHECK(message_of(empty.check_span(0, 0)) == "empty span: end (0) is not after start (0)");
}

TEST_CASE("insert_entity and replace_entity check the span against the text") {
    Document d = doc_of("Bashar al-Assad met " + kRocket + " Zo\xC3\xAB in S\xC3\xA3o Paulo.");
    auto r = d.insert_entity(ent("e1", 0, 15, "PER"));
    CHECK(r.ok());
    CHECK(d.text_of(*d.entities().find("e1")) == "Bashar al-Assad");
    CHECK(d.insert_entity(ent("e2", 22, 25, "PER")).ok());
    CHECK(d.text_of(*d.entities().find("e2")) == "Zo\xC3\xAB");
    CHECK(d.insert_entity(ent("e3", 29, 38, "LOC")).ok());
    CHECK(d.text_of(*d.entities().find("e3")) == "S\xC3\xA3o Paulo");

    auto bad = d.insert_entity(ent("e4", 29, 40, "LOC"));
    CHECK_FALSE(bad.ok());
    if (!bad.ok()) CHECK(bad.error().message == "end 40 is past the end of the text (39 code points)");
    bad = d.insert_entity(ent("e4", 0, 15, "PER"));
    CHECK_FALSE(bad.ok());
    if (!bad.ok()) CHECK(bad.error().message == "an entity PER [0, 15) already exists");
    CHECK(d.entities().size() == 3);

    CHECK(message_of(d.replace_entity(ent("e2", 22, 99, "PER"))) ==
          "end 99 is past the end of the text (39 code points)");
    CHECK(message_of(d.replace_entity(ent("e9", 0, 1, "PER"))) == "no entity with id \"e9\"");
    CHECK(d.text_of(*d.entities().find("e2")) == "Zo\xC3\xAB");
    CHECK(d.replace_entity(ent("e2", 20, 25, "MISC")).ok());
    CHECK(d.text_of(*d.entities().find("e2")) == kRocket + " Zo\xC3\xAB");
    CHECK(d.erase_entity("e2"));
    CHECK_FALSE(d.erase_entity("e2"));
    CHECK(d.entities().size() == 2);
}

TEST_CASE("the label primitives pass through to the label set") {
    Document d;
    CHECK(d.insert_label(4, Label{"DATE", Color{1, 2, 3}, "5", ""}).ok());
    CHECK(message_of(d.insert_label(0, Label{"PER", {}, "", ""})) == "label \"PER\" already exists");
    CHECK(message_of(d.replace_label(0, Label{"PER", {}, "2", ""})) == "hotkey 2 is already used by ORG");
    CHECK(d.replace_label(0, Label{"PERSON", {}, "1", ""}).ok());
    d.erase_label(1);
    CHECK(d.labels().size() == 4);
    CHECK(d.labels()[0].name == "PERSON");
    CHECK(d.labels()[1].name == "LOC");
    d.set_labels(LabelSet{});
    CHECK(d.labels().empty());
}

TEST_CASE("display_title is the first non-blank line of the text, trimmed") {
    CHECK(doc_of("Headline here\nBody text.").display_title() == "Headline here");
    CHECK(doc_of("\n\n  \t Headline  \r\nBody").display_title() == "Headline");
    CHECK(doc_of("CR only\rsecond").display_title() == "CR only");
    CHECK(doc_of("   \n\t\r\n").display_title() == "");
    CHECK(doc_of("one line, no break").display_title() == "one line, no break");
}

TEST_CASE("display_title counts code points, never cuts a character and drops a trailing space") {
    const std::string title =
        "\xE2\x80\x9C"
        "Caf\xC3\xA9"
        "\xE2\x80\x9D " +
        kRocket + " \xE6\x9D\xB1\xE4\xBA\xAC";
    const Document d = doc_of(title + "\nbody");  // “Café” 🚀 東京: 11 code points
    CHECK(d.display_title() == title);
    CHECK(d.display_title(11) == title);
    CHECK(d.display_title(10) ==
          "\xE2\x80\x9C"
          "Caf\xC3\xA9"
          "\xE2\x80\x9D " +
              kRocket + " \xE6\x9D\xB1");
    CHECK(d.display_title(5) ==
          "\xE2\x80\x9C"
          "Caf\xC3\xA9");
    CHECK(d.display_title(7) ==
          "\xE2\x80\x9C"
          "Caf\xC3\xA9"
          "\xE2\x80\x9D");  // the space after the cut goes
    CHECK(d.display_title(8) ==
          "\xE2\x80\x9C"
          "Caf\xC3\xA9"
          "\xE2\x80\x9D " +
              kRocket);
    CHECK(d.display_title(0) == "");
    std::string longer;
    for (int i = 0; i < 30; ++i) longer += "abc ";
    CHECK(doc_of(longer).display_title() == longer.substr(0, 79));  // 80 code points, trailing space dropped
}

TEST_CASE("display_title prefers a non-blank title and takes its first line") {
    Document d = doc_of("Text headline\nbody");
    d.info.title = "  The real title \t";
    CHECK(d.display_title() == "The real title");
    d.info.title = " \t\r\n ";
    CHECK(d.display_title() == "Text headline");
    d.info.title = "\n  Pasted title\nwith a second line";
    CHECK(d.display_title() == "Pasted title");
    d.info.title = "Zo\xC3\xAB";
    CHECK(d.display_title(2) == "Zo");
}
