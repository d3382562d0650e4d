// The writer -> reader property (issue 12), shared by the doctest property test
// (tests/io/test_writer_reader.cpp) and the libFuzzer target fuzz/fuzz_writer_reader.cpp:
// a document with hostile metadata (control characters, tabs, newlines, NUL, U+FFFE, RTL marks,
// no-break spaces, very long strings) written by a format's writer is read back by its reader,
// and what comes back is identical, or every difference is named by a warning of the write (the
// warnings the page's exportWarnings() shows). A write may also fail with a clear message.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "io/format.hpp"

namespace aa::test {

// Bytes to decisions: the property test feeds a seeded generator, the fuzz target its input.
class Choices {
public:
    explicit Choices(std::string_view bytes) : bytes_(bytes) {}
    explicit Choices(uint64_t seed) : seed_(seed ? seed : 1) {}
    uint32_t next(uint32_t bound) {  // 0 <= result < bound
        if (bound <= 1) return 0;
        uint32_t v = 0;
        if (!bytes_.empty() || seed_ == 0) {
            for (int i = 0; i < 2; ++i) v = (v << 8) | (at_ < bytes_.size() ? static_cast<uint8_t>(bytes_[at_++]) : 0);
        } else {
            seed_ ^= seed_ << 13, seed_ ^= seed_ >> 7, seed_ ^= seed_ << 17;  // xorshift64
            v = static_cast<uint32_t>(seed_ >> 16);
        }
        return v % bound;
    }
    bool coin(uint32_t one_in) { return next(one_in) == 0; }

private:
    std::string_view bytes_;
    size_t at_ = 0;
    uint64_t seed_ = 0;
};

// Pieces a hostile string is made of.
inline const std::vector<std::string>& hostile_pieces() {
    static const std::vector<std::string> p = {"a",
                                               "Paris",
                                               " ",
                                               "\t",
                                               "\n",
                                               "\r",
                                               "\r\n",
                                               std::string(1, '\0'),
                                               "\x01",
                                               "\x1b[2K",
                                               "\x7f",
                                               "\xC2\x85",
                                               "\xEF\xBF\xBE",
                                               "\xEF\xBF\xBF",
                                               "\xE2\x80\x8F",
                                               "\xE2\x80\xAE",
                                               "\xE2\x80\x8B",
                                               "\xC2\xA0",
                                               "\xC3\x97",
                                               "\xEF\xBB\xBF",
                                               "<",
                                               ">",
                                               "&",
                                               "\"",
                                               "'",
                                               "]]>",
                                               "--",
                                               "=cmd",
                                               "#",
                                               "|",
                                               ":",
                                               "=",
                                               ",",
                                               "\\",
                                               "{",
                                               "}",
                                               "\xF0\x9F\x9A\x80",
                                               "e\xCC\x81",
                                               "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
                                               "\xE6\x9D\xB1",
                                               "T1",
                                               "*",
                                               "-DOCSTART-",
                                               "B-PER",
                                               "O",
                                               "\\u0000"};
    return p;
}

inline std::string hostile_string(Choices& c, size_t max_pieces = 6) {
    if (c.coin(8)) return "";
    std::string s;
    const size_t n = 1 + c.next(static_cast<uint32_t>(max_pieces));
    for (size_t i = 0; i < n; ++i) s += hostile_pieces()[c.next(static_cast<uint32_t>(hostile_pieces().size()))];
    if (c.coin(40)) s += std::string(3000 + c.next(3000), 'x');  // very long
    return s;
}

// A random document: words and hostile separators as text, labels with odd but valid names,
// entities (some nested, some crossing) carrying hostile notes, KB ids and attributes, hostile
// document metadata.
inline Document hostile_document(Choices& c) {
    static const std::vector<std::string> words = {"Angela",
                                                   "Merkel",
                                                   "visited",
                                                   "Paris",
                                                   "\xC3\x89lys\xC3\xA9\x65",
                                                   "\xF0\x9F\x9A\x80",
                                                   "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
                                                   "Jose\xCC\x81",
                                                   "\xE6\x9D\xB1\xE4\xBA\xAC",
                                                   "U.S.",
                                                   "B-LOC",
                                                   "T1"};
    static const std::vector<std::string> seps = {" ", " ", " ", "\n", "  ", "\t", "\r\n", "\n\n", ", ", "\xC2\xA0"};
    std::string text;
    const size_t nwords = c.coin(20) ? 0 : 1 + c.next(30);
    for (size_t i = 0; i < nwords; ++i) {
        text += words[c.next(static_cast<uint32_t>(words.size()))];
        if (i + 1 < nwords) text += seps[c.next(static_cast<uint32_t>(seps.size()))];
    }
    Document d{Text::from_utf8(std::move(text)).value()};
    static const std::vector<std::string> names = {"PER",
                                                   "LOC",
                                                   "ORG",
                                                   "MISC",
                                                   "B-X",
                                                   "a b",
                                                   "\xC3\x97",
                                                   "x:y",
                                                   "T",
                                                   "long-" + std::string(50, 'n'),
                                                   "\xD7\xA9\xD7\x9D",
                                                   "<tag>",
                                                   "a\"b",
                                                   "n\xC2\xA0m"};
    LabelSet labels;
    const size_t nlabels = 1 + c.next(4);
    for (size_t i = 0; i < nlabels; ++i) {
        Label l;
        l.name = names[c.next(static_cast<uint32_t>(names.size()))];
        l.color = labels.next_color();
        if (c.coin(2)) l.description = hostile_string(c, 3);
        (void)labels.insert(labels.size(), std::move(l));  // duplicates and invalid names refused: fine
    }
    if (labels.empty()) (void)labels.insert(0, Label{"PER", labels.next_color(), "", ""});
    d.set_labels(labels);
    const size_t size = d.text().size();
    const size_t nent = size == 0 ? 0 : c.next(12);
    for (size_t i = 0; i < nent; ++i) {
        Entity e;
        e.id = "e" + std::to_string(i + 1);
        e.start = c.next(static_cast<uint32_t>(size));
        e.end = e.start + 1 + c.next(static_cast<uint32_t>(std::min<size_t>(size - e.start, 20)));
        if (e.end > size) e.end = size;
        e.label = labels[c.next(static_cast<uint32_t>(labels.size()))].name;
        if (c.coin(2)) e.note = hostile_string(c);
        if (c.coin(2)) e.kb_id = hostile_string(c, 3);
        for (size_t k = c.next(3); k > 0; --k) {
            std::string key = hostile_string(c, 2);
            if (key.empty()) key = "k";
            bool dup = false;
            for (const auto& [kk, vv] : e.attributes) dup |= kk == key;
            if (!dup) e.attributes.emplace_back(key, hostile_string(c, 3));
        }
        (void)d.insert_entity(std::move(e));  // a duplicate span is refused: fine
    }
    if (c.coin(2)) d.info.title = hostile_string(c);
    if (c.coin(3)) d.info.source = hostile_string(c, 2);
    if (c.coin(2)) d.info.note = hostile_string(c);
    for (size_t k = c.next(3); k > 0; --k) {
        std::string key = hostile_string(c, 2);
        if (key.empty()) key = "k";
        bool dup = false;
        for (const auto& [kk, vv] : d.info.attributes) dup |= kk == key;
        if (!dup) d.info.attributes.emplace_back(key, hostile_string(c, 3));
    }
    return d;
}

namespace detail {

inline bool any_warning_names(const std::vector<io::Diagnostic>& ws, std::initializer_list<std::string_view> words) {
    for (const auto& w : ws)
        for (std::string_view word : words)
            if (w.message.find(word) != std::string::npos) return true;
    return false;
}

inline std::string show(std::string_view s) {
    std::string out;
    for (unsigned char ch : s) {
        if (ch < 0x20 || ch == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", ch);
            out += buf;
        } else
            out += static_cast<char>(ch);
        if (out.size() > 200) return out + "...";
    }
    return out;
}

}  // namespace detail

// "" when the property holds for `format` and `d`, else what broke (for a test message).
inline std::string writer_reader_problem(const io::Format& format, const Document& d, const io::WriteOptions& wo = {}) {
    if (!format.read || !format.write) return "";
    const io::WriteResult w = format.write({&d}, wo);
    if (!w.ok()) {
        for (const auto& diag : w.diagnostics)
            if (diag.is_error() && !diag.message.empty()) return "";  // refused, with a message
        return "the write failed without a message";
    }
    io::ReadOptions ro;
    ro.text = &d.text();  // formats that keep the text beside (brat, W3C) get it, as the CLI pairs them
    const io::ReadResult r = format.read(w.output, ro);
    if (!r.ok()) return "its reader refused what its writer wrote: " + r.first_error() + "\n" + detail::show(w.output);
    if (r.documents.size() != 1) return "read back " + std::to_string(r.documents.size()) + " documents";
    const Document& b = r.documents[0];
    const auto& ws = w.diagnostics;
    std::string problems;
    auto expect = [&](bool same, std::initializer_list<std::string_view> words, const std::string& what) {
        if (!same && !detail::any_warning_names(ws, words)) problems += what + " changed without a warning\n";
    };
    expect(b.text().utf8() == d.text().utf8(), {"text", "whitespace", "spacing"},
           "the text (\"" + detail::show(d.text().utf8()) + "\" -> \"" + detail::show(b.text().utf8()) + "\")");
    const auto& ea = d.entities().ordered();
    const auto& eb = b.entities().ordered();
    bool spans_same = ea.size() == eb.size();
    for (size_t i = 0; spans_same && i < ea.size(); ++i) {
        const Entity& x = d.entities().get(ea[i]);
        const Entity& y = b.entities().get(eb[i]);
        spans_same = x.start == y.start && x.end == y.end && x.label == y.label;
    }
    expect(spans_same, {"entit", "span", "overlap", "nested", "cross", "label"}, "the entities' spans or labels");
    if (spans_same) {
        for (size_t i = 0; i < ea.size(); ++i) {
            const Entity& x = d.entities().get(ea[i]);
            const Entity& y = b.entities().get(eb[i]);
            expect(x.note == y.note, {"note"},
                   "entity " + x.id + "'s note (\"" + detail::show(x.note) + "\" -> \"" + detail::show(y.note) + "\")");
            expect(
                x.kb_id == y.kb_id, {"kb_id", "KB id"},
                "entity " + x.id + "'s KB id (\"" + detail::show(x.kb_id) + "\" -> \"" + detail::show(y.kb_id) + "\")");
            expect(x.attributes == y.attributes, {"attribute"}, "entity " + x.id + "'s attributes");
        }
    }
    expect(b.info.title == d.info.title, {"title"},
           "the title (\"" + detail::show(d.info.title) + "\" -> \"" + detail::show(b.info.title) + "\")");
    // (The source is not compared: readers set it from the file name they are given.)
    expect(b.info.note == d.info.note, {"note"}, "the document's note");
    expect(b.info.attributes == d.info.attributes, {"attribute"}, "the document's attributes");
    return problems.empty() ? "" : problems + "---- written ----\n" + detail::show(w.output);
}

}  // namespace aa::test
