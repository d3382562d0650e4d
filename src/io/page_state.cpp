// The page's persisted schemas (page_state.hpp): the rules file, the view preferences and the
// storage indexes of recent versions and of the document queue. Writers keep the byte layout the
// page has always written (keys in alphabetical order, compact), so stored data and files compare
// equal across versions; readers accept the keys in any order.
//
// [SECTION] Reading helpers
// [SECTION] Rules file (SuggestConfig)
// [SECTION] View preferences
// [SECTION] Recent versions index
// [SECTION] Document queue index
#include "io/page_state.hpp"

#include <cmath>
#include <initializer_list>
#include <type_traits>

#include "io/suggest_json.hpp"

namespace aa::io {

using json::ojson;

// =====================================================================================
// [SECTION] Reading helpers
// =====================================================================================

namespace {

// Reports problems as errors, or as warnings when the schema is lenient (damage costs a setting,
// never the work).
struct Checker {
    json::Reporter& r;
    bool lenient;

    void problem(const JsonPath& p, std::string msg) {
        if (lenient)
            r.warning(p, std::move(msg) + "; ignored");
        else
            r.error(p, std::move(msg));
    }
    std::string got(const ojson& v, const JsonPath& p) { return json::describe(v, r.raw(p)); }
    void unknown(const ojson& obj, const JsonPath& p, std::initializer_list<const char*> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool ok = false;
            for (const char* k : known) ok |= it.key() == k;
            if (!ok) r.warning(p / it.key(), "unknown field (ignored)");
        }
    }
    bool is_object(const ojson& v, const JsonPath& p) {
        if (v.is_object()) return true;
        problem(p, "expected an object, got " + got(v, p));
        return false;
    }
    bool is_array(const ojson& v, const JsonPath& p) {
        if (v.is_array()) return true;
        problem(p, "expected an array, got " + got(v, p));
        return false;
    }
    // An optional member of a type; a wrong type is a problem and leaves `out` unchanged.
    template <class T>
    void member(const ojson& obj, const JsonPath& p, const char* key, std::optional<T>& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        const JsonPath mp = p / std::string(key);
        if constexpr (std::is_same_v<T, bool>) {
            if (it->is_boolean()) return void(out = it->template get<bool>());
            problem(mp, "expected true or false, got " + got(*it, mp));
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (it->is_string()) return void(out = it->template get<std::string>());
            problem(mp, "expected a string, got " + got(*it, mp));
        } else if constexpr (std::is_same_v<T, float>) {
            if (it->is_number() && std::isfinite(it->template get<float>()))
                return void(out = it->template get<float>());
            problem(mp, (it->is_number() ? "number out of range: " : "expected a number, got ") + got(*it, mp));
        } else {
            static_assert(std::is_same_v<T, uint64_t>);
            if (it->is_number_unsigned()) return void(out = it->template get<uint64_t>());
            problem(mp, "expected a non-negative integer, got " + got(*it, mp));
        }
    }
    // The same into a field that keeps its value (its default) when the member is absent or wrong.
    template <class T>
    void field(const ojson& obj, const JsonPath& p, const char* key, T& out) {
        std::optional<T> v;
        member(obj, p, key, v);
        if (v) out = std::move(*v);
    }
    // A string field that must be one of `allowed` ("expected \"a\", \"b\" or \"c\", got ...").
    void choice(const ojson& obj, const JsonPath& p, const char* key, std::string& out,
                std::initializer_list<const char*> allowed) {
        std::optional<std::string> v;
        member(obj, p, key, v);
        if (!v) return;
        std::string expected;
        size_t i = 0;
        for (const char* a : allowed) {
            if (*v == a) return void(out = std::move(*v));
            if (i > 0) expected += i + 1 == allowed.size() ? " or " : ", ";
            expected += "\"" + std::string(a) + "\"";
            ++i;
        }
        problem(p / std::string(key), "expected " + expected + ", got \"" + *v + "\"");
    }
    // A required string member (an entry is dropped without it).
    std::optional<std::string> required_string(const ojson& obj, const JsonPath& p, const char* key) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            problem(p, std::string("missing required field \"") + key + "\"");
            return std::nullopt;
        }
        std::optional<std::string> out;
        member(obj, p, key, out);
        return out;
    }
};

template <class T, class F>
StateRead<T> read_whole(std::string_view input, F&& build) {
    json::Reporter r(input);
    StateRead<T> out;
    std::optional<T> v;
    if (auto root = json::parse(input, r)) v = build(*root, r);
    out.diagnostics = r.finish();
    if (v && !r.has_errors()) out.value = std::move(v);
    return out;
}

}  // namespace

// =====================================================================================
// [SECTION] Rules file (SuggestConfig)
// =====================================================================================

namespace page {

ojson suggest_to_json(const SuggestConfig& c) {
    ojson j = ojson::object();
    if (c.gazetteers) {
        ojson gs = ojson::array();
        for (const GazetteerSetup& g : *c.gazetteers) {
            ojson o = ojson::object();
            if (g.case_sensitive) o["case_sensitive"] = *g.case_sensitive;
            if (g.entries) {
                ojson es = ojson::array();
                for (const GazetteerEntry& e : *g.entries) es.push_back(ojson{{"label", e.label}, {"term", e.term}});
                o["entries"] = std::move(es);
            }
            if (g.text) o["text"] = *g.text;
            if (g.whole_word) o["whole_word"] = *g.whole_word;
            gs.push_back(std::move(o));
        }
        j["gazetteers"] = std::move(gs);
    }
    if (c.names) {
        ojson o = ojson::object();
        if (c.names->enabled) o["enabled"] = *c.names->enabled;
        if (c.names->label) o["label"] = *c.names->label;
        j["names"] = std::move(o);
    }
    if (c.rules) {
        ojson rs = ojson::array();
        for (const Rule& r : *c.rules) rs.push_back(ojson{{"label", r.label}, {"pattern", r.pattern}});
        j["rules"] = std::move(rs);
    }
    return j;
}

namespace {

std::optional<GazetteerSetup> gazetteer_from_json(const ojson& g, const JsonPath& p, Checker& c) {
    if (!c.is_object(g, p)) return std::nullopt;
    c.unknown(g, p, {"case_sensitive", "entries", "text", "whole_word"});
    GazetteerSetup out;
    c.member(g, p, "case_sensitive", out.case_sensitive);
    c.member(g, p, "whole_word", out.whole_word);
    c.member(g, p, "text", out.text);
    if (auto it = g.find("entries"); it != g.end()) {
        const JsonPath ep = p / std::string("entries");
        if (c.is_array(*it, ep)) {
            out.entries.emplace();
            for (size_t i = 0; i < it->size(); ++i) {
                const JsonPath xp = ep / i;
                const ojson& e = (*it)[i];
                if (!c.is_object(e, xp)) continue;
                c.unknown(e, xp, {"label", "term"});
                auto term = c.required_string(e, xp, "term");
                auto label = c.required_string(e, xp, "label");
                if (term && label) out.entries->push_back(GazetteerEntry{std::move(*term), std::move(*label)});
            }
        }
    }
    return out;
}

}  // namespace

std::optional<SuggestConfig> suggest_from_json(const ojson& v, const JsonPath& p, json::Reporter& r, bool lenient) {
    Checker c{r, lenient};
    if (!c.is_object(v, p)) return std::nullopt;
    c.unknown(v, p, {"gazetteers", "names", "rules"});
    SuggestConfig out;
    if (auto it = v.find("gazetteers"); it != v.end() && c.is_array(*it, p / std::string("gazetteers"))) {
        out.gazetteers.emplace();
        for (size_t i = 0; i < it->size(); ++i)
            if (auto g = gazetteer_from_json((*it)[i], p / std::string("gazetteers") / i, c))
                out.gazetteers->push_back(std::move(*g));
    }
    if (auto it = v.find("names"); it != v.end() && c.is_object(*it, p / std::string("names"))) {
        const JsonPath np = p / std::string("names");
        c.unknown(*it, np, {"enabled", "label"});
        out.names.emplace();
        c.member(*it, np, "enabled", out.names->enabled);
        c.member(*it, np, "label", out.names->label);
    }
    if (auto it = v.find("rules"); it != v.end() && c.is_array(*it, p / std::string("rules"))) {
        out.rules.emplace();
        for (size_t i = 0; i < it->size(); ++i) {
            const JsonPath xp = p / std::string("rules") / i;
            const ojson& x = (*it)[i];
            if (!c.is_object(x, xp)) continue;
            c.unknown(x, xp, {"label", "pattern"});
            auto pattern = c.required_string(x, xp, "pattern");
            auto label = c.required_string(x, xp, "label");
            if (pattern && label) out.rules->push_back(Rule{std::move(*pattern), std::move(*label)});
        }
    }
    return out;
}

}  // namespace page

StateRead<SuggestConfig> read_suggest_config(std::string_view input) {
    return read_whole<SuggestConfig>(
        input, [](const ojson& root, json::Reporter& r) { return page::suggest_from_json(root, {}, r, false); });
}

std::string write_suggest_config(const SuggestConfig& config) { return json::dump(page::suggest_to_json(config)); }

// =====================================================================================
// [SECTION] View preferences
// =====================================================================================

namespace page {

ojson view_to_json(const ViewPrefs& v) {
    ojson j = ojson::object();
    j["active_label"] = v.active_label;
    if (!v.annotator.empty()) j["annotator"] = v.annotator;   // written only when set (older sessions stay equal)
    if (v.direction != "auto") j["direction"] = v.direction;  // written only when chosen
    if (!v.hidden_labels.empty()) j["hidden_labels"] = v.hidden_labels;
    if (!v.hidden_relation_types.empty()) j["hidden_relation_types"] = v.hidden_relation_types;
    if (!v.locked_labels.empty()) j["locked_labels"] = v.locked_labels;
    j["find_whole_word"] = v.find_whole_word;
    j["side_collapsed"] = v.side_collapsed;
    j["side_width"] = v.side_width;
    j["snap_to_words"] = v.snap_to_words;
    j["sticky_label"] = v.sticky_label;
    if (v.suggest) j["suggest"] = suggest_to_json(*v.suggest);
    if (v.theme != "system") j["theme"] = v.theme;  // written only when chosen (older sessions stay equal)
    j["zoom"] = v.zoom;
    return j;
}

std::optional<ViewPrefs> view_from_json(const ojson& v, const JsonPath& p, json::Reporter& r,
                                        bool not_object_is_error) {
    Checker c{r, true};
    if (!v.is_object()) {
        const std::string msg = "expected an object, got " + c.got(v, p);
        if (not_object_is_error)
            r.error(p, msg);
        else
            r.warning(p, msg + "; the view settings were reset");
        return std::nullopt;
    }
    c.unknown(
        v, p,
        {"active_label", "annotator", "direction", "find_whole_word", "hidden_labels", "hidden_relation_types",
         "locked_labels", "side_collapsed", "side_width", "snap_to_words", "sticky_label", "suggest", "theme", "zoom"});
    ViewPrefs out;
    c.field(v, p, "zoom", out.zoom);
    c.field(v, p, "annotator", out.annotator);
    c.choice(v, p, "direction", out.direction, {"auto", "ltr", "rtl"});
    c.choice(v, p, "theme", out.theme, {"system", "light", "dark"});
    c.field(v, p, "side_width", out.side_width);
    c.field(v, p, "snap_to_words", out.snap_to_words);
    c.field(v, p, "sticky_label", out.sticky_label);
    c.field(v, p, "side_collapsed", out.side_collapsed);
    c.field(v, p, "find_whole_word", out.find_whole_word);
    c.field(v, p, "active_label", out.active_label);
    // Lists of names: a member that is not an array of strings is a warning and reads as empty.
    for (auto [key, list] : {std::pair{"hidden_labels", &out.hidden_labels},
                             std::pair{"hidden_relation_types", &out.hidden_relation_types},
                             std::pair{"locked_labels", &out.locked_labels}}) {
        auto it = v.find(key);
        if (it == v.end()) continue;
        const JsonPath lp = p / std::string(key);
        if (!c.is_array(*it, lp)) continue;
        for (size_t i = 0; i < it->size(); ++i) {
            if ((*it)[i].is_string())
                list->push_back((*it)[i].get<std::string>());
            else
                c.problem(lp / i, "expected a string, got " + c.got((*it)[i], lp / i));
        }
    }
    if (auto it = v.find("suggest"); it != v.end())
        out.suggest = suggest_from_json(*it, p / std::string("suggest"), r, true);
    return out;
}

}  // namespace page

StateRead<ViewPrefs> read_view_prefs(std::string_view input) {
    return read_whole<ViewPrefs>(
        input, [](const ojson& root, json::Reporter& r) { return page::view_from_json(root, {}, r, true); });
}

std::string write_view_prefs(const ViewPrefs& view) { return json::dump(page::view_to_json(view)); }

// =====================================================================================
// [SECTION] Recent versions index
// =====================================================================================

StateRead<VersionIndex> read_version_index(std::string_view input) {
    return read_whole<VersionIndex>(input, [](const ojson& root, json::Reporter& r) -> std::optional<VersionIndex> {
        if (!root.is_array()) {
            r.error({}, "expected an array of versions, got " + json::describe(root, r.raw({})));
            return std::nullopt;
        }
        Checker c{r, true};
        VersionIndex out;
        for (size_t i = 0; i < root.size(); ++i) {
            const JsonPath p = JsonPath{} / i;
            const ojson& x = root[i];
            if (!c.is_object(x, p)) continue;
            c.unknown(x, p, {"entities", "key", "saved", "text", "title", "when"});
            auto key = c.required_string(x, p, "key");
            if (!key) continue;
            VersionEntry v;
            v.key = std::move(*key);
            c.field(x, p, "when", v.when);
            c.field(x, p, "title", v.title);
            c.field(x, p, "text", v.text);
            c.field(x, p, "entities", v.entities);
            c.field(x, p, "saved", v.saved);
            out.push_back(std::move(v));
        }
        return out;
    });
}

std::string write_version_index(const VersionIndex& index) {
    ojson a = ojson::array();
    for (const VersionEntry& v : index) {
        a.push_back(ojson{{"entities", v.entities}, {"key", v.key}, {"title", v.title}, {"when", v.when}});
        if (!v.text.empty()) a.back()["text"] = v.text;  // a snapshot whose text is under this key
        if (v.saved) a.back()["saved"] = true;           // the autosave's keys under key + "/"
    }
    return json::dump(a);
}

// =====================================================================================
// [SECTION] Document queue index
// =====================================================================================

const char* queue_status_id(QueueStatus s) {
    switch (s) {
        case QueueStatus::Todo: return "todo";
        case QueueStatus::InProgress: return "in-progress";
        case QueueStatus::Done: return "done";
    }
    return "todo";
}

namespace {

std::optional<QueueEntry> queue_entry(const ojson& x, const JsonPath& p, Checker& c) {
    if (!c.is_object(x, p)) return std::nullopt;
    c.unknown(x, p, {"entities", "id", "status", "text", "title"});
    auto id = c.required_string(x, p, "id");
    if (!id) return std::nullopt;
    QueueEntry q;
    q.id = std::move(*id);
    std::optional<std::string> status;
    c.field(x, p, "title", q.title);
    c.field(x, p, "entities", q.entities);
    c.field(x, p, "text", q.text);
    c.member(x, p, "status", status);
    if (status == "in-progress")
        q.status = QueueStatus::InProgress;
    else if (status == "done")
        q.status = QueueStatus::Done;
    else if (status && *status != "todo")
        c.r.warning(p / std::string("status"), "unknown status " + json::quote(*status) + " (read as \"todo\")");
    return q;
}

}  // namespace

StateRead<QueueIndex> read_queue_index(std::string_view input) {
    return read_whole<QueueIndex>(input, [](const ojson& root, json::Reporter& r) -> std::optional<QueueIndex> {
        Checker strict{r, false};
        if (!strict.is_object(root, {})) return std::nullopt;
        auto docs = root.find("docs");
        if (docs == root.end()) {
            r.error({}, "missing required field \"docs\"");
            return std::nullopt;
        }
        if (!strict.is_array(*docs, JsonPath{} / std::string("docs"))) return std::nullopt;
        Checker c{r, true};
        c.unknown(root, {}, {"current", "docs", "next_id", "version"});
        QueueIndex out;
        std::optional<uint64_t> version;
        c.field(root, {}, "current", out.current);
        c.field(root, {}, "next_id", out.next_id);
        c.member(root, {}, "version", version);
        if (version && *version != 1)
            r.error(JsonPath{} / std::string("version"), "expected 1, got " + std::to_string(*version));
        for (size_t i = 0; i < docs->size(); ++i)
            if (auto q = queue_entry((*docs)[i], JsonPath{} / std::string("docs") / i, c)) out.docs.push_back(*q);
        return out;
    });
}

std::string write_queue_index(const QueueIndex& index) {
    ojson docs = ojson::array();
    for (const QueueEntry& q : index.docs) {
        ojson e = ojson{{"entities", q.entities}, {"id", q.id}, {"status", queue_status_id(q.status)}};
        if (!q.text.empty()) e["text"] = q.text;
        e["title"] = q.title;
        docs.push_back(std::move(e));
    }
    return json::dump(
        ojson{{"current", index.current}, {"docs", std::move(docs)}, {"next_id", index.next_id}, {"version", 1}});
}

// =====================================================================================
// [SECTION] Native JSONL detection
// =====================================================================================

bool looks_like_native_jsonl(std::string_view bytes) {
    const size_t nl = bytes.find('\n');
    const std::string_view first = bytes.substr(0, nl);
    if (first.find_first_not_of(" \t\r") == std::string_view::npos || nl == std::string_view::npos) return false;
    auto j = json::parse_quiet(first);
    if (!j || !j->is_object()) return false;
    auto f = j->find("format");
    return f != j->end() && f->is_string() && f->get<std::string>() == "article-annotator";
}

}  // namespace aa::io
