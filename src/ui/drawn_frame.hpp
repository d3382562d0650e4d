// The picture last drawn on the canvas, to tell whether a new frame would draw the same one (issue 11,
// per-frame work). The page's loop runs a UI frame every animation frame while the user acts (and now
// and then when idle), and each draw costs 50-65 ms of main thread with software WebGL and the
// compositor's read-back, even when nothing moved. Dear ImGui's draw data says everything the GL draw
// takes from the frame: the vertex, index and command buffers of every list (clip rectangles, texture
// ids, offsets, counts, callbacks), the display position, size and framebuffer scale. The rest of what
// the picture depends on is the host's, given with it: the framebuffer size and a count of texture
// changes (an atlas page or the font texture uploaded again under the same id draws other pixels from
// the same draw data). Equal means byte for byte: no tolerance, no hashing that could collide.
// No GL and no Emscripten: the native tests drive it (tests/ui/test_drawn_frame.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

struct ImDrawData;

namespace aa::ui {

// What the picture depends on besides the draw data (PageHost: its backing store and its count of
// texture uploads, library_web.js).
struct DrawTarget {
    int framebuffer_w = 0;
    int framebuffer_h = 0;
    uint64_t texture_changes = 0;
};

class DrawnFrame {
public:
    // Whether `data` drawn on `target` is exactly the frame remembered last (false when none is).
    bool same(const ImDrawData& data, const DrawTarget& target) const;
    // `data` on `target` was drawn: what the canvas shows now.
    void remember(const ImDrawData& data, const DrawTarget& target);
    // The canvas no longer shows the remembered frame (cleared, resized, shown again): the next
    // frame is drawn whatever it holds.
    void forget() { valid_ = false; }
    // Whether a frame is remembered (none yet, or forgotten: the next one is drawn whatever it holds).
    bool valid() const { return valid_; }
    // The size of the record (the bytes compared per frame).
    size_t bytes() const { return record_.size(); }

private:
    std::vector<unsigned char> record_;
    bool valid_ = false;
};

}  // namespace aa::ui
