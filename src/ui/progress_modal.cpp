// The modal progress bar of work done a slice per frame (an import: import.cpp; a labelling:
// bulk.cpp): opened when its job asks, centred; a line of text, a progress bar (a progressbar
// control for screen readers) and "Cancel (Esc)"; closed the frame after the job ends.
#include <imgui.h>

#include "ui/app_impl.hpp"

namespace aa::ui {

// `state` is the job's popup: `open_request` set when the job starts, `shown` while the popup is
// open. `now` is the job's progress this frame, or nothing when it has ended (or never began).
// Widgets are noted as `<widget>.progress` and `<widget>.cancel`.
AppImpl::ProgressModalEnd AppImpl::progress_modal(const char* title, const char* widget, ProgressPopup& state,
                                                  const std::optional<ProgressNow>& now) {
    if (!now && !state.shown) {
        state.open_request = false;  // a job that ended before its popup was drawn
        return ProgressModalEnd::Hidden;
    }
    if (state.open_request) {
        ImGui::OpenPopup(title);
        state.open_request = false;
        state.shown = true;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!begin_modal(title)) {
        state.shown = false;
        return ProgressModalEnd::Closed;
    }
    if (!now) {  // the job ended (its tick) or was cancelled elsewhere: close it
        ImGui::CloseCurrentPopup();
        end_modal();
        state.shown = false;
        return ProgressModalEnd::Closed;
    }
    const std::string name(widget);
    dialog_text(now->text);
    ImGui::ProgressBar(now->fraction, ImVec2(ImGui::GetFontSize() * 20, 0));
    note_widget(name + ".progress");
    note_control({.role = "progressbar", .name = "Progress", .value = now->value});
    ProgressModalEnd end = ProgressModalEnd::Shown;
    if (dialog_button("Cancel (Esc)") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        ImGui::CloseCurrentPopup();
        state.shown = false;
        end = ProgressModalEnd::Cancelled;
    }
    note_widget(name + ".cancel");
    end_modal();
    return end;
}

}  // namespace aa::ui
