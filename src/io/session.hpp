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
//
// In pieces (`in_pieces`): the session is kept as pieces of about kPieceBytes, taken by take_pieces(),
// never as one string: the autosave's snapshot of a 10 MB document is 8 MB, which no gap of a page's
// heap freed by an import holds whole (a wasm memory never shrinks: one block would grow it for good).
class SessionWriter {
public:
    static constexpr size_t kPieceBytes = 256 * 1024;
    void begin(const Editor& editor, std::optional<ViewPrefs> view = std::nullopt, bool in_pieces = false);
    // Writes about `budget` entities or history ops more; true once the session is complete.
    bool step(const Editor& editor, size_t budget);
    bool done() const { return stage_ == Stage::Done; }
    // The session whole (in pieces: joined).
    std::string take();
    // The session's pieces in order (whole: one piece); their concatenation is what take() gives.
    std::vector<std::string> take_pieces();

private:
    enum class Stage { Entities, Undo, Redo, Done };
    Stage stage_ = Stage::Done;
    size_t next_ = 0;          // the entity or command to write next
    bool in_command_ = false;  // the command next_ is begun: its ops from op_ on follow
    size_t op_ = 0;
    std::optional<ViewPrefs> view_;
    bool in_pieces_ = false;
    std::vector<std::string> pieces_;  // in pieces: those complete, before out_
    std::string out_;
    void cut();  // in pieces: out_ becomes a piece once it is kPieceBytes long
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
