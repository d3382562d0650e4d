// A native file that carries its own Suggest setup (rules, gazetteers, names) opened while the
// panel holds a different one of the user's: nothing is replaced silently. The user's setup
// stays until they choose in a modal: keep mine, use the file's, or merge the two. Rules are
// settings outside the annotation history, so a choice is reverted in one step by the panel's
// "Restore my rules" button (the setup before the choice is kept until then).
#include <imgui.h>

#include <algorithm>

#include "core/lines.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

bool AppImpl::suggest_setup_unused() const { return suggest.rules.empty() && blank(suggest.gazetteer_text); }

// Called by new_document for a document that carries a setup. True when the document's setup
// was taken as is (nothing of the user's to lose, or the same); false when the user is asked.
bool AppImpl::offer_file_suggest_setup(const SuggestConfig& file) {
    if (suggest_setup_unused()) {
        apply_suggest_config(file);
        return true;
    }
    const SuggestConfig mine = suggest_config();
    SuggestState saved = suggest;
    apply_suggest_config(file);
    const SuggestConfig theirs = suggest_config();  // the file's, as the panel would hold it
    suggest = std::move(saved);
    if (theirs == mine) return true;
    suggest_choice.file = file;
    suggest_choice.open = true;
    return false;
}

// Adds the file's rules and gazetteer lines that the user's setup lacks; the user's own
// options (case, whole words, names) win.
void AppImpl::merge_suggest_setup(const SuggestConfig& file) {
    SuggestState mine = suggest;
    apply_suggest_config(file);
    std::vector<Rule> file_rules = std::move(suggest.rules);
    std::string file_gaz = std::move(suggest.gazetteer_text);
    suggest = std::move(mine);
    for (Rule& r : file_rules) {
        const bool have = std::any_of(suggest.rules.begin(), suggest.rules.end(),
                                      [&](const Rule& m) { return m.pattern == r.pattern && m.label == r.label; });
        if (!have) suggest.rules.push_back(std::move(r));
    }
    std::vector<std::string> lines;  // mine, then each of the file's that is new
    LineReader mine_lines(suggest.gazetteer_text);
    for (std::string_view l; mine_lines.next(l);) lines.emplace_back(l);
    LineReader file_lines(file_gaz);
    for (std::string_view l; file_lines.next(l);) {
        std::string line(l);
        if (blank(line) || std::find(lines.begin(), lines.end(), line) != lines.end()) continue;
        if (!suggest.gazetteer_text.empty() && suggest.gazetteer_text.back() != '\n') suggest.gazetteer_text += '\n';
        suggest.gazetteer_text += line + '\n';
        lines.push_back(std::move(line));
    }
}

void AppImpl::suggest_setup_changed() {
    suggest.computed = false;
    ++suggest.rules_revision;
    ++prefs_revision;
    sync_suggest_to_document();
}

void AppImpl::choose_file_suggest_setup(int choice) {  // 0 keep mine, 1 use the file's, 2 merge
    std::optional<SuggestConfig> file = std::move(suggest_choice.file);
    suggest_choice.file.reset();
    if (!file) return;
    if (choice == 0) {
        set_status("Kept your rules and gazetteers; the file's were not used");
        return;
    }
    suggest_choice.before = suggest_config();
    if (choice == 1)
        apply_suggest_config(*file);
    else
        merge_suggest_setup(*file);
    suggest_setup_changed();
    side_tab_request = 2;  // the Suggest panel, where "Restore my rules" is
    set_status(
        std::string(choice == 1 ? "Using the file's rules and gazetteers" : "Merged the file's rules and gazetteers") +
        " (Suggest > Restore my rules undoes this)");
}

void AppImpl::restore_suggest_setup() {
    if (!suggest_choice.before) return;
    apply_suggest_config(*suggest_choice.before);
    suggest_choice.before.reset();
    suggest_setup_changed();
    set_status("Restored your rules and gazetteers");
}

void AppImpl::draw_suggest_choice() {
    if (suggest_choice.open) {
        ImGui::OpenPopup("Rules in the file");
        suggest_choice.open = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!begin_modal("Rules in the file")) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    dialog_text(
        "This file carries its own Suggest rules and gazetteers, different from yours. Your setup is "
        "unchanged until you choose.");
    ImGui::PopTextWrapPos();
    int choice = -1;
    if (dialog_button("Keep mine") || ImGui::IsKeyPressed(ImGuiKey_Escape)) choice = 0;
    note_widget("suggest_choice.keep");
    ImGui::SameLine();
    if (dialog_button("Use the file's")) choice = 1;
    note_widget("suggest_choice.use");
    ImGui::SameLine();
    if (dialog_button("Merge") || ImGui::IsKeyPressed(ImGuiKey_Enter)) choice = 2;
    note_widget("suggest_choice.merge");
    if (choice >= 0) {
        ImGui::CloseCurrentPopup();
        choose_file_suggest_setup(choice);
    }
    end_modal();
}

}  // namespace aa::ui
