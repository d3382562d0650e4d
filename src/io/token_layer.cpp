// The native format's optional "tokens" object: a document's TokenLayer (core/document.hpp), the
// tokens a CoNLL file gave it, so that conll -> native -> conll gives the same bytes. Written and
// read here for native.cpp (and any other reader of the native JSON); see docs/format.md.
//   "tokens": {"word_column": 1, "tag_column": 4, "separator": " ", "scheme": "iob1",
//              "final_newline": true, "newline": "\r\n" (when not "\n"), "lines": [[0, "-DOCSTART- -X- -X- O"], [0,
//              ""], ...], "list": [[0, 2, "NNP", "I-NP"], ...]}
// Columns are 1-based; "list" holds each token's start and end (in the file's offset unit) and the
// line's other columns; "lines" each line without a token and the token it comes before;
// "other_starts" (only when the file mixed IOB1 and IOB2) the tokens whose entity started the
// other way than "scheme".
#include "io/native_json.hpp"

namespace aa::io::native {

using json::ojson;

ojson token_layer_json(const TokenLayer& l, const Text& text, OffsetUnit unit) {
    auto off = [&](size_t cp) { return text.convert(cp, OffsetUnit::CodePoint, unit).value_or(cp); };
    ojson o = ojson::object();
    o["word_column"] = l.word_column + 1;
    o["tag_column"] = l.tag_column + 1;
    o["separator"] = l.separator;
    o["scheme"] = l.scheme;
    o["final_newline"] = l.final_newline;
    if (l.newline != "\n") o["newline"] = l.newline;
    ojson lines = ojson::array();
    for (const TokenLayer::Line& line : l.lines) lines.push_back(ojson::array({line.before, line.text}));
    o["lines"] = std::move(lines);
    if (!l.other_starts.empty()) o["other_starts"] = l.other_starts;
    ojson list = ojson::array();
    for (const TokenLayer::Token& t : l.tokens) {
        ojson a = ojson::array({off(t.start), off(t.end)});
        for (const std::string& c : t.columns) a.push_back(c);
        list.push_back(std::move(a));
    }
    o["list"] = std::move(list);
    return o;
}

namespace {

// A 1-based column number into `out` (0-based); false after reporting.
bool column(const ojson& o, const JsonPath& p, const char* key, json::Reporter& r, size_t& out) {
    const auto v = json::get_uint(o, p, key, true, r);
    if (!v) return false;
    if (*v == 0 || *v > 1000) {
        r.error(p / std::string(key), "a column is numbered from 1 (got " + std::to_string(*v) + ")");
        return false;
    }
    out = static_cast<size_t>(*v - 1);
    return true;
}

bool has_line_end(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// One token of "list": [start, end, column...], in order after `prev_end` (code points).
bool read_token(const ojson& a, const JsonPath& q, json::Reporter& r, const Text& text, OffsetUnit unit,
                size_t prev_end, TokenLayer::Token& out) {
    if (!a.is_array() || a.size() < 2) {
        r.error(q, "expected [start, end, column...], got " +
                       (a.is_array() ? "an array of " + std::to_string(a.size()) + " elements"
                                     : json::describe(a, r.raw(q))));
        return false;
    }
    const auto s = json::as_uint(a[0], q / size_t{0}, r);
    const auto e = json::as_uint(a[1], q / size_t{1}, r);
    if (!s || !e) return false;
    const size_t limit = text.size_in(unit);
    const auto sc = *s <= limit ? text.convert(static_cast<size_t>(*s), unit, OffsetUnit::CodePoint) : std::nullopt;
    const auto ec = *e <= limit ? text.convert(static_cast<size_t>(*e), unit, OffsetUnit::CodePoint) : std::nullopt;
    if (!sc || !ec) {
        r.error(sc ? q / size_t{1} : q / size_t{0},
                std::to_string(sc ? *e : *s) + " is not a character boundary of the text (" + std::to_string(limit) +
                    " " + std::string(offset_unit_name(unit)) + " units)");
        return false;
    }
    if (*ec <= *sc || *sc < prev_end) {
        r.error(q, *ec <= *sc ? "a token's end must be after its start"
                              : "tokens must be in text order without overlapping (this one starts before the "
                                "previous one ends)");
        return false;
    }
    out.start = *sc;
    out.end = *ec;
    for (size_t c = 2; c < a.size(); ++c) {
        if (!a[c].is_string() || has_line_end(a[c].get_ref<const std::string&>())) {
            r.error(q / c,
                    "expected a column (a string without a line break), got " + json::describe(a[c], r.raw(q / c)));
            return false;
        }
        out.columns.push_back(a[c].get<std::string>());
    }
    return true;
}

bool read_lines(const ojson& lines, const JsonPath& lp, json::Reporter& r, size_t tokens, TokenLayer& l) {
    if (!lines.is_array()) {
        r.error(lp, "expected an array, got " + json::describe(lines, r.raw(lp)));
        return false;
    }
    size_t prev = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const ojson& a = lines[i];
        const JsonPath q = lp / i;
        const bool shape = a.is_array() && a.size() == 2 && a[1].is_string();
        const auto before = shape ? json::as_uint(a[0], q / size_t{0}, r) : std::nullopt;
        if (!shape) r.error(q, "expected [token index, line], got " + json::describe(a, r.raw(q)));
        if (!before) return false;
        if (*before < prev || *before > tokens) {
            r.error(q / size_t{0}, "a line's token index must be in order and at most the number of tokens (" +
                                       std::to_string(tokens) + ")");
            return false;
        }
        if (has_line_end(a[1].get_ref<const std::string&>())) {
            r.error(q / size_t{1}, "a line cannot hold a line break");
            return false;
        }
        prev = static_cast<size_t>(*before);
        l.lines.push_back({prev, a[1].get<std::string>()});
    }
    return true;
}

// "other_starts": token indices, increasing, below the number of tokens, in an iob1 or iob2 layer.
bool read_other_starts(const ojson& a, const JsonPath& p, json::Reporter& r, TokenLayer& l) {
    if (!a.is_array()) {
        r.error(p, "expected an array, got " + json::describe(a, r.raw(p)));
        return false;
    }
    if (!a.empty() && l.scheme != "iob1" && l.scheme != "iob2") {
        r.error(p, "other starts are for an iob1 or iob2 layer, not " + json::quote(l.scheme));
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        const auto k = json::as_uint(a[i], p / i, r);
        if (!k) return false;
        if (*k >= l.tokens.size() || (!l.other_starts.empty() && *k <= l.other_starts.back())) {
            r.error(p / i, "a token index must be increasing and below the number of tokens (" +
                               std::to_string(l.tokens.size()) + ")");
            return false;
        }
        l.other_starts.push_back(static_cast<size_t>(*k));
    }
    return true;
}

}  // namespace

std::optional<TokenLayer> token_layer_from_json(const ojson& o, const JsonPath& p, json::Reporter& r, const Text& text,
                                                OffsetUnit unit) {
    if (!json::require_object(o, p, r)) return std::nullopt;
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const char* known[] = {"word_column", "tag_column", "separator", "scheme",      "final_newline",
                                      "newline",     "lines",      "list",      "other_starts"};
        bool ok = false;
        for (const char* k : known) ok |= it.key() == k;
        if (!ok) r.warning(p / it.key(), "unknown field (ignored)");
    }
    TokenLayer l;
    bool ok = column(o, p, "word_column", r, l.word_column);
    ok &= column(o, p, "tag_column", r, l.tag_column);
    if (ok && l.word_column == l.tag_column) {
        r.error(p / std::string("tag_column"), "the tag column cannot be the word column");
        ok = false;
    }
    if (auto sep = json::get_string(o, p, "separator", true, r)) {
        l.separator = *sep;
        if (sep->empty() || has_line_end(*sep)) {
            r.error(p / std::string("separator"), "a separator is one or more spaces or tabs");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (auto s = json::get_string(o, p, "scheme", true, r)) {
        l.scheme = *s;
        if (*s != "iob1" && *s != "iob2" && *s != "bilou" && *s != "iobes") {
            r.error(p / std::string("scheme"),
                    "unknown scheme " + json::quote(*s) + " (expected iob1, iob2, bilou or iobes)");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (auto f = o.find("final_newline"); f != o.end()) {
        if (f->is_boolean())
            l.final_newline = f->get<bool>();
        else {
            r.error(p / std::string("final_newline"),
                    "expected true or false, got " + json::describe(*f, r.raw(p / std::string("final_newline"))));
            ok = false;
        }
    }
    if (auto nl = o.find("newline"); nl != o.end()) {
        if (nl->is_string() && (*nl == "\n" || *nl == "\r\n" || *nl == "\r")) {
            l.newline = nl->get<std::string>();
        } else {
            r.error(p / std::string("newline"), "expected \"\\n\", \"\\r\\n\" or \"\\r\"");
            ok = false;
        }
    }
    auto list = o.find("list");
    if (list == o.end() || !list->is_array()) {
        r.error(list == o.end() ? p : p / std::string("list"),
                list == o.end() ? "missing required field \"list\""
                                : "expected an array, got " + json::describe(*list, r.raw(p / std::string("list"))));
        return std::nullopt;
    }
    l.tokens.reserve(list->size());
    size_t prev_end = 0;
    for (size_t i = 0; i < list->size(); ++i) {
        TokenLayer::Token t;
        if (!read_token((*list)[i], p / std::string("list") / i, r, text, unit, prev_end, t)) return std::nullopt;
        prev_end = t.end;
        l.tokens.push_back(std::move(t));
    }
    if (auto lines = o.find("lines"); lines != o.end())
        ok &= read_lines(*lines, p / std::string("lines"), r, l.tokens.size(), l);
    if (auto other = o.find("other_starts"); other != o.end())
        ok &= read_other_starts(*other, p / std::string("other_starts"), r, l);
    if (!ok) return std::nullopt;
    return l;
}

}  // namespace aa::io::native
