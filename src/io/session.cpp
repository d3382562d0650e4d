// The autosave session format: serialisation of Commands/Ops, and the replay check that decides
// whether a saved history may be trusted. The check replays on a copy with core's apply_op and
// inverse (the Editor's own) because Editor::undo asserts that a recorded command cannot fail.
//
// [SECTION] op kinds  [SECTION] writing  [SECTION] reading  [SECTION] the replay check
#include "io/session.hpp"

#include <algorithm>

#include "io/json_read.hpp"
#include "io/native_json.hpp"
#include "io/session_ops.hpp"
#include "io/suggest_json.hpp"

namespace aa::io {
namespace {

// ---- [SECTION] op kinds ----

using json::ojson;

constexpr const char* kSessionMark = "article-annotator-session";

const char* kind_name(Op::Kind k) {
    switch (k) {
        case Op::Kind::InsertEntity: return "insert_entity";
        case Op::Kind::EraseEntity: return "erase_entity";
        case Op::Kind::ReplaceEntity: return "replace_entity";
        case Op::Kind::InsertLabel: return "insert_label";
        case Op::Kind::EraseLabel: return "erase_label";
        case Op::Kind::ReplaceLabel: return "replace_label";
        case Op::Kind::InsertRelation: return "insert_relation";
        case Op::Kind::EraseRelation: return "erase_relation";
        case Op::Kind::ReplaceRelation: return "replace_relation";
        case Op::Kind::InsertRelationType: return "insert_relation_type";
        case Op::Kind::EraseRelationType: return "erase_relation_type";
        case Op::Kind::ReplaceRelationType: return "replace_relation_type";
        case Op::Kind::InsertDocLabelType: return "insert_doc_label_type";
        case Op::Kind::EraseDocLabelType: return "erase_doc_label_type";
        case Op::Kind::ReplaceDocLabelType: return "replace_doc_label_type";
        case Op::Kind::SetDocLabels: return "set_doc_labels";
    }
    return "";
}

constexpr Op::Kind kAllKinds[] = {
    Op::Kind::InsertEntity,       Op::Kind::EraseEntity,       Op::Kind::ReplaceEntity,
    Op::Kind::InsertLabel,        Op::Kind::EraseLabel,        Op::Kind::ReplaceLabel,
    Op::Kind::InsertRelation,     Op::Kind::EraseRelation,     Op::Kind::ReplaceRelation,
    Op::Kind::InsertRelationType, Op::Kind::EraseRelationType, Op::Kind::ReplaceRelationType,
    Op::Kind::InsertDocLabelType, Op::Kind::EraseDocLabelType, Op::Kind::ReplaceDocLabelType,
    Op::Kind::SetDocLabels};

std::optional<Op::Kind> parse_kind(std::string_view s) {
    for (auto k : kAllKinds)
        if (s == kind_name(k)) return k;
    return std::nullopt;
}

// What an op's "before" and "after" hold.
enum class Payload { Entity, Label, Relation, RelationType, DocLabels };
Payload payload_of(Op::Kind k) {
    switch (k) {
        case Op::Kind::InsertEntity:
        case Op::Kind::EraseEntity:
        case Op::Kind::ReplaceEntity: return Payload::Entity;
        case Op::Kind::InsertRelation:
        case Op::Kind::EraseRelation:
        case Op::Kind::ReplaceRelation: return Payload::Relation;
        case Op::Kind::InsertRelationType:
        case Op::Kind::EraseRelationType:
        case Op::Kind::ReplaceRelationType: return Payload::RelationType;
        case Op::Kind::SetDocLabels: return Payload::DocLabels;
        default: return Payload::Label;  // labels and document label types
    }
}
// Ops on things kept in order record the position ("index"), as the editor does for every op of
// their kind.
bool has_index(Op::Kind k) { return payload_of(k) == Payload::Label || payload_of(k) == Payload::RelationType; }
bool has_before(Op::Kind k) {
    switch (k) {
        case Op::Kind::InsertEntity:
        case Op::Kind::InsertLabel:
        case Op::Kind::InsertRelation:
        case Op::Kind::InsertRelationType:
        case Op::Kind::InsertDocLabelType: return false;
        default: return true;
    }
}
bool has_after(Op::Kind k) {
    switch (k) {
        case Op::Kind::EraseEntity:
        case Op::Kind::EraseLabel:
        case Op::Kind::EraseRelation:
        case Op::Kind::EraseRelationType:
        case Op::Kind::EraseDocLabelType: return false;
        default: return true;
    }
}

// ---- [SECTION] writing ----

ojson entity_json(const Entity& e) { return native::entity_json(e, e.start, e.end, std::nullopt); }

ojson payload_json(const Op& op, bool before) {
    switch (payload_of(op.kind)) {
        case Payload::Entity: return entity_json(before ? op.entity_before : op.entity_after);
        case Payload::Label: return native::label_json(before ? op.label_before : op.label_after);
        case Payload::Relation: return native::relation_json(before ? op.relation_before : op.relation_after);
        case Payload::RelationType: return native::relation_type_json(before ? op.type_before : op.type_after);
        case Payload::DocLabels: return native::doc_labels_json(before ? op.doc_before : op.doc_after);
    }
    return {};
}

}  // namespace

ojson session_ops::op_json(const Op& op) {
    ojson o = ojson::object();
    o["kind"] = kind_name(op.kind);
    if (has_before(op.kind)) o["before"] = payload_json(op, true);
    if (has_after(op.kind)) o["after"] = payload_json(op, false);
    if (has_index(op.kind)) o["index"] = op.label_index;  // the editor records it for every such op
    return o;
}

void session_ops::append_op_json(std::string& out, const Op& op) {
    if (payload_of(op.kind) != Payload::Entity) {  // rare in a history: the value, dumped
        out += json::dump(op_json(op));
        return;
    }
    out += "{\"kind\":";
    native::append_string(out, kind_name(op.kind));
    if (has_before(op.kind)) {
        out += ",\"before\":";
        native::append_entity_json(out, op.entity_before);
    }
    if (has_after(op.kind)) {
        out += ",\"after\":";
        native::append_entity_json(out, op.entity_after);
    }
    out += '}';  // entity ops have no index (has_index)
}

namespace {

ojson commands_json(const std::vector<Command>& cmds) {
    ojson arr = ojson::array();
    for (const Command& c : cmds) {
        ojson ops = ojson::array();
        for (const Op& op : c.ops) ops.push_back(session_ops::op_json(op));
        ojson co = ojson::object();
        co["name"] = c.name;
        co["ops"] = std::move(ops);
        arr.push_back(std::move(co));
    }
    return arr;
}

// ---- [SECTION] reading ----

std::optional<Attributes> read_attributes(const ojson& obj, const JsonPath& path, json::Reporter& r) {
    auto it = obj.find("attributes");
    if (it == obj.end()) return Attributes{};
    const JsonPath p = path / std::string("attributes");
    if (!json::require_object(*it, p, r)) return std::nullopt;
    Attributes out;
    for (auto a = it->begin(); a != it->end(); ++a) {
        if (!a.value().is_string()) {
            r.error(p / a.key(), "expected a string, got " + json::describe(a.value(), r.raw(p / a.key())));
            return std::nullopt;
        }
        out.emplace_back(a.key(), a.value().get<std::string>());
    }
    return out;
}

std::optional<Entity> read_entity(const ojson& v, const JsonPath& p, json::Reporter& r) {
    if (!json::require_object(v, p, r)) return std::nullopt;
    Entity e;
    auto id = json::get_string(v, p, "id", true, r);
    auto start = json::get_uint(v, p, "start", true, r);
    auto end = json::get_uint(v, p, "end", true, r);
    auto label = json::get_string(v, p, "label", true, r);
    auto note = json::get_string(v, p, "note", false, r);
    auto kb = json::get_string(v, p, "kb_id", false, r);
    auto annotator = json::get_string(v, p, "annotator", false, r);
    auto created = json::get_string(v, p, "created", false, r);
    auto attrs = read_attributes(v, p, r);
    if (!id || !start || !end || !label || !attrs) return std::nullopt;
    if (auto it = v.find("locked"); it != v.end()) {
        if (!it->is_boolean()) {
            r.error(p / std::string("locked"),
                    "expected true or false, got " + json::describe(*it, r.raw(p / std::string("locked"))));
            return std::nullopt;
        }
        e.locked = it->get<bool>();
    }
    if (*start > SIZE_MAX || *end > SIZE_MAX) {
        r.error(p, "offset too large");
        return std::nullopt;
    }
    e.id = *id;
    e.start = static_cast<size_t>(*start);
    e.end = static_cast<size_t>(*end);
    e.label = *label;
    if (note) e.note = *note;
    if (kb) e.kb_id = *kb;
    if (annotator) e.annotator = *annotator;
    if (created) e.created = *created;
    e.attributes = std::move(*attrs);
    return e;
}

// Moves what a reader read into the op's field; false (the field unchanged) when it read nothing.
template <class T>
bool read_into(std::optional<T> read, T& field) {
    if (read) field = std::move(*read);
    return read.has_value();
}

bool read_payload(const ojson& v, const JsonPath& p, json::Reporter& r, Op& op, bool before) {
    switch (payload_of(op.kind)) {
        case Payload::Entity: return read_into(read_entity(v, p, r), before ? op.entity_before : op.entity_after);
        case Payload::Label:
            return read_into(native::label_from_json(v, p, r), before ? op.label_before : op.label_after);
        case Payload::Relation:
            return read_into(native::relation_from_json(v, p, r), before ? op.relation_before : op.relation_after);
        case Payload::RelationType:
            return read_into(native::relation_type_from_json(v, p, r), before ? op.type_before : op.type_after);
        case Payload::DocLabels:
            return read_into(native::doc_labels_from_json(v, p, r), before ? op.doc_before : op.doc_after);
    }
    return false;
}

}  // namespace

std::optional<Op> session_ops::read_op(const ojson& oj, const JsonPath& op_path, json::Reporter& r) {
    if (!json::require_object(oj, op_path, r)) return std::nullopt;
    auto kind_s = json::get_string(oj, op_path, "kind", true, r);
    if (!kind_s) return std::nullopt;
    auto kind = parse_kind(*kind_s);
    if (!kind) {
        r.error(op_path / std::string("kind"), "unknown op " + json::quote(*kind_s));
        return std::nullopt;
    }
    Op op;
    op.kind = *kind;
    for (const char* side : {"before", "after"}) {
        const bool wanted = std::string_view(side) == "before" ? has_before(*kind) : has_after(*kind);
        if (!wanted) continue;
        auto sv = oj.find(side);
        if (sv == oj.end()) {
            r.error(op_path, std::string("missing required field \"") + side + "\"");
            return std::nullopt;
        }
        const JsonPath sp = op_path / std::string(side);
        const bool before = std::string_view(side) == "before";
        if (!read_payload(*sv, sp, r, op, before)) return std::nullopt;
    }
    if (has_index(*kind)) {
        auto idx = json::get_uint(oj, op_path, "index", true, r);
        if (!idx) return std::nullopt;
        op.label_index = static_cast<size_t>(std::min<uint64_t>(*idx, SIZE_MAX));
    }
    return op;
}

namespace {

std::optional<std::vector<Command>> read_commands(const ojson& root, const char* key, json::Reporter& r) {
    std::vector<Command> out;
    auto it = root.find(key);
    if (it == root.end()) return out;
    const JsonPath base = JsonPath{} / std::string(key);
    if (!it->is_array()) {
        r.error(base, "expected an array, got " + json::describe(*it, r.raw(base)));
        return std::nullopt;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const ojson& cj = (*it)[i];
        const JsonPath cp = base / i;
        if (!json::require_object(cj, cp, r)) return std::nullopt;
        Command c;
        auto name = json::get_string(cj, cp, "name", true, r);
        auto ops = cj.find("ops");
        if (!name) return std::nullopt;
        if (ops == cj.end() || !ops->is_array()) {
            r.error(cp, "expected an array of ops in \"ops\"");
            return std::nullopt;
        }
        c.name = *name;
        for (size_t k = 0; k < ops->size(); ++k) {
            const ojson& oj = (*ops)[k];
            const JsonPath op_path = cp / std::string("ops") / k;
            auto op = session_ops::read_op(oj, op_path, r);
            if (!op) return std::nullopt;
            c.ops.push_back(std::move(*op));
        }
        out.push_back(std::move(c));
    }
    return out;
}

// ---- [SECTION] the replay check: the history's ops (core's apply_op) on a scratch document ----

bool same(const Document& a, const Document& b) {
    if (!(a.labels().all() == b.labels().all())) return false;
    if (!(a.relation_types().all() == b.relation_types().all()) || !(a.relations().all() == b.relations().all()))
        return false;
    if (!(a.doc_label_types().all() == b.doc_label_types().all()) || !(a.doc_labels() == b.doc_labels())) return false;
    const auto& oa = a.entities().ordered();
    const auto& ob = b.entities().ordered();
    if (oa.size() != ob.size()) return false;
    for (size_t i = 0; i < oa.size(); ++i)
        if (!(a.entities().get(oa[i]) == b.entities().get(ob[i]))) return false;
    return true;
}

// Undo everything, redo everything (undo stack then redo stack), undo the redo stack again: each
// step must apply and the document must come back to what was saved. "" when it replays.
std::string check_replay(const Document& doc, const std::vector<Command>& undo, const std::vector<Command>& redo) {
    Document d = doc;
    auto undo_cmd = [&](const Command& c) -> Status {
        for (size_t i = c.ops.size(); i-- > 0;)
            if (Status s = apply_op(d, inverse(c.ops[i])); !s) return s;
        return {};
    };
    auto redo_cmd = [&](const Command& c) -> Status {
        for (const Op& op : c.ops)
            if (Status s = apply_op(d, op); !s) return s;
        return {};
    };
    for (size_t i = undo.size(); i-- > 0;)
        if (Status s = undo_cmd(undo[i]); !s)
            return "undo of " + json::quote(undo[i].name) + " fails: " + s.error().message;
    for (const Command& c : undo)
        if (Status s = redo_cmd(c); !s) return "redo of " + json::quote(c.name) + " fails: " + s.error().message;
    if (!same(d, doc)) return "undoing and redoing the history does not give back the document";
    for (size_t i = redo.size(); i-- > 0;)
        if (Status s = redo_cmd(redo[i]); !s)
            return "redo of " + json::quote(redo[i].name) + " fails: " + s.error().message;
    for (const Command& c : redo)
        if (Status s = undo_cmd(c); !s) return "undo of " + json::quote(c.name) + " fails: " + s.error().message;
    if (!same(d, doc)) return "the redo history does not undo back to the document";
    return {};
}

}  // namespace

void SessionWriter::begin(const Editor& editor, std::optional<ViewPrefs> view, bool in_pieces) {
    view_ = std::move(view);
    in_pieces_ = in_pieces;
    pieces_.clear();
    out_.clear();
    // A piece's room with space for the step that passes its end (a step's budget of entities).
    out_.reserve(in_pieces ? kPieceBytes + kPieceBytes / 4 : editor.doc().entities().size() * 112 + 4096);
    out_ += "{\"format\":";
    out_ += json::dump(ojson(kSessionMark));
    out_ += ",\"version\":1,\"document\":";
    native::write_document_begin(out_, editor.doc());
    stage_ = Stage::Entities;
    next_ = 0;
    in_command_ = false;
    op_ = 0;
}

void SessionWriter::cut() {
    if (!in_pieces_ || out_.size() < kPieceBytes) return;
    pieces_.push_back(std::move(out_));
    out_ = std::string();
    out_.reserve(kPieceBytes + kPieceBytes / 4);
}

std::string SessionWriter::take() {
    if (pieces_.empty()) return std::move(out_);
    std::string whole;
    size_t size = out_.size();
    for (const std::string& p : pieces_) size += p.size();
    whole.reserve(size);
    for (const std::string& p : pieces_) whole += p;
    whole += out_;
    pieces_.clear();
    out_.clear();
    return whole;
}

std::vector<std::string> SessionWriter::take_pieces() {
    std::vector<std::string> out = std::move(pieces_);
    pieces_.clear();
    if (!out_.empty() || out.empty()) out.push_back(std::move(out_));
    out_.clear();
    return out;
}

bool SessionWriter::step(const Editor& editor, size_t budget) {
    const Document& doc = editor.doc();
    // In pieces, a piece is cut after at most this many entities or ops, whatever the budget.
    constexpr size_t kCutEvery = 256;
    size_t spent = 0;
    while (stage_ != Stage::Done && spent < budget) {
        cut();
        if (stage_ == Stage::Entities) {
            const size_t left = budget - spent;
            const size_t to = std::min(doc.entities().size(), next_ + (in_pieces_ ? std::min(left, kCutEvery) : left));
            native::write_document_entities(out_, doc, next_, to);
            spent += to - next_;
            next_ = to;
            if (next_ < doc.entities().size()) continue;
            native::write_document_end(out_, doc);
            out_ += ",\"undo\":[";
            stage_ = Stage::Undo;
            next_ = 0;
            continue;
        }
        // A command in pieces of its ops, which count against the budget: a labelling in slices is
        // one command of thousands of ops, too many for one step. The bytes are those of the
        // command's object dumped whole ({"name":...,"ops":[...]}, compact).
        const std::vector<Command>& cmds = stage_ == Stage::Undo ? editor.undo_stack() : editor.redo_stack();
        if (next_ < cmds.size()) {
            const Command& c = cmds[next_];
            if (!in_command_) {
                if (next_ > 0) out_ += ',';
                out_ += "{\"name\":";
                out_ += json::dump(ojson(c.name));
                out_ += ",\"ops\":[";
                in_command_ = true;
                op_ = 0;
                ++spent;
                continue;
            }
            const size_t left = budget - spent;
            const size_t from = op_, to = std::min(c.ops.size(), op_ + (in_pieces_ ? std::min(left, kCutEvery) : left));
            for (; op_ < to; ++op_) {
                if (op_ > 0) out_ += ',';
                session_ops::append_op_json(out_, c.ops[op_]);
            }
            spent += to - from;
            if (op_ < c.ops.size()) continue;
            out_ += "]}";
            in_command_ = false;
            ++next_;
            continue;
        }
        if (stage_ == Stage::Undo) {
            out_ += "],\"redo\":[";
            stage_ = Stage::Redo;
            next_ = 0;
            continue;
        }
        out_ += "],\"view\":";
        out_ += json::dump(view_ ? page::view_to_json(*view_) : ojson::object());
        out_ += "}\n";
        stage_ = Stage::Done;
    }
    return stage_ == Stage::Done;
}

std::string write_session(const Editor& editor, const std::optional<ViewPrefs>& view, bool with_text) {
    if (!with_text) {  // the snapshot's writer, in one piece
        SessionWriter w;
        w.begin(editor, view);
        while (!w.step(editor, ~size_t{0} >> 1)) {
        }
        return w.take();
    }
    ojson j = ojson::object();
    j["format"] = kSessionMark;
    j["version"] = 1;
    j["document"] = native::to_json(editor.doc());
    j["undo"] = commands_json(editor.undo_stack());
    j["redo"] = commands_json(editor.redo_stack());
    j["view"] = view ? page::view_to_json(*view) : ojson::object();
    return json::dump(j) + "\n";
}

Result<Session> read_session(std::string_view input, std::optional<std::string_view> text) {
    json::Reporter r(input);
    auto root = json::parse(input, r);
    Session session;
    std::optional<Document> doc;
    if (root) {
        if (!root->is_object()) {
            r.error({}, "expected an object at the top level, got " + json::describe(*root, r.raw({})));
        } else {
            if (auto f = json::get_string(*root, {}, "format", true, r); f && *f != kSessionMark)
                r.error(JsonPath{} / std::string("format"),
                        "expected \"article-annotator-session\", got " + json::quote(*f));
            if (auto v = json::get_uint(*root, {}, "version", true, r); v && *v != 1)
                r.error(JsonPath{} / std::string("version"),
                        "unsupported version " + std::to_string(*v) + " (this annotator reads version 1)");
            // Not a session at all (a native file given by mistake): say only that.
            const bool not_session = r.has_errors();
            auto d = root->find("document");
            if (not_session) {
                // nothing more to say
            } else if (d == root->end()) {
                r.error({}, "missing required field \"document\"");
            } else {
                if (text && d->is_object()) (*d)["text"] = std::string(*text);
                doc = native::from_json(*d, JsonPath{} / std::string("document"), r);
            }
        }
    }
    std::vector<Diagnostic> diags = r.finish();
    for (const Diagnostic& d : diags)
        if (d.is_error()) return d;
    session.warnings = std::move(diags);
    if (!doc) return make_error("the session holds no document");
    session.document = std::move(*doc);

    // History and view: damage here costs the history or the view, never the document.
    json::Reporter hr(input);
    auto undo = read_commands(*root, "undo", hr);
    auto redo = undo ? read_commands(*root, "redo", hr) : std::nullopt;
    if (auto v = root->find("view"); v != root->end())
        session.view = page::view_from_json(*v, JsonPath{} / std::string("view"), hr, false);
    std::vector<Diagnostic> hdiags = hr.finish();
    for (Diagnostic& d : hdiags) {
        if (d.is_error()) {
            d.severity = Diagnostic::Severity::Warning;
            d.message += "; the undo history was dropped";
        }
        session.warnings.push_back(std::move(d));
    }
    if (undo && redo) {
        std::string why = check_replay(session.document, *undo, *redo);
        if (why.empty()) {
            session.undo = std::move(*undo);
            session.redo = std::move(*redo);
        } else {
            Diagnostic d;
            d.severity = Diagnostic::Severity::Warning;
            d.message = "the undo history does not match the document (" + why + "); it was dropped";
            session.warnings.push_back(std::move(d));
        }
    }
    return session;
}

void restore_session(Editor& editor, Session session) {
    editor.reset(std::move(session.document));
    editor.set_history(std::move(session.undo), std::move(session.redo));
}

}  // namespace aa::io
