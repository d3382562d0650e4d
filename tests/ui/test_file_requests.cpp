// Files routed by the request they answer (App::on_file): every chooser the App opens is a request
// with an id (Platform::open_file_dialog), its files carry that id, files dropped or pasted carry
// App::kDroppedFiles. A cancelled chooser of any kind does not capture the next file; a late file of
// a cancelled chooser is ignored with a message; a file of an earlier chooser arriving while a later
// one is open goes where its own chooser meant it to. The page's side: tests/browser/file_requests.test.js.
#include <doctest/doctest.h>

#include "headless.hpp"

using aa::test::Harness;

namespace {
const char* kArticle = "Angela Merkel visited Paris.";
const char* kNext = "Emmanuel Macron met her in Berlin.";

// Opens the chooser behind `widget` (a File menu item or a Suggest panel button); returns its request.
uint64_t open_chooser(Harness& h, const char* widget, bool menu) {
    const int before = h.platform.file_dialogs;
    if (menu) {
        h.click(ImVec2(20, 8));  // the File menu
        h.frames(1);
    } else if (!h.app.widget_rect(widget)) {
        h.key(ImGuiKey_S, false, false, true);  // Alt+S shows the Suggest panel
        h.frames(2);
    }
    h.click_widget(widget, 2);
    REQUIRE(h.platform.file_dialogs == before + 1);
    return h.platform.last_request;
}

uint64_t ctrl_o(Harness& h) {
    const int before = h.platform.file_dialogs;
    h.key(ImGuiKey_O, true);
    h.frames(2);
    REQUIRE(h.platform.file_dialogs == before + 1);
    return h.platform.last_request;
}

void deliver(Harness& h, uint64_t request, const char* name, const std::string& bytes) {
    h.app.on_files_begin(request, 1);
    h.app.on_file(request, name, bytes);
    h.app.on_files_end(request);
    h.frames(2);
}

struct Kind {
    const char* widget;
    bool menu;  // in the File menu (else the Suggest panel)
};
const Kind kKinds[] = {{"suggest.load_file", false}, {"suggest.import_rules", false}, {"menu.compare", true}};
}  // namespace

TEST_CASE("a cancelled chooser of every kind of request does not capture the next file") {
    for (const Kind& k : kKinds) {
        for (bool cancel_reported : {true, false}) {
            CAPTURE(k.widget);
            CAPTURE(cancel_reported);
            Harness h;
            REQUIRE(h.app.set_text(kArticle).ok());
            h.frames(2);
            const uint64_t first = open_chooser(h, k.widget, k.menu);
            if (cancel_reported) {
                h.app.on_file_dialog_cancelled(first);
                CHECK(h.app.status_message() == "No file chosen; nothing loaded");
            }
            // Ctrl+O and an article picked, or the article dropped: it opens as the article.
            const uint64_t open = cancel_reported ? ctrl_o(h) : aa::ui::App::kDroppedFiles;
            deliver(h, open, "next.txt", kNext);
            CHECK(h.app.editor().doc().text().utf8() == kNext);
            CHECK(h.app.status_message() == "Opened next.txt");
        }
    }
}

TEST_CASE("a late file of a cancelled chooser is ignored, and said so; nothing changes") {
    for (const Kind& k : kKinds) {
        CAPTURE(k.widget);
        Harness h;
        REQUIRE(h.app.set_text(kArticle).ok());
        h.frames(2);
        const uint64_t first = open_chooser(h, k.widget, k.menu);
        h.app.on_file_dialog_cancelled(first);
        const std::string before = h.app.export_as("native").value();
        deliver(h, first, "places.tsv", "Paris\tLOC\n");
        CHECK(h.app.status_message() ==
              "places.tsv ignored: its file chooser was closed before it arrived (open it again)");
        CHECK(h.app.export_as("native").value() == before);
        CHECK(h.app.editor().doc().text().utf8() == kArticle);
    }
}

TEST_CASE("a file of an earlier chooser arriving while a later one is open goes where its own chooser meant") {
    // A gazetteer chooser answered late (a large file still being read) after Ctrl+O was pressed:
    // the gazetteer is a gazetteer, and the article picked in the second chooser is the article.
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const uint64_t gazetteer = open_chooser(h, "suggest.load_file", false);
    const uint64_t open = ctrl_o(h);
    REQUIRE(open != gazetteer);
    deliver(h, gazetteer, "places.tsv", "Paris\tLOC\n");
    CHECK(h.app.status_message() == "Loaded 1 gazetteer terms from places.tsv");
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
    deliver(h, open, "next.txt", kNext);
    CHECK(h.app.editor().doc().text().utf8() == kNext);
    CHECK(h.app.status_message() == "Opened next.txt");
    // And the other way round: the article's chooser answered after a comparison chooser opened.
    const uint64_t article = ctrl_o(h);
    const uint64_t compare = open_chooser(h, "menu.compare", true);
    deliver(h, article, "third.txt", "Olaf Scholz spoke in Rome.");
    CHECK(h.app.editor().doc().text().utf8() == "Olaf Scholz spoke in Rome.");
    deliver(h, compare, "third.json", h.app.export_as("native").value());
    CHECK(h.app.status_message() == "Compared with third.json: 0 differences");
}

TEST_CASE("a file answers its request once: a second delivery after the end is ignored") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(2);
    const uint64_t gazetteer = open_chooser(h, "suggest.load_file", false);
    deliver(h, gazetteer, "places.tsv", "Paris\tLOC\n");
    deliver(h, gazetteer, "more.tsv", "Berlin\tLOC\n");
    CHECK(h.app.status_message() == "more.tsv ignored: its file chooser was closed before it arrived (open it again)");
}
