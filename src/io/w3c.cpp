// W3C Web Annotation Data Model (JSON-LD, http://www.w3.org/ns/anno.jsonld): one Annotation per
// entity, its label a TextualBody with purpose "tagging", its note a "commenting" body and its
// kb_id an "identifying" body; its target a TextQuoteSelector (exact, prefix, suffix) and a
// TextPositionSelector (code points). The text is not in the file: ReadOptions::text gives it.
// The reader takes an AnnotationCollection (with embedded pages), an AnnotationPage, a list of
// annotations or one annotation, and re-anchors by the quote when the positions disagree.
// [SECTION] helpers  [SECTION] reader  [SECTION] writer helpers  [SECTION] registry entry points
#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

constexpr const char* kContext = "http://www.w3.org/ns/anno.jsonld";
constexpr size_t kContextChars = 32;  // prefix and suffix length, as annotation tools commonly use
constexpr std::string_view kWikidata = "http://www.wikidata.org/entity/";
constexpr std::string_view kWikidataHttps = "https://www.wikidata.org/entity/";

// ---- [SECTION] helpers ----

bool has_type(const ojson& o, std::string_view type) {
    auto it = o.find("type");
    if (it == o.end()) it = o.find("@type");
    if (it == o.end()) return false;
    if (it->is_string()) return it->get<std::string>() == type;
    if (it->is_array())
        for (const ojson& t : *it)
            if (t.is_string() && t.get<std::string>() == type) return true;
    return false;
}

// Purposes of a body ("purpose" is one string or a list).
std::vector<std::string> purposes(const ojson& body) {
    std::vector<std::string> out;
    auto it = body.find("purpose");
    if (it == body.end()) return out;
    if (it->is_string()) out.push_back(it->get<std::string>());
    if (it->is_array())
        for (const ojson& p : *it)
            if (p.is_string()) out.push_back(p.get<std::string>());
    return out;
}

bool is_qid(std::string_view s) {
    return s.size() > 1 && s[0] == 'Q' && s.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
}

// A knowledge-base IRI back to the model's kb_id: Wikidata entity IRIs become their QID.
std::string kb_id_of_iri(const std::string& iri) {
    for (std::string_view prefix : {kWikidata, kWikidataHttps})
        if (std::string_view(iri).substr(0, prefix.size()) == prefix &&
            is_qid(std::string_view(iri).substr(prefix.size())))
            return iri.substr(prefix.size());
    return iri;
}

// A deterministic "urn:uuid:" IRI (UUID version 8: custom) from FNV-1a hashes of `key`, so that
// writing the same document twice gives the same file.
std::string urn_uuid(std::string_view key) {
    auto fnv = [&](uint64_t h) {
        for (unsigned char c : key) {
            h ^= c;
            h *= 1099511628211ull;
        }
        return h;
    };
    uint64_t hi = fnv(14695981039346656037ull), lo = fnv(hi ^ 0x9e3779b97f4a7c15ull);
    hi = (hi & ~0xF000ull) | 0x8000ull;                         // version 8
    lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 9562 variant
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 60; i >= 0; i -= 4) s += hex[(hi >> i) & 15];
    for (int i = 60; i >= 0; i -= 4) s += hex[(lo >> i) & 15];
    return "urn:uuid:" + s.substr(0, 8) + "-" + s.substr(8, 4) + "-" + s.substr(12, 4) + "-" + s.substr(16, 4) + "-" +
           s.substr(20);
}

// ---- [SECTION] reader ----

struct Selectors {
    std::optional<uint64_t> start, end;  // TextPositionSelector, in the input's unit
    JsonPath position_path;
    std::optional<std::string> exact, prefix, suffix;  // TextQuoteSelector
    JsonPath quote_path;
};

struct AnnotationReader {
    json::Reporter& r;
    spans::DocBuilder& b;
    std::string source;  // the first target's source
    bool source_seen = false;
    std::string other_source;  // the first source that differs from it, named in a warning
    JsonPath other_source_path;

    void selector(const ojson& s, const JsonPath& p, Selectors& out, bool& ok) {
        if (!json::require_object(s, p, r)) {
            ok = false;
            return;
        }
        if (has_type(s, "TextPositionSelector")) {
            out.position_path = p;
            out.start = json::get_uint(s, p, "start", true, r);
            out.end = json::get_uint(s, p, "end", true, r);
            ok &= out.start && out.end;
        } else if (has_type(s, "TextQuoteSelector")) {
            out.quote_path = p;
            out.exact = json::get_string(s, p, "exact", true, r);
            out.prefix = json::get_string(s, p, "prefix", false, r);
            out.suffix = json::get_string(s, p, "suffix", false, r);
            ok &= out.exact && (out.prefix || !s.contains("prefix")) && (out.suffix || !s.contains("suffix"));
        }
        // Other selectors (XPath, CSS, Range, Fragment) address markup this annotator does not have;
        // the text positions they are refined by are read (a refined text selector would be relative
        // to its outer one, which no tool writes).
        else if (auto rb = s.find("refinedBy"); rb != s.end()) {
            const JsonPath rp = p / std::string("refinedBy");
            if (rb->is_array())
                for (size_t i = 0; i < rb->size(); ++i) selector((*rb)[i], rp / i, out, ok);
            else
                selector(*rb, rp, out, ok);
        }
    }

    // A relation between annotations (RecogitoJS writes one as motivation "linking" with a target
    // per annotation it links, each only an id): the number of targets, else 0.
    static size_t linked_targets(const ojson& a) {
        bool linking = false;
        if (auto m = a.find("motivation"); m != a.end()) {
            if (m->is_string()) linking = m->get<std::string>() == "linking";
            if (m->is_array())
                for (const ojson& x : *m) linking |= x.is_string() && x.get<std::string>() == "linking";
        }
        auto t = a.find("target");
        if (t == a.end() || !t->is_array() || t->size() < 2) return 0;
        bool references = true;
        for (const ojson& x : *t) references &= x.is_string() || (x.is_object() && !x.contains("selector"));
        return (linking || references) && !two_spans(a) ? t->size() : 0;
    }

    // A relation between two spans: a target list of exactly two resources with selectors.
    static bool two_spans(const ojson& a) {
        auto t = a.find("target");
        return t != a.end() && t->is_array() && t->size() == 2 && (*t)[0].is_object() && (*t)[1].is_object() &&
               (*t)[0].contains("selector") && (*t)[1].contains("selector");
    }

    // The id a linking target names: a string, or an object's "id".
    static std::optional<std::string> target_id(const ojson& t) {
        if (t.is_string()) return t.get<std::string>();
        if (auto id = t.find("id"); t.is_object() && id != t.end() && id->is_string()) return id->get<std::string>();
        return std::nullopt;
    }

    // -- relations -- a linking annotation (by the ids of the annotations it links) or one whose two
    // targets are spans, typed by its tagging body ("related" when it has none).
    void relation(const ojson& a, const JsonPath& p, const std::string& name, size_t linked) {
        Bodies bodies_of;
        if (!bodies(a, p, bodies_of)) {
            b.fail();
            return;
        }
        const JsonPath tp = p / std::string("target");
        const ojson& targets = a["target"];
        std::string type = bodies_of.labels.empty() ? "related" : bodies_of.labels[0].first;
        if (bodies_of.labels.size() > 1)
            r.warning(bodies_of.labels[1].second, name + " has " + std::to_string(bodies_of.labels.size()) +
                                                      " tagging bodies: the relation is typed by the first");
        spans::RelationCandidate c{p, tp / size_t{0}, tp / size_t{1}, {}, {}, type, bodies_of.note};
        c.annotator = bodies_of.annotator;
        c.created = bodies_of.created;
        c.unmatched_warns = true;  // RecogitoJS links annotations that are comments only
        if (linked > 0) {
            if (linked != 2) {
                r.warning(p, name + " links " + std::to_string(linked) + " annotations: a relation links two, dropped");
                return;
            }
            auto from = target_id(targets[0]), to = target_id(targets[1]);
            if (!from || !to) {
                r.error(!from ? tp / size_t{0} : tp / size_t{1}, name + ": a linked target needs an id");
                b.fail();
                return;
            }
            c.from_key = *from;
            c.to_key = *to;
        } else {
            for (size_t i = 0; i < 2; ++i) {
                Selectors sel;
                const auto span = target_object(targets[i], tp / i, name, sel) ? anchor(sel, name) : std::nullopt;
                if (!span) {
                    b.fail();
                    return;
                }
                (i == 0 ? c.from_span : c.to_span) = spans::SpanRef{span->first, span->second, "", true};
            }
        }
        b.relation(std::move(c));
    }

    // Where the quote is in the text: the single occurrence whose prefix and suffix match, or the
    // only occurrence at all; with several candidates, the one nearest `hint` (when there is one).
    // An explanation in `why` when there is none.
    std::optional<size_t> find_quote(const Selectors& s, std::optional<size_t> hint, std::string& why) {
        const Text& text = b.text();
        const std::string& t = text.utf8();
        const std::string& exact = *s.exact;
        if (exact.empty()) {
            why = "its quote is empty";
            return std::nullopt;
        }
        // Through the text's quote index: scanning the text per quote was O(quotes x text).
        const std::vector<uint32_t>* found = b.occurrences(exact, s.quote_path);
        if (!found || !b.charge(found->size(), s.quote_path)) {
            why = "the limit on matching quotes was reached";
            return std::nullopt;
        }
        std::vector<size_t> all, full;  // byte offsets
        for (size_t at : *found) {
            all.push_back(at);
            const bool pre = !s.prefix || (at >= s.prefix->size() &&
                                           t.compare(at - s.prefix->size(), s.prefix->size(), *s.prefix) == 0);
            const size_t after = at + exact.size();
            const bool suf = !s.suffix || t.compare(after, s.suffix->size(), *s.suffix) == 0;
            if (pre && suf) full.push_back(at);
        }
        const std::vector<size_t>& pool = full.empty() ? all : full;
        if (pool.size() == 1) return text.cp_of_byte(pool[0]);
        if (all.empty()) {
            why = "the quote " + json::quote(exact) + " does not occur in the text";
            return std::nullopt;
        }
        if (hint) {
            std::optional<size_t> best;
            size_t best_d = 0;
            bool tie = false;
            for (size_t at : pool) {
                const size_t cp = text.cp_of_byte(at);
                const size_t d = cp > *hint ? cp - *hint : *hint - cp;
                if (!best || d < best_d) {
                    best = cp;
                    best_d = d;
                    tie = false;
                } else if (d == best_d) {
                    tie = true;
                }
            }
            if (!tie) return best;
        }
        why = "the quote " + json::quote(exact) + " occurs " + std::to_string(all.size()) + " times and " +
              (full.empty() ? "its prefix and suffix match none of them"
                            : "its prefix and suffix match " + std::to_string(full.size()));
        return std::nullopt;
    }

    // What the bodies say: the labels (tagging or classifying bodies), a note, a kb_id.
    struct Bodies {
        std::vector<std::pair<std::string, JsonPath>> labels;
        std::string note, kb_id;
        std::string annotator, created;  // the annotation's creator and created
    };

    static std::string id_of(const ojson& a) {
        auto id = a.find("id");
        return id != a.end() && id->is_string() ? id->get<std::string>() : std::string();
    }

    // The creator's name: a string (a name or an IRI), or an Agent's "name" / "nickname"; in a list,
    // the first.
    static std::string creator_name(const ojson& c) {
        if (c.is_string()) return c.get<std::string>();
        if (c.is_array()) return c.empty() ? std::string() : creator_name(c[0]);
        if (!c.is_object()) return {};
        for (const char* k : {"name", "nickname", "id"})
            if (auto v = c.find(k); v != c.end() && v->is_string()) return v->get<std::string>();
        return {};
    }

    // -- bodies -- false after an error (warnings for what is not kept).
    bool bodies(const ojson& a, const JsonPath& p, Bodies& out) {
        std::vector<std::pair<const ojson*, JsonPath>> list;
        if (auto it = a.find("body"); it != a.end()) {
            const JsonPath bp = p / std::string("body");
            if (it->is_array()) {
                for (size_t i = 0; i < it->size(); ++i) list.emplace_back(&(*it)[i], bp / i);
            } else {
                list.emplace_back(&*it, bp);
            }
        }
        if (auto v = json::get_string(a, p, "bodyValue", false, r)) out.note = *v;  // a plain textual body: a comment
        if (auto c = a.find("creator"); c != a.end()) out.annotator = creator_name(*c);
        if (auto v = json::get_string(a, p, "created", false, r)) out.created = *v;
        bool ok = true;
        for (const auto& [body, bp] : list) {
            if (body->is_string()) {
                r.warning(bp, "a body that is only an IRI is not kept");
                continue;
            }
            if (!json::require_object(*body, bp, r) || !one_body(*body, bp, out)) ok = false;
        }
        return ok;
    }

    bool one_body(const ojson& body, const JsonPath& bp, Bodies& out) {
        const auto purpose = purposes(body);
        auto is = [&](std::string_view w) { return std::find(purpose.begin(), purpose.end(), w) != purpose.end(); };
        const bool textual = has_type(body, "TextualBody") || (!body.contains("type") && body.contains("value"));
        if (textual) {
            auto value = json::get_string(body, bp, "value", true, r);
            if (!value) return false;
            if (is("tagging") || is("classifying"))
                out.labels.emplace_back(*value, bp / std::string("value"));
            else if (is("identifying") || is("linking"))
                out.kb_id = *value;
            else
                out.note += (out.note.empty() ? "" : "\n") + *value;  // commenting, describing, or no purpose
        } else if (is("identifying") || is("linking")) {
            auto src = body.find("source");
            if (src == body.end()) src = body.find("id");
            if (src != body.end() && src->is_object() && src->contains("id")) src = src->find("id");
            if (src != body.end() && src->is_string())
                out.kb_id = kb_id_of_iri(src->get<std::string>());
            else
                r.warning(bp, "an identifying body without a source IRI is not kept");
        } else {
            r.warning(bp, "a body that is not a TextualBody, nor identifying or linking, is not kept");
        }
        return true;
    }

    // -- target -- its selectors into `sel`; false after an error.
    bool target(const ojson& a, const JsonPath& p, const std::string& name, Selectors& sel) {
        auto tit = a.find("target");
        const JsonPath tp = p / std::string("target");
        if (tit == a.end()) {
            r.error(p, "missing required field \"target\"");
            return false;
        }
        const ojson* t = &*tit;
        JsonPath tpath = tp;
        if (t->is_array()) {
            if (t->size() != 1) {
                r.error(tp, name + " has " + std::to_string(t->size()) +
                                " targets (one span each is what this annotator holds, two for a relation)");
                return false;
            }
            t = &(*t)[0];
            tpath = tp / size_t{0};
        }
        return target_object(*t, tpath, name, sel);
    }

    bool target_object(const ojson& t, const JsonPath& tpath, const std::string& name, Selectors& sel) {
        if (t.is_string()) {
            r.error(tpath,
                    name + " targets the whole resource " + json::quote(t.get<std::string>()) + ", not a span of it");
            return false;
        }
        if (!json::require_object(t, tpath, r)) return false;
        if (auto src = t.find("source"); src != t.end() && src->is_string()) {
            if (!source_seen) {
                source = src->get<std::string>();
                source_seen = true;
            } else if (src->get<std::string>() != source && other_source.empty()) {
                other_source = src->get<std::string>();
                other_source_path = tpath / std::string("source");
            }
        }
        auto sit = t.find("selector");
        const JsonPath sp = tpath / std::string("selector");
        if (sit == t.end()) {
            r.error(tpath, "missing required field \"selector\"");
            return false;
        }
        bool ok = true;
        if (sit->is_array()) {
            for (size_t i = 0; i < sit->size(); ++i) selector((*sit)[i], sp / i, sel, ok);
        } else {
            selector(*sit, sp, sel, ok);
        }
        return ok;
    }

    // -- anchoring -- the span in code points: the position, or the quote where the position
    // does not hold it; nullopt after an error.
    std::optional<std::pair<size_t, size_t>> anchor(const Selectors& sel, const std::string& name) {
        std::optional<size_t> start, end;
        if (sel.start) {
            start = b.offset(*sel.start, sel.position_path / std::string("start"), !sel.exact);
            end = b.offset(*sel.end, sel.position_path / std::string("end"), !sel.exact);
            if (start && end && *end <= *start) {
                if (!sel.exact) {
                    r.error(sel.position_path / std::string("end"),
                            std::to_string(*sel.end) + " is not after start " + std::to_string(*sel.start));
                    return std::nullopt;
                }
                start.reset();
            }
            if ((!start || !end) && !sel.exact) return std::nullopt;
        }
        if (!sel.exact || (start && end && b.text().slice(*start, *end) == *sel.exact))
            return std::make_pair(*start, *end);
        std::string why;
        const auto at = find_quote(sel, start, why);
        if (!at) {
            r.error(sel.quote_path, name + " cannot be anchored: " + why);
            return std::nullopt;
        }
        const size_t new_end = *at + utf8_length(*sel.exact);
        if (sel.start) {
            const std::string where = "[" + std::to_string(*sel.start) + ", " + std::to_string(*sel.end) + ")";
            const std::string held =
                start && end ? "holds " + json::quote(b.text().slice(*start, *end)) : "is not a span of the text";
            r.warning(sel.position_path, name + ": the position " + where + " " + held + ", not the quote " +
                                             json::quote(*sel.exact) + "; re-anchored by the quote to [" +
                                             std::to_string(*at) + ", " + std::to_string(new_end) + ")");
        }
        return std::make_pair(*at, new_end);
    }

    void annotation(const ojson& a, const JsonPath& p) {
        if (!json::require_object(a, p, r)) {
            b.fail();
            return;
        }
        std::string name = format_path(p).empty() ? "the annotation" : "annotation " + format_path(p);
        if (auto id = a.find("id"); id != a.end() && id->is_string())
            name = "annotation " + json::quote(id->get<std::string>());
        if (!has_type(a, "Annotation") && (a.contains("type") || a.contains("@type")))
            r.warning(p / std::string("type"), "expected \"Annotation\": read as one");
        if (const size_t n = linked_targets(a); n > 0 || two_spans(a)) {
            relation(a, p, name, n);
            return;
        }
        Bodies bodies_of;
        Selectors sel;
        const bool bodies_ok = bodies(a, p, bodies_of);
        if (!target(a, p, name, sel) || !bodies_ok) {
            b.fail();
            return;
        }
        if (!sel.start && !sel.exact) {
            r.error(p / std::string("target"), name + " has neither a TextQuoteSelector nor a TextPositionSelector");
            b.fail();
            return;
        }
        if (bodies_of.labels.empty()) {
            r.warning(p, name + " has no tagging body (a label): not kept");
            return;
        }
        const auto span = anchor(sel, name);
        if (!span) {
            b.fail();
            return;
        }
        for (auto& [label, lp] : bodies_of.labels) {
            spans::Candidate c;
            c.path = p;
            c.label_path = lp;
            c.label = label;
            c.note = bodies_of.note;
            c.kb_id = bodies_of.kb_id;
            c.annotator = bodies_of.annotator;
            c.created = bodies_of.created;
            // A relation names the annotation: its first label's entity.
            if (c.label_path == bodies_of.labels[0].second) c.key = id_of(a);
            b.add_resolved(span->first, span->second, std::move(c));
        }
    }

    static size_t utf8_length(std::string_view s);
};

size_t AnnotationReader::utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The position and quote an annotation's selectors hold (also inside refinedBy), read without a
// word: the read proper reports what is wrong with them. For the unit detection.
void peek_selector(const ojson& s, std::optional<uint64_t>& start, std::optional<uint64_t>& end,
                   const std::string*& exact) {
    if (s.is_array()) {
        for (const ojson& x : s) peek_selector(x, start, end, exact);
        return;
    }
    if (!s.is_object()) return;
    auto uint = [&](const char* k) -> std::optional<uint64_t> {
        auto it = s.find(k);
        if (it == s.end() || !it->is_number_unsigned()) return std::nullopt;
        return it->get<uint64_t>();
    };
    if (has_type(s, "TextPositionSelector")) {
        start = uint("start");
        end = uint("end");
    } else if (has_type(s, "TextQuoteSelector")) {
        if (auto e = s.find("exact"); e != s.end() && e->is_string()) exact = &e->get_ref<const std::string&>();
    } else if (auto rb = s.find("refinedBy"); rb != s.end()) {
        peek_selector(*rb, start, end, exact);
    }
}

// Positions counted in UTF-16 units (RecogitoJS counts JavaScript string indices) are told from code
// points as in the other readers: by the quotes. The unit of the read: the options' when given,
// else UTF-16 when every annotation's quote matches its position so and not in code points.
OffsetUnit w3c_unit(const std::vector<std::pair<const ojson*, JsonPath>>& annotations, const Text& text,
                    const ReadOptions& options, json::Reporter& r) {
    if (options.offsets) return *options.offsets;
    std::vector<spans::QuotedSpan> quoted;
    for (const auto& [a, p] : annotations) {
        if (!a->is_object() || AnnotationReader::linked_targets(*a) > 0) continue;
        auto t = a->find("target");
        if (t == a->end()) continue;
        const ojson* target = &*t;
        if (target->is_array() && target->size() == 1) target = &(*target)[0];
        if (!target->is_object()) continue;
        auto sel = target->find("selector");
        if (sel == target->end()) continue;
        std::optional<uint64_t> start, end;
        const std::string* exact = nullptr;
        peek_selector(*sel, start, end, exact);
        if (start && end && exact) quoted.push_back({*start, *end, *exact});
    }
    auto why = spans::utf16_detected(text, quoted, "quote annotations",
                                     "RecogitoJS and other tools counting JavaScript string indices");
    if (!why) return OffsetUnit::CodePoint;
    r.warning({}, *why);
    return OffsetUnit::Utf16;
}

// The annotations of the root: a collection's embedded pages, a page, a list, or one annotation.
void collect(const ojson& root, std::vector<std::pair<const ojson*, JsonPath>>& out, std::string& title,
             json::Reporter& r) {
    if (root.is_array()) {
        for (size_t i = 0; i < root.size(); ++i) out.emplace_back(&root[i], JsonPath{} / i);
        return;
    }
    if (!root.is_object()) {
        r.error({}, "expected an Annotation, an AnnotationCollection or a list of annotations, got " +
                        json::describe(root, r.raw({})));
        return;
    }
    const ojson* page = nullptr;
    JsonPath pp;
    if (has_type(root, "AnnotationCollection")) {
        if (auto l = root.find("label"); l != root.end() && l->is_string()) title = l->get<std::string>();
        auto f = root.find("first");
        if (f == root.end()) {
            // An empty collection, unless it says it holds annotations: then its pages are elsewhere.
            auto total = root.find("total");
            if (total != root.end() && total->is_number_unsigned() && total->get<uint64_t>() > 0)
                r.error(JsonPath{} / std::string("total"),
                        "the collection holds " + std::to_string(total->get<uint64_t>()) +
                            " annotations but none of its pages is here (no \"first\"): fetch the pages and give "
                            "them here");
            return;
        }
        pp = JsonPath{} / std::string("first");
        if (!f->is_object()) {
            r.error(pp, "the first page is not embedded (" + json::describe(*f, r.raw(pp)) +
                            "): fetch the pages and give them here");
            return;
        }
        page = &*f;
    } else if (has_type(root, "AnnotationPage")) {
        page = &root;
    } else {
        out.emplace_back(&root, JsonPath{});
        return;
    }
    // Embedded pages chained by "next" (a page only referenced by IRI cannot be followed here).
    for (size_t depth = 0; page && depth < json::kMaxDepth; ++depth) {
        auto items = page->find("items");
        const JsonPath ip = pp / std::string("items");
        if (items == page->end()) {
            r.error(pp, "missing required field \"items\"");
            return;
        }
        if (!spans::require_array(*items, ip, r)) return;
        for (size_t i = 0; i < items->size(); ++i) out.emplace_back(&(*items)[i], ip / i);
        auto next = page->find("next");
        if (next == page->end()) break;
        pp = pp / std::string("next");
        if (!next->is_object()) {
            r.error(pp, "the next page is not embedded (" + json::describe(*next, r.raw(pp)) +
                            "): fetch the pages and give them here");
            return;
        }
        page = &*next;
    }
}

// ---- [SECTION] writer helpers ----

ojson textual(const char* purpose, const std::string& value) {
    ojson o = ojson::object();
    o["type"] = "TextualBody";
    o["purpose"] = purpose;
    o["value"] = value;
    return o;
}

// Who made an annotation: the model's creator (an Agent with its name) and created.
void put_who(ojson& a, const std::string& annotator, const std::string& created) {
    if (!annotator.empty()) a["creator"] = ojson{{"type", "Person"}, {"name", annotator}};
    if (!created.empty()) a["created"] = created;
}

ojson entity_annotation(const Document& d, const Entity& e, const std::string& id, const std::string& source,
                        const WriteOptions& options) {
    const Text& text = d.text();
    ojson bodies = ojson::array();
    bodies.push_back(textual("tagging", e.label));
    if (!e.note.empty()) bodies.push_back(textual("commenting", e.note));
    if (!e.kb_id.empty()) {
        ojson link = ojson::object();
        // A QID or an IRI is a web resource the span identifies; any other identifier stays text.
        if (is_qid(e.kb_id) || e.kb_id.find("://") != std::string::npos) {
            link["type"] = "SpecificResource";
            link["purpose"] = "identifying";
            link["source"] = is_qid(e.kb_id) ? std::string(kWikidata) + e.kb_id : e.kb_id;
        } else {
            link["type"] = "TextualBody";
            link["purpose"] = "identifying";
            link["value"] = e.kb_id;
        }
        bodies.push_back(std::move(link));
    }
    ojson quote = ojson::object();
    quote["type"] = "TextQuoteSelector";
    quote["exact"] = std::string(d.text_of(e));
    quote["prefix"] = std::string(text.slice(e.start > kContextChars ? e.start - kContextChars : 0, e.start));
    quote["suffix"] = std::string(text.slice(e.end, std::min(text.size(), e.end + kContextChars)));
    ojson position = ojson::object();
    position["type"] = "TextPositionSelector";
    position["start"] = spans::to_unit(text, e.start, options.offsets);
    position["end"] = spans::to_unit(text, e.end, options.offsets);
    ojson target = ojson::object();
    target["source"] = source;
    target["selector"] = ojson::array({std::move(quote), std::move(position)});
    ojson a = ojson::object();
    a["id"] = id;
    a["type"] = "Annotation";
    put_who(a, e.annotator, e.created);
    a["body"] = bodies.size() == 1 ? bodies[0] : bodies;
    a["target"] = std::move(target);
    return a;
}

}  // namespace

// ---- [SECTION] registry entry points ----

namespace detail {

ReadResult read_w3c(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    json::Reporter r(input);
    if (auto root = json::parse(input, r)) {
        std::vector<std::pair<const ojson*, JsonPath>> annotations;
        std::string title;
        collect(*root, annotations, title, r);
        if (!options.text) {
            r.error_at_byte(
                0,
                "the text is missing: W3C annotations point into a text they do not carry (give the annotated text "
                "with the annotations)");
        } else if (!r.has_errors()) {
            spans::DocBuilder b(r, *options.text, w3c_unit(annotations, *options.text, options, r), options.repair);
            AnnotationReader ar{r, b, {}, false, {}, {}};
            for (const auto& [a, p] : annotations) ar.annotation(*a, p);
            // One --text makes one document: annotations of several sources are read against it,
            // said rather than merged silently.
            if (!ar.other_source.empty())
                r.warning(ar.other_source_path, "the annotations target more than one source (" +
                                                    json::quote(ar.source) + " and " + json::quote(ar.other_source) +
                                                    "): all are read against the one text given, as one document");
            DocumentInfo info;
            info.title = title;
            info.source = ar.source_seen && ar.source.substr(0, 9) != "urn:uuid:" ? ar.source : std::string();
            if (auto d = b.finish(std::move(info))) result.documents.push_back(std::move(*d));
        }
    }
    result.diagnostics = r.finish();
    if (!result.ok()) result.documents.clear();
    return result;
}

WriteResult write_w3c(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (auto d = spans::check_count("w3c", docs, false)) {
        result.diagnostics.push_back(std::move(*d));
        return result;
    }
    const Document& d = *docs[0];
    const Text& text = d.text();
    spans::Losses losses("w3c");
    losses.check(d, 0,
                 {"note", "kb_id", "title", "source", "annotator", "relations", "relation note", "relation annotator"});
    // The source is written in each annotation's target only: a collection with no annotation
    // has no place for it (the W3C model gives a collection no target).
    const bool source_kept = !d.entities().ordered().empty();
    if (!source_kept && !d.info.source.empty()) losses.document("source");
    // The ids hash the document once (hashing the whole text per entity made writing quadratic),
    // and only what the file holds, so that a re-read document writes the same ids (an empty
    // collection's ids hashed the source it did not write; found by fuzz/).
    const std::string doc_key = urn_uuid(text.utf8() + '\0' + (source_kept ? d.info.source : std::string()));
    const std::string source = d.info.source.empty() ? urn_uuid(text.utf8()) : d.info.source;
    ojson items = ojson::array();
    std::unordered_map<std::string, std::string> annotation_of;  // entity id -> its annotation's id
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        // Not from e.id: readers number entities in input order, so the id would change on re-import
        // (found by fuzz/); (start, end, label) is unique within a document already.
        const std::string id =
            urn_uuid(doc_key + '\0' + std::to_string(e.start) + '\0' + std::to_string(e.end) + '\0' + e.label);
        annotation_of.emplace(e.id, id);
        items.push_back(entity_annotation(d, e, id, source, options));
    }
    size_t relation_n = 0;
    for (const auto& [rid, rel] : d.relations().all()) {
        const std::string& from = annotation_of.at(rel.from);
        const std::string& to = annotation_of.at(rel.to);
        ojson bodies = ojson::array({textual("tagging", rel.type)});
        if (!rel.note.empty()) bodies.push_back(textual("commenting", rel.note));
        ojson a = ojson::object();
        // By position, not by rel id: a reader numbers relations r1, r2, ... in file order.
        a["id"] = urn_uuid(doc_key + '\0' + "relation" + '\0' + std::to_string(++relation_n));
        a["type"] = "Annotation";
        a["motivation"] = "linking";
        put_who(a, rel.annotator, rel.created);
        a["body"] = bodies.size() == 1 ? bodies[0] : bodies;
        a["target"] = ojson::array({ojson{{"id", from}}, ojson{{"id", to}}});
        items.push_back(std::move(a));
    }
    ojson page = ojson::object();
    page["id"] = urn_uuid(doc_key + '\0' + "page");
    page["type"] = "AnnotationPage";
    page["startIndex"] = 0;
    page["items"] = std::move(items);
    ojson root = ojson::object();
    root["@context"] = kContext;
    root["id"] = urn_uuid(doc_key + '\0' + "collection");
    root["type"] = "AnnotationCollection";
    if (!d.info.title.empty()) root["label"] = d.info.title;
    root["total"] = d.entities().size() + d.relations().size();
    root["first"] = std::move(page);
    losses.report(result.diagnostics);
    result.output = options.pretty ? spans::pretty(root) : json::dump(root) + "\n";
    return result;
}

Sniff sniff_w3c(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{' && c != '[') return Sniff::No;
    if (content.find(kContext) != std::string_view::npos ||
        content.find("\"TextQuoteSelector\"") != std::string_view::npos ||
        content.find("\"TextPositionSelector\"") != std::string_view::npos)
        return Sniff::Yes;
    return Sniff::No;
}

}  // namespace detail
}  // namespace aa::io
