// Agreement in the page: File > Compare with another annotator's file loads B, a second
// annotation of the open document's text (A); the differences (core/agreement.hpp) are drawn on
// the visible lines, the Agreement tab lists the scores (per label, micro, token kappa) and the
// differences with a side chosen for each (none by default: the user decides every difference,
// one by one or the undecided ones at once), and "Build curated version" replaces A's entities by
// curate()'s result as one undo step. Recomputed whenever A changes; closed when the text does.
#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis

#include <algorithm>
#include <map>
#include <tuple>

#include "core/segment.hpp"
#include "io/format.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr size_t kNone = static_cast<size_t>(-1);

// A difference's colour, its kind's word in the panel and its outline in the article: the theme's
// error (in A, not in B), ok (in B, not in A) and warning (in both, differently).
Color diff_color(DiffKind k) {
    switch (k) {
        case DiffKind::MissingInB: return theme().error;
        case DiffKind::ExtraInB: return theme().ok;
        default: return theme().warning;
    }
}

ImVec4 text_color(DiffKind k) { return v4(diff_color(k)); }

ImU32 kind_color(DiffKind k) { return to_imu32(diff_color(k)); }

// A difference's identity across recomputations (the choices made stay with it).
using DiffKey = std::tuple<int, size_t, size_t, std::string, std::string>;
DiffKey key_of(const Difference& d) {
    return {static_cast<int>(d.kind), d.start(), d.end(), d.a ? d.a->label : "", d.b ? d.b->label : ""};
}

std::string excerpt(const Document& doc, const Entity& e) {
    std::string t = seg::clip_clusters(doc.text_of(e), 40);
    for (char& c : t)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "\"" + t + "\"";
}
}  // namespace

void score_table(const char* id, const char* head, const std::vector<LabelScore>& list, const LabelScore& micro) {
    if (!ImGui::BeginTable(id, 6,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
        return;
    for (const char* h : {head, "A", "B", "P", "R", "F1"}) ImGui::TableSetupColumn(h);
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
    for (const LabelScore& s : list) row(s, s.label.c_str());
    row(micro, "micro");
    ImGui::EndTable();
}

void AppImpl::open_agreement_dialog() {
    if (editor.doc().text().empty()) {
        set_status("Open the article first, then compare it with another annotator's file", true);
        return;
    }
    request_files(FileRequest::Agreement, open_file_accept());
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
    open_agreement(std::move(*cmp), std::move(r.documents[pick]), std::string(name), {}, {});
    return {};
}

// The Compare tab on a comparison just made (B: `other`, named `name`), each difference undecided.
void AppImpl::open_agreement(Agreement result, Document other, std::string name, std::string annotator_a,
                             std::string annotator_b) {
    agree = AgreementView{};
    agree.active = true;
    agree.annotator_a = std::move(annotator_a);
    agree.annotator_b = std::move(annotator_b);
    agree.name = std::move(name);
    agree.other = std::move(other);
    agree.generation = doc_generation;
    agree.result = std::move(result);
    agree.revision = editor.revision();
    agree.choices.assign(agree.result.differences.size(), std::nullopt);
    side_tab_request = 4;
    const size_t n = agree.result.differences.size();
    const std::string what = agree.annotator_a.empty() ? "Compared with " + agree.name
                                                       : "Compared " + agree.annotator_a + " with " + agree.name;
    set_status(what + ": " + std::to_string(n) + (n == 1 ? " difference" : " differences"));
}

Status AppImpl::compare_annotators(const std::string& a, const std::string& b) {
    const Document& doc = editor.doc();
    auto cmp = compare_documents(only_annotator(doc, a), only_annotator(doc, b));
    if (!cmp.ok()) return cmp.error();  // (one text: not expected)
    open_agreement(std::move(*cmp), only_annotator(doc, b), b, a, b);
    return {};
}

void AppImpl::take_agreement_file(std::string_view name, std::string_view bytes) {
    if (Status s = compare_with(name, bytes); !s) set_status(std::string(name) + ": " + s.error().summary(), true);
}

void AppImpl::close_agreement() { agree = AgreementView{}; }

void AppImpl::agreement_refresh() {
    if (!agree.active || agree.revision == editor.revision()) return;
    if (agree.generation != doc_generation) {  // another article (or document of the queue)
        close_agreement();
        return;
    }
    const bool by_annotator = !agree.annotator_a.empty();
    if (by_annotator) agree.other = only_annotator(editor.doc(), agree.annotator_b);
    auto cmp = by_annotator ? compare_documents(only_annotator(editor.doc(), agree.annotator_a), agree.other)
                            : compare_documents(editor.doc(), agree.other);
    if (!cmp.ok()) {
        close_agreement();
        set_status("The comparison was closed: " + cmp.error().summary(), true);
        return;
    }
    std::map<DiffKey, std::optional<Side>> kept;
    for (size_t i = 0; i < agree.result.differences.size(); ++i)
        kept[key_of(agree.result.differences[i])] = agree.choices[i];
    agree.result = std::move(*cmp);
    agree.revision = editor.revision();
    agree.choices.assign(agree.result.differences.size(), std::nullopt);
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
    reveal(start);
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

void AppImpl::agreement_choose_undecided(Side side) {
    size_t n = 0;
    for (auto& c : agree.choices)
        if (!c) {
            c = side;
            ++n;
        }
    const char* what = side == Side::A ? "A's side" : side == Side::B ? "B's side" : "neither side";
    set_status("Chose " + std::string(what) + " for " + std::to_string(n) + (n == 1 ? " difference" : " differences"));
}

size_t AppImpl::agreement_undecided() const {
    return static_cast<size_t>(std::count(agree.choices.begin(), agree.choices.end(), std::nullopt));
}

Status AppImpl::build_curated() {
    agreement_refresh();
    if (!agree.active) return make_error("no comparison is open");
    // No side is taken for the user: every difference is decided first.
    if (const size_t n = agreement_undecided(); n > 0)
        return make_error(std::to_string(n) + (n == 1 ? " difference has" : " differences have") +
                          " no side chosen yet: choose A, B or neither for each (] goes to the next), or for all "
                          "the undecided at once");
    std::vector<Side> sides;
    for (const auto& c : agree.choices) sides.push_back(*c);
    auto curated = curate(agree.result, sides);
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
        // The chosen side's details and who made it come with it.
        if (!e.note.empty() || !e.kb_id.empty() || !e.attributes.empty() || !e.annotator.empty() ||
            !e.created.empty()) {
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
void AppImpl::draw_agreement_marks(ImDrawList* dl, const LineGeom& g, float ty, float size) {
    if (!agree.active) return;
    agreement_refresh();
    if (!agree.active) return;
    const size_t end = std::max<size_t>(g.end, g.start + 1);
    const auto& diffs = agree.result.differences;
    for (size_t i = 0; i < diffs.size(); ++i) {
        const Difference& d = diffs[i];
        if (d.start() >= end) break;  // sorted by start
        if (d.end() <= g.start) continue;
        const bool cur = i == agree.current;
        auto outline = [&](const Entity& e, ImU32 col, float pad, bool under) {
            if (e.end <= g.start || e.start >= end) return;
            for (const Box& b : span_boxes(g, e.start, e.end)) {
                const float x0 = b.x0, x1 = b.x1;
                if (under) {  // B's extent of a changed entity: a bar under the text
                    dl->AddLine(ImVec2(x0, ty + size + pad + 2), ImVec2(x1, ty + size + pad + 2), col,
                                cur ? 4.0f : 2.5f);
                    continue;
                }
                if (cur)
                    dl->AddRectFilled(ImVec2(x0 - pad, ty - pad), ImVec2(x1 + pad, ty + size + pad),
                                      (col & 0x00FFFFFF) | 0x30000000, 3);
                dl->AddRect(ImVec2(x0 - pad, ty - pad), ImVec2(x1 + pad, ty + size + pad), col, 3, 0,
                            cur ? 3.0f : 2.0f);
            }
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
    ui_text_unformatted(agree.annotator_a.empty() ? "A: this document    B: " + agree.name
                                                  : "A: " + agree.annotator_a + "    B: " + agree.annotator_b +
                                                        " (annotators of this document)");
    if (ImGui::SmallButton("Close the comparison")) {
        close_agreement();
        return;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Build curated version")) {
        if (Status s = build_curated(); !s) set_status(s.error().summary(), true);
    }
    note_widget("agree.curate");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Agreed entities plus the chosen side of every difference (one undo step)");
    ImGui::TextWrapped("Token kappa %.3f (%zu tokens, %.1f%% agree)", g.kappa.kappa, g.kappa.tokens,
                       g.kappa.observed * 100.0);
    score_table("##scores", "Label", g.labels, g.micro);
    // Relations (same source span, target span and type), when either side has some.
    if (!g.relations.empty()) score_table("##relscores", "Relation", g.relations, g.relations_micro);
    ImGui::Separator();
    const size_t n = g.differences.size(), undecided = agreement_undecided();
    ImGui::TextWrapped("%zu %s, %zu without a side yet ( ] / [ next, previous; A / B / N choose )", n,
                       n == 1 ? "difference" : "differences", undecided);
    if (undecided > 0) {
        ImGui::TextUnformatted("For the undecided:");
        const std::pair<const char*, Side> all[] = {{"A", Side::A}, {"B", Side::B}, {"neither", Side::Neither}};
        for (const auto& [name, side] : all) {
            ImGui::SameLine();
            if (ImGui::SmallButton((std::string(name) + "##all").c_str())) agreement_choose_undecided(side);
            note_widget("agree.all." + std::string(name));
        }
    }
    if (ImGui::BeginChild("##diffs", ImVec2(0, 0), false)) {
        ImGuiListClipper clip;  // every row has the same height (three lines)
        clip.Begin(static_cast<int>(n));
        while (clip.Step())
            for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row)
                draw_agreement_row(static_cast<size_t>(row));
    }
    ImGui::EndChild();
}

// One difference: its kind, A's entity and B's entity on three lines (each cut with "..." where
// the panel is narrow, the whole row in a tooltip), and the side chosen, at the right.
void AppImpl::draw_agreement_row(size_t i) {
    const Difference& d = agree.result.differences[i];
    const Document& a = editor.doc();
    const ImGuiStyle& st = ImGui::GetStyle();
    auto radio_width = [&](const char* label) {
        return ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
    };
    const float radios = radio_width("A") + radio_width("B") + radio_width("-") + 2 * st.ItemSpacing.x;
    const float width = ImGui::GetContentRegionAvail().x;
    const float text_w = std::max(ImGui::GetFontSize() * 4, width - radios - st.ItemSpacing.x);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    // Not AllowOverlap: such an item takes only a press hovered the frame before (a browser click is one frame).
    if (ImGui::Selectable("##row", i == agree.current, ImGuiSelectableFlags_None,
                          ImVec2(text_w, 3 * line - st.ItemSpacing.y)))
        agreement_select(i);
    note_widget("agree.row." + std::to_string(i));
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 after = ImGui::GetCursorScreenPos();
    const std::string lines[3] = {
        diff_kind_name(d.kind),
        d.a ? "A: " + d.a->label + " " + excerpt(a, *d.a) : "A: (none)",
        d.b ? "B: " + d.b->label + " " + excerpt(a, *d.b) : "B: (none)",
    };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < 3; ++k) {
        ImGui::PushStyleColor(ImGuiCol_Text, k == 0 ? text_color(d.kind) : st.Colors[ImGuiCol_Text]);
        const ImVec2 at(p0.x + (k == 0 ? 0 : ImGui::GetFontSize()), p0.y + static_cast<float>(k) * line);
        const float right = p0.x + text_w;
        if (k == 0)
            ImGui::RenderTextEllipsis(dl, at, ImVec2(right, at.y + line), right, right, lines[k].c_str(), nullptr,
                                      nullptr);
        else {  // entity texts in any script: drawn as the article draws them (user_text.cpp), clipped
            const ImVec2 size = draw_user_text(dl, at, lines[k], ImGui::GetColorU32(ImGuiCol_Text),
                                               std::max(1.0f, right - at.x), false);
            widget_rects["agree.text." + std::to_string(i) + "." + std::to_string(k)] = {
                // for tests
                Rect{at.x, at.y, size.x, size.y}, ImGui::GetFrameCount()};
        }
        ImGui::PopStyleColor();
    }
    if (hovered) {
        ImGui::BeginTooltip();
        for (const std::string& l : lines) ui_text_unformatted(l);
        ImGui::EndTooltip();
    }
    ImGui::SetCursorScreenPos(ImVec2(p0.x + width - radios, p0.y));
    int side = agree.choices[i] ? static_cast<int>(*agree.choices[i]) : -1;  // -1: none chosen yet
    if (ImGui::RadioButton("A", &side, static_cast<int>(Side::A))) agreement_choose(i, Side::A);
    note_widget("agree.a." + std::to_string(i));
    ImGui::SameLine();
    if (ImGui::RadioButton("B", &side, static_cast<int>(Side::B))) agreement_choose(i, Side::B);
    note_widget("agree.b." + std::to_string(i));
    ImGui::SameLine();
    if (ImGui::RadioButton("-", &side, static_cast<int>(Side::Neither))) agreement_choose(i, Side::Neither);
    note_widget("agree.n." + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("neither");
    // Back below the row, through an item of the row's size (ImGui wants an item, not a bare cursor move).
    ImGui::SetCursorScreenPos(p0);
    ImGui::Dummy(ImVec2(width, after.y - p0.y - st.ItemSpacing.y));
    ImGui::PopID();
}

}  // namespace aa::ui
