// Find across the queue (issue 16, item 5): with "All documents" ticked in the find bar, the query
// is searched in every document of the queue (the waiting documents are in memory, read here
// through QueuedDocument::read, a few milliseconds of them per frame, never the whole queue in one frame; a
// regular expression runs in the host over each, as over the open one), the bar
// says "N hits in M documents", and "label every hit" asks first with that summary, then labels
// each document as one undo step of its own history (the waiting ones stored back by queue_store).
#include <imgui.h>

#include <algorithm>

#include "core/search.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
constexpr double kFindQueueSliceMs = 4;  // waiting documents read and searched per frame
}

void AppImpl::find_queue_cancel() {
    for (const auto& job : find.queue_pending) platform.regex_cancel(job.ticket);
    find.queue_pending.clear();
    find.queue_label_waiting = false;
    find.queue_next = static_cast<size_t>(-1);
}

void AppImpl::find_queue_refresh() {
    if (!find_in_queue() || find.query.empty()) {
        find.queue_hits.clear();
        find.queue_key.clear();
        find_queue_cancel();
        return;
    }
    // The key: the query, its options, and every waiting document's session (a store changes it).
    std::string key = find.query + '\0' + (find.case_sensitive ? "1" : "0") + (prefs.find_whole_word ? "1" : "0") +
                      (find.regex ? "r" : "p") + '\0' + std::to_string(queue.current) + '\0' +
                      std::to_string(doc_generation);
    for (const QueueDoc& q : queue.docs) key += '\0' + q.id + ':' + std::to_string(q.session.size());
    if (key == find.queue_key) return;
    find.queue_key = std::move(key);
    find.queue_hits.clear();
    find_queue_cancel();
    find.queue_next = 0;  // searched from the end of this frame on (find_queue_tick)
}

// Each waiting document is read (its session parsed) and searched whole, so a slice is at least one
// document: about 4 ms of them per frame.
void AppImpl::find_queue_tick() {
    if (!find_queue_searching()) return;
    find_queue_refresh();  // the query, the options or a document changed: begins again
    if (!find_queue_searching()) return;
    const FindOptions options{find.case_sensitive, prefs.find_whole_word};
    const double t0 = platform.now_ms();
    do {
        const size_t i = find.queue_next++;
        if (i == queue.current || !queue.docs[i].loaded) continue;
        auto s = queue.docs[i].read();
        if (!s.ok()) continue;  // said when labelling
        if (find.regex) {
            // In the host, as the open document's: a runaway pattern is stopped there. The hits come
            // in on_find_queue_regex_result, each document's as its search ends.
            const uint64_t ticket = next_regex_ticket++;
            find.queue_pending.push_back({ticket, i, s->document.text()});
            platform.regex_find(ticket, find.query, find.case_sensitive, s->document.text().utf8(), kMaxRegexHits);
            continue;
        }
        std::vector<Span> spans = find_all(s->document.text(), find.query, options);
        if (!spans.empty()) find.queue_hits.push_back({i, std::move(spans)});
    } while (find.queue_next < queue.docs.size() && platform.now_ms() - t0 < kFindQueueSliceMs);
    if (!find_queue_searching() && find.queue_pending.empty() && find.queue_label_waiting) {
        find.queue_label_waiting = false;
        find_label_queue();
    }
}

bool AppImpl::on_find_queue_regex_result(uint64_t ticket, RegexResult& r) {
    auto it = std::find_if(find.queue_pending.begin(), find.queue_pending.end(),
                           [&](const FindState::QueueRegex& j) { return j.ticket == ticket; });
    if (ticket == 0 || it == find.queue_pending.end()) return false;
    const FindState::QueueRegex job = std::move(*it);
    find.queue_pending.erase(it);
    if (!r.ok) {
        const std::string title = job.doc < queue.docs.size() ? queue.docs[job.doc].title : "a document";
        set_status("Find /" + find.query + "/ in " + title + ": " + r.error, true);
        find.queue_label_waiting = false;
        return true;
    }
    std::vector<Span> spans;
    for (auto [a, b] : r.hits)
        if (a < b && b <= job.text.size()) spans.push_back(Span{a, b});
    if (prefs.find_whole_word) spans = whole_word_filter(job.text, spans);
    if (!spans.empty()) {
        // In queue order, whatever order the searches end in.
        auto at = std::find_if(find.queue_hits.begin(), find.queue_hits.end(),
                               [&](const FindState::QueueHits& q) { return q.doc > job.doc; });
        find.queue_hits.insert(at, {job.doc, std::move(spans)});
    }
    if (find.queue_pending.empty() && !find_queue_searching() && find.queue_label_waiting) {
        find.queue_label_waiting = false;
        find_label_queue();
    }
    return true;
}

size_t AppImpl::find_queue_total(size_t* documents) const {
    size_t hits = find.hits.size(), docs = find.hits.empty() ? 0 : 1;
    for (const auto& q : find.queue_hits) {
        hits += q.spans.size();
        ++docs;
    }
    if (documents) *documents = docs;
    return hits;
}

void AppImpl::find_label_queue() {
    if (prefs.active_label.empty()) {
        set_status("choose a label first (click one in the Labels panel)", true);
        return;
    }
    find_queue_refresh();
    // A regular expression still running somewhere, or documents not searched yet.
    if (find.pending || !find.queue_pending.empty() || find_queue_searching()) {
        find.queue_label_waiting = true;
        if (find.pending) find.pending_action = 3;  // the open document's answer asks again (find.cpp)
        return;
    }
    find.queue_label_waiting = false;
    if (find_queue_total(nullptr) == 0) return;
    find.open_queue_prompt = true;  // the summary first
}

void AppImpl::find_apply_queue_labels() {
    const std::string label = prefs.active_label;
    const Label* lab = editor.doc().labels().find(label);
    if (!lab) {
        set_status("unknown label \"" + label + "\"", true);
        return;
    }
    const std::string name = "Label every " + quoted_excerpt(find.query) + " as " + label;
    size_t added = 0, docs = 0;
    std::vector<std::string> failed;
    if (!find.hits.empty()) {
        auto r = label_all(editor, find.hits, label, name);
        if (r.ok()) {
            added += *r;
            docs += *r > 0;
        } else {
            failed.push_back(editor.doc().display_title(30) + ": " + r.error().summary());
        }
    }
    const std::vector<FindState::QueueHits> waiting = find.queue_hits;
    for (const auto& qh : waiting) {
        QueueDoc& q = queue.docs[qh.doc];
        auto s = q.read();
        if (!s.ok()) {
            failed.push_back(q.title + ": " + s.error().summary());
            continue;
        }
        Editor e;
        e.reset(std::move(s->document));
        e.set_history(std::move(s->undo), std::move(s->redo));
        e.set_annotator(prefs.annotator, [this] { return platform.now_iso(); });
        Result<size_t> r = size_t{0};
        {
            Editor::Group group(e, name);  // the label the document lacks comes in the same step
            if (!e.doc().labels().find(label)) {
                Label copy = *lab;
                if (!copy.key.empty() && e.doc().labels().by_key(copy.key)) copy.key.clear();
                if (Status st = e.add_label(copy); !st) r = st.error();
            }
            if (r.ok()) r = label_all(e, qh.spans, label, name);
        }
        if (!r.ok()) {
            failed.push_back(q.title + ": " + r.error().summary());
            continue;
        }
        added += *r;
        docs += *r > 0;
        queue_store(q, e, q.text_key);  // labelling keeps the text: its key and stored copy stay
        q.entities = e.doc().entities().size();
        if (q.status == DocStatus::Todo) q.status = DocStatus::InProgress;
        queue.index_changed(platform.now_ms());
    }
    find.queue_key.clear();
    std::string msg = "Labelled " + std::to_string(added) + (added == 1 ? " hit" : " hits") + " in " +
                      std::to_string(docs) + (docs == 1 ? " document" : " documents") + " as " + label +
                      " (one undo step in each document)";
    if (!failed.empty()) msg += "; not labelled: " + failed.front() + (failed.size() > 1 ? " (and more)" : "");
    set_status(msg, !failed.empty());
}

void AppImpl::draw_find_queue_prompt() {
    if (find.open_queue_prompt) {
        ImGui::OpenPopup("Label in every document?");
        find.open_queue_prompt = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!begin_modal("Label in every document?")) return;
    size_t docs = 0;
    const size_t hits = find_queue_total(&docs);
    dialog_text(std::to_string(hits) + (hits == 1 ? " hit in " : " hits in ") + std::to_string(docs) +
                (docs == 1 ? " document: label " : " documents: label ") + (hits == 1 ? "it" : "them all") + " as " +
                prefs.active_label + "?");
    ImGui::TextDisabled("Each document gets one undo step of its own (Ctrl+Z in it).");
    note_dialog_text("Each document gets one undo step of its own (Ctrl+Z in it).");
    const bool label = dialog_button(("Label " + std::to_string(hits) + (hits == 1 ? " hit" : " hits")).c_str());
    note_widget("find.queue.label");
    if (label || (ImGui::IsKeyPressed(ImGuiKey_Enter, false) && !ImGui::IsWindowAppearing())) {
        ImGui::CloseCurrentPopup();
        find_apply_queue_labels();
    }
    ImGui::SameLine();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    end_modal();
}

}  // namespace aa::ui
