// core/lines.hpp: the one line loop of the line-based parsers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/lines.hpp"

namespace {
std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    aa::LineReader r(text);
    for (std::string_view l; r.next(l);) out.push_back(std::to_string(r.number()) + ":" + std::string(l));
    return out;
}
}  // namespace

TEST_CASE("lines end at \\n, \\r\\n or a lone \\r, and a final line end adds no empty line") {
    CHECK(lines_of("") == std::vector<std::string>{});
    CHECK(lines_of("a") == std::vector<std::string>{"1:a"});
    CHECK(lines_of("a\n") == std::vector<std::string>{"1:a"});
    CHECK(lines_of("a\r\n\nb\r") == std::vector<std::string>{"1:a", "2:", "3:b"});
    CHECK(lines_of("a\rb\r\rc") == std::vector<std::string>{"1:a", "2:b", "3:", "4:c"});
}
