// Side panels: the selected entity's details, the Labels panel (swatch, hotkey, count; add,
// rename, recolour, delete; presets) and the Entities table (filter, sort, thousands of rows
// through a list clipper); and the modal dialogs (confirm replace, note, rename, delete label).
//
// [SECTION] Side panel and entity details
// [SECTION] Labels panel and its dialogs
// [SECTION] Entities table
// [SECTION] Modal dialogs
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "core/segment.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {

bool contains_ci(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

void field_placeholder(const std::string& value, const char* text) {
    if (!value.empty() || ImGui::IsItemActive()) return;
    const ImVec2 p = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 4, p.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
}

void swatch(Color c, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), to_imu32(c), 3);
    dl->AddRect(p, ImVec2(p.x + size, p.y + size), to_imu32(theme().control_border), 3);
    ImGui::Dummy(ImVec2(size, size));
}

// =====================================================================================
// [SECTION] Side panel and entity details
// =====================================================================================

size_t AppImpl::label_count(size_t index) const {
    const Document& d = editor.doc();
    return index < d.labels().size() ? d.entities().count_label(d.labels().all()[index].name) : 0;
}

// The tabs above, the selected entity's details docked below at a fixed height: selecting an
// entity never pushes the tabs or the entity list down.
void AppImpl::draw_side_panel(float, float height) {
    commit_pending_details();
    const float details_h = std::min(height * 0.42f, ImGui::GetFontSize() * 15);
    ImGui::BeginChild("##side_tabs", ImVec2(0, -details_h), false);
    draw_side_tabs();
    ImGui::EndChild();
    ImGui::SeparatorText("Details");
    ImGui::BeginChild("##side_details", ImVec2(0, 0), false);
    if (!sel.entity.empty() && editor.doc().entities().find(sel.entity))
        draw_entity_details();
    else if (!sel.relation.empty() && editor.doc().relations().find(sel.relation))
        draw_relation_details();  // relations_panel.cpp
    else
        ImGui::TextDisabled("Click an entity to see and edit its details here.");
    ImGui::EndChild();
}

// The side tabs' names: in full ("Documents (3)"), or short ("Docs 3") when the full names do not
// fit in one row (a phone's sheet, a narrow panel). Never cut ("Docum..."), never scrolled out.
std::vector<std::string> AppImpl::side_tab_names(bool compact) const {
    const std::string n_ent = std::to_string(editor.doc().entities().size());
    const std::string n_doc = queue.docs.empty() ? "" : std::to_string(queue.docs.size());
    std::vector<std::string> names;
    if (!compact) {
        names = {"Labels", "Entities (" + n_ent + ")", "Suggest",
                 n_doc.empty() ? "Documents" : "Documents (" + n_doc + ")"};
    } else {
        names = {"Labels", "Entities " + n_ent, "Suggest", n_doc.empty() ? "Docs" : "Docs " + n_doc};
    }
    // Every tab drawn is counted: left out, the Team tab made the row wider than measured, and the
    // row scrolled (its last tab under the scroll arrows) instead of taking the short names.
    if (team_active()) names.emplace_back("Team");
    if (agree.active) names.emplace_back(compact ? "Compare" : "Agreement");
    return names;
}

// The width the side tabs take in one row, their names in full (or short), as ImGui lays tabs out:
// each its text plus the frame's padding, ItemInnerSpacing between them.
float AppImpl::side_tabs_width(bool compact) const {
    const ImGuiStyle& st = ImGui::GetStyle();
    float w = 0;
    for (const std::string& t : side_tab_names(compact))
        w += ImGui::CalcTextSize(t.c_str()).x + 2 * st.FramePadding.x + st.ItemInnerSpacing.x;
    return w + 2;  // rounding
}

void AppImpl::draw_side_tabs() {
    // Tabs keep their whole names: short names when the full ones do not fit in one row, and if even
    // those do not, a list button beside them names every tab (the row scrolls to the chosen one).
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool compact = side_tabs_width(false) > avail;
    const bool listed = compact && side_tabs_width(true) > avail;
    const std::vector<std::string> names = side_tab_names(compact);
    ImGuiTabBarFlags bar_flags = ImGuiTabBarFlags_FittingPolicyScroll;
    if (listed) bar_flags |= ImGuiTabBarFlags_TabListPopupButton;
    if (ImGui::BeginTabBar("##sidetabs", bar_flags)) {
        ImGuiTabItemFlags lf = side_tab_request == 0 ? ImGuiTabItemFlags_SetSelected : 0;
        ImGuiTabItemFlags ef = side_tab_request == 1 ? ImGuiTabItemFlags_SetSelected : 0;
        ImGuiTabItemFlags sf = side_tab_request == 2 ? ImGuiTabItemFlags_SetSelected : 0;
        const int side_tab_request_queue = side_tab_request;  // 3 Documents, 4 Agreement, 5 Team
        side_tab_request = -1;
        // ImGui selects a tab on the press only when the pointer was over it in the frame before (tabs
        // allow overlap): a browser's click, which moves the pointer and presses in one frame (a tap, a
        // quick click on a slow frame, Playwright), was lost, and the tab stayed unselected. Such a
        // press selects the tab in the next frame.
        const auto pressed_on = [](int tab, int& request) {
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::IsWindowHovered() &&
                ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()))
                request = tab;
        };
        const bool labels_open = ImGui::BeginTabItem((names[0] + "###labels").c_str(), nullptr, lf);
        note_widget("tab.labels");
        pressed_on(0, side_tab_request);
        if (labels_open) {
            draw_labels_panel();
            ImGui::EndTabItem();
        }
        const bool entities_open = ImGui::BeginTabItem((names[1] + "###entities").c_str(), nullptr, ef);
        note_widget("tab.entities");
        pressed_on(1, side_tab_request);
        if (entities_open) {
            // The entities or the relations (relations_panel.cpp): one tab, so that the tab bar fits.
            if (ImGui::RadioButton("Entities", !relations_panel.show_relations)) relations_panel.show_relations = false;
            ImGui::SameLine();
            const std::string rel = "Relations (" + std::to_string(editor.doc().relations().size()) + ")";
            if (ImGui::RadioButton(rel.c_str(), relations_panel.show_relations)) relations_panel.show_relations = true;
            note_widget("tab.relations");
            if (relations_panel.show_relations)
                draw_relations_panel();
            else
                draw_entities_panel();
            ImGui::EndTabItem();
        }
        const bool suggest_open = ImGui::BeginTabItem((names[2] + "###suggest").c_str(), nullptr, sf);
        note_widget("tab.suggest");
        pressed_on(2, side_tab_request);
        if (suggest_open) {
            draw_suggest_panel();  // suggest_view.cpp
            ImGui::EndTabItem();
        }
        const bool docs_open = ImGui::BeginTabItem((names[3] + "###documents").c_str(), nullptr,
                                                   side_tab_request_queue == 3 ? ImGuiTabItemFlags_SetSelected : 0);
        note_widget("tab.documents");
        pressed_on(3, side_tab_request);
        if (docs_open) {
            draw_queue_panel();  // queue.cpp
            ImGui::EndTabItem();
        }
        if (team_active()) {
            const bool team_open_tab =
                ImGui::BeginTabItem("Team", nullptr, side_tab_request_queue == 5 ? ImGuiTabItemFlags_SetSelected : 0);
            note_widget("tab.team");
            pressed_on(5, side_tab_request);
            if (team_open_tab) {
                draw_team_panel();  // team.cpp
                ImGui::EndTabItem();
            }
        }
        if (agree.active) {
            const bool agree_open =
                ImGui::BeginTabItem((names.back() + "###agreement").c_str(), nullptr,
                                    side_tab_request_queue == 4 ? ImGuiTabItemFlags_SetSelected : 0);
            note_widget("tab.agreement");
            pressed_on(4, side_tab_request);
            if (agree_open) {
                draw_agreement_panel();  // agreement_view.cpp
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
}

void AppImpl::draw_entity_details() {
    const Document& d = editor.doc();
    const Entity* e = d.entities().find(sel.entity);
    if (!e) return;
    const Label* lab = d.labels().find(e->label);
    if (lab) {
        swatch(lab->color, ImGui::GetTextLineHeight());
        ImGui::SameLine();
    }
    std::string t(d.text_of(*e));
    t = seg::clip_clusters(t, 120);
    user_text(t, ImGui::GetContentRegionAvail().x);
    note_widget("details.text");
    ui_text_unformatted(
        e->label + "  id " + e->id + "  [" + std::to_string(e->start) + ", " + std::to_string(e->end) + ")",
        ImGui::GetColorU32(ImGuiCol_TextDisabled));
    if (ui_begin_combo("Label##entity", e->label, 140)) {
        for (const Label& l : d.labels().all()) {
            if (ui_selectable(l.name, l.name == e->label)) {
                relabel_selected_entity(l.name);
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Delete")) {
        delete_selected_entity();
        return;
    }
    ImGui::SameLine();
    bool locked = e->locked;
    if (ImGui::Checkbox("Locked", &locked)) {
        toggle_entity_lock(e->id);
        e = d.entities().find(sel.entity);
        if (!e) return;
    }
    note_widget("details.lock");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A locked entity is not moved, relabelled or deleted (e.g. a pre-annotation under review)");
    // Note: edited in place, committed as one undoable step when the field loses focus.
    if (details.note_id != e->id) {
        details.note_id = e->id;
        details.note = e->note;
    }
    input_multiline("##note", details.note, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f));
    note_widget("details.note");
    if (ImGui::IsItemDeactivatedAfterEdit() && details.note != e->note) {
        if (Status s = editor.set_note(e->id, details.note); !s) set_status(s.error().summary(), true);
    }
    field_placeholder(details.note, "note");
    // details.cpp: knowledge-base id, attributes (found again: the note edit may have moved `e`)
    if (const Entity* cur = d.entities().find(sel.entity)) draw_entity_extras(*cur);
}

// =====================================================================================
// [SECTION] Labels panel and its dialogs
// =====================================================================================

// The Labels tab: the table of labels, the add field and presets, and the two dialogs (opened
// from the table's Edit and x buttons, in the same ID scope).
void AppImpl::draw_labels_panel() {
    ImGui::TextDisabled("Select text, then press a label's key or click it.");
    draw_label_rows();
    draw_add_label();
    draw_edit_label_dialog();
    draw_delete_label_dialog();
    draw_relation_types();  // relations_panel.cpp
    draw_doc_labels();
    draw_guidelines_panel();
}

// One row per label: colour (a picker, committed when it closes), hotkey, name (click: label the
// selection), count, Edit and delete buttons.
void AppImpl::draw_label_rows() {
    const Document& d = editor.doc();
    std::string to_rename, to_delete;
    // The key has its own column, as relation types' have: names line up whether a label has a key
    // or not (a blank "[k]" in a proportional font did not).
    if (ImGui::BeginTable("##labels", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("colour");
        ImGui::TableSetupColumn("key");
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("count");
        ImGui::TableSetupColumn("actions");
        for (size_t i = 0; i < d.labels().size(); ++i) {
            const Label lab = d.labels()[i];  // a copy: the edits below may change the set
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // Shown in the article, and locked (relations_view.cpp): view settings, not undoable.
            bool shown = !label_hidden(lab.name);
            if (ImGui::Checkbox("##shown", &shown)) toggle_name(prefs.hidden_labels, lab.name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show %s entities in the article", lab.name.c_str());
            note_widget("label.shown." + std::to_string(i));
            ImGui::SameLine();
            // Colour: edited live in a picker; one undoable change when the picker closes.
            float col[3] = {lab.color.r / 255.0f, lab.color.g / 255.0f, lab.color.b / 255.0f};
            if (ImGui::ColorEdit3("##colour", col, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel)) {
                // Live preview is not recorded; the final colour is committed below.
            }
            if (ImGui::IsItemDeactivatedAfterEdit() || (ImGui::IsItemEdited() && !ImGui::IsItemActive())) {
                Label u = lab;
                u.color = Color{static_cast<uint8_t>(col[0] * 255 + 0.5f), static_cast<uint8_t>(col[1] * 255 + 0.5f),
                                static_cast<uint8_t>(col[2] * 255 + 0.5f)};
                if (Status s = editor.update_label(lab.name, u); !s) set_status(s.error().summary(), true);
            }
            ImGui::TableNextColumn();
            if (!lab.key.empty()) {
                // A key is one ASCII letter or digit (check_label_key): ImGui's font draws it, and the
                // text engine's layout (the platform's renderer) is not needed at start-up.
                ui_text_unformatted("[" + lab.key + "]");
                note_widget("labels.key." + std::to_string(i));
            }
            ImGui::TableNextColumn();
            const bool active = lab.name == prefs.active_label;
            if (ui_selectable(lab.name, active)) label_selection_or_entity(lab.name);
            note_widget("labels.row." + std::to_string(i));
            // The name and description, by the text engine when ImGui's font lacks a glyph.
            if (!lab.description.empty() && ImGui::IsItemHovered()) ui_tooltip(label_tooltip(lab));
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%zu", label_count(i));
            ImGui::TableNextColumn();
            const bool locked = label_locked(lab.name);
            if (ImGui::SmallButton(locked ? "Unlock" : "Lock")) toggle_name(prefs.locked_labels, lab.name);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(locked ? "Unlock %s: its entities can be moved, relabelled and deleted again"
                                         : "Lock %s: a click selects its entities but cannot move, relabel or delete "
                                           "them",
                                  lab.name.c_str());
            note_widget("label.lock." + std::to_string(i));
            ImGui::SameLine();
            if (ImGui::SmallButton("Edit")) to_rename = lab.name;
            ImGui::SameLine();
            if (ImGui::SmallButton("x")) to_delete = lab.name;
            if (ImGui::IsItemHovered()) ui_tooltip("Delete label " + lab.name);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!to_rename.empty()) {
        const Label* l = d.labels().find(to_rename);
        labels_panel.rename_from = to_rename;
        labels_panel.rename_to = to_rename;
        labels_panel.rename_key = l ? l->key : "";
        labels_panel.rename_description = l ? l->description : "";
        labels_panel.error.clear();
        ImGui::OpenPopup("Edit label");
    }
    if (!to_delete.empty()) {
        if (label_count(*d.labels().index_of(to_delete)) == 0) {
            if (Status s = editor.remove_label(to_delete); !s) set_status(s.error().summary(), true);
        } else {
            labels_panel.delete_name = to_delete;
            labels_panel.relabel_to.clear();
            ImGui::OpenPopup("Delete label");
        }
    }
}

// Add a label (name, next free colour and hotkey); the presets.
void AppImpl::draw_add_label() {
    const Document& d = editor.doc();
    ImGui::Spacing();
    ImGui::SetNextItemWidth(-80);
    const bool enter = input_text("##newlabel", labels_panel.new_name, ImGuiInputTextFlags_EnterReturnsTrue);
    field_placeholder(labels_panel.new_name, "new label name");
    ImGui::SameLine();
    if ((ImGui::Button("Add label") || enter) && !labels_panel.new_name.empty()) {
        Label l;
        l.name = labels_panel.new_name;
        l.color = d.labels().next_color();
        l.key = d.labels().next_key();
        if (Status s = editor.add_label(l); !s)
            set_status(s.error().summary(), true);
        else
            labels_panel.new_name.clear();
    }
    ImGui::TextDisabled("Presets:");
    ImGui::SameLine();
    if (ImGui::SmallButton("CoNLL-2003")) {
        if (Status s = editor.apply_preset(Preset::Conll2003); !s) set_status(s.error().summary(), true);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("OntoNotes 5")) {
        if (Status s = editor.apply_preset(Preset::OntoNotes); !s) set_status(s.error().summary(), true);
    }
}

// Edit dialog: name (its entities follow a rename), hotkey and description, one undo step.
void AppImpl::draw_edit_label_dialog() {
    if (!begin_modal("Edit label")) return;
    const Document& d = editor.doc();
    dialog_text("Edit label " + labels_panel.rename_from + " (its entities follow a rename)");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(200);
    bool ok_enter = input_text("Name", labels_panel.rename_to, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(40);
    ok_enter |= input_text("Hotkey (0-9, a-z)", labels_panel.rename_key,
                           ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    ImGui::SetNextItemWidth(300);
    ok_enter |= input_text("Description", labels_panel.rename_description, ImGuiInputTextFlags_EnterReturnsTrue);
    const Label* cur = d.labels().find(labels_panel.rename_from);
    if (!labels_panel.error.empty()) dialog_text(labels_panel.error, to_imu32(theme().error));
    if (dialog_button("Save") || ok_enter) {
        if (cur) {
            Label u = *cur;
            u.name = labels_panel.rename_to;
            u.key = labels_panel.rename_key;
            u.description = labels_panel.rename_description;
            if (Status s = editor.update_label(labels_panel.rename_from, u); !s)
                labels_panel.error = s.error().summary();
            else {
                if (prefs.active_label == labels_panel.rename_from) prefs.active_label = labels_panel.rename_to;
                ImGui::CloseCurrentPopup();
            }
        } else {
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    end_modal();
}

// Delete dialog for a label in use: never silently deletes its entities.
void AppImpl::draw_delete_label_dialog() {
    if (!begin_modal("Delete label")) return;
    const Document& d = editor.doc();
    const size_t n = d.entities().count_label(labels_panel.delete_name);
    dialog_text(labels_panel.delete_name + " is used by " + std::to_string(n) + (n == 1 ? " entity." : " entities."));
    if (dialog_button("Delete the label and its entities")) {
        if (Status s = editor.remove_label(labels_panel.delete_name, LabelInUse::DeleteEntities); !s)
            set_status(s.error().summary(), true);
        ImGui::CloseCurrentPopup();
    }
    name_next_control("Move its entities to the label");
    if (ui_begin_combo("##relabel", labels_panel.relabel_to.empty() ? "choose a label" : labels_panel.relabel_to,
                       160)) {
        for (const Label& l : d.labels().all())
            if (l.name != labels_panel.delete_name && ui_selectable(l.name, false)) labels_panel.relabel_to = l.name;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(labels_panel.relabel_to.empty());
    if (dialog_button("Move them there and delete")) {
        if (Status s = editor.remove_label(labels_panel.delete_name, LabelInUse::Relabel, labels_panel.relabel_to); !s)
            set_status(s.error().summary(), true);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    end_modal();
}

// The detail fields commit when they lose the focus; a click in the article that selects another
// entity (or none) hides them first, so what was typed is committed here instead of being lost.
void AppImpl::commit_pending_details() {
    if (!details.note_id.empty() && details.note_id != sel.entity) {
        if (const Entity* e = editor.doc().entities().find(details.note_id); e && details.note != e->note)
            if (Status s = editor.set_note(details.note_id, details.note); !s) set_status(s.error().summary(), true);
        details.note_id.clear();
    }
    if (!details.attr_id.empty() && details.attr_id != sel.entity) {
        if (const Entity* e = editor.doc().entities().find(details.attr_id); e && details.attrs != e->attributes)
            commit_attributes(details.attr_id);
        details.attr_id.clear();
    }
    if (!details.kb_id.empty() && details.kb_id != sel.entity) {
        std::string kb = details.kb;
        while (!kb.empty() && (kb.back() == ' ' || kb.back() == '\t')) kb.pop_back();
        while (!kb.empty() && (kb.front() == ' ' || kb.front() == '\t')) kb.erase(kb.begin());
        if (const Entity* e = editor.doc().entities().find(details.kb_id); e && kb != e->kb_id)
            if (Status s = editor.set_kb_id(details.kb_id, kb); !s) set_status(s.error().summary(), true);
        details.kb_id.clear();
    }
}

// =====================================================================================
// [SECTION] Entities table
// =====================================================================================

void AppImpl::draw_entities_panel() {
    const Document& d = editor.doc();
    const EntityStore& es = d.entities();
    ImGui::SetNextItemWidth(-1);
    input_text("##filter", entities_panel.filter);
    field_placeholder(entities_panel.filter, "filter by text or label");
    if (entities_panel.rows_revision != editor.revision() || entities_panel.rows_filter != entities_panel.filter) {
        if (entities_panel.filter.empty()) {
            entities_panel.rows = es.ordered();
        } else {
            entities_panel.rows.clear();
            for (Slot s : es.ordered()) {
                const Entity& e = es.get(s);
                if (contains_ci(e.label, entities_panel.filter) || contains_ci(d.text_of(e), entities_panel.filter))
                    entities_panel.rows.push_back(s);
            }
        }
        entities_panel.rows_revision = editor.revision();
        entities_panel.rows_filter = entities_panel.filter;
        entities_panel.sorted_dirty = true;
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
        if (specs->SpecsDirty || entities_panel.sorted_dirty) {
            if (specs->SpecsCount > 0) {
                entities_panel.sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
                entities_panel.sort_ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            }
            auto key_less = [&](Slot a, Slot b) {
                const Entity& x = es.get(a);
                const Entity& y = es.get(b);
                switch (entities_panel.sort_column) {
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
            // By start, ascending (the default): the rows are in document order already (start, then
            // longer first, ties in store order, as the stable sort would leave them): no sort, so
            // an edit with the table open costs a copy of the order, not n log n comparisons.
            if (entities_panel.sort_column != 2 || !entities_panel.sort_ascending)
                std::stable_sort(entities_panel.rows.begin(), entities_panel.rows.end(), [&](Slot a, Slot b) {
                    return entities_panel.sort_ascending ? key_less(a, b) : key_less(b, a);
                });
            specs->SpecsDirty = false;
            entities_panel.sorted_dirty = false;
        }
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(entities_panel.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Entity& e = es.get(entities_panel.rows[static_cast<size_t>(r)]);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string t(d.text_of(e));
            for (char& c : t)
                if (c == '\n' || c == '\r' || c == '\t') c = ' ';
            t = seg::clip_clusters(t, 80);
            ImGui::PushID(r);
            if (user_selectable(t, e.id == sel.entity, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, 0))) {
                select_entity(e.id, true);
                scroll_to(e.start);
            }
            note_widget("entities.row." + std::to_string(r));
            ImGui::PopID();
            ImGui::TableNextColumn();
            if (const Label* l = d.labels().find(e.label)) {
                swatch(l->color, ImGui::GetTextLineHeight() * 0.8f);
                ImGui::SameLine();
            }
            ui_text_unformatted(e.label);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", e.start);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", e.end);
        }
    }
    ImGui::EndTable();
}

// =====================================================================================
// [SECTION] Modal dialogs
// =====================================================================================

void AppImpl::draw_modals() {
    draw_suggest_choice();
    draw_annotator_dialog();
    draw_bulk_progress();
    draw_undo_progress();    // bulk.cpp
    draw_import_progress();  // import.cpp
    if (open_confirm) {
        ImGui::OpenPopup("Replace the article?");
        open_confirm = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (begin_modal("Replace the article?")) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ui_text_block(confirm_text);
        note_dialog_text(confirm_text);
        ImGui::PopTextWrapPos();
        if (dialog_button("Replace") || ImGui::IsKeyPressed(ImGuiKey_Enter)) {
            auto action = std::move(confirm_action);
            confirm_action = nullptr;
            ImGui::CloseCurrentPopup();
            if (action) action();
        }
        ImGui::SameLine();
        if (dialog_button("Download first")) download("native");
        ImGui::SameLine();
        if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            confirm_action = nullptr;
            ImGui::CloseCurrentPopup();
        }
        end_modal();
    }

    if (open_note_popup) {
        ImGui::OpenPopup("Note");
        open_note_popup = false;
    }
    if (begin_modal("Note")) {
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        name_next_control("Note");
        input_multiline("##notetext", details.note, ImVec2(360, ImGui::GetTextLineHeight() * 5));
        if (dialog_button("Save")) {
            if (Status s = editor.set_note(details.note_id, details.note); !s) set_status(s.error().summary(), true);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            // The dialog shares the details field's buffer: a cancel leaves nothing pending there.
            if (const Entity* e = editor.doc().entities().find(details.note_id)) details.note = e->note;
            ImGui::CloseCurrentPopup();
        }
        end_modal();
    }
}

}  // namespace aa::ui
