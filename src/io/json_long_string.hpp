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

// The input's bytes with byte ranges left out: the parser sees a skipped string as "" (or a skipped
// array as []). One type for every reader, so that nlohmann's parser is compiled once for it (the
// page's size); one comparison per byte. The ranges are the caller's, in the order of the input,
// not overlapping, and outlive the iterator.
class SkippingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    struct Range {
        const char* begin;
        const char* end;
    };

    SkippingIterator(const char* p, const Range* ranges, size_t n) : p_(p), k_(ranges), end_(ranges + n) {
        while (k_ < end_ && k_->begin < p_) ++k_;  // (an iterator made past them: the end)
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
    void jump() {
        while (k_ < end_ && p_ == k_->begin) p_ = (k_++)->end;
        next_ = k_ < end_ ? k_->begin : nullptr;
    }
    const char* p_;
    const Range* k_;
    const Range* end_;
    const char* next_ = nullptr;
};

}  // namespace aa::io::json
