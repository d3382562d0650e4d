// The autosave session: the document and its undo/redo history survive a save and a restore,
// a damaged history is dropped without losing the document, a damaged document fails the read.
#include <doctest/doctest.h>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/session.hpp"

namespace {

std::vector<aa::Entity> entities_of(const aa::Document& d) {
    std::vector<aa::Entity> out;
    for (aa::Slot s : d.entities().ordered()) out.push_back(d.entities().get(s));
    return out;
}

bool same(const aa::Document& a, const aa::Document& b) {
    return a.text().utf8() == b.text().utf8() && a.info == b.info && a.labels().all() == b.labels().all() &&
           entities_of(a) == entities_of(b);
}

// An editor over the Unicode fixture with a history of entity and label edits, two of them undone.
bool make_editor(aa::Editor& ed) {
    aa::io::ReadResult r = aa::io::read("native", aa::test::read_fixture("native/unicode.json"));
    if (!r.ok()) return false;
    ed.reset(std::move(r.documents[0]));
    bool ok = ed.add_entity(0, 6, "MISC").ok();  // “Café”
    ok &= ed.set_note("e1", "the café, not the company").ok();
    ok &= ed.add_label(aa::Label{"EVENT", aa::Color{1, 2, 3}, "5", "Events"}).ok();
    {
        aa::Editor::Group g(ed, "Bulk relabel");
        ok &= ed.set_label("e8", "EVENT").ok();
        ok &= ed.set_attributes("e9", {{"capital", "yes"}}).ok();
        ok &= ed.set_locked("e9", true).ok();  // the entity's own lock travels in its ops
    }
    ok &= ed.update_label("MISC", aa::Label{"OTHER", aa::Color{9, 9, 9}, "4", ""}).ok();
    ok &= ed.remove_entity("e5").ok();
    ok &= ed.undo() && ed.undo();
    return ok;
}

}  // namespace

TEST_CASE("a session restores the document, both history stacks and the view") {
    aa::Editor ed;
    AA_REQUIRE(make_editor(ed));
    AA_REQUIRE(ed.undo_stack().size() == 4);
    AA_REQUIRE(ed.redo_stack().size() == 2);
    aa::io::ViewPrefs view;
    view.zoom = 1.25f;
    view.active_label = "ORG";
    view.suggest = aa::SuggestConfig{};
    view.suggest->rules = std::vector<aa::Rule>{{"\\bUN\\b", "ORG"}};
    const std::string saved = aa::io::write_session(ed, view);
    CHECK(
        saved.find(
            R"("view":{"active_label":"ORG","find_whole_word":true,"side_collapsed":false,"side_width":360.0,"snap_to_words":true,"sticky_label":false,)"
            R"("suggest":{"rules":[{"label":"ORG","pattern":"\\bUN\\b"}]},"zoom":1.25})") != std::string::npos);
    auto s = aa::io::read_session(saved);
    AA_REQUIRE_MESSAGE(s.ok(), s.error().summary());
    CHECK(same(s->document, ed.doc()));
    CHECK(s->undo == ed.undo_stack());
    CHECK(s->redo == ed.redo_stack());
    CHECK(s->view == view);
    CHECK(s->warnings.empty());

    // The restored editor undoes and redoes exactly like the original.
    aa::Editor restored;
    aa::io::restore_session(restored, std::move(s.value()));
    while (ed.redo()) CHECK(restored.redo());
    CHECK(!restored.can_redo());
    CHECK(same(restored.doc(), ed.doc()));
    while (ed.undo()) {
        CHECK(restored.undo());
        CHECK(same(restored.doc(), ed.doc()));
    }
    CHECK(!restored.can_undo());
}

TEST_CASE("a session write is stable: read then write gives the same bytes") {
    aa::Editor ed;
    AA_REQUIRE(make_editor(ed));
    const std::string saved = aa::io::write_session(ed, aa::io::ViewPrefs{});
    auto s = aa::io::read_session(saved);
    AA_REQUIRE(s.ok());
    aa::Editor again;
    const std::optional<aa::io::ViewPrefs> view = s->view;
    aa::io::restore_session(again, std::move(s.value()));
    CHECK(aa::io::write_session(again, view) == saved);
}

TEST_CASE("a damaged view costs the view, never the work: each problem is a positioned warning") {
    aa::Editor ed;
    const std::string base = aa::io::write_session(ed);  // a waiting queue document: "view": {}
    CHECK(base.find("\"view\":{}") != std::string::npos);
    auto plain = aa::io::read_session(base);
    AA_REQUIRE(plain.ok());
    CHECK(plain->view == aa::io::ViewPrefs{});
    CHECK(plain->warnings.empty());

    auto with_view = [&](const std::string& view) {
        std::string s = base;
        s.replace(s.find("\"view\":{}"), 9, "\"view\":" + view);
        return aa::io::read_session(s);
    };
    auto arr = with_view("[1]");
    AA_REQUIRE(arr.ok());
    CHECK(!arr->view);
    AA_REQUIRE(arr->warnings.size() == 1);
    CHECK(arr->warnings[0].message == "expected an object, got an array; the view settings were reset");
    auto bad =
        with_view(R"({"zoom": "big", "sticky_label": true, "panel": 1, "suggest": {"rules": [{"label": "X"}]}})");
    AA_REQUIRE(bad.ok());
    AA_REQUIRE(bad->view);
    CHECK(bad->view->zoom == 1.0f);
    CHECK(bad->view->sticky_label);
    AA_REQUIRE(bad->view->suggest);
    CHECK(bad->view->suggest->rules == std::vector<aa::Rule>{});
    AA_REQUIRE(bad->warnings.size() == 3);
    CHECK(bad->warnings[0].path == "view.zoom");
    CHECK(bad->warnings[0].message == "expected a number, got a string; ignored");
    CHECK(bad->warnings[1].path == "view.panel");
    CHECK(bad->warnings[1].message == "unknown field (ignored)");
    CHECK(bad->warnings[2].report().find("view.suggest.rules[0]: missing required field \"pattern\"; ignored") !=
          std::string::npos);
}

TEST_CASE("a history that does not replay is dropped with a warning, and the document kept") {
    aa::Editor ed;
    AA_REQUIRE(make_editor(ed));
    std::string saved = aa::io::write_session(ed);
    // Tamper with the first undo command: it now inserts an entity over a span that does not exist.
    const size_t at = saved.find("\"undo\":[{\"name\":");
    AA_REQUIRE(at != std::string::npos);
    const size_t start = saved.find("\"start\":0", at);
    AA_REQUIRE(start != std::string::npos);
    saved.replace(start, 9, "\"start\":3");
    auto s = aa::io::read_session(saved);
    AA_REQUIRE(s.ok());
    CHECK(same(s->document, ed.doc()));
    CHECK(s->undo.empty());
    CHECK(s->redo.empty());
    AA_REQUIRE(s->warnings.size() == 1);
    const std::string w = s->warnings[0].report();
    CHECK(w.rfind("warning: the undo history does not match the document (undo of \"Add MISC ", 0) == 0);
    CHECK(w.substr(w.size() - 56) == " fails: entity \"e12\" is not as recorded); it was dropped");
}

TEST_CASE("a malformed history is dropped with a located warning") {
    aa::Editor ed;
    AA_REQUIRE(make_editor(ed));
    std::string saved = aa::io::write_session(ed);
    const size_t at = saved.find("\"kind\":\"insert_entity\"");
    AA_REQUIRE(at != std::string::npos);
    saved.replace(at, 22, "\"kind\":\"teleport\"");
    auto s = aa::io::read_session(saved);
    AA_REQUIRE(s.ok());
    CHECK(same(s->document, ed.doc()));
    CHECK(s->undo.empty());
    AA_REQUIRE(s->warnings.size() == 1);
    CHECK(s->warnings[0].path == "undo[0].ops[0].kind");
    CHECK(s->warnings[0].message == "unknown op \"teleport\"; the undo history was dropped");
    CHECK(s->warnings[0].line == 1);
    size_t column = 1;  // code points before the value, plus one
    for (size_t i = 0; i < at + 7; ++i) column += (static_cast<unsigned char>(saved[i]) & 0xC0) != 0x80;
    CHECK(s->warnings[0].column == column);
}

TEST_CASE("a damaged document fails the read with its path inside the session") {
    const std::string input =
        "{\"format\": \"article-annotator-session\", \"version\": 1,\n"
        " \"document\": {\"format\": \"article-annotator\", \"version\": 1, \"text\": \"Paris\",\n"
        "   \"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 9, \"label\": \"LOC\", \"text\": \"Paris\"}]}}";
    auto s = aa::io::read_session(input);
    AA_REQUIRE(!s.ok());
    CHECK(s.error().path == "document.entities[0].end");
    CHECK(s.error().message == "9 is past the end of the text (5 code points)");
    CHECK(s.error().line == 3);
    CHECK(s.error().column == 49);
}

TEST_CASE("input that is not a session is refused") {
    auto s = aa::io::read_session(aa::test::read_fixture("native/minimal.json"));
    AA_REQUIRE(!s.ok());
    CHECK(s.error().summary() == "format: expected \"article-annotator-session\", got \"article-annotator\"");
    s = aa::io::read_session("");
    AA_REQUIRE(!s.ok());
    CHECK(s.error().message == "the file is empty");
    s = aa::io::read_session(R"({"format": "article-annotator-session", "version": 1})");
    AA_REQUIRE(!s.ok());
    CHECK(s.error().message == "missing required field \"document\"");
}
