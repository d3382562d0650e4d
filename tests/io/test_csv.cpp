// CSV: one row per entity with RFC 4180 quoting (commas, quotes doubled, CR and LF inside quoted
// fields), CRLF line ends, a document column for several documents, offsets in any unit.
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

TEST_CASE("csv writes the article's entities with RFC 4180 quoting and CRLF line ends") {
    const auto doc = native_fixture("native/article.json");
    AA_REQUIRE(doc);
    aa::io::WriteResult w = aa::io::write("csv", *doc);
    CHECK(w.ok());
    CHECK(w.output == read_fixture("csv/article.csv"));
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{"warning: csv has no place for an entity's attributes: dropped from 1 entity (e2)",
                                   "warning: csv has no place for the document's title, source, created, modified, "
                                   "note and attributes: dropped"});
}

TEST_CASE("csv quotes commas and quotes, doubles inner quotes, and keeps line breaks inside a quoted field") {
    aa::Document d{aa::Text::from_utf8("He said \"Hi, Bob\"\r\nthen left.").value()};
    aa::Entity e;
    e.id = "e1";
    e.start = 8;
    e.end = 23;
    e.label = "QUOTE";
    e.note = "plain";
    AA_REQUIRE(d.insert_entity(e).ok());
    aa::io::WriteResult w = aa::io::write("csv", d);
    CHECK(w.output == "id,start,end,label,text,note,kb_id\r\ne1,8,23,QUOTE,\"\"\"Hi, Bob\"\"\r\nthen\",plain,\r\n");
}

TEST_CASE("csv writes the Unicode cases in code points, UTF-16 units or bytes") {
    aa::io::ReadResult r = read_file("spacy", "spacy/unicode.json");
    AA_REQUIRE(r.ok());
    aa::io::WriteOptions wo;
    wo.offsets = aa::OffsetUnit::Utf16;
    const std::string out = aa::io::write("csv", r.documents[0], wo).output;
    CHECK(out.find("\r\ne3,29,34,LOC,Paris,,\r\n") != std::string::npos);
    CHECK(out.find("\r\ne4,36,43,MISC,\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92,,\r\n") !=
          std::string::npos);
    wo.offsets = aa::OffsetUnit::Utf8;
    CHECK(aa::io::write("csv", r.documents[0], wo).output.find("\r\ne3,40,45,LOC,Paris,,\r\n") != std::string::npos);
}

TEST_CASE("csv numbers the documents in a first column when there are several, and cannot be read") {
    aa::io::ReadResult r = read_file("doccano", "doccano/merkel.jsonl");
    AA_REQUIRE(r.documents.size() == 2);
    aa::io::WriteResult w = aa::io::write("csv", {&r.documents[0], &r.documents[1]});
    CHECK(w.output ==
          "document,id,start,end,label,text,note,kb_id\r\n1,e1,0,13,PER,Angela Merkel,,\r\n1,e2,22,27,LOC,Paris,,\r\n"
          "2,e1,0,2,ORG,EU,,\r\n2,e2,11,17,MISC,German,,\r\n2,e3,34,41,MISC,British,,\r\n");
    aa::io::ReadResult back = aa::io::read("csv", w.output);
    CHECK(described(back.diagnostics) == std::vector<std::string>{"error: the csv format can be written but not read"});
}

TEST_CASE("csv defuses every cell that a spreadsheet would run as a formula, and says which") {
    // Each of OWASP's starting characters, in each text column: id, label, entity text, note, kb_id.
    aa::Document d{aa::Text::from_utf8("=1+1 +1 -1 @SUM(A1) \tx").value()};
    auto add = [&](const char* id, size_t s, size_t e, const char* label, const char* note, const char* kb) {
        aa::Entity en;
        en.id = id;
        en.start = s;
        en.end = e;
        en.label = label;
        en.note = note;
        en.kb_id = kb;
        AA_REQUIRE(d.insert_entity(en).ok());
    };
    add("e1", 0, 4, "L", "", "");                              // text =1+1
    add("e2", 5, 7, "L", "", "");                              // text +1
    add("e3", 8, 10, "L", "", "");                             // text -1
    add("e4", 11, 19, "L", "", "");                            // text @SUM(A1)
    add("e5", 20, 22, "L", "\r=cmd|' /C calc'!A0", "");        // text \tx, note starting with CR
    add("-e6", 0, 1, "@L", "ok", "=HYPERLINK(\"http://x\")");  // id, label and KB id
    aa::io::WriteResult w = aa::io::write("csv", d);
    CHECK(w.output ==
          "id,start,end,label,text,note,kb_id\r\n"
          "e1,0,4,L,\"'=1+1\",,\r\n"
          "\"'-e6\",0,1,\"'@L\",\"'=\",ok,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
          "e2,5,7,L,\"'+1\",,\r\n"
          "e3,8,10,L,\"'-1\",,\r\n"
          "e4,11,19,L,\"'@SUM(A1)\",,\r\n"
          "e5,20,22,L,\"'\tx\",\"'\r=cmd|' /C calc'!A0\",\r\n");
    CHECK(described(w.diagnostics) ==
          std::vector<std::string>{"warning: 10 cells start with =, +, -, @, tab or CR: written with a ' before it so "
                                   "that spreadsheets do not run it as a formula (e1, -e6, e2, e3, e4, e5)"});
}

TEST_CASE("csv leaves cells that only contain formula characters later on as they are") {
    aa::Document d{aa::Text::from_utf8("a=b 1+1").value()};
    aa::Entity e;
    e.id = "e1";
    e.start = 0;
    e.end = 7;
    e.label = "L-1";
    AA_REQUIRE(d.insert_entity(e).ok());
    aa::io::WriteResult w = aa::io::write("csv", d);
    CHECK(w.output == "id,start,end,label,text,note,kb_id\r\ne1,0,7,L-1,a=b 1+1,,\r\n");
    CHECK(w.diagnostics.empty());
}
