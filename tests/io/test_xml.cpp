// Inline XML (MUC ENAMEX style): hand-written files with nesting, NUMEX/TIMEX, escapes, CDATA and
// a generic tag; the Unicode cases with CRLF; round trips; crossing spans; exact errors with line:column.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

aa::io::ReadResult read_xml(const std::string& input) { return aa::io::read("xml", input); }

}  // namespace

TEST_CASE("xml reads the documented fragment without a root and writes it wrapped in DOC") {
    aa::io::ReadResult r = read_file("xml", "xml/merkel.xml");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    AA_REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() == "Angela Merkel visited Paris.");
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 13, "PER", "Angela Merkel"}, {22, 27, "LOC", "Paris"}});
    aa::io::WriteResult w = aa::io::write("xml", r.documents[0]);
    CHECK(w.diagnostics.empty());
    CHECK(w.output == read_fixture("xml/merkel.doc.xml"));
    aa::io::ReadResult again = read_file("xml", "xml/merkel.doc.xml");
    AA_REQUIRE(again.ok());
    CHECK(rows(again.documents[0]) == rows(r.documents[0]));
}

TEST_CASE("xml reads nesting, NUMEX and TIMEX, generic tags, attributes, CDATA and every kind of escape") {
    aa::io::ReadResult r = read_file("xml", "xml/nested.xml");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.diagnostics.empty());
    AA_REQUIRE(r.documents.size() == 1);
    const aa::Document& d = r.documents[0];
    CHECK(d.text().utf8() ==
          "\nBank of England said Marks & Spencer rose 5% on Monday; 3 < 4 > 2, \"so\" 'x' \xC3\xA9t\xC3\xA9 "
          "Zo\xC3\xAB <b>&</b>.\n");
    CHECK(rows(d) == std::vector<Row>{{1, 16, "ORG", "Bank of England"},
                                      {9, 16, "LOC", "England"},
                                      {22, 37, "ORG", "Marks & Spencer"},
                                      {43, 45, "PERCENT", "5%"},
                                      {49, 55, "DATE", "Monday"},
                                      {81, 84, "PER", "Zo\xC3\xAB"}});
    const aa::Entity* ms = d.entities().find("e3");
    AA_REQUIRE(ms != nullptr);
    CHECK(ms->kb_id == "Q714245");
    CHECK(ms->note == "a \"retailer\"");
    CHECK(d.entities().find("e6")->attributes == aa::Attributes{{"status", "opt"}});
    // Written back: MUC elements by type, escapes, the note and kb id as attributes.
    CHECK(
        aa::io::write("xml", d).output ==
        "<DOC>\n<ENAMEX TYPE=\"ORG\">Bank of <ENAMEX TYPE=\"LOC\">England</ENAMEX></ENAMEX> said <ENAMEX TYPE=\"ORG\" "
        "KB_ID=\"Q714245\" NOTE=\"a &quot;retailer&quot;\">Marks &amp; Spencer</ENAMEX> rose <NUMEX "
        "TYPE=\"PERCENT\">5%</NUMEX> "
        "on <TIMEX TYPE=\"DATE\">Monday</TIMEX>; 3 &lt; 4 &gt; 2, \"so\" 'x' \xC3\xA9t\xC3\xA9 <ENAMEX TYPE=\"PER\" "
        "status=\"opt\">Zo\xC3\xAB</ENAMEX> &lt;b&gt;&amp;&lt;/b&gt;.\n</DOC>\n");
}

TEST_CASE("xml keeps the Unicode cases and CRLF at exact offsets") {
    aa::io::ReadResult r = read_file("xml", "xml/unicode.xml");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(r.documents[0].text().utf8() == kUnicodeText);
    CHECK(rows(r.documents[0]) == unicode_rows());
    CHECK(aa::io::write("xml", r.documents[0]).output == read_fixture("xml/unicode.xml"));
    // A literal CRLF is a line break to XML: it reads as "\n".
    aa::io::ReadResult lf = read_xml("<DOC>a\r\n<PER>Bob</PER>\rc</DOC>");
    AA_REQUIRE(lf.ok());
    CHECK(lf.documents[0].text().utf8() == "a\nBob\nc");
    CHECK(rows(lf.documents[0]) == std::vector<Row>{{2, 5, "PER", "Bob"}});
}

TEST_CASE("xml round trips keep every entity with its note, kb id and attributes") {
    check_round_trip("xml", "native/article.json", true, true);
    check_round_trip("xml", "native/unicode.json", true, true);
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc.has_value());
    aa::io::ReadResult r = read_xml(aa::io::write("xml", *doc).output);
    AA_REQUIRE(r.ok());
    CHECK(r.documents[0].entities().find("e3")->attributes ==
          aa::Attributes{{"confidence", "high"}, {"checked", "yes"}});
}

TEST_CASE("xml reads several DOC roots as several documents and writes them so") {
    aa::io::ReadResult r =
        read_xml("<?xml version=\"1.0\"?>\n<DOC><PER>Ann</PER></DOC>\n<!-- two -->\n<DOC>in <LOC>Rome</LOC></DOC>\n");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    AA_REQUIRE(r.documents.size() == 2);
    CHECK(rows(r.documents[1]) == std::vector<Row>{{3, 7, "LOC", "Rome"}});
    std::vector<const aa::Document*> docs{&r.documents[0], &r.documents[1]};
    CHECK(aa::io::write("xml", docs).output ==
          "<DOC><ENAMEX TYPE=\"PER\">Ann</ENAMEX></DOC>\n<DOC>in <ENAMEX TYPE=\"LOC\">Rome</ENAMEX></DOC>\n");
}

TEST_CASE("xml drops crossing entities with a count naming them, or refuses them") {
    auto t = aa::Text::from_utf8("New York Times Square");
    AA_REQUIRE(t.ok());
    aa::Document d(std::move(t.value()));
    AA_REQUIRE(d.insert_entity({"e1", 0, 14, "ORG", "", "", {}}).ok());
    AA_REQUIRE(d.insert_entity({"e2", 4, 21, "LOC", "", "", {}}).ok());
    aa::io::WriteResult w = aa::io::write("xml", d);
    CHECK(w.ok());
    CHECK(w.output == "<DOC><ENAMEX TYPE=\"ORG\">New York Times</ENAMEX> Square</DOC>\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "warning: 1 crossing entity cannot be nested in inline XML and was dropped: e2 \"York Times "
              "Square\" [4, 21) LOC (crosses e1)"});
    aa::io::WriteOptions strict;
    strict.drop_crossing = false;
    w = aa::io::write("xml", d, strict);
    CHECK(!w.ok());
    CHECK(w.output.empty());
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{
              "error: crossing entities cannot be nested in inline XML: e1 \"New York Times\" [0, 14) ORG and "
              "e2 \"York Times Square\" [4, 21) LOC"});
}

TEST_CASE("xml reports malformed input with exact line and column") {
    CHECK(read_xml("<DOC>\n<ENAMEX TYPE=\"PER\">Angela\n</DOC>").first_error() ==
          "3:1: error: </DOC> does not close <ENAMEX> opened at 2:1");
    CHECK(read_xml("a <ENAMEX TYPE=\"PER\">Angela").first_error() == "1:3: error: <ENAMEX> is never closed");
    CHECK(read_xml("Angela</PER>").first_error() == "1:7: error: </PER> closes no open element");
    CHECK(read_xml("3 < 4").first_error() == "1:3: error: '<' must start a tag (a literal '<' is written &lt;)");
    CHECK(read_xml("Marks & Spencer").first_error() == "1:7: error: '&' must be written &amp;");
    CHECK(read_xml("caf&eacute;").first_error() ==
          "1:4: error: unknown entity &eacute; (XML defines &amp; &lt; &gt; &quot; &apos; and &#N;)");
    CHECK(read_xml("x&#0;").first_error() == "1:2: error: invalid character reference &#0;");
    CHECK(read_xml("<ENAMEX TYPE=PER>x</ENAMEX>").first_error() ==
          "1:14: error: expected a quoted value for the attribute TYPE");
    CHECK(read_xml("<ENAMEX TYPE=\"PER>x</ENAMEX>").first_error() ==
          "1:20: error: '<' in the value of the attribute TYPE (write &lt;)");
    CHECK(read_xml("<ENAMEX TYPE=\"A\" TYPE=\"B\">x</ENAMEX>").first_error() ==
          "1:18: error: duplicate attribute TYPE in the tag <ENAMEX>");
    CHECK(read_xml("<ENAMEX>x</ENAMEX>").first_error() == "1:1: error: <ENAMEX> has no TYPE attribute (the label)");
    CHECK(read_xml("\n\n  <ENAMEX TYPE=\"PER\"").first_error() ==
          "3:3: error: the tag <ENAMEX> opened here is never closed (no '>')");
    CHECK(read_xml("a <!-- b").first_error() == "1:3: error: comment opened here is never closed");
    CHECK(read_xml("x <DOC>y</DOC>").first_error() ==
          "1:3: error: <DOC> is a root element: it can only wrap whole documents");
    CHECK(read_xml("\xC3\xA9\xC3\xA9 <PER>x</LOC>").first_error() ==
          "1:10: error: </LOC> does not close <PER> opened at 1:4");
    CHECK(read_xml("<DOC>\n<ENAMEX TYPE=\"PER\">Angela\n</DOC>").documents.empty());
}

TEST_CASE("xml declares no entity and loads no DTD: an internal subset is refused, an external one unread") {
    // The "billion laughs": entities that expand to entities. Refused before any expansion.
    const std::string laughs =
        "<!DOCTYPE DOC [<!ENTITY a \"haha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<DOC>&b;</DOC>";
    CHECK(read_xml(laughs).first_error() == "1:1: error: a DOCTYPE with an internal subset is not supported");
    // An external DTD is never fetched: its entities stay unknown.
    CHECK(read_xml("<!DOCTYPE DOC SYSTEM \"file:///etc/passwd\">\n<DOC>&secret;</DOC>").first_error() ==
          "2:6: error: unknown entity &secret; (XML defines &amp; &lt; &gt; &quot; &apos; and &#N;)");
    // A DOCTYPE without a subset is harmless and read past.
    aa::io::ReadResult r = read_xml("<!DOCTYPE DOC>\n<DOC>x <PER>Bob</PER></DOC>");
    AA_REQUIRE_MESSAGE(r.ok(), r.first_error());
    CHECK(rows(r.documents[0]) == std::vector<Row>{{2, 5, "PER", "Bob"}});
}

TEST_CASE("xml reports what Expat finds in a tag, in words, or in Expat's own") {
    CHECK(read_xml("<PER b=\"1\" c>x</PER>").first_error() == "1:13: error: expected '=' after the attribute c");
    CHECK(read_xml("Hello <?xml version=\"1.0\"?>").first_error() ==
          "1:7: error: XML or text declaration not at start of entity");
    // "]]>" may not stand in text (XML 1.0, 2.4); the writer writes '>' as &gt;.
    CHECK(read_xml("a ]]> b").first_error() == "1:5: error: not well-formed (invalid token)");
}

TEST_CASE("xml reports an empty element it cannot hold as an entity") {
    aa::io::ReadResult r = read_xml("a<ENAMEX TYPE=\"PER\"/>b<LOC></LOC>");
    AA_REQUIRE(r.ok());
    CHECK(r.documents[0].entities().empty());
    CHECK(described(r.diagnostics) ==
          std::vector<std::string>{"1:2: warning: empty <ENAMEX/> ignored: an entity covers at least one character",
                                   "1:23: warning: empty <LOC> ignored: an entity covers at least one character"});
}

TEST_CASE("xml is detected by its ENAMEX tags") {
    auto f = aa::io::detect_format("a.txt", read_fixture("xml/nested.xml"));
    AA_REQUIRE(f.ok());
    CHECK(f.value()->id == "xml");
}
