// Labelling that does not fit in a frame (every hit of a find, propagation to thousands of
// repeats): the spans are added a few milliseconds per frame inside one open history group, under
// a progress bar with Cancel. Done, it is one undo step; cancelled, the part already added is
// undone and forgotten, so the document and its history are as before (Redo offers nothing back).
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <set>
#include <utility>

#include "ui/app_impl.hpp"

namespace aa::ui {

namespace {
// A slice labels until the frame has taken kBulkFrameMs since it began (its drawing), with what the
// last labelling frame ran after its slice (the slice's journal record, the screen reader's mirror:
// they grow with the slice) counted in, kBulkSliceMs at most, one step at least: a frame the machine
// slowed adds one step. The frame the labelling begins in (the key's work, the version kept, the
// progress bar's first mirror) adds none, and the first slice, with nothing measured after a slice
// yet, counts kBulkFirstAfterMs for it.
constexpr double kBulkSliceMs = 4;
constexpr double kBulkFrameMs = 6;
constexpr double kBulkFirstAfterMs = 3;
constexpr size_t kBulkStepSpans = 64;  // spans added between two looks at the clock
}  // namespace

// Labels `spans` with `label` as one undo step: at once when few, else in slices (bulk_tick).
// `done` makes the status message from the number added. Errors change nothing.
Result<size_t> AppImpl::label_spans(std::vector<Span> spans, const std::string& label, std::string name,
                                    std::function<std::string(size_t)> done) {
    if (bulk.active) return make_error("wait for the labelling under way to end, or cancel it");
    if (undo_job.active) return make_error("wait for the undo or redo under way to end, or cancel it");
    if (spans.size() < kBulkAtOnce) {
        auto r = label_all(editor, spans, label, std::move(name));
        if (r.ok()) set_status(done(*r));
        return r;
    }
    const Document& doc = editor.doc();
    if (!doc.labels().find(label)) return make_error("unknown label \"" + label + "\"");
    for (const Span& s : spans)
        if (Status st = doc.check_span(s.start, s.end); !st) return st.error();
    // The state before, as a version (a bulk change): the autosave's own check sees only slices.
    keep_version_before_bulk();
    bulk = BulkJob{};
    bulk.active = true;
    bulk.spans = std::move(spans);
    bulk.label = label;
    bulk.done = std::move(done);
    bulk.generation = doc_generation;
    // after_ms not measured yet: this frame adds no span (bulk_tick). The group has room for every
    // span's op, so that none of them moves in a slice.
    bulk.after_ms = -1;
    editor.begin_group(std::move(name), bulk.spans.size());
    bulk_popup.open_request = true;
    // The popup is modal (other edits wait for the labelling, which holds the history's group open)
    // and takes the keys: typing in the find bar goes on there once it closes.
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    bulk_refocus_find =
        find.open && find.field_id != 0 && (g.ActiveId == find.field_id || g.ActiveIdPreviousFrame == find.field_id);
    return size_t{0};
}

// One slice of the labelling under way, from the frame (before the autosave, which then journals
// the slice's ops as the group's records).
void AppImpl::bulk_tick() {
    undo_steps_tick();  // or of an undo (redo) of a big command
    if (!bulk.active) return;
    if (bulk.generation != doc_generation) {  // another document was opened meanwhile
        editor.end_group();
        bulk = BulkJob{};
        set_status("The labelling stopped: another document was opened", true);
        return;
    }
    if (bulk.after_ms < 0) {  // the frame the labelling began in: its first slice comes in the next
        bulk.after_ms = kBulkFirstAfterMs;
        return;
    }
    const double t0 = platform.now_ms();
    const double slice = std::clamp(kBulkFrameMs - (t0 - frame_start_ms) - bulk.after_ms, 0.0, kBulkSliceMs);
    const Document& doc = editor.doc();
    std::set<std::pair<size_t, size_t>>& seen = bulk.seen;
    std::vector<std::pair<size_t, size_t>> step;
    while (bulk.next < bulk.spans.size()) {
        const size_t end = std::min(bulk.spans.size(), bulk.next + kBulkStepSpans);
        step.clear();
        for (; bulk.next < end; ++bulk.next) {
            const Span& s = bulk.spans[bulk.next];
            if (seen.insert({s.start, s.end}).second && !doc.entities().contains_span(s.start, s.end, bulk.label))
                step.emplace_back(s.start, s.end);
        }
        // Spans checked at the start, one command of the group (which blocks other edits meanwhile).
        if (auto r = editor.add_entities(step, bulk.label); r.ok()) bulk.added += *r;
        if (platform.now_ms() - t0 >= slice) break;
    }
    if (bulk.next < bulk.spans.size()) {
        bulk.slice_end_ms = platform.now_ms();
        return;
    }
    editor.end_group();
    const size_t added = bulk.added;
    auto done = std::move(bulk.done);
    bulk = BulkJob{};
    bulk_ended = true;
    set_status(done(added));
}

void AppImpl::bulk_frame_end() {
    if (undo_job.active && undo_job.slice_end_ms >= 0) {
        undo_job.after_ms = std::max(0.0, platform.now_ms() - undo_job.slice_end_ms);
        undo_job.slice_end_ms = -1;
    }
    if (!bulk.active || bulk.slice_end_ms < 0) return;
    bulk.after_ms = std::max(0.0, platform.now_ms() - bulk.slice_end_ms);
    bulk.slice_end_ms = -1;
}

// Ctrl+Z (Ctrl+Y) of a big command: in slices from the next frame (this one has the key's work and
// the version of the state before, as a labelling's first frame has), under a progress bar.
bool AppImpl::begin_undo_steps(bool redo) {
    const std::vector<Command>& stack = redo ? editor.redo_stack() : editor.undo_stack();
    if (stack.empty() || stack.back().ops.size() < kUndoAtOnce || undo_job.active) return false;
    const std::string name = stack.back().name;
    if (!editor.begin_steps(redo)) return false;
    keep_version_before_bulk();  // the state before, which the autosave's own check would see only after
    undo_job = UndoJob{.active = true, .redo = redo, .name = name, .slice_end_ms = -1, .after_ms = -1};
    undo_popup.open_request = true;
    undo_title = redo ? "Redoing" : "Undoing";
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    undo_refocus_find = find.open && find.field_id != 0 &&
                        (find.focus_field || g.ActiveId == find.field_id || g.ActiveIdPreviousFrame == find.field_id);
    return true;
}

// A slice of the undo (redo) under way, before the autosave: the last one moves the history and
// records the event, which the autosave then journals (one record, as for an undo at once).
void AppImpl::undo_steps_tick() {
    if (!undo_job.active) return;
    if (!editor.stepping()) {  // the history was replaced meanwhile (a restore, a reset)
        undo_job = UndoJob{};
        return;
    }
    if (undo_job.after_ms < 0) {  // the key's frame: its first slice comes in the next
        undo_job.after_ms = kBulkFirstAfterMs;
        return;
    }
    const double t0 = platform.now_ms();
    const double slice = std::clamp(kBulkFrameMs - (t0 - frame_start_ms) - undo_job.after_ms, 0.0, kBulkSliceMs);
    Result<bool> done = false;
    do {
        done = editor.step(kBulkStepSpans);
    } while (done.ok() && !*done && platform.now_ms() - t0 < slice);
    if (done.ok() && !*done) {
        undo_job.slice_end_ms = platform.now_ms();
        return;
    }
    const UndoJob job = std::exchange(undo_job, UndoJob{});
    bulk_ended = true;  // this frame's autosave journals the event and keeps no second version
    if (!done.ok())
        set_status("Could not " + std::string(job.redo ? "redo" : "undo") + ": " + done.error().message, true);
    else
        set_status((job.redo ? "Redid: " : "Undid: ") + job.name);
}

void AppImpl::undo_steps_finish() {
    if (!undo_job.active) return;
    const UndoJob job = std::exchange(undo_job, UndoJob{});
    const bool was = editor.stepping();
    editor.finish_steps();
    if (was && !editor.stepping()) set_status((job.redo ? "Redid: " : "Undid: ") + job.name);
}

void AppImpl::draw_undo_progress() {
    std::optional<ProgressNow> now;
    if (undo_job.active && editor.stepping()) {
        const size_t total = editor.steps_total(), done = editor.steps_done();
        const std::string of = std::to_string(done) + " of " + std::to_string(total);
        now = ProgressNow{.text = (undo_job.redo ? "Redoing " : "Undoing ") + of + " changes: " + undo_job.name,
                          .fraction = total == 0 ? 1.0f : static_cast<float>(done) / static_cast<float>(total),
                          .value = of};
    }
    const ProgressModalEnd end = progress_modal(undo_title, "undo", undo_popup, now);
    if (end == ProgressModalEnd::Cancelled && undo_job.active) {
        const UndoJob job = std::exchange(undo_job, UndoJob{});
        editor.cancel_steps();
        // The document is as storage holds it (the autosave waited): nothing to write for it.
        save.schedule.caught_up(autosave_seen());
        set_status(std::string("Cancelled: the ") + (job.redo ? "redo" : "undo") + " of " + job.name + " was not done");
    }
    if (end == ProgressModalEnd::Closed || end == ProgressModalEnd::Cancelled) {
        if (undo_refocus_find && find.open) find.focus_field = true;
        undo_refocus_find = false;
    }
}

void AppImpl::bulk_cancel() {
    if (!bulk.active) return;
    editor.end_group();
    const size_t added = bulk.added;
    if (added > 0) (void)editor.undo_discard();  // the part added: the document and history as before
    bulk = BulkJob{};
    bulk_ended = true;
    set_status("Cancelled: nothing was labelled" +
               std::string(added > 0 ? " (the " + std::to_string(added) + " added were undone)" : ""));
}

// The progress bar with Cancel (Escape), modal: other edits wait for the labelling to end. Closed,
// it gives the keys back to the find bar if that had them when the labelling began.
void AppImpl::draw_bulk_progress() {
    std::optional<ProgressNow> now;
    if (bulk.active) {
        const std::string of = std::to_string(bulk.next) + " of " + std::to_string(bulk.spans.size());
        now = ProgressNow{.text = "Labelling " + of + " as " + bulk.label,
                          .fraction = bulk.spans.empty()
                                          ? 1.0f
                                          : static_cast<float>(bulk.next) / static_cast<float>(bulk.spans.size()),
                          .value = of};
    }
    const ProgressModalEnd end = progress_modal("Labelling", "bulk", bulk_popup, now);
    if (end == ProgressModalEnd::Cancelled) bulk_cancel();
    if (end == ProgressModalEnd::Closed || end == ProgressModalEnd::Cancelled) {
        if (bulk_refocus_find && find.open) find.focus_field = true;
        bulk_refocus_find = false;
    }
}

}  // namespace aa::ui
