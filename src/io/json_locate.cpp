// JSON path formatting and parsing, the position locator and byte -> line/column conversion.
#include "io/json_locate.hpp"

#include <algorithm>
#include <numeric>

#include "core/utf8.hpp"

namespace aa::io {
namespace {

bool is_identifier(std::string_view k) {
    if (k.empty()) return false;
    for (size_t i = 0; i < k.size(); ++i) {
        const char c = k[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!(alpha || (i > 0 && (digit || c == '-')))) return false;
    }
    return true;
}

void append_json_string(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The character a one-character escape (\" \\ \/ \b \f \n \r \t) stands for; 0 for any other.
char simple_escape(char e) {
    switch (e) {
        case '"':
        case '\\':
        case '/': return e;
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        default: return 0;
    }
}

// Decodes the JSON string literal s[i] == '"' ... into UTF-8; `end` receives the offset after the
// closing quote (or s.size() when unterminated). Bad escapes are kept as written.
std::string decode_string(std::string_view s, size_t i, size_t& end) {
    std::string out;
    ++i;
    auto read_hex4 = [&](size_t at) -> int {
        if (at + 4 > s.size()) return -1;
        int v = 0;
        for (size_t k = 0; k < 4; ++k) {
            const int h = hex_value(s[at + k]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }
        return v;
    };
    while (i < s.size() && s[i] != '"') {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i++];
            continue;
        }
        const char e = s[i + 1];
        if (const char c = simple_escape(e)) {
            out += c;
            i += 2;
            continue;
        }
        if (const int v = e == 'u' ? read_hex4(i + 2) : -1; v >= 0) {
            size_t next = i + 6;
            char32_t cp = static_cast<char32_t>(v);
            if (v >= 0xD800 && v < 0xDC00 && next + 1 < s.size() && s[next] == '\\' && s[next + 1] == 'u') {
                const int lo = read_hex4(next + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((static_cast<char32_t>(v) - 0xD800) << 10) + (static_cast<char32_t>(lo) - 0xDC00);
                    next += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // a lone surrogate has no UTF-8 form
            utf8::append(out, cp);
            i = next;
            continue;
        }
        out += s[i++];
    }
    end = i < s.size() ? i + 1 : s.size();
    return out;
}

}  // namespace

std::string format_path(const JsonPath& path) {
    std::string out;
    for (const PathItem& p : path) {
        if (p.is_index) {
            out += '[' + std::to_string(p.index) + ']';
        } else if (is_identifier(p.key)) {
            if (!out.empty()) out += '.';
            out += p.key;
        } else {
            out += '[';
            append_json_string(out, p.key);
            out += ']';
        }
    }
    return out;
}

std::optional<JsonPath> parse_path(std::string_view s) {
    JsonPath path;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '[') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
                size_t end = 0;
                std::string key = decode_string(s, i + 1, end);
                if (end > s.size() || end == s.size() || s[end - 1] != '"' || s[end] != ']') return std::nullopt;
                path.push_back(PathItem::member(std::move(key)));
                i = end + 1;
            } else {
                size_t j = i + 1, n = 0;
                if (j >= s.size() || s[j] < '0' || s[j] > '9') return std::nullopt;
                while (j < s.size() && s[j] >= '0' && s[j] <= '9') n = n * 10 + static_cast<size_t>(s[j++] - '0');
                if (j >= s.size() || s[j] != ']') return std::nullopt;
                path.push_back(PathItem::element(n));
                i = j + 1;
            }
        } else {
            if (s[i] == '.') {
                if (path.empty()) return std::nullopt;
                ++i;
            } else if (!path.empty()) {
                return std::nullopt;
            }
            size_t j = i;
            while (j < s.size() && s[j] != '.' && s[j] != '[') ++j;
            if (!is_identifier(s.substr(i, j - i))) return std::nullopt;
            path.push_back(PathItem::member(std::string(s.substr(i, j - i))));
            i = j;
        }
    }
    return path;
}

// A copy with room for one more item (a copy is exactly as long as its original, so appending to
// it would allocate twice).
static JsonPath extended(const JsonPath& path) {
    JsonPath out;
    out.reserve(path.size() + 1);
    out.insert(out.end(), path.begin(), path.end());
    return out;
}

JsonPath operator/(const JsonPath& path, std::string key) { return extended(path) / std::move(key); }
JsonPath operator/(const JsonPath& path, size_t index) { return extended(path) / index; }

JsonPath operator/(JsonPath&& path, std::string key) {
    path.push_back(PathItem::member(std::move(key)));
    return std::move(path);
}

JsonPath operator/(JsonPath&& path, size_t index) {
    path.push_back(PathItem::element(index));
    return std::move(path);
}

// ---- JsonLocator ----

size_t JsonLocator::skip_ws(size_t i) const {
    while (i < json_.size() && (json_[i] == ' ' || json_[i] == '\t' || json_[i] == '\n' || json_[i] == '\r')) ++i;
    return i;
}

size_t JsonLocator::skip_string(size_t i) const {
    ++i;  // opening quote
    while (i < json_.size()) {
        if (json_[i] == '\\')
            i += 2;
        else if (json_[i] == '"')
            return i + 1;
        else
            ++i;
    }
    return json_.size();
}

size_t JsonLocator::skip_value(size_t i) const {
    if (i >= json_.size()) return i;
    const char c = json_[i];
    if (c == '"') return skip_string(i);
    if (c == '{' || c == '[') {
        // Iterative bracket matching, string-aware: nesting depth is not bounded here.
        size_t depth = 0;
        while (i < json_.size()) {
            const char d = json_[i];
            if (d == '"') {
                i = skip_string(i);
                continue;
            }
            if (d == '{' || d == '[')
                ++depth;
            else if (d == '}' || d == ']') {
                if (--depth == 0) return i + 1;
            }
            ++i;
        }
        return json_.size();
    }
    while (i < json_.size()) {
        const char d = json_[i];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') break;
        ++i;
    }
    return i;
}

const JsonLocator::Container& JsonLocator::container_at(size_t begin) const {
    if (auto it = cache_.find(begin); it != cache_.end()) return it->second;
    Container c;
    c.is_object = json_[begin] == '{';
    const char close = c.is_object ? '}' : ']';
    size_t i = skip_ws(begin + 1);
    while (i < json_.size() && json_[i] != close) {
        Member m;
        if (c.is_object) {
            if (json_[i] != '"') break;
            size_t after = 0;
            m.key = decode_string(json_, i, after);
            i = skip_ws(after);
            if (i >= json_.size() || json_[i] != ':') break;
            i = skip_ws(i + 1);
        }
        if (i >= json_.size()) break;
        const size_t end = skip_value(i);
        if (end == i) break;  // not a value: malformed, stop here
        m.value = ByteSpan{i, end};
        c.members.push_back(std::move(m));
        i = skip_ws(end);
        if (i < json_.size() && json_[i] == ',')
            i = skip_ws(i + 1);
        else
            break;
    }
    return cache_.emplace(begin, std::move(c)).first->second;
}

std::optional<size_t> JsonLocator::value_start() const {
    size_t i = 0;
    if (json_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    i = skip_ws(i);
    if (i >= json_.size()) return std::nullopt;
    return i;
}

std::pair<ByteSpan, size_t> JsonLocator::walk(const JsonPath& path) const {
    const auto start = value_start();
    if (!start) return {ByteSpan{json_.size(), json_.size()}, 0};
    ByteSpan cur{*start, skip_value(*start)};
    size_t walked = 0;
    for (const PathItem& p : path) {
        const char c = json_[cur.begin];
        if (c != '{' && c != '[') break;
        const Container& cont = container_at(cur.begin);
        const Member* found = nullptr;
        if (p.is_index) {
            if (!cont.is_object && p.index < cont.members.size()) found = &cont.members[p.index];
        } else if (cont.is_object) {
            for (const Member& m : cont.members)
                if (m.key == p.key) found = &m;  // the last one wins, as in the parser
        }
        if (!found) break;
        cur = found->value;
        ++walked;
    }
    return {cur, walked};
}

ByteSpan JsonLocator::locate_nearest(const JsonPath& path) const { return walk(path).first; }

std::optional<ByteSpan> JsonLocator::locate(const JsonPath& path) const {
    if (!value_start()) return std::nullopt;
    const auto [span, walked] = walk(path);
    if (walked < path.size()) return std::nullopt;
    return span;
}

std::string JsonLocator::raw(const JsonPath& path, size_t max_bytes) const {
    const auto span = locate(path);
    if (!span) return {};
    std::string_view v = json_.substr(span->begin, span->end - span->begin);
    if (v.size() <= max_bytes) return std::string(v);
    size_t cut = max_bytes;
    while (cut > 0 && utf8::is_continuation(static_cast<unsigned char>(v[cut]))) --cut;
    return std::string(v.substr(0, cut)) + "...";
}

// ---- line and column ----

std::vector<LineCol> line_cols(std::string_view text, const std::vector<size_t>& bytes) {
    std::vector<size_t> order(bytes.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bytes[a] < bytes[b]; });
    std::vector<LineCol> out(bytes.size());
    size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    LineCol cur{1, 1};
    for (size_t k : order) {
        const size_t target = std::min(bytes[k], text.size());
        while (i < target) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\n') {
                ++cur.line;
                cur.column = 1;
            } else if (!utf8::is_continuation(c)) {
                ++cur.column;  // counts code points; invalid bytes count one each
            }
            ++i;
        }
        out[k] = cur;
    }
    return out;
}

LineCol line_col_of_byte(std::string_view text, size_t byte) { return line_cols(text, {byte})[0]; }

}  // namespace aa::io
