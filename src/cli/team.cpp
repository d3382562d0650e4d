// annotator publish / push / pull: a team project's database from the command line (io/team.hpp
// for the documents, cli/http.hpp for HTTP). Nothing is written, locally or on the server, before
// every input has been read and checked; the server's refusals are printed per document.
//
// [SECTION] options  [SECTION] server helpers  [SECTION] publish  [SECTION] push  [SECTION] pull
#include "cli/team.hpp"

#include <sys/stat.h>

#include <dirent.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/http.hpp"
#include "cli/output.hpp"
#include "core/printable.hpp"
#include "io/couch.hpp"
#include "io/format.hpp"
#include "io/team.hpp"
#include "io/team_corpus.hpp"

namespace aa::cli {

namespace {

namespace team = io::team;
namespace couch = io::couch;

// ---- [SECTION] options ----

struct Options {
    std::string command;
    std::vector<std::string> positional;
    std::string user, password;
    std::string dist = "dist";
    std::string as_user;    // push: write ann:<article>:<as_user>
    bool gold = false;      // push: write gold:; pull: read gold: (the default)
    std::string annotator;  // pull: read ann:<article>:<annotator>
    std::string output, to;
    bool force = false;
};

std::string P(const std::string& s) { return printable(s); }

int usage(const std::string& message) {
    std::fprintf(stderr, "annotator: %s\nTry 'annotator --help'.\n", P(message).c_str());
    return 2;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "annotator: error: %s\n", P(message).c_str());
    return 1;
}

std::optional<int> parse(int argc, char** argv, Options& o) {
    o.command = argv[0];
    for (int i = 1; i < argc; ++i) {
        const std::string s = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        if (s == "--user") {
            if (!value(o.user)) return usage("--user needs a CouchDB user name");
        } else if (s == "--dist") {
            if (!value(o.dist)) return usage("--dist needs a directory");
        } else if (s == "--as") {
            if (!value(o.as_user)) return usage("--as needs a user name");
        } else if (s == "--annotator") {
            if (!value(o.annotator)) return usage("--annotator needs a user name");
        } else if (s == "--gold") {
            o.gold = true;
        } else if (s == "-o" || s == "--output") {
            if (!value(o.output)) return usage("-o needs a directory");
        } else if (s == "--to") {
            if (!value(o.to)) return usage("--to needs a format");
        } else if (s == "--force") {
            o.force = true;
        } else if (s.size() > 1 && s[0] == '-') {
            return usage("unknown option " + s + " for " + o.command);
        } else {
            o.positional.push_back(s);
        }
    }
    if (!o.user.empty()) {
        const char* pw = std::getenv("ANNOTATOR_PASSWORD");
        if (!pw)
            return usage("--user " + o.user + " needs the password in the environment variable ANNOTATOR_PASSWORD");
        o.password = pw;
    }
    if (!Http::available())
        return fail("this annotator was built without libcurl (install libcurl4-openssl-dev and rebuild)");
    return std::nullopt;
}

// ---- [SECTION] server helpers ----

std::string trim_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string doc_url(const std::string& db, const std::string& id) { return db + "/" + Http::escape(id); }

// A document by id: its JSON, "" when it does not exist, nullopt after printing a failure.
std::optional<std::string> get_doc(Http& http, const std::string& db, const std::string& id) {
    HttpResponse r = http.get(doc_url(db, id));
    if (r.status == 404 && r.error.empty()) return std::string();
    if (!r.ok()) {
        fail(redact(db) + ": cannot read " + id + ": " + r.describe());
        return std::nullopt;
    }
    return r.body;
}

// The rows for `keys` (POST _all_docs include_docs), in batches; nullopt after printing why not.
std::optional<std::vector<couch::Row>> get_docs(Http& http, const std::string& db,
                                                const std::vector<std::string>& keys) {
    std::vector<couch::Row> all;
    constexpr size_t kBatch = 200;
    for (size_t at = 0; at < keys.size(); at += kBatch) {
        std::vector<std::string> part(keys.begin() + static_cast<long>(at),
                                      keys.begin() + static_cast<long>(std::min(keys.size(), at + kBatch)));
        HttpResponse r = http.send("POST", db + "/_all_docs?include_docs=true&conflicts=true", couch::keys_body(part));
        std::string why;
        auto rows = r.ok() ? couch::parse_all_docs(r.body, &why) : std::nullopt;
        if (!rows) {
            fail(redact(db) + "/_all_docs: " + (r.ok() ? why : r.describe()));
            return std::nullopt;
        }
        for (auto& row : *rows) all.push_back(std::move(row));
    }
    return all;
}

// Every article (paged through _all_docs by key range), in id order.
std::optional<std::vector<team::Article>> get_articles(Http& http, const std::string& db) {
    std::vector<team::Article> out;
    std::string start = couch::quoted("article:");
    const std::string end = couch::quoted("article;");  // ';' follows ':': the end of the range
    constexpr int kPage = 500;
    for (;;) {
        const std::string url = db + "/_all_docs?include_docs=true&limit=" + std::to_string(kPage + 1) +
                                "&startkey=" + Http::escape(start) + "&endkey=" + Http::escape(end) +
                                "&inclusive_end=false";
        HttpResponse r = http.get(url);
        std::string why;
        auto rows = r.ok() ? couch::parse_all_docs(r.body, &why) : std::nullopt;
        if (!rows) {
            fail(redact(db) + "/_all_docs: " + (r.ok() ? why : r.describe()));
            return std::nullopt;
        }
        const bool more = rows->size() > kPage;
        if (more) {
            start = couch::quoted(rows->back().id);
            rows->pop_back();
        }
        for (const auto& row : *rows) {
            if (row.doc.empty()) continue;
            auto a = team::parse_article(row.doc);
            if (!a.ok()) {
                fail(row.id + ": " + a.first_error());
                return std::nullopt;
            }
            out.push_back(std::move(*a.value));
        }
        if (!more) return out;
    }
}

// The project document; nullopt after printing why not (missing included).
std::optional<team::Project> get_project(Http& http, const std::string& db, bool missing_ok, bool& missing) {
    auto body = get_doc(http, db, "project");
    if (!body) return std::nullopt;
    missing = body->empty();
    if (missing) {
        if (!missing_ok) fail(redact(db) + ": no project document (push a corpus first)");
        return missing_ok ? std::optional<team::Project>(team::Project{}) : std::nullopt;
    }
    auto p = team::parse_project(*body);
    if (!p.ok()) {
        fail("project: " + p.first_error());
        return std::nullopt;
    }
    return std::move(*p.value);
}

// Prints each refused document of a _bulk_docs answer; false if any was refused.
bool report_bulk(const HttpResponse& r, const std::string& db, size_t& saved) {
    std::string why;
    auto results = r.ok() ? couch::parse_bulk(r.body, &why) : std::nullopt;
    if (!results) {
        fail(redact(db) + "/_bulk_docs: " + (r.ok() ? why : r.describe()));
        return false;
    }
    bool ok = true;
    for (const auto& s : *results) {
        if (s.ok()) {
            ++saved;
            continue;
        }
        std::fprintf(stderr, "annotator: error: %s: refused by the server: %s%s%s\n", P(s.id).c_str(),
                     P(s.error).c_str(), s.reason.empty() ? "" : ": ", P(s.reason).c_str());
        ok = false;
    }
    return ok;
}

// Regular files directly in `dir`, sorted by name; nullopt after printing why not.
std::optional<std::vector<std::string>> list_dir(const std::string& dir) {
    DIR* d = opendir(dir.c_str());
    if (!d) {
        std::fprintf(stderr, "%s: error: cannot open the directory: %s\n", P(dir).c_str(), std::strerror(errno));
        return std::nullopt;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        if (name.empty() || name[0] == '.') continue;
        struct stat st {};
        if (stat((dir + "/" + name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

std::string mime_of(const std::string& name) {
    auto ends = [&](const char* ext) {
        const size_t n = std::strlen(ext);
        return name.size() >= n && name.compare(name.size() - n, n, ext) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
    if (ends(".wasm")) return "application/wasm";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".json")) return "application/json";
    if (ends(".png")) return "image/png";
    if (ends(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

// ---- [SECTION] publish ----

// The page's files (dist/) as attachments of _design/annotator, with validate_doc_update, and the
// database's _security: the page is then served by the database, on the database's origin.
int cmd_publish(Options& o) {
    if (o.positional.size() != 1) return usage("publish needs the database URL: annotator publish URL");
    const std::string db = trim_slash(o.positional[0]);
    auto files = list_dir(o.dist);
    if (!files) return fail("no page to publish: run ./build-wasm.sh first, or give --dist DIR");
    std::vector<std::pair<std::string, std::string>> contents;
    for (const auto& name : *files) {
        auto data = read_input(o.dist + "/" + name);
        if (!data) return 1;
        contents.emplace_back(name, std::move(*data));
    }
    Http http(o.user, o.password);
    HttpResponse created = http.send("PUT", db, "");
    if (!created.ok() && created.status != 412)  // 412: it exists already
        return fail(redact(db) + ": cannot create the database: " + created.describe());
    auto old = get_doc(http, db, "_design/annotator");
    if (!old) return 1;
    std::string design = team::design_document_json();
    if (!old->empty()) {  // replace it whole (attachments included): stale files do not linger
        const std::string rev = couch::string_field(*old, "_rev");
        design = design.substr(0, design.size() - 1) + ",\"_rev\":" + couch::quoted(rev) + "}";
    }
    HttpResponse put = http.send("PUT", db + "/_design/annotator", design);
    if (!put.ok()) return fail(redact(db) + "/_design/annotator: " + put.describe());
    std::string rev = couch::string_field(put.body, "rev");
    for (const auto& [name, data] : contents) {
        HttpResponse a = http.send("PUT", db + "/_design/annotator/" + Http::escape(name) + "?rev=" + Http::escape(rev),
                                   data, mime_of(name));
        if (!a.ok()) return fail(redact(db) + "/_design/annotator/" + name + ": " + a.describe());
        rev = couch::string_field(a.body, "rev");
    }
    HttpResponse sec = http.send("PUT", db + "/_security", team::security_json());
    if (!sec.ok()) return fail(redact(db) + "/_security: " + sec.describe());
    std::printf("published %zu files, validate_doc_update, the queue view and _security to %s\n", contents.size(),
                P(redact(db)).c_str());
    if (!contents.empty()) std::printf("open %s/_design/annotator/index.html\n", P(redact(db)).c_str());
    return 0;
}

// ---- [SECTION] push ----

// Every regular file of `dir` read into memory and then as io/team_corpus reads a corpus (X.txt
// beside X.ann is brat's text; a lone .txt is an article without annotations); nullopt after
// printing every problem.
std::optional<team::CorpusRead> read_corpus(const std::string& dir) {
    auto names = list_dir(dir);
    if (!names) return std::nullopt;
    std::vector<team::CorpusFile> files;
    for (const auto& name : *names) {
        auto data = read_input(dir + "/" + name);
        if (!data) return std::nullopt;
        files.push_back({name, std::move(*data)});
    }
    team::CorpusRead corpus = team::read_corpus(files, dir + "/");
    for (const std::string& m : corpus.messages) std::fprintf(stderr, "%s\n", P(m).c_str());
    if (!corpus.ok) return std::nullopt;
    return corpus;
}

int cmd_push(Options& o) {
    if (o.positional.size() != 2) return usage("push needs a directory and the database URL: annotator push DIR URL");
    if (o.gold && !o.as_user.empty()) return usage("push writes either --gold or --as USER, not both");
    const std::string db = trim_slash(o.positional[1]);
    auto corpus = read_corpus(o.positional[0]);
    if (!corpus) return 1;
    if (corpus->docs.empty()) return fail(o.positional[0] + ": no annotation or text files");
    Http http(o.user, o.password);
    bool missing = false;
    auto project = get_project(http, db, true, missing);
    if (!project) return 1;
    team::PushOptions po;
    po.gold = o.gold;
    po.as_user = o.as_user;
    po.curator = o.user;
    const size_t slash = db.find_last_of('/');
    po.db_name = slash == std::string::npos ? db : db.substr(slash + 1);
    auto rows = get_docs(http, db, team::push_keys(*corpus, po));
    if (!rows) return 1;
    std::map<std::string, team::Existing> existing;
    for (const auto& r : *rows)
        if (r.error.empty() && !r.deleted) existing[r.id] = {r.rev, r.doc};
    const team::PushPlan plan =
        team::plan_push(*corpus, missing ? std::nullopt : std::optional<team::Project>(*project), existing, po);
    for (const std::string& m : plan.messages) std::fprintf(stderr, "%s\n", P(m).c_str());
    if (!plan.ok()) return 1;
    bool ok = true;
    size_t saved = 0;
    constexpr size_t kBatch = 200;
    for (size_t at = 0; at < plan.docs.size(); at += kBatch) {
        std::vector<std::string> part(plan.docs.begin() + static_cast<long>(at),
                                      plan.docs.begin() + static_cast<long>(std::min(plan.docs.size(), at + kBatch)));
        ok &= report_bulk(http.send("POST", db + "/_bulk_docs", couch::bulk_body(part)), db, saved);
    }
    std::printf("pushed %zu documents to %s (%zu articles, %zu already there with the same text)\n", saved,
                P(redact(db)).c_str(), corpus->docs.size(), plan.kept);
    if (plan.entities_skipped > 0)
        std::fprintf(stderr, "annotator: note: %zu entities not pushed: --gold or --as USER says whose they are\n",
                     plan.entities_skipped);
    return ok ? 0 : 1;
}

// ---- [SECTION] pull ----

// One revision of a document (with its history when `revs`); nullopt after printing why not.
std::optional<std::string> get_rev(Http& http, const std::string& db, const std::string& id, const std::string& rev,
                                   bool revs) {
    HttpResponse r = http.get(doc_url(db, id) + "?rev=" + Http::escape(rev) + (revs ? "&revs=true" : ""));
    if (!r.ok()) {
        fail(redact(db) + ": cannot read " + id + " revision " + rev + ": " + r.describe());
        return std::nullopt;
    }
    return r.body;
}

// A document the same person changed on two devices has conflicting leaf revisions: each is
// merged into the winning one three ways from their common ancestor (io/team merge_annotations).
// What merges cleanly is exported merged; what cannot is named, and the winning side's value
// written for it. The server keeps the revisions as they are (pull never writes to it).
bool merge_conflicts(Http& http, const std::string& db, const couch::Row& row, team::Annotations& merged) {
    auto winner = get_rev(http, db, row.id, row.rev, true);
    if (!winner) return false;
    const std::vector<std::string> ours = couch::revisions(*winner);
    size_t unresolved = 0;
    for (const std::string& rev : row.conflicts) {
        auto other = get_rev(http, db, row.id, rev, true);
        if (!other) return false;
        const std::vector<std::string> theirs = couch::revisions(*other);
        std::string base_rev;
        for (const auto& r : ours)
            if (std::find(theirs.begin(), theirs.end(), r) != theirs.end()) {
                base_rev = r;
                break;
            }
        auto parsed_other = team::parse_annotations(*other);
        if (!parsed_other.ok()) {
            fail(row.id + " revision " + rev + ": " + parsed_other.first_error());
            return false;
        }
        team::Annotations base;  // no common revision stored: everything either side has differs
        base.article = merged.article;
        base.user = merged.user;
        if (!base_rev.empty()) {
            HttpResponse b = http.get(doc_url(db, row.id) + "?rev=" + Http::escape(base_rev));
            if (b.ok()) {
                auto pb = team::parse_annotations(b.body);
                if (pb.ok()) base = std::move(*pb.value);
            } else {
                std::fprintf(stderr,
                             "annotator: warning: %s: the common revision %s is no longer stored (compacted): "
                             "merged without it\n",
                             P(row.id).c_str(), P(base_rev).c_str());
            }
        }
        team::AnnotationsMerge m = team::merge_annotations(base, merged, *parsed_other.value);
        merged = std::move(m.merged);
        for (const auto& c : m.conflicts)
            std::fprintf(stderr, "annotator: warning: %s: conflict with revision %s: %s (the winning side's kept)\n",
                         P(row.id).c_str(), P(rev).c_str(), P(c.message).c_str());
        unresolved += m.conflicts.size();
    }
    std::fprintf(
        stderr,
        "annotator: note: %s: merged %zu conflicting revision%s entity by entity%s; the server keeps them "
        "until the page resolves them\n",
        P(row.id).c_str(), row.conflicts.size(), row.conflicts.size() == 1 ? "" : "s",
        unresolved ? (", " + std::to_string(unresolved) + " conflict" + (unresolved == 1 ? "" : "s") + " left").c_str()
                   : "");
    return true;
}

int cmd_pull(Options& o) {
    if (o.positional.size() != 1 || o.output.empty())
        return usage("pull needs the database URL and -o DIR: annotator pull URL -o DIR [--to FORMAT]");
    if (o.gold && !o.annotator.empty()) return usage("pull reads either --gold or --annotator USER, not both");
    const std::string db = trim_slash(o.positional[0]);
    const std::string to = o.to.empty() ? std::string("native") : o.to;
    const io::Format* fmt = io::find_format(to);
    if (!fmt) return usage("unknown format \"" + to + "\"");
    Http http(o.user, o.password);
    bool missing = false;
    auto project = get_project(http, db, false, missing);
    if (!project) return 1;
    auto articles = get_articles(http, db);
    if (!articles) return 1;
    std::vector<std::string> keys;
    for (const auto& a : *articles)
        keys.push_back(o.annotator.empty() ? team::gold_doc_id(a.id) : team::ann_doc_id(a.id, o.annotator));
    auto rows = get_docs(http, db, keys);
    if (!rows) return 1;
    std::vector<std::pair<std::string, std::string>> files;
    std::vector<std::string> skipped;
    bool ok = true;
    for (size_t i = 0; i < articles->size(); ++i) {
        const couch::Row& row = (*rows)[i];
        if (row.doc.empty()) {
            skipped.push_back((*articles)[i].id);
            continue;
        }
        auto ann = team::parse_annotations(row.doc);
        if (!ann.ok()) {
            fail(row.id + ": " + ann.first_error());
            ok = false;
            continue;
        }
        if (!row.conflicts.empty() && !merge_conflicts(http, db, row, *ann.value)) {
            ok = false;
            continue;
        }
        team::ArticleExport x = team::export_article(*project, (*articles)[i], *ann.value, *fmt);
        const std::string path = o.output + "/" + (*articles)[i].id + std::string(fmt->extension);
        print_diagnostics(path, x.diagnostics);
        if (!x.ok()) {
            if (x.diagnostics.empty()) fail(x.error);
            ok = false;
            continue;
        }
        for (auto& f : x.files) files.emplace_back(o.output + "/" + f.name, std::move(f.bytes));
    }
    if (!ok) return 1;
    if (mkdir(o.output.c_str(), 0777) != 0 && errno != EEXIST)
        return fail(o.output + ": cannot create the directory: " + std::strerror(errno));
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.first);
    if (!check_outputs(paths, {}, o.force)) return 1;
    for (const auto& [path, bytes] : files)
        if (!write_output(path, bytes)) return 1;
    const std::string whose = o.annotator.empty() ? "gold" : o.annotator + "'s annotations";
    std::printf("pulled %zu articles (%s) from %s into %s\n", files.size() - (to == "brat" ? files.size() / 2 : 0),
                P(whose).c_str(), P(redact(db)).c_str(), P(o.output).c_str());
    if (!skipped.empty()) {
        std::string list;
        for (size_t i = 0; i < skipped.size() && i < 10; ++i) list += (i ? ", " : "") + skipped[i];
        if (skipped.size() > 10) list += ", ...";
        std::fprintf(stderr, "annotator: note: %zu articles without %s skipped: %s\n", skipped.size(), whose.c_str(),
                     P(list).c_str());
    }
    return 0;
}

}  // namespace

bool is_team_command(const char* c) {
    return std::strcmp(c, "publish") == 0 || std::strcmp(c, "push") == 0 || std::strcmp(c, "pull") == 0;
}

int team_main(int argc, char** argv) {
    Options o;
    if (auto st = parse(argc, argv, o)) return *st;
    if (o.command == "publish") return cmd_publish(o);
    if (o.command == "push") return cmd_push(o);
    return cmd_pull(o);
}

}  // namespace aa::cli
