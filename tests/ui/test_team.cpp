// The Team tab driven headless through the sync script's messages (io/team_page.hpp): the side tabs
// with the Team tab fit the panel and switch on a click after File > Compare, a reader's "Mark
// done" is disabled with its reason, and the server's call to sign in again opens the dialog.
#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>

#include "headless.hpp"

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
