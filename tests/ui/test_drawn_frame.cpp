// DrawnFrame (issue 11, per-frame work): the page skips the GL draw of a frame whose draw data, on the
// same framebuffer with the same textures, is byte for byte the one drawn last. Real App frames: an
// idle frame is the same picture; a hover, a scroll, a new size or a texture upload is not; and any
// single field the GL draw reads, changed by one bit, makes the frame differ.
#include <doctest/doctest.h>
#include <imgui.h>

#include "headless.hpp"
#include "ui/drawn_frame.hpp"

using namespace aa;

namespace {

constexpr const char* kText =
    "Angela Merkel visited Paris on Monday. Emmanuel Macron met her at the Elysee Palace.\n\n"
    "The two leaders spoke about trade, energy and the budget of the European Union.";

const ui::DrawTarget kTarget{1280, 800, 7};

ImDrawData& last_draw_data() {
    ImDrawData* d = ImGui::GetDrawData();
    REQUIRE(d != nullptr);
    REQUIRE(d->CmdListsCount > 0);
    return *d;
}

// The first list with vertices, indices and a command.
ImDrawList& some_list(ImDrawData& d) {
    for (ImDrawList* l : d.CmdLists)
        if (l->VtxBuffer.Size > 0 && l->IdxBuffer.Size > 0 && l->CmdBuffer.Size > 0) return *l;
    FAIL("no list with vertices");
    return *d.CmdLists[0];
}

// Frames until the autosave of the text is stored and the status line has settled on "saved" (its
// change is drawn over a few frames: those pictures differ, as they should).
void until_saved(test::Harness& h) {
    for (int i = 0; i < 200 && h.app.save_state() != ui::SaveState::Saved; ++i) h.frame();
    REQUIRE(h.app.save_state() == ui::SaveState::Saved);
    h.frames(30);
}

}  // namespace

TEST_CASE("drawn frame: an idle App frame is the picture drawn; nothing remembered is never the same") {
    test::Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    until_saved(h);
    ui::DrawnFrame drawn;
    CHECK_FALSE(drawn.same(last_draw_data(), kTarget));
    drawn.remember(last_draw_data(), kTarget);
    CHECK(drawn.bytes() > 1000);
    CHECK(drawn.same(last_draw_data(), kTarget));
    h.frames(5);  // nothing happened: the same picture, frame after frame
    CHECK(drawn.same(last_draw_data(), kTarget));
    drawn.forget();
    CHECK_FALSE(drawn.same(last_draw_data(), kTarget));
}

TEST_CASE("drawn frame: the framebuffer's size and a texture upload make the same draw data differ") {
    test::Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    until_saved(h);
    ui::DrawnFrame drawn;
    drawn.remember(last_draw_data(), kTarget);
    CHECK_FALSE(
        drawn.same(last_draw_data(), {kTarget.framebuffer_w + 1, kTarget.framebuffer_h, kTarget.texture_changes}));
    CHECK_FALSE(
        drawn.same(last_draw_data(), {kTarget.framebuffer_w, kTarget.framebuffer_h - 1, kTarget.texture_changes}));
    CHECK_FALSE(
        drawn.same(last_draw_data(), {kTarget.framebuffer_w, kTarget.framebuffer_h, kTarget.texture_changes + 1}));
    CHECK(drawn.same(last_draw_data(), kTarget));
}

TEST_CASE("drawn frame: a hover over the menu bar and a scroll change the picture") {
    test::Harness h;
    std::string long_text;
    for (int i = 0; i < 80; ++i) long_text += std::string(kText) + "\n\n";
    REQUIRE(h.app.set_text(long_text).ok());
    h.move(ImVec2(600, 400));
    until_saved(h);
    ui::DrawnFrame drawn;
    drawn.remember(last_draw_data(), kTarget);
    const auto menu = h.app.widget_rect("menu.view");
    REQUIRE(menu.has_value());
    if (menu) h.move(test::centre(*menu));  // the menu's highlight under the pointer
    h.frames(2);
    CHECK_FALSE(drawn.same(last_draw_data(), kTarget));
    h.move(ImVec2(600, 400));
    h.frames(3);
    CHECK(drawn.same(last_draw_data(), kTarget));  // back where it was: the picture drawn before
    ImGui::GetIO().AddMouseWheelEvent(0, -3);
    h.frames(3);
    CHECK_FALSE(drawn.same(last_draw_data(), kTarget));
}

TEST_CASE("drawn frame: one bit of any field the GL draw reads makes the frame differ") {
    test::Harness h;
    REQUIRE(h.app.set_text(kText).ok());
    until_saved(h);
    ImDrawData& d = last_draw_data();
    ui::DrawnFrame drawn;
    drawn.remember(d, kTarget);
    ImDrawList& l = some_list(d);
    ImDrawCmd& c = l.CmdBuffer[0];
    // Each change is made, checked and undone.
    auto differs = [&](auto& field, auto changed) {
        const auto kept = field;
        field = changed;
        const bool same = drawn.same(d, kTarget);
        field = kept;
        return !same;
    };
    CHECK(differs(l.VtxBuffer[0].col, l.VtxBuffer[0].col ^ 1u));
    CHECK(differs(l.VtxBuffer[l.VtxBuffer.Size - 1].pos.x, l.VtxBuffer[l.VtxBuffer.Size - 1].pos.x + 1));
    CHECK(differs(l.VtxBuffer[0].uv.y, l.VtxBuffer[0].uv.y + 0.5f));
    CHECK(differs(l.IdxBuffer[l.IdxBuffer.Size - 1], static_cast<ImDrawIdx>(l.IdxBuffer[l.IdxBuffer.Size - 1] ^ 1)));
    CHECK(differs(c.ClipRect.z, c.ClipRect.z - 1));
    CHECK(differs(c.TextureId, reinterpret_cast<ImTextureID>(reinterpret_cast<uintptr_t>(c.TextureId) + 1)));
    CHECK(differs(c.VtxOffset, c.VtxOffset + 1));
    CHECK(differs(c.IdxOffset, c.IdxOffset + 3));
    CHECK(differs(c.ElemCount, c.ElemCount + 3));
    CHECK(differs(c.UserCallback, ImDrawCallback_ResetRenderState));
    static int user_data = 0;
    CHECK(differs(c.UserCallbackData, static_cast<void*>(&user_data)));
    CHECK(differs(d.DisplayPos.x, d.DisplayPos.x + 1));
    CHECK(differs(d.DisplaySize.y, d.DisplaySize.y + 1));
    CHECK(differs(d.FramebufferScale.x, 2.0f));
    // A vertex or an index fewer (the last one dropped): the counts differ, not only the bytes.
    CHECK(differs(l.VtxBuffer.Size, l.VtxBuffer.Size - 1));
    CHECK(differs(l.IdxBuffer.Size, l.IdxBuffer.Size - 1));
    CHECK(differs(l.CmdBuffer.Size, l.CmdBuffer.Size - 1));
    CHECK(differs(d.CmdListsCount, d.CmdListsCount - 1));
    CHECK(drawn.same(d, kTarget));  // every change undone
}
