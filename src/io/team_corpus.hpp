// A team project's corpus moved as files, with one set of rules for the CLI (annotator push and
// pull) and the page (the Team tab's import and export): files read into articles and, when the
// caller says whose they are, their annotations as ann: or gold: documents; and the other way, one
// article with its chosen annotations written as the files of a format. No I/O: bytes in, bytes out.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "io/format.hpp"
#include "io/team.hpp"

namespace aa::io::team {

// ---- Import (push) ----

struct CorpusFile {
    std::string name;  // the file's name, without a directory: the article id comes from its stem
    std::string bytes;
};

struct CorpusDoc {
    std::string file;     // as messages name it (the caller's prefix + name)
    std::string article;  // the article id
    Document doc;
};

struct CorpusRead {
    std::vector<CorpusDoc> docs;
    // What the readers said, each "FILE:LINE:COL: error: ..." (warnings too), in file order.
    std::vector<std::string> messages;
    bool ok = true;  // false: at least one file could not be read; then nothing may be written
};

// Every file read, in name order, as annotator push reads a directory: a lone .txt is an article
// without annotations; X.txt beside X.ann is brat's text; every other file is detected and read
// (a file holding several documents gives the articles <stem>-1, <stem>-2, ...). `prefix` goes
// before each name in messages ("corpus/" for the CLI's directory, "" for the page's files).
CorpusRead read_corpus(const std::vector<CorpusFile>& files, const std::string& prefix);

struct PushOptions {
    bool gold = false;    // the files' entities become gold:<article> (written by `curator`)
    std::string as_user;  // or ann:<article>:<as_user>; neither: the entities are not imported
    std::string curator;  // gold: the reviewer who imports
    std::string db_name;  // the project's name when there is no project document yet
};

// The documents whose current versions decide what is written: every article: and, when the
// entities are imported, their ann: or gold: documents.
std::vector<std::string> push_keys(const CorpusRead& corpus, const PushOptions& options);

struct Existing {
    std::string rev;
    std::string doc;  // the document's JSON
};

struct PushPlan {
    std::vector<std::string> docs;      // to write, JSON with _id (and _rev where one exists)
    std::vector<std::string> messages;  // why not ("FILE: error: ..."); non-empty = write nothing
    size_t kept = 0;                    // articles already there with the same text
    size_t entities_skipped = 0;        // entities not imported (neither gold nor as_user)
    bool project_created = false;       // docs[0] is a new project document
    bool ok() const { return messages.empty(); }
};

// What to write, given the project (nullopt: none yet, made from the files' labels) and the
// existing versions of push_keys() (absent = none): an article that exists with the same text is
// kept, with another text refused (annotations point into the text); an entity whose label is not
// the project's is refused; ann:/gold: documents are replaced (their _rev carried over), status
// "done".
PushPlan plan_push(const CorpusRead& corpus, const std::optional<Project>& project,
                   const std::map<std::string, Existing>& existing, const PushOptions& options);

// ---- Export (pull) ----

struct ExportedFile {
    std::string name;  // <article><extension>, and brat's <article>.txt
    std::string bytes;
};

struct ArticleExport {
    std::vector<ExportedFile> files;
    std::vector<Diagnostic> diagnostics;  // the writer's (what the format could not hold), of files[0]
    std::string error;                    // non-empty: nothing to write (the reason, without a file name)
    bool ok() const { return error.empty(); }
};

// One article with its chosen annotations (gold: or ann:) in `format`, as annotator pull writes it.
ArticleExport export_article(const Project& project, const Article& article, const Annotations& annotations,
                             const Format& format);

// ---- The page's API (web team_api.cpp): JSON in, JSON out ----

// `manifest` [{"name", "size"}] names the files whose bytes follow each other in `bytes`;
// `options` {"gold", "as", "curator", "db", "step": "keys" | "plan"}. "keys": {"ok", "messages",
// "articles", "keys"}. "plan" also takes the project (JSON, "" = none) and the existing documents
// ({"<id>": {...}}): {"ok", "messages", "docs": [...], "kept", "skipped_entities", "articles",
// "project_created"}.
Result<std::string> import_json(std::string_view manifest, std::string_view bytes, std::string_view options,
                                std::string_view project, std::string_view existing);
// One article's export: {"files": [{"name", "content"}], "warnings": ["NAME:LINE:COL: warning: ..."]},
// or an error naming what cannot be read or written.
Result<std::string> export_json(std::string_view project, std::string_view article, std::string_view annotations,
                                std::string_view format);

}  // namespace aa::io::team
