// The selected entity's knowledge-base id (e.g. a Wikidata QID, checked lightly) and its key/value
// attributes (add, edit, remove rows), drawn under the note in the side panel. Each committed edit is
// one undo step (Editor::set_kb_id / set_attributes); fields edit a buffer until they lose focus.
#include <imgui.h>

#include <algorithm>

#include "ui/app_impl.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {
namespace {
bool is_qid(std::string_view s) {
    return s.size() >= 2 && s[0] == 'Q' && s[1] != '0' &&
           std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    const size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}
}  // namespace

void AppImpl::draw_entity_extras(const Entity& e) {
    const std::string id = e.id;  // `e` may move when an edit below changes the store
    // Knowledge-base id.
    if (details.kb_id != id) {
        details.kb_id = id;
        details.kb = e.kb_id;
    }
    bool kb_active = false;
    ImGui::SetNextItemWidth(140);
    const bool kb_enter =
        input_text("KB id##kb", details.kb, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsNoBlank);
    kb_active = ImGui::IsItemActive();
    note_widget("details.kb");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A knowledge-base id, e.g. a Wikidata item: Q42");
    if ((ImGui::IsItemDeactivatedAfterEdit() || kb_enter) && trim(details.kb) != e.kb_id) {
        if (Status s = editor.set_kb_id(id, trim(details.kb)); !s) set_status(s.error().summary(), true);
    }
    if (!kb_active && details.kb != e.kb_id) details.kb = e.kb_id;  // undo / redo show at once
    if (!details.kb.empty()) {
        ImGui::SameLine();
        if (is_qid(details.kb))
            ImGui::TextColored(v4(theme().ok), "Wikidata item %s", details.kb.c_str());
        else
            ImGui::TextDisabled("(not a Wikidata QID: kept as typed)");
    }

    // Attributes: key/value rows; the buffer follows the entity unless a field is being edited.
    const Entity* cur = editor.doc().entities().find(id);
    if (!cur) return;
    if (details.attr_id != id || (details.attr_revision != editor.revision() && !ImGui::IsAnyItemActive())) {
        details.attr_id = id;
        details.attrs = cur->attributes;
        details.attr_revision = editor.revision();
    }
    bool commit = false;
    int remove = -1;
    if (ImGui::BeginTable("##attributes", 3, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("x", ImGuiTableColumnFlags_WidthFixed);
        for (size_t i = 0; i < details.attrs.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const bool ek = input_text("##k", details.attrs[i].first, ImGuiInputTextFlags_EnterReturnsTrue);
            commit |= ek || ImGui::IsItemDeactivatedAfterEdit();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const bool ev = input_text("##v", details.attrs[i].second, ImGuiInputTextFlags_EnterReturnsTrue);
            note_widget("details.value." + std::to_string(i));
            commit |= ev || ImGui::IsItemDeactivatedAfterEdit();
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this attribute");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove >= 0) {
        details.attrs.erase(details.attrs.begin() + remove);
        commit = true;
    }
    const bool add_attribute = ImGui::SmallButton("+ attribute");
    note_widget("details.add_attribute");
    if (add_attribute) {
        // A new row with a unique placeholder key, committed at once so that undo removes it.
        std::string key = "key";
        for (int n = 2;
             std::any_of(details.attrs.begin(), details.attrs.end(), [&](const auto& kv) { return kv.first == key; });
             ++n)
            key = "key" + std::to_string(n);
        details.attrs.emplace_back(key, "");
        commit = true;
    }
    if (commit && details.attrs != cur->attributes) commit_attributes(id);
}

// Keys must be unique and not empty: the first of a repeated key wins, empty keys drop out.
void AppImpl::commit_attributes(const std::string& id) {
    const Entity* cur = editor.doc().entities().find(id);
    if (!cur) return;
    Attributes clean;
    for (auto& [k, v] : details.attrs) {
        const std::string key = trim(k);
        if (key.empty() || std::any_of(clean.begin(), clean.end(), [&](const auto& kv) { return kv.first == key; }))
            continue;
        clean.emplace_back(key, v);
    }
    if (clean != cur->attributes) {
        if (Status s = editor.set_attributes(id, clean); !s) set_status(s.error().summary(), true);
    }
    details.attrs = clean;
    details.attr_revision = editor.revision();
}

}  // namespace aa::ui
