// A long string member of a JSON document's root object (the native format's "text": 10 MB), found
// and decoded apart, so that the streaming reader's parser can skip its bytes: nlohmann's lexer
// grows two buffers a character at a time for each string (its value and the raw token, for error
// messages), about 4.5x the string's size at their peak. Private to aa_io's .cpp files.
#pragma once
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace aa::io::json {

struct LongString {
    size_t begin = 0, end = 0;  // the content's bytes in the input, between the quotes
    std::string value;          // decoded, as nlohmann would (escapes, \u surrogate pairs)
};

// The first member `key` of the root object when its value is a string of at least `min_bytes` and
// that string is decoded here exactly as the parser would accept it; nullopt otherwise (a key
// written with escapes, anything the parser would report: the parser then reads it and says so).
std::optional<LongString> root_long_string(std::string_view input, std::string_view key, size_t min_bytes);

// The scanning pieces, also for a reader that works a slice at a time (native::NativeReadRun).
bool is_ws(char c);
size_t skip_ws(std::string_view in, size_t i);
// The closing quote of the string whose opening quote is at `i`, or npos.
size_t string_end(std::string_view in, size_t i);
// Past the value at `i` (a scalar, or a container with strings in it), or npos. It only pairs
// brackets and quotes: what it finds in broken input is for the parser to confirm or refuse.
size_t value_end(std::string_view in, size_t i);
// Decodes a string's content `s` from `i` up to `limit` (an escape begun before it is decoded
// whole), appending to `out`; false for anything the parser would refuse.
bool decode_some(std::string_view s, size_t& i, size_t limit, std::string& out);
// value_end in pieces: step() scans up to `limit` from `i`; 1 when the value ended (`i` is past
// it, as value_end gives), 0 when it goes on, -1 when the input ends inside it.
struct ValueScan {
    size_t i = 0;
    size_t depth = 0;
    bool in_string = false, escaped = false;
    int step(std::string_view in, size_t limit);
};

// The input's bytes with [skip_begin, skip_end) left out (and up to two more such ranges, when given):
// the parser sees that string as "" (or that array as []). One type for every reader, so that
// nlohmann's parser is compiled once for it (the page's size); one comparison per byte.
class SkippingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    SkippingIterator(const char* p, const char* skip_begin, const char* skip_end, const char* skip2_begin = nullptr,
                     const char* skip2_end = nullptr, const char* skip3_begin = nullptr,
                     const char* skip3_end = nullptr)
        : p_(p) {
        add(skip_begin, skip_end);
        add(skip2_begin, skip2_end);
        add(skip3_begin, skip3_end);
        while (k_ < n_ && ranges_[k_].begin < p_) ++k_;  // (an iterator made past them: the end)
        jump();
    }
    reference operator*() const { return *p_; }
    SkippingIterator& operator++() {
        if (++p_ == next_) jump();
        return *this;
    }
    SkippingIterator operator++(int) {
        SkippingIterator old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const SkippingIterator& a, const SkippingIterator& b) { return a.p_ == b.p_; }
    friend bool operator!=(const SkippingIterator& a, const SkippingIterator& b) { return a.p_ != b.p_; }

private:
    struct Range {
        const char* begin;
        const char* end;
    };
    // Kept in the order of the input.
    void add(const char* begin, const char* end) {
        if (!begin) return;
        size_t i = n_++;
        for (; i > 0 && ranges_[i - 1].begin > begin; --i) ranges_[i] = ranges_[i - 1];
        ranges_[i] = Range{begin, end};
    }
    void jump() {
        while (k_ < n_ && p_ == ranges_[k_].begin) p_ = ranges_[k_++].end;
        next_ = k_ < n_ ? ranges_[k_].begin : nullptr;
    }
    const char* p_;
    Range ranges_[3] = {};
    size_t n_ = 0, k_ = 0;
    const char* next_ = nullptr;
};

}  // namespace aa::io::json
