// Contrast (issue 15, WCAG 2.2 AA: 4.5:1 for text), computed from the themes' colours: the article's
// text, the UI's text and its muted text (hints, counts) on every background they are drawn on, the
// status colours, and the text inside an entity box and its label tag for every palette colour, in
// the light and the dark theme.
#include <doctest/doctest.h>
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "core/label.hpp"
#include "headless.hpp"
#include "ui/theme.hpp"

using namespace aa;

namespace {

// The palette, in the order new labels take it (LabelSet::next_color).
std::vector<Color> palette() {
    LabelSet set;
    while (set.size() > 0) set.erase(0);
    std::vector<Color> out;
    for (int i = 0; i < 18; ++i) {
        const Color c = set.next_color();
        out.push_back(c);
        REQUIRE(set.insert(set.size(), Label{"L" + std::to_string(i), c, "", ""}).ok());
    }
    return out;
}

}  // namespace

TEST_CASE("contrast: the formula of WCAG 2.2") {
    CHECK(ui::contrast({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(ui::contrast({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
    CHECK(ui::contrast({118, 118, 118}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
    CHECK(ui::blend({255, 255, 255}, 0.5f, {0, 0, 0}) == Color{128, 128, 128});
}

TEST_CASE("contrast: every text of both themes meets WCAG AA (4.5:1)") {
    const std::vector<Color> colours = palette();
    REQUIRE(colours.size() == 18);
    ImGuiContext* ctx = ImGui::CreateContext();  // apply_theme sets ImGui's style
    for (const ui::Theme* t : {&ui::light_theme(), &ui::dark_theme()}) {
        CAPTURE(t->dark);
        CHECK(ui::contrast(t->text, t->article_bg) >= 4.5);
        for (Color bg : {t->window_bg, t->popup_bg, t->menu_bg}) {
            CAPTURE(bg.hex());
            CHECK(ui::contrast(t->ui_text, bg) >= 4.5);
            CHECK(ui::contrast(t->error, bg) >= 4.5);
        }
        for (Color bg : {t->window_bg, t->popup_bg}) {  // hints and counts, in panels and popups
            CAPTURE(bg.hex());
            CHECK(ui::contrast(t->muted_text, bg) >= 4.5);
            CHECK(ui::contrast(t->ok, bg) >= 4.5);
            CHECK(ui::contrast(t->warning, bg) >= 4.5);
        }
        CHECK(ui::contrast(t->accent, t->article_bg) >= 3.0);  // a focus indicator: 3:1 (WCAG 1.4.11)
        // The article's text over the selection's tint.
        CHECK(ui::contrast(t->text, ui::blend(t->selection, t->selection_alpha, t->article_bg)) >= 4.5);
        ui::apply_theme(t->dark);
        for (Color c : colours) {
            CAPTURE(c.hex());
            for (bool hot : {false, true}) {
                CHECK(ui::contrast(ui::box_text(c, hot), ui::box_fill(c, hot)) >= 4.5);
                // A box's fill stands apart from the page (3:1 for a graphical object, WCAG 1.4.11),
                // or its outline does: the label tag names it in words either way.
            }
            CHECK(ui::contrast(c.readable_text(), c) >= 4.5);  // the label tag: opaque, in the label's colour
        }
    }
    ui::apply_theme(false);
    ImGui::DestroyContext(ctx);
}

TEST_CASE("theme: follows the system until View > Theme chooses, and the choice is kept with the session") {
    std::map<std::string, std::string> storage;
    {
        aa::test::Harness h;
        h.app.set_system_dark(true);
        h.frames(2);
        CHECK(ui::theme().dark);
        h.app.set_system_dark(false);
        h.frames(2);
        CHECK_FALSE(ui::theme().dark);
        auto centre = [](const ui::Rect& r) { return ImVec2(r.x + r.width / 2, r.y + r.height / 2); };
        h.click(centre(*h.app.widget_rect("menu.view")));
        h.frames(2);
        const auto sub = h.app.widget_rect("view.theme");
        REQUIRE(sub.has_value());
        h.move(centre(*sub));
        h.frames(3);
        const auto dark = h.app.widget_rect("view.theme.dark");
        REQUIRE(dark.has_value());
        h.click(centre(*dark));
        h.frames(2);
        CHECK(ui::theme().dark);  // chosen: the system's light no longer matters
        REQUIRE(h.app.set_text("Saved in the dark.").ok());
        h.frames(200);  // past the autosave's delay
        storage = h.platform.storage;
    }
    bool kept = false;
    for (const auto& [key, value] : storage) kept |= value.find(R"("theme":"dark")") != std::string::npos;
    CHECK(kept);
    aa::test::Harness again(storage);  // a reload: starts light (apply_style), the restored view makes it dark
    again.app.set_system_dark(false);
    again.frames(2);
    CHECK(ui::theme().dark);
    ui::apply_theme(false);
}
