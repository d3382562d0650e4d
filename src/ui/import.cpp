// An import that does not fit in a frame (issue 11: a 10 MB native file): read a slice per frame by
// io::NativeReadRun under a progress bar with Cancel (Escape), into a document of its own; the open
// document is not touched until the read ends, then the new one replaces it as any import does and
// is drawn a part of the view per frame from the top, under the dialog at 100% (import_reveal_end
// closes it). Cancelled, or failed, nothing changes. Other formats, and smaller files, are read at once.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "io/native_read_run.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

namespace {
// A slice reads until the frame has taken kImportFrameMs since it began, kImportSliceMs at most, one
// step at least: a frame already long (the machine slowed it, or it drew much) reads one step.
constexpr double kImportSliceMs = 8;
constexpr double kImportFrameMs = 10;
constexpr size_t kImportStepBytes = 16 * 1024;  // read between two looks at the clock (~2 ms of entities)
}  // namespace

// Opens a file's content as an annotation file of `format`; errors go to the status line after
// `error_prefix`. A native file of kImportAtOnce bytes or more is read in slices (import_tick). The
// callers (a file, a paste) checked the size already.
void AppImpl::open_import(std::string format, std::string content, std::string name, std::string error_prefix) {
    if (format != "native" || content.size() < kImportAtOnce) {
        if (Status s = import_from(format, content, name); !s) set_status(error_prefix + s.error().summary(), true);
        return;
    }
    io::ReadOptions opt;
    opt.source_name = name;
    import_job = ImportJob{};
    import_job.run = std::make_shared<io::NativeReadRun>(std::move(content), std::move(opt));
    import_job.name = std::move(name);
    import_job.error_prefix = std::move(error_prefix);
    import_job.generation = doc_generation;
    import_popup.open_request = true;
}

// One slice of the import under way, from the frame.
void AppImpl::import_tick() {
    if (!import_busy()) return;
    if (import_job.generation != doc_generation) {
        if (import_job.reveal) {  // another document opened while this one was shown: nothing left to do
            import_job = ImportJob{};
            return;
        }
        const std::string name = import_job.name;  // another document was opened meanwhile (a script)
        import_job = ImportJob{};
        set_status("The import of " + (name.empty() ? std::string("the file") : name) +
                       " stopped: another document was opened",
                   true);
        return;
    }
    if (import_job.reveal) {  // this frame drew the view down to `reveal`: a part more, or all of it
        if (*import_job.reveal >= article_area.y) return import_reveal_end();
        import_job.reveal = *import_job.reveal + reveal_part();
        return;
    }
    io::NativeReadRun& run = *import_job.run;
    if (!import_job.read) {
        // No step begun that would end past the slice: a step may take longer than the others (the
        // entities' parse, their insertion), so the longest one of this slice is counted ahead.
        const double t0 = platform.now_ms();
        const double slice = std::clamp(kImportFrameMs - (t0 - frame_start_ms), 0.0, kImportSliceMs);
        double now = t0, longest = 0;
        do {
            import_job.read = run.step(kImportStepBytes);
            const double t = platform.now_ms();
            longest = std::max(longest, t - now);
            now = t;
        } while (!import_job.read && now - t0 + longest <= slice);
        // Read whole: the document replaces the open one in the next frame. A frame holds a slice
        // of the read or the replacement, never both (the frame after draws the new document).
        return;
    }
    io::ReadResult r = std::move(run.result());
    ImportJob job = std::move(import_job);
    import_job = ImportJob{};
    job.run.reset();  // the file and the reader's tables given back before the document replaces the open one
    const bool single = r.ok() && r.documents.size() == 1;
    std::string message;
    if (Status s = apply_import(std::move(r), job.name, single ? &message : nullptr); !s) {
        set_status(job.error_prefix + s.error().summary(), true);
        return;
    }
    if (!single) return;  // a queue: its first document is shown as any other
    // This frame drew the old document and replaced it (a cheap move); the next ones draw the new one
    // a part at a time from the top, under the dialog: the top part's layout is done here, the rest's
    // as it is drawn.
    import_job.name = std::move(job.name);
    import_job.generation = doc_generation;
    import_job.message = std::move(message);
    import_job.reveal = reveal_part();
    layout_ahead(*import_job.reveal);
}

float AppImpl::reveal_part() const { return std::max(1.0f, std::ceil(article_area.y / kRevealParts)); }

// The new document drawn whole: the dialog closes and the status says what was imported.
void AppImpl::import_reveal_end() {
    std::string message = std::move(import_job.message);
    import_job = ImportJob{};
    set_status(std::move(message));
}

void AppImpl::import_cancel() {
    if (import_job.reveal) return import_reveal_end();  // too late: the document is in, now shown whole
    if (!import_job.run) return;
    const std::string name = import_job.name;
    import_job = ImportJob{};
    set_status("Import cancelled: nothing changed" + (name.empty() ? std::string() : " (" + name + " was not opened)"));
}

// The progress bar with Cancel (Escape), modal: the document cannot change while it is read.
void AppImpl::draw_import_progress() {
    std::optional<ProgressNow> now;
    if (import_job.reveal) {
        now = ProgressNow{.text = "Showing " + (import_job.name.empty() ? std::string("the file") : import_job.name),
                          .fraction = 1.0f,
                          .value = "100%"};
    } else if (import_job.run) {
        const io::NativeReadRun& run = *import_job.run;
        const size_t mb = (run.input_size() + 512 * 1024) / (1024 * 1024);
        now = ProgressNow{
            .text = "Reading " + (import_job.name.empty() ? std::string("the file") : import_job.name) + " (" +
                    (mb ? std::to_string(mb) + " MB" : std::to_string(run.input_size() / 1024) + " KB") + ")",
            .fraction = static_cast<float>(run.progress()),
            .value = std::to_string(static_cast<int>(run.progress() * 100)) + "%"};
    }
    if (progress_modal("Importing", "import", import_popup, now) == ProgressModalEnd::Cancelled) import_cancel();
}

}  // namespace aa::ui
