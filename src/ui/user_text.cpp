// User text outside the article (the entities table, the selected entity's details, tooltips, the
// suggestions list, the comparison's differences), drawn like the article: laid out by
// ParagraphLayout (bidi, clusters) and drawn run by run by the platform's renderer, so Arabic,
// Devanagari, CJK and emoji read there as in the article. Dear ImGui's font draws only the UI's own
// strings and what is typed into its fields.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/segment.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
constexpr float kNoWrap = 1e6f;
}

ParagraphLayout& AppImpl::user_layout(std::string_view utf8, float wrap_width) {
    ui_text.scratch = seg::to_utf32(utf8);
    for (char32_t& c : ui_text.scratch)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // one paragraph
    // Always the UI font's size: a size change empties the renderer's atlas, which must not happen
    // between two draws of one frame.
    const float size = fonts.ui ? fonts.ui->FontSize * ImGui::GetIO().FontGlobalScale : ImGui::GetFontSize();
    if (size != ui_text.size) {
        if (ui_text.own) ui_text.own->set_font(fonts.ui ? fonts.ui : ImGui::GetFont());
        ui_text.renderer->set_size(size, fonts.pixel_ratio);
        ui_text.measure->clear();
        ui_text.size = size;
    }
    ui_text.layout.build(std::move(ui_text.scratch), *ui_text.measure, wrap_width > 0 ? wrap_width : kNoWrap,
                         bidi::Direction::Auto);
    return ui_text.layout;
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
    const bool clicked = ImGui::Selectable("##user", selected, flags, size);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float width = (flags & ImGuiSelectableFlags_SpanAllColumns) ? ImGui::GetColumnWidth() : max.x - min.x;
    draw_user_text(ImGui::GetWindowDrawList(), ImVec2(pos.x, pos.y), utf8, ImGui::GetColorU32(ImGuiCol_Text),
                   std::max(1.0f, width), false);
    return clicked;
}

}  // namespace aa::ui
