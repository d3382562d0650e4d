// A team project's corpus as files (io/team_corpus.hpp): the bulk import's reading and planning and
// one article's export, shared by annotator push / pull and the page's Team tab, so that a corpus
// moved by either looks the same; and the JSON the page's API exchanges for them.
#include "io/team_corpus.hpp"

#include <algorithm>
#include <set>

#include "io/api_json.hpp"
#include "io/json_read.hpp"

namespace aa::io::team {

namespace {

std::string stem_of(const std::string& name) {
    const size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

std::string ext_of(const std::string& name) {
    const size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? std::string() : name.substr(dot);
}

void report(CorpusRead& out, const std::string& file, const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags) out.messages.push_back(d.report_in(file));
}

// One file's documents (brat's .ann with `text`); false after reporting why not.
bool read_one(const CorpusFile& f, const std::string& shown, const CorpusFile* brat_text, CorpusRead& out,
              std::vector<Document>& docs) {
    if (ext_of(f.name) == ".txt") {
        auto t = Text::from_utf8(f.bytes);
        if (!t.ok()) {
            report(out, shown, {t.error()});
            return false;
        }
        docs.emplace_back(std::move(t.value()));
        docs.back().info.source = f.name;
        return true;
    }
    auto fmt = detect_format(f.name, f.bytes);
    if (!fmt.ok()) {
        report(out, shown, {fmt.error()});
        return false;
    }
    ReadOptions ro;
    ro.source_name = f.name;
    std::optional<Text> beside;
    if ((*fmt)->id == std::string_view("brat")) {
        if (!brat_text) {
            out.messages.push_back(shown + ": error: brat's text " + stem_of(f.name) + ".txt is not among the files");
            return false;
        }
        auto t = Text::from_utf8(brat_text->bytes);
        if (!t.ok()) {
            report(out, shown.substr(0, shown.size() - f.name.size()) + brat_text->name, {t.error()});
            return false;
        }
        beside = std::move(t.value());
        ro.text = &*beside;
    }
    ReadResult r = read((*fmt)->id, f.bytes, ro);
    report(out, shown, r.diagnostics);
    if (!r.ok()) return false;
    docs = std::move(r.documents);
    return true;
}

}  // namespace

CorpusRead read_corpus(const std::vector<CorpusFile>& files, const std::string& prefix) {
    std::vector<const CorpusFile*> sorted;
    for (const CorpusFile& f : files) sorted.push_back(&f);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const CorpusFile* a, const CorpusFile* b) { return a->name < b->name; });
    auto find = [&](const std::string& name) -> const CorpusFile* {
        auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                                   [](const CorpusFile* f, const std::string& n) { return f->name < n; });
        return it != sorted.end() && (*it)->name == name ? *it : nullptr;
    };
    CorpusRead out;
    std::map<std::string, std::string> owner;  // article id -> the file it came from
    for (const CorpusFile* f : sorted) {
        const std::string stem = stem_of(f->name), shown = prefix + f->name;
        if (ext_of(f->name) == ".txt" && find(stem + ".ann")) continue;  // read with the .ann
        std::vector<Document> docs;
        if (!read_one(*f, shown, find(stem + ".txt"), out, docs)) {
            out.ok = false;
            continue;
        }
        const std::string id = article_id_from(stem);
        for (size_t i = 0; i < docs.size(); ++i) {
            std::string article = docs.size() == 1 ? id : id + "-" + std::to_string(i + 1);
            auto [it, fresh] = owner.emplace(article, shown);
            if (!fresh) {
                out.messages.push_back(shown + ": error: the article id " + article + " is also " + it->second +
                                       "'s (rename one of them)");
                out.ok = false;
                continue;
            }
            out.docs.push_back({shown, std::move(article), std::move(docs[i])});
        }
    }
    if (!out.ok) out.docs.clear();
    return out;
}

std::vector<std::string> push_keys(const CorpusRead& corpus, const PushOptions& o) {
    const bool entities = o.gold || !o.as_user.empty();
    std::vector<std::string> keys;
    for (const CorpusDoc& l : corpus.docs) {
        keys.push_back(article_doc_id(l.article));
        if (entities) keys.push_back(o.gold ? gold_doc_id(l.article) : ann_doc_id(l.article, o.as_user));
    }
    return keys;
}

PushPlan plan_push(const CorpusRead& corpus, const std::optional<Project>& given,
                   const std::map<std::string, Existing>& existing, const PushOptions& o) {
    PushPlan plan;
    if (corpus.docs.empty()) return plan;
    Project project;
    if (given) {
        project = *given;
    } else {
        project = project_of(corpus.docs[0].doc, o.db_name);
        for (const CorpusDoc& l : corpus.docs)  // labels used by later files join the set
            for (const Label& lab : l.doc.labels().all())
                if (!project.labels.find(lab.name))
                    if (!project.labels.insert(project.labels.size(), lab)) break;
        plan.project_created = true;
        plan.docs.push_back(to_json(project));
    }
    const bool entities = o.gold || !o.as_user.empty();
    if (entities)  // the project's labels must name every label the files use
        for (const CorpusDoc& l : corpus.docs)
            for (Slot s : l.doc.entities().ordered()) {
                const Entity& e = l.doc.entities().get(s);
                if (project.labels.find(e.label)) continue;
                plan.messages.push_back(l.file + ": error: entity " + e.id + ": label \"" + e.label +
                                        "\" is not one of the project's labels");
                break;
            }
    if (!plan.messages.empty()) return plan;
    for (const CorpusDoc& l : corpus.docs) {
        const std::string aid = article_doc_id(l.article);
        if (auto it = existing.find(aid); it != existing.end()) {
            auto a = parse_article(it->second.doc);
            if (!a.ok() || a.value->text != l.doc.text().utf8()) {
                plan.messages.push_back(l.file + ": error: " + aid +
                                        " exists with another text; not replaced (rename the file)");
                continue;
            }
            ++plan.kept;
        } else {
            plan.docs.push_back(to_json(article_of(l.doc, l.article)));
        }
        if (!entities) {
            plan.entities_skipped += l.doc.entities().size();
            continue;
        }
        Annotations ann = annotations_of(l.doc, l.article, o.gold ? "" : o.as_user);
        if (o.gold) ann.curator = o.curator;
        ann.status = "done";
        const std::string id = o.gold ? gold_doc_id(l.article) : ann_doc_id(l.article, o.as_user);
        if (auto it = existing.find(id); it != existing.end()) ann.rev = it->second.rev;
        plan.docs.push_back(to_json(ann, l.doc.text()));
    }
    return plan;
}

ArticleExport export_article(const Project& project, const Article& article, const Annotations& annotations,
                             const Format& format) {
    ArticleExport out;
    auto doc = assemble(project, article, &annotations);
    if (!doc.ok()) {
        out.error = doc.error().summary();
        return out;
    }
    WriteResult w = write(format.id, *doc);
    out.diagnostics = std::move(w.diagnostics);
    if (!w.ok()) {
        for (const Diagnostic& d : out.diagnostics)
            if (d.is_error()) out.error = d.summary();
        return out;
    }
    out.files.push_back({article.id + std::string(format.extension), std::move(w.output)});
    if (format.id == std::string_view("brat")) out.files.push_back({article.id + ".txt", doc->text().utf8()});
    return out;
}

// ---- The page's API ----

namespace {
using json::ojson;

bool flag(const ojson& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_boolean() && it->get<bool>();
}

std::string text_of(const ojson& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t count(size_t n) { return static_cast<int64_t>(n); }

}  // namespace

Result<std::string> import_json(std::string_view manifest, std::string_view bytes, std::string_view options,
                                std::string_view project_json, std::string_view existing_json) {
    auto m = json::parse_quiet(manifest);
    auto opt = json::parse_quiet(options);
    if (!m || !m->is_array()) return make_error("import: the file list is not a JSON array");
    if (!opt || !opt->is_object()) return make_error("import: the options are not a JSON object");
    std::vector<CorpusFile> files;
    size_t at = 0;
    for (const ojson& f : *m) {
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("size") ||
            !f["size"].is_number_unsigned())
            return make_error("import: files[" + std::to_string(files.size()) + "] needs a \"name\" and a \"size\"");
        const size_t size = f["size"].get<size_t>();
        if (size > bytes.size() - at) return make_error("import: the files' sizes exceed the bytes given");
        files.push_back({f["name"].get<std::string>(), std::string(bytes.substr(at, size))});
        at += size;
    }
    PushOptions o;
    o.gold = flag(*opt, "gold");
    o.as_user = text_of(*opt, "as");
    o.curator = text_of(*opt, "curator");
    o.db_name = text_of(*opt, "db");
    const CorpusRead corpus = read_corpus(files, "");
    files.clear();
    const bool keys_only = text_of(*opt, "step") == "keys";
    if (keys_only || !corpus.ok)
        return object_json({{"ok", corpus.ok},
                            {"messages", JsonText{strings_json(corpus.messages)}},
                            {"articles", count(corpus.docs.size())},
                            {"keys", JsonText{strings_json(push_keys(corpus, o))}}});
    std::optional<Project> project;
    if (!project_json.empty()) {
        auto p = parse_project(project_json);
        if (!p.ok()) return make_error("project: " + p.first_error());
        project = std::move(*p.value);
    }
    std::map<std::string, Existing> existing;
    if (!existing_json.empty()) {
        auto e = json::parse_quiet(existing_json);
        if (!e || !e->is_object()) return make_error("import: the existing documents are not a JSON object");
        for (auto kv = e->begin(); kv != e->end(); ++kv)
            if (kv->is_object()) existing[kv.key()] = {text_of(*kv, "_rev"), json::dump(*kv)};
    }
    PushPlan plan = plan_push(corpus, project, existing, o);
    std::vector<std::string> messages = corpus.messages;  // warnings of the readers first
    messages.insert(messages.end(), plan.messages.begin(), plan.messages.end());
    return object_json({{"ok", plan.ok()},
                        {"messages", JsonText{strings_json(messages)}},
                        {"docs", JsonText{plan.ok() ? array_json(plan.docs) : std::string("[]")}},
                        {"kept", count(plan.kept)},
                        {"skipped_entities", count(plan.entities_skipped)},
                        {"articles", count(corpus.docs.size())},
                        {"project_created", plan.project_created}});
}

Result<std::string> export_json(std::string_view project_json, std::string_view article_json,
                                std::string_view annotations_json, std::string_view format) {
    const Format* fmt = find_format(format);
    if (!fmt) return make_error("unknown format \"" + std::string(format) + "\"");
    auto p = parse_project(project_json);
    if (!p.ok()) return make_error("project: " + p.first_error());
    auto a = parse_article(article_json);
    if (!a.ok()) return make_error("article: " + a.first_error());
    auto n = parse_annotations(annotations_json);
    if (!n.ok()) return make_error(n.first_error());
    ArticleExport x = export_article(*p.value, *a.value, *n.value, *fmt);
    if (!x.ok()) return make_error(x.error);
    std::vector<std::string> files, warnings;
    for (const ExportedFile& f : x.files) files.push_back(object_json({{"name", f.name}, {"content", f.bytes}}));
    for (const Diagnostic& d : x.diagnostics) warnings.push_back(d.report_in(x.files[0].name));
    return object_json({{"files", JsonText{array_json(files)}}, {"warnings", JsonText{strings_json(warnings)}}});
}

}  // namespace aa::io::team
