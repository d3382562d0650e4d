// A headless host for aa::ui::App: Dear ImGui with no renderer, a fake Platform that records
// what the UI asks of it, and helpers that feed real mouse and keyboard events.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "core/segment.hpp"
#include "ui/accessibility.hpp"
#include "ui/app.hpp"

namespace aa::test {

// The code point where `needle` first occurs in `t` at or after byte `from_byte` (it must occur).
inline size_t find_cp(const Text& t, std::string_view needle, size_t from_byte = 0) {
    const size_t byte = t.utf8().find(needle, from_byte);
    REQUIRE(byte != std::string::npos);
    return t.cp_of_byte(byte);
}

// The article of the interaction and relations tests: Feltman, Moscow, State Department, Nuland.
inline constexpr const char* kFeltmanArticle =
    "US Assistant Secretary of State for Near Eastern Affairs Jeffrey Feltman reported that talks in Moscow were "
    "useful, State Department spokesperson Victoria Nuland said.";

// Adds an entity over the first occurrence of `s` in the editor's text (it must be added); its id.
inline std::string add_entity_at(Editor& ed, std::string_view s, std::string_view label) {
    const size_t a = find_cp(ed.doc().text(), s);
    auto r = ed.add_entity(a, a + seg::to_utf32(s).size(), label);
    REQUIRE(r.ok());
    return r.ok() ? r.value() : std::string();
}

inline ImVec2 centre(const ui::Rect& r) { return ImVec2(r.x + r.width * 0.5f, r.y + r.height * 0.5f); }

// Any popup, menu or modal open (at any level).
inline bool any_popup_open() {
    return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
}

struct FakePlatform : ui::Platform {
    std::string clipboard;
    int paste_requests = 0;
    struct Download {
        std::string name, mime, content;
    };
    std::vector<Download> downloads;
    int file_dialogs = 0;
    std::map<std::string, std::string> storage;
    std::vector<uint64_t> pending_tickets;
    bool fail_storage = false;
    double clock = 1000;
    std::string title;

    void copy_to_clipboard(std::string_view s) override { clipboard = std::string(s); }
    std::vector<std::string> opened_links;
    bool open_link(std::string_view url) override {
        opened_links.emplace_back(url);
        return true;
    }
    void request_paste() override { ++paste_requests; }
    void download(std::string_view n, std::string_view m, std::string_view c) override {
        downloads.push_back({std::string(n), std::string(m), std::string(c)});
    }
    std::string last_accept;    // the accept list of the last file dialog
    uint64_t last_request = 0;  // its request id: the files picked in it carry this
    void open_file_dialog(std::string_view accept, uint64_t request) override {
        ++file_dialogs;
        last_accept = std::string(accept);
        last_request = request;
    }
    void storage_write(std::string_view key, std::string_view value, uint64_t ticket) override {
        if (!fail_storage) storage[std::string(key)] = std::string(value);
        if (ticket) pending_tickets.push_back(ticket);
    }
    std::vector<std::pair<std::string, uint64_t>> pending_reads;
    int claims = 0;
    void storage_read(std::string_view key, uint64_t ticket) override {
        pending_reads.emplace_back(std::string(key), ticket);
    }
    void storage_delete(std::string_view key) override { storage.erase(std::string(key)); }
    int commits = 0;
    double commit_cost_ms = 0;  // what handing a batch to storage costs the frame, on the clock
    void storage_commit(const ui::StorageBatch& batch, uint64_t ticket) override {
        ++commits;
        clock += commit_cost_ms;
        if (!fail_storage) {  // all or nothing, as an IndexedDB transaction
            if (!batch.copy_saved_to.empty()) copy_saved(batch.copy_saved_to);
            for (const auto& [lo, hi] : batch.delete_ranges)
                storage.erase(storage.lower_bound(lo), storage.upper_bound(hi));
            for (const std::string& k : batch.deletes) storage.erase(k);
            for (const auto& [k, v] : batch.puts) storage[k] = v;
            for (const auto& [k, pieces] : batch.byte_puts) {
                std::string& value = storage[k] = std::string();
                for (std::string_view v : pieces) value += v;
            }
            for (const auto& [k, slot] : batch.staged_puts) storage[k] = staged[slot];
        }
        for (const auto& [k, slot] : batch.staged_puts) staged.erase(slot);
        for (const auto& [k, v] : batch.puts) handed_bytes += v.size();
        for (const auto& [k, pieces] : batch.byte_puts)
            for (std::string_view v : pieces) handed_bytes += v.size();
        if (ticket) pending_tickets.push_back(ticket);
    }
    // The staging slots (a value handed over a piece at a time) and the bytes handed to storage
    // so far, by commits and stages: the copying a frame does.
    std::map<int, std::string> staged;
    size_t handed_bytes = 0;
    void storage_stage(int slot, size_t total, size_t at, std::string_view bytes) override {
        std::string& s = staged[slot];
        if (total == 0) {
            staged.erase(slot);
            return;
        }
        if (at == 0 || s.size() != total) s.assign(total, '\0');
        if (at + bytes.size() <= s.size()) s.replace(at, bytes.size(), bytes);
        handed_bytes += bytes.size();
    }
    // The autosave's keys copied under `prefix` (pre.js copySaved).
    void copy_saved(const std::string& prefix) {
        std::map<std::string, std::string> copies;
        for (const auto& [k, v] : storage)
            if (k == io::kHeadKey || k == io::kSnapshotKey || k.rfind(io::kJournalPrefix, 0) == 0)
                copies[prefix + k] = v;
        for (auto& [k, v] : copies) storage[k] = std::move(v);
    }
    std::vector<std::pair<uint64_t, std::string>> pending_saved_reads;  // ticket, prefix
    void storage_read_saved(uint64_t ticket, std::string_view prefix) override {
        pending_saved_reads.emplace_back(ticket, std::string(prefix));
    }
    void claim_session() override { ++claims; }
    std::string now_local() override {
        // A minute per simulated second, so that versions get distinct times.
        const int minutes = static_cast<int>(clock / 1000.0);
        char buf[32];
        std::snprintf(buf, sizeof buf, "2026-11-27 %02d:%02d", (minutes / 60) % 24, minutes % 60);
        return buf;
    }
    // Every look at the clock costs clock_step ms (0: time stands still within a frame), so that
    // work done in slices by time (the autosave's snapshot) spreads over frames as in the page.
    double clock_step = 0;
    double now_ms() override { return clock += clock_step; }
    std::string iso = "2026-11-27T12:00:00Z";  // the wall clock's time (tests move it by hand)
    std::string now_iso() override { return iso; }
    // The accessibility descriptions the UI handed over, the newest last.
    std::vector<ui::A11yDocument> a11y;
    void accessibility_changed(const ui::A11yDocument& d) override { a11y.push_back(d); }
    void set_title(std::string_view t) override { title = std::string(t); }
    // The browser's DOM element over the active text field, when `host_fields`: what it was shown.
    struct FieldShown {
        uint32_t id = 0;
        std::string text;
        bool multiline = false, own_undo = true, just_activated = false;
        size_t sel_start = 0, sel_end = 0;
        bool password = false;
    };
    bool host_fields = false;
    FieldShown field;
    bool show_text_field(const ui::TextFieldView& f) override {
        field = FieldShown{f.id,        std::string(f.text), f.multiline, f.own_undo, f.just_activated,
                           f.sel_start, f.sel_end,           f.password};
        return host_fields;
    }
    // Team projects: available when `team_available`; the sign-ins asked for (url, name, password).
    bool team_available = false;
    std::vector<std::array<std::string, 3>> team_sign_ins;
    std::string team_unavailable() override { return team_available ? "" : ui::Platform::team_unavailable(); }
    void team_sign_in(std::string_view url, std::string_view name, std::string_view password) override {
        team_sign_ins.push_back({std::string(url), std::string(name), std::string(password)});
    }
    // The corpus exports (who, format) and imports (as) asked for.
    std::vector<std::array<std::string, 2>> team_exports;
    std::vector<std::string> team_imports;
    void team_export(std::string_view who, std::string_view format) override {
        team_exports.push_back({std::string(who), std::string(format)});
    }
    void team_import(std::string_view as) override { team_imports.emplace_back(as); }
    // The open document's writes handed to the sync script (doc id, JSON), the newest last.
    std::vector<std::array<std::string, 2>> team_writes;
    void team_write(std::string_view doc_id, std::string_view json) override {
        team_writes.push_back({std::string(doc_id), std::string(json)});
    }
    // Intl.Segmenter stand-in: the longest word of `dictionary` at each position, else one code
    // point; an empty dictionary means none (the tokenizer's words are used).
    std::vector<std::u32string> dictionary;
    std::optional<std::vector<size_t>> dictionary_word_breaks(std::string_view utf8) override {
        if (dictionary.empty()) return std::nullopt;
        const std::u32string s = seg::to_utf32(utf8);
        std::vector<size_t> out;
        for (size_t i = 0; i < s.size();) {
            size_t len = 1;
            for (const std::u32string& w : dictionary)
                if (w.size() > len && s.compare(i, w.size(), w) == 0) len = w.size();
            i += len;
            if (i < s.size()) out.push_back(i);
        }
        return out;
    }
    // RegExp stand-in: std::regex (ECMAScript grammar, byte offsets over ASCII test texts turned
    // into code points), answered after the frame as the page's Worker answers later. The build has
    // no exceptions, so a pattern std::regex would reject must not reach it: unbalanced parentheses
    // and brackets get Chromium's message; other invalid patterns are not tested here. A pattern in
    // `runaway` is answered as the page answers one it stopped at its time budget.
    struct RegexRequest {
        uint64_t ticket;
        std::string pattern;
        bool case_sensitive;
        std::string text;
        size_t max_hits;
    };
    std::vector<RegexRequest> regex_requests;  // waiting for the end of the frame
    std::vector<uint64_t> regex_cancelled;
    std::vector<std::string> runaway;
    int regex_calls = 0;
    void regex_find(uint64_t ticket, std::string_view pattern, bool case_sensitive, std::string_view text,
                    size_t max_hits) override {
        ++regex_calls;
        regex_requests.push_back({ticket, std::string(pattern), case_sensitive, std::string(text), max_hits});
    }
    void regex_cancel(uint64_t ticket) override {
        regex_cancelled.push_back(ticket);
        std::erase_if(regex_requests, [&](const RegexRequest& r) { return r.ticket == ticket; });
    }
    ui::RegexResult run_regex(const RegexRequest& q) const {
        ui::RegexResult r;
        const std::string_view pattern = q.pattern;
        if (std::find(runaway.begin(), runaway.end(), q.pattern) != runaway.end()) {
            r.error = "stopped after 3 s (too slow on this text: it may backtrack without end, as (a+)+$ does)";
            return r;
        }
        int depth = 0, brackets = 0;
        for (char c : pattern) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        if (brackets != 0) {
            r.error = "Invalid regular expression: /" + std::string(pattern) + "/: Unterminated character class";
            return r;
        }
        if (depth != 0) {
            r.error = "Invalid regular expression: /" + std::string(pattern) +
                      "/: " + (depth > 0 ? "Unterminated group" : "Unmatched ')'");
            return r;
        }
        auto flags = std::regex::ECMAScript;
        if (!q.case_sensitive) flags |= std::regex::icase;
        const std::regex re{q.pattern, flags};
        const std::string& s = q.text;
        auto cp = [&](size_t byte) {
            size_t n = 0;
            for (size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
            return n;
        };
        r.ok = true;
        for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
            if (it->length(0) == 0) continue;
            if (r.hits.size() == q.max_hits) {
                r.truncated = true;
                break;
            }
            const size_t a = static_cast<size_t>(it->position(0));
            r.hits.emplace_back(cp(a), cp(a + static_cast<size_t>(it->length(0))));
        }
        return r;
    }
};

// What the page's start-up reads from `storage` (pre.js readSaved): the journal's keys, else the
// layout-1 "session".
// With a prefix: a recent version's copy of those keys (StorageBatch::copy_saved_to).
inline io::SavedState saved_of(const std::map<std::string, std::string>& storage, const std::string& under = "") {
    io::SavedState out;
    auto get = [&](const std::string& k) -> std::optional<std::string> {
        auto it = storage.find(k);
        return it == storage.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    out.head = get(under + io::kHeadKey);
    if (!out.head) {
        if (under.empty()) out.session = get(io::kLegacySessionKey);
        return out;
    }
    out.snapshot = get(under + io::kSnapshotKey);
    if (auto h = io::read_head(*out.head); h.ok()) out.text = get(h->text);
    const std::string prefix = under + io::kJournalPrefix;
    for (auto it = storage.lower_bound(prefix); it != storage.end() && it->first.rfind(prefix, 0) == 0; ++it)
        out.records.push_back(it->second);
    return out;
}

// The page's ImGui set-up for a test: a 1280x800 display at 60 frames a second, DejaVu Sans built
// into the font atlas.
inline void build_font_atlas(ui::App& app) {
    app.build_fonts();
    unsigned char* px;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&px, &w, &h);
}
inline void init_imgui(ui::App& app) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    app.set_font_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    build_font_atlas(app);
}

// One UI frame in `ctx`, 1/60 s after the one before (the fonts rebuilt first when a zoom changed them);
// storage and regular expressions are left unanswered (Harness::frame answers them).
inline void ui_frame(ImGuiContext* ctx, ui::App& app, FakePlatform& platform) {
    ImGui::SetCurrentContext(ctx);
    if (app.fonts_dirty()) build_font_atlas(app);
    platform.clock += 1000.0 / 60.0;
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
}

// Owns an ImGui context and an App; frame() runs one UI frame.
struct Harness {
    FakePlatform platform;
    ImGuiContext* ctx;
    ui::App app{platform};

    // `storage`: what the browser's storage holds when the page opens (a reload).
    explicit Harness(std::optional<std::string> session = std::nullopt, std::map<std::string, std::string> storage = {})
        : ctx(ImGui::CreateContext()) {
        ImGui::SetCurrentContext(ctx);
        platform.storage = std::move(storage);
        init_io();
        app.startup(std::move(session));
        frame();
        frame();
    }
    // A reload: the page starts on what `storage` holds (snapshot and journal, or layout 1).
    explicit Harness(std::map<std::string, std::string> storage) : ctx(ImGui::CreateContext()) {
        ImGui::SetCurrentContext(ctx);
        platform.storage = std::move(storage);
        init_io();
        app.startup(saved_of(platform.storage));
        frame();
        frame();
    }
    void init_io() { init_imgui(app); }
    ~Harness() { ImGui::DestroyContext(ctx); }
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    void frame() {
        ui_frame(ctx, app, platform);
        // Storage completes asynchronously in the browser: answer after the frame.
        auto tickets = std::move(platform.pending_tickets);
        platform.pending_tickets.clear();
        for (uint64_t t : tickets)
            app.on_storage_result(t, !platform.fail_storage, platform.fail_storage ? "QuotaExceededError" : "");
        auto reads = std::move(platform.pending_reads);
        platform.pending_reads.clear();
        for (auto& [key, t] : reads) {
            auto it = platform.storage.find(key);
            app.on_storage_read(t, it != platform.storage.end(),
                                it != platform.storage.end() ? it->second : std::string());
        }
        if (!hold_regex) answer_regex();
    }
    // Regular expressions are answered after each frame unless held (a search still running).
    bool hold_regex = false;
    void answer_regex() {
        auto requests = std::move(platform.regex_requests);
        platform.regex_requests.clear();
        for (const auto& q : requests) app.on_regex_result(q.ticket, platform.run_regex(q));
        auto saved_reads = std::move(platform.pending_saved_reads);
        platform.pending_saved_reads.clear();
        for (const auto& [t, prefix] : saved_reads) app.on_saved_read(t, saved_of(platform.storage, prefix));
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    // A click in the middle of a widget the app named last frame (App::widget_rect), then
    // `settle` more frames for what the click opens.
    void click_widget(const std::string& name, int settle = 0) {
        auto r = app.widget_rect(name);
        REQUIRE_MESSAGE(r.has_value(), name);
        click(ImVec2(r->x + r->width * 0.5f, r->y + r->height * 0.5f));
        frames(settle);
    }

    // As a browser clicks (a tap, Playwright, a quick click on a slow frame): the pointer moves onto
    // the widget and presses in the same frame, so nothing was hovered there the frame before.
    void quick_click_widget(const std::string& name, int settle = 2) {
        auto r = app.widget_rect(name);
        REQUIRE_MESSAGE(r.has_value(), name);
        ImGui::GetIO().AddMousePosEvent(r->x + r->width * 0.5f, r->y + r->height * 0.5f);
        ImGui::GetIO().AddMouseButtonEvent(0, true);
        frame();
        release();
        frames(settle);
    }

    ImVec2 center_of(size_t cp) {
        auto r = app.caret_rect(cp);
        REQUIRE(r.has_value());
        return ImVec2(r->x + r->width * 0.5f, r->y + r->height * 0.5f);
    }
    ImVec2 left_of(size_t cp) {
        auto r = app.caret_rect(cp);
        REQUIRE(r.has_value());
        return ImVec2(r->x + 1, r->y + r->height * 0.5f);
    }
    void move(ImVec2 p) {
        ImGui::GetIO().AddMousePosEvent(p.x, p.y);
        frame();
    }
    void press(int button = 0) {
        ImGui::GetIO().AddMouseButtonEvent(button, true);
        frame();
    }
    void release(int button = 0) {
        ImGui::GetIO().AddMouseButtonEvent(button, false);
        frame();
    }
    void click(ImVec2 p, int button = 0) {
        move(p);
        press(button);
        release(button);
    }
    // Drag from the middle of the character at `from` to the middle of the one before `to`.
    void drag(size_t from, size_t to) {
        move(center_of(from));
        press();
        move(center_of(to - 1));
        release();
    }
    void key(ImGuiKey k, bool ctrl = false, bool shift = false, bool alt = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        if (alt) io.AddKeyEvent(ImGuiMod_Alt, true);
        io.AddKeyEvent(k, true);
        frame();
        io.AddKeyEvent(k, false);
        if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
        if (alt) io.AddKeyEvent(ImGuiMod_Alt, false);
        frame();
    }
};

// Three text files opened together: a queue of three documents, the first open.
inline void open_three_documents(Harness& h) {
    h.app.on_files_begin(0, 3);
    h.app.on_file("one.txt", "Angela Merkel visited Paris.");
    h.app.on_file("two.txt", "Emmanuel Macron met her in Berlin.");
    h.app.on_file("three.txt", "Olaf Scholz spoke in Rome.");
    h.app.on_files_end(0);
    h.frames(2);
}

}  // namespace aa::test
