// Inline XML in the MUC style (<ENAMEX TYPE="PER">Angela Merkel</ENAMEX>): the reader and writer.
// Reader: ENAMEX, NUMEX, TIMEX, TIMEX2 and TIMEX3 name the label with TYPE; any other element is
// an entity labelled with its own name (<PER>...</PER>); KB_ID and NOTE fill the entity's kb_id and
// note, other attributes become its attributes. Elements named DOC, TEXT, DOCUMENT or ROOT are
// roots: when the input is one or more of them (and nothing else but whitespace, comments, the XML
// declaration), each is a document; otherwise the whole input is one document's text (a fragment;
// one final line break is not part of it). Line breaks are normalised as XML requires ("\r\n" and
// "\r" read as "\n"), so the writer writes a CR as &#13;. Errors carry line:column.
//
// [SECTION] parser (Expat)  [SECTION] reader  [SECTION] writer
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <expat.h>

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

// Whether the writer may use `s` as an attribute name: one Expat, hence this reader, reads back.
// Expat follows XML 1.0's 4th-edition name tables, narrower than the 5th edition's ranges above
// (no U+FEFF, no name characters outside the BMP), so it is asked (found by the writer-reader test).
bool valid_name(std::string_view s) {
    if (s.empty() || utf8::validate(s)) return false;
    for (size_t i = 0; i < s.size();) {
        const bool first = i == 0;
        const char32_t c = utf8::decode(s, i);
        if (first ? !xml_name_start(c) : !xml_name_char(c)) return false;
    }
    const std::string doc = "<a " + std::string(s) + "=\"\"/>";
    XML_Parser p = XML_ParserCreate("UTF-8");
    const bool ok = XML_Parse(p, doc.data(), static_cast<int>(doc.size()), XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok;
}

// ---- [SECTION] parser (Expat) ----

struct Item {
    enum Kind { Text, Open, Close } kind = Text;
    std::string text;  // decoded character data (Text), or the element name (Open, Close)
    std::vector<std::pair<std::string, std::string>> attrs;
    bool self_closing = false;
    size_t byte = 0;  // where it starts in the input
};

// Where in a start tag a byte is, to explain an error Expat found there (Expat says what, not why).
struct TagPlace {
    std::string element, attribute;  // the tag's name; the attribute whose name or value holds the byte
    enum { Elsewhere, AfterName, BeforeValue, Value } where = Elsewhere;
    size_t duplicate_at = 0;  // the first attribute repeated in the tag, if any (0: none)
    std::string duplicate;
};

// The input as items, parsed by Expat: every element, reference, CDATA section and line break as
// XML 1.0 says. A fragment (text with tags and no single root) is XML too once wrapped in an element
// of our own, so the input goes to Expat as: its prolog (XML declaration, comments, DOCTYPE), the
// wrapper's start tag, the rest, the wrapper's end tag. Expat's byte index of an error maps back to
// the input, where line and column are counted in code points (as every reader counts them).
// Entities: only XML's five and character references. No DTD is read (parameter entities off, no
// external entity handler), a DOCTYPE with an internal subset (where entities are declared) is
// refused, so no entity can expand: no external loading, no "billion laughs".
class XmlParser {
public:
    explicit XmlParser(std::string_view in) : in_(in) {
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

    // The whole input as items; nullopt after the first error.
    std::optional<std::vector<Item>> run() {
        if (in_.size() > size_t{INT32_MAX} - 64) return fail(0, "the input is too large for the XML reader (2 GB)");
        const size_t prolog = prolog_end();
        if (errors > 0) return std::nullopt;
        buffer_.reserve(in_.size() + kOpen.size() + kClose.size());
        buffer_.append(in_.substr(0, prolog)).append(kOpen).append(in_.substr(prolog)).append(kClose);
        prolog_ = prolog;
        wrapped_ = true;
        XML_Parser p = make_parser(this);
        parser_ = p;
        XML_SetElementHandler(p, on_start, on_end);
        XML_SetCharacterDataHandler(p, on_text);
        const bool ok = XML_Parse(p, buffer_.data(), static_cast<int>(buffer_.size()), XML_TRUE) == XML_STATUS_OK;
        if (!ok && errors == 0) explain(XML_GetErrorCode(p), to_input(XML_GetCurrentByteIndex(p)));
        XML_ParserFree(p);
        if (errors > 0) return std::nullopt;
        return std::move(items_);
    }

private:
    static constexpr std::string_view kOpen = "<aa-fragment>", kClose = "</aa-fragment>";

    // A parser with the handlers both passes share: the refused DOCTYPE, the undeclared entity.
    static XML_Parser make_parser(XmlParser* self) {
        XML_Parser p = XML_ParserCreate("UTF-8");  // validated UTF-8, whatever the declaration says
        XML_SetUserData(p, self);
        XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
        XML_SetStartDoctypeDeclHandler(p, on_doctype);
        XML_SetEntityDeclHandler(p, on_entity_decl);
        XML_SetSkippedEntityHandler(p, on_skipped_entity);
        return p;
    }

    // Pass 1: where the prolog ends: at the first start tag, or after the last piece of prolog
    // (XML declaration, comment, processing instruction, DOCTYPE, white space) before the first
    // thing that is not prolog (a fragment's text), which Expat reports as an error here.
    size_t prolog_end() {
        XML_Parser p = make_parser(this);
        XML_SetStartElementHandler(p, [](void* self, const XML_Char*, const XML_Char**) {
            XmlParser& m = me(self);
            m.first_element_ = static_cast<size_t>(XML_GetCurrentByteIndex(m.parser_));
            XML_StopParser(m.parser_, XML_FALSE);
        });
        XML_SetDefaultHandler(p, [](void* self, const XML_Char*, int) {
            XmlParser& m = me(self);
            m.prolog_seen_ =
                static_cast<size_t>(XML_GetCurrentByteIndex(m.parser_) + XML_GetCurrentByteCount(m.parser_));
        });
        parser_ = p;
        XML_Parse(p, in_.data(), static_cast<int>(in_.size()), XML_TRUE);
        XML_ParserFree(p);
        parser_ = nullptr;
        return std::min(first_element_ != SIZE_MAX ? first_element_ : prolog_seen_, in_.size());
    }

    size_t to_input(XML_Index b) const {
        if (b < 0) return in_.size();
        const auto at = static_cast<size_t>(b);
        if (!wrapped_) return std::min(at, in_.size());
        if (at < prolog_) return at;
        if (at < prolog_ + kOpen.size()) return prolog_;
        return std::min(at - kOpen.size(), in_.size());
    }
    size_t here() const { return to_input(XML_GetCurrentByteIndex(parser_)); }
    void stop() { XML_StopParser(parser_, XML_FALSE); }

    static XmlParser& me(void* self) { return *static_cast<XmlParser*>(self); }
    static void on_start(void* self, const XML_Char* name, const XML_Char** attrs) {
        XmlParser& m = me(self);
        if (m.depth_++ == 0) return;  // the wrapper
        const auto b = static_cast<size_t>(XML_GetCurrentByteIndex(m.parser_));
        const auto n = static_cast<size_t>(XML_GetCurrentByteCount(m.parser_));
        Item o{Item::Open,
               name,
               {},
               n >= 2 && m.buffer_[b + n - 2] == '/',
               m.to_input(XML_GetCurrentByteIndex(m.parser_))};
        for (size_t i = 0; attrs[i]; i += 2) o.attrs.emplace_back(attrs[i], attrs[i + 1]);
        m.open_.push_back(m.items_.size());
        m.items_.push_back(std::move(o));
    }
    static void on_end(void* self, const XML_Char* name) {
        XmlParser& m = me(self);
        if (--m.depth_ == 0) return;
        m.open_.pop_back();
        if (XML_GetCurrentByteCount(m.parser_) == 0) return;  // the end of an empty-element tag <X/>
        m.items_.push_back({Item::Close, name, {}, false, m.here()});
    }
    static void on_text(void* self, const XML_Char* s, int len) {
        XmlParser& m = me(self);
        if (m.items_.empty() || m.items_.back().kind != Item::Text)
            m.items_.push_back({Item::Text, {}, {}, false, m.here()});
        m.items_.back().text.append(s, static_cast<size_t>(len));
    }
    static void on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int internal_subset) {
        XmlParser& m = me(self);
        if (!internal_subset) return;
        const size_t at = m.here();
        const size_t start = m.in_.rfind("<!DOCTYPE", at);  // Expat points at the subset
        m.error_at(start == std::string_view::npos ? at : start, "a DOCTYPE with an internal subset is not supported");
        m.stop();
    }
    static void on_entity_decl(void* self, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                               const XML_Char*, const XML_Char*, const XML_Char*) {
        XmlParser& m = me(self);  // unreachable behind on_doctype; kept so that no entity is ever declared
        m.error_at(m.here(), "entity declarations are not supported (" + std::string(name) + ")");
        m.stop();
    }
    static void on_skipped_entity(void* self, const XML_Char* name, int) {
        XmlParser& m = me(self);  // a reference to an entity an unread DTD might declare
        m.error_at(m.here(), unknown_entity(name));
        m.stop();
    }
    static std::string unknown_entity(std::string_view name) {
        return "unknown entity &" + std::string(name) + "; (XML defines &amp; &lt; &gt; &quot; &apos; and &#N;)";
    }

    // Expat's error at input byte `at`, in the words of this reader's messages where it can tell
    // what went wrong; Expat's own words otherwise.
    void explain(XML_Error code, size_t at) {
        if (at >= in_.size()) return explain_at_end(code);
        // Expat points at the character after a '<' or '&' that starts nothing valid.
        if (code == XML_ERROR_INVALID_TOKEN && at > 0 && (in_[at - 1] == '<' || in_[at - 1] == '&')) --at;
        const std::string_view rest = in_.substr(at);
        if (code == XML_ERROR_TAG_MISMATCH) {
            if (at >= 2 && in_.substr(at - 2, 2) == "</") at -= 2;  // Expat points at the name
            const std::string closing(name_at(at + 2));
            if (open_.empty()) return error_at(at, "</" + closing + "> closes no open element");
            const Item& o = items_[open_.back()];
            return error_at(at, "</" + closing + "> does not close <" + o.text + "> opened at " + where(o.byte));
        }
        const std::string_view ref = rest.substr(0, rest.find(';') + 1);  // "" when there is no ';'
        if (code == XML_ERROR_UNDEFINED_ENTITY && ref.size() > 2)
            return error_at(at, unknown_entity(ref.substr(1, ref.size() - 2)));
        if (code == XML_ERROR_BAD_CHAR_REF) return error_at(at, "invalid character reference " + std::string(ref));
        if (code == XML_ERROR_UNCLOSED_TOKEN || code == XML_ERROR_UNCLOSED_CDATA_SECTION) return unclosed(at);
        // The start tag the error may be in: the one Expat points at (a duplicate attribute), or before.
        const bool dup = code == XML_ERROR_DUPLICATE_ATTRIBUTE;
        const size_t tag = dup && rest[0] == '<' ? at : at == 0 ? std::string_view::npos : in_.rfind('<', at - 1);
        const TagPlace place = tag == std::string_view::npos ? TagPlace{} : tag_place(tag, dup ? in_.size() : at);
        if (dup && !place.duplicate.empty())
            return error_at(place.duplicate_at,
                            "duplicate attribute " + place.duplicate + " in the tag <" + place.element + ">");
        if (place.where == TagPlace::Value && rest[0] == '<')
            return error_at(at, "'<' in the value of the attribute " + place.attribute + " (write &lt;)");
        if (place.where == TagPlace::AfterName)
            return error_at(at, "expected '=' after the attribute " + place.attribute);
        if (place.where == TagPlace::BeforeValue)
            return error_at(at, "expected a quoted value for the attribute " + place.attribute);
        if (rest[0] == '&') return error_at(at, "'&' must be written &amp;");
        if (rest[0] == '<' && name_at(at + 1).empty() && rest.substr(0, 2) != "</" && rest.substr(0, 2) != "<!" &&
            rest.substr(0, 2) != "<?")
            return error_at(at, "'<' must start a tag (a literal '<' is written &lt;)");
        error_at(at, XML_ErrorString(code));
    }

    // An error at the wrapper's end tag: elements left open, or a construct the input never ends.
    void explain_at_end(XML_Error code) {
        if (code == XML_ERROR_TAG_MISMATCH && !open_.empty()) {
            for (size_t k : open_) error_at(items_[k].byte, "<" + items_[k].text + "> is never closed");
            return;
        }
        const size_t last = in_.rfind('<');
        if (last != std::string_view::npos) return unclosed(last);
        error_at(in_.size(), XML_ErrorString(code));
    }

    void unclosed(size_t at) {
        const std::string_view rest = in_.substr(at);
        if (rest.substr(0, 4) == "<!--") return error_at(at, "comment opened here is never closed");
        if (rest.substr(0, 9) == "<![CDATA[") return error_at(at, "CDATA section opened here is never closed");
        if (rest.substr(0, 2) == "<?") return error_at(at, "processing instruction opened here is never closed");
        if (rest.substr(0, 2) == "<!") return error_at(at, "DOCTYPE opened here is never closed");
        const std::string_view name = name_at(at + (rest.substr(0, 2) == "</" ? 2 : 1));
        error_at(at, "the tag <" + std::string(rest.substr(0, 2) == "</" ? "/" : "") + std::string(name) +
                         "> opened here is never closed (no '>')");
    }

    std::string_view name_at(size_t at) const {
        size_t e = at;
        if (e < in_.size() && name_start(static_cast<unsigned char>(in_[e])))
            while (e < in_.size() && name_char(static_cast<unsigned char>(in_[e]))) ++e;
        return in_.substr(std::min(at, in_.size()), e - std::min(at, e));
    }

    // Walks the start tag at `tag` up to byte `at`: which attribute `at` is in, and any repeated one.
    TagPlace tag_place(size_t tag, size_t at) const {
        TagPlace p;
        p.element = std::string(name_at(tag + 1));
        size_t i = tag + 1 + p.element.size();
        std::vector<std::string_view> seen;
        auto space = [&] {
            while (i < in_.size() && (in_[i] == ' ' || in_[i] == '\t' || in_[i] == '\n' || in_[i] == '\r')) ++i;
        };
        while (!p.element.empty() && i < at) {
            space();
            const size_t key_at = i;
            const std::string_view key = name_at(i);
            if (key.empty()) break;
            i += key.size();
            space();
            if (i >= in_.size() || in_[i] != '=') {
                if (i < at) break;
                p.attribute = std::string(key);
                return p.where = TagPlace::AfterName, p;
            }
            ++i;
            space();
            p.attribute = std::string(key);
            if (i >= at) return p.where = TagPlace::BeforeValue, p;
            if (in_[i] != '"' && in_[i] != '\'')
                return p.where = i == at ? TagPlace::BeforeValue : TagPlace::Elsewhere, p;
            const size_t close = in_.find(in_[i], i + 1);
            if (close == std::string_view::npos || close >= at) return p.where = TagPlace::Value, p;
            i = close + 1;
            if (p.duplicate.empty() && std::find(seen.begin(), seen.end(), key) != seen.end())
                p.duplicate = std::string(key), p.duplicate_at = key_at;
            seen.push_back(key);
        }
        p.attribute.clear();
        return p;
    }

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
        d.offset = byte;
        d.message = std::move(message);
        errors += sev == Diagnostic::Severity::Error;
        diags.push_back(std::move(d));
    }
    std::nullopt_t fail(size_t byte, std::string message) {
        error_at(byte, std::move(message));
        return std::nullopt;
    }

    std::string_view in_;
    std::vector<size_t> line_starts_;
    std::string buffer_;  // what Expat parses: the input inside the wrapper
    size_t prolog_ = 0;
    bool wrapped_ = false;  // pass 2: byte indices are into buffer_
    XML_Parser parser_ = nullptr;
    size_t first_element_ = SIZE_MAX;
    size_t prolog_seen_ = 0;  // pass 1: the end of the last piece of prolog
    size_t depth_ = 0;
    std::vector<Item> items_;
    std::vector<size_t> open_;  // indices in items_ of the open elements (the wrapper not counted)
};

bool is_space_text(const Item& it) {
    return it.kind == Item::Text && it.text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

// ---- [SECTION] reader ----

namespace {

// Raw characters outside XML 1.0's Char (as for references): the writer cannot write them back,
// so the reader must not accept them (found by fuzz/: a NUL in a fragment). Expat refuses them
// too; this names the character. Returns false after reporting the first.
bool check_chars(std::string_view input, XmlParser& px) {
    for (size_t b = 0; b < input.size(); ++b) {
        const auto c = static_cast<unsigned char>(input[b]);
        const bool nonchar = c == 0xEF && input.substr(b, 3) >= "\xEF\xBF\xBE" && input.substr(b, 3) <= "\xEF\xBF\xBF";
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || nonchar) {
            char u[16];
            std::snprintf(u, sizeof u, "U+%04X", nonchar ? (input[b + 2] == '\xBE' ? 0xFFFEu : 0xFFFFu) : unsigned{c});
            px.error_at(b, std::string("character ") + u + " is not allowed in XML 1.0");
            return false;
        }
    }
    return true;
}

// Documents: [begin, end) item ranges of root elements at the top level, or the whole input as
// one fragment (whose final line break ends the file, not the text).
std::vector<std::pair<size_t, size_t>> document_ranges(std::vector<Item>& items) {
    std::vector<std::pair<size_t, size_t>> ranges;
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
        if (!items.empty() && items.back().kind == Item::Text) {
            std::string& t = items.back().text;
            if (!t.empty() && t.back() == '\n') t.pop_back();
        }
    }
    return ranges;
}

// The entity an open tag starts (its label empty after an error, reported).
Entity entity_of(const Item& it, XmlParser& px) {
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
    if (muc && e.label.empty()) {
        px.error_at(it.byte, "<" + it.text + "> has no TYPE attribute (the label)");
    } else if (Status s = check_label_name(e.label); !s) {
        px.error_at(it.byte, "<" + it.text + ">: " + s.error().message);
        e.label.clear();
    }
    return e;
}

// One document's text and entities (with the item of each, for messages), from its items.
struct Collected {
    std::string text;
    std::vector<std::pair<Entity, const Item*>> found;
};

Collected collect(const std::vector<Item>& items, size_t begin, size_t end, XmlParser& px) {
    struct Open {
        const Item* item;
        size_t start;
        Entity e;
    };
    Collected c;
    size_t cp = 0;
    std::vector<Open> stack;
    std::map<std::tuple<size_t, size_t, std::string>, const Item*> span_at;
    for (size_t k = begin; k < end; ++k) {
        const Item& it = items[k];
        if (it.kind == Item::Text) {
            c.text += it.text;
            cp += utf8::count_code_points(it.text);
        } else if (it.kind == Item::Close) {
            Open o = std::move(stack.back());
            stack.pop_back();
            o.e.start = o.start;
            o.e.end = cp;
            if (o.e.label.empty()) continue;  // its error is reported
            if (o.e.end == o.e.start) {
                px.warning_at(o.item->byte,
                              "empty <" + o.item->text + "> ignored: an entity covers at least one character");
                continue;
            }
            auto [at, fresh] = span_at.emplace(std::make_tuple(o.e.start, o.e.end, o.e.label), o.item);
            if (!fresh) {
                px.warning_at(o.item->byte, "<" + o.item->text + "> has the same span and type as the element at " +
                                                px.where(at->second->byte) + ": merged into it");
                continue;
            }
            c.found.emplace_back(std::move(o.e), o.item);
        } else if (is_root_name(it.text)) {
            px.error_at(it.byte, "<" + it.text + "> is a root element: it can only wrap whole documents");
            if (!it.self_closing) stack.push_back({&it, cp, Entity{}});  // for its closing tag
        } else {
            Entity e = entity_of(it, px);
            if (!it.self_closing)
                stack.push_back({&it, cp, std::move(e)});
            else if (!e.label.empty())
                px.warning_at(it.byte, "empty <" + it.text + "/> ignored: an entity covers at least one character");
        }
    }
    return c;
}

// The document of one range, when its items hold no error.
void add_document(const std::vector<Item>& items, size_t begin, size_t end, const ReadOptions& options, XmlParser& px,
                  ReadResult& result) {
    Collected c = collect(items, begin, end, px);
    if (px.errors > 0) return;
    auto made = Text::from_utf8(std::move(c.text));
    if (!made.ok()) {  // character references are checked: not expected
        px.error_at(items.empty() ? 0 : items[begin].byte, made.error().message);
        return;
    }
    LabelSet labels;
    for (const auto& [e, item] : c.found)
        if (!labels.find(e.label)) {
            if (Status s = labels.insert(labels.size(), {e.label, labels.next_color(), labels.next_key(), {}}); !s)
                px.error_at(item->byte, s.error().message);
        }
    // Document order, for stable ids: start ascending, longer first.
    std::stable_sort(c.found.begin(), c.found.end(), [](const auto& a, const auto& b) {
        return a.first.start != b.first.start ? a.first.start < b.first.start : a.first.end > b.first.end;
    });
    Document doc(std::move(made.value()), std::move(labels));
    doc.info.source = options.source_name;
    size_t n = 0;
    for (auto& [e, item] : c.found) {
        e.id = "e" + std::to_string(++n);
        if (auto ins = doc.insert_entity(std::move(e)); !ins.ok()) px.error_at(item->byte, ins.error().message);
    }
    result.documents.push_back(std::move(doc));
}

}  // namespace

ReadResult read_xml(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    if (auto bad = utf8::validate(input)) {
        Diagnostic d;
        d.message = bad->message;
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    XmlParser px(input);
    std::optional<std::vector<Item>> items;
    if (check_chars(input, px)) items = px.run();
    if (items)
        for (const auto& [begin, end] : document_ranges(*items)) add_document(*items, begin, end, options, px, result);
    return detail::finished(std::move(result), std::move(px.diags));
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
