// Never lose work: recent versions kept before big changes and restorable after a reload, two
// tabs that never overwrite each other, the text size limit, and storage failures.
#include <doctest/doctest.h>

#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
const char* kArticle = "Angela Merkel visited Paris. Emmanuel Macron met her at the Elysee Palace in Paris.";

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
    Harness h2(storage.at("session"), storage);
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
    CHECK(h2.platform.storage.at("session").find("\"id\": \"e2\"") ==
          std::string::npos);  // the restored state is saved
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
    const std::string saved = h.platform.storage.at("session");
    h.app.on_other_tab();
    REQUIRE(h.app.editor().add_entity(0, 13, "PER").ok());
    h.frames(30);
    CHECK(h.app.save_state() == ui::SaveState::Off);
    CHECK(h.platform.storage.at("session") == saved);  // never overwrote the other tab's work
    CHECK(h.app.status_message().find("another tab") != std::string::npos);
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
