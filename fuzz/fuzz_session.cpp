// libFuzzer target for the autosave session reader (io::read_session). Property: a session that
// reads is restored into an Editor, written, read and restored again: both writes equal byte for
// byte; and the restored history really replays (undo everything, redo everything: same document),
// since Editor::undo asserts that a recorded command cannot fail.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/session.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view a = {}, std::string_view b = {}) {
    std::fprintf(stderr, "\n==== session property broken: %s ====\n", what);
    if (!a.empty()) std::fprintf(stderr, "---- first ----\n%.*s\n", static_cast<int>(a.size()), a.data());
    if (!b.empty()) std::fprintf(stderr, "---- second ----\n%.*s\n", static_cast<int>(b.size()), b.data());
    std::abort();
}

bool same_content(const aa::Document& a, const aa::Document& b) {
    if (a.text().utf8() != b.text().utf8() || a.labels().all() != b.labels().all()) return false;
    const auto& ea = a.entities().ordered();
    const auto& eb = b.entities().ordered();
    if (ea.size() != eb.size()) return false;
    for (size_t i = 0; i < ea.size(); ++i)
        if (!(a.entities().get(ea[i]) == b.entities().get(eb[i]))) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto first = aa::io::read_session(input);
    if (!first) {
        if (first.error().message.empty()) fail("a failed read gave no error message");
        return 0;
    }
    const std::optional<aa::io::ViewPrefs> view = first->view;
    aa::Editor editor;
    aa::io::restore_session(editor, std::move(*first));
    const std::string w1 = aa::io::write_session(editor, view);

    auto second = aa::io::read_session(w1);
    if (!second) fail("the reader refused the writer's own output", second.error().summary(), w1);
    if (!second->warnings.empty())
        fail("the writer's own output reads with warnings", second->warnings.front().report(), w1);
    aa::Editor again;
    aa::io::restore_session(again, std::move(*second));
    if (again.undo_stack().size() != editor.undo_stack().size() ||
        again.redo_stack().size() != editor.redo_stack().size())
        fail("the history changed through write and read", w1);
    const std::string w2 = aa::io::write_session(again, view);
    if (w1 != w2) fail("the two writes differ", w1, w2);

    // Replay: everything undone then redone back to here gives the same document; so does
    // redoing the whole redo stack and undoing it again.
    const aa::Document before = again.doc();
    const size_t undo_depth = again.undo_stack().size();
    const size_t redo_depth = again.redo_stack().size();
    while (again.can_undo()) again.undo();
    for (size_t i = 0; i < undo_depth; ++i)
        if (!again.redo()) fail("redo stopped before the saved state", w1);
    if (!same_content(before, again.doc())) fail("undo all then redo changed the document", w1);
    for (size_t i = 0; i < redo_depth; ++i)
        if (!again.redo()) fail("the saved redo stack did not replay", w1);
    for (size_t i = 0; i < redo_depth; ++i)
        if (!again.undo()) fail("undo of a redone command failed", w1);
    if (!same_content(before, again.doc())) fail("redo all then undo changed the document", w1);
    return 0;
}
