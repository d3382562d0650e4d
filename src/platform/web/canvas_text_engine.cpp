// CanvasTextEngine and RunAtlas (canvas_text_engine.hpp). One OffscreenCanvas 2D context measures
// (its font set only when it changes: setting ctx.font re-parses the CSS every time); another
// rasterises runs side by side in a shelf's row, uploaded into their place in an atlas page with
// one texSubImage2D per shelf and frame (the rectangle of the runs new on it, never the whole page).
#include "platform/web/canvas_text_engine.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/utf8.hpp"
#include "platform/web/gl_state.hpp"

namespace aa::web {

const char* const kTextFontFamilies =
    "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Hebrew', "
    "'Noto Sans Devanagari', 'Noto Sans Bengali', 'Noto Sans Thai', 'Noto Sans CJK SC', 'Noto Sans CJK JP', "
    "'Noto Sans CJK KR', 'Noto Color Emoji', sans-serif";

namespace {

constexpr int kPageW = 2048, kPageH = 1024;  // device pixels; 8 MB of RGBA each
constexpr size_t kMaxPages = 4;
constexpr int kTileW = 1024;        // a run wider than this is drawn as several tiles
constexpr float kBaseline = 0.8f;   // the baseline's depth in the line box, in em (as ImGui's DejaVu)
constexpr float kAscent = 1.25f;    // room above the baseline in a tile (Thai tone marks, emoji), em
constexpr float kDescent = 0.55f;   // room below it (Devanagari, descenders), em
constexpr float kOverhang = 0.25f;  // room left and right of the advance (swashes, italics), em

// clang-format off
// `bold`: the font's bold face (CSS font-weight: bold), as the system has it (DejaVu Sans Bold,
// Noto Sans Bold): nothing is bundled for it.
EM_JS(double, aa_canvas_measure, (const char* text, int size, int rtl, int bold, double px, const char* families), {
    var m = Module.aaMeasure;
    if (!m) {
        var canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
        m = Module.aaMeasure = { ctx: canvas.getContext('2d'), bold: -1, px: -1, families: 0, dir: "" };
    }
    // The font string is built only when size, weight or stack change (decoding the stack and
    // comparing it on every call cost as much as many a measureText of a short word).
    if (m.bold !== bold || m.px !== px || m.families !== families) {
        m.ctx.font = (bold ? "bold " : "") + px + 'px ' + UTF8ToString(families);
        m.bold = bold; m.px = px; m.families = families;
    }
    var dir = rtl ? 'rtl' : 'ltr';
    if (m.dir !== dir) { m.ctx.direction = dir; m.dir = dir; }
    if (size < 0) return 0;  // only the context set up (aa_canvas_suffixes)
    return m.ctx.measureText(UTF8ToString(text, size)).width;
});

// The widths of `n` suffixes of one run: `starts` holds n pairs (UTF-16 offset of the suffix in
// the run, 1 when it is preceded by U+200D); the widths go to `out` (n floats). The run's text is
// decoded once, each suffix is a substring of it: one crossing per run instead of one per cluster.
EM_JS(void, aa_canvas_suffixes, (const char* text, int size, int rtl, int bold, double px, const char* families,
                                 const int* starts, int n, float* out), {
    aa_canvas_measure(0, -1, rtl, bold, px, families);  // the context, its font and direction set
    var ctx = Module.aaMeasure.ctx;
    var s = UTF8ToString(text, size);
    for (var i = 0; i < n; i++) {
        var sub = s.substring(HEAP32[(starts >> 2) + 2 * i]);
        if (HEAP32[(starts >> 2) + 2 * i + 1]) sub = '\u200D' + sub;
        HEAPF32[(out >> 2) + i] = ctx.measureText(sub).width;
    }
});

// Rasterises `text` into the w x h rectangle at (x, 0) of the staging canvas, a shelf's row of
// runs waiting for their upload (its left edge at x + offset, baseline at y = baseline), clipped
// to that rectangle as the run's own canvas clipped it. Colour is 0xAABBGGRR (ImGui's packing).
// The canvas is a page wide from the start: resizing it would erase the runs staged before. Each
// atlas (`atlas`: the article's, the panels') has its own: their frames' runs wait side by side.
EM_JS(void, aa_atlas_stage, (int atlas, int x, int w, int h, int page_w, const char* text, int size, int rtl,
                             int bold, unsigned color, double px, const char* families, double offset,
                             double baseline), {
    var all = Module.aaRaster || (Module.aaRaster = {});
    var a = all[atlas];
    if (!a) {
        var c = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(page_w, h) : document.createElement('canvas');
        c.width = page_w; c.height = h;
        a = all[atlas] = { canvas: c, ctx: null, bold: -1, px: -1, families: 0 };
    }
    if (a.canvas.width < x + w || a.canvas.height < h || !a.ctx) {
        a.canvas.width = Math.max(a.canvas.width, page_w, x + w);
        a.canvas.height = Math.max(a.canvas.height, h);
        a.ctx = a.canvas.getContext('2d');  // resizing resets the context's state
        a.families = 0;
    }
    var ctx = a.ctx;
    if (a.bold !== bold || a.px !== px || a.families !== families) {
        ctx.font = (bold ? "bold " : "") + px + 'px ' + UTF8ToString(families);
        a.bold = bold; a.px = px; a.families = families;
        ctx.textAlign = 'left'; ctx.textBaseline = 'alphabetic';
    }
    ctx.direction = rtl ? 'rtl' : 'ltr';
    ctx.clearRect(x, 0, w + 1, h);  // with the gap after it, never sampled
    ctx.fillStyle = 'rgba(' + (color & 255) + ',' + ((color >>> 8) & 255) + ',' + ((color >>> 16) & 255) + ',' +
                    (((color >>> 24) & 255) / 255) + ')';
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, 0, w, h);
    ctx.clip();
    ctx.fillText(UTF8ToString(text, size), x + offset, baseline);
    ctx.restore();
});

// Uploads the w x h rectangle at the origin of atlas `atlas`'s staging canvas to (x, y) of texture
// `tex`: one texSubImage2D for every run staged on a shelf since the last upload.
// `prev` is the texture bound before (the GL state record's, gl_state.hpp), bound again after.
EM_JS(void, aa_atlas_upload, (int atlas, int tex, int x, int y, int w, int h, int prev), {
    var gl = GLctx;
    gl.bindTexture(gl.TEXTURE_2D, GL.textures[tex]);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, x, y, w, h, gl.RGBA, gl.UNSIGNED_BYTE, Module.aaRaster[atlas].canvas);
    gl.bindTexture(gl.TEXTURE_2D, prev ? GL.textures[prev] : null);
});
// clang-format on

void to_utf8(std::u32string_view text, std::string& out) {
    out.clear();
    for (const char32_t c : text) utf8::append(out, c);
}

}  // namespace

// ---- CanvasTextEngine ----

void CanvasTextEngine::set_size(float size, float pixel_ratio) {
    size_px_ = size;
    ratio_ = pixel_ratio;
    atlas_.set_raster(size, pixel_ratio);
}

float CanvasTextEngine::width(std::u32string_view text, bool rtl, ui::TextStyle style) {
    if (text.empty()) return 0;
    to_utf8(text, utf8_);
    return static_cast<float>(aa_canvas_measure(utf8_.data(), static_cast<int>(utf8_.size()), rtl ? 1 : 0,
                                                style == ui::TextStyle::Bold ? 1 : 0, size_px_, kTextFontFamilies));
}

void CanvasTextEngine::suffix_widths(std::u32string_view text, bool rtl, ui::TextStyle style,
                                     const std::vector<Suffix>& suffixes, std::vector<float>& out) {
    out.assign(suffixes.size(), 0.0f);
    if (text.empty() || suffixes.empty()) return;
    to_utf8(text, utf8_);
    // Code point offsets to UTF-16 ones (JavaScript's substring), walking the run once.
    starts_.resize(2 * suffixes.size());
    size_t cp = 0, u16 = 0;
    for (size_t i = 0; i < suffixes.size(); ++i) {
        for (; cp < suffixes[i].start && cp < text.size(); ++cp) u16 += text[cp] >= 0x10000 ? 2 : 1;
        starts_[2 * i] = static_cast<int>(u16);
        starts_[2 * i + 1] = suffixes[i].zwj ? 1 : 0;
        if (suffixes[i].start < cp) {  // not ascending: counted afresh from the start
            size_t u = 0;
            for (size_t k = 0; k < suffixes[i].start; ++k) u += text[k] >= 0x10000 ? 2 : 1;
            starts_[2 * i] = static_cast<int>(u);
        }
    }
    aa_canvas_suffixes(utf8_.data(), static_cast<int>(utf8_.size()), rtl ? 1 : 0, style == ui::TextStyle::Bold ? 1 : 0,
                       size_px_, kTextFontFamilies, starts_.data(), static_cast<int>(suffixes.size()), out.data());
}

void CanvasTextEngine::draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
                            ui::TextStyle style) {
    atlas_.draw(dl, x, y, text, rtl, color, style);
}

// ---- RunAtlas ----

namespace {
int g_atlases = 0;  // each atlas's staging canvas in the page (Module.aaRaster[id])
}

RunAtlas::RunAtlas() : id_(++g_atlases) {}

RunAtlas::~RunAtlas() { clear(); }

// The staged runs are dropped too, so that nothing staged for an old page is uploaded into a new
// one. The stats' pages and entries say what the atlas holds: none (the counters go on).
void RunAtlas::clear() {
    // (While the context is lost its textures are gone already: forgotten without a GL call.)
    if (!gl_context_lost())
        for (Page& p : pages_) glDeleteTextures(1, &p.texture);
    pages_.clear();
    entries_.clear();
    staged_ = Tile{};
    stats_.pages = 0;
    stats_.entries = 0;
}

// The pages' names are the lost context's: cleared while the context still counts as lost
// (main.cpp's context_restored), so forgotten, not deleted (glDeleteTextures on them would be a GL
// call about objects the restored context never made).
void RunAtlas::context_restored() { clear(); }

void RunAtlas::end_frame() {
    upload();  // before the frame's draw lists are rendered
    ++frame_;
}

void RunAtlas::upload() {
    if (staged_.w == 0) return;
    const Page& p = pages_[staged_.page];
    GLint prev = 0;
    gl_state_get_integerv(GL_TEXTURE_BINDING_2D, &prev);
    aa_atlas_upload(id_, static_cast<int>(p.texture), staged_.x, p.shelves[staged_.shelf].y, staged_.w, tile_h_, prev);
    ++stats_.uploads;
    staged_ = Tile{};
}

void RunAtlas::set_raster(float size, float ratio) {
    if (size == size_ && ratio == ratio_) return;
    clear();
    size_ = size;
    ratio_ = ratio;
    const float em = size * ratio;
    baseline_ = static_cast<int>(std::ceil(em * kAscent));
    tile_h_ = baseline_ + static_cast<int>(std::ceil(em * kDescent));
    pad_ = static_cast<int>(std::ceil(em * kOverhang));
}

void RunAtlas::evict(Page& page, Shelf& shelf) {
    (void)page;
    for (const std::string& k : shelf.keys) entries_.erase(k);  // an entry with tiles elsewhere goes too
    shelf.keys.clear();
    shelf.used = 0;
    ++stats_.evicted_shelves;
}

// A free rectangle w x tile_h_: on a shelf with room, on a new page, else on the least recently used
// shelf not drawn from this frame, emptied.
bool RunAtlas::place(int w, const std::string& key, Tile& out) {
    auto take = [&](uint32_t pi, uint32_t si) {
        Shelf& s = pages_[pi].shelves[si];
        out = Tile{pi, si, s.used, w};
        s.used += w + 1;
        s.last_used = frame_;
        s.keys.push_back(key);
        return true;
    };
    for (uint32_t pi = 0; pi < pages_.size(); ++pi)
        for (uint32_t si = 0; si < pages_[pi].shelves.size(); ++si)
            if (pages_[pi].shelves[si].used + w <= kPageW) return take(pi, si);
    if (pages_.size() < kMaxPages) {
        Page p;
        glGenTextures(1, &p.texture);
        GLint prev = 0;  // the record's (gl_state.hpp: none between ImGui's draws, when runs are placed)
        gl_state_get_integerv(GL_TEXTURE_BINDING_2D, &prev);
        glBindTexture(GL_TEXTURE_2D, p.texture);
        // Nearest: runs are drawn on whole device pixels, one texel to one pixel.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, kPageW, kPageH, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev));
        for (int y = 0; y + tile_h_ <= kPageH; y += tile_h_ + 1) p.shelves.push_back(Shelf{y, 0, 0, {}});
        pages_.push_back(std::move(p));
        stats_.pages = pages_.size();
        if (!pages_.back().shelves.empty()) return take(static_cast<uint32_t>(pages_.size() - 1), 0);
        return false;
    }
    uint32_t best_p = 0, best_s = 0;
    uint64_t best = frame_;
    for (uint32_t pi = 0; pi < pages_.size(); ++pi)
        for (uint32_t si = 0; si < pages_[pi].shelves.size(); ++si)
            if (pages_[pi].shelves[si].last_used < best) {
                best = pages_[pi].shelves[si].last_used;
                best_p = pi;
                best_s = si;
            }
    if (best == frame_) return false;  // everything is on screen: more than the atlas holds
    evict(pages_[best_p], pages_[best_p].shelves[best_s]);
    return take(best_p, best_s);
}

const RunAtlas::Entry* RunAtlas::rasterise(const std::string& key, bool rtl, uint32_t color, ui::TextStyle style,
                                           float width) {
    const float px = size_ * ratio_;
    const int total = static_cast<int>(std::ceil(width)) + 2 * pad_;
    Entry e;
    for (int x0 = 0; x0 < total; x0 += kTileW) {
        Tile t;
        const int w = std::min(kTileW, total - x0);
        if (!place(w, key, t)) {
            ++stats_.dropped;
            return nullptr;
        }
        // Staged beside the runs new on its shelf this frame (they are contiguous: a shelf fills
        // left to right), uploaded with them; another shelf uploads those first.
        if (staged_.w > 0 && (staged_.page != t.page || staged_.shelf != t.shelf)) upload();
        if (staged_.w == 0) staged_ = Tile{t.page, t.shelf, t.x, 0};
        aa_atlas_stage(id_, t.x - staged_.x, w, tile_h_, kPageW, utf8_.data(), static_cast<int>(utf8_.size()),
                       rtl ? 1 : 0, style == ui::TextStyle::Bold ? 1 : 0, color, px, kTextFontFamilies, pad_ - x0,
                       baseline_);
        staged_.w = t.x + w - staged_.x;
        e.tiles.push_back(t);
    }
    ++stats_.rasterised;
    auto it = entries_.insert_or_assign(key, std::move(e)).first;
    stats_.entries = entries_.size();
    return &it->second;
}

void RunAtlas::draw(ImDrawList* dl, float x, float y, std::u32string_view text, bool rtl, uint32_t color,
                    ui::TextStyle style) {
    // While the WebGL context is lost, nothing is drawn: the run is neither rasterised nor uploaded
    // (no GL call), and the frame after the restore draws it from a new page.
    if (text.empty() || tile_h_ == 0 || gl_context_lost()) return;
    to_utf8(text, utf8_);
    key_.assign(utf8_);
    key_.push_back('\0');
    key_.push_back(rtl ? 'r' : 'l');
    key_.push_back(style == ui::TextStyle::Bold ? 'b' : 'n');
    key_.append(reinterpret_cast<const char*>(&color), sizeof color);
    const Entry* e = nullptr;
    if (auto it = entries_.find(key_); it != entries_.end()) {
        e = &it->second;
    } else {
        const double w = aa_canvas_measure(utf8_.data(), static_cast<int>(utf8_.size()), rtl ? 1 : 0,
                                           style == ui::TextStyle::Bold ? 1 : 0, size_ * ratio_, kTextFontFamilies);
        e = rasterise(key_, rtl, color, style, static_cast<float>(w));
        if (!e) return;
    }
    // Whole device pixels: the tile's texels land one to one on the screen's pixels.
    const float left = std::round(x * ratio_) - static_cast<float>(pad_);
    const float top = std::round((y + size_ * kBaseline) * ratio_) - static_cast<float>(baseline_);
    float dx = 0;
    for (const Tile& t : e->tiles) {
        Shelf& s = pages_[t.page].shelves[t.shelf];
        s.last_used = frame_;
        const ImVec2 p0((left + dx) / ratio_, top / ratio_);
        const ImVec2 p1((left + dx + static_cast<float>(t.w)) / ratio_, (top + static_cast<float>(tile_h_)) / ratio_);
        const ImVec2 uv0(static_cast<float>(t.x) / kPageW, static_cast<float>(s.y) / kPageH);
        const ImVec2 uv1(static_cast<float>(t.x + t.w) / kPageW, static_cast<float>(s.y + tile_h_) / kPageH);
        dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(pages_[t.page].texture)), p0, p1, uv0, uv1);
        dx += static_cast<float>(t.w);
    }
}

}  // namespace aa::web
