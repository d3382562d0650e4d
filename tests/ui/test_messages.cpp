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
