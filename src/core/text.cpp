// Text index: checkpoints every kStride code points hold the byte and UTF-16 offsets there.
// cp -> unit is a checkpoint look-up plus a scan of < kStride characters; unit -> cp is a
// binary search over the checkpoints plus the same short scan.
#include "core/text.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace aa {

const char* offset_unit_name(OffsetUnit unit) {
    switch (unit) {
        case OffsetUnit::CodePoint: return "codepoint";
        case OffsetUnit::Utf16: return "utf16";
        case OffsetUnit::Utf8: return "utf8";
    }
    return "?";
}

std::optional<OffsetUnit> parse_offset_unit(std::string_view name) {
    if (name == "codepoint" || name == "codepoints" || name == "cp") return OffsetUnit::CodePoint;
    if (name == "utf16" || name == "utf-16") return OffsetUnit::Utf16;
    if (name == "utf8" || name == "utf-8" || name == "bytes" || name == "byte") return OffsetUnit::Utf8;
    return std::nullopt;
}

Result<Text> Text::from_utf8(std::string utf8) {
    if (auto bad = utf8::validate(utf8)) {
        Error e = make_error(bad->message);
        e.offset = bad->byte;
        return e;
    }
    Text t;
    t.bytes_ = std::move(utf8);
    t.build_index();
    return t;
}

void Text::build_index() {
    cp_byte_.clear();
    cp_u16_.clear();
    cp_byte_.reserve(bytes_.size() / kStride + 1);
    cp_u16_.reserve(bytes_.size() / kStride + 1);
    index_begin();
    index_range(0, bytes_.size());
    index_end();
}

void Text::index_begin() {
    cp_byte_.clear();
    cp_u16_.clear();
    line_starts_.assign(1, 0);
    cp_count_ = 0;
    u16_count_ = 0;
}

void Text::index_range(size_t i, size_t end) {
    size_t cp = cp_count_, u16 = u16_count_;
    const std::string_view s = bytes_;
    while (i < end) {
        if (cp % kStride == 0) {
            cp_byte_.push_back(i);
            cp_u16_.push_back(u16);
        }
        const char32_t c = utf8::decode(s, i);
        ++cp;
        u16 += utf8::utf16_length(c);
        if (c == '\n') {
            line_starts_.push_back(cp);
        } else if (c == '\r') {
            if (i < s.size() && s[i] == '\n') continue;  // CRLF: the \n ends the line
            line_starts_.push_back(cp);
        }
    }
    cp_count_ = cp;
    u16_count_ = u16;
}

void Text::index_end() {
    if (cp_count_ % kStride == 0) {  // sentinel checkpoint at the end when it falls on a stride
        cp_byte_.push_back(bytes_.size());
        cp_u16_.push_back(u16_count_);
    }
}

TextBuilder::TextBuilder(size_t expected_bytes) {
    t_.bytes_.reserve(expected_bytes);
    t_.cp_byte_.reserve(expected_bytes / Text::kStride + 1);
    t_.cp_u16_.reserve(expected_bytes / Text::kStride + 1);
    t_.index_begin();
}

void TextBuilder::step(size_t budget) {
    const std::string_view s = t_.bytes_;
    if (bad_ || done_ >= s.size()) return;
    size_t end = std::min(s.size(), done_ + std::max<size_t>(budget, 1));
    // Back to a character's first byte (a sequence is at most 4 bytes), and before a final "\r": the
    // bytes after `end` may continue either.
    for (int back = 0; back < 3 && end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80; ++back) --end;
    if (end == s.size()) {
        const size_t lead = [&] {
            size_t k = s.size();
            while (k > done_ && s.size() - k < 4 && (static_cast<unsigned char>(s[k - 1]) & 0xC0) == 0x80) --k;
            return k > done_ ? k - 1 : done_;
        }();
        if (lead < s.size() && utf8::sequence_length(static_cast<unsigned char>(s[lead])) > s.size() - lead) end = lead;
    }
    if (end > done_ && s[end - 1] == '\r' && end == s.size()) --end;
    if (end <= done_) return;
    if (utf8::validate(s.substr(done_, end - done_))) {
        bad_ = true;
        return;
    }
    t_.index_range(done_, end);
    done_ = end;
}

Result<Text> TextBuilder::finish() {
    if (!bad_ && done_ < t_.bytes_.size()) {
        if (utf8::validate(std::string_view(t_.bytes_).substr(done_)))
            bad_ = true;
        else
            t_.index_range(done_, t_.bytes_.size());
    }
    if (bad_) return Text::from_utf8(std::move(t_.bytes_));  // its message names the byte
    done_ = t_.bytes_.size();
    t_.index_end();
    return std::move(t_);
}

size_t Text::byte_of(size_t cp) const {
    if (cp >= cp_count_) return bytes_.size();
    size_t k = cp / kStride;
    size_t i = cp_byte_[k];
    for (size_t n = cp - k * kStride; n > 0; --n) i += utf8::sequence_length(static_cast<unsigned char>(bytes_[i]));
    return i;
}

size_t Text::utf16_of(size_t cp) const {
    if (cp >= cp_count_) return u16_count_;
    size_t k = cp / kStride;
    size_t i = cp_byte_[k];
    size_t u = cp_u16_[k];
    for (size_t n = cp - k * kStride; n > 0; --n) {
        const size_t len = utf8::sequence_length(static_cast<unsigned char>(bytes_[i]));
        u += len == 4 ? 2 : 1;
        i += len;
    }
    return u;
}

std::optional<size_t> Text::checked_cp_of_byte(size_t byte) const {
    if (byte > bytes_.size()) return std::nullopt;
    if (byte == bytes_.size()) return cp_count_;
    if (utf8::is_continuation(static_cast<unsigned char>(bytes_[byte]))) return std::nullopt;
    // Last checkpoint at or before `byte`.
    auto it = std::upper_bound(cp_byte_.begin(), cp_byte_.end(), byte);
    size_t k = static_cast<size_t>(it - cp_byte_.begin()) - 1;
    size_t cp = k * kStride;
    for (size_t i = cp_byte_[k]; i < byte; ++cp) i += utf8::sequence_length(static_cast<unsigned char>(bytes_[i]));
    return cp;
}

size_t Text::cp_of_byte(size_t byte) const {
    if (byte >= bytes_.size()) return cp_count_;
    while (byte > 0 && utf8::is_continuation(static_cast<unsigned char>(bytes_[byte]))) --byte;
    return *checked_cp_of_byte(byte);
}

std::optional<size_t> Text::checked_cp_of_utf16(size_t u16) const {
    if (u16 > u16_count_) return std::nullopt;
    if (u16 == u16_count_) return cp_count_;
    auto it = std::upper_bound(cp_u16_.begin(), cp_u16_.end(), u16);
    size_t k = static_cast<size_t>(it - cp_u16_.begin()) - 1;
    size_t cp = k * kStride;
    size_t i = cp_byte_[k];
    size_t u = cp_u16_[k];
    while (u < u16) {
        const size_t len = utf8::sequence_length(static_cast<unsigned char>(bytes_[i]));
        u += len == 4 ? 2 : 1;
        i += len;
        ++cp;
    }
    if (u != u16) return std::nullopt;  // inside a surrogate pair
    return cp;
}

size_t Text::cp_of_utf16(size_t u16) const {
    if (u16 >= u16_count_) return cp_count_;
    if (auto cp = checked_cp_of_utf16(u16)) return *cp;
    return *checked_cp_of_utf16(u16 - 1);
}

size_t Text::size_in(OffsetUnit unit) const {
    switch (unit) {
        case OffsetUnit::CodePoint: return cp_count_;
        case OffsetUnit::Utf16: return u16_count_;
        case OffsetUnit::Utf8: return bytes_.size();
    }
    return 0;
}

std::optional<size_t> Text::convert(size_t offset, OffsetUnit from, OffsetUnit to) const {
    std::optional<size_t> cp;
    switch (from) {
        case OffsetUnit::CodePoint: cp = offset <= cp_count_ ? std::optional<size_t>(offset) : std::nullopt; break;
        case OffsetUnit::Utf16: cp = checked_cp_of_utf16(offset); break;
        case OffsetUnit::Utf8: cp = checked_cp_of_byte(offset); break;
    }
    if (!cp) return std::nullopt;
    switch (to) {
        case OffsetUnit::CodePoint: return *cp;
        case OffsetUnit::Utf16: return utf16_of(*cp);
        case OffsetUnit::Utf8: return byte_of(*cp);
    }
    return std::nullopt;
}

std::string_view Text::slice(size_t start, size_t end) const {
    AA_ASSERT(start <= end && end <= cp_count_, "Text::slice out of range");
    const size_t b0 = byte_of(start);
    const size_t b1 = byte_of(end);
    return std::string_view(bytes_).substr(b0, b1 - b0);
}

char32_t Text::at(size_t cp) const {
    AA_ASSERT(cp < cp_count_, "Text::at out of range");
    size_t i = byte_of(cp);
    return utf8::decode(bytes_, i);
}

LineCol Text::line_col(size_t cp) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), cp);
    const size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
    return LineCol{line, cp - line_starts_[line - 1] + 1};
}

std::optional<size_t> Text::offset_of(LineCol lc) const {
    if (lc.line == 0 || lc.line > line_starts_.size() || lc.column == 0) return std::nullopt;
    const size_t start = line_starts_[lc.line - 1];
    const size_t cp = start + lc.column - 1;
    // The inverse of line_col(): a line owns its break, and the offset just after the break is
    // column 1 of the next line; only the last line also owns the end of the text.
    if (lc.line < line_starts_.size()) {
        if (cp >= line_starts_[lc.line]) return std::nullopt;
    } else if (cp > cp_count_) {
        return std::nullopt;
    }
    return cp;
}

}  // namespace aa
