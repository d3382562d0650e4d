// Lexicon files (lexicon.hpp): the section reader, the built-in lexicons from the embedded
// data/suggest files, and the choice of a language by its function words.
#include "core/lexicon.hpp"

#include <algorithm>

#include "core/embedded_data.hpp"
#include "core/label.hpp"
#include "core/lines.hpp"
#include "core/suggest.hpp"
#include "core/tokenizer.hpp"

namespace aa {
namespace {

Error line_error(size_t line, const std::string& message) {
    Error e = make_error("line " + std::to_string(line) + ": " + message);
    e.line = line;
    return e;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Inserts `term` with `label`; false when it is there already with another label.
bool put(WordLabels& map, std::string_view term, std::string_view label) {
    auto [it, inserted] = map.try_emplace(std::string(term), std::string(label));
    return inserted || it->second == label;
}

}  // namespace

Result<Lexicon> parse_lexicon(std::string_view language, std::string_view input) {
    Lexicon lex;
    lex.language = std::string(language);
    WordSet* words = nullptr;        // the current plain word section
    WordLabels* labelled = nullptr;  // or the current labelled one
    std::string label;
    bool one_term_per_line = false;
    LineReader lines(input);
    for (std::string_view line; lines.next(line);) {
        const size_t line_no = lines.number();
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '[') {
            if (line.back() != ']') return line_error(line_no, "a section header ends with ']'");
            const std::string_view inner = trim(line.substr(1, line.size() - 2));
            const size_t space = inner.find(' ');
            const std::string_view kind = inner.substr(0, space);
            label = space == std::string_view::npos ? "" : std::string(trim(inner.substr(space + 1)));
            words = nullptr;
            labelled = nullptr;
            one_term_per_line = kind == "names";
            if (kind == "cues")
                labelled = &lex.cues;
            else if (kind == "heads")
                labelled = &lex.heads;
            else if (kind == "names")
                labelled = &lex.names;
            else if (kind == "never")
                words = &lex.never;
            else if (kind == "openers")
                words = &lex.openers;
            else if (kind == "connectors")
                words = &lex.connectors;
            else if (kind == "particles")
                words = &lex.particles;
            else if (kind == "titles")
                labelled = &lex.titles;
            else if (kind == "honorifics")
                labelled = &lex.honorifics;
            else
                return line_error(line_no, "unknown section [" + std::string(inner) + "]");
            if (labelled) {
                if (label.empty())
                    return line_error(line_no,
                                      "[" + std::string(kind) + "] needs a label: [" + std::string(kind) + " LABEL]");
                if (Status s = check_label_name(label); !s) return line_error(line_no, s.error().message);
            } else if (!label.empty()) {
                return line_error(line_no, "[" + std::string(kind) + "] takes no label");
            }
            continue;
        }
        if (!words && !labelled) return line_error(line_no, "a word before any [section]");
        auto add = [&](std::string_view w) -> Status {
            if (words) {
                words->emplace(w);
                return {};
            }
            if (!put(*labelled, w, label))
                return line_error(line_no, "\"" + std::string(w) + "\" is " + labelled->find(w)->second +
                                               " elsewhere and " + label + " here");
            return {};
        };
        if (one_term_per_line) {
            if (Status s = add(line); !s) return s.error();
            continue;
        }
        for (size_t i = 0; i < line.size();) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            size_t j = i;
            while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
            if (j > i)
                if (Status s = add(line.substr(i, j - i)); !s) return s.error();
            i = j;
        }
    }
    return lex;
}

Status add_names(Lexicon& lexicon, std::string_view gazetteer_text) {
    auto g = parse_gazetteer(gazetteer_text);
    if (!g.ok()) return g.error();
    for (const GazetteerEntry& e : g->entries) lexicon.names.try_emplace(e.term, e.label);
    return {};
}

const std::vector<Lexicon>& builtin_lexicons() {
    static const std::vector<Lexicon> all = [] {
        std::vector<Lexicon> out;
        std::string_view places;
        for (const EmbeddedFile& f : suggest_data_files())
            if (f.name == "places.tsv") places = f.bytes;
        for (const EmbeddedFile& f : suggest_data_files()) {
            if (f.name.size() < 5 || f.name.substr(f.name.size() - 4) != ".txt") continue;
            auto lex = parse_lexicon(f.name.substr(0, f.name.size() - 4), f.bytes);
            AA_ASSERT(lex.ok(), "the built-in lexicons parse (tests/core/test_lexicon.cpp)");
            if (!lex.ok()) continue;
            const Status s = add_names(*lex, places);
            AA_ASSERT(s.ok(), "places.tsv parses");
            (void)s;
            out.push_back(std::move(*lex));
        }
        AA_ASSERT(!out.empty(), "data/suggest holds at least en.txt");
        return out;
    }();
    return all;
}

const Lexicon& detect_lexicon(const Text& text) { return lexicon_of_votes(lexicon_votes(text)); }

std::vector<size_t> lexicon_votes(const Text& text) {
    const auto& all = builtin_lexicons();
    // Each language's openers in lowercase, made once: Suggest counts the votes of every piece.
    static const std::vector<WordSet> lower = [&] {
        std::vector<WordSet> sets(all.size());
        for (size_t i = 0; i < all.size(); ++i)
            for (const std::string& w : all[i].openers) {
                std::string l = w;
                std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return c | 0x20; });
                if (l.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos) sets[i].insert(l);
            }
        return sets;
    }();
    std::vector<size_t> count(all.size(), 0);
    for (const Token& t : tokenize(text)) {
        if (t.kind != TokenKind::Word || t.end - t.start > 12) continue;
        const std::string_view w = text.slice(t.start, t.end);
        if (w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos) continue;  // in no set
        for (size_t i = 0; i < all.size(); ++i) count[i] += lower[i].count(w);
    }
    return count;
}

const Lexicon& lexicon_of_votes(const std::vector<size_t>& votes) {
    const auto& all = builtin_lexicons();
    auto count = [&](size_t i) { return i < votes.size() ? votes[i] : 0; };
    size_t best = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].language == "en" && count(i) >= count(best))
            best = i;
        else if (count(i) > count(best))
            best = i;
    }
    return all[best];
}

}  // namespace aa
