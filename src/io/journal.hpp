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
    std::string at;  // when it was saved (ISO 8601, the document's "modified"); may be empty
};

// {"seq": N, "t": "do"|"extend"|"undo"|"redo"|"discard", "name": "...", "ops": [...], "at": "..."}; ops use
// the session's op encoding. A Reset is not a record (it calls for a snapshot).
std::string encode_record(const JournalRecord& record);
// Validates the whole record; an error names what is wrong (a truncated record fails to parse).
Result<JournalRecord> decode_record(std::string_view input);

struct ReplayReport {
    size_t applied = 0;       // records replayed (the document's "modified" is the last one's "at")
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

// ---- The page's storage layout (IndexedDB, one object store of string values) ----
// Layout 2 (the journal): "autosave-head" names the snapshot's text and the last record the
// snapshot holds; "autosave-snapshot" is the session without text; the text is under its own
// content key (text_key); records follow under journal_key(seq), seq > the head's. A snapshot,
// its head and the removal of the records it holds are written in one transaction.
// Layout 1 (before the journal): the whole session under "session".
inline constexpr const char* kLegacySessionKey = "session";
inline constexpr const char* kHeadKey = "autosave-head";
inline constexpr const char* kSnapshotKey = "autosave-snapshot";
inline constexpr const char* kJournalPrefix = "autosave-journal-";  // + 16 digits: key order is seq order
std::string journal_key(uint64_t seq);
// "text-<FNV-1a 64 of the bytes, hex>-<size>": the same text is stored once, whoever refers to it.
std::string text_key(std::string_view text);
// The same key computed in pieces (the autosave hashes a long text across frames).
class TextKeyHasher {
public:
    void feed(std::string_view bytes);
    size_t size() const { return size_; }
    std::string key() const;

private:
    uint64_t h_ = 14695981039346656037ull;
    size_t size_ = 0;
};

struct JournalHead {
    uint64_t seq = 0;               // the last record the snapshot holds
    std::string text;               // the key of the document's text
    std::optional<ViewPrefs> view;  // the page's view (written with each change of it)
};
std::string write_head(const JournalHead& head);
Result<JournalHead> read_head(std::string_view input);

// What the page's storage holds at start-up (or when another tab's work is taken over).
struct SavedState {
    std::optional<std::string> session;  // layout 1
    std::optional<std::string> head;     // layout 2: head, snapshot, text, records in key order
    std::optional<std::string> snapshot, text;
    std::vector<std::string> records;
};
// The snapshot of a layout-2 state read with its text and head (view from the head), or the
// layout-1 session. The journal is not replayed here (replay_journal onto the restored editor).
struct SavedSession {
    Session session;
    JournalHead head;  // layout 1: seq 0, no text key
    bool legacy = false;
};
Result<SavedSession> read_saved(const SavedState& saved);

}  // namespace aa::io
