// The services the UI needs from its host: the browser page (src/platform/web) or a test
// double (tests/ui). Everything asynchronous answers through App's on_* methods.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/journal.hpp"

namespace aa::ui {

struct A11yDocument;  // ui/accessibility.hpp
class TextRenderer;

// How long one regular expression may run in the page before it is stopped (milliseconds).
constexpr double kRegexBudgetMs = 3000;

// The answer to Platform::regex_find.
struct RegexResult {
    bool ok = false;  // false: `error` says why (the engine's message, or that it was stopped)
    std::vector<std::pair<size_t, size_t>> hits;
    bool truncated = false;  // stopped at max_hits
    std::string error;
};

// Writes of one storage transaction: all of them happen or none (IndexedDB's atomicity).
struct StorageBatch {
    std::vector<std::pair<std::string, std::string>> puts;           // key, value
    std::vector<std::string> deletes;                                // keys
    std::vector<std::pair<std::string, std::string>> delete_ranges;  // every key in [first, second]
    // Large values (the document's text, a snapshot) stored as their UTF-8 bytes, not as strings:
    // copied, not decoded, on the main thread. A value is given in pieces, stored as their
    // concatenation: the autosave's snapshot (io::SessionWriter) is never one block of the wasm
    // memory, which no gap freed by an import would hold. Borrowed: read only during storage_commit.
    std::vector<std::pair<std::string, std::vector<std::string_view>>> byte_puts;
    // Values handed over before, a piece per frame (Platform::storage_stage): key, staging slot.
    // The put empties the slot.
    std::vector<std::pair<std::string, int>> staged_puts;
    // Not empty: the autosave as stored when the transaction runs (io/journal.hpp's head, snapshot
    // and journal records) copied under this prefix + each key, by the storage itself (the values
    // never reach the App: a recent version that costs no serialisation). Read before the writes above.
    std::string copy_saved_to;
};

// The text field that has the keyboard, for a host that types into a field of its own (the browser:
// a DOM <input> or <textarea> over the field, so that input methods compose and every script is
// drawn by the browser while typing). Coordinates in the canvas's CSS pixels.
struct TextFieldView {
    uint32_t id = 0;  // ImGui's id of the field; 0: no field has the keyboard
    float x = 0, y = 0, w = 0, h = 0, pad_x = 0, pad_y = 0;
    bool multiline = false;
    bool password = false;              // an <input type=password>: shown as dots, no input method
    bool own_undo = true;               // Ctrl+Z/Y undo inside the field (false: they are the annotator's)
    bool just_activated = false;        // took the keyboard in this frame: take its text and selection
    std::string_view text;              // UTF-8
    std::string_view name;              // what a screen reader calls it ("Name", "Note"); may be empty
    size_t sel_start = 0, sel_end = 0;  // code points; the caret is at sel_end
    float font_size = 16;
    uint32_t text_color = 0;  // ImGui's packed 0xAABBGGRR (the element's background is transparent)
};

class Platform {
public:
    virtual ~Platform() = default;

    virtual void copy_to_clipboard(std::string_view utf8) = 0;
    // Opens an http(s) or mailto link (the guidelines') in a new tab, with no access back to this page
    // (noopener); false when the host cannot (then the caller copies it).
    virtual bool open_link(std::string_view url) {
        (void)url;
        return false;
    }
    // Asks the host for the clipboard's text (a Paste button); answers with App::on_paste.
    virtual void request_paste() = 0;
    // Saves `content` as a file named `filename` (a download in the browser).
    virtual void download(std::string_view filename, std::string_view mime, std::string_view content) = 0;
    // Shows a file picker ("accept" as in <input type=file>) for the App's `request`; answers with
    // App::on_files_begin / on_file / on_files_end carrying that request, or
    // App::on_file_dialog_cancelled(request). Files dropped or pasted carry kDroppedFiles.
    virtual void open_file_dialog(std::string_view accept, uint64_t request) = 0;
    // Persists `value` under `key` (IndexedDB in the browser); answers with App::on_storage_result.
    virtual void storage_write(std::string_view key, std::string_view value, uint64_t ticket) = 0;
    // Reads `key`; answers with App::on_storage_read(ticket, found, value).
    virtual void storage_read(std::string_view key, uint64_t ticket) = 0;
    virtual void storage_delete(std::string_view key) = 0;
    // Applies `batch` in one transaction (durable before it answers App::on_storage_result).
    virtual void storage_commit(const StorageBatch& batch, uint64_t ticket) = 0;
    // A large value copied out of the App ahead of the transaction that stores it, a piece per
    // frame, so that no one frame copies the whole (the autosave's snapshot of a 10 MB document):
    // `bytes` copied at `at` into staging slot `slot`, a value `total` bytes long (at 0 it begins
    // anew; total 0 empties the slot). A later batch's staged_puts store it.
    virtual void storage_stage(int slot, size_t total, size_t at, std::string_view bytes) = 0;
    // Reads the autosave (io::SavedState: the journal's keys, or layout 1's "session") in one
    // transaction; answers with App::on_saved_read. With a prefix: the copy StorageBatch::copy_saved_to
    // made under it (its text is the one its head names, under the text's own key).
    virtual void storage_read_saved(uint64_t ticket, std::string_view prefix = {}) = 0;
    // Tells other tabs of this page that this tab now saves the session; they answer by calling
    // App::on_other_tab() and pause their autosave, so that two tabs never overwrite each other.
    virtual void claim_session() = 0;
    // Milliseconds since an arbitrary origin (for autosave debouncing and frame timing).
    virtual double now_ms() = 0;
    // The wall-clock time as an ISO 8601 string (UTC), for document timestamps.
    virtual std::string now_iso() = 0;
    // The local wall-clock time for people, "YYYY-MM-DD HH:MM" (recent versions).
    virtual std::string now_local() = 0;
    // Sets the page's <title>.
    virtual void set_title(std::string_view title) = 0;
    // Starts a search for every match of a regular expression (JavaScript RegExp syntax, flags
    // "gu", plus "i" unless case_sensitive) in `text`. The answer comes later, never from inside this
    // call, through App::on_regex_result(ticket, ...): [start, end) code point offsets, left to right,
    // empty matches skipped, at most `max_hits`. A user's pattern may backtrack for ever ((a+)+$ on
    // "aaaa...b"), so the host runs it where it can be stopped (the browser: a Web Worker, ended
    // after kRegexBudgetMs) and answers with an error instead of freezing the page.
    virtual void regex_find(uint64_t ticket, std::string_view pattern, bool case_sensitive, std::string_view text,
                            size_t max_hits) = 0;
    // The answer to `ticket` is no longer wanted: drop it if it waits, stop it if it runs.
    virtual void regex_cancel(uint64_t ticket) = 0;
    // The article's text renderer: the host's (the browser's canvas, shaping every script), or
    // nullptr for Dear ImGui's font (the native build and the headless tests). Must outlive the App.
    virtual TextRenderer* text_renderer() { return nullptr; }
    // The same for user text in the panels, tooltips and lists, at the UI's size (a second atlas).
    virtual TextRenderer* ui_text_renderer() { return nullptr; }
    // Called at the end of every frame with the field that has the keyboard (id 0: none). A host
    // that shows its own element over the field returns true and answers each committed edit with
    // App::on_text_field_input (a composition arrives as one edit, when it is committed); the App
    // then draws the field's text only while the field does not have the keyboard. The default: no
    // element, Dear ImGui's field takes the keys.
    virtual bool show_text_field(const TextFieldView& field) {
        (void)field;
        return false;
    }
    // Word boundaries inside `utf8`, a run of letters of scripts written without spaces (Chinese,
    // Japanese, Thai, Lao, Khmer, Myanmar), from a dictionary (Intl.Segmenter in the browser): code
    // point offsets 0 < b < size, ascending. nullopt when there is no dictionary (the tokenizer's
    // words are used: an ideograph each, a Thai run whole).
    virtual std::optional<std::vector<size_t>> dictionary_word_breaks(std::string_view utf8) {
        (void)utf8;
        return std::nullopt;
    }
    // ---- Team projects (docs/team.md): the browser's sync script (team.js, PouchDB), loaded on
    // first use. Everything answers later through App::on_team_event (io/team_page.hpp's messages).
    // Why team projects cannot work here ("" when they can).
    virtual std::string team_unavailable() { return "this build of the annotator has no team projects"; }
    virtual void team_sign_in(std::string_view url, std::string_view name, std::string_view password) {
        (void)url, (void)name, (void)password;
    }
    virtual void team_sign_out() {}
    // Reads an article's documents for editing `target` (ann:<article>:<me> or gold:<article>).
    virtual void team_open(std::string_view article, std::string_view target) { (void)article, (void)target; }
    // Reads another document of the open article (an annotator's ann:, or gold:) for a comparison.
    virtual void team_load_other(std::string_view doc_id) { (void)doc_id; }
    // Writes a document (JSON without _rev: the sync script keeps the revisions) to the replica.
    virtual void team_write(std::string_view doc_id, std::string_view json) { (void)doc_id, (void)json; }
    // Resolves the unmergeable conflict of `doc_id`: this device's values win, or the other's.
    virtual void team_resolve(std::string_view doc_id, bool keep_mine) { (void)doc_id, (void)keep_mine; }
    // Annotators a and b across the corpus: the articles both annotated, a page at a time
    // (PageEvent::Kind::Corpus).
    virtual void team_corpus(std::string_view a, std::string_view b) { (void)a, (void)b; }
    // The corpus as files: exported from the replica (`who`: "gold" or an annotator; a format id)
    // and downloaded as one zip; files chosen by the user imported into the replica (their
    // annotations `as` "gold", "mine" or "none"). Answered by Notice and Error events (op set).
    virtual void team_export(std::string_view who, std::string_view format) { (void)who, (void)format; }
    virtual void team_import(std::string_view as) { (void)as; }
    // The accessibility description changed (ui/accessibility.hpp): the browser mirrors it in the
    // DOM for screen readers. Called at the end of a frame; the default ignores it.
    virtual void accessibility_changed(const A11yDocument& doc) { (void)doc; }
};

}  // namespace aa::ui
