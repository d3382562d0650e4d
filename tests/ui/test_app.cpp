// The UI driven headless through real ImGui input events: selecting with the mouse, labelling
// with hotkeys, selecting and editing entities, undo/redo, export, paste, autosave and restore.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "headless.hpp"
#include "io/format.hpp"

using namespace aa;
using aa::test::find_cp;
using aa::test::Harness;

namespace {
const char* kArticle =
    "US, Russia hold “constructive” Syrian talks\n\n"
    "Washington is calling for the resignation of Syrian President Bashar al-Assad while the Russians continue "
    "to support him.\n\nVictoria Nuland said so in Moscow.";

const Entity& only_entity(const Document& d) {
    REQUIRE(d.entities().size() == 1);
    return d.entities().get(d.entities().ordered()[0]);
}
}  // namespace

TEST_CASE("the empty page offers paste, open and the sample") {
    Harness h;
    CHECK(h.app.editor().doc().text().empty());
    CHECK(h.app.save_state() == ui::SaveState::Saved);
}

TEST_CASE("drag-selecting part of a name snaps to whole words and a hotkey labels it") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const Text& t = h.app.editor().doc().text();
    const size_t b = find_cp(t, "Bashar al-Assad");
    // From inside "Bashar" to inside "Assad": snapping grows it to the whole name.
    h.drag(b + 2, b + 13);
    h.key(ImGuiKey_1);  // PER
    const Entity& e = only_entity(h.app.editor().doc());
    CHECK(e.label == "PER");
    CHECK(e.start == b);
    CHECK(e.end == b + 15);
    CHECK(h.app.editor().doc().text_of(e) == "Bashar al-Assad");
}

TEST_CASE("Alt keeps a mouse selection character-precise") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const size_t b = find_cp(h.app.editor().doc().text(), "Washington");
    ImGui::GetIO().AddKeyEvent(ImGuiMod_Alt, true);
    h.move(h.left_of(b + 1));
    h.press();
    h.move(h.left_of(b + 4));
    h.release();
    ImGui::GetIO().AddKeyEvent(ImGuiMod_Alt, false);
    h.key(ImGuiKey_3);
    const Entity& e = only_entity(h.app.editor().doc());
    CHECK(e.start == b + 1);
    CHECK(e.end == b + 4);
    CHECK(e.label == "LOC");
}

TEST_CASE("double-click selects a word; Enter labels it with the active label") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const size_t m = find_cp(h.app.editor().doc().text(), "Moscow");
    const ImVec2 p = h.center_of(m + 2);
    h.click(p);
    h.click(p);  // second click within the double-click time
    h.key(ImGuiKey_3);
    const Entity& e = only_entity(h.app.editor().doc());
    CHECK(e.start == m);
    CHECK(e.end == m + 6);
}

TEST_CASE("a selection may cross a paragraph break") {
    Harness h;
    REQUIRE(h.app.set_text("First paragraph ends here.\n\nSecond one starts.").ok());
    h.frames(2);
    const Text& t = h.app.editor().doc().text();
    const size_t a = find_cp(t, "here"), z = find_cp(t, "Second") + 6;
    h.drag(a, z);
    h.key(ImGuiKey_4);
    const Entity& e = only_entity(h.app.editor().doc());
    CHECK(e.start == a);
    CHECK(e.end == z);
    CHECK(h.app.editor().doc().text_of(e) == "here.\n\nSecond");
}

TEST_CASE("clicking an entity selects it; Delete removes it; Ctrl+Z and Ctrl+Y undo and redo") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    const size_t v = find_cp(t, "Victoria Nuland");
    REQUIRE(h.app.editor().add_entity(v, v + 15, "PER").ok());
    h.frames(2);
    h.click(h.center_of(v + 3));
    h.key(ImGuiKey_Delete);
    CHECK(h.app.editor().doc().entities().empty());
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().size() == 1);
    h.key(ImGuiKey_Y, true);
    CHECK(h.app.editor().doc().entities().empty());
    h.key(ImGuiKey_Z, true);
    h.key(ImGuiKey_Z, true, true);  // Ctrl+Shift+Z redoes too
    CHECK(h.app.editor().doc().entities().empty());
}

TEST_CASE("a hotkey relabels the selected entity and Shift+arrows move its end by a word") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    const size_t s = find_cp(t, "Syrian President");
    auto id = h.app.editor().add_entity(s, s + 6, "MISC");
    REQUIRE(id.ok());
    h.frames(2);
    h.click(h.center_of(s + 1));
    h.key(ImGuiKey_1);
    CHECK(only_entity(h.app.editor().doc()).label == "PER");
    h.key(ImGuiKey_RightArrow, false, true);
    CHECK(h.app.editor().doc().text_of(only_entity(h.app.editor().doc())) == "Syrian President");
    h.key(ImGuiKey_LeftArrow, false, true);
    CHECK(h.app.editor().doc().text_of(only_entity(h.app.editor().doc())) == "Syrian");
}

TEST_CASE("Tab and Shift+Tab step through entities in document order") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    auto a = h.app.editor().add_entity(find_cp(t, "Washington"), find_cp(t, "Washington") + 10, "LOC");
    auto b = h.app.editor().add_entity(find_cp(t, "Moscow"), find_cp(t, "Moscow") + 6, "LOC");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    h.frames(2);
    h.key(ImGuiKey_Tab);
    h.key(ImGuiKey_Delete);
    CHECK(h.app.editor().doc().entities().find(a.value()) == nullptr);
    CHECK(h.app.editor().doc().entities().find(b.value()) != nullptr);
}

TEST_CASE("nested and overlapping entities are all clickable") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    const size_t s = find_cp(t, "Syrian President Bashar al-Assad");
    auto outer = h.app.editor().add_entity(s, s + 32, "PER");
    auto inner = h.app.editor().add_entity(s, s + 6, "MISC");
    REQUIRE(outer.ok());
    REQUIRE(inner.ok());
    h.frames(2);
    // The outer entity is the filled box: clicking the text of "Bashar" selects it.
    h.click(h.center_of(s + 20));
    h.key(ImGuiKey_Delete);
    CHECK(h.app.editor().doc().entities().find(outer.value()) == nullptr);
    h.key(ImGuiKey_Z, true);
    // With the outer entity back, the inner one is a bar under "Syrian": click the bar.
    auto r = h.app.caret_rect(s + 2);
    REQUIRE(r.has_value());
    h.frames(1);
    bool removed_inner = false;
    for (float dy = 2; dy < 14 && !removed_inner; dy += 1) {
        h.click(ImVec2(r->x + r->width * 0.5f, r->y + r->height + dy));
        h.key(ImGuiKey_Delete);
        removed_inner = h.app.editor().doc().entities().find(inner.value()) == nullptr;
        if (!removed_inner && h.app.editor().doc().entities().size() < 2) h.key(ImGuiKey_Z, true);
    }
    CHECK(removed_inner);
    CHECK(h.app.editor().doc().entities().find(outer.value()) != nullptr);
}

TEST_CASE("Ctrl+S downloads the native JSON named after the first line") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const size_t w = find_cp(h.app.editor().doc().text(), "Washington");
    REQUIRE(h.app.editor().add_entity(w, w + 10, "LOC").ok());
    h.frames(1);
    h.key(ImGuiKey_S, true);
    REQUIRE(h.platform.downloads.size() == 1);
    CHECK(h.platform.downloads[0].name == "US-Russia-hold-constructive-Syrian-talks.annotations.json");
    CHECK(h.platform.downloads[0].content.find("\"text\": \"Washington\"") != std::string::npos);
}

TEST_CASE("an export says what its format could not hold") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const size_t w = find_cp(h.app.editor().doc().text(), "Washington");
    auto id = h.app.editor().add_entity(w, w + 10, "LOC");
    REQUIRE(id.ok());
    REQUIRE(h.app.editor().set_note(id.value(), "the city, not the state").ok());
    REQUIRE(h.app.export_as("native").ok());
    CHECK(h.app.export_warnings().empty());
    REQUIRE(h.app.export_as("spacy").ok());
    bool says_note = false;
    for (const std::string& m : h.app.export_warnings()) says_note |= m.find("note") != std::string::npos;
    CHECK(says_note);
}

TEST_CASE("Ctrl+C copies the selected text") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const size_t m = find_cp(h.app.editor().doc().text(), "Moscow");
    h.drag(m, m + 6);
    h.key(ImGuiKey_C, true);
    CHECK(h.platform.clipboard == "Moscow");
}

TEST_CASE("pasting text replaces an empty article at once and asks before replacing work") {
    Harness h;
    h.app.on_paste(kArticle);
    h.frames(1);
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
    REQUIRE(h.app.editor().add_entity(0, 2, "LOC").ok());
    h.app.on_paste("Another article.");
    h.frames(2);
    CHECK(h.app.editor().doc().text().utf8() == kArticle);  // waiting for the answer
    h.key(ImGuiKey_Enter);                                  // "Replace"
    CHECK(h.app.editor().doc().text().utf8() == "Another article.");
}

TEST_CASE("pasting an exported JSON file imports its text and entities") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const size_t w = find_cp(h.app.editor().doc().text(), "Washington");
    REQUIRE(h.app.editor().add_entity(w, w + 10, "LOC").ok());
    auto json = h.app.export_as("native");
    REQUIRE(json.ok());
    Harness other;
    other.app.on_paste(json.value());
    other.frames(2);
    const Entity& e = only_entity(other.app.editor().doc());
    CHECK(e.start == w);
    CHECK(other.app.editor().doc().text().utf8() == kArticle);
}

TEST_CASE("invalid input changes nothing and says why") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    auto r = h.app.import_from("native", "{\"format\": \"article-annotator\"");
    CHECK_FALSE(r.ok());
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
    h.app.on_paste("bad \xC3\x28 bytes");
    h.frames(1);
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
    CHECK(h.app.status_message().find("invalid UTF-8 at byte 4") != std::string::npos);
}

TEST_CASE("every change is autosaved and a new page restores text, entities, labels and undo history") {
    std::map<std::string, std::string> saved;
    {
        Harness h;
        REQUIRE(h.app.set_text(kArticle).ok());
        const size_t w = find_cp(h.app.editor().doc().text(), "Washington");
        REQUIRE(h.app.editor().add_entity(w, w + 10, "LOC").ok());
        Label l{"EVENT", Color{1, 2, 3}, "7", ""};
        REQUIRE(h.app.editor().add_label(l).ok());
        h.frames(30);  // past the autosave delay
        CHECK(h.app.save_state() == ui::SaveState::Saved);
        REQUIRE(h.platform.storage.count(io::kHeadKey));
        saved = h.platform.storage;
    }
    Harness h2(saved);
    const Document& d = h2.app.editor().doc();
    CHECK(d.text().utf8() == kArticle);
    CHECK(d.entities().size() == 1);
    CHECK(d.labels().find("EVENT") != nullptr);
    REQUIRE(h2.app.editor().can_undo());
    h2.key(ImGuiKey_Z, true);  // undoes "Add label EVENT"
    CHECK(d.labels().find("EVENT") == nullptr);
}

TEST_CASE("a failing storage write is shown and the work stays in memory") {
    Harness h;
    h.platform.fail_storage = true;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(30);
    CHECK(h.app.save_state() == ui::SaveState::Failed);
    CHECK(h.app.status_message().find("QuotaExceededError") != std::string::npos);
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
}

TEST_CASE("zoom shortcuts rebuild the fonts and keep the layout consistent") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    auto before = h.app.caret_rect(10);
    h.key(ImGuiKey_Equal, true);
    h.frames(2);
    auto after = h.app.caret_rect(10);
    REQUIRE(before.has_value());
    REQUIRE(after.has_value());
    CHECK(after->height > before->height);
}

TEST_CASE("words of scripts without spaces snap to the platform's dictionary words (Intl.Segmenter)") {
    Harness h;
    // 东京大学 (Tokyo University) 的 学生 (students): the tokenizer alone has one word per ideograph.
    REQUIRE(h.app.set_text("他是东京大学的学生。 Arab League's envoy").ok());
    h.frames(2);
    const Text& t = h.app.editor().doc().text();
    const size_t tokyo = find_cp(t, "东京大学");
    {  // no dictionary: a double-click takes one ideograph
        const ImVec2 p = h.center_of(tokyo + 1);
        h.click(p);
        h.click(p);
        h.key(ImGuiKey_3);
        const Entity& e = only_entity(h.app.editor().doc());
        CHECK(e.start == tokyo + 1);
        CHECK(e.end == tokyo + 2);
        h.key(ImGuiKey_Delete);
    }
    h.platform.dictionary = {U"东京", U"大学", U"东京大学", U"学生"};
    h.frames(20);  // past the double-click time
    const ImVec2 p = h.center_of(tokyo + 2);
    h.click(p);
    h.click(p);
    h.key(ImGuiKey_3);
    const Entity& e = only_entity(h.app.editor().doc());
    CHECK(e.start == tokyo);
    CHECK(e.end == tokyo + 4);
    h.key(ImGuiKey_Delete);
    // A drag from inside 京 to inside 学生 snaps to whole dictionary words at both ends.
    const size_t students = find_cp(t, "学生");
    h.drag(tokyo + 1, students + 2);
    h.key(ImGuiKey_4);
    const Entity& d = only_entity(h.app.editor().doc());
    CHECK(d.start == tokyo);
    CHECK(d.end == students + 2);
    h.key(ImGuiKey_Delete);
    // And English clitics: a drag over "rab Leag" gives "Arab League", not "Arab League's".
    const size_t arab = find_cp(t, "Arab");
    h.drag(arab + 1, arab + 9);
    h.key(ImGuiKey_2);
    const Entity& o = only_entity(h.app.editor().doc());
    CHECK(h.app.editor().doc().text_of(o) == "Arab League");
}

TEST_CASE("Ctrl+O offers .txt and the extension of every format the annotator reads (from the registry)") {
    Harness h;
    h.key(ImGuiKey_O, true);
    REQUIRE(h.platform.file_dialogs == 1);
    CHECK(h.platform.last_accept == ".txt,.json,.ann,.conll,.xml,.jsonl,.jsonld,text/plain,application/json");
    for (const aa::io::Format& f : aa::io::formats())
        if (f.read) CHECK(h.platform.last_accept.find(std::string(f.extension)) != std::string::npos);
}

TEST_CASE("the Labels tab lines up the names of labels with and without a key; a click on a name labels") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    REQUIRE(h.app.editor().add_label(Label{"EVENT", Color{1, 2, 3}, "", ""}).ok());  // no key
    h.frames(2);
    if (!h.app.widget_rect("labels.row.0")) h.click_widget("tab.labels", 2);
    const size_t n = h.app.editor().doc().labels().size();
    REQUIRE(n >= 2);
    const auto first = h.app.widget_rect("labels.row.0");
    const auto keyless = h.app.widget_rect("labels.row." + std::to_string(n - 1));
    REQUIRE(first.has_value());
    REQUIRE(keyless.has_value());
    CHECK(h.app.widget_rect("labels.key.0").has_value());
    CHECK_FALSE(h.app.widget_rect("labels.key." + std::to_string(n - 1)).has_value());
    CHECK(keyless->x == first->x);  // a blank "   " in a proportional font was narrower than "[1]"
    CHECK(h.app.widget_rect("labels.key.0")->x + h.app.widget_rect("labels.key.0")->width <= first->x);
    const size_t w = find_cp(h.app.editor().doc().text(), "Washington");
    h.drag(w, w + 10);
    h.click_widget("labels.row." + std::to_string(n - 1), 1);
    CHECK(only_entity(h.app.editor().doc()).label == "EVENT");
}
