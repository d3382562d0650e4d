// WebPlatform: forwards each service to library_web.js. Everything asynchronous (paste, files,
// storage) answers later through api.cpp's exported aa_host_* functions.
#include "platform/web/web_platform.hpp"

#include <emscripten.h>

#include <cstdint>
#include <cstdlib>

#include "platform/web/js_bridge.hpp"

namespace aa::web {

void WebPlatform::copy_to_clipboard(std::string_view utf8) { aa_js_copy(utf8.data(), utf8.size()); }

bool WebPlatform::open_link(std::string_view url) {
    aa_js_open_link(url.data(), url.size());
    return true;
}

void WebPlatform::request_paste() { aa_js_request_paste(); }

void WebPlatform::download(std::string_view filename, std::string_view mime, std::string_view content) {
    aa_js_download(filename.data(), filename.size(), mime.data(), mime.size(), content.data(), content.size());
}

void WebPlatform::open_file_dialog(std::string_view accept, uint64_t request) {
    aa_js_open_file_dialog(accept.data(), accept.size(), static_cast<double>(request));
}

void WebPlatform::storage_write(std::string_view key, std::string_view value, uint64_t ticket) {
    // Tickets cross to JavaScript as a double: exact below 2^53, far beyond any session's count.
    aa_js_storage_write(key.data(), key.size(), value.data(), value.size(), static_cast<double>(ticket));
}

void WebPlatform::storage_read(std::string_view key, uint64_t ticket) {
    aa_js_storage_read(key.data(), key.size(), static_cast<double>(ticket));
}

void WebPlatform::storage_delete(std::string_view key) { aa_js_storage_delete(key.data(), key.size()); }

void WebPlatform::storage_commit(const ui::StorageBatch& batch, uint64_t ticket) {
    // Pointers and sizes only: the strings are decoded once, in JavaScript (wasm32: 32-bit words).
    std::vector<uint32_t> words{0};
    auto op = [&](uint32_t kind, const std::string& key, std::string_view value) {
        words.insert(
            words.end(),
            {kind, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(key.data())), static_cast<uint32_t>(key.size()),
             static_cast<uint32_t>(reinterpret_cast<uintptr_t>(value.data())), static_cast<uint32_t>(value.size())});
        ++words[0];
    };
    const std::string none;
    for (const auto& [k, v] : batch.puts) op(0, k, v);
    for (const std::string& k : batch.deletes) op(1, k, none);
    for (const auto& [lo, hi] : batch.delete_ranges) op(2, lo, hi);
    for (const auto& [k, pieces] : batch.byte_puts) {  // a put, then its value continued (5)
        op(3, k, pieces.empty() ? std::string_view() : pieces.front());
        for (size_t i = 1; i < pieces.size(); ++i) op(5, k, pieces[i]);
    }
    if (!batch.copy_saved_to.empty()) op(4, batch.copy_saved_to, none);
    for (const auto& [k, slot] : batch.staged_puts) {  // (6) the value is the slot's: no pointer
        words.insert(words.end(), {6u, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(k.data())),
                                   static_cast<uint32_t>(k.size()), static_cast<uint32_t>(slot), 0u});
        ++words[0];
    }
    aa_js_storage_commit(words.data(), static_cast<double>(ticket));
}

void WebPlatform::storage_stage(int slot, size_t total, size_t at, std::string_view bytes) {
    aa_js_storage_stage(slot, static_cast<double>(total), static_cast<double>(at), bytes.data(), bytes.size());
}

void WebPlatform::storage_read_saved(uint64_t ticket, std::string_view prefix) {
    aa_js_storage_read_saved(static_cast<double>(ticket), prefix.data(), prefix.size());
}

io::SavedState take_saved(double ticket) {
    auto part = [&](int p, int index) -> std::optional<std::string> {
        const int size = aa_js_saved_part(ticket, p, index);
        if (size < 0) return std::nullopt;
        std::string s(static_cast<size_t>(size) + 1, '\0');
        aa_js_saved_copy(s.data());
        s.resize(static_cast<size_t>(size));
        return s;
    };
    io::SavedState out;
    out.session = part(0, 0);
    out.head = part(1, 0);
    out.snapshot = part(2, 0);
    out.text = part(3, 0);
    const int n = aa_js_saved_records(ticket);
    for (int i = 0; i < n; ++i)
        if (auto r = part(4, i)) out.records.push_back(std::move(*r));
    aa_js_saved_forget(ticket);
    return out;
}

void WebPlatform::claim_session() { aa_js_claim_session(); }

std::string WebPlatform::now_local() {
    char buf[32] = {};
    aa_js_now_local(buf);
    return buf;
}

double WebPlatform::now_ms() { return emscripten_get_now(); }

std::string WebPlatform::now_iso() {
    char buf[32] = {};
    aa_js_now_iso(buf);
    return buf;
}

void WebPlatform::set_title(std::string_view title) { aa_js_set_title(title.data(), title.size()); }

namespace {
void team(std::string_view op, std::string_view a = {}, std::string_view b = {}, std::string_view c = {}) {
    aa_js_team(op.data(), op.size(), a.data(), a.size(), b.data(), b.size(), c.data(), c.size());
}
}  // namespace

std::string WebPlatform::team_unavailable() {
    if (aa_js_team_available()) return {};
    return "the single-file page (annotator.html) cannot load the sync script next to it, and its "
           "Content-Security-Policy allows no connection. Open index.html from a web server, or the page "
           "published in the database (annotator publish).";
}
void WebPlatform::team_sign_in(std::string_view url, std::string_view name, std::string_view password) {
    team("sign-in", url, name, password);
}
void WebPlatform::team_sign_out() { team("sign-out"); }
void WebPlatform::team_open(std::string_view article, std::string_view target) { team("open", article, target); }
void WebPlatform::team_load_other(std::string_view doc_id) { team("other", doc_id); }
void WebPlatform::team_write(std::string_view doc_id, std::string_view json) { team("write", doc_id, json); }
void WebPlatform::team_corpus(std::string_view a, std::string_view b) { team("corpus", a, b); }
void WebPlatform::team_export(std::string_view who, std::string_view format) { team("export", who, format); }
void WebPlatform::team_import(std::string_view as) { team("import", as); }
void WebPlatform::team_resolve(std::string_view doc_id, bool keep_mine) {
    team("resolve", doc_id, keep_mine ? "mine" : "theirs");
}

void WebPlatform::regex_find(uint64_t ticket, std::string_view pattern, bool case_sensitive, std::string_view text,
                             size_t max_hits) {
    aa_js_regex_find(static_cast<double>(ticket), pattern.data(), pattern.size(), text.data(), text.size(),
                     case_sensitive ? 1 : 0, static_cast<double>(max_hits), ui::kRegexBudgetMs);
}

void WebPlatform::regex_cancel(uint64_t ticket) { aa_js_regex_cancel(static_cast<double>(ticket)); }

bool WebPlatform::show_text_field(const ui::TextFieldView& f) {
    if (f.id == 0 && shown_field_ == 0) return false;  // nothing shown, nothing to hide
    shown_field_ = f.id;
    const float geometry[7] = {f.x, f.y, f.w, f.h, f.pad_x, f.pad_y, f.font_size};
    const uint32_t state[7] = {f.multiline ? 1u : 0u,
                               f.own_undo ? 1u : 0u,
                               f.just_activated ? 1u : 0u,
                               static_cast<uint32_t>(f.sel_start),
                               static_cast<uint32_t>(f.sel_end),
                               f.text_color,
                               f.password ? 1u : 0u};
    aa_js_text_field(f.id, geometry, state, f.text.data(), f.text.size(), kTextFontFamilies, f.name.data(),
                     f.name.size());
    return true;
}

std::optional<std::vector<size_t>> WebPlatform::dictionary_word_breaks(std::string_view utf8) {
    // One boundary at most per code point, and UTF-8 has at least one byte per code point.
    std::vector<uint32_t> out(utf8.size() + 1);
    const int n = aa_js_word_breaks(utf8.data(), utf8.size(), out.data(), out.size());
    if (n < 0) return std::nullopt;
    return std::vector<size_t>(out.begin(), out.begin() + n);
}

}  // namespace aa::web
