// The guidelines' Markdown subset (markdown.hpp).
#include "ui/markdown.hpp"

#include <cctype>

namespace aa::ui::md {
namespace {

void add(std::vector<Span>& out, std::string_view text, bool bold, std::string url = {}) {
    if (text.empty()) return;
    if (!out.empty() && out.back().bold == bold && out.back().url.empty() && url.empty()) {
        out.back().text += text;
        return;
    }
    out.push_back(Span{std::string(text), bold, std::move(url)});
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool openable(std::string_view url) {
    auto starts = [&](std::string_view scheme) {
        if (url.size() <= scheme.size()) return false;
        for (size_t i = 0; i < scheme.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
        return true;
    };
    return starts("http://") || starts("https://") || starts("mailto:");
}

std::vector<Span> parse_inline(std::string_view s) {
    std::vector<Span> out;
    bool bold = false;
    size_t plain = 0;  // start of the text not emitted yet
    for (size_t i = 0; i < s.size();) {
        if ((s.compare(i, 2, "**") == 0 || s.compare(i, 2, "__") == 0)) {
            // A marker opens only if it closes later on the line.
            if (bold || s.find(s.substr(i, 2), i + 2) != std::string_view::npos) {
                add(out, s.substr(plain, i - plain), bold);
                bold = !bold;
                i += 2;
                plain = i;
                continue;
            }
        }
        if (s[i] == '[') {
            const size_t close = s.find(']', i + 1);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                const size_t end = s.find(')', close + 2);
                if (end != std::string_view::npos) {
                    add(out, s.substr(plain, i - plain), bold);
                    add(out, s.substr(i + 1, close - i - 1), bold, std::string(s.substr(close + 2, end - close - 2)));
                    i = end + 1;
                    plain = i;
                    continue;
                }
            }
        }
        ++i;
    }
    add(out, s.substr(plain), bold);
    return out;
}

std::vector<Block> parse(std::string_view text) {
    std::vector<Block> out;
    std::string para;  // the paragraph being joined
    auto flush = [&] {
        if (!para.empty()) out.push_back(Block{Block::Kind::Paragraph, 0, {}, parse_inline(para)});
        para.clear();
    };
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view raw = text.substr(pos, nl - pos);
        pos = nl + 1;
        const std::string_view line = trim(raw);
        size_t indent = 0;
        while (indent < raw.size() && raw[indent] == ' ') ++indent;
        if (line.empty()) {
            flush();
        } else if (line[0] == '#') {
            size_t level = 0;
            while (level < line.size() && line[level] == '#') ++level;
            if (level <= 6 && level < line.size() && line[level] == ' ') {
                flush();
                out.push_back(
                    Block{Block::Kind::Heading, static_cast<int>(level), {}, parse_inline(trim(line.substr(level)))});
            } else {
                para += (para.empty() ? "" : " ") + std::string(line);
            }
        } else if (line.size() > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
            flush();
            out.push_back(
                Block{Block::Kind::Bullet, static_cast<int>(indent / 2), {}, parse_inline(trim(line.substr(2)))});
        } else {
            size_t d = 0;
            while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
            if (d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') {
                flush();
                out.push_back(Block{Block::Kind::Numbered, static_cast<int>(indent / 2),
                                    std::string(line.substr(0, d + 1)), parse_inline(trim(line.substr(d + 2)))});
            } else {
                para += (para.empty() ? "" : " ") + std::string(line);
            }
        }
        if (nl == text.size()) break;
    }
    flush();
    return out;
}

}  // namespace aa::ui::md
