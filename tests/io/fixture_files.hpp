// Reading test fixtures (tests/fixtures, absolute path in AA_FIXTURES) as raw bytes; works natively
// and under node (NODERAWFS).
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "aa_fixtures_path.hpp"

// doctest's REQUIRE needs exceptions, which this project builds without (its no-exception
// fallback carries on after a failure): check, then leave the test case.
#define AA_REQUIRE(...)           \
    do {                          \
        if (!(__VA_ARGS__)) {     \
            CHECK((__VA_ARGS__)); \
            return;               \
        }                         \
    } while (0)
#define AA_REQUIRE_MESSAGE(cond, msg)   \
    do {                                \
        if (!(cond)) {                  \
            CHECK_MESSAGE((cond), msg); \
            return;                     \
        }                               \
    } while (0)

namespace aa::test {

inline std::string fixture_path(const std::string& rel) { return std::string(AA_FIXTURES) + "/" + rel; }

// The file's bytes; "" with `ok` false when it cannot be read.
inline std::string read_fixture(const std::string& rel, bool* ok = nullptr) {
    std::ifstream in(fixture_path(rel), std::ios::binary);
    if (ok) *ok = static_cast<bool>(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace aa::test
