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
// - whitespace separates tokens and is never part of one;
// - a word is a run of letters, marks and digits; an apostrophe (' or U+2019), a hyphen or a
//   period between two letters stays inside it ("al-Assad", "O’Brien", "U.S"), and so does a
//   trailing period of a single-letter abbreviation chain ("U.S.");
// - a number is a run of digits with inner "." or "," between digits ("5,000", "3.5");
// - ideographs (Han, Hiragana, Katakana) are one token each (no dictionary here);
// - each other character is a token of its own (punctuation or symbol), except that a
//   grapheme cluster stays whole: combining marks, ZWJ sequences ("👨🏻‍🚒"), variation
//   selectors, emoji modifiers and regional-indicator pairs (flags) join the previous character.
std::vector<Token> tokenize(const Text& text);
// Tokens of the code points [start, end) of `text` only (offsets still relative to the text).
std::vector<Token> tokenize(const Text& text, size_t start, size_t end);

// Sentences as half-open ranges of token indices, split after ".", "!", "?" (and their
// full-width forms) when followed by a capitalised word, a quote, or a paragraph break, and
// always at a blank line.
struct TokenRange {
    size_t begin = 0, end = 0;
    friend bool operator==(const TokenRange&, const TokenRange&) = default;
};
std::vector<TokenRange> split_sentences(const Text& text, const std::vector<Token>& tokens);

// The word (token) containing code point `cp`, or the empty range [cp, cp) when cp is on whitespace.
struct Span {
    size_t start = 0, end = 0;
    friend bool operator==(const Span&, const Span&) = default;
};
Span word_at(const Text& text, size_t cp);
// Grows [start, end) to whole tokens: start moves back to its token's start, end forward to its
// token's end; surrounding whitespace is trimmed. Returns an empty span for all-whitespace input.
Span snap_to_words(const Text& text, size_t start, size_t end);
// Moves to the previous / next grapheme cluster boundary (for character-precise editing).
size_t prev_grapheme(const Text& text, size_t cp);
size_t next_grapheme(const Text& text, size_t cp);

}  // namespace aa
