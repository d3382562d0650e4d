// The format registry: the table of formats, detection by extension and content, and the
// read/write entry points the CLI, the page and the JavaScript API share.
#include "io/format.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "io/formats_internal.hpp"

namespace aa::io {
namespace detail {

const std::vector<FormatEntry>& format_entries() {
    // One row per format; keep "native" first (the default everywhere).
    static const std::vector<FormatEntry> entries = {
        {{"native", "Article Annotator JSON", ".json", "application/json", false, read_native, write_native},
         {".json", ".aa.json"},
         sniff_native,
         "\"format\": \"article-annotator\""},
        {{"brat", "brat standoff (.ann)", ".ann", "text/plain", false, read_brat, write_brat},
         {".ann"},
         sniff_brat,
         ""},
        {{"conll", "CoNLL (token per line, IOB tags)", ".conll", "text/plain", true, read_conll, write_conll},
         {".conll", ".conll03", ".iob", ".iob1", ".iob2", ".bio", ".bilou", ".biluo", ".tsv"},
         sniff_conll,
         "a -DOCSTART- line"},
        {{"xml", "Inline XML (ENAMEX tags)", ".xml", "application/xml", true, read_xml, write_xml},
         {".xml"},
         sniff_xml,
         "ENAMEX, NUMEX or TIMEX tags"},
        {{"spacy", "spaCy training data (JSON)", ".json", "application/json", true, read_spacy, write_spacy},
         {".json"},
         sniff_spacy,
         "a list of [text, {...}] pairs, or spaCy v2's \"paragraphs\" with \"orth\" tokens"},
        {{"displacy", "displaCy manual input (JSON)", ".json", "application/json", true, read_displacy, write_displacy},
         {".json"},
         sniff_displacy,
         "an \"ents\" list"},
        {{"doccano", "doccano JSONL", ".jsonl", "application/jsonl", true, read_doccano, write_doccano},
         {".jsonl"},
         sniff_doccano,
         "\"start_offset\", or a \"label\" or \"labels\" list of [start, end, label]"},
        {{"label-studio", "Label Studio tasks (JSON)", ".json", "application/json", true, read_label_studio,
          write_label_studio},
         {".json"},
         sniff_label_studio,
         "\"annotations\", \"completions\" or \"predictions\" with a \"result\""},
        {{"prodigy", "Prodigy JSONL", ".jsonl", "application/jsonl", true, read_prodigy, write_prodigy},
         {".jsonl"},
         sniff_prodigy,
         "\"spans\", \"tokens\", \"token_start\" or \"_input_hash\""},
        {{"w3c", "W3C Web Annotation (JSON-LD)", ".jsonld", "application/ld+json", false, read_w3c, write_w3c},
         {".jsonld", ".json"},
         sniff_w3c,
         "the anno.jsonld context or a TextQuoteSelector or TextPositionSelector"},
        {{"csv", "CSV, one row per entity", ".csv", "text/csv", true, nullptr, write_csv}, {".csv"}, sniff_csv, ""},
    };
    return entries;
}

const char* unit_words(OffsetUnit u) {
    switch (u) {
        case OffsetUnit::CodePoint: return "code points";
        case OffsetUnit::Utf16: return "UTF-16 code units";
        case OffsetUnit::Utf8: return "bytes";
    }
    return "";
}

// "title, note and attributes": the document metadata a format without any drops (empty when none).
std::string metadata_dropped(bool title, bool note, bool attributes) {
    std::vector<std::string> parts;
    if (title) parts.push_back("title");
    if (note) parts.push_back("note");
    if (attributes) parts.push_back("attributes");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out;
}

}  // namespace detail

namespace {

std::string known_ids() {
    std::string out;
    for (const Format& f : formats()) out += (out.empty() ? "" : ", ") + std::string(f.id);
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool has_extension(std::string_view filename, std::string_view ext) {
    const std::string name = lower(filename);
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
}

std::string list_ids(const std::vector<const detail::FormatEntry*>& c) {
    std::string out;
    for (size_t i = 0; i < c.size(); ++i) {
        if (i > 0) out += i + 1 == c.size() ? " or " : ", ";
        out += c[i]->format.id;
    }
    return out;
}

ReadResult error_result(std::string message) {
    ReadResult r;
    Diagnostic d;
    d.message = std::move(message);
    r.diagnostics.push_back(std::move(d));
    return r;
}

}  // namespace

bool ReadResult::ok() const {
    for (const Diagnostic& d : diagnostics)
        if (d.is_error()) return false;
    return true;
}

std::string ReadResult::first_error() const {
    for (const Diagnostic& d : diagnostics)
        if (d.is_error()) return d.report();
    return {};
}

bool WriteResult::ok() const {
    for (const Diagnostic& d : diagnostics)
        if (d.is_error()) return false;
    return true;
}

const std::vector<Format>& formats() {
    static const std::vector<Format> list = [] {
        std::vector<Format> v;
        for (const auto& e : detail::format_entries()) v.push_back(e.format);
        return v;
    }();
    return list;
}

const Format* find_format(std::string_view id) {
    for (const Format& f : formats())
        if (f.id == id) return &f;
    return nullptr;
}

namespace {

// Formats other tools write that no reader here takes, recognised so that the message names them
// instead of a reader's complaint about a file it was never meant for.
std::optional<std::string> unread_shape(std::string_view filename, std::string_view content) {
    const std::string_view head = content.substr(0, 4096);
    if (head.find("#FORMAT=WebAnno TSV") != std::string_view::npos)
        return "a WebAnno TSV file (INCEpTION, WebAnno), which annotator does not read: export as CoNLL 2003 "
               "or brat instead";
    if (head.find("<xmi:XMI") != std::string_view::npos)
        return "a UIMA CAS XMI file (INCEpTION, cTAKES, DKPro), which annotator does not read: export as CoNLL or "
               "brat instead";
    if (has_extension(filename, ".spacy") || (!content.empty() && static_cast<unsigned char>(content[0]) >= 0x80 &&
                                              head.find("\xA5"
                                                        "attrs") != std::string_view::npos))
        return "a spaCy v3 DocBin (.spacy, binary), which annotator does not read: convert it with spaCy to JSON "
               "([text, {\"entities\": [...]}] pairs) or to spaCy v2 JSON (python -m spacy convert) first";
    if (has_extension(filename, ".conllu"))
        return "a CoNLL-U file (Universal Dependencies), which has no entity column: annotator does not read it";
    if (head.find("<collection>") != std::string_view::npos && head.find("<passage>") != std::string_view::npos)
        return "a BioC XML file, which annotator does not read: export as brat instead";
    return std::nullopt;
}

}  // namespace

// Content first: a format's own mark wins. Then the extension, among the formats the content
// does not rule out; a single format claiming the extension is trusted even against the content
// so that its reader explains what is wrong with the file. Last, content alone.
Result<const Format*> detect_format(std::string_view filename, std::string_view content, std::string* why) {
    const auto& entries = detail::format_entries();
    // The native mark decides whatever the others say (below): asked first, the other sniffers, which
    // look for their keys in the whole content, do not scan a 17 MB native file (200 ms in the page).
    if (const detail::FormatEntry& native = entries.front();
        native.format.id == "native" && native.sniff(content) == detail::Sniff::Yes) {
        if (why) *why = "the content has " + std::string(native.format.id) + "'s marks (" + native.marks + ")";
        return &native.format;
    }
    std::vector<const detail::FormatEntry*> yes, by_ext, by_ext_possible, maybe;
    for (const auto& e : entries) {
        const detail::Sniff s = e.sniff ? e.sniff(content) : detail::Sniff::Maybe;
        bool ext = false;
        for (std::string_view x : e.extensions) ext |= has_extension(filename, x);
        if (s == detail::Sniff::Yes) yes.push_back(&e);
        if (s == detail::Sniff::Maybe) maybe.push_back(&e);
        if (ext) by_ext.push_back(&e);
        if (ext && s != detail::Sniff::No) by_ext_possible.push_back(&e);
    }
    const std::string name =
        filename.empty() || filename == "-" ? "standard input" : "\"" + std::string(filename) + "\"";
    auto ambiguous = [&](const std::vector<const detail::FormatEntry*>& c) {
        return make_error("cannot tell the format of " + name + ": it could be " + list_ids(c) + " (name the format)");
    };
    std::string reason;
    auto pick = [&](const detail::FormatEntry* e, std::string r) {
        if (why) *why = std::move(r);
        return &e->format;
    };
    const size_t dot = filename.rfind('.');
    const std::string ext = dot == std::string_view::npos || filename.find('/', dot) != std::string_view::npos
                                ? ""
                                : lower(filename.substr(dot));
    auto marks = [](const detail::FormatEntry* e) {
        return "the content has " + std::string(e->format.id) + "'s marks (" + e->marks + ")";
    };
    if (yes.size() == 1) return pick(yes[0], marks(yes[0]));
    // The native mark ("format": "article-annotator") is unambiguous; other formats' keys ("tokens",
    // "spans") may occur inside a native file.
    for (const detail::FormatEntry* e : yes)
        if (e->format.id == "native") return pick(e, marks(e));
    if (yes.size() > 1) return ambiguous(yes);
    if (auto shape = unread_shape(filename, content)) return make_error(name + " is " + *shape);
    if (by_ext_possible.size() == 1)
        return pick(by_ext_possible[0], "the extension " + ext + ", and the content does not rule it out");
    if (by_ext_possible.size() > 1) return ambiguous(by_ext_possible);
    if (by_ext.size() == 1)
        return pick(by_ext[0], "the extension " + ext + " (though the content does not look like it)");
    if (by_ext.empty() && maybe.size() == 1)
        return pick(maybe[0], "the content fits only " + std::string(maybe[0]->format.id));
    if (by_ext.empty() && maybe.size() > 1) return ambiguous(maybe);
    return make_error("cannot tell the format of " + name + " (known formats: " + known_ids() + ")");
}

ReadResult read(std::string_view format_id, std::string_view input, const ReadOptions& options) {
    const Format* f = find_format(format_id);
    if (!f)
        return error_result("unknown format \"" + std::string(format_id) + "\" (known formats: " + known_ids() + ")");
    if (!f->read) return error_result("the " + std::string(f->id) + " format can be written but not read");
    return f->read(input, options);
}

// The formats that write each entity's text in full beside its offsets. Nested spans over a long
// stretch repeat it: 20,000 of them wrote 200 MB (816 MB of memory). Such a write is refused past
// kMaxQuotedTextBytes of entity text, O(entities) to check, before anything is built.
static std::optional<Diagnostic> quoted_text_limit(std::string_view id, const std::vector<const Document*>& docs) {
    static constexpr std::string_view kQuoting[] = {"native", "brat", "w3c", "label-studio", "csv"};
    if (std::find(std::begin(kQuoting), std::end(kQuoting), id) == std::end(kQuoting)) return std::nullopt;
    uint64_t total = 0;
    for (const Document* doc : docs) {
        if (!doc) continue;
        const Text& text = doc->text();
        for (Slot s : doc->entities().ordered()) {
            const Entity& e = doc->entities().get(s);
            total += text.byte_of(e.end) - text.byte_of(e.start);
        }
    }
    if (total <= kMaxQuotedTextBytes) return std::nullopt;
    Diagnostic d;
    d.message = "the " + std::string(id) + " format writes each entity's text, and these entities hold " +
                std::to_string(total) + " bytes of it (nested spans repeat the text they share), more than the " +
                std::to_string(kMaxQuotedTextBytes >> 20) +
                " MiB limit (kMaxQuotedTextBytes); write a format that does not quote it (spacy, xml, conll)";
    return d;
}

// What a format cannot hold of relations and document labels, said once per write (not per
// format file, so that a format that learns to hold them only leaves these lists).
static void warn_unheld(std::string_view id, const std::vector<const Document*>& docs, WriteResult& r) {
    static constexpr std::string_view kRelations[] = {"native", "brat", "doccano", "label-studio", "prodigy", "w3c"};
    static constexpr std::string_view kDocLabels[] = {"native", "doccano", "label-studio", "prodigy", "spacy"};
    auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), id) != std::end(list); };
    size_t relations = 0, labelled = 0;
    for (const Document* doc : docs) {
        if (!doc) continue;
        relations += doc->relations().size();
        labelled += !doc->doc_labels().chosen.empty();
    }
    auto warn = [&](std::string message) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Warning;
        d.message = std::move(message);
        r.diagnostics.push_back(std::move(d));
    };
    if (relations > 0 && !in(kRelations))
        warn(std::to_string(relations) + (relations == 1 ? " relation is" : " relations are") + " dropped: the " +
             std::string(id) + " format cannot hold relations");
    // Who made each entity: the writers over spans::Losses say it themselves; these two write tags only.
    static constexpr std::string_view kTagsOnly[] = {"conll", "xml"};
    size_t who = 0;
    if (in(kTagsOnly))
        for (const Document* doc : docs)
            if (doc)
                for (Slot s : doc->entities().ordered()) {
                    const Entity& e = doc->entities().get(s);
                    who += !e.annotator.empty() || !e.created.empty();
                }
    if (who > 0)
        warn("the annotator and time of " + std::to_string(who) + (who == 1 ? " entity are" : " entities are") +
             " dropped: the " + std::string(id) + " format cannot hold them");
    if (labelled > 0 && !in(kDocLabels))
        warn("the document labels of " + std::to_string(labelled) +
             (labelled == 1 ? " document are" : " documents are") + " dropped: the " + std::string(id) +
             " format cannot hold document labels");
}

WriteResult write(std::string_view format_id, const std::vector<const Document*>& docs, const WriteOptions& options) {
    const Format* f = find_format(format_id);
    if (!f || !f->write) {
        WriteResult r;
        Diagnostic d;
        d.message = !f ? "unknown format \"" + std::string(format_id) + "\" (known formats: " + known_ids() + ")"
                       : "the " + std::string(f->id) + " format can be read but not written";
        r.diagnostics.push_back(std::move(d));
        return r;
    }
    if (auto d = quoted_text_limit(f->id, docs)) {
        WriteResult r;
        r.diagnostics.push_back(std::move(*d));
        return r;
    }
    WriteResult out = f->write(docs, options);
    if (out.ok()) warn_unheld(f->id, docs, out);
    return out;
}

WriteResult write(std::string_view format_id, const Document& doc, const WriteOptions& options) {
    return write(format_id, std::vector<const Document*>{&doc}, options);
}

}  // namespace aa::io
