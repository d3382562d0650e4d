// Escaping of user-supplied strings for terminals and status lines (see printable.hpp).
#include "core/printable.hpp"

#include <cstdio>

#include "core/utf8.hpp"

namespace aa {

bool is_invisible_format(char32_t c) {
    return c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0xFEFF || c == 0x061C || c == 0x180E;
}

namespace {

void hex_byte(std::string& out, unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", b);
    out += buf;
}

// Decodes one valid sequence at s[i] or returns false (and leaves i) when the bytes are invalid.
bool next_code_point(std::string_view s, size_t& i, char32_t& c) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const size_t len = b0 < 0x80 ? 1 : b0 < 0xC2 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : b0 < 0xF5 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    if (utf8::validate(s.substr(i, len))) return false;
    c = utf8::decode(s, i);
    return true;
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        char32_t c = 0;
        const size_t start = i;
        if (!next_code_point(s, i, c)) {
            hex_byte(out, static_cast<unsigned char>(s[i]));
            ++i;
            continue;
        }
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c == 0x1B)
            out += "\\e";
        else if (c < 0x20 || c == 0x7F)
            hex_byte(out, static_cast<unsigned char>(c));
        else if ((c >= 0x80 && c <= 0x9F) || is_invisible_format(c) || c == 0x2028 || c == 0x2029) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(c));
            out += buf;
        } else
            out.append(s.substr(start, i - start));
    }
    return out;
}

std::string printable_lines(std::string_view s) {
    std::string out;
    size_t from = 0;
    while (true) {
        const size_t nl = s.find('\n', from);
        out += printable(s.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from));
        if (nl == std::string_view::npos) break;
        out += '\n';
        from = nl + 1;
    }
    return out;
}

}  // namespace aa
