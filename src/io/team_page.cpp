// The page's team messages (io/team_page.hpp): parsed with the quiet parser (they come from the
// page's own sync script, but a wrong one must still say what is wrong rather than half-apply).
#include "io/team_page.hpp"

#include "io/json_read.hpp"
#include "io/team.hpp"

namespace aa::io::team {
namespace {
using json::ojson;

std::string str(const ojson& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A document member as JSON text ("" when absent or null).
std::string doc(const ojson& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_object() ? json::dump(*it) : std::string();
}

std::vector<std::string> strings(const ojson& o, const char* key) {
    std::vector<std::string> out;
    auto it = o.find(key);
    if (it == o.end() || !it->is_array()) return out;
    for (const ojson& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

Result<std::vector<QueueEntry>> queue_of(const ojson& o) {
    std::vector<QueueEntry> out;
    auto it = o.find("articles");
    if (it == o.end() || !it->is_array()) return make_error("team message: \"articles\" is not an array");
    for (const ojson& a : *it) {
        if (!a.is_object() || !a.contains("id") || !a["id"].is_string())
            return make_error("team message: articles[" + std::to_string(out.size()) + "] has no \"id\"");
        QueueEntry e;
        e.id = a["id"].get<std::string>();
        e.title = str(a, "title");
        e.assigned = strings(a, "assigned");
        e.gold = a.contains("gold") && a["gold"].is_boolean() && a["gold"].get<bool>();
        if (auto s = a.find("status"); s != a.end() && s->is_object())
            for (auto kv = s->begin(); kv != s->end(); ++kv)
                if (kv->is_string()) e.statuses.emplace_back(kv.key(), kv->get<std::string>());
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

Result<PageEvent> parse_page_event(std::string_view input) {
    auto root = json::parse_quiet(input);
    if (!root || !root->is_object()) return make_error("team message: not a JSON object");
    const ojson& o = *root;
    const std::string kind = str(o, "kind");
    PageEvent e;
    e.message = str(o, "message");
    e.op = str(o, "op");
    if (kind == "session") {
        e.kind = PageEvent::Kind::Session;
        e.url = str(o, "url");
        e.user = str(o, "user");
        e.roles = strings(o, "roles");
        if (e.user.empty()) return make_error("team message: a session without \"user\"");
    } else if (kind == "signed-out") {
        e.kind = PageEvent::Kind::SignedOut;
    } else if (kind == "sign-in") {
        e.kind = PageEvent::Kind::SignIn;
    } else if (kind == "sync") {
        e.kind = PageEvent::Kind::Sync;
        e.sync = str(o, "state");
        if (auto w = o.find("waiting"); w != o.end() && w->is_number_unsigned()) e.waiting = w->get<size_t>();
        if (e.sync.empty()) return make_error("team message: a sync state without \"state\"");
    } else if (kind == "queue") {
        e.kind = PageEvent::Kind::Queue;
        auto q = queue_of(o);
        if (!q.ok()) return q.error();
        e.articles = std::move(*q);
    } else if (kind == "article" || kind == "remote" || kind == "other") {
        e.kind = kind == "article"  ? PageEvent::Kind::Article
                 : kind == "remote" ? PageEvent::Kind::Remote
                                    : PageEvent::Kind::Other;
        e.project = doc(o, "project");
        e.article = doc(o, "article");
        e.annotations = doc(o, "annotations");
        e.target = str(o, "target");
        if (e.kind == PageEvent::Kind::Article && (e.project.empty() || e.article.empty()))
            return make_error("team message: an article without its \"project\" or \"article\" document");
    } else if (kind == "saved") {
        e.kind = PageEvent::Kind::Saved;
        e.doc_id = str(o, "id");
        e.rev = str(o, "rev");
    } else if (kind == "conflict") {
        e.kind = PageEvent::Kind::Conflict;
        e.doc_id = str(o, "id");
        e.conflicts = strings(o, "conflicts");
    } else if (kind == "corpus") {
        e.kind = PageEvent::Kind::Corpus;
        e.a = str(o, "a");
        e.b = str(o, "b");
        e.project = doc(o, "project");
        e.done = o.contains("done") && o["done"].is_boolean() && o["done"].get<bool>();
        if (auto n = o.find("seen"); n != o.end() && n->is_number_unsigned()) e.articles_seen = n->get<size_t>();
        if (e.a.empty() || e.b.empty()) return make_error("team message: a corpus comparison without \"a\" or \"b\"");
        auto it = o.find("pairs");
        if (it == o.end() || !it->is_array()) return make_error("team message: \"pairs\" is not an array");
        for (const ojson& p : *it) {
            CorpusPair pair{p.is_object() ? doc(p, "article") : "", p.is_object() ? doc(p, "a") : "",
                            p.is_object() ? doc(p, "b") : ""};
            if (pair.article.empty() || pair.a.empty() || pair.b.empty())
                return make_error("team message: pairs[" + std::to_string(e.pairs.size()) +
                                  "] needs the \"article\", \"a\" and \"b\" documents");
            e.pairs.push_back(std::move(pair));
        }
    } else if (kind == "error") {
        e.kind = PageEvent::Kind::Error;
    } else if (kind == "notice") {
        e.kind = PageEvent::Kind::Notice;
        e.done = o.contains("done") && o["done"].is_boolean() && o["done"].get<bool>();
        if (e.message.empty()) return make_error("team message: a notice without \"message\"");
    } else {
        return make_error("team message: unknown kind " + json::quote(kind));
    }
    return e;
}

Result<std::string> merge_json(std::string_view base, std::string_view ours, std::string_view theirs,
                               std::string_view text) {
    auto o = parse_annotations(ours);
    if (!o.ok()) return make_error("ours: " + o.first_error());
    auto t = parse_annotations(theirs);
    if (!t.ok()) return make_error("theirs: " + t.first_error());
    Annotations b = *o.value;
    b.entities.clear();
    b.note.clear();
    b.status = "todo";
    b.curator.clear();
    if (!base.empty()) {
        auto p = parse_annotations(base);
        if (!p.ok()) return make_error("base: " + p.first_error());
        b = *p.value;
    }
    AnnotationsMerge m = merge_annotations(b, *o.value, *t.value);
    ojson out = ojson::object();
    auto article_text = Text::from_utf8(std::string(text));
    if (!article_text.ok()) return article_text.error();
    auto merged = json::parse_quiet(to_json(m.merged, *article_text));
    out["merged"] = merged ? *merged : ojson();
    ojson cs = ojson::array();
    for (const MergeConflict& c : m.conflicts) cs.push_back(c.message);
    out["conflicts"] = std::move(cs);
    return json::dump(out);
}

}  // namespace aa::io::team
