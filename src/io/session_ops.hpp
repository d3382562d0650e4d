// Private to aa_io (includes nlohmann through json_read.hpp): the JSON of one history Op, shared
// by the session's undo/redo stacks (session.cpp) and the autosave journal's records (journal.cpp).
#pragma once
#include <optional>

#include "core/editor.hpp"
#include "io/json_read.hpp"

namespace aa::io::session_ops {

json::ojson op_json(const Op& op);
// Validates kind, before/after (entity, label, relation, relation type or document labels) and index; reports the first
// error at its path.
std::optional<Op> read_op(const json::ojson& oj, const JsonPath& op_path, json::Reporter& r);

}  // namespace aa::io::session_ops
