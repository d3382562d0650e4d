// User text outside the article (the entities table, the selected entity's details, tooltips, the
// suggestions list, the comparison's differences), drawn like the article: laid out by
// ParagraphLayout (bidi, clusters) and drawn run by run by the platform's renderer, so Arabic,
// Devanagari, CJK and emoji read there as in the article. The ui_* widgets take UI strings that may
// quote user text (label and document names, messages): ImGui draws them when its font can.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/segment.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
constexpr float kNoWrap = 1e6f;
}

ParagraphLayout& AppImpl::user_layout(std::string_view utf8, float wrap_width, std::vector<TextStyle> styles) {
    // Always the UI font's size: a size change empties the renderer's atlas, which must not happen
    // between two draws of one frame.
    const float size = fonts.ui ? fonts.ui->FontSize * ImGui::GetIO().FontGlobalScale : ImGui::GetFontSize();
    if (size != ui_text.size) {
        if (ui_text.own) ui_text.own->set_font(fonts.ui ? fonts.ui : ImGui::GetFont(), fonts.ui_bold);
        ui_text.renderer->set_size(size, fonts.pixel_ratio);
        ui_text.measure->clear();
        ui_text.kept.clear();
        ui_text.size = size;
    }
    const float wrap = wrap_width > 0 ? wrap_width : kNoWrap;
    // The key: the wrap width's bytes, the styles, then the text.
    std::string& key = ui_text.key;
    key.assign(reinterpret_cast<const char*>(&wrap), sizeof wrap);
    key.append(std::to_string(styles.size())).push_back(':');
    for (const TextStyle s : styles) key.push_back(static_cast<char>(s));
    key.append(utf8);
    auto [it, fresh] = ui_text.kept.try_emplace(key);
    it->second.frame = ui_text.frame;
    if (!fresh) return it->second.layout;
    ui_text.scratch = seg::to_utf32(utf8);
    for (char32_t& c : ui_text.scratch)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // one paragraph
    it->second.layout.build(std::move(ui_text.scratch), *ui_text.measure, wrap, bidi::Direction::Auto,
                            std::move(styles));
    return it->second.layout;
}

void AppImpl::ui_text_end_frame() {
    ui_text.renderer->end_frame();
    if (ui_text.kept.size() > UiText::kKept)
        std::erase_if(ui_text.kept, [&](const auto& kv) { return kv.second.frame != ui_text.frame; });
    ++ui_text.frame;
}

// Draws `utf8` with its top left at `pos`: one line clipped at max_width (0: no limit), or wrapped
// lines `wrap` wide. Returns its size.
ImVec2 AppImpl::draw_user_text(ImDrawList* dl, ImVec2 pos, std::string_view utf8, uint32_t color, float max_width,
                               bool wrap) {
    ParagraphLayout& pl = user_layout(utf8, wrap ? max_width : 0);
    const float line_h = ImGui::GetTextLineHeight();
    const size_t lines = wrap ? pl.line_count() : 1;
    float widest = 0;
    if (max_width > 0 && !wrap) dl->PushClipRect(pos, ImVec2(pos.x + max_width, pos.y + line_h), true);
    for (size_t li = 0; li < lines; ++li) {
        const std::vector<Run>& runs = pl.runs(li);
        if (runs.empty()) continue;
        // One line: left-aligned in the widget (a right-to-left line as a whole, its runs in visual
        // order). Wrapped lines keep their paragraph's alignment within the wrap width.
        const bool several = wrap && pl.line_count() > 1;
        const float x0 = several ? 0 : runs.front().x;
        const float w = several ? max_width : runs.back().x + runs.back().width - x0;
        widest = std::max(widest, w);
        for (const Run& r : runs)
            ui_text.renderer->draw(dl, pos.x + r.x - x0, pos.y + static_cast<float>(li) * line_h,
                                   std::u32string_view(pl.text()).substr(r.start, r.end - r.start), r.rtl(), color);
    }
    if (max_width > 0 && !wrap) dl->PopClipRect();
    if (max_width > 0) widest = std::min(widest, max_width);
    return ImVec2(widest, static_cast<float>(lines) * line_h);
}

// As ImGui::TextUnformatted, wrapped at wrap_width when it is positive.
void AppImpl::user_text(std::string_view utf8, float wrap_width) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = draw_user_text(ImGui::GetWindowDrawList(), pos, utf8, ImGui::GetColorU32(ImGuiCol_Text),
                                       std::max(0.0f, wrap_width), wrap_width > 0);
    ImGui::Dummy(ImVec2(size.x, std::max(size.y, ImGui::GetTextLineHeight())));
}

// As ImGui::Selectable with the user text as its label.
bool AppImpl::user_selectable(std::string_view utf8, bool selected, int flags, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float base = ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;  // where Selectable puts its label
    const bool clicked = ImGui::Selectable("##user", selected, flags, size);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float width = (flags & ImGuiSelectableFlags_SpanAllColumns) ? ImGui::GetColumnWidth() : max.x - min.x;
    draw_user_text(ImGui::GetWindowDrawList(), ImVec2(pos.x, pos.y + base), utf8, ImGui::GetColorU32(ImGuiCol_Text),
                   std::max(1.0f, width), false);
    return clicked;
}

// =====================================================================================
// UI strings that may hold user text (label names, document names, messages that quote them)
// =====================================================================================

namespace {
bool rtl_code_point(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
           (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}
}  // namespace

// Whether Dear ImGui's current font draws `utf8` as it should: every glyph in its atlas and nothing
// right to left. Otherwise the string goes through the run layout and the platform's renderer.
bool AppImpl::plain_ui_text(std::string_view utf8) const {
    if (ui_text.own) return true;  // the platform draws with ImGui's font anyway (headless, native)
    const ImFont* font = ImGui::GetFont();
    size_t i = 0;
    while (i < utf8.size()) {
        const unsigned char b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, utf8.data() + i, utf8.data() + utf8.size());
        i += static_cast<size_t>(std::max(1, n));
        if (rtl_code_point(c) || c > IM_UNICODE_CODEPOINT_MAX) return false;
        if (c >= 0x20 && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) return false;
    }
    return true;
}

void AppImpl::ui_text_unformatted(std::string_view utf8, ImU32 color) {
    if (plain_ui_text(utf8)) {
        if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(utf8.data(), utf8.data() + utf8.size());
        if (color) ImGui::PopStyleColor();
        return;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float base = ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;  // as Text: on the line's baseline
    const ImVec2 size = draw_user_text(ImGui::GetWindowDrawList(), ImVec2(pos.x, pos.y + base), utf8,
                                       color ? color : ImGui::GetColorU32(ImGuiCol_Text), 0, false);
    ImGui::ItemSize(ImVec2(size.x, ImGui::GetTextLineHeight()), base);
    ImGui::ItemAdd(ImRect(pos, ImVec2(pos.x + size.x, pos.y + ImGui::GetTextLineHeight())), 0);
}

// As ImGui::Selectable / MenuItem / SmallButton with `label` (user text) drawn by the right engine.
// The item's id comes from the label, as ImGui's would.
bool AppImpl::ui_selectable(std::string_view label, bool selected, int flags) {
    if (plain_ui_text(label)) return ImGui::Selectable(std::string(label).c_str(), selected, flags);
    ImGui::PushID(label.data(), label.data() + label.size());
    const bool clicked = user_selectable(label.substr(0, label.find("##")), selected, flags, ImVec2(0, 0));
    ImGui::PopID();
    return clicked;
}

bool AppImpl::ui_menu_item(std::string_view label, const char* shortcut, bool selected, bool enabled, bool checkable) {
    if (plain_ui_text(label)) {
        const bool clicked = ImGui::MenuItem(std::string(label).c_str(), shortcut, selected, enabled);
        note_menu_entry({.name = std::string(label),
                         .shortcut = shortcut ? shortcut : "",
                         .checkable = checkable,
                         .checked = selected,
                         .enabled = enabled});
        return clicked;
    }
    const std::string_view shown = label.substr(0, label.find("##"));
    ParagraphLayout& pl = user_layout(shown, 0);
    const float w = pl.line_count() && !pl.runs(0).empty()
                        ? pl.runs(0).back().x + pl.runs(0).back().width - pl.runs(0).front().x
                        : 0.0f;
    ImGui::PushID(label.data(), label.data() + label.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // ImGui sizes the menu by its items' labels: a label of spaces as wide as the text keeps the room.
    const float space = std::max(1.0f, ImGui::CalcTextSize(" ").x);
    const std::string room(static_cast<size_t>(std::ceil(w / space)), ' ');
    const bool clicked = ImGui::MenuItem((room + "##item").c_str(), shortcut, selected, enabled);
    note_menu_entry({.name = std::string(shown),
                     .shortcut = shortcut ? shortcut : "",
                     .checkable = checkable,
                     .checked = selected,
                     .enabled = enabled});
    ImGui::PopID();
    const ImGuiStyle& st = ImGui::GetStyle();
    const uint32_t color = ImGui::GetColorU32(enabled ? ImGuiCol_Text : ImGuiCol_TextDisabled);
    (void)st;
    draw_user_text(ImGui::GetWindowDrawList(), pos, shown, color, w + 1, false);
    return clicked;
}

bool AppImpl::ui_small_button(std::string_view label) {
    if (plain_ui_text(label)) return ImGui::SmallButton(std::string(label).c_str());
    ParagraphLayout& pl = user_layout(label, 0);
    const float w = pl.line_count() && !pl.runs(0).empty()
                        ? pl.runs(0).back().x + pl.runs(0).back().width - pl.runs(0).front().x
                        : 0.0f;
    const ImGuiStyle& st = ImGui::GetStyle();
    ImGui::PushID(label.data(), label.data() + label.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(st.FramePadding.x, 0));
    const bool clicked = ImGui::Button("##button", ImVec2(w + 2 * st.FramePadding.x, ImGui::GetTextLineHeight()));
    ImGui::PopStyleVar();
    ImGui::PopID();
    draw_user_text(ImGui::GetWindowDrawList(), ImVec2(pos.x + st.FramePadding.x, pos.y), label,
                   ImGui::GetColorU32(ImGuiCol_Text), w + 1, false);
    return clicked;
}

bool AppImpl::ui_button(std::string_view label, ImVec2 size) {
    if (plain_ui_text(label)) return ImGui::Button(std::string(label).c_str(), size);
    ImGui::PushID(label.data(), label.data() + label.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::Button("##button", size);
    ImGui::PopID();
    const ImVec2 sz = ImGui::GetItemRectSize();
    ParagraphLayout& pl = user_layout(label, 0);
    const std::vector<Run>& runs = pl.runs(0);
    const float w = runs.empty() ? 0 : runs.back().x + runs.back().width - runs.front().x;
    const float x = pos.x + std::max(0.0f, (sz.x - w) * 0.5f), y = pos.y + (sz.y - ImGui::GetTextLineHeight()) * 0.5f;
    draw_user_text(ImGui::GetWindowDrawList(), ImVec2(x, y), label, ImGui::GetColorU32(ImGuiCol_Text), sz.x, false);
    return clicked;
}

void AppImpl::ui_text_wrapped(std::string_view text) {
    if (plain_ui_text(text)) {
        ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
        return;
    }
    const float wrap_pos = ImGui::GetCurrentWindow()->DC.TextWrapPos;  // a PushTextWrapPos of the caller
    const float width = wrap_pos > 0 ? wrap_pos - ImGui::GetCursorPosX() : ImGui::GetContentRegionAvail().x;
    user_text(text, std::max(1.0f, width));
}

bool AppImpl::ui_checkbox(std::string_view label, bool* value) {
    if (plain_ui_text(label)) {
        const bool changed = ImGui::Checkbox(std::string(label).c_str(), value);
        note_control({.role = "checkbox", .name = std::string(label), .checked = *value});
        return changed;
    }
    ImGui::PushID(label.data(), label.data() + label.size());
    bool changed = ImGui::Checkbox("##box", value);
    note_control({.role = "checkbox", .name = std::string(label.substr(0, label.find("##"))), .checked = *value});
    ImGui::PopID();
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ui_text_unformatted(label.substr(0, label.find("##")));
    if (ImGui::IsItemClicked()) {  // the label toggles the box, as ImGui's own label does
        *value = !*value;
        changed = true;
    }
    return changed;
}

bool AppImpl::ui_begin_combo(const char* id, std::string_view preview, float width) {
    ImGui::SetNextItemWidth(width);
    // Noted before ImGui draws it: an open combo's popup is the current window after BeginCombo.
    note_control({.role = "combobox",
                  .name = id,
                  .value = std::string(preview),
                  .focused = GImGui->NavId != 0 && GImGui->NavId == ImGui::GetID(id)});
    if (plain_ui_text(preview)) return ImGui::BeginCombo(id, std::string(preview).c_str());
    // ImGui's preview left empty, the name drawn as user text over the frame, clipped before the arrow.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const bool open = ImGui::BeginCombo(id, "");
    draw_user_text(dl, ImVec2(at.x + pad.x, at.y + pad.y), preview, ImGui::GetColorU32(ImGuiCol_Text),
                   std::max(1.0f, width - ImGui::GetFrameHeight() - 2 * pad.x), false);
    return open;
}

// Long text (the About window's documents) line by line: ImGui's lines where its font has every
// glyph, the others as user text; wrapped at the window's edge.
void AppImpl::ui_text_block(std::string_view text) {
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t nl = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, nl - pos);
        if (plain_ui_text(line))
            ImGui::TextUnformatted(line.data(), line.data() + line.size());
        else
            user_text(line, ImGui::GetContentRegionAvail().x);
        pos = nl + 1;
    }
}

// A tooltip of user text (wrapped at 40 em).
void AppImpl::ui_tooltip(std::string_view text) {
    ImGui::BeginTooltip();
    if (plain_ui_text(text)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopTextWrapPos();
    } else {
        user_text(text, ImGui::GetFontSize() * 40);
    }
    ImGui::EndTooltip();
}

}  // namespace aa::ui
