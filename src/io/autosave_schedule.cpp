// The autosave's decisions (autosave_schedule.hpp): what a frame writes, and the saved state.
#include "io/autosave_schedule.hpp"

#include <algorithm>

namespace aa::io {

void AutosaveSchedule::start(const Seen& now, double now_ms) {
    seen_ = now;
    state_ = SaveState::Saved;
    last_version_ms_ = now_ms;
}

void AutosaveSchedule::restored(bool legacy, bool rewrite, size_t records) {
    have_base_ = !legacy;
    need_base_ = legacy || rewrite;
    records_ = records;
}

void AutosaveSchedule::need_snapshot(bool hold) {
    need_base_ = true;
    if (hold) hold_until_change_ = true;
}

void AutosaveSchedule::caught_up(const Seen& now) {
    seen_.revision = now.revision;
    seen_.info = now.info;
    seen_.generation = now.generation;
    hold_until_change_ = false;
}

AutosaveSchedule::Tick AutosaveSchedule::tick(const Seen& now, double now_ms, bool flush, bool bulk_active,
                                              bool job_active, double frame_used_ms) {
    Tick t;
    const bool doc_changed = now.generation != seen_.generation;
    const bool info_changed = now.info != seen_.info;
    const bool prefs_changed = now.prefs != seen_.prefs;
    const bool edited = now.events > 0 || doc_changed || info_changed || now.revision != seen_.revision;
    const size_t last_entities = seen_.entities;
    seen_ = now;
    if (edited || prefs_changed) last_change_ms_ = now_ms;
    if (prefs_changed) head_dirty_ = true;
    if (now.reset) need_base_ = true;
    // A change the journal has no record for (outside the history) is saved as a snapshot.
    if (doc_changed || info_changed || (edited && now.events == 0)) need_base_ = true;
    if (edited) hold_until_change_ = false;
    if (edited && need_base_) change_waits_ = true;
    if (paused_) {
        state_ = SaveState::Off;
        if (edited) need_base_ = true;  // this tab's changes are in no record
        t.paused = true;
        return t;
    }
    // A version of the state before a bulk edit, or every few minutes of editing, so that a
    // mistake can be undone even after a reload (a labelling in slices keeps its own when it begins).
    const size_t delta = now.entities > last_entities ? now.entities - last_entities : last_entities - now.entities;
    t.keep_version = edited && !doc_changed && have_base_ && !bulk_active &&
                     (delta >= kBulkChange || now_ms - last_version_ms_ >= kVersionEveryMs);
    const bool retry_due = state_ != SaveState::Failed || now_ms >= retry_at_;
    const bool long_journal = records_ + now.events >= kCompactForce;
    const bool idle_compaction = (records_ >= kCompactRecords || record_bytes_ >= kCompactBytes) &&
                                 now_ms - last_change_ms_ >= kCompactIdleMs && inflight_.empty();
    if (need_base_) {
        if (base_due_ == 0) base_due_ = now_ms + kSnapshotDelayMs;
        const bool due = (change_waits_ || (retry_due && !hold_until_change_)) && (flush || now_ms >= base_due_);
        // The events are in the snapshot (records wait for it: they follow it).
        t.snapshot = due || job_active;
    } else {
        t.records = now.events > 0;
        // Compaction, in slices: in idle time, or soon when the journal grows too long; records
        // go on meanwhile (the snapshot holds those before it; an edit begins its session again).
        // Only in a quiet frame: not in an edit's (a labelling in slices edits in every frame),
        // and after kMaxRestarts restarts only once the page is idle. So a stream of edits, by hand
        // or in slices, never makes a frame write the whole session (~0.5 s at 10 MB). A page
        // going away (flush) writes it whole now, unless a labelling runs.
        const bool quiet = !edited && !bulk_active;
        const bool restarted_too_often = restarts_ >= kMaxRestarts && now_ms - last_change_ms_ < kCompactIdleMs;
        const bool wanted = job_active || long_journal || idle_compaction;
        t.snapshot = wanted && (flush ? !bulk_active : quiet && !restarted_too_often);
    }
    // A busy frame leaves its step to the next one, twice in a row at most (a page going away never).
    if (t.snapshot && !flush && frame_used_ms >= kBusyFrameMs && waits_ < kMaxSnapshotWaits) {
        t.snapshot = false;
        t.snapshot_waits = true;
        ++waits_;
    } else if (t.snapshot) {
        waits_ = 0;
    }
    return t;
}

bool AutosaveSchedule::head_due(double now_ms, bool flush) const {
    return head_dirty_ && !need_base_ && (flush || now_ms - last_change_ms_ >= kViewDelayMs);
}

void AutosaveSchedule::settle() {
    if (state_ != SaveState::Failed)
        state_ = inflight_.empty() && !head_dirty_ && !(need_base_ && !hold_until_change_) ? SaveState::Saved
                                                                                           : SaveState::Saving;
}

void AutosaveSchedule::sent(uint64_t ticket) { inflight_.push_back(ticket); }

void AutosaveSchedule::records_sent(size_t count, size_t bytes) {
    records_ += count;
    record_bytes_ += bytes;
}

void AutosaveSchedule::snapshot_sent(uint64_t ticket) {
    have_base_ = true;
    need_base_ = false;
    change_waits_ = false;
    base_due_ = 0;
    head_dirty_ = false;
    records_ = 0;  // a snapshot begins again on any change: no record follows it yet
    record_bytes_ = 0;
    restarts_ = 0;
    base_ticket_ = ticket;
}

AutosaveSchedule::Answer AutosaveSchedule::answered(uint64_t ticket, bool ok, double now_ms) {
    if (ticket == 0) return Answer::NotOurs;
    auto it = std::find(inflight_.begin(), inflight_.end(), ticket);
    if (it == inflight_.end()) return Answer::NotOurs;
    inflight_.erase(it);
    if (!ok) {
        state_ = SaveState::Failed;
        // The journal may now miss a record: the next save is a whole snapshot, with the next
        // change or in a few seconds, not on every frame.
        need_base_ = true;
        base_due_ = 0;
        retry_at_ = now_ms + kRetryFailedMs;
        return Answer::Failed;
    }
    // A failure is over once a snapshot written after it is stored (records alone leave a gap).
    if (state_ == SaveState::Failed && ticket == base_ticket_) state_ = SaveState::Saving;
    if (state_ != SaveState::Failed)
        state_ = inflight_.empty() && !need_base_ && !head_dirty_ ? SaveState::Saved : SaveState::Saving;
    return ticket == base_ticket_ ? Answer::SnapshotStored : Answer::Stored;
}

void AutosaveSchedule::pause() {
    paused_ = true;
    state_ = SaveState::Off;
}

}  // namespace aa::io
