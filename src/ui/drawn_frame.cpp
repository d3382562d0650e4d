// DrawnFrame (drawn_frame.hpp): a frame's draw data written field by field into one record of bytes
// (no struct padding in it), or compared with the remembered record without writing one.
#include "ui/drawn_frame.hpp"

#include <imgui.h>

#include <cstring>

namespace aa::ui {
namespace {

// Appends every piece to the record.
struct Writer {
    std::vector<unsigned char>& out;
    bool ok() const { return true; }
    void put(const void* p, size_t n) {
        if (n == 0) return;
        const auto* b = static_cast<const unsigned char*>(p);
        out.insert(out.end(), b, b + n);
    }
};

// Compares every piece with the record at the current position; stops at the first difference.
struct Comparer {
    const std::vector<unsigned char>& record;
    size_t at = 0;
    bool equal = true;
    bool ok() const { return equal; }
    void put(const void* p, size_t n) {
        if (!equal || n == 0) return;
        if (record.size() - at < n || std::memcmp(record.data() + at, p, n) != 0) {
            equal = false;
            return;
        }
        at += n;
    }
};

template <typename T, typename Sink>
void put_value(Sink& s, const T& v) {
    s.put(&v, sizeof v);
}

template <typename Sink>
void put_vec2(Sink& s, const ImVec2& v) {
    put_value(s, v.x);
    put_value(s, v.y);
}

template <typename Sink>
void put_pointer(Sink& s, const void* p) {
    put_value(s, reinterpret_cast<uintptr_t>(p));
}

// Every field the GL draw reads, in a fixed order; each list's counts before its buffers, so that
// two frames whose buffers concatenate alike but split differently never read as equal.
template <typename Sink>
void walk(Sink& s, const ImDrawData& d, const DrawTarget& t) {
    put_value(s, t.framebuffer_w);
    put_value(s, t.framebuffer_h);
    put_value(s, t.texture_changes);
    put_value(s, static_cast<unsigned char>(d.Valid ? 1 : 0));
    put_value(s, d.CmdListsCount);
    put_value(s, d.TotalIdxCount);
    put_value(s, d.TotalVtxCount);
    put_vec2(s, d.DisplayPos);
    put_vec2(s, d.DisplaySize);
    put_vec2(s, d.FramebufferScale);
    for (int i = 0; i < d.CmdListsCount && s.ok(); ++i) {
        const ImDrawList& list = *d.CmdLists[i];
        put_value(s, list.CmdBuffer.Size);
        put_value(s, list.IdxBuffer.Size);
        put_value(s, list.VtxBuffer.Size);
        put_value(s, static_cast<int>(list.Flags));
        // ImDrawVert is pos, uv (floats) and col (32 bits): 20 bytes, no padding (static_assert below).
        s.put(list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        s.put(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : list.CmdBuffer) {
            put_value(s, c.ClipRect.x);
            put_value(s, c.ClipRect.y);
            put_value(s, c.ClipRect.z);
            put_value(s, c.ClipRect.w);
            put_value(s, reinterpret_cast<uintptr_t>(c.TextureId));
            put_value(s, c.VtxOffset);
            put_value(s, c.IdxOffset);
            put_value(s, c.ElemCount);
            put_value(s, reinterpret_cast<uintptr_t>(c.UserCallback));
            put_pointer(s, c.UserCallbackData);
        }
    }
}

static_assert(sizeof(ImDrawVert) == 2 * sizeof(ImVec2) + sizeof(ImU32), "ImDrawVert without padding");

}  // namespace

bool DrawnFrame::same(const ImDrawData& data, const DrawTarget& target) const {
    if (!valid_) return false;
    Comparer c{record_};
    walk(c, data, target);
    return c.equal && c.at == record_.size();
}

void DrawnFrame::remember(const ImDrawData& data, const DrawTarget& target) {
    record_.clear();
    Writer w{record_};
    walk(w, data, target);
    valid_ = true;
}

}  // namespace aa::ui
