// The rules-file schema (SuggestConfig) and the view preferences as JSON values, private to aa_io:
// page_state.cpp reads whole inputs with them; native.cpp (the `suggest` object of a document) and
// session.cpp (the "view" object) read and write them inside their own values and positions.
#pragma once
#include <optional>

#include "core/suggest_config.hpp"
#include "io/json_read.hpp"
#include "io/page_state.hpp"

namespace aa::io::page {

json::ojson suggest_to_json(const SuggestConfig& config);
// Reports every problem at its path into `r`: as errors, or as warnings when `lenient` (then the
// result keeps what could be read). nullopt when an error was reported.
std::optional<SuggestConfig> suggest_from_json(const json::ojson& v, const JsonPath& path, json::Reporter& r,
                                               bool lenient);

json::ojson view_to_json(const ViewPrefs& view);
// Always lenient (see page_state.hpp); nullopt only when `v` is not an object (then reported as
// `problem_severity`).
std::optional<ViewPrefs> view_from_json(const json::ojson& v, const JsonPath& path, json::Reporter& r,
                                        bool not_object_is_error);

}  // namespace aa::io::page
