// Team projects in the page: File > Team project... (a CouchDB database URL, sign in with the
// server's own users, sign out), the Team tab (the project's articles with each annotator's status,
// progress bars, "Next unassigned article", comparison with another annotator, the gold version
// for reviewers, an unmergeable conflict and its resolution) and the sync state in the status bar.
// The replica and the replication are the host's (web: team.js, PouchDB); this file hands it the
// open document's annotations as they change and takes what it reads (io/team_page.hpp).
//
// [SECTION] Events from the sync script
// [SECTION] Opening articles and writing the open one
// [SECTION] Dialog, Team tab, status bar
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "io/api_json.hpp"
#include "io/team.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr double kWriteDelayMs = 300;  // a burst of edits becomes one revision

const char* status_text(const std::string& s) {
    if (s == "done") return "done";
    if (s == "in-progress") return "in progress";
    if (s == "refused") return "refused";  // team.js: the server refused this device's write
    return "to do";
}

std::string status_of(const io::team::QueueEntry& a, const std::string& user) {
    for (const auto& [u, s] : a.statuses)
        if (u == user) return s;
    return "";
}

bool open_to(const io::team::QueueEntry& a, const std::string& user) {
    return a.assigned.empty() || std::find(a.assigned.begin(), a.assigned.end(), user) != a.assigned.end();
}

bool started_by_anyone(const io::team::QueueEntry& a) {
    return std::any_of(a.statuses.begin(), a.statuses.end(), [](const auto& us) { return us.second != "todo"; });
}

// The same annotations whatever their revision and time of writing.
bool same_body(const io::team::Annotations& a, const io::team::Annotations& b) {
    return a.article == b.article && a.user == b.user && a.status == b.status && a.note == b.note &&
           a.curator == b.curator && a.entities == b.entities;
}
}  // namespace

bool AppImpl::team_has_role(std::string_view role) const {
    return std::find(team.roles.begin(), team.roles.end(), role) != team.roles.end();
}

// =====================================================================================
// [SECTION] Events from the sync script

void AppImpl::on_team_event(std::string_view json) {
    auto parsed = io::team::parse_page_event(json);
    if (!parsed.ok()) {
        set_status(parsed.error().summary(), true);
        return;
    }
    io::team::PageEvent& e = *parsed;
    using K = io::team::PageEvent::Kind;
    switch (e.kind) {
        case K::Session:
            team.signing_in = false;
            team.reauth = false;
            team.dialog = false;
            team.dialog_error.clear();
            team.url_open = e.url;
            team.user = e.user;
            team.roles = e.roles;
            team.url = e.url;
            team.name = e.user;
            std::fill(team.password.begin(), team.password.end(), '\0');  // not left in the heap
            team.password.clear();
            if (team.sync.empty()) team.sync = "connecting";
            side_tab_request = 5;
            set_status(e.message.empty() ? "Team project " + e.url + ": signed in as " + e.user : e.message);
            break;
        case K::SignedOut:
            team = TeamState{};
            set_status(e.message.empty() ? "Signed out of the team project" : e.message);
            break;
        case K::SignIn:
            // The replica keeps working (edits wait on this device) while the dialog asks again.
            team.reauth = true;
            team.signing_in = false;
            team.dialog = true;
            team.url = team.url_open;
            team.name = team.user;
            team.dialog_error = e.message;
            set_status(e.message, true);
            break;
        case K::Sync:
            team.sync = e.sync;
            team.waiting = e.waiting;
            team.sync_message = e.message;
            if (e.sync != "conflict") {
                team.conflict_doc.clear();
                team.conflicts.clear();
            }
            break;
        case K::Queue: team.articles = std::move(e.articles); break;
        case K::Article: team_apply_article(e); break;
        case K::Remote: team_apply_remote(e); break;
        case K::Other: team_apply_other(e); break;
        case K::Corpus: team_apply_corpus(e); break;
        case K::Saved: break;
        case K::Conflict:
            team.sync = "conflict";
            team.conflict_doc = e.doc_id;
            team.conflicts = e.conflicts;
            side_tab_request = 5;
            set_status(e.doc_id + ": " + std::to_string(e.conflicts.size()) +
                           " change(s) made on two devices cannot be merged: choose in the Team tab",
                       true);
            break;
        case K::Notice: team_files_event(e); break;
        case K::Error:
            team_files_event(e);
            team.signing_in = false;
            team.dialog_error = e.message;
            set_status(e.message, true);
            break;
    }
}

void AppImpl::team_apply_article(const io::team::PageEvent& e) {
    auto project = io::team::parse_project(e.project);
    auto art = io::team::parse_article(e.article);
    std::optional<io::team::Parsed<io::team::Annotations>> ann;
    if (!e.annotations.empty()) ann = io::team::parse_annotations(e.annotations);
    const std::string bad = !project.ok()       ? "project: " + project.first_error()
                            : !art.ok()         ? "article: " + art.first_error()
                            : ann && !ann->ok() ? e.target + ": " + ann->first_error()
                                                : std::string();
    if (!bad.empty()) {
        set_status("Cannot open the article: " + bad, true);
        return;
    }
    const io::team::Annotations* a = ann ? &*ann->value : nullptr;
    team.base = a ? *a : io::team::Annotations{};
    auto doc = io::team::assemble(*project.value, *art.value, a);
    if (!doc.ok()) {
        set_status("Cannot open the article: " + doc.error().summary(), true);
        return;
    }
    // After a reload the journal restored this article with edits the replica may not have yet (the
    // tab was closed between the two writes): the journal's version is the newer one and is kept.
    const bool resumed = e.message == "resume" && editor.doc().text().utf8() == doc->text().utf8();
    team.article = art.value->id;
    team.target = e.target;
    team.status = a ? a->status : "todo";
    team.project_json = e.project;
    team.article_json = e.article;
    team.compare_user.clear();
    if (agree.active) close_agreement();
    if (resumed) {
        const io::team::Annotations journal = io::team::annotations_of(editor.doc(), team.article, "");
        const bool same = a && journal.entities == a->entities && journal.note == a->note;
        team.written_revision = editor.revision();
        team.dirty = !same;  // the journal's newer entities go to the replica at the next tick
        team.dirty_since = platform.now_ms();
    } else {
        new_document(std::move(*doc));
        team.written_revision = editor.revision();
        team.dirty = false;
    }
    set_status("Opened " + team.article + " (" + team.target + ")");
}

// My own document changed elsewhere (another device, or a merge): the editor shows it, keeping
// the undo history where it still applies; not written back (that would echo between devices).
void AppImpl::team_apply_remote(const io::team::PageEvent& e) {
    if (e.target != team.target || team.target.empty()) return;
    auto ann = io::team::parse_annotations(e.annotations);
    auto project = io::team::parse_project(team.project_json);
    auto art = io::team::parse_article(team.article_json);
    if (!ann.ok() || !project.ok() || !art.ok()) {
        set_status(e.target + ": " + (ann.ok() ? std::string("the open article cannot be read") : ann.first_error()),
                   true);
        return;
    }
    // What this copy is already based on (the echo of this page's own write, or another device's
    // merge that came to the same): nothing to show or merge. team.js tells revisions apart only;
    // the body the App last wrote or read is kept here alone (team.base).
    const bool pending = team.dirty || editor.revision() != team.written_revision;
    if (same_body(*ann.value, team.base)) {
        team.base.rev = ann.value->rev;
        if (!e.message.empty()) set_status(e.message);
        return;
    }
    // Edits made here since the last write (the remote event was queued behind them) are not
    // dropped: merged three ways with the change, from what the replica had when they began, this
    // page's side kept where both changed the same field; then written like any edit.
    io::team::Annotations shown = *ann.value;
    size_t conflicts = 0;
    if (pending) {
        io::team::Annotations mine = team_annotations();
        io::team::AnnotationsMerge m = io::team::merge_annotations(team.base, mine, *ann.value);
        conflicts = m.conflicts.size();
        shown = std::move(m.merged);
    }
    auto doc = io::team::assemble(*project.value, *art.value, &shown);
    if (!doc.ok()) {
        set_status(e.target + ": " + doc.error().summary(), true);
        return;
    }
    // The selection stays on an entity the change left where it was (a sync that lands between a
    // click and a label key must not make the key label nothing); one moved or deleted is dropped.
    std::optional<std::pair<size_t, size_t>> selected_span;
    if (const Entity* s = editor.doc().entities().find(sel.entity)) selected_span.emplace(s->start, s->end);
    std::vector<Command> undo = editor.undo_stack(), redo = editor.redo_stack();
    editor.reset(std::move(*doc));
    editor.set_history(std::move(undo), std::move(redo));
    ++doc_generation;
    const Entity* still = selected_span ? editor.doc().entities().find(sel.entity) : nullptr;
    if (!still || std::make_pair(still->start, still->end) != *selected_span) sel.entity.clear();
    team.status = shown.status;
    team.base = std::move(*ann.value);
    team.written_revision = editor.revision();
    team.dirty = pending;
    team.dirty_since = platform.now_ms() - kWriteDelayMs;  // the merge goes out at once
    if (pending) {
        set_status(
            e.target + " changed on another device: merged with the edits made here" +
            (conflicts ? " (" + std::to_string(conflicts) + " conflicting field(s) kept as here)" : std::string()));
        return;
    }
    set_status(e.message.empty() ? e.target + " changed on another device: shown here" : e.message);
}

// Another annotator's (or the gold) version of the open article: the Compare view's B.
void AppImpl::team_apply_other(const io::team::PageEvent& e) {
    // Asked for before another article was opened (team.js answers in the order asked): of the
    // article before it, not of the one shown.
    if (io::team::parse_doc_id(e.target).article != team.article) {
        set_status("Not compared with " + e.target + ": " + (team.article.empty() ? "no article" : team.article) +
                       " is open now",
                   true);
        return;
    }
    auto project = io::team::parse_project(team.project_json);
    auto art = io::team::parse_article(team.article_json);
    std::optional<io::team::Parsed<io::team::Annotations>> ann;
    if (!e.annotations.empty()) ann = io::team::parse_annotations(e.annotations);
    if (!project.ok() || !art.ok() || (ann && !ann->ok())) {
        set_status("Cannot compare: " + (ann && !ann->ok() ? ann->first_error() : "the open article cannot be read"),
                   true);
        return;
    }
    auto other = io::team::assemble(*project.value, *art.value, ann ? &*ann->value : nullptr);
    if (!other.ok()) {
        set_status("Cannot compare: " + other.error().summary(), true);
        return;
    }
    agree = AgreementView{};
    agree.active = true;
    agree.name = e.target;
    agree.other = std::move(*other);
    agree.generation = doc_generation;  // compared with this article: closed when another opens
    agreement_refresh();
    if (!agree.active) return;  // said why
    side_tab_request = 4;
    set_status("Comparing with " + e.target + ": " + std::to_string(agree.result.differences.size()) +
               " difference(s)");
}

// =====================================================================================
// [SECTION] Opening articles and writing the open one

void AppImpl::team_open(const std::string& id, bool gold) {
    if (!queue.docs.empty()) {
        set_status("Close the document queue (Documents tab) before opening a team article", true);
        return;
    }
    // An edit made in this frame before the click, or between two frames (an API call), is not yet
    // seen by team_tick, which runs after the panels: it goes out now, before the other article opens.
    team_note_edits();
    if (team.dirty) team_write_now();
    const std::string target = gold ? io::team::gold_doc_id(id) : io::team::ann_doc_id(id, team.user);
    platform.team_open(id, target);
}

void AppImpl::team_next_unassigned() {
    // After the open article: the first open to me that nobody has started, else the first I have
    // not finished.
    const size_t n = team.articles.size();
    size_t from = 0;
    for (size_t i = 0; i < n; ++i)
        if (team.articles[i].id == team.article) from = i + 1;
    for (int pass = 0; pass < 2; ++pass)
        for (size_t k = 0; k < n; ++k) {
            const io::team::QueueEntry& a = team.articles[(from + k) % n];
            if (a.id == team.article || !open_to(a, team.user)) continue;
            const bool wanted = pass == 0 ? !started_by_anyone(a) : status_of(a, team.user) != "done";
            if (wanted) {
                team_open(a.id);
                return;
            }
        }
    set_status("Every article open to you is started or done");
}

void AppImpl::team_set_status(std::string s) {
    team.status = std::move(s);
    team.dirty = true;
    team.dirty_since = platform.now_ms() - kWriteDelayMs;  // at once
}

// The open document's edits since the last write make it dirty (the write waits a short pause).
void AppImpl::team_note_edits() {
    if (team.target.empty() || team.dirty || editor.revision() == team.written_revision) return;
    team.dirty = true;
    team.dirty_since = platform.now_ms();
    if (team.status == "todo") team.status = "in-progress";  // the first edit starts it
}

void AppImpl::team_tick() {
    if (!team_active() || team.target.empty()) return;
    team_note_edits();
    if (team.dirty && platform.now_ms() - team.dirty_since >= kWriteDelayMs) team_write_now();
}

// The open document's annotations as this page would write them now.
io::team::Annotations AppImpl::team_annotations() const {
    const io::team::DocId id = io::team::parse_doc_id(team.target);
    io::team::Annotations a =
        io::team::annotations_of(editor.doc(), team.article, id.kind == io::team::Kind::Gold ? "" : team.user);
    a.status = team.status;
    if (a.is_gold()) a.curator = team.user;
    return a;
}

void AppImpl::team_write_now() {
    if (team.target.empty()) return;
    io::team::Annotations a = team_annotations();
    a.modified = platform.now_iso();
    platform.team_write(team.target, io::team::to_json(a, editor.doc().text()));
    team.base = std::move(a);
    team.written_revision = editor.revision();
    team.dirty = false;
}

// =====================================================================================
// [SECTION] Dialog, Team tab, status bar

void AppImpl::open_team_dialog() {
    team.dialog = true;
    team.dialog_error.clear();
}

void AppImpl::draw_team_dialog() {
    if (!team.dialog) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Team project", &team.dialog, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    if (const std::string why = platform.team_unavailable(); !why.empty()) {
        ImGui::TextWrapped("Team projects are not available here: %s", why.c_str());
    } else if (team_active() && !team.reauth) {
        ui_text_wrapped("Signed in to " + team.url_open + " as " + team.user + ".");
        if (ImGui::Button("Sign out")) platform.team_sign_out();
        note_widget("team.sign_out");
    } else {
        if (team.reauth)
            ui_text_wrapped("Sign in again to " + team.url_open + ": your edits wait on this device until then.");
        else
            ImGui::TextWrapped("A CouchDB database (docs/team.md) and your name and password on that server.");
        ImGui::SetNextItemWidth(-1);
        // Text fields typed through the host's element (text_field.cpp): a name in any script, by an
        // input method too; the password through the browser's own password field.
        input_text("##url", team.url, ImGuiInputTextFlags_CharsNoBlank, "https://couch.example.org/news");
        note_widget("team.url");
        input_text("Name", team.name);
        note_widget("team.name");
        input_text("Password", team.password, ImGuiInputTextFlags_Password);
        note_widget("team.password");
        ImGui::BeginDisabled(team.signing_in || team.url.empty() || team.name.empty());
        if (ImGui::Button(team.signing_in ? "Signing in..." : "Sign in")) {
            team.signing_in = true;
            team.dialog_error.clear();
            platform.team_sign_in(team.url, team.name, team.password);
        }
        note_widget("team.sign_in");
        ImGui::EndDisabled();
        if (team.reauth) {
            ImGui::SameLine();
            if (ImGui::Button("Sign out")) platform.team_sign_out();
            note_widget("team.sign_out");
        }
    }
    if (!team.dialog_error.empty()) ImGui::TextColored(v4(theme().error), "%s", team.dialog_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

std::string AppImpl::team_sync_text() const {
    const std::string n = std::to_string(team.waiting) + (team.waiting == 1 ? " change" : " changes") + " waiting";
    if (team.sync == "waiting") return n;
    if (team.sync == "offline" && team.waiting) return "offline (" + n + ")";
    return team.sync;
}

void AppImpl::draw_team_status() {
    if (team.sync.empty()) return;
    ImGui::SameLine(0, 16);
    const std::string text = team_sync_text();
    if (team.sync == "synced")
        ImGui::TextColored(v4(theme().ok), "%s", text.c_str());
    else if (team.sync == "offline" || team.sync == "conflict" || team.sync == "refused")
        ImGui::TextColored(v4(theme().error), "%s", text.c_str());
    else
        ImGui::TextUnformatted(text.c_str());
    note_widget("status.sync");
    if (!team.sync_message.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", team.sync_message.c_str());
}

// Mine: the articles open to me that I marked done. The team's: the articles someone finished.
AppImpl::TeamProgress AppImpl::team_progress() const {
    TeamProgress p;
    for (const auto& a : team.articles) {
        if (open_to(a, team.user)) {
            ++p.open_to_me;
            if (status_of(a, team.user) == "done") ++p.mine;
        }
        if (std::any_of(a.statuses.begin(), a.statuses.end(), [](const auto& us) { return us.second == "done"; }))
            ++p.team_done;
    }
    return p;
}

std::string AppImpl::team_summary_json() const {
    if (!team_active()) return {};
    using io::JsonText;
    std::vector<std::string> articles;
    for (const auto& a : team.articles) {
        std::vector<std::string> statuses;
        for (const auto& [u, s] : a.statuses) statuses.push_back(io::object_json({{"user", u}, {"status", s}}));
        articles.push_back(io::object_json({{"id", a.id},
                                            {"title", a.title},
                                            {"assigned", JsonText{io::strings_json(a.assigned)}},
                                            {"statuses", JsonText{io::array_json(statuses)}},
                                            {"gold", a.gold}}));
    }
    const TeamProgress p = team_progress();
    return io::object_json({{"url", team.url_open},
                            {"user", team.user},
                            {"roles", JsonText{io::strings_json(team.roles)}},
                            {"sync", team_sync_text()},
                            {"sign_in", team.reauth ? team.dialog_error : std::string()},
                            {"article", team.article},
                            {"target", team.target},
                            {"status", team.status},
                            {"articles", JsonText{io::array_json(articles)}},
                            {"mine", JsonText{io::object_json({{"done", static_cast<int64_t>(p.mine)},
                                                               {"of", static_cast<int64_t>(p.open_to_me)}})}},
                            {"team", JsonText{io::object_json({{"done", static_cast<int64_t>(p.team_done)},
                                                               {"of", static_cast<int64_t>(team.articles.size())}})}},
                            {"conflicts", JsonText{io::strings_json(team.conflicts)}},
                            {"corpus", JsonText{team_corpus_json()}}});
}

void AppImpl::draw_team_panel() {
    ui_text_wrapped(team.url_open + " as " + team.user);
    const TeamProgress progress = team_progress();
    const size_t mine = progress.mine, open = progress.open_to_me, team_done = progress.team_done;
    const auto bar = [](const char* what, size_t done, size_t of) {
        std::string text = std::string(what) + ": " + std::to_string(done) + " / " + std::to_string(of);
        ImGui::ProgressBar(of ? static_cast<float>(done) / static_cast<float>(of) : 0.0f, ImVec2(-1, 0), text.c_str());
    };
    bar("My progress", mine, open);
    note_widget("team.progress.mine");
    bar("Team progress", team_done, team.articles.size());
    note_widget("team.progress.team");
    if (ImGui::Button("Next unassigned article")) team_next_unassigned();
    note_widget("team.next");
    if (!team.conflict_doc.empty()) {
        ImGui::SeparatorText("Conflict");
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(v4(theme().error),
                           "%s was changed on two devices in ways that cannot be merged:", team.conflict_doc.c_str());
        for (const std::string& c : team.conflicts) ImGui::BulletText("%s", c.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Keep this device's")) platform.team_resolve(team.conflict_doc, true);
        note_widget("team.keep_mine");
        ImGui::SameLine();
        if (ImGui::Button("Keep the other device's")) platform.team_resolve(team.conflict_doc, false);
        note_widget("team.keep_theirs");
    }
    if (!team.article.empty()) {
        ImGui::SeparatorText(("Open: " + team.article).c_str());
        ImGui::TextDisabled("%s", team.target.c_str());
        const bool done = team.status == "done";
        // The server would refuse the write (docs/team.md "Users and roles"): a reader writes nothing,
        // an ann: document needs the annotator role, gold: the reviewer role. Said, not only greyed.
        const char* needed =
            io::team::parse_doc_id(team.target).kind == io::team::Kind::Gold ? "reviewer" : "annotator";
        const bool may_write = team_has_role(needed);
        ImGui::BeginDisabled(!may_write);
        if (ImGui::Button(done ? "Mark in progress" : "Mark done")) team_set_status(done ? "in-progress" : "done");
        note_widget("team.mark");
        ImGui::EndDisabled();
        if (team_has_role("reviewer")) {
            ImGui::SameLine();
            const bool gold = io::team::parse_doc_id(team.target).kind == io::team::Kind::Gold;
            if (ImGui::Button(gold ? "Back to my annotations" : "Curate (gold)")) team_open(team.article, !gold);
            note_widget("team.gold");
        }
        if (!may_write) {
            ImGui::TextDisabled("Read only: you are not an %s of this project", needed);
            note_widget("team.mark_why");
        }
        for (const auto& a : team.articles) {
            if (a.id != team.article) continue;
            for (const auto& [u, s] : a.statuses) {
                if (u == team.user && !io::team::parse_doc_id(team.target).user.empty()) continue;
                ImGui::PushID(u.c_str());
                ui_text_unformatted(u + ": " + status_text(s));
                ImGui::SameLine();
                if (ImGui::SmallButton("Compare")) {
                    team.compare_user = u;
                    platform.team_load_other(io::team::ann_doc_id(a.id, u));
                }
                note_widget("team.compare." + u);
                ImGui::PopID();
            }
        }
    }
    draw_team_corpus();
    draw_team_files();
    ImGui::SeparatorText("Articles");
    if (ImGui::BeginTable("##team_articles", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Article");
        ImGui::TableSetupColumn("Me", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
        ImGui::TableSetupColumn("Others");
        ImGui::TableHeadersRow();
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(team.articles.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const auto& a = team.articles[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string label = (a.title.empty() ? a.id : a.title) + "##" + a.id;
                if (ui_selectable(label, a.id == team.article, ImGuiSelectableFlags_SpanAllColumns)) team_open(a.id);
                note_widget("team.row." + a.id);
                ImGui::TableNextColumn();
                const std::string me = status_of(a, team.user);
                ImGui::TextUnformatted(me.empty() ? "-" : status_text(me));
                ImGui::TableNextColumn();
                std::string others;
                for (const auto& [u, s] : a.statuses)
                    if (u != team.user) others += (others.empty() ? "" : ", ") + u + " " + status_text(s);
                if (a.gold) others += others.empty() ? "gold" : ", gold";
                ImGui::TextDisabled("%s", others.c_str());
            }
        ImGui::EndTable();
    }
}

}  // namespace aa::ui
