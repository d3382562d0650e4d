// doccano's sequence-labeling JSONL, one document per line, in both of its shapes:
//   {"text": T, "label": [[start, end, "PER"], ...]}                        (doccano 1.x, "label" shape)
//   {"text": T, "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [...]}
// Offsets are code points (older releases counted UTF-16 units: ReadOptions::offsets). Errors name
// the line of the file. doccano's "Comments" and document metadata are not read; relations are
// reported as dropped.
#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

bool read_entities_shape(const ojson& list, const JsonPath& lp, json::Reporter& r, spans::DocBuilder& b) {
    if (!spans::require_array(list, lp, r)) return false;
    for (size_t j = 0; j < list.size(); ++j) {
        const ojson& e = list[j];
        const JsonPath q = lp / j;
        if (!json::require_object(e, q, r)) {
            b.fail();
            continue;
        }
        spans::warn_unknown(r, e, q, {"id", "start_offset", "end_offset", "label"});
        spans::Candidate c;
        c.path = q;
        c.start_path = q / std::string("start_offset");
        c.end_path = q / std::string("end_offset");
        c.label_path = q / std::string("label");
        const auto s = json::get_uint(e, q, "start_offset", true, r);
        const auto en = json::get_uint(e, q, "end_offset", true, r);
        const auto l = json::get_string(e, q, "label", true, r);
        if (!s || !en || !l) {
            b.fail();
            continue;
        }
        c.start = *s;
        c.end = *en;
        c.label = *l;
        b.add(std::move(c));
    }
    return true;
}

std::optional<Document> read_record(const ojson& o, const JsonPath& p, const ReadOptions& options, json::Reporter& r) {
    if (!json::require_object(o, p, r)) return std::nullopt;
    // doccano exports the record's id, its comments and any metadata columns given at import as
    // further members: they are not annotations, so they pass without a warning.
    auto t = json::get_string(o, p, "text", true, r);
    if (!t) return std::nullopt;
    auto text = Text::from_utf8(std::move(*t));
    if (!text.ok()) {
        r.error(p / std::string("text"), text.error().message);
        return std::nullopt;
    }
    spans::DocBuilder b(r, std::move(text.value()), spans::read_unit(options), options.repair);
    const auto lit = o.find("label");
    const auto eit = o.find("entities");
    const bool has_label = lit != o.end() && !(lit->is_array() && lit->empty());
    const bool has_entities = eit != o.end() && !(eit->is_array() && eit->empty());
    if (has_label && has_entities) {
        r.error(p, "both \"label\" and \"entities\" hold spans: a doccano record has one or the other");
        return std::nullopt;
    }
    bool ok = true;
    if (has_label)
        ok = spans::read_triples(*lit, p / std::string("label"), r, b);
    else if (has_entities)
        ok = read_entities_shape(*eit, p / std::string("entities"), r, b);
    if (!ok) return std::nullopt;
    if (auto rit = o.find("relations"); rit != o.end() && rit->is_array() && !rit->empty())
        r.warning(p / std::string("relations"), "relations are not kept: dropped " + std::to_string(rit->size()));
    DocumentInfo info;
    return b.finish(std::move(info));
}

}  // namespace

namespace detail {

ReadResult read_doccano(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    if (spans::first_char(input) == '[') {  // doccano's JSON export: a list of the same records
        json::Reporter r(input);
        if (auto root = json::parse(input, r))
            for (size_t i = 0; root->is_array() && i < root->size(); ++i)
                if (auto d = read_record((*root)[i], JsonPath{} / i, options, r))
                    result.documents.push_back(std::move(*d));
        result.diagnostics = r.finish();
    } else {
        const auto lines = spans::split_lines(input);
        if (lines.empty()) result.diagnostics.push_back(spans::error("the file is empty"));
        for (const spans::JsonLine& l : lines) {
            json::Reporter r(l.text);
            if (auto root = json::parse(l.text, r))
                if (auto d = read_record(*root, {}, options, r)) result.documents.push_back(std::move(*d));
            for (Diagnostic& d : r.finish()) {
                d.line = l.line;  // the line reporter counts from the line's start: the column stands
                result.diagnostics.push_back(std::move(d));
            }
        }
    }
    if (!result.ok()) result.documents.clear();
    return result;
}

WriteResult write_doccano(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (options.doccano_shape != "label" && options.doccano_shape != "entities") {
        result.diagnostics.push_back(spans::error("unknown doccano shape " + json::quote(options.doccano_shape) +
                                                  " (expected \"label\" or \"entities\")"));
        return result;
    }
    if (auto d = spans::check_count("doccano", docs, true)) {
        result.diagnostics.push_back(std::move(*d));
        return result;
    }
    const bool label_shape = options.doccano_shape == "label";
    spans::Losses losses("doccano");
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        losses.check(d, i, {});
        ojson list = ojson::array();
        size_t n = 0;
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            const size_t start = spans::to_unit(d.text(), e.start, options.offsets);
            const size_t end = spans::to_unit(d.text(), e.end, options.offsets);
            if (label_shape) {
                list.push_back(ojson::array({start, end, e.label}));
            } else {
                ojson o = ojson::object();
                o["id"] = n++;
                o["start_offset"] = start;
                o["end_offset"] = end;
                o["label"] = e.label;
                list.push_back(std::move(o));
            }
        }
        ojson o = ojson::object();
        o["text"] = d.text().utf8();
        if (label_shape) {
            o["label"] = std::move(list);
        } else {
            o["entities"] = std::move(list);
            o["relations"] = ojson::array();
        }
        result.output += (options.pretty ? spans::inline_json(o) : json::dump(o)) + "\n";
    }
    losses.report(result.diagnostics);
    return result;
}

// Objects with doccano's own keys: "start_offset" (entities shape) or "label" holding [[...]].
Sniff sniff_doccano(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{' && c != '[') return Sniff::No;
    if (spans::has_key(content, "start_offset")) return Sniff::Yes;
    for (size_t at = content.find("\"label\""); at != std::string_view::npos; at = content.find("\"label\"", at + 1)) {
        size_t j = content.find_first_not_of(" \t\r\n", at + 7);
        if (j == std::string_view::npos || content[j] != ':') continue;
        j = content.find_first_not_of(" \t\r\n", j + 1);
        if (j == std::string_view::npos || content[j] != '[') continue;
        j = content.find_first_not_of(" \t\r\n", j + 1);
        if (j != std::string_view::npos && (content[j] == '[' || content[j] == ']')) return Sniff::Yes;
    }
    return Sniff::Maybe;
}

}  // namespace detail
}  // namespace aa::io
