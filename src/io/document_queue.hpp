// The document queue's state and decisions: many articles, one of them open (in the page's
// editor), the others waiting as sessions without text plus their text under its content key
// (io::write_snapshot, journal.hpp), each with a status; which document is next, when the open
// one becomes "in progress", when the index under "queue" is written, the storage reads of a
// queue reloaded. ui/queue.cpp wires it to the editor, the storage and the Documents tab.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor.hpp"
#include "io/page_state.hpp"
#include "io/session.hpp"

namespace aa::io {

struct QueuedDocument {
    std::string id;  // storage key "queue-<id>"
    std::string title;
    size_t entities = 0;
    QueueStatus status = QueueStatus::Todo;
    // Waiting: its session without text (io::write_snapshot) and its text, stored apart under
    // text_key as the open document's is; a queue saved before that has a whole session and
    // no text_key. Empty for the open document (it is in the page's editor).
    std::string session;
    std::string text_key, text;
    bool loaded = true;  // false until its storage reads answer (after a reload)
    int reads = 0;       // storage reads still on their way (its session, its text)

    std::string storage_key() const { return "queue-" + id; }
    // Keeps `e` as this waiting document's state; `text_key`: its text's key when known (else
    // hashed). Returns whether the text must be stored (this entry did not hold it already).
    bool store(const Editor& e, std::string text_key);
    Result<Session> read() const;  // the session stored (a whole session of an older queue, or without text)
};

class DocumentQueue {
public:
    static constexpr const char* kIndexKey = "queue";
    static constexpr double kIndexDelayMs = 250;  // changes of the index coalesce

    std::vector<QueuedDocument> docs;  // empty: a single article, no queue
    size_t current = 0;                // the open one

    bool empty() const { return docs.empty(); }
    size_t size() const { return docs.size(); }
    QueuedDocument& open() { return docs[current]; }

    // Empties the queue, returning what it held (their storage to delete); a fill follows with add().
    std::vector<QueuedDocument> take_all();
    QueuedDocument& add(std::string title, size_t entities);  // a new document, its id fresh
    // The document `dir` steps away from the open one (wrapping), none when there is no other.
    std::optional<size_t> neighbour(int dir) const;
    // `index` becomes the open one: the open document's title and entity count go to its entry
    // (its state was stored there), the new one's entry is emptied (its state goes to the editor).
    void switch_to(size_t index, std::string title, size_t entities);
    bool set_status(size_t index, QueueStatus s, double now_ms);  // false: unchanged
    void toggle_done(double now_ms);                              // the open document: done, or back in progress
    size_t done() const;
    size_t waiting_entities() const;  // in the documents not open
    bool uses_text(std::string_view key) const;

    // The open document, once a frame: its entity count; the first edit after it was opened
    // (undoable: not a reload's) marks it in progress. True when it was edited (retitle it).
    bool track_open(uint64_t revision, bool can_undo, size_t entities, double now_ms);
    void retitle_open(std::string title, double now_ms);
    void opened(uint64_t revision) { opened_revision_ = revision; }  // the editor's revision on opening
    void index_changed(double now_ms);
    bool index_due(double now_ms) const { return index_dirty_ && now_ms - index_dirty_since_ >= kIndexDelayMs; }
    void index_written() { index_dirty_ = false; }
    QueueIndex index() const;

    // A queue reloaded from its index: the waiting documents' storage reads to make (each with a
    // ticket taken from `next_ticket`); their answers go to take_read.
    struct Read {
        uint64_t ticket;
        std::string key;
    };
    std::vector<Read> load(const QueueIndex& index, uint64_t& next_ticket);
    // An answer to one of those reads: false when the ticket is not the queue's. `missing`: the
    // title of a document whose session or text storage no longer holds.
    bool take_read(uint64_t ticket, bool found, std::string_view value, std::string& missing);

private:
    uint64_t next_id_ = 1;
    uint64_t opened_revision_ = 0;  // editor revision when `current` was opened (the first edit: in progress)
    bool index_dirty_ = false;
    double index_dirty_since_ = 0;
    struct PendingRead {
        uint64_t ticket;
        std::string id;
        bool text;  // its text (else its session)
    };
    std::vector<PendingRead> reads_;
};

}  // namespace aa::io
