// The document queue's state and decisions (document_queue.hpp).
#include "io/document_queue.hpp"

#include <algorithm>

#include "io/journal.hpp"

namespace aa::io {

bool QueuedDocument::store(const Editor& e, std::string key) {
    const std::string stored = text_key;  // a waiting document's text, already under its key
    session = write_snapshot(e);
    text = e.doc().text().utf8();
    text_key = key.empty() ? io::text_key(text) : std::move(key);
    return stored != text_key;
}

Result<Session> QueuedDocument::read() const {
    return text_key.empty() ? read_session(session) : read_snapshot(session, text);
}

std::vector<QueuedDocument> DocumentQueue::take_all() {
    std::vector<QueuedDocument> old = std::move(docs);
    docs.clear();
    current = 0;
    return old;
}

QueuedDocument& DocumentQueue::add(std::string title, size_t entities) {
    QueuedDocument& q = docs.emplace_back();
    q.id = std::to_string(next_id_++);
    q.title = std::move(title);
    q.entities = entities;
    return q;
}

std::optional<size_t> DocumentQueue::neighbour(int dir) const {
    const size_t n = docs.size();
    if (n < 2) return std::nullopt;
    return dir > 0 ? (current + 1) % n : (current + n - 1) % n;
}

void DocumentQueue::switch_to(size_t index, std::string title, size_t entities) {
    QueuedDocument& cur = docs[current];
    cur.title = std::move(title);
    cur.entities = entities;
    current = index;
    QueuedDocument& target = docs[index];
    target.session.clear();  // it lives in the editor now (and in the autosave's snapshot)
    target.text.clear();
    target.text_key.clear();
}

bool DocumentQueue::set_status(size_t index, QueueStatus s, double now_ms) {
    if (index >= docs.size() || docs[index].status == s) return false;
    docs[index].status = s;
    index_changed(now_ms);
    return true;
}

void DocumentQueue::toggle_done(double now_ms) {
    if (docs.empty()) return;
    const bool done = docs[current].status == QueueStatus::Done;
    set_status(current, done ? QueueStatus::InProgress : QueueStatus::Done, now_ms);
}

size_t DocumentQueue::done() const {
    size_t n = 0;
    for (const QueuedDocument& q : docs) n += q.status == QueueStatus::Done;
    return n;
}

size_t DocumentQueue::waiting_entities() const {
    size_t n = 0;
    for (size_t i = 0; i < docs.size(); ++i)
        if (i != current) n += docs[i].entities;
    return n;
}

bool DocumentQueue::uses_text(std::string_view key) const {
    for (const QueuedDocument& q : docs)
        if (q.text_key == key) return true;
    return false;
}

bool DocumentQueue::track_open(uint64_t revision, bool can_undo, size_t entities, double now_ms) {
    if (docs.empty()) return false;
    QueuedDocument& cur = docs[current];
    if (cur.entities != entities) {
        cur.entities = entities;
        index_changed(now_ms);
    }
    if (revision == opened_revision_) return false;
    opened_revision_ = revision;
    if (cur.status == QueueStatus::Todo && can_undo) set_status(current, QueueStatus::InProgress, now_ms);
    return true;
}

void DocumentQueue::retitle_open(std::string title, double now_ms) {
    if (docs.empty() || title == docs[current].title) return;
    docs[current].title = std::move(title);
    index_changed(now_ms);
}

void DocumentQueue::index_changed(double now_ms) {
    if (!index_dirty_) index_dirty_since_ = now_ms;
    index_dirty_ = true;
}

QueueIndex DocumentQueue::index() const {
    QueueIndex index;
    index.current = current;
    index.next_id = next_id_;
    for (const QueuedDocument& q : docs)
        index.docs.push_back(QueueEntry{q.id, q.title, q.entities, q.status, q.text_key});
    return index;
}

std::vector<DocumentQueue::Read> DocumentQueue::load(const QueueIndex& index, uint64_t& next_ticket) {
    docs.clear();
    for (const QueueEntry& x : index.docs) {
        QueuedDocument q;
        q.id = x.id;
        q.title = x.title;
        q.entities = static_cast<size_t>(x.entities);
        q.status = x.status;
        q.text_key = x.text;
        docs.push_back(std::move(q));
    }
    next_id_ = index.next_id;
    current = static_cast<size_t>(index.current);
    if (current >= docs.size()) current = 0;
    std::vector<Read> out;
    for (size_t i = 0; i < docs.size(); ++i) {
        QueuedDocument& q = docs[i];
        if (i == current) {
            q.text_key.clear();  // the open document is the autosave's
            continue;
        }
        q.loaded = false;
        q.reads = q.text_key.empty() ? 1 : 2;
        const uint64_t t = next_ticket++;
        reads_.push_back({t, q.id, false});
        out.push_back({t, q.storage_key()});
        if (q.text_key.empty()) continue;
        const uint64_t tt = next_ticket++;
        reads_.push_back({tt, q.id, true});
        out.push_back({tt, q.text_key});
    }
    return out;
}

bool DocumentQueue::take_read(uint64_t ticket, bool found, std::string_view value, std::string& missing) {
    auto r = std::find_if(reads_.begin(), reads_.end(), [&](const PendingRead& p) { return p.ticket == ticket; });
    if (ticket == 0 || r == reads_.end()) return false;
    const PendingRead read = *r;
    reads_.erase(r);
    for (QueuedDocument& q : docs) {
        if (q.id != read.id) continue;
        if (--q.reads <= 0) q.loaded = true;
        if (!found)
            missing = q.title;
        else if (read.text)
            q.text = std::string(value);
        else
            q.session = std::string(value);
    }
    return true;
}

}  // namespace aa::io
