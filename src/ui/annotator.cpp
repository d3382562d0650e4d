// Who annotates (issue 16, item 6): the annotator name, set once in Edit > Your name... and
// remembered with the view settings (io::ViewPrefs::annotator); the editor stamps it and the time on
// each entity and relation it adds (core Editor::set_annotator), which native, Label Studio, W3C and
// brat keep and Compare splits by.
#include <imgui.h>

#include "ui/app_impl.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {

void AppImpl::set_annotator_name(std::string name) {
    // Trimmed, one line: the name goes into brat notes and JSON strings alike.
    for (char& c : name)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    const size_t a = name.find_first_not_of(' '), b = name.find_last_not_of(' ');
    name = a == std::string::npos ? std::string() : name.substr(a, b - a + 1);
    if (name.size() > 64) name.resize(64);  // (bytes; a cut inside a character is repaired below)
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
    if (prefs.annotator != name) {
        prefs.annotator = name;
        ++prefs_revision;  // saved with the view
    }
    editor.set_annotator(prefs.annotator, [this] { return platform.now_iso(); });
}

void AppImpl::draw_annotator_dialog() {
    if (annotator_dialog.open) {
        ImGui::OpenPopup("Your name");
        annotator_dialog.open = false;
        annotator_dialog.field = prefs.annotator;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!begin_modal("Your name")) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
    dialog_text(
        "Each entity and relation you add carries your name and the time (kept in the native, Label Studio, "
        "W3C and brat files; Compare can split a file by annotator). Leave it empty to stamp nothing.");
    ImGui::PopTextWrapPos();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    name_next_control("Your name");
    const bool enter = input_text("##annotatorname", annotator_dialog.field, ImGuiInputTextFlags_EnterReturnsTrue);
    note_widget("annotator.name");
    const bool clicked = dialog_button("Save");
    note_widget("annotator.save");
    if (clicked || enter) {
        set_annotator_name(annotator_dialog.field);
        set_status(prefs.annotator.empty() ? std::string("No annotator name: new entities carry none")
                                           : "New entities and relations carry the name " + prefs.annotator);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    end_modal();
}

}  // namespace aa::ui
