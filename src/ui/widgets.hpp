// Small widgets shared by the UI's files: the resize callback of ImGui text fields over std::string
// (imgui_stdlib is not in Debian's '+ds' source tarball; the fields themselves are
// AppImpl::input_text / input_multiline, ui/text_field.cpp), and the release of the active field
// (ImGui internals: ClearActiveID).
#pragma once
#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace aa::ui {

inline int string_resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

// Ends the editing of the active text field now, and tells ImGui that no field wants the keyboard
// from the next frame on (InputText already asked for it during this frame): the next frame's keys
// go to the shortcuts.
inline void release_text_field() {
    ImGui::ClearActiveID();
    ImGui::GetCurrentContext()->WantTextInputNextFrame = 0;
}

}  // namespace aa::ui
