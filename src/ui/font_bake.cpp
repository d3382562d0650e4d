// Font atlases baked at build time (issue 11): the blob format, its writer, the builder that replays
// it and the comparison of two atlases. Rasterising the page's three fonts with stb_truetype took
// 15-36 ms of its start (and the lazy compile of the rasteriser); the page's build bakes them with
// the same ImGui code (src/ui/bake_fonts_main.cpp, run by the build) and replays them here.
//
// A blob (little-endian 32-bit words; floats by their bits): "AAFB", version, the atlas's settings
// (Flags, TexGlyphPadding, TexDesiredWidth, builder flags), per font source its settings as given
// to AddFont* (a hash of the font data, its size, SizePixels after ImFontAtlasBuildInit's rounding,
// oversampling, ranges, ...) then its ascent, descent and glyphs, the custom rectangles' places,
// then the texture's size and the alpha pixels of each glyph's rectangle (the rest of the texture is
// empty but for the custom rectangles, which ImFontAtlasBuildFinish draws).
#include "ui/font_bake.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImFontAtlasBuildInit / SetupFont / Finish: the steps every builder shares

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace aa::ui {
namespace {

constexpr uint32_t kMagic = 0x42464141;  // "AAFB"
constexpr uint32_t kVersion = 2;
constexpr size_t kGlyphBytes = 8 * 4;  // code point, advance, X0, Y0, X1, Y1, texture rectangle (2 words)

// A texture coordinate as stbtt_GetPackedQuad computes it from the glyph's pixel rectangle.
float uv(uint32_t pixel, uint32_t size) { return static_cast<float>(pixel) * (1.0f / static_cast<float>(size)); }

uint32_t fnv1a(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
    return h;
}

uint32_t bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

class Writer {
public:
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
    void f32(float f) { u32(bits(f)); }
    void bytes(const unsigned char* p, size_t n) { out_.append(reinterpret_cast<const char*>(p), n); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::span<const unsigned char> b) : b_(b) {}
    uint32_t u32() {
        if (pos_ + 4 > b_.size()) {
            ok_ = false;
            return 0;
        }
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(b_[pos_ + i]) << (8 * i);
        pos_ += 4;
        return v;
    }
    float f32() {
        const uint32_t u = u32();
        float f;
        std::memcpy(&f, &u, 4);
        return f;
    }
    const unsigned char* bytes(size_t n) {
        if (!ok_ || n > b_.size() - pos_) {
            ok_ = false;
            return nullptr;
        }
        const unsigned char* p = b_.data() + pos_;
        pos_ += n;
        return p;
    }
    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == b_.size(); }

private:
    std::span<const unsigned char> b_;
    size_t pos_ = 0;
    bool ok_ = true;
};

size_t range_words(const ImWchar* r) {
    size_t n = 0;
    if (r)
        while (r[n] != 0) ++n;
    return n;
}

// A font source's settings: what stb_truetype's output depends on, in the atlas's order.
void write_config(Writer& w, const ImFontConfig& c) {
    static const ImWchar kDefaultRanges[] = {0x0020, 0x00FF, 0};  // ImFontAtlas::GetGlyphRangesDefault()
    w.u32(static_cast<uint32_t>(c.FontDataSize));
    w.u32(fnv1a(c.FontData, static_cast<size_t>(c.FontDataSize)));
    w.u32(static_cast<uint32_t>(c.FontNo));
    w.f32(c.SizePixels);
    w.u32(static_cast<uint32_t>(c.OversampleH));
    w.u32(static_cast<uint32_t>(c.OversampleV));
    w.u32(c.PixelSnapH ? 1 : 0);
    w.f32(c.GlyphExtraSpacing.x);
    w.f32(c.GlyphExtraSpacing.y);
    w.f32(c.GlyphOffset.x);
    w.f32(c.GlyphOffset.y);
    w.f32(c.GlyphMinAdvanceX);
    w.f32(c.GlyphMaxAdvanceX);
    w.u32(c.MergeMode ? 1 : 0);
    w.u32(c.FontBuilderFlags);
    w.f32(c.RasterizerMultiply);
    w.f32(c.RasterizerDensity);
    w.u32(static_cast<uint32_t>(c.EllipsisChar));
    const ImWchar* ranges = c.GlyphRanges ? c.GlyphRanges : kDefaultRanges;
    const size_t n = range_words(ranges);
    w.u32(static_cast<uint32_t>(n));
    for (size_t i = 0; i < n; ++i) w.u32(static_cast<uint32_t>(ranges[i]));
}

// The glyphs the builder added (ImFont::BuildLookupTable appends a TAB glyph copied from the space:
// the replay's lookup table makes it again).
int builder_glyphs(const ImFont& f) {
    int n = f.Glyphs.Size;
    if (n > 0 && f.Glyphs[n - 1].Codepoint == '\t') --n;
    return n;
}

struct Registry {
    std::vector<std::span<const unsigned char>> blobs;
    bool last_baked = false;
} g_registry;

bool replay(ImFontAtlas* atlas, std::span<const unsigned char> blob);

bool build(ImFontAtlas* atlas) {
    for (std::span<const unsigned char> blob : g_registry.blobs)
        if (replay(atlas, blob)) {
            g_registry.last_baked = true;
            return true;
        }
    g_registry.last_baked = false;
    return ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(atlas);
}

// Whether the blob's settings are the atlas's (called after ImFontAtlasBuildInit: sizes rounded,
// custom rectangles registered). Reads the blob up to its first font's metrics.
bool same_settings(Reader& r, const ImFontAtlas& atlas) {
    if (r.u32() != kMagic || r.u32() != kVersion) return false;
    if (r.u32() != static_cast<uint32_t>(atlas.Flags) || r.u32() != static_cast<uint32_t>(atlas.TexGlyphPadding) ||
        r.u32() != static_cast<uint32_t>(atlas.TexDesiredWidth) || r.u32() != atlas.FontBuilderFlags)
        return false;
    if (r.u32() != static_cast<uint32_t>(atlas.ConfigData.Size)) return false;
    if (r.u32() != static_cast<uint32_t>(atlas.CustomRects.Size)) return false;
    return r.ok();
}

bool same_config(Reader& r, const ImFontConfig& c) {
    Writer w;
    write_config(w, c);
    const std::string mine = w.take();
    const unsigned char* theirs = r.bytes(mine.size());
    return theirs && std::memcmp(theirs, mine.data(), mine.size()) == 0;
}

bool replay(ImFontAtlas* atlas, std::span<const unsigned char> blob) {
    ImFontAtlasBuildInit(atlas);
    Reader r(blob);
    if (!same_settings(r, *atlas)) return false;
    // Every source's settings first (the cheap refusal: a DPI or zoom change differs in SizePixels).
    struct Src {
        float ascent, descent;
        uint32_t glyphs;
        const unsigned char* data;
    };
    std::vector<Src> srcs;
    for (const ImFontConfig& c : atlas->ConfigData) {
        if (c.MergeMode || !same_config(r, c)) return false;
        Src s{r.f32(), r.f32(), r.u32(), nullptr};
        if (s.glyphs > 0x10000) return false;
        s.data = r.bytes(static_cast<size_t>(s.glyphs) * kGlyphBytes);
        if (!s.data) return false;
        srcs.push_back(s);
    }
    std::vector<std::pair<uint32_t, uint32_t>> places;
    for (const ImFontAtlasCustomRect& rect : atlas->CustomRects) {
        const uint32_t size = r.u32(), place = r.u32();
        if (size != (static_cast<uint32_t>(rect.Width) | static_cast<uint32_t>(rect.Height) << 16) || rect.Font)
            return false;
        places.emplace_back(place & 0xFFFF, place >> 16);
    }
    const uint32_t tw = r.u32(), th = r.u32();
    if (!r.ok() || tw == 0 || th == 0 || tw > 16384 || th > 32768) return false;
    // The pixels of each glyph's rectangle, in glyph order (stb_truetype writes nowhere else; the
    // custom rectangles are drawn by ImFontAtlasBuildFinish).
    std::vector<unsigned char> tex(static_cast<size_t>(tw) * th, 0);
    std::vector<std::array<uint32_t, 4>> rects;
    for (const Src& s : srcs) {
        Reader g(std::span<const unsigned char>(s.data, static_cast<size_t>(s.glyphs) * kGlyphBytes));
        for (uint32_t k = 0; k < s.glyphs; ++k) {
            for (int skip = 0; skip < 6; ++skip) (void)g.u32();
            const uint32_t a = g.u32(), b = g.u32();
            const std::array<uint32_t, 4> rect{a & 0xFFFF, a >> 16, b & 0xFFFF, b >> 16};
            if (rect[0] > rect[2] || rect[1] > rect[3] || rect[2] > tw || rect[3] > th) return false;
            for (uint32_t y = rect[1]; y < rect[3]; ++y) {
                const unsigned char* row = r.bytes(rect[2] - rect[0]);
                if (!row) return false;
                std::memcpy(tex.data() + static_cast<size_t>(y) * tw + rect[0], row, rect[2] - rect[0]);
            }
            rects.push_back(rect);
        }
    }
    if (!r.ok() || !r.at_end()) return false;

    // As ImFontAtlasBuildWithStbTruetype leaves the atlas, from the recorded result.
    atlas->TexID = (ImTextureID) nullptr;
    atlas->ClearTexData();
    atlas->TexWidth = static_cast<int>(tw);
    atlas->TexHeight = static_cast<int>(th);
    atlas->TexUvScale = ImVec2(1.0f / static_cast<float>(atlas->TexWidth), 1.0f / static_cast<float>(atlas->TexHeight));
    atlas->TexUvWhitePixel = ImVec2(0.0f, 0.0f);
    atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(static_cast<size_t>(tw) * th));
    std::memcpy(atlas->TexPixelsAlpha8, tex.data(), tex.size());
    for (int i = 0; i < atlas->CustomRects.Size; ++i) {
        atlas->CustomRects[i].X = static_cast<unsigned short>(places[i].first);
        atlas->CustomRects[i].Y = static_cast<unsigned short>(places[i].second);
    }
    size_t next_rect = 0;
    for (int i = 0; i < atlas->ConfigData.Size; ++i) {
        ImFontConfig& cfg = atlas->ConfigData[i];
        ImFont* font = cfg.DstFont;
        ImFontAtlasBuildSetupFont(atlas, font, &cfg, srcs[i].ascent, srcs[i].descent);
        Reader g(std::span<const unsigned char>(srcs[i].data, static_cast<size_t>(srcs[i].glyphs) * kGlyphBytes));
        for (uint32_t k = 0; k < srcs[i].glyphs; ++k) {
            const uint32_t codepoint = g.u32();
            const float v[5] = {g.f32(), g.f32(), g.f32(), g.f32(), g.f32()};
            (void)g.u32();
            (void)g.u32();
            const std::array<uint32_t, 4>& t = rects[next_rect++];
            // No config: the recorded glyph is already placed, clamped and snapped (AddGlyph sets
            // Visible and Colored as the rasteriser's build did).
            font->AddGlyph(nullptr, static_cast<ImWchar>(codepoint), v[1], v[2], v[3], v[4], uv(t[0], tw), uv(t[1], th),
                           uv(t[2], tw), uv(t[3], th), v[0]);
        }
    }
    ImFontAtlasBuildFinish(atlas);
    return true;
}

}  // namespace

std::string bake_font_atlas(const ImFontAtlas& atlas, std::string* why) {
    auto refuse = [&](const char* reason) {
        if (why) *why = reason;
        return std::string();
    };
    if (!atlas.TexReady || !atlas.TexPixelsAlpha8) return refuse("the atlas is not built, or has no alpha pixels");
    if (atlas.TexPixelsUseColors) return refuse("the atlas has coloured glyphs");
    Writer w;
    std::vector<std::array<uint32_t, 4>> rects;
    w.u32(kMagic);
    w.u32(kVersion);
    w.u32(static_cast<uint32_t>(atlas.Flags));
    w.u32(static_cast<uint32_t>(atlas.TexGlyphPadding));
    w.u32(static_cast<uint32_t>(atlas.TexDesiredWidth));
    w.u32(atlas.FontBuilderFlags);
    w.u32(static_cast<uint32_t>(atlas.ConfigData.Size));
    w.u32(static_cast<uint32_t>(atlas.CustomRects.Size));
    for (const ImFontConfig& c : atlas.ConfigData) {
        if (c.MergeMode) return refuse("merged fonts");
        const ImFont& f = *c.DstFont;
        if (f.ConfigData != &c) return refuse("a font with several sources");
        write_config(w, c);
        w.f32(f.Ascent);
        w.f32(f.Descent);
        const int n = builder_glyphs(f);
        w.u32(static_cast<uint32_t>(n));
        for (int k = 0; k < n; ++k) {
            const ImFontGlyph& g = f.Glyphs[k];
            if (g.Colored) return refuse("a coloured glyph");
            w.u32(g.Codepoint);
            for (float v : {g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1}) w.f32(v);
            // The texture rectangle in pixels, from which the replay computes the UVs as stb_truetype did.
            std::array<uint32_t, 4> rect{};
            const float uvs[4] = {g.U0, g.V0, g.U1, g.V1};
            for (int e = 0; e < 4; ++e) {
                const uint32_t size = static_cast<uint32_t>(e % 2 == 0 ? atlas.TexWidth : atlas.TexHeight);
                rect[e] = static_cast<uint32_t>(std::lround(uvs[e] * static_cast<float>(size)));
                if (rect[e] > size || bits(uv(rect[e], size)) != bits(uvs[e]))
                    return refuse("a glyph off the pixel grid");
            }
            w.u32(rect[0] | rect[1] << 16);
            w.u32(rect[2] | rect[3] << 16);
            rects.push_back(rect);
        }
    }
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        if (r.Font) return refuse("glyphs of custom rectangles");
        w.u32(static_cast<uint32_t>(r.Width) | static_cast<uint32_t>(r.Height) << 16);
        w.u32(static_cast<uint32_t>(r.X) | static_cast<uint32_t>(r.Y) << 16);
    }
    w.u32(static_cast<uint32_t>(atlas.TexWidth));
    w.u32(static_cast<uint32_t>(atlas.TexHeight));
    for (const std::array<uint32_t, 4>& t : rects)
        for (uint32_t y = t[1]; y < t[3]; ++y)
            w.bytes(atlas.TexPixelsAlpha8 + static_cast<size_t>(y) * static_cast<size_t>(atlas.TexWidth) + t[0],
                    t[2] - t[0]);
    return w.take();
}

void set_baked_font_atlases(std::vector<std::span<const unsigned char>> blobs) { g_registry.blobs = std::move(blobs); }

const ImFontBuilderIO* baked_font_builder() {
    static ImFontBuilderIO io{&build};
    return &io;
}

bool last_font_build_baked() { return g_registry.last_baked; }

std::vector<std::string> compare_font_atlases(const ImFontAtlas& a, const ImFontAtlas& b) {
    std::vector<std::string> d;
    auto differ = [&](bool same, const std::string& what) {
        if (!same) d.push_back(what);
    };
    differ(a.TexWidth == b.TexWidth && a.TexHeight == b.TexHeight, "texture size");
    if (a.TexWidth == b.TexWidth && a.TexHeight == b.TexHeight && a.TexPixelsAlpha8 && b.TexPixelsAlpha8) {
        const size_t n = static_cast<size_t>(a.TexWidth) * a.TexHeight;
        size_t bad = 0;
        for (size_t i = 0; i < n; ++i) bad += a.TexPixelsAlpha8[i] != b.TexPixelsAlpha8[i];
        differ(bad == 0, std::to_string(bad) + " pixels");
    } else {
        differ(a.TexPixelsAlpha8 && b.TexPixelsAlpha8, "alpha pixels missing");
    }
    differ(bits(a.TexUvScale.x) == bits(b.TexUvScale.x) && bits(a.TexUvScale.y) == bits(b.TexUvScale.y), "TexUvScale");
    differ(bits(a.TexUvWhitePixel.x) == bits(b.TexUvWhitePixel.x) &&
               bits(a.TexUvWhitePixel.y) == bits(b.TexUvWhitePixel.y),
           "TexUvWhitePixel");
    differ(std::memcmp(a.TexUvLines, b.TexUvLines, sizeof(a.TexUvLines)) == 0, "TexUvLines");
    differ(a.CustomRects.Size == b.CustomRects.Size, "custom rectangles");
    for (int i = 0; i < a.CustomRects.Size && i < b.CustomRects.Size; ++i)
        differ(a.CustomRects[i].X == b.CustomRects[i].X && a.CustomRects[i].Y == b.CustomRects[i].Y,
               "custom rectangle " + std::to_string(i));
    differ(a.Fonts.Size == b.Fonts.Size, "font count");
    for (int i = 0; i < a.Fonts.Size && i < b.Fonts.Size; ++i) {
        const ImFont& x = *a.Fonts[i];
        const ImFont& y = *b.Fonts[i];
        const std::string f = "font " + std::to_string(i) + ": ";
        differ(bits(x.FontSize) == bits(y.FontSize) && bits(x.Ascent) == bits(y.Ascent) &&
                   bits(x.Descent) == bits(y.Descent),
               f + "size or metrics");
        differ(x.MetricsTotalSurface == y.MetricsTotalSurface, f + "MetricsTotalSurface");
        differ(x.FallbackChar == y.FallbackChar && bits(x.FallbackAdvanceX) == bits(y.FallbackAdvanceX),
               f + "fallback");
        differ(x.EllipsisChar == y.EllipsisChar && x.EllipsisCharCount == y.EllipsisCharCount &&
                   bits(x.EllipsisWidth) == bits(y.EllipsisWidth) &&
                   bits(x.EllipsisCharStep) == bits(y.EllipsisCharStep),
               f + "ellipsis");
        differ(x.Glyphs.Size == y.Glyphs.Size &&
                   std::memcmp(x.Glyphs.Data, y.Glyphs.Data,
                               sizeof(ImFontGlyph) * static_cast<size_t>(x.Glyphs.Size)) == 0,
               f + "glyphs");
        differ(x.IndexAdvanceX.Size == y.IndexAdvanceX.Size &&
                   std::memcmp(x.IndexAdvanceX.Data, y.IndexAdvanceX.Data, sizeof(float) * x.IndexAdvanceX.Size) == 0,
               f + "IndexAdvanceX");
        differ(x.IndexLookup.Size == y.IndexLookup.Size &&
                   std::memcmp(x.IndexLookup.Data, y.IndexLookup.Data, sizeof(ImWchar) * x.IndexLookup.Size) == 0,
               f + "IndexLookup");
        differ(std::memcmp(x.Used4kPagesMap, y.Used4kPagesMap, sizeof(x.Used4kPagesMap)) == 0, f + "Used4kPagesMap");
    }
    return d;
}

}  // namespace aa::ui
