// Prodigy's JSONL (ner_manual and spans.manual streams and datasets), one document per line:
//   {"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
//    "token_start", "token_end", "label"}], "answer": "accept"}
// Offsets are code points; token_end is INCLUSIVE. The reader checks token_start/token_end against
// start/end when both are there; the writer tokenizes with aa::tokenize and writes token indices
// only for spans on token boundaries (others keep exact start/end, with a warning). Only examples
// answered "accept" are read unless ReadOptions::answers says otherwise (the spans of a rejected
// example are wrong by the annotator's word). Relations, as rel.manual writes them: {"head", "child"
// (the token_end of each span), "head_span", "child_span", "label"}; document labels, as
// textcat.manual's choice view writes them: "options" [{"id", "text"}] and the "accept" list of ids.
//
// A line is read without a tree of its "tokens" (most of a ner_manual file: 14 of 16 MB for a 1 MB
// article), its "spans" or a long "text": tokens and spans are scanned straight into their records,
// the text decoded apart, and the rest parsed with them left out. Anything unusual in them reads the
// line the usual way (a tree of it all), whose messages say what is wrong; that way is also the
// oracle of the tests that compare the two.
//
// [SECTION] reading  [SECTION] the tokens and spans scanned  [SECTION] writing
#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/tokenizer.hpp"
#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/json_scan.hpp"
#include "io/json_write.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

// ---- [SECTION] reading ----

using json::ojson;

struct Tok {
    uint64_t start = 0, end = 0;  // in the file's unit
    std::string_view text;        // into the line's tree, the line, or TokenScan::decoded
};

// The "tokens" list, when there is one and it is well formed (otherwise reported).
std::optional<std::vector<Tok>> read_tokens(const ojson& o, const JsonPath& p, json::Reporter& r) {
    auto it = o.find("tokens");
    if (it == o.end()) return std::vector<Tok>{};
    const JsonPath tp = p / std::string("tokens");
    if (!spans::require_array(*it, tp, r)) return std::nullopt;
    std::vector<Tok> out;
    bool ok = true;
    for (size_t i = 0; i < it->size(); ++i) {
        const ojson& t = (*it)[i];
        const JsonPath q = tp / i;
        if (!json::require_object(t, q, r)) {
            ok = false;
            continue;
        }
        const auto s = json::get_uint(t, q, "start", true, r);
        const auto e = json::get_uint(t, q, "end", true, r);
        std::string_view text;
        if (auto tx = t.find("text"); tx != t.end() && tx->is_string())
            text = tx->get_ref<const std::string&>();
        else
            json::get_string(t, q, "text", false, r);  // says what it is instead
        if (auto id = t.find("id"); id != t.end()) {
            if (const auto n = json::as_uint(*id, q / std::string("id"), r); n && *n != i) {
                r.error(q / std::string("id"),
                        "token id " + std::to_string(*n) + " is not its position " + std::to_string(i));
                ok = false;
            }
        }
        if (!s || !e) {
            ok = false;
            continue;
        }
        out.push_back({*s, *e, text});
    }
    if (!ok) return std::nullopt;
    return out;
}

// Examples left out for their answer, by answer, said once at the end of the read.
using Skipped = std::map<std::string, size_t>;

bool wanted(const ReadOptions& options, const std::string& answer) {
    if (options.answers.empty()) return answer == "accept";
    return std::find(options.answers.begin(), options.answers.end(), answer) != options.answers.end();
}

// An end of a relation: its "head_span" / "child_span" when given, else the span of the example whose
// token_end is the "head" / "child" token, else that token alone (kept only when an entity is exactly it).
std::optional<spans::SpanRef> relation_end(const ojson& rel, const JsonPath& q, const char* token_key,
                                           const char* span_key, const ojson& spans_list,
                                           const std::vector<Tok>& tokens, json::Reporter& r) {
    if (auto s = rel.find(span_key); s != rel.end()) {
        const JsonPath sp = q / std::string(span_key);
        if (!json::require_object(*s, sp, r)) return std::nullopt;
        auto start = json::get_uint(*s, sp, "start", true, r);
        auto end = json::get_uint(*s, sp, "end", true, r);
        if (!start || !end) return std::nullopt;
        std::string label;
        if (auto l = s->find("label"); l != s->end() && l->is_string()) label = l->get<std::string>();
        return spans::SpanRef{*start, *end, label, false};
    }
    auto t = json::get_uint(rel, q, token_key, true, r);
    if (!t) return std::nullopt;
    for (const ojson& s : spans_list)
        if (s.is_object() && s.contains("token_end") && s["token_end"] == *t && s.contains("start") &&
            s.contains("end") && s["start"].is_number_unsigned() && s["end"].is_number_unsigned())
            return spans::SpanRef{s["start"].get<uint64_t>(), s["end"].get<uint64_t>(),
                                  s.contains("label") && s["label"].is_string() ? s["label"].get<std::string>() : "",
                                  false};
    if (*t >= tokens.size()) {
        r.error(q / std::string(token_key), "token " + std::to_string(*t) + " does not exist (the task has " +
                                                std::to_string(tokens.size()) + " tokens)");
        return std::nullopt;
    }
    const Tok& tk = tokens[static_cast<size_t>(*t)];
    return spans::SpanRef{tk.start, tk.end, "", false};
}

bool read_relations(const ojson& list, const JsonPath& lp, const ojson& spans_list, const std::vector<Tok>& tokens,
                    json::Reporter& r, spans::DocBuilder& b) {
    if (!spans::require_array(list, lp, r)) return false;
    bool ok = true;
    for (size_t i = 0; i < list.size(); ++i) {
        const JsonPath q = lp / i;
        const ojson& rel = list[i];
        if (!json::require_object(rel, q, r)) {
            ok = false;
            continue;
        }
        if ((!rel.contains("head_span") || !rel.contains("child_span")) && tokens.empty()) {
            r.warning(q, "head and child are token indices, and the task has no \"tokens\": the relation is dropped");
            continue;
        }
        auto label = json::get_string(rel, q, "label", true, r);
        auto from = relation_end(rel, q, "head", "head_span", spans_list, tokens, r);
        auto to = relation_end(rel, q, "child", "child_span", spans_list, tokens, r);
        if (!label || !from || !to) {
            ok = false;
            continue;
        }
        spans::RelationCandidate c{q,
                                   q / std::string(rel.contains("head_span") ? "head_span" : "head"),
                                   q / std::string(rel.contains("child_span") ? "child_span" : "child"),
                                   {},
                                   {},
                                   *label,
                                   {}};
        c.from_span = std::move(from);
        c.to_span = std::move(to);
        c.unmatched_warns = true;  // rel.manual also links tokens that are no span
        b.relation(std::move(c));
    }
    if (!ok) b.fail();
    return ok;
}

// textcat.manual's choices: "options" [{"id", "text"}] declare the document labels (an id that is not a
// string names its option by its text), "accept" lists the chosen ids; config.choice_style "multiple".
bool read_choices(const ojson& o, const JsonPath& p, json::Reporter& r, spans::DocBuilder& b) {
    auto opts = o.find("options");
    auto acc = o.find("accept");
    if (opts == o.end() && acc == o.end()) return true;
    std::map<std::string, std::string> name_of;  // id as JSON -> name
    if (opts != o.end()) {
        const JsonPath op = p / std::string("options");
        if (!spans::require_array(*opts, op, r)) return false;
        for (size_t i = 0; i < opts->size(); ++i) {
            const ojson& x = (*opts)[i];
            if (!json::require_object(x, op / i, r)) return false;
            auto id = x.find("id");
            if (id == x.end()) {
                r.error(op / i, "missing required field \"id\"");
                return false;
            }
            std::string name = id->is_string() ? id->get<std::string>() : std::string();
            if (name.empty()) {
                auto text = json::get_string(x, op / i, "text", true, r);
                if (!text) return false;
                name = *text;
            }
            name_of[json::dump(*id)] = name;
            b.doc_label_type(name, op / i);
        }
    }
    if (acc != o.end()) {
        const JsonPath ap = p / std::string("accept");
        if (!spans::require_array(*acc, ap, r)) return false;
        for (size_t i = 0; i < acc->size(); ++i) {
            const ojson& x = (*acc)[i];
            auto n = name_of.find(json::dump(x));
            if (n != name_of.end()) {
                b.doc_label(n->second, ap / i);
            } else if (x.is_string()) {
                b.doc_label(x.get<std::string>(), ap / i);
            } else {
                r.error(ap / i, "accepts " + json::describe(x, r.raw(ap / i)) + ", which is no option's id");
                return false;
            }
        }
    }
    if (auto c = o.find("config"); c != o.end() && c->is_object())
        if (auto cs = c->find("choice_style"); cs != c->end() && cs->is_string())
            b.doc_labels_multi(cs->get<std::string>() == "multiple");
    return true;
}

// A span's members as read: each nullopt when absent or wrong (then reported), has_* when present.
struct SpanRec {
    std::optional<uint64_t> start, end, token_start, token_end;
    std::optional<std::string> label, quoted;
    bool has_start = false, has_end = false, has_token_start = false, has_token_end = false, has_quoted = false;
};

SpanRec span_rec(const ojson& s, const JsonPath& q, json::Reporter& r) {
    SpanRec x;
    x.start = json::get_uint(s, q, "start", false, r);
    x.end = json::get_uint(s, q, "end", false, r);
    x.token_start = json::get_uint(s, q, "token_start", false, r);
    x.token_end = json::get_uint(s, q, "token_end", false, r);
    x.label = json::get_string(s, q, "label", true, r);
    x.quoted = json::get_string(s, q, "text", false, r);
    x.has_start = s.contains("start");
    x.has_end = s.contains("end");
    x.has_token_start = s.contains("token_start");
    x.has_token_end = s.contains("token_end");
    x.has_quoted = s.contains("text");
    return x;
}

// A span's checks: token indices inside the token list and in agreement with start/end (token_end
// inclusive), then the entity into `b` (which fails on any error).
void span(SpanRec x, const JsonPath& q, const std::vector<Tok>& tokens, json::Reporter& r, spans::DocBuilder& b) {
    spans::Candidate c = spans::Candidate::at(q, "start", "end", "label");
    c.text_key = "text";
    std::optional<uint64_t>&start = x.start, &end = x.end;
    bool ok = x.label && (start || !x.has_start) && (end || !x.has_end) && (x.token_start || !x.has_token_start) &&
              (x.token_end || !x.has_token_end) && (x.quoted || !x.has_quoted);
    auto check_token = [&](const std::optional<uint64_t>& idx, const char* key, std::optional<uint64_t>& offset,
                           bool is_end) {
        if (!idx) return;
        const JsonPath kp = q / std::string(key);
        if (tokens.empty()) {
            if (!offset) {
                r.error(kp, std::string(key) + " needs the task's \"tokens\", which are missing");
                ok = false;
            }
            return;
        }
        if (*idx >= tokens.size()) {
            r.error(kp, "token " + std::to_string(*idx) + " does not exist (the task has " +
                            std::to_string(tokens.size()) + " tokens)");
            ok = false;
            return;
        }
        const Tok& tk = tokens[static_cast<size_t>(*idx)];  // *idx < size(): checked above
        const uint64_t at = is_end ? tk.end : tk.start;
        if (!offset) {
            offset = at;
        } else if (*offset != at) {
            r.error(kp, std::string(key) + " " + std::to_string(*idx) + " (token " + json::quote(tk.text) + " at [" +
                            std::to_string(tk.start) + ", " + std::to_string(tk.end) + ")) does not agree with " +
                            (is_end ? "end " : "start ") + std::to_string(*offset));
            ok = false;
        }
    };
    check_token(x.token_start, "token_start", start, false);
    check_token(x.token_end, "token_end", end, true);
    if (ok && !start) {
        r.error(q, "missing required field \"start\" (or \"token_start\")");
        ok = false;
    }
    if (ok && !end) {
        r.error(q, "missing required field \"end\" (or \"token_end\")");
        ok = false;
    }
    if (!ok) {
        b.fail();
        return;
    }
    c.start = *start;
    c.end = *end;
    c.label = std::move(*x.label);
    c.quoted = std::move(x.quoted);
    b.add(std::move(c));
}

// What a line's fast read scanned instead of parsing: its "tokens", its "spans" (else nullptr).
struct Scanned {
    const std::vector<Tok>* tokens = nullptr;
    std::vector<SpanRec>* spans = nullptr;
};

// `scanned`: what was scanned instead of parsed (the tree holds [] for it); its spans are moved out.
std::optional<Document> read_task(const ojson& o, const JsonPath& p, const ReadOptions& options, json::Reporter& r,
                                  Skipped& skipped, const Scanned& scanned) {
    if (!json::require_object(o, p, r)) return std::nullopt;
    // A rejected or ignored example's spans are what the annotator said is wrong: not entities.
    if (auto a = o.find("answer"); a != o.end() && a->is_string() && !wanted(options, a->get<std::string>())) {
        ++skipped[a->get<std::string>()];
        return std::nullopt;
    }
    auto t = json::get_string(o, p, "text", true, r);
    std::optional<std::vector<Tok>> read;
    if (!scanned.tokens) read = read_tokens(o, p, r);
    if (!t || (!scanned.tokens && !read)) return std::nullopt;
    const std::vector<Tok>* tokens = scanned.tokens ? scanned.tokens : &*read;
    auto text = Text::from_utf8(std::move(*t));
    if (!text.ok()) {
        r.error(p / std::string("text"), text.error().message);
        return std::nullopt;
    }
    spans::DocBuilder b(r, std::move(text.value()), options);
    DocumentInfo info;
    if (auto m = o.find("meta"); m != o.end() && m->is_object())
        if (auto src = m->find("source"); src != m->end() && src->is_string()) info.source = src->get<std::string>();
    if (!read_choices(o, p, r, b)) b.fail();  // (the rest is still read: every problem is said)
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != "spans" && it.key() != "tokens" && it.key() != "relations" &&
            spans::looks_like_spans(it.value()))
            r.warning(p / it.key(), "holds spans, but Prodigy keeps them under \"spans\": not read");
    auto sit = o.find("spans");
    if (sit == o.end()) {
        if (auto rel = o.find("relations"); rel != o.end() && rel->is_array() && !rel->empty())
            r.warning(p / std::string("relations"),
                      "relations without \"spans\" link plain tokens: dropped " + std::to_string(rel->size()));
        return b.finish(std::move(info));
    }
    const JsonPath sp = p / std::string("spans");
    if (!spans::require_array(*sit, sp, r)) return std::nullopt;
    if (scanned.spans) {
        for (size_t j = 0; j < scanned.spans->size(); ++j) span(std::move((*scanned.spans)[j]), sp / j, *tokens, r, b);
    } else {
        for (size_t j = 0; j < sit->size(); ++j) {
            const JsonPath q = sp / j;
            if (!json::require_object((*sit)[j], q, r)) {
                b.fail();
                continue;
            }
            span(span_rec((*sit)[j], q, r), q, *tokens, r, b);
        }
    }
    if (auto rel = o.find("relations");
        rel != o.end() && !read_relations(*rel, p / std::string("relations"), *sit, *tokens, r, b))
        return std::nullopt;
    return b.finish(std::move(info));
}

// ---- [SECTION] the tokens and spans scanned ----

using json::FlatScan;

// Tokens: "text", "start", "end", "id" (its position), "ws" (true or false); start and end required.
bool scan_tokens(FlatScan& f, size_t at, size_t& close, std::vector<Tok>& out) {
    Tok t;
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        uint64_t id = 0;
        if (key == "text") {
            bit = 1;
            ok = f.string(t.text);
        } else if (key == "start") {
            bit = 2;
            ok = f.uint(t.start);
        } else if (key == "end") {
            bit = 4;
            ok = f.uint(t.end);
        } else if (key == "id") {
            bit = 8;
            ok = f.uint(id) && id == out.size();
        } else if (key == "ws") {
            bit = 16;
            ok = f.literal("true") || f.literal("false");
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.records(at, close, out, t, seen, 6, member);
}

// Spans: "start", "end", "token_start", "token_end", "label" (required), "text".
bool scan_spans(FlatScan& f, size_t at, size_t& close, std::vector<SpanRec>& out) {
    SpanRec x;
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        uint64_t v = 0;
        std::string_view sv;
        auto number = [&](std::optional<uint64_t>& into, bool& has, unsigned b) {
            bit = b;
            ok = f.uint(v);
            into = v;
            has = true;
        };
        if (key == "start") {
            number(x.start, x.has_start, 1);
        } else if (key == "end") {
            number(x.end, x.has_end, 2);
        } else if (key == "token_start") {
            number(x.token_start, x.has_token_start, 4);
        } else if (key == "token_end") {
            number(x.token_end, x.has_token_end, 8);
        } else if (key == "label") {
            bit = 16;
            ok = f.string(sv);
            x.label = std::string(sv);
        } else if (key == "text") {
            bit = 32;
            ok = f.string(sv);
            x.quoted = std::string(sv);
            x.has_quoted = true;
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.records(at, close, out, x, seen, 16, member);
}

constexpr size_t kLongText = 4096;  // shorter texts are parsed as any string

// A line read without a tree of its tokens, its spans nor its long text (see the top of the file):
// a walk over the root's members finds the first of each, the scans read them, and the parser the
// rest with them left out (so it still sees every key: a second "tokens" is its duplicate key).
// Nullopt when anything is unusual, or when the spans were scanned and the line has relations
// (which read the spans' tree).
struct FastLine {
    ojson root;
    std::vector<Tok> tokens;
    std::vector<SpanRec> spans;
    bool tokens_scanned = false, spans_scanned = false;
};
std::optional<FastLine> fast_line(std::string_view in, FlatScan& f) {
    FastLine line;
    std::vector<json::Skip> skips;
    std::optional<std::string> text;
    bool seen_text = false, seen_tokens = false, seen_spans = false;
    const size_t end = json::walk_members(in, json::value_start(in), [&](std::string_view k, size_t i) {
        size_t close = 0;
        if (k == "text" && !seen_text && i < in.size() && in[i] == '"') {
            seen_text = true;
            return json::long_string(in, i, kLongText, skips, text);
        }
        if (k == "tokens" && !seen_tokens && i < in.size() && in[i] == '[') {
            seen_tokens = line.tokens_scanned = true;
            if (!scan_tokens(f, i, close, line.tokens)) return std::string_view::npos;
            skips.push_back({i + 1, close});
            return close + 1;
        }
        if (k == "spans" && !seen_spans && i < in.size() && in[i] == '[') {
            seen_spans = line.spans_scanned = true;
            if (!scan_spans(f, i, close, line.spans)) return std::string_view::npos;
            skips.push_back({i + 1, close});
            return close + 1;
        }
        return json::value_end(in, i);
    });
    if (end == std::string_view::npos) return std::nullopt;
    auto root = json::parse_skipping(in, std::move(skips));
    if (!root || (line.spans_scanned && root->contains("relations"))) return std::nullopt;
    if (text) (*root)["text"] = std::move(*text);
    line.root = std::move(*root);
    return line;
}

// ---- [SECTION] writing ----

// Written straight into the output, one line per document in the one-line layout: no tree (a tree
// of the ~200,000 tokens of a 1 MB text made its write 338 ms).

using json::JsonWriter;

// An entity as a span, as written, and its last token when it starts and ends on token boundaries.
struct SpanOut {
    std::string json;
    std::optional<size_t> token_end;
};

// An entity as a span, with its token indices when it starts and ends on token boundaries.
SpanOut span_out(const Entity& e, const std::vector<Token>& toks, const Text& text, const WriteOptions& options) {
    SpanOut out;
    JsonWriter w(out.json, options.pretty);
    w.open_object().member_num("start", spans::to_unit(text, e.start, options.offsets));
    w.member_num("end", spans::to_unit(text, e.end, options.offsets));
    auto first =
        std::lower_bound(toks.begin(), toks.end(), e.start, [](const Token& t, size_t v) { return t.start < v; });
    auto last = std::lower_bound(toks.begin(), toks.end(), e.end, [](const Token& t, size_t v) { return t.end < v; });
    if (first != toks.end() && first->start == e.start && last != toks.end() && last->end == e.end && first <= last) {
        out.token_end = static_cast<size_t>(last - toks.begin());  // inclusive
        w.member_num("token_start", static_cast<size_t>(first - toks.begin())).member_num("token_end", *out.token_end);
    }
    w.member("label", e.label).close_object();
    return out;
}

// A position moved forward through the text, in code points, bytes and UTF-16 units at once.
struct Walk {
    const std::string& bytes;
    size_t cp = 0, byte = 0, u16 = 0;
    void to(size_t target) {
        if (target < cp) cp = byte = u16 = 0;  // (tokens come in order: never taken)
        for (; cp < target; ++cp) {
            const size_t len = utf8::sequence_length(static_cast<unsigned char>(bytes[byte]));
            u16 += len == 4 ? 2 : 1;
            byte += len;
        }
    }
    size_t in(OffsetUnit unit) const { return unit == OffsetUnit::Utf16 ? u16 : unit == OffsetUnit::Utf8 ? byte : cp; }
};

// The tokens, their offsets in the writer's unit; the text's bytes walked once (tokens are in order).
void put_tokens(JsonWriter& w, const Text& text, const std::vector<Token>& toks, const WriteOptions& options) {
    w.open_array();
    Walk at{text.utf8()};
    for (size_t k = 0; k < toks.size(); ++k) {
        at.to(toks[k].start);
        const size_t start = at.in(options.offsets), start_byte = at.byte;
        at.to(toks[k].end);
        w.open_object().member("text", std::string_view(text.utf8()).substr(start_byte, at.byte - start_byte));
        w.member_num("start", start).member_num("end", at.in(options.offsets));
        w.member_num("id", k).key("ws").boolean(toks[k].space_after).close_object();
    }
    w.close_array();
}

void put_relations(JsonWriter& w, const Document& d, const std::unordered_map<std::string, SpanOut>& span_of) {
    w.open_array();
    for (const auto& [id, rel] : d.relations().all()) {
        const SpanOut& head = span_of.at(rel.from);
        const SpanOut& child = span_of.at(rel.to);
        w.open_object();
        if (head.token_end && child.token_end)
            w.member_num("head", *head.token_end).member_num("child", *child.token_end);
        w.key("head_span").raw(head.json).key("child_span").raw(child.json).member("label", rel.type).close_object();
    }
    w.close_array();
}

void put_choices(JsonWriter& w, const Document& d) {
    if (d.doc_label_types().empty() && d.doc_labels().chosen.empty()) return;
    w.key("options").open_array();
    for (const Label& l : d.doc_label_types().all())
        w.open_object().member("id", l.name).member("text", l.name).close_object();
    w.close_array().key("accept").open_array();
    for (const std::string& c : d.doc_labels().chosen) w.str(c);
    w.close_array();
    if (d.doc_labels().multi) w.key("config").open_object().member("choice_style", "multiple").close_object();
}

// Entities off the token boundaries, the first five named, for the warning.
struct OffTokens {
    std::vector<std::string> named;
    size_t count = 0;
};

// One document's line (without its end).
void put_line(std::string& out, const Document& d, size_t i, const WriteOptions& options, OffTokens& off) {
    const Text& text = d.text();
    const std::vector<Token> toks = tokenize(text);
    out.reserve(out.size() + 2 * text.size_bytes() + 64 * (toks.size() + d.entities().size()));
    JsonWriter w(out, options.pretty);
    w.open_object().member("text", text.utf8()).key("tokens");
    put_tokens(w, text, toks, options);
    w.key("spans").open_array();
    std::unordered_map<std::string, SpanOut> span_of;  // entity id -> its span, for the relations
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        SpanOut o = span_out(e, toks, text, options);
        if (!o.token_end && ++off.count <= 5)
            off.named.push_back(e.id + " " + json::quote(d.text_of(e), 30) +
                                (i ? " of document " + std::to_string(i + 1) : ""));
        w.raw(o.json);
        if (!d.relations().empty()) span_of.emplace(e.id, std::move(o));
    }
    w.close_array();
    if (!d.relations().empty()) {
        w.key("relations");
        put_relations(w, d, span_of);
    }
    put_choices(w, d);
    w.member("answer", "accept").close_object();
}

// Every line: scanned and parsed without the trees of its tokens and text when `fast` and that
// works, else parsed whole.
ReadResult read_lines(std::string_view input, const ReadOptions& options, bool fast) {
    ReadResult result;
    const auto lines = spans::split_lines(input);
    if (lines.empty()) result.diagnostics.push_back(spans::error("the file is empty"));
    Skipped skipped;
    for (const spans::JsonLine& l : lines) {
        json::Reporter r(l.text);
        if (json::check_input(l.text, r)) {
            std::optional<Document> d;
            FlatScan scan(l.text);
            if (auto f = fast ? fast_line(l.text, scan) : std::nullopt) {
                const Scanned scanned{f->tokens_scanned ? &f->tokens : nullptr, f->spans_scanned ? &f->spans : nullptr};
                d = read_task(f->root, {}, options, r, skipped, scanned);
            } else if (auto root = json::parse_checked(l.text, r)) {
                d = read_task(*root, {}, options, r, skipped, Scanned{});
            }
            if (d) result.documents.push_back(std::move(*d));
        }
        spans::add_line_diagnostics(r.finish(), l, input, result.diagnostics);
    }
    if (!skipped.empty()) {
        std::string list;
        size_t total = 0;
        for (const auto& [answer, n] : skipped) {
            list += (list.empty() ? "" : ", ") + std::to_string(n) + " " + json::quote(answer);
            total += n;
        }
        result.diagnostics.push_back(
            spans::warning("skipped " + std::to_string(total) +
                           (total == 1 ? " example for its" : " examples for their") + " answer (" + list + "): only " +
                           (options.answers.empty() ? std::string("\"accept\"") : "the answers asked for") +
                           " are read (--answers accept,reject,ignore chooses)"));
    }
    if (!result.ok()) result.documents.clear();
    return result;
}

}  // namespace

namespace detail {

ReadResult read_prodigy(std::string_view input, const ReadOptions& options) { return read_lines(input, options, true); }

ReadResult read_prodigy_tree(std::string_view input, const ReadOptions& options) {
    return read_lines(input, options, false);
}

WriteResult write_prodigy(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("prodigy", docs, true)) return std::move(*refused);
    WriteResult result;
    spans::Losses losses("prodigy");
    OffTokens off;
    for (size_t i = 0; i < docs.size(); ++i) {
        losses.check(*docs[i], i, {"relations"});
        put_line(result.output, *docs[i], i, options, off);
        result.output += '\n';
    }
    if (off.count > 0) {
        std::string list;
        for (size_t k = 0; k < off.named.size(); ++k) list += (k ? ", " : "") + off.named[k];
        if (off.count > off.named.size()) list += ", ...";
        losses.other(std::to_string(off.count) + (off.count == 1 ? " entity does" : " entities do") +
                     " not start and end on token boundaries (" + list +
                     "): written with exact start and end but without token_start/token_end, so Prodigy's "
                     "token-based views cannot show " +
                     (off.count == 1 ? "it" : "them"));
    }
    losses.report(result.diagnostics);
    return result;
}

Sniff sniff_prodigy(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{') return Sniff::No;
    if (spans::has_key(content, "spans") || spans::has_key(content, "token_start") ||
        spans::has_key(content, "_input_hash"))
        return Sniff::Yes;
    return spans::has_key(content, "tokens") ? Sniff::Yes : Sniff::Maybe;
}

}  // namespace detail
}  // namespace aa::io
