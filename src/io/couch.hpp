// The JSON of CouchDB's HTTP answers and requests that the CLI's team commands need (_all_docs,
// _bulk_docs, revision histories), so that no code outside aa_io parses JSON.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aa::io::couch {

struct Row {
    std::string id;
    std::string rev;
    std::string doc;    // the document's JSON (include_docs=true), "" when absent or deleted
    std::string error;  // "not_found" for a key with no document
    bool deleted = false;
    std::vector<std::string> conflicts;  // _conflicts of the document (conflicts=true)
};
// The rows of an _all_docs answer; nullopt (and `why`) when it is not one.
std::optional<std::vector<Row>> parse_all_docs(std::string_view body, std::string* why);

struct Saved {
    std::string id, rev, error, reason;
    bool ok() const { return error.empty(); }
};
// The per-document results of POST _bulk_docs.
std::optional<std::vector<Saved>> parse_bulk(std::string_view body, std::string* why);

std::string keys_body(const std::vector<std::string>& keys);       // {"keys":[...]}
std::string bulk_body(const std::vector<std::string>& documents);  // {"docs":[...]}, documents as JSON
std::string quoted(std::string_view s);                            // a JSON string
// A string member of a JSON object ("" when absent or not a string).
std::string string_field(std::string_view json, const char* key);
// The revision history of a document fetched with revs=true, newest first ("3-c", "2-b", "1-a").
std::vector<std::string> revisions(std::string_view doc);

}  // namespace aa::io::couch
