// The App's Dear ImGui fonts (fonts.hpp): which font sources, sizes and ranges AppImpl::build_fonts
// adds to the atlas, in a unit of its own so that the build's font baker adds exactly the same.
#include "ui/fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImFileLoadToMemory

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>

namespace aa::ui {
namespace {

// The code points the UI can show; the embedded font is a subset of DejaVu Sans covering them
// (glyphs the font lacks are skipped by the atlas and drawn as U+FFFD).
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x024F, 0x0250, 0x02FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400,
    0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF,
    0x2212, 0x2212, 0x2500, 0x25FF, 0x2713, 0x2717, 0xFB00, 0xFB06, 0xFFFD, 0xFFFD, 0,
};

// ImGui's fonts when the platform draws the article and user text itself (the browser's canvas): only
// what the UI writes with them (its own strings are ASCII; ImGui's ellipsis; the fallback), not the
// text's scripts. scripts/make_font.py subsets the page's embedded font to these.
const ImWchar kUiOnlyRanges[] = {0x0020, 0x007E, 0x2026, 0x2026, 0xFFFD, 0xFFFD, 0};

// The font file's bytes, read once for every font added from it: ImGui's AddFontFromFileTTF reads
// (and names, with a formatted string) the file again for each font, the page's first calls into its
// file system (issue 11: ~7 ms of the page's start for three fonts). Null when it cannot be read.
struct FontBytes {
    void* data = nullptr;
    int size = 0;
};

FontBytes read_font_file(const std::string& file) {
    size_t size = 0;
    void* data = file.empty() ? nullptr : ImFileLoadToMemory(file.c_str(), "rb", &size, 0);
    if (data != nullptr && (size <= 100 || size > INT_MAX)) {  // AddFontFromMemoryTTF refuses 100 bytes or less
        IM_FREE(data);
        data = nullptr;
    }
    return {data, data ? static_cast<int>(size) : 0};
}

}  // namespace

AppFonts add_app_fonts(ImFontAtlas& atlas, const FontChoice& choice) {
    const float r = choice.pixel_ratio;
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    const FontBytes file = read_font_file(choice.file);
    const bool have_file = file.data != nullptr;
    // The first font takes the bytes (the atlas frees them after its build); ImGui's AddFont copies
    // them for each later one, which does not own them.
    bool file_given = false;
    auto add = [&](float size, const ImWchar* ranges) -> ImFont* {
        if (have_file) {
            ImFontConfig c = cfg;
            c.FontDataOwnedByAtlas = !file_given;
            file_given = true;
            return atlas.AddFontFromMemoryTTF(file.data, file.size, size * r, &c, ranges);
        }
        ImFontConfig c;
        c.SizePixels = size * r;
        return atlas.AddFontDefault(&c);
    };
    // When the platform draws user text (the browser), ImGui's fonts write only the UI's own strings
    // (ASCII): label and file names, messages quoting them, typed text and documents go through the
    // platform's renderer (AppImpl::plain_ui_text decides per string). Otherwise (native, headless)
    // ImGui's fonts draw everything they can: Latin, Greek, Cyrillic.
    const ImWchar* ui_ranges = choice.imgui_draws_user_text ? kTextRanges : kUiOnlyRanges;
    AppFonts out;
    out.ui = add(15.0f * choice.zoom, ui_ranges);  // zoom scales the whole UI, not only the article
    // The guidelines' bold (user text): in the page the browser's bold system face draws it; where
    // ImGui's font draws user text (native, headless), DejaVu Sans Bold beside the regular file.
    if (choice.imgui_draws_user_text && have_file && choice.file.size() > 4 && choice.file.ends_with(".ttf")) {
        const FontBytes bold = read_font_file(choice.file.substr(0, choice.file.size() - 4) + "-Bold.ttf");
        if (bold.data != nullptr) {
            ImFontConfig c = cfg;  // the atlas owns these bytes
            out.ui_bold = atlas.AddFontFromMemoryTTF(bold.data, bold.size, 15.0f * choice.zoom * r, &c, ui_ranges);
        }
    }
    // Rasterising ~2,050 code points per font took ~550 ms of the page's start for three fonts;
    // with the canvas drawing the article, its ImGui font needs ASCII only (docs/performance.md).
    const float text = kArticleFontSize * choice.zoom;
    out.text = add(text, choice.imgui_draws_article ? kTextRanges : kUiOnlyRanges);
    out.tag = add(tag_font_size(text), ui_ranges);
    return out;
}

// Label tags: capitals at least 10 px tall at 100% (DejaVu Sans caps are 0.73 em).
float tag_font_size(float text_size) { return std::max(14.0f, std::round(text_size * 0.78f)); }

}  // namespace aa::ui
