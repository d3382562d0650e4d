// When the autosave writes what (ui/autosave.cpp carries it out over the browser's storage):
// journal records in the frame of an edit, a snapshot (io/journal.hpp) a little after one is
// needed, compaction once the journal is long and the page idle, the head after view changes
// settle, a recent version before a bulk change or every few minutes; and the saved / saving /
// failed state from the writes' answers. Plain state over counters and times: no storage, no editor.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace aa::io {

enum class SaveState { Saved, Saving, Failed, Off };

class AutosaveSchedule {
public:
    static constexpr double kVersionEveryMs = 5 * 60 * 1000;  // a version every five minutes of editing
    static constexpr size_t kBulkChange = 20;                 // or before a change of this many entities
    static constexpr double kViewDelayMs = 250;               // view changes (zoom, panel width) coalesce
    // A snapshot (a new document, a reset history) is written this long after it is needed, so that
    // the frame showing the change does not also serialise the document; a page going away writes
    // it at once. Records wait for it (they follow the snapshot).
    static constexpr double kSnapshotDelayMs = 100;
    static constexpr double kRetryFailedMs = 5000;  // a failed write is retried after this (or at the next change)
    // Compaction: the journal is replaced by a snapshot once it holds kCompactRecords records or
    // kCompactBytes bytes and nothing changed for kCompactIdleMs (the snapshot costs the document's
    // size: idle time, not an edit's frame), or soon past kCompactForce records. It is written in
    // slices in quiet frames only (no edit, no labelling in slices): a frame that edits has its
    // own work, and the session would begin again anyway. An edit between two slices begins it
    // again; after kMaxRestarts restarts it waits for kCompactIdleMs without a change. Never is
    // it written whole in one frame: the journal's records keep every edit saved meanwhile, so
    // kCompactForce bounds the journal loosely (a long run of edits passes it).
    static constexpr size_t kCompactRecords = 256;
    static constexpr size_t kCompactBytes = 256 * 1024;
    static constexpr size_t kCompactForce = 4096;
    static constexpr double kCompactIdleMs = 1000;
    // A snapshot begun again this often because the editor changed under it: a compaction then
    // waits for an idle second; a snapshot the records wait for (needs_snapshot) is written whole
    // (ui/autosave.cpp), since until it is stored no record holds the edits.
    static constexpr size_t kMaxRestarts = 3;
    // A frame that has already used kBusyFrameMs before the autosave (the first frame of a new
    // document: its layout and the rasterising of its runs) leaves the snapshot's slice to the next
    // frame, kMaxSnapshotWaits frames in a row at most: a page whose every frame is long still
    // gets its snapshot. Records are never put off (they are the edit's own, and small).
    static constexpr double kBusyFrameMs = 8;
    static constexpr size_t kMaxSnapshotWaits = 2;

    // The editor and view as a tick sees them: their revision counters and this frame's history events.
    struct Seen {
        uint64_t revision = 0, info = 0, prefs = 0, generation = 0;
        size_t entities = 0;
        size_t events = 0;   // history events taken in this frame
        bool reset = false;  // one of them reset the history
    };
    // What a tick asks for, in this order: a version of the state before the events, the events as
    // records, a slice of the snapshot; then head_due().
    struct Tick {
        bool paused = false;  // another tab saves: nothing is written
        bool keep_version = false;
        bool records = false;
        bool snapshot = false;        // a step of the snapshot (a job under way goes on, a compaction
                                      // in a quiet frame)
        bool snapshot_waits = false;  // a step was due, left to the next frame (a busy frame)
    };

    // After startup: `now` is the state storage holds (or will hold with the first snapshot).
    void start(const Seen& now, double now_ms);
    // A saved state read back: a snapshot of it is stored unless `legacy`; `rewrite` asks for a
    // new one (the layout-1 upgrade, a journal tail dropped); `records` follow the snapshot.
    void restored(bool legacy, bool rewrite, size_t records);
    // A snapshot is needed (nothing stored yet, unreadable data kept): with `hold`, written only
    // once something changes.
    void need_snapshot(bool hold);
    // The state up to `now` is in the snapshot about to be written (its events are dropped).
    void caught_up(const Seen& now);

    // `frame_used_ms`: how long this frame ran before the autosave (0 outside a frame).
    Tick tick(const Seen& now, double now_ms, bool flush, bool bulk_active, bool job_active, double frame_used_ms = 0);
    bool head_due(double now_ms, bool flush) const;
    void settle();  // the state once this tick's writes went out

    void sent(uint64_t ticket);  // a write handed to storage
    void records_sent(size_t count, size_t bytes);
    void snapshot_sent(uint64_t ticket);        // the snapshot replaces the journal
    void snapshot_restarted() { ++restarts_; }  // the editor changed under the snapshot being written
    size_t snapshot_restarts() const { return restarts_; }
    void head_sent() { head_dirty_ = false; }
    void version_kept(double now_ms) { last_version_ms_ = now_ms; }
    enum class Answer { NotOurs, Stored, SnapshotStored, Failed };
    Answer answered(uint64_t ticket, bool ok, double now_ms);

    void pause();  // another tab took over
    void resume() { paused_ = false; }

    SaveState state() const { return state_; }
    bool paused() const { return paused_; }
    bool has_snapshot() const { return have_base_; }
    bool needs_snapshot() const { return need_base_; }
    bool writes_pending() const { return !inflight_.empty(); }
    // Storage holds (or will once the writes sent succeed) every change seen so far: a snapshot of
    // this document and records for everything after it; nothing waits for a snapshot.
    bool stored_is_current() const { return have_base_ && !need_base_ && !paused_; }
    const Seen& seen() const { return seen_; }  // at the last tick

private:
    Seen seen_;
    std::vector<uint64_t> inflight_;  // writes not answered yet, oldest first
    SaveState state_ = SaveState::Off;
    double retry_at_ = 0;  // after a failure: the next snapshot, unless a change comes sooner
    size_t records_ = 0, record_bytes_ = 0;
    bool have_base_ = false;          // a snapshot of this tab's document is stored
    bool need_base_ = false;          // the next save is a snapshot (new document, reset, failure)
    bool hold_until_change_ = false;  // ...written only with a change (nothing, or unreadable, stored)
    bool change_waits_ = false;       // a change waits for that snapshot
    double base_due_ = 0;             // when the snapshot is written (0: not scheduled)
    bool head_dirty_ = false;         // the view changed
    bool paused_ = false;             // another tab saves
    uint64_t base_ticket_ = 0;        // the last snapshot's write
    double last_change_ms_ = 0, last_version_ms_ = 0;
    size_t restarts_ = 0;  // of the snapshot under way
    size_t waits_ = 0;     // frames in a row whose due snapshot step was put off (busy frames)
};

}  // namespace aa::io
