// The native format's reader, streaming: nlohmann's SAX parser feeds a Collector that keeps each
// member as a plain record (no JSON tree), and the Checks of docs/format.md run over the records,
// most entities as soon as they end. Every problem is reported with its JSON path; a read is atomic.
//
// [SECTION] records  [SECTION] checks: root, labels, entities  [SECTION] collector (SAX)
// [SECTION] entry points: from_json (a tree, for the session), read_native (text)
// [SECTION] NativeReadRun: the same read a slice at a time
#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/json_long_string.hpp"
#include "io/native_json.hpp"
#include "io/native_read_run.hpp"
#include "io/suggest_json.hpp"

namespace aa::io {
namespace native {

using json::ojson;

namespace {

// ---- [SECTION] records ----

// What a member held, as far as the checks need to know.
enum class Kind : uint8_t { Missing, String, Unsigned, Integer, Float, True, False, Null, Array, Object };

struct Value {
    Kind kind = Kind::Missing;
    uint64_t u = 0;  // Unsigned; Integer as int64_t (nlohmann gives negative numbers and -0 as Integer)
    std::string s;   // String
};

struct AttrItem {
    std::string key;
    Value value;
};
struct Attrs {
    Kind kind = Kind::Missing;
    std::vector<AttrItem> items;  // when an Object: in first-occurrence order, the last value of a key
};

enum RootField : uint8_t {
    kFormat,
    kVersion,
    kOffsets,
    kTitle,
    kSource,
    kCreated,
    kModified,
    kNote,
    kText,
    kRootScalars,
    kRootAttributes = kRootScalars,
    kLabels,
    kSuggest,
    kEntities,
    kTokens,
    kFirstV2,  // version 2's members, captured whole and read by members_from_json
    kRelationTypes = kFirstV2,
    kDocLabelTypes,
    kDocLabelChoice,
    kGuidelines,
    kRelations,
    kDocLabels,
    kRootUnknown
};
constexpr std::array<const char*, kRootUnknown> kRootNames = {
    "format",          "version",          "offsets",    "title",     "source",
    "created",         "modified",         "note",       "text",      "attributes",
    "labels",          "suggest",          "entities",   "tokens",    "relation_types",
    "doc_label_types", "doc_label_choice", "guidelines", "relations", "doc_labels"};

enum LabelField : uint8_t { kName, kColor, kKey, kDescription, kLabelUnknown };
constexpr std::array<const char*, kLabelUnknown> kLabelNames = {"name", "color", "key", "description"};

enum EntityField : uint8_t {
    kId,
    kStart,
    kEnd,
    kLabel,
    kEText,
    kENote,
    kKbId,
    kEAnnotator,
    kECreated,
    kELocked,
    kEntityScalars,
    kEAttributes = kEntityScalars,
    kEntityUnknown
};
constexpr std::array<const char*, kEntityUnknown> kEntityNames = {
    "id", "start", "end", "label", "text", "note", "kb_id", "annotator", "created", "locked", "attributes"};

template <size_t N>
uint8_t field_of(const std::array<const char*, N>& names, std::string_view key) {
    for (size_t i = 0; i < N; ++i)
        if (key == names[i]) return static_cast<uint8_t>(i);
    return static_cast<uint8_t>(N);
}

struct LabelRec {
    Kind kind = Kind::Object;  // anything else is an error
    std::array<Value, kLabelUnknown> f;
    std::vector<std::string> unknown;
};

struct EntityRec {
    Kind kind = Kind::Object;
    std::array<Value, kEntityScalars> f;
    Attrs attributes;
    std::vector<std::string> unknown;
};

struct RootRec {
    Kind kind = Kind::Missing;
    std::array<Value, kRootScalars> f;
    Attrs attributes;
    Kind labels = Kind::Missing, suggest = Kind::Missing, entities = Kind::Missing, tokens = Kind::Missing;
    std::vector<LabelRec> label_recs;
    ojson suggest_value;
    ojson tokens_value;                  // the token layer, captured whole (token_layer.cpp checks it)
    ojson v2 = ojson::object();          // version 2's members present, captured whole
    std::vector<EntityRec> entity_recs;  // entities not checked as they ended (see Collector)
    std::vector<std::string> unknown;
};

using detail::unit_words;

// As json::describe, for a value known by its kind; numbers are quoted as written (`raw`).
std::string describe(Kind k, const std::string& raw) {
    switch (k) {
        case Kind::String: return "a string";
        case Kind::Array: return "an array";
        case Kind::Object: return "an object";
        case Kind::Null: return "null";
        case Kind::True: return "true";
        case Kind::False: return "false";
        default: return raw.empty() ? "a number" : raw;
    }
}

// An entity checked and kept for the document, with its index in "entities".
using Kept = std::deque<std::pair<Entity, size_t>>;

// The keys looked up for duplicates: an entity's id, and its span (start, end, label).
struct Span {
    size_t start, end;
    std::string_view label;
    friend bool operator==(const Span&, const Span&) = default;
};
struct IdKey {
    using Owned = std::string;
    static std::string_view of(const Entity& e) { return e.id; }
    static Owned own(std::string_view id) { return std::string(id); }
    static size_t hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
};
struct SpanKey {
    struct Owned {
        size_t start, end;
        std::string label;
        operator Span() const { return Span{start, end, label}; }
    };
    static Span of(const Entity& e) { return Span{e.start, e.end, e.label}; }
    static Owned own(const Span& s) { return Owned{s.start, s.end, std::string(s.label)}; }
    static size_t hash(const Span& s) {
        const uint64_t mixed = (uint64_t{s.start} * 0x9E3779B97F4A7C15ull) ^ (uint64_t{s.end} * 0xC2B2AE3D27D4EB4Full);
        return std::hash<std::string_view>{}(s.label) ^ static_cast<size_t>(mixed ^ (mixed >> 29));
    }
};

// The index of the first entity with a key, for "duplicate of entities[i]" messages: an
// open-addressing table of references to the entities kept, whose keys are read there, so that a key
// costs 4 bytes of table and no copy (copies of 100,000 ids and spans were 5 MB of a 10 MB import's
// peak memory in the page), or, for an entity a check refused, to a copy of its key. An entity's key
// is added once its checks end (add), after it was looked up (first) where the check reports.
template <class K>
class FirstSeen {
public:
    template <class View>
    std::optional<size_t> first(const View& key, const Kept& kept) const {
        if (slots_.empty()) return std::nullopt;
        const uint32_t at = slots_[locate(key, kept)];
        if (at == kEmpty) return std::nullopt;
        return at & kRefused ? refused_[at & ~kRefused].second : kept[at].second;
    }
    // The key of the entity just checked: kept[kept.size() - 1] when `kept_it`, else a copy.
    template <class View>
    void add(const View& key, bool kept_it, size_t index, const Kept& kept) {
        if ((count_ + 1) * 2 > slots_.size()) grow(kept);
        const size_t at = locate(key, kept);
        if (kept_it) {
            slots_[at] = static_cast<uint32_t>(kept.size() - 1);
        } else {
            slots_[at] = static_cast<uint32_t>(refused_.size()) | kRefused;
            refused_.emplace_back(K::own(key), index);
        }
        ++count_;
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX, kRefused = 0x80000000u;
    auto key_at(uint32_t at, const Kept& kept) const {
        return at & kRefused ? decltype(K::of(kept[0].first))(refused_[at & ~kRefused].first) : K::of(kept[at].first);
    }
    template <class View>
    size_t locate(const View& key, const Kept& kept) const {
        const size_t mask = slots_.size() - 1;
        for (size_t at = K::hash(key) & mask;; at = (at + 1) & mask)
            if (slots_[at] == kEmpty || key_at(slots_[at], kept) == key) return at;
    }
    void grow(const Kept& kept) {
        std::vector<uint32_t> old(slots_.empty() ? 64 : slots_.size() * 2, kEmpty);
        old.swap(slots_);
        const size_t mask = slots_.size() - 1;
        for (uint32_t ref : old) {
            if (ref == kEmpty) continue;
            size_t at = K::hash(key_at(ref, kept)) & mask;
            while (slots_[at] != kEmpty) at = (at + 1) & mask;
            slots_[at] = ref;
        }
    }
    std::vector<uint32_t> slots_;  // a power of two, at most half full
    std::vector<std::pair<typename K::Owned, size_t>> refused_;
    size_t count_ = 0;
};

// ---- [SECTION] checks ----

// The checks of one document, in the order of the tree reader they replace (so that messages at the
// same position keep their order). Paths are built only for messages: a path costs allocations.
class Checks {
public:
    Checks(json::Reporter& r, JsonPath base, std::optional<OffsetUnit> default_unit)
        : r_(r), base_(std::move(base)), default_unit_(default_unit) {}

    // offsets, text and labels: what the entity checks need. Runs once, before the first entity.
    void prepare(RootRec& root);
    void entity(EntityRec& e, size_t i);
    std::optional<Document> finish(RootRec& root) {
        if (!finish_begin(root)) return std::nullopt;
        finish_reserve();
        finish_insert(SIZE_MAX);
        return finish_end(root);
    }
    // finish in pieces (NativeReadRun): the root's checks and the document's making (false when an
    // error means no document), its room for the entities, the entities into it a number at a time
    // (true when all are in), the rest (version 2's members).
    bool finish_begin(RootRec& root);
    void finish_reserve();
    bool finish_insert(size_t n);
    // The document order read once from the store after the inserts (its first reader, the screen
    // reader's mirror, paid 8.6 ms for 100,000 entities in the frame after the import).
    void finish_order() const { doc_->entities().ordered(); }
    // finish_begin's first part, the root's own checks, which the whole-file read runs just before
    // it checks the entities it kept (when they could not be checked as they ended: no "labels"
    // before them). NativeReadRun runs it before it parses the elements, so that it checks each as
    // it ends instead of keeping 100,000 records: the same messages in the same order.
    bool finish_root(RootRec& root);
    std::optional<Document> finish_end(RootRec& root);
    size_t entities_left() const { return entities_.size(); }
    // The root's long "text", checked and indexed in pieces (NativeReadRun): prepare() takes it for
    // the text member the Collector handed over empty, instead of from_utf8 of it in one call.
    void set_long_text(Text t) { long_text_ = std::move(t); }

private:
    JsonPath at(const char* key) const { return base_ / std::string(key); }
    JsonPath entity_path(size_t i) const { return base_ / std::string("entities") / i; }
    void expected(const JsonPath& p, const char* what, Kind k) {
        r_.error(p, std::string("expected ") + what + ", got " + describe(k, r_.raw(p)));
    }
    // The string of an optional or required member, or nullptr after reporting why not.
    template <class PathFn>
    std::string* str(Value& v, const char* key, bool required, const PathFn& obj) {
        if (v.kind == Kind::String) return &v.s;
        if (v.kind == Kind::Missing) {
            if (required) r_.error(obj(), std::string("missing required field \"") + key + "\"");
        } else {
            expected(obj() / std::string(key), "a string", v.kind);
        }
        return nullptr;
    }
    template <class PathFn>
    std::optional<uint64_t> uint(const Value& v, const char* key, const PathFn& obj);
    template <class PathFn>
    std::optional<Attributes> attributes(Attrs& a, const PathFn& obj);
    template <class PathFn>
    void warn_unknown(const std::vector<std::string>& keys, const PathFn& obj) {
        for (const std::string& k : keys) r_.warning(obj() / k, "unknown field (ignored)");
    }
    std::optional<size_t> offset(uint64_t v, size_t i, const char* key);
    void label(LabelRec& l, size_t i, std::unordered_map<std::string, size_t>& name_at,
               std::unordered_map<std::string, size_t>& key_at);
    void version(const Value& v);

    json::Reporter& r_;
    JsonPath base_;
    std::optional<OffsetUnit> default_unit_;
    bool prepared_ = false;
    OffsetUnit unit_ = OffsetUnit::CodePoint;
    std::optional<Text> text_;
    std::optional<Text> long_text_;
    LabelSet labels_;
    bool labels_declared_ = false;
    std::set<std::string, std::less<>> declared_;
    FirstSeen<IdKey> id_at_;
    FirstSeen<SpanKey> span_at_;
    // A deque: no doubling copy while it grows, and each entity's room is given back as it moves
    // into the document (100,000 entities: tens of MB off the page's peak memory).
    Kept entities_;
    std::optional<Document> doc_;                 // between finish_begin and finish_end
    bool root_checked_ = false, root_ok_ = true;  // finish_root ran, and found an object
    DocumentInfo info_;                           // from finish_root
};

template <class PathFn>
std::optional<uint64_t> Checks::uint(const Value& v, const char* key, const PathFn& obj) {
    if (v.kind == Kind::Unsigned) return v.u;
    if (v.kind == Kind::Integer && static_cast<int64_t>(v.u) >= 0) return v.u;
    if (v.kind == Kind::Missing) {
        r_.error(obj(), std::string("missing required field \"") + key + "\"");
        return std::nullopt;
    }
    const JsonPath p = obj() / std::string(key);
    const std::string raw = r_.raw(p);
    if (v.kind == Kind::Float && !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos)
        r_.error(p, raw + " is too large");  // an integer beyond 64 bits: nlohmann made it a double
    else
        r_.error(p, "expected a non-negative integer, got " + describe(v.kind, raw));
    return std::nullopt;
}

template <class PathFn>
std::optional<Attributes> Checks::attributes(Attrs& a, const PathFn& obj) {
    if (a.kind == Kind::Missing) return Attributes{};
    if (a.kind != Kind::Object) {
        expected(obj() / std::string("attributes"), "an object", a.kind);
        return std::nullopt;
    }
    Attributes out;
    bool ok = true;
    for (AttrItem& item : a.items) {
        if (item.value.kind != Kind::String) {
            expected(obj() / std::string("attributes") / item.key, "a string", item.value.kind);
            ok = false;
            continue;
        }
        out.emplace_back(std::move(item.key), std::move(item.value.s));
    }
    if (!ok) return std::nullopt;
    return out;
}

// An offset in the file's unit -> code points, or nullopt after reporting why not.
std::optional<size_t> Checks::offset(uint64_t v, size_t i, const char* key) {
    const Text& text = *text_;
    const size_t limit = text.size_in(unit_);
    if (v <= limit)
        if (const auto cp = text.convert(static_cast<size_t>(v), unit_, OffsetUnit::CodePoint)) return *cp;
    const JsonPath p = entity_path(i) / std::string(key);
    if (v > limit) {
        r_.error(p, std::to_string(v) + " is past the end of the text (" + std::to_string(limit) + " " +
                        unit_words(unit_) + ")");
        return std::nullopt;
    }
    const size_t at = static_cast<size_t>(v);  // v <= limit: fits
    const size_t c = unit_ == OffsetUnit::Utf8 ? text.cp_of_byte(at) : text.cp_of_utf16(at);
    const size_t from = text.convert(c, OffsetUnit::CodePoint, unit_).value_or(0);
    const size_t to = text.convert(c + 1, OffsetUnit::CodePoint, unit_).value_or(0);
    r_.error(p, std::string(offset_unit_name(unit_)) + " offset " + std::to_string(v) + " is inside the character " +
                    json::quote(text.slice(c, c + 1)) + " (" + offset_unit_name(unit_) + " " + std::to_string(from) +
                    " to " + std::to_string(to) + ")");
    return std::nullopt;
}

void Checks::version(const Value& v) {
    if (v.kind == Kind::Missing) {
        r_.error(base_, "missing required field \"version\"");
        return;
    }
    if (v.kind == Kind::Unsigned && (v.u == native::kVersion || v.u == native::kVersionRelations)) return;
    // Only a bad version needs its raw text (locating it scans the input up to it: the text).
    const JsonPath p = at("version");
    const std::string raw = r_.raw(p);
    const bool big_integer =
        v.kind == Kind::Float && !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos;
    if (v.kind != Kind::Unsigned && v.kind != Kind::Integer && !big_integer)
        r_.error(p, "expected an integer, got " + describe(v.kind, raw));
    else
        r_.error(p, "unsupported version " + raw + " (this annotator reads versions 1 and 2)");
}

void Checks::label(LabelRec& l, size_t i, std::unordered_map<std::string, size_t>& name_at,
                   std::unordered_map<std::string, size_t>& key_at) {
    const auto p = [&] { return at("labels") / i; };
    if (l.kind != Kind::Object) {
        expected(p(), "an object", l.kind);
        return;
    }
    warn_unknown(l.unknown, p);
    Label label;
    bool ok = true;
    if (std::string* n = str(l.f[kName], "name", true, p)) {
        label.name = *n;
        declared_.insert(*n);
        if (Status s = check_label_name(*n); !s) {
            r_.error(p() / std::string("name"), s.error().message);
            ok = false;
        } else if (auto [old, fresh] = name_at.emplace(*n, i); !fresh) {
            r_.error(p() / std::string("name"),
                     "duplicate label " + json::quote(*n) + " (also labels[" + std::to_string(old->second) + "])");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (std::string* c = str(l.f[kColor], "color", false, p)) {
        if (auto parsed = Color::parse(*c)) {
            label.color = *parsed;
        } else {
            r_.error(p() / std::string("color"), "invalid colour " + json::quote(*c) + " (expected \"#rrggbb\")");
            ok = false;
        }
    } else if (l.f[kColor].kind != Kind::Missing) {
        ok = false;
    } else {
        label.color = labels_.next_color();
    }
    if (std::string* k = str(l.f[kKey], "key", false, p)) {
        label.key = *k;
        if (Status s = check_label_key(*k); !s) {
            r_.error(p() / std::string("key"), s.error().message);
            ok = false;
        } else if (!k->empty()) {
            if (auto [old, fresh] = key_at.emplace(*k, i); !fresh) {
                r_.error(p() / std::string("key"), "hotkey " + json::quote(*k) + " is already used by labels[" +
                                                       std::to_string(old->second) + "]");
                ok = false;
            }
        }
    } else if (l.f[kKey].kind != Kind::Missing) {
        ok = false;
    }
    if (std::string* d = str(l.f[kDescription], "description", false, p))
        label.description = *d;
    else if (l.f[kDescription].kind != Kind::Missing)
        ok = false;
    if (ok)
        if (Status s = labels_.insert(labels_.size(), std::move(label)); !s) r_.error(p(), s.error().message);
}

void Checks::prepare(RootRec& root) {
    prepared_ = true;
    const auto b = [&] { return base_; };
    if (root.f[kOffsets].kind == Kind::Missing && default_unit_) {
        unit_ = *default_unit_;
    } else if (std::string* u = str(root.f[kOffsets], "offsets", false, b)) {
        if (*u == "codepoint")
            unit_ = OffsetUnit::CodePoint;
        else if (*u == "utf16")
            unit_ = OffsetUnit::Utf16;
        else if (*u == "utf8")
            unit_ = OffsetUnit::Utf8;
        else
            r_.error(at("offsets"),
                     "unknown offset unit " + json::quote(*u) + " (expected \"codepoint\", \"utf16\" or \"utf8\")");
    }
    if (std::string* t = str(root.f[kText], "text", true, b)) {
        auto made = long_text_ ? Result<Text>(std::move(*long_text_))
                               : Text::from_utf8(std::move(*t));  // the input was validated: this cannot fail
        long_text_.reset();
        if (made.ok())
            text_ = std::move(made.value());
        else
            r_.error(at("text"), made.error().message);
    }
    if (root.labels == Kind::Missing) return;
    if (root.labels != Kind::Array) {
        expected(at("labels"), "an array", root.labels);
        return;
    }
    labels_declared_ = true;
    std::unordered_map<std::string, size_t> name_at, key_at;
    for (size_t i = 0; i < root.label_recs.size(); ++i) label(root.label_recs[i], i, name_at, key_at);
}

void Checks::entity(EntityRec& e, size_t i) {
    const auto p = [&] { return entity_path(i); };
    if (e.kind != Kind::Object) {
        expected(p(), "an object", e.kind);
        return;
    }
    warn_unknown(e.unknown, p);
    Entity out;
    bool ok = true;
    bool new_id = false, new_span = false;  // keys not seen before: recorded once the checks end
    if (std::string* id = str(e.f[kId], "id", true, p)) {
        out.id = std::move(*id);
        if (out.id.empty()) {
            r_.error(p() / std::string("id"), "an entity id cannot be empty");
            ok = false;
        } else if (auto first = id_at_.first(std::string_view(out.id), entities_)) {
            r_.error(p() / std::string("id"),
                     "duplicate id " + json::quote(out.id) + " (also entities[" + std::to_string(*first) + "])");
            ok = false;
        } else {
            new_id = true;
        }
    } else {
        ok = false;
    }
    const auto start = uint(e.f[kStart], "start", p);
    const auto end = uint(e.f[kEnd], "end", p);
    std::optional<size_t> s_cp, e_cp;
    if (text_ && start) s_cp = offset(*start, i, "start");
    if (text_ && end) e_cp = offset(*end, i, "end");
    bool span_ok = s_cp && e_cp;
    if (span_ok && *e_cp <= *s_cp) {
        r_.error(p() / std::string("end"), std::to_string(*end) + " is not after start " + std::to_string(*start));
        span_ok = false;
    }
    if (!span_ok) ok = false;
    if (std::string* l = str(e.f[kLabel], "label", true, p)) {
        out.label = std::move(*l);
        if (labels_declared_) {
            if (!declared_.count(out.label)) {
                r_.error(p() / std::string("label"),
                         "unknown label " + json::quote(out.label) + " (not declared in labels)");
                ok = false;
            }
        } else if (Status s = check_label_name(out.label); !s) {
            r_.error(p() / std::string("label"), s.error().message);
            ok = false;
        }
    } else {
        ok = false;
    }
    if (std::string* t = str(e.f[kEText], "text", true, p)) {
        if (span_ok) {
            const std::string_view actual = text_->slice(*s_cp, *e_cp);
            if (*t != actual) {
                r_.error(p() / std::string("text"), json::quote(*t) + " does not match the document text at [" +
                                                        std::to_string(*start) + ", " + std::to_string(*end) +
                                                        "): " + json::quote(actual));
                ok = false;
            }
        }
    } else {
        ok = false;
    }
    if (std::string* v = str(e.f[kENote], "note", false, p))
        out.note = std::move(*v);
    else if (e.f[kENote].kind != Kind::Missing)
        ok = false;
    if (std::string* v = str(e.f[kKbId], "kb_id", false, p))
        out.kb_id = std::move(*v);
    else if (e.f[kKbId].kind != Kind::Missing)
        ok = false;
    if (std::string* v = str(e.f[kEAnnotator], "annotator", false, p))
        out.annotator = std::move(*v);
    else if (e.f[kEAnnotator].kind != Kind::Missing)
        ok = false;
    if (std::string* v = str(e.f[kECreated], "created", false, p))
        out.created = std::move(*v);
    else if (e.f[kECreated].kind != Kind::Missing)
        ok = false;
    if (const Kind k = e.f[kELocked].kind; k == Kind::True || k == Kind::False) {
        out.locked = k == Kind::True;
    } else if (k != Kind::Missing) {
        expected(p() / std::string("locked"), "true or false", k);
        ok = false;
    }
    if (auto v = attributes(e.attributes, p))
        out.attributes = std::move(*v);
    else
        ok = false;
    if (span_ok && !out.label.empty()) {
        if (auto first = span_at_.first(Span{*s_cp, *e_cp, out.label}, entities_)) {
            r_.error(p(), "duplicate of entities[" + std::to_string(*first) + "] (same start, end and label)");
            ok = false;
        } else {
            new_span = true;
        }
    }
    // The keys seen first here, for the entities after it: read from the entity kept, else copied.
    if (ok) {
        out.start = *s_cp;
        out.end = *e_cp;
        entities_.emplace_back(std::move(out), i);
        const Entity& kept = entities_.back().first;
        if (new_id) id_at_.add(std::string_view(kept.id), true, i, entities_);
        if (new_span) span_at_.add(SpanKey::of(kept), true, i, entities_);
    } else {
        if (new_id) id_at_.add(std::string_view(out.id), false, i, entities_);
        if (new_span) span_at_.add(Span{*s_cp, *e_cp, out.label}, false, i, entities_);
    }
}

bool Checks::finish_root(RootRec& root) {
    root_checked_ = true;
    if (root.kind != Kind::Object) {
        r_.error(base_, "expected an object at the top level, got " + describe(root.kind, r_.raw(base_)));
        return root_ok_ = false;
    }
    const auto b = [&] { return base_; };
    warn_unknown(root.unknown, b);
    if (std::string* f = str(root.f[kFormat], "format", true, b); f && *f != kFormatMark)
        r_.error(at("format"), "expected \"article-annotator\", got " + json::quote(*f));
    version(root.f[kVersion]);
    if (!prepared_) prepare(root);
    for (auto [field, dest] :
         {std::pair{kTitle, &info_.title}, std::pair{kSource, &info_.source}, std::pair{kCreated, &info_.created},
          std::pair{kModified, &info_.modified}, std::pair{kNote, &info_.note}})
        if (std::string* v = str(root.f[field], kRootNames[field], false, b)) *dest = std::move(*v);
    if (auto v = attributes(root.attributes, b)) info_.attributes = std::move(*v);
    if (root.suggest == Kind::Object)  // the rules file's schema (page_state.hpp), checked at its positions
        info_.suggest = page::suggest_from_json(root.suggest_value, at("suggest"), r_, false);
    else if (root.suggest != Kind::Missing)
        expected(at("suggest"), "an object", root.suggest);
    if (root.entities == Kind::Missing)
        r_.error(base_, "missing required field \"entities\"");
    else if (root.entities != Kind::Array)
        expected(at("entities"), "an array", root.entities);
    return true;
}

bool Checks::finish_begin(RootRec& root) {
    if (!root_checked_ ? !finish_root(root) : !root_ok_) return false;
    for (size_t i = 0; i < root.entity_recs.size(); ++i) entity(root.entity_recs[i], i);
    std::vector<EntityRec>().swap(root.entity_recs);  // checked: their room is given back
    id_at_ = {};  // only the entity checks look duplicates up: given back before the document's room
    span_at_ = {};
    if (root.tokens != Kind::Missing && root.tokens != Kind::Object) expected(at("tokens"), "an object", root.tokens);

    if (r_.has_errors() || !text_) return false;
    std::optional<TokenLayer> layer;  // a CoNLL document's tokens (token_layer.cpp)
    if (root.tokens == Kind::Object) {
        layer = token_layer_from_json(root.tokens_value, at("tokens"), r_, *text_, unit_);
        if (!layer) return false;
    }
    // Labels not declared: derived from the entities, in order of first use, with palette colours.
    if (!labels_declared_) {
        // The first few labels known are compared first: 100,000 look-ups in the set were 12 ms of one
        // frame at a 10 MB import.
        std::vector<std::string_view> known;
        for (const auto& [e, i] : entities_) {
            if (std::find(known.begin(), known.end(), e.label) != known.end()) continue;
            if (labels_.find(e.label)) {
                if (known.size() < 8) known.push_back(e.label);
                continue;
            }
            Label l{e.label, labels_.next_color(), labels_.next_key(), {}};
            if (Status s = labels_.insert(labels_.size(), std::move(l)); !s)
                r_.error(entity_path(i) / std::string("label"), s.error().message);
        }
    }
    doc_.emplace(std::move(*text_), std::move(labels_));
    doc_->info = std::move(info_);
    if (layer) doc_->token_layer = std::move(*layer);
    return true;
}

// With room for an eighth more: the first add after the import would otherwise double the store's
// vectors at once (10 MB of entities copied into 20 MB: the page's memory never shrinks).
void Checks::finish_reserve() { doc_->reserve_entities(entities_.size() + entities_.size() / 8); }

bool Checks::finish_insert(size_t n) {
    for (; n > 0 && !entities_.empty(); entities_.pop_front(), --n) {
        auto& [e, i] = entities_.front();
        auto ins = doc_->insert_entity(std::move(e));
        if (!ins.ok()) r_.error(entity_path(i), ins.error().message);  // every check above ran first: not expected
    }
    return entities_.empty();
}

std::optional<Document> Checks::finish_end(RootRec& root) {
    Document doc = std::move(*doc_);
    doc_.reset();
    if (!root.v2.empty()) members_from_json(doc, root.v2, base_, r_);
    if (r_.has_errors()) return std::nullopt;
    return doc;
}

// ---- [SECTION] collector (SAX) ----

// Receives nlohmann's SAX events and fills a RootRec. Like json::parse it refuses nesting deeper
// than json::kMaxDepth, records duplicate keys with their path (the last value wins, as in a tree)
// and keeps a syntax error's position. Entities are checked as they end when offsets, text and
// labels came before them (the writer's order); if one of those, or "entities", comes again after
// that, `restart` asks for a second pass that keeps every entity until the end (`keep_all`), so
// that the last value wins exactly as in a tree.
class Collector : public json::SaxProblems {
public:
    Collector(RootRec& root, Checks& checks, bool keep_all) : root_(root), checks_(checks), keep_all_(keep_all) {}

    bool null() {
        return scalar(Value{Kind::Null, 0, {}}, [] { return ojson(nullptr); });
    }
    bool boolean(bool v) {
        return scalar(Value{v ? Kind::True : Kind::False, 0, {}}, [&] { return ojson(v); });
    }
    bool number_integer(number_integer_t v) {
        return scalar(Value{Kind::Integer, static_cast<uint64_t>(v), {}}, [&] { return ojson(v); });
    }
    bool number_unsigned(number_unsigned_t v) {
        return scalar(Value{Kind::Unsigned, v, {}}, [&] { return ojson(v); });
    }
    bool number_float(number_float_t v, const string_t&) {
        return scalar(Value{Kind::Float, 0, {}}, [&] { return ojson(v); });
    }
    bool string(string_t& v) {
        if (long_text_ && depth_ == 1 && frames_[0].role == Role::Root && frames_[0].field == kText) {
            v = std::move(*long_text_);  // the parser skipped its bytes (read_native_pass)
            long_text_ = nullptr;
        }
        if (capturing()) return scalar(Value{Kind::String, 0, {}}, [&] { return ojson(std::move(v)); });
        return scalar(Value{Kind::String, 0, std::move(v)}, [] { return ojson(); });
    }
    bool binary(binary_t&) { return true; }  // JSON text has no binary values
    bool start_object(size_t) { return open(true); }
    bool start_array(size_t) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(string_t& k);
    // The root's first "text", decoded apart: the parser sees it as "" (json_long_string.hpp).
    void set_long_text(std::string* text) { long_text_ = text; }
    // After a parse of the root that saw its "entities" as [] (NativeReadRun): the frames of that
    // array, so that each element parsed on its own arrives as it would in the whole file.
    bool begin_elements();
    void end_elements() { depth_ = 0; }
    // Whether the entities are checked as they end; check_from_now makes them (NativeReadRun, once the
    // root's own checks ran: Checks::finish_root).
    bool checking() const { return checking_; }
    void check_from_now() { checking_ = true; }

    bool restart = false;

private:
    enum class Role : uint8_t { Root, Labels, Label, Entities, Entity, Attrs, Capture, Skip };
    static constexpr size_t kScanKeys = 16;
    struct Frame {
        Role role = Role::Skip;
        bool is_object = false;
        uint8_t field = 0;                              // objects: the current key's field
        size_t count = 0;                               // arrays: elements so far
        size_t cur = 0;                                 // objects: the current key's index in `keys`
        std::vector<std::string> keys;                  // objects: in first-occurrence order
        std::unordered_map<std::string, size_t> index;  // objects past kScanKeys keys: key -> index
        ojson* node = nullptr;                          // Capture: the container being built
        ojson* slot = nullptr;                          // Capture objects: the current key's value
    };

    bool capturing() const { return depth_ > 0 && frames_[depth_ - 1].role == Role::Capture; }
    JsonPath path() const;
    size_t find_or_add_key(Frame& f, string_t& k);
    ojson* capture_place(ojson v);
    template <class MakeJson>
    bool scalar(Value v, const MakeJson& make);
    Role begin_container(bool is_object);
    bool open(bool is_object);
    bool close();
    void entity_done();

    RootRec& root_;
    Checks& checks_;
    bool keep_all_;
    bool checking_ = false;      // entities are checked as they end
    std::vector<Frame> frames_;  // frames_[0, depth_) are open; kept to reuse their vectors
    size_t depth_ = 0;
    EntityRec entity_;
    size_t entity_index_ = 0;
    Attrs* attrs_ = nullptr;
    std::string* long_text_ = nullptr;
};

JsonPath Collector::path() const {
    JsonPath p;
    for (size_t i = 0; i < depth_; ++i) {
        const Frame& f = frames_[i];
        if (f.is_object)
            p.push_back(PathItem::member(f.keys[f.cur]));
        else if (f.count > 0)
            p.push_back(PathItem::element(f.count - 1));
    }
    return p;
}

// The key's index among the object's keys; a duplicate is recorded with its path.
size_t Collector::find_or_add_key(Frame& f, string_t& k) {
    size_t at = f.keys.size();
    if (f.keys.size() < kScanKeys) {
        for (size_t i = 0; i < f.keys.size(); ++i)
            if (f.keys[i] == k) at = i;
    } else {
        if (f.index.empty())
            for (size_t i = 0; i < f.keys.size(); ++i) f.index.emplace(f.keys[i], i);
        at = f.index.emplace(k, f.keys.size()).first->second;
    }
    f.cur = at;
    if (at == f.keys.size()) {
        f.keys.push_back(std::move(k));
        return at;
    }
    duplicates.push_back(path());
    return at;
}

bool Collector::key(string_t& k) {
    Frame& f = frames_[depth_ - 1];
    const size_t before = f.keys.size();
    const size_t at = find_or_add_key(f, k);
    const bool fresh = at == before;
    const std::string& name = f.keys[at];
    switch (f.role) {
        case Role::Root:
            f.field = field_of(kRootNames, name);
            if (f.field == kRootUnknown && fresh) root_.unknown.push_back(name);
            // A member the entity checks depend on, after they began: start again, keeping them all.
            if (checking_ && (f.field == kOffsets || f.field == kText || f.field == kLabels || f.field == kEntities)) {
                restart = true;
                return false;
            }
            break;
        case Role::Label:
            f.field = field_of(kLabelNames, name);
            if (f.field == kLabelUnknown && fresh) root_.label_recs.back().unknown.push_back(name);
            break;
        case Role::Entity:
            f.field = field_of(kEntityNames, name);
            if (f.field == kEntityUnknown && fresh) entity_.unknown.push_back(name);
            break;
        case Role::Attrs:
            if (fresh) attrs_->items.push_back(AttrItem{name, {}});
            break;
        case Role::Capture: {
            auto& obj = f.node->get_ref<ojson::object_t&>();
            if (fresh) obj.emplace_back(name, ojson());
            f.slot = &(obj.begin() + static_cast<std::ptrdiff_t>(at))->second;
            break;
        }
        default: break;
    }
    return true;
}

ojson* Collector::capture_place(ojson v) {
    Frame& f = frames_[depth_ - 1];
    if (f.is_object) {
        *f.slot = std::move(v);
        return f.slot;
    }
    auto& arr = f.node->get_ref<ojson::array_t&>();
    arr.push_back(std::move(v));
    return &arr.back();
}

template <class MakeJson>
bool Collector::scalar(Value v, const MakeJson& make) {
    if (depth_ == 0) {
        root_.kind = v.kind;  // not an object: reported by the checks
        return true;
    }
    Frame& f = frames_[depth_ - 1];
    if (!f.is_object) ++f.count;
    switch (f.role) {
        case Role::Root:
            if (f.field < kRootScalars)
                root_.f[f.field] = std::move(v);
            else if (f.field == kRootAttributes)
                root_.attributes = Attrs{v.kind, {}};
            else if (f.field == kLabels)
                root_.labels = v.kind;
            else if (f.field == kSuggest)
                root_.suggest = v.kind;
            else if (f.field == kEntities)
                root_.entities = v.kind;
            else if (f.field == kTokens)
                root_.tokens = v.kind;
            else if (f.field >= kFirstV2 && f.field < kRootUnknown)
                root_.v2[kRootNames[f.field]] = v.kind == Kind::String ? ojson(std::move(v.s)) : make();
            break;
        case Role::Labels: root_.label_recs.push_back(LabelRec{v.kind, {}, {}}); break;
        case Role::Label:
            if (f.field < kLabelUnknown) root_.label_recs.back().f[f.field] = std::move(v);
            break;
        case Role::Entities:
            entity_ = EntityRec{};
            entity_.kind = v.kind;
            entity_done();
            break;
        case Role::Entity:
            if (f.field < kEntityScalars)
                entity_.f[f.field] = std::move(v);
            else if (f.field == kEAttributes)
                entity_.attributes = Attrs{v.kind, {}};
            break;
        case Role::Attrs: attrs_->items[f.cur].value = std::move(v); break;
        case Role::Capture: capture_place(make()); break;
        case Role::Skip: break;
    }
    return true;
}

// The role of a container starting in the current frame (after recording its kind there).
Collector::Role Collector::begin_container(bool is_object) {
    const Kind kind = is_object ? Kind::Object : Kind::Array;
    if (depth_ == 0) {
        root_.kind = kind;
        return is_object ? Role::Root : Role::Skip;
    }
    Frame& f = frames_[depth_ - 1];
    if (!f.is_object) ++f.count;
    switch (f.role) {
        case Role::Root:
            if (f.field < kRootScalars) {
                root_.f[f.field] = Value{kind, 0, {}};
            } else if (f.field == kRootAttributes) {
                root_.attributes = Attrs{kind, {}};
                attrs_ = &root_.attributes;
                return is_object ? Role::Attrs : Role::Skip;
            } else if (f.field == kLabels) {
                root_.labels = kind;
                root_.label_recs.clear();
                return is_object ? Role::Skip : Role::Labels;
            } else if (f.field == kSuggest) {
                root_.suggest = kind;
                root_.suggest_value = ojson::object();
                return is_object ? Role::Capture : Role::Skip;
            } else if (f.field == kTokens) {
                root_.tokens = kind;
                root_.tokens_value = ojson::object();
                return is_object ? Role::Capture : Role::Skip;
            } else if (f.field >= kFirstV2 && f.field < kRootUnknown) {
                root_.v2[kRootNames[f.field]] = is_object ? ojson::object() : ojson::array();
                return Role::Capture;
            } else if (f.field == kEntities) {
                root_.entities = kind;
                root_.entity_recs.clear();
                entity_index_ = 0;
                checking_ =
                    !keep_all_ && !is_object && root_.f[kText].kind != Kind::Missing && root_.labels != Kind::Missing;
                if (checking_) checks_.prepare(root_);
                return is_object ? Role::Skip : Role::Entities;
            }
            return Role::Skip;
        case Role::Labels:
            root_.label_recs.push_back(LabelRec{kind, {}, {}});
            return is_object ? Role::Label : Role::Skip;
        case Role::Label:
            if (f.field < kLabelUnknown) root_.label_recs.back().f[f.field] = Value{kind, 0, {}};
            return Role::Skip;
        case Role::Entities:
            entity_ = EntityRec{};
            entity_.kind = kind;
            if (is_object) return Role::Entity;
            entity_done();
            return Role::Skip;
        case Role::Entity:
            if (f.field < kEntityScalars) {
                entity_.f[f.field] = Value{kind, 0, {}};
            } else if (f.field == kEAttributes) {
                entity_.attributes = Attrs{kind, {}};
                attrs_ = &entity_.attributes;
                return is_object ? Role::Attrs : Role::Skip;
            }
            return Role::Skip;
        case Role::Attrs: attrs_->items[f.cur].value = Value{kind, 0, {}}; return Role::Skip;
        case Role::Capture: return Role::Capture;
        case Role::Skip: return Role::Skip;
    }
    return Role::Skip;
}

bool Collector::open(bool is_object) {
    if (depth_ >= json::kMaxDepth) {
        too_deep = true;
        ++frames_[depth_ - 1].count;  // path() names the element being opened
        deep_path = path();
        return false;
    }
    ojson* node = nullptr;
    if (capturing())
        node = capture_place(is_object ? ojson::object() : ojson::array());
    else if (depth_ == 1 && frames_[0].role == Role::Root && frames_[0].field == kSuggest && is_object)
        node = &root_.suggest_value;
    else if (depth_ == 1 && frames_[0].role == Role::Root && frames_[0].field == kTokens && is_object)
        node = &root_.tokens_value;
    else if (depth_ == 1 && frames_[0].role == Role::Root && frames_[0].field >= kFirstV2 &&
             frames_[0].field < kRootUnknown)
        node = &root_.v2[kRootNames[frames_[0].field]];
    const Role role = begin_container(is_object);
    if (frames_.size() == depth_) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.role = role;
    f.is_object = is_object;
    f.field = 0;
    f.count = 0;
    f.cur = 0;
    f.keys.clear();
    f.index.clear();
    f.node = node;
    f.slot = nullptr;
    return true;
}

bool Collector::close() {
    const Role role = frames_[--depth_].role;
    if (role == Role::Entity) entity_done();
    return true;
}

bool Collector::begin_elements() {
    if (frames_.empty() || depth_ != 0) return false;
    Frame& root = frames_[0];
    auto at = std::find(root.keys.begin(), root.keys.end(), std::string("entities"));
    if (at == root.keys.end() || root_.entities != Kind::Array) return false;
    root.cur = static_cast<size_t>(at - root.keys.begin());
    root.field = kEntities;
    if (frames_.size() < 2) frames_.emplace_back();
    Frame& f = frames_[1];
    f = Frame{};
    f.role = Role::Entities;
    depth_ = 2;
    return true;
}

void Collector::entity_done() {
    if (checking_)
        checks_.entity(entity_, entity_index_);
    else
        root_.entity_recs.push_back(std::move(entity_));
    ++entity_index_;
}

// Emits the SAX events of a tree (the session's embedded document) into a Collector.
template <class Sax>
bool replay(const ojson& v, Sax& sax) {
    switch (v.type()) {
        case ojson::value_t::object: {
            if (!sax.start_object(v.size())) return false;
            for (auto it = v.begin(); it != v.end(); ++it) {
                std::string k = it.key();
                if (!sax.key(k) || !replay(it.value(), sax)) return false;
            }
            return sax.end_object();
        }
        case ojson::value_t::array:
            if (!sax.start_array(v.size())) return false;
            for (const ojson& e : v)
                if (!replay(e, sax)) return false;
            return sax.end_array();
        case ojson::value_t::string: {
            std::string s = v.get<std::string>();
            return sax.string(s);
        }
        case ojson::value_t::boolean: return sax.boolean(v.get<bool>());
        case ojson::value_t::number_integer: return sax.number_integer(v.get<int64_t>());
        case ojson::value_t::number_unsigned: return sax.number_unsigned(v.get<uint64_t>());
        case ojson::value_t::number_float: return sax.number_float(v.get<double>(), std::string());
        default: return sax.null();
    }
}

}  // namespace

// ---- [SECTION] entry points ----

std::optional<Document> from_json(const ojson& root, const JsonPath& base, json::Reporter& r) {
    RootRec rec;
    Checks checks(r, base, std::nullopt);
    Collector c(rec, checks, true);  // a tree has no duplicate keys; keep_all: one pass
    replay(root, c);
    return checks.finish(rec);
}

}  // namespace native

namespace detail {

namespace {

constexpr size_t kLongText = 4096;  // shorter texts are read by the parser as any string

// One pass over the input; nullopt when the Collector asked for a second one (see Collector).
std::optional<ReadResult> read_native_pass(std::string_view input, const ReadOptions& options, bool keep_all) {
    ReadResult result;
    json::Reporter r(input);
    if (json::check_input(input, r)) {
        native::RootRec rec;
        native::Checks checks(r, {}, options.offsets);
        native::Collector c(rec, checks, keep_all);
        // A long text is decoded apart and its bytes skipped by the parser, whose lexer would grow two
        // buffers to about 4.5x its size (10 MB of text: 48 MB of the page's peak memory).
        std::optional<json::LongString> text = json::root_long_string(input, "text", kLongText);
        bool ok = false;
        if (text) {
            c.set_long_text(&text->value);
            const char* b = input.data();
            const json::SkippingIterator::Range skip[1] = {{b + text->begin, b + text->end}};
            ok = json::ojson::sax_parse(json::SkippingIterator(b, skip, 1),
                                        json::SkippingIterator(b + input.size(), skip, 1), &c,
                                        json::ojson::input_format_t::json, true, false);
            if (c.error_position >= text->begin) c.error_position += text->end - text->begin;  // in the whole input
        } else {
            ok = json::ojson::sax_parse(input.begin(), input.end(), &c, json::ojson::input_format_t::json, true, false);
        }
        if (c.restart) return std::nullopt;
        if (c.too_deep) {
            const auto span = JsonLocator(input).locate_nearest(c.deep_path);
            r.error_at_byte(span.begin, "JSON nesting is deeper than " + std::to_string(json::kMaxDepth) + " levels");
        } else if (!ok || c.syntax_error) {
            r.error_at_byte(std::min(c.error_position, input.size()), json::syntax_message(c.error_message));
        } else {
            for (const JsonPath& p : c.duplicates) r.error(p, "duplicate key " + json::quote(p.back().key));
            if (auto doc = checks.finish(rec)) result.documents.push_back(std::move(*doc));
        }
    }
    return detail::finished(std::move(result), r.finish());
}

}  // namespace

ReadResult read_native(std::string_view input, const ReadOptions& options) {
    if (auto once = read_native_pass(input, options, false)) return std::move(*once);
    return std::move(*read_native_pass(input, options, true));
}

}  // namespace detail
}  // namespace aa::io

// ---- [SECTION] NativeReadRun ----

namespace aa::io {

// The file is read in phases, each resumable: the UTF-8 check; a walk over the root's members that
// finds the first "text" string and the first "entities" array (json_long_string's scanner); the
// text decoded; the root parsed with both left out (the parser sees "" and []); each element of the
// entities parsed on its own into the same Collector, whose frames say it is inside that array; the
// checks' finish. Anything unusual (a syntax error, a duplicate key, nesting too deep, members in an
// order that makes the reader start again) falls back to the whole-file read, whose messages are
// then given as they are: the sliced read never has to place an error itself.
struct NativeReadRun::State {
    enum class Phase : uint8_t {
        Validate,
        WalkStart,
        WalkKey,
        WalkValue,
        Decode,
        Root,
        Elements,
        Finish,
        Insert,
        Done
    };

    State(std::string in, ReadOptions opt)
        : input_bytes(in.size()),
          input(std::move(in)),
          options(std::move(opt)),
          r(input),
          checks(r, {}, options.offsets),
          c(rec, checks, false) {}

    size_t input_bytes;  // the input's size (the input itself may be given back before the end)
    std::string input;
    ReadOptions options;
    json::Reporter r;
    native::RootRec rec;
    native::Checks checks;
    native::Collector c;
    ReadResult result;
    Phase phase = Phase::Validate;
    bool fell_back = false;
    size_t pos = 0;    // Validate: checked up to; walk: the scanner's place; Elements: the next element
    size_t work = 0;   // bytes worked through, for progress
    double shown = 0;  // progress given so far
    json::ValueScan scan;
    std::string key;
    bool text_seen = false, entities_seen = false;
    size_t text_begin = 0, text_end = 0;     // the first "text"'s content (between its quotes)
    size_t array_open = 0, array_close = 0;  // the first "entities" array's brackets
    bool has_text = false, has_array = false;
    std::optional<TextBuilder> text;       // the first "text" decoded, checked and indexed in pieces
    std::string piece;                     // a piece of it decoded
    std::string no_text;                   // what the parser hands over for it: Checks has it built already
    size_t inserted = 0, inserted_of = 0;  // entities moved into the document, of how many
    bool ordered = false;                  // their document order read, in a step of its own

    bool step(size_t budget);
    void fall_back();
    void validate(size_t budget);
    void walk_start();
    void walk_key();
    void walk_value(size_t budget);
    void decode(size_t budget);
    void root();
    void elements(size_t budget);
    void finish();
    void insert(size_t budget);
    void end();
    std::string_view in() const { return input; }
};

void NativeReadRun::State::fall_back() {
    fell_back = true;
    result = detail::read_native(input, options);
    phase = Phase::Done;
}

bool NativeReadRun::State::step(size_t budget) {
    budget = std::max<size_t>(budget, 1);
    switch (phase) {
        case Phase::Validate: validate(budget); break;
        case Phase::WalkStart: walk_start(); break;
        case Phase::WalkKey: walk_key(); break;
        case Phase::WalkValue: walk_value(budget); break;
        case Phase::Decode: decode(budget); break;
        case Phase::Root: root(); break;
        case Phase::Elements: elements(budget); break;
        case Phase::Finish: finish(); break;
        case Phase::Insert: insert(budget); break;
        case Phase::Done: break;
    }
    return phase == Phase::Done;
}

// UTF-8 checked in pieces that end before a character's first byte: each piece is valid when the
// whole is. Any problem (or an empty file): the whole-file read says where.
void NativeReadRun::State::validate(size_t budget) {
    if (pos == 0 &&
        in().find_first_not_of(" \t\r\n", in().substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) == std::string_view::npos)
        return fall_back();
    size_t end = std::min(input.size(), pos + budget);
    for (int back = 0;
         back < 3 && end < input.size() && (static_cast<unsigned char>(input[end]) & 0xC0) == 0x80 && end > pos + 1;
         ++back)
        --end;
    if (utf8::validate(in().substr(pos, end - pos))) return fall_back();
    work += end - pos;
    pos = end;
    if (pos == input.size()) {
        pos = 0;
        phase = Phase::WalkStart;
    }
}

// The walk stops (and the parser reads the rest as it is) at anything it does not expect.
void NativeReadRun::State::walk_start() {
    size_t i = json::skip_ws(in(), in().substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (i >= input.size() || input[i] != '{') {
        phase = Phase::Root;
        return;
    }
    pos = json::skip_ws(in(), i + 1);
    phase = pos < input.size() && input[pos] == '"' ? Phase::WalkKey : Phase::Root;
}

void NativeReadRun::State::walk_key() {
    phase = Phase::Root;
    const size_t key_end = json::string_end(in(), pos);
    if (key_end == std::string_view::npos) return;
    key.assign(input, pos + 1, key_end - pos - 1);
    if (key.find('\\') != std::string::npos) return;  // an escaped key could be "text" or "entities"
    size_t i = json::skip_ws(in(), key_end + 1);
    if (i >= input.size() || input[i] != ':') return;
    i = json::skip_ws(in(), i + 1);
    if (i >= input.size()) return;
    scan = json::ValueScan{};
    scan.i = i;
    pos = i;
    phase = Phase::WalkValue;
}

void NativeReadRun::State::walk_value(size_t budget) {
    const size_t from = scan.i;
    const int got = scan.step(in(), scan.i + budget);
    work += scan.i - from;
    if (got == 0) return;
    phase = Phase::Root;
    if (got < 0) return;
    const size_t value_begin = pos, value_end = scan.i;
    if (key == "text") {
        if (!text_seen && input[value_begin] == '"' && value_end - value_begin >= 2 && input[value_end - 1] == '"') {
            has_text = true;
            text_begin = value_begin + 1;
            text_end = value_end - 1;
        }
        text_seen = true;
    } else if (key == "entities") {
        if (!entities_seen && input[value_begin] == '[' && input[value_end - 1] == ']') {
            has_array = true;
            array_open = value_begin;
            array_close = value_end - 1;
        }
        entities_seen = true;
    }
    size_t i = json::skip_ws(in(), value_end);
    if (i < input.size() && input[i] == ',') {
        pos = json::skip_ws(in(), i + 1);
        if (pos < input.size() && input[pos] == '"') phase = Phase::WalkKey;
    } else if (i < input.size() && input[i] == '}') {
        phase = has_text ? Phase::Decode : Phase::Root;
        if (has_text) text.emplace(text_end - text_begin);
        pos = 0;
    }
    if (phase == Phase::Root && has_text) {  // stopped early: the text found so far is still the first
        phase = Phase::Decode;
        text.emplace(text_end - text_begin);
        pos = 0;
    }
}

void NativeReadRun::State::decode(size_t budget) {
    const std::string_view content = in().substr(text_begin, text_end - text_begin);
    const size_t from = pos;
    piece.clear();
    if (!json::decode_some(content, pos, pos + budget, piece)) {
        has_text = false;  // the parser reads it and says what is wrong
        text.reset();
        std::string().swap(piece);
        phase = Phase::Root;
        return;
    }
    // Checked and indexed as it comes: Text::from_utf8 of 10 MB was 74 ms of one frame in the page.
    text->append(piece);
    text->step(piece.size());
    work += pos - from;
    if (pos < content.size()) return;
    std::string().swap(piece);
    phase = Phase::Root;
    if (auto made = text->finish(); made.ok()) {
        checks.set_long_text(std::move(made.value()));
    } else {
        has_text = false;  // not expected (the decoder gives valid UTF-8): the parser reads it
    }
    text.reset();
}

void NativeReadRun::State::root() {
    // The input's UTF-8 and emptiness were checked in pieces (Validate), as check_input would.
    if (has_text) c.set_long_text(&no_text);
    const char* b = input.data();
    const char* end = b + input.size();
    const char *t0 = has_text ? b + text_begin : nullptr, *t1 = has_text ? b + text_end : nullptr;
    const char *e0 = has_array ? b + array_open + 1 : nullptr, *e1 = has_array ? b + array_close : nullptr;
    json::SkippingIterator::Range skip[2];
    size_t n = 0;
    if (has_text) skip[n++] = {t0, t1};
    if (has_array) skip[n++] = {e0, e1};
    if (n == 2 && skip[1].begin < skip[0].begin) std::swap(skip[0], skip[1]);
    const bool ok = json::ojson::sax_parse(json::SkippingIterator(b, skip, n), json::SkippingIterator(end, skip, n), &c,
                                           json::ojson::input_format_t::json, true, false);
    if (!ok || c.restart || c.too_deep || c.syntax_error || !c.duplicates.empty()) return fall_back();
    work += input.size() - (t1 - t0) - (e1 - e0);
    if (has_array) {
        if (!c.begin_elements()) return fall_back();
        // Not checked as they end (no "labels" before them): the whole-file read keeps every entity
        // and checks them after the root's own checks; here the root is known whole already, so its
        // checks run now and each entity is checked as it is parsed, in the same order of messages.
        if (!c.checking()) {
            if (!checks.finish_root(rec)) return fall_back();
            c.check_from_now();
        }
        pos = json::skip_ws(in(), array_open + 1);
        phase = pos == array_close ? Phase::Finish : Phase::Elements;
    } else {
        phase = Phase::Finish;
    }
    if (phase == Phase::Finish) c.end_elements();
}

// Elements one by one while the budget lasts, each parsed on its own: a valid element parses alone
// exactly as inside the array, so the Collector gets the same events.
void NativeReadRun::State::elements(size_t budget) {
    const size_t from = pos;
    while (pos - from < budget) {
        const size_t end = json::value_end(in(), pos);
        if (end == std::string_view::npos || end > array_close || end == pos) return fall_back();
        const bool ok = json::ojson::sax_parse(input.begin() + static_cast<std::ptrdiff_t>(pos),
                                               input.begin() + static_cast<std::ptrdiff_t>(end), &c,
                                               json::ojson::input_format_t::json, true, false);
        if (!ok || c.too_deep || c.syntax_error || !c.duplicates.empty()) return fall_back();
        size_t i = json::skip_ws(in(), end);
        if (i == array_close) {
            work += i - from;
            c.end_elements();
            phase = Phase::Finish;
            return;
        }
        if (input[i] != ',') return fall_back();
        pos = json::skip_ws(in(), i + 1);
        if (pos >= array_close) return fall_back();  // a trailing comma
    }
    work += pos - from;
}

void NativeReadRun::State::finish() {
    inserted_of = checks.entities_left();
    if (!checks.finish_begin(rec)) return end();
    // The file is not needed any more when nothing was reported and nothing left can report but a
    // failed insert (not expected: every check ran): given back before the document's room is taken,
    // which then reuses its place (a 10 MB import: 17.6 MB of JSON, the page's peak memory).
    if (r.quiet() && rec.v2.empty()) {
        r.forget_input();
        std::string().swap(input);
    }
    checks.finish_reserve();
    phase = Phase::Insert;
}

// The entities into the document, as many per step as a budget of bytes of their JSON would read.
void NativeReadRun::State::insert(size_t budget) {
    const size_t n = std::max<size_t>(1, budget / 100);
    const size_t before = checks.entities_left();
    const bool all = checks.finish_insert(n);
    inserted += before - checks.entities_left();
    if (!all) return;
    if (!ordered && inserted_of >= 4096) {
        checks.finish_order();
        ordered = true;
        return;
    }
    if (auto doc = checks.finish_end(rec)) result.documents.push_back(std::move(*doc));
    end();
}

void NativeReadRun::State::end() {
    result = detail::finished(std::move(result), r.finish());
    phase = Phase::Done;
}

NativeReadRun::NativeReadRun(std::string input, ReadOptions options)
    : s_(std::make_unique<State>(std::move(input), std::move(options))) {}
NativeReadRun::~NativeReadRun() = default;

bool NativeReadRun::step(size_t budget_bytes) { return s_->step(budget_bytes); }
bool NativeReadRun::done() const { return s_->phase == State::Phase::Done; }
ReadResult& NativeReadRun::result() { return s_->result; }
bool NativeReadRun::fell_back() const { return s_->fell_back; }
size_t NativeReadRun::input_size() const { return s_->input_bytes; }
size_t NativeReadRun::input_held() const { return s_->input.size(); }

// The UTF-8 check, the walk and the parse of the elements each go over about the whole file once;
// moving the entities into the document counts as a fourth pass.
double NativeReadRun::progress() const {
    if (done()) return 1.0;
    const double size = static_cast<double>(std::max<size_t>(s_->input_bytes, 1));
    const double moved =
        s_->inserted_of ? size * static_cast<double>(s_->inserted) / static_cast<double>(s_->inserted_of) : 0;
    s_->shown = std::max(s_->shown, std::min(0.99, (static_cast<double>(s_->work) + moved) / (4 * size)));
    return s_->shown;
}

}  // namespace aa::io
