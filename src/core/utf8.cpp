// UTF-8 validation (RFC 3629: shortest form only, no surrogates, at most U+10FFFF).
#include "core/utf8.hpp"

#include <cstdio>
#include <cstring>

namespace aa::utf8 {
namespace {

std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

// Returns the length of the valid sequence at s[i], or 0 with `why` set.
size_t check_sequence(std::string_view s, size_t i, std::string& why) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    if (b0 < 0xC0) {
        why = "unexpected continuation byte " + hex_byte(b0);
        return 0;
    }
    if (b0 < 0xC2) {
        why = "overlong encoding (lead byte " + hex_byte(b0) + ")";
        return 0;
    }
    if (b0 > 0xF4) {
        why = "byte " + hex_byte(b0) + " never appears in UTF-8";
        return 0;
    }
    const size_t n = sequence_length(b0);
    // Look at the bytes that are there before blaming the end of the input: "\xF0\x9F" + "A"
    // is a lead byte followed by a non-continuation byte, not a sequence cut off by the end.
    for (size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) {
            why = "truncated sequence (lead byte " + hex_byte(b0) + " at the end of the input)";
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (!is_continuation(b)) {
            why = "truncated sequence (lead byte " + hex_byte(b0) + " followed by " + hex_byte(b) + ")";
            return 0;
        }
    }
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (n == 3) {
        if (b0 == 0xE0 && b1 < 0xA0) {
            why = "overlong encoding (lead byte 0xE0)";
            return 0;
        }
        if (b0 == 0xED && b1 >= 0xA0) {
            why = "encoded UTF-16 surrogate";
            return 0;
        }
    } else if (n == 4) {
        if (b0 == 0xF0 && b1 < 0x90) {
            why = "overlong encoding (lead byte 0xF0)";
            return 0;
        }
        if (b0 == 0xF4 && b1 >= 0x90) {
            why = "code point above U+10FFFF";
            return 0;
        }
    }
    return n;
}

// Length of the invalid sequence at s[i] to replace with one U+FFFD: the lead byte plus the
// continuation bytes that still formed a valid prefix ("maximal subpart", as the WHATWG decoder
// and Unicode's recommended practice do), so a truncated emoji becomes one U+FFFD, not three.
size_t invalid_length(std::string_view s, size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0xC2 || b0 > 0xF4) return 1;
    const size_t n = sequence_length(b0);
    unsigned lo = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
    unsigned hi = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
    size_t k = 1;
    while (k < n && i + k < s.size()) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < lo || b > hi) break;
        lo = 0x80;
        hi = 0xBF;
        ++k;
    }
    return k;
}

}  // namespace

// ASCII runs are passed 16 bytes at a time (a JSON file of a 1 MB article is 6-15 MB, nearly all
// ASCII, and validated whole by every reader); any other byte goes through check_sequence.
std::optional<Invalid> validate(std::string_view s) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    const char* p = s.data();
    const size_t size = s.size();
    size_t i = 0;
    std::string why;
    while (i < size) {
        while (i + 16 <= size) {
            uint64_t a, b;
            std::memcpy(&a, p + i, 8);
            std::memcpy(&b, p + i + 8, 8);
            if ((a | b) & kHigh) break;
            i += 16;
        }
        while (i < size && static_cast<unsigned char>(p[i]) < 0x80) ++i;
        if (i >= size) break;
        const size_t n = check_sequence(s, i, why);
        if (n == 0) return Invalid{i, "invalid UTF-8 at byte " + std::to_string(i) + ": " + why};
        i += n;
    }
    return std::nullopt;
}

namespace detail {

std::optional<Invalid> validate_bytewise(std::string_view s) {
    size_t i = 0;
    std::string why;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t n = check_sequence(s, i, why);
        if (n == 0) return Invalid{i, "invalid UTF-8 at byte " + std::to_string(i) + ": " + why};
        i += n;
    }
    return std::nullopt;
}

}  // namespace detail

void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string encode(char32_t c) {
    std::string s;
    append(s, c);
    return s;
}

size_t count_code_points(std::string_view s) {
    size_t n = 0;
    for (char ch : s) n += !is_continuation(static_cast<unsigned char>(ch));
    return n;
}

std::string sanitize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    std::string why;
    while (i < s.size()) {
        const size_t n = check_sequence(s, i, why);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            i += invalid_length(s, i);
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

}  // namespace aa::utf8
