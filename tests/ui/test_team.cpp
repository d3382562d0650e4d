// The Team tab driven headless through the sync script's messages (io/team_page.hpp): the side tabs
// with the Team tab fit the panel and switch on a click after File > Compare, a reader's "Mark
// done" is disabled with its reason, the server's call to sign in again opens the dialog, and a
// change of the open document from another device merged with the edits not written yet (the
// selection kept on an entity it left in place), and an edit made just before another article opens
// written before it.
#include <doctest/doctest.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/editor.hpp"
#include "headless.hpp"
#include "io/team.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kText = "Angela Merkel visited Paris.";

// Signed in as `user` with `roles` (JSON array), the queue of one article, and that article open.
void open_team_article(Harness& h, const std::string& user, const std::string& roles) {
    h.platform.team_available = true;
    h.app.on_team_event(R"({"kind":"session","url":"http://h/db","user":")" + user + R"(","roles":)" + roles + "}");
    h.app.on_team_event(R"({"kind":"queue","articles":[{"id":"a1","title":"A1","assigned":[],"statuses":[]}]})");
    h.app.on_team_event(
        R"({"kind":"article","target":"ann:a1:)" + user +
        R"(","project":{"_id":"project","type":"project","name":"p","labels":[{"name":"PER"},{"name":"LOC"}]},)"
        R"("article":{"_id":"article:a1","type":"article","title":"A1","text":")" +
        kText + R"(","assigned":[]},"annotations":null})");
    h.frames(2);
    REQUIRE(h.app.editor().doc().text().utf8() == kText);
}

// File > Compare with a file of the same text.
void compare_with_file(Harness& h) {
    h.click(ImVec2(20, 8));  // the File menu
    h.frames(1);
    h.click_widget("menu.compare");
    h.app.on_file(
        h.platform.last_request, "other.json",
        std::string(R"({"format":"article-annotator","version":1,"text":")") + kText +
            R"(","labels":[{"name":"LOC"}],"entities":[{"id":"e1","start":22,"end":27,"label":"LOC","text":"Paris"}]})");
    h.frames(2);
    INFO(h.app.status_message());
    REQUIRE(h.app.widget_rect("tab.agreement").has_value());
}
}  // namespace

TEST_CASE("team: after File > Compare the six side tabs fit in one row and a click on Team shows it") {
    Harness h;
    open_team_article(h, "alice", R"(["annotator"])");
    compare_with_file(h);
    std::optional<ui::Rect> prev;
    const float right = ImGui::GetMainViewport()->Size.x;
    for (const char* name :
         {"tab.labels", "tab.entities", "tab.suggest", "tab.documents", "tab.team", "tab.agreement"}) {
        CAPTURE(name);
        auto r = h.app.widget_rect(name);
        REQUIRE(r.has_value());
        CHECK(r->x + r->width <= right);
        if (prev) CHECK(r->x >= prev->x + prev->width);
        prev = r;
    }
    CHECK_FALSE(h.app.widget_rect("team.next").has_value());  // the Agreement tab is shown
    // As a browser clicks (harness quick_click_widget): ImGui's tabs took only a press on a tab
    // already hovered the frame before.
    h.quick_click_widget("tab.team");
    CHECK(h.app.widget_rect("team.next").has_value());
    h.quick_click_widget("tab.documents");
    CHECK_FALSE(h.app.widget_rect("team.next").has_value());
    CHECK(h.app.widget_rect("queue.open").has_value());
    h.click_widget("tab.team", 2);
    CHECK(h.app.widget_rect("team.next").has_value());
}

TEST_CASE("team: a reader's Mark done is disabled and says why; an annotator's marks the article done") {
    Harness h;
    open_team_article(h, "rick", R"(["reader"])");
    REQUIRE(h.app.widget_rect("team.mark").has_value());
    REQUIRE(h.app.widget_rect("team.mark_why").has_value());
    h.click_widget("team.mark", 1);
    CHECK(h.app.team_summary_json().find(R"("status":"todo")") != std::string::npos);

    Harness a;
    open_team_article(a, "alice", R"(["annotator"])");
    CHECK_FALSE(a.app.widget_rect("team.mark_why").has_value());
    a.click_widget("team.mark", 1);
    CHECK(a.app.team_summary_json().find(R"("status":"done")") != std::string::npos);
}

TEST_CASE("team: the server's call to sign in again opens the dialog with the URL and the name filled in") {
    Harness h;
    h.platform.host_fields = true;
    open_team_article(h, "alice", R"(["annotator"])");
    h.app.on_team_event(R"({"kind":"sign-in","message":"Your session at http://h has ended"})");
    h.frames(2);
    REQUIRE(h.app.widget_rect("team.password").has_value());
    CHECK(h.app.team_summary_json().find(R"("sign_in":"Your session at http://h has ended")") != std::string::npos);
    h.click_widget("team.password");
    REQUIRE(h.platform.field.id != 0);
    h.app.on_text_field_input(h.platform.field.id, "pw", 2, 2);
    h.frames(1);
    h.click_widget("team.sign_in");
    REQUIRE(h.platform.team_sign_ins.size() == 1);
    CHECK(h.platform.team_sign_ins[0] == std::array<std::string, 3>{"http://h/db", "alice", "pw"});
    h.app.on_team_event(R"({"kind":"session","url":"http://h/db","user":"alice","roles":["annotator"]})");
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("team.password").has_value());
    CHECK(h.app.team_summary_json().find(R"("sign_in":"")") != std::string::npos);
}

// Another annotator's document for a comparison comes after the opens asked for before it (team.js
// answers in that order): one of an article no longer open is not compared with the one shown.
TEST_CASE("team: another annotator's document of an article no longer open is not compared; of the open one it is") {
    Harness h;
    open_team_article(h, "alice", R"(["annotator"])");
    const auto other = [](const std::string& article) {
        return R"({"kind":"other","target":"ann:)" + article + R"(:bob","annotations":{"_id":"ann:)" + article +
               R"(:bob","_rev":"1-b","type":"ann","article":")" + article +
               R"(","user":"bob","status":"in-progress","note":"","entities":[)"
               R"({"id":"e1","start":0,"end":6,"label":"PER"}]}})";
    };
    h.app.on_team_event(other("a2"));
    CHECK(h.app.status_message() == "Not compared with ann:a2:bob: a1 is open now");
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("tab.agreement").has_value());
    h.app.on_team_event(other("a1"));
    CHECK(h.app.status_message().rfind("Comparing with ann:a1:bob: ", 0) == 0);
    h.frames(2);
    CHECK(h.app.widget_rect("tab.agreement").has_value());
}

TEST_CASE("team: an edit made just before another article is opened, in the same frame, is written first") {
    Harness h;
    open_team_article(h, "alice", R"(["annotator"])");
    h.app.on_team_event(R"({"kind":"queue","articles":[{"id":"a1","title":"A1","assigned":[],"statuses":[]},)"
                        R"({"id":"a2","title":"A2","assigned":[],"statuses":[]}]})");
    h.frames(2);
    auto row = h.app.widget_rect("team.row.a2");
    REQUIRE(row.has_value());
    h.move(ImVec2(row->x + row->width * 0.5f, row->y + row->height * 0.5f));
    h.press();
    // Between two frames (as an API call is), then the release that opens A2: team_tick has not looked
    // at the open document since the edit.
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.release();
    // The sync script answers with A2 (team.js chains the open behind the writes asked before it).
    h.app.on_team_event(
        R"({"kind":"article","target":"ann:a2:alice","project":{"_id":"project","type":"project","name":"p",)"
        R"("labels":[{"name":"PER"},{"name":"LOC"}]},"article":{"_id":"article:a2","type":"article","title":"A2",)"
        R"("text":"Emmanuel Macron met her in Berlin.","assigned":[]},"annotations":null})");
    h.frames(30);
    REQUIRE(h.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
    REQUIRE_FALSE(h.platform.team_writes.empty());
    if (h.platform.team_writes.empty()) return;  // (no exceptions here: REQUIRE does not leave)
    CHECK(h.platform.team_writes[0][0] == "ann:a1:alice");
    auto written = io::team::parse_annotations(h.platform.team_writes[0][1]);
    REQUIRE(written.ok());
    REQUIRE(written.value->entities.size() == 1);
    CHECK(written.value->entities[0].label == "PER");
    CHECK(written.value->status == "in-progress");  // the edit started the article
}

// ---- A change of my document from another device while edits made here are not written yet ----
// (team_apply_remote): merged three ways from the revision the edits began on, entity by entity; a
// field both changed keeps this page's value; the merge goes to the replica at once. Article text
// "Angela Merkel visited Paris.": e1 PER "Angela Merkel" [0, 13), e2 LOC "Paris" [22, 27).
namespace {
const char* kBase = R"([{"id":"e1","start":0,"end":13,"label":"PER"},{"id":"e2","start":22,"end":27,"label":"LOC"}])";

std::string ann_json(const std::string& rev, const std::string& entities) {
    return R"({"_id":"ann:a1:alice","_rev":")" + rev +
           R"(","type":"ann","article":"a1","user":"alice","status":"in-progress","note":"","entities":)" + entities +
           "}";
}

// alice's a1 open at revision 1-base with kBase; nothing written since.
void open_with_base(Harness& h) {
    h.platform.team_available = true;
    h.app.on_team_event(R"({"kind":"session","url":"http://h/db","user":"alice","roles":["annotator"]})");
    h.app.on_team_event(
        R"({"kind":"article","target":"ann:a1:alice","project":{"_id":"project","type":"project","name":"p",)"
        R"("labels":[{"name":"PER"},{"name":"LOC"},{"name":"ORG"}]},"article":{"_id":"article:a1","type":"article",)"
        R"("title":"A1","text":")" +
        std::string(kText) + R"(","assigned":[]},"annotations":)" + ann_json("1-base", kBase) + "}");
    h.frames(2);
    REQUIRE(h.app.editor().doc().entities().size() == 2);
}

// "id start-end LABEL" of each entity the editor holds, in document order.
std::vector<std::string> shown(const Harness& h) {
    std::vector<std::string> out;
    const EntityStore& store = h.app.editor().doc().entities();
    for (Slot s : store.ordered()) {
        const Entity& e = store.get(s);
        out.push_back(e.id + " " + std::to_string(e.start) + "-" + std::to_string(e.end) + " " + e.label);
    }
    return out;
}

struct MergeCase {
    const char* name;
    std::function<void(Editor&)> local;  // the edit made here, not written yet
    const char* remote;                  // the other device's entities (revision 2-other)
    std::vector<std::string> expected;   // what the page shows and writes
    size_t conflicts;                    // fields both changed: kept as here
};
}  // namespace

TEST_CASE("team: a remote change merges three ways with the edits not written yet (relabel, delete, add)") {
    const auto relabel = [](const char* id, const char* label) {
        return [=](Editor& ed) { REQUIRE(ed.set_label(id, label).ok()); };
    };
    const auto remove = [](const char* id) { return [=](Editor& ed) { REQUIRE(ed.remove_entity(id).ok()); }; };
    const auto add = [](size_t s, size_t e, const char* label) {
        return [=](Editor& ed) { REQUIRE(ed.add_entity(s, e, label).ok()); };
    };
    const char* e2org =
        R"([{"id":"e1","start":0,"end":13,"label":"PER"},{"id":"e2","start":22,"end":27,"label":"ORG"}])";
    const char* e1loc =
        R"([{"id":"e1","start":0,"end":13,"label":"LOC"},{"id":"e2","start":22,"end":27,"label":"LOC"}])";
    const char* e1org =
        R"([{"id":"e1","start":0,"end":13,"label":"ORG"},{"id":"e2","start":22,"end":27,"label":"LOC"}])";
    const char* no_e1 = R"([{"id":"e2","start":22,"end":27,"label":"LOC"}])";
    const char* no_e2 = R"([{"id":"e1","start":0,"end":13,"label":"PER"}])";
    // The other device added "visited" [14, 21) under the id this page gives its own first add (e3).
    const char* add_e3 =
        R"([{"id":"e1","start":0,"end":13,"label":"PER"},{"id":"e2","start":22,"end":27,"label":"LOC"},)"
        R"({"id":"e3","start":14,"end":21,"label":"ORG"}])";
    const std::vector<MergeCase> cases = {
        {"relabel here, another entity relabelled there",
         relabel("e1", "ORG"),
         e2org,
         {"e1 0-13 ORG", "e2 22-27 ORG"},
         0},
        {"relabel here, the same entity relabelled there",
         relabel("e1", "ORG"),
         e1loc,
         {"e1 0-13 ORG", "e2 22-27 LOC"},
         1},
        {"relabel here, the same relabel there", relabel("e1", "ORG"), e1org, {"e1 0-13 ORG", "e2 22-27 LOC"}, 0},
        {"relabel here, the entity deleted there", relabel("e1", "ORG"), no_e1, {"e1 0-13 ORG", "e2 22-27 LOC"}, 1},
        {"delete here, another entity relabelled there", remove("e1"), e2org, {"e2 22-27 ORG"}, 0},
        {"delete here, the same entity relabelled there", remove("e1"), e1loc, {"e1 0-13 LOC", "e2 22-27 LOC"}, 1},
        {"delete here, the same entity deleted there", remove("e1"), no_e1, {"e2 22-27 LOC"}, 0},
        {"delete here, another entity deleted there", remove("e1"), no_e2, {}, 0},
        {"add here, another entity relabelled there",
         add(14, 21, "ORG"),
         e2org,
         {"e1 0-13 PER", "e3 14-21 ORG", "e2 22-27 ORG"},
         0},
        {"add here, another entity deleted there", add(14, 21, "LOC"), no_e2, {"e1 0-13 PER", "e3 14-21 LOC"}, 0},
        {"add here, the same entity added there",
         add(14, 21, "ORG"),
         add_e3,
         {"e1 0-13 PER", "e3 14-21 ORG", "e2 22-27 LOC"},
         0},
        {"add here, another entity added there under the same id",
         add(14, 21, "LOC"),
         add_e3,
         {"e1 0-13 PER", "e3 14-21 LOC", "e4 14-21 ORG", "e2 22-27 LOC"},
         0},
    };
    for (const MergeCase& c : cases) {
        CAPTURE(c.name);
        Harness h;
        open_with_base(h);
        c.local(h.app.editor());
        h.frames(1);  // the edit is seen; its write waits out the burst delay (the clock stands still)
        REQUIRE(h.platform.team_writes.empty());
        h.app.on_team_event(R"({"kind":"remote","target":"ann:a1:alice","annotations":)" +
                            ann_json("2-other", c.remote) + "}");
        CHECK(shown(h) == c.expected);
        const std::string status = h.app.status_message();
        CHECK(status.rfind("ann:a1:alice changed on another device: merged with the edits made here", 0) == 0);
        CHECK((status.find("(" + std::to_string(c.conflicts) + " conflicting field(s) kept as here)") !=
               std::string::npos) == (c.conflicts > 0));
        // The merge is written at once, and an undo still takes back the edit made here.
        h.frames(1);
        REQUIRE(h.platform.team_writes.size() == 1);
        auto written = io::team::parse_annotations(h.platform.team_writes[0][1]);
        REQUIRE(written.ok());
        std::vector<std::string> in_write;
        for (const Entity& e : written.value->entities)
            in_write.push_back(e.id + " " + std::to_string(e.start) + "-" + std::to_string(e.end) + " " + e.label);
        CHECK(in_write == c.expected);
        // That write's echo (the replica's next revision, the same body) changes nothing.
        const uint64_t revision = h.app.editor().revision();
        h.app.on_team_event(R"({"kind":"remote","target":"ann:a1:alice","annotations":)" +
                            h.platform.team_writes[0][1] + "}");
        CHECK(h.app.editor().revision() == revision);
        CHECK(shown(h) == c.expected);
    }
}

TEST_CASE("team: a remote change with nothing edited here is shown as it is and not written back") {
    Harness h;
    open_with_base(h);
    h.app.on_team_event(
        R"({"kind":"remote","target":"ann:a1:alice","annotations":)" +
        ann_json("2-other",
                 R"([{"id":"e2","start":22,"end":27,"label":"ORG"},{"id":"e5","start":14,"end":21,"label":"PER"}])") +
        "}");
    CHECK(shown(h) == std::vector<std::string>{"e5 14-21 PER", "e2 22-27 ORG"});
    CHECK(h.app.status_message() == "ann:a1:alice changed on another device: shown here");
    h.platform.clock += 1000;
    h.frames(2);
    CHECK(h.platform.team_writes.empty());
    // A second change is merged from this one, not from the revision the article opened with: an
    // edit here, then the other device deletes e5.
    REQUIRE(h.app.editor().set_label("e2", "LOC").ok());
    h.frames(1);
    REQUIRE(h.platform.team_writes.empty());
    h.app.on_team_event(R"({"kind":"remote","target":"ann:a1:alice","annotations":)" +
                        ann_json("3-other", R"([{"id":"e2","start":22,"end":27,"label":"ORG"}])") + "}");
    CHECK(shown(h) == std::vector<std::string>{"e2 22-27 LOC"});
    CHECK(h.app.status_message() == "ann:a1:alice changed on another device: merged with the edits made here");
}

namespace {
// Paris (e2) selected by a click, then the other device's revision `rev` with e1 ORG and e2 at
// [start, 27) arrives before a key.
void select_paris_then_remote(Harness& h, const std::string& rev, int start) {
    h.click(h.center_of(24));
    h.frames(1);
    h.app.on_team_event(R"({"kind":"remote","target":"ann:a1:alice","annotations":)" +
                        ann_json(rev, R"([{"id":"e1","start":0,"end":13,"label":"ORG"},{"id":"e2","start":)" +
                                          std::to_string(start) + R"(,"end":27,"label":"LOC"}])") +
                        "}");
}
}  // namespace

TEST_CASE("team: a change from another device keeps the selection on an entity it left in place, not on one it moved") {
    Harness h;
    open_with_base(h);
    // The other device relabels e1 between the click and the key: the key still acts on Paris.
    select_paris_then_remote(h, "2-other", 22);
    REQUIRE(shown(h) == std::vector<std::string>{"e1 0-13 ORG", "e2 22-27 LOC"});
    h.key(ImGuiKey_Delete);
    CHECK(shown(h) == std::vector<std::string>{"e1 0-13 ORG"});
    // Paris back (undo); then the other device moves it: the selection is dropped and the key
    // deletes nothing.
    h.key(ImGuiKey_Z, true);
    REQUIRE(shown(h) == std::vector<std::string>{"e1 0-13 ORG", "e2 22-27 LOC"});
    select_paris_then_remote(h, "3-other", 21);
    REQUIRE(shown(h) == std::vector<std::string>{"e1 0-13 ORG", "e2 21-27 LOC"});
    h.key(ImGuiKey_Delete);
    CHECK(shown(h) == std::vector<std::string>{"e1 0-13 ORG", "e2 21-27 LOC"});
}
