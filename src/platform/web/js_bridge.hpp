// The JavaScript functions the C++ side calls, implemented in library_web.js (linked with
// --js-library). Strings cross as (pointer, byte length) of UTF-8; JavaScript copies them at once.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
// Clipboard, files, storage (answers arrive through api.cpp's exported aa_host_* functions).
void aa_js_copy(const char* text, size_t size);
void aa_js_request_paste();
void aa_js_open_link(const char* url, size_t size);  // a new tab, noopener and noreferrer
void aa_js_download(const char* name, size_t name_size, const char* mime, size_t mime_size, const char* data,
                    size_t size);
// The chooser's files answer through aa_host_file* with `request` (the App's id, as a double).
void aa_js_open_file_dialog(const char* accept, size_t size, double request);
void aa_js_storage_write(const char* key, size_t key_size, const char* value, size_t value_size, double ticket);
void aa_js_storage_read(const char* key, size_t key_size, double ticket);
void aa_js_storage_delete(const char* key, size_t key_size);
// One transaction (ui::StorageBatch as uint32 words, see WebPlatform::storage_commit).
void aa_js_storage_commit(const uint32_t* batch, double ticket);
// Copies size bytes at ptr into staging slot `slot` at `at` (a value `total` bytes long; 0 empties it).
void aa_js_storage_stage(int slot, double total, double at, const char* ptr, size_t size);
void aa_js_storage_read_saved(double ticket, const char* prefix, size_t prefix_size);
// Broadcasts to the page's other tabs that this one now saves the session.
void aa_js_claim_session();
// Writes the local time as "YYYY-MM-DD HH:MM" (16 ASCII characters + NUL) into out[32].
void aa_js_now_local(char* out);
// Writes new Date().toISOString() (24 ASCII characters + NUL) into out[32].
void aa_js_now_iso(char* out);
void aa_js_set_title(const char* title, size_t size);
// Team projects: AAHost.team(op, a, b, c) loads team.js (PouchDB) on first use and runs `op`
// ("sign-in" url name password, "sign-out", "open" article target, "other" doc_id, "write" doc_id
// json, "resolve" doc_id "mine"|"theirs"); answers through aa_host_team_event. 0 when the page
// cannot load team.js (the single-file build).
void aa_js_team(const char* op, size_t op_size, const char* a, size_t a_size, const char* b, size_t b_size,
                const char* c, size_t c_size);
int aa_js_team_available();
// Queues a RegExp search (flags "gu", plus "i" unless case_sensitive) in the page's regex worker,
// stopped after budget_ms; answered through aa_host_regex_result(ticket, ...). Tickets cross as
// doubles (exact below 2^53).
void aa_js_regex_find(double ticket, const char* pattern, size_t pattern_size, const char* text, size_t text_size,
                      int case_sensitive, double max_hits, double budget_ms);
// Drops a queued search, or stops the running one (no answer follows).
void aa_js_regex_cancel(double ticket);
// Intl.Segmenter word boundaries of UTF-8 text (WebPlatform::dictionary_word_breaks): writes up to
// `capacity` code point offsets (0 < b < size) to `out`; returns how many, or -1 without Intl.Segmenter.
int aa_js_word_breaks(const char* text, size_t size, uint32_t* out, size_t capacity);
// The DOM element over the text field that has the keyboard (id 0: hide it). `geometry`: x, y, w,
// h, pad_x, pad_y, font size (CSS px of the canvas); `state`: multiline, own undo, just activated,
// selection start and end (code points), text colour (0xAABBGGRR).
// `families`: the CSS font families (kTextFontFamilies); `name`: its accessible name (aria-label).
void aa_js_text_field(uint32_t id, const float* geometry, const uint32_t* state, const char* text, size_t size,
                      const char* families, const char* name, size_t name_size);

// An autosave read (ticket 0: the one read before main() ran): part 0 session, 1 head, 2 snapshot,
// 3 text, 4 record `index`; its UTF-8 size or -1, then aa_js_saved_copy copies it into out.
int aa_js_saved_part(double ticket, int part, int index);
int aa_js_saved_records(double ticket);
void aa_js_saved_copy(char* out);
void aa_js_saved_forget(double ticket);

// The browser's click count (MouseEvent.detail: 1, 2 for a double-click, ...) of the mouse press
// GLFW is reporting now, or 0 when unknown; read once per press.
int aa_js_click_count();

// The canvas: its CSS size and the device pixel ratio (out[0..2]); sets its backing store size.
void aa_js_canvas_metrics(double* out);
// 1 when the canvas's size or the pixel ratio may have changed since the last call (a resize, a new
// density, a ResizeObserver's report), else 0.
int aa_js_canvas_changed();
void aa_js_set_canvas_size(int width, int height);
// The canvas's CSS cursor ("default", "text", "pointer", "ew-resize", "none", ...).
void aa_js_set_cursor(const char* css, size_t size);
// A lost WebGL context was restored: drops every WebGL object of the lost one from Emscripten's tables
// (their names then mean nothing, as in a new context) and resets the state Emscripten tracks itself.
void aa_js_gl_forget_objects();
int aa_js_gl_is_lost();  // the context is lost now (asked at start-up: its event comes later)
// Counts every change of a texture's pixels in the current WebGL context from now on (texImage2D,
// texSubImage2D, ..., whoever calls them: Emscripten's glTex* and the text engine's own uploads) in
// *counter, incremented by JavaScript: a frame's picture depends on it as much as on its draw data.
void aa_js_watch_textures(uint32_t* counter);

// Lifecycle: call aa_host_session_read when early.js's read of the saved session has ended (main()
// prepares the rest meanwhile); the app is running (resolve window.annotatorReady), or could not start.
void aa_js_await_session();
void aa_js_ready();
void aa_js_fail(const char* message);
// The accessibility description changed: its JSON (accessibility_bridge.cpp) for the DOM mirror (a11y.js).
void aa_js_a11y_update(const char* json, size_t size);
// After a change of the document's revision: run window.annotator.onChange callbacks.
void aa_js_changed(double revision);
}
