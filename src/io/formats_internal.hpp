// The registry's table, private to aa_io: each format lives in src/io/<id>.cpp and declares here
// its read and write functions and a content sniffer; format.cpp lists one entry per format.
// Adding a format = one .cpp file, three declarations below, one row in format.cpp's table.
#pragma once
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "io/format.hpp"

namespace aa::io::detail {

// A reader's end: its diagnostics in, and no document when one of them is an error (a read is
// atomic).
inline ReadResult finished(ReadResult result, std::vector<Diagnostic> diagnostics) {
    result.diagnostics = std::move(diagnostics);
    if (!result.ok()) result.documents.clear();
    return result;
}

// How sure a format is, from the content alone, that an input is its own.
enum class Sniff {
    No,     // cannot be this format (e.g. a JSON reader given text that is not JSON)
    Maybe,  // could be (the right kind of file, no distinguishing mark)
    Yes,    // carries this format's own mark ("format": "article-annotator")
};

struct FormatEntry {
    Format format;
    std::vector<std::string_view> extensions;  // lower case, with the dot; the first is format.extension
    Sniff (*sniff)(std::string_view content);
    // What the sniffer's Yes recognises, for the note that says why a format was guessed ("" when it
    // never answers Yes).
    const char* marks = "";
};

const std::vector<FormatEntry>& format_entries();

// ---- words shared by the readers' and writers' messages (format.cpp) ----
// "code points", "UTF-16 code units" or "bytes": an offset unit in a sentence.
const char* unit_words(OffsetUnit u);
// "title, note and attributes": the document metadata a format without any drops ("" when none).
std::string metadata_dropped(bool title, bool note, bool attributes);

// ---- lines, for every line-based reader (CoNLL, brat, doccano and Prodigy JSONL) ----
// A line ends at "\r\n", "\n" or a lone "\r" (old Mac files) alike. `end` is where the line
// that starts at `from` ends (its break excluded); `next` is where the next line starts, or
// std::string_view::npos when this line is the last one (no break after it).
struct LineEnd {
    size_t end;
    size_t next;
};
inline LineEnd line_end(std::string_view s, size_t from) {
    // Two memchr calls: find_first_of's per-byte set lookup was most of split_lines' 6% of a 15 MB
    // Prodigy read. (No memchr of nothing: an empty view's data may be null.)
    if (from >= s.size()) return {s.size(), std::string_view::npos};
    const char* b = s.data() + from;
    const size_t n = s.size() - from;
    const char* nl = static_cast<const char*>(std::memchr(b, '\n', n));
    const char* cr = static_cast<const char*>(std::memchr(b, '\r', nl ? static_cast<size_t>(nl - b) : n));
    const char* first = cr ? cr : nl;
    if (!first) return {s.size(), std::string_view::npos};
    const size_t j = static_cast<size_t>(first - s.data());
    return {j, s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n' ? j + 2 : j + 1};
}

// ---- native (native.cpp) ----
ReadResult read_native(std::string_view input, const ReadOptions& options);
WriteResult write_native(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_native(std::string_view content);

// ---- brat standoff (brat.cpp): the .ann file; the text comes from ReadOptions::text ----
ReadResult read_brat(std::string_view input, const ReadOptions& options);
WriteResult write_brat(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_brat(std::string_view content);

// ---- JSON interchange formats (spacy.cpp, displacy.cpp, doccano.cpp, label_studio.cpp, prodigy.cpp,
// w3c.cpp: the text comes from ReadOptions::text; csv.cpp: write only), over span_formats.hpp ----
ReadResult read_spacy(std::string_view input, const ReadOptions& options);
WriteResult write_spacy(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_spacy(std::string_view content);
ReadResult read_displacy(std::string_view input, const ReadOptions& options);
WriteResult write_displacy(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_displacy(std::string_view content);
ReadResult read_doccano(std::string_view input, const ReadOptions& options);
WriteResult write_doccano(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_doccano(std::string_view content);
ReadResult read_label_studio(std::string_view input, const ReadOptions& options);
// The same with the whole file parsed into a tree: read_label_studio's way for a file its scan does
// not take, kept callable as the oracle of the tests that compare the two.
ReadResult read_label_studio_tree(std::string_view input, const ReadOptions& options);
WriteResult write_label_studio(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_label_studio(std::string_view content);
ReadResult read_prodigy(std::string_view input, const ReadOptions& options);
// The same with every line parsed into a whole tree: read_prodigy's way for a line whose tokens or
// text its scan does not take, kept callable as the oracle of the tests that compare the two.
ReadResult read_prodigy_tree(std::string_view input, const ReadOptions& options);
WriteResult write_prodigy(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_prodigy(std::string_view content);
ReadResult read_w3c(std::string_view input, const ReadOptions& options);
// The same with the whole file parsed into a tree: read_w3c's way for a file its scan does not
// take, kept callable as the oracle of the tests that compare the two.
ReadResult read_w3c_tree(std::string_view input, const ReadOptions& options);
WriteResult write_w3c(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_w3c(std::string_view content);
WriteResult write_csv(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_csv(std::string_view content);

// ---- CoNLL (conll.cpp): token per line, schemes iob1 / iob2 / bilou, -DOCSTART- documents ----
ReadResult read_conll(std::string_view input, const ReadOptions& options);
WriteResult write_conll(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_conll(std::string_view content);

// ---- inline XML (xml.cpp): ENAMEX/NUMEX/TIMEX or <LABEL> elements, optional DOC roots ----
ReadResult read_xml(std::string_view input, const ReadOptions& options);
WriteResult write_xml(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_xml(std::string_view content);

}  // namespace aa::io::detail
