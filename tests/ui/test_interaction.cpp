// Trustworthy interaction (issue 14), driven headless through real ImGui events: a stale popup
// never redirects a key, Escape closes whatever is open, a click outside a menu still acts, undo
// works with a menu open, and every edit says what it did in the status bar (and the message log).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::any_popup_open;
using aa::test::find_cp;
using aa::test::Harness;

namespace {
const char* const kArticle = aa::test::kFeltmanArticle;

bool window_shown(const char* name) {
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    return w && w->WasActive && w->Active;
}

const Entity* entity_at(const Document& d, size_t start) {
    for (Slot s : d.entities().ordered())
        if (d.entities().get(s).start == start) return &d.entities().get(s);
    return nullptr;
}

// The article with Victoria Nuland labelled PER.
struct Nuland {
    Harness h;
    size_t v = 0, f = 0;
    Nuland() {
        REQUIRE(h.app.set_text(kArticle).ok());
        const Text& t = h.app.editor().doc().text();
        v = find_cp(t, "Victoria Nuland");
        f = find_cp(t, "Jeffrey Feltman");
        REQUIRE(h.app.editor().add_entity(v, v + 15, "PER").ok());
        h.frames(2);
    }
};
}  // namespace

TEST_CASE("the issue's steps: a context menu left open never turns the next label key on its entity") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3), 1);  // right-click Victoria Nuland: its context menu
    h.frame();
    CHECK(any_popup_open());
    h.key(ImGuiKey_Escape);
    CHECK_FALSE(any_popup_open());  // Escape closed the menu
    h.click(h.center_of(n.v + 3), 1);
    h.frame();
    REQUIRE(any_popup_open());
    // A drag over "Jeffrey Feltman" with the menu open: it closes the menu and still selects.
    h.drag(n.f + 1, n.f + 14);
    h.frame();
    CHECK_FALSE(any_popup_open());
    h.key(ImGuiKey_3);
    const Document& d = h.app.editor().doc();
    REQUIRE(entity_at(d, n.v) != nullptr);
    CHECK(entity_at(d, n.v)->label == "PER");  // Nuland untouched
    REQUIRE(entity_at(d, n.f) != nullptr);
    CHECK(entity_at(d, n.f)->label == "LOC");
    CHECK(d.text_of(*entity_at(d, n.f)) == "Jeffrey Feltman");
    CHECK(h.app.status_message() == "Added LOC \"Jeffrey Feltman\"");
}

TEST_CASE("a label key does nothing while a menu is open") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3), 1);
    h.frame();
    REQUIRE(any_popup_open());
    h.key(ImGuiKey_3);
    CHECK(entity_at(h.app.editor().doc(), n.v)->label == "PER");
}

TEST_CASE("Escape closes a menu of the menu bar and the shortcuts window") {
    Nuland n;
    Harness& h = n.h;
    h.click(ImVec2(20, 8));  // "File"
    h.frame();
    CHECK(any_popup_open());
    h.key(ImGuiKey_Escape);
    CHECK_FALSE(any_popup_open());
    h.key(ImGuiKey_Slash, false, true);  // '?'
    h.frame();
    CHECK(window_shown("Keyboard shortcuts"));
    h.key(ImGuiKey_Escape);
    h.frame();
    CHECK_FALSE(window_shown("Keyboard shortcuts"));
}

TEST_CASE("Ctrl+Z and Ctrl+Y work with a menu open and say what they did") {
    Nuland n;
    Harness& h = n.h;
    h.click(ImVec2(60, 8));  // "Edit"
    h.frame();
    REQUIRE(any_popup_open());
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().empty());
    CHECK(h.app.status_message() == "Undid: Add PER \"Victoria Nuland\"");
    h.key(ImGuiKey_Y, true);
    CHECK(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.status_message() == "Redid: Add PER \"Victoria Nuland\"");
}

TEST_CASE("relabel and delete report in the status bar; the message log keeps every message") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3));
    h.key(ImGuiKey_2);
    CHECK(h.app.status_message() == "Relabelled \"Victoria Nuland\": PER -> ORG");
    h.key(ImGuiKey_2);
    CHECK(h.app.status_message() == "\"Victoria Nuland\" is ORG already");
    h.key(ImGuiKey_Delete);
    CHECK(h.app.status_message() == "Deleted ORG \"Victoria Nuland\" (Ctrl+Z undoes)");
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.status_message() == "Undid: Delete ORG \"Victoria Nuland\"");
    const auto log = h.app.message_log();
    REQUIRE(log.size() >= 4);
    CHECK(log[log.size() - 4] == "Relabelled \"Victoria Nuland\": PER -> ORG");
    CHECK(log.back() == "Undid: Delete ORG \"Victoria Nuland\"");
}

TEST_CASE("nested spans by mouse: a drag inside an entity selects text; a click still selects the entity") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    const size_t s = find_cp(t, "State Department spokesperson Victoria Nuland");
    REQUIRE(h.app.editor().add_entity(s, s + 45, "PER").ok());
    h.frames(2);
    // A click inside selects the entity: 2 relabels it.
    h.click(h.center_of(s + 2));
    h.key(ImGuiKey_2);
    CHECK(entity_at(h.app.editor().doc(), s)->label == "ORG");
    h.key(ImGuiKey_Z, true);
    // A drag from inside "State" to inside "Department": a new, nested selection, labelled ORG.
    h.drag(s + 1, s + 14);
    h.key(ImGuiKey_2);
    const Document& d = h.app.editor().doc();
    CHECK(d.entities().size() == 2);
    CHECK(entity_at(d, s)->label == "PER");  // the outer one is untouched
    bool nested = false;
    for (Slot sl : d.entities().ordered()) {
        const Entity& e = d.entities().get(sl);
        if (e.label == "ORG") nested = e.start == s && e.end == s + 16 && d.text_of(e) == "State Department";
    }
    CHECK(nested);
    // A double-click inside an entity selects the word.
    const size_t v = find_cp(t, "Victoria");
    h.click(h.center_of(v + 2));
    h.click(h.center_of(v + 2));
    h.key(ImGuiKey_4);
    CHECK(d.entities().size() == 3);
    CHECK(h.app.status_message() == "Added MISC \"Victoria\"");
}

TEST_CASE("Ctrl+O opens the file chooser on every press, though the chooser swallowed the key-ups") {
    Harness h;
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 1; i <= 3; ++i) {
        io.AddKeyEvent(ImGuiMod_Ctrl, true);
        io.AddKeyEvent(ImGuiKey_O, true);
        h.frame();  // no key-up follows: the browser's chooser had the keyboard
        h.frame();
        CHECK(h.platform.file_dialogs == i);
    }
}

TEST_CASE("the empty Documents tab has an Open button; replacing an article by a queue keeps a version") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    REQUIRE(h.app.editor().add_entity(0, 2, "LOC").ok());
    h.frames(30);  // autosaved
    auto tab = h.app.widget_rect("tab.documents");
    REQUIRE(tab.has_value());
    h.click(ImVec2(tab->x + tab->width * 0.5f, tab->y + tab->height * 0.5f));
    h.frames(2);
    auto open = h.app.widget_rect("queue.open");
    REQUIRE(open.has_value());
    h.click(ImVec2(open->x + open->width * 0.5f, open->y + open->height * 0.5f));
    CHECK(h.platform.file_dialogs == 1);
    const uint64_t request = h.platform.last_request;
    h.app.on_files_begin(request, 2);
    h.app.on_file(request, "one.txt", "Angela Merkel visited Paris.");
    h.app.on_file(request, "two.txt", "Emmanuel Macron met her in Berlin.");
    h.app.on_files_end(request);
    h.frames(2);
    h.key(ImGuiKey_Enter);  // "Replace" in the confirmation
    h.frames(30);
    CHECK(h.app.editor().doc().text().utf8() == "Angela Merkel visited Paris.");
    REQUIRE(h.app.versions().size() == 1);
    CHECK(h.app.versions()[0].entities == 1);  // the replaced article, restorable
}

TEST_CASE("exports are named once: menu entries, file names, and brat's .txt beside its .ann") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    REQUIRE(h.app.editor().add_entity(0, 2, "LOC").ok());
    h.frames(2);
    h.app.download_as("conll");
    h.app.download_as("brat");
    h.app.download_as("spacy");
    REQUIRE(h.platform.downloads.size() == 4);
    const std::string stem = "US-Assistant-Secretary-of-State-for-Near-Eastern-Affairs-Jef";  // 60 characters
    CHECK(h.platform.downloads[0].name == stem + ".conll");
    CHECK(h.platform.downloads[1].name == stem + ".ann");
    CHECK(h.platform.downloads[2].name == stem + ".txt");
    CHECK(h.platform.downloads[2].content == kArticle);
    CHECK(h.platform.downloads[3].name == stem + ".spacy.json");
    CHECK(h.app.status_message().rfind("Downloaded " + stem + ".spacy.json", 0) == 0);
}

TEST_CASE("the Paste button's clipboard refusal says what to do instead") {
    Harness h;
    h.app.on_paste_failed("NotAllowedError: Read permission denied.");
    CHECK(h.app.status_message() ==
          "The browser did not let the page read the clipboard: press Ctrl+V (Cmd+V on a Mac) to paste");
}

TEST_CASE("Help > About shows the version, the licence and the page's own documentation") {
    Harness h;
    auto help = h.app.widget_rect("menu.help");
    REQUIRE(help.has_value());
    h.click(ImVec2(help->x + help->width * 0.5f, help->y + help->height * 0.5f));
    h.frame();
    auto about = h.app.widget_rect("menu.about");
    REQUIRE(about.has_value());
    h.click(ImVec2(about->x + 10, about->y + about->height * 0.5f));
    h.frames(2);
    CHECK(window_shown("About"));
    CHECK(h.app.widget_rect("about.licence").has_value());  // "Licence: MIT", the LICENSE text below it
    h.key(ImGuiKey_Escape);
    h.frames(1);
    CHECK_FALSE(window_shown("About"));
}

TEST_CASE(
    "layout: F9 hides the side panel and it stays hidden after a reload; the text column is at most ~90 characters, "
    "centred") {
    std::map<std::string, std::string> storage;
    {
        Harness h;
        REQUIRE(h.app.set_text(std::string(kArticle) + " " + kArticle + " " + kArticle).ok());
        h.frames(2);
        CHECK(window_shown("##side"));
        h.key(ImGuiKey_F9);
        h.frames(2);
        CHECK_FALSE(window_shown("##side"));
        CHECK(h.app.status_message() == "Side panel hidden (F9 shows it)");
        // 1280 px wide without the panel: the first line holds at most ~90 characters and starts
        // well right of the window's left edge.
        const auto first = h.app.caret_rect(0);
        REQUIRE(first.has_value());
        CHECK(first->x > 150);
        size_t line_end = 1;
        while (h.app.caret_rect(line_end) && h.app.caret_rect(line_end)->y == first->y) ++line_end;
        CHECK(line_end <= 95);
        CHECK(line_end >= 60);
        h.frames(30);
        storage = h.platform.storage;
    }
    Harness h2(storage);
    h2.frames(3);
    CHECK_FALSE(window_shown("##side"));
}

TEST_CASE("selecting an entity does not move the side panel's tabs; zoom scales the whole UI") {
    Nuland n;
    Harness& h = n.h;
    auto tab = h.app.widget_rect("tab.documents");
    REQUIRE(tab.has_value());
    h.click(h.center_of(n.v + 3));
    h.frames(2);
    auto tab2 = h.app.widget_rect("tab.documents");
    REQUIRE(tab2.has_value());
    CHECK(tab2->y == tab->y);
    const float before = ImGui::GetFrameHeight();
    h.key(ImGuiKey_Equal, true);
    h.key(ImGuiKey_Equal, true);
    h.frames(2);
    auto tab3 = h.app.widget_rect("tab.documents");
    REQUIRE(tab3.has_value());
    CHECK(tab3->height > tab->height * 1.1f);  // the panel's tabs grew with the article (23 -> 26 px)
    (void)before;
}

TEST_CASE("with nothing selected, a label key accepts the current suggestion with that key's label") {
    Nuland n;
    Harness& h = n.h;
    h.key(ImGuiKey_S, false, false, true);  // Alt+S: suggestions; the first one is current
    h.frames(2);
    const size_t before = h.app.editor().doc().entities().size();
    h.key(ImGuiKey_2);  // ORG, whatever was suggested
    const Document& d = h.app.editor().doc();
    REQUIRE(d.entities().size() == before + 1);
    CHECK(h.app.status_message() == "Accepted \"US\" as ORG (suggested LOC)");
    REQUIRE(entity_at(d, 0) != nullptr);
    CHECK(entity_at(d, 0)->label == "ORG");
    // With a text selected, the key labels the selection, not the suggestion.
    h.drag(n.f, n.f + 15);
    h.key(ImGuiKey_1);
    CHECK(h.app.status_message() == "Added PER \"Jeffrey Feltman\"");
    CHECK(d.entities().size() == before + 2);
    h.key(ImGuiKey_Z, true);
    h.key(ImGuiKey_Z, true);
    CHECK(d.entities().size() == before);
}

TEST_CASE("imports say what they brought: entities per label, documents, warnings") {
    Harness h;
    h.app.on_file("merkel.jsonl",
                  "{\"text\": \"Angela Merkel visited Paris and Berlin.\", \"label\": [[0, 13, \"PER\"], [22, 27, "
                  "\"LOC\"], [32, 38, \"LOC\"]]}\n");
    h.frames(2);
    CHECK(h.app.status_message() == "Imported 3 entities from merkel.jsonl: PER 1, LOC 2");
    h.app.on_file("two.jsonl",
                  "{\"text\": \"Angela Merkel visited Paris.\", \"label\": [[0, 13, \"PER\"]]}\n"
                  "{\"text\": \"Olaf Scholz spoke in Rome.\", \"label\": [[0, 11, \"PER\"], [21, 25, \"LOC\"]]}\n");
    h.frames(2);
    h.key(ImGuiKey_Enter);  // replace the annotated article
    CHECK(h.app.status_message() == "Opened 2 documents with 3 entities from two.jsonl (Alt+PageDown: next)");
    // A brat file read against the open text, with a note of a type brat's AnnotatorNotes is not:
    // kept as a note, warned and logged.
    REQUIRE(h.app.set_text("Angela Merkel visited Paris.").ok());
    h.app.on_file("merkel.ann", "T1\tPER 0 13\tAngela Merkel\nT2\tLOC 22 27\tParis\n#1\tComment T1\tChancellor\n");
    h.frames(2);
    const std::string warning = "3:4: warning: #1: note type \"Comment\" is not AnnotatorNotes: read as a note";
    CHECK(h.app.status_message() == "Imported 2 entities from merkel.ann: PER 1, LOC 1; 1 warning: " + warning);
    const auto log = h.app.message_log();
    REQUIRE(log.size() >= 2);
    CHECK(log[log.size() - 2] == "merkel.ann: " + warning);  // every warning is in the message log
    // and, before them, the format the page guessed and the marks that decided it, as the CLI says
    CHECK(log[log.size() - 3].rfind("merkel.ann: read as brat: ", 0) == 0);
}

TEST_CASE("menus, popups and dialogs are opaque: the article never shows through them") {
    Nuland n;
    n.h.click(n.h.center_of(n.v + 3), 1);  // the context menu, over the article
    n.h.frame();
    REQUIRE(any_popup_open());
    const ImGuiStyle& s = ImGui::GetStyle();
    for (ImGuiCol c : {ImGuiCol_PopupBg, ImGuiCol_WindowBg, ImGuiCol_MenuBarBg}) CHECK(s.Colors[c].w == 1.0f);
    CHECK(s.PopupBorderSize >= 1.0f);
    CHECK(s.Alpha == 1.0f);
}

TEST_CASE("the side panel's splitter is only its grip: no line across the panel, the panel's left strip clickable") {
    Nuland n;
    ImGuiWindow* grip = ImGui::FindWindowByName("##side_splitter");
    ImGuiWindow* side = ImGui::FindWindowByName("##side");
    REQUIRE(grip != nullptr);
    REQUIRE(side != nullptr);
    CHECK(grip->Size.x <= 8.0f);  // was ImGui's minimum, 32 px, with a border drawn inside the panel
    CHECK(grip->WindowBorderSize == 0.0f);
    n.h.move(ImVec2(side->Pos.x + 15, side->Pos.y + 200));
    REQUIRE(ImGui::GetCurrentContext()->HoveredWindow != nullptr);
    CHECK(ImGui::GetCurrentContext()->HoveredWindow->RootWindow == side);  // the panel (its tabs child), not the grip
}

TEST_CASE("Shift+A accepts every suggestion also while an entity is selected (it names no single one)") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3));  // Victoria Nuland selected
    h.key(ImGuiKey_S, false, false, true);
    h.frames(2);
    const size_t before = h.app.editor().doc().entities().size();
    h.key(ImGuiKey_A, false, true);
    CHECK(h.app.editor().doc().entities().size() > before + 2);
    CHECK(h.app.status_message().rfind("Accepted ", 0) == 0);
}

// The entity tooltip is drawn from inside the article's host window, which has no padding of its
// own: the tooltip must still get the style's padding, every line inside its border (issue 10: its
// last line, the entity's text, was drawn on the bottom border).
TEST_CASE("the entity tooltip keeps the style's padding: every line inside its border") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const size_t at = find_cp(h.app.editor().doc().text(), "Moscow");
    REQUIRE(h.app.editor().add_entity(at, at + 6, "LOC").ok());
    h.frames(2);
    h.move(h.center_of(at + 2));
    h.frames(3);  // a tooltip is sized in the frame it appears and shown in the next
    ImGuiWindow* tip = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if ((w->Flags & ImGuiWindowFlags_Tooltip) && w->Active) tip = w;
    REQUIRE(tip != nullptr);
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    CHECK(pad.x > 0);
    CHECK(tip->WindowPadding.x == pad.x);
    CHECK(tip->WindowPadding.y == pad.y);
    // The content (its last line included) ends a padding above the bottom border.
    CHECK(tip->DC.CursorMaxPos.y + pad.y <= tip->Pos.y + tip->Size.y + 0.5f);
    CHECK(tip->DC.CursorStartPos.y >= tip->Pos.y + pad.y - 0.5f);
}

// The article stays hovered under a popup (a click in the text picks a relation's target), but no
// entity tooltip is drawn over an open context menu.
TEST_CASE("no entity tooltip over an open context menu; it comes back once the menu is closed") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const size_t at = find_cp(h.app.editor().doc().text(), "Moscow");
    REQUIRE(h.app.editor().add_entity(at, at + 6, "LOC").ok());
    h.frames(2);
    auto tooltip_shown = [] {
        for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
            if ((w->Flags & ImGuiWindowFlags_Tooltip) && w->Active) return true;
        return false;
    };
    h.move(h.center_of(at + 2));
    h.frames(3);
    REQUIRE(tooltip_shown());  // hovered, the entity has its tooltip
    h.click(h.center_of(at + 2), 1);
    h.frames(3);
    REQUIRE(aa::test::any_popup_open());
    CHECK_FALSE(tooltip_shown());
    h.key(ImGuiKey_Escape);
    h.frames(3);
    REQUIRE_FALSE(aa::test::any_popup_open());
    CHECK(tooltip_shown());
}

TEST_CASE("the side panel is resized by dragging its splitter, and keeps that width after a reload") {
    std::map<std::string, std::string> storage;
    float dragged_x = 0, dragged_w = 0;
    {
        Nuland n;
        Harness& h = n.h;
        const ImGuiWindow* side = ImGui::FindWindowByName("##side");
        REQUIRE(side != nullptr);
        const float before_x = side->Pos.x, before_w = side->Size.x;
        const auto grip = h.app.widget_rect("side.splitter");
        REQUIRE(grip.has_value());
        const ImVec2 at(grip->x + grip->width / 2, grip->y + grip->height / 2);
        h.move(at);
        h.press();
        for (int i = 1; i <= 5; ++i) h.move(ImVec2(at.x - 20.0f * static_cast<float>(i), at.y));  // 100 px left
        h.release();
        h.frames(2);
        side = ImGui::FindWindowByName("##side");
        dragged_x = side->Pos.x;
        dragged_w = side->Size.x;
        CHECK(dragged_x == doctest::Approx(before_x - 100).epsilon(0.01));  // the edge followed the mouse
        CHECK(dragged_w == doctest::Approx(before_w + 100).epsilon(0.01));
        // The article's column gave the room: its right edge is left of the panel's new edge.
        const auto column = h.app.article_column();
        REQUIRE(column.has_value());
        CHECK(column->x + column->width <= dragged_x);
        h.frames(30);  // past the autosave's delay for view changes
        storage = h.platform.storage;
    }
    Harness again(storage);
    again.frames(3);
    const ImGuiWindow* side = ImGui::FindWindowByName("##side");
    REQUIRE(side != nullptr);
    CHECK(side->Pos.x == doctest::Approx(dragged_x).epsilon(0.01));
    CHECK(side->Size.x == doctest::Approx(dragged_w).epsilon(0.01));
}

TEST_CASE("a status message older than 15 s is shown greyed with its time, not as news; hovered, its tooltip has it") {
    Nuland n;
    Harness& h = n.h;
    h.click(h.center_of(n.v + 3));
    h.key(ImGuiKey_2);
    REQUIRE(h.app.status_message() == "Relabelled \"Victoria Nuland\": PER -> ORG");
    // The message's glyphs in the status bar's draw list, by colour.
    auto glyphs_in = [&](ImU32 colour) {
        const ImGuiWindow* bar = ImGui::FindWindowByName("##status");
        const auto r = h.app.widget_rect("status.message");
        REQUIRE(bar != nullptr);
        REQUIRE(r.has_value());
        int n = 0;
        for (const ImDrawVert& v : bar->DrawList->VtxBuffer)
            n += v.col == colour && v.pos.x >= r->x && v.pos.x <= r->x + r->width && v.pos.y >= r->y &&
                 v.pos.y <= r->y + r->height;
        return n;
    };
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), grey = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const auto fresh = h.app.widget_rect("status.message");
    REQUIRE(fresh.has_value());
    CHECK(glyphs_in(text) > 40);
    CHECK(glyphs_in(grey) == 0);
    h.platform.clock += 16000;  // 16 s later, nothing else said
    h.frames(2);
    const auto old = h.app.widget_rect("status.message");
    REQUIRE(old.has_value());
    // "(HH:MM) " before it, and greyed.
    CHECK(old->width == doctest::Approx(fresh->width + ImGui::CalcTextSize("(00:00) ").x).epsilon(0.02));
    CHECK(glyphs_in(grey) > 40);
    CHECK(glyphs_in(text) == 0);
    // Hovered, the message has a tooltip (with the whole text of a message the bar cuts).
    h.move(ImVec2(old->x + old->width / 2, old->y + old->height / 2));
    h.frames(30);  // past ImGui's short hover delay
    const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((tip && tip->Active));
    // A new message is news again.
    h.key(ImGuiKey_1);
    CHECK(glyphs_in(text) > 40);
    CHECK(glyphs_in(grey) == 0);
}

TEST_CASE("an open menu casts a shadow right of it and below it") {
    Nuland n;
    n.h.click(n.h.center_of(n.v + 3), 1);  // the context menu, over the article
    n.h.frames(2);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    REQUIRE_FALSE(g.OpenPopupStack.empty());
    const ImGuiWindow* menu = g.OpenPopupStack.back().Window;
    REQUIRE(menu != nullptr);
    const float right = menu->Pos.x + menu->Size.x, bottom = menu->Pos.y + menu->Size.y;
    int beside = 0, below = 0;
    for (const ImDrawVert& v : menu->DrawList->VtxBuffer) {
        beside += v.pos.x > right && v.pos.x <= right + 7 && v.pos.y > menu->Pos.y && v.pos.y <= bottom + 7;
        below += v.pos.y > bottom && v.pos.y <= bottom + 7 && v.pos.x > menu->Pos.x && v.pos.x <= right + 7;
    }
    CHECK(beside >= 12);  // six bands of falling alpha on each side
    CHECK(below >= 12);
}
