// nlohmann's SAX parse with a handler that keeps nothing, for the benchmarks (scripts/bench.sh
// native): the least any reader built on that parser pays for an input before it reads anything.
#pragma once
#include <string_view>

namespace aa::io {

// False on a syntax error.
bool json_parse_only(std::string_view input);

}  // namespace aa::io
