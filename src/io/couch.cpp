// CouchDB's answers and request bodies (couch.hpp), parsed quietly: an answer that is not what
// CouchDB sends is reported as such by the caller, with the HTTP context it has.
#include "io/couch.hpp"

#include "io/json_read.hpp"

namespace aa::io::couch {

using json::ojson;

namespace {
std::string str(const ojson& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::optional<std::vector<Row>> parse_all_docs(std::string_view body, std::string* why) {
    auto j = json::parse_quiet(body);
    if (!j || !j->is_object() || !j->contains("rows") || !(*j)["rows"].is_array()) {
        if (why) *why = "not an _all_docs answer";
        return std::nullopt;
    }
    std::vector<Row> rows;
    for (const ojson& r : (*j)["rows"]) {
        if (!r.is_object()) continue;
        Row row;
        row.id = str(r, "id");
        if (row.id.empty()) row.id = str(r, "key");
        row.error = str(r, "error");
        if (auto v = r.find("value"); v != r.end() && v->is_object()) {
            row.rev = str(*v, "rev");
            if (auto d = v->find("deleted"); d != v->end() && d->is_boolean()) row.deleted = d->get<bool>();
        }
        if (auto d = r.find("doc"); d != r.end() && d->is_object()) {
            row.doc = json::dump(*d);
            if (auto c = d->find("_conflicts"); c != d->end() && c->is_array())
                for (const ojson& x : *c)
                    if (x.is_string()) row.conflicts.push_back(x.get<std::string>());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::optional<std::vector<Saved>> parse_bulk(std::string_view body, std::string* why) {
    auto j = json::parse_quiet(body);
    if (!j || !j->is_array()) {
        if (why) *why = "not a _bulk_docs answer";
        return std::nullopt;
    }
    std::vector<Saved> out;
    for (const ojson& r : *j)
        if (r.is_object()) out.push_back({str(r, "id"), str(r, "rev"), str(r, "error"), str(r, "reason")});
    return out;
}

std::string keys_body(const std::vector<std::string>& keys) {
    ojson j = ojson::object();
    j["keys"] = keys;
    return json::dump(j);
}

std::string bulk_body(const std::vector<std::string>& documents) {
    std::string out = "{\"docs\":[";
    for (size_t i = 0; i < documents.size(); ++i) out += (i ? "," : "") + documents[i];
    return out + "]}";
}

std::string quoted(std::string_view s) { return json::dump(ojson(std::string(s))); }

std::string string_field(std::string_view body, const char* key) {
    auto j = json::parse_quiet(body);
    return j && j->is_object() ? str(*j, key) : std::string();
}

std::vector<std::string> revisions(std::string_view doc) {
    std::vector<std::string> out;
    auto j = json::parse_quiet(doc);
    if (!j || !j->is_object()) return out;
    auto r = j->find("_revisions");
    if (r == j->end() || !r->is_object()) return out;
    auto start = r->find("start");
    auto ids = r->find("ids");
    if (start == r->end() || !start->is_number_unsigned() || ids == r->end() || !ids->is_array()) return out;
    uint64_t n = start->get<uint64_t>();
    for (const ojson& id : *ids) {
        if (!id.is_string() || n == 0) break;
        out.push_back(std::to_string(n--) + "-" + id.get<std::string>());
    }
    return out;
}

}  // namespace aa::io::couch
