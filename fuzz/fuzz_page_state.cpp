// libFuzzer target for the page's own schemas (io/page_state.hpp): the rules file, the view
// preferences and the versions and queue indexes. Every input goes to all four readers. Property:
// a read never crashes and a failed read names an error; what reads is written, read again with
// no diagnostic at all, and written again byte for byte the same.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/page_state.hpp"

namespace {

[[noreturn]] void fail(const char* schema, const char* what, std::string_view a = {}, std::string_view b = {}) {
    std::fprintf(stderr, "\n==== %s property broken: %s ====\n", schema, what);
    if (!a.empty()) std::fprintf(stderr, "---- first ----\n%.*s\n", static_cast<int>(a.size()), a.data());
    if (!b.empty()) std::fprintf(stderr, "---- second ----\n%.*s\n", static_cast<int>(b.size()), b.data());
    std::abort();
}

template <class Read, class Write>
void round_trip(const char* schema, std::string_view input, Read read, Write write) {
    auto first = read(input);
    if (!first.ok()) {
        if (first.first_error().empty()) fail(schema, "a failed read gave no error");
        return;
    }
    const std::string w1 = write(*first.value);
    auto second = read(w1);
    if (!second.ok()) fail(schema, "the reader refused the writer's own output", second.first_error(), w1);
    if (!second.diagnostics.empty())
        fail(schema, "the writer's own output reads with diagnostics", second.diagnostics[0].report(), w1);
    if (!(*second.value == *first.value)) fail(schema, "the value changed through write and read", w1);
    const std::string w2 = write(*second.value);
    if (w1 != w2) fail(schema, "the two writes differ", w1, w2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    round_trip("rules file", input, aa::io::read_suggest_config, aa::io::write_suggest_config);
    round_trip("view", input, aa::io::read_view_prefs, aa::io::write_view_prefs);
    round_trip("versions index", input, aa::io::read_version_index, aa::io::write_version_index);
    round_trip("queue index", input, aa::io::read_queue_index, aa::io::write_queue_index);
    (void)aa::io::looks_like_native_jsonl(input);
    return 0;
}
