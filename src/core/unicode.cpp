// Unicode character properties: binary searches over the generated range tables in unicode_data.inc
// (scripts/gen_unicode_tables.py). Latin-1 is answered from a direct table: the tokenizer asks for
// the category of every character of texts of several megabytes, most of them ASCII.
#include "core/unicode.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace aa::unicode {
namespace data {

struct Range {
    std::uint32_t first, last;  // inclusive
};

struct FoldRun {
    std::uint32_t first, last;  // inclusive
    std::uint32_t stride;       // 1 or 2
    std::int32_t delta;
};

constexpr std::uint32_t R(std::uint32_t start, Category c) { return start << 8 | static_cast<std::uint32_t>(c); }

// Short names used by the generated tables.
constexpr Category L = Category::Letter, M = Category::Mark, D = Category::Digit, N = Category::OtherNumber,
                   P = Category::Punct, S = Category::Symbol, W = Category::Space, C = Category::Control,
                   F = Category::Format;

#include "core/unicode_data.inc"

template <size_t Count>
bool in_ranges(const Range (&ranges)[Count], char32_t c) {
    if (c < ranges[0].first) return false;  // most text is below every range of the small tables
    // First range whose last >= c; c is inside it when first <= c.
    const auto* it = std::lower_bound(std::begin(ranges), std::end(ranges), static_cast<std::uint32_t>(c),
                                      [](const Range& r, std::uint32_t v) { return r.last < v; });
    return it != std::end(ranges) && it->first <= c;
}

}  // namespace data

Category category(char32_t c) {
    if (c < 0x100) return data::kLatin1[c];
    if (c > 0x10FFFF) return Category::Control;
    // Last entry whose start <= c: upper_bound on (c << 8 | 0xFF), then one step back.
    const std::uint32_t key = static_cast<std::uint32_t>(c) << 8 | 0xFFu;
    const auto* it = std::upper_bound(std::begin(data::kCategoryRanges), std::end(data::kCategoryRanges), key);
    return static_cast<Category>(*(it - 1) & 0xFFu);
}

bool is_space(char32_t c) { return category(c) == Category::Space; }

bool is_extended_pictographic(char32_t c) { return data::in_ranges(data::kExtendedPictographic, c); }

bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

bool is_emoji_modifier(char32_t c) { return data::in_ranges(data::kEmojiModifier, c); }

bool is_ideograph(char32_t c) { return data::in_ranges(data::kIdeograph, c); }

bool is_upper(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return data::in_ranges(data::kUpper, c);
}

char32_t fold_case(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    // Last run whose first <= c.
    const auto* it =
        std::upper_bound(std::begin(data::kCaseFold), std::end(data::kCaseFold), static_cast<std::uint32_t>(c),
                         [](std::uint32_t v, const data::FoldRun& r) { return v < r.first; });
    if (it == std::begin(data::kCaseFold)) return c;
    --it;
    if (c > it->last || (c - it->first) % it->stride != 0) return c;
    return static_cast<char32_t>(static_cast<std::int32_t>(c) + it->delta);
}

}  // namespace aa::unicode
