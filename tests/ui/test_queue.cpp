// The document queue driven headless: several files opened together, a multi-document import,
// statuses by click and key, next/previous by key and by mouse, export all as native JSONL, and
// the whole queue restored after a reload.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "io/format.hpp"
#include "io/journal.hpp"
#include "io/page_state.hpp"
#include "io/session.hpp"

using namespace aa;
using aa::test::Harness;
using aa::test::open_three_documents;

TEST_CASE("several text files opened together become a queue whose first document is open") {
    Harness h;
    open_three_documents(h);
    CHECK(h.app.editor().doc().text().utf8() == "Angela Merkel visited Paris.");
    CHECK(h.app.status_message() == "Opened 3 documents with 0 entities (Alt+PageDown: next)");
    const std::string index = h.platform.storage.at("queue");
    CHECK(index.find("\"current\":0") != std::string::npos);
    CHECK(h.platform.storage.count("queue-2") == 1);
    CHECK(h.platform.storage.count("queue-3") == 1);
}

TEST_CASE("Alt+PageDown and Alt+PageUp switch documents and each keeps its entities and undo") {
    Harness h;
    open_three_documents(h);
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(2);
    h.key(ImGuiKey_PageDown, false, false, true);
    CHECK(h.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
    CHECK(h.app.editor().doc().entities().size() == 0);
    CHECK(h.app.status_message() == "Document 2 of 3: Emmanuel Macron met her in Berlin.");
    h.key(ImGuiKey_PageUp, false, false, true);
    REQUIRE(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.editor().can_undo());               // the history came back with the document
    h.key(ImGuiKey_LeftArrow, false, false, true);  // from the first, previous wraps to the last
    CHECK(h.app.editor().doc().text().utf8() == "Olaf Scholz spoke in Rome.");
}

TEST_CASE("the first edit marks a document in progress; Alt+M marks it done and the index says so") {
    Harness h;
    open_three_documents(h);
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"status\":\"todo\"") != std::string::npos);
    CHECK(h.platform.storage.at("queue").find("in-progress") == std::string::npos);
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"entities\":1,\"id\":\"1\",\"status\":\"in-progress\"") !=
          std::string::npos);
    h.key(ImGuiKey_M, false, false, true);
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"entities\":1,\"id\":\"1\",\"status\":\"done\"") != std::string::npos);
    h.key(ImGuiKey_M, false, false, true);  // again: back in progress
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"id\":\"1\",\"status\":\"in-progress\"") != std::string::npos);
}

TEST_CASE("an edit made just before the switch, in the same frame, still marks the document left in progress") {
    Harness h;
    open_three_documents(h);
    h.frames(20);
    // Between two frames (as an API call is), then the key that switches: no frame looked at the
    // queue between the edit and the switch.
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.key(ImGuiKey_PageDown, false, false, true);
    REQUIRE(h.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"entities\":1,\"id\":\"1\",\"status\":\"in-progress\"") !=
          std::string::npos);
}

TEST_CASE("a reload restores the queue, every document's entities, statuses and the position") {
    std::map<std::string, std::string> storage;
    {
        Harness h;
        open_three_documents(h);
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        h.key(ImGuiKey_M, false, false, true);
        h.key(ImGuiKey_PageDown, false, false, true);
        REQUIRE(h.app.editor().add_entity(0, 15, "PER").ok());
        REQUIRE(h.app.editor().add_entity(27, 33, "LOC").ok());
        h.frames(30);
        storage = h.platform.storage;
    }
    Harness h2(storage);
    h2.frames(3);
    CHECK(h2.app.editor().doc().text().utf8() == "Emmanuel Macron met her in Berlin.");
    CHECK(h2.app.editor().doc().entities().size() == 2);
    h2.key(ImGuiKey_PageUp, false, false, true);
    CHECK(h2.app.editor().doc().text().utf8() == "Angela Merkel visited Paris.");
    CHECK(h2.app.editor().doc().entities().size() == 1);
    h2.frames(30);
    CHECK(h2.platform.storage.at("queue").find("\"id\":\"1\",\"status\":\"done\"") != std::string::npos);
    CHECK(h2.platform.storage.at("queue").find("\"id\":\"2\",\"status\":\"in-progress\"") != std::string::npos);
    CHECK(h2.platform.storage.at("queue").find("\"current\":0") != std::string::npos);
    CHECK(h2.app.widget_rect("queue.row.2").has_value());  // the Documents tab is shown after a reload
}

TEST_CASE("a multi-document import fills the queue instead of opening the first document only") {
    Harness h;
    const std::string jsonl =
        "{\"text\": \"Angela Merkel visited Paris.\", \"label\": [[0, 13, \"PER\"]]}\n"
        "{\"text\": \"Olaf Scholz spoke in Rome.\", \"label\": [[21, 25, \"LOC\"]]}\n";
    h.app.on_file("team.jsonl", jsonl);
    h.frames(3);
    CHECK(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.status_message() == "Opened 2 documents with 2 entities from team.jsonl (Alt+PageDown: next)");
    h.key(ImGuiKey_PageDown, false, false, true);
    CHECK(h.app.editor().doc().text().utf8() == "Olaf Scholz spoke in Rome.");
}

TEST_CASE("with the mouse: a row opens its document, the status cycles, Next and Mark done work") {
    Harness h;
    open_three_documents(h);  // the Documents tab is selected when a queue opens
    h.click_widget("queue.row.2");
    CHECK(h.app.editor().doc().text().utf8() == "Olaf Scholz spoke in Rome.");
    h.click_widget("queue.status.0");  // to do -> in progress
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"id\":\"1\",\"status\":\"in-progress\"") != std::string::npos);
    h.click_widget("queue.status.0");  // -> done
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"id\":\"1\",\"status\":\"done\"") != std::string::npos);
    h.click_widget("queue.next");  // wraps to the first
    CHECK(h.app.editor().doc().text().utf8() == "Angela Merkel visited Paris.");
    h.click_widget("queue.done");  // done -> in progress (Reopen)
    h.frames(20);
    CHECK(h.platform.storage.at("queue").find("\"id\":\"1\",\"status\":\"in-progress\"") != std::string::npos);
}

TEST_CASE("Export all writes native JSONL, one document per line, that opens again as the same queue") {
    Harness h;
    open_three_documents(h);
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.key(ImGuiKey_PageDown, false, false, true);
    REQUIRE(h.app.editor().add_entity(27, 33, "LOC").ok());
    h.frames(2);
    h.click_widget("queue.export");
    REQUIRE(h.platform.downloads.size() == 1);
    const auto& d = h.platform.downloads[0];
    CHECK(d.name == "documents.jsonl");
    CHECK(d.mime == "application/jsonl");
    size_t lines = 0;
    for (char c : d.content) lines += c == '\n';
    CHECK(lines == 3);
    CHECK(d.content.find("Berlin") != std::string::npos);
    CHECK(h.app.status_message() == "Downloaded documents.jsonl (3 documents)");

    Harness h2;
    h2.app.on_file("documents.jsonl", d.content);
    h2.frames(3);
    CHECK(h2.app.status_message() == "Opened 3 documents with 2 entities from documents.jsonl (Alt+PageDown: next)");
    CHECK(h2.app.editor().doc().entities().size() == 1);
    h2.key(ImGuiKey_PageDown, false, false, true);
    REQUIRE(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.editor().doc().text_of(
              h2.app.editor().doc().entities().get(h2.app.editor().doc().entities().ordered()[0])) == "Berlin");
}

TEST_CASE("a file of the batch that cannot be read is skipped and named") {
    Harness h;
    h.app.on_files_begin(0, 3);
    h.app.on_file("one.txt", "Angela Merkel visited Paris.");
    h.app.on_file("bad.txt", std::string("\xff\xfe broken", 9));
    h.app.on_file("three.txt", "Olaf Scholz spoke in Rome.");
    h.app.on_files_end(0);
    h.frames(2);
    CHECK(h.app.status_message().rfind("Opened 2 documents with 0 entities (Alt+PageDown: next); skipped 1: bad.txt: ",
                                       0) == 0);
}

TEST_CASE("a text file and its annotations opened together are one document, as the CLI pairs them") {
    Harness h;
    h.app.on_files_begin(0, 4);
    h.app.on_file("merkel.ann", "T1\tPER 0 13\tAngela Merkel\nT2\tLOC 22 27\tParis\n");
    h.app.on_file("merkel.txt", "Angela Merkel visited Paris.");
    h.app.on_file("other.txt", "Olaf Scholz spoke in Rome.");
    h.app.on_file("other.ann", "T1\tPER 0 11\tOlaf Scholz\n");
    h.app.on_files_end(0);
    h.frames(2);
    // Two documents (not four): each .ann read against its own .txt.
    CHECK(h.app.status_message() == "Opened 2 documents with 3 entities (Alt+PageDown: next)");
    CHECK(h.app.editor().doc().text().utf8() == "Angela Merkel visited Paris.");
    CHECK(h.app.editor().doc().entities().size() == 2);

    Harness single;
    single.app.on_files_begin(0, 2);
    single.app.on_file("merkel.txt", "Angela Merkel visited Paris.");
    single.app.on_file("merkel.ann", "T1\tPER 0 13\tAngela Merkel\n");
    single.app.on_files_end(0);
    single.frames(2);
    CHECK(single.app.editor().doc().entities().size() == 1);
    CHECK(single.app.status_message() == "Opened merkel.ann (1 entity: PER 1)");
}

TEST_CASE("waiting documents are stored as the open one: the text once under its own key, the session without it") {
    const std::string one = "Angela Merkel visited Paris.", two = "Emmanuel Macron met her in Berlin.";
    std::map<std::string, std::string> storage;
    {
        Harness h;
        open_three_documents(h);
        CHECK(h.platform.storage.at(io::text_key(two)) == two);
        CHECK(h.platform.storage.at("queue-2").find(two) == std::string::npos);  // a session without text
        CHECK(h.platform.storage.at("queue").find("\"text\":\"" + io::text_key(two) + "\"") != std::string::npos);
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        h.key(ImGuiKey_PageDown, false, false, true);
        h.frames(30);  // the autosave's snapshot is document 2's now
        CHECK(h.platform.storage.at(io::kHeadKey).find(io::text_key(two)) != std::string::npos);
        CHECK(h.platform.storage.at(io::text_key(one)) == one);  // still there: document 1 waits with it
        CHECK(h.platform.storage.at("queue-1").find(one) == std::string::npos);
        storage = h.platform.storage;
    }
    Harness h2(storage);
    h2.frames(3);
    CHECK(h2.app.editor().doc().text().utf8() == two);
    h2.key(ImGuiKey_PageUp, false, false, true);
    CHECK(h2.app.editor().doc().text().utf8() == one);
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.editor().can_undo());
}

TEST_CASE("a queue saved before the texts were stored apart (whole sessions, no text keys) still loads") {
    const std::string two = "Emmanuel Macron met her in Berlin.";
    std::map<std::string, std::string> storage;
    {
        Harness h;
        open_three_documents(h);
        h.frames(30);
        storage = h.platform.storage;
    }
    // As the page stored a waiting document before: the whole session under "queue-<id>".
    Editor e(Document(Text::from_utf8(two).value()));
    REQUIRE(e.add_entity(0, 15, "PER").ok());
    storage["queue-2"] = io::write_session(e);
    storage.erase(io::text_key(two));
    auto index = io::read_queue_index(storage.at("queue"));
    REQUIRE(index.ok());
    for (io::QueueEntry& q : index.value->docs) q.text.clear();
    storage["queue"] = io::write_queue_index(*index.value);
    Harness h2(storage);
    h2.frames(3);
    h2.key(ImGuiKey_PageDown, false, false, true);
    CHECK(h2.app.editor().doc().text().utf8() == two);
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.editor().can_undo());
}
