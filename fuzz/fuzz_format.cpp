// libFuzzer target for every reader in the format registry (src/io/format.cpp): one binary whose
// format comes from its own name, annotator_fuzz_<id> (fuzz/CMakeLists.txt makes one link per
// readable format). Property: read(input) -> if ok: write -> read -> write; both writes equal byte
// for byte, the second read succeeds and its documents equal the first's in text and entities.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "io/format.hpp"

namespace {

const aa::io::Format* g_format = nullptr;

// Lists the readable formats, one id per line: the build makes one link per line, fuzz.sh runs one
// target per line, so a new reader in the registry is fuzzed without touching this directory.
void print_readable_formats() {
    for (const aa::io::Format& f : aa::io::formats())
        if (f.read) std::printf("%.*s\n", static_cast<int>(f.id.size()), f.id.data());
}

[[noreturn]] void fail(const char* what, std::string_view detail_a = {}, std::string_view detail_b = {}) {
    std::fprintf(stderr, "\n==== round-trip property broken (format %.*s): %s ====\n",
                 static_cast<int>(g_format->id.size()), g_format->id.data(), what);
    if (!detail_a.empty())
        std::fprintf(stderr, "---- first ----\n%.*s\n", static_cast<int>(detail_a.size()), detail_a.data());
    if (!detail_b.empty())
        std::fprintf(stderr, "---- second ----\n%.*s\n", static_cast<int>(detail_b.size()), detail_b.data());
    std::abort();
}

std::string diagnostics_of(const std::vector<aa::io::Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.report() + "\n";
    return out;
}

std::string entities_of(const std::vector<aa::Document>& docs) {
    std::string out;
    for (size_t i = 0; i < docs.size(); ++i) {
        out += "document " + std::to_string(i) + ": " + std::to_string(docs[i].text().size()) + " code points\n";
        for (aa::Slot s : docs[i].entities().ordered()) {
            const aa::Entity& e = docs[i].entities().get(s);
            out += "  [" + std::to_string(e.start) + ", " + std::to_string(e.end) + ") " + e.label + "\n";
        }
    }
    return out;
}

bool same_text_and_entities(const std::vector<aa::Document>& a, const std::vector<aa::Document>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].text().utf8() != b[i].text().utf8()) return false;
        const auto& ea = a[i].entities().ordered();
        const auto& eb = b[i].entities().ordered();
        if (ea.size() != eb.size()) return false;
        for (size_t k = 0; k < ea.size(); ++k) {
            const aa::Entity& x = a[i].entities().get(ea[k]);
            const aa::Entity& y = b[i].entities().get(eb[k]);
            if (x.start != y.start || x.end != y.end || x.label != y.label) return false;
        }
    }
    return true;
}

std::vector<const aa::Document*> pointers(const std::vector<aa::Document>& docs) {
    std::vector<const aa::Document*> out;
    for (const auto& d : docs) out.push_back(&d);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    if (std::getenv("AA_FUZZ_LIST_FORMATS")) {
        print_readable_formats();
        std::exit(0);
    }
    const std::string_view self = (*argc > 0) ? (*argv)[0] : "";
    const size_t slash = self.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? self : self.substr(slash + 1);
    constexpr std::string_view prefix = "annotator_fuzz_";
    if (name.substr(0, prefix.size()) == prefix) g_format = aa::io::find_format(name.substr(prefix.size()));
    if (!g_format || !g_format->read || !g_format->write) {
        std::fprintf(stderr, "%.*s: run this binary as annotator_fuzz_<format>, one of:\n",
                     static_cast<int>(name.size()), name.data());
        for (const aa::io::Format& f : aa::io::formats())
            if (f.read && f.write)
                std::fprintf(stderr, "  annotator_fuzz_%.*s\n", static_cast<int>(f.id.size()), f.id.data());
        std::exit(2);
    }
    return 0;
}

// Formats without the text (brat's .ann, W3C annotations, CoNLL aligned to an original text) read
// it from ReadOptions::text. The fuzzer supplies it in-band so that it is mutated too and a crash
// reproduces from one file: an input holding a NUL byte is TEXT '\0' FORMAT-INPUT; without a NUL,
// the whole input is the format's input and no text is given (the readers that need one report
// that and the input is uninteresting). fuzz.sh builds such seeds from brat's .txt/.ann pairs.
// The second read gets the first read's own text back when the first had one: that is what the
// page does when it re-imports an export next to the article it came from.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const size_t nul = all.find('\0');
    aa::Text given_text;
    aa::io::ReadOptions options;
    options.source_name = "fuzz";
    std::string_view input = all;
    if (nul != std::string_view::npos) {
        auto text = aa::Text::from_utf8(std::string(all.substr(0, nul)));
        if (!text) return 0;  // not a text the page could hold; the validator has its own target
        given_text = std::move(*text);
        options.text = &given_text;
        input = all.substr(nul + 1);
    }

    const aa::io::ReadResult first = g_format->read(input, options);
    if (!first.ok()) {
        if (!first.documents.empty())
            fail("a failed read returned documents (reads are atomic)", diagnostics_of(first.diagnostics));
        if (first.first_error().empty()) fail("a failed read gave no error message");
        return 0;
    }
    if (first.documents.empty()) return 0;  // e.g. an empty JSONL file: nothing to write
    if (!g_format->multi_document && first.documents.size() > 1)
        fail("a single-document format read several documents");

    const aa::io::WriteOptions wopts;
    const aa::io::WriteResult w1 = g_format->write(pointers(first.documents), wopts);
    if (!w1.ok())
        fail("the writer refused what the reader accepted", diagnostics_of(w1.diagnostics),
             entities_of(first.documents));
    // A writer's warnings say what the format could not hold (e.g. a label with a space in brat):
    // then the documents may change once, but the output must be stable from there on.
    bool lossy = false;
    for (const auto& d : w1.diagnostics) lossy |= !d.is_error();

    aa::io::ReadOptions again;
    again.source_name = "fuzz-again";
    if (options.text) again.text = &first.documents.front().text();
    const aa::io::ReadResult second = g_format->read(w1.output, again);
    if (!second.ok()) fail("the reader refused the writer's own output", second.first_error(), w1.output);
    if (!lossy && !same_text_and_entities(first.documents, second.documents))
        fail("documents changed through write and read", entities_of(first.documents), entities_of(second.documents));

    const aa::io::WriteResult w2 = g_format->write(pointers(second.documents), wopts);
    if (!w2.ok()) fail("the writer refused its own re-read output", diagnostics_of(w2.diagnostics));
    if (w1.output != w2.output) fail("the two writes differ", w1.output, w2.output);
    return 0;
}
