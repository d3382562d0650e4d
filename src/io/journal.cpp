// The autosave journal's records and their replay, and snapshots without the document's text.
// Ops are encoded as in the session (session.cpp's op_json / read_op), so that a history and a
// journal record can never disagree on what an op is.
#include "io/journal.hpp"

#include "io/json_read.hpp"
#include "io/native_json.hpp"
#include "io/session_ops.hpp"
#include "io/suggest_json.hpp"

namespace aa::io {
namespace {

using json::ojson;

const char* event_name(HistoryEvent::Kind k) {
    switch (k) {
        case HistoryEvent::Kind::Do: return "do";
        case HistoryEvent::Kind::Extend: return "extend";
        case HistoryEvent::Kind::Undo: return "undo";
        case HistoryEvent::Kind::Redo: return "redo";
        case HistoryEvent::Kind::Discard: return "discard";
        case HistoryEvent::Kind::Reset: return "reset";
    }
    return "";
}

}  // namespace

// The bytes of json::dump of {"seq", "t", "name" (do), "ops" (do, extend), "at" (when known)},
// written without building the value: a slice of a labelling is one record of hundreds of ops.
std::string encode_record(const JournalRecord& record) {
    std::string out = "{\"seq\":" + std::to_string(record.seq) + ",\"t\":";
    native::append_string(out, event_name(record.event.kind));
    const auto k = record.event.kind;
    if (k == HistoryEvent::Kind::Do) {
        out += ",\"name\":";
        native::append_string(out, record.event.command.name);
    }
    if (k == HistoryEvent::Kind::Do || k == HistoryEvent::Kind::Extend) {
        out += ",\"ops\":[";
        const std::vector<Op>& ops = record.event.command.ops;
        for (size_t i = 0; i < ops.size(); ++i) {
            if (i > 0) out += ',';
            session_ops::append_op_json(out, ops[i]);
        }
        out += ']';
    }
    if (!record.at.empty()) {
        out += ",\"at\":";
        native::append_string(out, record.at);
    }
    out += '}';
    return out;
}

Result<JournalRecord> decode_record(std::string_view input) {
    json::Reporter r(input);
    auto root = json::parse(input, r);
    JournalRecord out;
    if (root) {
        if (!root->is_object()) {
            r.error({}, "expected an object at the top level, got " + json::describe(*root, r.raw({})));
        } else {
            auto seq = json::get_uint(*root, {}, "seq", true, r);
            auto t = json::get_string(*root, {}, "t", true, r);
            if (seq) out.seq = *seq;
            if (auto at = json::get_string(*root, {}, "at", false, r)) out.at = *at;
            std::optional<HistoryEvent::Kind> kind;
            if (t) {
                for (auto k : {HistoryEvent::Kind::Do, HistoryEvent::Kind::Extend, HistoryEvent::Kind::Undo,
                               HistoryEvent::Kind::Redo, HistoryEvent::Kind::Discard})
                    if (*t == event_name(k)) kind = k;
                if (!kind) r.error(JsonPath{} / std::string("t"), "unknown record " + json::quote(*t));
            }
            if (kind) {
                out.event.kind = *kind;
                if (*kind == HistoryEvent::Kind::Do)
                    if (auto name = json::get_string(*root, {}, "name", true, r)) out.event.command.name = *name;
                if (*kind == HistoryEvent::Kind::Do || *kind == HistoryEvent::Kind::Extend) {
                    const JsonPath p = JsonPath{} / std::string("ops");
                    auto ops = root->find("ops");
                    if (ops == root->end() || !ops->is_array()) {
                        r.error({}, "expected an array of ops in \"ops\"");
                    } else {
                        for (size_t i = 0; i < ops->size(); ++i) {
                            auto op = session_ops::read_op((*ops)[i], p / i, r);
                            if (!op) break;
                            out.event.command.ops.push_back(std::move(*op));
                        }
                    }
                }
            }
        }
    }
    for (const Diagnostic& d : r.finish())
        if (d.is_error()) return d;
    return out;
}

ReplayReport replay_journal(Editor& editor, uint64_t after_seq, const std::vector<std::string>& records) {
    ReplayReport rep;
    uint64_t next = after_seq + 1;
    for (size_t i = 0; i < records.size(); ++i) {
        std::string why;
        auto rec = decode_record(records[i]);
        if (!rec.ok())
            why = rec.error().summary();
        else if (rec->seq != next)
            why = "expected record " + std::to_string(next) + ", found record " + std::to_string(rec->seq);
        else if (Status s = editor.replay(rec->event); !s)
            why = s.error().message;
        if (!why.empty()) {
            rep.dropped = records.size() - i;
            rep.why_dropped = "record " + std::to_string(next) + ": " + why;
            return rep;
        }
        if (!rec->at.empty()) editor.stamp_modified(rec->at);
        ++rep.applied;
        ++next;
    }
    return rep;
}

std::string write_snapshot(const Editor& editor, const std::optional<ViewPrefs>& view) {
    // Entities keep their own "text" (the native reader checks it against the document).
    return write_session(editor, view, false);
}

Result<Session> read_snapshot(std::string_view snapshot, std::string_view text) { return read_session(snapshot, text); }

std::string journal_key(uint64_t seq) {
    std::string digits = std::to_string(seq);
    return kJournalPrefix + std::string(digits.size() < 16 ? 16 - digits.size() : 0, '0') + digits;
}

std::string text_key(std::string_view text) {
    TextKeyHasher h;
    h.feed(text);
    return h.key();
}

void TextKeyHasher::feed(std::string_view bytes) {
    uint64_t h = h_;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h_ = h;
    size_ += bytes.size();
}

std::string TextKeyHasher::key() const {
    static const char* hex = "0123456789abcdef";
    std::string out = "text-";
    for (int shift = 60; shift >= 0; shift -= 4) out += hex[(h_ >> shift) & 0xF];
    return out + "-" + std::to_string(size_);
}

std::string write_head(const JournalHead& head) {
    ojson j = ojson::object();
    j["layout"] = 2;
    j["seq"] = head.seq;
    j["text"] = head.text;
    j["view"] = head.view ? page::view_to_json(*head.view) : ojson::object();
    return json::dump(j);
}

Result<JournalHead> read_head(std::string_view input) {
    json::Reporter r(input);
    auto root = json::parse(input, r);
    JournalHead out;
    if (root && !root->is_object())
        r.error({}, "expected an object at the top level, got " + json::describe(*root, r.raw({})));
    if (root && root->is_object()) {
        if (auto layout = json::get_uint(*root, {}, "layout", true, r); layout && *layout != 2)
            r.error(JsonPath{} / std::string("layout"),
                    "unsupported layout " + std::to_string(*layout) + " (this annotator reads layout 2)");
        if (auto seq = json::get_uint(*root, {}, "seq", true, r)) out.seq = *seq;
        if (auto text = json::get_string(*root, {}, "text", true, r)) out.text = *text;
    }
    std::vector<Diagnostic> diags = r.finish();
    for (const Diagnostic& d : diags)
        if (d.is_error()) return Error{d.message, d.path, d.line, d.column};
    // The view is the page's, never worth the work: a damaged one is left out.
    json::Reporter vr(input);
    if (auto v = root->find("view"); v != root->end() && v->is_object() && !v->empty())
        out.view = page::view_from_json(*v, JsonPath{} / std::string("view"), vr, false);
    return out;
}

Result<SavedSession> read_saved(const SavedState& saved) {
    SavedSession out;
    if (!saved.head) {
        if (!saved.session) return make_error("nothing is saved");
        auto s = read_session(*saved.session);
        if (!s.ok()) return s.error();
        out.session = std::move(*s);
        out.legacy = true;
        return out;
    }
    auto head = read_head(*saved.head);
    if (!head.ok()) return make_error(std::string(kHeadKey) + ": " + head.error().summary());
    if (!saved.snapshot) return make_error(std::string(kSnapshotKey) + " is missing");
    if (!saved.text) return make_error("the text " + head->text + " is missing");
    auto s = read_session(*saved.snapshot, *saved.text);
    if (!s.ok()) return make_error(std::string(kSnapshotKey) + ": " + s.error().summary());
    out.session = std::move(*s);
    out.session.view = head->view;
    out.head = std::move(*head);
    return out;
}

}  // namespace aa::io
