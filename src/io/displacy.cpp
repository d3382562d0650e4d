// displaCy's manual input (spacy.displacy.render(..., manual=True)): {"text", "ents": [{"start",
// "end", "label", "kb_id"?, "kb_url"?}], "title"}, one object or a list of them; offsets in code
// points. kb_id is Entity::kb_id, kb_url the entity attribute "kb_url", title is DocumentInfo::title;
// notes and other metadata are dropped (named in the write's warnings).
#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

std::optional<Document> read_object(const ojson& o, const JsonPath& p, const ReadOptions& options, json::Reporter& r) {
    if (!json::require_object(o, p, r)) return std::nullopt;
    spans::warn_unknown(r, o, p, {"text", "ents", "title", "settings"});
    auto t = json::get_string(o, p, "text", true, r);
    DocumentInfo info;
    if (auto it = o.find("title"); it != o.end() && !it->is_null()) {
        if (auto title = json::get_string(o, p, "title", false, r))
            info.title = *title;
        else
            return std::nullopt;
    }
    if (!t) return std::nullopt;
    auto text = Text::from_utf8(std::move(*t));
    if (!text.ok()) {
        r.error(p / std::string("text"), text.error().message);
        return std::nullopt;
    }
    spans::DocBuilder b(r, std::move(text.value()), options);
    auto eit = o.find("ents");
    if (eit == o.end()) {
        r.error(p, "missing required field \"ents\"");
        return std::nullopt;
    }
    const JsonPath ep = p / std::string("ents");
    if (!spans::require_array(*eit, ep, r)) return std::nullopt;
    for (size_t j = 0; j < eit->size(); ++j) {
        const ojson& e = (*eit)[j];
        const JsonPath q = ep / j;
        if (!json::require_object(e, q, r)) {
            b.fail();
            continue;
        }
        spans::warn_unknown(r, e, q, {"start", "end", "label", "kb_id", "kb_url"});
        bool ok = true;
        spans::Candidate c = spans::Candidate::read(e, q, "start", "end", "label", r, ok);
        if (auto k = e.find("kb_id"); k != e.end() && !k->is_null()) {
            if (auto kb = json::get_string(e, q, "kb_id", false, r))
                c.kb_id = *kb;
            else
                ok = false;
        }
        // displaCy links kb_id to kb_url; the model has no field for it: kept as the attribute
        // "kb_url", which the writer writes back as kb_url.
        if (auto k = e.find("kb_url"); k != e.end() && !k->is_null()) {
            if (auto url = json::get_string(e, q, "kb_url", false, r))
                c.attributes.emplace_back("kb_url", *url);
            else
                ok = false;
        }
        if (!ok) {
            b.fail();
            continue;
        }
        b.add(std::move(c));
    }
    return b.finish(std::move(info));
}

}  // namespace

namespace detail {

ReadResult read_displacy(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    json::Reporter r(input);
    if (auto root = json::parse(input, r)) {
        if (root->is_array()) {
            for (size_t i = 0; i < root->size(); ++i)
                if (auto d = read_object((*root)[i], JsonPath{} / i, options, r))
                    result.documents.push_back(std::move(*d));
        } else if (root->is_object()) {
            if (auto d = read_object(*root, {}, options, r)) result.documents.push_back(std::move(*d));
        } else {
            r.error({}, "expected an object {\"text\", \"ents\"} or a list of them, got " +
                            json::describe(*root, r.raw({})));
        }
    }
    return detail::finished(std::move(result), r.finish());
}

WriteResult write_displacy(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("displacy", docs, true)) return std::move(*refused);
    WriteResult result;
    spans::Losses losses("displacy");
    ojson root = ojson::array();
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        losses.check(d, i, {"kb_id", "title", "attributes"});
        spans::warn_overlaps(d, "displaCy's \"ent\" style cannot show (its \"span\" style can)", result.diagnostics);
        ojson ents = ojson::array();
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            ojson o = ojson::object();
            o["start"] = spans::to_unit(d.text(), e.start, options.offsets);
            o["end"] = spans::to_unit(d.text(), e.end, options.offsets);
            o["label"] = e.label;
            if (!e.kb_id.empty()) o["kb_id"] = e.kb_id;
            bool other = false;
            for (const auto& [key, value] : e.attributes) {
                if (key == "kb_url" && !o.contains("kb_url"))
                    o["kb_url"] = value;
                else
                    other = true;
            }
            if (other) losses.entity("attributes", e, i);
            ents.push_back(std::move(o));
        }
        ojson o = ojson::object();
        o["text"] = d.text().utf8();
        o["ents"] = std::move(ents);
        o["title"] = d.info.title.empty() ? ojson(nullptr) : ojson(d.info.title);
        root.push_back(std::move(o));
    }
    losses.report(result.diagnostics);
    const ojson& out = root.size() == 1 ? root[0] : root;  // one document: one object, as displacy.render takes it
    result.output = options.pretty ? spans::pretty(out) : json::dump(out) + "\n";
    return result;
}

Sniff sniff_displacy(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{' && c != '[') return Sniff::No;
    return spans::has_key(content, "ents") ? Sniff::Yes : Sniff::Maybe;
}

}  // namespace detail
}  // namespace aa::io
