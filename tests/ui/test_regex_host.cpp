// User regular expressions (the find bar's and the Suggest rules') run in the host, which answers
// later and stops a runaway pattern (the page's Web Worker; tests/browser/runaway_regex.test.js runs
// the real one). Here the fake host holds or answers them: keys pressed while a search runs wait
// for its hits, a newer query cancels the older search, and a stopped pattern is named in the bar,
// the status and the Suggest panel, with nothing labelled and nothing suggested.
#include <doctest/doctest.h>

#include <algorithm>

#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kText = "Putin met Peyton. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";

void type(Harness& h, const std::string& s) {
    h.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8(s.c_str());
    h.frame();
    h.frame();
}

std::string native_with_rules(const std::string& text, const std::vector<std::string>& patterns) {
    std::string rules;
    for (const std::string& p : patterns)
        rules += (rules.empty() ? "" : ", ") + std::string("{\"pattern\": \"") + p + "\", \"label\": \"PER\"}";
    return "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"" + text +
           "\", \"labels\": [{\"name\": \"PER\", \"color\": \"#aa9cfc\", \"key\": \"1\"}], "
           "\"suggest\": {\"rules\": [" +
           rules + "]}, \"entities\": []}";
}

void open_find_regex(Harness& h) {
    REQUIRE(h.app.set_text(kText).ok());
    h.frames(2);
    h.key(ImGuiKey_F, true);
    h.key(ImGuiKey_R, false, false, true);  // Alt+R: regular expression
}
}  // namespace

TEST_CASE("Alt+Enter pressed while the host still runs the pattern labels the hits once they arrive") {
    Harness h;
    open_find_regex(h);
    h.hold_regex = true;
    type(h, "P[a-z]+n");
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(h.app.editor().doc().entities().empty());  // nothing yet: the search runs
    REQUIRE(h.platform.regex_requests.size() == 1);
    h.answer_regex();
    h.frame();
    CHECK(h.app.editor().doc().entities().size() == 2);
    CHECK(h.app.status_message() == "Labelled 2 of 2 hits as PER (Ctrl+Z undoes)");
}

TEST_CASE("a newer query cancels the search of the older one, whose late answer is ignored") {
    Harness h;
    open_find_regex(h);
    h.hold_regex = true;
    type(h, "P");
    REQUIRE(h.platform.regex_requests.size() == 1);
    const auto old = h.platform.regex_requests.front();
    type(h, "utin");
    CHECK(std::find(h.platform.regex_cancelled.begin(), h.platform.regex_cancelled.end(), old.ticket) !=
          h.platform.regex_cancelled.end());
    REQUIRE(h.platform.regex_requests.size() == 1);
    CHECK(h.platform.regex_requests.front().pattern == "Putin");
    // The old search's answer arriving anyway (it was already on its way) changes nothing.
    ui::RegexResult late;
    late.ok = true;
    late.hits = {{0, 1}, {10, 11}};
    h.app.on_regex_result(old.ticket, late);
    h.answer_regex();
    h.frame();
    h.key(ImGuiKey_Enter, false, false, true);
    REQUIRE(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.editor().doc().text_of(
              h.app.editor().doc().entities().get(h.app.editor().doc().entities().ordered()[0])) == "Putin");
}

TEST_CASE("a find pattern the host stopped is named in the status; nothing is labelled; the next one runs") {
    Harness h;
    h.platform.runaway = {"(a+)+$"};
    open_find_regex(h);
    type(h, "(a+)+$");
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(h.app.editor().doc().entities().empty());
    CHECK(h.app.status_message() ==
          "Find /(a+)+$/: stopped after 3 s (too slow on this text: it may backtrack without end, as (a+)+$ does)");
    h.hold_regex = true;  // (the fake's std::regex would itself backtrack for ever on a wrong query)
    for (int i = 0; i < 10; ++i) h.key(ImGuiKey_Backspace);  // the field keeps the keyboard; empties it
    type(h, "a+b");                                          // a pattern that ends
    REQUIRE(!h.platform.regex_requests.empty());
    REQUIRE(h.platform.regex_requests.back().pattern == "a+b");
    h.hold_regex = false;
    h.frame();
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(h.app.editor().doc().entities().size() == 1);
}

TEST_CASE("a Suggest rule the host stopped is named by its number and pattern; no suggestion is made") {
    Harness h;
    h.platform.runaway = {"(a+)+$"};
    REQUIRE(h.app.import_from("native", native_with_rules(kText, {"P[a-z]+n", "(a+)+$"})).ok());
    h.frames(2);
    h.hold_regex = true;
    h.key(ImGuiKey_S, false, false, true);  // Alt+S: Suggest
    CHECK(h.app.status_message() == "Running 2 rules...");
    CHECK(h.platform.regex_requests.size() == 2);
    h.hold_regex = false;
    h.frame();  // the host answers: the first rule's hits, the second stopped
    CHECK(h.app.status_message() ==
          "Suggest: rule 2 (/(a+)+$/): stopped after 3 s (too slow on this text: it may backtrack without end, as "
          "(a+)+$ does)");
    h.key(ImGuiKey_A, false, true);  // Shift+A: accept all (there are none)
    CHECK(h.app.editor().doc().entities().empty());
}
