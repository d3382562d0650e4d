// Machinery shared by the JSON-based interchange formats (spacy, displacy, doccano, label-studio,
// prodigy, w3c) and the CSV writer, private to aa_io: offsets from/to the file's unit, the checks
// every reader makes on an entity (range, quoted text, --repair re-anchoring, labels from the
// palette), JSON Lines splitting, the pretty layout, and the report of what a writer dropped.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "io/formats_internal.hpp"
#include "io/json_read.hpp"

namespace aa::io::spans {

using json::ojson;

using detail::unit_words;

// Code points -> the writer's unit.
size_t to_unit(const Text& text, size_t cp, OffsetUnit unit);

// An entity as a reader found it, before the checks: offsets still in the input's unit.
struct Candidate {
    JsonPath path;  // the entity's value (for messages about it as a whole)
    // Its members' paths, for messages about them. One left empty whose key below is set is made only
    // when a message needs it: path / within / key (`within` nullptr: path / key), the label's
    // path / within / label_key / label_index when label_index is set.
    JsonPath start_path, end_path, label_path, text_path;
    const char* within = nullptr;
    const char *start_key = nullptr, *end_key = nullptr, *label_key = nullptr, *text_key = nullptr;
    static constexpr size_t kNoIndex = static_cast<size_t>(-1);
    size_t label_index = kNoIndex;
    uint64_t start = 0, end = 0;
    std::string label;
    std::optional<std::string> quoted;  // the entity's text, when the format carries one
    std::string note;
    std::string kb_id;
    Attributes attributes;
    std::optional<std::string> region;  // Label Studio's region id: messages name it so ("region \"r3\"")
    std::string key;                    // the file's own id for it, when relations refer to it ("3", "r3"), or ""
    std::string annotator, created;     // who made it and when, when the format says

    // One whose start, end and label are the members so named of the object at `path`.
    static Candidate at(const JsonPath& path, const char* start, const char* end, const char* label) {
        Candidate c;
        c.path = path;
        c.start_key = start;
        c.end_key = end;
        c.label_key = label;
        return c;
    }
    enum class Part { Start, End, Label, Text };
    // The path of a member: given, or made from the keys.
    JsonPath part(Part which) const;
    // How messages name it: its region, or its path.
    std::string name() const;
    // The same, its start, end and label read from the required members so named of the object
    // `e` at `path` (each problem reported); `ok` becomes false when one is missing or wrong.
    static Candidate read(const ojson& e, const JsonPath& path, const char* start, const char* end, const char* label,
                          json::Reporter& r, bool& ok) {
        Candidate c = at(path, start, end, label);
        const auto s = json::get_uint(e, path, start, true, r);
        const auto en = json::get_uint(e, path, end, true, r);
        const auto l = json::get_string(e, path, label, true, r);
        if (!s || !en || !l) {
            ok = false;
            return c;
        }
        c.start = *s;
        c.end = *en;
        c.label = *l;
        return c;
    }
};

// An end of a relation named by its span instead of a key (Prodigy's head_span, a W3C target's
// selectors): the entity at exactly [start, end) with `label` ("": the first there in document order).
struct SpanRef {
    uint64_t start = 0, end = 0;
    std::string label;
    bool code_points = false;  // already in code points (else in the read's unit)
};

// A relation as a reader found it: its ends named by the entities' keys (Candidate::key), or by
// their spans (from_span, to_span) when those are given.
struct RelationCandidate {
    JsonPath path, from_path, to_path;
    std::string from_key, to_key;
    std::string type;
    std::string note;
    std::string annotator = {}, created = {};
    std::optional<SpanRef> from_span = {}, to_span = {};
    // An end that is no entity: dropped with a warning (a Prodigy relation between plain tokens)
    // instead of an error.
    bool unmatched_warns = false;
    bool symmetric = false;  // the file says both directions (Label Studio's "bi"): the type made is symmetric
};

// Where quotes occur in a text, for W3C quote selectors and --repair: a suffix array built once
// (O(n log n)), then O(m log n) per distinct quote, its byte offsets sorted and kept. Scanning a
// text per quote was O(quotes x text): 18 s for a 360 KB W3C file. What callers examine is charged
// to a budget of kQuoteScanPerByte occurrences per byte of text (plus kQuoteScanFloor); past it,
// occurrences() gives nullptr and the reader refuses the input, naming the limit.
inline constexpr size_t kQuoteScanPerByte = 64;
inline constexpr size_t kQuoteScanFloor = 1'000'000;
class QuoteIndex {
public:
    explicit QuoteIndex(const std::string& text);
    // The byte offsets of `quote` in the text, ascending; nullptr past the budget.
    const std::vector<uint32_t>* occurrences(std::string_view quote);
    // Charges `n` occurrences examined by the caller; false past the budget.
    bool charge(size_t n);
    size_t budget() const { return budget_; }

private:
    const std::string& text_;
    std::vector<uint32_t> sa_;
    std::unordered_map<std::string, std::vector<uint32_t>> cache_;
    size_t budget_, spent_ = 0;
};

// An entity's offsets in the input's unit and the text the file quotes for it.
struct QuotedSpan {
    uint64_t start = 0, end = 0;
    std::string_view quoted;
};
// Whether [start, end) in `unit` is a span of `text` holding exactly the quoted text.
bool quote_matches(const Text& text, const QuotedSpan& q, OffsetUnit unit);
// The detection of UTF-16 offsets where a file does not say its unit: when the code-point reading
// misses some entity's quoted text and the UTF-16 reading finds every one, the warning that says
// so; else nullopt (also for a text where both units agree, or no quotes). `what` is "text
// entities" or "quote annotations": "the text of 2 of 2 entities matches only so (as `writers`
// wrote them)...".
std::optional<std::string> utf16_detected(const Text& text, const std::vector<QuotedSpan>& quoted,
                                          std::string_view what, std::string_view writers);

// Builds one document of a read: checks each entity, reporting into the shared Reporter.
class DocBuilder {
public:
    DocBuilder(json::Reporter& r, Text text, OffsetUnit unit, bool repair)
        : r_(r), text_(std::move(text)), unit_(unit), repair_(repair) {}
    // The unit, --repair and --trust-offsets from the read's options. Without a unit given, a document
    // whose entities carry their text is read in UTF-16 code units when its code-point offsets
    // miss some entity's text and UTF-16 offsets find every one (older doccano and Label Studio).
    DocBuilder(json::Reporter& r, Text text, const ReadOptions& o);

    const Text& text() const { return text_; }
    OffsetUnit unit() const { return unit_; }
    // The quote index of the text, built on first use; an error (naming the limit) at `p` and
    // nullptr past its budget.
    const std::vector<uint32_t>* occurrences(std::string_view quote, const JsonPath& p);
    bool charge(size_t n, const JsonPath& p);

    // An offset in the input's unit -> code points; nullopt (after reporting when `report`) when it
    // is past the end or inside a character.
    std::optional<size_t> offset(uint64_t v, const JsonPath& p, bool report = true);

    // Checks and keeps an entity: offsets in range and on characters, end after start, a valid
    // label, the quoted text equal to the document's (or re-anchored when repairing). A duplicate
    // (same span and label) is dropped with a warning. False after an error.
    bool add(Candidate c);
    // The same for an entity whose span the reader has already resolved to code points.
    bool add_resolved(size_t start, size_t end, Candidate c);

    // A relation between two entities added with keys, resolved by finish(): an unknown key is an
    // error at its path. Types are made in order of first use, palette colours after the labels'.
    void relation(RelationCandidate c) { relations_.push_back(std::move(c)); }
    // A document label (doccano's "cats", Label Studio's "choices", ...), in order; finish() makes
    // the document label types in order of first use, multi-choice when more than one is chosen.
    void doc_label(std::string name, JsonPath p) { doc_labels_.emplace_back(std::move(name), std::move(p)); }
    // A document label type the file declares (Prodigy's "options", spaCy's "cats" scored 0), made
    // in order with the chosen ones whether chosen or not.
    void doc_label_type(std::string name, JsonPath p) { doc_label_types_.emplace_back(std::move(name), std::move(p)); }
    // Whether the document labels are multi-choice, when the file says (else: when more than one is chosen).
    void doc_labels_multi(bool multi) { multi_ = multi; }

    // Marks this document failed (the reader reported an error about it).
    void fail() { ok_ = false; }
    bool ok() const { return ok_; }

    // The document: labels in order of first use with palette colours; ids e1, e2, ... in the
    // order the entities came. nullopt when any error was reported about this document.
    std::optional<Document> finish(DocumentInfo info);

private:
    std::optional<std::pair<size_t, size_t>> reanchor(std::string_view quoted, size_t near, const JsonPath& p);
    std::optional<size_t> nearest_occurrence(std::string_view quoted, size_t near, size_t& count, const JsonPath& p);
    void over_budget(const JsonPath& p);
    bool add_now(Candidate c);
    void settle_unit();
    json::Reporter& r_;
    Text text_;
    OffsetUnit unit_;
    bool repair_;
    bool trust_ = false;
    bool detect_unit_ = false;           // entities wait in pending_ until the unit is known
    std::vector<Candidate> pending_;     // (only when UTF-16 and code points differ in this text)
    size_t disagreed_ = 0;               // entities whose quoted text disagreed with their offsets
    std::vector<std::string> unplaced_;  // of those, the ones --repair could not place
    bool ok_ = true;
    std::vector<Entity> entities_;
    std::vector<JsonPath> paths_;  // each kept entity's path, for "duplicate of"
    // The kept entities by span and label (open addressing: index + 1, 0 for a free slot; a power
    // of two long, at most half full), to drop a duplicate.
    std::vector<uint32_t> seen_;
    uint32_t& seen_slot(size_t start, size_t end, const std::string& label);
    // An entity's span and label, what a key names.
    using SpanKey = std::tuple<size_t, size_t, std::string>;
    // Keys in the order given (the last for a key wins), made a map by finish() when relations
    // refer to them.
    std::vector<std::pair<std::string, SpanKey>> given_keys_;
    std::unordered_map<std::string, SpanKey> keys_;  // key -> span
    std::vector<RelationCandidate> relations_;
    std::vector<std::pair<std::string, JsonPath>> doc_labels_;
    std::vector<std::pair<std::string, JsonPath>> doc_label_types_;
    std::optional<bool> multi_;
    void finish_relations(Document& doc);
    void finish_doc_labels(Document& doc, LabelSet& palette);
    std::optional<std::string> resolve_end(const Document& doc, const RelationCandidate& c, bool from);
    std::shared_ptr<QuoteIndex> quotes_;  // built on first use
    bool over_budget_ = false;
};

// The unit of a read: the caller's when given, else the format's own (code points).
inline OffsetUnit read_unit(const ReadOptions& o) { return o.offsets.value_or(OffsetUnit::CodePoint); }

// Warns about each member of `obj` not in `known` ("unknown field (ignored)").
void warn_unknown(json::Reporter& r, const ojson& obj, const JsonPath& path, std::initializer_list<const char*> known);

// Whether `v` looks like a list of spans ([[start, end, ...]] or [{"start"/"start_offset"/...}]): a
// reader warns about such a member it does not read instead of skipping it quietly.
bool looks_like_spans(const ojson& v);

// "expected an array, got ..." when `v` is not an array.
bool require_array(const ojson& v, const JsonPath& path, json::Reporter& r);

// A list of [start, end, label] triples (spaCy's "entities", doccano's "label") into `b`; a bad
// triple is reported at its path and fails the build. False when `list` is not an array.
bool read_triples(const ojson& list, const JsonPath& path, json::Reporter& r, DocBuilder& b);

// A non-empty JSON Lines input, one value per non-blank line. Each line is parsed on its own, and
// its diagnostics carry the line number in the file. A file whose first value is an array (the
// JSON export some tools offer instead of JSONL) is read as that array's elements.
struct JsonLine {
    size_t line = 0;        // 1-based, in the file
    std::string_view text;  // the line, without its end
};
std::vector<JsonLine> split_lines(std::string_view input);

// Layout of a JSON value for files people read: containers that fit in `width` columns on one
// line are written on one line ({"a": 1, "b": [1, 2]}); others one member per line, indented by 2.
std::string pretty(const ojson& v, size_t width = 120);
// One line with spaces after separators, as Python's json.dumps writes (JSON Lines).
std::string inline_json(const ojson& v);

// What a writer could not hold, said once per kind as a warning at the end of the write.
class Losses {
public:
    explicit Losses(std::string format) : format_(std::move(format)) {}
    // An entity field the format has no place for ("note", "kb_id", "attributes").
    void entity(const char* field, const Entity& e, size_t doc_index);
    // A document field ("title", "source", "created", "modified", "note", "attributes").
    void document(const char* field);
    // Checks the usual fields of a document against those the format holds: entity "note", "kb_id",
    // "attributes"; document "title", "source", "created", "modified", "document note",
    // "document attributes".
    void check(const Document& d, size_t doc_index, std::initializer_list<const char*> held);
    // With "relations" held: a relation's "relation note" and "relation annotator" (who and when)
    // when not held, counted per field and said after the entities' losses.
    // Any other loss, said as given.
    void other(std::string message) { others_.push_back(std::move(message)); }
    void report(std::vector<Diagnostic>& out) const;

private:
    std::string format_;
    std::map<std::string, std::vector<std::string>> entity_;  // field -> entity names
    std::vector<std::string> entity_order_;
    std::set<std::string> document_;
    std::vector<std::string> document_order_;
    std::vector<std::string> others_;
    std::map<std::string, size_t> relation_;  // field -> relations that lose it
};

Diagnostic warning(std::string message);
Diagnostic error(std::string message);

// A writer given no document, or more than a single-document format holds: what the writer returns
// then (the error alone); nullopt when the format holds that many.
std::optional<WriteResult> refuse_count(std::string_view format, const std::vector<const Document*>& docs, bool multi);

// A JSON Lines reader's diagnostics of one line (its reporter counts from the line's start), moved
// to `out` with the line's number and their offsets in the whole input.
void add_line_diagnostics(std::vector<Diagnostic> diags, const JsonLine& l, std::string_view input,
                          std::vector<Diagnostic>& out);

// The file keys of a document's entities for a writer that writes relations by entity key: the
// entity's index in document order (0-based), by entity id.
std::unordered_map<std::string, size_t> entity_indexes(const Document& d);

// Reports overlapping entities for formats whose consumers cannot hold them (spaCy's doc.ents).
void warn_overlaps(const Document& d, std::string_view what, std::vector<Diagnostic>& out);

// spaCy's "cats" into `b` (spacy_v2.cpp): a {"label": score} object or a [{"label", "value"}] list;
// every label a document label type, those scored above 0.5 chosen. False after an error.
bool read_spacy_cats(const ojson& cats, const JsonPath& cp, json::Reporter& r, DocBuilder& b);

// spaCy v2's JSON training format (spacy_v2.cpp): a list of {"paragraphs": [{"raw", "sentences":
// [{"tokens": [{"orth", "ner"}]}]}]}, one document per paragraph, appended to `out`.
void read_spacy_v2(const ojson& root, const ReadOptions& options, json::Reporter& r, std::vector<Document>& out);

// Key mark for sniffers: `"key"` followed by a colon somewhere in `content`.
bool has_key(std::string_view content, std::string_view key);
// The first non-blank character (after a byte-order mark), or 0.
char first_char(std::string_view content);

}  // namespace aa::io::spans
