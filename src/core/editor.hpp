// Editor: the one way to change a Document. Every change is a Command made of primitive Ops
// (plain data, so that the history can be saved and restored with the document); undo applies
// the inverse ops in reverse order. Commands can be grouped so that a bulk action undoes in one
// step. Selection, hover and scroll are view state and never pass through here.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"

namespace aa {

struct Op {
    enum class Kind {
        InsertEntity,
        EraseEntity,
        ReplaceEntity,
        InsertLabel,
        EraseLabel,
        ReplaceLabel,
        InsertRelation,
        EraseRelation,
        ReplaceRelation,
        InsertRelationType,
        EraseRelationType,
        ReplaceRelationType,
        InsertDocLabelType,
        EraseDocLabelType,
        ReplaceDocLabelType,
        SetDocLabels,
    };
    Kind kind = Kind::InsertEntity;
    Entity entity_before;      // EraseEntity, ReplaceEntity
    Entity entity_after;       // InsertEntity, ReplaceEntity
    Label label_before;        // EraseLabel, ReplaceLabel, EraseDocLabelType, ReplaceDocLabelType
    Label label_after;         // InsertLabel, ReplaceLabel, InsertDocLabelType, ReplaceDocLabelType
    size_t label_index = 0;    // the position of an inserted label, relation type or document label type
    Relation relation_before;  // EraseRelation, ReplaceRelation
    Relation relation_after;   // InsertRelation, ReplaceRelation
    RelationType type_before;  // EraseRelationType, ReplaceRelationType
    RelationType type_after;   // InsertRelationType, ReplaceRelationType
    DocLabels doc_before;      // SetDocLabels
    DocLabels doc_after;       // SetDocLabels
    friend bool operator==(const Op&, const Op&) = default;
};

struct Command {
    std::string name;  // shown in the Edit menu: "Undo Add PER \"Assad\""
    std::vector<Op> ops;
    friend bool operator==(const Command&, const Command&) = default;
};

// The one definition of an edit, used by the Editor and by the check of a saved history
// (io/session.cpp): a new op kind is added here and in the session's op names only.
// Applies `op` to `doc`, or changes nothing and says why. The entity or label an op erases or
// replaces must be exactly as recorded in it (else "... is not as recorded"), so that undoing the
// op restores what was there. No op leaves a relation without its entities or its type, or a
// chosen document label without its type: erasing one still in use is refused (the Editor
// erases the relations first, in the same command).
Status apply_op(Document& doc, const Op& op);
// The op that undoes `op` (insert <-> erase, before <-> after).
Op inverse(const Op& op);

// One change of the history, as the autosave journal records it (io/journal.hpp): a command done
// (Do; a group's later commands Extend it), an undo, a redo, a Discard (the last command undone
// and forgotten: a cancelled bulk labelling, which Redo must not offer back), or a Reset (a new
// document or a restored history: the journal must start again from a snapshot).
struct HistoryEvent {
    enum class Kind { Do, Extend, Undo, Redo, Discard, Reset };
    Kind kind = Kind::Do;
    Command command;  // Do: the command pushed; Extend: the ops appended to the top command
    friend bool operator==(const HistoryEvent&, const HistoryEvent&) = default;
};

enum class LabelInUse {
    Refuse,          // removing a label that entities use is an error naming the count
    DeleteEntities,  // remove the label and its entities, in one undoable step
    Relabel,         // move its entities to another label, then remove it
};

// `s` in double quotes, cut to 40 bytes at a grapheme cluster boundary with "...", line breaks and
// tabs as spaces: how command names quote the text of an entity or a search.
std::string quoted_excerpt(std::string_view s);

// What deleting an entity does to the relations that start or end at it.
enum class RelationsOfEntity {
    Refuse,  // an error naming the count (the page asks first, then deletes)
    Delete,  // delete them with the entity, in one undoable step
};

class Editor {
public:
    Editor() = default;
    explicit Editor(Document doc) : doc_(std::move(doc)) {}

    const Document& doc() const { return doc_; }
    // Replaces the whole document (a new article or an import): not undoable; clears history.
    void reset(Document doc);
    // Metadata (title, source, ...) is not part of the undo history.
    DocumentInfo& info() {
        ++revision_;
        ++info_revision_;
        return doc_.info;
    }
    // Increments with every info() write: a change of the document outside the history, which the
    // autosave journal cannot record (it writes a snapshot instead).
    uint64_t info_revision() const { return info_revision_; }
    // Records when the document was last saved; not a change of the document (no new revision).
    void stamp_modified(std::string iso_time) { doc_.info.modified = std::move(iso_time); }

    // Who annotates: with a name set, each entity and relation this editor adds carries it and the
    // time `now` gives (ISO 8601 UTC, the platform's clock; tests give a fixed one). "" stamps nothing.
    // Not part of the document or its history.
    void set_annotator(std::string name, std::function<std::string()> now) {
        annotator_ = std::move(name);
        now_ = std::move(now);
    }
    const std::string& annotator() const { return annotator_; }

    // ---- Entities ----
    // Adds [start, end) with an existing label; returns the new id.
    Result<std::string> add_entity(size_t start, size_t end, std::string_view label);
    // Adds every [start, end) of `spans` with an existing label in one command named `name` ("Add N
    // LABEL" when empty; in a group, more ops of the group): all or none, each checked as add_entity
    // checks it (a span already labelled so, or twice in `spans`, is an error). Returns the number
    // added. A labelling in slices adds a step of spans with one call (bulk.cpp).
    Result<size_t> add_entities(const std::vector<std::pair<size_t, size_t>>& spans, std::string_view label,
                                std::string name = {});
    Status remove_entity(std::string_view id, RelationsOfEntity policy = RelationsOfEntity::Delete);
    Status set_label(std::string_view id, std::string_view label);
    Status set_span(std::string_view id, size_t start, size_t end);
    Status set_note(std::string_view id, std::string note);
    Status set_kb_id(std::string_view id, std::string kb_id);
    Status set_attributes(std::string_view id, Attributes attributes);
    Status set_locked(std::string_view id, bool locked);
    // Replaces an entity (same id) in one command named `name`.
    Status update_entity(const Entity& e, std::string name = {});

    // ---- Labels ----
    Status add_label(Label label);
    // Changes a label (name, colour, key, description); a rename renames it on its entities too.
    Status update_label(std::string_view name, Label updated);
    Status remove_label(std::string_view name, LabelInUse policy = LabelInUse::Refuse,
                        std::string_view relabel_to = {});
    // Adds the preset's labels that are missing (keys already taken stay with their label).
    Status apply_preset(Preset preset);

    // ---- Relations ----
    // Adds a relation of an existing type between two entities; the type must allow their labels
    // and the same (from, to, type) must not exist yet (nor (to, from, type) for a symmetric type).
    Result<std::string> add_relation(std::string_view from, std::string_view to, std::string_view type,
                                     std::string note = {});
    Status remove_relation(std::string_view id);
    Status set_relation_type(std::string_view id, std::string_view type);  // retype
    Status reverse_relation(std::string_view id);                          // swap from and to
    Status set_relation_note(std::string_view id, std::string note);
    // Replaces a relation (same id) in one command named `name`, with the checks of add_relation.
    Status update_relation(const Relation& r, std::string name = {});

    // ---- Relation types ----
    Status add_relation_type(RelationType type);
    // A rename renames the type on its relations too.
    Status update_relation_type(std::string_view name, RelationType updated);
    // Refused while relations use it, unless `delete_relations` (then one undoable step).
    Status remove_relation_type(std::string_view name, bool delete_relations = false);

    // ---- Document labels ----
    Status add_doc_label_type(Label label);
    // A rename renames it in the document's chosen labels too.
    Status update_doc_label_type(std::string_view name, Label updated);
    // Also unchooses it, in the same step.
    Status remove_doc_label_type(std::string_view name);
    // Chooses or unchooses one document label; in single-choice mode choosing replaces the other.
    Status toggle_doc_label(std::string_view name);
    Status set_doc_labels(DocLabels labels);
    // Single- or multi-choice; going to single keeps the first chosen label only.
    Status set_doc_labels_multi(bool multi);

    // ---- History ----
    // Commands made between begin_group and the matching end_group undo as one. Nestable.
    // `ops_expected`: room for that many ops in the group's command, taken when its first op comes
    // (a labelling of 16,000 spans in slices then never moves its ops by doubling in one of its
    // frames; the outermost group's figure counts).
    void begin_group(std::string name, size_t ops_expected = 0);
    void end_group();
    class Group {
    public:
        Group(Editor& e, std::string name) : e_(e) { e_.begin_group(std::move(name)); }
        ~Group() { e_.end_group(); }
        Group(const Group&) = delete;
        Group& operator=(const Group&) = delete;

    private:
        Editor& e_;
    };

    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    const std::string& undo_name() const;
    const std::string& redo_name() const;
    bool undo();
    bool redo();
    // Undoes the last command and forgets it: nothing to redo (a cancelled labelling). The redo
    // history is as before that command was done (doing it had emptied it).
    bool undo_discard();
    // Undo (redo) of the top command a part at a time: a big group's, a slice per frame (ui/bulk.cpp).
    // begin_steps takes it (false: nothing to undo or redo, a group open, or steps under way);
    // step() applies up to `max_ops` more of its ops, each whole, so the document is consistent
    // after every step; the step that applies the last one ends as undo() (redo()) does: the
    // command moved, its event recorded. Until then the history is as before and nothing is
    // recorded; every other change of the history (run, undo, redo, replay) is refused. An op that
    // fails (it cannot: asserted) puts back what was applied and ends the steps: an error.
    // finish_steps() applies the rest at once; cancel_steps() puts back what was applied (the
    // document and history as before). reset(), set_history() and clear_history() drop them.
    bool begin_steps(bool redo);
    Result<bool> step(size_t max_ops);  // true: done
    void finish_steps();
    void cancel_steps();
    bool stepping() const { return steps_.active; }
    size_t steps_done() const { return steps_.done; }
    size_t steps_total() const { return steps_.active ? steps_top().ops.size() : 0; }
    const std::vector<Command>& undo_stack() const { return undo_; }
    const std::vector<Command>& redo_stack() const { return redo_; }
    // Restores a saved history (used by persistence). Keeps the part that fits the document:
    // undo commands from the top while each undoes, redo commands from the top while each
    // replays; the rest is dropped. The document's content is unchanged; revision() increments.
    void set_history(std::vector<Command> undo, std::vector<Command> redo);
    void clear_history();

    // Increments on every change to the document (do, undo, redo, reset): a cheap cache key.
    uint64_t revision() const { return revision_; }

    // ---- The journal's feed ----
    // While recording, every change of the history is also kept as a HistoryEvent until taken, so
    // that autosave writes a record the size of the edit, not of the document. Off by default
    // (the CLI and tests keep nothing). A group's ops between two takes are one event (its Do, or
    // one Extend): a labelling of a few hundred spans a frame is one record, not hundreds.
    void set_recording(bool on);
    std::vector<HistoryEvent> take_events();
    // Replays a journal record: Do and Extend apply their ops (all or none, validated by
    // apply_op) and record them as run() would; Undo and Redo need something to undo or redo.
    // A failing event changes nothing and says why. Reset is not replayable (an error).
    Status replay(const HistoryEvent& event);

    // ---- Spans changed, for caches over the entities (Suggest's merged list) ----
    // Every entity op applied (do, undo, redo, replay) notes the spans it changed in a bounded log.
    // A cache keeps the mark it has seen and asks what changed since: the spans are appended to
    // `out` and true returned, or false when the cache must start again (the document was reset,
    // a history restored, or more changed than the log keeps).
    uint64_t touched_mark() const { return touched_base_ + touched_.size(); }
    bool touched_since(uint64_t mark, std::vector<std::pair<size_t, size_t>>& out) const;

private:
    Status run(Command cmd);  // applies all ops or none, records it
    // All or none; `inverted`: their inverses, from the last op to the first (an undo).
    Status apply_all(std::span<const Op> ops, bool inverted = false);
    bool apply_entity_run(std::span<const Op> ops, bool inverted, size_t from, size_t to);
    Status check_label_exists(std::string_view label) const;
    Status check_relation(const Relation& r, const Relation* except) const;
    Status check_relation_type(const RelationType& type) const;  // its allowed labels exist
    void erase_relations_of(std::string_view entity_id, std::vector<Op>& ops) const;
    void set_doc_labels_op(DocLabels chosen, std::vector<Op>& ops) const;

    Document doc_;
    std::vector<Command> undo_, redo_;
    struct Steps {
        bool active = false;
        bool redo = false;
        size_t done = 0;  // ops applied, in the order the undo (redo) applies them
    } steps_;
    const Command& steps_top() const { return steps_.redo ? redo_.back() : undo_.back(); }
    std::span<const Op> steps_applied() const;  // the ops applied so far, as stored in the command
    void end_steps();                           // the last op applied: the command moved, recorded
    int group_depth_ = 0;
    size_t group_ops_expected_ = 0;
    bool group_open_ = false;  // a group command has been pushed and is being extended
    bool group_recorded_ = false;
    std::string annotator_;
    std::function<std::string()> now_;
    // Stamps `annotator` and `created` when an annotator is set.
    void stamp(std::string& annotator, std::string& created) const {
        if (annotator_.empty()) return;
        annotator = annotator_;
        created = now_ ? now_() : std::string();
    }  // its Do event was recorded (an empty group records nothing)
    bool recording_ = false;
    std::vector<HistoryEvent> events_;
    void record(HistoryEvent::Kind kind, Command cmd = {});
    std::string group_name_;
    uint64_t revision_ = 0;
    uint64_t info_revision_ = 0;
    static constexpr size_t kTouchedMax = 4096;
    std::deque<std::pair<size_t, size_t>> touched_;  // the last kTouchedMax spans changed
    uint64_t touched_base_ = 0;                      // the mark of touched_.front()
    void touch(const Op& op);
    void touch_all();
};

}  // namespace aa
