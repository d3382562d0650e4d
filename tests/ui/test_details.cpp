// The selected entity's details edited with the mouse and the keyboard: note, knowledge-base id
// and key/value attributes, each committed as one undo step.
#include <doctest/doctest.h>

#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
void type(Harness& h, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    h.frame();
}
const Entity& entity(Harness& h, const std::string& id) {
    const Entity* e = h.app.editor().doc().entities().find(id);
    REQUIRE(e != nullptr);
    return *e;
}
}  // namespace

TEST_CASE("the KB id, an attribute and a note are edited in the side panel, each one undo step") {
    Harness h;
    REQUIRE(h.app.set_text("Angela Merkel visited Paris.").ok());
    auto id = h.app.editor().add_entity(0, 13, "PER");
    REQUIRE(id.ok());
    h.frames(2);
    h.click(h.center_of(3));  // select the entity: its details appear
    h.frames(1);

    h.click_widget("details.kb");
    type(h, "Q567");
    h.key(ImGuiKey_Enter);
    CHECK(entity(h, id.value()).kb_id == "Q567");
    CHECK(h.app.editor().undo_name() == "Link \"Angela Merkel\"");

    h.click_widget("details.add_attribute");
    h.frames(1);
    REQUIRE(entity(h, id.value()).attributes.size() == 1);
    CHECK(entity(h, id.value()).attributes[0].first == "key");
    h.click_widget("details.value.0");
    type(h, "chancellor");
    h.key(ImGuiKey_Enter);
    REQUIRE(entity(h, id.value()).attributes.size() == 1);
    CHECK(entity(h, id.value()).attributes[0].second == "chancellor");

    h.click_widget("details.note");
    type(h, "check the spelling");
    h.click(h.center_of(20));  // a click in the article deselects the entity: the note is committed
    h.frames(1);
    CHECK(entity(h, id.value()).note == "check the spelling");

    // A KB id typed and left by selecting something else is committed too.
    h.click(h.center_of(3));
    h.frames(1);
    h.click_widget("details.kb");
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 4; ++i) {  // replace "Q567" by "Q568"
        io.AddKeyEvent(ImGuiKey_Backspace, true);
        h.frame();
        io.AddKeyEvent(ImGuiKey_Backspace, false);
        h.frame();
    }
    type(h, "Q568");
    h.click(h.center_of(20));
    h.frames(1);
    CHECK(entity(h, id.value()).kb_id == "Q568");
    h.key(ImGuiKey_Z, true);
    CHECK(entity(h, id.value()).kb_id == "Q567");

    // An attribute value typed and left the same way is committed too.
    h.click(h.center_of(3));
    h.frames(1);
    h.click_widget("details.value.0");
    type(h, "!");
    h.click(h.center_of(20));
    h.frames(1);
    CHECK(entity(h, id.value()).attributes[0].second == "chancellor!");
    h.key(ImGuiKey_Z, true);

    // Each edit is its own undo step, newest first.
    h.key(ImGuiKey_Z, true);
    CHECK(entity(h, id.value()).note.empty());
    h.key(ImGuiKey_Z, true);
    CHECK(entity(h, id.value()).attributes[0].second.empty());
    h.key(ImGuiKey_Z, true);
    CHECK(entity(h, id.value()).attributes.empty());
    h.key(ImGuiKey_Z, true);
    CHECK(entity(h, id.value()).kb_id.empty());

    // And they travel through the native format.
    h.key(ImGuiKey_Y, true);
    auto json = h.app.export_as("native");
    REQUIRE(json.ok());
    CHECK(json.value().find("\"kb_id\": \"Q567\"") != std::string::npos);
}

TEST_CASE("the Suggest panel's rules travel in the native file: an import brings them back") {
    Harness h;
    const std::string with_rules =
        "{\"format\": \"article-annotator\", \"version\": 1, \"text\": \"The UN met the EU.\", "
        "\"labels\": [{\"name\": \"ORG\", \"color\": \"#7aecec\", \"key\": \"2\"}], "
        "\"suggest\": {\"rules\": [{\"pattern\": \"\\\\b[A-Z]{2}\\\\b\", \"label\": \"ORG\"}]}, \"entities\": []}";
    REQUIRE(h.app.import_from("native", with_rules).ok());
    h.frames(2);
    auto out = h.app.export_as("native");
    REQUIRE(out.ok());
    CHECK(out.value().find("\"pattern\": \"\\\\b[A-Z]{2}\\\\b\"") != std::string::npos);
    // A plain article opened next keeps the panel's setup and carries it from then on.
    REQUIRE(h.app.set_text("Another article about the UN.").ok());
    h.frames(2);
    auto out2 = h.app.export_as("native");
    REQUIRE(out2.ok());
    CHECK(out2.value().find("\"suggest\"") != std::string::npos);
    // Without any rule or gazetteer, nothing is written.
    Harness fresh;
    REQUIRE(fresh.app.set_text("Plain.").ok());
    auto out3 = fresh.app.export_as("native");
    REQUIRE(out3.ok());
    CHECK(out3.value().find("\"suggest\"") == std::string::npos);
}
