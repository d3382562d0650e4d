// libFuzzer target annotator_fuzz_writer_reader (issue 12): the fuzzer's bytes choose a document
// with hostile metadata (tests/io/writer_reader_property.hpp: control characters, tabs, newlines,
// NUL, U+FFFE, RTL marks, no-break spaces, very long strings in notes, KB ids, attribute names and
// values, titles, label names); every format that has a writer and a reader writes it and reads
// it back. Property: the reader accepts what the writer wrote, and every difference from the
// original is named by a warning of the write (or the write fails with a message).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/format.hpp"
#include "io/writer_reader_property.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    aa::test::Choices c(std::string_view(reinterpret_cast<const char*>(data), size));
    const aa::Document d = aa::test::hostile_document(c);
    for (const aa::io::Format& f : aa::io::formats()) {
        const std::string problem = aa::test::writer_reader_problem(f, d);
        if (!problem.empty()) {
            std::fprintf(stderr, "\n==== writer -> reader property broken (format %.*s) ====\n%s\n",
                         static_cast<int>(f.id.size()), f.id.data(), problem.c_str());
            std::abort();
        }
    }
    return 0;
}
