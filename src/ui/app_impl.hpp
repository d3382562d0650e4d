// AppImpl: the state behind aa::ui::App, shared by the files that draw its parts:
//   app.cpp           public forwarding, fonts, style, the frame and the status bar
//   documents.cpp     set text, import, export, download; pasted and opened files; size limits
//   autosave.cpp      startup, autosave, recent versions, another tab taking over
//   menus.cpp         the main menu bar and the keyboard shortcuts window
//   shortcuts.cpp     the keyboard shortcut table's handler and actions (ui/shortcuts.hpp)
//   article_view.cpp  the article: layout, highlights, selection, mouse and keyboard editing
//   panels.cpp        side panels: entity details, labels, entities table; dialogs
//   find.cpp          the find bar (plain and RegExp), label every hit, propagation, their keys
//   suggest_view.cpp  pre-annotation: gazetteers, rules, names; suggestions drawn and accepted
//   details.cpp       the selected entity's knowledge-base id and attributes
//   queue.cpp         the document queue: many articles, statuses, next/previous, export all
//   team.cpp          team projects: sign-in, the project's queue, sync state, comparison, gold
//   team_files.cpp    team projects: the corpus exported as a zip, files imported into it
//   agreement_view.cpp  comparison with another annotator: differences, scores, curation
//   accessibility.cpp   the description of the visible document for screen readers (accessibility.hpp)
//   menu_mirror.cpp     menus and menu items drawn through wrappers that describe them for screen readers
//   dialog_mirror.cpp   modal dialogs and the relation picker drawn through wrappers that describe them
//   keyboard.cpp        keyboard-only use: the caret, Shift selection, F6 regions, the focus ring
//   relations_view.cpp  relation arcs in the article (arc_layout.hpp); making, selecting, editing relations
//   relations_panel.cpp the Relations table, relation types, document labels, show / hide / lock, guidelines
// Document edits go through `editor` (undoable); everything else here is view state.
#pragma once
#include <cfloat>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/agreement.hpp"
#include "core/editor.hpp"
#include "core/search.hpp"
#include "core/suggest.hpp"
#include "io/autosave_schedule.hpp"
#include "io/document_queue.hpp"
#include "io/journal.hpp"
#include "io/native_read_run.hpp"
#include "io/page_state.hpp"
#include "io/recent_versions.hpp"
#include "io/team.hpp"
#include "io/team_page.hpp"
#include "ui/accessibility.hpp"
#include "ui/app.hpp"
#include "ui/arc_layout.hpp"
#include "ui/article_layout.hpp"
#include "ui/shortcuts.hpp"
#include "ui/text_renderer.hpp"

struct ImFont;
struct ImVec2;
struct ImDrawList;
struct ImGuiWindow;

namespace aa::ui {

// The view preferences are a persisted schema (io/page_state.hpp); `suggest` is filled on save.
using ViewPrefs = io::ViewPrefs;

// Per visible line, the drawn boxes of entity segments (for hit-testing and outlines). An entity
// that crosses a direction change has several boxes on one line, as a browser's selection does.
struct SegmentBox {
    Slot slot;
    float x0, x1, y0, y1;   // screen coordinates of the highlight (text box)
    int level;              // 0 = filled; >= 1 = underline bar
    bool is_start, is_end;  // the entity's start / end edge is on this box
    float start_x, end_x;   // screen x of those edges (the right side of a box in right-to-left text)
};

// [SECTION] index: AppImpl's members come in one section a file, each opened by a line
// `// ---- file.cpp: ... ----` (the files listed at the top, then theme.cpp and touch.cpp).
class AppImpl {
public:
    explicit AppImpl(Platform& p);

    // ---- app.cpp, documents.cpp, autosave.cpp, menus.cpp, shortcuts.cpp ----
    void build_fonts();
    void startup(std::optional<std::string> saved);
    void frame();
    void on_paste(std::string_view utf8);
    // ---- documents.cpp: files routed by the request they answer (App::on_file) ----
    enum class FileRequest { Open, Suggest, Agreement };
    std::map<uint64_t, FileRequest> file_requests;                  // choosers opened and not answered yet
    uint64_t next_file_request = 1;                                 // 0 is App::kDroppedFiles
    void request_files(FileRequest kind, std::string_view accept);  // opens the chooser
    void on_file(uint64_t request, std::string_view name, std::string bytes);
    void on_file_dialog_cancelled(uint64_t request);
    void on_storage_result(uint64_t ticket, bool ok, std::string_view message);
    Status set_text(std::string_view utf8, std::string_view source = {});
    Status import_from(std::string_view format, std::string_view content, std::string_view name);
    // The part of an import after the read: the document (or the queue) replaces the open one.
    // `message`: the status it would set ("Imported ...") is given there instead (a multi-document
    // file sets the queue's own).
    Status apply_import(io::ReadResult r, std::string_view name, std::string* message = nullptr);
    // ---- progress_modal.cpp: the modal progress bar of a job done a slice per frame ----
    struct ProgressPopup {
        bool open_request = false;  // set when the job starts: the popup opens in the next frame drawn
        bool shown = false;         // the popup is open (closed the frame after the job ends)
    };
    struct ProgressNow {     // the job's progress this frame
        std::string text;    // the line above the bar
        float fraction = 0;  // of the bar
        std::string value;   // the progressbar control's value, for screen readers
    };
    enum class ProgressModalEnd { Hidden, Shown, Closed, Cancelled };  // Cancelled: closed by Cancel or Escape
    ProgressModalEnd progress_modal(const char* title, const char* widget, ProgressPopup& state,
                                    const std::optional<ProgressNow>& now);
    // An import that may not fit in a frame (import.cpp): a native file of kImportAtOnce bytes or
    // more is read a slice per frame under a progress bar with Cancel, then swapped in.
    static constexpr size_t kImportAtOnce = 512 * 1024;
    struct ImportJob {
        std::shared_ptr<io::NativeReadRun> run;  // shared: the job is moved out before it is applied
        std::string name, error_prefix;
        uint64_t generation = 0;  // the document open when it began (another one opened stops it)
        bool read = false;        // read whole: it replaces the document in the next frame, one of its own
        // Replaced: the new document is shown in parts, the article's view drawn down to `reveal`
        // (px below its top), a part more each frame, under the dialog at 100%; the status says
        // `message` ("Imported ...") once a frame drew the whole view (issue 11: the first draw of a
        // 1 MB file, its runs rasterised, its boxes and arcs, was the import's longest frame).
        std::optional<float> reveal;
        std::string message;
    } import_job;
    static constexpr int kRevealParts = 3;  // the view shown in this many frames after the replacement
    bool import_busy() const { return import_job.run || import_job.reveal; }
    float reveal_part() const;  // the height of a part (px)
    void import_reveal_end();
    ProgressPopup import_popup;  // its progress bar (progress_modal)
    void open_import(std::string format, std::string content, std::string name, std::string error_prefix);
    void import_tick();
    void import_cancel();
    void draw_import_progress();
    Result<std::string> export_as(std::string_view format) const;
    mutable std::vector<std::string> export_warnings;  // of the last export_as
    void download(std::string_view format);
    void open_files();                // the file chooser (Ctrl+O, File > Open, the Documents tab)
    void new_document(Document doc);  // replaces the document (not undoable): resets view state
    // Asks before replacing a document with entities (the choice runs `action`).
    void confirm_replace(std::string what, std::function<void()> action);
    void set_status(std::string msg, bool error = false);
    void log_message(const std::string& msg, bool error);  // the message log only (View > Message log)
    void autosave_tick(bool flush = false);                // flush: write now, the page is going away
    io::ViewPrefs view_prefs() const;                      // what the session saves (prefs and the Suggest setup)
    void apply_view_prefs(const io::ViewPrefs& view);
    // ---- shortcuts.cpp: the table's handler (ui/shortcuts.hpp) ----
    void handle_shortcuts();        // once a frame, after drawing
    unsigned key_contexts() const;  // the Context bits that hold in this frame
    bool shortcut_pressed(const Shortcut& s) const;
    const Label* pressed_label() const;                   // the label whose key was pressed, if any
    bool letter_free(char key) const;                     // no label is bound to this letter
    bool run_shortcut(Action action, unsigned contexts);  // false: not now (the key goes on)
    bool run_find_shortcut(Action action, unsigned contexts);
    bool run_page_shortcut(Action action);
    bool run_document_shortcut(Action action);
    bool run_entity_shortcut(Action action);
    std::vector<Action> shortcut_trace;  // every action a key reached (App::take_shortcut_trace)
    void undo_with_status();             // "Undid: Add PER ..." in the status bar
    void redo_with_status();
    void delete_selected_entity();  // with its status message
    void draw_menu_bar();
    void draw_status_bar(float height);
    void draw_help_window();
    std::string export_file_name(std::string_view format) const;
    float text_size() const { return fonts.base_size * prefs.zoom; }
    float tag_size() const;
    void set_zoom(float z);

    // ---- article_view.cpp ----
    void draw_article(float width, float height);
    // The phases of draw_article (article_view.cpp)
    struct LineGeom {               // a visible line and its range of `boxes`
        size_t para = 0, line = 0;  // paragraph of `article` and line in it
        size_t start = 0, end = 0;  // article code points shown [start, end) (trailing spaces in, line break out)
        float y = 0, height = 0;    // top of the row in layout coordinates, and its height
        float band = 0;             // its arc band above the tags (0: no arcs on this line)
        bool last_of_para = false;  // the paragraph's last line (a selection past `end` takes its line break)
        size_t box_begin = 0, box_end = 0;
    };
    struct MouseHit {          // what is under the mouse in the article
        bool hovered = false;  // the article window is hovered
        std::string relation;  // the relation whose label (or arc) is under it
        std::string tag;       // the entity whose label tag is under it
        int stub = -1;         // the stub (arc_frame.layout.stubs) under it
        size_t caret = 0;      // the nearest caret position
        bool on_text = false;
        const SegmentBox* box = nullptr;  // the entity segment under it
        int edge = 0;                     // -1 / +1: the start / end handle of the selected entity
    };
    void visible_lines(float y0, float y1);  // fills geoms with the lines meeting [y0, y1) (layout coordinates)
    void layout_boxes();
    // Screen x extents of [a, b) on visible line g: one box per direction change it crosses.
    std::vector<Box> span_boxes(const LineGeom& g, size_t a, size_t b);
    float line_top(size_t cp);  // layout y of the row showing code point cp
    void reveal(size_t cp);     // scrolls to cp when its row is out of view
    MouseHit article_mouse_hit();
    const LineGeom& line_at_y(float y) const;  // geoms not empty
    size_t caret_at(ImVec2 p) const;
    void article_mouse(const MouseHit& h, float scroll_y, float height);
    bool precise_selection() const;  // Alt held or snapping off: selections are not snapped to words
    // The word at code point cp for snapping: the tokenizer's, or in scripts written without
    // spaces the dictionary word Platform::dictionary_word_breaks finds (Intl.Segmenter).
    Span word_span(size_t cp);
    // [a, b) grown to whole words (word_span) with the whitespace at both ends trimmed.
    Span snap_span(size_t a, size_t b);
    void selection_made();
    void finish_text_drag();
    void finish_edge_drag(size_t caret);
    void draw_article_line(ImDrawList* dl, const LineGeom& g);
    void draw_line_text(ImDrawList* dl, const LineGeom& g, float ty);
    void draw_run(ImDrawList* dl, const LineGeom& g, const Run& r, float ty);
    void draw_line_tags(ImDrawList* dl, const LineGeom& g);
    void draw_entity_tooltip(const SegmentBox& box);
    Color label_color(const std::string& label) const;  // grey for an unknown label
    void draw_empty_state(float width, float height);
    void ensure_layout(float wrap_width);
    float article_wrap_width(float width) const;  // the column's width in an article window `width` wide
    // A new document's top lines laid out at the end of the frame that opened it, where the next frame
    // will draw them: that frame then only draws (issue 11: a dropped file's first draw).
    // `height`: the top of the view only, that high (px).
    void layout_ahead(float height = FLT_MAX);
    void scroll_to(size_t cp);
    void select_entity(std::string id, bool scroll);
    void step_entity(int dir);
    void label_selection_or_entity(const std::string& label);
    void relabel_selected_entity(const std::string& label);  // with its status message
    bool span_in_view(size_t a, size_t b) const;             // on a line drawn last frame
    void nudge_entity_edge(bool move_start, int dir, bool precise);
    void draw_selection_popup();
    void draw_entity_context_menu();
    std::optional<Rect> caret_rect(size_t cp) const;
    std::string selected_text() const;

    // ---- panels.cpp ----
    void draw_side_panel(float width, float height);
    void draw_side_tabs();
    std::vector<std::string> side_tab_names(bool compact) const;  // full ("Documents (3)") or short
    float side_tabs_width(bool compact) const;                    // the tabs in one row
    void draw_entity_details();
    void commit_pending_details();
    void sync_suggest_to_document();
    void commit_attributes(const std::string& id);
    void draw_labels_panel();
    void draw_entities_panel();
    void draw_modals();
    // ---- annotator.cpp: who annotates (Edit > Your name...), stamped on new entities and relations ----
    void set_annotator_name(std::string name);
    void draw_annotator_dialog();
    struct {
        bool open = false;
        std::string field;
    } annotator_dialog;

    Platform& platform;
    Editor editor;
    ViewPrefs prefs;
    uint64_t prefs_revision = 0;
    uint64_t doc_generation = 0;  // increments when the text is replaced

    // Fonts: the atlas is rebuilt (build_fonts) when the file, the pixel ratio or the zoom changes.
    struct Fonts {
        std::string file;
        float pixel_ratio = 1.0f;
        bool dirty = true;
        float base_size = 18.0f;
        ImFont* ui = nullptr;
        ImFont* ui_bold = nullptr;  // the UI font's bold face, for ImGui's own text renderer (native)
        ImFont* text = nullptr;
        ImFont* tag = nullptr;
    } fonts;

    // Text: the platform's renderer (the browser's canvas) or Dear ImGui's font, widths cached per
    // word. The article's layout is rebuilt when the text, width, size or direction changes, and is
    // laid out lazily (mutable: caret_rect lays out the paragraph it is asked about).
    std::unique_ptr<FontTextRenderer> font_renderer;
    TextRenderer* renderer = nullptr;
    std::unique_ptr<MeasureCache> measure;
    mutable ArticleLayout article;
    // User text in the panels, tooltips and lists (user_text.cpp): the platform's second renderer
    // (or Dear ImGui's font) at the UI's font size.
    // A string shown again in the next frame (a menu's Arabic label, a table's row) keeps its
    // layout, runs measured: laid out by (text, wrap width, styles) once, not every frame. Emptied
    // when the size or the font changes; past kKept layouts, the ones a frame did not use go at its end.
    struct UiText {
        std::unique_ptr<FontTextRenderer> own;
        TextRenderer* renderer = nullptr;
        std::unique_ptr<MeasureCache> measure;
        struct Kept {
            ParagraphLayout layout;
            uint64_t frame = 0;  // the last frame that used it
        };
        static constexpr size_t kKept = 1024;
        std::unordered_map<std::string, Kept> kept;  // by wrap width, styles, text: nodes stay put
        std::string key;                             // scratch
        uint64_t frame = 0;
        std::u32string scratch;
        float size = -1;
    } ui_text;
    void ui_text_end_frame();  // the renderer's end_frame; drops the layouts not used when over kKept
    // `styles`: one per code point of utf8 (or empty: regular), for the guidelines' bold.
    ParagraphLayout& user_layout(std::string_view utf8, float wrap_width, std::vector<TextStyle> styles = {});
    ImVec2 draw_user_text(ImDrawList* dl, ImVec2 pos, std::string_view utf8, uint32_t color, float max_width,
                          bool wrap);
    void user_text(std::string_view utf8, float wrap_width = 0);
    bool user_selectable(std::string_view utf8, bool selected, int flags, ImVec2 size);
    // UI strings that may quote user text (label and document names): Dear ImGui's widget when its
    // font covers the string and it is left to right, else drawn as user text (user_text.cpp).
    bool plain_ui_text(std::string_view utf8) const;
    void ui_text_unformatted(std::string_view utf8, uint32_t color = 0);
    bool ui_selectable(std::string_view label, bool selected, int flags = 0);
    bool ui_menu_item(std::string_view label, const char* shortcut = nullptr, bool selected = false,
                      bool enabled = true, bool checkable = false);
    bool ui_small_button(std::string_view label);
    bool ui_button(std::string_view label, ImVec2 size);
    bool ui_checkbox(std::string_view label, bool* value);
    void ui_text_wrapped(
        std::string_view text);  // as ImGui::TextWrapped("%s", text)  // the label right of the box, clickable
    // As ImGui::BeginCombo `width` wide with `preview` (user text) shown in its frame.
    bool ui_begin_combo(const char* id, std::string_view preview, float width);
    void ui_text_block(std::string_view text);  // lines, wrapped at the window's edge
    void ui_tooltip(std::string_view text);
    // Text fields (text_field.cpp): ImGui's InputText over a std::string, typed into through the
    // host's own element while it has the keyboard (Platform::show_text_field: input methods), its
    // text drawn as user text otherwise.
    // `hint`: shown greyed while the field is empty (ASCII: ImGui's font draws it).
    bool input_text(const char* label, std::string& s, int flags = 0, const char* hint = nullptr);
    bool input_multiline(const char* label, std::string& s, ImVec2 size, int flags = 0);
    bool text_field(const char* label, std::string& s, ImVec2 size, int flags, bool multiline,
                    const char* hint = nullptr);
    void text_fields_end_frame();
    struct TextFields {
        struct Input {
            uint32_t id = 0;
            std::string text;
            size_t sel_start = 0, sel_end = 0;
        };
        std::optional<Input> pending;  // the host element's latest edit, taken by its field's next frame
        uint32_t active = 0;           // the field that had the keyboard at the end of the last frame
        uint32_t frame_id = 0;         // the field active in this frame (0: none yet)
        bool hosted = false;           // the host shows its element over the active field
        bool just_activated = false;
        int flags = 0;
        bool multiline = false;
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        std::string text;
        std::string name;  // its accessible name (the label, or the name given to the dialog mirror)
        size_t sel_start = 0, sel_end = 0;
    } fields;
    uint64_t layout_generation = ~0ull;
    float layout_width = -1, layout_size = -1;
    bidi::Direction layout_direction = bidi::Direction::Auto;
    float row_height = 0, tag_band = 0;

    // Selection and interaction in the article (view state, never undoable)
    struct Selection {
        bool active = false;           // a text selection [min(anchor, caret), max(anchor, caret))
        size_t anchor = 0, caret = 0;  // caret positions (code points)
        std::string entity;            // the selected entity's id
        std::string hovered;           // the entity under the mouse, this frame
        bool dragging_text = false;
        bool press_in_entity = false;  // the button went down on an entity: a drag selects text (nested spans)
        size_t press_caret = 0;
        int dragging_edge = 0;  // 0 none, -1 start, +1 end
        size_t drag_edge_cp = 0;
        bool show_popup = false;  // the label popup at the selection
        bool open_context_menu = false;
        size_t cursor_cp = 0;          // last caret position under the mouse or of the selection (status bar)
        std::string relation;          // the selected relation's id (an entity and a relation are not both selected)
        std::string hovered_relation;  // the relation whose arc or label is under the mouse, this frame
        std::string tag_drag_from;     // a drag from this entity's tag makes a relation where it is released
        bool open_relation_menu = false;
    } sel;
    // Geometry of the article, last frame
    std::optional<float> pending_scroll_y;
    std::vector<SegmentBox> boxes;     // this frame's entity boxes on visible lines
    std::vector<LineGeom> geoms;       // this frame's visible lines
    float origin_x = 0, origin_y = 0;  // screen position of layout coordinate (0, 0), last frame
    float view_top = 0, view_height = 0;
    ImVec2 article_area{0, 0};  // the article window's size in the last frame (drawn or empty)
    bool article_drawn = false;

    uint64_t next_ticket = 1;  // storage tickets (autosave, versions, queue reads)

    // Autosave (autosave.cpp): a snapshot plus a journal of records (io/journal.hpp), and recent
    // versions: snapshots of earlier saved states, to recover from a mistaken bulk change or a
    // replaced article after a reload (io/recent_versions.hpp). When to write what is decided by
    // io::AutosaveSchedule; this holds what the writes need and carries them out.
    struct RestoreRead {  // a version being read: its snapshot, and its text when stored apart
        uint64_t ticket = 0, text_ticket = 0;
        uint64_t saved_ticket = 0;  // a version that is a copy of the autosave (VersionEntry::saved)
        bool with_text = false, found = false, text_found = false;
        std::string value, text;
    };
    struct Autosave {
        bool started = false;
        io::AutosaveSchedule schedule;
        std::string error;
        // The journal as stored: the head (snapshot's seq, text key, view), records after it.
        io::JournalHead head;
        uint64_t seq = 0;             // the last record written
        bool legacy_present = false;  // layout 1's "session" is stored (removed with the first snapshot)
        bool skip_version = false;    // the next new_document keeps no version of the one replaced
        uint64_t legacy_ticket = 0;
        std::string text_key;     // of the open document's text, computed once per document
        std::string stored_text;  // the text key storage is known to hold (its snapshot's)
        std::string base_text;    // the text key of the snapshot in flight
        uint64_t text_key_generation = ~0ull;
        io::RecentVersions versions;
        uint64_t versions_ticket = 0, takeover_ticket = 0;
        bool takeover_found = false;          // the takeover read is of an autosave found after an empty start
        io::AutosaveSchedule::Seen at_start;  // autosave_seen() when startup_saved ended
        RestoreRead restore;
        std::string restore_when;  // of the version being restored
        double last_write_ms = 0;  // FrameStats::save_*
        size_t last_write_bytes = 0;
        std::string last_write_kind;
        size_t last_write_slices = 0;
        // editor.revision() when the modification time was last stamped: a snapshot written
        // without a change since (a compaction, a restored state) keeps the time it has.
        uint64_t stamped_revision = ~0ull;
        // A snapshot being written a few milliseconds per frame (snapshot_step): the text's key
        // hashed, the session serialised, then committed in a frame of its own. Begun again
        // when the editor changes under it (its journal records are written meanwhile).
        struct Job {
            bool active = false;
            uint64_t generation = 0;  // doc_generation it hashes and writes
            uint64_t revision = 0, info = 0;
            io::TextKeyHasher hasher;
            bool hashed = false;
            bool writing = false;  // the session writer has begun for `revision`
            bool ready = false;    // the session is whole: committed in the next slice
            uint64_t seq = 0;      // the last record the snapshot holds
            io::SessionWriter writer;
            std::vector<std::string> session;  // in pieces: no one block of the heap holds it whole
            // Bytes handed to the storage ahead of the commit (Platform::storage_stage), a piece per
            // slice: of the text (when storage does not hold it) and of the whole session.
            size_t text_staged = 0, session_staged = 0;
            size_t slices = 0;
            double longest_ms = 0;
        } job;
    } save;
    void startup_saved(io::SavedState saved);
    Result<std::string> restore_saved(const io::SavedState& saved);
    void on_saved_read(uint64_t ticket, io::SavedState saved);
    void commit(StorageBatch batch, uint64_t ticket);
    void write_records(std::vector<HistoryEvent>& events);
    void write_head();
    void write_base();  // a whole snapshot now (the page going away, the queue, another tab)
    bool snapshot_step(bool whole);
    bool snapshot_stage_text(const std::function<bool()>& spent);
    void snapshot_stage_session(const std::function<bool()>& spent);
    void snapshot_commit();
    void autosave_base_now();
    bool text_in_use(const std::string& key) const;
    void keep_version_before_replace();
    void keep_version_before(const std::vector<HistoryEvent>& events);
    void on_storage_read(uint64_t ticket, bool found, std::string_view value);
    void on_other_tab();
    void on_saved_found();
    bool untouched_since_start() const;
    void load_found(const io::SavedState& saved);
    void save_version(const std::string& session, const std::string& text_key, const std::string& title,
                      size_t entities, const std::string& when);
    void copy_saved_version(const std::string& title, size_t entities);
    bool autosave_saw_all() const;
    void drop_versions(const std::vector<io::VersionEntry>& gone, StorageBatch& batch);
    void restore_saved_version(io::SavedState saved);
    io::AutosaveSchedule::Seen autosave_seen(size_t events = 0, bool reset = false) const;
    void draw_versions_menu();
    void request_restore(const std::string& key, const std::string& when);
    void draw_paused_banner(float width);

    // Status line, and every message of this page in the message log
    std::string status;
    bool status_error = false;
    double status_time = 0;
    struct LoggedMessage {
        std::string when, text;  // "HH:MM"
        bool error = false;
    };
    std::vector<LoggedMessage> status_log;
    bool show_log = false;
    void draw_message_log();
    void draw_side_splitter(float x, float y, float height);
    void toggle_side_panel();

    // Entities panel: the filtered, sorted rows (recomputed when the document or filter changes)
    struct EntitiesPanel {
        std::string filter;
        std::vector<Slot> rows;
        uint64_t rows_revision = ~0ull;
        std::string rows_filter;
        int sort_column = 2;  // 0 text, 1 label, 2 start, 3 end
        bool sort_ascending = true;
        bool sorted_dirty = true;
    } entities_panel;
    int side_tab_request = -1;

    // Labels panel and its dialogs (edit, delete)
    struct LabelsPanel {
        std::string new_name;
        std::string rename_from, rename_to, rename_key, rename_description;
        std::string delete_name, relabel_to;
        std::string error;
    } labels_panel;
    size_t label_count(size_t label_index) const;  // the store's count (core keeps it), no recount
    void draw_label_rows();
    void draw_add_label();
    void draw_edit_label_dialog();
    void draw_delete_label_dialog();

    // Entity details (panels.cpp, details.cpp): edit buffers of the selected entity, committed
    // when a field loses the focus or another entity is selected (commit_pending_details).
    struct DetailsEdit {
        std::string note_id, note;
        std::string kb_id, kb;
        std::string attr_id;
        Attributes attrs;
        uint64_t attr_revision = ~0ull;
    } details;
    bool open_note_popup = false;
    std::string confirm_text;
    std::function<void()> confirm_action;
    bool open_confirm = false;
    bool show_help = false;
    bool show_about = false;
    void draw_about_window();

    // ---- find.cpp: find bar, propagation, the keys of both (and of suggestions) ----
    void open_find();
    void draw_find_bar(float x, float y, float width);
    void find_refresh();         // recomputes hits when the query, options or text changed
    void find_tick();            // a slice of the plain-text search under way (find.run), each frame
    void find_start_at_caret();  // the current hit: the first at or after the caret
    bool on_find_regex_result(uint64_t ticket, RegexResult& r);  // false: not the find bar's ticket
    uint64_t next_regex_ticket = 1;                              // Platform::regex_find
    void find_step(int dir);                                     // next / previous hit, scrolled into view
    void find_label_all();  // the active label on every hit, one undo step (asks about hits inside words)
    void find_label_spans(const std::vector<Span>& spans, size_t left_out);
    // Labelling that may not fit in a frame (bulk.cpp): at once under kBulkAtOnce spans, else a
    // slice per frame under a progress bar with Cancel; one undo step either way.
    static constexpr size_t kBulkAtOnce = 64;
    struct BulkJob {
        bool active = false;
        std::vector<Span> spans;
        size_t next = 0, added = 0;
        uint64_t generation = 0;  // the document it labels (another one opened stops it)
        std::string label;
        std::function<std::string(size_t)> done;  // the status message, from the number added
        std::set<std::pair<size_t, size_t>> seen;
        // The last slice's end, and how long its frame ran after it (the slice's journal record, the
        // screen reader's mirror): the next slice leaves that much of the frame's budget to them.
        double slice_end_ms = -1, after_ms = 0;
    } bulk;
    ProgressPopup bulk_popup;        // its progress bar (progress_modal)
    bool bulk_refocus_find = false;  // the find field had the keys when it began: given back when it closes
    // A labelling in slices ended (done or cancelled) in this frame: its autosave tick keeps no recent
    // version (one was kept when it began; this one would be its last slice's state, copied whole).
    bool bulk_ended = false;
    Result<size_t> label_spans(std::vector<Span> spans, const std::string& label, std::string name,
                               std::function<std::string(size_t)> done);
    // Undo and redo of a command of kUndoAtOnce ops or more (a propagation to thousands of repeats):
    // its ops applied a slice per frame (Editor::step) under a progress bar with Cancel, with the
    // labelling's budget; still one step of the history, which moves (and is journaled) with the
    // last slice. The autosave waits meanwhile (its tick, its snapshots): storage holds the state
    // before until then; a page going away, or another document opened, finishes it first.
    static constexpr size_t kUndoAtOnce = 256;
    struct UndoJob {
        bool active = false;
        bool redo = false;
        std::string name;  // the command's
        double slice_end_ms = -1, after_ms = 0;
    } undo_job;
    ProgressPopup undo_popup;
    bool undo_refocus_find = false;      // Ctrl+Z from the find field: its keys given back when it closes
    const char* undo_title = "Undoing";  // the popup's, kept until it closes (the job ends before)
    bool begin_undo_steps(bool redo);    // false: few enough ops to apply at once (or nothing)
    void undo_steps_tick();
    void undo_steps_finish();  // the rest at once (the page going away, another document)
    void draw_undo_progress();
    void bulk_tick();
    void bulk_frame_end();  // the end of a frame with a slice: how long it ran after the slice
    void bulk_cancel();
    void draw_bulk_progress();
    void keep_version_before_bulk();
    void draw_find_prompt();
    void draw_find_hits(ImDrawList* dl, const LineGeom& g, float ty, float size);  // one visible line
    void propagation_refresh();  // offers to label the other occurrences after a labelling
    void apply_propagation();
    void remove_same_text(const std::string& id);
    void draw_feature_status();  // the propagation offer in the status bar
    // ---- suggest_view.cpp ----
    void draw_suggest_panel();
    bool draw_suggest_gazetteer();  // true when the setup changed
    bool draw_suggest_rules();
    void draw_suggestion_list();
    void compute_suggestions();
    bool on_rule_result(uint64_t ticket, RegexResult& r);  // false: not a rule's ticket
    void suggest_tick();                                   // a slice of the suggestions under way, each frame
    void draw_suggest_progress();                          // its progress bar and Cancel, in the status bar
    void cancel_suggestions();
    void finish_suggestions();           // once every rule has answered and the text's work is done: the merge
    void suggest_known_tick(double t0);  // Suggest's first part: the texts labelled already, counted
    void suggestions_refresh();          // patches the merged list where the document changed (accepted ones drop out)
    void draw_suggestions(ImDrawList* dl, const LineGeom& g, float ty, float size);  // dashed outlines
    void accept_suggestion(size_t index, const std::string& as = {});                // as: another label than suggested
    bool accept_suggestion_with_key(const std::string& label);                       // a label key, nothing selected
    void reject_suggestion(size_t index);
    void accept_all_suggestions();
    void step_suggestion(int dir);
    SuggestConfig suggest_config() const;  // rules + gazetteers (autosave, export, the document)
    void apply_suggest_config(const SuggestConfig& config);
    void take_suggest_file(std::string_view name, std::string_view bytes);  // a file asked for by the panel
    // ---- details.cpp ----
    void draw_entity_extras(const Entity& e);  // kb id and attributes of the selected entity

    struct FindState {
        bool open = false;
        bool focus_field = false;
        std::string query;
        bool case_sensitive = false, regex = false;  // whole words: prefs.find_whole_word (remembered)
        ImGuiID field_id = 0;                        // the query field (its keys: shortcuts.cpp)
        bool open_prompt = false;
        size_t prompt_inside = 0;  // hits inside longer words, when asking
        std::vector<Span> hits;    // sorted by start, not overlapping: visible lines query by range
        std::string error;         // an invalid or stopped pattern: the host's message
        bool truncated = false;
        uint64_t pending = 0;  // the regex search under way (Platform::regex_find), 0: none
        // The plain-text search under way, a few milliseconds per frame (find_tick): `hits` grows
        // as it goes. It reads the open document's text: stopped when another document opens.
        std::optional<FindRun> run;
        size_t hits_any_word = 0;  // with whole words: the hits a search without them finds
        int pending_action = 0;    // pressed while a search runs: +1 / -1 next / previous hit, 2 label every hit
        size_t current = static_cast<size_t>(-1);
        std::string key_query;  // what `hits` was computed for
        int key_options = -1;
        uint64_t key_generation = ~0ull;
        // Find in every document of the queue (find_queue.cpp): the waiting documents' hits (the open
        // one's are `hits`), plain text only; the summary "N hits in M documents" comes before labelling.
        bool all_docs = false;
        struct QueueHits {
            size_t doc;  // index in queue.docs
            std::vector<Span> spans;
        };
        std::vector<QueueHits> queue_hits;
        std::string queue_key;  // what queue_hits was computed for
        struct QueueRegex {     // a regular expression running in the host over a waiting document
            uint64_t ticket;
            size_t doc;
            Text text;  // for the hits' bounds and the whole-word filter
        };
        std::vector<QueueRegex> queue_pending;
        // The next waiting document to search: documents are read and searched a few milliseconds
        // per frame (find_queue_tick), never every document in one frame. queue.docs.size() or
        // more: all searched (or handed to the host, for a regular expression).
        size_t queue_next = static_cast<size_t>(-1);
        bool queue_label_waiting = false;  // Alt+Enter pressed while they run: ask when they are all in
        bool open_queue_prompt = false;
    } find;
    static constexpr size_t kMaxRegexHits = 100000;  // a runaway pattern stops here and says so
    // ---- find_queue.cpp: Find and label every hit across the queue ----
    bool find_in_queue() const { return find.all_docs && queue.docs.size() > 1; }
    void find_queue_refresh();
    void find_queue_tick();  // a slice of the search across the queue, each frame
    bool find_queue_searching() const { return find_in_queue() && find.queue_next < queue.docs.size(); }
    bool on_find_queue_regex_result(uint64_t ticket, RegexResult& r);  // false: not one of its tickets
    void find_queue_cancel();
    size_t find_queue_total(size_t* documents) const;  // hits in every document, and how many have some
    void find_label_queue();                           // asks first, with the summary
    void find_apply_queue_labels();                    // one undo step per document
    void draw_find_queue_prompt();

    // The offer is counted a slice per frame (propagation_tick): in a long text "Label 1200+ more"
    // until the count ends, so that no edit's frame searches the whole text.
    struct PropagationOffer {
        std::string entity_id, text, label;
        size_t count = 0;
        bool counting = false;    // `count` so far: shown "N+"
        bool apply_when = false;  // P pressed while counting: labels them once counted
        std::vector<Span> spans;  // the candidates, once counted (valid for offer_revision)
    };
    std::optional<PropagationOffer> offer;
    uint64_t offer_revision = ~0ull;
    std::unique_ptr<PropagationRun> offer_run;  // counting the offer; reads editor.doc() of offer_revision
    void propagation_tick();                    // a slice of the count under way, each frame

    struct SuggestState {
        std::string gazetteer_text;
        bool gaz_case_sensitive = true, gaz_whole_word = true;
        std::vector<Rule> rules;
        std::string new_pattern, new_rule_label;
        bool names_enabled = true;
        std::string names_label;
        // Computed by "Suggest" for doc_generation: every source's suggestions merged, kept up to
        // date from the spans each edit changed (editor.touched_since(touched)).
        SuggestionMerge merged;
        uint64_t sources_generation = ~0ull;
        uint64_t touched = 0;
        SuggestionList list() const { return merged.list(); }  // sorted by start, not overlapping
        size_t current = static_cast<size_t>(-1);
        size_t hovered = static_cast<size_t>(-1);
        std::string error;
        bool computed = false;
        // "Suggest" under way, a few milliseconds per frame (suggest_tick), in turn: the texts
        // labelled already here and in the queue counted (`known`), the text's work (`run`; the
        // host runs the rules meanwhile), then the merge (`merge`). Reads editor.doc() of
        // `generation`. Shared pointers: the setup dialogs copy the state.
        struct Pending {
            std::vector<uint64_t> tickets;  // one per rule, 0 once answered
            std::vector<std::vector<Suggestion>> rule_hits;
            std::vector<std::vector<Suggestion>> sources;  // known, gazetteer, (rules), names
            uint64_t generation = 0;
            std::shared_ptr<KnownLabelsRun> known;            // null once counted
            std::shared_ptr<std::deque<io::Session>> queued;  // the queue's documents it counts
            size_t queue_next = 0;                            // the next of queue.docs to read
            uint64_t known_revision = 0;                      // the open document's, when its count began
            std::optional<NameOptions> names;                 // for the run, once `known` is counted
            std::shared_ptr<SuggestRun> run;                  // null before `known` is counted and once done
            double ms_per_byte = 0;                           // the run's pieces so far (0: none yet)
            std::shared_ptr<SuggestionMerge> merge;           // once the run and the rules are done
            uint64_t touched = 0;                             // editor.touched_mark() the merge has seen
            Gazetteer gazetteer;  // what the run matches (it keeps a pointer to nothing of ours)
        };
        std::optional<Pending> pending;
        uint64_t rules_revision = 0;  // increments when rules or gazetteers change (autosave)
    } suggest;
    // ---- suggest_choice.cpp: a file's own setup differs from the user's: keep, use or merge ----
    struct SuggestChoice {
        std::optional<SuggestConfig> file;    // the opened file's setup, waiting for the user's choice
        std::optional<SuggestConfig> before;  // the user's setup before "use" / "merge" (Restore my rules)
        bool open = false;
    } suggest_choice;
    bool suggest_setup_unused() const;
    bool offer_file_suggest_setup(const SuggestConfig& file);
    void merge_suggest_setup(const SuggestConfig& file);
    void suggest_setup_changed();
    void choose_file_suggest_setup(int choice);
    void restore_suggest_setup();
    void draw_suggest_choice();

    // ---- queue.cpp: the document queue (one document open in `editor`, the others as sessions;
    // its state and decisions: io/document_queue.hpp) ----
    using DocStatus = io::QueueStatus;
    using QueueDoc = io::QueuedDocument;
    struct QueueState : io::DocumentQueue {
        uint64_t index_ticket = 0;                               // the startup read of the index
        size_t batch_expected = 0;                               // files opened together (Platform announces them)
        uint64_t batch_request = 0;                              // the request they answer
        std::vector<std::pair<std::string, std::string>> batch;  // (name, bytes), read at the end
        std::vector<std::string> batch_errors;
    } queue;
    static const char* queue_status_name(DocStatus s);  // "to do", "in progress", "done"
    // ---- Team project (team.cpp): a CouchDB database replicated by the page's sync script ----
    struct TeamState {
        bool dialog = false;              // File > Team project...
        std::string url, name, password;  // the sign-in fields
        bool signing_in = false;
        bool reauth = false;  // the server refused the remembered session: the dialog asks to sign in again
        std::string dialog_error;
        std::string url_open, user;  // signed in (user non-empty)
        std::vector<std::string> roles;
        std::string sync;  // "" (no project), connecting, synced, waiting, offline, conflict
        size_t waiting = 0;
        std::string sync_message;
        std::vector<io::team::QueueEntry> articles;
        std::string article;                     // the open article's id ("" none)
        std::string target;                      // the document the edits go to: ann:<article>:<me> or gold:<article>
        std::string status = "todo";             // the open document's status
        std::string project_json, article_json;  // of the open article (a comparison assembles with them)
        uint64_t written_revision = 0;           // editor revision last handed to the sync script
        io::team::Annotations base;  // as last written to or read from the replica: a remote change's merge base
        bool dirty = false;
        double dirty_since = 0;
        std::string conflict_doc;  // an unmergeable conflict waiting for the user
        std::vector<std::string> conflicts;
        std::string compare_user;  // the annotator the open comparison loaded
        struct Corpus {            // two annotators compared across the corpus (team_corpus.cpp)
            std::string a, b;      // chosen in the Team tab
            std::string compared;  // "a,b" of the request under way or shown
            bool running = false;
            CorpusAgreement result;  // pooled over the articles both annotated
            size_t seen = 0;         // articles scanned by the sync script
            size_t unreadable = 0;   // pairs that could not be compared (first_error says why)
            std::string first_error;
        } corpus;
    } team;
    bool team_active() const { return !team.user.empty(); }
    bool team_has_role(std::string_view role) const;
    void open_team_dialog();
    void draw_team_dialog();
    void draw_team_panel();
    void draw_team_status();  // the status bar's sync state
    std::string team_sync_text() const;
    std::string team_summary_json() const;
    struct TeamProgress {
        size_t mine = 0, open_to_me = 0, team_done = 0;
    };
    TeamProgress team_progress() const;
    void on_team_event(std::string_view json);
    void team_apply_article(const io::team::PageEvent& e);
    void team_apply_remote(const io::team::PageEvent& e);
    void team_apply_other(const io::team::PageEvent& e);
    void team_open(const std::string& article, bool gold = false);
    void team_next_unassigned();
    void team_set_status(std::string status);
    void team_tick();        // hands changed annotations to the sync script (after a short pause)
    void team_note_edits();  // edits since the last write: dirty, and a todo article in progress
    std::vector<std::string> team_annotators() const;  // everyone with an ann: document, by name
    void team_corpus_start();
    void team_apply_corpus(const io::team::PageEvent& e);
    void draw_team_corpus();
    std::string team_corpus_json() const;
    void team_write_now();
    io::team::Annotations team_annotations() const;
    // The corpus as files (team_files.cpp): the export's and the import's choices, and which runs.
    struct TeamFiles {
        std::string who = "gold";        // export: "gold" or an annotator's name
        std::string format = "native";   // export: a format id
        std::string import_as = "gold";  // import: the files' annotations as "gold", "mine" or "none"
        std::string busy;                // "export" or "import" while the sync script runs it
    } team_files;
    void draw_team_files();
    void team_files_event(const io::team::PageEvent& e);  // a Notice or an Error of the sync script

    // `text`: the text for formats that do not carry it (brat, W3C, CoNLL): the text file of the
    // same name opened with it, else the open document's (when it has one).
    Result<std::vector<Document>> documents_of_file(std::string_view name, std::string_view bytes,
                                                    const Text* text = nullptr);
    Result<std::vector<Document>> read_documents_of_file(std::string_view name, std::string_view bytes,
                                                         const Text* text);
    void on_files_begin(uint64_t request, size_t count);
    void on_files_end(uint64_t request);
    bool take_queue_file(std::string_view name, std::string_view bytes, bool batched);
    void confirm_queue_replace(std::string what, std::function<void()> action);
    // `from`: " from X" (the file), `note`: what was skipped or warned, after the counts.
    void queue_fill(std::vector<Document> docs, std::string from, std::string note = {});
    void queue_switch(size_t index);
    void queue_step(int dir);
    void queue_persist_now();
    // A document made a waiting one, or a waiting one edited without opening it (Find in all documents).
    void queue_store(QueueDoc& q, const Editor& e, std::string text_key);
    void queue_startup();
    bool queue_take_read(uint64_t ticket, bool found, std::string_view value);
    void queue_tick();
    Result<std::string> queue_export_jsonl() const;  // native documents, one per line
    void queue_download();
    void draw_queue_panel();

    // Screen rectangles of named widgets of the queue and agreement panels, last frame (tests click them).
    std::map<std::string, std::pair<Rect, int>, std::less<>> widget_rects;  // and the frame drawn
    void note_widget(std::string name);                                     // the last drawn item

    // ---- agreement_view.cpp: comparison with another annotator's file (B) of the same text ----
    struct AgreementView {
        bool active = false;
        std::string name;  // B's file name
        Document other;    // B
        // Two annotators of this document (Entity::annotator) instead of a file: A and B are each one's
        // entities and relations (core only_annotator), taken again from the document at every change.
        std::string annotator_a, annotator_b;
        Agreement result;
        std::vector<std::optional<Side>> choices;       // per difference; none until the user chooses
        uint64_t revision = ~0ull, generation = ~0ull;  // of A when computed
        size_t current = static_cast<size_t>(-1);
    } agree;
    void open_agreement_dialog();
    Status compare_with(std::string_view name, std::string_view bytes);
    Status compare_annotators(const std::string& a, const std::string& b);
    void open_agreement(Agreement result, Document other, std::string name, std::string annotator_a,
                        std::string annotator_b);
    void draw_annotators_menu();  // menus.cpp: File > Compare two annotators of this document
    void draw_file_menu();        // menus.cpp: the File menu's items
    void take_agreement_file(std::string_view name, std::string_view bytes);
    void close_agreement();
    void agreement_refresh();
    void agreement_select(size_t index);
    void agreement_step(int dir);
    void agreement_choose(size_t index, Side side);
    void agreement_choose_undecided(Side side);  // every difference without a side yet
    size_t agreement_undecided() const;
    void draw_agreement_row(size_t index);
    Status build_curated();  // one undo step
    void draw_agreement_marks(ImDrawList* dl, const LineGeom& g, float ty, float size);
    void draw_agreement_panel();

    // ---- accessibility.cpp: the screen readers' description, rebuilt when one of its inputs moved ----
    struct A11yKey {
        uint64_t revision, generation;
        size_t first, last;  // the visible code points
        uint64_t status;
        bool selecting;
        size_t anchor, caret;
        std::string entity, relation;
        uint64_t queue;        // a11y_queue_hash()
        uint64_t suggestions;  // a11y_suggestions_hash()
        uint64_t differences;  // a11y_differences_hash()
        std::string active_label;
        int region;
        bool keyboard;
        A11yMenu menubar;  // the menu bar's entries and the open menus (menu_mirror.cpp)
        std::vector<A11yMenu> menus;
        std::vector<A11yDialog> dialogs;  // the open dialogs (dialog_mirror.cpp)
        friend bool operator==(const A11yKey&, const A11yKey&) = default;
    };
    std::optional<A11yKey> a11y_key;
    A11yDocument a11y_doc;  // the last one handed to the host
    // App::accessibility_after_frame: a frame that finds a new document to describe (the first one, a
    // replaced one) leaves it to the host's task; a11y_left until that task or the next frame describes it.
    bool a11y_after_frame = false;
    bool a11y_left = false;
    A11yMargins a11y_margins;
    uint64_t status_serial = 0;     // set_status counts its messages (a repeated message is announced again)
    std::string a11y_announcement;  // the entity selected last without an edit, said once
    uint64_t a11y_announcement_serial = 0;
    std::pair<size_t, size_t> visible_span() const;
    size_t a11y_queue_first() const;  // the Documents tab's rows mirrored: a window around the open one
    uint64_t a11y_queue_hash() const;
    size_t a11y_suggestions_first() const;  // the Suggest tab's rows mirrored: a window around the current one
    uint64_t a11y_suggestions_hash() const;
    size_t a11y_differences_first() const;  // the comparison's differences mirrored: around the current one
    uint64_t a11y_differences_hash() const;
    void describe_differences(A11yDocument& doc) const;
    void update_accessibility();
    void accessibility_end_frame();      // the frame's update, or a new document's left to the host
    bool describe_left_accessibility();  // the host's task: describes what a frame left, if no frame did since

    // ---- menu_mirror.cpp: ImGui's menus as the screen readers' menus (A11yMenu) ----
    // Every menu, menu item and context menu is drawn through these, which do what ImGui's own do and
    // note the entry (name, shortcut, state, keyboard focus) in the menu it is drawn in, this frame.
    struct MenuMirror {
        A11yMenu bar;                // the main menu bar's entries
        std::vector<A11yMenu> open;  // the menus drawn this frame, the outermost first
        std::vector<size_t> stack;   // the menus being drawn (indices in `open`); empty: the bar
    } menu_mirror;
    bool menu_item(const char* label, const char* shortcut = nullptr, bool selected = false, bool enabled = true);
    bool menu_check(const char* label, const char* shortcut, bool checked, bool enabled = true);  // a toggle
    bool begin_menu(const char* label, bool enabled = true);
    void end_menu();
    bool begin_popup_menu(const char* id, std::string name, int window_flags = 0);  // a context menu
    void end_popup_menu();
    // The entry `id` of `window` (none: the item ImGui drew last) in the menu being drawn.
    void note_menu_entry(A11yMenuItem item, unsigned id = 0, const ImGuiWindow* window = nullptr);

    // ---- dialog_mirror.cpp: the modal dialogs and the relation picker as the screen readers' dialogs ----
    // Every modal is drawn through begin_modal / end_modal; its text, buttons, fields, check boxes and
    // combo boxes are noted as drawn (dialog_text, dialog_button; text_field, ui_checkbox and
    // ui_begin_combo note themselves while a dialog is being drawn).
    struct DialogMirror {
        std::vector<A11yDialog> open;  // drawn this frame, the outermost first
        std::vector<size_t> stack;     // being drawn (indices in `open`)
        std::string next_name;         // the accessible name of the next control (a field without a label)
    } dialog_mirror;
    bool keys_last = false;               // the keys were used since the mouse last moved or clicked
    void track_last_input();              // each frame, before drawing
    bool begin_modal(const char* title);  // ImGui::BeginPopupModal (auto-sized), noted as a dialog
    void end_modal();
    void begin_dialog_mirror(std::string role, std::string name);  // a popup its caller began
    void end_dialog_mirror();
    A11yDialog* drawing_dialog();  // the dialog being drawn now, or null
    void note_dialog_text(std::string_view text);
    void note_control(A11yControl c);  // the item ImGui drew last, as a control of the dialog being drawn
    void name_next_control(std::string name) { dialog_mirror.next_name = std::move(name); }
    bool dialog_button(const char* label);
    void dialog_text(std::string_view utf8, ImU32 color = 0);  // ui_text_unformatted, noted in the dialog

    // ---- keyboard.cpp: keyboard-only use ----
    // Where the keys go: F6 / Shift+F6 cycle menu bar -> article -> side panel -> status bar.
    enum class KeyRegion { Menu, Article, Side, Status };
    struct KeyboardState {
        size_t caret = 0;  // the article's caret when nothing is selected (code points)
        KeyRegion region = KeyRegion::Article;
        bool ring = false;          // the keyboard moved the focus: draw the caret and the region's ring
        bool focus_side = false;    // give the side panel ImGui's focus in this frame
        bool focus_menu = false;    // put ImGui's navigation on the menu bar in this frame
        bool focus_status = false;  // give the status bar ImGui's focus in this frame
        float goal_x = -1;          // the x kept across Up / Down
        // Where Left / Right left the caret on screen: a boundary where the direction changes has two
        // places (the end of one run, the start of the other); moves go on from the one reached.
        size_t visual_cp = SIZE_MAX;
        float visual_x = 0;  // in its paragraph's box
    } keynav;
    size_t keyboard_caret() const;
    size_t keyboard_caret_anchor() const;
    void follow_mouse_focus();
    bool handle_region_keys();
    void enter_region(KeyRegion r);
    void focus_menu_bar();
    void follow_menu_layer();
    static const char* region_name(KeyRegion r);
    bool handle_caret_keys();
    size_t word_start_before(size_t cp) const;
    size_t word_end_after(size_t cp) const;
    size_t line_edge(size_t cp, bool end) const;
    size_t visual_step(size_t cp, int dir, float& x);
    size_t caret_line_move(size_t cp, float rows);
    void move_caret(size_t to, bool extend);
    void draw_keyboard_caret(ImDrawList* dl);
    void draw_focus_ring(KeyRegion region, ImVec2 min, ImVec2 max);

    // ---- relations_view.cpp: relation arcs, making and editing relations ----
    float arc_band = 0;  // the arc band above the tags of a line with arcs (0 when the document has no relations)
    int arc_levels = 0;
    uint64_t arc_bands_revision = ~0ull, arc_bands_prefs = ~0ull;  // what the bands were set for
    void update_arc_bands(bool rebuilt);  // which lines get the band: only when the document or the view changed
    int wanted_arc_levels() const;
    bool arc_shown(const Relation& r) const;    // its type and both ends' labels shown
    float arc_step() const;                     // from one level of the band to the next
    float name_width(const std::string& name);  // a label's or type's name as the text engine draws it
    std::map<std::string, float, std::less<>> name_widths;
    float name_widths_size = -1;
    struct ArcFrame {                           // this frame's arcs on the visible lines
        arcs::Layout layout;                    // tags, arcs and stubs
        std::vector<std::string> relations;     // per request: the relation's id
        std::vector<std::string> tag_entities;  // per tag: the entity's id
        std::vector<int> box_tag;               // per entry of `boxes`: its tag, or -1
    } arc_frame;
    void layout_arcs();
    void draw_arcs(ImDrawList* dl);
    void draw_relation_drag(ImDrawList* dl);
    void arc_mouse_hit(MouseHit& h) const;
    bool arc_mouse(const MouseHit& h);  // true: the click was the arcs' (a relation, a tag, a stub)
    void draw_relation_tooltip(const std::string& id);
    // Making a relation: a source chosen (R, a drag from its tag), then a target (a click, a drag's
    // end or the list of nearby entities), then a type when more than one allows the pair.
    struct RelationPick {
        bool active = false;
        std::string from, to;              // entity ids; `to` empty while the target is being chosen
        std::string retype;                // a relation being retyped instead (its type chosen from the list)
        std::vector<std::string> choices;  // nearby entities or allowed types, in the list's order
        size_t cursor = 0;
        bool open_popup = false;
        int key_frame = -1;  // the frame whose key the list took (handle_shortcuts lets it be)
    } rel_pick;
    void start_relation_pick(const std::string& from);
    void pick_relation_target(const std::string& to);
    void start_retype(const std::string& relation);
    void make_relation(const std::string& type);
    void end_relation_pick();
    std::vector<std::string> nearby_entities(const std::string& from) const;
    std::vector<std::string> allowed_types(const std::string& from, const std::string& to) const;
    void draw_relation_pick();
    void select_relation(std::string id, bool scroll);
    void step_relation(int dir);
    void delete_selected_relation();
    void reverse_selected_relation();
    void retype_relation(const std::string& id, const std::string& type);
    void draw_relation_context_menu();
    std::string relation_text(const Relation& r) const;  // "PER \"Assad\" -leader_of-> ORG \"Syria\""
    std::string entity_text(const std::string& id) const;
    bool label_hidden(std::string_view label) const;
    bool type_hidden(std::string_view type) const;
    bool label_locked(std::string_view label) const;
    bool entity_locked(std::string_view id) const;   // it or its label is locked
    void toggle_entity_lock(const std::string& id);  // its own lock (Editor::set_locked)
    bool refuse_locked(std::string_view id);         // true (and says so) when the entity is locked
    void toggle_name(std::vector<std::string>& list, const std::string& name);
    // ---- relations_panel.cpp ----
    struct RelationsPanel {
        std::string filter;
        std::string new_type, new_doc_label;
        // The relation type dialog (add or edit)
        std::string edit_from;  // the type edited; empty: a new one
        RelationType edit;
        std::string error;
        std::string guidelines_edit;
        bool editing_guidelines = false;
        bool show_relations = false;  // the Entities tab shows the relations table
        std::string delete_entity;    // an entity with relations whose deletion is being asked about
        bool open_delete = false;
        bool confirmed = false;  // the user said yes: delete_selected_entity deletes without asking
    } relations_panel;
    void draw_delete_entity_dialog();
    void draw_relations_panel();
    void draw_relation_details();
    void draw_relation_types();
    void draw_relation_type_dialog();
    void draw_doc_labels();
    void draw_guidelines_panel();
    void draw_markdown(std::string_view text);
    void follow_link(const std::string& url);  // open (http, https, mailto) or copy
    std::string label_tooltip(const Label& l) const;

    // ---- theme.cpp: light or dark, following the browser unless View > Theme chose ----
    bool system_dark = false;      // prefers-color-scheme: dark
    bool system_contrast = false;  // prefers-contrast: more
    bool reduced_motion = false;   // prefers-reduced-motion: reduce
    void update_theme();
    void draw_theme_menu();

    // ---- touch.cpp: phones and tablets ----
    float label_bar_height() const;
    bool touch_seen = false;  // a finger has touched the page (the label bar shows at any width)
    bool touch_tap() const;   // this frame's click is a finger's tap (it selects the word under it)
    void draw_label_bar(ImVec2 pos, ImVec2 size);  // big label buttons under the article (narrow screens)
    struct TouchState {
        bool long_press = false;  // the next left press is a finger's long press
        // The text selection's handles (centres, screen coordinates), drawn after a finger selected.
        std::optional<ImVec2> handle_start, handle_end;
        float start_mid_y = 0, end_mid_y = 0;  // the middle of the text line each handle hangs from
        std::optional<float> lift;             // a handle's drag: the finger's height over that line
        float scroll_dy = 0;                   // swipes since the last frame, for the article
        Rect article;                          // the article's visible box, last frame
    } touch;
    void touch_scroll(ImVec2 p, float dy);
    void draw_touch_handles(ImDrawList* dl);
    int touch_handle_at(ImVec2 p) const;
    bool touch_press(const MouseHit& h);  // a finger's press on a handle or a long press on an entity

    // Frame statistics (CPU ms per frame, measured by the host)
    std::vector<double> frame_ms;
    size_t frame_pos = 0;
    uint64_t frames = 0;
    double last_frame_ms = 0;
    // platform.now_ms() when this frame began: work done in slices (find_tick) takes what is left of
    // a frame's budget, so that a frame already long from its drawing searches less.
    double frame_start_ms = 0;
};

// The size limit of one document's text (16 MiB, documents.cpp): an error naming both sizes.
Status check_text_size(size_t bytes);
// "1 entity", "3 entities".
std::string count_of(size_t n, std::string_view one, std::string_view many);
// "PER 5, ORG 4, LOC 1": a document's entities per label (import messages).
std::string label_counts(const Document& d);
// The bundled sample article (empty when the build lacks it).
std::string read_sample_article();
// A document kept inside the page: "README.md", "format.md" or "LICENSE" (empty when the build lacks it).
std::string read_page_doc(std::string_view name);
// The file picker's accept list: .txt and the extensions of every readable format (io::formats()).
std::string open_file_accept();
// The light theme (app.cpp), applied at startup.
void apply_style();
// Shadows under the open popups, menus, dialogs and floating windows (app.cpp), at the end of a frame.
void draw_popup_shadows();

// Colour helpers (core colours -> ImGui's packed colours)
unsigned int to_imu32(Color c, float alpha = 1.0f);
Color darker(Color c, float f);
// The panels' small pieces (panels.cpp), shared with the relations panel: a case-insensitive (ASCII)
// substring test for the tables' filters, and a label's colour box with the theme's outline.
bool contains_ci(std::string_view hay, std::string_view needle);
void swatch(Color c, float size);
// Counts and P/R/F1 per label (or relation type), then the micro average (agreement_view.cpp).
void score_table(const char* id, const char* head, const std::vector<LabelScore>& list, const LabelScore& micro);
// A greyed hint inside the text field just drawn, while it is empty and not being typed in.
void field_placeholder(const std::string& value, const char* text);

}  // namespace aa::ui
