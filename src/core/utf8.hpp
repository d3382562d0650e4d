// UTF-8 validation, decoding and encoding. The rest of the project assumes valid UTF-8 once a
// Text has been built (text.hpp); this is the only place that looks at raw bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aa::utf8 {

struct Invalid {
    size_t byte;          // offset of the first byte of the bad sequence
    std::string message;  // e.g. "invalid UTF-8 at byte 17: unexpected continuation byte 0x80"
};

// nullopt when `s` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
std::optional<Invalid> validate(std::string_view s);

namespace detail {
// validate() a byte at a time, as it was before its ASCII runs were read a word at a time: the
// oracle of its tests.
std::optional<Invalid> validate_bytewise(std::string_view s);
}  // namespace detail

// Decodes the code point starting at s[i] and advances i. `s` must be valid UTF-8.
inline char32_t decode(std::string_view s, size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    if (b0 < 0xE0) {
        char32_t c = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        i += 2;
        return c;
    }
    if (b0 < 0xF0) {
        char32_t c = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        i += 3;
        return c;
    }
    char32_t c = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                 ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
    i += 4;
    return c;
}

// Length in bytes of the sequence that starts with lead byte b (1 for continuation bytes).
inline size_t sequence_length(unsigned char b) { return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

inline bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

inline size_t utf16_length(char32_t c) { return c >= 0x10000 ? 2 : 1; }

void append(std::string& out, char32_t c);
std::string encode(char32_t c);

// Number of code points in valid UTF-8.
size_t count_code_points(std::string_view s);

// Replaces each invalid sequence with U+FFFD (for showing untrusted bytes in messages): one
// U+FFFD per maximal invalid subpart, as browsers decode.
std::string sanitize(std::string_view s);

}  // namespace aa::utf8
