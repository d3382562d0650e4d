// The format registry: every reader and writer of annotations, behind one interface used alike
// by the CLI (annotator convert), the page's Import/Export menus and the JavaScript API.
// Offsets are code points in the model; each reader converts from its format's unit and each
// writer to it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/text.hpp"

namespace aa::io {

// A problem (or, for writers, a loss) found in an input, with where it is: core's one type.
using Diagnostic = aa::Diagnostic;

struct ReadOptions {
    std::string source_name;            // file name, for messages and Document::info.source
    std::optional<OffsetUnit> offsets;  // the unit of the input's offsets, when not the format's own
    const Text* text = nullptr;         // the text, for formats that do not carry it (W3C, CoNLL)
    bool repair = false;                // re-anchor entities whose text does not match, when unambiguous
    bool trust_offsets = false;         // keep the offsets of entities whose quoted text disagrees (warned)
    std::vector<std::string> answers;   // Prodigy: the answers whose examples are read (empty = accept)
    bool split_users = false;           // doccano 1.0: each user's spans a document of its own (not merged)
    bool drop_crossing = false;         // inline XML: drop crossing spans instead of failing
    std::string scheme;                 // CoNLL: iob1 | iob2 | bilou ("" = detect)
    size_t column = 0;                  // CoNLL: the tag column, 1-based (0 = the last)
};

struct ReadResult {
    std::vector<Document> documents;  // empty when any diagnostic is an error: a read is atomic
    std::vector<Diagnostic> diagnostics;
    bool ok() const;
    // The first error's report(), or "" when ok.
    std::string first_error() const;
};

struct WriteOptions {
    OffsetUnit offsets = OffsetUnit::CodePoint;  // for consumers that expect another unit
    bool pretty = true;
    std::string scheme;                   // CoNLL: iob1 | iob2 | bilou ("": the document's own, else iob2)
    std::string doccano_shape = "label";  // doccano: "label" ([[s, e, L]]) or "entities"
    bool drop_crossing = true;            // inline XML: drop crossing spans (reported)
};

// The most entity text a write that quotes each entity's text (native, brat, w3c, label-studio,
// csv) may hold in total; a larger one is refused (see docs/format.md, Limits).
inline constexpr uint64_t kMaxQuotedTextBytes = uint64_t{64} << 20;

struct WriteResult {
    std::string output;
    std::vector<Diagnostic> diagnostics;  // warnings: what the target format could not hold
    // False when a diagnostic is an error (unknown format, more documents than the format holds).
    bool ok() const;
};

struct Format {
    std::string_view id;         // "native", "spacy", ...
    std::string_view name;       // "Article Annotator JSON"
    std::string_view extension;  // default file extension, with the dot: ".json"
    std::string_view mime;       // for downloads
    bool multi_document;         // one file can hold several documents
    ReadResult (*read)(std::string_view input, const ReadOptions& options);  // nullptr: write-only
    WriteResult (*write)(const std::vector<const Document*>& docs, const WriteOptions& options);
};

const std::vector<Format>& formats();
const Format* find_format(std::string_view id);

// Picks a format from a file name's extension and the content; an error lists the candidates
// when the input could be more than one, or names a known format this annotator does not read
// (WebAnno TSV, UIMA CAS XMI, CoNLL-U, spaCy's binary DocBin, ...). `why`, when given, receives
// the reason for the choice ("the extension .jsonl, and the content fits only doccano").
Result<const Format*> detect_format(std::string_view filename, std::string_view content, std::string* why = nullptr);

// Convenience: look the format up and read / write; an unknown id is an error diagnostic.
ReadResult read(std::string_view format_id, std::string_view input, const ReadOptions& options = {});
WriteResult write(std::string_view format_id, const std::vector<const Document*>& docs,
                  const WriteOptions& options = {});
WriteResult write(std::string_view format_id, const Document& doc, const WriteOptions& options = {});

}  // namespace aa::io
