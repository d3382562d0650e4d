// The autosave session: what the page persists every second so that a reload, a closed tab or a
// killed browser loses nothing. A native document plus the undo and redo stacks (so that undo
// still works after a reload) plus the page's view preferences (page_state.hpp).
// A damaged history never costs the document: it is dropped with a warning.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor.hpp"
#include "io/format.hpp"
#include "io/page_state.hpp"

namespace aa::io {

struct Session {
    Document document;
    std::vector<Command> undo;         // bottom first, as Editor::undo_stack()
    std::vector<Command> redo;         // as Editor::redo_stack(): back() is the next redo
    std::optional<ViewPrefs> view;     // nullopt when the session has none (or it was not an object)
    std::vector<Diagnostic> warnings;  // e.g. the history did not replay and was dropped
};

// {"format": "article-annotator-session", "version": 1, "document": {native}, "undo": [...],
//  "redo": [...], "view": {...}}. Without a view (a waiting document of the queue) "view" is {}.
// Without text, "text" is "": a snapshot of the autosave journal (io/journal.hpp), whose text is
// stored once under its own key.
std::string write_session(const Editor& editor, const std::optional<ViewPrefs>& view = std::nullopt,
                          bool with_text = true);

// A session without text (the autosave's snapshot, io/journal.hpp) written in pieces, so that no
// frame carries the whole document: begin(), then step() until it says done. The editor must not
// change between the calls (the caller starts again when it did). Byte for byte what
// write_session(editor, view, false) writes.
class SessionWriter {
public:
    void begin(const Editor& editor, std::optional<ViewPrefs> view = std::nullopt);
    // Writes about `budget` entities or history ops more; true once the session is complete.
    bool step(const Editor& editor, size_t budget);
    bool done() const { return stage_ == Stage::Done; }
    std::string take() { return std::move(out_); }

private:
    enum class Stage { Entities, Undo, Redo, Done };
    Stage stage_ = Stage::Done;
    size_t next_ = 0;          // the entity or command to write next
    bool in_command_ = false;  // the command next_ is begun: its ops from op_ on follow
    size_t op_ = 0;
    std::optional<ViewPrefs> view_;
    std::string out_;
};

// Validates everything. Errors in the envelope or the document fail the read (the first error,
// with its path and line/column); a history that is malformed or does not replay against the
// document (undoing everything then redoing everything must reproduce it) is dropped with a
// warning; a view that is not an object is dropped with a warning, a member of the wrong type
// keeps its default with a warning.
// `text`, when given, is the document's text for a session written without it.
Result<Session> read_session(std::string_view input, std::optional<std::string_view> text = std::nullopt);

// Restores a read session into an editor (document and history).
void restore_session(Editor& editor, Session session);

}  // namespace aa::io
