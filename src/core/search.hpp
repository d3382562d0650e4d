// Find and propagate: plain-text search over a Text (case folding, whole words), the candidates for
// propagating an entity's label to the other occurrences of its text, and the bulk edits that apply
// them as one undo step. Regular expressions are not here: the page runs the browser's RegExp and
// filters its hits with whole_word_filter().
#pragma once
#include <algorithm>
#include <cstddef>
#include <memory>
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
// Linear in the text and the needle (Knuth-Morris-Pratt over the UTF-8 bytes as they are decoded;
// whole words checked around each hit, so no array the size of the text is built).
std::vector<Span> find_all(const Text& text, std::string_view needle, FindOptions options = {});
// The same with boundaries computed once by the caller (repeated searches over one text).
std::vector<Span> find_all(const Text& text, const WordBoundaries& words, std::string_view needle, FindOptions options);

// find_all a part at a time: the page searches a few milliseconds per frame, so that typing into
// Find never blocks a frame however long the text. The same hits as find_all, in order. `text` (and
// `words`, when given) must outlive the run and not change.
class FindRun {
public:
    FindRun(const Text& text, std::string_view needle, FindOptions options, const WordBoundaries* words = nullptr);
    // Searches about `bytes` more bytes of the text (whole code points, at least one); true when done.
    bool step(size_t bytes);
    bool done() const { return at_ >= end_; }
    size_t bytes_searched() const { return at_; }
    size_t bytes_total() const { return end_; }
    const std::vector<Span>& hits() const { return hits_; }
    std::vector<Span> take_hits() { return std::move(hits_); }
    // How many hits the same search finds without whole words (equal to hits() without them): with
    // whole words the difference is the hits inside longer words, counted in the same pass.
    size_t hits_any_word() const { return options_.whole_word ? any_word_ : hits_.size(); }

private:
    void on_match(size_t first_cp, size_t first_byte, size_t end_byte);
    const Text* text_;
    const WordBoundaries* words_;
    FindOptions options_;
    std::vector<char32_t> pat_;   // folded unless case-sensitive
    std::vector<size_t> fail_;    // Knuth-Morris-Pratt failure function
    std::vector<size_t> starts_;  // byte offset of code point i at i & ring_mask_: where a match began
    size_t ring_mask_ = 0;        // starts_.size() - 1, a power of two above the pattern's length
    size_t at_ = 0, end_ = 0;     // next byte to read, text size in bytes (0 when nothing can match)
    size_t cp_ = 0, k_ = 0;       // code point index of at_, matched length
    size_t next_free_ = 0, any_next_free_ = 0, any_word_ = 0;
    std::vector<Span> hits_;
    std::unique_ptr<WordBoundaries> own_words_;  // built when a hit has no whitespace near it
};

// The spans (e.g. RegExp hits from the page) that are whole-word, in their order. Spans past the
// end are dropped. Each is checked around itself (the tokens of the words it touches), so the cost
// is that of the spans, not of the text.
std::vector<Span> whole_word_filter(const Text& text, const std::vector<Span>& spans);
// How many of the spans lie inside longer words (are not whole-word): "Russia" in "Russians", before
// "label every hit" asks whether to include them.
size_t count_inside_words(const WordBoundaries& words, const std::vector<Span>& spans);
// The same, checked around each span (whole_word_filter's way): no boundaries of the whole text.
size_t count_inside_words(const Text& text, const std::vector<Span>& spans);

// Propagation: the other whole-word, case-sensitive occurrences of e's text where labelling with
// e's label would add something. An occurrence is left out when an entity with e's label covers
// it (contains it or equals it) or when any entity has exactly its span (already labelled, perhaps
// otherwise); it is kept inside an entity of another label, since entities may nest. e's own
// span is never a candidate. In document order.
std::vector<Span> propagation_candidates(const Document& doc, const Entity& e);

// propagation_candidates a part at a time: the page counts the offer after an edit a few
// milliseconds per frame ("Label 1,200+ more ...") instead of in the edit's frame. The same
// candidates, in order. `doc` must outlive the run and not change meanwhile (the page starts a new
// run when the revision moves); e is copied.
class PropagationRun {
public:
    PropagationRun(const Document& doc, const Entity& e);
    // Searches about `bytes` more bytes of the text (at least one); true when done.
    bool step(size_t bytes);
    bool done() const { return at_ >= end_; }
    size_t bytes_searched() const { return std::min(at_, end_); }
    size_t bytes_total() const { return end_; }
    const std::vector<Span>& candidates() const { return out_; }
    std::vector<Span> take_candidates() { return std::move(out_); }

private:
    void on_hit(Span s);
    const Document* doc_;
    Entity e_;
    std::string needle_;
    size_t at_ = 0, end_ = 0;  // next byte to search from, text size in bytes (0: nothing to find)
    std::vector<Span> out_;
    std::vector<Slot> found_;
    std::unique_ptr<WordBoundaries> words_;  // only for text without whitespace near a hit
};
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
