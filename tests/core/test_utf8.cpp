// Tests for src/core/utf8: validation of every class of invalid input (exact message and byte
// position), decoding and encoding across the boundaries of each sequence length, sanitize().
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/utf8.hpp"

using namespace aa;

namespace {

// The message validate() gives for `s`, or "" when it accepts it.
std::string why_invalid(const std::string& s) {
    auto bad = utf8::validate(s);
    return bad ? bad->message : std::string();
}

// The byte position validate() names, or SIZE_MAX when it accepts `s`. (No REQUIRE: the
// project builds without exceptions.)
size_t invalid_at(const std::string& s) {
    auto bad = utf8::validate(s);
    return bad ? bad->byte : SIZE_MAX;
}

}  // namespace

TEST_CASE("validate accepts ASCII, every sequence length and the empty string") {
    CHECK_FALSE(utf8::validate("").has_value());
    CHECK_FALSE(utf8::validate("plain ASCII, with \t\r\n controls and \x7F").has_value());
    CHECK_FALSE(utf8::validate("caf\xC3\xA9").has_value());                     // é, 2 bytes
    CHECK_FALSE(utf8::validate("\xE2\x80\x9Cquoted\xE2\x80\x9D").has_value());  // curly quotes, 3 bytes
    CHECK_FALSE(utf8::validate("\xF0\x9F\x9A\x80").has_value());                // 🚀, 4 bytes
    CHECK_FALSE(utf8::validate(std::string("nul \0 inside", 12)).has_value());
}

TEST_CASE("validate accepts the smallest and largest code point of each sequence length") {
    CHECK(why_invalid("\xC2\x80") == "");          // U+0080
    CHECK(why_invalid("\xDF\xBF") == "");          // U+07FF
    CHECK(why_invalid("\xE0\xA0\x80") == "");      // U+0800
    CHECK(why_invalid("\xED\x9F\xBF") == "");      // U+D7FF, just below the surrogates
    CHECK(why_invalid("\xEE\x80\x80") == "");      // U+E000, just above them
    CHECK(why_invalid("\xEF\xBF\xBF") == "");      // U+FFFF
    CHECK(why_invalid("\xF0\x90\x80\x80") == "");  // U+10000
    CHECK(why_invalid("\xF4\x8F\xBF\xBF") == "");  // U+10FFFF
}

TEST_CASE("validate rejects a continuation byte where a character should start") {
    CHECK(why_invalid("\x80") == "invalid UTF-8 at byte 0: unexpected continuation byte 0x80");
    CHECK(why_invalid("ab\xBF") == "invalid UTF-8 at byte 2: unexpected continuation byte 0xBF");
    // One continuation byte too many after a valid two-byte sequence.
    CHECK(why_invalid("\xC3\xA9\xA9") == "invalid UTF-8 at byte 2: unexpected continuation byte 0xA9");
    CHECK(invalid_at("\xC3\xA9\xA9") == 2);
}

TEST_CASE("validate rejects overlong encodings") {
    CHECK(why_invalid("\xC0\xAF") == "invalid UTF-8 at byte 0: overlong encoding (lead byte 0xC0)");
    CHECK(why_invalid("x\xC1\xBF") == "invalid UTF-8 at byte 1: overlong encoding (lead byte 0xC1)");
    CHECK(why_invalid("\xE0\x80\x80") == "invalid UTF-8 at byte 0: overlong encoding (lead byte 0xE0)");
    CHECK(why_invalid("ok \xE0\x9F\xBF") == "invalid UTF-8 at byte 3: overlong encoding (lead byte 0xE0)");
    CHECK(why_invalid("\xF0\x80\x80\x80") == "invalid UTF-8 at byte 0: overlong encoding (lead byte 0xF0)");
    CHECK(why_invalid("\xC3\xA9\xF0\x8F\xBF\xBF") == "invalid UTF-8 at byte 2: overlong encoding (lead byte 0xF0)");
    CHECK(invalid_at("\xC3\xA9\xF0\x8F\xBF\xBF") == 2);
}

TEST_CASE("validate rejects encoded UTF-16 surrogates") {
    CHECK(why_invalid("\xED\xA0\x80") == "invalid UTF-8 at byte 0: encoded UTF-16 surrogate");     // U+D800
    CHECK(why_invalid("abc\xED\xBF\xBF") == "invalid UTF-8 at byte 3: encoded UTF-16 surrogate");  // U+DFFF
    // A CESU-8 style surrogate pair for U+1F680 is two surrogates, not an emoji.
    CHECK(why_invalid("\xED\xA0\xBD\xED\xBA\x80") == "invalid UTF-8 at byte 0: encoded UTF-16 surrogate");
}

TEST_CASE("validate rejects code points above U+10FFFF") {
    CHECK(why_invalid("\xF4\x90\x80\x80") == "invalid UTF-8 at byte 0: code point above U+10FFFF");
    CHECK(why_invalid("\xF0\x9F\x9A\x80\xF4\xBF\xBF\xBF") == "invalid UTF-8 at byte 4: code point above U+10FFFF");
}

TEST_CASE("validate rejects the bytes 0xF5 to 0xFF, which never appear in UTF-8") {
    for (unsigned b = 0xF5; b <= 0xFF; ++b) {
        const std::string s = std::string("ab") + static_cast<char>(b) + "\x80\x80\x80";
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", b);
        CAPTURE(hex);
        CHECK(why_invalid(s) == std::string("invalid UTF-8 at byte 2: byte ") + hex + " never appears in UTF-8");
    }
}

TEST_CASE("validate rejects a sequence cut off by the end of the input") {
    CHECK(why_invalid("\xC3") ==
          "invalid UTF-8 at byte 0: truncated sequence (lead byte 0xC3 at the end of the input)");
    CHECK(why_invalid("x\xE2\x82") ==
          "invalid UTF-8 at byte 1: truncated sequence (lead byte 0xE2 at the end of the input)");
    CHECK(why_invalid("rocket \xF0\x9F\x9A") ==
          "invalid UTF-8 at byte 7: truncated sequence (lead byte 0xF0 at the end of the input)");
}

TEST_CASE("validate rejects a lead byte followed by a byte that is not a continuation") {
    CHECK(why_invalid("\xC3"
                      "A") == "invalid UTF-8 at byte 0: truncated sequence (lead byte 0xC3 followed by 0x41)");
    CHECK(why_invalid("\xE2\x82"
                      "A") == "invalid UTF-8 at byte 0: truncated sequence (lead byte 0xE2 followed by 0x41)");
    CHECK(why_invalid("ab\xF0\x9F\x9A\xC3\xA9") ==
          "invalid UTF-8 at byte 2: truncated sequence (lead byte 0xF0 followed by 0xC3)");
    // Shorter than the sequence would be, yet the problem is the 'A', not the end of the input.
    CHECK(why_invalid("\xF0\x9F"
                      "A") == "invalid UTF-8 at byte 0: truncated sequence (lead byte 0xF0 followed by 0x41)");
}

TEST_CASE("validate reports the first problem when there are several") {
    CHECK(invalid_at("fine \xE2\x80\x9C then \xFF and \x80") == 14);
}

// validate() reads ASCII runs 16 bytes at a time: every byte of a sequence, valid or not, at every
// position of a word and at the end of the input, must give the byte-at-a-time answer.
TEST_CASE("validate gives the bytewise answer for random and adversarial bytes at every alignment") {
    const std::vector<std::string> pieces = {"\xC3\xA9",
                                             "\xE2\x80\x9C",
                                             "\xF0\x9F\x9A\x80",
                                             "\x80",
                                             "\xBF",
                                             "\xC0\xAF",
                                             "\xC1\xBF",
                                             "\xE0\x80\xAF",
                                             "\xED\xA0\x80",
                                             "\xF0\x8F\xBF\xBF",
                                             "\xF4\x90\x80\x80",
                                             "\xF5",
                                             "\xFF",
                                             "\xE2\x82",
                                             "\xF0\x9F\x9A",
                                             "\xC3",
                                             "\xE2\x28\xA1",
                                             "\x7F",
                                             "\x00"};
    size_t compared = 0, refused = 0;
    auto same = [&](const std::string& s) {
        const auto fast = utf8::validate(s), slow = utf8::detail::validate_bytewise(s);
        CHECK(fast.has_value() == slow.has_value());
        if (fast && slow) {
            CHECK(fast->byte == slow->byte);
            CHECK(fast->message == slow->message);
        }
        ++compared;
        refused += slow.has_value();
    };
    // One piece after 0-40 ASCII bytes, followed by 0-20 more: every alignment, at the end or not.
    for (const std::string& piece : pieces)
        for (size_t before = 0; before <= 40; ++before)
            for (size_t after = 0; after <= 20; after += 1 + after / 4)
                same(std::string(before, 'a') + piece + std::string(after, 'z'));
    // Random strings: mostly ASCII with rare pieces (as JSON), then any byte at all.
    uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, seed >> 8; };
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const size_t n = next() % 200;
        while (s.size() < n) {
            const uint32_t k = next();
            if (round % 3 == 2)
                s += static_cast<char>(k & 0xFF);
            else if (k % 23 == 0)
                s += pieces[(k >> 5) % pieces.size()];
            else
                s += static_cast<char>(' ' + k % 90);
        }
        same(s);
    }
    CHECK(refused > compared / 4);  // both answers are exercised
    CHECK(refused < compared);
}

TEST_CASE("sequence_length, is_continuation and utf16_length classify bytes and code points") {
    CHECK(utf8::sequence_length(0x41) == 1);
    CHECK(utf8::sequence_length(0x80) == 1);  // a continuation byte counts as one
    CHECK(utf8::sequence_length(0xC3) == 2);
    CHECK(utf8::sequence_length(0xE2) == 3);
    CHECK(utf8::sequence_length(0xF0) == 4);
    CHECK(utf8::is_continuation(0x80));
    CHECK(utf8::is_continuation(0xBF));
    CHECK_FALSE(utf8::is_continuation(0x7F));
    CHECK_FALSE(utf8::is_continuation(0xC0));
    CHECK(utf8::utf16_length(U'A') == 1);
    CHECK(utf8::utf16_length(0xFFFF) == 1);
    CHECK(utf8::utf16_length(0x10000) == 2);
    CHECK(utf8::utf16_length(0x10FFFF) == 2);
}

TEST_CASE("encode writes the shortest form and decode reads it back at every boundary") {
    struct Case {
        char32_t cp;
        const char* bytes;
    };
    const Case cases[] = {
        {0x41, "A"},
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {0xE9, "\xC3\xA9"},
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {0x201C, "\xE2\x80\x9C"},
        {0xD7FF, "\xED\x9F\xBF"},
        {0xE000, "\xEE\x80\x80"},
        {0xFFFD, "\xEF\xBF\xBD"},
        {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},
        {0x1F680, "\xF0\x9F\x9A\x80"},
        {0x10FFFF, "\xF4\x8F\xBF\xBF"},
    };
    for (const Case& c : cases) {
        CAPTURE(static_cast<uint32_t>(c.cp));
        const std::string enc = utf8::encode(c.cp);
        CHECK(enc == c.bytes);
        CHECK_FALSE(utf8::validate(enc).has_value());
        size_t i = 0;
        CHECK(utf8::decode(enc, i) == c.cp);
        CHECK(i == enc.size());
        CHECK(utf8::sequence_length(static_cast<unsigned char>(enc[0])) == enc.size());
    }
    // U+0000 cannot sit in a C string literal: checked on its own.
    const std::string nul = utf8::encode(0);
    CHECK(nul == std::string("\0", 1));
    size_t i = 0;
    CHECK(utf8::decode(nul, i) == 0);
    CHECK(i == 1);
}

TEST_CASE("every scalar value round-trips through append and decode") {
    std::string all;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        utf8::append(all, c);
    }
    CHECK_FALSE(utf8::validate(all).has_value());
    CHECK(utf8::count_code_points(all) == 0x110000 - 0x800);
    size_t i = 0;
    size_t mismatches = 0;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        mismatches += utf8::decode(all, i) != c;
    }
    CHECK(mismatches == 0);
    CHECK(i == all.size());
}

TEST_CASE("decode advances through a mixed string one character at a time") {
    const std::string s = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x9A\x80z";  // a é “ 🚀 z
    std::vector<char32_t> got;
    for (size_t i = 0; i < s.size();) got.push_back(utf8::decode(s, i));
    CHECK(got == std::vector<char32_t>{U'a', 0xE9, 0x201C, 0x1F680, U'z'});
}

TEST_CASE("count_code_points counts characters, not bytes") {
    CHECK(utf8::count_code_points("") == 0);
    CHECK(utf8::count_code_points("abc") == 3);
    CHECK(utf8::count_code_points("\xF0\x9F\x9A\x80 Paris") == 7);
    // 👨🏻‍🚒: man, skin tone, ZWJ, fire engine.
    CHECK(utf8::count_code_points("\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92") == 4);
    CHECK(utf8::count_code_points("e\xCC\x81") == 2);  // e + combining acute
}

TEST_CASE("sanitize leaves valid UTF-8 untouched") {
    const std::string s =
        "\xE2\x80\x9C"
        "Caf\xC3\xA9\xE2\x80\x9D \xF0\x9F\x9A\x80 \xE6\x9D\xB1\xE4\xBA\xAC";
    CHECK(utf8::sanitize(s) == s);
    CHECK(utf8::sanitize("") == "");
}

TEST_CASE("sanitize replaces each maximal invalid subpart with one U+FFFD") {
    const std::string R = "\xEF\xBF\xBD";
    CHECK(utf8::sanitize("a\x80"
                         "b") == "a" + R + "b");
    CHECK(utf8::sanitize("\xFF\xFE") == R + R);
    // A truncated emoji is one replacement, whether the end or another byte cuts it off.
    CHECK(utf8::sanitize("a\xF0\x9F\x9A") == "a" + R);
    CHECK(utf8::sanitize("a\xF0\x9F\x9A"
                         "b") == "a" + R + "b");
    CHECK(utf8::sanitize("\xE2\x82\xC3\xA9") == R + "\xC3\xA9");
    // Overlongs, surrogates and values above U+10FFFF have no valid prefix past the lead byte.
    CHECK(utf8::sanitize("\xC0\xAF") == R + R);
    CHECK(utf8::sanitize("\xE0\x80\x80") == R + R + R);
    CHECK(utf8::sanitize("\xED\xA0\x80") == R + R + R);
    CHECK(utf8::sanitize("\xF4\x90\x80\x80") == R + R + R + R);
    CHECK_FALSE(utf8::validate(utf8::sanitize("\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC")).has_value());
}
