// Side panels: the selected entity's details, the Labels panel (swatch, hotkey, count; add,
// rename, recolour, delete; presets) and the Entities table (filter, sort, thousands of rows
// through a list clipper); and the modal dialogs (confirm replace, note, rename, delete label).
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "ui/app_impl.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {
namespace {

// InputText over a std::string (imgui_stdlib is not in the '+ds' tarball).
bool contains_ci(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

void swatch(Color c, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), to_imu32(c), 3);
    dl->AddRect(p, ImVec2(p.x + size, p.y + size), IM_COL32(0, 0, 0, 60), 3);
    ImGui::Dummy(ImVec2(size, size));
}

}  // namespace

size_t AppImpl::label_count(size_t index) {
    const Document& d = editor.doc();
    if (counts_revision != editor.revision() || label_counts.size() != d.labels().size()) {
        label_counts.assign(d.labels().size(), 0);
        for (Slot s : d.entities().ordered())
            if (auto i = d.labels().index_of(d.entities().get(s).label)) ++label_counts[*i];
        counts_revision = editor.revision();
    }
    return index < label_counts.size() ? label_counts[index] : 0;
}

void AppImpl::draw_side_panel(float, float) {
    commit_pending_details();
    if (!selected_entity.empty() && editor.doc().entities().find(selected_entity)) {
        draw_entity_details();
        ImGui::Separator();
    }
    if (ImGui::BeginTabBar("##sidetabs")) {
        ImGuiTabItemFlags lf = side_tab_request == 0 ? ImGuiTabItemFlags_SetSelected : 0;
        ImGuiTabItemFlags ef = side_tab_request == 1 ? ImGuiTabItemFlags_SetSelected : 0;
        ImGuiTabItemFlags sf = side_tab_request == 2 ? ImGuiTabItemFlags_SetSelected : 0;
        const int side_tab_request_queue = side_tab_request;  // 3 Documents, 4 Agreement
        side_tab_request = -1;
        if (ImGui::BeginTabItem("Labels", nullptr, lf)) {
            draw_labels_panel();
            ImGui::EndTabItem();
        }
        std::string ent_tab = "Entities (" + std::to_string(editor.doc().entities().size()) + ")###entities";
        if (ImGui::BeginTabItem(ent_tab.c_str(), nullptr, ef)) {
            draw_entities_panel();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Suggest", nullptr, sf)) {
            draw_suggest_panel();  // suggest_view.cpp
            ImGui::EndTabItem();
        }
        std::string docs_tab = queue.docs.empty() ? std::string("Documents###documents")
                                                  : "Documents (" + std::to_string(queue.docs.size()) + ")###documents";
        if (ImGui::BeginTabItem(docs_tab.c_str(), nullptr,
                                side_tab_request_queue == 3 ? ImGuiTabItemFlags_SetSelected : 0)) {
            draw_queue_panel();  // queue.cpp
            ImGui::EndTabItem();
        }
        if (agree.active && ImGui::BeginTabItem("Agreement", nullptr,
                                                side_tab_request_queue == 4 ? ImGuiTabItemFlags_SetSelected : 0)) {
            draw_agreement_panel();  // agreement_view.cpp
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

void AppImpl::draw_entity_details() {
    const Document& d = editor.doc();
    const Entity* e = d.entities().find(selected_entity);
    if (!e) return;
    const Label* lab = d.labels().find(e->label);
    if (lab) {
        swatch(lab->color, ImGui::GetTextLineHeight());
        ImGui::SameLine();
    }
    std::string t(d.text_of(*e));
    if (t.size() > 120) t = t.substr(0, 120) + "...";
    ImGui::PushTextWrapPos(0);
    ImGui::Text("%s", t.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s  id %s  [%zu, %zu)", e->label.c_str(), e->id.c_str(), e->start, e->end);
    ImGui::SetNextItemWidth(140);
    if (ImGui::BeginCombo("Label##entity", e->label.c_str())) {
        for (const Label& l : d.labels().all()) {
            if (ImGui::Selectable(l.name.c_str(), l.name == e->label)) {
                if (Status s = editor.set_label(selected_entity, l.name); !s) set_status(s.error().describe(), true);
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Delete")) {
        if (Status s = editor.remove_entity(selected_entity); s) selected_entity.clear();
        return;
    }
    // Note: edited in place, committed as one undoable step when the field loses focus.
    if (note_edit_id != e->id) {
        note_edit_id = e->id;
        note_edit = e->note;
    }
    input_multiline("##note", note_edit, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f));
    note_widget("details.note");
    if (ImGui::IsItemDeactivatedAfterEdit() && note_edit != e->note) {
        if (Status s = editor.set_note(e->id, note_edit); !s) set_status(s.error().describe(), true);
    }
    if (note_edit.empty() && !ImGui::IsItemActive()) {
        const ImVec2 p = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 4, p.y + 3), IM_COL32(150, 150, 150, 255), "note");
    }
    // details.cpp: knowledge-base id, attributes (found again: the note edit may have moved `e`)
    if (const Entity* cur = d.entities().find(selected_entity)) draw_entity_extras(*cur);
}

void AppImpl::draw_labels_panel() {
    const Document& d = editor.doc();
    ImGui::TextDisabled("Select text, then press a label's key or click it.");
    const float sw = ImGui::GetTextLineHeight();
    std::string to_rename, to_delete;
    if (ImGui::BeginTable("##labels", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("colour");
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("count");
        ImGui::TableSetupColumn("actions");
        for (size_t i = 0; i < d.labels().size(); ++i) {
            const Label lab = d.labels()[i];  // a copy: the edits below may change the set
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // Colour: edited live in a picker; one undoable change when the picker closes.
            float col[3] = {lab.color.r / 255.0f, lab.color.g / 255.0f, lab.color.b / 255.0f};
            if (ImGui::ColorEdit3("##colour", col, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel)) {
                // Live preview is not recorded; the final colour is committed below.
            }
            if (ImGui::IsItemDeactivatedAfterEdit() || (ImGui::IsItemEdited() && !ImGui::IsItemActive())) {
                Label u = lab;
                u.color = Color{static_cast<uint8_t>(col[0] * 255 + 0.5f), static_cast<uint8_t>(col[1] * 255 + 0.5f),
                                static_cast<uint8_t>(col[2] * 255 + 0.5f)};
                if (Status s = editor.update_label(lab.name, u); !s) set_status(s.error().describe(), true);
            }
            ImGui::TableNextColumn();
            const bool active = lab.name == prefs.active_label;
            std::string text = (lab.key.empty() ? std::string("   ") : "[" + lab.key + "]") + " " + lab.name;
            if (ImGui::Selectable(text.c_str(), active, ImGuiSelectableFlags_None)) {
                label_selection_or_entity(lab.name);
            }
            if (!lab.description.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lab.description.c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%zu", label_count(i));
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Edit")) to_rename = lab.name;
            ImGui::SameLine();
            if (ImGui::SmallButton("x")) to_delete = lab.name;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete label %s", lab.name.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    (void)sw;
    if (!to_rename.empty()) {
        const Label* l = d.labels().find(to_rename);
        rename_from = to_rename;
        rename_to = to_rename;
        rename_key = l ? l->key : "";
        rename_description = l ? l->description : "";
        label_error.clear();
        ImGui::OpenPopup("Edit label");
    }
    if (!to_delete.empty()) {
        if (label_count(*d.labels().index_of(to_delete)) == 0) {
            if (Status s = editor.remove_label(to_delete); !s) set_status(s.error().describe(), true);
        } else {
            delete_label_name = to_delete;
            delete_relabel_to.clear();
            ImGui::OpenPopup("Delete label");
        }
    }

    // Add a label.
    ImGui::Spacing();
    ImGui::SetNextItemWidth(-80);
    const bool enter = input_text("##newlabel", new_label_name, ImGuiInputTextFlags_EnterReturnsTrue);
    if (new_label_name.empty() && !ImGui::IsItemActive()) {
        const ImVec2 p = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 4, p.y + 3), IM_COL32(150, 150, 150, 255), "new label name");
    }
    ImGui::SameLine();
    if ((ImGui::Button("Add label") || enter) && !new_label_name.empty()) {
        Label l;
        l.name = new_label_name;
        l.color = d.labels().next_color();
        l.key = d.labels().next_key();
        if (Status s = editor.add_label(l); !s)
            set_status(s.error().describe(), true);
        else
            new_label_name.clear();
    }
    ImGui::TextDisabled("Presets:");
    ImGui::SameLine();
    if (ImGui::SmallButton("CoNLL-2003")) {
        if (Status s = editor.apply_preset(Preset::Conll2003); !s) set_status(s.error().describe(), true);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("OntoNotes 5")) {
        if (Status s = editor.apply_preset(Preset::OntoNotes); !s) set_status(s.error().describe(), true);
    }

    // Edit dialog: name (its entities follow a rename), hotkey and description, one undo step.
    if (ImGui::BeginPopupModal("Edit label", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("Edit label %s (its entities follow a rename)", rename_from.c_str());
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(200);
        bool ok_enter = input_text("Name", rename_to, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SetNextItemWidth(40);
        ok_enter |= input_text("Hotkey (0-9, a-z)", rename_key,
                               ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
        ImGui::SetNextItemWidth(300);
        ok_enter |= input_text("Description", rename_description, ImGuiInputTextFlags_EnterReturnsTrue);
        const Label* cur = d.labels().find(rename_from);
        if (!label_error.empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", label_error.c_str());
        if (ImGui::Button("Save") || ok_enter) {
            if (cur) {
                Label u = *cur;
                u.name = rename_to;
                u.key = rename_key;
                u.description = rename_description;
                if (Status s = editor.update_label(rename_from, u); !s)
                    label_error = s.error().describe();
                else {
                    if (prefs.active_label == rename_from) prefs.active_label = rename_to;
                    ImGui::CloseCurrentPopup();
                }
            } else {
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    // Delete dialog for a label in use: never silently deletes its entities.
    if (ImGui::BeginPopupModal("Delete label", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const size_t n = d.entities().count_label(delete_label_name);
        ImGui::Text("%s is used by %zu %s.", delete_label_name.c_str(), n, n == 1 ? "entity" : "entities");
        if (ImGui::Button("Delete the label and its entities")) {
            if (Status s = editor.remove_label(delete_label_name, LabelInUse::DeleteEntities); !s)
                set_status(s.error().describe(), true);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SetNextItemWidth(160);
        if (ImGui::BeginCombo("##relabel", delete_relabel_to.empty() ? "choose a label" : delete_relabel_to.c_str())) {
            for (const Label& l : d.labels().all())
                if (l.name != delete_label_name && ImGui::Selectable(l.name.c_str())) delete_relabel_to = l.name;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::BeginDisabled(delete_relabel_to.empty());
        if (ImGui::Button("Move them there and delete")) {
            if (Status s = editor.remove_label(delete_label_name, LabelInUse::Relabel, delete_relabel_to); !s)
                set_status(s.error().describe(), true);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            if (const Entity* e = editor.doc().entities().find(note_edit_id)) note_edit = e->note;  // nothing pending
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

// The detail fields commit when they lose the focus; a click in the article that selects another
// entity (or none) hides them first, so what was typed is committed here instead of being lost.
void AppImpl::commit_pending_details() {
    if (!note_edit_id.empty() && note_edit_id != selected_entity) {
        if (const Entity* e = editor.doc().entities().find(note_edit_id); e && note_edit != e->note)
            if (Status s = editor.set_note(note_edit_id, note_edit); !s) set_status(s.error().describe(), true);
        note_edit_id.clear();
    }
    if (!attr_edit_id.empty() && attr_edit_id != selected_entity) {
        if (const Entity* e = editor.doc().entities().find(attr_edit_id); e && attr_edit != e->attributes)
            commit_attributes(attr_edit_id);
        attr_edit_id.clear();
    }
    if (!kb_edit_id.empty() && kb_edit_id != selected_entity) {
        std::string kb = kb_edit;
        while (!kb.empty() && (kb.back() == ' ' || kb.back() == '\t')) kb.pop_back();
        while (!kb.empty() && (kb.front() == ' ' || kb.front() == '\t')) kb.erase(kb.begin());
        if (const Entity* e = editor.doc().entities().find(kb_edit_id); e && kb != e->kb_id)
            if (Status s = editor.set_kb_id(kb_edit_id, kb); !s) set_status(s.error().describe(), true);
        kb_edit_id.clear();
    }
}

void AppImpl::draw_entities_panel() {
    const Document& d = editor.doc();
    const EntityStore& es = d.entities();
    ImGui::SetNextItemWidth(-1);
    input_text("##filter", entity_filter);
    if (entity_filter.empty() && !ImGui::IsItemActive()) {
        const ImVec2 p = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 4, p.y + 3), IM_COL32(150, 150, 150, 255),
                                            "filter by text or label");
    }
    if (rows_revision != editor.revision() || rows_filter != entity_filter) {
        entity_rows.clear();
        for (Slot s : es.ordered()) {
            const Entity& e = es.get(s);
            if (entity_filter.empty() || contains_ci(e.label, entity_filter) ||
                contains_ci(d.text_of(e), entity_filter))
                entity_rows.push_back(s);
        }
        rows_revision = editor.revision();
        rows_filter = entity_filter;
        rows_sorted_dirty = true;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##entities", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch, 0, 0);
    ImGui::TableSetupColumn("Label", 0, 0, 1);
    ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_DefaultSort, 0, 2);
    ImGui::TableSetupColumn("End", 0, 0, 3);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty || rows_sorted_dirty) {
            if (specs->SpecsCount > 0) {
                sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
                sort_ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            }
            auto key_less = [&](Slot a, Slot b) {
                const Entity& x = es.get(a);
                const Entity& y = es.get(b);
                switch (sort_column) {
                    case 0: {
                        auto tx = d.text_of(x), ty = d.text_of(y);
                        if (tx != ty) return tx < ty;
                        break;
                    }
                    case 1:
                        if (x.label != y.label) return x.label < y.label;
                        break;
                    case 3:
                        if (x.end != y.end) return x.end < y.end;
                        break;
                    default: break;
                }
                if (x.start != y.start) return x.start < y.start;
                return x.end > y.end;
            };
            std::stable_sort(entity_rows.begin(), entity_rows.end(),
                             [&](Slot a, Slot b) { return sort_ascending ? key_less(a, b) : key_less(b, a); });
            specs->SpecsDirty = false;
            rows_sorted_dirty = false;
        }
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(entity_rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Entity& e = es.get(entity_rows[static_cast<size_t>(r)]);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string t(d.text_of(e));
            for (char& c : t)
                if (c == '\n' || c == '\r' || c == '\t') c = ' ';
            if (t.size() > 80) t = t.substr(0, 80) + "...";
            ImGui::PushID(r);
            if (ImGui::Selectable(t.c_str(), e.id == selected_entity, ImGuiSelectableFlags_SpanAllColumns)) {
                select_entity(e.id, true);
                scroll_to(e.start);
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            if (const Label* l = d.labels().find(e.label)) {
                swatch(l->color, ImGui::GetTextLineHeight() * 0.8f);
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(e.label.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", e.start);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", e.end);
        }
    }
    ImGui::EndTable();
}

void AppImpl::draw_modals() {
    if (open_confirm) {
        ImGui::OpenPopup("Replace the article?");
        open_confirm = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("Replace the article?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(confirm_text.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Replace") || ImGui::IsKeyPressed(ImGuiKey_Enter)) {
            auto action = std::move(confirm_action);
            confirm_action = nullptr;
            ImGui::CloseCurrentPopup();
            if (action) action();
        }
        ImGui::SameLine();
        if (ImGui::Button("Download first")) download("native");
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            confirm_action = nullptr;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }

    if (open_note_popup) {
        ImGui::OpenPopup("Note");
        open_note_popup = false;
    }
    if (ImGui::BeginPopupModal("Note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        input_multiline("##notetext", note_edit, ImVec2(360, ImGui::GetTextLineHeight() * 5));
        if (ImGui::Button("Save")) {
            if (Status s = editor.set_note(note_edit_id, note_edit); !s) set_status(s.error().describe(), true);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace aa::ui
