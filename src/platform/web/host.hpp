// The page's host: owns the GLFW window on the canvas, the WebGL2 renderer, the ImGui context and
// the one App, and decides when to draw a frame. main.cpp implements it; api.cpp (the exported C
// functions behind window.annotator and the browser events) reaches the App through it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ui/app.hpp"

namespace aa::web {

// The frame loop's counters (annotator.loopStats()).
struct LoopStats {
    uint64_t frames = 0;        // UI frames run (drawn, skipped, or left undrawn for the next tick)
    uint64_t draws = 0;         // frames drawn on the canvas
    uint64_t skipped = 0;       // frames not drawn: their picture was the one on the canvas already
    bool active = false;        // within kActiveMs of input or a wake, or the App busy: a frame every tick
    bool undrawn = false;       // the last UI frame was left undrawn (update_now): the next tick runs one
    bool paused = false;        // idle: the loop asks for no animation frame; a timer runs the idle frames
    uint64_t ticks = 0;         // the loop's animation-frame callbacks (whether they ran a UI frame or not)
    uint64_t timer_frames = 0;  // idle frames run by the timer while the loop was paused
    uint64_t pauses = 0;        // times the loop was paused (each idle spell)
    double compare_ms = 0;      // the last comparison with the frame drawn (DrawnFrame::same)
    double remember_ms = 0;     // the last copy of a drawn frame (DrawnFrame::remember)
    size_t compare_bytes = 0;   // the drawn frame's record: the bytes compared per frame
};

class Host {
public:
    virtual ~Host() = default;
    virtual ui::App& app() = 0;
    // Something happened (input, an API call, an async answer): draw frames for a while (resumes the
    // loop if the idle page had paused it).
    virtual void wake() = 0;
    // Draws one frame now unless a frame is already being drawn (re-entrant calls are ignored), even
    // if its picture is the one on the canvas: a script may read the canvas in the same task.
    virtual void render_now() = 0;
    // The canvas no longer shows the frame drawn last (the tab shown again): the next
    // frame is drawn even if its picture is the same.
    virtual void force_draw() = 0;
    virtual LoopStats loop_stats() = 0;
    // Runs one UI frame now without drawing it on the canvas (the next tick draws): for the queries
    // about the last frame's layout (caretRect, widgetRect), which a script may call thousands of
    // times in one task. Drawn each time, their frames queued that many full-window draws on the GPU
    // (software WebGL: minutes of backlog before the page's next frame appeared).
    virtual void update_now() = 0;
    // Calls the JavaScript onChange callbacks if the document's revision moved since the last call.
    virtual void notify_if_changed() = 0;
    // The text of the last paste event: what ImGui's clipboard getter answers (the browser only
    // gives the clipboard to paste events).
    virtual void set_last_paste(std::string_view utf8) = 0;
    // A finger is on the canvas (touch events reach ImGui through api.cpp, not GLFW's cursor
    // callbacks): the frame loop must not reset the pointer as if it had left.
    virtual void set_pointer_inside(bool inside) = 0;
};

// The page's host, or nullptr before main() has started the app (events that arrive early wait
// in JavaScript until window.annotatorReady resolves).
Host* host();

}  // namespace aa::web
