// The pre-annotation setup as plain data: regular-expression rules, gazetteers and the names
// suggester, as the Suggest panel exports it (a rules file) and as it travels with the labels in a
// native file (DocumentInfo::suggest). io reads and writes it (io/page_state.hpp); suggest.hpp
// runs it. Every part is optional so that a file says only what it sets.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace aa {

struct GazetteerEntry {
    std::string term;
    std::string label;
    friend bool operator==(const GazetteerEntry&, const GazetteerEntry&) = default;
};

// A pattern (JavaScript RegExp syntax) and the label of its matches.
struct Rule {
    std::string pattern;
    std::string label;
    friend bool operator==(const Rule&, const Rule&) = default;
};

// One gazetteer of a rules file: its entries, or (while what was typed does not parse yet) the
// text as typed, and its matching options.
struct GazetteerSetup {
    std::optional<bool> case_sensitive;
    std::optional<bool> whole_word;
    std::optional<std::vector<GazetteerEntry>> entries;
    std::optional<std::string> text;
    friend bool operator==(const GazetteerSetup&, const GazetteerSetup&) = default;
};

struct NamesSetup {
    std::optional<bool> enabled;
    std::optional<std::string> label;
    friend bool operator==(const NamesSetup&, const NamesSetup&) = default;
};

struct SuggestConfig {
    std::optional<std::vector<GazetteerSetup>> gazetteers;
    std::optional<NamesSetup> names;
    std::optional<std::vector<Rule>> rules;
    friend bool operator==(const SuggestConfig&, const SuggestConfig&) = default;
};

}  // namespace aa
