// The fast reads of the big JSON formats (Prodigy, Label Studio, W3C): a walk over an object's
// members that finds the few arrays holding most of a file, a scanner (FlatScan) that reads those
// arrays' small objects straight into a reader's records, and a long string decoded apart. The
// parser then reads the rest with those byte ranges left out (json::parse_skipping). Each piece
// takes only what the reader's tree read takes without a word; anything else is refused, and the
// reader reads the input through its tree, whose messages say what is wrong. Private to aa_io.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_long_string.hpp"
#include "io/json_read.hpp"

namespace aa::io::json {

// Reads JSON values at a position of `in` without building anything: objects through a callback per
// member (its key must be written without escapes), arrays through a callback per element, and the
// scalars a reader's records take. Every function refuses (false) what it does not take.
class FlatScan {
public:
    explicit FlatScan(std::string_view in) : in_(in) {}

    size_t at() const { return i_; }
    void seek(size_t i) { i_ = i; }

    // The array whose '[' is at `at`, of objects: member(key) reads each member's value (through
    // uint, string, literal, object, array), done() ends each object; either says false to refuse.
    // `close` is set to the ']'.
    template <class Member, class Done>
    bool scan(size_t at, size_t& close, Member&& member, Done&& done) {
        i_ = at;
        return array([&] { return object(member) && done(); }, &close);
    }

    // The object at the position (an empty one is refused: every caller needs a member); past it.
    template <class Member>
    bool object(Member& member) {
        if (peek() != '{') return false;
        ++i_;
        ws();
        for (;;) {
            if (peek() != '"') return false;
            const size_t k = i_ + 1;
            size_t e = k;
            while (e < in_.size() && in_[e] != '"' && in_[e] != '\\') ++e;
            if (e >= in_.size() || in_[e] != '"') return false;
            const std::string_view key = in_.substr(k, e - k);
            i_ = e + 1;
            ws();
            if (peek() != ':') return false;
            ++i_;
            ws();
            if (!member(key)) return false;
            ws();
            if (peek() == '}') {
                ++i_;
                return true;
            }
            if (peek() != ',') return false;
            ++i_;
            ws();
        }
    }

    // The array at the position: element() reads each element; past it, with `close` set to its ']'.
    template <class Element>
    bool array(Element&& element, size_t* close = nullptr) {
        if (peek() != '[') return false;
        ++i_;
        ws();
        if (peek() != ']') {
            for (;;) {
                if (!element()) return false;
                ws();
                if (peek() == ']') break;
                if (peek() != ',') return false;
                ++i_;
                ws();
            }
        }
        if (close) *close = i_;
        ++i_;
        return true;
    }

    // A record's member read once: false when reading it failed (`ok`; false for a key the record does
    // not take) or its `bit` is in `seen` already; else the bit is added.
    static bool once(unsigned& seen, unsigned bit, bool ok) {
        if (!ok || (seen & bit)) return false;
        seen |= bit;
        return true;
    }

    // The array whose '[' is at `at`, of records: member(key) reads each member into `rec` (through
    // once); an object that has the bits `required` in `seen` is appended to `out`, and `rec` and
    // `seen` start afresh for the next. `close` is set to the ']'.
    template <class Rec, class Member>
    bool records(size_t at, size_t& close, std::vector<Rec>& out, Rec& rec, unsigned& seen, unsigned required,
                 Member&& member) {
        auto done = [&] {
            if ((seen & required) != required) return false;
            out.push_back(std::move(rec));
            rec = Rec{};
            seen = 0;
            return true;
        };
        return scan(at, close, member, done);
    }

    // 0 or 1-9 followed by at most 18 digits, and no fraction or exponent: nlohmann's unsigned integer.
    bool uint(uint64_t& v) {
        const size_t from = i_;
        v = 0;
        while (i_ < in_.size() && in_[i_] >= '0' && in_[i_] <= '9') v = v * 10 + static_cast<uint64_t>(in_[i_++] - '0');
        const size_t n = i_ - from;
        if (n == 0 || n > 19 || (n > 1 && in_[from] == '0')) return false;
        const char c = peek();
        return c != '.' && c != 'e' && c != 'E';
    }

    bool literal(std::string_view word) {
        if (in_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }

    // A string's content as a view into the input, or decoded (json_long_string's decoder, which
    // refuses what the parser refuses) when it has escapes.
    bool string(std::string_view& out) {
        if (peek() != '"') return false;
        size_t e = i_ + 1;
        while (e < in_.size() && in_[e] != '"' && in_[e] != '\\' && static_cast<unsigned char>(in_[e]) >= 0x20) ++e;
        if (e >= in_.size()) return false;
        if (in_[e] == '"') {
            out = in_.substr(i_ + 1, e - i_ - 1);
            i_ = e + 1;
            return true;
        }
        const size_t close = string_end(in_, i_);
        if (close == std::string_view::npos) return false;
        const std::string_view content = in_.substr(i_ + 1, close - i_ - 1);
        std::string d;
        size_t at = 0;
        if (!decode_some(content, at, content.size(), d)) return false;
        out = decoded.emplace_back(std::move(d));
        i_ = close + 1;
        return true;
    }

    std::deque<std::string> decoded;  // strings written with escapes (a deque: views into it stay valid)

private:
    char peek() const { return i_ < in_.size() ? in_[i_] : '\0'; }
    void ws() { i_ = skip_ws(in_, i_); }

    std::string_view in_;
    size_t i_ = 0;
};

// The members of the object whose '{' is at `i`, for a walk that only finds things (the parser
// confirms the rest): value(key, at) is called with the first byte of each member's value and
// gives the position past it, or npos to stop. Past the object's '}', or npos.
template <class Value>
size_t walk_members(std::string_view in, size_t i, Value&& value) {
    if (i >= in.size() || in[i] != '{') return std::string_view::npos;
    i = skip_ws(in, i + 1);
    while (i < in.size() && in[i] == '"') {
        const size_t key_end = string_end(in, i);
        if (key_end == std::string_view::npos) return key_end;
        const std::string_view key = in.substr(i + 1, key_end - i - 1);
        i = skip_ws(in, key_end + 1);
        if (i >= in.size() || in[i] != ':') return std::string_view::npos;
        const size_t next = value(key, skip_ws(in, i + 1));
        if (next == std::string_view::npos) return next;
        i = skip_ws(in, next);
        if (i >= in.size() || in[i] != ',') break;
        i = skip_ws(in, i + 1);
    }
    return i < in.size() && in[i] == '}' ? i + 1 : std::string_view::npos;
}

// The elements of the array whose '[' is at `i`, as walk_members: element(index, at) gives the
// position past each. Past the array's ']', or npos.
template <class Element>
size_t walk_elements(std::string_view in, size_t i, Element&& element) {
    if (i >= in.size() || in[i] != '[') return std::string_view::npos;
    i = skip_ws(in, i + 1);
    for (size_t k = 0; i < in.size() && in[i] != ']'; ++k) {
        const size_t next = element(k, i);
        if (next == std::string_view::npos) return next;
        i = skip_ws(in, next);
        if (i >= in.size() || in[i] != ',') break;
        i = skip_ws(in, i + 1);
    }
    return i < in.size() && in[i] == ']' ? i + 1 : std::string_view::npos;
}

// The first byte of the input's value (after a byte order mark and white space).
inline size_t value_start(std::string_view in) { return skip_ws(in, in.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0); }

// The root of a reader's input: with `fast`, what scan(input) gives (an optional of a record with the
// parsed rest as `root`, kept in `scanned`) when the input passes check_input and the scan takes it;
// else the whole tree (nullopt after an error, reported).
template <class Scanned, class Scan>
std::optional<ojson> fast_or_tree(std::string_view input, Reporter& r, bool fast, std::optional<Scanned>& scanned,
                                  Scan&& scan) {
    if (fast && check_input(input, r) && (scanned = scan(input))) return std::move(scanned->root);
    if (r.has_errors()) return std::nullopt;
    return fast ? parse_checked(input, r) : parse(input, r);
}

// The string whose '"' is at `i`: when its content has at least `min_bytes`, decoded into `out`
// and its content added to `skips`. Past the string, or npos (unclosed, or a long one the parser
// would refuse).
inline size_t long_string(std::string_view in, size_t i, size_t min_bytes, std::vector<Skip>& skips,
                          std::optional<std::string>& out) {
    const size_t end = string_end(in, i);
    if (end == std::string_view::npos || end - i - 1 < min_bytes) return end == std::string_view::npos ? end : end + 1;
    std::string value;
    size_t at = i + 1;
    if (!decode_some(in, at, end, value) || at != end) return std::string_view::npos;
    out = std::move(value);
    skips.push_back({i + 1, end});
    return end + 1;
}

}  // namespace aa::io::json
