// The word lists of the capitalised-name suggester, per language: read from data files
// (data/suggest/<language>.txt, embedded by the build) so that no word list lives in code, and
// the built-in language whose function words a text uses most.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/text.hpp"

namespace aa {

using WordSet = std::set<std::string, std::less<>>;
using WordLabels = std::map<std::string, std::string, std::less<>>;  // word or term -> label

struct Lexicon {
    std::string language;   // "en"
    WordSet never;          // capitalised yet never in a name: days, months, "I"
    WordSet openers;        // capitalised only at a sentence start: "The", "However"
    WordSet connectors;     // lowercase, between two name words: "of", "al"
    WordSet particles;      // lowercase, hyphened to a name word: "al-Assad"
    WordLabels titles;      // capitalised, left out of the name after it, which gets the label: "President"
    WordLabels honorifics;  // "Mr" (the tokenizer splits its period off): never in a name; labels the next
    WordLabels cues;        // a lowercase word right before a name -> that name's label
    WordLabels heads;       // the last word of a name -> its label: "Department" -> ORG
    WordLabels names;       // a whole name -> its label: "Moscow" -> LOC
};

// Reads a lexicon file. Lines starting with '#' and blank lines are skipped. A section header is one
// of [never] [openers] [connectors] [particles] (words separated by spaces or line breaks),
// [titles LABEL] [honorifics LABEL] [cues LABEL] [heads LABEL] (words), [names LABEL] (one term
// per line, spaces inside). The same word or term under two labels of one kind is an error. Errors start with
// "line N: " and set Error::line.
Result<Lexicon> parse_lexicon(std::string_view language, std::string_view input);
// Adds "term<TAB>LABEL" lines (parse_gazetteer's format) to the lexicon's names; a term it already
// has keeps its label.
Status add_names(Lexicon& lexicon, std::string_view gazetteer_text);

// The lexicons built into the program: one per data/suggest/<language>.txt, each with the places of
// data/suggest/places.tsv among its names. Sorted by language.
const std::vector<Lexicon>& builtin_lexicons();
// The built-in lexicon whose openers occur most often as lowercase words of `text` (English when
// none does, or on a tie).
const Lexicon& detect_lexicon(const Text& text);
// detect_lexicon a piece at a time: each built-in lexicon's count over `text` (added up over the
// pieces of a text split between tokens), then the winner of the sums.
std::vector<size_t> lexicon_votes(const Text& text);
const Lexicon& lexicon_of_votes(const std::vector<size_t>& votes);

}  // namespace aa
