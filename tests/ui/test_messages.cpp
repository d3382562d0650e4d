// Messages in the page (status bar, confirmations) show strings from files escaped, as the CLI
// does: a file name or label cannot forge a line or carry a control character into the page.
#include <doctest/doctest.h>

#include "headless.hpp"

using aa::test::Harness;

TEST_CASE("a file name with control characters is shown escaped in the status bar") {
    Harness h;
    h.app.on_file("evil\x1b[2K\r\nOpened ok.json", "{\"format\": \"article-annotator\"");
    h.frames(1);
    const std::string s = h.app.status_message();
    CHECK(s.find('\x1b') == std::string::npos);
    CHECK(s.find('\n') == std::string::npos);
    CHECK(s.find('\r') == std::string::npos);
    CHECK(s.rfind("evil\\e[2K\\r\\nOpened ok.json: ", 0) == 0);
}

TEST_CASE("a bidi override in a file name is shown by its code") {
    Harness h;
    h.app.on_file("report\xE2\x80\xAEnosj.txt", "\xC3\x28");
    h.frames(1);
    CHECK(h.app.status_message().rfind("report\\u{202E}nosj.txt: ", 0) == 0);
}

TEST_CASE("a file is routed by the latest request: a cancelled comparison chooser does not capture the next article") {
    Harness h;
    REQUIRE(h.app.set_text("Angela Merkel visited Paris.").ok());
    h.frames(2);
    // File > Compare with another annotator's file..., and the chooser is cancelled (no file comes).
    h.click(ImVec2(20, 8));
    h.frames(1);
    auto compare = h.app.widget_rect("menu.compare");
    REQUIRE(compare.has_value());
    h.click(ImVec2(compare->x + compare->width * 0.5f, compare->y + compare->height * 0.5f));
    h.frames(2);
    REQUIRE(h.platform.file_dialogs == 1);
    // Ctrl+O, and an article is picked: it opens as the article, not as the file to compare with.
    h.key(ImGuiKey_O, true);
    h.frames(2);
    REQUIRE(h.platform.file_dialogs == 2);
    h.app.on_file("next.txt", "Emmanuel Macron met her in Berlin.");
    h.frames(2);
    CHECK(h.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
    CHECK(h.app.status_message() == "Opened next.txt");
}

// Every kind of file request, cancelled (the chooser's cancel reported by the page), then a file
// opened: it is read as an article. And with no cancel reported, a dropped file (an "open"
// request of its own) is read as an article too.
TEST_CASE("a cancelled chooser of every kind of request does not capture the next file") {
    struct Kind {
        const char* widget;
        bool menu;  // in the File menu (else the Suggest panel)
    };
    for (const Kind& k :
         {Kind{"suggest.load_file", false}, Kind{"suggest.import_rules", false}, Kind{"menu.compare", true}}) {
        for (bool cancel_reported : {true, false}) {
            CAPTURE(k.widget);
            CAPTURE(cancel_reported);
            Harness h;
            REQUIRE(h.app.set_text("Angela Merkel visited Paris.").ok());
            h.frames(2);
            if (k.menu) {
                h.click(ImVec2(20, 8));
                h.frames(1);
            } else {
                h.key(ImGuiKey_S, false, false, true);  // Alt+S shows the Suggest panel
                h.frames(2);
            }
            auto w = h.app.widget_rect(k.widget);
            REQUIRE(w.has_value());
            h.click(ImVec2(w->x + w->width * 0.5f, w->y + w->height * 0.5f));
            h.frames(2);
            REQUIRE(h.platform.file_dialogs == 1);
            if (cancel_reported) {
                h.app.on_file_dialog_cancelled();
                CHECK(h.app.status_message() == "No file chosen; nothing loaded");
            } else {
                h.app.on_open_request();  // a drop
            }
            h.app.on_file("next.txt", "Emmanuel Macron met her in Berlin.");
            h.frames(2);
            CHECK(h.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
            CHECK(h.app.status_message() == "Opened next.txt");
        }
    }
}
