// Strings made safe to show on one line of a terminal or the page's status bar. Every message
// that carries a user-supplied string (a label, a key, a file name, an excerpt) passes through
// here where it leaves the program, so a crafted file cannot move the cursor, ring, recolour or
// forge a line.
#pragma once
#include <string>
#include <string_view>

namespace aa {

// Escapes what a terminal or a line of text would act on: C0 controls (\n, \r, \t, \e as
// written, others \xNN), DEL, C1 controls, and the bidirectional and invisible format characters
// (U+200B-U+200F, U+202A-U+202E, U+2060-U+2069, U+FEFF) as \u{XXXX}. Invalid UTF-8 bytes become
// \xNN. Everything else is kept as it is.
std::string printable(std::string_view s);

// The same for a multi-line message: each '\n' is kept, each line is made printable.
std::string printable_lines(std::string_view s);

// True for the invisible characters that can make two names look alike or reorder what is
// shown: bidi embeddings, overrides and isolates, zero-width characters and marks, word joiner,
// BOM / zero-width no-break space, soft hyphen.
bool is_invisible_format(char32_t c);

}  // namespace aa
