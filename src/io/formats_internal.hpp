// The registry's table, private to aa_io: each format lives in src/io/<id>.cpp and declares here
// its read and write functions and a content sniffer; format.cpp lists one entry per format.
// Adding a format = one .cpp file, three declarations below, one row in format.cpp's table.
#pragma once
#include <string_view>
#include <vector>

#include "io/format.hpp"

namespace aa::io::detail {

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
};

const std::vector<FormatEntry>& format_entries();

// ---- native (native.cpp) ----
ReadResult read_native(std::string_view input, const ReadOptions& options);
WriteResult write_native(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_native(std::string_view content);

// ---- brat standoff (brat.cpp): the .ann file; the text comes from ReadOptions::text ----
ReadResult read_brat(std::string_view input, const ReadOptions& options);
WriteResult write_brat(const std::vector<const Document*>& docs, const WriteOptions& options);
Sniff sniff_brat(std::string_view content);

}  // namespace aa::io::detail
