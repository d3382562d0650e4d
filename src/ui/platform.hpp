// The services the UI needs from its host: the browser page (src/platform/web) or a test
// double (tests/ui). Everything asynchronous answers through App's on_* methods.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace aa::ui {

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
    // Milliseconds since an arbitrary origin (for autosave debouncing and frame timing).
    virtual double now_ms() = 0;
    // The wall-clock time as an ISO 8601 string (UTC), for document timestamps.
    virtual std::string now_iso() = 0;
    // Sets the page's <title>.
    virtual void set_title(std::string_view title) = 0;
};

}  // namespace aa::ui
