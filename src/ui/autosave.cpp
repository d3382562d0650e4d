// Autosave and recent versions: the session (document, undo history, view) written to the
// browser's storage shortly after each change, snapshots of earlier saved states to restore,
// and the pause when another tab takes over. Startup restores the last session.
//
// [SECTION] View preferences
// [SECTION] Startup
// [SECTION] Autosave
// [SECTION] Storage answers and other tabs
// [SECTION] Recent versions menu, paused banner
#include <imgui.h>

#include <algorithm>

#include "io/page_state.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

namespace {
constexpr const char* kSessionKey = "session";
constexpr const char* kVersionsKey = "versions";
constexpr size_t kMaxVersions = 20;
constexpr double kVersionEveryMs = 5 * 60 * 1000;  // a version every five minutes of editing
constexpr size_t kBulkChange = 20;                 // or before a change of this many entities
constexpr double kAutosaveDelayMs = 250;           // changes are persisted within a second
constexpr double kRetryFailedMs = 5000;            // a failed write is retried after this (or at the next change)
}  // namespace

// =====================================================================================
// [SECTION] View preferences
// =====================================================================================

io::ViewPrefs AppImpl::view_prefs() const {
    io::ViewPrefs v = prefs;
    v.find_whole_word = find.whole_word;
    v.suggest = suggest_config();  // rules and gazetteers
    return v;
}

// A restored view, clamped to what the page can show.
void AppImpl::apply_view_prefs(const io::ViewPrefs& v) {
    prefs.zoom = std::clamp(v.zoom, 0.6f, 2.5f);
    prefs.side_width = std::clamp(v.side_width, 220.0f, 900.0f);
    prefs.snap_to_words = v.snap_to_words;
    prefs.sticky_label = v.sticky_label;
    prefs.side_collapsed = v.side_collapsed;
    find.whole_word = v.find_whole_word;
    prefs.active_label = v.active_label;
    if (v.suggest) apply_suggest_config(*v.suggest);
    fonts.dirty = true;
}

// =====================================================================================
// [SECTION] Startup
// =====================================================================================

void AppImpl::startup(std::optional<std::string> saved) {
    save.started = true;
    apply_style();
    if (saved && !saved->empty()) {
        auto s = io::read_session(*saved);
        if (s.ok()) {
            if (s->view) apply_view_prefs(*s->view);
            new_document(std::move(s->document));
            editor.set_history(std::move(s->undo), std::move(s->redo));
            set_status("Restored your last session (" + std::to_string(editor.doc().entities().size()) + " entities)");
            if (!s->warnings.empty()) set_status("Restored your last session; " + s->warnings.front().message, true);
        } else {
            // Keep the unreadable data: it is not overwritten until the user changes something,
            // and a copy goes to another key first.
            platform.storage_write("session-unreadable", *saved, 0);
            set_status("Could not restore the last session (" + s.error().describe() + "); a copy was kept", true);
            new_document(Document{});
        }
    } else {
        new_document(Document{});
    }
    save.seen_revision = editor.revision();
    save.seen_prefs = prefs_revision;
    save.seen_generation = doc_generation;
    save.state = SaveState::Saved;
    if (saved && !saved->empty()) {
        save.last_saved = *saved;  // what storage holds: kept as a version before the first big change
        save.last_saved_when = platform.now_local();
        save.last_saved_entities = editor.doc().entities().size();
        save.last_saved_generation = doc_generation;
    }
    save.last_version_ms = platform.now_ms();
    save.versions_ticket = next_ticket++;
    platform.storage_read(kVersionsKey, save.versions_ticket);
    platform.claim_session();  // the newest tab saves; older ones pause (Platform::claim_session)
    queue_startup();           // the other documents of a queue, if any (queue.cpp)
}
// =====================================================================================
// [SECTION] Autosave
// =====================================================================================

void AppImpl::autosave_tick(bool flush) {
    if (!save.started) return;
    const double now = platform.now_ms();
    if (editor.revision() != save.seen_revision || prefs_revision != save.seen_prefs ||
        doc_generation != save.seen_generation) {
        save.seen_revision = editor.revision();
        save.seen_prefs = prefs_revision;
        save.seen_generation = doc_generation;
        save.dirty = true;
        save.dirty_since = now;
        if (save.state != SaveState::Failed && !save.paused_by_other_tab) save.state = SaveState::Saving;
    }
    if (save.paused_by_other_tab) {
        save.state = SaveState::Off;
        return;
    }
    if (save.dirty && (flush || (save.inflight_ticket == 0 && now - save.dirty_since >= kAutosaveDelayMs))) {
        save.dirty = false;
        save.inflight_ticket = next_ticket++;
        if (save.state != SaveState::Failed) save.state = SaveState::Saving;
        editor.stamp_modified(platform.now_iso());
        save.inflight_payload = io::write_session(editor, view_prefs());
        save.inflight_when = platform.now_local();
        // Keep the state saved before a big change (another article, a bulk edit) as a version,
        // and one every few minutes, so that a mistake can be undone even after a reload.
        const size_t n = editor.doc().entities().size();
        const size_t delta = n > save.last_saved_entities ? n - save.last_saved_entities : save.last_saved_entities - n;
        if (!save.last_saved.empty() && (doc_generation != save.last_saved_generation || delta >= kBulkChange ||
                                         now - save.last_version_ms >= kVersionEveryMs)) {
            save_version(save.last_saved, save.last_saved_when);
            save.last_version_ms = now;
        }
        platform.storage_write(kSessionKey, save.inflight_payload, save.inflight_ticket);
    }
}

void AppImpl::save_version(const std::string& session, const std::string& when) {
    Version v;
    v.key = "version-" + std::to_string(next_ticket) + "-" + when;
    v.when = when;
    // Title and entity count for the menu, read from the snapshot itself.
    if (auto s = io::read_session(session); s.ok()) {
        v.title = s->document.display_title(40);
        v.entities = s->document.entities().size();
    }
    platform.storage_write(v.key, session, 0);
    save.versions.push_back(std::move(v));
    while (save.versions.size() > kMaxVersions) {
        platform.storage_delete(save.versions.front().key);
        save.versions.erase(save.versions.begin());
    }
    platform.storage_write(kVersionsKey, io::write_version_index(save.versions), 0);
}
// =====================================================================================
// [SECTION] Storage answers and other tabs
// =====================================================================================

void AppImpl::on_storage_result(uint64_t ticket, bool ok, std::string_view message) {
    if (ticket == 0 || ticket != save.inflight_ticket) return;
    save.inflight_ticket = 0;
    if (ok) {
        save.error.clear();
        save.state = save.dirty ? SaveState::Saving : SaveState::Saved;
        save.last_saved = std::move(save.inflight_payload);
        save.last_saved_when = std::move(save.inflight_when);
        save.last_saved_entities = editor.doc().entities().size();
        save.last_saved_generation = doc_generation;
    } else {
        save.state = SaveState::Failed;
        std::string why(message);
        while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
        save.error = "Autosave failed: " + why + ". Your work is kept in this tab; download it (Ctrl+S).";
        set_status(save.error, true);
        save.dirty = true;  // try again with the next change, or in a few seconds: not on every frame
        save.dirty_since = platform.now_ms() + kRetryFailedMs;
    }
}

void AppImpl::on_storage_read(uint64_t ticket, bool found, std::string_view value) {
    if (ticket == 0) return;
    if (queue_take_read(ticket, found, value)) return;  // the document queue (queue.cpp)
    if (ticket == save.versions_ticket) {
        save.versions_ticket = 0;
        save.versions.clear();
        if (!found) return;
        io::StateRead<io::VersionIndex> index = io::read_version_index(value);
        if (index.ok()) save.versions = std::move(*index.value);
        return;
    }
    const bool restoring = ticket == save.restore_ticket, taking_over = ticket == save.takeover_ticket;
    if (!restoring && !taking_over) return;
    (restoring ? save.restore_ticket : save.takeover_ticket) = 0;
    if (!found) {
        if (restoring) set_status("That version is no longer in this browser's storage", true);
        if (taking_over) {  // nothing saved elsewhere: continue with this tab's state
            save.paused_by_other_tab = false;
            platform.claim_session();
            save.dirty = true;
        }
        return;
    }
    auto s = io::read_session(value);
    if (!s.ok()) {
        set_status("Could not read the saved state: " + s.error().describe(), true);
        return;
    }
    if (restoring && !save.last_saved.empty())
        save_version(save.last_saved, save.last_saved_when);  // restoring can be undone
    // Continuing here replaces what this tab changed while paused: keep it as a version first.
    if (taking_over && save.dirty) save_version(io::write_session(editor, view_prefs()), platform.now_local());
    save.last_saved.clear();  // already kept: the next save must not keep it again
    if (s->view) apply_view_prefs(*s->view);
    const uint64_t before = editor.revision();
    new_document(std::move(s->document));
    editor.set_history(std::move(s->undo), std::move(s->redo));
    (void)before;
    if (taking_over) {
        save.paused_by_other_tab = false;
        platform.claim_session();
        set_status("This tab saves your work again (with the other tab's latest changes)");
    } else {
        set_status("Restored the version of " + save.restore_when);
    }
}

void AppImpl::on_other_tab() {
    if (save.paused_by_other_tab) return;
    save.paused_by_other_tab = true;
    save.state = SaveState::Off;
    set_status("Autosave paused: the annotator was opened in another tab", true);
}

void AppImpl::request_restore(const std::string& key, const std::string& when) {
    save.restore_when = when;
    save.restore_ticket = next_ticket++;
    platform.storage_read(key, save.restore_ticket);
}
// =====================================================================================
// [SECTION] Recent versions menu, paused banner
// =====================================================================================

void AppImpl::draw_versions_menu() {
    if (!ImGui::BeginMenu("Recent versions", !save.versions.empty())) return;
    for (size_t i = save.versions.size(); i-- > 0;) {
        const Version& v = save.versions[i];
        std::string label = "Restore the version of " + v.when + " - " + std::to_string(v.entities) + " entities";
        if (!v.title.empty()) label += " - " + v.title;
        label += "##" + v.key;
        if (ImGui::MenuItem(label.c_str())) {
            std::string key = v.key, when = v.when;
            confirm_replace("Restore the version of " + when + "? The current state is kept as a version too.",
                            [this, key, when] { request_restore(key, when); });
        }
    }
    ImGui::EndMenu();
}

void AppImpl::draw_paused_banner(float width) {
    if (!save.paused_by_other_tab) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 243, 205, 255));
    ImGui::BeginChild("##paused", ImVec2(width, ImGui::GetFrameHeightWithSpacing() + 8), false);
    ImGui::SetCursorPos(ImVec2(10, 4));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(
        "This annotator is open in another tab, which now saves the work. Changes here are not saved.");
    ImGui::SameLine();
    if (ImGui::Button("Continue here")) {
        // Load what the other tab saved, then save from here: nothing of either tab is lost.
        save.takeover_ticket = next_ticket++;
        platform.storage_read(kSessionKey, save.takeover_ticket);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace aa::ui
