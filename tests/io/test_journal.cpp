// The autosave journal: every change of the history becomes a small record that decodes to the
// same event; replaying the records after a snapshot gives back the same document and history; a
// torn or invalid tail record is dropped, never applied in part; a snapshot keeps no text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/journal.hpp"
#include "io/session_ops.hpp"

namespace {

std::vector<aa::Entity> entities_of(const aa::Document& d) {
    std::vector<aa::Entity> out;
    for (aa::Slot s : d.entities().ordered()) out.push_back(d.entities().get(s));
    return out;
}

bool same_state(const aa::Editor& a, const aa::Editor& b) {
    return a.doc().text().utf8() == b.doc().text().utf8() && a.doc().labels().all() == b.doc().labels().all() &&
           entities_of(a.doc()) == entities_of(b.doc()) && a.undo_stack() == b.undo_stack() &&
           a.redo_stack() == b.redo_stack();
}

aa::Document fixture() {
    aa::io::ReadResult r = aa::io::read("native", aa::test::read_fixture("native/unicode.json"));
    REQUIRE(r.ok());
    return std::move(r.documents[0]);
}

// Edits of every kind (entity and label ops, a group, undo, redo) with the editor recording.
std::vector<std::string> edit_and_journal(aa::Editor& ed, uint64_t& seq) {
    std::vector<std::string> records;
    auto drain = [&] {
        for (aa::HistoryEvent& e : ed.take_events())
            records.push_back(aa::io::encode_record({++seq, std::move(e), ""}));
    };
    REQUIRE(ed.add_entity(0, 6, "MISC").ok());
    drain();
    REQUIRE(ed.set_note("e1", "the café, not the company").ok());
    REQUIRE(ed.add_label(aa::Label{"EVENT", aa::Color{1, 2, 3}, "5", "Events"}).ok());
    {
        aa::Editor::Group g(ed, "Bulk relabel");
        REQUIRE(ed.set_label("e8", "EVENT").ok());
        REQUIRE(ed.set_attributes("e9", {{"capital", "yes"}}).ok());
    }
    drain();
    REQUIRE(ed.update_label("MISC", aa::Label{"OTHER", aa::Color{9, 9, 9}, "4", ""}).ok());
    REQUIRE(ed.remove_entity("e5").ok());
    REQUIRE((ed.undo() && ed.undo() && ed.redo()));
    drain();
    return records;
}

}  // namespace

TEST_CASE("journal: the editor records one event per change, a group's ops between two takes as one event") {
    aa::Editor ed(fixture());
    ed.set_recording(true);
    REQUIRE(ed.add_entity(0, 6, "MISC").ok());
    {
        aa::Editor::Group g(ed, "Bulk relabel");
        REQUIRE(ed.set_label("e8", "MISC").ok());
        REQUIRE(ed.set_note("e9", "x").ok());
    }
    { aa::Editor::Group empty(ed, "Nothing"); }
    REQUIRE(ed.undo());
    REQUIRE(ed.redo());
    auto ev = ed.take_events();
    REQUIRE(ev.size() == 4);
    CHECK(ev[0].kind == aa::HistoryEvent::Kind::Do);
    CHECK(ev[0].command.ops.size() == 1);
    CHECK(ev[1].kind == aa::HistoryEvent::Kind::Do);
    CHECK(ev[1].command.name == "Bulk relabel");
    CHECK(ev[1].command.ops.size() == 2);  // both ops of the group: one record
    CHECK(ev[2].kind == aa::HistoryEvent::Kind::Undo);
    CHECK(ev[3].kind == aa::HistoryEvent::Kind::Redo);
    CHECK(ed.take_events().empty());
    // A group open across takes (a labelling in slices, one take a frame): its Do, then one Extend
    // per take with the ops since; replayed, the same one command.
    aa::Editor copy = ed;
    ed.begin_group("Slices");
    REQUIRE(ed.add_entity(0, 3, "PER").ok());
    REQUIRE(ed.add_entity(0, 4, "PER").ok());
    auto first = ed.take_events();
    REQUIRE(ed.add_entity(0, 5, "PER").ok());
    REQUIRE(ed.add_entity(1, 5, "PER").ok());
    REQUIRE(ed.add_entity(2, 5, "PER").ok());
    auto second = ed.take_events();
    ed.end_group();
    REQUIRE(first.size() == 1);
    CHECK(first[0].kind == aa::HistoryEvent::Kind::Do);
    CHECK(first[0].command.ops.size() == 2);
    REQUIRE(second.size() == 1);
    CHECK(second[0].kind == aa::HistoryEvent::Kind::Extend);
    CHECK(second[0].command.ops.size() == 3);
    CHECK(ed.undo_stack().back().ops.size() == 5);
    REQUIRE(copy.replay(first[0]).ok());
    REQUIRE(copy.replay(second[0]).ok());
    CHECK(entities_of(copy.doc()) == entities_of(ed.doc()));
    CHECK(copy.undo_stack().size() == ed.undo_stack().size());
    CHECK(copy.undo_stack().back().ops.size() == 5);
    ed.reset(fixture());
    ev = ed.take_events();
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].kind == aa::HistoryEvent::Kind::Reset);
    aa::Editor quiet(fixture());  // not recording: nothing kept
    REQUIRE(quiet.add_entity(0, 6, "MISC").ok());
    CHECK(quiet.take_events().empty());
}

TEST_CASE("journal: records encode and decode to the same event") {
    aa::Editor ed(fixture());
    ed.set_recording(true);
    uint64_t seq = 0;
    auto records = edit_and_journal(ed, seq);
    REQUIRE(records.size() == 9);  // the group's two ops are one record
    for (const std::string& r : records) {
        auto d = aa::io::decode_record(r);
        REQUIRE(d.ok());
        CHECK(aa::io::encode_record(*d) == r);
        CHECK(r.find('\n') == std::string::npos);
    }
    CHECK(records[7] == R"({"seq":8,"t":"undo"})");
    CHECK(records[8] == R"({"seq":9,"t":"redo"})");
    CHECK(records[0].size() < 200);  // the size of the edit, not of the document
}

TEST_CASE("journal: a snapshot plus the journal replayed gives back the document and the history") {
    aa::Editor ed(fixture());
    REQUIRE(ed.set_note("e8", "before the snapshot").ok());
    aa::io::ViewPrefs view;
    view.zoom = 1.5f;
    const std::string snapshot = aa::io::write_snapshot(ed, view);
    CHECK(snapshot.find(ed.doc().text().utf8()) == std::string::npos);  // the text is stored once, elsewhere
    ed.set_recording(true);
    uint64_t seq = 0;
    auto records = edit_and_journal(ed, seq);

    auto s = aa::io::read_snapshot(snapshot, fixture().text().utf8());
    REQUIRE(s.ok());
    REQUIRE(s->view);
    CHECK(s->view->zoom == 1.5f);
    aa::Editor back;
    aa::io::restore_session(back, std::move(*s));
    auto rep = aa::io::replay_journal(back, 0, records);
    CHECK(rep.applied == records.size());
    CHECK(rep.dropped == 0);
    CHECK(rep.why_dropped.empty());
    CHECK(same_state(back, ed));
    CHECK(back.undo());  // the replayed history undoes
}

TEST_CASE("journal: a discarded group (a cancelled labelling) is undone with nothing to redo, replayed the same") {
    aa::Editor ed(fixture());
    REQUIRE(ed.add_entity(0, 6, "MISC").ok());
    REQUIRE(ed.undo());  // something to redo before the group: doing the group empties it
    const std::string snapshot = aa::io::write_snapshot(ed);
    const std::vector<aa::Entity> before = entities_of(ed.doc());
    ed.set_recording(true);
    ed.begin_group("Label every \"a\" as MISC");
    REQUIRE(ed.set_label("e8", "MISC").ok());
    auto ev = ed.take_events();  // a frame's slice: the group's Do; the next one Extends it
    REQUIRE(ed.set_note("e9", "x").ok());
    ed.end_group();
    REQUIRE(ed.undo_discard());
    CHECK(entities_of(ed.doc()) == before);
    CHECK(!ed.can_redo());
    CHECK(ed.undo_stack().empty());
    for (aa::HistoryEvent& e : ed.take_events()) ev.push_back(std::move(e));
    REQUIRE(ev.size() == 3);
    CHECK(ev[1].kind == aa::HistoryEvent::Kind::Extend);
    CHECK(ev[2].kind == aa::HistoryEvent::Kind::Discard);
    std::vector<std::string> records;
    uint64_t seq = 0;
    for (const aa::HistoryEvent& e : ev) records.push_back(aa::io::encode_record({++seq, e, ""}));
    CHECK(records[2] == R"({"seq":3,"t":"discard"})");
    auto d = aa::io::decode_record(records[2]);
    REQUIRE(d.ok());
    CHECK(d->event.kind == aa::HistoryEvent::Kind::Discard);

    auto s = aa::io::read_snapshot(snapshot, fixture().text().utf8());
    REQUIRE(s.ok());
    aa::Editor back;
    aa::io::restore_session(back, std::move(*s));
    auto rep = aa::io::replay_journal(back, 0, records);
    CHECK(rep.applied == 3);
    CHECK(same_state(back, ed));
    CHECK(!back.can_redo());
    aa::Editor empty(fixture());
    CHECK(!empty.undo_discard());
    CHECK(!empty.replay(aa::HistoryEvent{aa::HistoryEvent::Kind::Discard, {}}).ok());
}

TEST_CASE("journal: a snapshot written in slices is the session without text, byte for byte") {
    aa::Editor ed(fixture());
    ed.set_recording(true);
    uint64_t seq = 0;
    (void)edit_and_journal(ed, seq);  // an undo and a redo stack, label and entity ops
    REQUIRE(!ed.undo_stack().empty());
    REQUIRE(!ed.redo_stack().empty());
    aa::io::ViewPrefs view;
    view.zoom = 1.25f;
    // The reference: the session's tree with the text emptied, as the snapshot was written before.
    auto tree = nlohmann::ordered_json::parse(aa::io::write_session(ed, view, true));
    tree["document"]["text"] = "";
    const std::string expected = tree.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    CHECK(aa::io::write_snapshot(ed, view) == expected);
    for (size_t budget : {size_t{1}, size_t{2}, size_t{5}}) {
        aa::io::SessionWriter w;
        w.begin(ed, view);
        size_t steps = 1;
        while (!w.step(ed, budget)) ++steps;
        CHECK(w.done());
        CHECK(steps > 3);  // it did come in pieces
        CHECK(w.take() == expected);
    }
    // A document with no entities and no history.
    aa::Editor empty(aa::Document(aa::Text::from_utf8("plain text").value()));
    aa::io::SessionWriter w;
    w.begin(empty);
    CHECK(w.step(empty, 1));
    auto back = aa::io::read_snapshot(w.take(), "plain text");
    REQUIRE(back.ok());
    CHECK(back->document.entities().size() == 0);
}

TEST_CASE("journal: a command of many ops is written in pieces of the budget, byte for byte") {
    // A labelling in slices is one command of thousands of ops: one step must not write it whole.
    aa::Editor ed(fixture());
    {
        aa::Editor::Group g(ed, "Many notes");
        for (int i = 0; i < 60; ++i) REQUIRE(ed.set_note("e9", "note " + std::to_string(i)).ok());
    }
    REQUIRE(ed.undo_stack().back().ops.size() == 60);
    auto tree = nlohmann::ordered_json::parse(aa::io::write_session(ed, std::nullopt, true));
    tree["document"]["text"] = "";
    const std::string expected = tree.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    aa::io::SessionWriter w;
    w.begin(ed);
    size_t steps = 1;
    while (!w.step(ed, 4)) ++steps;
    CHECK(steps > 60 / 4);  // the command's 60 ops came 4 at a time
    CHECK(w.take() == expected);
}

TEST_CASE("journal: a snapshot written in pieces is the session whole, no piece much over kPieceBytes") {
    // A document whose session is several pieces long: 6,000 entities with notes, and a history.
    std::string text;
    for (int i = 0; i < 6000; ++i) text += "word" + std::to_string(i % 10) + " ";
    aa::Editor ed(aa::Document(aa::Text::from_utf8(text).value()));
    if (!ed.doc().labels().find("PER")) REQUIRE(ed.add_label(aa::Label{"PER", aa::Color{1, 2, 3}, "1", ""}).ok());
    for (size_t i = 0; i < 6000; ++i) {
        auto id = ed.add_entity(i * 6, i * 6 + 5, "PER");
        REQUIRE(id.ok());
        if (i % 3 == 0) REQUIRE(ed.set_note(*id, std::string(20 + i % 50, 'n')).ok());
    }
    REQUIRE(ed.undo());
    const std::string whole = aa::io::write_snapshot(ed);
    REQUIRE(whole.size() > 3 * aa::io::SessionWriter::kPieceBytes);
    for (size_t budget : {size_t{1}, size_t{128}, size_t{1} << 30}) {
        aa::io::SessionWriter w;
        w.begin(ed, std::nullopt, true);
        while (!w.step(ed, budget)) {
        }
        const std::vector<std::string> pieces = w.take_pieces();
        CHECK(pieces.size() > 3);
        std::string joined;
        for (const std::string& p : pieces) {
            CHECK(p.size() <= aa::io::SessionWriter::kPieceBytes + aa::io::SessionWriter::kPieceBytes / 4);
            joined += p;
        }
        CHECK(joined == whole);
        aa::io::SessionWriter again;  // take() joins them
        again.begin(ed, std::nullopt, true);
        while (!again.step(ed, budget)) {
        }
        CHECK(again.take() == whole);
    }
    // A small session is one piece.
    aa::Editor empty(aa::Document(aa::Text::from_utf8("plain text").value()));
    aa::io::SessionWriter w;
    w.begin(empty, std::nullopt, true);
    CHECK(w.step(empty, 1));
    const std::vector<std::string> one = w.take_pieces();
    REQUIRE(one.size() == 1);
    CHECK(one[0] == aa::io::write_snapshot(empty));
}

TEST_CASE("journal: records and the history's entity ops are written by hand as the value dumped, byte for byte") {
    // Entities with every member, quotes, control characters and invalid UTF-8 (replaced by U+FFFD).
    aa::Editor ed(fixture());
    ed.set_recording(true);
    aa::Entity odd{"e\"x", 0, 3, "MISC", "n\xFE\tq", "Q\x01", {{"a\"", "b\n"}, {"", ""}}};
    odd.annotator = "ann\\e";
    odd.created = "2026-12-01T03:00:00Z";
    odd.locked = true;
    {
        aa::Editor::Group g(ed, "Odd \"group\" \xFF");
        REQUIRE(ed.add_entity(0, 6, "MISC").ok());
        REQUIRE(ed.set_note("e9", "x\x1f\x7f é").ok());
        REQUIRE(ed.add_label(aa::Label{"EVENT", aa::Color{1, 2, 3}, "5", "Events"}).ok());
        REQUIRE(ed.remove_entity("e9").ok());
    }
    std::vector<aa::HistoryEvent> events = ed.take_events();
    aa::HistoryEvent with_odd{aa::HistoryEvent::Kind::Extend, {}};
    aa::Op ins;
    ins.kind = aa::Op::Kind::InsertEntity;
    ins.entity_after = odd;
    aa::Op rep;
    rep.kind = aa::Op::Kind::ReplaceEntity;
    rep.entity_before = odd;
    rep.entity_after = odd;
    rep.entity_after.locked = false;
    rep.entity_after.attributes.clear();
    with_odd.command.ops = {ins, rep};
    events.push_back(with_odd);
    REQUIRE(ed.undo());
    for (aa::HistoryEvent& e : ed.take_events()) events.push_back(std::move(e));
    events.push_back({aa::HistoryEvent::Kind::Discard, {}});
    uint64_t seq = 41;
    for (const aa::HistoryEvent& e : events)
        for (const std::string at : {"", "2026-12-01T03:00:00Z"}) {
            // The reference: the record's value as a tree, dumped (how records were written before).
            nlohmann::ordered_json j = nlohmann::ordered_json::object();
            j["seq"] = ++seq;
            const char* names[] = {"do", "extend", "undo", "redo", "discard", "reset"};
            j["t"] = names[static_cast<int>(e.kind)];
            if (e.kind == aa::HistoryEvent::Kind::Do) j["name"] = e.command.name;
            if (e.kind == aa::HistoryEvent::Kind::Do || e.kind == aa::HistoryEvent::Kind::Extend) {
                auto ops = nlohmann::ordered_json::array();
                for (const aa::Op& op : e.command.ops) ops.push_back(aa::io::session_ops::op_json(op));
                j["ops"] = std::move(ops);
            }
            if (!at.empty()) j["at"] = at;
            CHECK(aa::io::encode_record({seq, e, at}) ==
                  j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
        }
    // The session's history, in pieces, holds the same ops (one command with the odd entity).
    REQUIRE(ed.redo());
    REQUIRE(ed.replay(with_odd).ok());
    auto tree = nlohmann::ordered_json::parse(aa::io::write_session(ed, std::nullopt, true));
    tree["document"]["text"] = "";
    aa::io::SessionWriter w;
    w.begin(ed);
    while (!w.step(ed, 3)) {
    }
    CHECK(w.take() == tree.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

TEST_CASE("journal: a torn or invalid tail is dropped, what was saved before stays") {
    aa::Editor ed(fixture());
    const std::string snapshot = aa::io::write_snapshot(ed);
    ed.set_recording(true);
    uint64_t seq = 0;
    auto records = edit_and_journal(ed, seq);
    const std::string text = fixture().text().utf8();

    auto replay = [&](std::vector<std::string> recs, aa::io::ReplayReport& rep) {
        auto s = aa::io::read_snapshot(snapshot, text);
        REQUIRE(s.ok());
        aa::Editor e;
        aa::io::restore_session(e, std::move(*s));
        rep = aa::io::replay_journal(e, 0, recs);
        return e;
    };
    // What the editor was before the last record: replay all but the last.
    aa::io::ReplayReport rep;
    std::vector<std::string> but_last(records.begin(), records.end() - 1);
    aa::Editor expected = replay(but_last, rep);
    REQUIRE(rep.applied == records.size() - 1);

    SUBCASE("a record cut in the middle") {
        auto torn = records;
        torn.back() = torn.back().substr(0, torn.back().size() / 2);
        aa::Editor e = replay(torn, rep);
        CHECK(rep.applied == records.size() - 1);
        CHECK(rep.dropped == 1);
        CHECK(rep.why_dropped.rfind("record 9: ", 0) == 0);
        CHECK(same_state(e, expected));
    }
    SUBCASE("a do whose ops do not apply is not applied in part") {
        // The second op erases an entity that is not there: the first must not stay applied.
        aa::Op ok_op, bad_op;
        ok_op.kind = aa::Op::Kind::InsertEntity;
        ok_op.entity_after = aa::Entity{"e100", 0, 6, "OTHER", "", "", {}};
        bad_op.kind = aa::Op::Kind::EraseEntity;
        bad_op.entity_before = aa::Entity{"e999", 0, 6, "OTHER", "", "", {}};
        auto recs = but_last;
        recs.push_back(
            aa::io::encode_record({10, aa::HistoryEvent{aa::HistoryEvent::Kind::Do, {"Bad", {ok_op, bad_op}}}, ""}));
        recs.push_back(records.back());
        aa::Editor e = replay(recs, rep);
        CHECK(rep.applied == records.size() - 1);
        CHECK(rep.dropped == 2);
        CHECK(same_state(e, expected));
        CHECK(e.doc().entities().find("e100") == nullptr);
    }
    SUBCASE("a gap in the sequence ends the replay") {
        auto recs = records;
        recs.erase(recs.begin() + 3);
        aa::Editor e = replay(recs, rep);
        CHECK(rep.applied == 3);
        CHECK(rep.why_dropped == "record 4: expected record 4, found record 5");
    }
    SUBCASE("an unknown record kind") {
        auto recs = but_last;
        recs.push_back(R"({"seq":10,"t":"teleport"})");
        aa::Editor e = replay(recs, rep);
        CHECK(rep.dropped == 1);
        CHECK(rep.why_dropped.find("unknown record \"teleport\"") != std::string::npos);
        CHECK(same_state(e, expected));
    }
    SUBCASE("an undo with nothing to undo") {
        aa::io::ReplayReport r2;
        auto s = aa::io::read_snapshot(snapshot, text);
        REQUIRE(s.ok());
        aa::Editor e;
        aa::io::restore_session(e, std::move(*s));
        r2 = aa::io::replay_journal(e, 0, {R"({"seq":1,"t":"undo"})"});
        CHECK(r2.applied == 0);
        CHECK(r2.why_dropped == "record 1: nothing to undo");
    }
}

TEST_CASE("journal: a record's time becomes the document's modified time when replayed") {
    aa::Editor ed(fixture());
    const std::string snapshot = aa::io::write_snapshot(ed);
    ed.set_recording(true);
    REQUIRE(ed.add_entity(0, 6, "MISC").ok());
    auto ev = ed.take_events();
    REQUIRE(ev.size() == 1);
    const std::string rec = aa::io::encode_record({1, ev[0], "2026-11-30T10:00:00Z"});
    CHECK(rec.find(R"("at":"2026-11-30T10:00:00Z")") != std::string::npos);
    auto s = aa::io::read_snapshot(snapshot, fixture().text().utf8());
    REQUIRE(s.ok());
    aa::Editor back;
    aa::io::restore_session(back, std::move(*s));
    CHECK(aa::io::replay_journal(back, 0, {rec}).applied == 1);
    CHECK(back.doc().info.modified == "2026-11-30T10:00:00Z");
}

TEST_CASE("journal: the storage layout's keys, head and saved state") {
    CHECK(aa::io::journal_key(7) == "autosave-journal-0000000000000007");
    CHECK(aa::io::journal_key(123456789) < aa::io::journal_key(1234567890));  // key order is seq order
    CHECK(aa::io::text_key("") == "text-cbf29ce484222325-0");
    CHECK(aa::io::text_key("abc") != aa::io::text_key("abd"));
    CHECK(aa::io::text_key("Kraków").rfind("-7") == aa::io::text_key("Kraków").size() - 2);  // bytes, not letters

    aa::io::JournalHead head;
    head.seq = 12;
    head.text = aa::io::text_key("x");
    head.view = aa::io::ViewPrefs{};
    head.view->zoom = 1.25f;
    auto back = aa::io::read_head(aa::io::write_head(head));
    REQUIRE(back.ok());
    CHECK(back->seq == 12);
    CHECK(back->text == head.text);
    REQUIRE(back->view);
    CHECK(back->view->zoom == 1.25f);

    auto bad = aa::io::read_head(R"({"layout":3,"seq":1,"text":"t"})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "unsupported layout 3 (this annotator reads layout 2)");
    CHECK_FALSE(aa::io::read_head(R"({"layout":2,"seq":1,"te)").ok());

    // Layout 2: snapshot + text + head; layout 1: the session alone; a missing text is an error.
    aa::Editor ed(fixture());
    const std::string text = fixture().text().utf8();
    aa::io::SavedState saved;
    saved.head = aa::io::write_head({3, aa::io::text_key(text), std::nullopt});
    saved.snapshot = aa::io::write_snapshot(ed);
    saved.text = text;
    auto got = aa::io::read_saved(saved);
    REQUIRE(got.ok());
    CHECK_FALSE(got->legacy);
    CHECK(got->head.seq == 3);
    CHECK(got->session.document.text().utf8() == text);
    saved.text.reset();
    auto missing = aa::io::read_saved(saved);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "the text " + aa::io::text_key(text) + " is missing");
    aa::io::SavedState legacy;
    legacy.session = aa::io::write_session(ed);
    auto old = aa::io::read_saved(legacy);
    REQUIRE(old.ok());
    CHECK(old->legacy);
    CHECK(old->session.document.entities().size() == ed.doc().entities().size());
}
