// Pre-annotation: suggestions drawn apart from entities until accepted. Four sources: the texts
// labelled already, gazetteers (term -> label lists, matched with an Aho-Corasick automaton),
// regular-expression rules (stored here, evaluated by the page with the browser's RegExp) and a
// suggester for capitalised names, labelled by per-language word lists (lexicon.hpp).
// The structs are plain so that io can save them with the labels.
#pragma once
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/lexicon.hpp"
#include "core/suggest_config.hpp"

namespace aa {

struct Gazetteer {
    std::vector<GazetteerEntry> entries;
    bool case_sensitive = true;
    bool whole_word = true;  // search.hpp's WordBoundaries
    friend bool operator==(const Gazetteer&, const Gazetteer&) = default;
};

struct Suggestion {
    size_t start = 0, end = 0;  // code points
    std::string label;
    std::string source;  // "gazetteer", "rule", "names"
    friend bool operator==(const Suggestion&, const Suggestion&) = default;
};

// Parses a pasted or loaded gazetteer: one "term<TAB>LABEL" or "term,LABEL" per line (split at the
// first tab, else at the last comma, so terms may hold commas); a term in double quotes may hold
// anything ("" is a quote): "\"Smith, John\",PER". Blank lines and lines starting with '#' are
// skipped; spaces around term and label are trimmed; a leading byte-order mark and CRLF are fine.
// The same term twice with one label counts once; with two labels it is an error. Errors carry the
// 1-based line in Error::line and start their message with "line N: ". Options keep their defaults.
Result<Gazetteer> parse_gazetteer(std::string_view input);
// One "term<TAB>LABEL" line per entry (quoted when needed): parse_gazetteer reads it back.
std::string format_gazetteer(const Gazetteer& gazetteer);

// Every match of the gazetteer's terms in `text` (source "gazetteer"): leftmost-longest, not
// overlapping, in text order. A term listed twice (e.g. "UN" and "un" when case-insensitive) takes
// the label of its first entry. With whole_word a match starts and ends on word boundaries; without
// it, at least on grapheme boundaries. Case-insensitive matching uses simple case folding.
// Cost: O(total term length) to build, then linear in the text plus the matches found (Aho-Corasick
// over code points: a position is read once whatever the number of terms, which a per-term search
// or a token n-gram table could not promise for substrings when whole_word is off).
std::vector<Suggestion> match_gazetteer(const Text& text, const Gazetteer& gazetteer);

// Capitalised names (source "names"), with a label each. The word lists come from a Lexicon
// (lexicon.hpp: data files per language, none in code). A name is a run of name words separated
// only by spaces on one line (no punctuation, no line break), where
//   - a name word is a word token starting with an uppercase or titlecase letter ("Feltman", "UN",
//     "U.S.", "Yak-130"), or a particle joined by a hyphen to one ("al-Assad"); words of the
//     lexicon's [never] list (days, months, "I") and honorifics are never name words;
//   - one or two connectors may stand between two name words ("Bank of England");
//   - a run of titles directly followed by a name word is left out and splits the name: "Syrian
//     President Bashar al-Assad" gives "Syrian" and "Bashar al-Assad"; a title followed by a
//     connector opens an office, which is no name: "Assistant Secretary of State for Near Eastern
//     Affairs Jeffrey Feltman" gives "Jeffrey Feltman"; titles ending the run are left out;
//   - a possessive "'s" / "’s" at the end is left out ("Assad's" gives "Assad");
//   - at the start of a sentence the first word is dropped when it is one of the lexicon's openers
//     or also occurs in lowercase in the text; a name that this leaves empty is skipped.
// The label, the first that applies (a lexicon's label only when `labels` lists it):
//   1. the label the name already has in the document or the queue (`known`, see known_labels);
//   2. the lexicon's [names] ("Moscow" LOC, "Syrian" MISC, "United Nations" ORG);
//   3. the label of the title before it ("President X": PER) or of the word just before it: a cue
//      ("spokesperson Victoria Nuland", "newspaper Kommersant") or an honorific ("Mr. Feltman");
//   4. the label of its last word when it has several ([heads]: "State Department" ORG);
//   5. options.label.
// Sentences come from split_sentences (tokenizer.hpp). Linear in the text.
struct NameOptions {
    std::string label = "MISC";
    const Lexicon* lexicon = nullptr;  // nullptr: detect_lexicon(text)
    std::vector<std::string> labels;   // the labels the lexicon may give; empty: any
    WordLabels known;                  // text -> label given already
};
std::vector<Suggestion> suggest_names(const Text& text, const NameOptions& options = {});

// Suggest's text work a part at a time: the page runs it a few milliseconds per frame under a
// progress bar, with Cancel, instead of tokenizing a whole book in one frame. The texts labelled
// already (match_known), a gazetteer (match_gazetteer) and the names (suggest_names) over pieces of
// the text that end at line breaks, where no word or name goes on (a sentence may: the piece after
// is told whether its first word starts one); the names' inputs that depend on the whole text come
// from passes before (the lexicon's language, the words seen in lowercase). The same suggestions as
// the whole-text functions. A term holding a line break could cross the end of a piece: then the
// terms are matched over the whole text in the last step. A line longer than the step is one piece.
// `text` must outlive the run and not change.
class SuggestRun {
public:
    SuggestRun(const Text& text, const WordLabels& known, const Gazetteer* gazetteer, const NameOptions* names);
    ~SuggestRun();
    SuggestRun(const SuggestRun&) = delete;
    SuggestRun& operator=(const SuggestRun&) = delete;
    // Works through about `bytes` more bytes of the text (a piece at least); true when done.
    bool step(size_t bytes);
    bool done() const;
    double progress() const;  // 0 to 1 over every pass
    std::vector<Suggestion> take_known();
    std::vector<Suggestion> take_gazetteer();
    std::vector<Suggestion> take_names();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Text -> label of the entities of these documents: the label given most often to that text (on a
// tie, the first given).
WordLabels known_labels(const std::vector<const Document*>& docs);
// known_labels a part at a time: documents added in turn, each `step` counting about `count` more
// entities of the last one added (the page spreads a queue of 100,000 entities over frames).
// `result` is known_labels of every document added, once each was stepped to its end.
class KnownLabelsRun {
public:
    void add(const Document& doc);  // the document must outlive its steps and not change meanwhile
    bool step(size_t count);        // true when every document added is counted
    WordLabels result() const;

private:
    std::vector<const Document*> docs_;
    size_t doc_ = 0, at_ = 0;  // the next entity to count: ordered()[at_] of docs_[doc_]
    std::map<std::string, std::vector<std::pair<std::string, size_t>>, std::less<>> counts_;  // first-seen order
};
// Every whole-word, case-sensitive occurrence of a known text (source "known") with its label:
// leftmost-longest, as match_gazetteer.
std::vector<Suggestion> match_known(const Text& text, const WordLabels& known);

// Merges suggestions from several sources, earlier sources first: within a source longer ones win,
// then earlier ones. Dropped: a span outside the text or empty; one where an existing entity with
// the same label overlaps it (it is annotated already), or an entity of any label has exactly its
// span; one overlapping a suggestion already kept. The result is sorted by start.
std::vector<Suggestion> merge_suggestions(const Document& doc, const std::vector<std::vector<Suggestion>>& sources);

class SuggestionMerge;

// SuggestionMerge's list as a random-access sequence of Suggestion (indexable, sized, iterable in
// order): a view of the merge it came from, valid until that merge changes.
class SuggestionList {
public:
    class Iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Suggestion;
        using difference_type = std::ptrdiff_t;
        using pointer = const Suggestion*;
        using reference = const Suggestion&;
        Iterator() = default;
        Iterator(const SuggestionMerge* m, size_t i) : m_(m), i_(i) {}
        reference operator*() const;
        pointer operator->() const { return &**this; }
        reference operator[](difference_type n) const { return *(*this + n); }
        Iterator& operator++() { return ++i_, *this; }
        Iterator& operator--() { return --i_, *this; }
        Iterator operator++(int) { return Iterator(m_, i_++); }
        Iterator operator--(int) { return Iterator(m_, i_--); }
        Iterator& operator+=(difference_type n) { return i_ += static_cast<size_t>(n), *this; }
        Iterator& operator-=(difference_type n) { return i_ -= static_cast<size_t>(n), *this; }
        friend Iterator operator+(Iterator a, difference_type n) { return a += n; }
        friend Iterator operator+(difference_type n, Iterator a) { return a += n; }
        friend Iterator operator-(Iterator a, difference_type n) { return a -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.i_ <=> b.i_; }

    private:
        const SuggestionMerge* m_ = nullptr;
        size_t i_ = 0;
    };

    explicit SuggestionList(const SuggestionMerge& m) : m_(&m) {}
    size_t size() const;
    bool empty() const { return size() == 0; }
    const Suggestion& operator[](size_t i) const;  // O(log n)
    Iterator begin() const { return Iterator(m_, 0); }
    Iterator end() const { return Iterator(m_, size()); }
    std::vector<Suggestion> to_vector() const;
    friend bool operator==(const SuggestionList& a, const std::vector<Suggestion>& b);

private:
    const SuggestionMerge* m_;
};

// merge_suggestions kept up to date while the user edits. Built in steps (the page spreads a few
// hundred thousand suggestions of a 10 MB text over frames), then, after an edit, merged again
// only where the changed spans are: which suggestions of a cluster (suggestions overlapping one
// another, directly or through others) are kept depends on that cluster and the entities over it
// only, so an edit decides again the clusters its spans meet, and the list is patched there.
// Rejected suggestions are hidden but keep their place, as when merge_suggestions' list is
// filtered afterwards. The list is every suggestion in span order with a flag, listed or not, and
// a Fenwick tree of those flags: patching a cluster (an accept, a reject, an undo) flips its flags
// in O(log n) each, and the list's i-th entry is found in O(log n); nothing is shifted.
class SuggestionMerge {
public:
    SuggestionMerge() = default;
    explicit SuggestionMerge(std::vector<std::vector<Suggestion>> sources);
    // About `work` more suggestions sorted or decided against `doc` (whose text must stay the same);
    // true once list() is complete.
    bool step(const Document& doc, size_t work);
    bool done() const { return phase_ == Phase::Done; }
    double progress() const;  // 0 to 1
    // merge_suggestions(doc, sources) less the rejected ones, sorted by start; complete once done().
    SuggestionList list() const { return SuggestionList(*this); }
    // The entities over these spans (code points, as Editor::touched_since gives them) changed.
    void update(const Document& doc, const std::vector<std::pair<size_t, size_t>>& spans);
    // Anything may have changed: every cluster decided again (at once when done, else by the steps).
    void update_all(const Document& doc);
    // Hides list()[i], and any suggestion equal to it, from now on; false when out of range.
    bool reject(size_t i);
    void reject_all();

private:
    friend class SuggestionList;
    enum class Phase { Gather, Sort, Decide, List, Done };
    struct Item {
        size_t start, end;
        uint32_t source, index;  // sources_[source][index]
        uint8_t kept = 0, rejected = 0, listed = 0;
    };
    struct Cluster {
        size_t start, end;     // the union of its items' spans
        uint32_t first, last;  // items_[first, last)
    };
    void decide(const Document& doc, const Cluster& c);
    void list_cluster(const Cluster& c);  // its items listed when kept and not rejected
    void set_listed(uint32_t item, bool on);
    uint32_t item_at(size_t i) const;  // the item of list()[i]
    const Suggestion& suggestion(uint32_t item) const { return sources_[items_[item].source][items_[item].index]; }
    void start_list();    // Phase::List from its first cluster: nothing listed
    void rebuild_list();  // the whole list at once
    bool same(const Item& a, const Item& b) const;
    void reject_item(uint32_t item);  // it and the items equal to it in its cluster

    std::vector<std::vector<Suggestion>> sources_;
    Phase phase_ = Phase::Gather;
    size_t cursor_ = 0;                                  // the next source, sorted item or cluster of the phase
    std::vector<std::vector<Item>> runs_;                // Gather: each source's valid items, sorted by span
    std::vector<size_t> heads_;                          // Sort: the next item of each run
    std::vector<Item> items_;                            // by (start, end, source, index)
    std::vector<Cluster> clusters_;                      // in text order, not overlapping
    std::vector<uint32_t> tree_;                         // Fenwick tree of items_' listed flags (1-based)
    size_t listed_ = 0;                                  // items listed: list().size()
    std::vector<uint32_t> order_;                        // scratch: a cluster's items in merge order
    std::vector<std::pair<size_t, size_t>> kept_spans_;  // scratch: the spans kept in a cluster
    std::vector<Slot> found_;                            // scratch: entities over a suggestion
    size_t total_ = 0;                                   // suggestions in the sources
};

}  // namespace aa
