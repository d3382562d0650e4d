// Phones and tablets (issue 15): the label bar under the article on narrow screens, buttons at
// least 44 px tall (WCAG 2.5.5) that label the selection or relabel the selected entity, and what a
// finger's tap means (touch.js-like gestures are turned into ImGui events by platform/web/pre.js).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr float kMinTarget = 44.0f;  // CSS px: the smallest target a finger hits reliably
}

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
        if (ImGui::Button(l.name.c_str(), ImVec2(w, kMinTarget))) {
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

}  // namespace aa::ui
