// UAX #9 through GNU FriBidi (bidi.hpp): bidi classes and bracket pairs per code point, then
// fribidi_get_par_embedding_levels_ex and fribidi_reorder_line.
#include "core/bidi.hpp"

#include <fribidi.h>
#include <algorithm>

namespace aa::bidi {
namespace {

struct Classes {
    std::vector<FriBidiCharType> types;
    std::vector<FriBidiBracketType> brackets;
};

Classes classify(std::u32string_view text) {
    Classes c;
    c.types.resize(text.size());
    c.brackets.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        c.types[i] = fribidi_get_bidi_type(text[i]);
        // Only neutrals can be paired brackets (BD14, BD15).
        c.brackets[i] = c.types[i] == FRIBIDI_TYPE_ON ? fribidi_get_bracket(text[i]) : FRIBIDI_NO_BRACKET;
    }
    return c;
}

FriBidiParType par_type(Direction d) {
    switch (d) {
        case Direction::LTR: return FRIBIDI_PAR_LTR;
        case Direction::RTL: return FRIBIDI_PAR_RTL;
        default: return FRIBIDI_PAR_ON;
    }
}

}  // namespace

Paragraph resolve(std::u32string_view text, Direction direction) {
    Paragraph p;
    FriBidiParType base = par_type(direction);
    if (text.empty()) {
        p.base_level = direction == Direction::RTL ? 1 : 0;
        return p;
    }
    const Classes c = classify(text);
    std::vector<FriBidiLevel> levels(text.size(), 0);
    // Returns 0 only when FriBidi runs out of memory: the levels stay at 0 (left to right) then.
    const FriBidiLevel max_level = fribidi_get_par_embedding_levels_ex(
        c.types.data(), c.brackets.data(), static_cast<FriBidiStrIndex>(text.size()), &base, levels.data());
    if (max_level == 0) std::fill(levels.begin(), levels.end(), FriBidiLevel{0});
    p.base_level = FRIBIDI_IS_RTL(base) ? 1 : 0;
    p.levels.assign(levels.begin(), levels.end());
    return p;
}

Line reorder_line(std::u32string_view text, const Paragraph& paragraph, size_t start, size_t end) {
    Line line;
    if (end > text.size()) end = text.size();
    if (start >= end || end > paragraph.levels.size()) return line;
    const size_t n = end - start;
    const Classes c = classify(text.substr(start, n));
    std::vector<FriBidiLevel> levels(paragraph.levels.begin() + static_cast<std::ptrdiff_t>(start),
                                     paragraph.levels.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<FriBidiStrIndex> map(n);
    for (size_t i = 0; i < n; ++i) map[i] = static_cast<FriBidiStrIndex>(i);
    // Returns 0 only when FriBidi runs out of memory: the line keeps its logical order then.
    const FriBidiLevel reordered = fribidi_reorder_line(0, c.types.data(), static_cast<FriBidiStrIndex>(n), 0,
                                                        paragraph.base_level ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR,
                                                        levels.data(), nullptr, map.data());
    if (reordered == 0)
        for (size_t i = 0; i < n; ++i) map[i] = static_cast<FriBidiStrIndex>(i);
    line.levels.assign(levels.begin(), levels.end());
    line.visual.assign(map.begin(), map.end());
    return line;
}

Direction first_strong(std::u32string_view text) {
    // P2-P3: the first L, R or AL, skipping what is between an isolate initiator and its PDI.
    int isolate = 0;
    for (const char32_t ch : text) {
        const FriBidiCharType t = fribidi_get_bidi_type(ch);
        if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI) {
            ++isolate;
        } else if (t == FRIBIDI_TYPE_PDI) {
            if (isolate > 0) --isolate;
        } else if (t == FRIBIDI_TYPE_BS) {
            break;
        } else if (isolate == 0 && FRIBIDI_IS_LETTER(t)) {
            return FRIBIDI_IS_RTL(t) ? Direction::RTL : Direction::LTR;
        }
    }
    return Direction::Auto;
}

char32_t mirror(char32_t c) {
    FriBidiChar m = c;
    return fribidi_get_mirror_char(c, &m) ? static_cast<char32_t>(m) : c;
}

// FriBidi names the sides visually, for right-to-left text: "left" is the next character.
bool joins_next(char32_t c) { return FRIBIDI_JOINS_LEFT(fribidi_get_joining_type(c)) != 0; }
bool joins_previous(char32_t c) { return FRIBIDI_JOINS_RIGHT(fribidi_get_joining_type(c)) != 0; }
bool join_transparent(char32_t c) { return FRIBIDI_IS_JOINING_TYPE_T(fribidi_get_joining_type(c)); }

bool removed_by_x9(char32_t c) { return FRIBIDI_IS_EXPLICIT_OR_BN(fribidi_get_bidi_type(c)); }

}  // namespace aa::bidi
