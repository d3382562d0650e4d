// Tests for src/io/page_state: the page's own schemas (rules file, view preferences, the versions
// and queue indexes) read with positioned diagnostics and written in the layout the page has
// always stored.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "io/fixture_files.hpp"
#include "io/page_state.hpp"

using namespace aa;

TEST_CASE("a rules file reads with every problem at its position, and writes back as the page stores it") {
    auto ok = io::read_suggest_config(
        R"({"rules": [{"pattern": "\\bUN\\b", "label": "ORG"}], "names": {"label": "PER"}, "extra": 1})");
    AA_REQUIRE_MESSAGE(ok.ok(), ok.first_error());
    AA_REQUIRE(ok.diagnostics.size() == 1);
    CHECK(ok.diagnostics[0].report() == "1:90: warning: extra: unknown field (ignored)");
    CHECK(ok.value->rules == std::vector<Rule>{{"\\bUN\\b", "ORG"}});
    CHECK(!ok.value->gazetteers);
    CHECK(ok.value->names == NamesSetup{std::nullopt, "PER"});
    CHECK(io::write_suggest_config(*ok.value) ==
          R"({"names":{"label":"PER"},"rules":[{"label":"ORG","pattern":"\\bUN\\b"}]})");

    auto bad = io::read_suggest_config(
        "{\"rules\": {},\n \"gazetteers\": [{\"entries\": [{\"term\": 3, \"label\": \"ORG\"}]}]}");
    CHECK(!bad.ok());
    AA_REQUIRE(bad.diagnostics.size() == 2);
    CHECK(bad.diagnostics[0].report() == "1:11: error: rules: expected an array, got an object");
    CHECK(bad.diagnostics[1].report() == "2:39: error: gazetteers[0].entries[0].term: expected a string, got 3");
    CHECK(bad.first_error() == "1:11: error: rules: expected an array, got an object");

    CHECK(io::read_suggest_config("").first_error() == "1:1: error: the file is empty");
    CHECK(io::read_suggest_config("[]").first_error() == "1:1: error: expected an object, got an array");
}

TEST_CASE("view preferences: stored values come back, damage is a warning that keeps the default") {
    io::ViewPrefs v;
    v.zoom = 1.5f;
    v.sticky_label = true;
    v.active_label = "LOC";
    const std::string w = io::write_view_prefs(v);
    CHECK(
        w ==
        R"({"active_label":"LOC","find_whole_word":true,"side_collapsed":false,"side_width":360.0,"snap_to_words":true,"sticky_label":true,"zoom":1.5})");
    auto r = io::read_view_prefs(w);
    AA_REQUIRE(r.ok());
    CHECK(*r.value == v);
    CHECK(r.diagnostics.empty());

    auto damaged = io::read_view_prefs(R"({"zoom": 1e39, "snap_to_words": "no", "active_label": "PER"})");
    AA_REQUIRE(damaged.ok());
    CHECK(damaged.value->zoom == 1.0f);
    CHECK(damaged.value->snap_to_words);
    CHECK(damaged.value->active_label == "PER");
    AA_REQUIRE(damaged.diagnostics.size() == 2);
    CHECK(damaged.diagnostics[0].report() == "1:10: warning: zoom: number out of range: 1e39; ignored");
    CHECK(damaged.diagnostics[1].report() ==
          "1:33: warning: snap_to_words: expected true or false, got a string; ignored");
    CHECK(io::read_view_prefs("7").first_error() == "1:1: error: expected an object, got 7");
}

TEST_CASE("view preferences: the theme and the paragraph direction are kept, written only when chosen, checked") {
    struct Choice {
        const char* key;
        std::string io::ViewPrefs::*field;
        const char* fallback;  // the default: not written
        const char* chosen;
        const char* bad;  // a file with a value out of the allowed ones
        const char* warning;
    };
    const Choice choices[] = {
        {"theme", &io::ViewPrefs::theme, "system", "dark", R"({"theme": "purple"})",
         "1:11: warning: theme: expected \"system\", \"light\" or \"dark\", got \"purple\"; ignored"},
        {"direction", &io::ViewPrefs::direction, "auto", "rtl", R"({"direction": "up"})",
         "1:15: warning: direction: expected \"auto\", \"ltr\" or \"rtl\", got \"up\"; ignored"},
    };
    for (const Choice& c : choices) {
        CAPTURE(c.key);
        io::ViewPrefs v;
        CHECK(io::write_view_prefs(v).find(c.key) == std::string::npos);
        v.*c.field = c.chosen;
        const std::string w = io::write_view_prefs(v);
        CHECK(w.find("\"" + std::string(c.key) + "\":\"" + c.chosen + "\"") != std::string::npos);
        auto r = io::read_view_prefs(w);
        AA_REQUIRE(r.ok());
        CHECK((*r.value).*c.field == c.chosen);
        auto bad = io::read_view_prefs(c.bad);
        AA_REQUIRE(bad.ok());
        CHECK((*bad.value).*c.field == c.fallback);
        AA_REQUIRE(bad.diagnostics.size() == 1);
        CHECK(bad.diagnostics[0].report() == c.warning);
    }
}

TEST_CASE("the versions index: entries without a key are dropped with a warning; the layout is the stored one") {
    // A version written since the journal names the key of its text (a snapshot stores none).
    const io::VersionIndex index = {{"version-3-10:02", "10:02", "Assad met", 4, ""},
                                    {"version-9-10:07", "10:07", "", 0, "text-00ff-12"}};
    const std::string w = io::write_version_index(index);
    CHECK(w == R"([{"entities":4,"key":"version-3-10:02","title":"Assad met","when":"10:02"},)"
               R"({"entities":0,"key":"version-9-10:07","title":"","when":"10:07","text":"text-00ff-12"}])");
    auto r = io::read_version_index(w);
    AA_REQUIRE(r.ok());
    CHECK(*r.value == index);

    auto partial = io::read_version_index(R"([{"when": "x"}, 3, {"key": "k", "entities": -1}])");
    AA_REQUIRE(partial.ok());
    AA_REQUIRE(partial.value->size() == 1);
    CHECK((*partial.value)[0].key == "k");
    AA_REQUIRE(partial.diagnostics.size() == 3);
    CHECK(partial.diagnostics[0].report() == "1:2: warning: [0]: missing required field \"key\"; ignored");
    CHECK(partial.diagnostics[1].report() == "1:17: warning: [1]: expected an object, got 3; ignored");
    CHECK(partial.diagnostics[2].report() ==
          "1:45: warning: [2].entities: expected a non-negative integer, got -1; ignored");
    CHECK(io::read_version_index("{}").first_error() == "1:1: error: expected an array of versions, got an object");

    // A copy of the autosave under its key (issue 11): "saved", written only when true.
    const io::VersionIndex copied = {{"version-4-10:03", "10:03", "t", 2, "text-00ff-12", true}};
    const std::string wc = io::write_version_index(copied);
    CHECK(wc ==
          R"([{"entities":2,"key":"version-4-10:03","title":"t","when":"10:03","text":"text-00ff-12","saved":true}])");
    auto rc = io::read_version_index(wc);
    AA_REQUIRE(rc.ok());
    CHECK(*rc.value == copied);
    CHECK(rc.diagnostics.empty());
}

TEST_CASE("the queue index: statuses, current and next id come back; a broken root is an error") {
    io::QueueIndex q;
    q.current = 1;
    q.next_id = 4;
    q.docs = {{"1", "first", 2, io::QueueStatus::Done, ""},
              {"3", "third", 0, io::QueueStatus::InProgress, "text-00000000000000ff-5"}};
    const std::string w = io::write_queue_index(q);
    CHECK(w == R"({"current":1,"docs":[{"entities":2,"id":"1","status":"done","title":"first"},)"
               R"({"entities":0,"id":"3","status":"in-progress","text":"text-00000000000000ff-5","title":"third"}],)"
               R"("next_id":4,"version":1})");
    auto r = io::read_queue_index(w);
    AA_REQUIRE(r.ok());
    CHECK(*r.value == q);

    auto odd = io::read_queue_index(R"({"docs": [{"id": "1", "status": "later"}, {"title": "no id"}]})");
    AA_REQUIRE(odd.ok());
    AA_REQUIRE(odd.value->docs.size() == 1);
    CHECK(odd.value->docs[0].status == io::QueueStatus::Todo);
    AA_REQUIRE(odd.diagnostics.size() == 2);
    CHECK(odd.diagnostics[0].report() == "1:33: warning: docs[0].status: unknown status \"later\" (read as \"todo\")");
    CHECK(odd.diagnostics[1].report() == "1:43: warning: docs[1]: missing required field \"id\"; ignored");
    CHECK(io::read_queue_index(R"({"current": 0})").first_error() == "1:1: error: missing required field \"docs\"");
    CHECK(io::read_queue_index(R"({"docs": 1})").first_error() == "1:10: error: docs: expected an array, got 1");
}

TEST_CASE("native JSONL (Export all) is told apart from one native document") {
    const std::string line = R"({"format": "article-annotator", "version": 1, "text": "a"})";
    CHECK(io::looks_like_native_jsonl(line + "\n" + line + "\n"));
    CHECK_FALSE(io::looks_like_native_jsonl(line));
    CHECK_FALSE(io::looks_like_native_jsonl(R"({"format": "other"})"
                                            "\n{}\n"));
    CHECK_FALSE(io::looks_like_native_jsonl("\n\n"));
}
