// Find, propagate, suggest and entity details driven headless through real ImGui key and mouse
// events: the find bar (plain, whole-word, RegExp through the fake host, an invalid pattern, label
// every hit as one undo step), P after a labelling, Shift+Delete, suggestions accepted / rejected /
// all accepted, the KB id and attributes, the rules kept with the autosaved view, the help window.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::find_cp;
using aa::test::Harness;

namespace {
const char* kArticle =
    "Assad met Putin. Later Assad said the talks went well.\n\n"
    "Putin said nothing. Assad's aides, and assadist critics, disagreed. The UN watched. Bank of England too.";

// Types into the focused field in one frame (the fake RegExp host never sees half a pattern).
void type(Harness& h, const std::string& s) {
    h.frames(2);  // the field takes the keyboard focus a frame after it asks for it
    ImGui::GetIO().AddInputCharactersUTF8(s.c_str());
    h.frame();
    h.frame();
}

std::vector<std::string> texts_of(const Document& d, std::string_view label) {
    std::vector<std::string> out;
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        if (e.label == label) out.emplace_back(d.text_of(e));
    }
    return out;
}
}  // namespace

TEST_CASE("Ctrl+F finds whole words, Enter steps, and Alt+Enter labels every hit as one undo step") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.key(ImGuiKey_F, true);
    type(h, "assad");
    // Case-insensitive, whole words by default: "assadist" is left out (Assad, Assad, Assad's stay).
    h.key(ImGuiKey_Enter);  // next hit
    h.frames(2);
    h.key(ImGuiKey_Enter, false, false, true);  // Alt+Enter: label every hit (active label PER)
    const Document& d = h.app.editor().doc();
    CHECK(texts_of(d, "PER") == std::vector<std::string>{"Assad", "Assad", "Assad"});
    CHECK(h.app.editor().undo_name().rfind("Label every \"assad\" as PER", 0) == 0);
    CHECK(h.app.status_message() ==
          "Labelled 3 of 3 hits as PER (Ctrl+Z undoes); 1 hit inside a longer word was left out (untick Whole "
          "words to see them)");
    h.key(ImGuiKey_Z, true);      // from inside the find bar, as the message promises
    CHECK(d.entities().empty());  // one step
    INFO(h.app.status_message());
    CHECK(h.app.status_message().find("Undid: Label every") == 0);
    h.key(ImGuiKey_Escape);  // closes the bar (the field had focus)
}

TEST_CASE("without whole words, labelling every hit first asks about the hits inside longer words") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.key(ImGuiKey_F, true);
    type(h, "assad");
    h.key(ImGuiKey_W, false, false, true);  // Alt+W: whole words off
    h.frames(2);
    h.key(ImGuiKey_Enter, false, false, true);
    h.frames(2);
    CHECK(h.app.editor().doc().entities().empty());  // asked first: "1 hit is inside longer words"
    auto include = h.app.widget_rect("find.include");
    REQUIRE(include.has_value());
    h.click(ImVec2(include->x + include->width * 0.5f, include->y + include->height * 0.5f));
    CHECK(h.app.editor().doc().entities().size() == 4);
    CHECK(h.app.status_message() == "Labelled 4 of 4 hits as PER (Ctrl+Z undoes)");
}

TEST_CASE("a regular expression goes to the host and an invalid one shows its message and finds nothing") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.key(ImGuiKey_F, true);
    h.key(ImGuiKey_R, false, false, true);  // Alt+R: regular expression
    type(h, "P[a-z]+n");
    CHECK(h.platform.regex_calls > 0);
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>{"Putin", "Putin"});
    h.key(ImGuiKey_Z, true);
    // Unbalanced: the host's message; labelling does nothing.
    type(h, "(");
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(h.app.editor().doc().entities().empty());
}

TEST_CASE("after labelling a name, P labels its other whole-word occurrences in one step") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const Text& t = h.app.editor().doc().text();
    const size_t a = find_cp(t, "Assad");
    h.drag(a, a + 5);
    h.key(ImGuiKey_1);  // PER
    REQUIRE(h.app.editor().doc().entities().size() == 1);
    h.key(ImGuiKey_P);
    // "Assad", "Assad", "Assad's" -> Assad; "assadist" is not the same text.
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>{"Assad", "Assad", "Assad"});
    // Putin: one keystroke too once one is labelled.
    const size_t p = find_cp(t, "Putin");
    h.drag(p, p + 5);
    h.key(ImGuiKey_1);
    h.key(ImGuiKey_P);
    CHECK(texts_of(h.app.editor().doc(), "PER").size() == 5);
    h.key(ImGuiKey_Z, true);
    CHECK(texts_of(h.app.editor().doc(), "PER").size() == 4);  // the propagation was one step
}

TEST_CASE("Shift+Delete removes every entity with the selected one's text and label, undoable") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const Text& t = h.app.editor().doc().text();
    const size_t a1 = find_cp(t, "Assad"), a2 = find_cp(t, "Assad", 5), p = find_cp(t, "Putin");
    REQUIRE(h.app.editor().add_entity(a1, a1 + 5, "PER").ok());
    REQUIRE(h.app.editor().add_entity(a2, a2 + 5, "PER").ok());
    REQUIRE(h.app.editor().add_entity(p, p + 5, "PER").ok());
    h.frames(2);
    h.click(h.center_of(a1 + 2));
    h.key(ImGuiKey_Delete, false, true);
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>{"Putin"});
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().size() == 3);
}

TEST_CASE("suggestions: names and a gazetteer; A accepts, R rejects, Shift+A accepts the rest in one step") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    ui::App& app = h.app;
    // The gazetteer and the names suggester, set through the rules JSON the panel saves.
    h.key(ImGuiKey_S, false, false, true);  // Alt+S with the defaults: names as PER
    h.frames(2);
    CHECK(app.status_message().find("suggestions") != std::string::npos);
    const size_t before = app.editor().doc().entities().size();
    h.key(ImGuiKey_A);  // accept the current (first) suggestion
    CHECK(app.editor().doc().entities().size() == before + 1);
    const Entity& first = app.editor().doc().entities().get(app.editor().doc().entities().ordered()[0]);
    CHECK(app.editor().doc().text_of(first) == "Assad");
    h.key(ImGuiKey_R);  // reject the next one
    const size_t after_reject = app.editor().doc().entities().size();
    CHECK(after_reject == before + 1);
    h.key(ImGuiKey_A, false, true);  // Shift+A: all the rest
    const size_t all = app.editor().doc().entities().size();
    CHECK(all > after_reject + 2);
    h.key(ImGuiKey_Z, true);
    CHECK(app.editor().doc().entities().size() == after_reject);
}

TEST_CASE("the help window lists the new shortcuts") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    h.key(ImGuiKey_F1);
    ImGuiWindow* w = ImGui::FindWindowByName("Keyboard shortcuts");
    REQUIRE(w != nullptr);
    CHECK(w->Active);
}

TEST_CASE("Find in a long text searches a slice per frame; Enter and Alt+Enter pressed meanwhile act when it ends") {
    Harness h;
    std::string text;
    for (int i = 0; i < 50000; ++i)
        text += i % 100 == 7 ? "Paris and more. " : i % 100 == 9 ? "Parisian too. " : "Rome and more. ";
    REQUIRE(h.app.set_text(text).ok());
    h.frames(20);  // the snapshot of the new article is stored
    REQUIRE(!h.app.busy());
    h.key(ImGuiKey_F, true);
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a 4 ms slice searches a few steps
    type(h, "paris");
    CHECK(h.app.busy());                        // 180 KB: not all in one frame
    h.key(ImGuiKey_Enter, false, false, true);  // Alt+Enter while it searches: waits for the hits
    CHECK(h.app.editor().doc().entities().empty());
    int frames = 0;
    while (h.app.busy() && frames < 1000) h.frame(), ++frames;
    CHECK(frames > 3);
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>(500, "Paris"));
    CHECK(h.app.status_message() ==
          "Labelled 500 of 500 hits as PER (Ctrl+Z undoes); 500 hits inside longer words were left out (untick Whole "
          "words to see them)");

    // Another document opened while a search runs stops it (the run read the old text).
    h.key(ImGuiKey_Z, true);  // 500 ops: a slice per frame, the keys given back to the field after
    for (int i = 0; h.app.busy() && i < 1000; ++i) h.frame();
    REQUIRE(h.app.editor().doc().entities().empty());
    h.frames(2);   // the progress bar closes, then the field takes the keys again
    type(h, "x");  // "parisx": a new search
    REQUIRE(h.app.busy());
    REQUIRE(h.app.set_text("Paris, again.").ok());
    h.frames(30);
    CHECK(!h.app.busy());
    h.key(ImGuiKey_Backspace);
    h.frames(2);
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>{"Paris"});
}

TEST_CASE("a frame already past its budget searches one step of Find, and the search still ends with every hit") {
    // Find's slice takes what is left of the frame's budget (its drawing counted): with every look
    // at the clock costing 6 ms each frame is past it when Find's turn comes, so a frame searches one
    // step (4 KB) and no more, and the hits are the same in the end.
    Harness h;
    std::string text;
    for (int i = 0; i < 10000; ++i) text += i % 20 == 7 ? "Paris and more. " : "Rome and more. ";  // 150 KB
    REQUIRE(h.app.set_text(text).ok());
    h.frames(20);
    REQUIRE(!h.app.busy());
    h.key(ImGuiKey_F, true);
    h.platform.clock_step = 6;
    type(h, "paris");
    int frames = 0;
    while (h.app.busy() && frames < 1000) h.frame(), ++frames;
    CHECK(frames >= static_cast<int>(text.size() / (4 << 10)) - 3);  // the typing frames searched a step each
    CHECK(!h.app.busy());
    h.platform.clock_step = 0;
    h.key(ImGuiKey_Enter, false, false, true);  // Alt+Enter: label every hit
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>(500, "Paris"));
}

TEST_CASE("the propagation offer is counted a slice per frame in a long text; P meanwhile labels them once counted") {
    Harness h;
    std::string text;
    for (int i = 0; i < 40000; ++i) text += i % 50 == 7 ? "Paris and more. " : "Rome and more, again. ";
    REQUIRE(h.app.set_text(text).ok());
    h.frames(20);  // the snapshot of the new article is stored
    REQUIRE(!h.app.busy());
    const Text& t = h.app.editor().doc().text();
    const size_t p = find_cp(t, "Paris");
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a 2 ms slice counts a step or two
    h.drag(p, p + 5);
    h.key(ImGuiKey_1);  // PER
    REQUIRE(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.busy());  // 830 KB: still counting after the label's frames
    h.key(ImGuiKey_P);    // while it counts: waits for the count
    CHECK(h.app.editor().doc().entities().size() == 1);
    int frames = 0;
    while (h.app.busy() && frames < 1000) h.frame(), ++frames;
    CHECK(frames > 3);
    CHECK(texts_of(h.app.editor().doc(), "PER") == std::vector<std::string>(800, "Paris"));
    CHECK(h.app.status_message() == "Labelled 799 more \"Paris\" as PER (Ctrl+Z undoes)");
    h.key(ImGuiKey_Z, true);  // 799 ops: a slice per frame
    for (int i = 0; h.app.busy() && i < 1000; ++i) h.frame();
    CHECK(texts_of(h.app.editor().doc(), "PER").size() == 1);  // one step

    // A relabel while it counts starts the count again, for the new label.
    h.key(ImGuiKey_Z, true);  // the first label undone too
    REQUIRE(h.app.editor().doc().entities().empty());
    h.drag(p, p + 5);
    h.key(ImGuiKey_1);  // PER
    REQUIRE(h.app.busy());
    const Document& d = h.app.editor().doc();
    REQUIRE(h.app.editor().set_label(d.entities().get(d.entities().ordered()[0]).id, "LOC").ok());
    frames = 0;
    while (h.app.busy() && frames < 1000) h.frame(), ++frames;
    h.key(ImGuiKey_P);
    while (h.app.busy() && frames < 2000) h.frame(), ++frames;
    CHECK(texts_of(d, "LOC") == std::vector<std::string>(800, "Paris"));
    CHECK(texts_of(d, "PER").empty());
}

TEST_CASE("Suggest's merge follows the edits made while it works and after: only the changed places are merged again") {
    Harness h;
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "Angela Merkel met Victoria Nuland in Berlin. The talks went well.\n\n";
    REQUIRE(h.app.set_text(text).ok());
    for (int i = 0; i < 500 && h.app.busy(); ++i) h.frame();
    REQUIRE(!h.app.busy());
    Editor& ed = h.app.editor();
    const Text& t = ed.doc().text();
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: Suggest takes many frames
    h.key(ImGuiKey_S, false, false, true);
    // Berlin labelled in every phase (counting what is labelled, the text's work, the merge): each
    // is then no suggestion; the first one labelled is a known text from then on, with its label.
    size_t added = 0, at = 0;
    int frames = 0;
    std::vector<std::string> ids;
    while (h.app.busy() && frames < 5000) {
        if (frames < 8) {  // one a frame while it works (each also starts the propagation offer's count)
            at = find_cp(t, "Berlin", at + 1);
            auto id = ed.add_entity(at, at + 6, "LOC");
            REQUIRE(id.ok());
            ids.push_back(*id);
            ++added;
        }
        h.frame(), ++frames;
    }
    CHECK(frames > 5);
    CHECK(h.app.status_message() ==
          std::to_string(9000 - added) + " suggestions: A accepts, R rejects, N goes to the next, Shift+A accepts all");
    const size_t before = ed.doc().entities().size();
    h.key(ImGuiKey_A);  // the current one, at the top
    REQUIRE(ed.doc().entities().size() == before + 1);
    REQUIRE(ed.remove_entity(ids.back()).ok());  // its Berlin is suggested again
    h.frame();
    h.key(ImGuiKey_A, false, true);  // Shift+A: every one left, the deleted Berlin among them
    CHECK(h.app.status_message() == "Accepted " + std::to_string(9000 - added) + " suggestions (Ctrl+Z undoes)");
    CHECK(ed.doc().entities().count_label("LOC") == 3000);
    h.key(ImGuiKey_Z, true);  // thousands of ops: a slice per frame
    for (int i = 0; h.app.busy() && i < 1000; ++i) h.frame();
    CHECK(ed.doc().entities().size() == before);
}

TEST_CASE("Suggest in a long text works a slice per frame with a progress bar; Cancel leaves no suggestion") {
    Harness h;
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "Angela Merkel met Victoria Nuland in Berlin. The talks went well.\n\n";
    REQUIRE(h.app.set_text(text).ok());
    for (int i = 0; i < 500 && h.app.busy(); ++i) h.frame();  // the snapshot of the new article is stored
    REQUIRE(!h.app.busy());
    // At once (time stands still within a frame): the count to expect.
    h.key(ImGuiKey_S, false, false, true);
    REQUIRE(!h.app.busy());
    const std::string all = h.app.status_message();
    CHECK(all == "9000 suggestions: A accepts, R rejects, N goes to the next, Shift+A accepts all");

    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a 4 ms slice works through a few pieces
    h.key(ImGuiKey_S, false, false, true);
    CHECK(h.app.busy());
    CHECK(h.app.widget_rect("suggest.progress").has_value());
    h.click_widget("suggest.cancel");
    CHECK(!h.app.busy());
    CHECK(h.app.status_message() == "Suggest cancelled: no suggestions");
    const size_t before = h.app.editor().doc().entities().size();
    h.key(ImGuiKey_A);  // nothing to accept
    CHECK(h.app.editor().doc().entities().size() == before);

    h.key(ImGuiKey_S, false, false, true);
    int frames = 0;
    while (h.app.busy() && frames < 2000) h.frame(), ++frames;
    CHECK(frames > 3);
    CHECK(h.app.status_message() == all);
    h.key(ImGuiKey_A);
    CHECK(h.app.editor().doc().entities().size() == before + 1);
}

TEST_CASE("Suggest in Arabic, Chinese and English lines with no blank line works a slice per frame; same result") {
    // The benchmark's Arabic and Chinese articles have no blank line: each pass of the text's work
    // was one step over the whole text. Now a piece ends at any line break and is sized by time.
    Harness h;
    std::string text;
    for (int i = 0; i < 150; ++i)
        text +=
            "أعلن وزير الخارجية المصري سامح شكري في القاهرة يوم الاثنين أن مصر ستستضيف قمة إقليمية.\n"
            "中国外交部发言人毛宁周二在北京表示，中方欢迎联合国秘书长古特雷斯访华。\n"
            "talks went on\nAngela Merkel met Victoria Nuland in Berlin. The talks went well.\n";
    REQUIRE(h.app.set_text(text).ok());
    for (int i = 0; i < 500 && h.app.busy(); ++i) h.frame();
    REQUIRE(!h.app.busy());
    auto spans = [&] {
        std::vector<std::string> out;
        const Document& d = h.app.editor().doc();
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            out.push_back(std::to_string(e.start) + "-" + std::to_string(e.end) + ":" + e.label);
        }
        return out;
    };
    h.key(ImGuiKey_S, false, false, true);  // at once: time stands still within a frame
    REQUIRE(!h.app.busy());
    const std::string all = h.app.status_message();
    CHECK(all == "450 suggestions: A accepts, R rejects, N goes to the next, Shift+A accepts all");
    h.key(ImGuiKey_A, false, true);
    const std::vector<std::string> at_once = spans();
    CHECK(at_once.size() == 450);  // three names a copy
    h.key(ImGuiKey_Z, true);
    REQUIRE(h.app.editor().doc().entities().size() == 0);

    h.platform.clock_step = 1;  // each look at the clock costs 1 ms
    h.key(ImGuiKey_S, false, false, true);
    int frames = 0;
    while (h.app.busy() && frames < 5000) h.frame(), ++frames;
    CHECK(frames > 10);  // a pass was one step before
    CHECK(h.app.status_message() == all);
    h.key(ImGuiKey_A, false, true);
    CHECK(spans() == at_once);
}
