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

// The input's bytes with [skip_begin, skip_end) left out: the parser sees that string as "".
class SkippingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    SkippingIterator(const char* p, const char* skip_begin, const char* skip_end)
        : p_(p == skip_begin ? skip_end : p), skip_begin_(skip_begin), skip_end_(skip_end) {}
    reference operator*() const { return *p_; }
    SkippingIterator& operator++() {
        if (++p_ == skip_begin_) p_ = skip_end_;
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
    const char* p_;
    const char* skip_begin_;
    const char* skip_end_;
};

}  // namespace aa::io::json
