// The document queue: many articles open at once, one of them in `editor`. The others wait as the
// open one is autosaved: the session without text (io::write_snapshot: document plus undo history)
// under "queue-<id>" and the text once under its content key (io::text_key), in memory and in the
// browser's storage ("queue" holds the index, naming each text); the open one is the autosave's. Also: the Documents
// tab (status per document, progress), next/previous by key, the export of all documents as native JSONL, and files
// opened together (several .txt picked or dropped at once) becoming one queue.
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
constexpr const char* kQueueKey = "queue";
constexpr double kIndexDelayMs = 250;

const char* status_name(AppImpl::DocStatus s) {
    switch (s) {
        case AppImpl::DocStatus::Todo: return "to do";
        case AppImpl::DocStatus::InProgress: return "in progress";
        case AppImpl::DocStatus::Done: return "done";
    }
    return "to do";
}

std::string doc_key(const std::string& id) { return "queue-" + id; }

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
    size_t waiting = 0;
    for (size_t i = 0; i < queue.docs.size(); ++i)
        if (i != queue.current) waiting += queue.docs[i].entities;
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
    for (const QueueDoc& q : queue.docs) {
        platform.storage_delete(doc_key(q.id));
        if (!q.text_key.empty()) old_texts.push_back(q.text_key);
    }
    queue.docs.clear();
    for (size_t i = 0; i < docs.size(); ++i) {
        QueueDoc q;
        q.id = std::to_string(queue.next_id++);
        q.title = docs[i].display_title(60);
        q.entities = docs[i].entities().size();
        if (i > 0) {
            if (docs[i].info.created.empty()) docs[i].info.created = platform.now_iso();
            Editor e;
            e.reset(std::move(docs[i]));
            queue_store(q, e, {});
        }
        queue.docs.push_back(std::move(q));
    }
    for (const std::string& k : old_texts)
        if (!text_in_use(k)) platform.storage_delete(k);
    queue.current = 0;
    // The replaced article becomes a recent version, as after a paste (File > Recent versions).
    new_document(std::move(docs[0]));
    queue.opened_revision = editor.revision();
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
    auto s = queue_read(target);
    if (!s.ok()) {
        set_status("Could not open " + target.title + ": " + s.error().summary(), true);
        return;
    }
    QueueDoc& cur = queue.docs[queue.current];
    editor.stamp_modified(platform.now_iso());
    queue_store(cur, editor, save.text_key_generation == doc_generation ? save.text_key : std::string());
    cur.title = editor.doc().display_title(60);
    cur.entities = editor.doc().entities().size();
    queue.current = index;
    save.skip_version = true;  // every document keeps its own state in the queue: no version on a switch
    new_document(std::move(s->document));
    editor.set_history(std::move(s->undo), std::move(s->redo));
    target.session.clear();  // it lives in `editor` now (and in the autosave's snapshot)
    target.text.clear();
    target.text_key.clear();
    queue.opened_revision = editor.revision();
    queue_persist_now();
    set_status("Document " + std::to_string(index + 1) + " of " + std::to_string(queue.docs.size()) + ": " +
               target.title);
}

void AppImpl::queue_step(int dir) {
    if (queue.docs.size() < 2) return;
    const size_t n = queue.docs.size();
    queue_switch(dir > 0 ? (queue.current + 1) % n : (queue.current + n - 1) % n);
}

void AppImpl::queue_set_status(size_t index, DocStatus s) {
    if (index >= queue.docs.size() || queue.docs[index].status == s) return;
    queue.docs[index].status = s;
    queue_index_changed();
}

void AppImpl::queue_index_changed() {
    if (!queue.index_dirty) queue.index_dirty_since = platform.now_ms();
    queue.index_dirty = true;
}

io::QueueIndex AppImpl::queue_index() const {
    io::QueueIndex index;
    index.current = queue.current;
    index.next_id = queue.next_id;
    for (const QueueDoc& q : queue.docs)
        index.docs.push_back(io::QueueEntry{q.id, q.title, q.entities, q.status, q.text_key});
    return index;
}

// A waiting document as the open one is stored: its session without text, and its text once
// under its content key (skipped when the autosave or this entry stored it already), in one transaction.
void AppImpl::queue_store(QueueDoc& q, const Editor& e, std::string text_key) {
    const std::string stored = q.text_key;  // a waiting document's text, already under its key
    q.session = io::write_snapshot(e);
    q.text = e.doc().text().utf8();
    q.text_key = text_key.empty() ? io::text_key(q.text) : std::move(text_key);
    StorageBatch batch;
    batch.byte_puts.emplace_back(doc_key(q.id), q.session);
    if (save.stored_text != q.text_key && stored != q.text_key) batch.byte_puts.emplace_back(q.text_key, q.text);
    platform.storage_commit(batch, 0);
}

Result<io::Session> AppImpl::queue_read(const QueueDoc& q) const {
    return q.text_key.empty() ? io::read_session(q.session) : io::read_snapshot(q.session, q.text);
}

// The open document first (the autosave's snapshot), then the index that names it current: a reload
// between the two writes finds the index still pointing at the previous one, whose state is saved.
void AppImpl::queue_persist_now() {
    if (save.paused_by_other_tab) return;
    if (!queue.docs.empty()) autosave_base_now();
    if (queue.docs.empty())
        platform.storage_delete(kQueueKey);
    else
        platform.storage_write(kQueueKey, io::write_queue_index(queue_index()), 0);
    queue.index_dirty = false;
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
        queue.docs.clear();
        for (const io::QueueEntry& x : index.value->docs) {
            QueueDoc q;
            q.id = x.id;
            q.title = x.title;
            q.entities = static_cast<size_t>(x.entities);
            q.status = x.status;
            q.text_key = x.text;
            queue.docs.push_back(std::move(q));
        }
        queue.next_id = index.value->next_id;
        queue.current = static_cast<size_t>(index.value->current);
        if (queue.current >= queue.docs.size()) queue.current = 0;
        for (size_t i = 0; i < queue.docs.size(); ++i) {
            QueueDoc& q = queue.docs[i];
            if (i == queue.current) {
                q.text_key.clear();  // the open document is the autosave's
                continue;
            }
            q.loaded = false;
            q.reads = q.text_key.empty() ? 1 : 2;
            const uint64_t t = next_ticket++;
            queue.reads.emplace_back(t, q.id);
            platform.storage_read(doc_key(q.id), t);
            if (q.text_key.empty()) continue;
            const uint64_t tt = next_ticket++;
            queue.reads.emplace_back(tt, q.id);
            queue.text_reads.push_back(tt);
            platform.storage_read(q.text_key, tt);
        }
        queue.opened_revision = editor.revision();
        if (!queue.docs.empty()) side_tab_request = 3;  // the queue is what the user was working through
        return true;
    }
    for (size_t r = 0; r < queue.reads.size(); ++r) {
        if (queue.reads[r].first != ticket) continue;
        const std::string id = queue.reads[r].second;
        queue.reads.erase(queue.reads.begin() + static_cast<std::ptrdiff_t>(r));
        auto text_read = std::find(queue.text_reads.begin(), queue.text_reads.end(), ticket);
        const bool is_text = text_read != queue.text_reads.end();
        if (is_text) queue.text_reads.erase(text_read);
        for (QueueDoc& q : queue.docs) {
            if (q.id != id) continue;
            if (--q.reads <= 0) q.loaded = true;
            if (!found)
                set_status("The document \"" + q.title + "\" is no longer in this browser's storage", true);
            else if (is_text)
                q.text = std::string(value);
            else
                q.session = std::string(value);
        }
        return true;
    }
    return false;
}

void AppImpl::queue_tick() {
    if (queue.docs.empty()) return;
    QueueDoc& cur = queue.docs[queue.current];
    const Document& d = editor.doc();
    if (cur.entities != d.entities().size()) {
        cur.entities = d.entities().size();
        queue_index_changed();
    }
    // The first edit of a document marks it as in progress.
    if (editor.revision() != queue.opened_revision) {
        queue.opened_revision = editor.revision();
        if (cur.status == DocStatus::Todo && editor.can_undo()) queue_set_status(queue.current, DocStatus::InProgress);
        std::string title = d.display_title(60);
        if (title != cur.title) {
            cur.title = std::move(title);
            queue_index_changed();
        }
    }
    if (queue.index_dirty && !save.paused_by_other_tab &&
        platform.now_ms() - queue.index_dirty_since >= kIndexDelayMs) {
        platform.storage_write(kQueueKey, io::write_queue_index(queue_index()), 0);
        queue.index_dirty = false;
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
            auto s = queue_read(queue.docs[i]);
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

size_t AppImpl::queue_done() const {
    size_t n = 0;
    for (const QueueDoc& q : queue.docs) n += q.status == DocStatus::Done;
    return n;
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
    const size_t n = queue.docs.size(), done = queue_done();
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
    if (ImGui::Button(is_done ? "Reopen" : "Mark done")) queue_toggle_done();
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
                    queue_set_status(i, static_cast<DocStatus>((static_cast<int>(q.status) + 1) % 3));
                note_widget("queue.status." + std::to_string(i));
                ImGui::PopStyleColor();
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

void AppImpl::queue_toggle_done() {
    if (queue.docs.empty()) return;
    const bool done = queue.docs[queue.current].status == DocStatus::Done;
    queue_set_status(queue.current, done ? DocStatus::InProgress : DocStatus::Done);
}

}  // namespace aa::ui
