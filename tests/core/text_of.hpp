// A Text from a UTF-8 literal, for the core suites (the test stops if it is not valid UTF-8).
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/text.hpp"

namespace aa::test {

inline Text text_of(const std::string& s) {
    auto t = Text::from_utf8(s);
    REQUIRE(t.ok());
    return std::move(t.value());
}

}  // namespace aa::test
