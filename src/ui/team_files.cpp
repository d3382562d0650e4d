// A team project's corpus as files, in the Team tab: the export (gold or one annotator, in any
// format the annotator writes, downloaded as one zip) and, for reviewers, the bulk import of files
// into the corpus. The sync script (team_io.js) does the work, from and into the local replica;
// the page keeps only the choices and which of the two runs.
#include <imgui.h>

#include "io/format.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

void AppImpl::team_files_event(const io::team::PageEvent& e) {
    if (e.op.empty() || e.op != team_files.busy) return;
    if (e.kind == io::team::PageEvent::Kind::Error || e.done) team_files.busy.clear();
    if (e.kind == io::team::PageEvent::Kind::Notice) set_status(e.message, false);
}

void AppImpl::draw_team_files() {
    // Closed until wanted: open, it would take the height the Articles list below needs.
    const bool open = ImGui::CollapsingHeader("The corpus as files");
    note_widget("team.files");
    if (!open) return;
    const float width = ImGui::GetFontSize() * 14;
    const std::vector<std::string> users = team_annotators();
    const std::string whose = team_files.who == "gold" ? std::string("gold (curated)") : team_files.who;
    // A combo's own rect is noted while it is closed (open, the popup is the current window).
    if (!ui_begin_combo("Whose##team_export_who", whose, width)) {
        note_widget("team.export.who");
    } else {
        if (ui_selectable("gold (curated)", team_files.who == "gold")) team_files.who = "gold";
        note_widget("team.export.who.gold");
        for (const std::string& u : users) {
            if (ui_selectable(u, team_files.who == u)) team_files.who = u;
            note_widget("team.export.who." + u);
        }
        ImGui::EndCombo();
    }
    const io::Format* current = io::find_format(team_files.format);
    if (!ui_begin_combo("Format##team_export_format", current ? current->name : team_files.format, width)) {
        note_widget("team.export.format");
    } else {
        for (const io::Format& f : io::formats()) {
            if (!f.write) continue;
            if (ui_selectable(std::string(f.name) + " (" + std::string(f.extension) + ")", f.id == team_files.format))
                team_files.format = std::string(f.id);
            note_widget("team.export.format." + std::string(f.id));
        }
        ImGui::EndCombo();
    }
    ImGui::BeginDisabled(!team_files.busy.empty());
    if (ImGui::Button(team_files.busy == "export" ? "Exporting..." : "Export the corpus...")) {
        team_files.busy = "export";
        set_status("Exporting the corpus (" + whose + ", " + team_files.format + ")...");
        platform.team_export(team_files.who, team_files.format);
    }
    note_widget("team.export");
    ImGui::EndDisabled();
    if (!team_has_role("reviewer")) return;
    // Importing writes article: documents, which only reviewers may; the files' annotations go to
    // gold: (reviewers) or to my own ann: (annotators), or stay behind.
    ImGui::TextUnformatted("Import files; their annotations:");
    if (ImGui::RadioButton("as gold", team_files.import_as == "gold")) team_files.import_as = "gold";
    note_widget("team.import.as.gold");
    if (team_has_role("annotator")) {
        ImGui::SameLine();
        if (ImGui::RadioButton("as mine", team_files.import_as == "mine")) team_files.import_as = "mine";
        note_widget("team.import.as.mine");
    } else if (team_files.import_as == "mine") {
        team_files.import_as = "gold";
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("not imported", team_files.import_as == "none")) team_files.import_as = "none";
    note_widget("team.import.as.none");
    ImGui::BeginDisabled(!team_files.busy.empty());
    if (ImGui::Button(team_files.busy == "import" ? "Importing..." : "Import files into the corpus...")) {
        team_files.busy = "import";
        platform.team_import(team_files.import_as);
    }
    note_widget("team.import");
    ImGui::EndDisabled();
}

}  // namespace aa::ui
