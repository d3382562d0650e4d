// Contrast (issue 15, WCAG 2.2 AA: 4.5:1 for text), computed from the themes' colours: the article's
// text, the UI's text and its muted text (hints, counts) on every background they are drawn on, the
// status colours, and the text inside an entity box and its label tag for every palette colour, in
// the light and the dark theme.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "aa_fixtures_path.hpp"
#include "core/label.hpp"
#include "headless.hpp"
#include "ui/theme.hpp"

using namespace aa;
using aa::test::centre;

namespace {

// Opens View > Theme with the mouse: a click on the menu, then the pointer on the submenu.
void open_theme_menu(aa::test::Harness& h) {
    const auto view = h.app.widget_rect("menu.view");
    REQUIRE(view.has_value());
    if (view) h.click(centre(*view));
    h.frames(2);
    const auto sub = h.app.widget_rect("view.theme");
    REQUIRE(sub.has_value());
    if (sub) h.move(centre(*sub));
    h.frames(3);
}

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

TEST_CASE("contrast: every text and control of every theme meets WCAG AA (AAA in high contrast)") {
    const std::vector<Color> colours = palette();
    REQUIRE(colours.size() == 18);
    ImGuiContext* ctx = ImGui::CreateContext();  // apply_theme sets ImGui's style
    for (const ui::Theme* t :
         {&ui::light_theme(), &ui::dark_theme(), &ui::contrast_light_theme(), &ui::contrast_dark_theme()}) {
        CAPTURE(t->dark);
        CAPTURE(t->high_contrast);
        // Text: 4.5:1 (WCAG 1.4.3), 7:1 in high contrast (1.4.6). Controls and marks: 3:1 (1.4.11).
        const double text_min = t->high_contrast ? 7.0 : 4.5, mark_min = 3.0;
        CHECK(ui::contrast(t->text, t->article_bg) >= text_min);
        for (Color bg : {t->window_bg, t->popup_bg, t->menu_bg}) {
            CAPTURE(bg.hex());
            CHECK(ui::contrast(t->ui_text, bg) >= text_min);
            CHECK(ui::contrast(t->error, bg) >= text_min);
            // Buttons, tabs and list headers: the UI's text over their tint of the background.
            for (float a : {t->button_alpha, t->button_hover_alpha, t->tab_alpha, t->tab_active_alpha, t->header_alpha,
                            t->header_hover_alpha}) {
                CAPTURE(a);
                CHECK(ui::contrast(t->ui_text, ui::blend(t->widget_accent, a, bg)) >= text_min);
            }
        }
        // Hints, counts, status words, Compare's kinds, the queue's states, the status bar's offer:
        // in panels, popups and the status bar (window_bg).
        for (Color bg : {t->window_bg, t->popup_bg}) {
            CAPTURE(bg.hex());
            for (Color fg : {t->muted_text, t->ok, t->warning, t->error, t->link}) {
                CAPTURE(fg.hex());
                CHECK(ui::contrast(fg, bg) >= text_min);
            }
            // A radio button or check box: its outline against the panel, its dot against its fill.
            CHECK(ui::contrast(t->control_border, bg) >= mark_min);
        }
        CHECK(ui::contrast(t->muted_text, t->frame_bg) >= text_min);  // a field's placeholder
        CHECK(ui::contrast(t->ui_text, t->frame_bg) >= text_min);     // a field's text
        CHECK(ui::contrast(t->check, t->frame_bg) >= mark_min);
        CHECK(ui::contrast(t->ui_text, t->banner_bg) >= text_min);  // "open in another tab"
        CHECK(ui::contrast(t->accent, t->article_bg) >= mark_min);  // the focus ring and the caret (1.4.11)
        CHECK(ui::contrast(t->accent, t->window_bg) >= mark_min);   // ... and the splitter
        // Outlines in the article: Find's current hit, Compare's differences.
        for (Color mark : {t->find_outline, t->error, t->ok, t->warning}) {
            CAPTURE(mark.hex());
            CHECK(ui::contrast(mark, t->article_bg) >= mark_min);
        }
        // The article's text over the selection's tint and over Find's hits.
        CHECK(ui::contrast(t->text, ui::blend(t->selection, t->selection_alpha, t->article_bg)) >= text_min);
        CHECK(ui::contrast(t->text, ui::blend(t->find_hit, t->find_hit_alpha, t->article_bg)) >= text_min);
        CHECK(ui::contrast(t->text, ui::blend(t->find_current, t->find_current_alpha, t->article_bg)) >= text_min);
        ui::apply_theme(t->dark, t->high_contrast);
        CHECK(&ui::theme() == t);
        // ImGui draws with what apply_theme set: the radio buttons' outline, fill and dot.
        const ImGuiStyle& st = ImGui::GetStyle();
        CHECK(st.Colors[ImGuiCol_Border].x == doctest::Approx(t->control_border.r / 255.0f));
        CHECK(st.Colors[ImGuiCol_FrameBg].x == doctest::Approx(t->frame_bg.r / 255.0f));
        CHECK(st.Colors[ImGuiCol_CheckMark].z == doctest::Approx(t->check.b / 255.0f));
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

TEST_CASE("theme: no colour is written in src/ui outside theme.cpp") {
    // Every colour the UI draws with is the theme's, so that each theme (and its contrast test above)
    // covers it: no IM_COL32(r, g, b, ...), ImVec4 colour or Color{r, g, b} literal elsewhere.
    const std::regex literal(R"((IM_COL32\(\s*\d|ImVec4\(\s*\d|(^|[^A-Za-z_])Color(\{|\()\s*\d))");
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(AA_FIXTURES "/../../src/ui")) {
        const std::string name = entry.path().filename().string();
        if (name == "theme.cpp" || name == "theme.hpp") continue;
        std::ifstream in(entry.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            CAPTURE(name);
            CAPTURE(n);
            CHECK_MESSAGE(!std::regex_search(line, literal), line);
        }
        ++files;
    }
    CHECK(files > 20);
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
        open_theme_menu(h);
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

TEST_CASE("theme: prefers-contrast: more gives the high-contrast theme until View > Theme chooses another") {
    aa::test::Harness h;
    h.app.set_system_contrast(true);
    h.frames(2);
    CHECK(&ui::theme() == &ui::contrast_light_theme());
    h.app.set_system_dark(true);
    h.frames(2);
    CHECK(&ui::theme() == &ui::contrast_dark_theme());
    open_theme_menu(h);
    const auto light = h.app.widget_rect("view.theme.light");
    REQUIRE(light.has_value());
    REQUIRE(h.app.widget_rect("view.theme.contrast-dark").has_value());
    h.click(centre(*light));
    h.frames(2);
    CHECK(&ui::theme() == &ui::light_theme());  // chosen: the system's dark and contrast no longer matter
    ui::apply_theme(false);
}

TEST_CASE("prefers-reduced-motion: the text fields' caret does not blink") {
    aa::test::Harness h;
    h.frames(1);
    CHECK(ImGui::GetIO().ConfigInputTextCursorBlink);
    h.app.set_reduced_motion(true);
    h.frames(1);
    CHECK_FALSE(ImGui::GetIO().ConfigInputTextCursorBlink);
}
