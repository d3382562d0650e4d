// The page's own persisted schemas, beside the formats: the rules file (SuggestConfig, also the
// `suggest` object of a native file), the view preferences of a session, and the two indexes the
// page keeps in the browser's storage (recent versions, the document queue). Each is read with the
// positioned diagnostics of every other reader ("1:12: error: rules[0]: missing required field
// \"pattern\"") and written in the layout the page has always written.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/suggest_config.hpp"
#include "io/format.hpp"

namespace aa::io {

// A read of one of these schemas: the value, or nullopt when any diagnostic is an error.
template <class T>
struct StateRead {
    std::optional<T> value;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return value.has_value(); }
    // The first error's report(), or "" when there is none.
    std::string first_error() const {
        for (const Diagnostic& d : diagnostics)
            if (d.is_error()) return d.report();
        return {};
    }
};

// ---- Rules file: {"gazetteers": [{"case_sensitive", "whole_word", "entries": [{"term", "label"}]
// or "text"}], "names": {"enabled", "label"}, "rules": [{"pattern", "label"}]}, every member
// optional. A wrong type or a missing "pattern"/"label"/"term" is an error; unknown fields warn.
StateRead<SuggestConfig> read_suggest_config(std::string_view json);
std::string write_suggest_config(const SuggestConfig& config);  // compact, one line

// ---- View preferences (the "view" object of a session). Damage here must never cost the work:
// a member of the wrong type is a warning and keeps its default; only a view that is not a JSON
// object is an error. Values are as stored: the page clamps them to what it can show.
struct ViewPrefs {
    float zoom = 1.0f;
    bool snap_to_words = true;
    bool sticky_label = false;
    std::string active_label;
    float side_width = 360.0f;  // at zoom 1
    bool side_collapsed = false;
    bool find_whole_word = true;     // Find labels whole words only
    std::string theme = "system";    // "system" (prefers-color-scheme), "light" or "dark"
    std::string direction = "auto";  // paragraphs: "auto" (first strong character), "ltr" or "rtl"
    std::string annotator;           // the annotator name stamped on new entities and relations ("": none)
    // Labels and relation types hidden from the article, and labels whose entities are locked (a
    // click selects them; moving, relabelling and deleting need an unlock first). Names, in the
    // order chosen; written only when not empty.
    std::vector<std::string> hidden_labels, hidden_relation_types, locked_labels;
    std::optional<SuggestConfig> suggest;  // the Suggest panel's setup
    friend bool operator==(const ViewPrefs&, const ViewPrefs&) = default;
};
StateRead<ViewPrefs> read_view_prefs(std::string_view json);
std::string write_view_prefs(const ViewPrefs& view);

// ---- Recent versions: the index under the storage key "versions", oldest first. An entry
// without a string "key" is dropped with a warning; a root that is not an array is an error.
struct VersionEntry {
    std::string key, when, title;
    uint64_t entities = 0;
    std::string text;  // the storage key of its text when the version is a snapshot without it (journal.hpp)
    // The autosave as storage held it (head, snapshot, journal records: journal.hpp's keys under
    // key + "/"), copied there by the storage itself: a version that costs no serialisation.
    bool saved = false;
    friend bool operator==(const VersionEntry&, const VersionEntry&) = default;
};
using VersionIndex = std::vector<VersionEntry>;
StateRead<VersionIndex> read_version_index(std::string_view json);
std::string write_version_index(const VersionIndex& index);

// ---- The document queue: the index under the storage key "queue". A document without a string
// "id" is dropped with a warning; an unknown status reads as to-do (warned); a root that is not an
// object with a "docs" array is an error.
enum class QueueStatus { Todo, InProgress, Done };
struct QueueEntry {
    std::string id, title;
    uint64_t entities = 0;
    QueueStatus status = QueueStatus::Todo;
    // The key of its text, stored apart (io::text_key): "queue-<id>" then holds the session without
    // text. Empty in a queue saved before that: "queue-<id>" holds the whole session.
    std::string text;
    friend bool operator==(const QueueEntry&, const QueueEntry&) = default;
};
struct QueueIndex {
    uint64_t current = 0;
    uint64_t next_id = 1;
    std::vector<QueueEntry> docs;
    friend bool operator==(const QueueIndex&, const QueueIndex&) = default;
};
StateRead<QueueIndex> read_queue_index(std::string_view json);
std::string write_queue_index(const QueueIndex& index);
// "todo", "in-progress", "done": the ids stored in the index.
const char* queue_status_id(QueueStatus s);

// True when the first line of `bytes` is a native document ("format": "article-annotator") and
// more lines follow: the page's "Export all documents" (native JSONL).
bool looks_like_native_jsonl(std::string_view bytes);

}  // namespace aa::io
