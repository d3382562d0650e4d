// The native format as a JSON value, private to aa_io: the native reader/writer (native.cpp) and
// the autosave session (session.cpp, which embeds a native document) share these.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "io/json_read.hpp"

namespace aa::io::native {

inline constexpr const char* kFormatMark = "article-annotator";
inline constexpr uint64_t kVersion = 1;
// Version 2 adds relations, relation types, document labels and guidelines; the writer writes 2
// only for a document that has any of them, so that version 1 files read and write back the same.
inline constexpr uint64_t kVersionRelations = 2;

// The document as the native format's JSON object, fields in their stable order.
json::ojson to_json(const Document& doc, OffsetUnit offsets = OffsetUnit::CodePoint);
// An entity as the native format writes it, fields in their stable order: id, start, end, label,
// text (when given), then note, kb_id and attributes when set. The offsets are written as given
// (the caller converts them to its unit). Shared by the native writer, the session and the team
// files.
json::ojson entity_json(const Entity& e, size_t start, size_t end, std::optional<std::string_view> text);
// Checks everything about a native object at `base` (reporting every problem into `r`) and
// builds the document; nullopt when any error was reported. read_native reads text the same way
// without building a tree (native_read.cpp); this is for a tree already parsed (the session).
std::optional<Document> from_json(const json::ojson& root, const JsonPath& base, json::Reporter& r);

// The native file as layout(to_json(doc, offsets), pretty) writes it, without building the tree.
std::string write_document(const Document& doc, OffsetUnit offsets, bool pretty);
// The same compact file (code points) appended in pieces, for the autosave's snapshot written in
// slices: begin (every member before the entities, "text" as "", then `"entities":`), entities
// [from, to) any number of times in order from 0 to the end, then end. The document must not
// change in between.
void write_document_begin(std::string& out, const Document& doc);
void write_document_entities(std::string& out, const Document& doc, size_t from, size_t to);
void write_document_end(std::string& out, const Document& doc);
// json::dump(entity_json(e, e.start, e.end, std::nullopt)) appended without building the value (the
// session's and the journal's entity ops).
void append_entity_json(std::string& out, const Entity& e);
// A JSON string as json::dump writes it (ensure_ascii off; invalid UTF-8 replaced by U+FFFD).
void append_string(std::string& out, std::string_view s);

// The optional "tokens" object (token_layer.cpp): a document's TokenLayer, offsets in `unit`; read
// back with every problem reported, nullopt after an error.
json::ojson token_layer_json(const TokenLayer& layer, const Text& text, OffsetUnit unit);
std::optional<TokenLayer> token_layer_from_json(const json::ojson& o, const JsonPath& p, json::Reporter& r,
                                                const Text& text, OffsetUnit unit);

// ---- version 2 members (relations_json.cpp) ----
bool uses_version_2(const Document& doc);
// The members written after "labels" (relation_types, doc_label_types, doc_label_choice,
// guidelines) and after "entities" (relations, doc_labels), those the document has, in order.
std::vector<std::pair<const char*, json::ojson>> members_after_labels(const Document& doc);
std::vector<std::pair<const char*, json::ojson>> members_after_entities(const Document& doc);
// Reads those members from `members` (an object holding only those present, at `base`) into a
// document whose labels and entities are already in, reporting every problem.
void members_from_json(Document& doc, const json::ojson& members, const JsonPath& base, json::Reporter& r);
// One value each, as the native file and the session's ops write them.
json::ojson label_json(const Label& l);
json::ojson relation_type_json(const RelationType& t);
json::ojson relation_json(const Relation& r);
json::ojson doc_labels_json(const DocLabels& d);  // {"multi": bool, "chosen": [...]} (the session's ops)
std::optional<Label> label_from_json(const json::ojson& v, const JsonPath& p, json::Reporter& r);
std::optional<RelationType> relation_type_from_json(const json::ojson& v, const JsonPath& p, json::Reporter& r);
std::optional<Relation> relation_from_json(const json::ojson& v, const JsonPath& p, json::Reporter& r);
std::optional<DocLabels> doc_labels_from_json(const json::ojson& v, const JsonPath& p, json::Reporter& r);

// The native layout: two-space indentation with one label and one entity per line (readable and
// diff-friendly), or compact; pretty output ends with a newline.
std::string layout(const json::ojson& doc, bool pretty);

}  // namespace aa::io::native
