// TextEngine: what the layout asks of whoever shapes text (the browser's canvas in the page, a
// deterministic fake in the headless tests): the advance width of one run of text shaped in one
// direction. MeasureCache remembers the answers per distinct string, so a long article measures
// each distinct word once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aa::ui {

// The face a run is shaped and drawn in. Bold is the font's own bold face (the browser's system
// fonts have one: DejaVu Sans Bold, Noto Sans Bold), not the regular glyphs drawn twice.
enum class TextStyle : uint8_t { Regular = 0, Bold = 1 };

class TextEngine {
public:
    virtual ~TextEngine() = default;
    // The advance width in pixels of `text` (code points in logical order, one direction, one
    // style), shaped as a whole: Arabic letters joined, marks on their bases, ligatures formed.
    virtual float width(std::u32string_view text, bool rtl, TextStyle style) = 0;

    // A suffix of `text` from code point `start`, measured as width() would; with `zwj`, preceded by
    // U+200D (its first letter keeps the form it joins with across the cut).
    struct Suffix {
        uint32_t start = 0;
        bool zwj = false;
    };
    // The widths of several suffixes of one run, into `out` (one per suffix). The layout asks for a
    // run's cluster boundaries this way; an engine behind a costly boundary (the page's canvas)
    // answers all of them in one crossing, with the run's text handed over once.
    virtual void suffix_widths(std::u32string_view text, bool rtl, TextStyle style, const std::vector<Suffix>& suffixes,
                               std::vector<float>& out) {
        out.resize(suffixes.size());
        std::u32string s;
        for (size_t i = 0; i < suffixes.size(); ++i) {
            s.clear();
            if (suffixes[i].zwj) s.push_back(U'\u200D');
            s.append(text.substr(suffixes[i].start));
            out[i] = width(s, rtl, style);
        }
    }
};

// Widths by (string, direction, style), in front of an engine. Distinct words of a 1 MB article number
// tens of thousands, so the cache stays a few MB at most; clear() drops it (a font change).
class MeasureCache {
public:
    explicit MeasureCache(TextEngine& engine) : engine_(engine) {}

    float width(std::u32string_view text, bool rtl, TextStyle style = TextStyle::Regular) {
        auto& map = widths_[(rtl ? 1 : 0) + (style == TextStyle::Bold ? 2 : 0)];
        key_.assign(text);
        auto it = map.find(key_);
        if (it != map.end()) return it->second;
        const float w = engine_.width(text, rtl, style);
        map.emplace(key_, w);
        return w;
    }
    size_t size() const { return widths_[0].size() + widths_[1].size() + widths_[2].size() + widths_[3].size(); }
    void clear() {
        for (auto& m : widths_) m.clear();
    }
    TextEngine& engine() { return engine_; }

private:
    TextEngine& engine_;
    std::u32string key_;
    std::unordered_map<std::u32string, float> widths_[4];  // ltr, rtl; then bold ltr, bold rtl
};

}  // namespace aa::ui
