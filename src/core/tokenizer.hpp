// Tokenizer: Unicode-aware words, numbers, punctuation and symbols with code-point offsets,
// for snapping selections to whole words and for the token-based formats (CoNLL, Prodigy).
// Character classes come from the Unicode Character Database (unicode.hpp).
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace aa {

enum class TokenKind { Word, Number, Punct, Symbol };

struct Token {
    size_t start = 0;  // code points
    size_t end = 0;    // exclusive
    TokenKind kind = TokenKind::Word;
    bool space_after = false;  // followed by whitespace (Prodigy's "ws")
    friend bool operator==(const Token&, const Token&) = default;
};

// Rules, in order:
// - whitespace separates tokens and is never part of one; neither are invisible controls (zero-width
//   space, byte-order mark, a soft hyphen outside a word) nor a joiner or selector after whitespace;
// - a word is a run of letters, marks and digits (Nd, Nl, No); an apostrophe (' or U+2019) or a
//   period between two letters stays inside it ("O’Brien", "U.S"), a hyphen (-, U+2010, U+2011,
//   soft hyphen) between two word characters unless both are digits ("al-Assad", "Yak-130", but
//   "1990", "-", "2000"), and so does a trailing period of a single-letter abbreviation chain
//   ("U.S.", "e.g."; not "Ph.D.");
// - clitics and elisions are words of their own, as CoNLL and Penn Treebank tokenize: English
//   "'s" / "’s" after a word and "n't" ("League|'s", "do|n't"), French and Italian elided articles
//   and prepositions with their apostrophe ("l’|Assemblée", "qu’|il", "dell’|Unione");
// - a number is such a run with digits and no letter; "." or "," between two digits stays inside
//   it ("5,000", "3.5", "1,234.5"; also the Arabic separators U+066B, U+066C);
// - ideographs (Han, Hiragana, Katakana) are one token each (no dictionary here);
// - each other character is a token of its own (punctuation or symbol), except that a
//   grapheme cluster stays whole: combining marks, ZWJ sequences ("👨🏻‍🚒"), variation
//   selectors, emoji modifiers and regional-indicator pairs (flags) join the previous character.
// Linear time; about 7 ms per MB of English text in a release build.
std::vector<Token> tokenize(const Text& text);
// Tokens of the code points [start, end) of `text` only (offsets still relative to the text).
std::vector<Token> tokenize(const Text& text, size_t start, size_t end);

// Sentences as half-open ranges of token indices, split after ".", "!", "?", "…" (with the closing
// quotes and brackets glued to them) when followed by a capitalised word, an opening quote or
// bracket, or a line break, and always at a blank line. A period glued to a title or an initial
// ("Mr.", "W.") does not end a sentence; an abbreviation word ("U.S.") ends one only at a line break.
// Full stops of caseless scripts ("。", "！", "？", "؟", "।") split whatever follows.
// The ranges cover all tokens, in order; no tokens, no sentences.
struct TokenRange {
    size_t begin = 0, end = 0;
    friend bool operator==(const TokenRange&, const TokenRange&) = default;
};
// `terminated` (optional) is set to whether the last token closes a run of terminators (or an
// abbreviation), so that a line break after it would end its sentence: a text split at line breaks
// (Suggest's pieces) carries that to the next piece.
std::vector<TokenRange> split_sentences(const Text& text, const std::vector<Token>& tokens, bool* terminated = nullptr);
// The line breaks that split_sentences counts in whitespace between tokens: 0, 1, or 2 for a blank
// line or more (or a paragraph separator).
unsigned sentence_line_breaks(std::string_view gap);

// The word (token) containing code point `cp`, or the empty range [cp, cp) when cp is on whitespace
// (or an invisible control); [size, size) at or past the end. Inside a grapheme cluster, the token
// holding the whole cluster. Looks back at most 4096 code points for the whitespace before cp.
struct Span {
    size_t start = 0, end = 0;
    friend bool operator==(const Span&, const Span&) = default;
};
Span word_at(const Text& text, size_t cp);
// Grows [start, end) to whole tokens: start moves back to its token's start, end forward to its
// token's end; surrounding whitespace is trimmed. Offsets past the end are clamped and a reversed
// range is swapped. Returns the empty span [start, start) for empty or all-whitespace input.
Span snap_to_words(const Text& text, size_t start, size_t end);
// Moves to the previous / next grapheme cluster boundary (for character-precise editing): UAX #29
// extended grapheme clusters (CRLF, Hangul, Extend, SpacingMark, emoji ZWJ sequences, flags), except
// that Prepend characters do not join what follows and unassigned code points act as controls.
// From inside a cluster, prev goes to its start and next to its end; both clamp at 0 and size().
size_t prev_grapheme(const Text& text, size_t cp);
size_t next_grapheme(const Text& text, size_t cp);

}  // namespace aa
