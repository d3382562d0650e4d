// Checks shared by the tests of the interchange formats (spacy, displacy, doccano, label-studio,
// prodigy, w3c, csv): reading a fixture, entities as comparable rows, the Unicode cases' expected
// spans, and the native -> format -> native round trip.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "io/fixture_files.hpp"
#include "io/format.hpp"

// Lists of messages print one per line when a check fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string s = "{";
        for (const std::string& x : v) s += "\n  " + x;
        return (s + "}").c_str();
    }
};
}  // namespace doctest

namespace aa::test {

// start, end (code points), label, covered text
using Row = std::tuple<size_t, size_t, std::string, std::string>;

inline std::vector<Row> rows(const Document& d) {
    std::vector<Row> out;
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        out.emplace_back(e.start, e.end, e.label, std::string(d.text_of(e)));
    }
    return out;
}

inline std::vector<std::string> described(const std::vector<io::Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.report());
    return out;
}

inline io::ReadResult read_file(const std::string& format, const std::string& rel, const io::ReadOptions& o = {}) {
    bool found = false;
    const std::string input = read_fixture(rel, &found);
    CHECK_MESSAGE(found, rel);
    return io::read(format, input, o);
}

// The text of the Unicode cases (fixtures */unicode.*): curly quotes, an em dash, precomposed
// accents, CRLF, an emoji outside the BMP, a ZWJ sequence with a skin tone, a combining acute
// accent (José = Jose + U+0301) and CJK.
inline const char* kUnicodeText =
    "\xE2\x80\x9C"
    "Caf\xC3\xA9\xE2\x80\x9D \xE2\x80\x94 na\xC3\xAFve Zo\xC3\xAB said.\r\n"
    "\xF0\x9F\x9A\x80 Paris, \xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92 Bob met Jose\xCC\x81.\r\n"
    "\xE6\x9D\xB1\xE4\xBA\xAC and \xE5\x8C\x97\xE4\xBA\xAC.";

// Its entities, in code points (Python str indices, as spaCy, Prodigy and W3C count).
inline std::vector<Row> unicode_rows() {
    return {{1, 5, "ORG", "Caf\xC3\xA9"},
            {15, 18, "PER", "Zo\xC3\xAB"},
            {28, 33, "LOC", "Paris"},
            {35, 39, "MISC", "\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92"},
            {40, 43, "PER", "Bob"},
            {48, 53, "PER", "Jose\xCC\x81"},
            {56, 58, "LOC", "\xE6\x9D\xB1\xE4\xBA\xAC"},
            {63, 65, "LOC", "\xE5\x8C\x97\xE4\xBA\xAC"}};
}

inline std::optional<Document> native_fixture(const std::string& rel) {
    io::ReadResult r = read_file("native", rel);
    CHECK_MESSAGE(r.ok(), rel << ": " << r.first_error());
    if (!r.ok() || r.documents.size() != 1) return std::nullopt;
    return std::move(r.documents[0]);
}

// native -> format -> native: every entity's span and label come back, and the note and kb_id
// when the format holds them. Writing then reading in another offset unit gives the same.
inline void check_round_trip(const std::string& format, const std::string& native_rel, bool holds_note,
                             bool holds_kb_id, OffsetUnit unit = OffsetUnit::CodePoint) {
    CAPTURE(format);
    CAPTURE(native_rel);
    const auto doc = native_fixture(native_rel);
    if (!doc) return;
    io::WriteOptions wo;
    wo.offsets = unit;
    io::WriteResult w = io::write(format, *doc, wo);
    CHECK(w.ok());
    io::ReadOptions ro;
    ro.offsets = unit;
    ro.text = &doc->text();
    io::ReadResult r = io::read(format, w.output, ro);
    CHECK_MESSAGE(r.ok(), r.first_error());
    if (!r.ok() || r.documents.size() != 1) {
        CHECK(r.documents.size() == 1);
        return;
    }
    const Document& back = r.documents[0];
    CHECK(back.text().utf8() == doc->text().utf8());
    CHECK(rows(back) == rows(*doc));
    std::vector<std::string> notes, back_notes, kbs, back_kbs;
    for (Slot s : doc->entities().ordered()) {
        notes.push_back(doc->entities().get(s).note);
        kbs.push_back(doc->entities().get(s).kb_id);
    }
    for (Slot s : back.entities().ordered()) {
        back_notes.push_back(back.entities().get(s).note);
        back_kbs.push_back(back.entities().get(s).kb_id);
    }
    if (holds_note) CHECK(back_notes == notes);
    if (holds_kb_id) CHECK(back_kbs == kbs);
}

// Every prefix of a fixture, and the fixture with each digit in turn made "9", reads without
// crashing, and atomically: a read with an error keeps no document.
inline void check_damaged_inputs(const std::string& format, const std::string& rel, const io::ReadOptions& o = {}) {
    CAPTURE(rel);
    const std::string input = read_fixture(rel);
    size_t failures = 0;
    for (size_t n = 0; n < input.size(); n += 1 + input.size() / 300) {
        io::ReadResult r = io::read(format, input.substr(0, n), o);
        failures += !r.ok();
        if (!r.ok()) CHECK(r.documents.empty());
    }
    CHECK(failures > 0);
    for (size_t i = 0; i < input.size(); ++i) {
        if (input[i] < '0' || input[i] > '8') continue;
        std::string damaged = input;
        damaged[i] = '9';
        io::ReadResult r = io::read(format, damaged, o);
        if (!r.ok()) CHECK(r.documents.empty());
    }
}

}  // namespace aa::test
