// The page's entry point and frame loop: a GLFW window on the <canvas>, a WebGL2 context, the ImGui
// context with its GLFW and OpenGL3 (GLES3) backends, and the App. Handles high-DPI screens itself
// (Emscripten 3.1.6's GLFW ignores devicePixelRatio) and runs frames only when something happened.
// A frame whose picture is the one on the canvas already is not drawn again (DrawnFrame, issue 11).
//
// Coordinates: ImGui works in CSS pixels of the canvas (io.DisplaySize), the canvas's backing store
// has CSS size * devicePixelRatio pixels (io.DisplayFramebufferScale). Emscripten's GLFW reports the
// mouse in backing-store pixels, so the cursor callback divides by the ratio.
//
// [SECTION] PageHost: start-up in two steps (prepare, then begin with the saved session)
// [SECTION] Input callbacks
// [SECTION] Canvas size and frames
// [SECTION] A lost WebGL context
// [SECTION] Entry points (main, aa_host_session_read, aa_host_gl_lost, aa_host_gl_restored)
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // the input queue's event ids and the frame's processed events (click counts)
#include "platform/web/baked_fonts.hpp"
#include "platform/web/gl_state.hpp"
#include "platform/web/host.hpp"
#include "platform/web/imgui_gl_backend.hpp"
#include "platform/web/js_bridge.hpp"
#include "platform/web/web_platform.hpp"
#include "ui/app.hpp"
#include "ui/drawn_frame.hpp"
#include "ui/font_bake.hpp"

namespace aa::web {
namespace {

// After an event, draw every animation frame for this long (ImGui settles hover, popups and
// scrolling over a few frames; the App's autosave is debounced on its own clock).
constexpr double kActiveMs = 1500.0;
// When nothing happens, still draw now and then so that time-based state (autosave) advances.
constexpr double kIdleIntervalMs = 250.0;
// An idle page whose frames are not drawn still hands its WebGL context a glFlush at least this
// often. After seconds without a GL command, the next frame's text uploads (texSubImage2D) took 2-3
// times as long, waiting on the GPU process (the 10 KB import's frame after 5 s idle: 7-9 -> 22-24 ms
// in texSubImage2D, docs/performance.md "After an idle spell"); any command every 250 ms (a flush, a
// 1-pixel upload, a finish) kept it at 7-9 ms, busy JavaScript did not. Chromium presumably frees the
// idle context's command and transfer buffers (not read in its source). A flush alone is one small IPC.
constexpr double kKeepContextMs = 250.0;
constexpr const char* kFontPath = "/fonts/DejaVuSans.ttf";
void describe_left_accessibility(void*);  // PageHost::frame's task after a frame that left the description

class PageHost final : public Host {
public:
    bool prepare();
    void begin(io::SavedState saved);
    void tick();
    void context_lost();
    void context_restored();

    ui::App& app() override { return *app_; }
    void wake() override {
        last_wake_ms_ = emscripten_get_now();
        resume_loop();
    }
    void render_now() override { frame(Draw::Always); }
    void update_now() override {
        frame(Draw::Never);
        resume_loop();  // the next tick draws it
    }
    void force_draw() override {
        drawn_.forget();
        resume_loop();
    }
    LoopStats loop_stats() override;
    void notify_if_changed() override;
    void set_last_paste(std::string_view utf8) override { last_paste_.assign(utf8); }
    void set_pointer_inside(bool inside) override {
        // The backend polls GLFW's cursor (0, 0 for a finger) while it believes the pointer is out:
        // an enter event stops that (it queues the last mouse position, which the touch's own
        // position event then follows).
        if (inside && !mouse_inside_) ImGui_ImplGlfw_CursorEnterCallback(window_, 1);
        mouse_inside_ = inside;
    }

private:
    // Whether a UI frame is drawn on the canvas: never (update_now: the next tick draws), always
    // (render_now: a script reads the canvas in the same task, and the first frame), or only when its
    // picture differs from the one drawn last (the loop's ticks).
    enum class Draw { Never, Always, IfChanged };
    void frame(Draw draw);
    bool active(double now) { return now - last_wake_ms_ < kActiveMs || (app_ && app_->busy()); }
    void draw_frame();  // the last frame's draw data on the canvas
    // The idle page's loop (issue 11, idle pause): no animation frames are asked for while idle; a
    // timer runs the idle frame every kIdleIntervalMs instead (idle_frame).
    bool may_pause() const;
    void pause_loop();
    void resume_loop();
    void arm_idle_timer();
    void idle_frame();
    static void on_idle_timer(void* user) { static_cast<PageHost*>(user)->idle_frame(); }
    void sync_canvas_size();
    void update_mouse_cursor();
    void install_input_callbacks();
    void note_click_count(int count);
    void apply_click_counts();
    static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent* ev, void* user);

    static void on_cursor_pos(GLFWwindow* w, double x, double y);
    static void on_cursor_enter(GLFWwindow* w, int entered);
    static void on_mouse_button(GLFWwindow* w, int button, int action, int mods);
    static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
    static void on_char(GLFWwindow* w, unsigned int c);
    static void on_focus(GLFWwindow* w, int focused);
    static void set_clipboard(void* user, const char* text);
    static const char* get_clipboard(void* user);

    GLFWwindow* window_ = nullptr;
    WebPlatform platform_;
    std::unique_ptr<ui::App> app_;
    double css_w_ = 0, css_h_ = 0;  // canvas size in CSS pixels
    float ratio_ = 1;               // devicePixelRatio
    int fb_w_ = 0, fb_h_ = 0;       // backing store in device pixels
    bool mouse_inside_ = false;
    int shown_cursor_ = ImGuiMouseCursor_COUNT;  // the canvas's CSS cursor (none set yet)
    bool in_frame_ = false;
    bool device_objects_ = false;  // the OpenGL3 backend made its shaders, buffers and font texture
    double last_wake_ms_ = 0;
    bool paused_ = false;   // the main loop is paused: no animation frame is requested (pause_loop)
    long idle_timer_ = 0;   // the emscripten_set_timeout of the next idle frame while paused, or 0
    bool undrawn_ = false;  // the last UI frame was not drawn (update_now): the next tick runs one
    double last_frame_ms_ = 0;
    double last_gl_ms_ = 0;  // the last draw or keep-alive flush (kKeepContextMs)
    double notified_revision_ = -1;
    // The frame last drawn (the canvas shows it), and how many times a texture's pixels changed:
    // library_web.js's aa_js_watch_textures counts every upload into a texture of the context (ImGui's
    // font texture, the text engine's atlas pages, anything else) in this variable.
    ui::DrawnFrame drawn_;
    uint32_t texture_changes_ = 0;
    LoopStats stats_;
    std::string last_paste_;
    // The browser's click count of each mouse press still in ImGui's input queue, by the press
    // event's id (see apply_click_counts).
    struct PendingClick {
        ImU32 event_id;
        int count;
    };
    std::vector<PendingClick> pending_clicks_;
};

PageHost* g_host = nullptr;

// =====================================================================================
// [SECTION] PageHost: start-up in two steps (prepare, then begin with the saved session)
// =====================================================================================

// Everything start-up can do before the saved session is read (issue 11): runs while early.js's
// IndexedDB read finishes, so that its wait overlaps GLFW, the WebGL context, ImGui, the App, the
// font atlas and the backend's shaders and font texture (their compile and upload).
bool PageHost::prepare() {
    if (!glfwInit()) {
        aa_js_fail("The page could not start its window system (GLFW).");
        return false;
    }
    double m[3] = {};
    aa_js_canvas_metrics(m);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    window_ = glfwCreateWindow(std::max(1, static_cast<int>(m[0])), std::max(1, static_cast<int>(m[1])),
                               "Article Annotator", nullptr, nullptr);
    if (window_ == nullptr) {
        aa_js_fail("This browser cannot draw the annotator: WebGL 2 is not available.");
        return false;
    }
    glfwMakeContextCurrent(window_);
    aa_js_watch_textures(&texture_changes_);  // before the first upload (the font texture, below)
    // A context lost while the page loaded (before its event reached pre.js, which then waits for the
    // readiness): start-up makes no GL object on it. (Chromium 156 makes dead objects on a lost
    // context: the first draw then reported ImGui's shaders as failed to compile and link, four console
    // errors; the spec lets create* answer null, which Emscripten's glCreateProgram would throw on.)
    // The App starts as usual, its frames are not drawn, and the restore makes everything
    // (context_restored).
    if (aa_js_gl_is_lost()) gl_state_context_lost();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;     // the page persists its own state (IndexedDB); no imgui.ini in MEMFS
    io.KeyRepeatDelay = FLT_MAX;  // keys repeat when the browser repeats them (on_key)
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // the page sets the cursor (update_mouse_cursor)
    // The atlas the build baked for this pixel ratio at 100% zoom, replayed instead of rasterised
    // (issue 11); another ratio or zoom is rasterised from the embedded font as before.
    ui::set_baked_font_atlases(baked_font_atlases());
    io.Fonts->FontBuilderIO = ui::baked_font_builder();
    ImGui_ImplGlfw_InitForOpenGL(window_, /*install_callbacks=*/false);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // ImGui_ImplGlfw_Init installs GLFW's clipboard functions, which are stubs on Emscripten.
    io.SetClipboardTextFn = &PageHost::set_clipboard;
    io.GetClipboardTextFn = &PageHost::get_clipboard;
    io.ClipboardUserData = this;

    sync_canvas_size();
    app_ = std::make_unique<ui::App>(platform_);
    app_->set_font_file(kFontPath);
    app_->set_pixel_ratio(ratio_);
    // The atlas at 100% zoom (a session saved at another zoom builds it again in its first frame),
    // then the backend's device objects: its shaders and program, whose status the first draw asks
    // (imgui_gl_backend.hpp), and the atlas's upload. The flush hands them to the GPU process now, so
    // that it compiles and links while the App starts and builds its first frame.
    app_->build_fonts();
    if (!gl_context_lost()) {
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        glFlush();
        device_objects_ = true;
    }
    return true;
}

// The saved session is read: the App restores it (no frame was drawn before, so nothing the user
// could edit was ever shown without it).
void PageHost::begin(io::SavedState saved) {
    install_input_callbacks();  // input before this (none was drawn yet) is not queued for the restored document
    app_->startup(std::move(saved));
    notified_revision_ = static_cast<double>(app_->editor().revision());  // a restore is not a change
}

// =====================================================================================
// [SECTION] Input callbacks
// =====================================================================================

void PageHost::install_input_callbacks() {
    glfwSetWindowFocusCallback(window_, &PageHost::on_focus);
    glfwSetCursorEnterCallback(window_, &PageHost::on_cursor_enter);
    glfwSetCursorPosCallback(window_, &PageHost::on_cursor_pos);
    glfwSetMouseButtonCallback(window_, &PageHost::on_mouse_button);
    glfwSetKeyCallback(window_, &PageHost::on_key);
    glfwSetCharCallback(window_, &PageHost::on_char);
    // The mouse wheel: imgui_impl_glfw registers its own Emscripten wheel callback (GLFW's is broken),
    // but on the document, where Chromium makes wheel listeners passive: every wheel event then logged
    // "Unable to preventDefault inside passive event listener". The same handler on the canvas is not
    // passive, so its preventDefault keeps the page itself from scrolling, without an error.
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", this, false, &PageHost::on_wheel);
}

// As imgui_impl_glfw's own (it mimics SDL's Emscripten_HandleWheel): pixels, lines and pages
// scaled to ImGui's wheel steps.
EM_BOOL PageHost::on_wheel(int, const EmscriptenWheelEvent* ev, void* user) {
    float multiplier = 0.0f;
    if (ev->deltaMode == DOM_DELTA_PIXEL)
        multiplier = 1.0f / 100.0f;
    else if (ev->deltaMode == DOM_DELTA_LINE)
        multiplier = 1.0f / 3.0f;
    else if (ev->deltaMode == DOM_DELTA_PAGE)
        multiplier = 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(ev->deltaX) * -multiplier,
                                      static_cast<float>(ev->deltaY) * -multiplier);
    static_cast<PageHost*>(user)->wake();
    return EM_TRUE;
}

void PageHost::on_cursor_pos(GLFWwindow* w, double x, double y) {
    PageHost& h = *g_host;
    if (!h.mouse_inside_) {
        // No enter event when the pointer was already over the canvas at load: without one,
        // imgui_impl_glfw polls glfwGetCursorPos every frame, in unscaled backing-store pixels.
        h.mouse_inside_ = true;
        ImGui_ImplGlfw_CursorEnterCallback(w, 1);
    }
    ImGui_ImplGlfw_CursorPosCallback(w, x / h.ratio_, y / h.ratio_);
    h.wake();
}

void PageHost::on_cursor_enter(GLFWwindow* w, int entered) {
    g_host->mouse_inside_ = entered != 0;
    ImGui_ImplGlfw_CursorEnterCallback(w, entered);
    g_host->wake();
}

void PageHost::on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
    if (action == GLFW_PRESS) g_host->note_click_count(aa_js_click_count());
    g_host->wake();
}

// Dear ImGui counts clicks from its own frame times: a second press within io.MouseDoubleClickTime
// of frame time is a double-click. The page processes one button change per frame, so on a loaded
// machine (software WebGL, frames of 100 ms and more) the two presses of a real double-click land
// frames apart and read as two single clicks, and two slow single clicks drawn late can read as a
// double one. The browser has already counted them with the system's settings (MouseEvent.detail):
// that count is recorded with the press event queued just now and replaces ImGui's when the press
// is processed. Touch presses (api.cpp) are not recorded: ImGui counts taps itself.
void PageHost::note_click_count(int count) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (count <= 0 || g.InputEventsQueue.Size == 0) return;
    const ImGuiInputEvent& e = g.InputEventsQueue.back();
    // The backend queues nothing when ImGui already has the button down (a release it never saw).
    if (e.Type != ImGuiInputEventType_MouseButton || !e.MouseButton.Down) return;
    pending_clicks_.push_back({e.EventId, count});
}

// After ImGui::NewFrame(): the presses processed in this frame take the browser's count.
void PageHost::apply_click_counts() {
    if (pending_clicks_.empty()) return;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiIO& io = ImGui::GetIO();
    ImU32 last_processed = 0;
    for (const ImGuiInputEvent& e : g.InputEventsTrail) {
        last_processed = std::max(last_processed, e.EventId);
        if (e.Type != ImGuiInputEventType_MouseButton || !e.MouseButton.Down) continue;
        const int b = e.MouseButton.Button;
        for (const PendingClick& c : pending_clicks_) {
            if (c.event_id != e.EventId || !io.MouseClicked[b]) continue;
            io.MouseClickedCount[b] = static_cast<ImU16>(c.count);
            io.MouseClickedLastCount[b] = static_cast<ImU16>(c.count);
            io.MouseDoubleClicked[b] = c.count == 2;
        }
    }
    // Presses processed now (or dropped by ImGui) are done with.
    std::erase_if(pending_clicks_, [&](const PendingClick& c) { return c.event_id <= last_processed; });
}

// Key repeats are the browser's (the system's delay and rate), not ImGui's: ImGui repeats a key
// held across frames from its own frame times (io.KeyRepeatDelay, 0.275 s), so one press whose
// release came a slow frame later (a loaded machine, software WebGL) moved the caret two or three
// times. start() turns ImGui's repeat off; each repeated keydown of the browser (GLFW_REPEAT,
// which the backend ignores) is fed as a release and a new press. Modifiers are not repeated.
void PageHost::on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    if (action == GLFW_REPEAT) {
        if (key < GLFW_KEY_LEFT_SHIFT || key > GLFW_KEY_RIGHT_SUPER) {
            ImGui_ImplGlfw_KeyCallback(w, key, scancode, GLFW_RELEASE, mods);
            ImGui_ImplGlfw_KeyCallback(w, key, scancode, GLFW_PRESS, mods);
        }
    } else {
        ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
    }
    g_host->wake();
}

void PageHost::on_char(GLFWwindow* w, unsigned int c) {
    ImGui_ImplGlfw_CharCallback(w, c);
    g_host->wake();
}

void PageHost::on_focus(GLFWwindow* w, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
    g_host->wake();
}

void PageHost::set_clipboard(void* user, const char* text) {
    auto* h = static_cast<PageHost*>(user);
    h->last_paste_ = text;  // so that copy-then-paste inside the page works without a paste event
    aa_js_copy(text, h->last_paste_.size());
}

const char* PageHost::get_clipboard(void* user) { return static_cast<PageHost*>(user)->last_paste_.c_str(); }

// =====================================================================================
// [SECTION] Canvas size and frames
// =====================================================================================

// Measured only when the page says the canvas may have changed (aa_js_canvas_changed): tick() and
// frame() ask every animation frame, and the measure is a getBoundingClientRect (issue 11).
void PageHost::sync_canvas_size() {
    if (!aa_js_canvas_changed()) return;
    // A resize, a ResizeObserver's report or a new density: the next frame is drawn (a new backing
    // store is blank; the same one may have been scaled).
    drawn_.forget();
    double m[3] = {};
    aa_js_canvas_metrics(m);
    const double css_w = std::max(1.0, m[0]), css_h = std::max(1.0, m[1]);
    const float ratio = m[2] > 0 ? static_cast<float>(m[2]) : 1.0f;
    const int fb_w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
    const int fb_h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
    if (fb_w != fb_w_ || fb_h != fb_h_) {
        aa_js_set_canvas_size(fb_w, fb_h);
        fb_w_ = fb_w;
        fb_h_ = fb_h;
        wake();
    }
    css_w_ = css_w;
    css_h_ = css_h;
    if (ratio != ratio_) {
        ratio_ = ratio;
        if (app_) app_->set_pixel_ratio(ratio);  // re-rasterises the font atlas for the new density
        wake();
    }
}

void PageHost::tick() {
    ++stats_.ticks;
    const double now = emscripten_get_now();
    sync_canvas_size();
    if (active(now) || undrawn_ || now - last_frame_ms_ >= kIdleIntervalMs) frame(Draw::IfChanged);
    if (may_pause()) pause_loop();
}

// Idle: no input or wake for kActiveMs, the App not busy, no frame left undrawn, and the canvas shows
// the last frame (or the context is lost: nothing is drawn until the restore, which wakes). Until
// then every animation frame runs the loop, as before. While idle, the animation frames did nothing
// but ask for the next one (the idle frame runs every kIdleIntervalMs), and that alone cost an idle
// page's main thread 37-54 ms a second here (the rAF callbacks and Chromium's frame production for
// each vsync, docs/performance.md "an idle page asks for no animation frames").
bool PageHost::may_pause() const {
    const double now = emscripten_get_now();
    const bool busy = now - last_wake_ms_ < kActiveMs || (app_ && app_->busy());
    return !busy && !undrawn_ && !in_frame_ && (drawn_.valid() || gl_context_lost());
}

// Called from the tick (the loop runner then asks for no further animation frame) or the idle
// timer. Everything that must be shown sooner than the next idle frame calls wake() (input, API
// calls, storage and sync replies, pre.js's canvas and visibility listeners), which resumes the loop.
void PageHost::pause_loop() {
    if (!paused_) {
        paused_ = true;
        ++stats_.pauses;
        emscripten_pause_main_loop();
    }
    arm_idle_timer();
}

void PageHost::resume_loop() {
    if (!paused_) return;
    paused_ = false;
    if (idle_timer_ != 0) emscripten_clear_timeout(idle_timer_);
    idle_timer_ = 0;
    emscripten_resume_main_loop();  // asks for an animation frame at once
}

// The next idle frame when kIdleIntervalMs have passed since the last frame (the autosave's clock,
// ImGui's timers and the keep-alive flush, kKeepContextMs, advance as when the loop ran).
void PageHost::arm_idle_timer() {
    if (idle_timer_ != 0) emscripten_clear_timeout(idle_timer_);
    const double wait = std::max(1.0, kIdleIntervalMs - (emscripten_get_now() - last_frame_ms_));
    idle_timer_ = emscripten_set_timeout(&PageHost::on_idle_timer, wait, this);
}

// The idle frame, from the timer. In a hidden tab it runs no frame: the loop resumes instead, and
// requestAnimationFrame, which the browser does not call in a hidden tab, holds it until the tab is
// shown (as before this pause: a hidden tab ran no frames at all, and pre.js's timer flushes the
// autosave). A hidden tab's timers run at most once a second anyway; this one then stops.
void PageHost::idle_frame() {
    idle_timer_ = 0;
    if (!paused_) return;
    EmscriptenVisibilityChangeEvent vis{};
    if (emscripten_get_visibility_status(&vis) == EMSCRIPTEN_RESULT_SUCCESS && vis.hidden) {
        resume_loop();
        return;
    }
    ++stats_.timer_frames;
    sync_canvas_size();  // a new size wakes (and resumes)
    frame(Draw::IfChanged);
    if (!paused_) return;  // something in the frame woke the loop
    if (may_pause())
        arm_idle_timer();
    else
        resume_loop();  // the frame started work (the autosave's write), or left the canvas behind
}

LoopStats PageHost::loop_stats() {
    stats_.active = active(emscripten_get_now());
    stats_.paused = paused_;
    stats_.undrawn = undrawn_;
    stats_.compare_bytes = drawn_.bytes();
    return stats_;
}

// One UI frame, drawn on the canvas or not (Draw); an undrawn one is left for the next tick.
void PageHost::frame(Draw draw) {
    if (in_frame_ || !app_) return;
    in_frame_ = true;
    last_frame_ms_ = emscripten_get_now();
    sync_canvas_size();
    if (app_->fonts_dirty()) {
        app_->build_fonts();
        // The first frame's NewFrame makes the backend's device objects, the atlas's texture with them:
        // uploading it here too sent it to the GPU twice at start-up (issue 11). While the context is
        // lost, the restore makes it from the atlas built now.
        if (device_objects_ && !gl_context_lost()) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }

    const double t0 = emscripten_get_now();
    if (!gl_context_lost()) {  // (its device objects, made on a lost context at start-up, wait for the restore)
        ImGui_ImplOpenGL3_NewFrame();
        device_objects_ = true;
    }
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(css_w_), static_cast<float>(css_h_));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(fb_w_ / css_w_), static_cast<float>(fb_h_ / css_h_));
    if (!mouse_inside_) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // overrides the backend's unscaled poll
    ImGui::NewFrame();
    apply_click_counts();
    app_->frame();
    ImGui::Render();
    update_mouse_cursor();
    const double t1 = emscripten_get_now();
    ++stats_.frames;
    undrawn_ = draw == Draw::Never;
    // While the WebGL context is lost, the UI frame runs (input, edits, the autosave) and is neither
    // compared nor drawn; the restore draws one (context_restored).
    if (draw != Draw::Never && !gl_context_lost()) {
        const ImDrawData& data = *ImGui::GetDrawData();
        const ui::DrawTarget target{fb_w_, fb_h_, texture_changes_};
        bool same = false;
        if (draw == Draw::IfChanged) {
            const double c0 = emscripten_get_now();
            same = drawn_.same(data, target);
            stats_.compare_ms = emscripten_get_now() - c0;
        }
        if (same) {
            ++stats_.skipped;  // the canvas shows this picture already
            if (t1 - last_gl_ms_ >= kKeepContextMs) {
                glFlush();  // keeps the context's buffers (kKeepContextMs)
                last_gl_ms_ = t1;
            }
        } else {
            draw_frame();
            last_gl_ms_ = t1;
            const double r0 = emscripten_get_now();
            // The textures as drawn (an upload during the draw is in the picture).
            drawn_.remember(data, {fb_w_, fb_h_, texture_changes_});
            stats_.remember_ms = emscripten_get_now() - r0;
            ++stats_.draws;
        }
    }
    app_->record_frame_time(t1 - t0);
    in_frame_ = false;
    notify_if_changed();
    // The frame found a new document (the first frame, a replaced one) and left its description (App::
    // accessibility_after_frame): in a task right after it, so that the frame is painted first.
    if (app_->accessibility_left()) emscripten_async_call(&describe_left_accessibility, nullptr, 0);
}

// The cursor ImGui wants (the I-beam over text, the hand over an entity, resize arrows over a
// splitter or a table's column border), as the canvas's CSS cursor, set only when it changes
// (issue 11). imgui_impl_glfw's own update (ImGuiConfigFlags_NoMouseCursorChange turns it off) called
// glfwGetInputMode, glfwSetCursor and glfwSetInputMode in every frame: in Emscripten 3.1.6 the
// cursor call does nothing (the canvas kept the browser's arrow everywhere) and the input mode call
// removed a canvas listener and called document.exitPointerLock(), every frame.
void PageHost::update_mouse_cursor() {
    static constexpr const char* kCss[ImGuiMouseCursor_COUNT] = {
        "default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"};
    static_assert(ImGuiMouseCursor_Arrow == 0 && ImGuiMouseCursor_NotAllowed == ImGuiMouseCursor_COUNT - 1);
    int cursor = ImGui::GetMouseCursor();
    if (ImGui::GetIO().MouseDrawCursor || cursor < 0 || cursor >= ImGuiMouseCursor_COUNT) cursor = -1;  // hidden
    if (cursor == shown_cursor_) return;
    shown_cursor_ = cursor;
    const std::string_view css = cursor < 0 ? std::string_view("none") : std::string_view(kCss[cursor]);
    aa_js_set_cursor(css.data(), css.size());
}

void PageHost::draw_frame() {
    gl_state_viewport(0, 0, fb_w_, fb_h_);  // recorded: ImGui's backend restores it without reading it back
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    gl_backend_render(ImGui::GetDrawData());
}

void PageHost::notify_if_changed() {
    if (!app_) return;
    const double revision = static_cast<double>(app_->editor().revision());
    if (revision == notified_revision_) return;
    notified_revision_ = revision;
    aa_js_changed(revision);
}

void tick_host() { g_host->tick(); }

// A new document's screen-reader description, in a task right after the frame that left it: the first
// frame's (JSON built here, parsed by a11y.js, which then updates the DOM in a task of its own: 10-20 ms
// of the page's start-up) and a replacing frame's (a dropped 1 MB file: 5 ms), issue 11. If a frame
// came first, that frame described it and this does nothing.
void describe_left_accessibility(void*) {
    if (g_host) g_host->app().describe_left_accessibility();
}

// =====================================================================================
// [SECTION] A lost WebGL context
// =====================================================================================

// The browser took the WebGL context away (a GPU reset, a driver update, waking from sleep, too many
// contexts, memory pressure: pre.js's webglcontextlost listener, which asked for it back and says so
// in the status line). The App and its document stay as they are; frames go on without drawing, so
// input, edits and the autosave go on too. No GL call is made until the restore: the frame draws
// nothing, the font texture is not remade, the text engine neither rasterises nor uploads runs
// (gl_context_lost()).
void PageHost::context_lost() {
    gl_state_context_lost();
    drawn_.forget();  // the canvas is blank
}

// The browser gave a context back (webglcontextrestored): a new one, in GL's initial state, holding
// none of the lost one's objects. Whatever holds a GL name makes its objects again; then a frame is
// drawn, which rasterises and uploads every visible run anew.
void PageHost::context_restored() {
    // The text engines' atlas pages and the runs on them: forgotten while the context still counts as
    // lost (no glDeleteTextures about the lost context's textures).
    platform_.gl_context_restored();
    // Emscripten's tables of WebGL objects (GL.textures, ...): the lost context's are dropped, so no
    // stale name can reach WebGL, and Emscripten's own tracked state is the initial one again.
    aa_js_gl_forget_objects();
    gl_state_context_restored(fb_w_, fb_h_);  // the recorded state (gl_state.hpp): the initial one
    gl_backend_context_restored();            // ImGui's program, buffers, vertex array, font texture
    device_objects_ = true;
    // (drawn_ was forgotten by context_lost, and nothing is drawn while lost: the next frame is drawn.)
    undrawn_ = true;  // should this frame be skipped (one being drawn), the next tick draws
    wake();
    render_now();
}

}  // namespace

Host* host() { return g_host; }

}  // namespace aa::web

// =====================================================================================
// [SECTION] Entry points (main, aa_host_session_read, aa_host_gl_lost, aa_host_gl_restored)
// =====================================================================================

// early.js's read of the saved session has ended (pre.js calls this once, after main()): the App
// starts with it and draws its first frame.
extern "C" EMSCRIPTEN_KEEPALIVE void aa_host_session_read() {
    using namespace aa::web;
    PageHost* page = static_cast<PageHost*>(host());
    if (!page) return;
    // Lost since prepare() (its event not yet handled, or a restore still to make): the first frame
    // is not drawn, the restore draws.
    if (aa_js_gl_is_lost()) page->context_lost();
    page->begin(take_saved(0));
    page->wake();
    page->app().accessibility_after_frame(true);
    page->render_now();  // the first frame before the promise resolves: caretRect works at once
    emscripten_set_main_loop(&tick_host, 0, false);
    aa_js_ready();
}

// pre.js's webglcontextlost and webglcontextrestored listeners (once the page is ready; a loss before
// that is found by prepare() and aa_host_session_read themselves).
extern "C" EMSCRIPTEN_KEEPALIVE void aa_host_gl_lost() {
    if (auto* page = static_cast<aa::web::PageHost*>(aa::web::host())) page->context_lost();
}

extern "C" EMSCRIPTEN_KEEPALIVE void aa_host_gl_restored() {
    if (auto* page = static_cast<aa::web::PageHost*>(aa::web::host())) page->context_restored();
}

int main() {
    using namespace aa::web;
    static PageHost page;
    g_host = &page;
    if (!page.prepare()) {
        g_host = nullptr;
        return 1;
    }
    aa_js_await_session();  // -> aa_host_session_read
    return 0;
}
