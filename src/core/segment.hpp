// Text segmentation by the Unicode algorithms: grapheme clusters and words (UAX #29) and line-break
// opportunities (UAX #14), over code points. Implemented with libunibreak 6.1, which stays private
// to this file's .cpp: the interface is standard types only.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aa::seg {

// Each function returns one entry per position 0..s.size() (s.size() + 1 entries): position i is
// between s[i - 1] and s[i]. Position 0 and s.size() are boundaries (for non-empty s).

// Extended grapheme cluster boundaries (UAX #29, Unicode 15.1 rules including GB9c).
std::vector<bool> grapheme_boundaries(std::u32string_view s);

// Word boundaries (UAX #29 default rules, no tailoring).
std::vector<bool> word_boundaries(std::u32string_view s);

enum class LineBreak : unsigned char { None, Allow, Must };
// Line-break opportunities (UAX #14). `lang` tailors: "zh"/"ja"/"ko" resolve ambiguous (AI)
// characters as ideographs; a "-strict" suffix resolves CJ (small kana) as NS, which is UAX #14's
// default (LB1); without it CJ is an ideograph, as CSS `line-break: normal` and browsers do.
// Position 0 is None; position s.size() is Must.
std::vector<LineBreak> line_breaks(std::u32string_view s, const char* lang = "");

// The code points of UTF-8 `utf8` (assumed valid; an invalid byte decodes as U+FFFD).
std::u32string to_utf32(std::string_view utf8);

// `utf8` cut to at most `max_bytes` bytes for display, at a grapheme cluster boundary (never inside
// a UTF-8 sequence, a Devanagari conjunct or an emoji sequence), with "..." appended when cut.
std::string clip_clusters(std::string_view utf8, size_t max_bytes);

}  // namespace aa::seg
