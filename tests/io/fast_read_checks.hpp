// The fast reads of the big JSON formats (Prodigy, Label Studio, W3C: src/io/json_scan.hpp) held to
// their tree reads: what a read gave, comparable; random edits of a file aimed at what the scans
// read; the comparison over inputs and their edits.
#pragma once
#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "io/interchange_checks.hpp"

namespace aa::test {

// What a read gave, comparable: every message as reported, then every document as the native file.
inline std::vector<std::string> outcome(const io::ReadResult& r) {
    std::vector<std::string> out = described(r.diagnostics);
    for (const Document& d : r.documents) out.push_back(io::write("native", d).output);
    return out;
}

// A fixture's text `copies` times, with its entities in the first `with` copies (a long text, or
// many entities), made by "ann" on every other one, with their notes when `notes`: as the writers
// write an annotated article.
inline std::optional<Document> copies_of(const char* fixture, int copies, int with, bool notes) {
    const auto doc = native_fixture(fixture);
    if (!doc) return std::nullopt;
    const std::string piece = doc->text().utf8() + " \"Caf\xC3\xA9\"\t\\ ";
    std::string text;
    for (int k = 0; k < copies; ++k) text += piece;
    Document d{Text::from_utf8(text).value()};
    const size_t shift = Text::from_utf8(piece).value().size();
    size_t n = 0;
    for (int k = 0; k < with; ++k) {
        for (Slot s : doc->entities().ordered()) {
            Entity e = doc->entities().get(s);
            e.id = "e" + std::to_string(++n);
            e.start += shift * static_cast<size_t>(k);
            e.end += shift * static_cast<size_t>(k);
            if (!notes) e.note.clear();
            if (n % 2) e.annotator = "ann";
            if (n % 3) e.created = "2026-12-01T04:00:00Z";
            if (!d.insert_entity(e).ok()) return std::nullopt;
        }
    }
    return d;
}

// The edits a format's scan must refuse or take exactly as the parser does.
struct Edits {
    std::vector<std::pair<std::string, std::string>> swaps;  // a piece, and what replaces it
    std::vector<std::string> keys;                           // members an edit leaves out
    std::string focus;  // three edits in four fall after its first occurrence (the scanned part)
};

// `from` replaced by `to` at its first occurrence from `at`, as written or written compact (no space
// after a colon); false when it does not occur.
inline bool swap_after(std::string& s, size_t at, const std::string& from, const std::string& to) {
    auto compact = [](std::string x) {
        for (size_t k = x.find("\": "); k != std::string::npos; k = x.find("\": ", k)) x.erase(++k + 1, 1);
        return x;
    };
    if (const size_t k = s.find(from, at); k != std::string::npos) {
        s.replace(k, from.size(), to);
        return true;
    }
    if (const size_t k = s.find(compact(from), at); k != std::string::npos) {
        s.replace(k, compact(from).size(), compact(to));
        return true;
    }
    return false;
}

// One random edit: a byte deleted, inserted or replaced, a swap, or a member left out (", \"key\":
// value" up to the next ',' or '}').
inline std::string mutate(const std::string& in, std::mt19937& rng, const Edits& e) {
    static const std::vector<std::string> bytes = {"\"", "\\", "{", "}",  "[", "]", ",",    ":",    "0",  "1", "-",
                                                   ".",  "e",  " ", "\t", "x", "u", "\x01", "\xC3", "\n", "n"};
    std::string s = in;
    const size_t focus = s.find(e.focus);
    auto pos = [&] {
        if (focus != std::string::npos && rng() % 4 != 0) return focus + rng() % (s.size() - focus);
        return static_cast<size_t>(rng() % (s.size() + 1));
    };
    const size_t at = pos();
    if (rng() % 5 == 0 && !e.keys.empty()) {
        const size_t k = s.find(", \"" + e.keys[rng() % e.keys.size()] + "\": ", at);
        if (k != std::string::npos) s.erase(k, s.find_first_of(",}", k + 2) - k);
        return s;
    }
    switch (rng() % 4) {
        case 0:
            if (at < s.size()) s.erase(at, 1);
            break;
        case 1: s.insert(at, bytes[rng() % bytes.size()]); break;
        case 2:
            if (at < s.size()) s.replace(at, 1, bytes[rng() % bytes.size()]);
            break;
        default: {
            const auto& [from, to] = e.swaps[rng() % e.swaps.size()];
            swap_after(s, at, from, to);
        }
    }
    return s;
}

// fast(input) against tree(input) for each input, then for each swap at its first occurrence and for
// `per_input` random edits (one or two) of each input from `first_edited` on (each read without an
// error): the same messages and documents.
// Both accepted and refused edits must occur.
using Read = std::function<io::ReadResult(const std::string&)>;
inline void check_fast_read(const Read& fast, const Read& tree, const std::vector<std::string>& inputs,
                            size_t first_edited, const Edits& edits, int per_input, unsigned seed) {
    for (size_t k = 0; k < inputs.size(); ++k) {
        const io::ReadResult f = fast(inputs[k]);
        if (k >= first_edited) CHECK_MESSAGE(f.ok(), f.first_error());
        CHECK(outcome(f) == outcome(tree(inputs[k])));
    }
    // Each swap at its first occurrence in the focus.
    for (size_t k = first_edited; k < inputs.size(); ++k) {
        for (const auto& [from, to] : edits.swaps) {
            std::string in = inputs[k];
            if (swap_after(in, in.find(edits.focus) == std::string::npos ? 0 : in.find(edits.focus), from, to))
                CHECK_MESSAGE(outcome(fast(in)) == outcome(tree(in)), in);
        }
    }
    std::mt19937 rng(seed);
    size_t accepted = 0, refused = 0;
    for (size_t k = first_edited; k < inputs.size(); ++k) {
        for (int n = 0; n < per_input; ++n) {
            std::string in = mutate(inputs[k], rng, edits);
            if (n % 3 == 0) in = mutate(in, rng, edits);
            const io::ReadResult f = fast(in);
            (f.ok() ? accepted : refused)++;
            CHECK_MESSAGE(outcome(f) == outcome(tree(in)), in);
        }
    }
    const size_t total = (inputs.size() - first_edited) * static_cast<size_t>(per_input);
    if (total == 0) return;
    CHECK(accepted > total / 12);
    CHECK(refused > total / 12);
}

}  // namespace aa::test
