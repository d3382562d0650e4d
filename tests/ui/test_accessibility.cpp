// The accessibility description (issue 15): the paragraphs near the view with entities as nested
// marks named "text, Label", clipped long paragraphs, the entities table's window, and the App
// handing a new description to the host only when something a screen reader hears changed.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/editor.hpp"
#include "headless.hpp"
#include "ui/accessibility.hpp"

using namespace aa;
using aa::test::add_entity_at;
using aa::test::find_cp;
using aa::test::Harness;

namespace {

Document make_doc(std::string text) {
    auto t = Text::from_utf8(std::move(text));
    REQUIRE(t.ok());
    return Document(std::move(t.value()));
}

void add(Document& d, std::string_view text, std::string label, std::string id, std::string note = {}) {
    const size_t a = find_cp(d.text(), text);
    Entity e{std::move(id),
             a,
             a + Text::from_utf8(std::string(text)).value().size(),
             std::move(label),
             std::move(note),
             {},
             {}};
    REQUIRE(d.insert_entity(std::move(e)).ok());
}

// The article of the relations tests open in h; its editor.
Editor& open_feltman(Harness& h) {
    REQUIRE(h.app.set_text(aa::test::kFeltmanArticle).ok());
    return h.app.editor();
}

}  // namespace

TEST_CASE("accessibility: paragraphs with their entities as marks named by text and label title") {
    Document d = make_doc("Bashar al-Assad met officials in Moscow.\n\nThe talks ended.\nNo statement.");
    add(d, "Bashar al-Assad", "PER", "e1", "President of Syria");
    add(d, "Moscow", "LOC", "e2");
    const auto ps = ui::describe_paragraphs(d, 0, d.text().size(), {}, "e2");
    REQUIRE(ps.size() == 3);  // the blank line is left out
    CHECK(ps[0].text == "Bashar al-Assad met officials in Moscow.");
    CHECK(ps[1].text == "The talks ended.");
    CHECK(ps[2].text == "No statement.");
    CHECK(ps[1].start == 42);
    REQUIRE(ps[0].marks.size() == 2);
    CHECK(ps[0].marks[0].name == "Bashar al-Assad, Person");
    CHECK(ps[0].marks[0].description == "President of Syria");
    CHECK_FALSE(ps[0].marks[0].selected);
    CHECK(ps[0].marks[1].name == "Moscow, Location");
    CHECK(ps[0].marks[1].selected);
    CHECK(ps[0].marks[1].start == 33);
    CHECK(ps[0].marks[1].end == 39);
}

TEST_CASE("accessibility: nested and crossing entities become nested marks, clipped to their parent") {
    Document d = make_doc("the University of Oxford Press building");
    add(d, "University of Oxford Press", "ORG", "e1");
    add(d, "Oxford", "LOC", "e2");
    add(d, "Press building", "MISC", "e3");  // crosses e1's end
    const auto ps = ui::describe_paragraphs(d, 0, d.text().size());
    REQUIRE(ps.size() == 1);
    REQUIRE(ps[0].marks.size() == 1);
    const ui::A11yMark& org = ps[0].marks[0];
    CHECK(org.name == "University of Oxford Press, Organisation");
    REQUIRE(org.children.size() == 2);
    CHECK(org.children[0].name == "Oxford, Location");
    CHECK(org.children[1].name == "Press building, Miscellaneous");
    CHECK(org.children[1].start == find_cp(d.text(), "Press"));
    CHECK(org.children[1].end == org.end);  // clipped: the name still says the whole entity
}

TEST_CASE("accessibility: only the paragraphs near the view, and a long one clipped at spaces") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "Paragraph " + std::to_string(i) + " says something.\n";
    Document d = make_doc(text);
    const size_t p50 = find_cp(d.text(), "Paragraph 50 "), p52 = find_cp(d.text(), "Paragraph 52 ");
    ui::A11yMargins m;
    m.paragraphs = 2;
    const auto ps = ui::describe_paragraphs(d, p50, p52 + 5, m);
    REQUIRE(ps.size() == 7);  // 48 .. 54
    CHECK(ps.front().text == "Paragraph 48 says something.");
    CHECK(ps.back().text == "Paragraph 54 says something.");

    std::string words;
    for (int i = 0; i < 2000; ++i) words += "word" + std::to_string(i) + " ";
    Document big = make_doc(words);
    const size_t mid = find_cp(big.text(), "word1000 ");
    m.chars = 100;
    const auto clipped = ui::describe_paragraphs(big, mid, mid + 20, m);
    REQUIRE(clipped.size() == 1);
    CHECK(clipped[0].start > mid - 110);
    CHECK(clipped[0].end < mid + 130);
    CHECK(big.text().at(clipped[0].start - 1) == ' ');  // no word cut at either end
    CHECK(big.text().at(clipped[0].end) == ' ');
    CHECK(clipped[0].text.find("word1000 ") != std::string::npos);
}

TEST_CASE("accessibility: the entities table is a window around the selected entity") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "Name" + std::to_string(i) + " ";
    Document d = make_doc(text);
    for (int i = 0; i < 50; ++i) add(d, "Name" + std::to_string(i) + " ", "PER", "e" + std::to_string(i));
    size_t first = 99;
    auto rows = ui::describe_entities(d, "e40", 10, &first);
    REQUIRE(rows.size() == 10);
    CHECK(first == 35);
    CHECK(rows[5].id == "e40");
    CHECK(rows[5].selected);
    rows = ui::describe_entities(d, "e49", 10, &first);
    CHECK(first == 40);
    rows = ui::describe_entities(d, "", 10, &first);
    CHECK(first == 0);
    CHECK(rows[0].text == "Name0 ");
}

TEST_CASE("accessibility: the App describes the visible article, its status messages and its panels") {
    Harness h;
    const size_t before = h.platform.a11y.size();
    REQUIRE(h.app.set_text("Talks in Moscow were useful.\nNuland said so.").ok());
    h.frames(2);
    REQUIRE(h.platform.a11y.size() > before);
    const ui::A11yDocument d0 = h.platform.a11y.back();  // a copy: the list grows
    REQUIRE(d0.paragraphs.size() == 2);
    CHECK(d0.paragraphs[1].text == "Nuland said so.");
    CHECK(d0.text_size == 44);
    REQUIRE(d0.labels.size() == 4);
    CHECK(d0.labels[2].name == "LOC");
    CHECK(d0.labels[2].count == 0);

    // Select "Moscow" with the mouse and press LOC's key: the mark, the message and the count follow.
    const size_t m = find_cp(h.app.editor().doc().text(), "Moscow");
    h.drag(m, m + 6);
    h.key(ImGuiKey_3);
    const ui::A11yDocument d1 = h.platform.a11y.back();  // a copy: the list grows
    CHECK(d1.status == "Added LOC \"Moscow\"");
    CHECK(d1.status_serial > d0.status_serial);
    REQUIRE(d1.paragraphs[0].marks.size() == 1);
    CHECK(d1.paragraphs[0].marks[0].name == "Moscow, Location");
    CHECK(d1.paragraphs[0].marks[0].selected);
    CHECK(d1.labels[2].count == 1);
    REQUIRE(d1.entities.size() == 1);
    CHECK(d1.entities[0].text == "Moscow");
    CHECK(d1.entities_total == 1);

    // Frames where nothing a reader hears changed hand over nothing.
    const size_t n = h.platform.a11y.size();
    h.frames(5);
    CHECK(h.platform.a11y.size() == n);

    // Undo: the mark goes, and the message says so.
    h.key(ImGuiKey_Z, true);
    const ui::A11yDocument d2 = h.platform.a11y.back();  // a copy: the list grows
    CHECK(d2.paragraphs[0].marks.empty());
    CHECK(d2.status == "Undid: Add LOC \"Moscow\"");
}

namespace {
// The newest description's menu entry named `name` in `menu`, or a failure.
const ui::A11yMenuItem& entry(const ui::A11yMenu& menu, std::string_view name) {
    for (const ui::A11yMenuItem& i : menu.items)
        if (i.name == name) return i;
    FAIL("no entry " << name << " in " << menu.name);
    return menu.items.front();
}
size_t focused_count(const ui::A11yMenu& menu) {
    return static_cast<size_t>(
        std::count_if(menu.items.begin(), menu.items.end(), [](const ui::A11yMenuItem& i) { return i.focused; }));
}
}  // namespace

TEST_CASE("accessibility: the menu bar, its open menu and a context menu with their items, states and focus") {
    Harness h;
    REQUIRE(h.app.set_text("Talks in Moscow were useful.\nNuland said so.").ok());
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    // The bar's entries, none focused and no menu open while the keys are in the article.
    std::vector<std::string> bar;
    for (const ui::A11yMenuItem& i : now().menubar.items) bar.push_back(i.name);
    CHECK(bar == std::vector<std::string>{"File", "Edit", "View", "Labels", "Help"});
    CHECK(now().menubar.name == "Menu bar");
    CHECK(entry(now().menubar, "File").submenu);
    CHECK(focused_count(now().menubar) == 0);
    CHECK(now().menus.empty());

    // Shift+F6: the bar has the keys, on File. Right, Enter: the Edit menu opens, the first item it
    // can take has the keys; Down moves them.
    h.key(ImGuiKey_F6, false, true);
    h.frames(1);  // ImGui's navigation lands on the bar's first entry in the frame after F6's
    CHECK(entry(now().menubar, "File").focused);
    h.key(ImGuiKey_RightArrow);
    CHECK(entry(now().menubar, "Edit").focused);
    h.key(ImGuiKey_Enter);
    h.frames(2);
    REQUIRE(now().menus.size() == 1);
    const ui::A11yMenu edit = now().menus[0];
    CHECK(edit.name == "Edit");
    CHECK(entry(now().menubar, "Edit").expanded);
    const ui::A11yMenuItem& undo = entry(edit, "Undo");
    CHECK(undo.shortcut == "Ctrl+Z");
    CHECK_FALSE(undo.enabled);  // nothing to undo yet
    CHECK_FALSE(undo.checkable);
    CHECK(entry(edit, "Next entity").enabled);
    CHECK(focused_count(edit) == 1);
    const auto at = [](const ui::A11yMenu& m) {
        return std::find_if(m.items.begin(), m.items.end(), [](const ui::A11yMenuItem& i) { return i.focused; }) -
               m.items.begin();
    };
    const auto first = at(edit);
    h.key(ImGuiKey_DownArrow);
    h.frames(1);
    REQUIRE(now().menus.size() == 1);
    CHECK(focused_count(now().menus[0]) == 1);
    CHECK(at(now().menus[0]) > first);
    h.key(ImGuiKey_Escape);
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(now().menus.empty());

    // View by the mouse: its toggles are check boxes with their state; the Theme submenu is an entry.
    const auto view = h.app.widget_rect("menu.view");
    REQUIRE(view.has_value());
    h.click(ImVec2(view->x + view->width / 2, view->y + view->height / 2));
    h.frames(2);
    REQUIRE(now().menus.size() == 1);
    CHECK(now().menus[0].name == "View");
    const ui::A11yMenuItem& side = entry(now().menus[0], "Side panel");
    CHECK(side.checkable);
    CHECK(side.checked);
    CHECK(side.shortcut == "F9");
    CHECK(entry(now().menus[0], "Snap selections to words").checkable);
    CHECK(entry(now().menus[0], "Theme").submenu);
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(now().menus.empty());

    // A right-click on an entity: its context menu, named by the entity as its mark is.
    const size_t m = find_cp(h.app.editor().doc().text(), "Moscow");
    REQUIRE(h.app.editor().add_entity(m, m + 6, "LOC").ok());
    h.frames(2);
    h.click(h.center_of(m + 2), 1);
    h.frames(2);
    REQUIRE(now().menus.size() == 1);
    CHECK(now().menus[0].name == "Moscow, Location");
    CHECK(entry(now().menus[0], "Relabel").submenu);
    CHECK(entry(now().menus[0], "Delete").shortcut == "Del");
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(now().menus.empty());
}

// A screen reader speaks a new selection as its bare text: the entity's name with its label and note is
// announced once when Tab, Shift+Tab or a click selects it; an edit that selects (an add) is said by
// its status message instead.
TEST_CASE("accessibility: an entity selected by Tab, Shift+Tab or a click is announced with its label and note") {
    Harness h;
    REQUIRE(h.app.set_text("Talks in Moscow were useful.\nNuland said so.").ok());
    Editor& ed = h.app.editor();
    const size_t m = find_cp(ed.doc().text(), "Moscow"), n = find_cp(ed.doc().text(), "Nuland");
    REQUIRE(ed.add_entity(m, m + 6, "LOC").ok());
    auto nuland = ed.add_entity(n, n + 6, "PER");
    REQUIRE(nuland.ok());
    REQUIRE(ed.set_note(nuland.value(), "Assistant Secretary of State").ok());
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    const uint64_t s0 = now().announcement_serial;
    h.key(ImGuiKey_Tab);
    CHECK(now().selected_entity != "");
    CHECK(now().announcement == "Moscow, Location");
    CHECK(now().announcement_serial == s0 + 1);
    h.key(ImGuiKey_Tab);
    CHECK(now().announcement == "Nuland, Person. Assistant Secretary of State");
    h.key(ImGuiKey_Tab, false, true);  // Shift+Tab: back to Moscow, said again
    CHECK(now().announcement == "Moscow, Location");
    CHECK(now().announcement_serial == s0 + 3);
    h.click(h.center_of(n + 2));
    CHECK(now().announcement == "Nuland, Person. Assistant Secretary of State");
    CHECK(now().announcement_serial == s0 + 4);
    // Labelling "Talks" selects the new entity: the status message says it, nothing more is announced.
    h.drag(0, 5);
    h.key(ImGuiKey_4);
    CHECK(now().status == "Added MISC \"Talks\"");
    CHECK(now().announcement_serial == s0 + 4);
}

namespace {
// The controls, one "role name = value (states)" each, joined by " | ".
std::string control_list(const ui::A11yDialog& d) {
    std::string out;
    for (const ui::A11yControl& c : d.controls)
        out += std::string(out.empty() ? "" : " | ") +
               (c.role + " " + c.name + (c.value.empty() ? "" : " = " + c.value) + (c.focused ? " (focused)" : "") +
                (c.checked ? " (checked)" : "") + (c.enabled ? "" : " (disabled)"));
    return out;
}
}  // namespace

TEST_CASE(
    "accessibility: a modal dialog is described with its title, text, named field and buttons; Tab moves the focus") {
    Harness h;
    REQUIRE(h.app.set_text("Talks in Moscow were useful.").ok());
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    CHECK(now().dialogs.empty());
    h.click_widget("menu.edit", 2);
    h.click_widget("menu.annotator", 3);
    REQUIRE(now().dialogs.size() == 1);
    const ui::A11yDialog d = now().dialogs[0];
    CHECK(d.role == "dialog");
    CHECK(d.name == "Your name");
    CHECK(d.description.starts_with("Each entity and relation you add carries your name and the time"));
    CHECK(control_list(d) == "textbox Your name (focused) | button Save | button Cancel");
    // Tab: the keys go from the field to Save, the dialog's next control.
    h.key(ImGuiKey_Tab);
    h.frames(1);
    REQUIRE(now().dialogs.size() == 1);
    CHECK(control_list(now().dialogs[0]) == "textbox Your name | button Save (focused) | button Cancel");
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(now().dialogs.empty());
}

TEST_CASE(
    "accessibility: the relation picker is a list box of the nearby entities, then of the types; the cursor is the "
    "focus") {
    Harness h;
    Editor& ed = open_feltman(h);
    add_entity_at(ed, "Jeffrey Feltman", "PER");
    add_entity_at(ed, "Moscow", "LOC");
    add_entity_at(ed, "Victoria Nuland", "PER");
    REQUIRE(ed.add_relation_type({"met_with", {60, 60, 200}, "m", "", {"PER"}, {"PER"}, true}).ok());
    REQUIRE(ed.add_relation_type({"praised", {60, 160, 60}, "p", "", {"PER"}, {"PER", "ORG"}, false}).ok());
    REQUIRE(ed.add_relation_type({"located_in", {160, 60, 160}, "", "", {}, {"LOC"}, false}).ok());
    h.frames(3);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    h.key(ImGuiKey_Tab);  // Feltman
    h.key(ImGuiKey_R);
    h.frames(1);
    REQUIRE(now().dialogs.size() == 1);
    ui::A11yDialog d = now().dialogs[0];
    CHECK(d.role == "listbox");
    CHECK(d.name == "Relation from PER \"Jeffrey Feltman\": choose the target");
    CHECK(d.description == "1-9 or Up, Down and Enter choose; or click the target in the text. Escape cancels.");
    CHECK(control_list(d) == "option 1: Moscow, Location (focused) (checked) | option 2: Victoria Nuland, Person");
    h.key(ImGuiKey_DownArrow);
    h.frames(1);
    CHECK(control_list(now().dialogs[0]) ==
          "option 1: Moscow, Location | option 2: Victoria Nuland, Person (focused) (checked)");
    h.key(ImGuiKey_Enter);  // Nuland: PER -> PER, two types
    h.frames(1);
    REQUIRE(now().dialogs.size() == 1);
    d = now().dialogs[0];
    CHECK(d.name == "Type of the relation PER \"Jeffrey Feltman\" -> PER \"Victoria Nuland\": choose its type");
    CHECK(control_list(d) == "option 1: met_with (focused) (checked) | option 2: praised");
    h.key(ImGuiKey_Escape);
    h.frames(1);
    CHECK(now().dialogs.empty());
}

TEST_CASE(
    "accessibility: a dialog opened by a key has its first button focused; Tab and Shift+Tab move between its "
    "buttons") {
    Harness h;
    Editor& ed = open_feltman(h);
    const Text& t = ed.doc().text();
    const size_t f = find_cp(t, "Jeffrey Feltman"), n = find_cp(t, "Victoria Nuland");
    auto a = ed.add_entity(f, f + 15, "PER");
    auto b = ed.add_entity(n, n + 15, "PER");
    REQUIRE((a.ok() && b.ok()));
    REQUIRE(ed.add_relation_type({"met_with", {60, 60, 200}, "m", "", {"PER"}, {"PER"}, true}).ok());
    REQUIRE(ed.add_relation(a.value(), b.value(), "met_with").ok());
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    h.key(ImGuiKey_Tab);  // Feltman
    h.key(ImGuiKey_Delete);
    h.frames(2);
    REQUIRE(now().dialogs.size() == 1);
    CHECK(now().dialogs[0].name == "Delete the entity?");
    CHECK(now().dialogs[0].description ==
          "PER \"Jeffrey Feltman\" has 1 relation: PER \"Jeffrey Feltman\" <-met_with-> PER \"Victoria Nuland\". "
          "Deleting the entity deletes them too (Ctrl+Z undoes both).");
    CHECK(control_list(now().dialogs[0]) == "button Delete with its relations (focused) | button Keep it");
    h.key(ImGuiKey_Tab);
    h.frames(1);
    CHECK(control_list(now().dialogs[0]) == "button Delete with its relations | button Keep it (focused)");
    h.key(ImGuiKey_Tab, false, true);
    h.frames(1);
    CHECK(control_list(now().dialogs[0]) == "button Delete with its relations (focused) | button Keep it");
    h.key(ImGuiKey_Escape);
    h.frames(2);
    CHECK(now().dialogs.empty());
    CHECK(ed.doc().entities().size() == 2);
}

TEST_CASE("accessibility: the Relations table's rows in the order of their sources, the selected one marked") {
    Harness h;
    Editor& ed = open_feltman(h);
    const std::string feltman = add_entity_at(ed, "Jeffrey Feltman", "PER"),
                      moscow = add_entity_at(ed, "Moscow", "LOC"), state = add_entity_at(ed, "State Department", "ORG"),
                      nuland = add_entity_at(ed, "Victoria Nuland", "PER");
    REQUIRE(ed.add_relation_type({"works_for", {200, 60, 60}, "w", "", {"PER"}, {"ORG"}, false}).ok());
    REQUIRE(ed.add_relation_type({"located_in", {160, 60, 160}, "", "", {}, {"LOC"}, false}).ok());
    auto r1 = ed.add_relation(nuland, state, "works_for");
    auto r2 = ed.add_relation(feltman, moscow, "located_in");
    REQUIRE((r1.ok() && r2.ok()));
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    REQUIRE(now().relations.size() == 2);
    CHECK(now().relations_total == 2);
    CHECK(now().relations[0] == ui::A11yRelationRow{r2.value(), "Jeffrey Feltman", "located_in", "Moscow", false});
    CHECK(now().relations[1] ==
          ui::A11yRelationRow{r1.value(), "Victoria Nuland", "works_for", "State Department", false});
    h.key(ImGuiKey_Period);  // the next relation: the first in the text
    CHECK(now().relations[0].selected);
    CHECK_FALSE(now().relations[1].selected);
}

TEST_CASE("accessibility: the Documents tab's rows with title, status and entities, the open one current") {
    Harness h;
    aa::test::open_three_documents(h);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    CHECK(now().queue_total == 3);
    CHECK(now().queue_first == 0);
    REQUIRE(now().queue.size() == 3);
    CHECK(now().queue[0] == ui::A11yQueueRow{"Angela Merkel visited Paris.", "to do", 0, true});
    CHECK(now().queue[2] == ui::A11yQueueRow{"Olaf Scholz spoke in Rome.", "to do", 0, false});
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(2);
    CHECK(now().queue[0] == ui::A11yQueueRow{"Angela Merkel visited Paris.", "in progress", 1, true});
    h.key(ImGuiKey_PageDown, false, false, true);  // Alt+PageDown: the next document
    CHECK_FALSE(now().queue[0].current);
    CHECK(now().queue[1] == ui::A11yQueueRow{"Emmanuel Macron met her in Berlin.", "to do", 0, true});
}

TEST_CASE("accessibility: the Details panel's fields of the selected entity, then of the selected relation") {
    Harness h;
    Editor& ed = open_feltman(h);
    const Text& t = ed.doc().text();
    const size_t a = find_cp(t, "Jeffrey Feltman"), b = find_cp(t, "Moscow");
    auto feltman = ed.add_entity(a, a + 15, "PER");
    auto moscow = ed.add_entity(b, b + 6, "LOC");
    REQUIRE((feltman.ok() && moscow.ok()));
    REQUIRE(ed.set_note(feltman.value(), "UN under-secretary").ok());
    REQUIRE(ed.set_kb_id(feltman.value(), "Q1686398").ok());
    REQUIRE(ed.set_attributes(feltman.value(), {{"role", "envoy"}}).ok());
    REQUIRE(ed.add_relation_type({"located_in", {160, 60, 160}, "", "", {}, {"LOC"}, false}).ok());
    REQUIRE(ed.add_relation(feltman.value(), moscow.value(), "located_in").ok());
    h.frames(2);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    CHECK(now().details_name.empty());
    CHECK(now().details.empty());
    h.key(ImGuiKey_Tab);  // the first entity in the text
    REQUIRE(now().selected_entity == feltman.value());
    CHECK(now().details_name == "Entity");
    const std::vector<ui::A11yField> want{
        {"Text", "Jeffrey Feltman"},     {"Label", "PER"}, {"Start", std::to_string(a)},
        {"End", std::to_string(a + 15)}, {"Locked", "no"}, {"Note", "UN under-secretary"},
        {"KB id", "Q1686398"},           {"role", "envoy"}};
    CHECK(now().details == want);
    REQUIRE(ed.set_note(feltman.value(), "").ok());  // an edit shows at once
    h.frames(1);
    CHECK(now().details[5] == ui::A11yField{"Note", ""});
    h.key(ImGuiKey_Escape);
    h.key(ImGuiKey_Period);  // the next relation
    CHECK(now().details_name == "Relation");
    CHECK(now().details ==
          std::vector<ui::A11yField>{
              {"Source", "Jeffrey Feltman"}, {"Type", "located_in"}, {"Target", "Moscow"}, {"Note", ""}});
}

TEST_CASE("accessibility: the Suggest tab's suggestions, at most 100 rows, the current one marked") {
    Harness h;
    std::string text;
    for (int i = 0; i < 60; ++i) text += "Angela Merkel met Victoria Nuland in Berlin. The talks went well.\n\n";
    REQUIRE(h.app.set_text(text).ok());
    for (int i = 0; i < 500 && h.app.busy(); ++i) h.frame();
    REQUIRE(!h.app.busy());
    h.frames(1);
    auto now = [&]() -> const ui::A11yDocument& { return h.platform.a11y.back(); };
    CHECK_FALSE(now().suggested);
    CHECK(now().suggestions.empty());
    h.key(ImGuiKey_S, false, false, true);  // Alt+S: Suggest with the defaults (names as PER)
    REQUIRE(!h.app.busy());
    h.frames(1);
    CHECK(now().suggested);
    CHECK(now().suggestions_total == 180);  // Angela Merkel, Victoria Nuland and Berlin, 60 times
    CHECK(now().suggestions_first == 0);
    REQUIRE(now().suggestions.size() == 100);
    CHECK(now().suggestions[0] == ui::A11ySuggestionRow{"Angela Merkel", "PER", "names", true});
    CHECK(now().suggestions[1] == ui::A11ySuggestionRow{"Victoria Nuland", "PER", "names", false});
    h.key(ImGuiKey_R);  // reject the current one: the next is current
    CHECK(now().suggestions_total == 179);
    CHECK(now().suggestions[0] == ui::A11ySuggestionRow{"Victoria Nuland", "PER", "names", true});
}
