// Private to aa_io (includes nlohmann through json_read.hpp): the JSON of one history Op, shared
// by the session's undo/redo stacks (session.cpp) and the autosave journal's records (journal.cpp).
#pragma once
#include <optional>
#include <string>

#include "core/editor.hpp"
#include "io/json_read.hpp"

namespace aa::io::session_ops {

json::ojson op_json(const Op& op);
// json::dump(op_json(op)) appended to `out`, entity ops without building the value (every op of a
// labelling is one; the journal's records and the session's history write thousands at a time).
void append_op_json(std::string& out, const Op& op);
// Validates kind, before/after (entity, label, relation, relation type or document labels) and index; reports the first
// error at its path.
std::optional<Op> read_op(const json::ojson& oj, const JsonPath& op_path, json::Reporter& r);

}  // namespace aa::io::session_ops
