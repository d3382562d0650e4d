// Every writer's output is read back by its reader (issue 12, item 6): documents with hostile
// metadata -> every writer -> its reader -> identical, or each difference named in the write's
// warnings (what exportWarnings() shows), or the write refused with a message.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"
#include "io/writer_reader_property.hpp"

using namespace aa::test;

namespace {
constexpr uint64_t kDocuments = 300;  // per format; the README's Reliability section counts them
}

TEST_CASE("every writer writes what its reader reads back, or names the loss (random hostile documents)") {
    size_t tried = 0;
    for (const aa::io::Format& f : aa::io::formats()) {
        if (!f.read || !f.write) continue;
        size_t failures = 0;
        for (uint64_t seed = 1; seed <= kDocuments && failures < 3; ++seed) {
            Choices c(seed * 7919 + f.id.size());
            const aa::Document d = hostile_document(c);
            const std::string problem = writer_reader_problem(f, d);
            ++tried;
            if (!problem.empty()) {
                ++failures;
                FAIL_CHECK(std::string(f.id) << " (seed " << seed << "): " << problem);
            }
        }
    }
    CHECK(tried >= kDocuments * 9);
}

namespace {
aa::Document one_entity_document(const char* text, aa::Entity e) {
    aa::Document d{aa::Text::from_utf8(text).value()};
    e.id = "e1";
    if (e.label.empty()) e.label = "PER";
    REQUIRE(d.insert_entity(std::move(e)).ok());
    return d;
}
}  // namespace

TEST_CASE("brat: tabs and line breaks in attribute names, values and KB ids cannot break or inject lines") {
    aa::Entity e;
    e.start = 0;
    e.end = 6;
    e.attributes = {{"a\tb", "x\ny"}, {"c\nA9\tEvil T1", "v"}, {"a b", "z"}};
    e.kb_id = "Wikidata:Q1\nN9\tReference T1 X:1";
    const aa::Document d = one_entity_document("Angela visited Paris", e);
    const aa::io::WriteResult w = aa::io::write("brat", d);
    REQUIRE(w.ok());
    CHECK(w.output ==
          "T1\tPER 0 6\tAngela\nA1\ta_b T1 x_y\nA2\tc_A9_Evil_T1 T1 v\n"
          "N1\tReference T1 Wikidata:Q1_N9_Reference_T1_X:1\tAngela\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: attribute \"a\\tb\"=\"x\\ny\" of e1 written as a_b x_y (brat attribute names and values cannot "
              "contain spaces, tabs or line breaks)",
              "warning: attribute \"c\\nA9\\tEvil T1\"=\"v\" of e1 written as c_A9_Evil_T1 v (brat attribute names and "
              "values cannot contain spaces, tabs or line breaks)",
              "warning: attribute \"a b\" of e1 dropped: written as \"a_b\", the name of another of its attributes",
              "warning: kb_id \"Wikidata:Q1\\nN9\\tReference T1 X:1\" of e1 written as "
              "\"Wikidata:Q1_N9_Reference_T1_X:1\" (brat normalisations cannot contain spaces, tabs or line breaks)"});
    CHECK(writer_reader_problem(*aa::io::find_format("brat"), d) == "");
}

TEST_CASE("brat: a KB id its normalisation line cannot hold (a colon first or last) is dropped and named") {
    // Found by the timed run of annotator_fuzz_writer_reader: "\0::" was written as
    // "Reference T1 \0::", which the reader refuses (DB:ID ending with ':').
    for (const std::string& kb :
         {std::string("\0::", 3), std::string("Wikidata:"), std::string(":Q1"), std::string("a:b:")}) {
        CAPTURE(kb);
        aa::Entity e;
        e.start = 0;
        e.end = 6;
        e.kb_id = kb;
        const aa::Document d = one_entity_document("Angela visited Paris", e);
        const aa::io::WriteResult w = aa::io::write("brat", d);
        REQUIRE(w.ok());
        CHECK(w.output == "T1\tPER 0 6\tAngela\n");
        CHECK(writer_reader_problem(*aa::io::find_format("brat"), d) == "");
    }
    aa::Entity e;
    e.start = 0;
    e.end = 6;
    e.kb_id = "a::b";  // a colon inside, however many: kept
    const aa::io::WriteResult w = aa::io::write("brat", one_entity_document("Angela visited Paris", e));
    CHECK(w.output == "T1\tPER 0 6\tAngela\nN1\tReference T1 a::b\tAngela\n");
}

TEST_CASE("XML: NUL and U+FFFE in metadata are written as U+FFFD and named; names that are not XML names are dropped") {
    aa::Entity e;
    e.start = 0;
    e.end = 6;
    e.note = std::string("a\0b", 3);
    e.kb_id = "Q\xEF\xBF\xBE";
    e.attributes = {{"no\xC2\xA0"
                     "break",
                     "1"},
                    {"\xC3\x97", "2"},
                    {"ok", std::string("\x01", 1)}};
    const aa::Document d = one_entity_document("Angela visited Paris", e);
    const aa::io::WriteResult w = aa::io::write("xml", d);
    REQUIRE(w.ok());
    CHECK(w.output ==
          "<DOC><ENAMEX TYPE=\"PER\" KB_ID=\"Q\xEF\xBF\xBD\" NOTE=\"a\xEF\xBF\xBD"
          "b\" "
          "ok=\"\xEF\xBF\xBD\">Angela</ENAMEX> visited Paris</DOC>\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: attribute \"no\xC2\xA0"
              "break\" of e1 dropped: not usable as an XML attribute name here",
              "warning: attribute \"\xC3\x97\" of e1 dropped: not usable as an XML attribute name here",
              "warning: 3 characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD in KB "
              "ids, notes, attribute values"});
    CHECK(writer_reader_problem(*aa::io::find_format("xml"), d) == "");
}

TEST_CASE("CoNLL refuses to write an article without words, which its reader could not read") {
    for (const char* text : {"", "   \n\t "}) {
        const aa::Document d{aa::Text::from_utf8(text).value()};
        const aa::io::WriteResult w = aa::io::write("conll", d);
        CHECK_FALSE(w.ok());
        CHECK(described(w.diagnostics) ==
              std::vector<std::string>{"error: the article has no words: CoNLL holds tokens and cannot hold an empty "
                                       "article"});
    }
}
