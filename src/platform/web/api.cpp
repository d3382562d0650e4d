// The C functions exported to JavaScript: the browser's events for the App (paste, files, storage
// answers) and the scripting API behind window.annotator (post.js wraps them; web/API.md documents
// the JavaScript side). Strings arrive as (pointer, byte length) of UTF-8. Each aa_api_* function
// returns 0 (done: the result buffer holds the value), 1 (error: the buffer holds the message) or
// 2 (no value: JavaScript null); JavaScript reads the buffer at once with aa_api_result[_size].
//
// [SECTION] index, each opened by a line `// ---- name ----`: Browser events, window.annotator.
#include <emscripten.h>
#include <emscripten/heap.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::InputEventsQueue, for aa_api_pending_input
#include <malloc.h>
#include <unistd.h>  // sbrk

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/segment.hpp"
#include "io/api_json.hpp"
#include "io/format.hpp"
#include "io/journal.hpp"
#include "platform/web/canvas_text_engine.hpp"
#include "platform/web/host.hpp"
#include "platform/web/web_platform.hpp"
#include "ui/font_bake.hpp"
#include "ui/run_layout.hpp"

namespace {

std::string g_result;  // the last aa_api_* call's value or error message

constexpr int kOk = 0;
constexpr int kError = 1;
constexpr int kNull = 2;

int ok(std::string value) {
    g_result = std::move(value);
    return kOk;
}

int fail(std::string message) {
    g_result = std::move(message);
    return kError;
}

int fail(const aa::Error& e) { return fail(e.summary()); }

std::string_view view(const char* p, size_t n) { return {p, n}; }

aa::ui::App* app() {
    aa::web::Host* h = aa::web::host();
    return h ? &h->app() : nullptr;
}

// The API's offsets come from JavaScript numbers: non-negative integers below 2^53.
bool to_offset(double d, size_t& out) {
    if (!(d >= 0) || d > 9007199254740991.0 || std::floor(d) != d) return false;
    out = static_cast<size_t>(d);
    return true;
}

// After a call that may change the document: draw soon and tell the onChange callbacks.
void changed() {
    if (aa::web::Host* h = aa::web::host()) {
        h->wake();
        h->notify_if_changed();
    }
}

}  // namespace

namespace aa::web {
int api_ok(std::string value) { return ok(std::move(value)); }
int api_fail(std::string message) { return fail(std::move(message)); }
}  // namespace aa::web

namespace {

constexpr const char* kNotReady = "The annotator is not ready yet: wait for window.annotatorReady.";

}  // namespace

extern "C" {

// ---- Browser events ----

EMSCRIPTEN_KEEPALIVE void aa_host_wake() {
    if (aa::web::Host* h = aa::web::host()) h->wake();
}

// The canvas no longer shows the frame drawn last (pre.js: the tab is shown again): the next frame is
// drawn even when its picture is the same. (A lost WebGL context does not come here: main.cpp's
// context_lost forgets the frame itself.)
EMSCRIPTEN_KEEPALIVE void aa_host_force_draw() {
    if (aa::web::Host* h = aa::web::host()) {
        h->force_draw();
        h->wake();
    }
}

EMSCRIPTEN_KEEPALIVE void aa_host_paste(const char* text, size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->set_last_paste(view(text, size));
    h->app().on_paste(view(text, size));
    changed();
}

// The DOM element over the active text field holds a new committed text (pre.js, H.textField).
EMSCRIPTEN_KEEPALIVE void aa_host_text_field_input(double field, const char* text, size_t size, double sel_start,
                                                   double sel_end) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_text_field_input(static_cast<uint32_t>(field), view(text, size), static_cast<size_t>(sel_start),
                                 static_cast<size_t>(sel_end));
    h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_paste_failed(const char* why, size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_paste_failed(view(why, size));
    h->wake();
}

// Files answer a request: the App's id for its chooser (as a double: exact below 2^53), or 0
// (App::kDroppedFiles) for files dropped or pasted. Their number first, each file, then the end.
EMSCRIPTEN_KEEPALIVE void aa_host_files_begin(double request, double count) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_files_begin(static_cast<uint64_t>(request), static_cast<size_t>(count));
    h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_file(double request, const char* name, size_t name_size, const char* bytes,
                                       size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_file(static_cast<uint64_t>(request), view(name, name_size), view(bytes, size));
    changed();
}

// A file's bytes written by the page straight into the wasm memory, into a string the App then
// keeps (App::on_file_owned): the page asks for room, fills it, and hands it over with the file's
// name. One copy of a 10 MB file in the wasm memory instead of two (a malloc'd buffer and the
// App's string), and that memory never shrinks. Null above the App's largest file (64 MB,
// documents.cpp): the page then falls back to aa_host_file, and the App says the file is too large.
namespace {
std::string file_room;
}  // namespace

EMSCRIPTEN_KEEPALIVE char* aa_host_file_room(double size) {
    std::string().swap(file_room);
    if (size > 64.0 * 1024 * 1024) return nullptr;
    file_room.resize(static_cast<size_t>(size));
    return file_room.data();
}

EMSCRIPTEN_KEEPALIVE void aa_host_file_take(double request, const char* name, size_t name_size) {
    std::string bytes = std::move(file_room);
    std::string().swap(file_room);
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_file_owned(static_cast<uint64_t>(request), view(name, name_size), std::move(bytes));
    changed();
}

EMSCRIPTEN_KEEPALIVE void aa_host_files_end(double request) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_files_end(static_cast<uint64_t>(request));
    changed();
}

// The chooser closed without a file (its cancel event, or the focus came back without a change).
EMSCRIPTEN_KEEPALIVE void aa_host_file_dialog_cancelled(double request) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_file_dialog_cancelled(static_cast<uint64_t>(request));
    h->wake();
}

// The answer to aa_js_regex_find: ok with `count` (start, end) code point pairs at `hits`, or an
// error message (an invalid pattern, or one stopped at its time budget).
EMSCRIPTEN_KEEPALIVE void aa_host_regex_result(double ticket, int ok, const uint32_t* hits, double count, int truncated,
                                               const char* error, size_t error_size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    aa::ui::RegexResult r;
    r.ok = ok != 0;
    r.truncated = truncated != 0;
    r.error = std::string(view(error, error_size));
    const size_t n = static_cast<size_t>(count);
    r.hits.reserve(n);
    for (size_t i = 0; i < n; ++i) r.hits.emplace_back(hits[2 * i], hits[2 * i + 1]);
    h->app().on_regex_result(static_cast<uint64_t>(ticket), std::move(r));
    changed();
}

EMSCRIPTEN_KEEPALIVE void aa_host_storage_read(double ticket, int found, const char* value, size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_storage_read(static_cast<uint64_t>(ticket), found != 0, view(value, size));
    changed();
}

// The page is being hidden or unloaded (pagehide, visibilitychange): save what is not saved yet.
// "Continue here": the other tab's autosave, read (AAHost.saved[ticket]; absent when none).
EMSCRIPTEN_KEEPALIVE void aa_host_saved_read(double ticket) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_saved_read(static_cast<uint64_t>(ticket), aa::web::take_saved(ticket));
    h->wake();
}

// Touch (pre.js turns gestures into these): the pointer at (x, y) in CSS pixels of the canvas, a
// button press or release (down: 1 / 0; -1 moves only), and whether it comes from a tap (ImGui's
// TouchScreen source: the article selects the word under a tap) or a long-press drag (a mouse drag).
EMSCRIPTEN_KEEPALIVE void aa_host_touch(double x, double y, int down, int tap) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->set_pointer_inside(true);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(tap ? ImGuiMouseSource_TouchScreen : ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
    if (down >= 0) io.AddMouseButtonEvent(ImGuiMouseButton_Left, down != 0);
    h->wake();
}

// A swipe: scrolls the window under the finger by `dy` CSS pixels (App::touch_scroll).
EMSCRIPTEN_KEEPALIVE void aa_host_touch_scroll(double x, double y, double dy) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->set_pointer_inside(true);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
    h->app().touch_scroll(static_cast<float>(x), static_cast<float>(y), static_cast<float>(dy));
    h->wake();
}

// A finger held still long enough (pre.js): the left press that follows is a long press (on an
// entity it opens the entity's menu), at (x, y).
EMSCRIPTEN_KEEPALIVE void aa_host_touch_long_press(double x, double y) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_touch_long_press();
    aa_host_touch(x, y, 1, 0);
}

// Which selection handle a finger landing at (x, y) grabs: -1 start, +1 end, 0 none (pre.js then
// drags it instead of scrolling).
EMSCRIPTEN_KEEPALIVE int aa_host_touch_handle(double x, double y) {
    aa::web::Host* h = aa::web::host();
    return h ? h->app().touch_handle_at(static_cast<float>(x), static_cast<float>(y)) : 0;
}

// A pinch: the zoom when the fingers landed, and the zoom they ask for now.
EMSCRIPTEN_KEEPALIVE double aa_host_zoom() {
    aa::web::Host* h = aa::web::host();
    return h ? h->app().zoom() : 1.0;
}
EMSCRIPTEN_KEEPALIVE void aa_host_set_zoom(double z) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().set_zoom(static_cast<float>(z));
    h->wake();
}

// The browser's prefers-color-scheme (at start and when it changes): the theme follows it.
EMSCRIPTEN_KEEPALIVE void aa_host_color_scheme(int dark) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().set_system_dark(dark != 0);
    h->wake();
}

// The browser's prefers-contrast: more (at start and when it changes): the high-contrast theme.
EMSCRIPTEN_KEEPALIVE void aa_host_contrast(int more) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().set_system_contrast(more != 0);
    h->wake();
}

// The browser's prefers-reduced-motion: reduce (at start and when it changes).
EMSCRIPTEN_KEEPALIVE void aa_host_reduced_motion(int reduce) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().set_reduced_motion(reduce != 0);
    h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_flush() {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().flush_autosave();
    // A write that goes on in frames needs the loop (a hidden tab's loop waits for the tab anyway).
    if (h->app().busy()) h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_other_tab() {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_other_tab();
    h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_saved_found() {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_saved_found();
    h->wake();
}

EMSCRIPTEN_KEEPALIVE void aa_host_storage_result(double ticket, int ok_flag, const char* message, size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_storage_result(static_cast<uint64_t>(ticket), ok_flag != 0, view(message, size));
    h->wake();
}

// ---- window.annotator ----

EMSCRIPTEN_KEEPALIVE const char* aa_api_result() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t aa_api_result_size() { return g_result.size(); }

EMSCRIPTEN_KEEPALIVE double aa_api_revision() {
    aa::ui::App* a = app();
    return a ? static_cast<double>(a->editor().revision()) : -1.0;
}

EMSCRIPTEN_KEEPALIVE int aa_api_set_text(const char* text, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::Status st = a->set_text(view(text, size));
    changed();
    return st ? ok({}) : fail(st.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_get_text() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    return ok(a->editor().doc().text().utf8());
}

EMSCRIPTEN_KEEPALIVE int aa_api_add_entity(double start, double end, const char* label, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    size_t s = 0, e = 0;
    if (!to_offset(start, s) || !to_offset(end, e)) return fail("start and end must be non-negative integers");
    aa::Result<std::string> id = a->editor().add_entity(s, e, view(label, size));
    changed();
    return id ? ok(*id) : fail(id.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_remove_entity(const char* id, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::Status st = a->editor().remove_entity(view(id, size));
    changed();
    return st ? ok({}) : fail(st.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_relabel_entity(const char* id, size_t id_size, const char* label, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::Status st = a->editor().set_label(view(id, id_size), view(label, size));
    changed();
    return st ? ok({}) : fail(st.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_entities() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    return ok(aa::io::entities_json(a->editor().doc()));
}

EMSCRIPTEN_KEEPALIVE int aa_api_labels() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    return ok(aa::io::labels_json(a->editor().doc().labels()));
}

EMSCRIPTEN_KEEPALIVE int aa_api_export_warnings() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    return ok(aa::io::strings_json(a->export_warnings()));
}

EMSCRIPTEN_KEEPALIVE int aa_api_export(const char* format, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::Result<std::string> r = a->export_as(view(format, size));
    return r ? ok(std::move(*r)) : fail(r.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_import(const char* format, size_t format_size, const char* content, size_t size,
                                       const char* name, size_t name_size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::Status st = a->import_from(view(format, format_size), view(content, size), view(name, name_size));
    changed();
    return st ? ok({}) : fail(st.error());
}

EMSCRIPTEN_KEEPALIVE int aa_api_undo() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    const bool done = a->editor().undo();
    changed();
    return ok(done ? "true" : "false");
}

EMSCRIPTEN_KEEPALIVE int aa_api_redo() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    const bool done = a->editor().redo();
    changed();
    return ok(done ? "true" : "false");
}

// The character's box in CSS pixels relative to the canvas (post.js adds the canvas's position).
// The App answers from the last frame's layout: draw a frame first so that it is current.
EMSCRIPTEN_KEEPALIVE int aa_api_caret_rect(double offset) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    size_t cp = 0;
    if (!to_offset(offset, cp)) return fail("offset must be a non-negative integer");
    if (aa::web::Host* h = aa::web::host()) h->update_now();
    std::optional<aa::ui::Rect> r = a->caret_rect(cp);
    if (!r) return kNull;
    return ok(
        aa::io::object_json({{"x", r->x}, {"y", r->y}, {"width", r->width}, {"height", r->height}, {"rtl", r->rtl}}));
}

// The boxes the entity was drawn as in the last frame (one per line and direction change).
EMSCRIPTEN_KEEPALIVE int aa_api_highlight_rects(const char* id, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    if (aa::web::Host* h = aa::web::host()) h->update_now();
    std::vector<std::string> rects;
    for (const aa::ui::Rect& r : a->highlight_rects(view(id, size)))
        rects.push_back(aa::io::object_json({{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}}));
    return ok(aa::io::array_json(rects));
}

// The article's text column in the last frame, and the font it is drawn with.
EMSCRIPTEN_KEEPALIVE int aa_api_article_column() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    if (aa::web::Host* h = aa::web::host()) h->update_now();
    const std::optional<aa::ui::ArticleColumn> c = a->article_column();
    if (!c) return kNull;
    return ok(aa::io::object_json({{"x", c->x},
                                   {"width", c->width},
                                   {"size", c->text_size},
                                   {"rowHeight", c->row_height},
                                   {"textTop", c->text_top},
                                   {"scrollY", c->scroll_y},
                                   {"viewHeight", c->view_height},
                                   {"families", std::string(aa::web::kTextFontFamilies)}}));
}

// One paragraph laid out by ui::ParagraphLayout with the browser's canvas as the text engine
// (direction 0 auto, 1 LTR, 2 RTL): its lines and their runs in visual order, each run with its
// level, x, width and the x of every grapheme cluster boundary (offsets in code points). The test
// of the run layout against Chromium's own DOM layout of the same string reads it.
EMSCRIPTEN_KEEPALIVE int aa_api_layout_paragraph(const char* text, size_t size, double width, int direction,
                                                 double px) {
    if (!(width > 0) || !(px > 0) || direction < 0 || direction > 2) return fail("bad width, size or direction");
    static aa::web::CanvasTextEngine* engine = nullptr;
    static aa::ui::MeasureCache* cache = nullptr;
    if (!engine || engine->size_px() != static_cast<float>(px)) {
        delete cache;
        delete engine;
        engine = new aa::web::CanvasTextEngine(static_cast<float>(px));
        cache = new aa::ui::MeasureCache(*engine);
    }
    const aa::bidi::Direction dirs[] = {aa::bidi::Direction::Auto, aa::bidi::Direction::LTR, aa::bidi::Direction::RTL};
    aa::ui::ParagraphLayout p;
    p.build(aa::seg::to_utf32(view(text, size)), *cache, static_cast<float>(width), dirs[direction]);
    std::vector<std::string> lines;
    for (size_t i = 0; i < p.line_count(); ++i) {
        std::vector<std::string> runs;
        for (const aa::ui::Run& r : p.measured_runs(i)) {  // every boundary's x
            const std::string bounds = aa::io::numbers_json(r.bounds), xs = aa::io::numbers_json(r.xs);
            runs.push_back(aa::io::object_json({{"start", r.start},
                                                {"end", r.end},
                                                {"level", r.level},
                                                {"x", r.x},
                                                {"width", r.width},
                                                {"bounds", aa::io::JsonText{bounds}},
                                                {"xs", aa::io::JsonText{xs}}}));
        }
        const aa::ui::RunLine& l = p.line(i);
        const std::string runs_json = aa::io::array_json(runs);
        lines.push_back(aa::io::object_json(
            {{"start", l.start}, {"end", l.end}, {"width", l.width}, {"runs", aa::io::JsonText{runs_json}}}));
    }
    const std::string lines_json = aa::io::array_json(lines);
    return ok(aa::io::object_json({{"rtl", p.rtl()},
                                   {"px", px},
                                   {"families", aa::web::kTextFontFamilies},
                                   {"lines", aa::io::JsonText{lines_json}}}));
}

// A named widget's box (App::widget_rect: "queue.next", "agree.curate", ...), as caret_rect.
EMSCRIPTEN_KEEPALIVE int aa_api_widget_rect(const char* name, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    if (aa::web::Host* h = aa::web::host()) h->update_now();
    std::optional<aa::ui::Rect> r = a->widget_rect(view(name, size));
    if (!r) return kNull;
    return ok(aa::io::object_json({{"x", r->x}, {"y", r->y}, {"width", r->width}, {"height", r->height}}));
}

// The frame loop's counters (annotator.loopStats(), host.hpp's LoopStats).
EMSCRIPTEN_KEEPALIVE int aa_api_loop_stats() {
    aa::web::Host* h = aa::web::host();
    if (!h) return fail(kNotReady);
    const aa::web::LoopStats s = h->loop_stats();
    return ok(aa::io::object_json({{"frames", s.frames},
                                   {"draws", s.draws},
                                   {"skipped", s.skipped},
                                   {"active", s.active},
                                   {"undrawn", s.undrawn},
                                   {"paused", s.paused},
                                   {"ticks", s.ticks},
                                   {"timerFrames", s.timer_frames},
                                   {"pauses", s.pauses},
                                   {"compareMs", s.compare_ms},
                                   {"rememberMs", s.remember_ms},
                                   {"compareBytes", s.compare_bytes}}));
}

EMSCRIPTEN_KEEPALIVE int aa_api_frame_stats() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    aa::ui::FrameStats s = a->frame_stats();
    return ok(aa::io::object_json({{"lastMs", s.last_ms},
                                   {"medianMs", s.median_ms},
                                   {"p99Ms", s.p99_ms},
                                   {"frames", s.frames},
                                   {"saveMs", s.save_ms},
                                   {"saveBytes", s.save_bytes},
                                   {"saveKind", s.save_kind},
                                   {"saveSlices", s.save_slices},
                                   // the font atlas replayed from the build's blob (not rasterised)
                                   {"fontAtlasBaked", aa::ui::last_font_build_baked()}}));
}

// The wasm memory (issue 11's floor: at most 3x the document's JSON): the memory's size, which never
// shrinks (its high-water mark), the allocator's top and what it holds in use now (dlmalloc's
// mallinfo: arena, uordblks), in bytes.
EMSCRIPTEN_KEEPALIVE int aa_api_memory() {
    const struct mallinfo m = mallinfo();
    return ok(aa::io::object_json({{"wasmBytes", static_cast<int64_t>(emscripten_get_heap_size())},
                                   {"heapTop", static_cast<int64_t>(reinterpret_cast<uintptr_t>(sbrk(0)))},
                                   {"mallocArena", static_cast<int64_t>(m.arena)},
                                   {"inUse", static_cast<int64_t>(m.uordblks)}}));
}

EMSCRIPTEN_KEEPALIVE int aa_api_save_state() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    switch (a->save_state()) {
        case aa::ui::SaveState::Saved: return ok("saved");
        case aa::ui::SaveState::Saving: return ok("saving");
        case aa::ui::SaveState::Failed: return ok("failed");
        case aa::ui::SaveState::Off: return ok("off");
    }
    return ok("off");
}

// The recent versions (File > Recent versions), oldest first: [{key, when, title, entities}].
EMSCRIPTEN_KEEPALIVE int aa_api_versions() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    std::vector<std::string> out;
    for (const aa::ui::App::VersionInfo& v : a->versions())
        out.push_back(
            aa::io::object_json({{"key", v.key}, {"when", v.when}, {"title", v.title}, {"entities", v.entities}}));
    return ok(aa::io::array_json(out));
}

// Starts restoring a version (the storage answers asynchronously; the current state is kept as a
// version too). An unknown key is an error rather than a silent no-op.
EMSCRIPTEN_KEEPALIVE int aa_api_restore_version(const char* key, size_t size) {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    const std::string_view k = view(key, size);
    for (const aa::ui::App::VersionInfo& v : a->versions()) {
        if (v.key != k) continue;
        a->restore_version(k);
        changed();
        return ok({});
    }
    return fail("there is no version \"" + std::string(k) + "\" (see annotator.versions())");
}

// What a reload would restore from the autosave read under `ticket` (annotator.storedDocument()):
// the snapshot and the journal replayed, through the start-up's own code: {"document": native,
// "replayed": N, "dropped": N}. An error when nothing is stored or it is unreadable.
EMSCRIPTEN_KEEPALIVE int aa_api_stored_document(double ticket) {
    const aa::io::SavedState saved = aa::web::take_saved(ticket);
    auto s = aa::io::read_saved(saved);
    if (!s.ok()) return fail(s.error());
    aa::Editor e;
    aa::io::restore_session(e, std::move(s->session));
    const aa::io::ReplayReport rep = aa::io::replay_journal(e, s->head.seq, saved.records);
    aa::io::WriteOptions opt;
    opt.pretty = false;
    aa::io::WriteResult w = aa::io::write("native", e.doc(), opt);
    if (!w.ok()) return fail(w.diagnostics.front().message);
    return ok(aa::io::object_json(
        {{"replayed", rep.applied}, {"dropped", rep.dropped}, {"document", aa::io::JsonText{w.output}}}));
}

EMSCRIPTEN_KEEPALIVE int aa_api_status_message() {
    aa::ui::App* a = app();
    if (!a) return fail(kNotReady);
    return ok(a->status_message());
}

// Draws one frame now (annotator.renderFrame(): lets a script see the result of its calls at once).
EMSCRIPTEN_KEEPALIVE int aa_api_render_frame() {
    aa::web::Host* h = aa::web::host();
    if (!h) return fail(kNotReady);
    h->wake();
    h->render_now();
    return ok({});
}

// How many input events ImGui has queued and not yet processed (annotator.pendingInput()). ImGui
// takes one change of a key or button per frame (io.ConfigInputTrickleEventQueue, so that a fast
// press and release is never lost): forty keys typed at once need eighty frames, however long a
// frame takes. A test that waits for the page to have seen its input waits for this to reach 0.
EMSCRIPTEN_KEEPALIVE int aa_api_pending_input() {
    if (!aa::web::host()) return fail(kNotReady);
    return ok(std::to_string(ImGui::GetCurrentContext()->InputEventsQueue.Size));
}

}  // extern "C"
