// The native format as a JSON value, private to aa_io: the native reader/writer (native.cpp) and
// the autosave session (session.cpp, which embeds a native document) share these.
#pragma once
#include <optional>
#include <string>

#include "core/document.hpp"
#include "io/json_read.hpp"

namespace aa::io::native {

// The document as the native format's JSON object, fields in their stable order.
json::ojson to_json(const Document& doc, OffsetUnit offsets = OffsetUnit::CodePoint);
// Checks everything about a native object at `base` (reporting every problem into `r`) and
// builds the document; nullopt when any error was reported.
std::optional<Document> from_json(const json::ojson& root, const JsonPath& base, json::Reporter& r);

// The native layout: two-space indentation with one label and one entity per line (readable and
// diff-friendly), or compact; pretty output ends with a newline.
std::string layout(const json::ojson& doc, bool pretty);

}  // namespace aa::io::native
