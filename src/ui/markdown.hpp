// The Markdown subset of the guidelines (headings, lists, bold, links), parsed into blocks of styled
// spans for the Guidelines panel. Pure (no ImGui): anything else reads as plain text, never lost.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace aa::ui::md {

struct Span {
    std::string text;
    bool bold = false;
    std::string url;  // a link's target; empty for text
    friend bool operator==(const Span&, const Span&) = default;
};

struct Block {
    enum class Kind { Paragraph, Heading, Bullet, Numbered };
    Kind kind = Kind::Paragraph;
    int level = 0;       // Heading: 1-6; Bullet / Numbered: the indent (0, 1, ...)
    std::string number;  // Numbered: "1." as written
    std::vector<Span> spans;
    friend bool operator==(const Block&, const Block&) = default;
};

// Blocks in order: "# Heading", "- item" / "* item" / "+ item", "1. item" (two spaces of indent a
// level), paragraphs of consecutive lines joined by a space; blank lines end a block.
std::vector<Block> parse(std::string_view text);
// Inline: **bold**, __bold__, [text](url); an unclosed marker stays as written.
std::vector<Span> parse_inline(std::string_view text);
// Whether a link may be opened: http://, https:// or mailto: (any case), nothing else.
bool openable(std::string_view url);

}  // namespace aa::ui::md
