// The document queue: many articles open at once, one of them in `editor`. The others wait as the
// open one is autosaved: the session without text (io::write_snapshot: document plus undo history)
// under "queue-<id>" and the text once under its content key (io::text_key), in memory and in the
// browser's storage ("queue" holds the index, naming each text); the open one is the autosave's. Also: the Documents
// tab (status per document, progress), next/previous by key, the export of all documents as native JSONL, and files
// opened together (several .txt picked or dropped at once) becoming one queue. The queue's state and its
// decisions (which document is next, statuses, the index, the reads of a reloaded queue) are io::DocumentQueue's.
//
// [SECTION] Reading files into documents
// [SECTION] The queue: fill, switch, status, persistence
// [SECTION] Documents tab and keys
#include <imgui.h>

#include <algorithm>

#include "core/printable.hpp"
#include "core/utf8.hpp"
#include "io/format.hpp"
#include "io/page_state.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr const char* kQueueKey = io::DocumentQueue::kIndexKey;

const char* status_name(AppImpl::DocStatus s) { return AppImpl::queue_status_name(s); }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_text_file(std::string_view name) {
    const std::string n = lower(name);
    const size_t dot = n.rfind('.');
    const std::string ext = dot == std::string::npos ? std::string() : n.substr(dot);
    return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md";
}

}  // namespace

// =====================================================================================
// [SECTION] Reading files into documents
// =====================================================================================

Result<std::vector<Document>> AppImpl::documents_of_file(std::string_view name, std::string_view bytes,
                                                         const Text* text) {
    auto out = read_documents_of_file(name, bytes, text);
    if (out.ok())
        for (const Document& d : *out)
            if (Status s = check_text_size(d.text().size_bytes()); !s) return s.error();
    return out;
}

Result<std::vector<Document>> AppImpl::read_documents_of_file(std::string_view name, std::string_view bytes,
                                                              const Text* text) {
    std::vector<Document> out;
    if (is_text_file(name)) {
        if (auto bad = utf8::validate(bytes)) return make_error(bad->message + " (is it a text file in UTF-8?)");
        auto txt = Text::from_utf8(std::string(bytes));
        if (!txt.ok()) return txt.error();
        Document doc(std::move(*txt), editor.doc().labels());
        doc.info.source = std::string(name);
        out.push_back(std::move(doc));
        return out;
    }
    if (io::looks_like_native_jsonl(bytes)) {
        size_t line_no = 0;
        for (size_t pos = 0; pos <= bytes.size();) {
            size_t nl = bytes.find('\n', pos);
            if (nl == std::string_view::npos) nl = bytes.size();
            const std::string_view line = bytes.substr(pos, nl - pos);
            ++line_no;
            pos = nl + 1;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            io::ReadOptions opt;
            opt.source_name = std::string(name);
            io::ReadResult r = io::read("native", line, opt);
            if (!r.ok()) return make_error("line " + std::to_string(line_no) + ": " + r.first_error());
            for (Document& d : r.documents) out.push_back(std::move(d));
        }
        return out;
    }
    auto fmt = io::detect_format(name, bytes);
    if (!fmt.ok()) return fmt.error();
    io::ReadOptions opt;
    opt.source_name = std::string(name);
    opt.text = text ? text : editor.doc().text().empty() ? nullptr : &editor.doc().text();
    io::ReadResult r = io::read(fmt.value()->id, bytes, opt);
    if (!r.ok()) return make_error(r.first_error());
    for (Document& d : r.documents) {
        if (d.info.source.empty()) d.info.source = std::string(name);
        out.push_back(std::move(d));
    }
    return out;
}

// Files opened together (the host announces how many): collected, then one queue.
void AppImpl::on_files_begin(uint64_t request, size_t count) {
    if (request != App::kDroppedFiles) {
        auto it = file_requests.find(request);
        if (it == file_requests.end() || it->second != FileRequest::Open) return;  // not articles: no queue
    }
    queue.batch_expected = count;
    queue.batch_request = request;
    queue.batch.clear();
    queue.batch_errors.clear();
}

// A file for the queue: one of several opened together, or a native JSONL ("Export all"). Other
// single files open as before (import_from fills the queue when they hold several documents).
bool AppImpl::take_queue_file(std::string_view name, std::string_view bytes, bool batched) {
    if (!batched) {
        if (!io::looks_like_native_jsonl(bytes)) return false;
        auto docs = documents_of_file(name, bytes);
        if (!docs.ok()) {
            set_status(std::string(name) + ": " + docs.error().summary(), true);
            return true;
        }
        confirm_queue_replace("Open " + std::to_string(docs->size()) + " documents of " + std::string(name) + "?",
                              [this, d = std::move(*docs), from = " from " + std::string(name)]() mutable {
                                  queue_fill(std::move(d), from);
                              });
        return true;
    }
    queue.batch.emplace_back(std::string(name), std::string(bytes));
    return true;
}

namespace {
std::string stem_of(std::string_view name) {
    const size_t dot = name.rfind('.');
    return std::string(dot == std::string_view::npos ? name : name.substr(0, dot));
}
}  // namespace

void AppImpl::on_files_end(uint64_t request) {
    if (request != App::kDroppedFiles) file_requests.erase(request);  // answered
    if (queue.batch_request != request) return;
    const bool batching = queue.batch_expected >= 2;
    queue.batch_expected = 0;
    if (!batching) return;
    auto files = std::move(queue.batch);
    std::vector<std::string> errors = std::move(queue.batch_errors);
    queue.batch.clear();
    queue.batch_errors.clear();
    // A text file and an annotation file of the same name (X.txt + X.ann, X.jsonld, X.conll) are
    // one document, as the CLI pairs them: the annotations are read against that text.
    std::vector<std::optional<Text>> texts(files.size());
    std::vector<bool> consumed(files.size(), false);
    for (size_t i = 0; i < files.size(); ++i)
        if (is_text_file(files[i].first) && !utf8::validate(files[i].second))
            if (auto t = Text::from_utf8(files[i].second); t.ok()) texts[i] = std::move(t.value());
    std::vector<Document> docs;
    auto read = [&](size_t i, const Text* text) {
        auto got = documents_of_file(files[i].first, files[i].second, text);
        if (!got.ok()) {
            errors.push_back(files[i].first + ": " + got.error().summary());
            return;
        }
        for (Document& d : *got) docs.push_back(std::move(d));
    };
    std::vector<const Text*> paired(files.size(), nullptr);
    for (size_t i = 0; i < files.size(); ++i) {
        if (is_text_file(files[i].first)) continue;
        for (size_t j = 0; j < files.size(); ++j)
            if (texts[j] && stem_of(files[j].first) == stem_of(files[i].first)) {
                paired[i] = &*texts[j];
                consumed[j] = true;
            }
    }
    for (size_t i = 0; i < files.size(); ++i)
        if (!consumed[i]) read(i, paired[i]);
    if (docs.empty()) {
        set_status(errors.empty() ? "the files hold no document" : errors.front(), true);
        return;
    }
    std::string note;
    if (!errors.empty()) note = "; skipped " + std::to_string(errors.size()) + ": " + errors.front();
    if (docs.size() == 1) {  // e.g. a text and its annotations: one document, no queue
        confirm_queue_replace("Open " + files.front().first + "?",
                              [this, doc = std::move(docs.front()), note]() mutable {
                                  const size_t n = doc.entities().size();
                                  const std::string source = doc.info.source;
                                  new_document(std::move(doc));
                                  set_status("Opened " + source + " (" + count_of(n, "entity", "entities") +
                                                 (n ? ": " + label_counts(editor.doc()) : "") + ")" + note,
                                             !note.empty());
                              });
        return;
    }
    confirm_queue_replace("Open " + std::to_string(docs.size()) + " documents as a queue?",
                          [this, docs = std::move(docs), note]() mutable { queue_fill(std::move(docs), {}, note); });
}

// Asks first when the work to be replaced has entities (the open document or any in the queue).
void AppImpl::confirm_queue_replace(std::string what, std::function<void()> action) {
    const size_t waiting = queue.waiting_entities();
    if (waiting == 0) {
        confirm_replace(std::move(what), std::move(action));
        return;
    }
    confirm_text = printable(what) + "\n\nThe documents open now have " +
                   std::to_string(waiting + editor.doc().entities().size()) +
                   " entities. Export them first (Documents tab) if you want to keep them.";
    confirm_action = std::move(action);
    open_confirm = true;
}

// =====================================================================================
// [SECTION] The queue: fill, switch, status, persistence
// =====================================================================================

void AppImpl::queue_fill(std::vector<Document> docs, std::string from, std::string note) {
    if (docs.empty()) return;
    size_t entities = 0;
    for (const Document& d : docs) entities += d.entities().size();
    std::vector<std::string> old_texts;
    for (const QueueDoc& q : queue.take_all()) {
        platform.storage_delete(q.storage_key());
        if (!q.text_key.empty()) old_texts.push_back(q.text_key);
    }
    for (size_t i = 0; i < docs.size(); ++i) {
        QueueDoc& q = queue.add(docs[i].display_title(60), docs[i].entities().size());
        if (i > 0) {
            if (docs[i].info.created.empty()) docs[i].info.created = platform.now_iso();
            Editor e;
            e.reset(std::move(docs[i]));
            queue_store(q, e, {});
        }
    }
    for (const std::string& k : old_texts)
        if (!text_in_use(k)) platform.storage_delete(k);
    // The replaced article becomes a recent version, as after a paste (File > Recent versions).
    new_document(std::move(docs[0]));
    queue.opened(editor.revision());
    queue_persist_now();
    side_tab_request = 3;
    set_status("Opened " + std::to_string(queue.docs.size()) + " documents with " +
               count_of(entities, "entity", "entities") + from + " (" + menu_keys(Action::QueueNext) + ": next)" +
               note);
}

void AppImpl::queue_switch(size_t index) {
    if (index >= queue.docs.size() || index == queue.current) return;
    QueueDoc& target = queue.docs[index];
    if (!target.loaded) {
        set_status("That document is still being read from storage", true);
        return;
    }
    auto s = target.read();
    if (!s.ok()) {
        set_status("Could not open " + target.title + ": " + s.error().summary(), true);
        return;
    }
    // An edit since this frame's last look (an API call between two frames, then the key that
    // switches, in the same frame) still marks the document left in progress.
    queue.track_open(editor.revision(), editor.can_undo(), editor.doc().entities().size(), platform.now_ms());
    editor.stamp_modified(platform.now_iso());
    queue_store(queue.open(), editor, save.text_key_generation == doc_generation ? save.text_key : std::string());
    queue.switch_to(index, editor.doc().display_title(60), editor.doc().entities().size());
    save.skip_version = true;  // every document keeps its own state in the queue: no version on a switch
    new_document(std::move(s->document));
    editor.set_history(std::move(s->undo), std::move(s->redo));
    queue.opened(editor.revision());
    queue_persist_now();
    set_status("Document " + std::to_string(index + 1) + " of " + std::to_string(queue.docs.size()) + ": " +
               queue.open().title);
}

void AppImpl::queue_step(int dir) {
    if (auto next = queue.neighbour(dir)) queue_switch(*next);
}

// A waiting document as the open one is stored: its session without text, and its text once
// under its content key (skipped when the autosave or this entry stored it already), in one transaction.
void AppImpl::queue_store(QueueDoc& q, const Editor& e, std::string text_key) {
    const bool text_new = q.store(e, std::move(text_key));
    StorageBatch batch;
    batch.byte_puts.push_back({q.storage_key(), {q.session}});
    if (save.stored_text != q.text_key && text_new) batch.byte_puts.push_back({q.text_key, {q.text}});
    platform.storage_commit(batch, 0);
}

// The open document first (the autosave's snapshot), then the index that names it current: a reload
// between the two writes finds the index still pointing at the previous one, whose state is saved.
void AppImpl::queue_persist_now() {
    if (save.schedule.paused()) return;
    if (!queue.docs.empty()) autosave_base_now();
    if (queue.docs.empty())
        platform.storage_delete(kQueueKey);
    else
        platform.storage_write(kQueueKey, io::write_queue_index(queue.index()), 0);
    queue.index_written();
}

void AppImpl::queue_startup() {
    queue.index_ticket = next_ticket++;
    platform.storage_read(kQueueKey, queue.index_ticket);
}

bool AppImpl::queue_take_read(uint64_t ticket, bool found, std::string_view value) {
    if (ticket == 0) return false;
    if (ticket == queue.index_ticket) {
        queue.index_ticket = 0;
        if (!found) return true;
        io::StateRead<io::QueueIndex> index = io::read_queue_index(value);
        if (!index.ok()) {
            set_status("Could not read the document queue from storage (" + index.first_error() + ")", true);
            return true;
        }
        for (const io::DocumentQueue::Read& read : queue.load(*index.value, next_ticket))
            platform.storage_read(read.key, read.ticket);
        queue.opened(editor.revision());
        if (!queue.docs.empty()) side_tab_request = 3;  // the queue is what the user was working through
        return true;
    }
    std::string missing;
    if (!queue.take_read(ticket, found, value, missing)) return false;
    if (!missing.empty()) set_status("The document \"" + missing + "\" is no longer in this browser's storage", true);
    return true;
}

void AppImpl::queue_tick() {
    if (queue.empty()) return;
    const double now = platform.now_ms();
    if (queue.track_open(editor.revision(), editor.can_undo(), editor.doc().entities().size(), now))
        queue.retitle_open(editor.doc().display_title(60), now);
    if (queue.index_due(now) && !save.schedule.paused()) {
        platform.storage_write(kQueueKey, io::write_queue_index(queue.index()), 0);
        queue.index_written();
    }
}

Result<std::string> AppImpl::queue_export_jsonl() const {
    io::WriteOptions opt;
    opt.pretty = false;
    std::string out;
    for (size_t i = 0; i < queue.docs.size(); ++i) {
        io::WriteResult w;
        if (i == queue.current) {
            w = io::write("native", editor.doc(), opt);
        } else {
            auto s = queue.docs[i].read();
            if (!s.ok())
                return make_error("document " + std::to_string(i + 1) + " (" + queue.docs[i].title +
                                  "): " + s.error().summary());
            w = io::write("native", s->document, opt);
        }
        if (!w.ok()) return make_error("document " + std::to_string(i + 1) + ": " + w.diagnostics.front().message);
        out += w.output;
        out += '\n';
    }
    return out;
}

void AppImpl::queue_download() {
    auto out = queue_export_jsonl();
    if (!out.ok()) {
        set_status("Export failed: " + out.error().summary(), true);
        return;
    }
    platform.download("documents.jsonl", "application/jsonl", *out);
    set_status("Downloaded documents.jsonl (" + std::to_string(queue.docs.size()) + " documents)");
}

// =====================================================================================
// [SECTION] Documents tab and keys
// =====================================================================================

void AppImpl::note_widget(std::string name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    widget_rects[std::move(name)] = {Rect{a.x, a.y, b.x - a.x, b.y - a.y}, ImGui::GetFrameCount()};
}

const char* AppImpl::queue_status_name(DocStatus s) {
    switch (s) {
        case DocStatus::Todo: return "to do";
        case DocStatus::InProgress: return "in progress";
        case DocStatus::Done: return "done";
    }
    return "to do";
}

void AppImpl::draw_queue_panel() {
    if (queue.docs.empty()) {
        ImGui::TextWrapped(
            "Open several .txt files at once (Ctrl+O or drop them here), a JSONL of texts, or a "
            "multi-document export (spaCy, CoNLL with several -DOCSTART-) to annotate them as a queue.");
        if (ImGui::Button("Open files... (Ctrl+O)")) open_files();
        note_widget("queue.open");
        return;
    }
    const size_t n = queue.docs.size(), done = queue.done();
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%zu / %zu done", done, n);
    ImGui::ProgressBar(static_cast<float>(done) / static_cast<float>(n), ImVec2(-1, 0), overlay);
    if (ImGui::Button("< Previous")) queue_step(-1);
    note_widget("queue.previous");
    ImGui::SameLine();
    if (ImGui::Button("Next >")) queue_step(+1);
    note_widget("queue.next");
    ImGui::SameLine();
    const bool is_done = queue.docs[queue.current].status == DocStatus::Done;
    if (ImGui::Button(is_done ? "Reopen" : "Mark done")) queue.toggle_done(platform.now_ms());
    note_widget("queue.done");
    ImGui::SameLine();
    if (ImGui::Button("Export all")) queue_download();
    note_widget("queue.export");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("All documents as one JSONL file, one native JSON document per line");
    ImGui::Separator();
    if (ImGui::BeginTable("##queue", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Entities", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(n));
        while (clip.Step()) {
            for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
                const size_t i = static_cast<size_t>(row);
                QueueDoc& q = queue.docs[i];
                ImGui::PushID(row);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string label = std::to_string(i + 1) + ". " + (q.title.empty() ? "(empty)" : q.title);
                if (ui_selectable(label, i == queue.current)) queue_switch(i);
                note_widget("queue.row." + std::to_string(i));
                ImGui::TableNextColumn();
                ImGui::Text("%zu", q.entities);
                ImGui::TableNextColumn();
                const ImVec4 colour = v4(q.status == DocStatus::Done         ? theme().ok
                                         : q.status == DocStatus::InProgress ? theme().warning
                                                                             : theme().muted_text);
                ImGui::PushStyleColor(ImGuiCol_Text, colour);
                if (ImGui::SmallButton(status_name(q.status)))  // a click cycles: to do, in progress, done
                    queue.set_status(i, static_cast<DocStatus>((static_cast<int>(q.status) + 1) % 3),
                                     platform.now_ms());
                note_widget("queue.status." + std::to_string(i));
                ImGui::PopStyleColor();
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace aa::ui
