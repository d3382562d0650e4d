// AppImpl: the state behind aa::ui::App, shared by the files that draw its parts:
//   app.cpp           fonts, startup, autosave, events, scripting, menus, shortcuts, status bar
//   article_view.cpp  the article: layout, highlights, selection, mouse and keyboard editing
//   panels.cpp        side panels: entity details, labels, entities table; dialogs
//   find.cpp          the find bar (plain and RegExp), label every hit, propagation, their keys
//   suggest_view.cpp  pre-annotation: gazetteers, rules, names; suggestions drawn and accepted
//   details.cpp       the selected entity's knowledge-base id and attributes
//   queue.cpp         the document queue: many articles, statuses, next/previous, export all
//   agreement_view.cpp  comparison with another annotator: differences, scores, curation
// Document edits go through `editor` (undoable); everything else here is view state.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement.hpp"
#include "core/editor.hpp"
#include "core/search.hpp"
#include "core/suggest.hpp"
#include "ui/app.hpp"
#include "ui/text_layout.hpp"

struct ImFont;
struct ImDrawList;

namespace aa::ui {

struct ViewPrefs {
    float zoom = 1.0f;
    bool snap_to_words = true;
    bool sticky_label = false;
    std::string active_label;
    float side_width = 360.0f;
};

// Per visible line, the drawn boxes of entity segments (for hit-testing and outlines).
struct SegmentBox {
    Slot slot;
    float x0, x1, y0, y1;   // screen coordinates of the highlight (text box)
    int level;              // 0 = filled; >= 1 = underline bar
    bool is_start, is_end;  // the entity starts / ends on this segment
};

class AppImpl {
public:
    explicit AppImpl(Platform& p);

    // ---- app.cpp ----
    void build_fonts();
    void startup(std::optional<std::string> saved);
    void frame();
    void on_paste(std::string_view utf8);
    void on_file(std::string_view name, std::string_view bytes);
    void on_storage_result(uint64_t ticket, bool ok, std::string_view message);
    Status set_text(std::string_view utf8, std::string_view source = {});
    Status import_from(std::string_view format, std::string_view content, std::string_view name);
    Result<std::string> export_as(std::string_view format) const;
    mutable std::vector<std::string> export_warnings;  // of the last export_as
    void download(std::string_view format);
    void new_document(Document doc);  // replaces the document (not undoable): resets view state
    // Asks before replacing a document with entities (the choice runs `action`).
    void confirm_replace(std::string what, std::function<void()> action);
    void set_status(std::string msg, bool error = false);
    void autosave_tick(bool flush = false);  // flush: write now, the page is going away
    std::string view_json() const;
    void apply_view_json(std::string_view json);
    void handle_shortcuts();
    void draw_menu_bar();
    void draw_status_bar(float height);
    void draw_help_window();
    std::string export_file_name(std::string_view format) const;
    float text_size() const { return base_text_size * prefs.zoom; }
    float tag_size() const;
    void set_zoom(float z);

    // ---- article_view.cpp ----
    void draw_article(float width, float height);
    void draw_empty_state(float width, float height);
    void ensure_layout(float wrap_width);
    void scroll_to(size_t cp);
    void select_entity(std::string id, bool scroll);
    void step_entity(int dir);
    void label_selection_or_entity(const std::string& label);
    void nudge_entity_edge(bool move_start, int dir, bool precise);
    void draw_selection_popup();
    void draw_entity_context_menu();
    std::optional<Rect> caret_rect(size_t cp) const;
    std::string selected_text() const;

    // ---- panels.cpp ----
    void draw_side_panel(float width, float height);
    void draw_entity_details();
    void commit_pending_details();
    void sync_suggest_to_document();
    void commit_attributes(const std::string& id);
    void draw_labels_panel();
    void draw_entities_panel();
    void draw_modals();

    Platform& platform;
    Editor editor;
    ViewPrefs prefs;
    uint64_t prefs_revision = 0;
    uint64_t doc_generation = 0;  // increments when the text is replaced

    // Fonts
    std::string font_file;
    float pixel_ratio = 1.0f;
    bool fonts_dirty = true;
    float base_text_size = 18.0f;
    ImFont* font_ui = nullptr;
    ImFont* font_text = nullptr;
    ImFont* font_tag = nullptr;

    // Layout cache (rebuilt when the text, width or font size changes)
    TextLayout layout;
    uint64_t layout_generation = ~0ull;
    float layout_width = -1, layout_size = -1;
    float row_height = 0, tag_band = 0;

    // Selection and interaction (view state, never undoable)
    bool has_selection = false;
    size_t sel_anchor = 0, sel_caret = 0;  // caret positions (code points)
    std::string selected_entity;
    std::string hovered_entity;
    bool dragging_text = false;
    int dragging_edge = 0;  // 0 none, -1 start, +1 end
    size_t drag_edge_cp = 0;
    bool show_selection_popup = false;
    bool open_context_menu = false;
    std::optional<float> pending_scroll_y;
    size_t cursor_cp = 0;              // last caret position under the mouse or of the selection (status bar)
    std::vector<SegmentBox> boxes;     // this frame's entity boxes on visible lines
    float origin_x = 0, origin_y = 0;  // screen position of layout coordinate (0, 0), last frame
    float view_top = 0, view_height = 0;
    bool article_drawn = false;

    // Autosave
    uint64_t seen_revision = ~0ull, seen_prefs = 0, seen_generation = ~0ull;
    bool save_dirty = false;
    double dirty_since = 0;
    uint64_t next_ticket = 1, inflight_ticket = 0;
    SaveState save_state = SaveState::Off;
    std::string save_error;
    bool started = false;

    // Recent versions: snapshots of earlier saved states, to recover from a mistaken bulk change
    // or a replaced article after a reload. The index lives under "versions", each snapshot under
    // its own key. A version is the state saved just before a big change, or every few minutes.
    struct Version {
        std::string key, when, title;
        size_t entities = 0;
    };
    std::vector<Version> versions;  // oldest first
    std::string last_saved;         // the session text last written successfully
    std::string last_saved_when;    // its local time
    std::string inflight_payload, inflight_when;
    size_t last_saved_entities = 0;
    uint64_t last_saved_generation = 0;
    double last_version_ms = 0;
    uint64_t versions_ticket = 0, restore_ticket = 0, takeover_ticket = 0;
    std::string restore_key;
    bool paused_by_other_tab = false;
    void on_storage_read(uint64_t ticket, bool found, std::string_view value);
    void on_other_tab();
    void save_version(const std::string& session, const std::string& when);
    void draw_versions_menu();
    void request_restore(const std::string& key, const std::string& when);
    void draw_paused_banner(float width);

    // Status line
    std::string status;
    bool status_error = false;
    double status_time = 0;

    // Entities panel
    std::string entity_filter;
    std::vector<Slot> entity_rows;
    uint64_t rows_revision = ~0ull;
    std::string rows_filter;
    int sort_column = 2;  // 0 text, 1 label, 2 start, 3 end
    bool sort_ascending = true;
    bool rows_sorted_dirty = true;
    int side_tab_request = -1;

    // Labels panel / dialogs
    std::vector<size_t> label_counts;  // per label index, recounted when the document changes
    uint64_t counts_revision = ~0ull;
    size_t label_count(size_t label_index);
    std::string new_label_name;
    std::string rename_from, rename_to, rename_key, rename_description;
    std::string delete_label_name, delete_relabel_to;
    std::string label_error;
    std::string note_edit_id, note_edit;
    bool open_note_popup = false;
    std::string confirm_text;
    std::function<void()> confirm_action;
    bool open_confirm = false;
    bool show_help = false;

    // ---- find.cpp: find bar, propagation, the keys of both (and of suggestions) ----
    void open_find();
    void draw_find_bar(float x, float y, float width);
    void find_refresh();      // recomputes hits when the query, options or text changed
    void find_step(int dir);  // next / previous hit, scrolled into view
    void find_label_all();    // the active label on every hit, one undo step
    void draw_find_hits(ImDrawList* dl, size_t line, float ty, float size);  // one visible line
    void propagation_refresh();  // offers to label the other occurrences after a labelling
    void apply_propagation();
    void remove_same_text(const std::string& id);
    bool handle_feature_keys();  // true when a key was used (handle_shortcuts stops there)
    void draw_feature_status();  // the propagation offer in the status bar
    // ---- suggest_view.cpp ----
    void draw_suggest_panel();
    void compute_suggestions();
    void suggestions_refresh();  // re-merges when the document changed (accepted ones drop out)
    void draw_suggestions(ImDrawList* dl, size_t line, float ty, float size);  // dashed outlines
    void accept_suggestion(size_t index);
    void reject_suggestion(size_t index);
    void accept_all_suggestions();
    void step_suggestion(int dir);
    std::string suggest_rules_json() const;  // rules + gazetteers (autosave, export)
    Status apply_suggest_rules_json(std::string_view json);
    bool take_suggest_file(std::string_view name, std::string_view bytes);  // a file asked for by the panel
    // ---- details.cpp ----
    void draw_entity_extras(const Entity& e);  // kb id and attributes of the selected entity

    struct FindState {
        bool open = false;
        bool focus_field = false;
        std::string query;
        bool case_sensitive = false, whole_word = false, regex = false;
        std::vector<Span> hits;  // sorted by start, not overlapping: visible lines query by range
        std::string error;       // an invalid pattern: the browser's message
        bool truncated = false;
        size_t current = static_cast<size_t>(-1);
        std::string key_query;  // what `hits` was computed for
        int key_options = -1;
        uint64_t key_generation = ~0ull;
    } find;

    struct PropagationOffer {
        std::string entity_id, text, label;
        size_t count = 0;
    };
    std::optional<PropagationOffer> offer;
    uint64_t offer_revision = ~0ull;

    struct SuggestState {
        std::string gazetteer_text;
        bool gaz_case_sensitive = true, gaz_whole_word = true;
        std::vector<Rule> rules;
        std::string new_pattern, new_rule_label;
        bool names_enabled = true;
        std::string names_label;
        std::vector<std::vector<Suggestion>> sources;  // computed by "Suggest" for doc_generation
        uint64_t sources_generation = ~0ull;
        std::vector<Suggestion> list;  // merged, sorted by start, not overlapping
        std::vector<Suggestion> rejected;
        uint64_t list_revision = ~0ull;
        size_t current = static_cast<size_t>(-1);
        size_t hovered = static_cast<size_t>(-1);
        std::string error;
        bool computed = false;
        uint64_t rules_revision = 0;  // increments when rules or gazetteers change (autosave)
    } suggest;
    bool suggest_file_expected = false;  // the next opened file is a gazetteer or rules file

    // Entity details (details.cpp): edit buffers of the selected entity.
    std::string kb_edit_id, kb_edit;
    std::string attr_edit_id;
    Attributes attr_edit;
    uint64_t attr_edit_revision = ~0ull;

    // ---- queue.cpp: the document queue (one document open in `editor`, the others as sessions) ----
    enum class DocStatus { Todo, InProgress, Done };
    struct QueueDoc {
        std::string id;  // storage key "queue-<id>"
        std::string title;
        size_t entities = 0;
        DocStatus status = DocStatus::Todo;
        std::string session;  // io::write_session text; empty for the open document (it is in `editor`)
        bool loaded = true;   // false until its storage read answers (after a reload)
    };
    struct QueueState {
        std::vector<QueueDoc> docs;  // empty: a single article, no queue
        size_t current = 0;
        uint64_t next_id = 1;
        uint64_t opened_revision = 0;  // editor revision when `current` was opened (the first edit: in progress)
        bool index_dirty = false;
        double index_dirty_since = 0;
        uint64_t index_ticket = 0;                               // the startup read of the index
        std::vector<std::pair<uint64_t, std::string>> reads;     // storage reads of waiting documents: ticket, id
        size_t batch_expected = 0;                               // files opened together (Platform announces them)
        std::vector<std::pair<std::string, std::string>> batch;  // (name, bytes), read at the end
        std::vector<std::string> batch_errors;
    } queue;
    // `text`: the text for formats that do not carry it (brat, W3C, CoNLL): the text file of the
    // same name opened with it, else the open document's (when it has one).
    Result<std::vector<Document>> documents_of_file(std::string_view name, std::string_view bytes,
                                                    const Text* text = nullptr);
    Result<std::vector<Document>> read_documents_of_file(std::string_view name, std::string_view bytes,
                                                         const Text* text);
    void on_files_begin(size_t count);
    void on_files_end();
    bool take_queue_file(std::string_view name, std::string_view bytes);
    void confirm_queue_replace(std::string what, std::function<void()> action);
    void queue_fill(std::vector<Document> docs, std::string note);
    void queue_switch(size_t index);
    void queue_step(int dir);
    void queue_set_status(size_t index, DocStatus s);
    void queue_toggle_done();
    void queue_index_changed();
    std::string queue_index_json() const;
    void queue_persist_now();
    void queue_startup();
    bool queue_take_read(uint64_t ticket, bool found, std::string_view value);
    void queue_tick();
    Result<std::string> queue_export_jsonl() const;  // native documents, one per line
    void queue_download();
    size_t queue_done() const;
    void draw_queue_panel();
    bool handle_queue_keys();

    // Screen rectangles of named widgets of the queue and agreement panels, last frame (tests click them).
    std::map<std::string, std::pair<Rect, int>, std::less<>> widget_rects;  // and the frame drawn
    void note_widget(std::string name);                                     // the last drawn item

    // ---- agreement_view.cpp: comparison with another annotator's file (B) of the same text ----
    struct AgreementView {
        bool active = false;
        std::string name;  // B's file name
        Document other;    // B
        Agreement result;
        std::vector<Side> choices;                      // per difference
        uint64_t revision = ~0ull, generation = ~0ull;  // of A when computed
        size_t current = static_cast<size_t>(-1);
    } agree;
    bool agreement_file_expected = false;  // the next opened file is B
    void open_agreement_dialog();
    Status compare_with(std::string_view name, std::string_view bytes);
    bool take_agreement_file(std::string_view name, std::string_view bytes);
    void close_agreement();
    void agreement_refresh();
    void agreement_select(size_t index);
    void agreement_step(int dir);
    void agreement_choose(size_t index, Side side);
    Status build_curated();  // one undo step
    void draw_agreement_marks(ImDrawList* dl, size_t line, float ty, float size);
    void draw_agreement_panel();
    bool handle_agreement_keys();

    // Frame statistics (CPU ms per frame, measured by the host)
    std::vector<double> frame_ms;
    size_t frame_pos = 0;
    uint64_t frames = 0;
    double last_frame_ms = 0;
};

// The size limit of one document's text (16 MiB, app.cpp): an error naming both sizes.
Status check_text_size(size_t bytes);

// Colour helpers (core colours -> ImGui's packed colours)
unsigned int to_imu32(Color c, float alpha = 1.0f);
Color darker(Color c, float f);

}  // namespace aa::ui
