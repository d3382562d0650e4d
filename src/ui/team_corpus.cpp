// Two annotators compared across a team project's whole corpus, in the Team tab: choose A and B,
// the sync script (team.js) hands over the articles both annotated a page at a time, each compared
// here (core compare_documents) and pooled (core add_document): per-label P/R/F1 and one token
// kappa over every article. Nothing of a page is kept once it is counted.
#include <imgui.h>

#include <cstdio>
#include <set>

#include "io/api_json.hpp"
#include "io/team.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {

std::vector<std::string> AppImpl::team_annotators() const {
    std::set<std::string> users;
    for (const auto& a : team.articles)
        for (const auto& [u, s] : a.statuses) users.insert(u);
    return {users.begin(), users.end()};
}

void AppImpl::team_corpus_start() {
    auto& c = team.corpus;
    if (c.a.empty() || c.b.empty() || c.a == c.b) {
        set_status("Choose two different annotators, A and B", true);
        return;
    }
    c.result = CorpusAgreement{};
    c.compared = c.a + "," + c.b;
    c.running = true;
    c.seen = c.unreadable = 0;
    c.first_error.clear();
    set_status("Comparing " + c.a + " and " + c.b + " across the corpus...");
    platform.team_corpus(c.a, c.b);
}

void AppImpl::team_apply_corpus(const io::team::PageEvent& e) {
    auto& c = team.corpus;
    if (!c.running || e.a + "," + e.b != c.compared) return;  // a page of an earlier request
    if (e.project.empty()) {  // the sync script could not read the corpus: its error says why
        c.running = false;
        return;
    }
    auto project = io::team::parse_project(e.project);
    if (!project.ok()) {
        c.running = false;
        set_status("Cannot compare across the corpus: project: " + project.first_error(), true);
        return;
    }
    for (const io::team::CorpusPair& p : e.pairs) {
        auto art = io::team::parse_article(p.article);
        auto x = io::team::parse_annotations(p.a);
        auto y = io::team::parse_annotations(p.b);
        std::string bad = !art.ok() ? "article: " + art.first_error()
                          : !x.ok() ? c.a + ": " + x.first_error()
                          : !y.ok() ? c.b + ": " + y.first_error()
                                    : std::string();
        if (bad.empty()) {
            auto da = io::team::assemble(*project.value, *art.value, &*x.value);
            auto db = io::team::assemble(*project.value, *art.value, &*y.value);
            auto cmp = da.ok() && db.ok() ? compare_documents(*da, *db) : Result<Agreement>(make_error(""));
            if (cmp.ok())
                add_document(c.result, *cmp);
            else
                bad = art.value->id + ": " + (!da.ok() ? da.error().summary() : db.error().summary());
        }
        if (!bad.empty() && c.unreadable++ == 0) c.first_error = bad;
    }
    c.seen = e.articles_seen;
    if (!e.done) return;
    c.running = false;
    char scores[96];
    std::snprintf(scores, sizeof scores, "micro F1 %.2f, kappa %.3f", c.result.micro.f1, c.result.kappa.kappa);
    set_status("Compared " + c.a + " and " + c.b + " across the corpus: " + std::to_string(c.result.documents) +
                   " article(s) both annotated, " + scores +
                   (c.unreadable ? "; " + std::to_string(c.unreadable) + " left out (" + c.first_error + ")" : ""),
               c.unreadable > 0);
}

// Every annotator in a row with a radio button for A and one for B, the button, then the scores.
void AppImpl::draw_team_corpus() {
    const std::vector<std::string> users = team_annotators();
    if (users.size() < 2) return;
    auto& c = team.corpus;
    ImGui::SeparatorText("Agreement across the corpus");
    if (ImGui::BeginTable("##team_corpus_users", 3, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("A");
        ImGui::TableSetupColumn("B");
        ImGui::TableSetupColumn("Annotator", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const std::string& u : users) {
            ImGui::PushID(u.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::RadioButton("##a", c.a == u)) c.a = u;
            note_widget("team.corpus.a." + u);
            ImGui::TableNextColumn();
            if (ImGui::RadioButton("##b", c.b == u)) c.b = u;
            note_widget("team.corpus.b." + u);
            ImGui::TableNextColumn();
            ui_text_unformatted(u);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::BeginDisabled(c.running || c.a.empty() || c.b.empty() || c.a == c.b);
    if (ImGui::Button(c.running ? "Comparing..." : "Compare A and B across the corpus")) team_corpus_start();
    note_widget("team.corpus.run");
    ImGui::EndDisabled();
    if (c.compared.empty()) return;
    if (c.running) {
        ImGui::TextDisabled("%zu article(s) compared, %zu scanned", c.result.documents, c.seen);
        return;
    }
    ui_text_wrapped(c.compared.substr(0, c.compared.find(',')) + " (A) and " +
                    c.compared.substr(c.compared.find(',') + 1) + " (B): " + std::to_string(c.result.documents) +
                    " article(s) both annotated");
    score_table("##team_corpus_scores", "Label", c.result.labels, c.result.micro);
    if (!c.result.relations.empty())
        score_table("##team_corpus_relations", "Relation", c.result.relations, c.result.relations_micro);
    ImGui::Text("Token kappa %.3f (%zu tokens)", c.result.kappa.kappa, c.result.kappa.tokens);
    if (c.unreadable)
        ImGui::TextColored(v4(theme().error), "%zu article(s) left out: %s", c.unreadable, c.first_error.c_str());
}

// For the page's API (annotator.team().corpus): what the Team tab shows.
std::string AppImpl::team_corpus_json() const {
    const auto& c = team.corpus;
    using io::JsonText;
    auto score = [](const LabelScore& s) {
        return io::object_json({{"label", s.label},
                                {"in_a", static_cast<int64_t>(s.in_a)},
                                {"in_b", static_cast<int64_t>(s.in_b)},
                                {"matched", static_cast<int64_t>(s.matched)},
                                {"precision", s.precision},
                                {"recall", s.recall},
                                {"f1", s.f1}});
    };
    std::vector<std::string> labels;
    for (const LabelScore& s : c.result.labels) labels.push_back(score(s));
    return io::object_json({{"a", c.a},
                            {"b", c.b},
                            {"compared", c.compared},
                            {"running", c.running},
                            {"documents", static_cast<int64_t>(c.result.documents)},
                            {"unreadable", static_cast<int64_t>(c.unreadable)},
                            {"labels", JsonText{io::array_json(labels)}},
                            {"micro", JsonText{score(c.result.micro)}},
                            {"kappa", c.result.kappa.kappa},
                            {"tokens", static_cast<int64_t>(c.result.kappa.tokens)}});
}

}  // namespace aa::ui
