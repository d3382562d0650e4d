// UI text drawn by the platform's renderer (user_text.cpp): a label name in Arabic goes through the
// run layout and the renderer, not ImGui's font. A frame that shows the same strings as the frame
// before asks the renderer to measure nothing; a zoom (another font size) measures them again.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "ui/text_renderer.hpp"

using namespace aa;

namespace {

// A renderer that counts what it is asked to measure: 10 px per code point, draws nothing.
struct CountingRenderer final : ui::TextRenderer {
    int measures = 0;  // width() and suffix_widths() calls
    void set_size(float, float) override {}
    float width(std::u32string_view text, bool, ui::TextStyle) override {
        ++measures;
        return 10.0f * static_cast<float>(text.size());
    }
    void suffix_widths(std::u32string_view text, bool, ui::TextStyle, const std::vector<Suffix>& suffixes,
                       std::vector<float>& out) override {
        ++measures;
        out.clear();
        for (const Suffix& s : suffixes) out.push_back(10.0f * static_cast<float>(text.size() - s.start + s.zwj));
    }
    void draw(ImDrawList*, float, float, std::u32string_view, bool, uint32_t, ui::TextStyle) override {}
};

// The page's set-up: the UI's user text goes to the platform's renderer (here the counting one).
struct CountingPlatform : test::FakePlatform {
    CountingRenderer ui_renderer;
    ui::TextRenderer* ui_text_renderer() override { return &ui_renderer; }
};

struct UiTextHarness {
    CountingPlatform platform;
    ImGuiContext* ctx = ImGui::CreateContext();
    ui::App app{platform};
    UiTextHarness() {
        ImGui::SetCurrentContext(ctx);
        test::init_imgui(app);
        app.startup(std::nullopt);
        frames(2);
    }
    ~UiTextHarness() { ImGui::DestroyContext(ctx); }
    UiTextHarness(const UiTextHarness&) = delete;
    UiTextHarness& operator=(const UiTextHarness&) = delete;
    void frames(int n) {
        for (int i = 0; i < n; ++i) test::ui_frame(ctx, app, platform);
    }
};

}  // namespace

TEST_CASE("UI text in Arabic is laid out once, not in every frame") {
    UiTextHarness h;
    REQUIRE(h.app.set_text("Moscow and Cairo are cities.").ok());
    REQUIRE(h.app.editor().add_label(Label{"مدينة", Color{40, 120, 200}, "", ""}).ok());
    REQUIRE(h.app.editor().add_entity(0, 6, "مدينة").ok());
    h.frames(3);
    const int shown = h.platform.ui_renderer.measures;
    REQUIRE(shown > 0);  // the label's name went through the renderer
    h.frames(5);         // nothing changed: the same strings again
    CHECK(h.platform.ui_renderer.measures == shown);

    // Another size: every string is measured again at it.
    h.app.set_zoom(1.5f);
    h.frames(3);
    CHECK(h.platform.ui_renderer.measures > shown);
    const int zoomed = h.platform.ui_renderer.measures;
    h.frames(5);
    CHECK(h.platform.ui_renderer.measures == zoomed);
}

// Start-up draws the side panel's default labels (PER, ORG, LOC, MISC) and their keys: all ASCII,
// so ImGui's font draws them and the platform's renderer (a costly layout in the page's first
// frame) is not asked to measure anything.
TEST_CASE("the default labels' names and hotkeys are drawn without the platform's renderer") {
    UiTextHarness h;
    REQUIRE(h.app.set_text("Moscow and Cairo are cities.").ok());
    h.frames(3);
    CHECK(h.platform.ui_renderer.measures == 0);
}
