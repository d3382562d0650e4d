// The side panel's share of relations and document labels: the Relations table (filter, jump), the
// selected relation's details (type, reverse, note, delete), the relation types and the document
// labels in the Labels tab, the dialog that asks before an entity's relations go with it, and the
// Guidelines tab (the label set's Markdown subset, markdown.hpp). Edits go through the Editor.
//
// [SECTION] Relations table and details
// [SECTION] Relation types
// [SECTION] Document labels
// [SECTION] Guidelines
// [SECTION] Dialogs
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/app_impl.hpp"
#include "ui/markdown.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {
namespace {

void hint(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

std::string joined(const std::vector<std::string>& names) {
    if (names.empty()) return "any";
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

// =====================================================================================
// [SECTION] Relations table and details
// =====================================================================================

// One row per relation (source, type, target), filtered by text, type or label; a click selects
// it and brings its source into view.
void AppImpl::draw_relations_panel() {
    const Document& d = editor.doc();
    ImGui::SetNextItemWidth(-1);
    input_text("##relfilter", relations_panel.filter);
    note_widget("relations.filter");
    field_placeholder(relations_panel.filter, "filter by text, type or label");
    if (d.relations().empty()) {
        ImGui::TextWrapped(d.relation_types().empty()
                               ? "No relations. Add a relation type in the Labels tab, then drag from an entity's "
                                 "tag to another entity, or select an entity and press R."
                               : "No relations. Drag from an entity's tag to another entity, or select an entity "
                                 "and press R.");
        return;
    }
    std::vector<const Relation*> rows;
    for (const auto& [id, r] : d.relations().all()) {
        const Entity* f = d.entities().find(r.from);
        const Entity* t = d.entities().find(r.to);
        const std::string_view ft = f ? d.text_of(*f) : "", tt = t ? d.text_of(*t) : "";
        const std::string& q = relations_panel.filter;
        if (q.empty() || contains_ci(r.type, q) || contains_ci(ft, q) || contains_ci(tt, q) ||
            (f && contains_ci(f->label, q)) || (t && contains_ci(t->label, q)))
            rows.push_back(&r);
    }
    // Two columns, so that nothing is cut at the panel's usual width: the ends (source over target,
    // each a full line of the column) and the type, as wide as the widest type name.
    float type_w = 0;
    for (const Relation* r : rows) type_w = std::max(type_w, name_width(r->type));
    const float lh = ImGui::GetTextLineHeight(), sw = lh * 0.8f, gap = ImGui::GetStyle().ItemInnerSpacing.x;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("##relations", 2, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("From / to", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed, sw + gap + type_w + 2);
    ImGui::TableHeadersRow();
    const int frame = ImGui::GetFrameCount();
    // Named for tests: what each text takes, unclipped, so a test sees whether it fits its column.
    auto text_at = [&](ImDrawList* dl, ImVec2 at, const std::string& text, float max_w, std::string name) {
        dl->PushClipRect(at, ImVec2(at.x + max_w, at.y + lh), true);
        const ImVec2 size = draw_user_text(dl, at, text, ImGui::GetColorU32(ImGuiCol_Text), 0, false);
        dl->PopClipRect();
        widget_rects[std::move(name)] = {Rect{at.x, at.y, size.x, lh}, frame};
    };
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), 2 * lh + ImGui::GetStyle().CellPadding.y * 2);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Relation& r = *rows[static_cast<size_t>(i)];
            const std::string n = std::to_string(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float col_w = ImGui::GetContentRegionAvail().x;
            if (ImGui::Selectable("##relation", r.id == sel.relation, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, 2 * lh)))
                select_relation(r.id, true);
            note_widget("relations.row." + n);
            ImGui::PopID();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const RelationType* t = d.relation_types().find(r.type);
            const char* arrow = t && t->symmetric ? "\xe2\x86\x94 " : "\xe2\x86\x92 ";  // <-> or ->
            text_at(dl, at, entity_text(r.from), col_w, "relations.from." + n);
            text_at(dl, ImVec2(at.x, at.y + lh), arrow + entity_text(r.to), col_w, "relations.to." + n);
            ImGui::TableNextColumn();
            if (t) {
                swatch(t->color, sw);
                ImGui::SameLine(0, gap);
            }
            text_at(dl, ImGui::GetCursorScreenPos(), r.type, ImGui::GetContentRegionAvail().x, "relations.type." + n);
        }
    }
    ImGui::EndTable();
}

// The selected relation in the Details area: its ends, type (retype), reverse, note, delete.
void AppImpl::draw_relation_details() {
    const Document& d = editor.doc();
    const Relation* r = d.relations().find(sel.relation);
    if (!r) return;
    const Relation rel = *r;
    user_text(relation_text(rel), ImGui::GetContentRegionAvail().x);
    ImGui::TextDisabled("relation %s", rel.id.c_str());
    if (ui_begin_combo("Type##relation", rel.type, 160)) {
        for (const std::string& t : allowed_types(rel.from, rel.to))
            if (ui_selectable(t, t == rel.type)) retype_relation(rel.id, t);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Reverse")) reverse_selected_relation();
    note_widget("relation.reverse");
    ImGui::SameLine();
    if (ImGui::Button("Delete##relation")) {
        delete_selected_relation();
        return;
    }
    note_widget("relation.delete");
    if (details.note_id != "relation:" + rel.id) {
        details.note_id = "relation:" + rel.id;
        details.note = rel.note;
    }
    input_multiline("##relnote", details.note, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f));
    if (ImGui::IsItemDeactivatedAfterEdit() && details.note != rel.note)
        if (Status s = editor.set_relation_note(rel.id, details.note); !s) set_status(s.error().summary(), true);
    field_placeholder(details.note, "note");
}

// =====================================================================================
// [SECTION] Relation types
// =====================================================================================

// In the Labels tab: one row per relation type (shown, colour, key, name, source -> target labels,
// count, Edit, delete) and the add field. The key has its own column, so that the names line up
// whether a type has a key or not.
void AppImpl::draw_relation_types() {
    const Document& d = editor.doc();
    ImGui::SeparatorText("Relation types");
    std::string to_edit, to_delete;
    bool add = false;
    if (ImGui::BeginTable("##reltypes", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("shown");
        ImGui::TableSetupColumn("key");
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("count");
        ImGui::TableSetupColumn("actions");
        for (size_t i = 0; i < d.relation_types().size(); ++i) {
            const RelationType t = d.relation_types()[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool shown = !type_hidden(t.name);
            if (ImGui::Checkbox("##shown", &shown)) toggle_name(prefs.hidden_relation_types, t.name);
            hint("Show this relation type's arcs in the article");
            note_widget("reltype.shown." + std::to_string(i));
            ImGui::SameLine();
            swatch(t.color, ImGui::GetTextLineHeight());
            ImGui::TableNextColumn();
            if (!t.key.empty()) user_text("[" + t.key + "]");
            ImGui::TableNextColumn();
            user_text(t.name + (t.symmetric ? "  <->" : ""));
            note_widget("reltype.name." + std::to_string(i));
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                user_text(joined(t.sources) + " -> " + joined(t.targets), ImGui::GetFontSize() * 24);
                if (!t.description.empty()) user_text(t.description, ImGui::GetFontSize() * 24);
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%zu", d.relations().count_type(t.name));
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Edit")) to_edit = t.name;
            ImGui::SameLine();
            if (ImGui::SmallButton("x")) to_delete = t.name;
            hint("Delete this relation type");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::SetNextItemWidth(-130);
    const bool enter = input_text("##newreltype", relations_panel.new_type, ImGuiInputTextFlags_EnterReturnsTrue);
    field_placeholder(relations_panel.new_type, "new relation type");
    note_widget("reltype.new");
    ImGui::SameLine();
    add = (ImGui::Button("Add relation type") || enter) && !relations_panel.new_type.empty();
    note_widget("reltype.add");
    if (add) {
        RelationType t;
        t.name = relations_panel.new_type;
        t.color = d.labels().next_color();
        if (Status s = editor.add_relation_type(t); !s)
            set_status(s.error().summary(), true);
        else
            relations_panel.new_type.clear();
    }
    if (!to_edit.empty()) {
        relations_panel.edit_from = to_edit;
        relations_panel.edit = *d.relation_types().find(to_edit);
        relations_panel.error.clear();
        ImGui::OpenPopup("Edit relation type");
    }
    if (!to_delete.empty()) {
        const size_t n = d.relations().count_type(to_delete);
        if (n == 0) {
            if (Status s = editor.remove_relation_type(to_delete); !s) set_status(s.error().summary(), true);
        } else {
            relations_panel.edit_from = to_delete;
            ImGui::OpenPopup("Delete relation type");
        }
    }
    draw_relation_type_dialog();
}

// The relation type dialog: name, key, description, colour, the labels allowed at each end (none
// ticked: any), symmetric. One undo step; its relations follow a rename.
void AppImpl::draw_relation_type_dialog() {
    const Document& d = editor.doc();
    if (begin_modal("Delete relation type")) {
        const size_t n = d.relations().count_type(relations_panel.edit_from);
        dialog_text(relations_panel.edit_from + " is used by " + count_of(n, "relation", "relations") + ".");
        if (dialog_button("Delete the type and its relations")) {
            if (Status s = editor.remove_relation_type(relations_panel.edit_from, true); !s)
                set_status(s.error().summary(), true);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        end_modal();
    }
    if (!begin_modal("Edit relation type")) return;
    RelationType& t = relations_panel.edit;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(200);
    bool ok = input_text("Name", t.name, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(40);
    ok |= input_text("Key", t.key, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    ImGui::SetNextItemWidth(300);
    ok |= input_text("Description", t.description, ImGuiInputTextFlags_EnterReturnsTrue);
    float col[3] = {t.color.r / 255.0f, t.color.g / 255.0f, t.color.b / 255.0f};
    if (ImGui::ColorEdit3("Colour", col, ImGuiColorEditFlags_NoInputs))
        t.color = Color{static_cast<uint8_t>(col[0] * 255 + 0.5f), static_cast<uint8_t>(col[1] * 255 + 0.5f),
                        static_cast<uint8_t>(col[2] * 255 + 0.5f)};
    note_control({.role = "button", .name = "Colour"});
    ui_checkbox("Symmetric (no direction: met_with)", &t.symmetric);
    auto ends = [&](const char* title, std::vector<std::string>& list) {
        ImGui::TextDisabled("%s (none ticked: any label)", title);
        ImGui::PushID(title);
        for (const Label& l : d.labels().all()) {
            bool on = std::find(list.begin(), list.end(), l.name) != list.end();
            if (ui_checkbox(l.name, &on)) {
                if (on)
                    list.push_back(l.name);
                else
                    std::erase(list, l.name);
            }
            ImGui::SameLine();
        }
        ImGui::NewLine();
        ImGui::PopID();
    };
    ends("Source labels", t.sources);
    ends("Target labels", t.targets);
    if (!relations_panel.error.empty()) dialog_text(relations_panel.error, to_imu32(theme().error));
    if (dialog_button("Save") || ok) {
        if (Status s = editor.update_relation_type(relations_panel.edit_from, t); !s) {
            relations_panel.error = s.error().summary();
        } else {
            std::replace(prefs.hidden_relation_types.begin(), prefs.hidden_relation_types.end(),
                         relations_panel.edit_from, t.name);
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    end_modal();
}

// =====================================================================================
// [SECTION] Document labels
// =====================================================================================

// The classification of the whole article: its types, single or multi choice, and which apply.
void AppImpl::draw_doc_labels() {
    const Document& d = editor.doc();
    ImGui::SeparatorText("Document labels");
    const bool multi = d.doc_labels().multi;
    if (ImGui::RadioButton("one", !multi) && multi)
        if (Status s = editor.set_doc_labels_multi(false); !s) set_status(s.error().summary(), true);
    hint("Single choice: choosing a label replaces the other");
    note_widget("doclabels.single");
    ImGui::SameLine();
    if (ImGui::RadioButton("several", multi) && !multi)
        if (Status s = editor.set_doc_labels_multi(true); !s) set_status(s.error().summary(), true);
    note_widget("doclabels.multi");
    std::string to_delete;
    for (size_t i = 0; i < d.doc_label_types().size(); ++i) {
        const Label l = d.doc_label_types()[i];
        const auto& chosen = d.doc_labels().chosen;
        bool on = std::find(chosen.begin(), chosen.end(), l.name) != chosen.end();
        ImGui::PushID(static_cast<int>(i));
        swatch(l.color, ImGui::GetTextLineHeight());
        ImGui::SameLine();
        const bool clicked = multi ? ImGui::Checkbox("##on", &on) : ImGui::RadioButton("##on", on);
        note_widget("doclabel." + std::to_string(i));
        if (clicked) {
            if (Status s = editor.toggle_doc_label(l.name); !s)
                set_status(s.error().summary(), true);
            else
                set_status(std::string(on || !multi ? "Document label: " : "Document label removed: ") + l.name);
        }
        ImGui::SameLine();
        user_text(l.name);
        if (!l.description.empty() && ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            user_text(l.description, ImGui::GetFontSize() * 24);
            ImGui::EndTooltip();
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) to_delete = l.name;
        hint("Delete this document label type");
        ImGui::PopID();
    }
    if (!to_delete.empty())
        if (Status s = editor.remove_doc_label_type(to_delete); !s) set_status(s.error().summary(), true);
    ImGui::SetNextItemWidth(-130);
    const bool enter = input_text("##newdoclabel", relations_panel.new_doc_label, ImGuiInputTextFlags_EnterReturnsTrue);
    field_placeholder(relations_panel.new_doc_label, "new document label");
    note_widget("doclabel.new");
    ImGui::SameLine();
    if ((ImGui::Button("Add doc label") || enter) && !relations_panel.new_doc_label.empty()) {
        Label l;
        l.name = relations_panel.new_doc_label;
        l.color = d.doc_label_types().next_color();
        if (Status s = editor.add_doc_label_type(l); !s)
            set_status(s.error().summary(), true);
        else
            relations_panel.new_doc_label.clear();
    }
    note_widget("doclabel.add");
}

// =====================================================================================
// [SECTION] Guidelines
// =====================================================================================

std::string AppImpl::label_tooltip(const Label& l) const {
    return l.description.empty() ? l.name : l.name + ": " + l.description;
}

// The guidelines at the end of the Labels tab (open while there are any), rendered (headings,
// lists, bold, links: a click copies the link), and an editor.
// A guidelines link: http(s) and mailto open in a new tab through the platform; anything else
// (javascript:, data:, a relative path) is only copied, never opened.
void AppImpl::follow_link(const std::string& url) {
    if (md::openable(url) && platform.open_link(url)) {
        set_status("Opened " + url + " in a new tab");
        return;
    }
    platform.copy_to_clipboard(url);
    set_status(md::openable(url) ? "Copied the link " + url
                                 : "Copied the link " + url + " (only http, https and mailto links open)");
}

void AppImpl::draw_guidelines_panel() {
    const bool any = !editor.doc().info.guidelines.empty();
    // Guidelines that arrive while the header is shown (an imported file, another queued document)
    // open it, as guidelines there at the start do; the user's own closing is kept otherwise.
    ImGuiStorage* state = ImGui::GetStateStorage();
    const ImGuiID had_key = ImGui::GetID("##guidelines.had");
    if (any && !state->GetBool(had_key))
        ImGui::SetNextItemOpen(true);
    else
        ImGui::SetNextItemOpen(any || relations_panel.editing_guidelines, ImGuiCond_Appearing);
    state->SetBool(had_key, any);
    const bool open = ImGui::CollapsingHeader("Guidelines");
    note_widget("tab.guidelines");
    if (!open) return;
    if (relations_panel.editing_guidelines) {
        ImGui::TextDisabled("Markdown: # heading, - list, 1. list, **bold**, [text](url)");
        input_multiline("##guidelines", relations_panel.guidelines_edit, ImVec2(-1, ImGui::GetTextLineHeight() * 12));
        note_widget("guidelines.text");
        if (ImGui::Button("Save")) {
            if (relations_panel.guidelines_edit != editor.doc().info.guidelines)
                editor.info().guidelines = relations_panel.guidelines_edit;
            relations_panel.editing_guidelines = false;
        }
        note_widget("guidelines.save");
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) relations_panel.editing_guidelines = false;
        return;
    }
    if (ImGui::SmallButton("Edit guidelines")) {
        relations_panel.guidelines_edit = editor.doc().info.guidelines;
        relations_panel.editing_guidelines = true;
    }
    note_widget("guidelines.edit");
    if (!any)
        ImGui::TextWrapped("No guidelines yet. They travel with the label set in the native file.");
    else
        draw_markdown(editor.doc().info.guidelines);
}

// Blocks one under the other; within a block, words flow and wrap at the panel's width, bold spans
// and headings in the text engine's bold face, links in the accent colour, underlined.
void AppImpl::draw_markdown(std::string_view text) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float lh = ImGui::GetTextLineHeightWithSpacing();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), link = to_imu32(theme().accent);
    size_t links = 0;  // each link's word named for tests: guidelines.link.N
    for (const md::Block& b : md::parse(text)) {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        float indent = 0;
        if (b.kind == md::Block::Kind::Bullet || b.kind == md::Block::Kind::Numbered) {
            indent = 16.0f * static_cast<float>(b.level + 1);
            if (b.kind == md::Block::Kind::Bullet)
                dl->AddCircleFilled(ImVec2(origin.x + indent - 8, origin.y + lh * 0.5f - 1), 2.5f, ink);
            else
                draw_user_text(dl, ImVec2(origin.x + indent - 4 - name_width(b.number), origin.y), b.number, ink, 0,
                               false);
        }
        if (b.kind == md::Block::Kind::Heading && ImGui::GetCursorPosY() > 10) ImGui::Dummy(ImVec2(0, 4));
        const ImVec2 start = ImGui::GetCursorScreenPos();
        // The block as one paragraph of the run layout (bidi over all of it, so a right-to-left
        // paragraph is ordered and wrapped as a whole), each span a range of its code points.
        std::string all;
        std::vector<std::pair<uint32_t, uint32_t>> range;
        std::vector<TextStyle> styles;
        uint32_t cps = 0;
        for (const md::Span& sp : b.spans) {
            const uint32_t from = cps;
            for (char c : sp.text) cps += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            range.emplace_back(from, cps);
            all += sp.text;
            const bool bold = sp.bold || b.kind == md::Block::Kind::Heading;
            styles.resize(cps, bold ? TextStyle::Bold : TextStyle::Regular);
        }
        // Kept until the frame ends (UiText::kept), as every user_layout.
        ParagraphLayout& pl = user_layout(all, std::max(1.0f, width - indent), std::move(styles));
        const std::u32string_view chars(pl.text());
        std::string hovered_url;
        float y = 0;
        for (size_t li = 0; li < pl.line_count(); ++li, y += lh) {
            const float top = start.y + y, left = start.x + indent;
            for (const Run& r : pl.runs(li)) {
                const std::u32string_view run = chars.substr(r.start, r.end - r.start);
                const float rx = left + r.x;
                for (size_t k = 0; k < b.spans.size(); ++k) {
                    const uint32_t s0 = std::max(range[k].first, r.start), s1 = std::min(range[k].second, r.end);
                    if (s0 >= s1) continue;
                    const ImU32 col = b.spans[k].url.empty() ? ink : link;
                    for (const Box& x : pl.boxes(li, s0, s1)) {
                        const float x0 = std::max(left + x.x0, rx), x1 = std::min(left + x.x1, rx + r.width);
                        if (x1 <= x0) continue;
                        dl->PushClipRect(ImVec2(x0, top), ImVec2(x1, top + lh), true);
                        ui_text.renderer->draw(dl, rx, top, run, r.rtl(), col, r.style);
                        dl->PopClipRect();
                    }
                }
            }
            for (size_t k = 0; k < b.spans.size(); ++k) {  // links: underlined, a button over each piece
                const md::Span& sp = b.spans[k];
                if (sp.url.empty()) continue;
                for (const Box& x : pl.boxes(li, range[k].first, range[k].second)) {
                    const ImVec2 p(left + x.x0, top);
                    const float w = x.x1 - x.x0, base = top + ImGui::GetFontSize();
                    dl->AddLine(ImVec2(p.x, base), ImVec2(p.x + w, base), link);
                    ImGui::SetCursorScreenPos(p);
                    ImGui::PushID(static_cast<int>(links));
                    if (ImGui::InvisibleButton("##link", ImVec2(std::max(1.0f, w), ImGui::GetFontSize())))
                        follow_link(sp.url);
                    if (ImGui::IsItemHovered()) hovered_url = sp.url;
                    note_widget("guidelines.link." + std::to_string(links++));
                    ImGui::PopID();
                }
            }
        }
        if (pl.line_count() > 0) y -= lh;
        if (!hovered_url.empty())
            ui_tooltip(hovered_url + (md::openable(hovered_url) ? " (click: open in a new tab)" : " (click: copy)"));
        ImGui::SetCursorScreenPos(ImVec2(origin.x, start.y + y + lh));
        if (b.kind == md::Block::Kind::Heading) {
            ImGui::Separator();
        } else if (b.kind == md::Block::Kind::Paragraph) {
            ImGui::Dummy(ImVec2(0, 4));
        }
        ImGui::Dummy(ImVec2(0, 0));
    }
}

// =====================================================================================
// [SECTION] Dialogs
// =====================================================================================

// Deleting an entity that has relations: they would go with it, so ask.
void AppImpl::draw_delete_entity_dialog() {
    if (relations_panel.open_delete) {
        ImGui::OpenPopup("Delete the entity?");
        relations_panel.open_delete = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!begin_modal("Delete the entity?")) return;
    const Document& d = editor.doc();
    const Entity* e = d.entities().find(relations_panel.delete_entity);
    if (!e) {
        ImGui::CloseCurrentPopup();
        end_modal();
        return;
    }
    const std::vector<const Relation*> rs = d.relations().touching(e->id);
    const std::string has = entity_text(e->id) + " has " + count_of(rs.size(), "relation", "relations") + ":";
    user_text(has, ImGui::GetFontSize() * 28);
    note_dialog_text(has);
    for (size_t i = 0; i < rs.size() && i < 8; ++i) {
        user_text("  " + relation_text(*rs[i]), ImGui::GetFontSize() * 28);
        note_dialog_text(relation_text(*rs[i]) + (i + 1 < rs.size() ? ";" : "."));
    }
    if (rs.size() > 8) {
        ImGui::TextDisabled("  and %zu more", rs.size() - 8);
        note_dialog_text("and " + std::to_string(rs.size() - 8) + " more.");
    }
    dialog_text("Deleting the entity deletes them too (Ctrl+Z undoes both).");
    const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter);
    if (dialog_button("Delete with its relations") || enter) {
        sel.entity = relations_panel.delete_entity;
        sel.relation.clear();
        relations_panel.confirmed = true;
        ImGui::CloseCurrentPopup();
        delete_selected_entity();
    }
    note_widget("delete_entity.confirm");
    ImGui::SameLine();
    if (dialog_button("Keep it") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    note_widget("delete_entity.cancel");
    end_modal();
}

}  // namespace aa::ui
