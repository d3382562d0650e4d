// Tests for src/io/autosave_schedule: what the autosave writes in a frame (records, a snapshot
// after its delay, compaction in idle time, the head once the view settles, a version before a
// bulk change) and the saved / saving / failed / off state from the writes' answers.
#include <doctest/doctest.h>

#include "io/autosave_schedule.hpp"

using namespace aa;
using io::AutosaveSchedule;
using io::SaveState;

namespace {
using Seen = AutosaveSchedule::Seen;

// A page whose editor is at `s`; `edit` moves it on by one history event in the frame at `ms`.
struct Page {
    AutosaveSchedule sched;
    Seen s;
    uint64_t ticket = 1;
    // `used`: how long the frame ran before the autosave.
    AutosaveSchedule::Tick tick(double ms, bool flush = false, bool bulk = false, bool job = false, double used = 0) {
        AutosaveSchedule::Tick t = sched.tick(s, ms, flush, bulk, job, used);
        s.events = 0;
        s.reset = false;
        return t;
    }
    void edit(size_t entities_delta = 1) {
        ++s.revision;
        s.entities += entities_delta;
        ++s.events;
    }
    uint64_t snapshot() {  // the snapshot written and handed to storage
        sched.snapshot_sent(ticket);
        sched.sent(ticket);
        return ticket++;
    }
    uint64_t records(size_t n) {
        sched.records_sent(n, 100 * n);
        sched.sent(ticket);
        return ticket++;
    }
};

// Started with a stored snapshot and nothing pending.
Page stored_page() {
    Page p;
    p.sched.restored(false, false, 0);
    p.sched.start(p.s, 0);
    return p;
}
}  // namespace

TEST_CASE("autosave schedule: with nothing stored, the first snapshot waits for its delay, then for a change") {
    Page p;
    p.sched.need_snapshot(true);
    p.sched.start(p.s, 0);
    CHECK(p.sched.state() == SaveState::Saved);
    p.edit();
    auto t = p.tick(1000);
    CHECK_FALSE(t.snapshot);  // not in the frame that needs it
    CHECK_FALSE(t.records);   // the records wait for the snapshot (it holds them)
    p.sched.settle();
    CHECK(p.sched.state() == SaveState::Saving);
    CHECK_FALSE(p.tick(1000 + AutosaveSchedule::kSnapshotDelayMs - 1).snapshot);
    CHECK(p.tick(1000 + AutosaveSchedule::kSnapshotDelayMs).snapshot);

    Page empty;
    empty.sched.need_snapshot(true);
    empty.sched.start(empty.s, 0);
    CHECK_FALSE(empty.tick(1000).snapshot);
    CHECK_FALSE(empty.tick(5000).snapshot);  // no change: nothing is written (an empty page stays empty)
    empty.sched.settle();
    CHECK(empty.sched.state() == SaveState::Saved);
    empty.edit();
    CHECK(empty.tick(5001).snapshot);  // the change, once the delay is past: at once
    const uint64_t w = empty.snapshot();
    empty.sched.settle();
    CHECK(empty.sched.state() == SaveState::Saving);  // until storage answers
    CHECK(empty.sched.answered(w, true, 2200) == AutosaveSchedule::Answer::SnapshotStored);
    CHECK(empty.sched.state() == SaveState::Saved);
    CHECK(empty.sched.answered(w, true, 2200) == AutosaveSchedule::Answer::NotOurs);  // answered once
    CHECK(empty.sched.answered(0, true, 2200) == AutosaveSchedule::Answer::NotOurs);
}

TEST_CASE("autosave schedule: a page going away writes the waiting snapshot at once") {
    Page p;
    p.sched.need_snapshot(true);
    p.sched.start(p.s, 0);
    p.edit();
    CHECK(p.tick(10, true).snapshot);
}

TEST_CASE("autosave schedule: an edit is a record in its own frame; a reset or a new document needs a snapshot") {
    Page p = stored_page();
    p.edit();
    auto t = p.tick(100);
    CHECK(t.records);
    CHECK_FALSE(t.snapshot);
    CHECK_FALSE(t.keep_version);
    p.sched.answered(p.records(1), true, 100);
    p.sched.settle();
    CHECK(p.sched.state() == SaveState::Saved);

    p.edit();
    p.s.reset = true;  // the history was reset: the journal cannot follow it
    t = p.tick(200);
    CHECK_FALSE(t.records);
    CHECK(p.sched.needs_snapshot());
    CHECK(p.tick(200 + AutosaveSchedule::kSnapshotDelayMs).snapshot);
    p.snapshot();

    ++p.s.generation;  // another document (outside the history)
    t = p.tick(1000);
    CHECK_FALSE(t.records);
    CHECK_FALSE(t.keep_version);  // another article keeps its version when it replaces this one
    CHECK(p.sched.needs_snapshot());

    p.snapshot();
    ++p.s.info;  // title or source changed: no record holds it
    p.tick(2000);
    CHECK(p.sched.needs_snapshot());
}

TEST_CASE("autosave schedule: the journal is compacted in idle time, or at once when it is very long") {
    Page p = stored_page();
    p.edit();
    CHECK(p.tick(100).records);
    p.sched.answered(p.records(AutosaveSchedule::kCompactRecords), true, 100);
    CHECK_FALSE(p.tick(100 + AutosaveSchedule::kCompactIdleMs - 1).snapshot);  // the user may still be typing
    CHECK(p.tick(100 + AutosaveSchedule::kCompactIdleMs).snapshot);
    p.snapshot();

    Page q = stored_page();
    q.sched.records_sent(AutosaveSchedule::kCompactForce - 1, 0);
    q.edit();
    auto t = q.tick(50);
    CHECK(t.records);         // written,
    CHECK_FALSE(t.snapshot);  // and the snapshot waits for a frame without an edit:
    q.records(1);
    CHECK(q.tick(66).snapshot);  // the next one, not an idle second

    Page r = stored_page();  // a snapshot under way goes on whatever happens
    CHECK(r.tick(10, false, false, true).snapshot);
}

TEST_CASE(
    "autosave schedule: no compaction during a labelling in slices; its records are written, compaction follows") {
    Page p = stored_page();
    p.sched.records_sent(AutosaveSchedule::kCompactForce - 1, 0);
    p.edit();
    auto t = p.tick(50, false, true);
    CHECK(t.records);                                     // the slice's ops, journaled
    CHECK_FALSE(t.snapshot);                              // a long journal waits for the labelling's end
    CHECK_FALSE(p.tick(60, false, true, true).snapshot);  // a compaction under way waits too
    p.edit();
    t = p.tick(70);  // the labelling ended: its last slice journaled, then compacted
    CHECK(t.records);
    CHECK_FALSE(t.snapshot);
    p.records(1);
    CHECK(p.tick(80).snapshot);
}

TEST_CASE(
    "autosave schedule: a compaction steps in quiet frames only; begun again too often by edits, it waits for an "
    "idle second, never written whole") {
    Page p = stored_page();
    p.sched.records_sent(AutosaveSchedule::kCompactForce, 0);
    double ms = 100;
    CHECK(p.tick(ms).snapshot);  // begins
    for (size_t restart = 0; restart < AutosaveSchedule::kMaxRestarts; ++restart) {
        p.edit();  // a hand edit between two slices
        auto t = p.tick(ms += 16);
        CHECK(t.records);
        CHECK_FALSE(t.snapshot);                               // not in the edit's frame
        CHECK(p.tick(ms += 16, false, false, true).snapshot);  // the next frame goes on,
        p.sched.snapshot_restarted();                          // beginning the session again
    }
    // Edits go on, a few frames apart: no slice in any frame until the page is idle.
    for (int i = 0; i < 30; ++i) {
        if (i % 3 == 0) p.edit();
        CHECK_FALSE(p.tick(ms += 16, false, false, true).snapshot);
    }
    const double last_edit = ms - 2 * 16;
    CHECK_FALSE(p.tick(last_edit + AutosaveSchedule::kCompactIdleMs - 1, false, false, true).snapshot);
    CHECK(p.tick(last_edit + AutosaveSchedule::kCompactIdleMs, false, false, true).snapshot);
    p.snapshot();
    CHECK(p.sched.snapshot_restarts() == 0);  // the next compaction begins afresh

    // A snapshot the records wait for (a new document) is not held back by edits.
    Page q = stored_page();
    q.sched.need_snapshot(false);
    q.edit();
    q.tick(0);
    q.edit();
    CHECK(q.tick(AutosaveSchedule::kSnapshotDelayMs).snapshot);
    q.edit();
    CHECK(q.tick(AutosaveSchedule::kSnapshotDelayMs + 16, false, false, true).snapshot);

    // A page going away writes a compaction under way now (in that frame, whole).
    Page r = stored_page();
    r.sched.records_sent(AutosaveSchedule::kCompactForce, 0);
    r.edit();
    CHECK(r.tick(10, true).snapshot);
}

TEST_CASE(
    "autosave schedule: a frame already busy leaves the snapshot's step to the next frame, two frames in a row at "
    "most; records and a page going away never wait") {
    constexpr double kBusy = AutosaveSchedule::kBusyFrameMs;
    Page p = stored_page();
    ++p.s.generation;  // a new document (an import): its snapshot is due after the delay
    p.tick(1000);
    const double due = 1000 + AutosaveSchedule::kSnapshotDelayMs;
    // Its first frame drew the new document (layout, runs rasterised): the step waits.
    auto t = p.tick(due, false, false, false, kBusy);
    CHECK_FALSE(t.snapshot);
    CHECK(t.snapshot_waits);
    CHECK(p.tick(due + 16, false, false, false, kBusy - 0.5).snapshot);  // a light frame takes it
    // Every frame busy: the step waits two frames, then goes in the third; the count begins again
    // after a frame that took a step.
    for (int round = 0; round < 2; ++round) {
        double ms = due + 100 + 100 * round;
        for (size_t w = 0; w < AutosaveSchedule::kMaxSnapshotWaits; ++w) {
            t = p.tick(ms += 16, false, false, true, 40);
            CHECK_FALSE(t.snapshot);
            CHECK(t.snapshot_waits);
        }
        t = p.tick(ms += 16, false, false, true, 40);
        CHECK(t.snapshot);
        CHECK_FALSE(t.snapshot_waits);
    }
    // A page going away writes it now, however long its frame.
    CHECK(p.tick(due + 1000, true, false, true, 40).snapshot);
    p.snapshot();
    // An edit's records go in a busy frame; so does nothing else: no snapshot is wanted.
    p.edit();
    t = p.tick(due + 1100, false, false, false, 40);
    CHECK(t.records);
    CHECK_FALSE(t.snapshot_waits);
    // A compaction's step in a quiet but busy frame waits as well.
    Page c = stored_page();
    c.sched.records_sent(AutosaveSchedule::kCompactForce, 0);
    CHECK_FALSE(c.tick(100, false, false, false, kBusy).snapshot);
    CHECK(c.tick(116).snapshot);
}

TEST_CASE(
    "autosave schedule: a version before a bulk change and every five minutes of editing, not during a labelling in "
    "slices") {
    Page p = stored_page();
    p.edit(AutosaveSchedule::kBulkChange);
    CHECK(p.tick(100).keep_version);
    p.sched.version_kept(100);
    p.edit(AutosaveSchedule::kBulkChange - 1);
    CHECK_FALSE(p.tick(200).keep_version);
    p.edit();
    CHECK_FALSE(p.tick(100 + AutosaveSchedule::kVersionEveryMs - 1).keep_version);
    p.edit();
    CHECK(p.tick(100 + AutosaveSchedule::kVersionEveryMs).keep_version);
    p.edit(AutosaveSchedule::kBulkChange);
    CHECK_FALSE(p.tick(400000, false, true).keep_version);  // bulk.cpp kept its own when it began

    Page fresh;  // nothing stored yet: a version would name a text storage does not hold
    fresh.sched.need_snapshot(true);
    fresh.sched.start(fresh.s, 0);
    fresh.edit(AutosaveSchedule::kBulkChange);
    CHECK_FALSE(fresh.tick(100).keep_version);
}

TEST_CASE("autosave schedule: view changes write the head once they settle, after any snapshot") {
    Page p = stored_page();
    ++p.s.prefs;
    p.tick(100);
    CHECK_FALSE(p.sched.head_due(100 + AutosaveSchedule::kViewDelayMs - 1, false));
    CHECK(p.sched.head_due(100, true));
    CHECK(p.sched.head_due(100 + AutosaveSchedule::kViewDelayMs, false));
    p.sched.settle();
    CHECK(p.sched.state() == SaveState::Saving);
    p.sched.head_sent();
    CHECK_FALSE(p.sched.head_due(1000, true));

    ++p.s.prefs;
    ++p.s.generation;
    p.tick(2000);
    CHECK_FALSE(p.sched.head_due(5000, true));  // the snapshot writes the head with it
}

TEST_CASE("autosave schedule: a failed write means a snapshot, retried after a pause or with the next change") {
    Page p = stored_page();
    p.edit();
    p.tick(100);
    const uint64_t w = p.records(1);
    CHECK(p.sched.answered(w, false, 100) == AutosaveSchedule::Answer::Failed);
    CHECK(p.sched.state() == SaveState::Failed);
    CHECK(p.sched.needs_snapshot());
    CHECK_FALSE(p.tick(200).snapshot);
    CHECK_FALSE(p.tick(100 + AutosaveSchedule::kRetryFailedMs - 1).snapshot);
    CHECK(p.tick(100 + AutosaveSchedule::kRetryFailedMs).snapshot);
    // Records stored after the failure do not end it; the snapshot does.
    const uint64_t rec = p.records(1);
    const uint64_t snap = p.snapshot();
    CHECK(p.sched.answered(rec, true, 5200) == AutosaveSchedule::Answer::Stored);
    CHECK(p.sched.state() == SaveState::Failed);
    CHECK(p.sched.answered(snap, true, 5300) == AutosaveSchedule::Answer::SnapshotStored);
    CHECK(p.sched.state() == SaveState::Saved);

    Page q = stored_page();
    q.sched.answered(q.records(1), false, 100);
    q.edit();
    CHECK_FALSE(q.tick(200).snapshot);
    CHECK(q.tick(200 + AutosaveSchedule::kSnapshotDelayMs).snapshot);  // a change does not wait for the retry
}

TEST_CASE("autosave schedule: while another tab saves, nothing is written; what changed meanwhile needs a snapshot") {
    Page p = stored_page();
    p.sched.pause();
    CHECK(p.sched.state() == SaveState::Off);
    p.edit();
    auto t = p.tick(100);
    CHECK(t.paused);
    CHECK_FALSE(t.records);
    CHECK(p.sched.state() == SaveState::Off);
    CHECK(p.sched.needs_snapshot());
    p.sched.resume();
    p.sched.caught_up(p.s);  // continuing here: the snapshot holds this tab's state
    CHECK_FALSE(p.tick(200).snapshot);
    CHECK(p.tick(200 + AutosaveSchedule::kSnapshotDelayMs).snapshot);
}
