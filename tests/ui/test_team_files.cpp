// The Team tab's corpus as files (ui/team_files.cpp): the export's choices (whose, which format)
// handed to the sync script, one run at a time until its answer; the import offered to reviewers
// only, its annotations as gold, mine (annotators) or not imported.
#include <doctest/doctest.h>

#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {

// Signed in as `roles`, with alice's ann: document on a1 in the queue; the Team tab shown.
void signed_in(Harness& h, const std::string& roles) {
    h.platform.team_available = true;
    h.app.on_team_event(R"({"kind":"session","url":"http://127.0.0.1:5984/news","user":"rita","roles":)" + roles + "}");
    h.app.on_team_event(
        R"({"kind":"queue","articles":[{"id":"a1","title":"","assigned":[],"status":{"alice":"done"},"gold":true}]})");
    h.frames(3);
    h.click_widget("team.files");  // the section is closed until opened
    h.frames(2);
}

}  // namespace

TEST_CASE("the corpus export: whose and which format chosen, one run until the sync script answers") {
    Harness h;
    signed_in(h, R"(["reviewer"])");
    h.click_widget("team.export.who");
    h.frames(1);
    h.click_widget("team.export.who.alice");
    h.frames(1);
    h.click_widget("team.export.format");
    h.frames(1);
    h.click_widget("team.export.format.conll");
    h.frames(1);
    h.click_widget("team.export");
    REQUIRE(h.platform.team_exports.size() == 1);
    CHECK(h.platform.team_exports[0] == std::array<std::string, 2>{"alice", "conll"});
    CHECK(h.app.status_message() == "Exporting the corpus (alice, conll)...");
    h.click_widget("team.export");  // disabled while it runs
    CHECK(h.platform.team_exports.size() == 1);
    // Progress keeps it running; the last notice ends it.
    h.app.on_team_event(
        R"x({"kind":"notice","op":"export","message":"Exporting the corpus: 50 article(s) read","done":false})x");
    h.frames(1);
    h.click_widget("team.export");
    CHECK(h.platform.team_exports.size() == 1);
    h.app.on_team_event(R"x({"kind":"notice","op":"export","message":"Exported 1 article(s)","done":true})x");
    h.frames(1);
    CHECK(h.app.status_message() == "Exported 1 article(s)");
    h.click_widget("team.export");
    CHECK(h.platform.team_exports.size() == 2);
    // An error of another operation leaves it running; its own ends it.
    h.app.on_team_event(R"x({"kind":"error","message":"Cannot open a1: gone"})x");
    h.frames(1);
    h.click_widget("team.export");
    CHECK(h.platform.team_exports.size() == 2);
    h.app.on_team_event(R"x({"kind":"error","op":"export","message":"The corpus was not exported: x"})x");
    h.frames(1);
    CHECK(h.app.status_message() == "The corpus was not exported: x");
    h.click_widget("team.export");
    CHECK(h.platform.team_exports.size() == 3);
}

TEST_CASE("the corpus import is a reviewer's: as gold, as mine (an annotator too) or without annotations") {
    Harness h;
    signed_in(h, R"(["annotator"])");
    CHECK_FALSE(h.app.widget_rect("team.import"));
    Harness r;
    signed_in(r, R"(["reviewer"])");
    CHECK(r.app.widget_rect("team.import"));
    CHECK_FALSE(r.app.widget_rect("team.import.as.mine"));  // not an annotator: no ann: of its own
    r.click_widget("team.import");
    r.click_widget("team.import");  // once until the answer
    CHECK(r.platform.team_imports == std::vector<std::string>{"gold"});
    r.app.on_team_event(
        R"x({"kind":"notice","op":"import","message":"Import cancelled: no files chosen","done":true})x");
    r.frames(1);
    r.click_widget("team.import.as.none");
    r.frames(1);
    r.click_widget("team.import");
    CHECK(r.platform.team_imports == std::vector<std::string>{"gold", "none"});
    Harness both;
    signed_in(both, R"(["reviewer","annotator"])");
    both.click_widget("team.import.as.mine");
    both.frames(1);
    both.click_widget("team.import");
    CHECK(both.platform.team_imports == std::vector<std::string>{"mine"});
}
