// spaCy training data as JSON: a list of [text, {"entities": [[start, end, label], ...]}] pairs,
// offsets in code points (Python str indices), end exclusive. One pair per document. spaCy v2's
// paragraphs/sentences/tokens JSON is read too (spacy_v2.cpp). spaCy has no
// place for notes, knowledge-base ids (its "links" dict is keyed by tuples, not JSON) or metadata.
// Document labels are its "cats" ({"label": 1.0 or 0.0}; v2's paragraphs: [{"label", "value"}]).
#include <algorithm>

#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

std::optional<Document> read_pair(const ojson& item, const JsonPath& p, const ReadOptions& options, json::Reporter& r) {
    if (!item.is_array() || item.size() != 2) {
        const std::string got = item.is_array() ? "an array of " + std::to_string(item.size()) + " elements"
                                                : json::describe(item, r.raw(p));
        r.error(p, "expected a [text, {\"entities\": [...]}] pair, got " + got);
        return std::nullopt;
    }
    const JsonPath tp = p / size_t{0}, ap = p / size_t{1};
    if (!item[0].is_string()) {
        r.error(tp, "expected the text (a string), got " + json::describe(item[0], r.raw(tp)));
        return std::nullopt;
    }
    auto text = Text::from_utf8(item[0].get<std::string>());
    if (!text.ok()) {
        r.error(tp, text.error().message);
        return std::nullopt;
    }
    spans::DocBuilder b(r, std::move(text.value()), options);
    const ojson& ann = item[1];
    if (!json::require_object(ann, ap, r)) return std::nullopt;
    for (auto it = ann.begin(); it != ann.end(); ++it)
        if (it.key() != "entities" && it.key() != "cats")
            r.warning(ap / it.key(), "only \"entities\" and \"cats\" are read (ignored)");
    if (auto c = ann.find("cats"); c != ann.end() && !spans::read_spacy_cats(*c, ap / std::string("cats"), r, b))
        return std::nullopt;
    if (auto eit = ann.find("entities"); eit != ann.end()) {
        const JsonPath ep = ap / std::string("entities");
        if (!spans::read_triples(*eit, ep, r, b)) return std::nullopt;
    }
    DocumentInfo info;
    return b.finish(std::move(info));
}

}  // namespace

namespace detail {

ReadResult read_spacy(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    json::Reporter r(input);
    if (auto root = json::parse(input, r)) {
        const bool v2 =
            root->is_array() && !root->empty() && (*root)[0].is_object() && (*root)[0].contains("paragraphs");
        if (v2) {
            spans::read_spacy_v2(*root, options, r, result.documents);
        } else if (!root->is_array()) {
            r.error({}, "expected a list of [text, {\"entities\": [[start, end, label], ...]}] pairs, got " +
                            json::describe(*root, r.raw({})));
        } else {
            for (size_t i = 0; i < root->size(); ++i)
                if (auto d = read_pair((*root)[i], JsonPath{} / i, options, r))
                    result.documents.push_back(std::move(*d));
        }
    }
    return detail::finished(std::move(result), r.finish());
}

WriteResult write_spacy(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("spacy", docs, true)) return std::move(*refused);
    WriteResult result;
    spans::Losses losses("spacy");
    ojson root = ojson::array();
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        losses.check(d, i, {});
        spans::warn_overlaps(d, "spaCy's doc.ents cannot hold (doc.spans can)", result.diagnostics);
        ojson ents = ojson::array();
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            ents.push_back(ojson::array({spans::to_unit(d.text(), e.start, options.offsets),
                                         spans::to_unit(d.text(), e.end, options.offsets), e.label}));
        }
        ojson ann = ojson::object();
        ann["entities"] = std::move(ents);
        // Every document label type scored, 1.0 when chosen, as spaCy's textcat examples are.
        if (!d.doc_label_types().empty()) {
            ojson cats = ojson::object();
            for (const Label& l : d.doc_label_types().all()) {
                const auto& chosen = d.doc_labels().chosen;
                cats[l.name] = std::find(chosen.begin(), chosen.end(), l.name) != chosen.end() ? 1.0 : 0.0;
            }
            ann["cats"] = std::move(cats);
        }
        root.push_back(ojson::array({ojson(d.text().utf8()), std::move(ann)}));
    }
    losses.report(result.diagnostics);
    result.output = options.pretty ? spans::pretty(root) : json::dump(root) + "\n";
    return result;
}

// A list whose first element is a list starting with a string: [["text", {...}], ...]; or spaCy v2's
// [{"paragraphs": [{"sentences": [{"tokens": [{"orth": ...}]}]}]}].
Sniff sniff_spacy(std::string_view content) {
    const size_t i = content.find_first_not_of(" \t\r\n", content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (i == std::string_view::npos) return Sniff::Maybe;
    if (content[i] != '[') return Sniff::No;
    const size_t j = content.find_first_not_of(" \t\r\n", i + 1);
    if (j == std::string_view::npos || content[j] == ']') return Sniff::Maybe;
    if (content[j] == '{' && spans::has_key(content, "paragraphs") && spans::has_key(content, "orth"))
        return Sniff::Yes;
    if (content[j] != '[') return Sniff::No;
    const size_t k = content.find_first_not_of(" \t\r\n", j + 1);
    return k != std::string_view::npos && content[k] == '"' ? Sniff::Yes : Sniff::No;
}

}  // namespace detail
}  // namespace aa::io
