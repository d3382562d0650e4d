// The page's team mode, its messages across the JavaScript boundary: what the sync script (web
// team.js, PouchDB) tells the App (signed in, sync state, the queue's summary, an article's
// documents) parsed into typed events, and the three-way merge of two revisions of one person's
// ann: document as the page's API gives it (JSON in, JSON out).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace aa::io::team {

// One article of the project's queue: never its text (the page does not load the corpus).
struct QueueEntry {
    std::string id, title;
    std::vector<std::string> assigned;                          // empty: anyone
    std::vector<std::pair<std::string, std::string>> statuses;  // user -> todo | in-progress | done
    bool gold = false;                                          // a gold: document exists
};

// One article of a corpus-wide comparison: the documents as stored (JSON text).
struct CorpusPair {
    std::string article, a, b;  // article:<id>, and the two annotators' ann: documents
};

struct PageEvent {
    enum class Kind {
        Session,
        SignedOut,
        SignIn,  // the server no longer accepts the session (expired, or a browser restarted): sign in again
        Sync,
        Queue,
        Article,
        Saved,
        Remote,
        Conflict,
        Error,
        Other,
        Corpus,
        Notice  // a message of the corpus export or import (op)
    };
    Kind kind = Kind::Error;
    // Session: who is signed in where.
    std::string url, user;
    std::vector<std::string> roles;
    // Sync: "synced" | "waiting" | "offline" | "conflict" | "connecting"; changes not yet sent.
    std::string sync;
    size_t waiting = 0;
    std::string message;  // Error, Sync (why offline), Conflict (the document)
    std::vector<QueueEntry> articles;
    // Article / Remote / Other: the documents' JSON as stored (Remote: my ann: or gold: changed
    // elsewhere; Other: another annotator's ann: for a comparison). `target` names the document
    // the page writes ("ann:a1:alice" or "gold:a1").
    std::string project, article, annotations, target;
    // Saved: the document and its new revision.
    std::string doc_id, rev;
    std::vector<std::string> conflicts;  // Conflict: what could not be merged
    // Corpus: one page of the articles that annotators `a` and `b` both annotated (with `project`);
    // `done` on the last page, `articles_seen` counts the articles scanned so far.
    std::string a, b;
    std::vector<CorpusPair> pairs;
    bool done = false;
    size_t articles_seen = 0;
    // Notice (a message for the status bar) and Error: the operation they answer ("export",
    // "import"; "" for the others); a Notice with `done` false reports progress.
    std::string op;
};

// Reads one message of the sync script; a malformed one is an error naming what is wrong.
Result<PageEvent> parse_page_event(std::string_view json);

// merge_annotations on three revisions of an ann: (or gold:) document, each as stored; `text` is
// the article's text (the merged entities' "text" fields). Returns {"merged": {...},
// "conflicts": ["...", ...]}: the merged document keeps ours' _rev and, where a field conflicts,
// ours' value. `base` may be "" (no common revision is known): every entity then counts as added.
Result<std::string> merge_json(std::string_view base, std::string_view ours, std::string_view theirs,
                               std::string_view text);

}  // namespace aa::io::team
