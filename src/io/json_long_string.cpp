// Finding and decoding a long root string apart from the parser (json_long_string.hpp).
#include "io/json_long_string.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace aa::io::json {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Four hex digits at `p` (the input holds them), or -1.
long hex4(std::string_view s, size_t p) {
    if (p + 4 > s.size()) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; ++k) {
        const int d = hex_digit(s[p + k]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

}  // namespace

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skip_ws(std::string_view in, size_t i) {
    while (i < in.size() && is_ws(in[i])) ++i;
    return i;
}

// The closing quote of the string whose opening quote is at `i`, or npos.
size_t string_end(std::string_view in, size_t i) {
    for (++i; i < in.size(); ++i) {
        if (in[i] == '\\')
            ++i;
        else if (in[i] == '"')
            return i;
    }
    return std::string_view::npos;
}

// Past the value at `i` (a scalar, or a container with strings in it), or npos.
size_t value_end(std::string_view in, size_t i) {
    size_t depth = 0;
    for (; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '"') {
            i = string_end(in, i);
            if (i == std::string_view::npos) return i;
            if (depth == 0) return i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return i;  // the end of the enclosing object: a scalar ended here
            if (--depth == 0) return i + 1;
        } else if (depth == 0 && (c == ',' || is_ws(c))) {
            return i;
        }
    }
    return depth == 0 ? i : std::string_view::npos;
}

bool decode_some(std::string_view s, size_t& i, size_t limit, std::string& out) {
    size_t run = i;  // the start of the bytes not copied yet
    for (; i < limit && i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20) return false;
        if (c != '\\') continue;
        out.append(s.data() + run, i - run);
        if (++i >= s.size()) return false;
        switch (s[i]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                long cp = hex4(s, i + 1);
                if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate: its low half must follow
                    if (i + 2 >= s.size() || s[i + 1] != '\\' || s[i + 2] != 'u') return false;
                    const long lo = hex4(s, i + 3);
                    if (lo < 0xDC00 || lo > 0xDFFF) return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                utf8::append(out, static_cast<char32_t>(cp));
                break;
            }
            default: return false;
        }
        run = i + 1;
    }
    out.append(s.data() + run, i - run);
    return true;
}

int ValueScan::step(std::string_view in, size_t limit) {
    for (limit = std::min(limit, in.size()); i < limit; ++i) {
        const char c = in[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                in_string = false;
                if (depth == 0) {
                    ++i;
                    return 1;
                }
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) return 1;  // the end of the enclosing object: a scalar ended here
            if (--depth == 0) {
                ++i;
                return 1;
            }
        } else if (depth == 0 && (c == ',' || is_ws(c))) {
            return 1;
        }
    }
    if (i < in.size()) return 0;
    return depth == 0 && !in_string ? 1 : -1;
}

namespace {
// The string's content decoded, or nullopt for anything the parser would refuse (a control
// character, an unknown escape, a lone surrogate): the parser reads it then, and says where.
std::optional<std::string> decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    if (!decode_some(s, i, s.size(), out)) return std::nullopt;
    return out;
}

}  // namespace

std::optional<LongString> root_long_string(std::string_view in, std::string_view key, size_t min_bytes) {
    size_t i = skip_ws(in, in.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (i >= in.size() || in[i] != '{') return std::nullopt;
    i = skip_ws(in, i + 1);
    while (i < in.size() && in[i] == '"') {
        const size_t key_end = string_end(in, i);
        if (key_end == std::string_view::npos) return std::nullopt;
        const std::string_view k = in.substr(i + 1, key_end - i - 1);
        i = skip_ws(in, key_end + 1);
        if (i >= in.size() || in[i] != ':') return std::nullopt;
        i = skip_ws(in, i + 1);
        if (k == key) {  // the first such member: the one the parser gives the reader first
            if (i >= in.size() || in[i] != '"') return std::nullopt;
            const size_t end = string_end(in, i);
            if (end == std::string_view::npos || end - i - 1 < min_bytes) return std::nullopt;
            auto value = decode(in.substr(i + 1, end - i - 1));
            if (!value) return std::nullopt;
            return LongString{i + 1, end, std::move(*value)};
        }
        if (k.find('\\') != std::string_view::npos) return std::nullopt;  // an escaped key could be `key`
        i = value_end(in, i);
        if (i == std::string_view::npos) return std::nullopt;
        i = skip_ws(in, i);
        if (i >= in.size() || in[i] != ',') return std::nullopt;
        i = skip_ws(in, i + 1);
    }
    return std::nullopt;
}

}  // namespace aa::io::json
