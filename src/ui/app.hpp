// App: the annotator's user interface (Dear ImGui), over one Editor. The host (platform layer)
// owns the window and the renderer and calls, per frame:
//     if (app.fonts_dirty()) { app.build_fonts(); <re-upload the font texture> }
//     <backend NewFrame>; ImGui::NewFrame(); app.frame(); ImGui::Render(); <backend draw>
// and forwards events (paste, files, storage results) and scripting calls to it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor.hpp"
#include "core/result.hpp"
#include "io/autosave_schedule.hpp"
#include "ui/platform.hpp"

namespace aa::ui {

struct Rect {
    float x = 0, y = 0, width = 0, height = 0;  // in ImGui display coordinates (CSS pixels on the web)
    bool rtl = false;                           // caret_rect: the cluster is in a right-to-left run
};

// Where the article's text column was drawn in the last frame (tests draw the DOM beside it).
struct ArticleColumn {
    float x = 0, width = 0;  // left edge and wrap width of the text, display coordinates
    float text_size = 0;     // the text's font size
    float row_height = 0;    // one visual line (a line with relation arcs is taller by its arc band)
    float text_top = 0;      // from a row's top to the top of its text's line box (plus the arc band there)
    float scroll_y = 0;      // how far the article is scrolled down (a swipe's or the wheel's effect)
    float view_height = 0;   // the article's visible height
};

struct FrameStats {
    double last_ms = 0;    // CPU time of the last frame (NewFrame to Render), measured by the host
    double median_ms = 0;  // over the last 600 frames
    double p99_ms = 0;
    uint64_t frames = 0;
    // The last autosave write: its CPU time on the main thread (encoding and handing it to
    // storage, inside its frame), its bytes, and what it was ("records", "snapshot" or "view").
    // A snapshot is written in slices over several frames: save_ms is its longest slice (the
    // most it added to one frame), save_slices how many frames it took.
    double save_ms = 0;
    size_t save_bytes = 0;
    std::string save_kind;
    size_t save_slices = 0;
};

using SaveState = io::SaveState;  // saved, saving, failed, off (io/autosave_schedule.hpp)
enum class Action;                // a keyboard shortcut's action (ui/shortcuts.hpp)

class AppImpl;

class App {
public:
    explicit App(Platform& platform);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Fonts: the UI font is a TTF file (DejaVu Sans subset, embedded in the page). The atlas is
    // rasterised at size * pixel ratio so that text stays crisp on high-DPI screens.
    void set_font_file(std::string path);
    void set_pixel_ratio(float ratio);
    bool fonts_dirty() const;
    // Work waits that is done a slice per frame (a snapshot of the autosave, a labelling, a search):
    // the host should draw frames even when nothing else happens.
    bool busy() const;
    // The browser prefers dark colours (prefers-color-scheme): the theme follows it unless View > Theme
    // chose light or dark.
    void set_system_dark(bool dark);
    // The browser prefers more contrast (prefers-contrast: more): the high-contrast theme, unless
    // View > Theme chose another.
    void set_system_contrast(bool more);
    // The browser asks for less motion (prefers-reduced-motion: reduce): nothing blinks or glides
    // (the text fields' caret stays still; the page's touch scrolling stops with the finger).
    void set_reduced_motion(bool reduce);
    void build_fonts();  // rebuilds ImGui's font atlas (the host then re-uploads the texture)
    // The UI's zoom (View > Zoom, Ctrl+=, a pinch on a touch screen): 0.6 to 2.5, remembered.
    float zoom() const;
    void set_zoom(float z);

    // Touch screens (platform/web/pre.js turns fingers into these): a long press is about to press
    // the left button where the finger is (on an entity: its menu opens instead of a selection); the
    // selection handle under (x, y), -1 its start, +1 its end, 0 none (a finger there drags it).
    void on_touch_long_press();
    // A swipe moved the finger by dy CSS px at (x, y): the article follows it exactly (so do the
    // inertia's steps); any other window scrolls as by the mouse wheel.
    void touch_scroll(float x, float y, float dy);
    int touch_handle_at(float x, float y) const;

    // Restores the autosaved session (or starts empty when nullopt / unreadable: then the
    // status bar says why, and the unreadable data is kept under another key).
    void startup(std::optional<std::string> saved_session);  // layout 1 (a whole session)
    void startup(io::SavedState saved);                      // the snapshot and the journal, as Platform reads them

    // Draws one frame; call between ImGui::NewFrame() and ImGui::Render().
    void frame();
    // The screen-reader description (Platform::accessibility_changed) is brought up to date at the end
    // of each frame; a frame that changed nothing it tells builds nothing. With `on` (the page's host),
    // a frame that finds a new document to describe leaves that description to the host: the first
    // frame (none described yet) and a frame after the document was replaced (a dropped file read
    // whole, a paste, another document of the queue), whose paragraphs, tables and labels took 10-20 ms
    // of the page's first frame and 5 ms of a 1 MB replacing one (issue 11). accessibility_left() then
    // says so, and the host calls describe_left_accessibility() in a task right after the frame, so that
    // the frame is painted first. Whichever comes first, that task or the next frame, describes the
    // document; the other does nothing (describe_left_accessibility() returns false): once per change,
    // and the screen reader never more than a frame behind.
    void accessibility_after_frame(bool on);
    bool accessibility_left() const;
    bool describe_left_accessibility();
    void record_frame_time(double ms);

    // ---- Events from the host ----
    void on_paste(std::string_view utf8);
    // The host could not read the clipboard for the Paste button (permission denied, unsupported).
    void on_paste_failed(std::string_view why);
    // The host's element over the text field `field` (Platform::show_text_field) now holds `utf8`,
    // selected from code point sel_start to sel_end: the field takes it in the next frame. Ignored
    // when that field no longer has the keyboard.
    void on_text_field_input(uint32_t field, std::string_view utf8, size_t sel_start, size_t sel_end);
    // Files arrive for a request: the id the App gave Platform::open_file_dialog (what the chooser
    // was opened for: an article, a gazetteer or rules file, another annotator's file), or
    // kDroppedFiles for files dropped or pasted (opened as articles). A file is routed by its own
    // request, never by what was asked last, and one whose chooser was cancelled is ignored (said
    // in the status). The host calls begin with their number, on_file for each, then end; two or
    // more articles opened together become the document queue.
    static constexpr uint64_t kDroppedFiles = 0;
    void on_files_begin(uint64_t request, size_t count);
    void on_file(uint64_t request, std::string_view name, std::string_view bytes);
    // The same for bytes the App may keep without copying them (the page writes a file straight
    // into a string of its own: a 10 MB import then has one copy in memory, not two).
    void on_file_owned(uint64_t request, std::string_view name, std::string bytes);
    void on_files_end(uint64_t request);
    // A file dropped or pasted on its own (on_file with kDroppedFiles).
    void on_file(std::string_view name, std::string_view bytes) { on_file(kDroppedFiles, name, bytes); }
    // The chooser of `request` was closed without a file: the request ends, nothing is loaded.
    void on_file_dialog_cancelled(uint64_t request);
    void on_storage_result(uint64_t ticket, bool ok, std::string_view message);
    void on_storage_read(uint64_t ticket, bool found, std::string_view value);
    // The answer to Platform::regex_find (the find bar's pattern or a suggestion rule).
    void on_regex_result(uint64_t ticket, RegexResult result);
    void on_saved_read(uint64_t ticket, io::SavedState saved);
    // A message of the team project's sync script (io/team_page.hpp): signed in, sync state, the
    // project's queue, an article's documents, a conflict.
    void on_team_event(std::string_view json);
    // The team project's sync state as the status bar shows it ("" when no project is open).
    std::string team_sync_text() const;
    // What the Team tab shows, as JSON (window.annotator.team()): user, roles, sync, the open
    // article and target document, its status, the articles with each annotator's status, my
    // progress and the team's, an unmergeable conflict; null ("") when no project is open.
    std::string team_summary_json() const;
    // Another tab of the page claimed the session: pause autosave here (see Platform::claim_session).
    void on_other_tab();
    // The page started without the autosave (its hint was missing: a first visit, or an autosave
    // stored by a page older than the hint; or its read failed) and then found one stored: loaded as
    // at start-up when nothing was changed here since, else as another tab's work (on_other_tab).
    void on_saved_found();
    // The page is being hidden or unloaded: write any unsaved change now, without the usual delay.
    void flush_autosave();

    // ---- Scripting (window.annotator); offsets in code points ----
    Status set_text(std::string_view utf8);
    Editor& editor();
    const Editor& editor() const;
    Result<std::string> export_as(std::string_view format) const;
    void download_as(std::string_view format);  // as File > Export as: the download(s) and the status
    // What the last export_as could not hold in its format (e.g. notes in CoNLL), one message each.
    const std::vector<std::string>& export_warnings() const;
    Status import_from(std::string_view format, std::string_view content, std::string_view name = {});
    // The import read in slices under way: how far its read is (0 to 1; 1 once read whole, until the
    // new document is shown whole); none when no import runs.
    std::optional<double> import_progress() const;
    // The open document's paragraphs laid out exactly so far (0 while the layout is another document's).
    size_t paragraphs_laid_out() const;
    std::optional<Rect> caret_rect(size_t cp) const;  // the grapheme cluster's box, last frame's layout
    // The boxes the entity `id` was drawn as in the last frame, left to right and top to bottom (one
    // per line and direction change it crosses); empty when it was not on screen.
    std::vector<Rect> highlight_rects(std::string_view id) const;
    std::optional<ArticleColumn> article_column() const;
    // A named widget's box in the last frame ("queue.next", "queue.row.2", "agree.curate", ...;
    // see queue.cpp and agreement_view.cpp), for tests that click it.
    std::optional<Rect> widget_rect(std::string_view name) const;
    // Every action (ui/shortcuts.hpp) a key reached since the last call, in order, acted or not.
    std::vector<Action> take_shortcut_trace();
    FrameStats frame_stats() const;
    // Recent versions (File > Recent versions): oldest first; restoring is asynchronous and keeps
    // the current state as a version too.
    struct VersionInfo {
        std::string key, when, title;
        size_t entities = 0;
    };
    std::vector<VersionInfo> versions() const;
    void restore_version(std::string_view key);
    SaveState save_state() const;
    std::string status_message() const;
    // Every status message of this page so far, oldest first (View > Message log).
    std::vector<std::string> message_log() const;

private:
    std::unique_ptr<AppImpl> impl_;
};

}  // namespace aa::ui
