// The autosave journal: one small record per change of the history (a command done, an undo, a
// redo), appended after each edit so that saving costs the size of the edit, not of the document.
// Recovery replays the records after the last snapshot through core (Editor::replay, apply_op);
// a torn or invalid record ends the replay: it and everything after it are dropped, never half
// applied. Snapshots are sessions (io/session.hpp) stored without the document's text, which is
// stored once under its own key.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor.hpp"
#include "io/session.hpp"

namespace aa::io {

struct JournalRecord {
    uint64_t seq = 0;  // 1, 2, 3, ... after the snapshot the journal continues
    HistoryEvent event;
};

// {"seq": N, "t": "do"|"extend"|"undo"|"redo", "name": "...", "ops": [...]} on one line; ops use
// the session's op encoding. A Reset is not a record (it calls for a snapshot).
std::string encode_record(const JournalRecord& record);
// Validates the whole record; an error names what is wrong (a truncated record fails to parse).
Result<JournalRecord> decode_record(std::string_view input);

struct ReplayReport {
    size_t applied = 0;       // records replayed
    size_t dropped = 0;       // records not replayed: the bad one and everything after it
    std::string why_dropped;  // "record 7: ..." for the first one dropped, empty when none
};
// Replays `records` (in order) onto `editor`, starting with seq `after_seq + 1`: each record must
// decode, carry the next seq and apply; the first that does not stops the replay.
ReplayReport replay_journal(Editor& editor, uint64_t after_seq, const std::vector<std::string>& records);

// The session without the document's text ("text" is ""), for storing the text once elsewhere.
std::string write_snapshot(const Editor& editor, const std::optional<ViewPrefs>& view = std::nullopt);
// A snapshot read back with its text (the same checks as read_session).
Result<Session> read_snapshot(std::string_view snapshot, std::string_view text);

}  // namespace aa::io
