// CSV (write only): one row per entity, for spreadsheets and pandas. RFC 4180: a header row,
// CRLF line ends, fields with a comma, a double quote, CR or LF quoted with inner quotes doubled.
// Columns id,start,end,label,text,note,kb_id; several documents add a first "document" column
// (1-based). Attributes and document metadata have no column: the writer says it dropped them.
// Formula injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, tab or CR is
// written quoted with a ' before it, so spreadsheets show it as text instead of running it; the
// writer names the entities whose cells it changed.
#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

// The characters that make Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP).
bool starts_formula(std::string_view v) {
    return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

// Writes one cell; returns true when it had to be defused.
bool field(std::string& out, std::string_view v) {
    if (starts_formula(v)) {
        out += "\"'";
        for (char c : v) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
        return true;
    }
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += v;
        return false;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return false;
}

// The first eight names, as Losses lists entities.
std::string name_list(const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", " : "") + names[i];
    return names.size() > 8 ? list + ", ..." : list;
}

}  // namespace

namespace detail {

WriteResult write_csv(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("csv", docs, true)) return std::move(*refused);
    WriteResult result;
    const bool many = docs.size() > 1;
    spans::Losses losses("csv");
    std::vector<std::string> defused;  // entities with a cell prefixed by '
    size_t cells = 0;
    std::string& out = result.output;
    out = many ? "document,id,start,end,label,text,note,kb_id\r\n" : "id,start,end,label,text,note,kb_id\r\n";
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        losses.check(d, i, {"note", "kb_id"});
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            if (many) out += std::to_string(i + 1) + ",";
            size_t n = field(out, e.id);
            out += "," + std::to_string(spans::to_unit(d.text(), e.start, options.offsets)) + "," +
                   std::to_string(spans::to_unit(d.text(), e.end, options.offsets)) + ",";
            n += field(out, e.label);
            out += ',';
            n += field(out, d.text_of(e));
            out += ',';
            n += field(out, e.note);
            out += ',';
            n += field(out, e.kb_id);
            out += "\r\n";
            if (n) defused.push_back(i == 0 ? e.id : e.id + " of document " + std::to_string(i + 1));
            cells += n;
        }
    }
    if (!defused.empty())
        losses.other(std::to_string(cells) + (cells == 1 ? " cell starts" : " cells start") +
                     " with =, +, -, @, tab or CR: written with a ' before it so that spreadsheets do not run it as "
                     "a formula (" +
                     name_list(defused) + ")");
    losses.report(result.diagnostics);
    return result;
}

// CSV is written, never read: detection must not pick it.
Sniff sniff_csv(std::string_view) { return Sniff::No; }

}  // namespace detail
}  // namespace aa::io
