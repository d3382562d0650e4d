// Find and propagate: plain-text search over a Text (case folding, whole words), the candidates for
// propagating an entity's label to the other occurrences of its text, and the bulk edits that apply
// them as one undo step. Regular expressions are not here: the page runs the browser's RegExp and
// filters its hits with whole_word_filter().
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/editor.hpp"
#include "core/tokenizer.hpp"

namespace aa {

// Where a whole-word match may start and end. A word boundary is an offset that is
//   - the start or the end of a token (tokenizer.hpp), or
//   - next to an apostrophe (' or U+2019) or a hyphen (-, U+2010, U+2011) inside a word token, on
//     either side: the tokenizer keeps "Assad's", "Assad’s" and "al-Assad" whole, yet "Assad" is a
//     whole word in each of them (as in a browser's \b). Periods inside a token ("U.S.") are not
//     boundaries, nor are the offsets inside a number ("5,000") or inside a grapheme cluster;
//   - but never between a letter and '@', '#', '_' or a digit: in "@NOW_Syria", "#Syria" or
//     "Syria2" no name is a whole word.
// A span is whole-word when both its start and its end are boundaries. Built in linear time.
class WordBoundaries {
public:
    explicit WordBoundaries(const Text& text);
    bool is_boundary(size_t cp) const { return cp < flags_.size() && flags_[cp] != 0; }
    bool whole_word(Span s) const { return is_boundary(s.start) && is_boundary(s.end); }

private:
    std::vector<unsigned char> flags_;  // size() + 1 entries
};

struct FindOptions {
    bool case_sensitive = false;  // false: Unicode simple case folding ("ÉCOLE" finds "école")
    bool whole_word = false;      // WordBoundaries::whole_word
};

// Every occurrence of `needle` in `text`, left to right, not overlapping (after a hit the search
// resumes at its end), in code points. A hit never starts or ends inside a grapheme cluster ("e"
// does not find the e of "e" + U+0301). An empty needle or one that is not valid UTF-8 finds nothing.
// Linear in the text and the needle (Knuth-Morris-Pratt over code points).
std::vector<Span> find_all(const Text& text, std::string_view needle, FindOptions options = {});
// The same with boundaries computed once by the caller (repeated searches over one text).
std::vector<Span> find_all(const Text& text, const WordBoundaries& words, std::string_view needle, FindOptions options);

// The spans (e.g. RegExp hits from the page) that are whole-word, in their order. Spans past the end are dropped.
std::vector<Span> whole_word_filter(const Text& text, const std::vector<Span>& spans);
// How many of the spans lie inside longer words (are not whole-word): "Russia" in "Russians", before
// "label every hit" asks whether to include them.
size_t count_inside_words(const WordBoundaries& words, const std::vector<Span>& spans);

// Propagation: the other whole-word, case-sensitive occurrences of e's text where labelling with
// e's label would add something. An occurrence is left out when an entity with e's label covers
// it (contains it or equals it) or when any entity has exactly its span (already labelled, perhaps
// otherwise); it is kept inside an entity of another label, since entities may nest. e's own
// span is never a candidate. In document order.
std::vector<Span> propagation_candidates(const Document& doc, const Entity& e);
// Ids of the entities with e's text and label (e itself included), in document order.
std::vector<std::string> same_text_entities(const Document& doc, const Entity& e);

// Adds an entity with `label` on each span, as one undo step named `name`; spans that already
// hold an entity with that label (or repeat an earlier span of the list) are skipped. Returns the
// number added. Errors (nothing changes): an unknown label, a span outside the text or empty.
Result<size_t> label_all(Editor& editor, const std::vector<Span>& spans, std::string_view label, std::string name);
// Removes the entities with these ids as one undo step named `name`; repeated ids count once.
// Returns the number removed. An unknown id is an error and nothing changes.
Result<size_t> remove_all(Editor& editor, const std::vector<std::string>& ids, std::string name);

}  // namespace aa
