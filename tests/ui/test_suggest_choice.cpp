// Opening a native file that carries its own Suggest setup while the panel holds a different one
// of the user's: nothing is replaced until the user chooses (keep mine / use the file's / merge),
// and a choice is reverted in one step by "Restore my rules".
#include <doctest/doctest.h>

#include "headless.hpp"

using aa::test::Harness;

namespace {
std::string native_with_rule(const std::string& text, const std::string& pattern, const std::string& gaz_term) {
    return "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"" + text +
           "\", \"labels\": [{\"name\": \"ORG\", \"color\": \"#7aecec\", \"key\": \"2\"}], "
           "\"suggest\": {\"rules\": [{\"pattern\": \"" +
           pattern +
           "\", \"label\": \"ORG\"}], "
           "\"gazetteers\": [{\"entries\": [{\"term\": \"" +
           gaz_term +
           "\", \"label\": \"ORG\"}]}]}, "
           "\"entities\": []}";
}
bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }
std::string exported(Harness& h) {
    auto out = h.app.export_as("native");
    REQUIRE(out.ok());
    return out.value();
}
// The user's own setup (taken from a first file, the panel being empty) and a second file with
// another one opened over it.
void open_mine_then_theirs(Harness& h) {
    REQUIRE(h.app.import_from("native", native_with_rule("The UN met.", "UNMINE", "Mine Corp")).ok());
    h.frames(2);
    REQUIRE(has(exported(h), "\"pattern\": \"UNMINE\""));
    REQUIRE(h.app.import_from("native", native_with_rule("The EU met.", "EUTHEIRS", "Their Corp")).ok());
    h.frames(2);
}
}  // namespace

TEST_CASE("a file's Suggest setup does not silently replace the user's: it waits for the choice") {
    Harness h;
    open_mine_then_theirs(h);
    const std::string out = exported(h);
    CHECK(has(out, "\"pattern\": \"UNMINE\""));
    CHECK(has(out, "Mine Corp"));
    CHECK_FALSE(has(out, "EUTHEIRS"));
    CHECK_FALSE(has(out, "Their Corp"));
    REQUIRE(h.app.widget_rect("suggest_choice.merge").has_value());  // the modal asks
    h.key(ImGuiKey_Escape);                                          // Keep mine
    CHECK(h.app.status_message() == "Kept your rules and gazetteers; the file's were not used");
    CHECK_FALSE(h.app.widget_rect("suggest_choice.merge").has_value());
    CHECK_FALSE(has(exported(h), "EUTHEIRS"));
}

TEST_CASE("merging a file's Suggest setup keeps the user's rules and adds the file's; Restore reverts it") {
    Harness h;
    open_mine_then_theirs(h);
    h.click_widget("suggest_choice.merge", 2);
    CHECK(h.app.status_message() == "Merged the file's rules and gazetteers (Suggest > Restore my rules undoes this)");
    std::string out = exported(h);
    CHECK(has(out, "\"pattern\": \"UNMINE\""));
    CHECK(has(out, "\"pattern\": \"EUTHEIRS\""));
    CHECK(has(out, "Mine Corp"));
    CHECK(has(out, "Their Corp"));
    // One step back: "Restore my rules" in the Suggest panel (shown after the choice).
    h.click_widget("suggest.restore", 2);
    CHECK(h.app.status_message() == "Restored your rules and gazetteers");
    out = exported(h);
    CHECK(has(out, "\"pattern\": \"UNMINE\""));
    CHECK_FALSE(has(out, "EUTHEIRS"));
    CHECK_FALSE(has(out, "Their Corp"));
}

TEST_CASE("using a file's Suggest setup replaces the user's only when chosen") {
    Harness h;
    open_mine_then_theirs(h);
    h.click_widget("suggest_choice.use", 2);
    CHECK(h.app.status_message() == "Using the file's rules and gazetteers (Suggest > Restore my rules undoes this)");
    const std::string out = exported(h);
    CHECK(has(out, "\"pattern\": \"EUTHEIRS\""));
    CHECK_FALSE(has(out, "UNMINE"));
}

TEST_CASE("a file with the same Suggest setup as the user's opens without asking") {
    Harness h;
    REQUIRE(h.app.import_from("native", native_with_rule("The UN met.", "UNMINE", "Mine Corp")).ok());
    h.frames(2);
    REQUIRE(h.app.import_from("native", native_with_rule("The EU met.", "UNMINE", "Mine Corp")).ok());
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("suggest_choice.merge").has_value());
}
