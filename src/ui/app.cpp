// App: the public forwarding to AppImpl, fonts, the style and the frame (menu bar, article,
// side panel, status bar). The other parts of AppImpl live in their own files (app_impl.hpp
// lists them): documents.cpp, autosave.cpp, menus.cpp, shortcuts.cpp, article_view.cpp, ...
//
// [SECTION] Helpers
// [SECTION] App (public forwarding)
// [SECTION] Fonts and style
// [SECTION] Frame and status bar
#include "ui/app.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the open popups, for their shadows; RenderTextEllipsis

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "ui/app_impl.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

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
constexpr size_t kFrameWindow = 600;
constexpr double kStatusFreshMs = 15000;  // a status message older than this is shown as history
constexpr float kNarrowWidth = 700.0f;    // below this width (CSS px) the side panel is a sheet below the article

}  // namespace

// =====================================================================================
// [SECTION] App (public forwarding)
// =====================================================================================

App::App(Platform& platform) : impl_(std::make_unique<AppImpl>(platform)) {}
App::~App() = default;
void App::set_system_dark(bool dark) { impl_->system_dark = dark; }
void App::set_system_contrast(bool more) { impl_->system_contrast = more; }
void App::set_reduced_motion(bool reduce) { impl_->reduced_motion = reduce; }
void App::set_font_file(std::string path) {
    impl_->fonts.file = std::move(path);
    impl_->fonts.dirty = true;
}
void App::set_pixel_ratio(float ratio) {
    if (ratio > 0 && std::fabs(ratio - impl_->fonts.pixel_ratio) > 0.01f) {
        impl_->fonts.pixel_ratio = ratio;
        impl_->fonts.dirty = true;
    }
}
bool App::fonts_dirty() const { return impl_->fonts.dirty; }
bool App::busy() const {
    return impl_->bulk.active || impl_->undo_job.active || impl_->import_busy() || impl_->find.run ||
           impl_->offer_run || impl_->find_queue_searching() ||
           (impl_->suggest.pending &&
            (impl_->suggest.pending->known || impl_->suggest.pending->run || impl_->suggest.pending->merge)) ||
           (impl_->save.job.active && !impl_->save.schedule.paused());
}
size_t App::paragraphs_laid_out() const {
    return impl_->layout_generation == impl_->doc_generation ? impl_->article.exact_count() : 0;
}
std::optional<double> App::import_progress() const {
    if (impl_->import_job.reveal) return 1.0;  // read whole, shown in parts
    if (!impl_->import_job.run) return std::nullopt;
    return impl_->import_job.run->progress();
}
void App::build_fonts() { impl_->build_fonts(); }
void App::startup(std::optional<std::string> saved) { impl_->startup(std::move(saved)); }
void App::startup(io::SavedState saved) { impl_->startup_saved(std::move(saved)); }
void App::frame() { impl_->frame(); }
void App::accessibility_after_frame(bool on) { impl_->a11y_after_frame = on; }
bool App::accessibility_left() const { return impl_->a11y_left; }
bool App::describe_left_accessibility() { return impl_->describe_left_accessibility(); }
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
void App::on_text_field_input(uint32_t field, std::string_view utf8, size_t sel_start, size_t sel_end) {
    if (field == 0 || field != impl_->fields.active) return;  // that field has lost the keyboard since
    impl_->fields.pending = AppImpl::TextFields::Input{field, std::string(utf8), sel_start, sel_end};
}
void App::on_paste_failed(std::string_view why) {
    // The browser's reason (a permission, an unsupported API) helps nobody: say what to do.
    (void)why;
    impl_->set_status("The browser did not let the page read the clipboard: press Ctrl+V (Cmd+V on a Mac) to paste",
                      true);
}
void App::on_file(uint64_t request, std::string_view name, std::string_view bytes) {
    impl_->on_file(request, name, std::string(bytes));
}
void App::on_file_owned(uint64_t request, std::string_view name, std::string bytes) {
    impl_->on_file(request, name, std::move(bytes));
}
void App::on_files_begin(uint64_t request, size_t count) { impl_->on_files_begin(request, count); }
void App::on_files_end(uint64_t request) { impl_->on_files_end(request); }
void App::on_file_dialog_cancelled(uint64_t request) { impl_->on_file_dialog_cancelled(request); }
void App::on_storage_result(uint64_t t, bool ok, std::string_view m) { impl_->on_storage_result(t, ok, m); }
void App::on_storage_read(uint64_t t, bool found, std::string_view v) { impl_->on_storage_read(t, found, v); }
void App::on_regex_result(uint64_t ticket, RegexResult r) {
    if (!impl_->on_find_regex_result(ticket, r)) impl_->on_rule_result(ticket, r);
}
void App::on_saved_read(uint64_t t, io::SavedState s) { impl_->on_saved_read(t, std::move(s)); }
void App::on_other_tab() { impl_->on_other_tab(); }
void App::on_saved_found() { impl_->on_saved_found(); }
void App::on_team_event(std::string_view json) { impl_->on_team_event(json); }
std::string App::team_sync_text() const { return impl_->team_sync_text(); }
std::string App::team_summary_json() const { return impl_->team_summary_json(); }
void App::flush_autosave() { impl_->autosave_tick(true); }
std::vector<App::VersionInfo> App::versions() const {
    std::vector<VersionInfo> out;
    for (const auto& v : impl_->save.versions.all())
        out.push_back({v.key, v.when, v.title, static_cast<size_t>(v.entities)});
    return out;
}
void App::restore_version(std::string_view key) {
    for (const auto& v : impl_->save.versions.all())
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
float App::zoom() const { return impl_->prefs.zoom; }
void App::set_zoom(float z) { impl_->set_zoom(z); }
void App::on_touch_long_press() { impl_->touch.long_press = true; }
void App::touch_scroll(float x, float y, float dy) { impl_->touch_scroll(ImVec2(x, y), dy); }
int App::touch_handle_at(float x, float y) const { return impl_->touch_handle_at(ImVec2(x, y)); }
std::optional<ArticleColumn> App::article_column() const {
    const AppImpl& a = *impl_;
    if (!a.article_drawn) return std::nullopt;
    return ArticleColumn{a.origin_x, a.layout_width, a.layout_size, a.row_height,
                         a.tag_band, a.view_top,     a.view_height};
}
std::vector<Rect> App::highlight_rects(std::string_view id) const {
    std::vector<Rect> out;
    for (const SegmentBox& b : impl_->boxes)
        if (impl_->editor.doc().entities().get(b.slot).id == id) out.push_back({b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0});
    return out;
}
std::vector<Action> App::take_shortcut_trace() { return std::exchange(impl_->shortcut_trace, {}); }

std::optional<Rect> App::widget_rect(std::string_view name) const {
    auto it = impl_->widget_rects.find(name);
    if (it == impl_->widget_rects.end() || it->second.second != ImGui::GetFrameCount()) return std::nullopt;
    return it->second.first;  // drawn in the last frame
}
SaveState App::save_state() const { return impl_->save.schedule.state(); }
void App::download_as(std::string_view format) { impl_->download(format); }

std::vector<std::string> App::message_log() const {
    std::vector<std::string> out;
    for (const auto& m : impl_->status_log) out.push_back(m.text);
    return out;
}

std::string App::status_message() const {
    return impl_->save.schedule.state() == SaveState::Failed ? impl_->save.error : impl_->status;
}
FrameStats App::frame_stats() const {
    FrameStats s;
    s.frames = impl_->frames;
    s.last_ms = impl_->last_frame_ms;
    s.save_ms = impl_->save.last_write_ms;
    s.save_bytes = impl_->save.last_write_bytes;
    s.save_kind = impl_->save.last_write_kind;
    s.save_slices = impl_->save.last_write_slices;
    std::vector<double> v = impl_->frame_ms;
    if (!v.empty()) {
        std::sort(v.begin(), v.end());
        s.median_ms = v[v.size() / 2];
        s.p99_ms = v[std::min(v.size() - 1, static_cast<size_t>(std::ceil(static_cast<double>(v.size()) * 0.99)) - 1)];
    }
    return s;
}

AppImpl::AppImpl(Platform& p) : platform(p) {
    renderer = platform.text_renderer();
    if (!renderer) {
        font_renderer = std::make_unique<FontTextRenderer>();
        renderer = font_renderer.get();
    }
    measure = std::make_unique<MeasureCache>(*renderer);
    ui_text.renderer = platform.ui_text_renderer();
    if (!ui_text.renderer) {
        ui_text.own = std::make_unique<FontTextRenderer>();
        ui_text.renderer = ui_text.own.get();
    }
    ui_text.measure = std::make_unique<MeasureCache>(*ui_text.renderer);
}

// =====================================================================================
// [SECTION] Fonts and style
// =====================================================================================

float AppImpl::tag_size() const { return tag_font_size(text_size()); }

void AppImpl::set_zoom(float z) {
    z = std::clamp(z, 0.6f, 2.5f);
    if (std::fabs(z - prefs.zoom) < 0.001f) return;
    prefs.zoom = z;
    ++prefs_revision;
    fonts.dirty = true;
}

void AppImpl::build_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float r = fonts.pixel_ratio;
    const AppFonts f =
        add_app_fonts(*io.Fonts, {fonts.file, r, prefs.zoom, ui_text.own != nullptr, font_renderer != nullptr});
    fonts.ui = f.ui;
    fonts.ui_bold = f.ui_bold;
    fonts.text = f.text;
    fonts.tag = f.tag;
    io.Fonts->Build();
    io.FontDefault = fonts.ui;
    io.FontGlobalScale = 1.0f / r;
    apply_style();
    ImGui::GetStyle().ScaleAllSizes(prefs.zoom);
    fonts.dirty = false;
    layout_size = -1;  // re-wrap with the new advances
    ui_text.size = -1;
}

// A light theme to sit beside the white article; rounded, roomy widgets.
void apply_style() {
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.PopupRounding = 4;
    s.TabRounding = 4;
    s.FramePadding = ImVec2(7, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 14;
    s.PopupBorderSize = 1;
    s.FrameBorderSize = 1;  // radio buttons, check boxes and fields outlined (theme control_border)
    apply_theme(false);     // the colours (theme.cpp); AppImpl::update_theme switches to dark in the frame
}

// A soft shadow right and below each open popup, menu and dialog, and the floating windows (the
// label popup at a selection, the find bar): bands of falling alpha outside the window's rectangle,
// drawn on its own draw list so that the shadow stays under anything drawn over it.
void draw_popup_shadows() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    auto shadow = [](ImGuiWindow* w) {
        if (!w || !w->WasActive || w->Hidden) return;
        ImDrawList* dl = w->DrawList;
        const ImVec2 a = w->Pos, b = ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y);
        dl->PushClipRectFullScreen();
        constexpr int kSteps = 6;
        for (int i = 1; i <= kSteps; ++i) {
            const float d = static_cast<float>(i);
            const ImU32 col = to_imu32(theme().shadow, static_cast<float>(40 - 6 * i) / 255.0f);
            dl->AddRectFilled(ImVec2(b.x + d - 1, a.y + 4 + d), ImVec2(b.x + d, b.y + d), col);      // right
            dl->AddRectFilled(ImVec2(a.x + 4 + d, b.y + d - 1), ImVec2(b.x + d - 1, b.y + d), col);  // bottom
        }
        dl->PopClipRect();
    };
    for (const ImGuiPopupData& p : g.OpenPopupStack) shadow(p.Window);
    for (const char* name : {"##selection_labels", "##find", "Keyboard shortcuts", "Message log", "About"})
        shadow(ImGui::FindWindowByName(name));
}

// =====================================================================================
// [SECTION] Frame and status bar
// =====================================================================================

void AppImpl::frame() {
    frame_start_ms = platform.now_ms();
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::PushFont(fonts.ui);
    update_theme();  // theme.cpp
    io.ConfigInputTextCursorBlink = !reduced_motion;
    follow_mouse_focus();  // keyboard.cpp
    follow_menu_layer();   // keyboard.cpp
    // ImGui's keyboard navigation outside the article only: there the keys are the annotator's.
    // A modal dialog has the keys wherever they were: Tab moves between its controls.
    if (keynav.region != KeyRegion::Article || ImGui::GetTopMostPopupModal() != nullptr)
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    else
        io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;

    focus_menu_bar();    // keyboard.cpp: F6 arrived at the menu bar
    menu_mirror = {};    // this frame's menus, as drawn (menu_mirror.cpp)
    dialog_mirror = {};  // and its dialogs (dialog_mirror.cpp)
    track_last_input();
    draw_menu_bar();
    const float menu_h = ImGui::GetFrameHeight();
    draw_focus_ring(KeyRegion::Menu, vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + menu_h));
    const float status_h = ImGui::GetFrameHeight() + 4;
    const float body_y = vp->Pos.y + menu_h;
    const float body_h = std::max(50.0f, vp->Size.y - menu_h - status_h);
    // The side panel: resizable by its left edge, collapsible (F9, View menu), both remembered.
    // Phones and narrow windows (issue 15): the side panel becomes a sheet under the article, which
    // keeps the whole width, and a bar of big label buttons sits between them (touch.cpp).
    const bool narrow = vp->Size.x < kNarrowWidth;
    // At least as wide as its tabs in one row with their full names (within 60% of the window), so
    // that a fifth tab (Agreement) does not scroll the first out ("tities (4)").
    const float tabs_w =
        side_tabs_width(false) + 2 * ImGui::GetStyle().WindowPadding.x + ImGui::GetStyle().ScrollbarSize;
    const float side_w = narrow || prefs.side_collapsed ? 0.0f
                                                        : std::clamp(std::max(prefs.side_width * prefs.zoom, tabs_w),
                                                                     220.0f, std::max(220.0f, vp->Size.x * 0.6f));
    const float sheet_h = narrow && !prefs.side_collapsed ? std::round(body_h * 0.4f) : 0.0f;
    if (touch_tap()) touch_seen = true;  // a finger was used: tablets get the label bar too
    const float bar_h = (narrow || touch_seen) && !editor.doc().text().empty() ? label_bar_height() : 0.0f;
    const float art_w = vp->Size.x - side_w, art_h = body_h - sheet_h - bar_h;

    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, body_y));
    ImGui::SetNextWindowSize(ImVec2(art_w, art_h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imu32(theme().article_bg));
    // NoNavInputs: Tab belongs to the annotator (next entity), not to ImGui's widget tabbing.
    ImGui::Begin("##article_host", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavInputs);
    // The host took its padding and border in Begin; the tooltips and popups opened inside it (an
    // entity's tooltip) get the style's own, or their text sits on their border.
    ImGui::PopStyleVar(2);
    float banner_h = 0;
    if (save.schedule.paused()) {
        const float y0 = ImGui::GetCursorPosY();
        draw_paused_banner(art_w);
        banner_h = ImGui::GetCursorPosY() - y0;
    }
    if (editor.doc().text().empty())
        draw_empty_state(art_w, art_h - banner_h);
    else
        draw_article(art_w, art_h - banner_h);
    ImGui::End();
    ImGui::PopStyleColor();
    draw_focus_ring(KeyRegion::Article, ImVec2(vp->Pos.x, body_y), ImVec2(vp->Pos.x + art_w, body_y + art_h));
    if (bar_h > 0) draw_label_bar(ImVec2(vp->Pos.x, body_y + art_h), ImVec2(art_w, bar_h));  // touch.cpp
    if (find.open && !editor.doc().text().empty()) draw_find_bar(vp->Pos.x, body_y, art_w);

    if (!prefs.side_collapsed) {
        const ImVec2 side_pos =
            narrow ? ImVec2(vp->Pos.x, body_y + body_h - sheet_h) : ImVec2(vp->Pos.x + vp->Size.x - side_w, body_y);
        const ImVec2 side_size = narrow ? ImVec2(vp->Size.x, sheet_h) : ImVec2(side_w, body_h);
        ImGui::SetNextWindowPos(side_pos);
        ImGui::SetNextWindowSize(side_size);
        if (std::exchange(keynav.focus_side, false)) ImGui::SetNextWindowFocus();
        ImGui::Begin("##side", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoBringToFrontOnFocus |
                         (keynav.region == KeyRegion::Side ? 0 : ImGuiWindowFlags_NoNavInputs));
        draw_side_panel(side_size.x, side_size.y);
        ImGui::End();
        draw_focus_ring(KeyRegion::Side, side_pos, ImVec2(side_pos.x + side_size.x, side_pos.y + side_size.y));
        if (!narrow) draw_side_splitter(vp->Pos.x + vp->Size.x - side_w, body_y, body_h);
    }

    draw_status_bar(status_h);
    draw_focus_ring(KeyRegion::Status, ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - status_h),
                    ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y));
    draw_selection_popup();
    draw_entity_context_menu();
    draw_relation_context_menu();  // relations_view.cpp
    draw_relation_pick();
    draw_delete_entity_dialog();  // relations_panel.cpp
    draw_modals();
    draw_team_dialog();
    if (show_help) draw_help_window();
    if (show_log) draw_message_log();
    if (show_about) draw_about_window();
    draw_popup_shadows();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) touch.long_press = false;  // used by this press or not
    handle_shortcuts();
    text_fields_end_frame();  // text_field.cpp: after the shortcuts, which may release the field
    renderer->end_frame();    // the run atlases age their entries
    ui_text_end_frame();      // its atlas ages too; the layouts no longer used go
    (void)io;
    ImGui::PopFont();
    bulk_tick();         // a slice of a labelling or a big undo under way (bulk.cpp), journaled by the autosave below
    import_tick();       // a slice of an import under way (import.cpp)
    find_tick();         // a slice of a search under way (find.cpp)
    propagation_tick();  // a slice of the propagation offer's count (find.cpp)
    find_queue_tick();   // a slice of the search across the queue (find_queue.cpp)
    suggest_tick();      // a slice of Suggest's work over the text (suggest_view.cpp)
    queue_tick();
    team_tick();
    autosave_tick();
    accessibility_end_frame();  // accessibility.cpp
    bulk_frame_end();           // what ran after the labelling's slice, left out of the next one (bulk.cpp)
}
// The side panel's left edge: drag to resize (remembered with the view).
void AppImpl::draw_side_splitter(float x, float y, float height) {
    constexpr float kGrip = 6.0f;
    ImGui::SetNextWindowPos(ImVec2(x - kGrip * 0.5f, y));
    ImGui::SetNextWindowSize(ImVec2(kGrip, height));
    // Exactly the grip: ImGui's minimum window size (32 px) made it a 32 px window with a border,
    // drawn as a line across the panel, whose strip took the panel's clicks.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_imu32(theme().window_bg, 0.0f));  // see-through
    ImGui::Begin("##side_splitter", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::InvisibleButton("##grip", ImVec2(kGrip, height));
    note_widget("side.splitter");
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemHovered() || active) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x - 1, y), ImVec2(x + 1, y + height),
                                                  to_imu32(theme().accent));
    }
    if (active && ImGui::GetIO().MouseDelta.x != 0) {
        prefs.side_width = std::clamp(prefs.side_width - ImGui::GetIO().MouseDelta.x / prefs.zoom, 220.0f, 900.0f);
        ++prefs_revision;
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

void AppImpl::toggle_side_panel() {
    prefs.side_collapsed = !prefs.side_collapsed;
    ++prefs_revision;
    set_status(prefs.side_collapsed ? "Side panel hidden (F9 shows it)" : "Side panel shown (F9 hides it)");
}

void AppImpl::draw_message_log() {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 18), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Message log", &show_log, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    widget_rects["log.window"] = {Rect{at.x, at.y, size.x, size.y}, ImGui::GetFrameCount()};  // for tests
    if (status_log.empty()) ImGui::TextDisabled("No messages yet.");
    ImGui::PushTextWrapPos(0);
    for (auto it = status_log.rbegin(); it != status_log.rend(); ++it) {  // newest first
        ImGui::TextDisabled("%s", it->when.c_str());
        ImGui::SameLine();
        if (!plain_ui_text(it->text))  // a message quoting an Arabic label, a Chinese file name
            user_text(it->text, ImGui::GetContentRegionAvail().x);
        else if (it->error)
            ImGui::TextColored(v4(theme().error), "%s", it->text.c_str());
        else
            ImGui::TextUnformatted(it->text.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
}

void AppImpl::draw_status_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 2));
    if (std::exchange(keynav.focus_status, false)) ImGui::SetNextWindowFocus();  // F6 arrived here
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     (keynav.region == KeyRegion::Status ? 0 : ImGuiWindowFlags_NoNavInputs));
    const Document& d = editor.doc();
    const size_t n = d.entities().size();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu %s", n, n == 1 ? "entity" : "entities");
    if (!d.text().empty()) {
        ImGui::SameLine(0, 16);
        const LineCol lc = d.text().line_col(std::min(sel.cursor_cp, d.text().size()));
        if (sel.active) {
            const size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
            ImGui::Text("selection %zu-%zu (%zu chars)", a, b, b - a);
        } else {
            ImGui::Text("offset %zu (line %zu, col %zu)", sel.cursor_cp, lc.line, lc.column);
        }
    }
    ImGui::SameLine(0, 16);
    switch (save.schedule.state()) {
        case SaveState::Saved: ImGui::TextColored(v4(theme().ok), "saved"); break;
        case SaveState::Saving: ImGui::TextColored(v4(theme().muted_text), "saving..."); break;
        case SaveState::Failed: ImGui::TextColored(v4(theme().error), "not saved"); break;
        case SaveState::Off: ImGui::TextDisabled("autosave off"); break;
    }
    draw_team_status();       // team.cpp: synced / N changes waiting / offline / conflict
    draw_feature_status();    // the propagation offer: an action, before the message so it is never cut
    draw_suggest_progress();  // suggest_view.cpp: "Suggesting", its bar and Cancel while it runs
    // The message log's button at the right end: with F6 in the status bar, Tab reaches it.
    const float log_w = ImGui::CalcTextSize("Log").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    if (!status.empty()) {
        ImGui::SameLine(0, 16);
        // After a while a message is history, not news: greyed, with its time.
        const bool stale = platform.now_ms() - status_time > kStatusFreshMs;
        const std::string shown = stale ? "(" + status_log.back().when + ") " + status : status;
        const ImVec4 colour = stale          ? ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]
                              : status_error ? v4(theme().error)
                                             : ImGui::GetStyle().Colors[ImGuiCol_Text];
        // Longer than the bar: cut with "...", the whole text in the tooltip and the message log.
        ImVec2 p = ImGui::GetCursorScreenPos();
        p.y += ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;  // on the line's text baseline, as Text does
        const float room = std::max(40.0f, ImGui::GetContentRegionAvail().x - 8 - log_w);
        const bool plain = plain_ui_text(shown);
        if (plain) {
            const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
            ImGui::Dummy(ImVec2(std::min(size.x, room), size.y));
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(p.x + room, p.y + size.y), p.x + room,
                                      p.x + room, shown.c_str(), nullptr, &size);
            ImGui::PopStyleColor();
        } else {  // quotes user text ImGui's font cannot draw: shaped and ordered, cut at the bar's end
            const ImVec2 size =
                draw_user_text(ImGui::GetWindowDrawList(), p, shown, ImGui::GetColorU32(colour), room, false);
            ImGui::Dummy(ImVec2(std::min(size.x, room), size.y));
        }
        note_widget("status.message");
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
            ImGui::BeginTooltip();
            if (plain) {
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
                ImGui::TextUnformatted(status.c_str());
                ImGui::PopTextWrapPos();
            } else {
                user_text(status, ImGui::GetFontSize() * 40);
            }
            ImGui::TextDisabled("Earlier messages: View > Message log");
            ImGui::EndTooltip();
        }
    }
    // Right-aligned, or after a message that had no room to spare (a phone): never over it.
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 8;
    ImGui::SameLine(std::max(after, ImGui::GetWindowWidth() - log_w));
    if (ImGui::SmallButton("Log")) show_log = !show_log;
    note_widget("status.log");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("Message log (View > Message log)");
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace aa::ui
