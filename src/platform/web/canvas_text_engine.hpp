// CanvasTextEngine: the browser's own text engine behind ui::TextRenderer. A 2D canvas context
// (an OffscreenCanvas) measures runs with measureText in the article's font stack (the system
// fonts, then Noto per script and Noto Color Emoji), so shaping is the browser's: Arabic joining,
// Devanagari conjuncts, emoji sequences. Runs are drawn by RunAtlas: each run rasterised once with
// fillText and kept in a WebGL texture atlas that Dear ImGui draws from. The page bundles no script font.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ui/text_renderer.hpp"

namespace aa::web {

// The CSS font family list the article text is measured and drawn with.
extern const char* const kTextFontFamilies;

// Rasterised runs in WebGL textures ("pages" of fixed-height shelves), keyed by text, direction,
// style, colour and size. A run wider than a tile is cut into tiles drawn side by side. When every page is
// full, the least recently drawn shelf is emptied (LRU by shelf); a shelf drawn from in the current
// frame is never evicted, since the frame's draw list still points into it.
class RunAtlas {
public:
    struct Stats {
        size_t entries = 0, pages = 0, rasterised = 0, evicted_shelves = 0, dropped = 0, uploads = 0;
    };
    RunAtlas();
    RunAtlas(const RunAtlas&) = delete;
    RunAtlas& operator=(const RunAtlas&) = delete;
    ~RunAtlas();
    void set_raster(float size, float ratio);  // clears the atlas when the rasterised size changes
    void draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
              ui::TextStyle style);
    void end_frame();  // uploads the runs rasterised this frame (before its draw lists are rendered)
    // A lost WebGL context was restored: its pages (textures) went with the old one, so the atlas
    // forgets them and every run it knew; the next frame rasterises and uploads what it draws.
    void context_restored();
    const Stats& stats() const { return stats_; }

private:
    struct Tile {
        uint32_t page = 0, shelf = 0;
        int x = 0, w = 0;
    };
    struct Entry {
        std::vector<Tile> tiles;
    };
    struct Shelf {
        int y = 0, used = 0;
        uint64_t last_used = 0;
        std::vector<std::string> keys;
    };
    struct Page {
        unsigned int texture = 0;
        std::vector<Shelf> shelves;
    };
    bool place(int w, const std::string& key, Tile& out);
    void evict(Page& page, Shelf& shelf);
    void clear();
    void upload();  // the staged runs of one shelf, one texSubImage2D
    const Entry* rasterise(const std::string& key, bool rtl, uint32_t color, ui::TextStyle style, float width);

    float size_ = 0, ratio_ = 1;
    int tile_h_ = 0, baseline_ = 0, pad_ = 0;  // device pixels
    uint64_t frame_ = 1;
    std::vector<Page> pages_;
    std::unordered_map<std::string, Entry> entries_;
    int id_;       // its staging canvas's
    Tile staged_;  // the shelf whose runs wait in the staging canvas: from x, w wide (0: none)
    std::string key_, utf8_;
    Stats stats_;
};

class CanvasTextEngine : public ui::TextRenderer {
public:
    explicit CanvasTextEngine(float size_px = 18) : size_px_(size_px) {}
    void set_size(float size, float pixel_ratio) override;
    float width(std::u32string_view text, bool rtl, ui::TextStyle style) override;
    void suffix_widths(std::u32string_view text, bool rtl, ui::TextStyle style, const std::vector<Suffix>& suffixes,
                       std::vector<float>& out) override;
    void draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
              ui::TextStyle style = ui::TextStyle::Regular) override;
    void end_frame() override { atlas_.end_frame(); }
    void context_restored() { atlas_.context_restored(); }  // RunAtlas::context_restored
    float size_px() const { return size_px_; }
    const RunAtlas::Stats& atlas_stats() const { return atlas_.stats(); }

private:
    float size_px_;
    float ratio_ = 1;
    RunAtlas atlas_;
    std::string utf8_;
    std::vector<int> starts_;  // scratch: suffix_widths' (UTF-16 offset, ZWJ) pairs
};

}  // namespace aa::web
