// Font atlases baked at build time (issue 11, start-up): a built Dear ImGui atlas written as a blob
// (its fonts' settings, glyph tables and alpha pixels), and an ImFontBuilderIO that replays a blob
// whose fonts equal the atlas's instead of rasterising them with stb_truetype; any other atlas (a
// different pixel ratio, zoom, font file or range) is rasterised as before.
#pragma once

#include <span>
#include <string>
#include <vector>

struct ImFontAtlas;
struct ImFontBuilderIO;

namespace aa::ui {

// The atlas, built by stb_truetype (ImFontAtlas::Build), as a blob; empty with `why` set when the
// atlas holds something a blob cannot replay (merged fonts, glyphs of custom rectangles, RGBA pixels).
std::string bake_font_atlas(const ImFontAtlas& atlas, std::string* why = nullptr);

// The builder replays the first of `blobs` whose fonts are the atlas's; it keeps the spans (static
// data of the program). Without blobs, or when none matches, it rasterises (stb_truetype).
void set_baked_font_atlases(std::vector<std::span<const unsigned char>> blobs);
const ImFontBuilderIO* baked_font_builder();
// Whether the last build through baked_font_builder() replayed a blob (false: it rasterised).
bool last_font_build_baked();

// Differences between two built atlases (pixels, glyph tables, metrics, lookup tables), one line
// each; empty when equal. For the build's check and the tests.
std::vector<std::string> compare_font_atlases(const ImFontAtlas& a, const ImFontAtlas& b);

}  // namespace aa::ui
