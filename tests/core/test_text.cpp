// Tests for src/core/text: offset conversions between code points, UTF-16 units and UTF-8 bytes
// (emoji, ZWJ sequences, curly quotes, accents, combining marks, CJK), the checkpoint index at its
// stride boundaries, slices, lines and columns (LF, CRLF, CR), and a randomized comparison of
// every conversion with a naive scan.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "core/utf8.hpp"

using namespace aa;

namespace {

Text make(const std::string& s) {
    auto t = Text::from_utf8(s);
    CHECK_MESSAGE(t.ok(), "test text must be valid UTF-8");
    return t.ok() ? std::move(t.value()) : Text();
}

constexpr OffsetUnit kUnits[] = {OffsetUnit::CodePoint, OffsetUnit::Utf16, OffsetUnit::Utf8};

// The reference: offsets of every code point boundary found by walking the string once.
struct Naive {
    std::vector<size_t> byte;  // byte[k]: byte offset of code point k, k = 0..n
    std::vector<size_t> u16;   // u16[k]: UTF-16 offset of code point k
    std::vector<char32_t> cps;
    std::vector<size_t> line_starts{0};

    explicit Naive(const std::string& s) {
        size_t u = 0;
        for (size_t i = 0; i < s.size();) {
            byte.push_back(i);
            u16.push_back(u);
            const char32_t c = utf8::decode(s, i);
            cps.push_back(c);
            u += c >= 0x10000 ? 2 : 1;
            const bool crlf = c == '\r' && i < s.size() && s[i] == '\n';
            if ((c == '\n' || c == '\r') && !crlf) line_starts.push_back(cps.size());
        }
        byte.push_back(s.size());
        u16.push_back(u);
        fill_floors();
    }
    // Per unit: for every offset up to the end, the code point whose character holds it, and
    // whether the offset is that character's first unit. Filled by the same single walk.
    std::vector<size_t> floor_byte, floor_u16;
    std::vector<bool> start_byte, start_u16;

    size_t size() const { return cps.size(); }
    const std::vector<size_t>& of(OffsetUnit u) const { return u == OffsetUnit::Utf8 ? byte : u16; }

    void fill_floors() {
        for (int pass = 0; pass < 2; ++pass) {
            const auto& v = pass == 0 ? byte : u16;
            auto& fl = pass == 0 ? floor_byte : floor_u16;
            auto& st = pass == 0 ? start_byte : start_u16;
            fl.assign(v.back() + 1, 0);
            st.assign(v.back() + 1, false);
            for (size_t k = 0; k < cps.size(); ++k)
                for (size_t o = v[k]; o < v[k + 1]; ++o) fl[o] = k, st[o] = o == v[k];
            fl[v.back()] = cps.size();
            st[v.back()] = true;
        }
    }

    // Code point at an offset in `unit` when it is a boundary.
    std::optional<size_t> cp_at(size_t offset, OffsetUnit unit) const {
        if (unit == OffsetUnit::CodePoint) return offset <= size() ? std::optional<size_t>(offset) : std::nullopt;
        const auto& fl = unit == OffsetUnit::Utf8 ? floor_byte : floor_u16;
        const auto& st = unit == OffsetUnit::Utf8 ? start_byte : start_u16;
        if (offset >= fl.size() || !st[offset]) return std::nullopt;
        return fl[offset];
    }
    // The code point whose character contains `offset` (round down); size() at or past the end.
    size_t cp_floor(size_t offset, OffsetUnit unit) const {
        const auto& fl = unit == OffsetUnit::Utf8 ? floor_byte : floor_u16;
        return offset >= fl.size() ? size() : fl[offset];
    }
    size_t in(size_t cp, OffsetUnit unit) const { return unit == OffsetUnit::CodePoint ? cp : of(unit)[cp]; }
    // Line and column of every offset 0..size(), walking the lines once.
    std::vector<LineCol> all_line_cols() const {
        std::vector<LineCol> out;
        size_t line = 0;
        for (size_t cp = 0; cp <= size(); ++cp) {
            while (line + 1 < line_starts.size() && line_starts[line + 1] <= cp) ++line;
            out.push_back(LineCol{line + 1, cp - line_starts[line] + 1});
        }
        return out;
    }
};

// Compares every conversion of `t` at every offset (and a few past the end) with the naive
// scan. Returns the number of disagreements; the first one is reported through `first`.
size_t count_mismatches(const Text& t, const std::string& s, std::string& first) {
    const Naive r(s);
    size_t bad = 0;
    auto fail = [&](const std::string& what) {
        if (bad++ == 0) first = what;
    };
    if (t.size() != r.size()) fail("size");
    if (t.size_utf16() != r.u16.back()) fail("size_utf16");
    if (t.size_bytes() != s.size()) fail("size_bytes");
    for (size_t cp = 0; cp <= r.size() + 2; ++cp) {
        const size_t c = std::min(cp, r.size());
        if (t.byte_of(cp) != r.byte[c]) fail("byte_of(" + std::to_string(cp) + ")");
        if (t.utf16_of(cp) != r.u16[c]) fail("utf16_of(" + std::to_string(cp) + ")");
        if (cp < r.size() && t.at(cp) != r.cps[cp]) fail("at(" + std::to_string(cp) + ")");
    }
    for (size_t b = 0; b <= s.size() + 2; ++b) {
        if (t.checked_cp_of_byte(b) != r.cp_at(b, OffsetUnit::Utf8))
            fail("checked_cp_of_byte(" + std::to_string(b) + ")");
        if (t.cp_of_byte(b) != r.cp_floor(b, OffsetUnit::Utf8)) fail("cp_of_byte(" + std::to_string(b) + ")");
    }
    for (size_t u = 0; u <= r.u16.back() + 2; ++u) {
        if (t.checked_cp_of_utf16(u) != r.cp_at(u, OffsetUnit::Utf16))
            fail("checked_cp_of_utf16(" + std::to_string(u) + ")");
        if (t.cp_of_utf16(u) != r.cp_floor(u, OffsetUnit::Utf16)) fail("cp_of_utf16(" + std::to_string(u) + ")");
    }
    for (OffsetUnit from : kUnits) {
        for (OffsetUnit to : kUnits) {
            const size_t limit = t.size_in(from) + 2;
            for (size_t o = 0; o <= limit; ++o) {
                const auto cp = r.cp_at(o, from);
                const std::optional<size_t> want = cp ? std::optional<size_t>(r.in(*cp, to)) : std::nullopt;
                if (t.convert(o, from, to) != want)
                    fail(std::string("convert(") + std::to_string(o) + ", " + offset_unit_name(from) + ", " +
                         offset_unit_name(to) + ")");
            }
        }
    }
    if (t.line_count() != r.line_starts.size()) fail("line_count");
    const std::vector<LineCol> lcs = r.all_line_cols();
    for (size_t cp = 0; cp <= r.size(); ++cp) {
        const LineCol want = lcs[cp];
        const LineCol got = t.line_col(cp);
        if (got.line != want.line || got.column != want.column) fail("line_col(" + std::to_string(cp) + ")");
        if (t.offset_of(want) != cp) fail("offset_of(line_col(" + std::to_string(cp) + "))");
    }
    // One column past the end of each line is not an offset of that line.
    for (size_t line = 0; line < r.line_starts.size(); ++line) {
        const size_t end = line + 1 < r.line_starts.size() ? r.line_starts[line + 1] : r.size() + 1;
        if (t.offset_of(LineCol{line + 1, end - r.line_starts[line] + 1}))
            fail("offset_of past line " + std::to_string(line + 1));
    }
    return bad;
}

void check_against_naive(const std::string& s) {
    const Text t = make(s);
    std::string first;
    const size_t bad = count_mismatches(t, s, first);
    INFO("first mismatch: ", first);
    CHECK(bad == 0);
}

const std::string kRocket = "\xF0\x9F\x9A\x80";                                                   // 🚀 U+1F680
const std::string kFirefighter = "\xF0\x9F\x91\xA8\xF0\x9F\x8F\xBB\xE2\x80\x8D\xF0\x9F\x9A\x92";  // 👨🏻‍🚒
const std::string kLdq = "\xE2\x80\x9C", kRdq = "\xE2\x80\x9D";                                   // “ ”
const std::string kAcute = "\xCC\x81";                                                            // U+0301

}  // namespace

TEST_CASE("offset unit names parse back to their unit") {
    for (OffsetUnit u : kUnits) CHECK(parse_offset_unit(offset_unit_name(u)) == u);
    CHECK(std::string(offset_unit_name(OffsetUnit::CodePoint)) == "codepoint");
    CHECK(std::string(offset_unit_name(OffsetUnit::Utf16)) == "utf16");
    CHECK(std::string(offset_unit_name(OffsetUnit::Utf8)) == "utf8");
    CHECK(parse_offset_unit("utf-16") == OffsetUnit::Utf16);
    CHECK(parse_offset_unit("bytes") == OffsetUnit::Utf8);
    CHECK_FALSE(parse_offset_unit("utf32").has_value());
    CHECK_FALSE(parse_offset_unit("").has_value());
}

TEST_CASE("from_utf8 rejects invalid UTF-8 naming the byte position") {
    auto t = Text::from_utf8("Caf\xC3\xA9 \xC3(");
    CHECK_FALSE(t.ok());
    if (!t.ok())
        CHECK(t.error().summary() == "invalid UTF-8 at byte 6: truncated sequence (lead byte 0xC3 followed by 0x28)");
    auto u = Text::from_utf8(std::string("ok\xED\xA0\x80"));
    CHECK_FALSE(u.ok());
    if (!u.ok()) CHECK(u.error().message == "invalid UTF-8 at byte 2: encoded UTF-16 surrogate");
}

TEST_CASE("an empty text has one empty line and only offset 0") {
    const Text t;
    CHECK(t.empty());
    CHECK(t.size() == 0);
    CHECK(t.size_utf16() == 0);
    CHECK(t.size_bytes() == 0);
    CHECK(t.byte_of(0) == 0);
    CHECK(t.utf16_of(0) == 0);
    CHECK(t.checked_cp_of_byte(0) == 0u);
    CHECK_FALSE(t.checked_cp_of_byte(1).has_value());
    CHECK(t.checked_cp_of_utf16(0) == 0u);
    CHECK_FALSE(t.checked_cp_of_utf16(1).has_value());
    for (OffsetUnit from : kUnits)
        for (OffsetUnit to : kUnits) {
            CHECK(t.convert(0, from, to) == 0u);
            CHECK_FALSE(t.convert(1, from, to).has_value());
        }
    CHECK(t.slice(0, 0).empty());
    CHECK(t.line_count() == 1);
    CHECK(t.line_col(0).line == 1);
    CHECK(t.line_col(0).column == 1);
    CHECK(t.offset_of({1, 1}) == 0u);
    CHECK_FALSE(t.offset_of({1, 2}).has_value());
    CHECK_FALSE(t.offset_of({2, 1}).has_value());
    check_against_naive("");
    const Text e = make("");
    CHECK(e.empty());
    CHECK(e.line_count() == 1);
}

TEST_CASE("an emoji outside the BMP is one code point, two UTF-16 units and four bytes") {
    const std::string s = kRocket + " Paris";
    const Text t = make(s);
    CHECK(t.size() == 7);
    CHECK(t.size_utf16() == 8);
    CHECK(t.size_bytes() == 10);
    // "Paris" starts at code point 2, UTF-16 unit 3, byte 5.
    CHECK(t.byte_of(2) == 5);
    CHECK(t.utf16_of(2) == 3);
    CHECK(t.cp_of_byte(5) == 2);
    CHECK(t.cp_of_utf16(3) == 2);
    CHECK(t.convert(2, OffsetUnit::CodePoint, OffsetUnit::Utf16) == 3u);
    CHECK(t.convert(2, OffsetUnit::CodePoint, OffsetUnit::Utf8) == 5u);
    CHECK(t.convert(3, OffsetUnit::Utf16, OffsetUnit::Utf8) == 5u);
    CHECK(t.convert(5, OffsetUnit::Utf8, OffsetUnit::Utf16) == 3u);
    CHECK(t.convert(5, OffsetUnit::Utf8, OffsetUnit::CodePoint) == 2u);
    CHECK(t.convert(3, OffsetUnit::Utf16, OffsetUnit::CodePoint) == 2u);
    CHECK(t.slice(2, 7) == "Paris");
    CHECK(t.slice(0, 1) == kRocket);
    CHECK(t.at(0) == 0x1F680);
    CHECK(t.at(2) == U'P');
    // Inside the emoji: bytes 1-3 and the low surrogate (unit 1) are not boundaries.
    for (size_t b = 1; b <= 3; ++b) {
        CAPTURE(b);
        CHECK_FALSE(t.checked_cp_of_byte(b).has_value());
        CHECK(t.cp_of_byte(b) == 0);
        CHECK_FALSE(t.convert(b, OffsetUnit::Utf8, OffsetUnit::CodePoint).has_value());
        CHECK_FALSE(t.convert(b, OffsetUnit::Utf8, OffsetUnit::Utf16).has_value());
    }
    CHECK_FALSE(t.checked_cp_of_utf16(1).has_value());
    CHECK(t.cp_of_utf16(1) == 0);
    CHECK_FALSE(t.convert(1, OffsetUnit::Utf16, OffsetUnit::Utf8).has_value());
    // The end is a boundary in every unit; one past it is not.
    CHECK(t.convert(7, OffsetUnit::CodePoint, OffsetUnit::Utf16) == 8u);
    CHECK(t.convert(8, OffsetUnit::Utf16, OffsetUnit::Utf8) == 10u);
    CHECK(t.convert(10, OffsetUnit::Utf8, OffsetUnit::CodePoint) == 7u);
    CHECK_FALSE(t.convert(8, OffsetUnit::CodePoint, OffsetUnit::Utf8).has_value());
    CHECK_FALSE(t.convert(9, OffsetUnit::Utf16, OffsetUnit::Utf8).has_value());
    CHECK_FALSE(t.convert(11, OffsetUnit::Utf8, OffsetUnit::Utf16).has_value());
    check_against_naive(s);
}

TEST_CASE("a ZWJ sequence with a skin tone counts each of its four code points") {
    const Text t = make(kFirefighter);
    CHECK(t.size() == 4);
    CHECK(t.size_utf16() == 7);
    CHECK(t.size_bytes() == 15);
    // man (4 bytes, 2 units), skin tone (4, 2), ZWJ (3, 1), fire engine (4, 2).
    const size_t bytes[] = {0, 4, 8, 11, 15};
    const size_t units[] = {0, 2, 4, 5, 7};
    for (size_t cp = 0; cp <= 4; ++cp) {
        CAPTURE(cp);
        CHECK(t.byte_of(cp) == bytes[cp]);
        CHECK(t.utf16_of(cp) == units[cp]);
        CHECK(t.checked_cp_of_byte(bytes[cp]) == cp);
        CHECK(t.checked_cp_of_utf16(units[cp]) == cp);
    }
    CHECK(t.at(2) == 0x200D);
    CHECK(t.slice(1, 2) == "\xF0\x9F\x8F\xBB");
    CHECK_FALSE(t.checked_cp_of_utf16(6).has_value());
    CHECK(t.cp_of_utf16(6) == 3);
    CHECK_FALSE(t.checked_cp_of_byte(9).has_value());
    CHECK(t.cp_of_byte(10) == 2);
    check_against_naive(kFirefighter);
    check_against_naive("Crew: " + kFirefighter + kFirefighter + " and " + kRocket + "!");
}

TEST_CASE("curly quotes are one UTF-16 unit and three bytes") {
    const std::string s = kLdq + "Hello," + kRdq + " she said.";
    const Text t = make(s);
    CHECK(t.size() == 18);
    CHECK(t.size_utf16() == 18);
    CHECK(t.size_bytes() == 22);
    // "Hello" at code point 1, unit 1, byte 3; the closing quote at 7 / 7 / 9; " she" at 8 / 8 / 12.
    CHECK(t.convert(1, OffsetUnit::CodePoint, OffsetUnit::Utf8) == 3u);
    CHECK(t.convert(1, OffsetUnit::CodePoint, OffsetUnit::Utf16) == 1u);
    CHECK(t.convert(12, OffsetUnit::Utf8, OffsetUnit::CodePoint) == 8u);
    CHECK(t.convert(9, OffsetUnit::Utf8, OffsetUnit::Utf16) == 7u);
    CHECK(t.slice(1, 6) == "Hello");
    CHECK(t.slice(0, 8) == kLdq + "Hello," + kRdq);
    CHECK(t.at(7) == 0x201D);
    CHECK_FALSE(t.checked_cp_of_byte(10).has_value());
    CHECK_FALSE(t.checked_cp_of_byte(11).has_value());
    check_against_naive(s);
}

TEST_CASE("accents and combining marks: precomposed is one code point, decomposed is two") {
    const std::string precomposed = "Caf\xC3\xA9 au lait";  // é U+00E9
    const std::string decomposed = "Cafe" + kAcute + " au lait";
    const Text p = make(precomposed);
    const Text d = make(decomposed);
    CHECK(p.size() == 12);
    CHECK(d.size() == 13);
    // "au": code point 5 / unit 5 / byte 6 precomposed; 6 / 6 / 7 decomposed.
    CHECK(p.slice(5, 7) == "au");
    CHECK(p.byte_of(5) == 6);
    CHECK(p.utf16_of(5) == 5);
    CHECK(d.slice(6, 8) == "au");
    CHECK(d.byte_of(6) == 7);
    CHECK(d.utf16_of(6) == 6);
    // The combining mark is a code point of its own: a span may end between e and the accent.
    CHECK(d.slice(0, 4) == "Cafe");
    CHECK(d.at(4) == 0x0301);
    CHECK(d.checked_cp_of_byte(4) == 4u);
    CHECK_FALSE(d.checked_cp_of_byte(5).has_value());
    check_against_naive(precomposed);
    check_against_naive(decomposed);
    check_against_naive(
        "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m, S\xC3\xA3o Paulo, \xC5\x81\xC3\xB3"
        "d\xC5\xBA");
    check_against_naive("a" + kAcute + kAcute +
                        "\xCC\xA3"
                        "b");  // stacked marks
}

TEST_CASE("CJK characters are three bytes and one UTF-16 unit each") {
    const std::string s = "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x82\xBF\xE3\x83\xAF\xE3\x83\xBC is in \xE6\x9D\xB1\xE4\xBA\xAC";
    const Text t = make(s);  // 東京タワー is in 東京
    CHECK(t.size() == 14);
    CHECK(t.size_utf16() == 14);
    CHECK(t.size_bytes() == 15 + 7 + 6);
    CHECK(t.byte_of(2) == 6);
    CHECK(t.utf16_of(2) == 2);
    CHECK(t.slice(2, 5) == "\xE3\x82\xBF\xE3\x83\xAF\xE3\x83\xBC");
    CHECK(t.convert(22, OffsetUnit::Utf8, OffsetUnit::CodePoint) == 12u);
    CHECK(t.slice(12, 14) == "\xE6\x9D\xB1\xE4\xBA\xAC");
    CHECK_FALSE(t.convert(23, OffsetUnit::Utf8, OffsetUnit::CodePoint).has_value());
    check_against_naive(s);
    check_against_naive("\xF0\xA0\x80\x8B\xE5\xAD\x97");  // 𠀋 (CJK Extension B, outside the BMP) then 字
}

TEST_CASE("conversions are exact around every checkpoint of a long mixed text") {
    // Pieces of every width, so that checkpoints fall after 1-, 2-, 3- and 4-byte characters.
    const std::string pieces[] = {"a", "\xC3\xA9", kLdq, kRocket, "\xE6\x9D\xB1", "e" + kAcute, "\r\n", kRdq};
    std::string s;
    for (size_t i = 0; utf8::count_code_points(s) < 300; ++i) s += pieces[(i * 7 + i / 3) % 8];
    const Text t = make(s);
    const Naive r(s);
    CHECK(t.size() == r.size());
    for (size_t cp : {size_t(0), size_t(1), size_t(63), size_t(64), size_t(65), size_t(127), size_t(128), size_t(129),
                      size_t(191), size_t(192), size_t(255), size_t(256), r.size() - 1, r.size()}) {
        CAPTURE(cp);
        CHECK(t.byte_of(cp) == r.byte[cp]);
        CHECK(t.utf16_of(cp) == r.u16[cp]);
        CHECK(t.checked_cp_of_byte(r.byte[cp]) == cp);
        CHECK(t.checked_cp_of_utf16(r.u16[cp]) == cp);
        for (OffsetUnit from : kUnits)
            for (OffsetUnit to : kUnits) CHECK(t.convert(r.in(cp, from), from, to) == r.in(cp, to));
        if (cp < r.size()) {
            // Every byte inside this character rounds down to it and is not a boundary.
            for (size_t b = r.byte[cp] + 1; b < r.byte[cp + 1]; ++b) {
                CHECK_FALSE(t.checked_cp_of_byte(b).has_value());
                CHECK(t.cp_of_byte(b) == cp);
            }
            if (r.u16[cp + 1] - r.u16[cp] == 2) {
                CHECK_FALSE(t.checked_cp_of_utf16(r.u16[cp] + 1).has_value());
                CHECK(t.cp_of_utf16(r.u16[cp] + 1) == cp);
            }
        }
    }
    check_against_naive(s);
}

TEST_CASE("texts ending exactly on, just before and just after a checkpoint convert their end") {
    for (size_t n : {63, 64, 65, 127, 128, 129, 192}) {
        CAPTURE(n);
        std::string s;
        for (size_t i = 0; i < n; ++i) s += i % 2 ? kRocket : "\xC3\xA9";
        const Text t = make(s);
        CHECK(t.size() == n);
        CHECK(t.size_bytes() == s.size());
        CHECK(t.byte_of(n) == s.size());
        CHECK(t.byte_of(n - 1) == s.size() - (n % 2 == 0 ? 4 : 2));
        CHECK(t.utf16_of(n) == n + n / 2);
        CHECK(t.checked_cp_of_byte(s.size()) == n);
        CHECK(t.checked_cp_of_utf16(n + n / 2) == n);
        CHECK_FALSE(t.checked_cp_of_byte(s.size() + 1).has_value());
        CHECK(t.slice(n - 1, n) == (n % 2 == 0 ? kRocket : std::string("\xC3\xA9")));
        check_against_naive(s);
    }
}

TEST_CASE("slice returns the code points of a range") {
    const Text t = make("Bashar al-Assad met " + kLdq + "Zo\xC3\xAB" + kRdq + " " + kRocket);
    CHECK(t.slice(0, 15) == "Bashar al-Assad");
    CHECK(t.slice(21, 24) == "Zo\xC3\xAB");
    CHECK(t.slice(20, 25) == kLdq + "Zo\xC3\xAB" + kRdq);
    CHECK(t.slice(26, 27) == kRocket);
    CHECK(t.slice(27, 27).empty());
    CHECK(t.slice(5, 5).empty());
}

TEST_CASE("line_col and offset_of with LF line endings, empty lines and a final newline") {
    const Text t = make("ab\ncd");
    CHECK(t.line_count() == 2);
    CHECK(t.line_start(1) == 3);
    CHECK(t.line_col(0).line == 1);
    CHECK(t.line_col(2).line == 1);  // the break belongs to the line it ends
    CHECK(t.line_col(2).column == 3);
    CHECK(t.line_col(3).line == 2);
    CHECK(t.line_col(3).column == 1);
    CHECK(t.line_col(5).line == 2);
    CHECK(t.line_col(5).column == 3);
    CHECK(t.offset_of({1, 1}) == 0u);
    CHECK(t.offset_of({1, 3}) == 2u);
    CHECK_FALSE(t.offset_of({1, 4}).has_value());  // that is line 2, column 1
    CHECK(t.offset_of({2, 1}) == 3u);
    CHECK(t.offset_of({2, 3}) == 5u);  // the end of the text
    CHECK_FALSE(t.offset_of({2, 4}).has_value());
    CHECK_FALSE(t.offset_of({3, 1}).has_value());
    CHECK_FALSE(t.offset_of({0, 1}).has_value());
    CHECK_FALSE(t.offset_of({1, 0}).has_value());

    const Text blank = make("a\n\nb\n");
    CHECK(blank.line_count() == 4);
    CHECK(blank.line_start(2) == 3);
    CHECK(blank.line_col(2).line == 2);
    CHECK(blank.line_col(2).column == 1);
    CHECK(blank.offset_of({2, 1}) == 2u);
    CHECK_FALSE(blank.offset_of({2, 2}).has_value());
    CHECK(blank.line_col(5).line == 4);  // after the final newline: an empty last line
    CHECK(blank.line_col(5).column == 1);
    CHECK(blank.offset_of({4, 1}) == 5u);
    CHECK_FALSE(blank.offset_of({4, 2}).has_value());

    const Text one = make("no newline");
    CHECK(one.line_count() == 1);
    CHECK(one.offset_of({1, 11}) == 10u);
    CHECK_FALSE(one.offset_of({1, 12}).has_value());
    check_against_naive("ab\ncd");
    check_against_naive("a\n\nb\n");
    check_against_naive("\n\n\n");
}

TEST_CASE("line_col with CRLF and lone CR line endings") {
    const Text crlf = make("ab\r\ncd\r\n");
    CHECK(crlf.line_count() == 3);
    CHECK(crlf.line_start(1) == 4);
    CHECK(crlf.line_start(2) == 8);
    CHECK(crlf.line_col(2).column == 3);  // \r
    CHECK(crlf.line_col(3).line == 1);    // \n of the same break
    CHECK(crlf.line_col(3).column == 4);
    CHECK(crlf.line_col(4).line == 2);
    CHECK(crlf.offset_of({1, 4}) == 3u);
    CHECK_FALSE(crlf.offset_of({1, 5}).has_value());
    CHECK(crlf.offset_of({3, 1}) == 8u);

    const Text cr = make("a\rb\r\rc");
    CHECK(cr.line_count() == 4);
    CHECK(cr.line_col(2).line == 2);
    CHECK(cr.line_col(4).line == 3);  // the empty line between two CRs
    CHECK(cr.line_col(4).column == 1);
    CHECK(cr.line_col(5).line == 4);

    const Text lfcr = make("a\n\rb");  // LF then CR: two breaks, not one
    CHECK(lfcr.line_count() == 3);
    check_against_naive("ab\r\ncd\r\n");
    check_against_naive("a\rb\r\rc");
    check_against_naive("\r\n\r\n");
    check_against_naive("\r");
    check_against_naive("a\n\rb");
}

TEST_CASE("CRLF lines of non-ASCII text agree in all three units") {
    // “Quote”⏎Été 🚀⏎東京 with CRLF breaks.
    const std::string s = kLdq + "Quote" + kRdq + "\r\n\xC3\x89t\xC3\xA9 " + kRocket + "\r\n\xE6\x9D\xB1\xE4\xBA\xAC";
    const Text t = make(s);
    CHECK(t.line_count() == 3);
    CHECK(t.line_start(1) == 9);
    CHECK(t.line_start(2) == 16);
    CHECK(t.convert(9, OffsetUnit::CodePoint, OffsetUnit::Utf8) == 13u);
    CHECK(t.convert(9, OffsetUnit::CodePoint, OffsetUnit::Utf16) == 9u);
    CHECK(t.convert(16, OffsetUnit::CodePoint, OffsetUnit::Utf8) == 25u);
    CHECK(t.convert(16, OffsetUnit::CodePoint, OffsetUnit::Utf16) == 17u);
    CHECK(t.convert(25, OffsetUnit::Utf8, OffsetUnit::Utf16) == 17u);
    CHECK(t.slice(16, 18) == "\xE6\x9D\xB1\xE4\xBA\xAC");
    // The emoji on line 2 is column 5; the CR after it column 6, the LF column 7.
    CHECK(t.line_col(13).line == 2);
    CHECK(t.line_col(13).column == 5);
    CHECK(t.line_col(15).column == 7);
    CHECK(t.offset_of({2, 5}) == 13u);
    CHECK(t.offset_of({3, 3}) == 18u);
    check_against_naive(s);
}

TEST_CASE("every conversion agrees with a naive scan over random mixed-width strings") {
    const std::string alphabet[] = {"a",
                                    "Z",
                                    " ",
                                    ".",
                                    "\n",
                                    "\r",
                                    "\r\n",
                                    "\xC3\xA9",
                                    kAcute,
                                    kLdq,
                                    kRdq,
                                    "\xE6\x9D\xB1",
                                    "\xE2\x80\x8D",
                                    kRocket,
                                    "\xF0\x9F\x8F\xBB",
                                    "\xF4\x8F\xBF\xBF"};
    const size_t n_alpha = sizeof alphabet / sizeof alphabet[0];
    std::mt19937 rng(20240611u);  // fixed seed: the same strings on every run and platform
    size_t total_bad = 0;
    std::string first_bad;
    for (int round = 0; round < 120; ++round) {
        const size_t len = rng() % (round < 20 ? 8 : 400);
        std::string s;
        // Runs of one width stress the checkpoints; mixes stress the scans between them.
        const bool runs = round % 3 == 0;
        size_t run_piece = rng() % n_alpha;
        for (size_t i = 0; i < len; ++i) {
            if (!runs || rng() % 40 == 0) run_piece = rng() % n_alpha;
            s += alphabet[run_piece];
        }
        const Text t = make(s);
        std::string first;
        const size_t bad = count_mismatches(t, s, first);
        if (bad && !total_bad) first_bad = "round " + std::to_string(round) + ": " + first;
        total_bad += bad;
    }
    INFO("first mismatch: ", first_bad);
    CHECK(total_bad == 0);
}

// TextBuilder (a text checked and indexed a piece at a time): every conversion, line and column of
// random texts appended in random pieces (cut inside characters and between "\r" and "\n") and
// stepped with random budgets is from_utf8's; invalid UTF-8 gives from_utf8's error.
TEST_CASE("a text built in pieces is the text from_utf8 builds, whatever the pieces") {
    std::mt19937 rng(11);
    const char* const parts[] = {"a", "b ", "\n", "\r", "\r\n", "é", "“", "中", "😀", "\xCC\x81", " "};
    for (int round = 0; round < 300; ++round) {
        std::string s;
        const int n = static_cast<int>(rng() % 400);
        for (int i = 0; i < n; ++i) s += parts[rng() % std::size(parts)];
        const Text whole = make(s);
        TextBuilder b(rng() % 2 ? s.size() : 0);
        for (size_t at = 0; at < s.size();) {
            const size_t piece = std::min<size_t>(s.size() - at, 1 + rng() % 9);
            b.append(std::string_view(s).substr(at, piece));
            at += piece;
            b.step(rng() % 12);
        }
        auto built = b.finish();
        CHECK(built.ok());
        if (!built.ok()) return;
        const Text& t = built.value();
        CHECK(t.utf8() == whole.utf8());
        CHECK(t.size() == whole.size());
        CHECK(t.size_utf16() == whole.size_utf16());
        CHECK(t.line_count() == whole.line_count());
        if (t.size() != whole.size() || t.line_count() != whole.line_count()) return;
        for (size_t l = 0; l < t.line_count(); ++l) CHECK(t.line_start(l) == whole.line_start(l));
        for (size_t cp = 0; cp <= t.size(); ++cp) {
            CHECK(t.byte_of(cp) == whole.byte_of(cp));
            CHECK(t.utf16_of(cp) == whole.utf16_of(cp));
        }
        for (size_t byte = 0; byte <= s.size(); ++byte)
            CHECK(t.checked_cp_of_byte(byte) == whole.checked_cp_of_byte(byte));
    }
    for (const std::string& bad : {std::string("ab\x80"), std::string("a\xE4\xB8"), std::string("\xED\xA0\x80x"),
                                   std::string(200, 'a') + "\xC3(" + std::string(100, 'b')}) {
        TextBuilder b;
        for (size_t at = 0; at < bad.size(); at += 7) {
            b.append(std::string_view(bad).substr(at, 7));
            b.step(5);
        }
        auto built = b.finish();
        auto whole = Text::from_utf8(bad);
        CHECK(!built.ok());
        CHECK(!whole.ok());
        if (built.ok() || whole.ok()) return;
        CHECK(built.error().message == whole.error().message);
        CHECK(built.error().offset == whole.error().offset);
    }
}
