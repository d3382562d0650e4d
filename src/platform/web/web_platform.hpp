// WebPlatform: the browser's implementation of aa::ui::Platform (clipboard, downloads, file
// picker, IndexedDB storage, clock, page title, the canvas text engine), a thin layer over
// library_web.js.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "platform/web/canvas_text_engine.hpp"
#include "ui/accessibility.hpp"
#include "ui/platform.hpp"

namespace aa::web {

// The autosave read under `ticket` (0: at start-up) from JavaScript, then forgotten there.
io::SavedState take_saved(double ticket);

class WebPlatform final : public ui::Platform {
public:
    void copy_to_clipboard(std::string_view utf8) override;
    bool open_link(std::string_view url) override;
    void request_paste() override;
    void download(std::string_view filename, std::string_view mime, std::string_view content) override;
    void open_file_dialog(std::string_view accept, uint64_t request) override;
    void storage_write(std::string_view key, std::string_view value, uint64_t ticket) override;
    void storage_read(std::string_view key, uint64_t ticket) override;
    void storage_delete(std::string_view key) override;
    void storage_commit(const ui::StorageBatch& batch, uint64_t ticket) override;
    void storage_stage(int slot, size_t total, size_t at, std::string_view bytes) override;
    void storage_read_saved(uint64_t ticket, std::string_view prefix = {}) override;
    void claim_session() override;
    double now_ms() override;
    std::string now_iso() override;
    std::string now_local() override;
    void set_title(std::string_view title) override;
    std::string team_unavailable() override;
    void team_sign_in(std::string_view url, std::string_view name, std::string_view password) override;
    void team_sign_out() override;
    void team_open(std::string_view article, std::string_view target) override;
    void team_load_other(std::string_view doc_id) override;
    void team_write(std::string_view doc_id, std::string_view json) override;
    void team_resolve(std::string_view doc_id, bool keep_mine) override;
    void team_corpus(std::string_view a, std::string_view b) override;
    void team_export(std::string_view who, std::string_view format) override;
    void team_import(std::string_view as) override;
    void regex_find(uint64_t ticket, std::string_view pattern, bool case_sensitive, std::string_view text,
                    size_t max_hits) override;
    void regex_cancel(uint64_t ticket) override;
    std::optional<std::vector<size_t>> dictionary_word_breaks(std::string_view utf8) override;
    void accessibility_changed(const ui::A11yDocument& doc) override;  // accessibility_bridge.cpp
    bool show_text_field(const ui::TextFieldView& field) override;
    ui::TextRenderer* text_renderer() override { return &text_; }
    ui::TextRenderer* ui_text_renderer() override { return &ui_text_; }
    const CanvasTextEngine& text_engine() const { return text_; }
    // A lost WebGL context was restored: both text engines' atlases start again (their textures were
    // the old context's).
    void gl_context_restored() {
        text_.context_restored();
        ui_text_.context_restored();
    }

private:
    CanvasTextEngine text_;     // the article's text: measured and drawn by the browser's canvas
    CanvasTextEngine ui_text_;  // user text in the panels, at the UI's size
    uint32_t shown_field_ = 0;  // the text field the DOM element is over (0: hidden)
    // The accessibility description the mirror has (accessibility_bridge.cpp): a new one is sent as
    // the parts that differ from it. Empty until the first is sent (whole).
    std::optional<ui::A11yDocument> a11y_sent_;
};

}  // namespace aa::web
