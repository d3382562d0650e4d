// UAX #29 / #14 segmentation (segment.hpp) over libunibreak: its per-character "break after"
// arrays are turned into per-position boundaries.
#include "core/segment.hpp"

extern "C" {
#include <graphemebreak.h>
#include <linebreak.h>
#include <wordbreak.h>
}

#include "core/utf8.hpp"

namespace aa::seg {
namespace {

// libunibreak's init_* functions are empty in 6.x, but calling them once is its documented contract.
void init_once() {
    static const bool done = [] {
        init_linebreak();
        init_wordbreak();
        init_graphemebreak();
        return true;
    }();
    (void)done;
}

const utf32_t* data(std::u32string_view s) { return reinterpret_cast<const utf32_t*>(s.data()); }

}  // namespace

std::vector<bool> grapheme_boundaries(std::u32string_view s) {
    init_once();
    std::vector<bool> out(s.size() + 1, true);
    if (s.empty()) return out;
    std::vector<char> brks(s.size());
    set_graphemebreaks_utf32(data(s), s.size(), "", brks.data());
    for (size_t i = 0; i + 1 < s.size(); ++i) out[i + 1] = brks[i] == GRAPHEMEBREAK_BREAK;
    return out;
}

std::vector<bool> word_boundaries(std::u32string_view s) {
    init_once();
    std::vector<bool> out(s.size() + 1, true);
    if (s.empty()) return out;
    std::vector<char> brks(s.size());
    set_wordbreaks_utf32(data(s), s.size(), "", brks.data());
    for (size_t i = 0; i + 1 < s.size(); ++i) out[i + 1] = brks[i] == WORDBREAK_BREAK;
    return out;
}

std::vector<LineBreak> line_breaks(std::u32string_view s, const char* lang) {
    init_once();
    std::vector<LineBreak> out(s.size() + 1, LineBreak::None);
    if (s.empty()) return out;
    std::vector<char> brks(s.size());
    set_linebreaks_utf32(data(s), s.size(), lang, brks.data());
    for (size_t i = 0; i < s.size(); ++i) {
        const char b = brks[i];
        out[i + 1] = b == LINEBREAK_MUSTBREAK                                      ? LineBreak::Must
                     : (b == LINEBREAK_ALLOWBREAK || b == LINEBREAK_INDETERMINATE) ? LineBreak::Allow
                                                                                   : LineBreak::None;
    }
    out[s.size()] = LineBreak::Must;
    return out;
}

std::u32string to_utf32(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    size_t i = 0;
    while (i < utf8.size()) out.push_back(utf8::decode(utf8, i));
    return out;
}

std::string clip_clusters(std::string_view utf8, size_t max_bytes) {
    if (utf8.size() <= max_bytes) return std::string(utf8);
    // The code points up to one past the limit: enough to know whether the limit ends a cluster.
    std::u32string cps;
    std::vector<size_t> at;  // byte offset of each code point, then of the end
    size_t i = 0;
    while (i < utf8.size()) {
        at.push_back(i);
        cps.push_back(utf8::decode(utf8, i));
        if (i > max_bytes) break;
    }
    at.push_back(i);
    const std::vector<bool> b = grapheme_boundaries(cps);
    size_t k = cps.size();
    // The last code point read may be followed by more of its cluster: its end is a boundary only
    // if the whole string ends there.
    if (i < utf8.size()) --k;
    while (k > 0 && (at[k] > max_bytes || !b[k])) --k;
    return std::string(utf8.substr(0, at[k])) + "...";
}

}  // namespace aa::seg
