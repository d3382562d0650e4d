// CSV (write only): one row per entity, for spreadsheets and pandas. RFC 4180: a header row,
// CRLF line ends, fields with a comma, a double quote, CR or LF quoted with inner quotes doubled.
// Columns id,start,end,label,text,note,kb_id; several documents add a first "document" column
// (1-based). Attributes and document metadata have no column: the writer says it dropped them.
#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

void field(std::string& out, std::string_view v) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += v;
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

namespace detail {

WriteResult write_csv(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (auto d = spans::check_count("csv", docs, true)) {
        result.diagnostics.push_back(std::move(*d));
        return result;
    }
    const bool many = docs.size() > 1;
    spans::Losses losses("csv");
    std::string& out = result.output;
    out = many ? "document,id,start,end,label,text,note,kb_id\r\n" : "id,start,end,label,text,note,kb_id\r\n";
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        losses.check(d, i, {"note", "kb_id"});
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            if (many) out += std::to_string(i + 1) + ",";
            field(out, e.id);
            out += "," + std::to_string(spans::to_unit(d.text(), e.start, options.offsets)) + "," +
                   std::to_string(spans::to_unit(d.text(), e.end, options.offsets)) + ",";
            field(out, e.label);
            out += ',';
            field(out, d.text_of(e));
            out += ',';
            field(out, e.note);
            out += ',';
            field(out, e.kb_id);
            out += "\r\n";
        }
    }
    losses.report(result.diagnostics);
    return result;
}

// CSV is written, never read: detection must not pick it.
Sniff sniff_csv(std::string_view) { return Sniff::No; }

}  // namespace detail
}  // namespace aa::io
