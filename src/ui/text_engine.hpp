// TextEngine: what the layout asks of whoever shapes text (the browser's canvas in the page, a
// deterministic fake in the headless tests): the advance width of one run of text shaped in one
// direction. MeasureCache remembers the answers per distinct string, so a long article measures
// each distinct word once.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aa::ui {

class TextEngine {
public:
    virtual ~TextEngine() = default;
    // The advance width in pixels of `text` (code points in logical order, one direction, one
    // style), shaped as a whole: Arabic letters joined, marks on their bases, ligatures formed.
    virtual float width(std::u32string_view text, bool rtl) = 0;
};

// Widths by (string, direction), in front of an engine. Distinct words of a 1 MB article number
// tens of thousands, so the cache stays a few MB at most; clear() drops it (a font change).
class MeasureCache {
public:
    explicit MeasureCache(TextEngine& engine) : engine_(engine) {}

    float width(std::u32string_view text, bool rtl) {
        auto& map = widths_[rtl ? 1 : 0];
        key_.assign(text);
        auto it = map.find(key_);
        if (it != map.end()) return it->second;
        const float w = engine_.width(text, rtl);
        map.emplace(key_, w);
        return w;
    }
    size_t size() const { return widths_[0].size() + widths_[1].size(); }
    void clear() {
        widths_[0].clear();
        widths_[1].clear();
    }
    TextEngine& engine() { return engine_; }

private:
    TextEngine& engine_;
    std::u32string key_;
    std::unordered_map<std::u32string, float> widths_[2];  // left-to-right, right-to-left
};

}  // namespace aa::ui
