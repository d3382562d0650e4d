// Autosave and recent versions: the session (document, undo history, view) kept in the browser's
// storage as a snapshot plus a journal of the edits since (io/journal.hpp): each edit appends a
// record the size of the edit in the frame it happens; a new snapshot replaces the journal when a
// document is opened, after a reset, or once the journal is long and the page idle. Also: versions
// of earlier saved states to restore, start-up recovery (snapshot + journal replayed, a bad tail
// dropped with a message), the upgrade of the layout-1 "session", and another tab taking over.
// When to write what is io::AutosaveSchedule's; the list of versions is io::RecentVersions.
//
// [SECTION] View preferences
// [SECTION] Startup and recovery
// [SECTION] Autosave: journal records and snapshots
// [SECTION] Storage answers and other tabs
// [SECTION] Recent versions menu, paused banner
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "io/journal.hpp"
#include "io/page_state.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {

namespace {
using Schedule = io::AutosaveSchedule;
// A snapshot costs the document's size, so it is written in slices of about this much work per
// frame (hashing the text, then serialising the session), and committed in a frame of its own.
constexpr double kSliceMs = 4;
constexpr size_t kHashChunk = 256 * 1024;       // bytes hashed between two looks at the clock
constexpr size_t kWriteUnits = 128;             // entities or history ops written between two looks
constexpr size_t kStageChunk = 256 * 1024;      // bytes handed to the storage between two looks
constexpr int kTextSlot = 0, kSessionSlot = 1;  // Platform::storage_stage's slots

size_t total_size(const std::vector<std::string>& pieces) {
    size_t n = 0;
    for (const std::string& p : pieces) n += p.size();
    return n;
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

// =====================================================================================
// [SECTION] View preferences
// =====================================================================================

io::ViewPrefs AppImpl::view_prefs() const {
    io::ViewPrefs v = prefs;
    v.suggest = suggest_config();  // rules and gazetteers
    return v;
}

// A restored view, clamped to what the page can show.
void AppImpl::apply_view_prefs(const io::ViewPrefs& v) {
    // The atlas depends on the zoom only: the page built it at 100% before the session was read.
    const float zoom = std::clamp(v.zoom, 0.6f, 2.5f);
    if (std::fabs(zoom - prefs.zoom) > 0.001f) fonts.dirty = true;
    prefs.zoom = zoom;
    prefs.side_width = std::clamp(v.side_width, 220.0f, 900.0f);
    prefs.snap_to_words = v.snap_to_words;
    prefs.sticky_label = v.sticky_label;
    prefs.side_collapsed = v.side_collapsed;
    prefs.find_whole_word = v.find_whole_word;
    prefs.active_label = v.active_label;
    prefs.theme = v.theme;  // update_theme applies it in the next frame
    prefs.direction = v.direction;
    set_annotator_name(v.annotator);
    prefs.hidden_labels = v.hidden_labels;
    prefs.hidden_relation_types = v.hidden_relation_types;
    prefs.locked_labels = v.locked_labels;
    if (v.suggest) apply_suggest_config(*v.suggest);
}

// =====================================================================================
// [SECTION] Startup and recovery
// =====================================================================================

void AppImpl::startup(std::optional<std::string> saved) {
    io::SavedState state;
    if (saved && !saved->empty()) state.session = std::move(*saved);
    startup_saved(std::move(state));
}

// Restores a saved state into the editor: the snapshot, then the journal replayed. Returns the
// message for the status bar, or an error (then nothing changed).
Result<std::string> AppImpl::restore_saved(const io::SavedState& saved) {
    auto s = io::read_saved(saved);
    if (!s.ok()) return s.error();
    save.skip_version = true;  // the state replaced is kept by the caller, if at all
    if (s->session.view) apply_view_prefs(*s->session.view);
    std::vector<io::Diagnostic> warnings = std::move(s->session.warnings);
    new_document(std::move(s->session.document));
    editor.set_history(std::move(s->session.undo), std::move(s->session.redo));
    const io::ReplayReport rep = io::replay_journal(editor, s->head.seq, saved.records);
    (void)editor.take_events();                 // what was replayed is stored already
    save.stamped_revision = editor.revision();  // stamped when it was saved (the journal's times)
    save.seq = s->head.seq + rep.applied;
    save.head = s->head;
    save.legacy_present = s->legacy;
    save.schedule.restored(s->legacy, rep.dropped > 0, rep.applied);  // the upgrade, or a journal to rewrite
    save.text_key = s->legacy ? std::string() : s->head.text;
    save.stored_text = save.text_key;
    save.text_key_generation = s->legacy ? ~0ull : doc_generation;
    std::string msg = "Restored your last session (" + plural(editor.doc().entities().size(), "entity)", "entities)");
    if (rep.dropped == 1)
        msg = "Restored your last session; the last change could not be read and was dropped (" + rep.why_dropped + ")";
    else if (rep.dropped > 1)
        msg = "Restored your last session; the last " + std::to_string(rep.dropped) +
              " changes could not be read and were dropped (" + rep.why_dropped + ")";
    else if (!warnings.empty())
        msg = "Restored your last session; " + warnings.front().message;
    return msg;
}

void AppImpl::startup_saved(io::SavedState saved) {
    save.started = true;
    apply_style();
    const bool any = saved.head || saved.session;
    if (any) {
        auto msg = restore_saved(saved);
        if (msg.ok()) {
            const bool warn = msg->find("dropped") != std::string::npos || msg->find(';') != std::string::npos;
            set_status(*msg, warn);
        } else {
            // Keep the unreadable data: it is not overwritten until the user changes something,
            // and a copy goes to other keys first (the text stays under its own key).
            if (saved.session) platform.storage_write("session-unreadable", *saved.session, 0);
            if (saved.head) platform.storage_write("autosave-unreadable-head", *saved.head, 0);
            if (saved.snapshot) platform.storage_write("autosave-unreadable-snapshot", *saved.snapshot, 0);
            set_status("Could not restore the last session (" + msg.error().summary() + "); a copy was kept", true);
            new_document(Document{});
            save.schedule.need_snapshot(true);
        }
    } else {
        new_document(Document{});
        save.schedule.need_snapshot(true);  // nothing stored: the first change writes the first snapshot
    }
    editor.set_recording(true);
    save.schedule.start(autosave_seen(), platform.now_ms());
    save.at_start = autosave_seen();
    save.versions_ticket = next_ticket++;
    platform.storage_read(io::RecentVersions::kIndexKey, save.versions_ticket);
    platform.claim_session();  // the newest tab saves; older ones pause (Platform::claim_session)
    queue_startup();           // the other documents of a queue, if any (queue.cpp)
}

// =====================================================================================
// [SECTION] Autosave: journal records and snapshots
// =====================================================================================

io::AutosaveSchedule::Seen AppImpl::autosave_seen(size_t events, bool reset) const {
    return {editor.revision(),
            editor.info_revision(),
            prefs_revision,
            doc_generation,
            editor.doc().entities().size(),
            events,
            reset};
}

// No change since the last tick: storage holds (or is sent) every one, when it is current.
bool AppImpl::autosave_saw_all() const {
    const Schedule::Seen& seen = save.schedule.seen();
    return save.schedule.stored_is_current() && seen.revision == editor.revision() &&
           seen.info == editor.info_revision() && seen.generation == doc_generation;
}

void AppImpl::autosave_tick(bool flush) {
    // An undo in slices under way (bulk.cpp): storage holds the state before it, and the editor's
    // history does not match its document until the last slice; nothing is written meanwhile. The
    // page going away finishes it first, so that what is saved is what the user asked for.
    if (undo_job.active) {
        if (!flush) return;
        undo_steps_finish();
    }
    // The frame a labelling in slices ended in is one of the labelling's: its last slice is no bulk
    // change of its own (that would keep a version of the state before it, copying the session).
    const bool labelling = bulk.active || std::exchange(bulk_ended, false);
    if (!save.started) return;
    const double now = platform.now_ms();
    const uint64_t first_ticket = next_ticket;
    std::vector<HistoryEvent> events = editor.take_events();
    bool reset = false;
    for (const HistoryEvent& e : events) reset = reset || e.kind == HistoryEvent::Kind::Reset;
    // Before this tick: does storage hold the state before this frame's events (for a version)?
    const bool stored_is_before = save.schedule.stored_is_current();
    const size_t entities_before = save.schedule.seen().entities;
    const Schedule::Tick t = save.schedule.tick(autosave_seen(events.size(), reset), now, flush, labelling,
                                                save.job.active, flush ? 0.0 : now - frame_start_ms);
    if (t.paused) return;
    if (t.keep_version) {  // (another article: keep_version_before_replace)
        if (stored_is_before)
            copy_saved_version(editor.doc().display_title(40), entities_before);
        else
            keep_version_before(events);
        save.schedule.version_kept(now);
    }
    if (t.records) write_records(events);
    const bool snapshot_committed = t.snapshot && snapshot_step(flush);
    if (save.schedule.head_due(now, flush)) write_head();
    if (next_ticket != first_ticket && !snapshot_committed) save.last_write_ms = platform.now_ms() - now;
    save.schedule.settle();
}

void AppImpl::commit(StorageBatch batch, uint64_t ticket) {
    save.schedule.sent(ticket);
    save.last_write_bytes = 0;
    save.last_write_slices = 1;
    for (const auto& [k, v] : batch.puts) save.last_write_bytes += k.size() + v.size();
    for (const auto& [k, pieces] : batch.byte_puts) {
        save.last_write_bytes += k.size();
        for (std::string_view v : pieces) save.last_write_bytes += v.size();
    }
    platform.storage_commit(batch, ticket);
}

// One record per event, in one transaction: the size of the edit, not of the document.
void AppImpl::write_records(std::vector<HistoryEvent>& events) {
    const std::string at = platform.now_iso();
    editor.stamp_modified(at);
    save.stamped_revision = editor.revision();
    StorageBatch batch;
    size_t bytes = 0;
    for (HistoryEvent& e : events) {
        std::string rec = io::encode_record({++save.seq, std::move(e), at});
        bytes += rec.size();
        batch.puts.emplace_back(io::journal_key(save.seq), std::move(rec));
    }
    save.schedule.records_sent(events.size(), bytes);
    save.last_write_kind = "records";
    commit(std::move(batch), next_ticket++);
}

void AppImpl::write_head() {
    save.head.view = view_prefs();
    StorageBatch batch;
    batch.puts.emplace_back(io::kHeadKey, io::write_head(save.head));
    save.schedule.head_sent();
    save.last_write_kind = "view";
    commit(std::move(batch), next_ticket++);
}

// A snapshot written whole, now: the page is going away, or the queue or another tab needs it.
void AppImpl::write_base() { (void)snapshot_step(true); }

// One slice of the snapshot (whole: all of it, committed): the text's key (hashed once per
// document), then the session without text, written while the editor stays unchanged; begun
// again when it changed. Returns whether the snapshot was committed in this call.
bool AppImpl::snapshot_step(bool whole) {
    Autosave::Job& j = save.job;
    const double t0 = platform.now_ms();
    if (!j.active) {
        j = Autosave::Job{};
        j.active = true;
        j.generation = ~doc_generation;
    }
    if (j.generation != doc_generation) {  // another document: hash its text (unless known)
        j.generation = doc_generation;
        j.hasher = io::TextKeyHasher{};
        j.hashed = save.text_key_generation == doc_generation;
        j.writing = j.ready = false;
        j.text_staged = j.session_staged = 0;
    }
    if (j.writing && (editor.revision() != j.revision || editor.info_revision() != j.info)) {
        j.writing = j.ready = false;
        j.session.clear();
        j.session_staged = 0;
        save.schedule.snapshot_restarted();
        // A snapshot the records wait for is the only copy of the edits since it was needed: a
        // page edited faster than it can be written gets it whole. A compaction never is: the
        // schedule steps it in quiet frames only, and after these restarts waits for an idle second.
        if (save.schedule.needs_snapshot() && save.schedule.snapshot_restarts() >= Schedule::kMaxRestarts) whole = true;
    }
    auto spent = [&] { return !whole && platform.now_ms() - t0 >= kSliceMs; };
    bool committed = false;
    const std::string& text = editor.doc().text().utf8();
    if (j.ready && j.session_staged == total_size(j.session)) {
        snapshot_commit();  // a frame of its own: the transaction, the values handed over before
        committed = true;
    } else {
        while (!j.hashed) {
            j.hasher.feed(std::string_view(text).substr(j.hasher.size(), kHashChunk));
            if (j.hasher.size() == text.size()) {
                save.text_key = j.hasher.key();
                save.text_key_generation = doc_generation;
                j.hashed = true;
            } else if (spent()) {
                break;
            }
        }
        if (j.hashed && !j.writing) {
            if (editor.revision() != save.stamped_revision) {  // changed since: a new modification time
                editor.stamp_modified(platform.now_iso());
                save.stamped_revision = editor.revision();
            }
            j.revision = editor.revision();
            j.info = editor.info_revision();
            j.seq = save.seq;
            j.writer.begin(editor, std::nullopt, true);
            j.writing = true;
        }
        const bool text_done = !j.hashed || snapshot_stage_text(spent);
        while (text_done && j.writing && !j.ready) {
            if (j.writer.step(editor, kWriteUnits)) {
                j.session = j.writer.take_pieces();
                j.ready = true;
            } else if (spent()) {
                break;
            }
        }
        if (j.ready) snapshot_stage_session(spent);
        if (j.ready && whole) {
            snapshot_commit();
            committed = true;
        }
    }
    const double ms = platform.now_ms() - t0;
    j.longest_ms = std::max(j.longest_ms, ms);
    ++j.slices;
    if (committed) {
        save.last_write_ms = j.longest_ms;  // FrameStats: the longest slice, and how many frames
        save.last_write_slices = j.slices;
        j = Autosave::Job{};
    }
    return committed;
}

// The document's text handed to the storage a piece per look at the clock, when storage does not
// hold it (its first snapshot): true once it is all handed over, or not wanted.
bool AppImpl::snapshot_stage_text(const std::function<bool()>& spent) {
    Autosave::Job& j = save.job;
    const std::string& text = editor.doc().text().utf8();
    if (save.stored_text == save.text_key) return true;
    while (j.text_staged < text.size()) {
        if (j.text_staged > 0 && spent()) return false;
        const std::string_view piece = std::string_view(text).substr(j.text_staged, kStageChunk);
        platform.storage_stage(kTextSlot, text.size(), j.text_staged, piece);
        j.text_staged += piece.size();
    }
    return true;
}

// The written session handed to the storage the same way.
void AppImpl::snapshot_stage_session(const std::function<bool()>& spent) {
    Autosave::Job& j = save.job;
    const size_t total = total_size(j.session);
    size_t at = 0;
    for (const std::string& piece : j.session) {
        if (j.session_staged >= at + piece.size()) {
            at += piece.size();
            continue;
        }
        for (size_t off = j.session_staged - at; off < piece.size(); off += kStageChunk) {
            if (j.session_staged > 0 && spent()) return;
            const std::string_view part = std::string_view(piece).substr(off, kStageChunk);
            platform.storage_stage(kSessionSlot, total, j.session_staged, part);
            j.session_staged += part.size();
        }
        at += piece.size();
    }
}

// The snapshot the job wrote: the text under its content key (written once per document), the
// session without it, the head naming both, and the journal it holds removed, in one transaction:
// storage holds the old snapshot and journal or the new snapshot, never a mix.
void AppImpl::snapshot_commit() {
    Autosave::Job& j = save.job;
    const std::string& text = editor.doc().text().utf8();
    StorageBatch batch;
    // The text only when storage does not hold it yet (a write that failed may not have stored it).
    // Handed over in the slices before (whole: all in the last one); the text only when wanted.
    const std::string old_text = save.stored_text;
    if (old_text != save.text_key && !text.empty() && j.text_staged == text.size())
        batch.staged_puts.emplace_back(save.text_key, kTextSlot);
    else if (old_text != save.text_key)
        batch.byte_puts.push_back({save.text_key, {text}});
    else if (j.text_staged > 0)
        platform.storage_stage(kTextSlot, 0, 0, {});  // stored meanwhile: the copy is dropped
    batch.staged_puts.emplace_back(io::kSnapshotKey, kSessionSlot);
    save.head.seq = j.seq;
    save.head.text = save.text_key;
    save.head.view = view_prefs();
    batch.puts.emplace_back(io::kHeadKey, io::write_head(save.head));
    // Every record: those it holds, and any a recovery dropped (past j.seq). None newer exists: an
    // edit after the job began its session made it begin again (save.seq == j.seq here).
    batch.delete_ranges.emplace_back(io::journal_key(0), io::journal_key(~0ull >> 1));
    if (!old_text.empty() && old_text != save.text_key && !text_in_use(old_text)) batch.deletes.push_back(old_text);
    const uint64_t ticket = next_ticket++;
    if (save.legacy_present) {
        batch.deletes.emplace_back(io::kLegacySessionKey);  // upgraded: layout 2 holds the same state
        save.legacy_ticket = ticket;
    }
    save.schedule.snapshot_sent(ticket);  // the job began again on any change: no record follows j.seq yet
    save.base_text = save.text_key;
    save.last_write_kind = "snapshot";
    commit(std::move(batch), ticket);
}

// The queue writes the open document before its index names it (queue.cpp).
void AppImpl::autosave_base_now() {
    if (save.schedule.paused() || !save.started) return;
    undo_steps_finish();         // a snapshot of the document with its history as it will be
    (void)editor.take_events();  // the snapshot holds them
    save.schedule.caught_up(autosave_seen());
    write_base();
}

bool AppImpl::text_in_use(const std::string& key) const {
    if (save.head.text == key || save.text_key == key) return true;
    if (save.versions.uses_text(key)) return true;
    return queue.uses_text(key);  // a waiting document of the queue (queue.cpp)
}

// The document about to be replaced (new_document), as a version: another article, a restored
// version or a file's documents can be undone even after a reload. Its text is stored already.
void AppImpl::keep_version_before_replace() {
    const bool skip = save.skip_version;
    save.skip_version = false;
    if (!save.started || skip || !save.schedule.has_snapshot() || save.schedule.paused()) return;
    // The document replaced is not stored whole yet (its snapshot waits or is being written in
    // slices): store it now, so that the version's text is there.
    const bool written = save.schedule.needs_snapshot();
    if (written) write_base();
    // Storage holds it, every change journaled (or in that snapshot): the version is a copy of it.
    if (written || autosave_saw_all())
        copy_saved_version(editor.doc().display_title(40), editor.doc().entities().size());
    else
        save_version(io::write_snapshot(editor), save.text_key, editor.doc().display_title(40),
                     editor.doc().entities().size(), platform.now_local());
}

// The state before a labelling done in slices (bulk.cpp), which the check above would see only
// a slice at a time: the state now, before its first slice.
void AppImpl::keep_version_before_bulk() {
    // Not when this document's text is not stored yet (its first snapshot is under way): the
    // version would name a text storage does not hold.
    if (!save.started || !save.schedule.has_snapshot() || save.schedule.paused() || save.schedule.needs_snapshot() ||
        save.text_key_generation != doc_generation)
        return;
    if (autosave_saw_all())  // every change is journaled: storage holds this state
        copy_saved_version(editor.doc().display_title(40), editor.doc().entities().size());
    else
        save_version(io::write_snapshot(editor), save.text_key, editor.doc().display_title(40),
                     editor.doc().entities().size(), platform.now_local());
    save.schedule.version_kept(platform.now_ms());
}

// The state before this frame's events (a bulk change, or the five-minute version): a copy of
// the editor with them undone, so that the version is the state the user saw just before.
void AppImpl::keep_version_before(const std::vector<HistoryEvent>& events) {
    Editor before = editor;
    before.set_recording(false);
    for (size_t i = events.size(); i-- > 0;) {
        switch (events[i].kind) {
            case HistoryEvent::Kind::Do:
            case HistoryEvent::Kind::Extend:  // a group's later ops: the whole group is undone
            case HistoryEvent::Kind::Redo: (void)before.undo(); break;
            case HistoryEvent::Kind::Undo: (void)before.redo(); break;
            case HistoryEvent::Kind::Discard:        // what it dropped is gone: no version
            case HistoryEvent::Kind::Reset: return;  // nothing before a reset to go back to
        }
        if (events[i].kind == HistoryEvent::Kind::Extend) {
            while (i > 0 && events[i - 1].kind == HistoryEvent::Kind::Extend) --i;
            if (i > 0 && events[i - 1].kind == HistoryEvent::Kind::Do) --i;  // the same group
        }
    }
    save_version(io::write_snapshot(before), save.text_key, before.doc().display_title(40),
                 before.doc().entities().size(), platform.now_local());
}

void AppImpl::save_version(const std::string& session, const std::string& text_key, const std::string& title,
                           size_t entities, const std::string& when) {
    const std::vector<io::VersionEntry> gone_ones = save.versions.add(next_ticket++, when, title, entities, text_key);
    StorageBatch batch;
    batch.puts.emplace_back(save.versions.all().back().key, session);
    drop_versions(gone_ones, batch);
    batch.puts.emplace_back(io::RecentVersions::kIndexKey, save.versions.index_json());
    platform.storage_commit(batch, 0);
}

// The state storage holds as a version, copied there by the storage itself (head, snapshot and
// journal records under the version's prefix): the frame pays for the index, not the document.
// Only when storage holds exactly that state (every change journaled, no snapshot waiting). If a
// write sent before fails, the copy is the last state storage did hold: older, never torn.
void AppImpl::copy_saved_version(const std::string& title, size_t entities) {
    const std::vector<io::VersionEntry> gone_ones =
        save.versions.add(next_ticket++, platform.now_local(), title, entities, save.head.text, true);
    StorageBatch batch;
    batch.copy_saved_to = io::RecentVersions::saved_prefix(save.versions.all().back().key);
    drop_versions(gone_ones, batch);
    batch.puts.emplace_back(io::RecentVersions::kIndexKey, save.versions.index_json());
    platform.storage_commit(batch, 0);
}

// The versions pushed out of the list: their keys (a copy's whole prefix), and their texts when
// nothing else uses them.
void AppImpl::drop_versions(const std::vector<io::VersionEntry>& gone_ones, StorageBatch& batch) {
    for (const io::VersionEntry& gone : gone_ones) {
        batch.deletes.push_back(gone.key);
        if (gone.saved) {
            const std::string prefix = io::RecentVersions::saved_prefix(gone.key);
            batch.delete_ranges.emplace_back(prefix, prefix + "\xEF\xBF\xBF");  // U+FFFF: after every key
        }
        if (!gone.text.empty() && !text_in_use(gone.text) && gone.text != save.head.text)
            batch.deletes.push_back(gone.text);
    }
}

// =====================================================================================
// [SECTION] Storage answers and other tabs
// =====================================================================================

void AppImpl::on_storage_result(uint64_t ticket, bool ok, std::string_view message) {
    const Schedule::Answer a = save.schedule.answered(ticket, ok, platform.now_ms());
    if (a == Schedule::Answer::NotOurs) return;
    if (a == Schedule::Answer::Failed) {
        std::string why(message);
        while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
        save.error = "Autosave failed: " + why + ". Your work is kept in this tab; download it (Ctrl+S).";
        set_status(save.error, true);
        return;
    }
    if (ticket == save.legacy_ticket) save.legacy_present = false;
    if (a == Schedule::Answer::SnapshotStored) save.stored_text = save.base_text;
    if (save.schedule.state() != SaveState::Failed) save.error.clear();
}

void AppImpl::on_storage_read(uint64_t ticket, bool found, std::string_view value) {
    if (ticket == 0) return;
    if (queue_take_read(ticket, found, value)) return;  // the document queue (queue.cpp)
    if (ticket == save.versions_ticket) {
        save.versions_ticket = 0;
        save.versions.read_index(found, value);
        return;
    }
    RestoreRead& r = save.restore;
    if (ticket != r.ticket && ticket != r.text_ticket) return;
    if (ticket == r.ticket) {
        r.ticket = 0;
        r.found = found;
        r.value = std::string(value);
    } else {
        r.text_ticket = 0;
        r.text_found = found;
        r.text = std::string(value);
    }
    if (r.ticket || r.text_ticket) return;  // the other half is still on its way
    if (!r.found || (r.with_text && !r.text_found)) {
        set_status("That version is no longer in this browser's storage", true);
        return;
    }
    auto s = r.with_text ? io::read_session(r.value, r.text) : io::read_session(r.value);
    r.value.clear();
    r.text.clear();
    if (!s.ok()) {
        set_status("Could not read the saved state: " + s.error().summary(), true);
        return;
    }
    // Restoring can be undone: new_document keeps the state replaced as a version.
    if (s->view) apply_view_prefs(*s->view);
    new_document(std::move(s->document));
    editor.set_history(std::move(s->undo), std::move(s->redo));
    autosave_base_now();
    set_status("Restored the version of " + save.restore_when);
}

// A version that is a copy of the autosave: its snapshot, then its journal replayed, as at start-up.
// Restoring can be undone: new_document keeps the state replaced as a version.
void AppImpl::restore_saved_version(io::SavedState saved) {
    if (!saved.head) {
        set_status("That version is no longer in this browser's storage", true);
        return;
    }
    auto s = io::read_saved(saved);
    if (!s.ok()) {
        set_status("Could not read the saved state: " + s.error().summary(), true);
        return;
    }
    // The document and its history only: the view stays the user's (a version written whole has none).
    new_document(std::move(s->session.document));
    editor.set_history(std::move(s->session.undo), std::move(s->session.redo));
    const io::ReplayReport rep = io::replay_journal(editor, s->head.seq, saved.records);
    autosave_base_now();  // the restored state is this tab's snapshot from now on
    std::string msg = "Restored the version of " + save.restore_when;
    if (rep.dropped)
        msg += "; " + plural(rep.dropped, "change", "changes") + " of it could not be read (" + rep.why_dropped + ")";
    set_status(msg, rep.dropped > 0);
}

// "Continue here": the other tab's saved state (snapshot and journal) replaces this tab's.
void AppImpl::on_saved_read(uint64_t ticket, io::SavedState saved) {
    if (ticket != 0 && ticket == save.restore.saved_ticket) {
        save.restore.saved_ticket = 0;
        restore_saved_version(std::move(saved));
        return;
    }
    if (ticket == 0 || ticket != save.takeover_ticket) return;
    save.takeover_ticket = 0;
    const bool found = std::exchange(save.takeover_found, false);
    if (found && (saved.head || saved.session)) {
        if (untouched_since_start()) {
            load_found(saved);
            return;
        }
        // Changed while the autosave was read: paused as for another tab (its banner's "Continue here").
        set_status("Autosave paused: the annotator was opened in another tab", true);
        return;
    }
    if (!saved.head && !saved.session) {  // nothing saved elsewhere: continue with this tab's state
        save.schedule.resume();
        platform.claim_session();
        save.schedule.need_snapshot(false);
        return;
    }
    // Continuing here replaces what this tab changed while paused: keep it as a version first.
    if (save.schedule.needs_snapshot())
        save_version(io::write_session(editor, view_prefs()), "", editor.doc().display_title(40),
                     editor.doc().entities().size(), platform.now_local());
    const io::JournalHead mine = save.head;
    auto msg = restore_saved(saved);
    if (!msg.ok()) {
        save.head = mine;
        set_status("Could not read the saved state: " + msg.error().summary(), true);
        return;
    }
    save.schedule.resume();
    platform.claim_session();
    autosave_base_now();  // this tab's snapshot from now on
    set_status("This tab saves your work again (with the other tab's latest changes)");
}

void AppImpl::on_other_tab() {
    if (save.schedule.paused()) return;
    save.schedule.pause();
    set_status("Autosave paused: the annotator was opened in another tab", true);
}

// Nothing of the document changed since the App started (the view's preferences aside).
bool AppImpl::untouched_since_start() const {
    const io::AutosaveSchedule::Seen now = autosave_seen();
    return save.started && now.revision == save.at_start.revision && now.info == save.at_start.info &&
           now.generation == save.at_start.generation;
}

// Issue 11 item 1: a page without the hint of an autosave starts empty without waiting for IndexedDB;
// the page's first open of the storage then found one (stored by a page older than the hint, by another
// tab meanwhile, or not read at start). Nothing written before it is read; nothing of this tab is lost:
// untouched, it is loaded as at start-up, else this tab pauses as for another tab's work.
void AppImpl::on_saved_found() {
    if (save.schedule.paused() || !untouched_since_start()) {
        on_other_tab();
        return;
    }
    save.schedule.pause();  // nothing written until it is loaded (no banner meanwhile: takeover_found)
    save.takeover_found = true;
    save.takeover_ticket = next_ticket++;
    platform.storage_read_saved(save.takeover_ticket);
}

void AppImpl::load_found(const io::SavedState& saved) {
    auto msg = restore_saved(saved);
    save.schedule.resume();
    if (!msg.ok()) {  // as startup_saved: kept under other keys, the page goes on empty
        if (saved.session) platform.storage_write("session-unreadable", *saved.session, 0);
        if (saved.head) platform.storage_write("autosave-unreadable-head", *saved.head, 0);
        if (saved.snapshot) platform.storage_write("autosave-unreadable-snapshot", *saved.snapshot, 0);
        set_status("Could not restore the last session (" + msg.error().summary() + "); a copy was kept", true);
        return;
    }
    save.schedule.caught_up(autosave_seen());  // what was read is what storage holds
    save.schedule.start(autosave_seen(), platform.now_ms());
    const bool warn = msg->find("dropped") != std::string::npos || msg->find(';') != std::string::npos;
    set_status(*msg, warn);
}

void AppImpl::request_restore(const std::string& key, const std::string& when) {
    save.restore_when = when;
    RestoreRead& r = save.restore;
    r = RestoreRead{};
    if (const io::VersionEntry* v = save.versions.find(key); v && v->saved) {
        r.saved_ticket = next_ticket++;  // a copy of the autosave: read as the autosave is at start-up
        platform.storage_read_saved(r.saved_ticket, io::RecentVersions::saved_prefix(key));
        return;
    }
    r.ticket = next_ticket++;
    platform.storage_read(key, r.ticket);
    if (const io::VersionEntry* v = save.versions.find(key); v && !v->text.empty()) {
        r.with_text = true;  // a snapshot: its text is under its own key
        r.text_ticket = next_ticket++;
        platform.storage_read(v->text, r.text_ticket);
    }
}
// =====================================================================================
// [SECTION] Recent versions menu, paused banner
// =====================================================================================

void AppImpl::draw_versions_menu() {
    if (!begin_menu("Recent versions", !save.versions.empty())) return;
    for (size_t i = save.versions.all().size(); i-- > 0;) {
        const io::VersionEntry& v = save.versions.all()[i];
        std::string label = "Restore the version of " + v.when + " - " + std::to_string(v.entities) + " entities";
        if (!v.title.empty()) label += " - " + v.title;
        label += "##" + v.key;
        if (ui_menu_item(label)) {
            std::string key = v.key, when = v.when;
            confirm_replace("Restore the version of " + when + "? The current state is kept as a version too.",
                            [this, key, when] { request_restore(key, when); });
        }
    }
    end_menu();
}

void AppImpl::draw_paused_banner(float width) {
    if (!save.schedule.paused() || save.takeover_found) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imu32(theme().banner_bg));
    ImGui::BeginChild("##paused", ImVec2(width, ImGui::GetFrameHeightWithSpacing() + 8), false);
    ImGui::SetCursorPos(ImVec2(10, 4));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(
        "This annotator is open in another tab, which now saves the work. Changes here are not saved.");
    ImGui::SameLine();
    if (ImGui::Button("Continue here")) {
        // Load what the other tab saved, then save from here: nothing of either tab is lost.
        save.takeover_ticket = next_ticket++;
        platform.storage_read_saved(save.takeover_ticket);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace aa::ui
