// Relations in the page (issue 16), headless with real ImGui mouse and key events: a drag from a
// tag to another entity, R and the list of nearby entities, the type list, selecting, retyping,
// reversing and deleting a relation (all undoable), deleting an entity with relations (asked),
// hidden and locked labels, document labels, arcs that cross no tag, stubs for ends off screen;
// and the guidelines' Markdown subset.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "headless.hpp"
#include "ui/markdown.hpp"

using namespace aa;
using aa::test::any_popup_open;
using aa::test::centre;
using aa::test::find_cp;
using aa::test::Harness;

namespace {

const char* const kArticle = aa::test::kFeltmanArticle;

// The article with Feltman and Nuland (PER), Moscow (LOC), State Department (ORG), and the types
// works_for PER -> ORG, met_with PER <-> PER, praised PER -> PER or ORG, located_in any -> LOC.
struct Relations {
    Harness h;
    std::string feltman, moscow, state, nuland;
    Relations() {
        REQUIRE(h.app.set_text(kArticle).ok());
        Editor& ed = h.app.editor();
        feltman = aa::test::add_entity_at(ed, "Jeffrey Feltman", "PER");
        moscow = aa::test::add_entity_at(ed, "Moscow", "LOC");
        state = aa::test::add_entity_at(ed, "State Department", "ORG");
        nuland = aa::test::add_entity_at(ed, "Victoria Nuland", "PER");
        REQUIRE(ed.add_relation_type({"works_for", {200, 60, 60}, "w", "", {"PER"}, {"ORG"}, false}).ok());
        REQUIRE(ed.add_relation_type({"met_with", {60, 60, 200}, "m", "", {"PER"}, {"PER"}, true}).ok());
        REQUIRE(ed.add_relation_type({"praised", {60, 160, 60}, "p", "", {"PER"}, {"PER", "ORG"}, false}).ok());
        REQUIRE(ed.add_relation_type({"located_in", {160, 60, 160}, "", "", {}, {"LOC"}, false}).ok());
        h.frames(3);
    }
    ui::Rect rect(const std::string& name) {
        auto r = h.app.widget_rect(name);
        INFO(name);
        REQUIRE(r.has_value());
        return *r;
    }
    const RelationStore& rels() { return h.app.editor().doc().relations(); }
    // A drag with the real mouse from an entity's tag to the middle of another entity.
    void drag_tag_to(const std::string& from, const std::string& to) {
        h.move(centre(rect("tag." + from)));
        h.press();
        const std::vector<ui::Rect> boxes = h.app.highlight_rects(to);
        REQUIRE_FALSE(boxes.empty());
        h.move(ImVec2(centre(rect("tag." + from)).x + 20, centre(rect("tag." + from)).y + 5));
        h.move(centre(boxes.front()));
        h.release();
    }
};

}  // namespace

TEST_CASE(
    "relations: a drag from a tag to another entity makes the relation; the type is asked when several allow it") {
    Relations t;
    // Nuland -> State Department: works_for and praised allow PER -> ORG: a list of two.
    t.drag_tag_to(t.nuland, t.state);
    CHECK(t.rels().empty());
    CHECK(any_popup_open());
    t.h.key(ImGuiKey_1);
    REQUIRE(t.rels().size() == 1);
    const Relation& r = t.rels().all().begin()->second;
    CHECK(r.type == "works_for");
    CHECK(r.from == t.nuland);
    CHECK(r.to == t.state);
    CHECK(t.h.app.status_message() ==
          "Added relation PER \"Victoria Nuland\" -works_for-> ORG \"State Department\" (Ctrl+Z undoes)");
    // Feltman -> Moscow: only located_in allows PER -> LOC: made at once.
    t.h.frames(2);
    t.drag_tag_to(t.feltman, t.moscow);
    REQUIRE(t.rels().size() == 2);
    REQUIRE(t.rels().find("r2"));
    CHECK(t.rels().find("r2")->type == "located_in");
    CHECK_FALSE(any_popup_open());
    // Undone one by one through the one history.
    t.h.key(ImGuiKey_Z, true);
    CHECK(t.rels().size() == 1);
    t.h.key(ImGuiKey_Z, true);
    CHECK(t.rels().empty());
}

TEST_CASE("relations: by keyboard, R offers the nearby entities, a digit picks the target, another the type") {
    Relations t;
    t.h.key(ImGuiKey_Tab);  // the first entity: Feltman
    t.h.key(ImGuiKey_R);
    CHECK(any_popup_open());
    // Targets in reading order: Moscow, State Department, Nuland.
    t.h.key(ImGuiKey_3);
    CHECK(any_popup_open());  // PER -> PER: met_with and praised
    t.h.key(ImGuiKey_DownArrow);
    t.h.key(ImGuiKey_Enter);
    REQUIRE(t.rels().size() == 1);
    const Relation r = t.rels().all().begin()->second;
    CHECK(r.type == "praised");
    CHECK(r.from == t.feltman);
    CHECK(r.to == t.nuland);
    // The new relation is selected: T retypes it (the list of allowed types), R reverses it.
    t.h.key(ImGuiKey_T);
    CHECK(any_popup_open());
    t.h.key(ImGuiKey_M);  // met_with's own key
    CHECK(t.rels().find(r.id)->type == "met_with");
    t.h.key(ImGuiKey_R);
    CHECK(t.rels().find(r.id)->from == t.nuland);
    CHECK(t.rels().find(r.id)->to == t.feltman);
    t.h.key(ImGuiKey_Delete);
    CHECK(t.rels().empty());
    // Esc ends a relation being made without making one.
    t.h.key(ImGuiKey_Tab);
    t.h.key(ImGuiKey_R);
    t.h.key(ImGuiKey_Escape);
    CHECK_FALSE(any_popup_open());
    t.h.key(ImGuiKey_1);
    CHECK(t.rels().empty());
    // Every step undoes: delete, reverse, retype (a fourth would undo the add).
    CHECK(t.h.app.editor().undo_name() == "Delete relation met_with");
    for (int i = 0; i < 3; ++i) t.h.key(ImGuiKey_Z, true);
    REQUIRE(t.rels().find(r.id));
    CHECK(t.rels().find(r.id)->type == "praised");
    CHECK(t.rels().find(r.id)->from == t.feltman);
}

TEST_CASE("relations: a click on an arc's label selects it; its menu and details retype, reverse and delete") {
    Relations t;
    auto rid = t.h.app.editor().add_relation(t.feltman, t.nuland, "praised");
    REQUIRE(rid.ok());
    t.h.frames(3);
    const ui::Rect label = t.rect("arc." + rid.value());
    t.h.click(centre(label));
    CHECK(t.h.app.widget_rect("relation.reverse"));  // the details area shows the relation
    // Right-click: the relation's menu; Delete there.
    t.h.click(centre(label), 1);
    CHECK(any_popup_open());
    t.h.click(centre(t.rect("relation_menu.delete")));
    CHECK(t.rels().empty());
    t.h.key(ImGuiKey_Z, true);
    REQUIRE(t.rels().size() == 1);
    // The details area's Reverse button.
    t.h.frames(2);
    t.h.click(centre(t.rect("arc." + rid.value())));
    t.h.click(centre(t.rect("relation.reverse")));
    CHECK(t.rels().find(rid.value())->from == t.nuland);
}

TEST_CASE("relations: deleting an entity with relations asks first; yes deletes them in one undo step") {
    Relations t;
    REQUIRE(t.h.app.editor().add_relation(t.feltman, t.nuland, "met_with").ok());
    REQUIRE(t.h.app.editor().add_relation(t.nuland, t.state, "works_for").ok());
    t.h.frames(2);
    // The screen readers' mirror says the relations in the entity's description.
    REQUIRE_FALSE(t.h.platform.a11y.empty());
    const std::vector<ui::A11yMark>& marks = t.h.platform.a11y.back().paragraphs.at(0).marks;
    auto m = std::find_if(marks.begin(), marks.end(), [&](const ui::A11yMark& x) { return x.id == t.nuland; });
    REQUIRE(m != marks.end());
    CHECK(m->description == "Jeffrey Feltman met_with Victoria Nuland; Victoria Nuland works_for State Department");
    t.h.click(centre(t.h.app.highlight_rects(t.nuland).front()));
    t.h.key(ImGuiKey_Delete);
    CHECK(any_popup_open());
    CHECK(t.h.app.editor().doc().entities().find(t.nuland));
    t.h.click(centre(t.rect("delete_entity.cancel")));
    CHECK(t.h.app.editor().doc().entities().find(t.nuland));
    CHECK(t.rels().size() == 2);
    t.h.click(centre(t.h.app.highlight_rects(t.nuland).front()));
    t.h.key(ImGuiKey_Delete);
    t.h.key(ImGuiKey_Enter);
    CHECK_FALSE(t.h.app.editor().doc().entities().find(t.nuland));
    CHECK(t.rels().empty());
    CHECK(t.h.app.status_message() == "Deleted PER \"Victoria Nuland\" and 2 relations (Ctrl+Z undoes)");
    t.h.key(ImGuiKey_Z, true);
    CHECK(t.h.app.editor().doc().entities().find(t.nuland));
    CHECK(t.rels().size() == 2);
}

TEST_CASE(
    "relations: a hidden label's entities and their arcs are not drawn; a locked label's entities do not change") {
    Relations t;
    auto rid = t.h.app.editor().add_relation(t.feltman, t.moscow, "located_in");
    REQUIRE(rid.ok());
    t.h.frames(2);
    CHECK(t.h.app.widget_rect("arc." + rid.value()));
    // Labels tab: PER is the first row.
    t.h.click(centre(t.rect("label.shown.0")));
    t.h.frames(2);
    CHECK(t.h.app.highlight_rects(t.feltman).empty());
    CHECK_FALSE(t.h.app.widget_rect("arc." + rid.value()));
    CHECK_FALSE(t.h.app.highlight_rects(t.moscow).empty());
    t.h.click(centre(t.rect("label.shown.0")));
    t.h.frames(2);
    CHECK_FALSE(t.h.app.highlight_rects(t.feltman).empty());
    // Lock PER: Delete and a label key are refused, with the reason.
    t.h.click(centre(t.rect("label.lock.0")));
    t.h.click(centre(t.h.app.highlight_rects(t.feltman).front()));
    t.h.key(ImGuiKey_Delete);
    CHECK(t.h.app.editor().doc().entities().find(t.feltman));
    CHECK(t.h.app.status_message() ==
          "PER is locked: unlock it in the Labels panel (or the entity's right-click menu) to change \"Jeffrey "
          "Feltman\"");
    t.h.key(ImGuiKey_2);  // ORG
    CHECK(t.h.app.editor().doc().entities().find(t.feltman)->label == "PER");
    // Unlocked: the key relabels.
    t.h.click(centre(t.rect("label.lock.0")));
    t.h.click(centre(t.h.app.highlight_rects(t.feltman).front()));
    t.h.key(ImGuiKey_2);
    CHECK(t.h.app.editor().doc().entities().find(t.feltman)->label == "ORG");
}

TEST_CASE("relations: document labels, single and multi choice, from the Labels panel") {
    Relations t;
    Editor& ed = t.h.app.editor();
    REQUIRE(ed.add_doc_label_type({"politics", {230, 230, 120}, "", ""}).ok());
    REQUIRE(ed.add_doc_label_type({"diplomacy", {120, 230, 230}, "", ""}).ok());
    t.h.frames(2);
    t.h.click(centre(t.rect("doclabel.0")));
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"politics"});
    t.h.click(centre(t.rect("doclabel.1")));  // single choice: replaces
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"diplomacy"});
    t.h.click(centre(t.rect("doclabels.multi")));
    t.h.click(centre(t.rect("doclabel.0")));
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"diplomacy", "politics"});
    t.h.key(ImGuiKey_Z, true);
    CHECK(ed.doc().doc_labels().chosen == std::vector<std::string>{"diplomacy"});
}

TEST_CASE("relations: in the page, no arc's label meets a tag; an end off screen is a stub with its count") {
    Harness h;
    std::string text = "Alpha met Beta and Gamma near Delta.\n";
    for (int i = 0; i < 80; ++i) text += "Filler line " + std::to_string(i) + " about nothing at all.\n";
    text += "Omega closed.";
    REQUIRE(h.app.set_text(text).ok());
    Editor& ed = h.app.editor();
    auto add = [&](size_t a, size_t b, const char* l) { return ed.add_entity(a, b, l).value(); };
    const std::string alpha = add(0, 5, "PER"), beta = add(10, 14, "PER"), gamma = add(19, 24, "PER"),
                      delta = add(30, 35, "LOC");
    const size_t o = find_cp(ed.doc().text(), "Omega");
    const std::string omega = add(o, o + 5, "PER");
    REQUIRE(ed.add_relation_type({"met_with", {60, 60, 200}, "", "", {}, {}, true}).ok());
    REQUIRE(ed.add_relation_type({"near", {60, 160, 60}, "", "", {}, {}, false}).ok());
    REQUIRE(ed.add_relation(alpha, beta, "met_with").ok());
    REQUIRE(ed.add_relation(alpha, gamma, "met_with").ok());
    REQUIRE(ed.add_relation(beta, delta, "near").ok());
    REQUIRE(ed.add_relation(alpha, delta, "near").ok());
    REQUIRE(ed.add_relation(alpha, omega, "met_with").ok());
    REQUIRE(ed.add_relation(gamma, omega, "near").ok());
    h.frames(3);
    std::vector<ui::Rect> tags, labels;
    for (const std::string& e : {alpha, beta, gamma, delta}) tags.push_back(*h.app.widget_rect("tag." + e));
    for (const char* r : {"r1", "r2", "r3", "r4"}) {
        auto l = h.app.widget_rect(std::string("arc.") + r);
        INFO(r);
        REQUIRE(l.has_value());
        labels.push_back(*l);
    }
    auto meets = [](const ui::Rect& a, const ui::Rect& b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    };
    for (const ui::Rect& l : labels)
        for (const ui::Rect& t : tags) CHECK_FALSE(meets(l, t));
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j) CHECK_FALSE(meets(labels[i], labels[j]));
    // Omega is far below: Alpha and Gamma each have a stub counting 1.
    CHECK_FALSE(h.app.widget_rect("arc.r5"));
    CHECK(h.app.widget_rect("stub." + alpha + ".down"));
    CHECK(h.app.widget_rect("stub." + gamma + ".down"));
    // A click on a stub jumps to the other end.
    h.click(centre(*h.app.widget_rect("stub." + alpha + ".down")));
    h.frames(3);
    CHECK_FALSE(h.app.highlight_rects(omega).empty());
    CHECK(h.app.widget_rect("stub." + omega + ".up"));
}

TEST_CASE("relations: only the lines where an entity with arcs starts get the arc band; the others keep their height") {
    Harness h;
    std::string text;
    for (int i = 0; i < 6; ++i) text += "Line " + std::to_string(i) + " has Alpha and Beta.\n";
    REQUIRE(h.app.set_text(text).ok());
    Editor& ed = h.app.editor();
    const Text& t = ed.doc().text();
    std::vector<std::string> alpha, beta;
    for (int i = 0; i < 6; ++i) {
        const size_t line = find_cp(t, "Line " + std::to_string(i));
        alpha.push_back(ed.add_entity(line + 11, line + 16, "PER").value());
        beta.push_back(ed.add_entity(line + 21, line + 25, "PER").value());
    }
    REQUIRE(ed.add_relation_type({"met_with", {60, 60, 200}, "", "", {}, {}, true}).ok());
    h.frames(2);
    const float row = h.app.article_column()->row_height;
    auto top = [&](int i) { return h.app.caret_rect(find_cp(t, "Line " + std::to_string(i)))->y; };
    auto gaps = [&] {
        std::vector<float> g;
        for (int i = 0; i + 1 < 6; ++i) g.push_back(top(i + 1) - top(i));
        return g;
    };
    const std::vector<float> before = gaps();  // no relation yet: every line one row (and its paragraph gap)
    for (float g : before) CHECK(g == doctest::Approx(before[0]));
    CHECK(before[0] < row + 20);
    // A relation on line 2 (Alpha -> Beta): only line 2 grows, by the band; its text moves down in it.
    REQUIRE(ed.add_relation(alpha[2], beta[2], "met_with").ok());
    h.frames(2);
    std::vector<float> after = gaps();
    const float band = after[1] - before[1];  // line 2's text lower by the band above it
    CHECK(band > 20);
    CHECK(after[0] == doctest::Approx(before[0]));
    CHECK(after[2] == doctest::Approx(before[2]));
    CHECK(after[3] == doctest::Approx(before[3]));
    CHECK(after[4] == doctest::Approx(before[4]));
    CHECK(h.app.widget_rect("arc.r1"));
    // An arc between lines 0 and 4: both get the band, the lines between them do not.
    REQUIRE(ed.add_relation(alpha[0], beta[4], "met_with").ok());
    h.frames(2);
    after = gaps();
    CHECK(after[0] == doctest::Approx(before[0]));  // line 0's band is above its own text
    CHECK(after[3] - before[3] == doctest::Approx(band));
    CHECK(after[1] - before[1] == doctest::Approx(band));
    CHECK(after[2] == doctest::Approx(before[2]));
    const ui::Rect t0 = *h.app.widget_rect("tag." + alpha[0]);
    const ui::Rect l2 = *h.app.widget_rect("arc.r2");
    CHECK(l2.y + l2.height <= t0.y);
    // Undone: the rows are as before.
    h.key(ImGuiKey_Z, true);
    h.key(ImGuiKey_Z, true);
    h.frames(2);
    CHECK(gaps() == before);
    // Down and Up step one line at a time, over a taller line too.
    REQUIRE(ed.add_relation(alpha[2], beta[2], "met_with").ok());
    h.frames(2);
    for (int i = 1; i < 6; ++i) {
        h.key(ImGuiKey_DownArrow);
        REQUIRE_FALSE(h.platform.a11y.empty());
        CHECK(h.platform.a11y.back().caret == find_cp(t, "Line " + std::to_string(i)));
    }
    for (int i = 4; i >= 0; --i) {
        h.key(ImGuiKey_UpArrow);
        CHECK(h.platform.a11y.back().caret == find_cp(t, "Line " + std::to_string(i)));
    }
}

TEST_CASE("relations table: at the side panel's usual width no end or type is cut; a row selects its relation") {
    Relations t;
    Editor& ed = t.h.app.editor();
    REQUIRE(ed.add_relation(t.nuland, t.state, "works_for").ok());
    REQUIRE(ed.add_relation(t.feltman, t.nuland, "met_with").ok());
    REQUIRE(ed.add_relation(t.state, t.moscow, "located_in").ok());
    t.h.frames(2);
    t.h.click(centre(t.rect("tab.entities")));
    t.h.frames(2);
    t.h.click(centre(t.rect("tab.relations")));
    t.h.frames(2);
    for (int i = 0; i < 3; ++i) {
        const std::string n = std::to_string(i);
        CAPTURE(n);
        const ui::Rect row = t.rect("relations.row." + n), from = t.rect("relations.from." + n),
                       to = t.rect("relations.to." + n), type = t.rect("relations.type." + n);
        // The ends and the type side by side inside the row, none running under the next.
        CHECK(from.x >= row.x);
        CHECK(from.x + from.width <= type.x);
        CHECK(to.x + to.width <= type.x);
        CHECK(to.y >= from.y + from.height);
        CHECK(type.x + type.width <= row.x + row.width + 0.5f);
        CHECK(to.y + to.height <= row.y + row.height + 0.5f);
    }
    CHECK_FALSE(t.h.app.widget_rect("relation.reverse"));
    t.h.click(centre(t.rect("relations.row.1")));
    t.h.frames(2);
    CHECK(t.h.app.widget_rect("relation.reverse"));  // its details are shown: it is selected
}

TEST_CASE("a locked entity: locked from its menu or its details, refused on Delete with how to unlock, undoable") {
    Relations t;
    const Editor& ed = t.h.app.editor();
    const ImVec2 felt = centre(t.h.app.highlight_rects(t.feltman).front());
    t.h.click(felt, 1);  // right-click: the entity's menu
    t.h.frames(2);
    t.h.click(centre(t.rect("context.lock")));
    CHECK(t.h.app.status_message() == "Locked PER \"Jeffrey Feltman\" (Ctrl+Z undoes)");
    CHECK(ed.doc().entities().find(t.feltman)->locked);
    CHECK_FALSE(ed.doc().entities().find(t.nuland)->locked);  // only this one, not its label
    t.h.click(felt);
    t.h.key(ImGuiKey_Delete);
    CHECK(ed.doc().entities().find(t.feltman));
    CHECK(t.h.app.status_message() ==
          "PER \"Jeffrey Feltman\" is locked: unlock it in its right-click menu or with Locked in the details to "
          "change it");
    t.h.key(ImGuiKey_2);  // relabel as ORG: refused too
    CHECK(ed.doc().entities().find(t.feltman)->label == "PER");
    // Another PER is not locked.
    t.h.click(centre(t.h.app.highlight_rects(t.nuland).front()));
    t.h.key(ImGuiKey_Delete);
    CHECK_FALSE(ed.doc().entities().find(t.nuland));
    t.h.key(ImGuiKey_Z, true);
    // Ctrl+Z: the lock goes; then the details' Locked box locks it again.
    t.h.key(ImGuiKey_Z, true);
    CHECK_FALSE(ed.doc().entities().find(t.feltman)->locked);
    t.h.click(felt);
    t.h.frames(2);
    t.h.click(centre(t.rect("details.lock")));
    CHECK(ed.doc().entities().find(t.feltman)->locked);
    t.h.key(ImGuiKey_Escape);
    t.h.click(felt);
    t.h.key(ImGuiKey_Delete);
    CHECK(ed.doc().entities().find(t.feltman));
}

TEST_CASE("guidelines: a click on an http(s) or mailto link opens it in a new tab; any other link is only copied") {
    using aa::ui::md::openable;
    CHECK(openable("https://example.org/ace"));
    CHECK(openable("HTTP://example.org"));
    CHECK(openable("mailto:lead@example.org"));
    CHECK_FALSE(openable("javascript:alert(1)"));
    CHECK_FALSE(openable("data:text/html,x"));
    CHECK_FALSE(openable("https://"));
    CHECK_FALSE(openable("guide.html"));
    Harness h;
    REQUIRE(h.app.set_text("Some text.").ok());
    h.app.editor().info().guidelines = "- [ACE](https://example.org/ace) and [this](javascript:alert-1)";
    h.frames(3);
    if (!h.app.widget_rect("guidelines.link.0")) h.click_widget("tab.guidelines");  // opened when it appeared
    h.frames(2);
    auto link = [&](int i) {
        auto r = h.app.widget_rect("guidelines.link." + std::to_string(i));
        REQUIRE(r.has_value());
        return centre(*r);
    };
    h.click(link(0));
    CHECK(h.platform.opened_links == std::vector<std::string>{"https://example.org/ace"});
    CHECK(h.app.status_message() == "Opened https://example.org/ace in a new tab");
    h.click(link(1));
    CHECK(h.platform.opened_links.size() == 1);
    CHECK(h.platform.clipboard == "javascript:alert-1");
    CHECK(h.app.status_message() == "Copied the link javascript:alert-1 (only http, https and mailto links open)");
}

TEST_CASE(
    "guidelines: a right-to-left paragraph is laid out whole: its first link is on the right, spans keep their order") {
    Harness h;
    REQUIRE(h.app.set_text("Some text.").ok());
    // Hebrew: "see [one] and [two]"; in a right-to-left paragraph the first link is right of the second.
    h.app.editor().info().guidelines =
        "\xD7\xA8\xD7\x90\xD7\x95 [\xD7\x90\xD7\x97\xD7\x93](https://a.example) \xD7\x95"
        "[\xD7\xA9\xD7\xAA\xD7\x99\xD7\x99\xD7\x9D](https://b.example)\n\nLeft to right: [one](https://c.example) "
        "and [two](https://d.example)";
    h.frames(3);
    if (!h.app.widget_rect("guidelines.link.0")) h.click_widget("tab.guidelines");  // opened when it appeared
    h.frames(2);
    auto rect = [&](int i) {
        auto r = h.app.widget_rect("guidelines.link." + std::to_string(i));
        REQUIRE(r.has_value());
        return *r;
    };
    CHECK(rect(0).x > rect(1).x + rect(1).width);  // right to left
    CHECK(rect(0).y == rect(1).y);
    CHECK(rect(2).x + rect(2).width < rect(3).x);  // left to right
    h.click(centre(rect(1)));
    CHECK(h.platform.opened_links == std::vector<std::string>{"https://b.example"});
}

TEST_CASE("relation types in the Labels tab: a type without a key has its name where the others have theirs") {
    Relations t;
    if (!t.h.app.widget_rect("reltype.name.0")) t.h.click_widget("tab.labels");
    t.h.frames(2);
    // works_for [w], met_with [m], praised [p], located_in (no key).
    const ui::Rect keyed = t.rect("reltype.name.0"), unkeyed = t.rect("reltype.name.3");
    CHECK(unkeyed.x == doctest::Approx(keyed.x));
    CHECK(unkeyed.y > keyed.y);
}

TEST_CASE("guidelines that arrive with a document open the Guidelines header; closed by the user, it stays closed") {
    Harness h;
    REQUIRE(h.app.set_text("Some text.").ok());
    h.frames(3);  // the header is drawn, closed: no guidelines yet
    CHECK_FALSE(h.app.widget_rect("guidelines.link.0"));
    h.app.editor().info().guidelines = "- [ACE](https://example.org/ace)";
    h.frames(3);
    CHECK(h.app.widget_rect("guidelines.link.0"));  // opened, no click
    h.click_widget("tab.guidelines");               // closed by the user
    h.frames(3);
    CHECK_FALSE(h.app.widget_rect("guidelines.link.0"));
}

// Issue 16: bold is the text engine's bold face, laid out in its own widths (DejaVu Sans Bold here,
// the browser's bold system face in the page), not the regular glyphs drawn twice.
TEST_CASE("guidelines: bold text is laid out in the bold face, so the words after it move right") {
    auto link_x = [](const char* guidelines) {
        Harness h;
        REQUIRE(h.app.set_text("Some text.").ok());
        h.app.editor().info().guidelines = guidelines;
        h.frames(3);
        if (!h.app.widget_rect("guidelines.link.0")) h.click_widget("tab.guidelines");
        h.frames(2);
        auto r = h.app.widget_rect("guidelines.link.0");
        REQUIRE(r.has_value());
        return r->x;
    };
    const float plain = link_x("Mark Waterloo Wellington then [here](https://example.org)");
    const float bold = link_x("**Mark Waterloo Wellington** then [here](https://example.org)");
    // DejaVu Sans Bold is about 10% wider than DejaVu Sans over these letters: some 15 px at 15 px.
    CHECK(bold > plain + 8);
    CHECK(bold < plain + 40);
}

TEST_CASE("a label's description is in the tooltip of its entities") {
    Relations t;
    Editor& ed = t.h.app.editor();
    Label per = *ed.doc().labels().find("PER");
    per.description = "Person: a named individual";
    REQUIRE(ed.update_label("PER", per).ok());
    Label loc = *ed.doc().labels().find("LOC");
    loc.description.clear();
    REQUIRE(ed.update_label("LOC", loc).ok());
    t.h.frames(2);
    t.h.move(centre(t.h.app.highlight_rects(t.nuland).front()));
    t.h.frames(3);
    CHECK(t.h.app.widget_rect("tooltip.description"));
    t.h.move(centre(t.h.app.highlight_rects(t.moscow).front()));  // LOC: no description
    t.h.frames(3);
    CHECK_FALSE(t.h.app.widget_rect("tooltip.description"));
}

TEST_CASE("guidelines: headings, lists, bold and links; anything else stays text") {
    using namespace aa::ui::md;
    const std::vector<Block> b = parse(
        "# People\nWho counts as a\n**person**.\n\n- **PER**: a [person](https://example.org/per)\n  - nested\n"
        "2. second\n## Not ** bold\n#nohash");
    REQUIRE(b.size() == 7);
    CHECK(b[0].kind == Block::Kind::Heading);
    CHECK(b[0].level == 1);
    CHECK(b[0].spans == std::vector<Span>{{"People", false, ""}});
    CHECK(b[1].kind == Block::Kind::Paragraph);
    CHECK(b[1].spans == std::vector<Span>{{"Who counts as a ", false, ""}, {"person", true, ""}, {".", false, ""}});
    CHECK(b[2].kind == Block::Kind::Bullet);
    CHECK(b[2].spans ==
          std::vector<Span>{{"PER", true, ""}, {": a ", false, ""}, {"person", false, "https://example.org/per"}});
    CHECK(b[3].kind == Block::Kind::Bullet);
    CHECK(b[3].level == 1);
    CHECK(b[4].kind == Block::Kind::Numbered);
    CHECK(b[4].number == "2.");
    CHECK(b[5].kind == Block::Kind::Heading);
    CHECK(b[5].spans == std::vector<Span>{{"Not ** bold", false, ""}});  // an unclosed marker stays
    CHECK(b[6].kind == Block::Kind::Paragraph);                          // "#" without a space is text
}
