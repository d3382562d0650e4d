// Tests for src/io/document_queue: the queue's state without the page: fresh ids, next and
// previous with wrapping, statuses and the first edit, when the index is written, a waiting
// document stored and read back (its text once under its key), a reloaded queue's reads.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "io/document_queue.hpp"
#include "io/fixture_files.hpp"
#include "io/journal.hpp"

using namespace aa;
using io::DocumentQueue;
using io::QueueStatus;

namespace {
DocumentQueue three() {
    DocumentQueue q;
    q.add("one", 1);
    q.add("two", 2);
    q.add("three", 3);
    return q;
}

Editor editor_with(const char* text) {
    Editor e;
    Document d(Text::from_utf8(text).value(), default_labels());
    e.reset(std::move(d));
    (void)e.add_entity(0, 6, "PER");
    return e;
}
}  // namespace

TEST_CASE("document queue: ids are fresh across fills; next and previous wrap; one document has no neighbour") {
    DocumentQueue q = three();
    CHECK(q.docs[0].id == "1");
    CHECK(q.docs[2].id == "3");
    CHECK(q.docs[2].storage_key() == "queue-3");
    CHECK(q.neighbour(+1) == std::optional<size_t>(1));
    CHECK(q.neighbour(-1) == std::optional<size_t>(2));
    q.current = 2;
    CHECK(q.neighbour(+1) == std::optional<size_t>(0));
    CHECK(q.waiting_entities() == 3);
    const auto old = q.take_all();
    CHECK(old.size() == 3);
    CHECK(q.empty());
    CHECK(q.current == 0);
    CHECK(q.add("again", 0).id == "4");  // a new fill never reuses a stored key
    CHECK_FALSE(q.neighbour(+1).has_value());
}

TEST_CASE("document queue: statuses change the index, which is written once changes settle") {
    DocumentQueue q = three();
    CHECK_FALSE(q.index_due(1e9));
    CHECK(q.set_status(1, QueueStatus::Done, 1000));
    CHECK_FALSE(q.set_status(1, QueueStatus::Done, 1100));  // unchanged
    CHECK_FALSE(q.set_status(7, QueueStatus::Done, 1100));  // no such document
    CHECK_FALSE(q.index_due(1000 + DocumentQueue::kIndexDelayMs - 1));
    CHECK(q.index_due(1000 + DocumentQueue::kIndexDelayMs));
    q.index_written();
    CHECK_FALSE(q.index_due(1e9));
    CHECK(q.done() == 1);
    q.toggle_done(2000);  // the open one (0): done
    CHECK(q.docs[0].status == QueueStatus::Done);
    q.toggle_done(2000);  // and back in progress
    CHECK(q.docs[0].status == QueueStatus::InProgress);
    const io::QueueIndex index = q.index();
    CHECK(index.next_id == 4);
    AA_REQUIRE(index.docs.size() == 3);
    CHECK(index.docs[1] == io::QueueEntry{"2", "two", 2, QueueStatus::Done, ""});
}

TEST_CASE(
    "document queue: the open document's first undoable edit marks it in progress; a reload's revision does not") {
    DocumentQueue q = three();
    q.opened(5);
    CHECK_FALSE(q.track_open(5, true, 1, 100));
    CHECK_FALSE(q.index_due(1e9));
    CHECK(q.track_open(6, false, 1, 100));  // changed without an undo step (a reload): still to do
    CHECK(q.docs[0].status == QueueStatus::Todo);
    CHECK(q.track_open(7, true, 4, 100));
    CHECK(q.docs[0].status == QueueStatus::InProgress);
    CHECK(q.docs[0].entities == 4);
    q.retitle_open("one, renamed", 100);
    CHECK(q.docs[0].title == "one, renamed");
    CHECK(q.index_due(100 + DocumentQueue::kIndexDelayMs));
}

TEST_CASE("document queue: a waiting document stored and read back; its text is stored once under its key") {
    DocumentQueue q = three();
    const Editor e = editor_with("Angela Merkel visited Paris.");
    io::QueuedDocument& d = q.docs[1];
    CHECK(d.store(e, ""));  // hashed: a text not stored yet
    CHECK(d.text == "Angela Merkel visited Paris.");
    CHECK(d.text_key == io::text_key(d.text));
    CHECK_FALSE(d.store(e, d.text_key));  // the same text again: already under its key
    auto back = d.read();
    AA_REQUIRE_MESSAGE(back.ok(), back.error().summary());
    CHECK(back->document.text().utf8() == "Angela Merkel visited Paris.");
    CHECK(back->document.entities().size() == 1);
    CHECK(q.uses_text(d.text_key));
    // Switching: the open document's title and count go to its entry, the new one's state to the editor.
    q.switch_to(1, "one, edited", 9);
    CHECK(q.current == 1);
    CHECK(q.docs[0].title == "one, edited");
    CHECK(q.docs[0].entities == 9);
    CHECK(q.docs[1].session.empty());
    CHECK(q.docs[1].text_key.empty());
    CHECK_FALSE(q.uses_text(io::text_key("Angela Merkel visited Paris.")));
}

TEST_CASE("document queue: a reloaded queue reads each waiting document's session and text; a missing one is named") {
    io::QueueIndex index;
    index.current = 1;
    index.next_id = 9;
    index.docs = {{"4", "four", 1, QueueStatus::Done, "text-4"},
                  {"5", "five", 0, QueueStatus::Todo, "text-5"},
                  {"6", "six", 2, QueueStatus::Todo, ""}};  // an older queue: a whole session
    DocumentQueue q;
    uint64_t ticket = 100;
    const auto reads = q.load(index, ticket);
    AA_REQUIRE(reads.size() == 3);
    CHECK(reads[0].key == "queue-4");
    CHECK(reads[1].key == "text-4");
    CHECK(reads[2].key == "queue-6");
    CHECK(ticket == 103);
    CHECK(q.current == 1);
    CHECK(q.docs[1].text_key.empty());  // the open one is the autosave's
    CHECK(q.docs[1].loaded);
    CHECK_FALSE(q.docs[0].loaded);
    std::string missing;
    CHECK_FALSE(q.take_read(999, true, "x", missing));
    CHECK(q.take_read(reads[0].ticket, true, "session-4", missing));
    CHECK_FALSE(q.docs[0].loaded);  // its text is still on its way
    CHECK(q.take_read(reads[1].ticket, true, "the text", missing));
    CHECK(q.docs[0].loaded);
    CHECK(q.docs[0].session == "session-4");
    CHECK(q.docs[0].text == "the text");
    CHECK(missing.empty());
    CHECK(q.take_read(reads[2].ticket, false, "", missing));
    CHECK(missing == "six");
    CHECK(q.add("new", 0).id == "9");

    io::QueueIndex bad = index;
    bad.current = 7;  // past the end: the first is open
    DocumentQueue r;
    (void)r.load(bad, ticket);
    CHECK(r.current == 0);
}
