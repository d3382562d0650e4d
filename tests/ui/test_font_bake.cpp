// Font atlases baked at build time (issue 11, ui/font_bake.hpp): a blob replays the atlas
// stb_truetype builds, pixel for pixel and glyph for glyph, for the page's fonts at the pixel ratios
// and zooms it meets; an atlas whose fonts differ from every blob (another ratio, zoom, font file or
// range) is rasterised, as is every atlas when a blob is damaged.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "ui/font_bake.hpp"
#include "ui/fonts.hpp"

using namespace aa;

namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// The page's fonts (the browser draws the article and user text) or the native App's (ImGui draws all).
ui::FontChoice choice(float ratio, float zoom, bool page = true) { return {kFont, ratio, zoom, !page, !page}; }

struct Context {
    Context() { ImGui::CreateContext(); }
    ~Context() {
        ui::set_baked_font_atlases({});
        ImGui::DestroyContext();
    }
};

std::span<const unsigned char> span_of(const std::string& blob) {
    return {reinterpret_cast<const unsigned char*>(blob.data()), blob.size()};
}

// Built by stb_truetype, as without blobs.
void rasterise(ImFontAtlas& atlas, const ui::FontChoice& c) {
    ui::add_app_fonts(atlas, c);
    atlas.FontBuilderIO = nullptr;
    REQUIRE(atlas.Build());
}

// Built through the baked builder with `blobs` registered; whether it replayed one.
bool through_blobs(ImFontAtlas& atlas, const ui::FontChoice& c, std::vector<std::span<const unsigned char>> blobs) {
    ui::add_app_fonts(atlas, c);
    ui::set_baked_font_atlases(std::move(blobs));
    atlas.FontBuilderIO = ui::baked_font_builder();
    REQUIRE(atlas.Build());
    return ui::last_font_build_baked();
}

// The bytes this process has read from files so far (Linux: /proc/self/io's rchar).
long long bytes_read() {
    std::ifstream io("/proc/self/io");
    std::string key;
    long long value = -1;
    while (io >> key >> value)
        if (key == "rchar:") return value;
    FAIL("no rchar in /proc/self/io");
    return -1;
}

}  // namespace

TEST_CASE("a baked font atlas replays the rasterised one pixel for pixel, at every ratio and zoom baked") {
    Context ctx;
    for (const ui::FontChoice& c :
         {choice(1, 1), choice(2, 1), choice(1.5f, 1), choice(1.25f, 1.3f), choice(1, 1, false)}) {
        CAPTURE(c.pixel_ratio);
        CAPTURE(c.zoom);
        CAPTURE(c.imgui_draws_user_text);
        ImFontAtlas built;
        rasterise(built, c);
        std::string why;
        const std::string blob = ui::bake_font_atlas(built, &why);
        CHECK(why.empty());
        REQUIRE(!blob.empty());
        ImFontAtlas replayed;
        CHECK(through_blobs(replayed, c, {span_of(blob)}));
        CHECK(ui::compare_font_atlases(built, replayed) == std::vector<std::string>{});
        // What the page uploads and draws with.
        CHECK(replayed.TexWidth == built.TexWidth);
        CHECK(replayed.TexHeight == built.TexHeight);
        REQUIRE(replayed.Fonts.Size == built.Fonts.Size);
        for (int i = 0; i < built.Fonts.Size; ++i) {
            const ImFont& a = *built.Fonts[i];
            const ImFont& b = *replayed.Fonts[i];
            CHECK(a.CalcTextSizeA(a.FontSize, 1e9f, 0, "Entities (3) \xE2\x80\xA6 Ctrl+Z").x ==
                  b.CalcTextSizeA(b.FontSize, 1e9f, 0, "Entities (3) \xE2\x80\xA6 Ctrl+Z").x);
            CHECK(a.FindGlyph('W')->U0 == b.FindGlyph('W')->U0);
        }
    }
}

TEST_CASE("an atlas no blob was baked for is rasterised: another ratio, zoom or font, or a damaged blob") {
    Context ctx;
    ImFontAtlas at1;
    rasterise(at1, choice(1, 1));
    const std::string blob1 = ui::bake_font_atlas(at1);
    REQUIRE(!blob1.empty());
    ImFontAtlas at2;
    rasterise(at2, choice(2, 1));
    const std::string blob2 = ui::bake_font_atlas(at2);

    // Of two blobs, the one of the atlas's ratio.
    ImFontAtlas two;
    CHECK(through_blobs(two, choice(2, 1), {span_of(blob1), span_of(blob2)}));
    CHECK(ui::compare_font_atlases(at2, two).empty());

    // A DPI change (ratio 1.5) and a zoom (1.2): rasterised, equal to stb_truetype's own.
    for (const ui::FontChoice& c : {choice(1.5f, 1), choice(1, 1.2f), choice(1, 1, false)}) {
        ImFontAtlas expected;
        rasterise(expected, c);
        ImFontAtlas got;
        CHECK_FALSE(through_blobs(got, c, {span_of(blob1), span_of(blob2)}));
        CHECK(ui::compare_font_atlases(expected, got).empty());
    }

    // Another font file at the same sizes.
    {
        ui::FontChoice bold = choice(1, 1);
        bold.file = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        ImFontAtlas got;
        CHECK_FALSE(through_blobs(got, bold, {span_of(blob1)}));
        CHECK(ui::compare_font_atlases(at1, got).size() > 0);
    }

    // Damaged blobs (cut short, a byte of the settings or a trailing byte changed) are not replayed.
    std::string cut = blob1.substr(0, blob1.size() - 1);
    std::string changed = blob1;
    changed[40] = static_cast<char>(changed[40] ^ 1);
    std::string longer = blob1 + '\0';
    for (const std::string* bad : {&cut, &changed, &longer}) {
        ImFontAtlas got;
        CHECK_FALSE(through_blobs(got, choice(1, 1), {span_of(*bad)}));
        CHECK(ui::compare_font_atlases(at1, got).empty());
    }
}

TEST_CASE("an atlas a blob cannot hold is not baked") {
    Context ctx;
    ImFontAtlas merged;
    ImFontConfig c;
    merged.AddFontDefault(&c);
    c.MergeMode = true;
    merged.AddFontDefault(&c);
    REQUIRE(merged.Build());
    std::string why;
    CHECK(ui::bake_font_atlas(merged, &why).empty());
    CHECK(why == "merged fonts");
    ImFontAtlas unbuilt;
    ui::add_app_fonts(unbuilt, choice(1, 1));
    CHECK(ui::bake_font_atlas(unbuilt, &why).empty());
    CHECK(why == "the atlas is not built, or has no alpha pixels");
}

TEST_CASE("the App's fonts read their file once, not once per font") {
    Context ctx;
    std::FILE* f = std::fopen(kFont, "rb");
    REQUIRE(f != nullptr);
    REQUIRE(std::fseek(f, 0, SEEK_END) == 0);
    const long file_size = std::ftell(f);
    std::fclose(f);
    REQUIRE(file_size > 100000);  // DejaVu Sans: each read of it shows in the bytes read
    for (const ui::FontChoice& c : {choice(1, 1), choice(2, 1.3f)}) {
        ImFontAtlas atlas;
        const long long before = bytes_read();
        const ui::AppFonts fonts = ui::add_app_fonts(atlas, c);
        const long long read = bytes_read() - before;
        REQUIRE(fonts.ui != nullptr);
        REQUIRE(atlas.ConfigData.Size == 3);  // the UI's, the article's and the tags' fonts
        CHECK(read >= file_size);
        CHECK(read < 2 * file_size);                        // three times before (AddFontFromFileTTF per font)
        for (const ImFontConfig& cfg : atlas.ConfigData) {  // each font the file's bytes (the atlas copies them)
            REQUIRE(cfg.FontDataSize == file_size);
            CHECK(std::memcmp(cfg.FontData, atlas.ConfigData[0].FontData, static_cast<size_t>(file_size)) == 0);
        }
        REQUIRE(atlas.Build());
    }
}
