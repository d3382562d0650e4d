// Tokenizer, sentence splitter, word snapping and grapheme stepping over aa::Text (tokenizer.hpp).
// Everything walks the UTF-8 bytes once, left to right, counting code points as it goes: no
// per-character Text::at() (which would cost a checkpoint look-up each time).
//
// [SECTION] Cursor: decoding at a byte position while counting code points
// [SECTION] Grapheme clusters (a subset of UAX #29: CRLF, controls, Hangul, Extend, ZWJ emoji, flags)
// [SECTION] Lexer: one token at a time
// [SECTION] Sentences
// [SECTION] Words and graphemes at an offset
#include "core/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/unicode.hpp"
#include "core/utf8.hpp"

namespace aa {
namespace {

using unicode::Category;

// ---------------------------------------------------------------------------------------------
// [SECTION] Cursor
// ---------------------------------------------------------------------------------------------

struct Pos {
    size_t byte = 0;
    size_t cp = 0;
};

// The code point at `p` (which must be before the end of `s`); `after` receives the next position.
inline char32_t char_at(std::string_view s, Pos p, Pos& after) {
    size_t i = p.byte;
    const char32_t c = utf8::decode(s, i);
    after = {i, p.cp + 1};
    return c;
}

// The position of the code point before `p` (p.cp > 0).
inline Pos step_back(std::string_view s, Pos p) {
    size_t i = p.byte - 1;
    while (i > 0 && utf8::is_continuation(static_cast<unsigned char>(s[i]))) --i;
    return {i, p.cp - 1};
}

// Characters that are part of no token: whitespace, and invisible controls (soft hyphen outside a
// word, zero-width space, byte-order mark, unassigned code points).
inline bool is_gap(Category k) { return k == Category::Space || k == Category::Control; }

// ---------------------------------------------------------------------------------------------
// [SECTION] Grapheme clusters
// ---------------------------------------------------------------------------------------------

constexpr char32_t kZwj = 0x200D;

enum class Hangul : unsigned char { None, L, V, T, LV, LVT };

inline Hangul hangul_type(char32_t c) {
    if (c < 0x1100) return Hangul::None;
    if (c <= 0x115F || (c >= 0xA960 && c <= 0xA97C)) return Hangul::L;
    if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6)) return Hangul::V;
    if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB)) return Hangul::T;
    if (c >= 0xAC00 && c <= 0xD7A3) return (c - 0xAC00) % 28 == 0 ? Hangul::LV : Hangul::LVT;
    return Hangul::None;
}

// UAX #29's Control: line breaks, C0/C1 controls and our Control category (Cf, unassigned, ...).
inline bool is_break_control(char32_t c, Category k) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || k == Category::Control;
}

// Joins the previous character whatever it is (UAX #29 Extend, ZWJ, SpacingMark).
inline bool is_extender(char32_t c, Category k) {
    return k == Category::Mark || k == Category::Format || (k == Category::Symbol && unicode::is_emoji_modifier(c));
}

// A grapheme cluster always starts before such a character, whatever precedes it: scanning back
// to one gives a safe place to start segmenting from.
inline bool is_hard_start(char32_t c) {
    if (c == '\n') return false;  // may follow "\r"
    const Category k = unicode::category(c);
    if (is_break_control(c, k)) return true;
    return !is_extender(c, k) && !unicode::is_regional_indicator(c) && !unicode::is_extended_pictographic(c) &&
           hangul_type(c) == Hangul::None;
}

// The state of the cluster being built: enough to decide whether the next character joins it.
class Cluster {
public:
    explicit Cluster(char32_t first) : prev_(first), prev_cat_(unicode::category(first)) {
        pict_ = unicode::is_extended_pictographic(first);
        ri_ = unicode::is_regional_indicator(first) ? 1 : 0;
    }

    // True when there is no cluster boundary between the previous character and `c` (then call push).
    bool joins(char32_t c, Category k) const {
        if (prev_ == '\r') return c == '\n';                                             // GB3, GB4
        if (is_break_control(prev_, prev_cat_) || is_break_control(c, k)) return false;  // GB4, GB5
        const Hangul a = hangul_type(prev_), b = hangul_type(c);
        if (a == Hangul::L && (b == Hangul::L || b == Hangul::V || b == Hangul::LV || b == Hangul::LVT)) return true;
        if ((a == Hangul::LV || a == Hangul::V) && (b == Hangul::V || b == Hangul::T)) return true;
        if ((a == Hangul::LVT || a == Hangul::T) && b == Hangul::T) return true;          // GB6-8
        if (is_extender(c, k)) return true;                                               // GB9, GB9a
        if (prev_ == kZwj && pict_ && unicode::is_extended_pictographic(c)) return true;  // GB11
        return ri_ == 1 && unicode::is_regional_indicator(c);                             // GB12, GB13
    }

    void push(char32_t c, Category k) {
        // GB11 needs ExtPict Extend* ZWJ: an extender keeps the pictographic context alive.
        if (unicode::is_extended_pictographic(c)) {
            pict_ = true;
        } else if (!is_extender(c, k)) {
            pict_ = false;
        }
        ri_ = unicode::is_regional_indicator(c) ? ri_ + 1 : 0;
        prev_ = c;
        prev_cat_ = k;
    }

private:
    char32_t prev_;
    Category prev_cat_;
    bool pict_ = false;
    int ri_ = 0;
};

// False when `c` starts a new cluster whatever comes before it (GB3-GB13 can join only a "\n", an
// extender, a Hangul jamo or syllable, a pictograph or a regional indicator): most characters of
// Latin, Arabic and Han text, answered without the Unicode tables.
inline bool may_join(char32_t c) {
    if (c < 0x300) return c == '\n' || c == 0xA9 || c == 0xAD || c == 0xAE;  // ©, soft hyphen, ®
    if (c >= 0x4E00 && c <= 0x9FFF) return false;                            // CJK ideographs (Lo)
    if ((c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x066E && c <= 0x066F) ||
        (c >= 0x0671 && c <= 0x06D3))
        return false;  // Arabic letters (Lo)
    return true;
}

// The end of the cluster whose first character `first` starts at `p`, not going past code point `limit`.
Pos cluster_end(std::string_view s, Pos p, char32_t first, size_t limit) {
    Pos q;
    char_at(s, p, q);
    if (q.cp >= limit) return q;
    if (Pos ignored; !may_join(char_at(s, q, ignored))) return q;  // the usual case: a one-character cluster
    Cluster cl(first);
    while (q.cp < limit) {
        Pos next;
        const char32_t c = char_at(s, q, next);
        const Category k = unicode::category(c);
        if (!cl.joins(c, k)) break;
        cl.push(c, k);
        q = next;
    }
    return q;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lexer
// ---------------------------------------------------------------------------------------------

inline bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
// Hyphen-minus, hyphen, non-breaking hyphen, soft hyphen.
inline bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x00AD; }

// What a character contributes to a word.
enum class WordPart : unsigned char { None, Letter, Digit, Extender };

inline WordPart word_part(char32_t c, Category k) {
    switch (k) {
        case Category::Letter: return unicode::is_ideograph(c) ? WordPart::None : WordPart::Letter;
        case Category::Digit: return WordPart::Digit;
        case Category::OtherNumber: return unicode::is_ideograph(c) ? WordPart::None : WordPart::Digit;
        case Category::Mark:
        case Category::Format: return WordPart::Extender;
        case Category::Symbol: return unicode::is_emoji_modifier(c) ? WordPart::Extender : WordPart::None;
        default: return WordPart::None;
    }
}

// Clitics and elisions are words of their own (as Penn Treebank and CoNLL tokenize, and as
// snapping a selection over "Arab League's" should give "Arab League"):
// - English "'s" / "’s" after a word, and "n't" ("do" + "n't");
// - French and Italian elisions before a word: "l’", "d’", "qu’", "dell’", ... ("l’" + "Assemblée").
inline bool is_ascii_letter(char32_t c, char lower) {
    return c == static_cast<char32_t>(lower) || c == static_cast<char32_t>(lower - 32);
}

// True when the word characters from `p` on are exactly `tail` (ASCII, case-insensitive) followed by
// something that cannot continue a word (or the end of the text).
bool word_ends_with(std::string_view s, Pos p, std::string_view tail) {
    for (const char want : tail) {
        if (p.byte >= s.size()) return false;
        Pos next;
        const char32_t c = char_at(s, p, next);
        if (want == '\'') {
            if (!is_apostrophe(c)) return false;
        } else if (!is_ascii_letter(c, want)) {
            return false;
        }
        p = next;
    }
    if (p.byte >= s.size()) return true;
    Pos ignored;
    const char32_t c = char_at(s, p, ignored);
    return word_part(c, unicode::category(c)) == WordPart::None;
}

// The elided articles and prepositions of French and Italian, lower case, without the apostrophe.
bool is_elision(std::string_view word) {
    static constexpr std::array<std::string_view, 22> kElisions = {
        "l",     "d",      "j",    "m",   "n",    "s",    "t",    "c",    "qu", "lorsqu", "puisqu",
        "jusqu", "quoiqu", "dell", "all", "nell", "sull", "dall", "coll", "un", "quell",  "tutt"};
    std::string lower;
    for (const char c : word) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
        lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    return std::find(kElisions.begin(), kElisions.end(), lower) != kElisions.end();
}

// Produces the tokens of the code points [start, end) one at a time.
class Lexer {
public:
    Lexer(const Text& text, size_t start, size_t end) : s_(text.utf8()), pos_{text.byte_of(start), start}, end_(end) {}

    bool next(Token& out) {
        // Skip what belongs to no token. A lone format character (a stray ZWJ or variation
        // selector after whitespace) is invisible too.
        char32_t c = 0;
        Category k = Category::Control;
        Pos after;
        for (;;) {
            if (pos_.cp >= end_) return false;
            c = char_at(s_, pos_, after);
            k = unicode::category(c);
            if (!is_gap(k) && k != Category::Format) break;
            pos_ = after;
        }
        out.start = pos_.cp;
        const WordPart part = word_part(c, k);
        if (is_apostrophe(c) && after.cp < end_ && after_letter() && word_ends_with(s_, pos_, "'s")) {
            // The "'s" split from the word before it (scan_word stopped there).
            Pos p = after;
            char_at(s_, p, pos_);
            out.kind = TokenKind::Word;
        } else if (part != WordPart::None) {
            out.kind = scan_word(part) ? TokenKind::Word : TokenKind::Number;
        } else {
            out.kind = unicode::is_ideograph(c) ? TokenKind::Word
                       : k == Category::Punct   ? TokenKind::Punct
                                                : TokenKind::Symbol;
            pos_ = cluster_end(s_, pos_, c, end_);
        }
        out.end = pos_.cp;
        // "Followed by whitespace" looks at the text itself, even past the end of the range.
        out.space_after = false;
        if (pos_.byte < s_.size()) {
            Pos ignored;
            out.space_after = unicode::category(char_at(s_, pos_, ignored)) == Category::Space;
        }
        return true;
    }

private:
    // Consumes a word or number starting at pos_ (its first character is `first`); true for a word,
    // false for a number (digits and no letter).
    bool scan_word(WordPart first) {
        bool has_letter = false, has_digit = false;
        WordPart last = WordPart::None;  // the last letter or digit, ignoring extenders
        // Abbreviation chains ("U.S."): every period-separated segment is a single letter.
        size_t segment = 0;  // letters in the current segment
        size_t inner_periods = 0;
        bool chain = true;
        const size_t start_byte = pos_.byte;
        WordPart part = first;
        for (;;) {
            Pos after;
            char_at(s_, pos_, after);
            if (part == WordPart::Letter) {
                has_letter = true;
                ++segment;
            } else if (part == WordPart::Digit) {
                has_digit = true;
                chain = false;
            }
            if (part != WordPart::Extender) last = part;
            pos_ = after;
            if (pos_.cp >= end_) break;

            Pos after_next;
            const char32_t n = char_at(s_, pos_, after_next);
            const Category nk = unicode::category(n);
            part = word_part(n, nk);
            // "don't": "n't" starts a word of its own.
            if (part == WordPart::Letter && last == WordPart::Letter && is_ascii_letter(n, 'n') &&
                word_ends_with(s_, pos_, "n't")) {
                break;
            }
            if (part != WordPart::None) continue;

            // Punctuation stays inside when the character after it continues the word.
            if (after_next.cp >= end_) break;
            Pos ignored;
            const char32_t n2 = char_at(s_, after_next, ignored);
            const WordPart next2 = word_part(n2, unicode::category(n2));
            bool inner = false;
            if (is_apostrophe(n)) {
                inner = last == WordPart::Letter && next2 == WordPart::Letter;
                // "League's": the "'s" is a word of its own (but "O’Brien" stays whole).
                if (inner && word_ends_with(s_, pos_, "'s")) break;
                // "l’Assemblée": the elided article ends with its apostrophe ("n't" is not one).
                if (inner && is_elision(s_.substr(start_byte, pos_.byte - start_byte)) &&
                    !word_ends_with(s_, pos_, "'t")) {
                    pos_ = after_next;
                    break;
                }
            } else if (is_hyphen(n)) {
                // "al-Assad", "Yak-130", "3-D", but a range of numbers ("1990-2000") splits.
                inner = (last == WordPart::Letter && next2 != WordPart::None && next2 != WordPart::Extender) ||
                        (last == WordPart::Digit && next2 == WordPart::Letter);
            } else if (n == '.') {
                inner = (last == WordPart::Letter && next2 == WordPart::Letter) ||
                        (last == WordPart::Digit && next2 == WordPart::Digit);
            } else if (n == ',' || n == 0x066B || n == 0x066C) {  // and the Arabic decimal/thousands separators
                inner = last == WordPart::Digit && next2 == WordPart::Digit;
            }
            if (!inner) break;
            if (n == '.' && last == WordPart::Letter) {
                chain = chain && segment == 1;
                ++inner_periods;
                segment = 0;
            } else if (n != '.') {
                chain = false;
            }
            pos_ = after_next;
            part = next2;
        }
        // The final period of "U.S." or "e.g." belongs to the abbreviation.
        if (chain && inner_periods > 0 && segment == 1 && last == WordPart::Letter && pos_.cp < end_) {
            Pos after;
            if (char_at(s_, pos_, after) == '.') pos_ = after;
        }
        return has_letter || !has_digit;  // a lone combining mark is a (broken) word, not a number
    }

    // True when the character before pos_ is a letter (a clitic "'s" follows a word).
    bool after_letter() const {
        if (pos_.cp == 0) return false;
        Pos ignored;
        const char32_t c = char_at(s_, step_back(s_, pos_), ignored);
        return word_part(c, unicode::category(c)) == WordPart::Letter;
    }

    std::string_view s_;
    Pos pos_;
    size_t end_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Sentences
// ---------------------------------------------------------------------------------------------

// Ends a sentence in cased scripts when a capitalised word or a quote follows.
inline bool is_terminator(char32_t c) {
    return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x203C || (c >= 0x2047 && c <= 0x2049);
}

// Full stops of scripts without case (CJK, Arabic, Devanagari, Ethiopic): they end a sentence
// whatever follows, as there is no capital letter to wait for.
inline bool is_caseless_terminator(char32_t c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF0E || c == 0xFF1F || c == 0xFF61 || c == 0x061F || c == 0x06D4 ||
           c == 0x0964 || c == 0x0965 || c == 0x1362;
}

inline bool is_closer(char32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x2019 || c == 0x201D || c == 0x00BB || c == 0x00AB ||
           c == 0x300D || c == 0x300F || c == 0xFF09;
}

inline bool is_opener(char32_t c) {
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x2018 || c == 0x201C || c == 0x201E || c == 0x00AB ||
           c == 0x00BB || c == 0x00BF || c == 0x00A1 || c == 0x300C || c == 0x300E;
}

// A period after these is not the end of a sentence ("Mr. Smith", "George W. Bush").
bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 22> kTitles = {
        "Mr",  "Mrs",  "Ms",  "Dr",  "Prof", "St",  "Sr",  "Jr", "Gen",    "Col", "Lt",
        "Sgt", "Capt", "Gov", "Sen", "Rep",  "Rev", "Hon", "Mt", "Messrs", "Mme", "Mlle"};
    if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return true;
    return std::find(kTitles.begin(), kTitles.end(), word) != kTitles.end();
}

}  // namespace

std::vector<Token> tokenize(const Text& text) { return tokenize(text, 0, text.size()); }

std::vector<Token> tokenize(const Text& text, size_t start, size_t end) {
    end = std::min(end, text.size());
    start = std::min(start, end);
    std::vector<Token> tokens;
    tokens.reserve((text.byte_of(end) - text.byte_of(start)) / 5 + 1);
    Lexer lexer(text, start, end);
    Token t;
    while (lexer.next(t)) tokens.push_back(t);
    return tokens;
}

namespace {
// One character of the whitespace between two tokens counted into `b` (at most 2); `lf_next`: an
// "\n" follows (a "\r\n" counts at its "\n").
inline void count_line_break(char32_t c, bool lf_next, unsigned char& b) {
    if (c == '\n' || c == 0x2028 || c == 0x85 || c == 0x0B || c == 0x0C) {
        ++b;
    } else if (c == '\r') {
        if (!lf_next) ++b;
    } else if (c == 0x2029) {
        b = 2;
    }
    b = std::min<unsigned char>(b, 2);
}
}  // namespace

unsigned sentence_line_breaks(std::string_view gap) {
    unsigned char b = 0;
    for (size_t i = 0; i < gap.size() && b < 2;) {
        const char32_t c = utf8::decode(gap, i);
        count_line_break(c, i < gap.size() && gap[i] == '\n', b);
    }
    return b;
}

std::vector<TokenRange> split_sentences(const Text& text, const std::vector<Token>& tokens, bool* terminated) {
    std::vector<TokenRange> sentences;
    if (terminated) *terminated = false;
    const size_t n = tokens.size();
    if (n == 0) return sentences;

    // One pass over the bytes: the first character of each token, and the line breaks between
    // each token and the next (2 means a blank line or a paragraph separator).
    const std::string_view s = text.utf8();
    std::vector<char32_t> first(n);
    std::vector<unsigned char> breaks(n, 0);
    std::vector<bool> ends_with_period(n, false);
    Pos p{text.byte_of(tokens[0].start), tokens[0].start};
    for (size_t k = 0; k < n; ++k) {
        while (p.cp < tokens[k].start) {  // the gap before token k
            const char32_t c = char_at(s, p, p);
            count_line_break(c, p.byte < s.size() && s[p.byte] == '\n', breaks[k - 1]);
        }
        Pos after;
        first[k] = char_at(s, p, after);
        while (p.cp < tokens[k].end) {
            p.byte += utf8::sequence_length(static_cast<unsigned char>(s[p.byte]));
            ++p.cp;
        }
        ends_with_period[k] = s[p.byte - 1] == '.';
    }

    size_t begin = 0;
    auto close = [&](size_t end) {
        if (end > begin) sentences.push_back({begin, end});
        begin = end;
    };
    for (size_t k = 0; k < n; ++k) {
        const Token& t = tokens[k];
        const bool cased = t.kind == TokenKind::Punct && is_terminator(first[k]);
        const bool caseless = t.kind == TokenKind::Punct && is_caseless_terminator(first[k]);
        // An abbreviation ("U.S.") at the end of a paragraph ends its sentence too.
        const bool abbreviation = t.kind == TokenKind::Word && ends_with_period[k];
        if (!cased && !caseless && !abbreviation) {
            if (k + 1 < n && breaks[k] >= 2) close(k + 1);  // always at a blank line
            continue;
        }
        // Take the run of terminators and closing quotes/brackets glued to this one ("?!", ".”").
        size_t j = k;
        bool any_caseless = caseless;
        while (j + 1 < n && tokens[j].end == tokens[j + 1].start && tokens[j + 1].kind == TokenKind::Punct &&
               (is_terminator(first[j + 1]) || is_caseless_terminator(first[j + 1]) || is_closer(first[j + 1]))) {
            ++j;
            any_caseless = any_caseless || is_caseless_terminator(first[j]);
        }
        if (j + 1 >= n) {
            if (terminated) *terminated = true;
            break;
        }
        bool split = breaks[j] >= 1;
        if (!split && !abbreviation) {
            const bool gap = tokens[j].end < tokens[j + 1].start;
            const bool cased_next = gap && (unicode::is_upper(first[j + 1]) || is_opener(first[j + 1]));
            split = any_caseless || cased_next;
            // "Mr. Smith", "W. Bush": a period glued to a title or an initial.
            if (split && !any_caseless && first[k] == '.' && k > 0 && tokens[k - 1].end == t.start &&
                is_abbreviation(text.slice(tokens[k - 1].start, tokens[k - 1].end))) {
                split = false;
            }
        }
        if (split) close(j + 1);
        k = j;
    }
    close(n);
    return sentences;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Words and graphemes at an offset
// ---------------------------------------------------------------------------------------------

namespace {

// How far word_at looks back for the whitespace that starts a token and the grapheme functions
// for a cluster start: bounds the work per call in texts without spaces (a 1 MB base64 blob).
constexpr size_t kMaxLookBack = 4096;

}  // namespace

Span word_at(const Text& text, size_t cp) {
    if (cp >= text.size()) return {text.size(), text.size()};
    const std::string_view s = text.utf8();
    // Back to just after the previous whitespace: tokens never cross it, so lexing from there gives
    // the same tokens as lexing the whole text.
    Pos p{text.byte_of(cp), cp};
    for (size_t n = 0; p.cp > 0 && n < kMaxLookBack; ++n) {
        const Pos q = step_back(s, p);
        Pos ignored;
        if (unicode::category(char_at(s, q, ignored)) == Category::Space) break;
        p = q;
    }
    Lexer lexer(text, p.cp, text.size());
    Token t;
    while (lexer.next(t)) {
        if (t.start > cp) break;
        if (t.end > cp) return {t.start, t.end};
    }
    return {cp, cp};
}

Span snap_to_words(const Text& text, size_t start, size_t end) {
    start = std::min(start, text.size());
    end = std::min(end, text.size());
    if (start > end) std::swap(start, end);
    const std::string_view s = text.utf8();
    // Trim what belongs to no token on both sides.
    Pos a{text.byte_of(start), start};
    while (a.cp < end) {
        Pos after;
        if (!is_gap(unicode::category(char_at(s, a, after)))) break;
        a = after;
    }
    if (a.cp == end) return {start, start};
    Pos b{text.byte_of(end), end};
    while (b.cp > a.cp) {
        const Pos q = step_back(s, b);
        Pos ignored;
        if (!is_gap(unicode::category(char_at(s, q, ignored)))) break;
        b = q;
    }
    const Span first = word_at(text, a.cp);
    const Span last = word_at(text, b.cp - 1);
    return {first.start < first.end ? first.start : a.cp, last.start < last.end ? last.end : b.cp};
}

namespace {

// A cluster boundary at or before code point `cp` (< text size), near it.
Pos cluster_start_before(const Text& text, size_t cp) {
    const std::string_view s = text.utf8();
    Pos p{text.byte_of(cp), cp};
    for (size_t n = 0; p.cp > 0 && n < kMaxLookBack; ++n) {
        Pos ignored;
        if (is_hard_start(char_at(s, p, ignored))) break;
        p = step_back(s, p);
    }
    return p;
}

}  // namespace

size_t next_grapheme(const Text& text, size_t cp) {
    if (cp >= text.size()) return text.size();
    const std::string_view s = text.utf8();
    Pos p = cluster_start_before(text, cp);
    for (;;) {
        Pos ignored;
        const Pos e = cluster_end(s, p, char_at(s, p, ignored), text.size());
        if (e.cp > cp) return e.cp;
        p = e;
    }
}

size_t prev_grapheme(const Text& text, size_t cp) {
    cp = std::min(cp, text.size());
    if (cp == 0) return 0;
    const std::string_view s = text.utf8();
    Pos p = cluster_start_before(text, cp - 1);
    for (;;) {
        Pos ignored;
        const Pos e = cluster_end(s, p, char_at(s, p, ignored), text.size());
        if (e.cp >= cp) return p.cp;
        p = e;
    }
}

}  // namespace aa
