// libFuzzer target for the UTF-8 validator (core/utf8) and the Text offset index (core/text): every
// reader converts offsets through them, so their invariants are checked against a plain decode:
// validate() agrees with Text::from_utf8; every offset converts both ways between code points,
// UTF-16 units and bytes; offsets inside a character are refused by the checked forms and rounded
// down by the plain ones; line/column look-ups invert; sanitize() always yields valid UTF-8.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "core/utf8.hpp"

namespace {

[[noreturn]] void fail(const char* what, size_t at) {
    std::fprintf(stderr, "\n==== text property broken at %zu: %s ====\n", at, what);
    std::abort();
}

#define AA_CHECK(cond, at)            \
    do {                              \
        if (!(cond)) fail(#cond, at); \
    } while (0)

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto invalid = aa::utf8::validate(bytes);

    const std::string clean = aa::utf8::sanitize(bytes);
    AA_CHECK(!aa::utf8::validate(clean), 0);
    if (!invalid) AA_CHECK(clean == bytes, 0);  // valid input passes through unchanged

    auto text = aa::Text::from_utf8(std::string(bytes));
    AA_CHECK(text.ok() == !invalid.has_value(), 0);
    if (invalid) {
        AA_CHECK(invalid->byte < size, invalid->byte);
        AA_CHECK(!aa::utf8::validate(bytes.substr(0, invalid->byte)), invalid->byte);  // the first bad byte
        AA_CHECK(!text.error().message.empty(), 0);
        return 0;
    }
    const aa::Text& t = *text;

    // Reference decode: the byte and UTF-16 offset of every code point, and line starts.
    std::vector<size_t> byte_at, u16_at;
    std::vector<char32_t> cps;
    size_t u16 = 0;
    for (size_t i = 0; i < bytes.size();) {
        byte_at.push_back(i);
        u16_at.push_back(u16);
        const char32_t c = aa::utf8::decode(bytes, i);
        cps.push_back(c);
        AA_CHECK(aa::utf8::encode(c) == bytes.substr(byte_at.back(), i - byte_at.back()), byte_at.back());
        u16 += aa::utf8::utf16_length(c);
    }
    const size_t n = cps.size();
    byte_at.push_back(bytes.size());
    u16_at.push_back(u16);
    AA_CHECK(t.size() == n && t.size_bytes() == bytes.size() && t.size_utf16() == u16, 0);
    AA_CHECK(aa::utf8::count_code_points(bytes) == n, 0);

    using aa::OffsetUnit;
    for (size_t cp = 0; cp <= n; ++cp) {
        AA_CHECK(t.byte_of(cp) == byte_at[cp], cp);
        AA_CHECK(t.utf16_of(cp) == u16_at[cp], cp);
        AA_CHECK(t.cp_of_byte(byte_at[cp]) == cp, cp);
        AA_CHECK(t.cp_of_utf16(u16_at[cp]) == cp, cp);
        AA_CHECK(t.checked_cp_of_byte(byte_at[cp]) == cp, cp);
        AA_CHECK(t.checked_cp_of_utf16(u16_at[cp]) == cp, cp);
        AA_CHECK(t.convert(cp, OffsetUnit::CodePoint, OffsetUnit::Utf16) == u16_at[cp], cp);
        AA_CHECK(t.convert(cp, OffsetUnit::CodePoint, OffsetUnit::Utf8) == byte_at[cp], cp);
        AA_CHECK(t.convert(u16_at[cp], OffsetUnit::Utf16, OffsetUnit::Utf8) == byte_at[cp], cp);
        AA_CHECK(t.convert(byte_at[cp], OffsetUnit::Utf8, OffsetUnit::Utf16) == u16_at[cp], cp);
        const aa::LineCol lc = t.line_col(cp);
        AA_CHECK(t.offset_of(lc) == cp, cp);
        if (cp < n) {
            AA_CHECK(t.at(cp) == cps[cp], cp);
            AA_CHECK(t.slice(cp, cp + 1) == bytes.substr(byte_at[cp], byte_at[cp + 1] - byte_at[cp]), cp);
            // Offsets inside this character: refused when checked, rounded down otherwise.
            for (size_t b = byte_at[cp] + 1; b < byte_at[cp + 1]; ++b) {
                AA_CHECK(!t.checked_cp_of_byte(b), b);
                AA_CHECK(!t.convert(b, OffsetUnit::Utf8, OffsetUnit::CodePoint), b);
                AA_CHECK(t.cp_of_byte(b) == cp, b);
            }
            if (u16_at[cp + 1] - u16_at[cp] == 2) {
                AA_CHECK(!t.checked_cp_of_utf16(u16_at[cp] + 1), cp);
                AA_CHECK(t.cp_of_utf16(u16_at[cp] + 1) == cp, cp);
            }
            // A line break ends its line: the next offset is column 1 of the next line, except
            // for the "\r" of a "\r\n".
            const bool breaks = cps[cp] == U'\n' || (cps[cp] == U'\r' && !(cp + 1 < n && cps[cp + 1] == U'\n'));
            if (breaks)
                AA_CHECK(t.line_col(cp + 1).column == 1 && t.line_col(cp + 1).line == lc.line + 1, cp);
            else
                AA_CHECK(t.line_col(cp + 1).line == lc.line, cp);
        }
    }
    // Past the end: nothing converts.
    AA_CHECK(!t.convert(n + 1, OffsetUnit::CodePoint, OffsetUnit::Utf8), n);
    AA_CHECK(!t.checked_cp_of_byte(bytes.size() + 1), n);
    AA_CHECK(!t.checked_cp_of_utf16(u16 + 1), n);
    AA_CHECK(t.line_count() == t.line_col(n).line, n);
    return 0;
}
