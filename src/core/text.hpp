// Text: an immutable, validated UTF-8 string with an index for converting offsets between
// code points (the project's unit), UTF-16 code units (JavaScript, UIMA) and UTF-8 bytes
// (C++, files), and for line/column look-ups. Every conversion is O(log n) or better.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace aa {

enum class OffsetUnit { CodePoint, Utf16, Utf8 };

// "codepoint", "utf16", "utf8"
const char* offset_unit_name(OffsetUnit unit);
std::optional<OffsetUnit> parse_offset_unit(std::string_view name);

struct LineCol {
    size_t line = 1;    // 1-based
    size_t column = 1;  // 1-based, in code points
};

class Text {
public:
    Text() { build_index(); }

    // Validates `utf8`; invalid UTF-8 is an error naming the byte position.
    static Result<Text> from_utf8(std::string utf8);

    const std::string& utf8() const { return bytes_; }
    bool empty() const { return bytes_.empty(); }
    size_t size() const { return cp_count_; }  // in code points
    size_t size_utf16() const { return u16_count_; }
    size_t size_bytes() const { return bytes_.size(); }

    // Conversions. An offset from a larger unit that falls inside a character (a UTF-8 byte in
    // the middle of a sequence, a UTF-16 unit between two surrogates) is not a boundary: the
    // checked forms return nullopt, the plain ones round down to the character's start.
    size_t byte_of(size_t cp) const;
    size_t utf16_of(size_t cp) const;
    size_t cp_of_byte(size_t byte) const;
    size_t cp_of_utf16(size_t u16) const;
    std::optional<size_t> checked_cp_of_byte(size_t byte) const;
    std::optional<size_t> checked_cp_of_utf16(size_t u16) const;

    // Converts between any two units; nullopt when `offset` is past the end or not a boundary.
    std::optional<size_t> convert(size_t offset, OffsetUnit from, OffsetUnit to) const;
    size_t size_in(OffsetUnit unit) const;

    // The UTF-8 text of code points [start, end). Requires start <= end <= size().
    std::string_view slice(size_t start, size_t end) const;
    char32_t at(size_t cp) const;

    // Lines end at "\n", "\r\n" or "\r"; the break belongs to the line it ends.
    size_t line_count() const { return line_starts_.size(); }
    size_t line_start(size_t line_index) const { return line_starts_[line_index]; }  // 0-based index
    LineCol line_col(size_t cp) const;
    // Code point offset of a 1-based line and column; nullopt when out of range.
    std::optional<size_t> offset_of(LineCol lc) const;

private:
    friend class TextBuilder;
    static constexpr size_t kStride = 64;  // one checkpoint every 64 code points

    void build_index();
    void index_begin();
    void index_range(size_t i, size_t end);  // bytes_[i, end), from a character's start to another's
    void index_end();

    std::string bytes_;
    size_t cp_count_ = 0;
    size_t u16_count_ = 0;
    std::vector<size_t> cp_byte_;  // byte offset of code point k * kStride
    std::vector<size_t> cp_u16_;   // UTF-16 offset of code point k * kStride
    std::vector<size_t> line_starts_;
};

// A Text built a piece at a time, for a text too long to check and index in one frame (a 10 MB
// import read in slices): append bytes as they come, step() checks and indexes up to a budget of
// them, and finish() gives exactly what Text::from_utf8 of all the bytes gives.
class TextBuilder {
public:
    // `expected_bytes`: room reserved for the text and its index (an upper bound, or 0).
    explicit TextBuilder(size_t expected_bytes = 0);
    void append(std::string_view bytes) { t_.bytes_.append(bytes); }
    // Checks and indexes up to `budget` more bytes of those appended, stopping before a character
    // (or a "\r" that a "\n" may follow) that the next bytes may continue.
    void step(size_t budget);
    size_t size() const { return t_.bytes_.size(); }
    Result<Text> finish();

private:
    Text t_;
    size_t done_ = 0;   // bytes checked and indexed
    bool bad_ = false;  // invalid UTF-8 met: finish() says where, as from_utf8 does
};

}  // namespace aa
