// Every line-based reader (CoNLL, brat, doccano JSONL, Prodigy JSONL) reads "\n", "\r\n" and a
// lone "\r" (old Mac files) alike: the same documents, and the same line numbers in messages.
// (CSV is written, never read; its writer ends records with CRLF as RFC 4180 says.)
#include <doctest/doctest.h>

#include "io/interchange_checks.hpp"

using namespace aa::test;

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    std::string out;
    size_t i = 0;
    for (size_t j; (j = s.find(from, i)) != std::string::npos; i = j + from.size()) out.append(s, i, j - i) += to;
    return out.append(s, i);
}

// The documents as native JSON, one after another: equal strings mean equal documents. A CoNLL
// document's token layer remembers the file's line break, to write the file back as it was: that
// one difference is left out here (and checked by the CoNLL round trip below).
std::string as_native(const aa::io::ReadResult& r) {
    std::string out;
    for (aa::Document d : r.documents) {
        d.token_layer.newline = "\n";
        out += aa::io::write("native", d).output;
    }
    return out;
}

void check_all_line_ends(const char* format, const std::string& lf_input, const aa::io::ReadOptions& o = {}) {
    const aa::io::ReadResult lf = aa::io::read(format, lf_input, o);
    REQUIRE(lf.ok());
    REQUIRE(!lf.documents.empty());
    for (const char* eol : {"\r\n", "\r"}) {
        CAPTURE(format);
        CAPTURE(eol[1] ? "CRLF" : "CR");
        const aa::io::ReadResult r = aa::io::read(format, replace_all(lf_input, "\n", eol), o);
        CHECK(described(r.diagnostics) == described(lf.diagnostics));
        CHECK(as_native(r) == as_native(lf));
        if (std::string_view(format) == "conll") {  // written back with the file's own line breaks
            std::vector<const aa::Document*> docs;
            for (const aa::Document& d : r.documents) docs.push_back(&d);
            CHECK(aa::io::write("conll", docs).output == replace_all(lf_input, "\n", eol));
        }
    }
}

}  // namespace

TEST_CASE("CoNLL with old-Mac line ends reads as with \\n (the issue's example)") {
    const std::string cr = "John B-PER\rSmith I-PER\r\rParis B-LOC\r";
    const aa::io::ReadResult r = aa::io::read("conll", cr);
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() == "John Smith\nParis");
    CHECK(rows(r.documents[0]) == std::vector<Row>{{0, 10, "PER", "John Smith"}, {11, 16, "LOC", "Paris"}});
    check_all_line_ends("conll", replace_all(cr, "\r", "\n"));
}

TEST_CASE("every CoNLL fixture reads alike with \\n, \\r\\n and \\r") {
    for (const char* f : {"conll/merkel.iob2.conll", "conll/merkel.iob1.conll", "conll/merkel.bilou.conll",
                          "conll/adjacent.iob1.conll"})
        check_all_line_ends("conll", replace_all(read_fixture(f), "\r\n", "\n"));
}

TEST_CASE("brat .ann files read alike with \\n, \\r\\n and \\r") {
    for (const char* stem : {"brat/merkel", "brat/full", "brat/unicode"}) {
        const auto text = aa::Text::from_utf8(read_fixture(std::string(stem) + ".txt"));
        REQUIRE(text.ok());
        aa::io::ReadOptions o;
        o.text = &text.value();
        check_all_line_ends("brat", replace_all(read_fixture(std::string(stem) + ".ann"), "\r\n", "\n"), o);
    }
}

TEST_CASE("doccano and Prodigy JSONL read alike with \\n, \\r\\n and \\r") {
    for (const char* f : {"doccano/merkel.jsonl", "doccano/unicode.jsonl", "doccano/relations.jsonl"})
        check_all_line_ends("doccano", replace_all(read_fixture(f), "\r\n", "\n"));
    check_all_line_ends("prodigy", replace_all(read_fixture("prodigy/merkel.jsonl"), "\r\n", "\n"));
}

TEST_CASE("a problem on a line of a \\r file is reported on that line") {
    const aa::io::ReadResult d = aa::io::read("doccano", "{\"text\": \"a\", \"label\": []}\r\r{\"text\": 1}\r");
    CHECK(described(d.diagnostics) ==
          described(aa::io::read("doccano", "{\"text\": \"a\", \"label\": []}\n\n{\"text\": 1}\n").diagnostics));
    REQUIRE(!d.diagnostics.empty());
    CHECK(d.diagnostics[0].line == 3);
    const aa::io::ReadResult c = aa::io::read("conll", "John B-PER\rSmith X-PER\r");
    REQUIRE(!c.diagnostics.empty());
    CHECK(c.diagnostics[0].line == 2);
}
