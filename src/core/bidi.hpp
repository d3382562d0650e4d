// The Unicode Bidirectional Algorithm (UAX #9) over code points: embedding levels of a paragraph,
// then per line the L1 level resets and the visual order (L2), and mirrored glyphs (L4).
// Implemented with GNU FriBidi 1.0.16, private to bidi.cpp: the interface is standard types only.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace aa::bidi {

enum class Direction : unsigned char { Auto, LTR, RTL };

struct Paragraph {
    // Embedding level of each code point after rules X1-I2 (before the per-line L1). Even is
    // left-to-right, odd right-to-left. Characters removed by X9 (explicit embedding controls,
    // boundary neutrals such as ZWJ) get the level of the character before them.
    std::vector<unsigned char> levels;
    unsigned char base_level = 0;  // 0 LTR, 1 RTL: the given direction, or P2-P3's under Auto
};

// Levels of one paragraph (a paragraph separator inside `text` ends the embeddings, as X8 says,
// but the whole text keeps one base level). Auto takes the first strong character outside
// isolates (P2-P3), LTR when there is none.
Paragraph resolve(std::u32string_view text, Direction direction);

struct Line {
    std::vector<unsigned char> levels;  // after L1: trailing whitespace and separators at the base level
    std::vector<size_t> visual;         // visual[k]: the logical index (from the line start) shown k-th from the left
};
// Rules L1 and L2 for the line [start, end) of a resolved paragraph (no reordering of marks: L3
// is left to the text engine, which shapes each run in its own direction).
Line reorder_line(std::u32string_view text, const Paragraph& paragraph, size_t start, size_t end);

// The first strong direction of `text` by P2-P3: LTR, RTL, or Auto when it has no strong character.
Direction first_strong(std::u32string_view text);

// The mirrored glyph of `c` in a right-to-left run (BidiMirroring.txt), or `c` itself.
char32_t mirror(char32_t c);

// Cursive joining (ArabicShaping.txt, through FriBidi): whether `c` connects to the character
// after it in logical order (joining types D, L, C), to the one before it (D, R, C), and whether it
// is transparent to joining (T: the marks between two joined letters).
bool joins_next(char32_t c);
bool joins_previous(char32_t c);
bool join_transparent(char32_t c);

// True for the characters rule X9 removes (embedding and override controls, PDF, boundary
// neutrals): the conformance suites give them no level and no place in the visual order.
bool removed_by_x9(char32_t c);

}  // namespace aa::bidi
