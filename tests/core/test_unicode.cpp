// Tests for src/core/unicode: categories from the generated tables (ASCII fast path, Latin-1,
// other scripts, the White_Space and Format overrides, unassigned and private code points) and
// the emoji, ideograph and case properties the tokenizer relies on.
#include <doctest/doctest.h>

#include "core/unicode.hpp"

using namespace aa::unicode;

TEST_CASE("category of ASCII") {
    CHECK(category('a') == Category::Letter);
    CHECK(category('Z') == Category::Letter);
    CHECK(category('0') == Category::Digit);
    CHECK(category('9') == Category::Digit);
    CHECK(category('.') == Category::Punct);
    CHECK(category('-') == Category::Punct);
    CHECK(category('_') == Category::Punct);
    CHECK(category('"') == Category::Punct);
    CHECK(category('$') == Category::Symbol);
    CHECK(category('+') == Category::Symbol);
    CHECK(category('`') == Category::Symbol);
    CHECK(category(' ') == Category::Space);
    CHECK(category('\t') == Category::Space);
    CHECK(category('\n') == Category::Space);
    CHECK(category('\r') == Category::Space);
    CHECK(category(0) == Category::Control);
    CHECK(category(0x7F) == Category::Control);
}

TEST_CASE("category of Latin-1") {
    CHECK(category(U'é') == Category::Letter);
    CHECK(category(U'ß') == Category::Letter);
    CHECK(category(0xA0) == Category::Space);  // NBSP is White_Space
    CHECK(category(0x85) == Category::Space);  // NEL
    CHECK(category(U'«') == Category::Punct);
    CHECK(category(U'©') == Category::Symbol);
    CHECK(category(U'²') == Category::OtherNumber);
    CHECK(category(U'½') == Category::OtherNumber);
    CHECK(category(0xAD) == Category::Control);  // soft hyphen, Cf
    CHECK(category(0x9F) == Category::Control);
}

TEST_CASE("category of other scripts, marks, numbers, punctuation and symbols") {
    CHECK(category(U'Σ') == Category::Letter);
    CHECK(category(U'ж') == Category::Letter);
    CHECK(category(U'ب') == Category::Letter);
    CHECK(category(U'東') == Category::Letter);
    CHECK(category(U'한') == Category::Letter);
    CHECK(category(0x20000) == Category::Letter);  // CJK Extension B, from a First/Last range
    CHECK(category(0x0301) == Category::Mark);
    CHECK(category(0x094D) == Category::Mark);  // Devanagari virama
    CHECK(category(0x0903) == Category::Mark);  // spacing mark
    CHECK(category(0x20E3) == Category::Mark);  // enclosing keycap
    CHECK(category(U'٣') == Category::Digit);
    CHECK(category(0x1D7CE) == Category::Digit);  // mathematical bold digit zero
    CHECK(category(U'Ⅻ') == Category::OtherNumber);
    CHECK(category(U'“') == Category::Punct);
    CHECK(category(U'—') == Category::Punct);
    CHECK(category(U'。') == Category::Punct);
    CHECK(category(U'€') == Category::Symbol);
    CHECK(category(U'🚀') == Category::Symbol);
    CHECK(category(0x1F3FB) == Category::Symbol);  // skin tone modifier, Sk
    CHECK(category(0x1F1EB) == Category::Symbol);  // regional indicator F
}

TEST_CASE("category applies the White_Space and Format overrides") {
    CHECK(category(0x2003) == Category::Space);    // em space
    CHECK(category(0x3000) == Category::Space);    // ideographic space
    CHECK(category(0x2028) == Category::Space);    // line separator
    CHECK(category(0x2029) == Category::Space);    // paragraph separator
    CHECK(category(0x200B) == Category::Control);  // zero-width space is not White_Space
    CHECK(category(0xFEFF) == Category::Control);
    CHECK(category(0x200C) == Category::Format);   // ZWNJ
    CHECK(category(0x200D) == Category::Format);   // ZWJ
    CHECK(category(0xFE0F) == Category::Format);   // VS16
    CHECK(category(0xE0100) == Category::Format);  // VS17
    CHECK(category(0xE0067) == Category::Format);  // tag letter g
}

TEST_CASE("unassigned, private-use, surrogate and out-of-range code points are Control") {
    CHECK(category(0x0378) == Category::Control);
    CHECK(category(0xE000) == Category::Control);
    CHECK(category(0xD800) == Category::Control);
    CHECK(category(0x10FFFF) == Category::Control);
    CHECK(category(0x110000) == Category::Control);
    CHECK(category(0xFFFFFFFF) == Category::Control);
}

TEST_CASE("every code point has a category, and is_space agrees with it") {
    int spaces = 0;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        const Category k = category(c);
        if (static_cast<int>(k) > static_cast<int>(Category::Format)) {
            FAIL_CHECK("bad category for U+" << static_cast<unsigned>(c));
            break;
        }
        if (is_space(c)) ++spaces;
        if (is_space(c) != (k == Category::Space)) {
            FAIL_CHECK("is_space disagrees at U+" << static_cast<unsigned>(c));
            break;
        }
    }
    CHECK(spaces == 25);  // PropList.txt 15.0: White_Space has 25 code points
}

TEST_CASE("is_space") {
    CHECK(is_space(' '));
    CHECK(is_space('\t'));
    CHECK(is_space(0xA0));
    CHECK(is_space(0x3000));
    CHECK_FALSE(is_space('a'));
    CHECK_FALSE(is_space(0x200B));
    CHECK_FALSE(is_space(0x1F680));
}

TEST_CASE("emoji properties: pictographs, regional indicators, modifiers") {
    CHECK(is_extended_pictographic(U'🚀'));
    CHECK(is_extended_pictographic(U'©'));
    CHECK(is_extended_pictographic(0x2764));   // heavy black heart
    CHECK(is_extended_pictographic(0x1F468));  // man
    CHECK(is_extended_pictographic(0x1FFFD));  // reserved, but Extended_Pictographic
    CHECK_FALSE(is_extended_pictographic('A'));
    CHECK_FALSE(is_extended_pictographic('#'));
    CHECK_FALSE(is_extended_pictographic(0x1F3FB));
    CHECK_FALSE(is_extended_pictographic(0x1F1EB));
    CHECK(is_regional_indicator(0x1F1E6));
    CHECK(is_regional_indicator(0x1F1FF));
    CHECK_FALSE(is_regional_indicator(0x1F1E5));
    CHECK_FALSE(is_regional_indicator(0x1F200));
    CHECK(is_emoji_modifier(0x1F3FB));
    CHECK(is_emoji_modifier(0x1F3FF));
    CHECK_FALSE(is_emoji_modifier(0x1F3FA));
    CHECK_FALSE(is_emoji_modifier(0x1F400));
    CHECK_FALSE(is_emoji_modifier('a'));
}

TEST_CASE("is_ideograph covers Han, Hiragana and Katakana letters only") {
    CHECK(is_ideograph(U'東'));
    CHECK(is_ideograph(U'京'));
    CHECK(is_ideograph(U'に'));
    CHECK(is_ideograph(U'タ'));
    CHECK(is_ideograph(U'ー'));  // prolonged sound mark: Common script, Katakana by extension
    CHECK(is_ideograph(U'々'));
    CHECK(is_ideograph(U'〇'));  // Nl
    CHECK(is_ideograph(0x20000));
    CHECK(is_ideograph(0xFF76));  // halfwidth katakana
    CHECK_FALSE(is_ideograph('A'));
    CHECK_FALSE(is_ideograph(U'한'));
    CHECK_FALSE(is_ideograph(U'。'));
    CHECK_FALSE(is_ideograph(0x2E80));  // CJK radical: a symbol
}

TEST_CASE("is_upper is true for uppercase and titlecase letters") {
    CHECK(is_upper('A'));
    CHECK(is_upper('Z'));
    CHECK(is_upper(U'É'));
    CHECK(is_upper(U'Σ'));
    CHECK(is_upper(U'Ж'));
    CHECK(is_upper(0x01C5));   // Dž, titlecase
    CHECK(is_upper(0x1D400));  // mathematical bold capital A
    CHECK_FALSE(is_upper('a'));
    CHECK_FALSE(is_upper('@'));
    CHECK_FALSE(is_upper(U'ß'));
    CHECK_FALSE(is_upper(U'東'));
    CHECK_FALSE(is_upper('1'));
}
