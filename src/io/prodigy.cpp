// Prodigy's JSONL (ner_manual and spans.manual streams and datasets), one document per line:
//   {"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
//    "token_start", "token_end", "label"}], "answer": "accept"}
// Offsets are code points; token_end is INCLUSIVE. The reader checks token_start/token_end against
// start/end when both are there; the writer tokenizes with aa::tokenize and writes token indices
// only for spans on token boundaries (others keep exact start/end, with a warning). Only examples
// answered "accept" are read unless ReadOptions::answers says otherwise (the spans of a rejected
// example are wrong by the annotator's word); relations are reported as dropped.
#include <algorithm>
#include <map>

#include "core/tokenizer.hpp"
#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

struct Tok {
    uint64_t start = 0, end = 0;  // in the file's unit
    std::string text;
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
        const auto text = json::get_string(t, q, "text", false, r);
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
        out.push_back({*s, *e, text.value_or("")});
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

std::optional<Document> read_task(const ojson& o, const JsonPath& p, const ReadOptions& options, json::Reporter& r,
                                  Skipped& skipped) {
    if (!json::require_object(o, p, r)) return std::nullopt;
    // A rejected or ignored example's spans are what the annotator said is wrong: not entities.
    if (auto a = o.find("answer"); a != o.end() && a->is_string() && !wanted(options, a->get<std::string>())) {
        ++skipped[a->get<std::string>()];
        return std::nullopt;
    }
    auto t = json::get_string(o, p, "text", true, r);
    const auto tokens = read_tokens(o, p, r);
    if (!t || !tokens) return std::nullopt;
    auto text = Text::from_utf8(std::move(*t));
    if (!text.ok()) {
        r.error(p / std::string("text"), text.error().message);
        return std::nullopt;
    }
    spans::DocBuilder b(r, std::move(text.value()), options);
    DocumentInfo info;
    if (auto m = o.find("meta"); m != o.end() && m->is_object())
        if (auto src = m->find("source"); src != m->end() && src->is_string()) info.source = src->get<std::string>();
    if (auto rel = o.find("relations"); rel != o.end() && rel->is_array() && !rel->empty())
        r.warning(p / std::string("relations"), "relations are not kept: dropped " + std::to_string(rel->size()));
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != "spans" && it.key() != "tokens" && it.key() != "relations" &&
            spans::looks_like_spans(it.value()))
            r.warning(p / it.key(), "holds spans, but Prodigy keeps them under \"spans\": not read");
    auto sit = o.find("spans");
    if (sit == o.end()) return b.finish(std::move(info));
    const JsonPath sp = p / std::string("spans");
    if (!spans::require_array(*sit, sp, r)) return std::nullopt;
    for (size_t j = 0; j < sit->size(); ++j) {
        const ojson& s = (*sit)[j];
        const JsonPath q = sp / j;
        if (!json::require_object(s, q, r)) {
            b.fail();
            continue;
        }
        spans::Candidate c = spans::Candidate::at(q, "start", "end", "label");
        c.text_path = q / std::string("text");
        auto start = json::get_uint(s, q, "start", false, r);
        auto end = json::get_uint(s, q, "end", false, r);
        const auto ts = json::get_uint(s, q, "token_start", false, r);
        const auto te = json::get_uint(s, q, "token_end", false, r);
        const auto label = json::get_string(s, q, "label", true, r);
        const auto quoted = json::get_string(s, q, "text", false, r);
        bool ok = label && (start || !s.contains("start")) && (end || !s.contains("end")) &&
                  (ts || !s.contains("token_start")) && (te || !s.contains("token_end")) &&
                  (quoted || !s.contains("text"));
        // Token indices: inside the token list, and in agreement with start/end (token_end inclusive).
        auto check_token = [&](const std::optional<uint64_t>& idx, const char* key, std::optional<uint64_t>& offset,
                               bool is_end) {
            if (!idx) return;
            const JsonPath kp = q / std::string(key);
            if (tokens->empty()) {
                if (!offset) {
                    r.error(kp, std::string(key) + " needs the task's \"tokens\", which are missing");
                    ok = false;
                }
                return;
            }
            if (*idx >= tokens->size()) {
                r.error(kp, "token " + std::to_string(*idx) + " does not exist (the task has " +
                                std::to_string(tokens->size()) + " tokens)");
                ok = false;
                return;
            }
            const Tok& tk = (*tokens)[static_cast<size_t>(*idx)];  // *idx < size(): checked above
            const uint64_t at = is_end ? tk.end : tk.start;
            if (!offset) {
                offset = at;
            } else if (*offset != at) {
                r.error(kp, std::string(key) + " " + std::to_string(*idx) + " (token " + json::quote(tk.text) +
                                " at [" + std::to_string(tk.start) + ", " + std::to_string(tk.end) +
                                ")) does not agree with " + (is_end ? "end " : "start ") + std::to_string(*offset));
                ok = false;
            }
        };
        check_token(ts, "token_start", start, false);
        check_token(te, "token_end", end, true);
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
            continue;
        }
        c.start = *start;
        c.end = *end;
        c.label = *label;
        c.quoted = quoted;
        b.add(std::move(c));
    }
    return b.finish(std::move(info));
}

}  // namespace

namespace detail {

ReadResult read_prodigy(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    const auto lines = spans::split_lines(input);
    if (lines.empty()) result.diagnostics.push_back(spans::error("the file is empty"));
    Skipped skipped;
    for (const spans::JsonLine& l : lines) {
        json::Reporter r(l.text);
        if (auto root = json::parse(l.text, r))
            if (auto d = read_task(*root, {}, options, r, skipped)) result.documents.push_back(std::move(*d));
        for (Diagnostic& d : r.finish()) {
            d.line = l.line;  // the line's reporter counts from the line's start
            if (d.offset != Diagnostic::kNoOffset) d.offset += static_cast<size_t>(l.text.data() - input.data());
            result.diagnostics.push_back(std::move(d));
        }
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

WriteResult write_prodigy(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (auto d = spans::check_count("prodigy", docs, true)) {
        result.diagnostics.push_back(std::move(*d));
        return result;
    }
    spans::Losses losses("prodigy");
    std::vector<std::string> off_tokens;
    size_t off_count = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        const Text& text = d.text();
        losses.check(d, i, {});
        auto off = [&](size_t cp) { return spans::to_unit(text, cp, options.offsets); };
        const std::vector<Token> toks = tokenize(text);
        ojson tokens = ojson::array();
        for (size_t k = 0; k < toks.size(); ++k) {
            ojson o = ojson::object();
            o["text"] = std::string(text.slice(toks[k].start, toks[k].end));
            o["start"] = off(toks[k].start);
            o["end"] = off(toks[k].end);
            o["id"] = k;
            o["ws"] = toks[k].space_after;
            tokens.push_back(std::move(o));
        }
        ojson spans_json = ojson::array();
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            ojson o = ojson::object();
            o["start"] = off(e.start);
            o["end"] = off(e.end);
            auto first = std::lower_bound(toks.begin(), toks.end(), e.start,
                                          [](const Token& t, size_t v) { return t.start < v; });
            auto last =
                std::lower_bound(toks.begin(), toks.end(), e.end, [](const Token& t, size_t v) { return t.end < v; });
            if (first != toks.end() && first->start == e.start && last != toks.end() && last->end == e.end &&
                first <= last) {
                o["token_start"] = static_cast<size_t>(first - toks.begin());
                o["token_end"] = static_cast<size_t>(last - toks.begin());  // inclusive
            } else if (++off_count <= 5) {
                off_tokens.push_back(e.id + " " + json::quote(d.text_of(e), 30) +
                                     (i ? " of document " + std::to_string(i + 1) : ""));
            }
            o["label"] = e.label;
            spans_json.push_back(std::move(o));
        }
        ojson o = ojson::object();
        o["text"] = text.utf8();
        o["tokens"] = std::move(tokens);
        o["spans"] = std::move(spans_json);
        o["answer"] = "accept";
        result.output += (options.pretty ? spans::inline_json(o) : json::dump(o)) + "\n";
    }
    if (off_count > 0) {
        std::string list;
        for (size_t k = 0; k < off_tokens.size(); ++k) list += (k ? ", " : "") + off_tokens[k];
        if (off_count > off_tokens.size()) list += ", ...";
        losses.other(std::to_string(off_count) + (off_count == 1 ? " entity does" : " entities do") +
                     " not start and end on token boundaries (" + list +
                     "): written with exact start and end but without token_start/token_end, so Prodigy's "
                     "token-based views cannot show " +
                     (off_count == 1 ? "it" : "them"));
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
