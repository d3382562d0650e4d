// Inline XML in the MUC style (<ENAMEX TYPE="PER">Angela Merkel</ENAMEX>): the reader and writer.
// Reader: ENAMEX, NUMEX, TIMEX, TIMEX2 and TIMEX3 name the label with TYPE; any other element is
// an entity labelled with its own name (<PER>...</PER>); KB_ID and NOTE fill the entity's kb_id and
// note, other attributes become its attributes. Elements named DOC, TEXT, DOCUMENT or ROOT are
// roots: when the input is one or more of them (and nothing else but whitespace, comments, the XML
// declaration), each is a document; otherwise the whole input is one document's text (a fragment;
// one final line break is not part of it). Line breaks are normalised as XML requires ("\r\n" and
// "\r" read as "\n"), so the writer writes a CR as &#13;. Errors carry line:column.
//
// [SECTION] lexer  [SECTION] reader  [SECTION] writer
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/json_read.hpp"

namespace aa::io::detail {
namespace {

using json::quote;

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool is_root_name(std::string_view name) {
    const std::string u = upper(name);
    return u == "DOC" || u == "TEXT" || u == "DOCUMENT" || u == "ROOT";
}

bool is_muc_name(std::string_view name) {
    const std::string u = upper(name);
    return u == "ENAMEX" || u == "NUMEX" || u == "TIMEX" || u == "TIMEX2" || u == "TIMEX3";
}

bool name_start(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}
bool name_char(unsigned char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// XML 1.0 (fifth edition) NameStartChar and NameChar, by code point: a no-break space or a '×'
// is not a name character although its UTF-8 bytes are >= 0x80.
bool xml_name_start(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || (c >= 0xC0 && c <= 0xD6) ||
           (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
           (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
bool xml_name_char(char32_t c) {
    return xml_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// Whether the writer may use `s` as an attribute name (the reader reads any name back).
bool valid_name(std::string_view s) {
    if (s.empty() || utf8::validate(s)) return false;
    for (size_t i = 0; i < s.size();) {
        const bool first = i == 0;
        const char32_t c = utf8::decode(s, i);
        if (first ? !xml_name_start(c) : !xml_name_char(c)) return false;
    }
    return true;
}

// ---- [SECTION] lexer ----

struct Item {
    enum Kind { Text, Open, Close } kind = Text;
    std::string text;  // decoded character data (Text), or the element name (Open, Close)
    std::vector<std::pair<std::string, std::string>> attrs;
    bool self_closing = false;
    size_t byte = 0;  // where it starts in the input
};

class Lexer {
public:
    Lexer(std::string_view in, size_t start) : in_(in), i_(start) {
        line_starts_.push_back(0);
        for (size_t k = 0; k < in.size(); ++k)
            if (in[k] == '\n') line_starts_.push_back(k + 1);
    }

    std::vector<Diagnostic> diags;
    size_t errors = 0;

    void error_at(size_t byte, std::string message) { add(Diagnostic::Severity::Error, byte, std::move(message)); }
    void warning_at(size_t byte, std::string message) { add(Diagnostic::Severity::Warning, byte, std::move(message)); }
    std::string where(size_t byte) const {
        const LineCol lc = locate(byte);
        return std::to_string(lc.line) + ":" + std::to_string(lc.column);
    }

    // The whole input as items; nullopt after the first lexical error.
    std::optional<std::vector<Item>> run() {
        std::vector<Item> items;
        while (i_ < in_.size()) {
            if (in_[i_] != '<') {
                Item t{Item::Text, {}, {}, false, i_};
                if (!text(t.text)) return std::nullopt;
                append_text(items, std::move(t));
                continue;
            }
            const size_t at = i_;
            if (starts("<!--")) {
                if (!skip_to("-->", at, "comment")) return std::nullopt;
            } else if (starts("<![CDATA[")) {
                const size_t end = in_.find("]]>", i_ + 9);
                if (end == std::string_view::npos) return fail(at, "CDATA section opened here is never closed");
                Item t{Item::Text, {}, {}, false, at};
                normalise_breaks(in_.substr(i_ + 9, end - i_ - 9), t.text);
                append_text(items, std::move(t));
                i_ = end + 3;
            } else if (starts("<?")) {
                if (!skip_to("?>", at, "processing instruction")) return std::nullopt;
            } else if (starts("<!")) {
                if (in_.substr(i_, 9) != "<!DOCTYPE") return fail(at, "unexpected markup " + quote(in_.substr(i_, 9)));
                const size_t end = in_.find('>', i_);
                if (end == std::string_view::npos) return fail(at, "DOCTYPE opened here is never closed");
                if (in_.substr(i_, end - i_).find('[') != std::string_view::npos)
                    return fail(at, "a DOCTYPE with an internal subset is not supported");
                i_ = end + 1;
            } else if (starts("</")) {
                i_ += 2;
                Item c{Item::Close, name(), {}, false, at};
                if (c.text.empty()) return fail(i_, "expected an element name after \"</\"");
                skip_space();
                if (i_ >= in_.size() || in_[i_] != '>')
                    return fail(i_, "expected '>' to end the tag </" + c.text + ">");
                ++i_;
                items.push_back(std::move(c));
            } else {
                ++i_;
                Item o{Item::Open, name(), {}, false, at};
                if (o.text.empty()) return fail(at, "'<' must start a tag (a literal '<' is written &lt;)");
                if (!attributes(o)) return std::nullopt;
                items.push_back(std::move(o));
            }
        }
        return items;
    }

private:
    LineCol locate(size_t byte) const {
        const size_t l = static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), byte) -
                                             line_starts_.begin()) -
                         1;
        const size_t from = line_starts_[l];
        return {l + 1, 1 + utf8::count_code_points(in_.substr(from, std::min(byte, in_.size()) - from))};
    }
    void add(Diagnostic::Severity sev, size_t byte, std::string message) {
        const LineCol lc = locate(byte);
        Diagnostic d;
        d.severity = sev;
        d.line = lc.line;
        d.column = lc.column;
        d.message = std::move(message);
        errors += sev == Diagnostic::Severity::Error;
        diags.push_back(std::move(d));
    }
    std::nullopt_t fail(size_t byte, std::string message) {
        error_at(byte, std::move(message));
        return std::nullopt;
    }
    bool starts(std::string_view s) const { return in_.substr(i_, s.size()) == s; }
    bool skip_to(std::string_view end, size_t at, const char* what) {
        const size_t e = in_.find(end, i_ + 2);
        if (e == std::string_view::npos) {
            error_at(at, std::string(what) + " opened here is never closed");
            return false;
        }
        i_ = e + end.size();
        return true;
    }
    void skip_space() {
        while (i_ < in_.size() && (in_[i_] == ' ' || in_[i_] == '\t' || in_[i_] == '\n' || in_[i_] == '\r')) ++i_;
    }
    std::string name() {
        const size_t from = i_;
        if (i_ < in_.size() && name_start(static_cast<unsigned char>(in_[i_])))
            while (i_ < in_.size() && name_char(static_cast<unsigned char>(in_[i_]))) ++i_;
        return std::string(in_.substr(from, i_ - from));
    }
    static void normalise_breaks(std::string_view s, std::string& out) {
        for (size_t k = 0; k < s.size(); ++k) {
            if (s[k] == '\r') {
                out += '\n';
                if (k + 1 < s.size() && s[k + 1] == '\n') ++k;
            } else {
                out += s[k];
            }
        }
    }
    static void append_text(std::vector<Item>& items, Item t) {
        if (!items.empty() && items.back().kind == Item::Text)
            items.back().text += t.text;
        else
            items.push_back(std::move(t));
    }

    // A reference after '&' (at i_): appends its character.
    bool reference(std::string& out) {
        const size_t at = i_;
        const size_t semi = in_.find(';', i_);
        const std::string_view body =
            semi == std::string_view::npos || semi - i_ > 12 ? std::string_view{} : in_.substr(i_ + 1, semi - i_ - 1);
        if (body.empty()) return fail(at, "'&' must be written &amp;"), false;
        i_ = semi + 1;
        if (body == "amp")
            out += '&';
        else if (body == "lt")
            out += '<';
        else if (body == "gt")
            out += '>';
        else if (body == "quot")
            out += '"';
        else if (body == "apos")
            out += '\'';
        else if (body[0] == '#') {
            const bool hex = body.size() > 1 && body[1] == 'x';
            const std::string_view digits = body.substr(hex ? 2 : 1);
            uint32_t v = 0;
            bool ok = !digits.empty() && digits.size() <= 8;
            for (char c : digits) {
                int d = c >= '0' && c <= '9'          ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
                if (d < 0)
                    ok = false;
                else
                    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
            }
            // XML 1.0's Char: tab, LF, CR, and U+0020 up, without surrogates, U+FFFE and U+FFFF.
            ok = ok && (v == 9 || v == 10 || v == 13 || (v >= 0x20 && v < 0xD800) || (v >= 0xE000 && v < 0xFFFE) ||
                        (v >= 0x10000 && v <= 0x10FFFF));
            if (!ok) return fail(at, "invalid character reference &" + std::string(body) + ";"), false;
            utf8::append(out, static_cast<char32_t>(v));
        } else {
            return fail(at, "unknown entity &" + std::string(body) +
                                "; (XML defines &amp; &lt; &gt; &quot; &apos; and &#N;)"),
                   false;
        }
        return true;
    }

    bool text(std::string& out) {
        while (i_ < in_.size() && in_[i_] != '<') {
            const size_t next = in_.find_first_of("<&", i_);
            const size_t end = next == std::string_view::npos ? in_.size() : next;
            normalise_breaks(in_.substr(i_, end - i_), out);
            i_ = end;
            if (i_ < in_.size() && in_[i_] == '&' && !reference(out)) return false;
        }
        return true;
    }

    bool attributes(Item& o) {
        while (true) {
            const size_t before = i_;
            skip_space();
            if (i_ >= in_.size())
                return fail(o.byte, "the tag <" + o.text + "> opened here is never closed (no '>')"), false;
            if (in_[i_] == '>') {
                ++i_;
                return true;
            }
            if (starts("/>")) {
                i_ += 2;
                o.self_closing = true;
                return true;
            }
            const size_t at = i_;
            if (before == i_) return fail(at, "expected a space, '>' or \"/>\" in the tag <" + o.text + ">"), false;
            std::string key = name();
            if (key.empty())
                return fail(at, "expected an attribute name, '>' or \"/>\" in the tag <" + o.text + ">"), false;
            skip_space();
            if (i_ >= in_.size() || in_[i_] != '=') return fail(i_, "expected '=' after the attribute " + key), false;
            ++i_;
            skip_space();
            if (i_ >= in_.size() || (in_[i_] != '"' && in_[i_] != '\''))
                return fail(i_, "expected a quoted value for the attribute " + key), false;
            const char q = in_[i_++];
            std::string value;
            while (true) {
                if (i_ >= in_.size()) return fail(at, "the value of the attribute " + key + " is never closed"), false;
                const char c = in_[i_];
                if (c == q) {
                    ++i_;
                    break;
                }
                if (c == '<') return fail(i_, "'<' in the value of the attribute " + key + " (write &lt;)"), false;
                if (c == '&') {
                    if (!reference(value)) return false;
                    continue;
                }
                // Attribute-value normalisation: each white-space character reads as a space.
                if (c == '\r' && i_ + 1 < in_.size() && in_[i_ + 1] == '\n') ++i_;
                value += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
                ++i_;
            }
            for (const auto& [k, v] : o.attrs)
                if (k == key) return fail(at, "duplicate attribute " + key + " in the tag <" + o.text + ">"), false;
            o.attrs.emplace_back(std::move(key), std::move(value));
        }
    }

    std::string_view in_;
    size_t i_;
    std::vector<size_t> line_starts_;
};

bool is_space_text(const Item& it) {
    return it.kind == Item::Text && it.text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

// ---- [SECTION] reader ----

ReadResult read_xml(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    if (auto bad = utf8::validate(input)) {
        Diagnostic d;
        d.message = bad->message;
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    Lexer lx(input, input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    // Raw characters outside XML 1.0's Char (as for references below): the writer cannot write
    // them back, so the reader must not accept them (found by fuzz/: a NUL in a fragment).
    for (size_t b = 0; b < input.size(); ++b) {
        const auto c = static_cast<unsigned char>(input[b]);
        const bool nonchar = c == 0xEF && input.substr(b, 3) >= "\xEF\xBF\xBE" && input.substr(b, 3) <= "\xEF\xBF\xBF";
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || nonchar) {
            char u[16];
            std::snprintf(u, sizeof u, "U+%04X", nonchar ? (input[b + 2] == '\xBE' ? 0xFFFEu : 0xFFFFu) : unsigned{c});
            lx.error_at(b, std::string("character ") + u + " is not allowed in XML 1.0");
            result.diagnostics = std::move(lx.diags);
            return result;
        }
    }
    auto lexed = lx.run();
    if (!lexed) {
        result.diagnostics = std::move(lx.diags);
        return result;
    }
    std::vector<Item>& items = *lexed;

    // Structure: every element closed, by its own name.
    {
        std::vector<const Item*> open;
        for (const Item& it : items) {
            if (it.kind == Item::Open && !it.self_closing) open.push_back(&it);
            if (it.kind != Item::Close) continue;
            if (open.empty()) {
                lx.error_at(it.byte, "</" + it.text + "> closes no open element");
                break;
            }
            if (open.back()->text != it.text) {
                lx.error_at(it.byte, "</" + it.text + "> does not close <" + open.back()->text + "> opened at " +
                                         lx.where(open.back()->byte));
                break;
            }
            open.pop_back();
        }
        if (lx.errors == 0)
            for (const Item* o : open) lx.error_at(o->byte, "<" + o->text + "> is never closed");
        if (lx.errors > 0) {
            result.diagnostics = std::move(lx.diags);
            return result;
        }
    }

    // Documents: root elements at the top level, or the whole input as one fragment.
    std::vector<std::pair<size_t, size_t>> ranges;  // [begin, end) of each document's items
    {
        bool roots = true;
        size_t depth = 0, begin = 0;
        for (size_t k = 0; k < items.size() && roots; ++k) {
            const Item& it = items[k];
            if (depth == 0) {
                if (it.kind == Item::Open && is_root_name(it.text) && !it.self_closing)
                    begin = k + 1;
                else if (!is_space_text(it) && !(it.kind == Item::Open && is_root_name(it.text)))
                    roots = false;
            }
            if (it.kind == Item::Open && !it.self_closing) ++depth;
            if (it.kind == Item::Close && --depth == 0) ranges.emplace_back(begin, k);
        }
        if (!roots || ranges.empty()) {
            ranges.assign(1, {0, items.size()});
            if (!items.empty() && items.back().kind == Item::Text) {  // a final line break ends the file, not the text
                std::string& t = items.back().text;
                if (!t.empty() && t.back() == '\n') t.pop_back();
            }
        }
    }

    struct Open {
        const Item* item;
        size_t start;
        Entity e;
    };
    for (const auto& [begin, end] : ranges) {
        std::string text;
        size_t cp = 0;
        std::vector<Open> stack;
        std::vector<std::pair<Entity, const Item*>> found;
        std::map<std::tuple<size_t, size_t, std::string>, const Item*> span_at;
        for (size_t k = begin; k < end; ++k) {
            const Item& it = items[k];
            if (it.kind == Item::Text) {
                text += it.text;
                cp += utf8::count_code_points(it.text);
                continue;
            }
            if (it.kind == Item::Close) {
                Open o = std::move(stack.back());
                stack.pop_back();
                o.e.start = o.start;
                o.e.end = cp;
                if (o.e.label.empty()) continue;  // its error is reported
                if (o.e.end == o.e.start) {
                    lx.warning_at(o.item->byte,
                                  "empty <" + o.item->text + "> ignored: an entity covers at least one character");
                    continue;
                }
                auto [at, fresh] = span_at.emplace(std::make_tuple(o.e.start, o.e.end, o.e.label), o.item);
                if (!fresh) {
                    lx.warning_at(o.item->byte, "<" + o.item->text + "> has the same span and type as the element at " +
                                                    lx.where(at->second->byte) + ": merged into it");
                    continue;
                }
                found.emplace_back(std::move(o.e), o.item);
                continue;
            }
            if (is_root_name(it.text)) {
                lx.error_at(it.byte, "<" + it.text + "> is a root element: it can only wrap whole documents");
                if (!it.self_closing) stack.push_back({&it, cp, Entity{}});  // for its closing tag
                continue;
            }
            Entity e;
            const bool muc = is_muc_name(it.text);
            if (!muc) e.label = it.text;
            for (const auto& [key, value] : it.attrs) {
                const std::string u = upper(key);
                if (muc && u == "TYPE")
                    e.label = value;
                else if (u == "KB_ID")
                    e.kb_id = value;
                else if (u == "NOTE")
                    e.note = value;
                else
                    e.attributes.emplace_back(key, value);
            }
            if (muc && e.label.empty())
                lx.error_at(it.byte, "<" + it.text + "> has no TYPE attribute (the label)");
            else if (Status s = check_label_name(e.label); !s) {
                lx.error_at(it.byte, "<" + it.text + ">: " + s.error().message);
                e.label.clear();
            }
            if (it.self_closing) {
                if (!e.label.empty())
                    lx.warning_at(it.byte, "empty <" + it.text + "/> ignored: an entity covers at least one character");
                continue;
            }
            stack.push_back({&it, cp, std::move(e)});
        }
        if (lx.errors > 0) continue;
        auto made = Text::from_utf8(std::move(text));
        if (!made.ok()) {  // character references are checked: not expected
            lx.error_at(items.empty() ? 0 : items[begin].byte, made.error().message);
            continue;
        }
        LabelSet labels;
        for (const auto& [e, item] : found)
            if (!labels.find(e.label)) {
                if (Status s = labels.insert(labels.size(), {e.label, labels.next_color(), labels.next_key(), {}}); !s)
                    lx.error_at(item->byte, s.error().message);
            }
        // Document order, for stable ids: start ascending, longer first.
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return a.first.start != b.first.start ? a.first.start < b.first.start : a.first.end > b.first.end;
        });
        Document doc(std::move(made.value()), std::move(labels));
        doc.info.source = options.source_name;
        size_t n = 0;
        for (auto& [e, item] : found) {
            e.id = "e" + std::to_string(++n);
            if (auto ins = doc.insert_entity(std::move(e)); !ins.ok()) lx.error_at(item->byte, ins.error().message);
        }
        result.documents.push_back(std::move(doc));
    }
    result.diagnostics = std::move(lx.diags);
    if (!result.ok()) result.documents.clear();
    return result;
}

// ---- [SECTION] writer ----

namespace {

// Characters XML 1.0 cannot hold at all, not even as a reference (C0 controls other than tab,
// LF and CR; U+FFFE and U+FFFF): written as U+FFFD and counted in *replaced, so that the reader
// can read the file back; the writer names where they were. (The text itself is refused instead:
// its offsets must stay true.)
void escape(std::string_view s, std::string& out, bool attribute, size_t* replaced = nullptr) {
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            (u == 0xEF && s.substr(i, 3) >= "\xEF\xBF\xBE" && s.substr(i, 3) <= "\xEF\xBF\xBF")) {
            out += "\xEF\xBF\xBD";
            i += u == 0xEF ? 2 : 0;
            if (replaced) ++*replaced;
            continue;
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#13;"; break;  // a literal CR would be read back as LF
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            default: out += c;
        }
    }
}

// MUC-7: dates and times are TIMEX, money and percentages NUMEX, everything else ENAMEX.
const char* element_for(std::string_view label) {
    if (label == "DATE" || label == "TIME") return "TIMEX";
    if (label == "MONEY" || label == "PERCENT") return "NUMEX";
    return "ENAMEX";
}

}  // namespace

WriteResult write_xml(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    auto report = [&](Diagnostic::Severity sev, std::string m) {
        Diagnostic d;
        d.severity = sev;
        d.message = std::move(m);
        result.diagnostics.push_back(std::move(d));
    };
    std::string out;
    size_t dropped = 0;
    bool title = false, doc_note = false, doc_attrs = false;
    std::string dropped_list;
    size_t replaced[4] = {0, 0, 0, 0};  // in label names, KB ids, notes, attribute values
    for (size_t di = 0; di < docs.size(); ++di) {
        if (!docs[di]) continue;
        const Document& doc = *docs[di];
        const Text& text = doc.text();
        const std::string in_doc = docs.size() > 1 ? " in document " + std::to_string(di + 1) : "";
        title |= !doc.info.title.empty();
        doc_note |= !doc.info.note.empty();
        doc_attrs |= !doc.info.attributes.empty();
        {
            const std::string& s = text.utf8();
            for (size_t b = 0; b < s.size(); ++b) {
                const auto c = static_cast<unsigned char>(s[b]);
                const bool bad =
                    (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                    (c == 0xEF && b + 2 < s.size() && s[b + 1] == '\xBF' && (s[b + 2] == '\xBE' || s[b + 2] == '\xBF'));
                if (bad) {
                    report(Diagnostic::Severity::Error, "the text" + in_doc +
                                                            " holds a character XML 1.0 cannot hold at code point " +
                                                            std::to_string(text.cp_of_byte(b)));
                    return result;
                }
            }
        }
        auto describe = [&](const Entity& e) {
            return e.id + " " + quote(doc.text_of(e)) + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) +
                   ") " + e.label;
        };
        out += "<DOC>";
        size_t pos = 0;
        std::vector<const Entity*> stack;
        auto text_to = [&](size_t cp) {
            escape(text.slice(pos, cp), out, false);
            pos = cp;
        };
        auto close_to = [&](size_t start) {
            while (!stack.empty() && stack.back()->end <= start) {
                text_to(stack.back()->end);
                out += "</" + std::string(element_for(stack.back()->label)) + ">";
                stack.pop_back();
            }
        };
        for (Slot s : doc.entities().ordered()) {
            const Entity& e = doc.entities().get(s);
            close_to(e.start);
            if (!stack.empty() && stack.back()->end < e.end) {
                const std::string pair = describe(*stack.back()) + " and " + describe(e) + in_doc;
                if (!options.drop_crossing) {
                    report(Diagnostic::Severity::Error, "crossing entities cannot be nested in inline XML: " + pair);
                    result.output.clear();
                    return result;
                }
                ++dropped;
                if (dropped <= 10)
                    dropped_list += (dropped_list.empty() ? "" : "; ") + describe(e) + " (crosses " + stack.back()->id +
                                    ")" + in_doc;
                continue;
            }
            text_to(e.start);
            out += "<" + std::string(element_for(e.label)) + " TYPE=\"";
            escape(e.label, out, true, &replaced[0]);
            out += '"';
            if (!e.kb_id.empty()) out += " KB_ID=\"", escape(e.kb_id, out, true, &replaced[1]), out += '"';
            if (!e.note.empty()) out += " NOTE=\"", escape(e.note, out, true, &replaced[2]), out += '"';
            std::vector<std::string> used{"TYPE", "KB_ID", "NOTE"};
            for (const auto& [k, v] : e.attributes) {
                const std::string u = upper(k);
                if (!valid_name(k) || std::find(used.begin(), used.end(), u) != used.end()) {
                    report(Diagnostic::Severity::Warning, "attribute " + quote(k) + " of " + e.id + in_doc +
                                                              " dropped: not usable as an XML attribute name here");
                    continue;
                }
                used.push_back(u);
                out += " " + k + "=\"";
                escape(v, out, true, &replaced[3]);
                out += '"';
            }
            out += '>';
            stack.push_back(&e);
        }
        close_to(text.size());
        text_to(text.size());
        out += "</DOC>\n";
    }
    if (dropped > 0)
        report(Diagnostic::Severity::Warning,
               std::to_string(dropped) + " crossing entit" + (dropped == 1 ? "y" : "ies") +
                   " cannot be nested in inline XML and " + (dropped == 1 ? "was" : "were") +
                   " dropped: " + dropped_list + (dropped > 10 ? "; ..." : ""));
    if (const size_t n = replaced[0] + replaced[1] + replaced[2] + replaced[3]; n > 0) {
        std::string where;
        const char* names[4] = {"label names", "KB ids", "notes", "attribute values"};
        for (int i = 0; i < 4; ++i)
            if (replaced[i]) where += (where.empty() ? "" : ", ") + std::string(names[i]);
        report(Diagnostic::Severity::Warning,
               std::to_string(n) + (n == 1 ? " character" : " characters") +
                   " XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD in " + where);
    }
    if (const std::string m = metadata_dropped(title, doc_note, doc_attrs); !m.empty())
        report(Diagnostic::Severity::Warning,
               "the document's " + m + " are dropped: inline XML holds no document metadata");
    result.output = std::move(out);
    return result;
}

Sniff sniff_xml(std::string_view content) {
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = content.find_first_not_of(" \t\r\n", i);
    if (i == std::string_view::npos) return Sniff::Maybe;
    if (content[i] == '{' || content[i] == '[') return Sniff::No;
    for (std::string_view mark : {"<ENAMEX", "<NUMEX", "<TIMEX", "<enamex"})
        if (content.find(mark) != std::string_view::npos) return Sniff::Yes;
    return content[i] == '<' ? Sniff::Maybe : Sniff::No;
}

}  // namespace aa::io::detail
