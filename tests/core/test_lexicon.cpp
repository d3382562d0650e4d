// Tests for src/core/lexicon: the section reader and its errors, the built-in lexicons (they all
// parse, English has its places), and the choice of a language by its function words.
#include <doctest/doctest.h>

#include <string>

#include "core/lexicon.hpp"
#include "core/text_of.hpp"

using namespace aa;

namespace {

std::string parse_error(std::string_view input) {
    auto r = parse_lexicon("xx", input);
    return r.ok() ? std::string("(parsed)") : r.error().message;
}

using aa::test::text_of;

}  // namespace

#define AA_CHECK_ERROR_LINE(r, n)                                                                                 \
    do {                                                                                                          \
        CHECK(!(r).ok());                                                                                         \
        if (!(r).ok()) CHECK((r).error().message == "line 6: label name \"X\x01\" contains a control character"); \
        if (!(r).ok()) CHECK((r).error().line == (n));                                                            \
    } while (0)

TEST_CASE("a lexicon file's sections: word lists, labelled words, one term per line") {
    auto r = parse_lexicon("en",
                           "# comment\n[never]\nMonday  Tuesday\r\n\n[heads ORG]\nDepartment\n"
                           "[names LOC]\nNew York\n  Moscow  \n[titles PER]\nPresident\n");
    REQUIRE(r.ok());
    CHECK(r->language == "en");
    CHECK(r->never == WordSet{"Monday", "Tuesday"});
    CHECK(r->heads == WordLabels{{"Department", "ORG"}});
    CHECK(r->names == WordLabels{{"Moscow", "LOC"}, {"New York", "LOC"}});
    CHECK(r->titles == WordLabels{{"President", "PER"}});
}

TEST_CASE("a lexicon file's errors name the line") {
    CHECK(parse_error("Monday") == "line 1: a word before any [section]");
    CHECK(parse_error("[days]\nMonday") == "line 1: unknown section [days]");
    CHECK(parse_error("\n[heads]\n") == "line 2: [heads] needs a label: [heads LABEL]");
    CHECK(parse_error("[never PER]\n") == "line 1: [never] takes no label");
    CHECK(parse_error("[never\n") == "line 1: a section header ends with ']'");
    CHECK(parse_error("[names LOC]\nGeorgia\n[names PER]\nGeorgia\n") ==
          "line 4: \"Georgia\" is LOC elsewhere and PER here");
    auto r = parse_lexicon("xx", "[names LOC]\nA\n\n[heads PER]\nB\n[cues X\x01]\n");
    AA_CHECK_ERROR_LINE(r, 6);
}

TEST_CASE("the built-in lexicons parse, and English knows its days, places and nationalities") {
    const auto& all = builtin_lexicons();
    REQUIRE(!all.empty());
    const Lexicon* en = nullptr;
    for (const Lexicon& l : all)
        if (l.language == "en") en = &l;
    REQUIRE(en != nullptr);
    CHECK(en->never.count("Tuesday") == 1);
    CHECK(en->never.count("March") == 1);
    CHECK(en->openers.count("However") == 1);
    CHECK(en->names.at("Moscow") == "LOC");   // places.tsv (time-zone cities)
    CHECK(en->names.at("Lebanon") == "LOC");  // places.tsv (ISO countries)
    CHECK(en->names.at("Russia") == "LOC");   // en.txt
    CHECK(en->names.at("Syrian") == "MISC");
    CHECK(en->heads.at("Department") == "ORG");
    CHECK(en->titles.at("President") == "PER");
    CHECK(en->names.count("Victoria") == 0);  // a time zone, but mostly a person's name
}

TEST_CASE("the language is the one whose function words the text uses most") {
    CHECK(detect_lexicon(text_of("The talks in Moscow were useful, and the envoy said so.")).language == "en");
    CHECK(detect_lexicon(text_of("")).language == "en");
    CHECK(detect_lexicon(
              text_of("Les pourparlers de Moscou ont été utiles, et le ministre a dit que la paix est proche."))
              .language == "fr");
    CHECK(detect_lexicon(
              text_of("Die Gespräche in Moskau waren nützlich, und der Minister sagte, dass die Lage ernst ist."))
              .language == "de");
    CHECK(
        detect_lexicon(text_of("Las conversaciones en Moscú fueron útiles, y el ministro dijo que la paz está cerca."))
            .language == "es");
}
