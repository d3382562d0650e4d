// Text fields typed into through the host's own element (ui/text_field.cpp, issue 10): the field that
// has the keyboard is shown to the platform with its text, selection and kind; the element's
// committed text (a composition: once, when committed) replaces the field's and acts as typed text
// would: the find bar finds a Chinese word and labels its hits, a note is committed on leaving it.
#include <doctest/doctest.h>

#include "core/editor.hpp"
#include "headless.hpp"

using namespace aa;
using aa::test::Harness;

namespace {
// "北京是中国的首都。北京很大。": 北京 twice.
const char* kChinese =
    "\xE5\x8C\x97\xE4\xBA\xAC\xE6\x98\xAF\xE4\xB8\xAD\xE5\x9B\xBD\xE7\x9A\x84\xE9\xA6\x96\xE9\x83\xBD\xE3\x80\x82"
    "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xBE\x88\xE5\xA4\xA7\xE3\x80\x82";
const char* kBeijing = "\xE5\x8C\x97\xE4\xBA\xAC";

// "Angela Merkel" (PER) selected, then the entity details' field `widget` clicked: it has the
// keyboard, shown to the host (its id: `field`).
struct DetailsField {
    Harness h;
    std::string entity;
    uint32_t field = 0;
    explicit DetailsField(const char* widget) {
        h.platform.host_fields = true;
        REQUIRE(h.app.set_text("Angela Merkel visited Paris.").ok());
        auto id = h.app.editor().add_entity(0, 13, "PER");
        REQUIRE(id.ok());
        entity = id.value();
        h.frames(2);
        h.click(h.center_of(3));
        h.frames(1);
        h.click_widget(widget);
        field = h.platform.field.id;
        REQUIRE(field != 0);
    }
};

}  // namespace

TEST_CASE("text field: a Chinese word committed in the host's element is the find bar's query; its hits are found") {
    Harness h;
    h.platform.host_fields = true;
    REQUIRE(h.app.set_text(kChinese).ok());
    h.frames(2);
    CHECK(h.platform.field.id == 0);  // no field has the keyboard
    h.key(ImGuiKey_F, true);
    h.frames(1);
    const uint32_t id = h.platform.field.id;
    REQUIRE(id != 0);
    CHECK_FALSE(h.platform.field.multiline);
    CHECK_FALSE(h.platform.field.own_undo);  // Ctrl+Z in the find bar is the annotator's undo
    CHECK(h.platform.field.text.empty());

    h.app.on_text_field_input(id + 1, "x", 1, 1);  // another field's late edit: ignored
    h.frames(1);
    CHECK(h.platform.field.text.empty());
    h.app.on_text_field_input(id, kBeijing, 2, 2);  // the composition, committed
    h.frames(1);
    CHECK(h.platform.field.id == id);
    CHECK(h.platform.field.text == kBeijing);
    CHECK(h.platform.field.sel_start == 2);
    CHECK(h.platform.field.sel_end == 2);
    CHECK_FALSE(h.platform.field.just_activated);

    h.key(ImGuiKey_Enter, false, false, true);  // Alt+Enter: label every hit
    const auto& es = h.app.editor().doc().entities();
    REQUIRE(es.size() == 2);
    for (const auto& eid : es.ordered()) {
        const Entity& e = es.get(eid);
        CHECK(e.end - e.start == 2);
        CHECK((e.start == 0 || e.start == 9));
    }
    h.key(ImGuiKey_Escape);  // closes the bar: no field has the keyboard
    h.frames(2);
    CHECK(h.platform.field.id == 0);
}

TEST_CASE("text field: an edit arriving in the frame of Enter is the text Enter validates") {
    DetailsField t("details.kb");
    Harness& h = t.h;
    const uint32_t field = t.field;
    h.app.on_text_field_input(field, "Q 567", 5, 5);  // a blank: the field takes no blanks
    h.key(ImGuiKey_Enter);
    CHECK(h.app.editor().doc().entities().find(t.entity)->kb_id == "Q567");
}

TEST_CASE("text field: a note typed in the host's textarea is committed when the field is left") {
    DetailsField t("details.note");
    Harness& h = t.h;
    const uint32_t field = t.field;
    CHECK(h.platform.field.multiline);
    CHECK(h.platform.field.own_undo);
    const std::string note = std::string("\xE6\xB3\xA8\xE6\x84\x8F\xEF\xBC\x9A") + kBeijing + "\nsecond line";
    h.app.on_text_field_input(field, note, 3, 3);
    h.frames(1);
    CHECK(h.platform.field.text == note);
    h.click(h.center_of(20));  // a click in the article: the field loses the keyboard, the note is committed
    h.frames(1);
    CHECK(h.platform.field.id == 0);
    CHECK(h.app.editor().doc().entities().find(t.entity)->note == note);
    // A late edit for the field that is gone changes nothing.
    h.app.on_text_field_input(field, "late", 4, 4);
    h.frames(1);
    CHECK(h.app.editor().doc().entities().find(t.entity)->note == note);
}

TEST_CASE("text field: the team sign-in's fields are typed through the host's element, the password as one") {
    Harness h;
    h.platform.host_fields = true;
    h.platform.team_available = true;
    h.click_widget("menu.file");
    h.click_widget("menu.team");
    h.frames(2);
    // "https://couch.example.org/新闻", "李明" (a name composed by an input method), a password.
    const std::string url = "https://couch.example.org/\xE6\x96\xB0\xE9\x97\xBB";
    const std::string name = "\xE6\x9D\x8E\xE6\x98\x8E";
    const std::pair<const char*, std::string> fields[] = {
        {"team.url", url}, {"team.name", name}, {"team.password", "s3cret"}};
    for (const auto& f : fields) {
        const std::string widget = f.first, value = f.second;
        h.click_widget(widget);
        const uint32_t id = h.platform.field.id;
        REQUIRE_MESSAGE(id != 0, widget);
        CHECK(h.platform.field.password == (std::string(widget) == "team.password"));
        const size_t end = seg::to_utf32(value).size();
        h.app.on_text_field_input(id, value, end, end);
        h.frames(1);
        CHECK(h.platform.field.text == value);
    }
    h.click_widget("team.sign_in");
    REQUIRE(h.platform.team_sign_ins.size() == 1);
    CHECK(h.platform.team_sign_ins[0] == std::array<std::string, 3>{url, name, "s3cret"});
}
