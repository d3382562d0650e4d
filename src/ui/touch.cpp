// Phones and tablets (issue 15): the label bar under the article on narrow screens, buttons at
// least 44 px tall (WCAG 2.5.5) that label the selection or relabel the selected entity, what a
// finger's tap means, the selection's handles a finger drags and the long press that opens an
// entity's menu (the gestures are turned into ImGui events by platform/web/pre.js).
#include <imgui.h>
#include <imgui_internal.h>  // the window under the finger, for its wheel step

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr float kMinTarget = 44.0f;  // CSS px: the smallest target a finger hits reliably
constexpr float kHandleRadius = 9.0f;
}  // namespace

float AppImpl::label_bar_height() const { return kMinTarget + 12.0f; }

bool AppImpl::touch_tap() const { return ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen; }

void AppImpl::draw_label_bar(ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
    ImGui::Begin("##label_bar", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavInputs |
                     ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const auto& labels = editor.doc().labels().all();
    const float room = size.x - 12 - 6 * static_cast<float>(labels.size() > 0 ? labels.size() - 1 : 0);
    const float w = std::max(kMinTarget * 1.5f, labels.empty() ? 0.0f : room / static_cast<float>(labels.size()));
    for (size_t i = 0; i < labels.size(); ++i) {
        const Label& l = labels[i];
        if (i > 0) ImGui::SameLine(0, 6);
        ImGui::PushStyleColor(ImGuiCol_Button, to_imu32(l.color));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imu32(darker(l.color, 0.9f)));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, to_imu32(darker(l.color, 0.8f)));
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(l.color.readable_text()));
        ImGui::PushID(static_cast<int>(i));
        if (ui_button(l.name, ImVec2(w, kMinTarget))) {
            if (sel.active || !sel.entity.empty())
                label_selection_or_entity(l.name);
            else
                set_status("Tap a word first (or press and hold, then drag, to select several)");
        }
        note_widget("labelbar." + l.name);
        ImGui::PopID();
        ImGui::PopStyleColor(4);
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

// A swipe: over the article the text follows the finger pixel for pixel (applied in the next
// frame, however many moves came meanwhile); elsewhere (the side panel's sheet) as a wheel turn of
// the same distance, by ImGui's own step for the window under the finger.
void AppImpl::touch_scroll(ImVec2 p, float dy) {
    const Rect& a = touch.article;
    if (article_drawn && p.x >= a.x && p.x < a.x + a.width && p.y >= a.y && p.y < a.y + a.height) {
        touch.scroll_dy += dy;
        return;
    }
    const ImGuiWindow* w = GImGui->HoveredWindow;
    const float step = w ? std::trunc(std::min(5.0f * w->CalcFontSize(), w->InnerRect.GetHeight() * 0.67f)) : 0.0f;
    ImGui::GetIO().AddMouseWheelEvent(0.0f, dy / std::max(1.0f, step));
}

// A selection made on a touch screen gets a handle under each end (a finger cannot see the caret
// it drags); pre.js asks touch_handle_at whether a finger lands on one, and then drags instead of
// scrolling.
void AppImpl::draw_touch_handles(ImDrawList* dl) {
    touch.handle_start.reset();
    touch.handle_end.reset();
    if (!touch_seen || !sel.active || sel.anchor == sel.caret) return;
    const size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
    const ImU32 col = to_imu32(theme().accent);
    auto handle = [&](size_t cp, bool end) -> std::optional<ImVec2> {
        if (!span_in_view(cp, cp + 1)) return std::nullopt;
        const std::optional<Rect> r = caret_rect(cp);
        if (!r) return std::nullopt;
        (end ? touch.end_mid_y : touch.start_mid_y) = r->y + r->height * 0.5f;
        const float x = (end != r->rtl) ? r->x + r->width : r->x;  // the selection's outer edge
        const float bottom = r->y + r->height;
        dl->AddLine(ImVec2(x, r->y), ImVec2(x, bottom + kHandleRadius), col, 2.0f);
        const ImVec2 c(x, bottom + kHandleRadius);
        dl->AddCircleFilled(c, kHandleRadius, col);
        return c;
    };
    touch.handle_start = handle(a, false);
    touch.handle_end = handle(b - 1, true);
    const float half = kMinTarget * 0.5f;  // what a finger hits: a 44 px square around each handle
    auto note = [&](const char* name, ImVec2 c) {
        widget_rects[name] = {Rect{c.x - half, c.y - half, kMinTarget, kMinTarget}, ImGui::GetFrameCount()};
    };
    if (touch.handle_start) note("touch.handle.start", *touch.handle_start);
    if (touch.handle_end) note("touch.handle.end", *touch.handle_end);
}

// The handle a finger at p grabs: within half a 44 px target of its centre.
int AppImpl::touch_handle_at(ImVec2 p) const {
    auto near = [&](const std::optional<ImVec2>& c) {
        return c && std::fabs(p.x - c->x) <= kMinTarget * 0.5f && std::fabs(p.y - c->y) <= kMinTarget * 0.5f;
    };
    if (near(touch.handle_end)) return +1;
    if (near(touch.handle_start)) return -1;
    return 0;
}

// A press in the article that a finger means differently from a mouse: on a handle it drags that
// end of the selection; a long press on an entity selects it and opens its menu. True when taken.
bool AppImpl::touch_press(const MouseHit& h) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (const int end = touch_handle_at(m); end != 0 && sel.active) {
        const size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
        sel.anchor = end < 0 ? b : a;  // the other end stays
        sel.caret = end < 0 ? a : b;
        sel.entity.clear();
        sel.dragging_text = true;
        touch.lift = m.y - (end < 0 ? touch.start_mid_y : touch.end_mid_y);
        return true;
    }
    if (touch.long_press && h.box && h.edge == 0) {
        touch.long_press = false;
        select_entity(editor.doc().entities().get(h.box->slot).id, false);
        sel.open_context_menu = true;
        return true;
    }
    return false;
}

}  // namespace aa::ui
