// core/printable: what a terminal or a status line would act on is shown escaped; the rest is kept.
#include <doctest/doctest.h>

#include "core/printable.hpp"

using aa::printable;

TEST_CASE("printable escapes C0 controls, DEL and C1 controls and keeps ordinary text") {
    CHECK(printable("PER") == "PER");
    CHECK(printable("Zürich “quoted” 東京 🙂") == "Zürich “quoted” 東京 🙂");
    CHECK(printable("a\nb\rc\td") == "a\\nb\\rc\\td");
    CHECK(printable("\x1b[2K\x07ok") == "\\e[2K\\x07ok");
    CHECK(printable(std::string("nul\0x", 5)) == "nul\\x00x");
    CHECK(printable("del\x7f") == "del\\x7F");
    CHECK(printable("csi\xC2\x9B"
                    "31m") == "csi\\u{009B}31m");
}

TEST_CASE("printable shows bidi overrides, isolates and zero-width characters by code") {
    CHECK(printable("abc\xE2\x80\xAE"
                    "fed") == "abc\\u{202E}fed");  // RIGHT-TO-LEFT OVERRIDE
    CHECK(printable("P\xE2\x80\x8B"
                    "ER") == "P\\u{200B}ER");                                // ZERO WIDTH SPACE
    CHECK(printable("\xEF\xBB\xBFx") == "\\u{FEFF}x");                       // BOM
    CHECK(printable("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u{2066}x\\u{2069}");  // LRI ... PDI
    CHECK(printable("line\xE2\x80\xA8sep") == "line\\u{2028}sep");
}

TEST_CASE("printable shows invalid UTF-8 bytes as \\xNN") {
    CHECK(printable("bad \xC3\x28 bytes") == "bad \\xC3( bytes");
    CHECK(printable("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a surrogate
    CHECK(printable("\xF0\x9F\x99") == "\\xF0\\x9F\\x99");  // cut short
}

TEST_CASE("printable_lines keeps the message's own line breaks") {
    CHECK(aa::printable_lines("one \x1b\ntwo\n") == "one \\e\ntwo\n");
}
