// Find across the queue (issue 16, item 5), headless: with "All documents" ticked the find bar says
// "N hits in M documents", label every hit asks first with that summary, then labels every document
// as one undo step of its own (the waiting ones stored as session without text + text), and each undoes alone.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "io/fixture_files.hpp"
#include "io/journal.hpp"
#include "io/session.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
void open_three(Harness& h) {
    h.app.on_files_begin(0, 3);
    h.app.on_file("one.txt", "Angela Merkel visited Paris. Merkel spoke.");
    h.app.on_file("two.txt", "Emmanuel Macron met Merkel in Berlin.");
    h.app.on_file("three.txt", "Olaf Scholz spoke in Rome.");
    h.app.on_files_end(0);
    h.frames(2);
}

// The entities of the waiting document stored as the open one is: its session without text under
// "queue-<id>", its text under its content key.
size_t stored_entities(Harness& h, const std::string& id, const std::string& text) {
    const auto t = h.platform.storage.find(io::text_key(text));
    CHECK(t != h.platform.storage.end());
    if (t == h.platform.storage.end()) return static_cast<size_t>(-1);
    auto s = io::read_snapshot(h.platform.storage.at("queue-" + id), t->second);
    CHECK(s.ok());
    return s.ok() ? s->document.entities().size() : static_cast<size_t>(-1);
}
}  // namespace

TEST_CASE("Find in all documents: the summary first, then one undo step per document") {
    Harness h;
    open_three(h);
    h.key(ImGuiKey_F, true);
    h.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("Merkel");
    h.frames(3);
    h.click_widget("find.alldocs");
    h.frames(2);
    // With "All 3 documents" shown, "Label every hit" still fits inside the bar (on the next row).
    auto bar = h.app.widget_rect("find.bar"), button = h.app.widget_rect("find.label_all");
    AA_REQUIRE(bar.has_value());
    AA_REQUIRE(button.has_value());
    CHECK(button->x + button->width <= bar->x + bar->width);
    // Alt+Enter: label every hit, in every document: asked first with the summary.
    h.key(ImGuiKey_Enter, false, false, true);
    h.frames(2);
    CHECK(h.app.editor().doc().entities().empty());
    CHECK(stored_entities(h, "2", "Emmanuel Macron met Merkel in Berlin.") == 0);
    auto label = h.app.widget_rect("find.queue.label");
    AA_REQUIRE(label.has_value());
    h.click_widget("find.queue.label");
    h.frames(2);
    CHECK(h.app.status_message() == "Labelled 3 hits in 2 documents as PER (one undo step in each document)");
    CHECK(h.app.editor().doc().entities().size() == 2);
    CHECK(stored_entities(h, "2", "Emmanuel Macron met Merkel in Berlin.") == 1);
    CHECK(stored_entities(h, "3", "Olaf Scholz spoke in Rome.") == 0);
    h.frames(30);  // the index is written a moment later
    CHECK(h.platform.storage.at("queue").find("\"entities\":1,\"id\":\"2\",\"status\":\"in-progress\"") !=
          std::string::npos);
    // The open document: one step.
    h.key(ImGuiKey_Escape);
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().empty());
    // The second document, opened: its own step, named as the bulk label, undoes alone.
    h.key(ImGuiKey_PageDown, false, false, true);
    h.frames(2);
    CHECK(h.app.editor().doc().text().utf8() == "Emmanuel Macron met Merkel in Berlin.");
    AA_REQUIRE(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.editor().undo_name() == "Label every \"Merkel\" as PER");
    h.key(ImGuiKey_Z, true);
    CHECK(h.app.editor().doc().entities().empty());
    CHECK_FALSE(h.app.editor().can_undo());
}

TEST_CASE("Find in all documents with a regular expression: each document searched in the host, then labelled") {
    Harness h;
    open_three(h);
    h.key(ImGuiKey_F, true);
    h.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("Merk[a-z]+|Scholz");
    h.frames(2);
    h.key(ImGuiKey_R, false, false, true);  // Alt+R: regular expression (the field has the keys)
    h.frames(3);
    // The host holds the answers: Alt+Enter waits for every document's search, then asks.
    h.hold_regex = true;
    h.click_widget("find.alldocs");
    h.frames(3);
    CHECK(h.platform.regex_requests.size() >= 2);  // the waiting documents' searches, in the host
    h.key(ImGuiKey_Enter, false, false, true);
    h.frames(2);
    CHECK_FALSE(h.app.widget_rect("find.queue.label"));  // not asked before the hits are in
    h.hold_regex = false;
    h.answer_regex();
    h.frames(3);
    REQUIRE(h.app.widget_rect("find.queue.label"));
    h.click_widget("find.queue.label");
    h.frames(2);
    CHECK(h.app.status_message() == "Labelled 4 hits in 3 documents as PER (one undo step in each document)");
    CHECK(h.app.editor().doc().entities().size() == 2);
    CHECK(stored_entities(h, "2", "Emmanuel Macron met Merkel in Berlin.") == 1);
    CHECK(stored_entities(h, "3", "Olaf Scholz spoke in Rome.") == 1);
}

TEST_CASE("Find in all documents with a regular expression: a pattern the host stops in a waiting document is said") {
    Harness h;
    open_three(h);
    h.key(ImGuiKey_F, true);
    h.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("Sc(ol");
    h.frames(2);
    h.key(ImGuiKey_R, false, false, true);
    h.frames(3);
    h.click_widget("find.alldocs");
    h.frames(4);
    CHECK(h.app.status_message().rfind("Find /Sc(ol/", 0) == 0);
    CHECK(h.app.editor().doc().entities().empty());
}

TEST_CASE(
    "Find in all documents searches the waiting documents a slice per frame; Alt+Enter meanwhile asks once done") {
    Harness h;
    h.app.on_files_begin(0, 40);
    for (int i = 0; i < 40; ++i)
        h.app.on_file("doc" + std::to_string(i) + ".txt", "Report " + std::to_string(i) + ": Merkel spoke in Berlin.");
    h.app.on_files_end(0);
    h.frames(30);
    h.key(ImGuiKey_F, true);
    h.frames(2);
    ImGui::GetIO().AddInputCharactersUTF8("Merkel");
    h.frames(3);
    for (int i = 0; i < 500 && h.app.busy(); ++i) h.frame();  // the queue's documents are stored
    REQUIRE(!h.app.busy());
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a 4 ms slice reads a few documents
    h.click_widget("find.alldocs");
    h.frame();
    CHECK(h.app.busy());  // 39 waiting documents: not all in one frame
    h.key(ImGuiKey_Enter, false, false, true);
    CHECK(!h.app.widget_rect("find.queue.label").has_value());  // asked once every document is searched
    int frames = 0;
    while (h.app.busy() && frames < 200) h.frame(), ++frames;
    CHECK(frames > 3);
    h.platform.clock_step = 0;
    h.frames(2);
    REQUIRE(h.app.widget_rect("find.queue.label").has_value());
    h.click_widget("find.queue.label");
    h.frames(2);
    CHECK(h.app.status_message() == "Labelled 40 hits in 40 documents as PER (one undo step in each document)");
}
