// A new document's screen-reader description after the frame (issue 11): with the page's host taking it
// (App::accessibility_after_frame), the first frame and a frame that replaced the document (a paste, a
// dropped file, another document of the queue) leave it, through one path, to the host's task right after
// the frame. Whichever comes first, that task or the next frame, describes the document; the other does
// nothing: described once per change, and never left stale for a frame that comes first.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>

#include "headless.hpp"
#include "io/format.hpp"

using namespace aa;
using aa::test::FakePlatform;
using aa::test::Harness;

namespace {

constexpr const char* kSaved = "Talks in Moscow were useful, Nuland said.";
constexpr const char* kPasted = "Angela Merkel visited Paris on Tuesday.";
constexpr const char* kDropped = "Olaf Scholz spoke in Rome.";

// What a browser's storage holds after kSaved was opened: the page restores it in its first frame.
std::map<std::string, std::string> saved_article() {
    Harness h;
    REQUIRE(h.app.set_text(kSaved).ok());
    h.frames(30);
    return h.platform.storage;
}

// The dropped file: kDropped with Rome a LOC, as native JSON.
std::string dropped_file() {
    Document doc(Text::from_utf8(kDropped).value());
    doc.info.title = "Rome talks";
    Entity e;
    e.id = "e1";
    e.start = 21;
    e.end = 25;
    e.label = "LOC";
    REQUIRE(doc.insert_entity(std::move(e)).ok());
    return io::write("native", doc).output;
}

// The page: an App whose host asks for the description after the frame before its first frame, as
// main.cpp does, started on what `storage` holds.
struct Page {
    FakePlatform platform;
    ImGuiContext* ctx;
    ui::App app{platform};
    explicit Page(const std::map<std::string, std::string>& storage) : ctx(ImGui::CreateContext()) {
        ImGui::SetCurrentContext(ctx);
        platform.storage = storage;
        aa::test::init_imgui(app);
        app.accessibility_after_frame(true);
        app.startup(aa::test::saved_of(platform.storage));
    }
    ~Page() { ImGui::DestroyContext(ctx); }
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;
    void frame() { aa::test::ui_frame(ctx, app, platform); }
    // A click in the middle of a widget named in the last frame: the pointer there, pressed, released.
    void click_widget(const std::string& name) {
        const auto r = app.widget_rect(name);
        REQUIRE_MESSAGE(r.has_value(), name);
        ImGui::GetIO().AddMousePosEvent(r->x + r->width * 0.5f, r->y + r->height * 0.5f);
        frame();
        ImGui::GetIO().AddMouseButtonEvent(0, true);
        frame();
        ImGui::GetIO().AddMouseButtonEvent(0, false);
    }
    // Frames until the open document's text is `text` (the frame that replaced it the last one run).
    void frames_until(std::string_view text) {
        for (int i = 0; i < 100 && (i == 0 || app.editor().doc().text().utf8() != text); ++i) frame();
        REQUIRE(app.editor().doc().text().utf8() == text);
    }
};

// The newest description handed (an empty one when none was: a failed REQUIRE does not stop the test).
const ui::A11yDocument& newest(const FakePlatform& f) {
    static const ui::A11yDocument none;
    return f.a11y.empty() ? none : f.a11y.back();
}

bool describes(const ui::A11yDocument& d, std::string_view text) {
    for (const ui::A11yParagraph& p : d.paragraphs)
        if (p.text.find(text) != std::string::npos) return true;
    return false;
}

// The one path, after a frame that found a new document showing `text`: that frame handed nothing and
// left the description; then the host's task (`task_first`) or the next frame describes it, once, and
// the other does nothing. `handed`: the descriptions handed before that frame.
void left_then_described_once(Page& p, size_t handed, std::string_view text, bool task_first) {
    CAPTURE(task_first);
    REQUIRE(p.app.accessibility_left());
    CHECK(p.platform.a11y.size() == handed);  // the frame described nothing
    if (task_first)
        CHECK(p.app.describe_left_accessibility());  // the host's task
    else
        p.frame();  // a frame before the task: it describes the document, the mirror is not stale
    CHECK(!p.app.accessibility_left());
    REQUIRE(p.platform.a11y.size() == handed + 1);
    CHECK(describes(newest(p.platform), text));
    // The other one, after it, builds nothing again.
    if (task_first)
        p.frame();
    else
        CHECK(!p.app.describe_left_accessibility());
    CHECK(!p.app.accessibility_left());
    CHECK(p.platform.a11y.size() == handed + 1);
    // Frames after that hand nothing either: nothing a reader hears changed.
    for (int i = 0; i < 3; ++i) p.frame();
    CHECK(p.platform.a11y.size() == handed + 1);
    CHECK(!p.app.accessibility_left());
}

// The page opened on the saved article, its first frame's description taken by the host's task.
void opened(Page& p) {
    p.frame();
    REQUIRE(p.app.accessibility_left());
    REQUIRE(p.app.describe_left_accessibility());
    REQUIRE(describes(newest(p.platform), kSaved));
    for (int i = 0; i < 3; ++i) p.frame();
}

}  // namespace

TEST_CASE("a11y after the frame: the first frame leaves the description; the task or the next frame gives it, once") {
    const auto storage = saved_article();
    for (const bool task_first : {true, false}) {
        Page p(storage);
        p.frame();  // the first frame, the saved article restored
        left_then_described_once(p, 0, kSaved, task_first);
    }
}

TEST_CASE("a11y after the frame: a paste, a dropped file and a queue switch go through the first frame's path") {
    const auto storage = saved_article();
    const std::string file = dropped_file();
    // Each way of replacing the document: what it does, and the new document's text.
    const std::vector<std::pair<std::function<void(Page&)>, std::string>> replaces = {
        {[](Page& p) { p.app.on_paste(kPasted); }, kPasted},
        {[&file](Page& p) { p.app.on_file("rome.json", file); }, kDropped},
        {[](Page& p) {
             p.app.on_files_begin(ui::App::kDroppedFiles, 2);
             p.app.on_file("one.txt", kPasted);
             p.app.on_file("two.txt", kDropped);
             p.app.on_files_end(ui::App::kDroppedFiles);
             p.frames_until(kPasted);
             REQUIRE(p.app.describe_left_accessibility());  // the queue's first document, described
             for (int i = 0; i < 3; ++i) p.frame();
             p.click_widget("queue.next");  // the release: the other document in the frame below
         },
         kDropped},
    };
    for (size_t k = 0; k < replaces.size(); ++k)
        for (const bool task_first : {true, false}) {
            CAPTURE(k);
            Page p(storage);
            opened(p);
            const auto& [replace, text] = replaces[k];
            replace(p);
            const size_t handed = p.platform.a11y.size();
            p.frames_until(text);
            left_then_described_once(p, handed, text, task_first);
        }
}

TEST_CASE("a11y after the frame: the dropped file's entities are in the description the task gives") {
    Page p(saved_article());
    opened(p);
    p.app.on_file("rome.json", dropped_file());
    p.frames_until(kDropped);
    REQUIRE(p.app.accessibility_left());
    REQUIRE(p.app.describe_left_accessibility());
    const ui::A11yDocument& d = newest(p.platform);
    CHECK(d.title == "Rome talks");
    CHECK(!describes(d, kSaved));
    REQUIRE(d.entities.size() == 1);
    CHECK(d.entities[0].text == "Rome");
    CHECK(d.entities_total == 1);
    REQUIRE(d.paragraphs.size() == 1);
    REQUIRE(d.paragraphs[0].marks.size() == 1);
    CHECK(d.paragraphs[0].marks[0].name == "Rome, Location");
}

TEST_CASE("a11y after the frame: without the host asking, every frame describes, the first one included") {
    Harness h;
    CHECK(!h.app.accessibility_left());
    CHECK(!h.platform.a11y.empty());  // the first two frames described the empty page
    CHECK(!h.app.describe_left_accessibility());
    REQUIRE(h.app.set_text(kPasted).ok());
    h.frame();
    CHECK(!h.app.accessibility_left());
    CHECK(describes(newest(h.platform), kPasted));
}
