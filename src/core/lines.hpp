// Lines of a text, one at a time: the one loop of every line-based parser (lexicons, gazetteers)
// and of the UI's gazetteer merge. A line ends at "\n", "\r\n" or a lone "\r" (old Mac files), as
// in every line-based reader; a text ending in a line end has no empty last line.
#pragma once
#include <cstddef>
#include <string_view>

namespace aa {

class LineReader {
public:
    explicit LineReader(std::string_view text) : text_(text) {}
    // The next line into `line`; false at the end.
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        size_t nl = text_.find_first_of("\r\n", pos_);
        if (nl == std::string_view::npos) nl = text_.size();
        line = text_.substr(pos_, nl - pos_);
        pos_ = nl + (text_.compare(nl, 2, "\r\n") == 0 ? 2 : 1);
        ++number_;
        return true;
    }
    size_t number() const { return number_; }  // 1-based, of the line last returned

private:
    std::string_view text_;
    size_t pos_ = 0;
    size_t number_ = 0;
};

}  // namespace aa
