// Agreement in the page, driven headless: File > Compare loads B through the file picker, the
// Agreement tab's scores and differences, next/previous and A/B/N by key and by mouse, the curated
// version as one undo step, and the error when the texts differ.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <optional>

#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kText = "Angela Merkel visited Paris. Emmanuel Macron met her at the Elysee Palace in Paris.";

// B: agrees on Merkel, misses the first Paris, labels Macron ORG, adds the second Paris, and
// takes "Elysee Palace in Paris"'s "Elysee Palace" shorter ("Elysee").
std::string other_file() {
    return std::string("{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"") + kText +
           "\", \"labels\": [{\"name\": \"PER\"}, {\"name\": \"ORG\"}, {\"name\": \"LOC\"}], \"entities\": ["
           "{\"id\": \"e1\", \"start\": 0, \"end\": 13, \"label\": \"PER\", \"text\": \"Angela Merkel\"},"
           "{\"id\": \"e2\", \"start\": 29, \"end\": 44, \"label\": \"ORG\", \"text\": \"Emmanuel Macron\"},"
           "{\"id\": \"e3\", \"start\": 60, \"end\": 66, \"label\": \"LOC\", \"text\": \"Elysee\"},"
           "{\"id\": \"e4\", \"start\": 77, \"end\": 82, \"label\": \"LOC\", \"text\": \"Paris\"}]}";
}

void annotate_a(Harness& h) {
    REQUIRE(h.app.set_text(kText).ok());
    Editor& e = h.app.editor();
    REQUIRE(e.add_entity(0, 13, "PER").ok());
    REQUIRE(e.add_entity(22, 27, "LOC").ok());
    REQUIRE(e.add_entity(29, 44, "PER").ok());
    REQUIRE(e.add_entity(60, 73, "LOC").ok());
    h.frames(2);
}

// File > Compare with another annotator's file... with the mouse, then the picked file.
void compare(Harness& h, const std::string& name, const std::string& content) {
    const int dialogs = h.platform.file_dialogs;
    h.click(ImVec2(20, 8));  // the File menu
    h.frames(1);
    h.click_widget("menu.compare");
    CHECK(h.platform.file_dialogs == dialogs + 1);
    h.app.on_file(h.platform.last_request, name, content);
    h.frames(2);
}

std::vector<std::string> spans(const Document& d) {
    std::vector<std::string> out;
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        out.push_back(std::to_string(e.start) + "-" + std::to_string(e.end) + " " + e.label);
    }
    return out;
}
}  // namespace

TEST_CASE("comparing shows the scores and every kind of difference, and closes on another article") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    CHECK(h.app.status_message() == "Compared with bob.json: 4 differences");
    // Differences in order: missing Paris (22-27), Macron PER/ORG, Elysee boundaries, extra Paris (77-82).
    for (int i = 0; i < 4; ++i) CHECK(h.app.widget_rect("agree.row." + std::to_string(i)).has_value());
    CHECK_FALSE(h.app.widget_rect("agree.row.4").has_value());
    REQUIRE(h.app.set_text("Another article entirely.").ok());
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("agree.row.0").has_value());  // the comparison was of the other text
}

TEST_CASE("a file of another text is refused with the offset where the texts differ") {
    Harness h;
    annotate_a(h);
    std::string other = other_file();
    other.replace(other.find("visited"), 7, "visites");
    compare(h, "bob.json", other);
    CHECK(h.app.status_message() == "bob.json: the texts differ at code point 20");
    CHECK_FALSE(h.app.widget_rect("agree.curate").has_value());
}

TEST_CASE("keys: ] and [ step through the differences, A B N choose, and the curated version is one undo step") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    h.key(ImGuiKey_RightBracket);  // the first difference: missing Paris -> keep A
    h.key(ImGuiKey_A);
    h.key(ImGuiKey_RightBracket);  // Macron: take B's ORG
    h.key(ImGuiKey_B);
    h.key(ImGuiKey_RightBracket);  // Elysee: neither
    h.key(ImGuiKey_N);
    h.key(ImGuiKey_RightBracket);  // extra Paris: take B
    h.key(ImGuiKey_B);
    h.key(ImGuiKey_LeftBracket);  // back to Elysee, then A after all
    h.key(ImGuiKey_A);
    const auto before = spans(h.app.editor().doc());
    h.click_widget("agree.curate");
    CHECK(spans(h.app.editor().doc()) ==
          std::vector<std::string>{"0-13 PER", "22-27 LOC", "29-44 ORG", "60-73 LOC", "77-82 LOC"});
    CHECK(h.app.status_message() == "Built the curated version: 5 entities (Ctrl+Z undoes it)");
    h.key(ImGuiKey_Z, true);
    CHECK(spans(h.app.editor().doc()) == before);
}

TEST_CASE("with the mouse: a difference's row selects it and its radio buttons choose the side") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    h.click_widget("agree.n.0");          // drop the Paris that B misses
    h.click_widget("agree.b.1");          // Macron as ORG
    h.quick_click_widget("agree.row.2");  // as a browser clicks: moved and pressed in one frame
    h.key(ImGuiKey_B);                    // the row selected it: B's shorter Elysee
    h.click_widget("agree.a.3");          // A has no second Paris: nothing
    h.click_widget("agree.curate");
    CHECK(spans(h.app.editor().doc()) == std::vector<std::string>{"0-13 PER", "29-44 ORG", "60-66 LOC"});
}

TEST_CASE("no difference has a side until the user chooses one; the undecided ones can be decided at once") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    const auto before = spans(h.app.editor().doc());
    h.click_widget("agree.b.1");  // Macron as ORG; the three others are undecided
    h.click_widget("agree.curate");
    CHECK(spans(h.app.editor().doc()) == before);  // nothing built, nothing taken from A by default
    CHECK(h.app.status_message() ==
          "3 differences have no side chosen yet: choose A, B or neither for each (] goes to the next), or for all the "
          "undecided at once");
    h.click_widget("agree.all.B");
    CHECK(h.app.status_message() == "Chose B's side for 3 differences");
    h.click_widget("agree.curate");
    // B everywhere but Macron, which was chosen before: B's ORG (so B's entities exactly).
    CHECK(spans(h.app.editor().doc()) == std::vector<std::string>{"0-13 PER", "29-44 ORG", "60-66 LOC", "77-82 LOC"});
}

TEST_CASE("a difference's row shows its kind, A's and B's entity on lines of their own, within the panel") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    auto row = h.app.widget_rect("agree.row.1");
    auto radio = h.app.widget_rect("agree.n.1");
    auto next = h.app.widget_rect("agree.row.2");
    REQUIRE(row.has_value());
    REQUIRE(radio.has_value());
    REQUIRE(next.has_value());
    CHECK(row->height > 2.5f * ImGui::GetTextLineHeight());  // three lines: kind, A, B
    CHECK(next->y >= row->y + row->height);                  // rows do not overlap
    CHECK(radio->x >= row->x + row->width);                  // the side buttons beside the text, not over it
    CHECK(radio->x + radio->width <= 1280.0f);               // inside the window
}

namespace {
// The five side tabs (Agreement makes five): each drawn, inside [left, right], in one row, in order.
void check_tabs_in_row(Harness& h, float left, float right) {
    std::optional<ui::Rect> prev;
    for (const char* name : {"tab.labels", "tab.entities", "tab.suggest", "tab.documents", "tab.agreement"}) {
        CAPTURE(name);
        auto r = h.app.widget_rect(name);
        REQUIRE(r.has_value());
        CHECK(r->x >= left - 0.5f);              // not scrolled out at the left
        CHECK(r->x + r->width <= right + 0.5f);  // nor cut at the right
        if (prev) {
            CHECK(r->y == prev->y);                // one row
            CHECK(r->x >= prev->x + prev->width);  // in order, not overlapping
        }
        prev = r;
    }
}
}  // namespace

TEST_CASE("the side panel is as wide as its five tabs in one row; a narrow sheet shortens their names") {
    Harness h;
    annotate_a(h);
    compare(h, "bob.json", other_file());
    h.frames(2);
    const auto side = ImGui::FindWindowByName("##side");
    REQUIRE(side != nullptr);
    check_tabs_in_row(h, side->Pos.x, side->Pos.x + side->Size.x);
    // A phone's width: the sheet under the article takes the whole width, the names get short.
    for (float width : {640.0f, 390.0f}) {
        CAPTURE(width);
        ImGui::GetIO().DisplaySize = ImVec2(width, 844);
        h.frames(3);
        check_tabs_in_row(h, 0.0f, width);
    }
    ImGui::GetIO().DisplaySize = ImVec2(1280, 800);
}

TEST_CASE("the differences are a table in the screen-reader mirror: kind, both sides, the side chosen, the current") {
    Harness h;
    annotate_a(h);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    CHECK(now().comparing.empty());
    CHECK(now().differences.empty());
    compare(h, "bob.json", other_file());
    CHECK(now().comparing == "Comparison with bob.json");
    CHECK(now().differences_total == 4);
    REQUIRE(now().differences.size() == 4);
    CHECK(now().differences[0] ==
          ui::A11yDifferenceRow{"missing in B", "LOC \"Paris\"", "(none)", "", now().differences[0].current});
    CHECK(now().differences[3].a == "(none)");
    CHECK(now().differences[3].b == "LOC \"Paris\"");
    h.click_widget("agree.row.1");  // the row the keys act on
    h.click_widget("agree.b.1");    // Macron as ORG
    h.frames(1);
    CHECK(now().differences[1] ==
          ui::A11yDifferenceRow{"other label", "PER \"Emmanuel Macron\"", "ORG \"Emmanuel Macron\"", "B", true});
    h.click_widget("agree.row.2");
    h.key(ImGuiKey_N);  // neither side for the Elysee boundaries
    h.frames(1);
    CHECK(now().differences[2].chosen == "neither");
    CHECK(now().differences[2].current);
    CHECK_FALSE(now().differences[1].current);
    REQUIRE(h.app.set_text("Another article entirely.").ok());
    h.frames(2);
    CHECK(now().comparing.empty());  // the comparison was of the other text
    CHECK(now().differences.empty());
}
