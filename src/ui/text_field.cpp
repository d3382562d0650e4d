// Text fields (AppImpl::input_text, input_multiline): Dear ImGui's InputText over a std::string,
// with two changes for every script. While a field has the keyboard, the host may show its own
// element over it (Platform::show_text_field: in the browser a DOM input, so input methods compose
// Chinese or Japanese and the browser draws what is typed); its edits come back through
// App::on_text_field_input and are applied here, inside ImGui's own callback. Otherwise the field's
// text is drawn as user text (bidi, shaping, the system's fonts) instead of with ImGui's font.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "core/utf8.hpp"
#include "ui/app_impl.hpp"
#include "ui/platform.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {

struct FieldCall {
    std::string* s;
    AppImpl::TextFields* fields;
    ImGuiID id;
};

// The byte offset of code point `cp` in `s` (its end when past it).
int byte_offset(const char* s, int len, size_t cp) {
    int i = 0;
    for (size_t n = 0; i < len && n < cp; ++n) {
        ++i;
        while (i < len && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}

int field_callback(ImGuiInputTextCallbackData* d) {
    auto* call = static_cast<FieldCall*>(d->UserData);
    if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        call->s->resize(static_cast<size_t>(d->BufTextLen));
        d->Buf = call->s->data();
        return 0;
    }
    auto& pending = call->fields->pending;
    if (d->EventFlag != ImGuiInputTextFlags_CallbackAlways || !pending || pending->id != call->id) return 0;
    // The host's element is the field's truth while it is shown: its whole text replaces ImGui's.
    std::string text = std::move(pending->text);
    if (d->Flags & ImGuiInputTextFlags_CharsNoBlank)
        text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; }), text.end());
    if (!(d->Flags & ImGuiInputTextFlags_Multiline)) std::replace(text.begin(), text.end(), '\n', ' ');
    d->DeleteChars(0, d->BufTextLen);
    d->InsertChars(0, text.data(), text.data() + text.size());
    d->SelectionStart = byte_offset(d->Buf, d->BufTextLen, pending->sel_start);
    d->SelectionEnd = d->CursorPos = byte_offset(d->Buf, d->BufTextLen, pending->sel_end);
    pending.reset();
    return 0;
}

}  // namespace

bool AppImpl::input_text(const char* label, std::string& s, int flags, const char* hint) {
    return text_field(label, s, ImVec2(0, 0), flags, false, hint);
}

bool AppImpl::input_multiline(const char* label, std::string& s, ImVec2 size, int flags) {
    return text_field(label, s, size, flags, true);
}

bool AppImpl::text_field(const char* label, std::string& s, ImVec2 size, int flags, bool multiline, const char* hint) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // The platform draws user text (the browser): ImGui's glyphs of the field's text are hidden and
    // the text is drawn by the run layout, or by the host's element while typing.
    const bool user_drawn = ui_text.own == nullptr;
    const char* label_end = ImGui::FindRenderedTextEnd(label);
    ImGui::PushID(label);
    const ImGuiID id = ImGui::GetID("##field");
    FieldCall call{&s, &fields, id};
    const ImGuiInputTextFlags f = flags | ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways;
    if (user_drawn) {  // ImGui's caret and selection too: they follow ImGui's font, not the browser's
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(theme().ui_text, 0.0f));  // transparent
        ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, to_imu32(theme().selection, 0.0f));
    }
    const bool result =
        multiline ? ImGui::InputTextMultiline("##field", s.data(), s.capacity() + 1, size, f, field_callback, &call)
                  : ImGui::InputTextWithHint("##field", hint, s.data(), s.capacity() + 1, f, field_callback, &call);
    if (user_drawn) ImGui::PopStyleColor(2);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::PopID();
    const bool active = g.ActiveId == id;
    if (active) {
        fields.frame_id = id;
        fields.just_activated = g.ActiveIdIsJustActivated || fields.active != id;
        fields.flags = flags;
        fields.multiline = multiline;
        fields.x0 = min.x, fields.y0 = min.y, fields.x1 = max.x, fields.y1 = max.y;
        fields.text = s;
        if (g.InputTextState.ID == id) {
            const auto& st = g.InputTextState.Stb;
            fields.sel_start = static_cast<size_t>(std::min(st.select_start, st.select_end));
            fields.sel_end = static_cast<size_t>(std::max(st.select_start, st.select_end));
            if (st.select_start == st.select_end) fields.sel_start = fields.sel_end = static_cast<size_t>(st.cursor);
        }
    }
    const bool hosted = active && fields.hosted && fields.active == id;  // the host's element shows it
    if (user_drawn && !hosted && !s.empty()) {
        const ImGuiStyle& st = ImGui::GetStyle();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(ImVec2(min.x + st.FramePadding.x, min.y), ImVec2(max.x - st.FramePadding.x, max.y), true);
        const uint32_t color = ImGui::GetColorU32(ImGuiCol_Text);
        float y = min.y + st.FramePadding.y;
        size_t pos = 0;
        // A password as a dot per character, as the browser's own password field shows it.
        std::string dots;
        if (flags & ImGuiInputTextFlags_Password)
            for (size_t n = utf8::count_code_points(s); n > 0; --n) dots += "\xE2\x80\xA2";
        const std::string_view shown = (flags & ImGuiInputTextFlags_Password) ? std::string_view(dots) : s;
        while (pos <= shown.size() && y < max.y) {  // a multiline field: each line on its own
            const size_t nl = multiline ? std::min(shown.find('\n', pos), shown.size()) : shown.size();
            draw_user_text(dl, ImVec2(min.x + st.FramePadding.x, y), shown.substr(pos, nl - pos), color, 0, false);
            y += ImGui::GetTextLineHeight();
            pos = nl + 1;
        }
        dl->PopClipRect();
    }
    // Its name for screen readers: the visible label, else the one given before it (name_next_control).
    const std::string name = label != label_end ? std::string(label, label_end) : dialog_mirror.next_name;
    if (active) fields.name = name;
    note_control({.role = "textbox",
                  .name = name,
                  .value = (flags & ImGuiInputTextFlags_Password) ? std::string() : s,
                  .focused = active});
    if (label != label_end) {  // the visible label, right of the field as ImGui puts it
        const ImGuiLastItemData field_item = g.LastItemData;
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextUnformatted(label, label_end);
        g.LastItemData = field_item;  // callers ask about the field (IsItemDeactivated, its rect)
    }
    return result;
}

// Tells the host which field has the keyboard, where it is and what it holds.
void AppImpl::text_fields_end_frame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (fields.frame_id != 0 && g.ActiveId != fields.frame_id) fields.frame_id = 0;  // released since (Escape)
    TextFieldView v;
    if (fields.frame_id != 0) {
        const ImGuiStyle& st = ImGui::GetStyle();
        v.id = fields.frame_id;
        v.x = fields.x0, v.y = fields.y0, v.w = fields.x1 - fields.x0, v.h = fields.y1 - fields.y0;
        v.pad_x = st.FramePadding.x, v.pad_y = st.FramePadding.y;
        v.multiline = fields.multiline;
        v.password = (fields.flags & ImGuiInputTextFlags_Password) != 0;
        v.own_undo = !(fields.flags & ImGuiInputTextFlags_NoUndoRedo);
        v.just_activated = fields.just_activated;
        v.text = fields.text;
        v.name = fields.name;
        v.sel_start = fields.sel_start, v.sel_end = fields.sel_end;
        v.font_size = ImGui::GetFontSize();
        v.text_color = ImGui::GetColorU32(ImGuiCol_Text);
    }
    if (fields.active != v.id) fields.pending.reset();  // an edit for a field that is gone
    fields.active = v.id;
    fields.hosted = platform.show_text_field(v) && v.id != 0;
    fields.frame_id = 0;
}

}  // namespace aa::ui
