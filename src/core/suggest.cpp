// Pre-annotation (suggest.hpp): the gazetteer parser and writer, an Aho-Corasick automaton over code
// points for matching thousands of terms in one pass, the capitalised-name suggester, and the merge.
//
// [SECTION] Gazetteer text
// [SECTION] Gazetteer matching
// [SECTION] Names
// [SECTION] Suggest in pieces
// [SECTION] Merge
#include "core/suggest.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/lines.hpp"
#include "core/search.hpp"
#include "core/tokenizer.hpp"
#include "core/unicode.hpp"
#include "core/utf8.hpp"

namespace aa {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

Error line_error(size_t line, const std::string& message) {
    Error e = make_error("line " + std::to_string(line) + ": " + message);
    e.line = line;
    return e;
}

std::vector<char32_t> decode_all(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) out.push_back(utf8::decode(s, i));
    return out;
}

// As in search.cpp: only a character from U+0300 up or the LF of a CRLF can continue a cluster.
bool on_grapheme_boundary(const Text& text, const std::vector<char32_t>& cps, size_t cp) {
    if (cp == 0 || cp >= cps.size()) return true;
    const char32_t c = cps[cp];
    if (c < 0x300 && !(c == U'\n' && cps[cp - 1] == U'\r')) return true;
    return next_grapheme(text, prev_grapheme(text, cp)) == cp;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Gazetteer text
// ---------------------------------------------------------------------------------------------

Result<Gazetteer> parse_gazetteer(std::string_view input) {
    if (auto bad = utf8::validate(input)) {
        const auto upto = input.begin() + static_cast<std::ptrdiff_t>(bad->byte);
        size_t line = 1;  // \n, \r\n and a lone \r each end a line
        for (auto it = input.begin(); it != upto; ++it)
            line += *it == '\n' || (*it == '\r' && (it + 1 == input.end() || *(it + 1) != '\n'));
        return line_error(line, bad->message);
    }
    if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
    Gazetteer g;
    std::unordered_map<std::string, std::pair<std::string, size_t>> seen;  // term -> label, line
    LineReader lines(input);
    for (std::string_view line; lines.next(line);) {
        const size_t line_no = lines.number();
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;

        std::string term;
        std::string_view label;
        if (line.front() == '"') {
            size_t i = 1;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        term += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                term += line[i++];
            }
            if (!closed) return line_error(line_no, "unterminated quoted term");
            std::string_view rest = line.substr(i);
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            if (rest.empty() || (rest.front() != ',' && rest.front() != '\t'))
                return line_error(line_no, "expected a tab or a comma after the quoted term");
            label = trim(rest.substr(1));
            term = std::string(trim(term));
        } else {
            size_t cut = line.find('\t');
            if (cut == std::string_view::npos) cut = line.rfind(',');
            if (cut == std::string_view::npos)
                return line_error(line_no, "expected \"term<TAB>LABEL\" or \"term,LABEL\"");
            term = std::string(trim(line.substr(0, cut)));
            label = trim(line.substr(cut + 1));
        }
        if (term.empty()) return line_error(line_no, "empty term");
        if (Status s = check_label_name(label); !s) return line_error(line_no, s.error().message);
        auto [it, inserted] = seen.try_emplace(term, std::string(label), line_no);
        if (!inserted) {
            if (it->second.first == label) continue;
            return line_error(line_no, "\"" + term + "\" is " + it->second.first + " on line " +
                                           std::to_string(it->second.second) + " and " + std::string(label) + " here");
        }
        g.entries.push_back({std::move(term), std::string(label)});
    }
    return g;
}

std::string format_gazetteer(const Gazetteer& gazetteer) {
    std::string out;
    for (const auto& e : gazetteer.entries) {
        const std::string_view t = e.term;
        const bool quote = t.empty() || t.front() == '"' || t.front() == '#' || t != trim(t) ||
                           t.find_first_of("\t\r\n") != std::string_view::npos;
        if (quote) {
            out += '"';
            for (char c : t) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        } else {
            out += t;
        }
        out += '\t';
        out += e.label;
        out += '\n';
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Gazetteer matching
// ---------------------------------------------------------------------------------------------

namespace {

// Aho-Corasick over code points. Transitions live in one hash map keyed by (node, code point), with
// a direct table for ASCII out of the root, where most failure walks end.
class Automaton {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    explicit Automaton(const Gazetteer& g) {
        nodes_.push_back({});
        root_ascii_.fill(kNone);
        for (size_t i = 0; i < g.entries.size(); ++i) {
            std::vector<char32_t> term = decode_all(g.entries[i].term);
            if (term.empty()) continue;
            uint32_t n = 0;
            for (char32_t c : term) {
                if (!g.case_sensitive) c = unicode::fold_case(c);
                uint32_t next = child(n, c);
                if (next == kNone) {
                    next = static_cast<uint32_t>(nodes_.size());
                    nodes_.push_back({});
                    nodes_.back().depth = nodes_[n].depth + 1;
                    set_child(n, c, next);
                    children_.resize(nodes_.size());
                    children_[n].push_back({c, next});
                }
                n = next;
            }
            if (nodes_[n].entry == kNone) nodes_[n].entry = static_cast<uint32_t>(i);  // first entry wins
        }
        children_.resize(nodes_.size());
        // Breadth-first: failure links and the output link (the nearest suffix node ending a term).
        std::vector<uint32_t> queue;
        for (auto [c, v] : children_[0]) queue.push_back(v);
        for (size_t qi = 0; qi < queue.size(); ++qi) {
            const uint32_t u = queue[qi];
            for (auto [c, v] : children_[u]) {
                uint32_t f = nodes_[u].fail;
                uint32_t target = child(f, c);
                while (target == kNone && f != 0) {
                    f = nodes_[f].fail;
                    target = child(f, c);
                }
                nodes_[v].fail = target == kNone ? 0 : target;
                const Node& fv = nodes_[nodes_[v].fail];
                nodes_[v].output = fv.entry != kNone ? nodes_[v].fail : fv.output;
                queue.push_back(v);
            }
        }
        children_.clear();
        children_.shrink_to_fit();
    }

    uint32_t step(uint32_t n, char32_t c) const {
        for (;;) {
            const uint32_t next = child(n, c);
            if (next != kNone) return next;
            if (n == 0) return 0;
            n = nodes_[n].fail;
        }
    }

    struct Node {
        uint32_t fail = 0;
        uint32_t output = 0;     // 0: none (the root ends no term)
        uint32_t entry = kNone;  // the entry this node's path spells, if any
        uint32_t depth = 0;      // path length in code points
    };
    const Node& node(uint32_t n) const { return nodes_[n]; }

private:
    static uint64_t key(uint32_t n, char32_t c) { return uint64_t{n} << 21 | c; }
    uint32_t child(uint32_t n, char32_t c) const {
        if (n == 0 && c < 128) return root_ascii_[c];
        auto it = edges_.find(key(n, c));
        return it == edges_.end() ? kNone : it->second;
    }
    void set_child(uint32_t n, char32_t c, uint32_t next) {
        if (n == 0 && c < 128)
            root_ascii_[c] = next;
        else
            edges_.emplace(key(n, c), next);
    }

    std::vector<Node> nodes_;
    std::unordered_map<uint64_t, uint32_t> edges_;
    std::array<uint32_t, 128> root_ascii_{};
    std::vector<std::vector<std::pair<char32_t, uint32_t>>> children_;  // only while building
};

}  // namespace

namespace {
// The matches of `ac` (built from `gazetteer`) in `text`: match_gazetteer's body, so that a run over
// pieces of a text builds the automaton once.
std::vector<Suggestion> match_with(const Automaton& ac, const Text& text, const Gazetteer& gazetteer) {
    std::vector<Suggestion> out;
    if (gazetteer.entries.empty() || text.empty()) return out;
    const std::vector<char32_t> cps = decode_all(text.utf8());
    std::optional<WordBoundaries> wb;
    if (gazetteer.whole_word) wb.emplace(text);
    auto boundary = [&](size_t cp) { return wb ? wb->is_boundary(cp) : on_grapheme_boundary(text, cps, cp); };

    struct Hit {
        size_t start, end;
        uint32_t entry;
    };
    std::vector<Hit> hits;
    uint32_t n = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = gazetteer.case_sensitive ? cps[i] : unicode::fold_case(cps[i]);
        n = ac.step(n, c);
        const size_t end = i + 1;
        uint32_t m = ac.node(n).entry != Automaton::kNone ? n : ac.node(n).output;
        if (m == 0 || !boundary(end)) continue;  // every term found here ends at `end`
        for (; m != 0; m = ac.node(m).output) {
            const size_t start = end - ac.node(m).depth;
            if (boundary(start)) hits.push_back({start, end, ac.node(m).entry});
        }
    }
    // Leftmost-longest: by start, the longest first; then keep each hit that starts after the last kept one.
    std::sort(hits.begin(), hits.end(),
              [](const Hit& a, const Hit& b) { return a.start != b.start ? a.start < b.start : a.end > b.end; });
    size_t next_free = 0;
    for (const Hit& h : hits) {
        if (h.start < next_free) continue;
        out.push_back({h.start, h.end, gazetteer.entries[h.entry].label, "gazetteer"});
        next_free = h.end;
    }
    return out;
}
}  // namespace

std::vector<Suggestion> match_gazetteer(const Text& text, const Gazetteer& gazetteer) {
    if (gazetteer.entries.empty() || text.empty()) return {};
    return match_with(Automaton(gazetteer), text, gazetteer);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Names
// ---------------------------------------------------------------------------------------------

namespace {

bool is_possessive_tail(std::string_view w) {
    return w.size() > 2 &&
           (w.substr(w.size() - 2) == "'s" || (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s"));
}

std::string fold_word(std::string_view w) {
    std::string f;
    for (size_t i = 0; i < w.size();) utf8::append(f, unicode::fold_case(utf8::decode(w, i)));
    return f;
}

const std::string* find_label(const WordLabels& map, std::string_view key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

// What the sentences of a piece of a text need from the text before it (Suggest's pieces end at
// line breaks, where a sentence may go on: "initial" marks only the first word of whole sentences).
struct SentenceCarry {
    bool any = false;           // a token came before
    bool terminated = false;    // the last one closes a run of terminators (split_sentences)
    unsigned breaks = 0;        // line breaks since (sentence_line_breaks)
    bool needs_initial = true;  // the sentence open there has no word or number yet
};

// The tokens of a text classified for the name finder; with `carry`, the text is a piece of a
// longer one starting after a line break, and the carry is updated for the next piece.
struct NameTokens {
    const Text& text;
    const Lexicon& lex;
    std::vector<Token> tokens;
    std::vector<std::string_view> word;
    std::vector<uint8_t> name, connector, title, initial;
    std::unordered_set<std::string> lower_words;                  // words seen with a lowercase first letter, folded
    const std::unordered_set<std::string>* more_lower = nullptr;  // the whole text's, for a piece of it
    bool seen_lower(std::string_view w) const {
        const std::string f = fold_word(w);
        return lower_words.count(f) || (more_lower && more_lower->count(f));
    }

    NameTokens(const Text& t, const Lexicon& l, SentenceCarry* carry = nullptr) : text(t), lex(l), tokens(tokenize(t)) {
        const size_t n = tokens.size();
        word.resize(n);
        name.assign(n, 0);
        connector.assign(n, 0);
        title.assign(n, 0);
        initial.assign(n, 0);
        const WordBoundaries words(text);  // "@NOW_Syria" holds no name word
        for (size_t i = 0; i < n; ++i) {
            if (tokens[i].kind != TokenKind::Word) continue;
            if (!words.is_boundary(tokens[i].start) || !words.is_boundary(tokens[i].end)) continue;
            const std::string_view w = text.slice(tokens[i].start, tokens[i].end);
            word[i] = w;
            size_t k = 0;
            const char32_t first = utf8::decode(w, k);
            if (unicode::is_upper(first)) {
                name[i] = !lex.never.count(w) && !lex.honorifics.count(w);
                title[i] = lex.titles.count(w) != 0;
                continue;
            }
            if (lex.connectors.count(w)) connector[i] = 1;
            const size_t hyphen = w.find('-');
            if (hyphen != std::string_view::npos && hyphen + 1 < w.size() && lex.particles.count(w.substr(0, hyphen))) {
                size_t j = hyphen + 1;
                if (unicode::is_upper(utf8::decode(w, j))) {
                    name[i] = 1;
                    continue;
                }
            }
            if (unicode::category(first) == unicode::Category::Letter) lower_words.insert(fold_word(w));
        }
        mark_initials(carry);
    }

    // The first word or number of each sentence.
    void mark_initials(SentenceCarry* carry) {
        const std::string_view u = text.utf8();
        if (tokens.empty()) {
            if (carry) carry->breaks = std::min(2u, carry->breaks + sentence_line_breaks(u));
            return;
        }
        bool first_initial = true;  // the first sentence here starts one of the whole text
        if (carry && carry->any) {
            const unsigned gap =
                std::min(2u, carry->breaks + sentence_line_breaks(u.substr(0, text.byte_of(tokens[0].start))));
            first_initial = carry->needs_initial || gap >= (carry->terminated ? 1u : 2u);
        }
        bool terminated = false;
        const std::vector<TokenRange> sentences = split_sentences(text, tokens, &terminated);
        bool has_word = false;  // the last sentence's
        for (size_t k = 0; k < sentences.size(); ++k) {
            has_word = false;
            for (size_t i = sentences[k].begin; i < sentences[k].end && !has_word; ++i) {
                if (tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::Number) {
                    initial[i] = k > 0 || first_initial;
                    has_word = true;
                }
            }
        }
        if (!carry) return;
        carry->needs_initial = !has_word && (sentences.size() > 1 || first_initial);
        carry->any = true;
        carry->terminated = terminated;
        carry->breaks = sentence_line_breaks(u.substr(text.byte_of(tokens.back().end)));
    }

    // Two tokens are in one name only when nothing but spaces (no line break) separates them.
    bool joined(size_t a, size_t b) const {
        if (tokens[a].end == tokens[b].start) return false;  // "Yak" "/" ...: glued punctuation is no space
        for (char c : text.slice(tokens[a].end, tokens[b].start))
            if (c != ' ') return false;
        return true;
    }

    // The label that the word before token `first` gives the name starting there: a lowercase cue
    // ("spokesperson"), an honorific with or without its period ("Mr." / "Mr").
    const std::string* cue_before(size_t first) const {
        if (first == 0 || !joined(first - 1, first)) return nullptr;
        size_t p = first - 1;
        if (const std::string* l = find_label(lex.cues, word[p])) return l;
        if (word[p].empty() && text.slice(tokens[p].start, tokens[p].end) == "." && p > 0 &&
            tokens[p - 1].end == tokens[p].start)
            --p;
        return find_label(lex.honorifics, word[p]);
    }
};

// Splits the name words [first, last] at titles and emits the names. A run of titles directly
// followed by a name word ("Syrian President Bashar al-Assad") ends the name before it and gives
// the name after it the title's label. A title followed by a connector opens an office ("Secretary
// of State for Near Eastern Affairs Jeffrey Feltman"), which is no name: the person is the last two
// name words after it, or the last one when the other completes the office ("Secretary of State
// Kerry"). Titles that end the run are left out ("the Syrian President said").
template <class Emit>
void split_at_titles(const NameTokens& nt, size_t first, size_t last, Emit&& emit) {
    size_t start = first;
    const std::string* given = nullptr;
    auto emit_before = [&](size_t t) {
        if (t <= start) return;
        size_t b = t - 1;
        while (b > start && !nt.name[b]) --b;  // no trailing connector
        emit(start, b, given);
    };
    for (size_t t = first; t <= last; ++t) {
        if (!nt.title[t]) continue;
        size_t u = t;
        while (u <= last && nt.title[u]) ++u;
        const std::string* label = find_label(nt.lex.titles, nt.word[u - 1]);
        if (u > last) {
            emit_before(t);
            return;
        }
        if (nt.name[u]) {
            emit_before(t);
            start = u;
            given = label;
        } else {
            emit_before(t);
            size_t tail = last + 1;
            while (tail > u && nt.name[tail - 1] && !nt.title[tail - 1]) --tail;
            if (tail <= last && nt.connector[tail - 1]) ++tail;
            if (tail <= last) emit(std::max(tail, last - 1), last, label);
            return;
        }
        t = u - 1;
    }
    emit(start, last, given);
}

}  // namespace

std::vector<Suggestion> match_known(const Text& text, const WordLabels& known) {
    Gazetteer g;
    for (const auto& [term, label] : known)
        if (!term.empty()) g.entries.push_back({term, label});
    std::vector<Suggestion> out = match_gazetteer(text, g);
    for (Suggestion& s : out) s.source = "known";
    return out;
}

namespace {
// suggest_names with its lexicon chosen, over a text or a piece of one (`more_lower`: the words the
// whole text has in lowercase).
std::vector<Suggestion> names_in(const Text& text, const NameOptions& options, const Lexicon& lexicon,
                                 const std::unordered_set<std::string>* more_lower, SentenceCarry* carry = nullptr) {
    std::vector<Suggestion> out;
    NameTokens nt(text, lexicon, carry);
    nt.more_lower = more_lower;
    const size_t n = nt.tokens.size();
    if (n == 0) return out;
    const Lexicon& lex = nt.lex;
    auto usable = [&](const std::string* l) {
        return l && (options.labels.empty() ||
                     std::find(options.labels.begin(), options.labels.end(), *l) != options.labels.end());
    };
    // A name: name words [first, last] (inclusive token indices); `given` is the label its title gave.
    auto emit = [&](size_t first, size_t last, const std::string* given) {
        if (nt.initial[first] && (lex.openers.count(nt.word[first]) || nt.seen_lower(nt.word[first]))) {
            ++first;
            while (first <= last && !nt.name[first]) ++first;  // connectors after the dropped word
        }
        if (first > last) return;
        size_t end = nt.tokens[last].end;
        if (is_possessive_tail(nt.word[last])) end -= 2;
        const size_t start = nt.tokens[first].start;
        const std::string_view s = text.slice(start, end);
        const std::string* label = find_label(options.known, s);
        if (!label && usable(find_label(lex.names, s))) label = find_label(lex.names, s);
        if (!label && usable(given)) label = given;
        if (!label && usable(nt.cue_before(first))) label = nt.cue_before(first);
        std::string_view head = nt.word[last];
        if (is_possessive_tail(head)) head.remove_suffix(head.back() == 's' && head[head.size() - 2] == '\'' ? 2 : 4);
        if (!label && first < last && usable(find_label(lex.heads, head))) label = find_label(lex.heads, head);
        out.push_back({start, end, label ? *label : options.label, "names"});
    };

    size_t i = 0;
    while (i < n) {
        if (!nt.name[i]) {
            ++i;
            continue;
        }
        // Extend over name words and at most two connectors between name words.
        size_t last = i, j = i + 1;
        while (j < n) {
            size_t k = j, connectors = 0;
            while (k < n && nt.connector[k] && connectors < 2 && nt.joined(k - 1, k)) {
                ++k;
                ++connectors;
            }
            if (k < n && nt.name[k] && nt.joined(k - 1, k)) {
                last = k;
                j = k + 1;
                if (is_possessive_tail(nt.word[k])) break;  // "Russia's arms": the name ends at the 's
            } else {
                break;
            }
        }
        if (is_possessive_tail(nt.word[i])) last = i;
        split_at_titles(nt, i, last, emit);
        i = last + 1;
    }
    return out;
}
}  // namespace

std::vector<Suggestion> suggest_names(const Text& text, const NameOptions& options) {
    return names_in(text, options, options.lexicon ? *options.lexicon : detect_lexicon(text), nullptr);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Suggest in pieces
// ---------------------------------------------------------------------------------------------

struct SuggestRun::Impl {
    const Text* text;
    Gazetteer known, gazetteer;  // the known texts as a gazetteer (match_known's way)
    std::optional<Automaton> known_ac, gazetteer_ac;
    std::optional<NameOptions> names;
    bool whole_terms = false;  // a term holds a line break: matched over the whole text at the end
    int pass = 0;              // 0 the lexicon's votes, 1 the words in lowercase, 2 the suggestions, 3 done
    size_t at = 0;             // the next byte of this pass
    std::vector<size_t> votes;
    const Lexicon* lexicon = nullptr;
    std::unordered_set<std::string> lower;
    std::vector<Suggestion> out_known, out_gazetteer, out_names;

    SentenceCarry sentences;  // pass 2: the sentence open at `at`

    // The end of the piece from `at`: after the first line break ("\n", or a "\r" alone) at or past
    // `at + bytes`, or the end of the text. No word, name or term without a line break goes on
    // there; a sentence may, and `sentences` carries it on.
    size_t piece_end(size_t bytes) const {
        const std::string_view u = text->utf8();
        for (size_t p = at + std::max<size_t>(bytes, 1) - 1; p < u.size(); ++p) {
            p = u.find_first_of("\r\n", p);
            if (p == std::string_view::npos) break;
            if (u[p] == '\n' || p + 1 == u.size() || u[p + 1] != '\n') return p + 1;
        }
        return u.size();
    }
    void append(std::vector<Suggestion>& to, std::vector<Suggestion> from, size_t offset) {
        for (Suggestion& x : from) {
            x.start += offset;
            x.end += offset;
            to.push_back(std::move(x));
        }
    }
    void piece(size_t end) {
        const std::string_view u = text->utf8();
        const Text t =
            std::move(Text::from_utf8(std::string(u.substr(at, end - at))).value());  // cut between characters
        const size_t offset = text->cp_of_byte(at);
        if (pass == 0) {
            const std::vector<size_t> v = lexicon_votes(t);
            votes.resize(v.size());
            for (size_t i = 0; i < v.size(); ++i) votes[i] += v[i];
        } else if (pass == 1) {
            NameTokens nt(t, *lexicon);
            lower.merge(nt.lower_words);
        } else {
            if (!whole_terms) {
                if (known_ac) append(out_known, match_with(*known_ac, t, known), offset);
                if (gazetteer_ac) append(out_gazetteer, match_with(*gazetteer_ac, t, gazetteer), offset);
            }
            if (names) append(out_names, names_in(t, *names, *lexicon, &lower, &sentences), offset);
        }
    }
    void next_pass() {
        ++pass;
        at = 0;
        if (pass == 1 && names && !lexicon) lexicon = &lexicon_of_votes(votes);
        if (pass == 1 && !names) ++pass;
        if (pass == 3 && whole_terms) {  // the terms over the whole text, in this last step
            if (known_ac) out_known = match_with(*known_ac, *text, known);
            if (gazetteer_ac) out_gazetteer = match_with(*gazetteer_ac, *text, gazetteer);
        }
    }
};

SuggestRun::SuggestRun(const Text& text, const WordLabels& known, const Gazetteer* gazetteer, const NameOptions* names)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.text = &text;
    auto breaks = [](std::string_view term) { return term.find_first_of("\r\n") != std::string_view::npos; };
    for (const auto& [term, label] : known)
        if (!term.empty()) {
            m.known.entries.push_back({term, label});
            m.whole_terms = m.whole_terms || breaks(term);
        }
    if (!m.known.entries.empty()) m.known_ac.emplace(m.known);
    if (gazetteer && !gazetteer->entries.empty()) {
        m.gazetteer = *gazetteer;
        for (const GazetteerEntry& e : m.gazetteer.entries) m.whole_terms = m.whole_terms || breaks(e.term);
        m.gazetteer_ac.emplace(m.gazetteer);
    }
    if (names) {
        m.names = *names;
        m.lexicon = names->lexicon;
    }
    if (!m.names || m.lexicon) m.next_pass();  // no votes to count
    if (text.empty()) m.pass = 3;
}

SuggestRun::~SuggestRun() = default;

bool SuggestRun::step(size_t bytes) {
    Impl& m = *impl_;
    if (m.pass >= 3) return true;
    const size_t end = m.piece_end(bytes);
    m.piece(end);
    m.at = end;
    if (m.at >= m.text->utf8().size()) m.next_pass();
    return done();
}

bool SuggestRun::done() const { return impl_->pass >= 3; }

double SuggestRun::progress() const {
    const Impl& m = *impl_;
    if (m.pass >= 3) return 1;
    const double size = static_cast<double>(std::max<size_t>(1, m.text->utf8().size()));
    return (m.pass + static_cast<double>(m.at) / size) / 3;
}

std::vector<Suggestion> SuggestRun::take_known() {
    for (Suggestion& x : impl_->out_known) x.source = "known";
    return std::move(impl_->out_known);
}
std::vector<Suggestion> SuggestRun::take_gazetteer() { return std::move(impl_->out_gazetteer); }
std::vector<Suggestion> SuggestRun::take_names() { return std::move(impl_->out_names); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Merge
// ---------------------------------------------------------------------------------------------

std::vector<Suggestion> merge_suggestions(const Document& doc, const std::vector<std::vector<Suggestion>>& sources) {
    std::map<size_t, size_t> kept_spans;  // start -> end of kept suggestions (not overlapping)
    std::vector<Suggestion> out;
    std::vector<Slot> found;
    const auto& store = doc.entities();
    for (const auto& source : sources) {
        std::vector<const Suggestion*> order;
        for (const auto& s : source) order.push_back(&s);
        std::stable_sort(order.begin(), order.end(), [](const Suggestion* a, const Suggestion* b) {
            const size_t la = a->end - a->start, lb = b->end - b->start;
            return la != lb ? la > lb : a->start < b->start;
        });
        for (const Suggestion* s : order) {
            if (s->start >= s->end || s->end > doc.text().size()) continue;
            found.clear();
            store.intersecting(s->start, s->end, found);
            const bool annotated = std::any_of(found.begin(), found.end(), [&](Slot slot) {
                const Entity& e = store.get(slot);
                return e.label == s->label || (e.start == s->start && e.end == s->end);
            });
            if (annotated) continue;
            auto next = kept_spans.lower_bound(s->start);
            if (next != kept_spans.end() && next->first < s->end) continue;
            if (next != kept_spans.begin() && std::prev(next)->second > s->start) continue;
            kept_spans.emplace(s->start, s->end);
            out.push_back(*s);
        }
    }
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    return out;
}

}  // namespace aa
