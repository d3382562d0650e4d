// Never lose work: recent versions kept before big changes and restorable after a reload, two
// tabs that never overwrite each other, the text size limit, and storage failures.
#include <doctest/doctest.h>

#include "headless.hpp"
#include "io/recent_versions.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kArticle = "Angela Merkel visited Paris. Emmanuel Macron met her at the Elysee Palace in Paris.";

// An article of `words` words with an entity on each, in one command (one undo step).
std::string many_words(Harness& h, size_t words) {
    std::string text;
    for (size_t i = 0; i < words; ++i) text += "word" + std::to_string(i) + " ";
    REQUIRE(h.app.set_text(text).ok());
    Editor::Group g(h.app.editor(), "bulk");
    size_t start = 0;
    for (size_t i = 0; i < words; ++i) {
        const size_t len = 4 + std::to_string(i).size();
        REQUIRE(h.app.editor().add_entity(start, start + len, "MISC").ok());
        start += len + 1;
    }
    return text;
}

void add_many(Harness& h, size_t n) {
    Editor::Group g(h.app.editor(), "bulk");
    const size_t len = h.app.editor().doc().text().size();
    for (size_t i = 0; i < n && i + 1 < len; ++i) REQUIRE(h.app.editor().add_entity(i, i + 1, "MISC").ok());
}
}  // namespace

TEST_CASE("the state before a bulk change is kept as a version that survives a reload and restores") {
    std::map<std::string, std::string> storage;
    {
        Harness h;
        REQUIRE(h.app.set_text(kArticle).ok());
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        h.frames(30);
        add_many(h, 25);  // a mistaken bulk change
        h.frames(30);
        CHECK(h.platform.storage.count("versions") == 1);
        storage = h.platform.storage;
    }
    Harness h2(storage);
    h2.frames(3);  // the versions index is read at startup
    CHECK(h2.app.editor().doc().entities().size() == 26);
    // The version before the bulk change: one entity.
    auto versions = h2.app.versions();
    REQUIRE(versions.size() == 1);
    CHECK(versions[0].entities == 1);
    CHECK(versions[0].title == "Angela Merkel visited Paris. Emmanuel Ma");
    h2.app.restore_version(versions[0].key);
    h2.frames(2);
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.status_message() == "Restored the version of " + versions[0].when);
    // Restoring kept the state it replaced as a version: the bulk change is recoverable too.
    h2.frames(30);
    REQUIRE(h2.app.versions().size() == 2);
    CHECK(h2.app.versions()[1].entities == 26);
    CHECK(h2.platform.storage.at(io::kSnapshotKey).find("\"id\": \"e2\"") ==
          std::string::npos);  // the restored state is saved
}

namespace {
size_t journal_records(const std::map<std::string, std::string>& storage) {
    size_t n = 0;
    for (const auto& [key, value] : storage) n += key.rfind(io::kJournalPrefix, 0) == 0;
    return n;
}
std::vector<std::string> entity_ids(const Editor& e) {
    std::vector<std::string> ids;
    for (Slot s : e.doc().entities().ordered()) ids.push_back(e.doc().entities().get(s).id);
    return ids;
}
}  // namespace

TEST_CASE("a version is the stored autosave copied by the storage: its snapshot and journal, restored exactly") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(30);  // the snapshot (with PER)
    REQUIRE(h.app.editor().add_entity(22, 27, "LOC").ok());
    h.frame();  // a journal record after it
    REQUIRE(h.app.editor().set_label("e1", "ORG").ok());
    h.frame();
    const std::vector<std::string> before = entity_ids(h.app.editor());
    const std::string snapshot = h.platform.storage.at(io::kSnapshotKey);
    const int commits = h.platform.commits;
    add_many(h, 25);  // a bulk change: the state before it becomes a version
    h.frame();
    CHECK(h.platform.commits == commits + 2);  // the version (a copy, with the index), then the records
    auto versions = h.app.versions();
    REQUIRE(versions.size() == 1);
    CHECK(versions[0].entities == 2);
    const std::string prefix = versions[0].key + "/";
    CHECK(h.platform.storage.count(versions[0].key) == 0);  // no session serialised for it
    CHECK(h.platform.storage.at(prefix + io::kSnapshotKey) == snapshot);
    CHECK(h.platform.storage.count(prefix + io::journal_key(1)) == 1);
    CHECK(h.platform.storage.count(prefix + io::journal_key(2)) == 1);
    CHECK(h.platform.storage.count(prefix + io::journal_key(3)) == 0);  // the bulk change is not in it
    CHECK(h.platform.storage.at("versions").find("\"saved\":true") != std::string::npos);
    // Compaction replaces the journal; the version keeps its own copy.
    for (int i = 0; i < 130; ++i) {
        REQUIRE(h.app.editor().undo());
        REQUIRE(h.app.editor().redo());
    }
    h.frames(90);  // idle with a long journal
    CHECK(journal_records(h.platform.storage) == 0);
    Harness h2(h.platform.storage);  // a reload, then the version restored
    h2.frames(3);
    REQUIRE(h2.app.versions().size() == 1);
    h2.app.restore_version(versions[0].key);
    h2.frames(2);
    CHECK(h2.app.status_message() == "Restored the version of " + versions[0].when);
    CHECK(entity_ids(h2.app.editor()) == before);
    CHECK(h2.app.editor().doc().entities().find("e1")->label == "ORG");
    CHECK(h2.app.editor().can_undo());  // its history came with it
    h2.frames(30);
    CHECK(h2.app.save_state() == ui::SaveState::Saved);
    // The state it replaced is a version too (a copy), and the restored one is saved.
    h2.frames(30);
    REQUIRE(h2.app.versions().size() == 2);
    CHECK(h2.app.versions()[1].entities == 27);
    Harness h3(h2.platform.storage);
    CHECK(entity_ids(h3.app.editor()) == before);
}

TEST_CASE("versions pushed out of the list take their copied keys with them") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(30);
    for (size_t i = 0; i < io::RecentVersions::kMax + 2; ++i) {
        add_many(h, 20);  // a bulk change each time: a version before it
        h.frame();
        REQUIRE(h.app.editor().undo());
        h.frame();
    }
    REQUIRE(h.app.versions().size() == io::RecentVersions::kMax);
    size_t heads = 0;
    for (const auto& [key, value] : h.platform.storage)
        if (key.rfind("version-", 0) == 0 && key.find('/') != std::string::npos)
            heads += key.substr(key.find('/') + 1) == io::kHeadKey;
    CHECK(heads == io::RecentVersions::kMax);
    CHECK(h.platform.storage.count(h.app.versions()[0].key + "/" + io::kHeadKey) == 1);
}

TEST_CASE("replacing the article keeps the previous one as a version") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(30);
    h.app.on_paste("A completely different article.");
    h.frames(2);
    h.key(ImGuiKey_Enter);  // confirm the replacement
    h.frames(30);
    bool found = false;
    for (const auto& [key, value] : h.platform.storage)
        if (key.rfind("version-", 0) == 0 && value.find("Angela Merkel") != std::string::npos) found = true;
    CHECK(found);
    CHECK(h.platform.storage.at("versions").find("\"entities\":1") != std::string::npos);
}

TEST_CASE("a tab pauses its autosave when another tab claims the session, and can continue with its work") {
    Harness h;
    CHECK(h.platform.claims == 1);  // a new tab claims the session
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(30);
    const auto saved = h.platform.storage;
    h.app.on_other_tab();
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(30);
    CHECK(h.app.save_state() == ui::SaveState::Off);
    CHECK(h.platform.storage == saved);  // never overwrote the other tab's work
    CHECK(h.app.status_message().find("another tab") != std::string::npos);
}

// Issue 11 item 1: a page without the hint of an autosave (a first visit; or an autosave stored by a
// page older than the hint) starts empty without waiting for the storage; its first open then finds an
// autosave (pre.js -> App::on_saved_found).
TEST_CASE("an autosave found after an empty start is loaded when nothing changed, else the tab pauses") {
    Harness saver;
    REQUIRE(saver.app.set_text(kArticle).ok());
    REQUIRE(saver.app.editor().add_entity(0, 13, "PER").ok());
    saver.frames(30);
    const auto stored = saver.platform.storage;
    REQUIRE(stored.count(std::string(io::kHeadKey)) == 1);

    SUBCASE("untouched: loaded as at start-up, nothing written") {
        Harness h(std::nullopt, stored);  // started empty, the autosave not read
        CHECK(h.app.editor().doc().text().utf8().empty());
        h.app.on_saved_found();
        h.frames(3);
        CHECK(h.app.editor().doc().text().utf8() == kArticle);
        CHECK(h.app.editor().doc().entities().size() == 1);
        CHECK(h.app.status_message() == "Restored your last session (1 entity)");
        CHECK(h.app.save_state() != ui::SaveState::Off);
        h.frames(30);
        CHECK(h.platform.storage == stored);  // nothing rewritten without a change
        REQUIRE(h.app.editor().add_entity(14, 29, "PER").ok());
        h.frames(30);
        Harness again(h.platform.storage);  // the next start has both edits
        CHECK(again.app.editor().doc().entities().size() == 2);
    }
    SUBCASE("changed before it was found: this tab pauses, the autosave stays") {
        Harness h(std::nullopt, stored);
        REQUIRE(h.app.set_text("Another article.").ok());
        h.app.on_saved_found();
        h.frames(30);
        CHECK(h.app.save_state() == ui::SaveState::Off);
        CHECK(h.app.editor().doc().text().utf8() == "Another article.");
        CHECK(h.app.status_message() == "Autosave paused: the annotator was opened in another tab");
        CHECK(h.platform.storage == stored);
    }
    SUBCASE("changed while it was read: this tab pauses, the autosave stays") {
        Harness h(std::nullopt, stored);
        h.app.on_saved_found();
        REQUIRE(h.app.set_text("Another article.").ok());  // before the read's answer (after the frame)
        h.frames(30);
        CHECK(h.app.save_state() == ui::SaveState::Off);
        CHECK(h.app.editor().doc().text().utf8() == "Another article.");
        CHECK(h.app.status_message() == "Autosave paused: the annotator was opened in another tab");
        CHECK(h.platform.storage == stored);
    }
}

TEST_CASE("a text over the size limit is refused with its size and changes nothing") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    const std::string huge(17u << 20, 'a');
    auto s = h.app.set_text(huge);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "the text is 17.0 MB; the limit is 16.0 MB (split it into several documents)");
    h.app.on_paste(huge);
    h.frames(1);
    CHECK(h.app.editor().doc().text().utf8() == kArticle);
    CHECK(h.app.status_message() ==
          "Paste refused: the text is 17.0 MB; the limit is 16.0 MB (split it into several documents)");
}

// ---- The journal (io/journal.hpp): records per edit, snapshots, recovery, the layout-1 upgrade ----

TEST_CASE("an edit appends one small journal record; the snapshot and the text are not rewritten") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(10);  // a snapshot is written 100 ms after it is needed
    const std::string snapshot = h.platform.storage.at(io::kSnapshotKey);
    const std::string key = io::text_key(kArticle);
    CHECK(h.platform.storage.at(key) == kArticle);  // the text, once, under its content key
    CHECK(snapshot.find("Elysee") == std::string::npos);
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frame();  // written in the frame of the edit, no delay
    CHECK(h.app.save_state() == ui::SaveState::Saved);
    CHECK(h.platform.storage.at(io::kSnapshotKey) == snapshot);
    REQUIRE(journal_records(h.platform.storage) == 1);
    const std::string& rec = h.platform.storage.at(io::journal_key(1));
    CHECK(rec.size() < 300);
    CHECK(rec.find(R"("t":"do")") != std::string::npos);
    REQUIRE(h.app.editor().undo());
    h.frame();
    CHECK(h.platform.storage.at(io::journal_key(2)) == R"({"seq":2,"t":"undo","at":"2026-11-27T12:00:00Z"})");
    REQUIRE(h.app.editor().redo());
    h.frame();
    Harness h2(h.platform.storage);  // a reload: snapshot + 3 records replayed
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.status_message() == "Restored your last session (1 entity)");
    CHECK(h2.app.editor().can_undo());
}

TEST_CASE("a torn or unreadable journal tail is dropped with a message; everything before it stays") {
    std::map<std::string, std::string> storage;
    {
        Harness h;
        REQUIRE(h.app.set_text(kArticle).ok());
        h.frames(10);  // a snapshot is written 100 ms after it is needed
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        h.frame();
        REQUIRE(h.app.editor().add_entity(22, 27, "LOC").ok());
        h.frame();
        storage = h.platform.storage;
    }
    REQUIRE(journal_records(storage) == 2);
    std::string& last = storage.at(io::journal_key(2));
    last.resize(last.size() / 2);  // a write torn in the middle
    Harness h2(storage);
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.status_message().rfind("Restored your last session; the last change could not be read and was "
                                        "dropped (record 2: ",
                                        0) == 0);
    // The bad tail is replaced by a snapshot of what was recovered.
    h2.frames(10);
    CHECK(journal_records(h2.platform.storage) == 0);
    Harness h3(h2.platform.storage);
    CHECK(h3.app.editor().doc().entities().size() == 1);
    CHECK(h3.app.status_message() == "Restored your last session (1 entity)");
}

TEST_CASE(
    "a layout-1 session is restored and upgraded: snapshot, text and head written, \"session\" removed in the same "
    "step") {
    std::string legacy;
    {
        Editor e(Document(Text::from_utf8(kArticle).value(), default_labels()));
        REQUIRE(e.add_entity(0, 13, "PER").ok());
        legacy = io::write_session(e);
    }
    Harness h(std::map<std::string, std::string>{{"session", legacy}});
    CHECK(h.app.editor().doc().entities().size() == 1);
    CHECK(h.app.editor().can_undo());
    CHECK(h.app.status_message() == "Restored your last session (1 entity)");
    h.frames(10);  // a snapshot is written 100 ms after it is needed
    CHECK(h.platform.storage.count("session") == 0);
    CHECK(h.platform.storage.count(io::kHeadKey) == 1);
    CHECK(h.platform.storage.at(io::text_key(kArticle)) == kArticle);
    Harness h2(h.platform.storage);
    CHECK(h2.app.editor().doc().entities().size() == 1);
    CHECK(h2.app.editor().can_undo());
}

TEST_CASE("the journal is compacted into a snapshot once long and the page idle, or at once when very long") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(10);  // a snapshot is written 100 ms after it is needed
    for (int i = 0; i < 300; ++i) {
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        REQUIRE(h.app.editor().undo());
        if (i % 50 == 0) h.frame();
    }
    h.frame();
    CHECK(journal_records(h.platform.storage) == 600);
    h.frames(90);  // 1.5 s without a change
    CHECK(journal_records(h.platform.storage) == 0);
    Harness h2(h.platform.storage);
    CHECK(h2.app.editor().doc().entities().size() == 0);
    CHECK(h2.app.editor().can_redo());
}

TEST_CASE("compacting the journal keeps the modification time of the last edit; an edit after it stamps its own") {
    Harness h;
    REQUIRE(h.app.set_text(kArticle).ok());
    h.frames(10);
    h.platform.iso = "2026-11-27T12:05:00Z";
    for (int i = 0; i < 150; ++i) {
        REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
        REQUIRE(h.app.editor().undo());
    }
    h.frame();
    REQUIRE(journal_records(h.platform.storage) == 300);
    CHECK(h.app.editor().doc().info.modified == "2026-11-27T12:05:00Z");
    h.platform.iso = "2026-11-27T13:00:00Z";  // an hour later, no edit: the page idles and compacts
    h.frames(90);
    REQUIRE(journal_records(h.platform.storage) == 0);
    CHECK(h.app.editor().doc().info.modified == "2026-11-27T12:05:00Z");
    Harness h2(h.platform.storage);
    h2.platform.iso = "2026-11-27T14:00:00Z";
    h2.frames(90);
    CHECK(h2.app.editor().doc().info.modified == "2026-11-27T12:05:00Z");
    REQUIRE(h2.app.editor().add_entity(0, 13, "PER").ok());
    h2.frame();
    CHECK(h2.app.editor().doc().info.modified == "2026-11-27T14:00:00Z");
}

// Issue 11, item 3: the frame that committed the snapshot of a 10 MB document copied its text and
// session out of the wasm memory whole (54 ms of CPU in the browser, against 33). They are handed
// to the storage a piece per look at the clock, in the slices before (Platform::storage_stage).
TEST_CASE("a big document's snapshot is handed to the storage in pieces over its slices, none whole in one frame") {
    Harness h;
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a slice (4 ms) holds a few pieces
    std::string text;
    for (size_t i = 0; text.size() < (3u << 20); ++i) text += "word" + std::to_string(i) + " ";
    REQUIRE(h.app.set_text(text).ok());
    REQUIRE(h.app.editor().add_entity(0, 5, "PER").ok());
    size_t most = 0, before = h.platform.handed_bytes;
    int frames = 0;
    do {
        h.frame();
        most = std::max(most, h.platform.handed_bytes - before);
        before = h.platform.handed_bytes;
    } while ((h.app.busy() || frames < 120) && ++frames < 2000);
    CHECK(!h.app.busy());
    CHECK(h.app.frame_stats().save_kind == "snapshot");
    CHECK(h.platform.handed_bytes >= text.size());
    CHECK(most <= (3u << 20) / 2);  // a few pieces of 256 KB per frame, never the 3 MB text
    CHECK(h.platform.staged.empty());
    REQUIRE(h.platform.storage.count(io::text_key(text)) == 1);
    CHECK(h.platform.storage.at(io::text_key(text)) == text);
    Harness h2(h.platform.storage);
    CHECK(h2.app.editor().doc().text().utf8() == text);
    CHECK(h2.app.editor().doc().entities().size() == 1);
}

TEST_CASE("a snapshot is written a slice per frame; an edit meanwhile is in it; the page going away writes it whole") {
    Harness h;
    h.platform.clock_step = 1;  // each look at the clock costs 1 ms: a slice (4 ms) holds a few steps
    const std::string text = many_words(h, 3000);
    int frames = 0;
    while (!h.app.busy() && frames < 100) h.frame(), ++frames;  // the snapshot begins 100 ms later
    REQUIRE(h.app.busy());
    CHECK(h.platform.storage.count(io::kSnapshotKey) == 0);
    h.frames(2);
    REQUIRE(h.app.busy());                             // not done in one frame
    REQUIRE(h.app.editor().remove_entity("e1").ok());  // an edit while it is written
    frames = 0;
    while (h.app.busy() && frames < 1000) h.frame(), ++frames;
    CHECK(!h.app.busy());
    const ui::FrameStats st = h.app.frame_stats();
    CHECK(st.save_kind == "snapshot");
    CHECK(st.save_slices > 4);
    CHECK(h.app.save_state() == ui::SaveState::Saved);
    CHECK(journal_records(h.platform.storage) == 0);  // the edit is in the snapshot
    CHECK(h.platform.storage.at(io::text_key(text)) == text);
    Harness h2(h.platform.storage);
    CHECK(h2.app.editor().doc().entities().size() == 2999);
    CHECK(h2.app.editor().can_undo());

    // Compaction in slices while edits go on: their records are written at once and kept.
    for (int i = 0; i < 130; ++i) {
        REQUIRE(h2.app.editor().add_entity(0, 5, "PER").ok());
        REQUIRE(h2.app.editor().undo());
    }
    h2.platform.clock_step = 1;
    h2.frame();
    REQUIRE(journal_records(h2.platform.storage) == 260);
    frames = 0;
    while (!h2.app.busy() && frames < 200) h2.frame(), ++frames;  // 1 s without a change
    REQUIRE(h2.app.busy());
    REQUIRE(h2.app.editor().remove_entity("e2").ok());
    h2.frame();
    CHECK(journal_records(h2.platform.storage) == 261);  // the edit's record, in its frame
    CHECK(h2.app.save_state() == ui::SaveState::Saved);
    frames = 0;
    while (h2.app.busy() && frames < 1000) h2.frame(), ++frames;
    CHECK(journal_records(h2.platform.storage) == 0);  // compacted, the edit included
    Harness h3(h2.platform.storage);
    CHECK(h3.app.editor().doc().entities().size() == 2998);

    // The page going away: a snapshot under way is finished at once.
    REQUIRE(h3.app.set_text(text).ok());
    frames = 0;
    h3.platform.clock_step = 1;
    while (!h3.app.busy() && frames < 100) h3.frame(), ++frames;
    REQUIRE(h3.app.busy());
    h3.app.flush_autosave();
    CHECK(!h3.app.busy());
    CHECK(h3.app.frame_stats().save_kind == "snapshot");
    Harness h4(h3.platform.storage);
    CHECK(h4.app.editor().doc().text().utf8() == text);
    CHECK(h4.app.editor().doc().entities().size() == 0);
}
