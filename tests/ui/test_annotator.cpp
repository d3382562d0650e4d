// Who annotated (issue 16, item 6), headless: the name set in Edit > Your name... through real
// clicks and typing, stamped with the platform's time on each entity added, remembered with the view
// after a reload, written in the native export; File > Compare two annotators splits one file by
// annotator.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "io/fixture_files.hpp"
#include "io/format.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
void set_name(Harness& h, const std::string& name) {
    h.click_widget("menu.edit");
    h.frames(2);
    h.click_widget("menu.annotator");
    h.frames(3);  // the dialog opens and its field takes the keyboard
    CHECK(h.app.widget_rect("annotator.name").has_value());
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 40; ++i) {  // clear what the field holds (the name set before)
        io.AddKeyEvent(ImGuiKey_Backspace, true);
        h.frame();
        io.AddKeyEvent(ImGuiKey_Backspace, false);
        h.frame();  // (a down and an up in one frame would queue behind each other)
    }
    io.AddInputCharactersUTF8(name.c_str());
    h.frames(2);
    h.click_widget("annotator.save");
    h.frames(2);
}
}  // namespace

TEST_CASE("the annotator name set in the page is stamped on new entities, remembered, and exported") {
    std::map<std::string, std::string> storage;
    {
        Harness h;
        AA_REQUIRE(h.app.set_text("Angela Merkel met Emmanuel Macron in Paris.").ok());
        h.frames(2);
        AA_REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());  // before a name: nothing stamped
        set_name(h, "Ana Lima");
        CHECK(h.app.status_message() == "New entities and relations carry the name Ana Lima");
        h.drag(18, 33);  // Emmanuel Macron, then 1: PER
        h.key(ImGuiKey_1);
        h.frames(2);
        const Document& d = h.app.editor().doc();
        AA_REQUIRE(d.entities().size() == 2);
        const Entity& first = d.entities().get(d.entities().ordered()[0]);
        const Entity& second = d.entities().get(d.entities().ordered()[1]);
        CHECK(first.annotator.empty());
        CHECK(second.annotator == "Ana Lima");
        CHECK(second.created == "2026-11-27T12:00:00Z");  // the platform's clock
        auto native = h.app.export_as("native");
        AA_REQUIRE(native.ok());
        CHECK(native->find("\"annotator\": \"Ana Lima\", \"created\": \"2026-11-27T12:00:00Z\"") != std::string::npos);
        // Undo takes the stamped entity away with its stamp; redo gives it back unchanged.
        AA_REQUIRE(h.app.editor().undo());
        AA_REQUIRE(h.app.editor().redo());
        CHECK(h.app.editor().doc().entities().get(d.entities().ordered()[1]).annotator == "Ana Lima");
        h.frames(30);
        h.app.flush_autosave();
        h.frames(5);
        storage = h.platform.storage;
    }
    Harness h(storage);  // a reload: the name is remembered with the view
    h.frames(5);
    AA_REQUIRE(h.app.editor().doc().entities().size() == 2);
    AA_REQUIRE(h.app.editor().add_entity(37, 42, "LOC").ok());
    const Document& d = h.app.editor().doc();
    CHECK(d.entities().get(d.entities().ordered()[2]).annotator == "Ana Lima");
    // An empty name stamps nothing.
    set_name(h, "");
    CHECK(h.app.status_message() == "No annotator name: new entities carry none");
    AA_REQUIRE(h.app.editor().add_entity(27, 33, "PER").ok());
    for (Slot s : d.entities().ordered())
        if (d.entities().get(s).start == 27) CHECK(d.entities().get(s).annotator.empty());
}

TEST_CASE("Compare splits the open document by annotator: one button per pair, the scores of the two") {
    Harness h;
    AA_REQUIRE(h.app
                   .import_from("native",
                                R"({"format": "article-annotator", "version": 2, "text": "Merkel met Macron in Paris.",
  "entities": [
    {"id": "e1", "start": 0, "end": 6, "label": "PER", "text": "Merkel", "annotator": "ana"},
    {"id": "e2", "start": 0, "end": 6, "label": "MISC", "text": "Merkel", "annotator": "ben"},
    {"id": "e3", "start": 11, "end": 17, "label": "PER", "text": "Macron", "annotator": "ana"},
    {"id": "e4", "start": 21, "end": 26, "label": "LOC", "text": "Paris", "annotator": "ben"}
  ]})",
                                "two.json")
                   .ok());
    h.frames(3);
    h.click_widget("menu.file");
    h.frames(2);
    auto sub = h.app.widget_rect("menu.annotators");
    AA_REQUIRE(sub.has_value());
    h.move(ImVec2(sub->x + sub->width * 0.5f, sub->y + sub->height * 0.5f));  // the submenu opens on hover
    h.frames(3);
    h.click_widget("menu.annotators.0");
    h.frames(2);
    // ben first (his MISC comes first in document order): Merkel MISC / PER, Paris extra, Macron missing.
    CHECK(h.app.status_message() == "Compared ben with ana: 3 differences");
}
