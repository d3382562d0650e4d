// App: fonts, startup and autosave, host events, the scripting entry points, menus, global
// shortcuts and the status bar. The article view and the side panels live in their own files
// (article_view.cpp, panels.cpp); all share AppImpl (app_impl.hpp).
//
// [SECTION] Helpers
// [SECTION] App (public forwarding)
// [SECTION] Fonts
// [SECTION] Documents: set text, import, export
// [SECTION] Startup and autosave
// [SECTION] Host events
// [SECTION] Frame, menus, shortcuts, status bar
#include "ui/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/printable.hpp"
#include "core/tokenizer.hpp"
#include "core/utf8.hpp"
#include "io/format.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

// =====================================================================================
// [SECTION] Helpers
// =====================================================================================

unsigned int to_imu32(Color c, float alpha) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(std::lround(alpha * 255)));
}

Color darker(Color c, float f) {
    return Color{static_cast<uint8_t>(c.r * f), static_cast<uint8_t>(c.g * f), static_cast<uint8_t>(c.b * f)};
}

namespace {
constexpr const char* kSessionKey = "session";
constexpr const char* kVersionsKey = "versions";
constexpr size_t kMaxVersions = 20;
constexpr double kVersionEveryMs = 5 * 60 * 1000;  // a version every five minutes of editing
constexpr size_t kBulkChange = 20;                 // or before a change of this many entities
// The largest text accepted (paste, file, API): a long book is ~2 MB; 16 MiB keeps the page
// responsive (layout, highlights, autosave) on a modest machine. Documented in the README.
constexpr size_t kMaxTextBytes = 16u << 20;
// An annotation file carries the text and its entities (a 10 MB book with 100,000 entities is
// ~18 MB of native JSON): files, imports and pastes may be this large; their texts still obey
// kMaxTextBytes.
constexpr size_t kMaxFileBytes = 64u << 20;
constexpr double kAutosaveDelayMs = 250;  // changes are persisted within a second
constexpr double kRetryFailedMs = 5000;   // a failed write is retried after this (or at the next change)
constexpr size_t kFrameWindow = 600;
constexpr const char* kSamplePath = "/assets/sample-article.txt";

// The code points the UI can show; the embedded font is a subset of DejaVu Sans covering them
// (glyphs the font lacks are skipped by the atlas and drawn as U+FFFD).
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x024F, 0x0250, 0x02FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400,
    0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF,
    0x2212, 0x2212, 0x2500, 0x25FF, 0x2713, 0x2717, 0xFB00, 0xFB06, 0xFFFD, 0xFFFD, 0,
};

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string read_file(const char* path) {
    std::string out;
    if (FILE* f = std::fopen(path, "rb")) {
        char buf[65536];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

std::string lower_ext(std::string_view name) {
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string e(name.substr(dot));
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}
}  // namespace

// =====================================================================================
// [SECTION] App (public forwarding)
// =====================================================================================

App::App(Platform& platform) : impl_(std::make_unique<AppImpl>(platform)) {}
App::~App() = default;
void App::set_font_file(std::string path) {
    impl_->font_file = std::move(path);
    impl_->fonts_dirty = true;
}
void App::set_pixel_ratio(float ratio) {
    if (ratio > 0 && std::fabs(ratio - impl_->pixel_ratio) > 0.01f) {
        impl_->pixel_ratio = ratio;
        impl_->fonts_dirty = true;
    }
}
bool App::fonts_dirty() const { return impl_->fonts_dirty; }
void App::build_fonts() { impl_->build_fonts(); }
void App::startup(std::optional<std::string> saved) { impl_->startup(std::move(saved)); }
void App::frame() { impl_->frame(); }
void App::record_frame_time(double ms) {
    AppImpl& a = *impl_;
    a.last_frame_ms = ms;
    if (a.frame_ms.size() < kFrameWindow)
        a.frame_ms.push_back(ms);
    else
        a.frame_ms[a.frame_pos] = ms;
    a.frame_pos = (a.frame_pos + 1) % kFrameWindow;
    ++a.frames;
}
void App::on_paste(std::string_view utf8) { impl_->on_paste(utf8); }
void App::on_paste_failed(std::string_view why) {
    impl_->set_status("Could not read the clipboard (" + std::string(why) + "): press Ctrl+V instead", true);
}
void App::on_file(std::string_view name, std::string_view bytes) { impl_->on_file(name, bytes); }
void App::on_files_begin(size_t count) { impl_->on_files_begin(count); }
void App::on_files_end() { impl_->on_files_end(); }
void App::on_storage_result(uint64_t t, bool ok, std::string_view m) { impl_->on_storage_result(t, ok, m); }
void App::on_storage_read(uint64_t t, bool found, std::string_view v) { impl_->on_storage_read(t, found, v); }
void App::on_other_tab() { impl_->on_other_tab(); }
void App::flush_autosave() { impl_->autosave_tick(true); }
std::vector<App::VersionInfo> App::versions() const {
    std::vector<VersionInfo> out;
    for (const auto& v : impl_->versions) out.push_back({v.key, v.when, v.title, v.entities});
    return out;
}
void App::restore_version(std::string_view key) {
    for (const auto& v : impl_->versions)
        if (v.key == key) impl_->request_restore(v.key, v.when);
}
Status App::set_text(std::string_view utf8) { return impl_->set_text(utf8); }
Editor& App::editor() { return impl_->editor; }
const Editor& App::editor() const { return impl_->editor; }
Result<std::string> App::export_as(std::string_view format) const { return impl_->export_as(format); }
const std::vector<std::string>& App::export_warnings() const { return impl_->export_warnings; }
Status App::import_from(std::string_view format, std::string_view content, std::string_view name) {
    return impl_->import_from(format, content, name);
}
std::optional<Rect> App::caret_rect(size_t cp) const { return impl_->caret_rect(cp); }
std::optional<Rect> App::widget_rect(std::string_view name) const {
    auto it = impl_->widget_rects.find(name);
    if (it == impl_->widget_rects.end() || it->second.second != ImGui::GetFrameCount()) return std::nullopt;
    return it->second.first;  // drawn in the last frame
}
SaveState App::save_state() const { return impl_->save_state; }
std::string App::status_message() const {
    return impl_->save_state == SaveState::Failed ? impl_->save_error : impl_->status;
}
FrameStats App::frame_stats() const {
    FrameStats s;
    s.frames = impl_->frames;
    s.last_ms = impl_->last_frame_ms;
    std::vector<double> v = impl_->frame_ms;
    if (!v.empty()) {
        std::sort(v.begin(), v.end());
        s.median_ms = v[v.size() / 2];
        s.p99_ms = v[std::min(v.size() - 1, static_cast<size_t>(std::ceil(static_cast<double>(v.size()) * 0.99)) - 1)];
    }
    return s;
}

AppImpl::AppImpl(Platform& p) : platform(p) {}

// =====================================================================================
// [SECTION] Fonts
// =====================================================================================

float AppImpl::tag_size() const { return std::max(9.0f, std::round(text_size() * 0.62f)); }

void AppImpl::set_zoom(float z) {
    z = std::clamp(z, 0.6f, 2.5f);
    if (std::fabs(z - prefs.zoom) < 0.001f) return;
    prefs.zoom = z;
    ++prefs_revision;
    fonts_dirty = true;
}

void AppImpl::build_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float r = pixel_ratio;
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    bool have_file = false;
    if (FILE* f = font_file.empty() ? nullptr : std::fopen(font_file.c_str(), "rb")) {
        have_file = true;
        std::fclose(f);
    }
    auto add = [&](float size, const ImWchar* ranges) -> ImFont* {
        if (have_file) {
            ImFontConfig c = cfg;
            if (ImFont* f = io.Fonts->AddFontFromFileTTF(font_file.c_str(), size * r, &c, ranges)) return f;
        }
        ImFontConfig c;
        c.SizePixels = size * r;
        return io.Fonts->AddFontDefault(&c);
    };
    // Every font covers the text's scripts: entity texts appear in the panels, tooltips and status.
    font_ui = add(15.0f, kTextRanges);
    font_text = add(text_size(), kTextRanges);
    font_tag = add(tag_size(), kTextRanges);
    io.Fonts->Build();
    io.FontDefault = font_ui;
    io.FontGlobalScale = 1.0f / r;
    fonts_dirty = false;
    layout_size = -1;  // re-wrap with the new advances
}

// =====================================================================================
// [SECTION] Documents: set text, import, export
// =====================================================================================

void AppImpl::new_document(Document doc) {
    if (doc.info.created.empty()) doc.info.created = platform.now_iso();
    editor.reset(std::move(doc));
    ++doc_generation;
    has_selection = false;
    selected_entity.clear();
    hovered_entity.clear();
    dragging_text = false;
    dragging_edge = 0;
    show_selection_popup = false;
    pending_scroll_y = 0.0f;
    // A document that carries its pre-annotation setup brings it back; one that does not takes the
    // panel's current setup (kept in its DocumentInfo from now on).
    if (!editor.doc().info.suggest.empty()) {
        if (Status s = apply_suggest_rules_json(editor.doc().info.suggest); !s) set_status(s.error().describe(), true);
    } else {
        sync_suggest_to_document();
    }
    const Document& d = editor.doc();
    if (!d.labels().find(prefs.active_label)) {
        prefs.active_label = d.labels().empty() ? "" : d.labels()[0].name;
        ++prefs_revision;
    }
    platform.set_title(d.text().empty() ? "Article Annotator" : d.display_title(60) + " - Article Annotator");
}

static std::string megabytes(size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

Status check_text_size(size_t bytes) {
    if (bytes > kMaxTextBytes)
        return make_error("the text is " + megabytes(bytes) + "; the limit is " + megabytes(kMaxTextBytes) +
                          " (split it into several documents)");
    return {};
}

static Status check_file_size(size_t bytes) {
    if (bytes > kMaxFileBytes)
        return make_error("the file is " + megabytes(bytes) + "; the limit is " + megabytes(kMaxFileBytes));
    return {};
}

Status AppImpl::set_text(std::string_view utf8, std::string_view source) {
    if (Status s = check_text_size(utf8.size()); !s) return s;
    auto text = Text::from_utf8(std::string(utf8));
    if (!text.ok()) return text.error();
    Document doc(std::move(*text), editor.doc().labels());  // keep the label set the user built
    doc.info.source = std::string(source);
    new_document(std::move(doc));
    return {};
}

Status AppImpl::import_from(std::string_view format, std::string_view content, std::string_view name) {
    if (Status s = check_file_size(content.size()); !s) return s;
    io::ReadOptions opt;
    opt.source_name = std::string(name);
    // The open article, for formats that do not carry the text (W3C, brat, CoNLL's spacing). It is
    // only a guess: a file it does not fit is read on its own when its format can do that (CoNLL).
    if (!editor.doc().text().empty()) opt.text = &editor.doc().text();
    io::ReadResult r = io::read(format, content, opt);
    if (!r.ok() && opt.text) {
        opt.text = nullptr;
        if (io::ReadResult alone = io::read(format, content, opt); alone.ok()) r = std::move(alone);
    }
    if (!r.ok()) return make_error(r.first_error());
    if (r.documents.empty()) return make_error("the file holds no document");
    for (const Document& d : r.documents)
        if (Status s = check_text_size(d.text().size_bytes()); !s) return s;
    const size_t n = r.documents.size();
    if (n > 1) {  // a multi-document file becomes the document queue (queue.cpp)
        queue_fill(std::move(r.documents), name.empty() ? "" : " from " + std::string(name));
        return {};
    }
    Document doc = std::move(r.documents.front());
    if (doc.info.source.empty()) doc.info.source = std::string(name);
    new_document(std::move(doc));
    size_t warnings = 0;
    for (const auto& d : r.diagnostics) warnings += !d.is_error();
    std::string msg = "Imported " + std::to_string(editor.doc().entities().size()) + " entities";
    if (!name.empty()) msg += " from " + std::string(name);
    if (warnings) msg += "; " + r.diagnostics.front().describe();
    set_status(msg);
    return {};
}

Result<std::string> AppImpl::export_as(std::string_view format) const {
    const io::Format* f = io::find_format(format);
    if (!f) return make_error("unknown format \"" + std::string(format) + "\"");
    if (!f->write) return make_error("format " + std::string(format) + " cannot be written");
    io::WriteResult w = io::write(format, editor.doc());
    // What a lossy target could not hold, for scripts (window.annotator.exportWarnings()).
    export_warnings.clear();
    for (const auto& d : w.diagnostics) export_warnings.push_back(d.message);
    return std::move(w.output);
}

std::string AppImpl::export_file_name(std::string_view format) const {
    std::string title = editor.doc().display_title(60);
    std::string safe;
    bool dash = false;
    for (size_t i = 0; i < title.size();) {
        const size_t start = i;
        const char32_t c = utf8::decode(title, i);
        const bool keep = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000);
        if (keep) {
            safe.append(title, start, i - start);
            dash = false;
        } else if (!dash && !safe.empty()) {
            safe += '-';
            dash = true;
        }
    }
    while (!safe.empty() && safe.back() == '-') safe.pop_back();
    if (safe.empty()) safe = "article";
    const io::Format* f = io::find_format(format);
    if (format == "native" || !f) return safe + ".annotations.json";
    return safe + "." + std::string(f->id) + std::string(f->extension);
}

void AppImpl::download(std::string_view format) {
    const io::Format* f = io::find_format(format);
    if (!f || !f->write) {
        set_status("cannot export as " + std::string(format), true);
        return;
    }
    io::WriteResult w = io::write(format, editor.doc());
    platform.download(export_file_name(format), f->mime, w.output);
    std::string msg = "Downloaded " + export_file_name(format);
    for (const auto& d : w.diagnostics) msg += "; " + d.message;
    set_status(msg, false);
}

void AppImpl::confirm_replace(std::string what, std::function<void()> action) {
    const size_t n = editor.doc().entities().size();
    if (n == 0) {
        action();
        return;
    }
    confirm_text = printable(what) + "\n\nThe current article has " + std::to_string(n) +
                   (n == 1 ? " entity" : " entities") + ". Download it first (Ctrl+S) if you want to keep it.";
    confirm_action = std::move(action);
    open_confirm = true;
}

void AppImpl::set_status(std::string msg, bool error) {
    // File names, labels and keys arrive here from files: escaped so none can forge a line.
    status = printable(msg);
    status_error = error;
    status_time = platform.now_ms();
}

// =====================================================================================
// [SECTION] Startup and autosave
// =====================================================================================

std::string AppImpl::view_json() const {
    nlohmann::json j;
    j["zoom"] = prefs.zoom;
    j["snap_to_words"] = prefs.snap_to_words;
    j["sticky_label"] = prefs.sticky_label;
    j["active_label"] = prefs.active_label;
    j["side_width"] = prefs.side_width;
    j["suggest"] = nlohmann::json::parse(suggest_rules_json(), nullptr, false);  // rules and gazetteers
    return j.dump();
}

void AppImpl::apply_view_json(std::string_view s) {
    nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
    if (!j.is_object()) return;
    auto num = [&](const char* k, float& out, float lo, float hi) {
        auto it = j.find(k);
        if (it != j.end() && it->is_number()) out = std::clamp(it->get<float>(), lo, hi);
    };
    auto flag = [&](const char* k, bool& out) {
        auto it = j.find(k);
        if (it != j.end() && it->is_boolean()) out = it->get<bool>();
    };
    num("zoom", prefs.zoom, 0.6f, 2.5f);
    num("side_width", prefs.side_width, 220.0f, 900.0f);
    flag("snap_to_words", prefs.snap_to_words);
    flag("sticky_label", prefs.sticky_label);
    if (auto it = j.find("active_label"); it != j.end() && it->is_string()) prefs.active_label = it->get<std::string>();
    if (auto it = j.find("suggest"); it != j.end() && it->is_object()) (void)apply_suggest_rules_json(it->dump());
    fonts_dirty = true;
}

// A light theme to sit beside the white article; rounded, roomy widgets.
static void apply_style() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.PopupRounding = 4;
    s.TabRounding = 4;
    s.FramePadding = ImVec2(7, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 14;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.92f, 0.92f, 0.94f, 1);
    c[ImGuiCol_Header] = ImVec4(0.26f, 0.52f, 0.96f, 0.22f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.52f, 0.96f, 0.35f);
    c[ImGuiCol_Button] = ImVec4(0.26f, 0.52f, 0.96f, 0.16f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.52f, 0.96f, 0.32f);
    c[ImGuiCol_Tab] = ImVec4(0.26f, 0.52f, 0.96f, 0.12f);
    c[ImGuiCol_TabActive] = ImVec4(0.26f, 0.52f, 0.96f, 0.38f);
}

void AppImpl::startup(std::optional<std::string> saved) {
    started = true;
    apply_style();
    if (saved && !saved->empty()) {
        auto s = io::read_session(*saved);
        if (s.ok()) {
            apply_view_json(s->view_json);
            new_document(std::move(s->document));
            editor.set_history(std::move(s->undo), std::move(s->redo));
            set_status("Restored your last session (" + std::to_string(editor.doc().entities().size()) + " entities)");
            if (!s->warnings.empty()) set_status("Restored your last session; " + s->warnings.front().message, true);
        } else {
            // Keep the unreadable data: it is not overwritten until the user changes something,
            // and a copy goes to another key first.
            platform.storage_write("session-unreadable", *saved, 0);
            set_status("Could not restore the last session (" + s.error().describe() + "); a copy was kept", true);
            new_document(Document{});
        }
    } else {
        new_document(Document{});
    }
    seen_revision = editor.revision();
    seen_prefs = prefs_revision;
    seen_generation = doc_generation;
    save_state = SaveState::Saved;
    if (saved && !saved->empty()) {
        last_saved = *saved;  // what storage holds: kept as a version before the first big change
        last_saved_when = platform.now_local();
        last_saved_entities = editor.doc().entities().size();
        last_saved_generation = doc_generation;
    }
    last_version_ms = platform.now_ms();
    versions_ticket = next_ticket++;
    platform.storage_read(kVersionsKey, versions_ticket);
    platform.claim_session();  // the newest tab saves; older ones pause (Platform::claim_session)
    queue_startup();           // the other documents of a queue, if any (queue.cpp)
}

void AppImpl::autosave_tick(bool flush) {
    if (!started) return;
    const double now = platform.now_ms();
    if (editor.revision() != seen_revision || prefs_revision != seen_prefs || doc_generation != seen_generation) {
        seen_revision = editor.revision();
        seen_prefs = prefs_revision;
        seen_generation = doc_generation;
        save_dirty = true;
        dirty_since = now;
        if (save_state != SaveState::Failed && !paused_by_other_tab) save_state = SaveState::Saving;
    }
    if (paused_by_other_tab) {
        save_state = SaveState::Off;
        return;
    }
    if (save_dirty && (flush || (inflight_ticket == 0 && now - dirty_since >= kAutosaveDelayMs))) {
        save_dirty = false;
        inflight_ticket = next_ticket++;
        if (save_state != SaveState::Failed) save_state = SaveState::Saving;
        editor.stamp_modified(platform.now_iso());
        inflight_payload = io::write_session(editor, view_json());
        inflight_when = platform.now_local();
        // Keep the state saved before a big change (another article, a bulk edit) as a version,
        // and one every few minutes, so that a mistake can be undone even after a reload.
        const size_t n = editor.doc().entities().size();
        const size_t delta = n > last_saved_entities ? n - last_saved_entities : last_saved_entities - n;
        if (!last_saved.empty() && (doc_generation != last_saved_generation || delta >= kBulkChange ||
                                    now - last_version_ms >= kVersionEveryMs)) {
            save_version(last_saved, last_saved_when);
            last_version_ms = now;
        }
        platform.storage_write(kSessionKey, inflight_payload, inflight_ticket);
    }
}

void AppImpl::save_version(const std::string& session, const std::string& when) {
    Version v;
    v.key = "version-" + std::to_string(next_ticket) + "-" + when;
    v.when = when;
    // Title and entity count for the menu, read from the snapshot itself.
    if (auto s = io::read_session(session); s.ok()) {
        v.title = s->document.display_title(40);
        v.entities = s->document.entities().size();
    }
    platform.storage_write(v.key, session, 0);
    versions.push_back(std::move(v));
    while (versions.size() > kMaxVersions) {
        platform.storage_delete(versions.front().key);
        versions.erase(versions.begin());
    }
    nlohmann::json index = nlohmann::json::array();
    for (const Version& x : versions)
        index.push_back({{"key", x.key}, {"when", x.when}, {"title", x.title}, {"entities", x.entities}});
    platform.storage_write(kVersionsKey, index.dump(), 0);
}

void AppImpl::on_storage_result(uint64_t ticket, bool ok, std::string_view message) {
    if (ticket == 0 || ticket != inflight_ticket) return;
    inflight_ticket = 0;
    if (ok) {
        save_error.clear();
        save_state = save_dirty ? SaveState::Saving : SaveState::Saved;
        last_saved = std::move(inflight_payload);
        last_saved_when = std::move(inflight_when);
        last_saved_entities = editor.doc().entities().size();
        last_saved_generation = doc_generation;
    } else {
        save_state = SaveState::Failed;
        std::string why(message);
        while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
        save_error = "Autosave failed: " + why + ". Your work is kept in this tab; download it (Ctrl+S).";
        set_status(save_error, true);
        save_dirty = true;  // try again with the next change, or in a few seconds: not on every frame
        dirty_since = platform.now_ms() + kRetryFailedMs;
    }
}

void AppImpl::on_storage_read(uint64_t ticket, bool found, std::string_view value) {
    if (ticket == 0) return;
    if (queue_take_read(ticket, found, value)) return;  // the document queue (queue.cpp)
    if (ticket == versions_ticket) {
        versions_ticket = 0;
        versions.clear();
        if (!found) return;
        nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
        if (!j.is_array()) return;
        for (const auto& x : j) {
            if (!x.is_object() || !x.contains("key") || !x["key"].is_string()) continue;
            Version v;
            v.key = x["key"].get<std::string>();
            if (x.contains("when") && x["when"].is_string()) v.when = x["when"].get<std::string>();
            if (x.contains("title") && x["title"].is_string()) v.title = x["title"].get<std::string>();
            if (x.contains("entities") && x["entities"].is_number_unsigned()) v.entities = x["entities"].get<size_t>();
            versions.push_back(std::move(v));
        }
        return;
    }
    const bool restoring = ticket == restore_ticket, taking_over = ticket == takeover_ticket;
    if (!restoring && !taking_over) return;
    (restoring ? restore_ticket : takeover_ticket) = 0;
    if (!found) {
        if (restoring) set_status("That version is no longer in this browser's storage", true);
        if (taking_over) {  // nothing saved elsewhere: continue with this tab's state
            paused_by_other_tab = false;
            platform.claim_session();
            save_dirty = true;
        }
        return;
    }
    auto s = io::read_session(value);
    if (!s.ok()) {
        set_status("Could not read the saved state: " + s.error().describe(), true);
        return;
    }
    if (restoring && !last_saved.empty()) save_version(last_saved, last_saved_when);  // restoring can be undone
    // Continuing here replaces what this tab changed while paused: keep it as a version first.
    if (taking_over && save_dirty) save_version(io::write_session(editor, view_json()), platform.now_local());
    last_saved.clear();  // already kept: the next save must not keep it again
    apply_view_json(s->view_json);
    const uint64_t before = editor.revision();
    new_document(std::move(s->document));
    editor.set_history(std::move(s->undo), std::move(s->redo));
    (void)before;
    if (taking_over) {
        paused_by_other_tab = false;
        platform.claim_session();
        set_status("This tab saves your work again (with the other tab's latest changes)");
    } else {
        set_status("Restored the version of " + restore_key);
    }
}

void AppImpl::on_other_tab() {
    if (paused_by_other_tab) return;
    paused_by_other_tab = true;
    save_state = SaveState::Off;
    set_status("Autosave paused: the annotator was opened in another tab", true);
}

void AppImpl::request_restore(const std::string& key, const std::string& when) {
    restore_key = when;
    restore_ticket = next_ticket++;
    platform.storage_read(key, restore_ticket);
}

void AppImpl::draw_versions_menu() {
    if (!ImGui::BeginMenu("Recent versions", !versions.empty())) return;
    for (size_t i = versions.size(); i-- > 0;) {
        const Version& v = versions[i];
        std::string label = "Restore the version of " + v.when + " - " + std::to_string(v.entities) + " entities";
        if (!v.title.empty()) label += " - " + v.title;
        label += "##" + v.key;
        if (ImGui::MenuItem(label.c_str())) {
            std::string key = v.key, when = v.when;
            confirm_replace("Restore the version of " + when + "? The current state is kept as a version too.",
                            [this, key, when] { request_restore(key, when); });
        }
    }
    ImGui::EndMenu();
}

void AppImpl::draw_paused_banner(float width) {
    if (!paused_by_other_tab) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 243, 205, 255));
    ImGui::BeginChild("##paused", ImVec2(width, ImGui::GetFrameHeightWithSpacing() + 8), false);
    ImGui::SetCursorPos(ImVec2(10, 4));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(
        "This annotator is open in another tab, which now saves the work. Changes here are not saved.");
    ImGui::SameLine();
    if (ImGui::Button("Continue here")) {
        // Load what the other tab saved, then save from here: nothing of either tab is lost.
        takeover_ticket = next_ticket++;
        platform.storage_read(kSessionKey, takeover_ticket);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// =====================================================================================
// [SECTION] Host events
// =====================================================================================

void AppImpl::on_paste(std::string_view utf8) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) {  // a text field has the focus: the paste is for it
        std::string clean = utf8::sanitize(utf8);
        io.AddInputCharactersUTF8(clean.c_str());
        return;
    }
    if (is_blank(utf8)) return;
    if (Status s = check_file_size(utf8.size()); !s) {
        set_status("Paste refused: " + s.error().message, true);
        return;
    }
    if (auto bad = utf8::validate(utf8)) {
        set_status("Paste refused: " + bad->message, true);
        return;
    }
    // A pasted annotation file (JSON) is imported; anything else is a new article.
    const size_t first = std::string_view(utf8).find_first_not_of(" \t\r\n");
    if (utf8[first] == '{' || utf8[first] == '[') {
        auto fmt = io::detect_format("pasted.json", utf8);
        if (fmt.ok()) {
            std::string content(utf8);
            std::string id(fmt.value()->id);
            io::ReadOptions opt;
            io::ReadResult probe = io::read(id, content, opt);
            if (probe.ok()) {
                confirm_replace("Import the pasted " + std::string(fmt.value()->name) + "?", [this, id, content] {
                    if (Status s = import_from(id, content, "pasted JSON"); !s) set_status(s.error().describe(), true);
                });
                return;
            }
            if (id == "native") {  // clearly meant as an annotation file: say what is wrong, change nothing
                set_status("Paste not imported: " + probe.first_error(), true);
                return;
            }
        }
    }
    if (Status s = check_text_size(utf8.size()); !s) {
        set_status("Paste refused: " + s.error().message, true);
        return;
    }
    std::string text(utf8);
    confirm_replace("Replace the article with the pasted text?", [this, text] {
        if (Status s = set_text(text, "pasted"); !s)
            set_status(s.error().describe(), true);
        else
            set_status("Pasted " + std::to_string(editor.doc().text().size()) + " characters");
    });
}

void AppImpl::on_file(std::string_view name, std::string_view bytes) {
    if (take_suggest_file(name, bytes)) return;    // asked for by the Suggest panel
    if (take_agreement_file(name, bytes)) return;  // another annotator's file (agreement_view.cpp)
    if (take_queue_file(name, bytes)) return;      // one of several files opened together, or a queue export
    const std::string ext = lower_ext(name);
    if (Status s = check_file_size(bytes.size()); !s) {
        set_status(std::string(name) + ": " + s.error().message, true);
        return;
    }
    if (ext == ".txt" || ext == ".text" || ext == ".md" || ext.empty()) {
        if (Status s = check_text_size(bytes.size()); !s) {
            set_status(std::string(name) + ": " + s.error().message, true);
            return;
        }
        if (auto bad = utf8::validate(bytes)) {
            set_status(std::string(name) + ": " + bad->message + " (is it a text file in UTF-8?)", true);
            return;
        }
        std::string text(bytes), source(name);
        confirm_replace("Open " + source + "?", [this, text, source] {
            if (Status s = set_text(text, source); !s)
                set_status(source + ": " + s.error().describe(), true);
            else
                set_status("Opened " + source);
        });
        return;
    }
    auto fmt = io::detect_format(name, bytes);
    if (!fmt.ok()) {
        set_status(std::string(name) + ": " + fmt.error().describe(), true);
        return;
    }
    std::string content(bytes), source(name), id(fmt.value()->id);
    confirm_replace("Open " + source + "?", [this, content, source, id] {
        if (Status s = import_from(id, content, source); !s) set_status(source + ": " + s.error().describe(), true);
    });
}

// =====================================================================================
// [SECTION] Frame, menus, shortcuts, status bar
// =====================================================================================

void AppImpl::frame() {
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::PushFont(font_ui);

    draw_menu_bar();
    const float menu_h = ImGui::GetFrameHeight();
    const float status_h = ImGui::GetFrameHeight() + 4;
    const float body_y = vp->Pos.y + menu_h;
    const float body_h = std::max(50.0f, vp->Size.y - menu_h - status_h);
    const float side_w = std::clamp(prefs.side_width, 220.0f, std::max(220.0f, vp->Size.x * 0.6f));

    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, body_y));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x - side_w, body_h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(255, 255, 255, 255));
    // NoNavInputs: Tab belongs to the annotator (next entity), not to ImGui's widget tabbing.
    ImGui::Begin("##article_host", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavInputs);
    float banner_h = 0;
    if (paused_by_other_tab) {
        const float y0 = ImGui::GetCursorPosY();
        draw_paused_banner(vp->Size.x - side_w);
        banner_h = ImGui::GetCursorPosY() - y0;
    }
    if (editor.doc().text().empty())
        draw_empty_state(vp->Size.x - side_w, body_h - banner_h);
    else
        draw_article(vp->Size.x - side_w, body_h - banner_h);
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    if (find.open && !editor.doc().text().empty()) draw_find_bar(vp->Pos.x, body_y, vp->Size.x - side_w);

    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - side_w, body_y));
    ImGui::SetNextWindowSize(ImVec2(side_w, body_h));
    ImGui::Begin("##side", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavInputs);
    draw_side_panel(side_w, body_h);
    ImGui::End();

    draw_status_bar(status_h);
    draw_selection_popup();
    draw_entity_context_menu();
    draw_modals();
    if (show_help) draw_help_window();
    handle_shortcuts();
    (void)io;
    ImGui::PopFont();
    queue_tick();
    autosave_tick();
}

void AppImpl::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Paste article", "Ctrl+V")) platform.request_paste();
        if (ImGui::MenuItem("Open file...", "Ctrl+O"))
            platform.open_file_dialog(".txt,.json,.jsonl,.jsonld,.ann,.conll,.xml,text/plain,application/json");
        draw_versions_menu();
        if (ImGui::MenuItem("Compare with another annotator's file...", nullptr, false, !editor.doc().text().empty()))
            open_agreement_dialog();
        note_widget("menu.compare");
        if (ImGui::MenuItem("Load the sample article")) {
            std::string sample = read_file(kSamplePath);
            confirm_replace("Load the sample article?", [this, sample] {
                if (Status s = set_text(sample, "sample-article.txt"); !s) set_status(s.error().describe(), true);
            });
        }
        ImGui::Separator();
        const bool has_text = !editor.doc().text().empty();
        if (ImGui::MenuItem("Download JSON", "Ctrl+S", false, has_text)) download("native");
        if (ImGui::BeginMenu("Export as", has_text)) {
            for (const io::Format& f : io::formats()) {
                if (!f.write) continue;
                std::string label = std::string(f.name) + " (" + std::string(f.extension) + ")";
                if (ImGui::MenuItem(label.c_str())) download(f.id);
            }
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem("Export all documents (JSONL)", nullptr, false, !queue.docs.empty())) queue_download();
        note_widget("menu.export_all");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        std::string u = editor.can_undo() ? "Undo " + editor.undo_name() : "Undo";
        std::string r = editor.can_redo() ? "Redo " + editor.redo_name() : "Redo";
        if (ImGui::MenuItem(u.c_str(), "Ctrl+Z", false, editor.can_undo())) editor.undo();
        if (ImGui::MenuItem(r.c_str(), "Ctrl+Shift+Z", false, editor.can_redo())) editor.redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Copy selection", "Ctrl+C", false, has_selection || !selected_entity.empty()))
            platform.copy_to_clipboard(selected_text());
        if (ImGui::MenuItem("Delete entity", "Del", false, !selected_entity.empty())) {
            if (Status s = editor.remove_entity(selected_entity); s) selected_entity.clear();
        }
        if (ImGui::MenuItem("Next entity", "Tab")) step_entity(+1);
        if (ImGui::MenuItem("Previous entity", "Shift+Tab")) step_entity(-1);
        if (ImGui::MenuItem("Find...", "Ctrl+F", false, !editor.doc().text().empty())) open_find();
        if (ImGui::MenuItem("Label the other occurrences", "P", false, offer.has_value())) apply_propagation();
        if (ImGui::MenuItem("Remove every entity like this", "Shift+Del", false, !selected_entity.empty()))
            remove_same_text(selected_entity);
        if (ImGui::MenuItem("Suggest entities", "Alt+S", false, !editor.doc().text().empty())) {
            compute_suggestions();
            side_tab_request = 2;
        }
        if (ImGui::MenuItem("Accept all suggestions", "Shift+A", false, !suggest.list.empty()))
            accept_all_suggestions();
        if (ImGui::MenuItem("Clear selection", "Esc")) {
            has_selection = false;
            selected_entity.clear();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Snap selections to words", "Alt: precise", prefs.snap_to_words)) {
            prefs.snap_to_words = !prefs.snap_to_words;
            ++prefs_revision;
        }
        if (ImGui::MenuItem("Sticky label (label on release)", nullptr, prefs.sticky_label)) {
            prefs.sticky_label = !prefs.sticky_label;
            ++prefs_revision;
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Zoom in", "Ctrl+=")) set_zoom(prefs.zoom * 1.1f);
        if (ImGui::MenuItem("Zoom out", "Ctrl+-")) set_zoom(prefs.zoom / 1.1f);
        if (ImGui::MenuItem("Actual size", "Ctrl+0")) set_zoom(1.0f);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Labels")) {
        if (ImGui::MenuItem("Add the CoNLL-2003 labels")) {
            if (Status s = editor.apply_preset(Preset::Conll2003); !s) set_status(s.error().describe(), true);
        }
        if (ImGui::MenuItem("Add the OntoNotes 5 labels (18)")) {
            if (Status s = editor.apply_preset(Preset::OntoNotes); !s) set_status(s.error().describe(), true);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts", "?")) show_help = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void AppImpl::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        // Typing goes to the focused field; modals handle their own keys.
        if (!io.WantTextInput && ImGui::IsKeyPressed(ImGuiKey_Escape)) show_selection_popup = false;
        if (!(ImGui::IsPopupOpen("##selection_labels") && !io.WantTextInput)) return;
    }
    if (handle_queue_keys() || handle_agreement_keys()) return;  // queue.cpp, agreement_view.cpp
    if (handle_feature_keys()) return;                           // find, propagation, suggestions (find.cpp)
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    const bool shift = io.KeyShift;
    if (ctrl) {
        if (ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
            if (shift)
                editor.redo();
            else
                editor.undo();
        } else if (ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
            editor.redo();
        } else if (ImGui::IsKeyPressed(ImGuiKey_S, false)) {
            if (!editor.doc().text().empty()) download("native");
        } else if (ImGui::IsKeyPressed(ImGuiKey_O, false)) {
            platform.open_file_dialog(".txt,.json,.jsonl,.jsonld,.ann,.conll,.xml,text/plain,application/json");
        } else if (ImGui::IsKeyPressed(ImGuiKey_C, false)) {
            if (has_selection || !selected_entity.empty()) platform.copy_to_clipboard(selected_text());
        } else if (ImGui::IsKeyPressed(ImGuiKey_Equal, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd, false)) {
            set_zoom(prefs.zoom * 1.1f);
        } else if (ImGui::IsKeyPressed(ImGuiKey_Minus, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract, false)) {
            set_zoom(prefs.zoom / 1.1f);
        } else if (ImGui::IsKeyPressed(ImGuiKey_0, false)) {
            set_zoom(1.0f);
        }
        if (shift && !selected_entity.empty()) {
            if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) nudge_entity_edge(true, -1, io.KeyAlt);
            if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) nudge_entity_edge(true, +1, io.KeyAlt);
        }
        return;
    }
    if (editor.doc().text().empty()) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        has_selection = false;
        show_selection_popup = false;
        selected_entity.clear();
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false) || ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) {
        if (!selected_entity.empty()) {
            if (Status s = editor.remove_entity(selected_entity); s) selected_entity.clear();
        }
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Tab, false)) step_entity(shift ? -1 : +1);
    if (shift && !selected_entity.empty()) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) nudge_entity_edge(false, -1, io.KeyAlt);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) nudge_entity_edge(false, +1, io.KeyAlt);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) {
        if (has_selection && !prefs.active_label.empty()) label_selection_or_entity(prefs.active_label);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Slash, false) && shift) show_help = !show_help;  // '?'
    if (ImGui::IsKeyPressed(ImGuiKey_F1, false)) show_help = !show_help;
    // Label hotkeys: digits and letters as assigned in the Labels panel.
    for (const Label& l : editor.doc().labels().all()) {
        if (l.key.size() != 1) continue;
        const char k = l.key[0];
        ImGuiKey key = ImGuiKey_None;
        if (k >= '0' && k <= '9')
            key = static_cast<ImGuiKey>(ImGuiKey_0 + (k - '0'));
        else if (k >= 'a' && k <= 'z')
            key = static_cast<ImGuiKey>(ImGuiKey_A + (k - 'a'));
        const bool keypad =
            k >= '0' && k <= '9' && ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (k - '0')), false);
        if (key != ImGuiKey_None && !shift && !io.KeyAlt && (ImGui::IsKeyPressed(key, false) || keypad)) {
            label_selection_or_entity(l.name);
            break;
        }
    }
}

void AppImpl::draw_status_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 2));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoNavInputs);
    const Document& d = editor.doc();
    const size_t n = d.entities().size();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu %s", n, n == 1 ? "entity" : "entities");
    if (!d.text().empty()) {
        ImGui::SameLine(0, 16);
        const LineCol lc = d.text().line_col(std::min(cursor_cp, d.text().size()));
        if (has_selection) {
            const size_t a = std::min(sel_anchor, sel_caret), b = std::max(sel_anchor, sel_caret);
            ImGui::Text("selection %zu-%zu (%zu chars)", a, b, b - a);
        } else {
            ImGui::Text("offset %zu (line %zu, col %zu)", cursor_cp, lc.line, lc.column);
        }
    }
    ImGui::SameLine(0, 16);
    switch (save_state) {
        case SaveState::Saved: ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.2f, 1), "saved"); break;
        case SaveState::Saving: ImGui::TextColored(ImVec4(0.5f, 0.5f, 0.5f, 1), "saving..."); break;
        case SaveState::Failed: ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "not saved"); break;
        case SaveState::Off: ImGui::TextDisabled("autosave off"); break;
    }
    if (!status.empty()) {
        ImGui::SameLine(0, 16);
        if (status_error)
            ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", status.c_str());
        else
            ImGui::TextUnformatted(status.c_str());
    }
    draw_feature_status();
    ImGui::End();
    ImGui::PopStyleVar();
}

void AppImpl::draw_help_window() {
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Keyboard shortcuts", &show_help,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    static const char* rows[][2] = {
        {"Ctrl+V", "paste an article (or an annotation JSON)"},
        {"Ctrl+O", "open a .txt or annotation file"},
        {"drag, double-click, Shift+click", "select text (snaps to words; hold Alt for characters)"},
        {"1-9 / label key", "label the selection, or relabel the selected entity"},
        {"Enter", "label the selection with the active label"},
        {"click an entity", "select it"},
        {"Del / Backspace", "delete the selected entity"},
        {"Tab / Shift+Tab", "next / previous entity"},
        {"Shift+Left/Right", "move the selected entity's end by a word (Alt: a character)"},
        {"Ctrl+Shift+Left/Right", "move the selected entity's start"},
        {"right-click an entity", "relabel, note, delete"},
        {"Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y", "undo / redo"},
        {"Ctrl+C", "copy the selected text"},
        {"Ctrl+S", "download the annotations (JSON)"},
        {"Ctrl+= / Ctrl+- / Ctrl+0", "zoom in / out / reset"},
        {"Esc", "clear the selection (then close the find bar)"},
        {"Ctrl+F", "find: text or regular expression (the selection becomes the query)"},
        {"Enter / Shift+Enter, F3 / Shift+F3", "next / previous hit"},
        {"Alt+C / Alt+W / Alt+R (in find)", "match case / whole words / regular expression"},
        {"Alt+Enter (in find)", "label every hit with the active label (one undo step)"},
        {"P", "label the other occurrences of the text just labelled (when offered)"},
        {"Shift+Del", "remove every entity with the selected one's text and label"},
        {"Alt+S", "compute suggestions (Suggest panel: gazetteer, rules, names)"},
        {"N / Shift+N", "next / previous suggestion"},
        {"A / R or X", "accept / reject the hovered or current suggestion"},
        {"Shift+A", "accept every suggestion (one undo step)"},
        {"KB id, attributes", "edit in the side panel when an entity is selected; Enter commits"},
        {"Alt+PageDown / Alt+PageUp", "next / previous document of the queue (also Alt+Right / Alt+Left)"},
        {"Alt+M", "mark the document done (again: in progress)"},
        {"] / [, F8 / Shift+F8", "next / previous difference (comparison with another annotator)"},
        {"A / B / N", "keep side A, side B or neither for the current difference"},
        {"? or F1", "this help"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace aa::ui
