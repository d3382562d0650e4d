// The Editor (editor.hpp): the one definition of an edit (apply_op, inverse), the undo and redo
// stacks with grouping, and the edits of entities and labels, each one undoable command.
//
// [SECTION] ops and history  [SECTION] entities  [SECTION] labels
#include "core/editor.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <unordered_set>

#include "core/op_family.hpp"
#include "core/segment.hpp"

namespace aa {
namespace {
const std::string kEmpty;
}  // namespace

// ---- [SECTION] ops and history ----

std::string quoted_excerpt(std::string_view s) {
    // Cut at a grapheme cluster boundary (a command name is shown and stored: never half a
    // character, a conjunct or an emoji sequence); a short excerpt keeps its last character.
    std::string out = seg::clip_clusters(s, 40);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "\"" + out + "\"";
}

void Editor::reset(Document doc) {
    doc_ = std::move(doc);
    clear_history();
    touch_all();
    ++revision_;
}

void Editor::touch(const Op& op) {
    auto note = [&](const Entity& e) {
        if (touched_.size() == kTouchedMax) {
            touched_.pop_front();
            ++touched_base_;
        }
        touched_.emplace_back(e.start, e.end);
    };
    switch (op.kind) {
        case Op::Kind::InsertEntity: note(op.entity_after); break;
        case Op::Kind::EraseEntity: note(op.entity_before); break;
        case Op::Kind::ReplaceEntity:
            note(op.entity_before);
            if (op.entity_after.start != op.entity_before.start || op.entity_after.end != op.entity_before.end)
                note(op.entity_after);
            break;
        default: break;  // labels, relations and document labels change no entity span or label
    }
}

void Editor::touch_all() {
    touched_base_ = touched_mark() + 1;  // every earlier mark is now before the log
    touched_.clear();
}

bool Editor::touched_since(uint64_t mark, std::vector<std::pair<size_t, size_t>>& out) const {
    if (mark < touched_base_ || mark > touched_mark()) return false;
    out.insert(out.end(), touched_.begin() + static_cast<std::ptrdiff_t>(mark - touched_base_), touched_.end());
    return true;
}

void Editor::clear_history() {
    steps_ = Steps{};
    undo_.clear();
    redo_.clear();
    group_open_ = false;
    record(HistoryEvent::Kind::Reset);
}

void Editor::set_recording(bool on) {
    recording_ = on;
    events_.clear();
}

void Editor::record(HistoryEvent::Kind kind, Command cmd) {
    if (!recording_) return;
    if (kind == HistoryEvent::Kind::Reset) events_.clear();  // what came before is in no snapshot
    // More ops of the group whose Do or Extend is the last event not taken yet: the same event
    // (replayed all or none, as the group's slices are, and in one storage transaction either way).
    if (kind == HistoryEvent::Kind::Extend && !events_.empty() &&
        (events_.back().kind == HistoryEvent::Kind::Do || events_.back().kind == HistoryEvent::Kind::Extend)) {
        std::vector<Op>& ops = events_.back().command.ops;
        ops.insert(ops.end(), std::make_move_iterator(cmd.ops.begin()), std::make_move_iterator(cmd.ops.end()));
        return;
    }
    events_.push_back(HistoryEvent{kind, std::move(cmd)});
}

std::vector<HistoryEvent> Editor::take_events() {
    std::vector<HistoryEvent> out;
    out.swap(events_);
    return out;
}

Status Editor::replay(const HistoryEvent& event) {
    if (steps_.active) return make_error("an undo or redo is under way");
    switch (event.kind) {
        case HistoryEvent::Kind::Do:
        case HistoryEvent::Kind::Extend: {
            const bool extend = event.kind == HistoryEvent::Kind::Extend;
            if (extend && undo_.empty()) return make_error("nothing to extend: the undo history is empty");
            if (Status s = apply_all(event.command.ops); !s) return s;
            ++revision_;
            redo_.clear();
            if (extend) {
                auto& ops = undo_.back().ops;
                ops.insert(ops.end(), event.command.ops.begin(), event.command.ops.end());
            } else {
                undo_.push_back(event.command);
            }
            record(event.kind, event.command);
            return {};
        }
        case HistoryEvent::Kind::Undo:
            if (undo_.empty()) return make_error("nothing to undo");
            return undo() ? Status{} : make_error("the undo does not apply");
        case HistoryEvent::Kind::Redo:
            if (redo_.empty()) return make_error("nothing to redo");
            return redo() ? Status{} : make_error("the redo does not apply");
        case HistoryEvent::Kind::Discard:
            if (undo_.empty()) return make_error("nothing to discard");
            return undo_discard() ? Status{} : make_error("the discarded command does not undo");
        case HistoryEvent::Kind::Reset: break;
    }
    return make_error("a reset cannot be replayed");
}

Status Editor::check_label_exists(std::string_view label) const {
    if (!doc_.labels().find(label)) return make_error("unknown label \"" + std::string(label) + "\"");
    return {};
}

Op inverse(const Op& op) {
    Op r = op;
    if (op.kind == Op::Kind::SetDocLabels) {
        std::swap(r.doc_before, r.doc_after);
        return r;
    }
    const bool done = detail::kEntityOps.invert(r) || detail::kLabelOps.invert(r) || detail::kRelationOps.invert(r) ||
                      detail::kRelationTypeOps.invert(r) || detail::kDocLabelTypeOps.invert(r);
    AA_ASSERT(done, "every op kind belongs to a family of op_family.hpp");
    (void)done;
    return r;
}

namespace {
// The ops on relations, relation types and document labels (apply_op's second half).
Status apply_relation_op(Document& d, const Op& op) {
    switch (op.kind) {
        case Op::Kind::InsertRelation: return d.insert_relation(op.relation_after);
        case Op::Kind::EraseRelation:
        case Op::Kind::ReplaceRelation: {
            const Relation* r = d.relations().find(op.relation_before.id);
            if (!r || !(*r == op.relation_before))
                return make_error("relation \"" + op.relation_before.id + "\" is not as recorded");
            if (op.kind == Op::Kind::ReplaceRelation) return d.replace_relation(op.relation_after);
            d.erase_relation(op.relation_before.id);
            return {};
        }
        case Op::Kind::InsertRelationType: return d.insert_relation_type(op.label_index, op.type_after);
        case Op::Kind::EraseRelationType:
        case Op::Kind::ReplaceRelationType: {
            auto idx = d.relation_types().index_of(op.type_before.name);
            if (!idx || !(d.relation_types()[*idx] == op.type_before))
                return make_error("relation type \"" + op.type_before.name + "\" is not as recorded");
            if (op.kind == Op::Kind::ReplaceRelationType) return d.replace_relation_type(*idx, op.type_after);
            if (size_t n = d.relations().count_type(op.type_before.name))
                return make_error("relation type " + op.type_before.name + " is used by " + std::to_string(n) +
                                  (n == 1 ? " relation" : " relations"));
            d.erase_relation_type(*idx);
            return {};
        }
        case Op::Kind::InsertDocLabelType: return d.insert_doc_label_type(op.label_index, op.label_after);
        case Op::Kind::EraseDocLabelType:
        case Op::Kind::ReplaceDocLabelType: {
            auto idx = d.doc_label_types().index_of(op.label_before.name);
            if (!idx || !(d.doc_label_types()[*idx] == op.label_before))
                return make_error("document label \"" + op.label_before.name + "\" is not as recorded");
            if (op.kind == Op::Kind::ReplaceDocLabelType) return d.replace_doc_label_type(*idx, op.label_after);
            const auto& chosen = d.doc_labels().chosen;
            if (std::find(chosen.begin(), chosen.end(), op.label_before.name) != chosen.end())
                return make_error("document label " + op.label_before.name + " is chosen");
            d.erase_doc_label_type(*idx);
            return {};
        }
        case Op::Kind::SetDocLabels:
            if (!(d.doc_labels() == op.doc_before)) return make_error("the document labels are not as recorded");
            return d.set_doc_labels(op.doc_after);
        default: break;
    }
    return {};
}
}  // namespace

namespace {
Status insert_recorded(Document& d, const Entity& e) {
    auto r = d.insert_entity(e);
    if (!r.ok()) return r.error();
    return {};
}

// The entity erased must be the one recorded, or undoing would restore something else.
Status erase_recorded(Document& d, const Entity& recorded) {
    const Entity* e = d.entities().find(recorded.id);
    if (!e || !(*e == recorded)) return make_error("entity \"" + recorded.id + "\" is not as recorded");
    if (size_t n = d.relations().touching(e->id).size())
        return make_error("entity \"" + e->id + "\" has " + std::to_string(n) + (n == 1 ? " relation" : " relations"));
    d.erase_entity(recorded.id);
    return {};
}

enum class EntityEdit { Other, Insert, Erase };

// What `op`, applied forward or inverted (undone), does to the entities, and the entity it
// inserts or erases: an undo reads its ops where they are, not copies of their inverses.
EntityEdit entity_edit(const Op& op, bool inverted, const Entity*& e) {
    if (op.kind == Op::Kind::InsertEntity) {
        e = &op.entity_after;
        return inverted ? EntityEdit::Erase : EntityEdit::Insert;
    }
    if (op.kind == Op::Kind::EraseEntity) {
        e = &op.entity_before;
        return inverted ? EntityEdit::Insert : EntityEdit::Erase;
    }
    return EntityEdit::Other;
}
}  // namespace

Status apply_op(Document& d, const Op& op) {
    switch (op.kind) {
        case Op::Kind::InsertEntity: return insert_recorded(d, op.entity_after);
        case Op::Kind::EraseEntity: return erase_recorded(d, op.entity_before);
        case Op::Kind::ReplaceEntity: {
            const Entity* e = d.entities().find(op.entity_before.id);
            if (!e || !(*e == op.entity_before))
                return make_error("entity \"" + op.entity_before.id + "\" is not as recorded");
            return d.replace_entity(op.entity_after);
        }
        case Op::Kind::InsertLabel: return d.insert_label(op.label_index, op.label_after);
        case Op::Kind::EraseLabel:
        case Op::Kind::ReplaceLabel: {
            auto idx = d.labels().index_of(op.label_before.name);
            if (!idx || !(d.labels()[*idx] == op.label_before))
                return make_error("label \"" + op.label_before.name + "\" is not as recorded");
            if (op.kind == Op::Kind::EraseLabel) {
                d.erase_label(*idx);
                return {};
            }
            return d.replace_label(*idx, op.label_after);
        }
        default: return apply_relation_op(d, op);
    }
    return {};
}

// ops[from, to) of the order apply_all goes in: entity inserts (or erases) all, at once in the
// store (one rebuild of its tree instead of to - from edits), when each applies; false and nothing
// changed otherwise (one by one, the op that fails then says why).
bool Editor::apply_entity_run(std::span<const Op> ops, bool inverted, size_t from, size_t to) {
    const size_t n = ops.size();
    const Entity* e = nullptr;
    if (entity_edit(ops[inverted ? n - 1 - from : from], inverted, e) == EntityEdit::Insert) {
        std::vector<Entity> es;
        es.reserve(to - from);
        for (size_t p = from; p < to; ++p) {
            (void)entity_edit(ops[inverted ? n - 1 - p : p], inverted, e);
            es.push_back(*e);
        }
        return doc_.insert_entities(std::move(es)).ok();
    }
    // Erases: each entity as recorded, none twice, none with a relation (the relations' ends read once).
    std::unordered_set<std::string_view> linked;
    for (const auto& [id, r] : doc_.relations().all()) {
        linked.insert(r.from);
        linked.insert(r.to);
    }
    const EntityStore& store = doc_.entities();
    std::vector<Slot> slots;
    slots.reserve(to - from);
    for (size_t p = from; p < to; ++p) {
        (void)entity_edit(ops[inverted ? n - 1 - p : p], inverted, e);
        const std::optional<Slot> s = store.slot_of(e->id);
        if (!s || !(store.get(*s) == *e) || linked.count(e->id)) return false;
        slots.push_back(*s);
    }
    std::vector<Slot> sorted = slots;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
    doc_.erase_entity_slots(slots);
    return true;
}

Status Editor::apply_all(std::span<const Op> ops, bool inverted) {
    const size_t n = ops.size();
    auto at = [&](size_t p) -> const Op& { return ops[inverted ? n - 1 - p : p]; };
    const Entity* e = nullptr;
    for (size_t p = 0; p < n;) {
        // A run of entity inserts or erases: at once when that pays (a group's undo or redo).
        const EntityEdit kind = entity_edit(at(p), inverted, e);
        size_t q = p + 1;
        if (kind != EntityEdit::Other)
            while (q < n && entity_edit(at(q), inverted, e) == kind) ++q;
        if (kind != EntityEdit::Other && doc_.entities().rebuild_pays(q - p) && apply_entity_run(ops, inverted, p, q)) {
            p = q;
            continue;
        }
        for (; p < q; ++p) {
            const EntityEdit k = entity_edit(at(p), inverted, e);
            Status s = k == EntityEdit::Insert  ? insert_recorded(doc_, *e)
                       : k == EntityEdit::Erase ? erase_recorded(doc_, *e)
                                                : apply_op(doc_, inverted ? inverse(at(p)) : at(p));
            if (s) continue;
            for (size_t r = p; r-- > 0;) {  // what was applied, undone
                Status back = apply_op(doc_, inverted ? at(r) : inverse(at(r)));
                AA_ASSERT(back.ok(), "undoing an op that was just applied cannot fail");
                (void)back;
            }
            return s;
        }
    }
    if (n > kTouchedMax) {
        touch_all();  // more than the log keeps: every cache starts again, as it would have
    } else {
        for (const Op& op : ops) touch(op);  // an inverse touches the same spans
    }
    return {};
}

Status Editor::run(Command cmd) {
    if (steps_.active) return make_error("wait for the undo or redo under way to end");
    if (Status s = apply_all(cmd.ops); !s) return s;
    ++revision_;
    redo_.clear();
    if (group_depth_ > 0) {
        if (!group_open_) {
            undo_.push_back(Command{group_name_, {}});
            undo_.back().ops.reserve(group_ops_expected_);
            group_open_ = true;
            group_recorded_ = false;
        }
        if (recording_ && !cmd.ops.empty()) {
            // The group's first ops are its Do (with the group's name), later ones Extend it.
            const bool first = !group_recorded_;
            group_recorded_ = true;
            record(first ? HistoryEvent::Kind::Do : HistoryEvent::Kind::Extend,
                   Command{first ? group_name_ : std::string(), cmd.ops});
        }
        auto& ops = undo_.back().ops;
        ops.insert(ops.end(), std::make_move_iterator(cmd.ops.begin()), std::make_move_iterator(cmd.ops.end()));
    } else {
        if (recording_) record(HistoryEvent::Kind::Do, cmd);
        undo_.push_back(std::move(cmd));
    }
    return {};
}

void Editor::begin_group(std::string name, size_t ops_expected) {
    if (group_depth_++ == 0) {
        group_name_ = std::move(name);
        group_ops_expected_ = ops_expected;
        group_open_ = false;
    }
}

void Editor::end_group() {
    AA_ASSERT(group_depth_ > 0, "end_group without begin_group");
    if (--group_depth_ == 0) {
        if (group_open_ && undo_.back().ops.empty()) undo_.pop_back();
        group_open_ = false;
    }
}

const std::string& Editor::undo_name() const { return undo_.empty() ? kEmpty : undo_.back().name; }
const std::string& Editor::redo_name() const { return redo_.empty() ? kEmpty : redo_.back().name; }

bool Editor::undo() {
    if (undo_.empty() || group_depth_ > 0 || steps_.active) return false;
    Command cmd = std::move(undo_.back());
    undo_.pop_back();
    Status s = apply_all(cmd.ops, true);
    AA_ASSERT(s.ok(), "undo of a recorded command cannot fail");
    if (!s) {  // the document is unchanged (apply_all is all or none): keep the command too
        undo_.push_back(std::move(cmd));
        return false;
    }
    redo_.push_back(std::move(cmd));
    ++revision_;
    record(HistoryEvent::Kind::Undo);
    return true;
}

bool Editor::undo_discard() {
    if (!undo()) return false;
    redo_.pop_back();                    // the command undo() just moved there
    if (recording_) events_.pop_back();  // its Undo event: a Discard instead
    record(HistoryEvent::Kind::Discard);
    return true;
}

bool Editor::redo() {
    if (redo_.empty() || group_depth_ > 0 || steps_.active) return false;
    Command cmd = std::move(redo_.back());
    redo_.pop_back();
    Status s = apply_all(cmd.ops);
    AA_ASSERT(s.ok(), "redo of a recorded command cannot fail");
    if (!s) {
        redo_.push_back(std::move(cmd));
        return false;
    }
    undo_.push_back(std::move(cmd));
    ++revision_;
    record(HistoryEvent::Kind::Redo);
    return true;
}

bool Editor::begin_steps(bool redo) {
    if (steps_.active || group_depth_ > 0 || (redo ? redo_.empty() : undo_.empty())) return false;
    steps_ = Steps{true, redo, 0};
    return true;
}

// An undo applies the inverses from the command's last op: what it applied is the command's tail;
// a redo's is its head.
std::span<const Op> Editor::steps_applied() const {
    const std::span<const Op> ops(steps_top().ops);
    return steps_.redo ? ops.first(steps_.done) : ops.last(steps_.done);
}

Result<bool> Editor::step(size_t max_ops) {
    AA_ASSERT(steps_.active, "step() without begin_steps()");
    const std::vector<Op>& ops = steps_top().ops;
    const size_t n = ops.size();
    const bool inverted = !steps_.redo;
    const size_t end = steps_.done + std::min(max_ops, n - steps_.done);
    const Entity* e = nullptr;
    const bool any = steps_.done < end;
    for (; steps_.done < end; ++steps_.done) {
        const Op& op = ops[inverted ? n - 1 - steps_.done : steps_.done];
        const EntityEdit k = entity_edit(op, inverted, e);
        Status s = k == EntityEdit::Insert  ? insert_recorded(doc_, *e)
                   : k == EntityEdit::Erase ? erase_recorded(doc_, *e)
                                            : apply_op(doc_, inverted ? inverse(op) : op);
        AA_ASSERT(s.ok(), "an op of a recorded command cannot fail");
        if (!s) {
            cancel_steps();
            return s.error();
        }
        touch(op);  // an inverse touches the same spans
    }
    if (any) ++revision_;
    if (steps_.done < n) return false;
    end_steps();
    return true;
}

void Editor::end_steps() {
    const bool redo = steps_.redo;
    steps_ = Steps{};
    std::vector<Command>& from = redo ? redo_ : undo_;
    std::vector<Command>& to = redo ? undo_ : redo_;
    to.push_back(std::move(from.back()));
    from.pop_back();
    ++revision_;
    record(redo ? HistoryEvent::Kind::Redo : HistoryEvent::Kind::Undo);
}

void Editor::finish_steps() {
    if (!steps_.active) return;
    const std::span<const Op> ops(steps_top().ops);
    const size_t left = ops.size() - steps_.done;
    // What is left of an undo is the command's head (its inverses, from its end), of a redo its tail.
    Status s = steps_.redo ? apply_all(ops.last(left)) : apply_all(ops.first(left), true);
    AA_ASSERT(s.ok(), "an op of a recorded command cannot fail");
    if (!s) {
        cancel_steps();
        return;
    }
    end_steps();
}

void Editor::cancel_steps() {
    if (!steps_.active) return;
    // What was applied, put back: an undo's ops done again in their order, a redo's undone.
    Status s = steps_.redo ? apply_all(steps_applied(), true) : apply_all(steps_applied());
    AA_ASSERT(s.ok(), "putting back ops that were just applied cannot fail");
    (void)s;
    steps_ = Steps{};
    ++revision_;
}

void Editor::set_history(std::vector<Command> undo, std::vector<Command> redo) {
    steps_ = Steps{};  // the history they were of is replaced
    // A saved history may not fit the document it is restored with (a file edited by hand, a
    // save from another document). Keep only what replays: undo the undo stack from its top and
    // redo the redo stack from its top, each until a command fails, drop that command and all
    // below it, and put the document back. Undo and redo can then never fail on this document.
    size_t undone = 0;
    while (undone < undo.size() && apply_all(undo[undo.size() - 1 - undone].ops, true).ok()) ++undone;
    for (size_t i = undo.size() - undone; i < undo.size(); ++i) {
        Status back = apply_all(undo[i].ops);
        AA_ASSERT(back.ok(), "redoing a command that was just undone cannot fail");
        (void)back;
    }
    undo.erase(undo.begin(), undo.begin() + static_cast<std::ptrdiff_t>(undo.size() - undone));

    size_t redone = 0;
    while (redone < redo.size() && apply_all(redo[redo.size() - 1 - redone].ops).ok()) ++redone;
    for (size_t i = redo.size() - redone; i < redo.size(); ++i) {  // the last one applied first
        Status back = apply_all(redo[i].ops, true);
        AA_ASSERT(back.ok(), "undoing a command that was just redone cannot fail");
        (void)back;
    }
    redo.erase(redo.begin(), redo.begin() + static_cast<std::ptrdiff_t>(redo.size() - redone));

    undo_ = std::move(undo);
    redo_ = std::move(redo);
    group_open_ = false;
    record(HistoryEvent::Kind::Reset);
    touch_all();  // undone and redone to check: caches start again rather than read every span twice
    ++revision_;  // same content, but entities were erased and re-inserted: their slots changed
}

// ---- [SECTION] entities ----

Result<std::string> Editor::add_entity(size_t start, size_t end, std::string_view label) {
    if (Status s = check_label_exists(label); !s) return s.error();
    if (Status s = doc_.check_span(start, end); !s) return s.error();
    Op op;
    op.kind = Op::Kind::InsertEntity;
    op.entity_after.id = doc_.entities().next_id();
    op.entity_after.start = start;
    op.entity_after.end = end;
    op.entity_after.label = std::string(label);
    stamp(op.entity_after.annotator, op.entity_after.created);
    std::string id = op.entity_after.id;
    std::string name = "Add " + std::string(label) + " " + quoted_excerpt(doc_.text().slice(start, end));
    if (Status s = run(Command{std::move(name), {std::move(op)}}); !s) return s.error();
    return id;
}

Result<size_t> Editor::add_entities(const std::vector<std::pair<size_t, size_t>>& spans, std::string_view label,
                                    std::string name) {
    if (spans.empty()) return size_t{0};
    if (Status s = check_label_exists(label); !s) return s.error();
    Command cmd;
    cmd.name = name.empty() ? "Add " + std::to_string(spans.size()) + " " + std::string(label) : std::move(name);
    cmd.ops.reserve(spans.size());
    std::vector<std::string> ids;
    ids.reserve(spans.size());
    doc_.entities().next_ids(spans.size(), ids);
    for (size_t i = 0; i < spans.size(); ++i) {
        const auto [start, end] = spans[i];
        if (Status s = doc_.check_span(start, end); !s) return s.error();
        Op& op = cmd.ops.emplace_back();
        op.kind = Op::Kind::InsertEntity;
        op.entity_after.id = std::move(ids[i]);
        op.entity_after.start = start;
        op.entity_after.end = end;
        op.entity_after.label = std::string(label);
        stamp(op.entity_after.annotator, op.entity_after.created);
    }
    if (Status s = run(std::move(cmd)); !s) return s.error();
    return spans.size();
}

Status Editor::remove_entity(std::string_view id, RelationsOfEntity policy) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Command cmd;
    cmd.name = "Delete " + e->label + " " + quoted_excerpt(doc_.text_of(*e));
    const size_t linked = doc_.relations().touching(id).size();
    if (linked > 0 && policy == RelationsOfEntity::Refuse)
        return make_error(quoted_excerpt(doc_.text_of(*e)) + " has " + std::to_string(linked) +
                          (linked == 1 ? " relation" : " relations") + ": delete them too, or keep the entity");
    erase_relations_of(id, cmd.ops);
    Op op;
    op.kind = Op::Kind::EraseEntity;
    op.entity_before = *e;
    cmd.ops.push_back(std::move(op));
    return run(std::move(cmd));
}

Status Editor::update_entity(const Entity& updated, std::string name) {
    const Entity* e = doc_.entities().find(updated.id);
    if (!e) return make_error("no entity with id \"" + updated.id + "\"");
    if (*e == updated) return {};
    if (updated.label != e->label)
        if (Status s = check_label_exists(updated.label); !s) return s;
    Op op;
    op.kind = Op::Kind::ReplaceEntity;
    op.entity_before = *e;
    op.entity_after = updated;
    if (name.empty()) name = "Edit " + e->label + " " + quoted_excerpt(doc_.text_of(*e));
    return run(Command{std::move(name), {std::move(op)}});
}

Status Editor::set_label(std::string_view id, std::string_view label) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Entity u = *e;
    u.label = std::string(label);
    return update_entity(u, "Relabel " + quoted_excerpt(doc_.text_of(*e)) + " as " + std::string(label));
}

Status Editor::set_span(std::string_view id, size_t start, size_t end) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    if (Status s = doc_.check_span(start, end); !s) return s;
    Entity u = *e;
    u.start = start;
    u.end = end;
    return update_entity(u, "Resize " + e->label + " " + quoted_excerpt(doc_.text().slice(start, end)));
}

Status Editor::set_note(std::string_view id, std::string note) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Entity u = *e;
    u.note = std::move(note);
    return update_entity(u, "Note on " + quoted_excerpt(doc_.text_of(*e)));
}

Status Editor::set_kb_id(std::string_view id, std::string kb_id) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Entity u = *e;
    u.kb_id = std::move(kb_id);
    return update_entity(u, "Link " + quoted_excerpt(doc_.text_of(*e)));
}

Status Editor::set_locked(std::string_view id, bool locked) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Entity u = *e;
    u.locked = locked;
    return update_entity(u, (locked ? "Lock " : "Unlock ") + quoted_excerpt(doc_.text_of(*e)));
}

Status Editor::set_attributes(std::string_view id, Attributes attributes) {
    const Entity* e = doc_.entities().find(id);
    if (!e) return make_error("no entity with id \"" + std::string(id) + "\"");
    Entity u = *e;
    u.attributes = std::move(attributes);
    return update_entity(u, "Attributes of " + quoted_excerpt(doc_.text_of(*e)));
}

// ---- [SECTION] labels ----

Status Editor::add_label(Label label) {
    std::string name = detail::kLabelOps.add_name(label);
    return run(Command{std::move(name), {detail::kLabelOps.insert_op(std::move(label), doc_.labels().size())}});
}

Status Editor::update_label(std::string_view name, Label updated) {
    auto idx = doc_.labels().index_of(name);
    if (!idx) return detail::kLabelOps.unknown(name);
    const Label& old = doc_.labels()[*idx];
    if (old == updated) return {};
    Command cmd{detail::kLabelOps.edit_name(old, updated), {detail::kLabelOps.replace_op(old, updated, *idx)}};
    if (updated.name != old.name) {
        for (Slot s : doc_.entities().ordered()) {
            const Entity& e = doc_.entities().get(s);
            if (e.label != old.name) continue;
            Entity relabelled = e;
            relabelled.label = updated.name;
            cmd.ops.push_back(detail::kEntityOps.replace_op(e, std::move(relabelled)));
        }
        // Relation types that allow the label at an end keep allowing it under its new name.
        for (size_t ti = 0; ti < doc_.relation_types().size(); ++ti) {
            const RelationType& t = doc_.relation_types()[ti];
            RelationType u = t;
            for (auto* list : {&u.sources, &u.targets})
                for (std::string& l : *list)
                    if (l == old.name) l = updated.name;
            if (u == t) continue;
            cmd.ops.push_back(detail::kRelationTypeOps.replace_op(t, std::move(u), ti));
        }
    }
    return run(std::move(cmd));
}

Status Editor::remove_label(std::string_view name, LabelInUse policy, std::string_view relabel_to) {
    auto idx = doc_.labels().index_of(name);
    if (!idx) return detail::kLabelOps.unknown(name);
    const size_t used = doc_.entities().count_label(name);
    if (used > 0 && policy == LabelInUse::Refuse)
        return make_error("label " + std::string(name) + " is used by " + std::to_string(used) +
                          (used == 1 ? " entity" : " entities") + ": delete or relabel them first");
    if (policy == LabelInUse::Relabel && used > 0) {
        if (relabel_to == name) return make_error("cannot relabel " + std::string(name) + " to itself");
        if (Status s = check_label_exists(relabel_to); !s) return s;
    }
    Command cmd{detail::kLabelOps.delete_name(name), {}};
    for (Slot s : doc_.entities().ordered()) {
        const Entity& e = doc_.entities().get(s);
        if (e.label != name) continue;
        // Relabelling onto a span that already has the new label would duplicate it: drop it.
        if (policy == LabelInUse::DeleteEntities || doc_.entities().contains_span(e.start, e.end, relabel_to)) {
            erase_relations_of(e.id, cmd.ops);
            cmd.ops.push_back(detail::kEntityOps.erase_op(e));
        } else {
            Entity relabelled = e;
            relabelled.label = std::string(relabel_to);
            cmd.ops.push_back(detail::kEntityOps.replace_op(e, std::move(relabelled)));
        }
    }
    cmd.ops.push_back(detail::kLabelOps.erase_op(doc_.labels()[*idx], *idx));
    return run(std::move(cmd));
}

Status Editor::apply_preset(Preset preset) {
    Command cmd;
    cmd.name = std::string("Add ") + preset_name(preset) + " labels";
    LabelSet probe = doc_.labels();
    for (Label l : preset_labels(preset)) {
        if (probe.find(l.name)) continue;
        if (probe.by_key(l.key)) l.key.clear();
        cmd.ops.push_back(detail::kLabelOps.insert_op(l, probe.size()));
        if (Status s = probe.insert(probe.size(), l); !s) return s;
    }
    if (cmd.ops.empty()) return {};
    return run(std::move(cmd));
}

}  // namespace aa
