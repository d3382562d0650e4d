// W3C Web Annotation Data Model (JSON-LD, http://www.w3.org/ns/anno.jsonld): one Annotation per
// entity, its label a TextualBody with purpose "tagging", its note a "commenting" body and its
// kb_id an "identifying" body; its target a TextQuoteSelector (exact, prefix, suffix) and a
// TextPositionSelector (code points). The text is not in the file: ReadOptions::text gives it.
// The reader takes an AnnotationCollection (with embedded pages), an AnnotationPage, a list of
// annotations or one annotation, and re-anchors by the quote when the positions disagree.
// The list of annotations is read without a tree of it when its annotations are of the usual shape
// (json_scan.hpp); anything else is read through a tree of it all, whose messages say what is wrong,
// and which is also the oracle of the tests that compare the two.
// [SECTION] helpers  [SECTION] reader  [SECTION] the annotations scanned  [SECTION] writer helpers
// [SECTION] registry entry points
#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "io/formats_internal.hpp"
#include "io/json_scan.hpp"
#include "io/json_write.hpp"
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

// An annotation as the fast read scanned it (the common case: one target object or a list of one,
// its selectors a TextQuoteSelector and a TextPositionSelector, TextualBody and identifying bodies):
// what annotation() reads from its tree. `npos` indices stand for a member that is not a list.
struct Scanned {
    static constexpr size_t npos = static_cast<size_t>(-1);
    struct Body {
        bool textual = false;  // else an identifying or linking resource, by its "source"
        std::string purpose, value;
        size_t index = npos;  // in the "body" list
    };
    std::optional<std::string> id, body_value, created;
    std::string creator;
    std::vector<Body> bodies;
    bool target_listed = false;  // the target is a list of one
    std::optional<std::string> source;
    Selectors sel;
    size_t position_index = npos, quote_index = npos;  // in the "selector" list
    bool has_position = false, has_quote = false;
};

// An annotation to read: its tree, or what the fast read scanned of it (its strings are moved out
// when it is read).
struct Item {
    const ojson* tree;
    Scanned* scanned;
    JsonPath path;
};

// How messages name an annotation: by its id (`annotation "urn:..."`) or its path; made only when a
// message says it (every operator+ below starts one).
struct Name {
    const JsonPath& path;
    const std::optional<std::string>& id;
    std::string str() const {
        if (id) return "annotation " + json::quote(*id);
        return format_path(path).empty() ? "the annotation" : "annotation " + format_path(path);
    }
    friend std::string operator+(const Name& n, const char* s) { return n.str() + s; }
};

// The lists of annotations the fast read scanned (the tree holds [] for each): the root when it is a
// list, a root page's "items", a root collection's first page's "items".
struct ScannedLists {
    std::optional<std::vector<Scanned>> root, root_items, first_items;
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
    void relation(const ojson& a, const JsonPath& p, const Name& name, size_t linked) {
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
            take_textual(is("tagging") || is("classifying"), is("identifying") || is("linking"), std::move(*value), bp,
                         out);
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

    // A TextualBody's value: a label, a kb_id, or a note (commenting, describing, or no purpose).
    static void take_textual(bool label, bool identifying, std::string value, const JsonPath& bp, Bodies& out) {
        if (label)
            out.labels.emplace_back(std::move(value), bp / std::string("value"));
        else if (identifying)
            out.kb_id = std::move(value);
        else
            out.note += (out.note.empty() ? "" : "\n") + value;
    }

    // -- target -- its selectors into `sel`; false after an error.
    bool target(const ojson& a, const JsonPath& p, const Name& name, Selectors& sel) {
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

    bool target_object(const ojson& t, const JsonPath& tpath, const Name& name, Selectors& sel) {
        if (t.is_string()) {
            r.error(tpath,
                    name + " targets the whole resource " + json::quote(t.get<std::string>()) + ", not a span of it");
            return false;
        }
        if (!json::require_object(t, tpath, r)) return false;
        if (auto src = t.find("source"); src != t.end() && src->is_string())
            note_source(src->get<std::string>(), tpath);
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

    // The first target's source, and the first that differs from it.
    void note_source(const std::string& src, const JsonPath& tpath) {
        if (!source_seen) {
            source = src;
            source_seen = true;
        } else if (src != source && other_source.empty()) {
            other_source = src;
            other_source_path = tpath / std::string("source");
        }
    }

    // -- anchoring -- the span in code points: the position, or the quote where the position
    // does not hold it; nullopt after an error.
    std::optional<std::pair<size_t, size_t>> anchor(const Selectors& sel, const Name& name) {
        std::optional<size_t> start, end;
        if (sel.start) {
            // (Asked quietly first: the paths are made only for a message.)
            start = b.offset(*sel.start, {}, false);
            if (!start && !sel.exact) b.offset(*sel.start, sel.position_path / std::string("start"), true);
            end = b.offset(*sel.end, {}, false);
            if (!end && !sel.exact) b.offset(*sel.end, sel.position_path / std::string("end"), true);
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
        std::optional<std::string> id;
        if (auto i = a.find("id"); i != a.end() && i->is_string()) id = i->get<std::string>();
        const Name name{p, id};
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
        span_annotation(p, name, bodies_of, sel, id.value_or(""));
    }

    // The same for an annotation the fast read scanned, which takes only what reads without a word.
    // Its paths are made only where they are kept (a label's) or may be named: the target's and the
    // selectors' only when the position does not hold the quote (anchor() then says so).
    void annotation(Scanned& a, const JsonPath& p) {
        const Name name{p, a.id};
        Bodies bodies_of;
        if (a.body_value) bodies_of.note = std::move(*a.body_value);
        bodies_of.annotator = std::move(a.creator);
        if (a.created) bodies_of.created = std::move(*a.created);
        for (Scanned::Body& x : a.bodies) {
            const bool label = x.purpose == "tagging" || x.purpose == "classifying";
            const bool identifying = x.purpose == "identifying" || x.purpose == "linking";
            if (!x.textual)
                bodies_of.kb_id = kb_id_of_iri(x.value);
            else if (!label)
                take_textual(false, identifying, std::move(x.value), {}, bodies_of);  // (the path is a label's)
            else
                take_textual(true, identifying, std::move(x.value),
                             x.index == Scanned::npos ? p / std::string("body") : p / std::string("body") / x.index,
                             bodies_of);
        }
        Selectors& sel = a.sel;
        const auto held = held_span(sel);
        auto target_path = [&] {
            JsonPath tp = p / std::string("target");
            if (a.target_listed) return std::move(tp) / size_t{0};
            return tp;
        };
        // (note_source names the path only of the first source that differs.)
        if (a.source)
            note_source(*a.source,
                        source_seen && *a.source != source && other_source.empty() ? target_path() : JsonPath{});
        if (!held) {
            const JsonPath sp = target_path() / std::string("selector");
            auto at = [&](size_t i) { return i == Scanned::npos ? sp : sp / i; };
            if (a.has_position) sel.position_path = at(a.position_index);
            if (a.has_quote) sel.quote_path = at(a.quote_index);
        }
        span_annotation(p, name, bodies_of, sel, a.id ? *a.id : std::string(), held);
    }

    // The span when the position is one of the text and holds the quote (or there is no quote):
    // what anchor() gives then, without a word; else nullopt.
    std::optional<std::pair<size_t, size_t>> held_span(const Selectors& sel) {
        if (!sel.start || !sel.end) return std::nullopt;
        const auto start = b.offset(*sel.start, {}, false), end = b.offset(*sel.end, {}, false);
        if (!start || !end || *end <= *start) return std::nullopt;
        if (sel.exact && b.text().slice(*start, *end) != *sel.exact) return std::nullopt;
        return std::make_pair(*start, *end);
    }

    // An annotation of a span, its bodies and selectors read: its entities.
    // `held`: the span when held_span() found it.
    void span_annotation(const JsonPath& p, const Name& name, Bodies& bodies_of, const Selectors& sel, std::string id,
                         std::optional<std::pair<size_t, size_t>> held = std::nullopt) {
        if (!sel.start && !sel.exact) {
            r.error(p / std::string("target"), name + " has neither a TextQuoteSelector nor a TextPositionSelector");
            b.fail();
            return;
        }
        if (bodies_of.labels.empty()) {
            r.warning(p, name + " has no tagging body (a label): not kept");
            return;
        }
        const auto span = held ? held : anchor(sel, name);
        if (!span) {
            b.fail();
            return;
        }
        // (The last label's entity takes the strings; the others copy them. The first's label path
        // stays: the others are compared with it.)
        const size_t n = bodies_of.labels.size();
        for (size_t i = 0; i < n; ++i) {
            auto& [label, lp] = bodies_of.labels[i];
            auto take = [&](std::string& s) { return i + 1 == n ? std::move(s) : s; };
            spans::Candidate c;
            c.path = p;
            // A relation names the annotation: its first label's entity.
            if (lp == bodies_of.labels[0].second) c.key = i + 1 == n ? std::move(id) : id;
            if (i == 0)
                c.label_path = lp;
            else
                c.label_path = std::move(lp);
            c.label = std::move(label);
            c.note = take(bodies_of.note);
            c.kb_id = take(bodies_of.kb_id);
            c.annotator = take(bodies_of.annotator);
            c.created = take(bodies_of.created);
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
OffsetUnit w3c_unit(const std::vector<Item>& annotations, const Text& text, const ReadOptions& options,
                    json::Reporter& r) {
    if (options.offsets) return *options.offsets;
    std::vector<spans::QuotedSpan> quoted;
    for (const Item& item : annotations) {
        if (const Scanned* x = item.scanned) {
            if (x->sel.start && x->sel.end && x->sel.exact)
                quoted.push_back({*x->sel.start, *x->sel.end, *x->sel.exact});
            continue;
        }
        const ojson* a = item.tree;
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
// `scanned`: the lists the fast read scanned, read in place of the tree's (empty) ones.
void collect(const ojson& root, std::vector<Item>& out, std::string& title, json::Reporter& r, ScannedLists& scanned) {
    std::optional<std::vector<Scanned>> none;  // (pages after the first are not scanned)
    auto add = [&](const ojson& list, std::optional<std::vector<Scanned>>& recs, const JsonPath& lp) {
        if (recs)
            for (size_t i = 0; i < recs->size(); ++i) out.push_back({nullptr, &(*recs)[i], lp / i});
        else
            for (size_t i = 0; i < list.size(); ++i) out.push_back({&list[i], nullptr, lp / i});
    };
    if (root.is_array()) {
        add(root, scanned.root, JsonPath{});
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
        out.push_back({&root, nullptr, JsonPath{}});
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
        add(*items, depth > 0 ? none : page == &root ? scanned.root_items : scanned.first_items, ip);
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

// ---- [SECTION] the annotations scanned ----

using json::FlatScan;

// A body: a TextualBody {"type", "purpose", "value", "format", "language"} (a label, a kb_id or a
// note), or an identifying or linking resource {"type", "purpose", "source"}.
bool scan_body(FlatScan& f, Scanned& a, size_t index) {
    Scanned::Body x;
    x.index = index;
    unsigned seen = 0;
    std::string_view type;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        std::string_view sv;
        if (key == "type") bit = 1;
        if (key == "purpose") bit = 2;
        if (key == "value") bit = 4;
        if (key == "source") bit = 8;
        if (key == "format") bit = 16;
        if (key == "language") bit = 32;
        if (!bit || (seen & bit) || !f.string(sv)) return false;
        seen |= bit;
        if (bit == 1) type = sv;
        if (bit == 2) x.purpose = std::string(sv);
        if (bit & 12) x.value = std::string(sv);
        return true;
    };
    if (!f.object(member) || !(seen & 2) || (seen & 12) == 12) return false;
    x.textual = (seen & 1) ? type == "TextualBody" : (seen & 4) != 0;
    const bool identifying = x.purpose == "identifying" || x.purpose == "linking";
    if (x.textual ? !(seen & 4) : !(seen & 8) || !identifying) return false;
    a.bodies.push_back(std::move(x));
    return true;
}

// The creator: a name (or an IRI), or an Agent {"type", "name"}.
bool scan_creator(FlatScan& f, Scanned& a) {
    std::string_view sv;
    if (f.string(sv)) {
        a.creator = std::string(sv);
        return true;
    }
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        const unsigned bit = key == "type" ? 1 : key == "name" ? 2 : 0;
        if (!bit || (seen & bit) || !f.string(sv)) return false;
        if (bit == 2) a.creator = std::string(sv);
        seen |= bit;
        return true;
    };
    return f.object(member) && (seen & 2);
}

// A selector: a TextQuoteSelector {"type", "exact", "prefix", "suffix"} or a TextPositionSelector
// {"type", "start", "end"}, set into the annotation's as the tree read's selector() would.
bool scan_selector(FlatScan& f, Scanned& a, size_t index) {
    unsigned seen = 0;
    std::string_view type, sv;
    uint64_t start = 0, end = 0;
    std::optional<std::string> exact, prefix, suffix;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        if (key == "type") {
            bit = 1;
            ok = f.string(type);
        } else if (key == "start" || key == "end") {
            bit = key == "start" ? 2 : 4;
            ok = f.uint(bit == 2 ? start : end);
        } else if (key == "exact" || key == "prefix" || key == "suffix") {
            bit = key == "exact" ? 8 : key == "prefix" ? 16 : 32;
            ok = f.string(sv);
            (bit == 8 ? exact : bit == 16 ? prefix : suffix) = std::string(sv);
        }
        return FlatScan::once(seen, bit, ok);
    };
    if (!f.object(member)) return false;
    if (type == "TextPositionSelector" && seen == 7) {
        a.sel.start = start;
        a.sel.end = end;
        a.has_position = true;
        a.position_index = index;
        return true;
    }
    if (type != "TextQuoteSelector" || (seen & 15) != 9) return false;
    a.sel.exact = std::move(exact);
    a.sel.prefix = std::move(prefix);
    a.sel.suffix = std::move(suffix);
    a.has_quote = true;
    a.quote_index = index;
    return true;
}

// A target: {"source", "selector": a selector or a list of them, "type"}; "selector" required.
bool scan_target(FlatScan& f, Scanned& a) {
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        std::string_view sv;
        if (key == "source" || key == "type") {
            bit = key == "source" ? 1 : 2;
            ok = f.string(sv);
            if (bit == 1) a.source = std::string(sv);
        } else if (key == "selector") {
            bit = 4;
            size_t n = 0;
            const size_t at = f.at();
            ok = f.array([&] { return scan_selector(f, a, n++); }) || (f.seek(at), scan_selector(f, a, Scanned::npos));
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.object(member) && (seen & 4);
}

// An annotation of one span: "id", "type" ("Annotation"), "@context", "motivation", "creator",
// "created", "modified", "bodyValue", "body" (a body or a list of them), "target" (required: one,
// or a list of one).
bool scan_annotation(FlatScan& f, Scanned& a) {
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        std::string_view sv;
        auto text = [&](unsigned b, std::optional<std::string>* into) {
            bit = b;
            ok = f.string(sv);
            if (into) *into = std::string(sv);
        };
        if (key == "id") text(1, &a.id);
        if (key == "created") text(2, &a.created);
        if (key == "bodyValue") text(4, &a.body_value);
        if (key == "@context") text(8, nullptr);
        if (key == "motivation") text(16, nullptr);
        if (key == "modified") text(32, nullptr);
        if (key == "type") {
            text(64, nullptr);
            ok = ok && sv == "Annotation";
        } else if (key == "creator") {
            bit = 128;
            ok = scan_creator(f, a);
        } else if (key == "body") {
            bit = 256;
            size_t n = 0;
            const size_t at = f.at();
            ok = f.array([&] { return scan_body(f, a, n++); }) || (f.seek(at), scan_body(f, a, Scanned::npos));
        } else if (key == "target") {
            bit = 512;
            const size_t at = f.at();
            size_t n = 0;
            a.target_listed = true;
            ok = (f.array([&] { return n++ == 0 && scan_target(f, a); }) && n == 1) ||
                 (f.seek(at), a.target_listed = false, scan_target(f, a));
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.object(member) && (seen & 512);
}

bool scan_annotations(FlatScan& f, size_t at, size_t& close, std::vector<Scanned>& out) {
    f.seek(at);
    return f.array(
        // Scanned in place (a local moved in cost a move of each record's strings; on a failure the
        // fast read is given up, the list with it).
        [&] { return scan_annotation(f, out.emplace_back()); }, &close);
}

// The annotations read without a tree of their lists (json_scan.hpp): a walk finds the root list, a
// root page's items or a root collection's first page's items, the scan reads them, the parser the
// rest with them left out. Nullopt when anything is unusual.
struct FastRoot {
    ojson root;
    ScannedLists lists;
};
std::optional<FastRoot> fast_root(std::string_view in) {
    constexpr size_t npos = std::string_view::npos;
    FastRoot out;
    FlatScan f(in);
    std::vector<json::Skip> skips;
    auto items = [&](size_t at, std::optional<std::vector<Scanned>>& into) {
        size_t close = 0;
        if (!scan_annotations(f, at, close, into.emplace())) return npos;
        skips.push_back({at + 1, close});
        return close + 1;
    };
    auto page = [&](size_t at, std::optional<std::vector<Scanned>>& into) {
        return json::walk_members(in, at, [&](std::string_view key, size_t i) {
            if (key == "items" && !into && i < in.size() && in[i] == '[') return items(i, into);
            return json::value_end(in, i);
        });
    };
    const size_t start = json::value_start(in);
    size_t end = npos;
    if (start < in.size() && in[start] == '[') {
        end = items(start, out.lists.root);
    } else {
        bool seen_first = false;
        end = json::walk_members(in, start, [&](std::string_view key, size_t i) {
            if (i >= in.size()) return npos;
            if (key == "items" && !out.lists.root_items && in[i] == '[') return items(i, out.lists.root_items);
            if (key == "first" && !seen_first && in[i] == '{') {
                seen_first = true;
                return page(i, out.lists.first_items);
            }
            return json::value_end(in, i);
        });
    }
    if (end == npos) return std::nullopt;
    auto root = json::parse_skipping(in, std::move(skips));
    if (!root) return std::nullopt;
    out.root = std::move(*root);
    return out;
}

// ---- [SECTION] writer helpers ----

// Written straight into the output in the one-line layout, then laid out (json::pretty_inline): no
// tree of the annotations (a tree per entity and its layout made a 1 MB write of 20,000 entities
// 310 ms).

using json::JsonWriter;

void put_textual(JsonWriter& w, const char* purpose, const std::string& value) {
    w.open_object().member("type", "TextualBody").member("purpose", purpose).member("value", value).close_object();
}

// Who made an annotation: the model's creator (an Agent with its name) and created.
void put_who(JsonWriter& w, const std::string& annotator, const std::string& created) {
    if (!annotator.empty())
        w.key("creator").open_object().member("type", "Person").member("name", annotator).close_object();
    if (!created.empty()) w.member("created", created);
}

// The body: the label's tagging, the note's commenting and the kb_id's identifying body; one body
// alone, several as a list.
void put_bodies(JsonWriter& w, const Entity& e) {
    const bool several = !e.note.empty() || !e.kb_id.empty();
    w.key("body");
    if (several) w.open_array();
    put_textual(w, "tagging", e.label);
    if (!e.note.empty()) put_textual(w, "commenting", e.note);
    if (!e.kb_id.empty()) {
        // A QID or an IRI is a web resource the span identifies; any other identifier stays text.
        if (is_qid(e.kb_id) || e.kb_id.find("://") != std::string::npos) {
            w.open_object().member("type", "SpecificResource").member("purpose", "identifying");
            w.member("source", is_qid(e.kb_id) ? std::string(kWikidata) + e.kb_id : e.kb_id).close_object();
        } else {
            put_textual(w, "identifying", e.kb_id);
        }
    }
    if (several) w.close_array();
}

void put_entity_annotation(JsonWriter& w, const Document& d, const Entity& e, const std::string& id,
                           const std::string& source, const WriteOptions& options) {
    const Text& text = d.text();
    w.open_object().member("id", id).member("type", "Annotation");
    put_who(w, e.annotator, e.created);
    put_bodies(w, e);
    w.key("target").open_object().member("source", source).key("selector").open_array();
    w.open_object().member("type", "TextQuoteSelector").member("exact", d.text_of(e));
    w.member("prefix", text.slice(e.start > kContextChars ? e.start - kContextChars : 0, e.start));
    w.member("suffix", text.slice(e.end, std::min(text.size(), e.end + kContextChars))).close_object();
    w.open_object().member("type", "TextPositionSelector");
    w.member_num("start", spans::to_unit(text, e.start, options.offsets));
    w.member_num("end", spans::to_unit(text, e.end, options.offsets)).close_object();
    w.close_array().close_object().close_object();
}

ReadResult read_w3c_with(std::string_view input, const ReadOptions& options, bool fast) {
    ReadResult result;
    json::Reporter r(input);
    std::optional<FastRoot> scanned;
    std::optional<ojson> root = json::fast_or_tree(input, r, fast, scanned, fast_root);
    if (root) {
        std::vector<Item> annotations;
        std::string title;
        ScannedLists none;
        collect(*root, annotations, title, r, scanned ? scanned->lists : none);  // (a reference: items point in)
        if (!options.text) {
            r.error_at_byte(
                0,
                "the text is missing: W3C annotations point into a text they do not carry (give the annotated text "
                "with the annotations)");
        } else if (!r.has_errors()) {
            spans::DocBuilder b(r, *options.text, w3c_unit(annotations, *options.text, options, r), options.repair);
            AnnotationReader ar{r, b, {}, false, {}, {}};
            for (const Item& a : annotations)
                a.scanned ? ar.annotation(*a.scanned, a.path) : ar.annotation(*a.tree, a.path);
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
    return detail::finished(std::move(result), r.finish());
}

}  // namespace

// ---- [SECTION] registry entry points ----

namespace detail {

ReadResult read_w3c(std::string_view input, const ReadOptions& options) { return read_w3c_with(input, options, true); }

ReadResult read_w3c_tree(std::string_view input, const ReadOptions& options) {
    return read_w3c_with(input, options, false);
}

WriteResult write_w3c(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("w3c", docs, false)) return std::move(*refused);
    WriteResult result;
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
    std::string one;
    JsonWriter w(one, options.pretty);
    w.open_object().member("@context", kContext).member("id", urn_uuid(doc_key + '\0' + "collection"));
    w.member("type", "AnnotationCollection");
    if (!d.info.title.empty()) w.member("label", d.info.title);
    w.member_num("total", d.entities().size() + d.relations().size()).key("first").open_object();
    w.member("id", urn_uuid(doc_key + '\0' + "page")).member("type", "AnnotationPage").member_num("startIndex", 0);
    w.key("items").open_array();
    std::unordered_map<std::string, std::string> annotation_of;  // entity id -> its annotation's id
    for (Slot s : d.entities().ordered()) {
        const Entity& e = d.entities().get(s);
        // Not from e.id: readers number entities in input order, so the id would change on re-import
        // (found by fuzz/); (start, end, label) is unique within a document already.
        const std::string id =
            urn_uuid(doc_key + '\0' + std::to_string(e.start) + '\0' + std::to_string(e.end) + '\0' + e.label);
        put_entity_annotation(w, d, e, id, source, options);
        if (!d.relations().empty()) annotation_of.emplace(e.id, id);
    }
    size_t relation_n = 0;
    for (const auto& [rid, rel] : d.relations().all()) {
        // By position, not by rel id: a reader numbers relations r1, r2, ... in file order.
        w.open_object().member("id", urn_uuid(doc_key + '\0' + "relation" + '\0' + std::to_string(++relation_n)));
        w.member("type", "Annotation").member("motivation", "linking");
        put_who(w, rel.annotator, rel.created);
        w.key("body");
        if (!rel.note.empty()) w.open_array();
        put_textual(w, "tagging", rel.type);
        if (!rel.note.empty()) {
            put_textual(w, "commenting", rel.note);
            w.close_array();
        }
        w.key("target").open_array();
        w.open_object().member("id", annotation_of.at(rel.from)).close_object();
        w.open_object().member("id", annotation_of.at(rel.to)).close_object();
        w.close_array().close_object();
    }
    w.close_array().close_object().close_object();
    losses.report(result.diagnostics);
    result.output = options.pretty ? json::pretty_inline(one) : std::move(one) + "\n";
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
