// The native format as a JSON value, private to aa_io: the native reader/writer (native.cpp) and
// the autosave session (session.cpp, which embeds a native document) share these.
#pragma once
#include <optional>
#include <string>

#include "core/document.hpp"
#include "io/json_read.hpp"

namespace aa::io::native {

inline constexpr const char* kFormatMark = "article-annotator";
inline constexpr uint64_t kVersion = 1;

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

// The optional "tokens" object (token_layer.cpp): a document's TokenLayer, offsets in `unit`; read
// back with every problem reported, nullopt after an error.
json::ojson token_layer_json(const TokenLayer& layer, const Text& text, OffsetUnit unit);
std::optional<TokenLayer> token_layer_from_json(const json::ojson& o, const JsonPath& p, json::Reporter& r,
                                                const Text& text, OffsetUnit unit);

// The native layout: two-space indentation with one label and one entity per line (readable and
// diff-friendly), or compact; pretty output ends with a newline.
std::string layout(const json::ojson& doc, bool pretty);

}  // namespace aa::io::native
