// Team projects: the CouchDB documents of a shared corpus and their JSON mapping. One document per
// concern, so that two people never write the same document:
//   "project"               label set, guidelines, suggest rules      (reviewers write it)
//   "article:<id>"          text, title, source, assignment           (reviewers write it)
//   "ann:<article>:<user>"  one annotator's entities, note and status (only that annotator)
//   "gold:<article>"        the curated version                       (reviewers write it)
// The server enforces who writes what (design_document()'s validate_doc_update, docs/team.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/merge.hpp"
#include "core/suggest_config.hpp"
#include "io/format.hpp"

namespace aa::io::team {

// An article id: 1-128 characters from [A-Za-z0-9._-] (never ':', which separates the parts of
// an ann: id; CouchDB user names cannot hold ':' either).
Status check_article_id(std::string_view id);
// A usable article id from a file name or title: other characters become '-', cut to 128.
std::string article_id_from(std::string_view name);

std::string article_doc_id(std::string_view article);
std::string ann_doc_id(std::string_view article, std::string_view user);
std::string gold_doc_id(std::string_view article);

enum class Kind { Project, Article, Ann, Gold, Design, Unknown };
struct DocId {
    Kind kind = Kind::Unknown;
    std::string article;  // Article, Ann, Gold
    std::string user;     // Ann
};
// Splits a document id ("ann:a1:alice" -> Ann, "a1", "alice"); Unknown for anything else.
DocId parse_doc_id(std::string_view id);

struct Project {
    std::string rev;  // CouchDB's _rev, "" before the first write
    std::string name;
    LabelSet labels;
    std::string guidelines;
    std::optional<SuggestConfig> suggest;  // the page's suggest rules (page_state.hpp), nullopt when none
};

struct Article {
    std::string rev;
    std::string id;  // without the "article:" prefix
    std::string title;
    std::string source;
    std::string text;
    std::vector<std::string> assigned;  // user names; empty = anyone
};

// An annotator's work on one article (ann:) or the curated version (gold:, user "").
struct Annotations {
    std::string rev;
    std::string article;
    std::string user;             // "" for gold
    std::string status = "todo";  // todo | in-progress | done
    std::string note;
    std::string modified;  // ISO 8601, set by the writer's caller
    std::string curator;   // gold: who curated it last
    std::vector<Entity> entities;
    bool is_gold() const { return user.empty(); }
    friend bool operator==(const Annotations&, const Annotations&) = default;
};

// A parsed document, or the problems found (each with its path and line:column in the input).
template <class T>
struct Parsed {
    std::optional<T> value;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return value.has_value(); }
    std::string first_error() const;
};

// Readers of one CouchDB document's JSON (as GET /db/<id> returns it). They check the shape,
// that the _id agrees with the content, and every field's type; nothing about other documents.
Parsed<Project> parse_project(std::string_view json);
Parsed<Article> parse_article(std::string_view json);
Parsed<Annotations> parse_annotations(std::string_view json);  // ann: or gold:

// Writers: the document's JSON with its _id (and _rev when known), fields in a stable order.
// Entities carry their text (from the article) so that an exported document reads on its own.
std::string to_json(const Project& p);
std::string to_json(const Article& a);
std::string to_json(const Annotations& a, const Text& article_text);

// The annotated article for the formats: the article's text and metadata, the project's labels,
// the annotations' entities (or none). Every entity is checked against the text and the labels;
// an error names the document and the entity ("ann:a1:alice: entities[2].end: ...").
Result<Document> assemble(const Project& project, const Article& article, const Annotations* annotations);
// The reverse, for a bulk import: the article and annotations of a document read from a file.
Article article_of(const Document& doc, std::string id);
Annotations annotations_of(const Document& doc, std::string article, std::string user);
Project project_of(const Document& doc, std::string name);

// A same-user conflict (one annotator on two devices): `ours` and `theirs` are the two leaf
// revisions, `base` their common ancestor. Entities merge three ways (core/merge.hpp), the note
// and the status too; "modified" is the later one. The conflicts list says what needs a person.
struct AnnotationsMerge {
    Annotations merged;  // with ours' _rev
    std::vector<MergeConflict> conflicts;
    bool clean() const { return conflicts.empty(); }
};
AnnotationsMerge merge_annotations(const Annotations& base, const Annotations& ours, const Annotations& theirs);

// The design document "_design/annotator": validate_doc_update (who may write what; see
// docs/team.md) and the view "queue" (every article's title, assignment, statuses and gold, read
// by the page without the documents) without attachments, and the database's _security object
// (members: the three roles). Both as JSON text.
std::string design_document_json();
std::string validate_doc_update_source();
std::string queue_view_map_source();
std::string security_json();

}  // namespace aa::io::team
