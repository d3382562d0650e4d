// Agreement in the page: File > Compare with another annotator's file loads B, a second
// annotation of the open document's text (A); the differences (core/agreement.hpp) are drawn on
// the visible lines, the Agreement tab lists the scores (per label, micro, token kappa) and the
// differences with a side chosen for each, and "Build curated version" replaces A's entities by
// curate()'s result as one undo step. Recomputed whenever A changes; closed when the text does.
#include <imgui.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "io/format.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
constexpr size_t kNone = static_cast<size_t>(-1);
constexpr ImU32 kMissingColor = IM_COL32(220, 40, 40, 255);  // in A, not in B
constexpr ImU32 kExtraColor = IM_COL32(30, 160, 60, 255);    // in B, not in A
constexpr ImU32 kOtherColor = IM_COL32(235, 140, 0, 255);    // both, differently

ImVec4 text_color(DiffKind k) {
    switch (k) {
        case DiffKind::MissingInB: return ImVec4(0.7f, 0.1f, 0.1f, 1);
        case DiffKind::ExtraInB: return ImVec4(0.08f, 0.45f, 0.15f, 1);
        default: return ImVec4(0.7f, 0.4f, 0.0f, 1);
    }
}

ImU32 kind_color(DiffKind k) {
    switch (k) {
        case DiffKind::MissingInB: return kMissingColor;
        case DiffKind::ExtraInB: return kExtraColor;
        default: return kOtherColor;
    }
}

// A difference's identity across recomputations (the choices made stay with it).
using DiffKey = std::tuple<int, size_t, size_t, std::string, std::string>;
DiffKey key_of(const Difference& d) {
    return {static_cast<int>(d.kind), d.start(), d.end(), d.a ? d.a->label : "", d.b ? d.b->label : ""};
}

std::string excerpt(const Document& doc, const Entity& e) {
    std::string t(doc.text_of(e).substr(0, 40));
    for (char& c : t)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "\"" + t + (e.length() > 40 ? "...\"" : "\"");
}
}  // namespace

void AppImpl::open_agreement_dialog() {
    if (editor.doc().text().empty()) {
        set_status("Open the article first, then compare it with another annotator's file", true);
        return;
    }
    agreement_file_expected = true;
    suggest_file_expected = false;  // routed by the latest request (documents.cpp, open_files)
    platform.open_file_dialog(open_file_accept());
}

Status AppImpl::compare_with(std::string_view name, std::string_view bytes) {
    const Document& a = editor.doc();
    auto fmt = io::detect_format(name, bytes);
    if (!fmt.ok()) return fmt.error();
    io::ReadOptions opt;
    opt.source_name = std::string(name);
    opt.text = &a.text();  // formats without the text (W3C) take this one
    io::ReadResult r = io::read(fmt.value()->id, bytes, opt);
    if (!r.ok()) return make_error(r.first_error());
    if (r.documents.empty()) return make_error("the file holds no document");
    // A multi-document file: the document with this text (else the first, whose error says where it differs).
    size_t pick = 0;
    for (size_t i = 0; i < r.documents.size(); ++i)
        if (r.documents[i].text().utf8() == a.text().utf8()) {
            pick = i;
            break;
        }
    auto cmp = compare_documents(a, r.documents[pick]);
    if (!cmp.ok()) return cmp.error();
    agree = AgreementView{};
    agree.active = true;
    agree.name = std::string(name);
    agree.other = std::move(r.documents[pick]);
    agree.generation = doc_generation;
    agree.result = std::move(*cmp);
    agree.revision = editor.revision();
    agree.choices.assign(agree.result.differences.size(), Side::A);
    side_tab_request = 4;
    const size_t n = agree.result.differences.size();
    set_status("Compared with " + agree.name + ": " + std::to_string(n) + (n == 1 ? " difference" : " differences"));
    return {};
}

bool AppImpl::take_agreement_file(std::string_view name, std::string_view bytes) {
    if (!agreement_file_expected) return false;
    agreement_file_expected = false;
    if (Status s = compare_with(name, bytes); !s) set_status(std::string(name) + ": " + s.error().describe(), true);
    return true;
}

void AppImpl::close_agreement() { agree = AgreementView{}; }

void AppImpl::agreement_refresh() {
    if (!agree.active || agree.revision == editor.revision()) return;
    if (agree.generation != doc_generation) {  // another article (or document of the queue)
        close_agreement();
        return;
    }
    auto cmp = compare_documents(editor.doc(), agree.other);
    if (!cmp.ok()) {
        close_agreement();
        set_status("The comparison was closed: " + cmp.error().describe(), true);
        return;
    }
    std::map<DiffKey, Side> kept;
    for (size_t i = 0; i < agree.result.differences.size(); ++i)
        kept[key_of(agree.result.differences[i])] = agree.choices[i];
    agree.result = std::move(*cmp);
    agree.revision = editor.revision();
    agree.choices.assign(agree.result.differences.size(), Side::A);
    for (size_t i = 0; i < agree.result.differences.size(); ++i)
        if (auto it = kept.find(key_of(agree.result.differences[i])); it != kept.end()) agree.choices[i] = it->second;
    if (agree.current != kNone && agree.current >= agree.result.differences.size())
        agree.current = agree.result.differences.empty() ? kNone : agree.result.differences.size() - 1;
}

void AppImpl::agreement_select(size_t i) {
    if (i >= agree.result.differences.size()) return;
    agree.current = i;
    const size_t start = agree.result.differences[i].start();
    sel.cursor_cp = start;
    if (!layout.empty()) {
        const VisualLine& l = layout.line(layout.line_of(start));
        if (l.y < view_top || l.y + row_height > view_top + view_height - 20) scroll_to(start);
    }
}

void AppImpl::agreement_step(int dir) {
    agreement_refresh();
    const size_t n = agree.result.differences.size();
    if (n == 0) return;
    if (agree.current == kNone || agree.current >= n)
        agreement_select(dir > 0 ? 0 : n - 1);
    else
        agreement_select(dir > 0 ? (agree.current + 1) % n : (agree.current + n - 1) % n);
}

void AppImpl::agreement_choose(size_t i, Side side) {
    if (i < agree.choices.size()) agree.choices[i] = side;
}

Status AppImpl::build_curated() {
    agreement_refresh();
    if (!agree.active) return make_error("no comparison is open");
    auto curated = curate(agree.result, agree.choices);
    if (!curated.ok()) return curated.error();
    Editor::Group group(editor, "Build the curated version");
    // B's labels that A lacks come with B's colour and key.
    for (const Entity& e : *curated)
        if (!editor.doc().labels().find(e.label)) {
            const Label* l = agree.other.labels().find(e.label);
            Label copy = l ? *l : Label{};
            copy.name = e.label;
            if (!copy.key.empty() && editor.doc().labels().by_key(copy.key)) copy.key.clear();
            if (Status s = editor.add_label(copy); !s) return s;
        }
    std::vector<std::string> ids;
    for (Slot s : editor.doc().entities().ordered()) ids.push_back(editor.doc().entities().get(s).id);
    for (const std::string& id : ids)
        if (Status s = editor.remove_entity(id); !s) return s;
    for (const Entity& e : *curated) {
        auto id = editor.add_entity(e.start, e.end, e.label);
        if (!id.ok()) return id.error();
        if (!e.note.empty() || !e.kb_id.empty() || !e.attributes.empty()) {
            Entity full = e;
            full.id = *id;
            if (Status s = editor.update_entity(full); !s) return s;
        }
    }
    sel.entity.clear();
    set_status("Built the curated version: " + std::to_string(curated->size()) + " entities (Ctrl+Z undoes it)");
    return {};
}

// Outlines on one visible line: red where B misses A's entity, green around B's extra one, orange
// around both extents when they differ in label or boundaries; the current difference is thicker.
void AppImpl::draw_agreement_marks(ImDrawList* dl, size_t li, float ty, float size) {
    if (!agree.active) return;
    agreement_refresh();
    if (!agree.active) return;
    const Text& text = editor.doc().text();
    const VisualLine& l = layout.line(li);
    const size_t end = std::max<size_t>(l.draw_end, l.start + 1);
    const auto& diffs = agree.result.differences;
    for (size_t i = 0; i < diffs.size(); ++i) {
        const Difference& d = diffs[i];
        if (d.start() >= end) break;  // sorted by start
        if (d.end() <= l.start) continue;
        const bool cur = i == agree.current;
        auto outline = [&](const Entity& e, ImU32 col, float pad, bool under) {
            if (e.end <= l.start || e.start >= end) return;
            const float x0 = origin_x + layout.x_of(text, li, std::max<size_t>(e.start, l.start));
            const float x1 = origin_x + layout.x_of(text, li, std::min<size_t>(e.end, l.draw_end));
            if (under) {  // B's extent of a changed entity: a bar under the text
                dl->AddLine(ImVec2(x0, ty + size + pad + 2), ImVec2(x1, ty + size + pad + 2), col, cur ? 4.0f : 2.5f);
                return;
            }
            if (cur)
                dl->AddRectFilled(ImVec2(x0 - pad, ty - pad), ImVec2(x1 + pad, ty + size + pad),
                                  (col & 0x00FFFFFF) | 0x30000000, 3);
            dl->AddRect(ImVec2(x0 - pad, ty - pad), ImVec2(x1 + pad, ty + size + pad), col, 3, 0, cur ? 3.0f : 2.0f);
        };
        const ImU32 col = kind_color(d.kind);
        if (d.a) outline(*d.a, col, 4, false);
        if (d.b) outline(*d.b, col, d.a ? 4 : 4, d.a.has_value());
    }
}

void AppImpl::draw_agreement_panel() {
    agreement_refresh();
    if (!agree.active) {
        ImGui::TextWrapped("Compare this document with another annotator's file of the same text.");
        if (ImGui::Button("Compare with another annotator's file...")) open_agreement_dialog();
        return;
    }
    const Agreement& g = agree.result;
    ImGui::TextWrapped("A: this document    B: %s", agree.name.c_str());
    if (ImGui::SmallButton("Close the comparison")) {
        close_agreement();
        return;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Build curated version")) {
        if (Status s = build_curated(); !s) set_status(s.error().describe(), true);
    }
    note_widget("agree.curate");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Agreed entities plus the chosen side of every difference (one undo step)");
    ImGui::Text("Token kappa %.3f (%zu tokens, %.1f%% agree)", g.kappa.kappa, g.kappa.tokens, g.kappa.observed * 100.0);
    if (ImGui::BeginTable("##scores", 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
        for (const char* h : {"Label", "A", "B", "P", "R", "F1"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        auto row = [](const LabelScore& s, const char* name) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", s.in_a);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", s.in_b);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", s.precision);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", s.recall);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", s.f1);
        };
        for (const LabelScore& s : g.labels) row(s, s.label.c_str());
        row(g.micro, "micro");
        ImGui::EndTable();
    }
    ImGui::Separator();
    const size_t n = g.differences.size();
    ImGui::Text("%zu %s  ( ] / [ next, previous; A / B / N choose )", n, n == 1 ? "difference" : "differences");
    if (ImGui::BeginChild("##diffs", ImVec2(0, 0), false)) {
        const Document& a = editor.doc();
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(n));
        while (clip.Step()) {
            for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
                const size_t i = static_cast<size_t>(row);
                const Difference& d = g.differences[i];
                ImGui::PushID(row);
                std::string what = diff_kind_name(d.kind);
                if (d.a) what += "  A: " + d.a->label + " " + excerpt(a, *d.a);
                if (d.b) what += "  B: " + d.b->label + " " + excerpt(a, *d.b);
                ImGui::PushStyleColor(ImGuiCol_Text, text_color(d.kind));
                if (ImGui::Selectable(what.c_str(), i == agree.current, 0,
                                      ImVec2(ImGui::GetContentRegionAvail().x - 150, 0)))
                    agreement_select(i);
                note_widget("agree.row." + std::to_string(i));
                ImGui::PopStyleColor();
                ImGui::SameLine(ImGui::GetContentRegionMax().x - 145);
                int side = static_cast<int>(agree.choices[i]);
                if (ImGui::RadioButton("A", &side, static_cast<int>(Side::A))) agreement_choose(i, Side::A);
                note_widget("agree.a." + std::to_string(i));
                ImGui::SameLine();
                if (ImGui::RadioButton("B", &side, static_cast<int>(Side::B))) agreement_choose(i, Side::B);
                note_widget("agree.b." + std::to_string(i));
                ImGui::SameLine();
                if (ImGui::RadioButton("-", &side, static_cast<int>(Side::Neither))) agreement_choose(i, Side::Neither);
                note_widget("agree.n." + std::to_string(i));
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("neither");
                ImGui::PopID();
            }
        }
    }
    ImGui::EndChild();
}

// ] / [ (or F8 / Shift+F8): next / previous difference; with one current and nothing selected,
// A / B / N choose its side (a label bound to that letter keeps it).
bool AppImpl::handle_agreement_keys() {
    if (!agree.active) return false;
    ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return false;
    if (ImGui::IsKeyPressed(ImGuiKey_RightBracket, false) ||
        (ImGui::IsKeyPressed(ImGuiKey_F8, false) && !io.KeyShift)) {
        agreement_step(+1);
        return true;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_LeftBracket, false) || (ImGui::IsKeyPressed(ImGuiKey_F8, false) && io.KeyShift)) {
        agreement_step(-1);
        return true;
    }
    if (agree.current >= agree.choices.size() || sel.active || !sel.entity.empty() || io.KeyShift) return false;
    auto free_key = [&](char k) {
        for (const Label& l : editor.doc().labels().all())
            if (l.key.size() == 1 && l.key[0] == k) return false;
        return true;
    };
    const std::pair<ImGuiKey, Side> keys[] = {
        {ImGuiKey_A, Side::A}, {ImGuiKey_B, Side::B}, {ImGuiKey_N, Side::Neither}};
    for (const auto& [key, side] : keys) {
        if (ImGui::IsKeyPressed(key, false) && free_key(static_cast<char>('a' + (key - ImGuiKey_A)))) {
            agreement_choose(agree.current, side);
            return true;
        }
    }
    return false;
}

}  // namespace aa::ui
