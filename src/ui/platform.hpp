// The services the UI needs from its host: the browser page (src/platform/web) or a test
// double (tests/ui). Everything asynchronous answers through App's on_* methods.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aa::ui {

struct A11yDocument;  // ui/accessibility.hpp

class Platform {
public:
    virtual ~Platform() = default;

    virtual void copy_to_clipboard(std::string_view utf8) = 0;
    // Asks the host for the clipboard's text (a Paste button); answers with App::on_paste.
    virtual void request_paste() = 0;
    // Saves `content` as a file named `filename` (a download in the browser).
    virtual void download(std::string_view filename, std::string_view mime, std::string_view content) = 0;
    // Shows a file picker ("accept" as in <input type=file>); answers with App::on_file per file.
    virtual void open_file_dialog(std::string_view accept) = 0;
    // Persists `value` under `key` (IndexedDB in the browser); answers with App::on_storage_result.
    virtual void storage_write(std::string_view key, std::string_view value, uint64_t ticket) = 0;
    // Reads `key`; answers with App::on_storage_read(ticket, found, value).
    virtual void storage_read(std::string_view key, uint64_t ticket) = 0;
    virtual void storage_delete(std::string_view key) = 0;
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
    // Every match of a regular expression (JavaScript RegExp syntax, flags "gu", plus "i" unless
    // case_sensitive) in `text`, as [start, end) code point offsets, left to right, empty matches
    // skipped, at most `max_hits` (*truncated says when more were left). nullopt when the pattern is
    // invalid: *error holds the engine's message. The default has no regex engine and says so.
    virtual std::optional<std::vector<std::pair<size_t, size_t>>> regex_find(std::string_view pattern,
                                                                             bool case_sensitive, std::string_view text,
                                                                             size_t max_hits, bool* truncated,
                                                                             std::string* error) {
        (void)pattern, (void)case_sensitive, (void)text, (void)max_hits, (void)truncated;
        if (error) *error = "regular expressions are not available here";
        return std::nullopt;
    }
    // Word boundaries inside `utf8`, a run of letters of scripts written without spaces (Chinese,
    // Japanese, Thai, Lao, Khmer, Myanmar), from a dictionary (Intl.Segmenter in the browser): code
    // point offsets 0 < b < size, ascending. nullopt when there is no dictionary (the tokenizer's
    // words are used: an ideograph each, a Thai run whole).
    virtual std::optional<std::vector<size_t>> dictionary_word_breaks(std::string_view utf8) {
        (void)utf8;
        return std::nullopt;
    }
    // The accessibility description changed (ui/accessibility.hpp): the browser mirrors it in the
    // DOM for screen readers. Called at the end of a frame; the default ignores it.
    virtual void accessibility_changed(const A11yDocument& doc) { (void)doc; }
};

}  // namespace aa::ui
