// The main menu bar (File, Edit, View, Labels, Help) and the keyboard shortcuts window (?).
#include <imgui.h>

#include <string>

#include "io/format.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

namespace {
// A menu item's shortcut column, from the shortcut table (ui/shortcuts.hpp).
struct MenuKeys {
    std::string text;
    operator const char*() const { return text.c_str(); }
};
MenuKeys K(Action a) { return {menu_keys(a)}; }
using enum Action;
}  // namespace

// File > Compare two annotators of this document: who annotated what (the names the page stamps),
// one entry per pair; shown when the document has two annotators or more.
void AppImpl::draw_annotators_menu() {
    const std::vector<std::string> names = annotators_of(editor.doc());
    if (names.size() < 2) return;
    const bool open = begin_menu("Compare two annotators of this document");
    note_widget("menu.annotators");
    if (!open) return;
    size_t pairs = 0;
    for (size_t i = 0; i < names.size(); ++i)
        for (size_t j = i + 1; j < names.size() && pairs < 12; ++j, ++pairs) {
            if (ui_menu_item(names[i] + " with " + names[j]))
                if (Status st = compare_annotators(names[i], names[j]); !st) set_status(st.error().summary(), true);
            note_widget("menu.annotators." + std::to_string(pairs));
        }
    end_menu();
}

void AppImpl::draw_file_menu() {
    if (menu_item("Paste article", K(Paste))) platform.request_paste();
    if (menu_item("Open file...", K(Open))) open_files();
    draw_versions_menu();
    if (menu_item("Team project...")) open_team_dialog();
    note_widget("menu.team");
    if (menu_item("Compare with another annotator's file...", nullptr, false, !editor.doc().text().empty()))
        open_agreement_dialog();
    note_widget("menu.compare");
    draw_annotators_menu();
    if (menu_item("Load the sample article")) {
        std::string sample = read_sample_article();
        confirm_replace("Load the sample article?", [this, sample] {
            if (Status s = set_text(sample, "sample-article.txt"); !s) set_status(s.error().summary(), true);
        });
    }
    ImGui::Separator();
    const bool has_text = !editor.doc().text().empty();
    if (menu_item("Download JSON", K(Save), false, has_text)) download("native");
    note_widget("menu.download");
    if (begin_menu("Export as", has_text)) {
        for (const io::Format& f : io::formats()) {
            if (!f.write) continue;
            // The extension once: "brat standoff (.ann)" names it already.
            std::string label(f.name);
            if (label.find(f.extension) == std::string::npos) label += " (" + std::string(f.extension) + ")";
            if (std::string_view(f.id) == "brat") label += " + .txt";
            if (menu_item(label.c_str())) download(f.id);
        }
        end_menu();
    }
    if (menu_item("Export all documents (JSONL)", nullptr, false, !queue.docs.empty())) queue_download();
    note_widget("menu.export_all");
    end_menu();
}

void AppImpl::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    const bool file = begin_menu("File");
    note_widget("menu.file");
    if (file) draw_file_menu();
    const bool edit = begin_menu("Edit");
    note_widget("menu.edit");
    if (edit) {
        std::string u = editor.can_undo() ? "Undo " + editor.undo_name() : "Undo";
        std::string r = editor.can_redo() ? "Redo " + editor.redo_name() : "Redo";
        if (ui_menu_item(u, K(Undo), false, editor.can_undo())) undo_with_status();
        note_widget("menu.undo");
        if (ui_menu_item(r, K(Redo), false, editor.can_redo())) redo_with_status();
        ImGui::Separator();
        if (menu_item("Copy selection", K(Copy), false, sel.active || !sel.entity.empty()))
            platform.copy_to_clipboard(selected_text());
        if (menu_item("Delete entity", K(DeleteEntity), false, !sel.entity.empty())) {
            delete_selected_entity();
        }
        if (menu_item("Next entity", K(NextEntity))) step_entity(+1);
        if (menu_item("Previous entity", K(PrevEntity))) step_entity(-1);
        if (menu_item("Find...", K(Find), false, !editor.doc().text().empty())) open_find();
        if (menu_item("Label the other occurrences", K(Propagate), false, offer.has_value())) apply_propagation();
        if (menu_item("Remove every entity like this", K(RemoveSameText), false, !sel.entity.empty()))
            remove_same_text(sel.entity);
        if (menu_item("Suggest entities", K(Suggest), false, !editor.doc().text().empty())) {
            compute_suggestions();
            side_tab_request = 2;
        }
        if (menu_item("Accept all suggestions", K(AcceptAllSuggestions), false, !suggest.list().empty()))
            accept_all_suggestions();
        if (menu_item("Clear selection", K(ClearSelection))) {
            sel.active = false;
            sel.entity.clear();
        }
        ImGui::Separator();
        const std::string who = prefs.annotator.empty() ? "Your name..." : "Your name: " + prefs.annotator + "...";
        if (ui_menu_item(who)) annotator_dialog.open = true;
        note_widget("menu.annotator");
        end_menu();
    }
    const bool view = begin_menu("View");
    note_widget("menu.view");
    if (view) {
        if (menu_check("Snap selections to words", "Alt: precise", prefs.snap_to_words)) {
            prefs.snap_to_words = !prefs.snap_to_words;
            ++prefs_revision;
        }
        if (menu_check("Sticky label (label on release)", nullptr, prefs.sticky_label)) {
            prefs.sticky_label = !prefs.sticky_label;
            ++prefs_revision;
        }
        if (begin_menu("Paragraph direction")) {
            // Auto: each paragraph from its first strong letter (UAX #9 P2-P3), as browsers do.
            const char* names[] = {"Auto (from the first letter)", "Left to right", "Right to left"};
            const char* values[] = {"auto", "ltr", "rtl"};
            for (int i = 0; i < 3; ++i)
                if (menu_check(names[i], nullptr, prefs.direction == values[i]) && prefs.direction != values[i]) {
                    prefs.direction = values[i];
                    ++prefs_revision;
                }
            end_menu();
        }
        ImGui::Separator();
        if (menu_item("Zoom in", K(ZoomIn))) set_zoom(prefs.zoom * 1.1f);
        if (menu_item("Zoom out", K(ZoomOut))) set_zoom(prefs.zoom / 1.1f);
        if (menu_item("Actual size", K(ZoomReset))) set_zoom(1.0f);
        ImGui::Separator();
        if (menu_check("Side panel", K(SidePanel), !prefs.side_collapsed)) toggle_side_panel();
        if (menu_check("Message log", nullptr, show_log)) show_log = !show_log;
        ImGui::Separator();
        draw_theme_menu();  // theme.cpp
        end_menu();
    }
    if (begin_menu("Labels")) {
        if (menu_item("Add the CoNLL-2003 labels")) {
            if (Status s = editor.apply_preset(Preset::Conll2003); !s) set_status(s.error().summary(), true);
        }
        if (menu_item("Add the OntoNotes 5 labels (18)")) {
            if (Status s = editor.apply_preset(Preset::OntoNotes); !s) set_status(s.error().summary(), true);
        }
        end_menu();
    }
    const bool help = begin_menu("Help");
    note_widget("menu.help");
    if (help) {
        if (menu_item("Keyboard shortcuts", K(Help))) show_help = true;
        if (menu_item("Message log")) show_log = true;
        ImGui::Separator();
        if (menu_item("About Article Annotator")) show_about = true;
        note_widget("menu.about");
        end_menu();
    }
    ImGui::EndMainMenuBar();
}
void AppImpl::draw_help_window() {
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Keyboard shortcuts", &show_help,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    // Every row of the shortcut table, by section, and the mouse gestures: what the handler does.
    static const char* const sections[] = {
        "File", "Select and label", "Relations", "Find", "Suggestions", "Queue", "Compare with another annotator",
        "View"};
    auto row = [&](const std::string& keys, const char* help) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(keys.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(help);
    };
    for (const char* section : sections) {
        ImGui::SeparatorText(section);
        if (!ImGui::BeginTable(section, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) continue;
        ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 14);
        if (section == sections[1])
            for (const MouseHelp& m : mouse_help()) row(m.gesture, m.help);
        for (const Shortcut& s : shortcuts()) {
            if (std::string_view(s.section) != section) continue;
            row(keys_text(s), s.help);
            note_widget("help." + std::to_string(static_cast<int>(s.action)));
        }
        ImGui::EndTable();
        note_widget("help.keys");  // tests see the window open by its table
    }
    ImGui::End();
}

// One section of a Markdown document: from its "## title" line to the next "## ".
static std::string markdown_section(const std::string& md, std::string_view title) {
    const std::string head = "## " + std::string(title) + "\n";
    const size_t a = md.find(head);
    if (a == std::string::npos) return {};
    const size_t b = md.find("\n## ", a + head.size());
    return md.substr(a + head.size(), b == std::string::npos ? std::string::npos : b - a - head.size());
}

// Help > About: version, licences, and the docs kept inside the page (nothing is fetched).
void AppImpl::draw_about_window() {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, ImGui::GetFontSize() * 26), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("About", &show_about, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::Text("Article Annotator %s", AA_VERSION);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(
        "Mark people, organisations and places in an article and download the annotations. This page "
        "runs entirely in your browser: nothing you paste or open leaves your machine, and nothing is "
        "fetched.");
    ImGui::TextUnformatted("Licence: MIT (free to use, copy, change and share; the full text is below).");
    note_widget("about.licence");
    ImGui::TextDisabled(
        "Built with Dear ImGui, nlohmann/json and Expat (MIT licences), libunibreak (zlib licence), GNU "
        "FriBidi (LGPL 2.1 or later: its source and this page's are public, so the page can be rebuilt "
        "with a changed FriBidi) and the DejaVu Sans font (Bitstream Vera licence), compiled to "
        "WebAssembly with Emscripten.");
    ImGui::PopTextWrapPos();
    static const std::string readme = read_page_doc("README.md"), format = read_page_doc("format.md"),
                             licence = read_page_doc("LICENSE");
    const std::string using_page = markdown_section(readme, "Using the page");
    if (using_page.empty() && format.empty()) ImGui::TextDisabled("(this build holds no documentation)");
    ImGui::PushTextWrapPos(0);
    if (!using_page.empty() && ImGui::CollapsingHeader("Using the page", ImGuiTreeNodeFlags_DefaultOpen))
        ui_text_block(using_page);
    if (!format.empty() && ImGui::CollapsingHeader("The annotation format (docs/format.md)")) ui_text_block(format);
    if (!licence.empty() && ImGui::CollapsingHeader("Licence (LICENSE)")) ui_text_block(licence);
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace aa::ui
