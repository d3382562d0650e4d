// brat standoff (.ann): the reader and writer of the annotation file; the text is the .txt file
// beside it, which the caller passes as ReadOptions::text (a .ann does not carry it). Offsets are
// code points (brat counts Python str indices) unless ReadOptions/WriteOptions::offsets say otherwise.
// Relations (R lines) and equivalences (* lines, read as symmetric relations along the chain) are
// kept; what the model cannot hold (events, arguments that are not entities) is reported line by line.
//
// [SECTION] helpers  [SECTION] reader: T lines, then R/* lines, then #/A/M/N/E lines  [SECTION] writer
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/json_read.hpp"

namespace aa::io::detail {
namespace {

using json::quote;

// ---- [SECTION] helpers ----

struct Line {
    size_t number = 0;      // 1-based
    size_t byte = 0;        // offset of its first byte in the input
    std::string_view text;  // without the line break (\n, \r\n or \r)
};

std::vector<Line> split_lines(std::string_view input, size_t first_byte) {
    std::vector<Line> lines;
    size_t i = first_byte, n = 1;
    while (i <= input.size()) {
        const LineEnd le = line_end(input, i);
        const bool last = le.next == std::string_view::npos;
        std::string_view t = input.substr(i, le.end - i);
        if (!(last && t.empty() && i == input.size() && n > 1)) lines.push_back({n, i, t});
        if (last) break;
        i = le.next;
        ++n;
    }
    return lines;
}

std::vector<std::string_view> split(std::string_view s, char sep, size_t max_fields = std::string_view::npos) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (out.size() + 1 < max_fields) {
        const size_t j = s.find(sep, i);
        if (j == std::string_view::npos) break;
        out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    out.push_back(s.substr(i));
    return out;
}

// Splits on runs of spaces (brat separates the parts of a field by single spaces; be lenient).
std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        if (i == s.size()) break;
        size_t j = s.find(' ', i);
        if (j == std::string_view::npos) j = s.size();
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::optional<size_t> parse_uint(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    size_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<size_t>(c - '0');
    }
    return v;
}

// A document text as it can stand in one .ann field: each line-break character becomes a space.
std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    return out;
}

// Who made an entity or relation and when, as notes of their own types ("Annotator", "Created"), so
// that an AnnotatorNotes line stays the user's note alone.
void who_notes(std::string& notes, size_t& nn, const std::string& target, const std::string& annotator,
               const std::string& created) {
    auto field = [](std::string_view v) {  // a tab would end the field
        std::string out = one_line(v);
        for (char& c : out)
            if (c == '\t') c = ' ';
        return out;
    };
    if (!annotator.empty())
        notes += "#" + std::to_string(++nn) + "\tAnnotator " + target + "\t" + field(annotator) + "\n";
    if (!created.empty()) notes += "#" + std::to_string(++nn) + "\tCreated " + target + "\t" + field(created) + "\n";
}

// A name or value as it can stand between the spaces of a .ann field: spaces, tabs and line
// breaks (which would split the field or start a new line) become '_'.
std::string without_spaces(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = '_';
    return out;
}

class Diags {
public:
    explicit Diags(std::string_view input) : input_(input) {}
    void error(const Line& l, size_t byte_in_line, std::string path, std::string message) {
        add(Diagnostic::Severity::Error, l, byte_in_line, std::move(path), std::move(message));
    }
    void warning(const Line& l, size_t byte_in_line, std::string path, std::string message) {
        add(Diagnostic::Severity::Warning, l, byte_in_line, std::move(path), std::move(message));
    }
    void error(std::string message) {
        Diagnostic d;
        d.message = std::move(message);
        out.push_back(std::move(d));
        ++errors;
    }
    std::vector<Diagnostic> out;
    size_t errors = 0;

private:
    void add(Diagnostic::Severity sev, const Line& l, size_t byte_in_line, std::string path, std::string message) {
        Diagnostic d;
        d.severity = sev;
        d.line = l.number;
        d.column = 1 + utf8::count_code_points(l.text.substr(0, std::min(byte_in_line, l.text.size())));
        d.offset = l.byte + std::min(byte_in_line, l.text.size());
        d.path = std::move(path);
        d.message = std::move(message);
        if (sev == Diagnostic::Severity::Error) ++errors;
        out.push_back(std::move(d));
    }
    std::string_view input_;
};

size_t offset_in(std::string_view outer, std::string_view inner) {
    return static_cast<size_t>(inner.data() - outer.data());
}

// ---- [SECTION] reader ----

struct Pending {
    Entity e;
    Line line;
    std::string brat_id;
};

// A relation read from an R line or one link of a * line: its ends as indexes into the entities.
struct PendingRelation {
    std::string type;
    size_t from = 0, to = 0;
    bool symmetric = false;
    std::string brat_id;  // "R1"; "*" for an equivalence
    std::string note;
    std::string annotator = {}, created = {};
};

// Code-point offsets of every occurrence of `needle` in the text.
std::vector<size_t> occurrences(const Text& text, std::string_view needle) {
    std::vector<size_t> out;
    if (needle.empty()) return out;
    const std::string& s = text.utf8();
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
        if (utf8::is_continuation(static_cast<unsigned char>(s[at]))) continue;
        out.push_back(text.cp_of_byte(at));
    }
    return out;
}

// The read in passes over the lines: every id first (so that a line may refer to one defined
// further down), then the text-bound T lines, then the lines that attach to them (#, A/M, N) or
// that the model cannot hold (R, E, *), then the document. Errors are collected in `d`.
class BratReader {
public:
    BratReader(std::string_view input, const ReadOptions& options)
        : d(input), options_(options), text_(*options.text), unit_(options.offsets.value_or(OffsetUnit::CodePoint)) {}

    void collect_ids(const std::vector<Line>& lines);
    void read_text_bound(const Line& l);
    void read_relation(const Line& l);
    void read_other(const Line& l);
    void add_document(ReadResult& result);

    Diags d;

private:
    using Fragments = std::vector<std::pair<size_t, size_t>>;  // code points
    std::optional<Fragments> fragments(const Line& l, const std::string& id, std::string_view offsets, size_t at);
    std::optional<size_t> offset(const Line& l, const std::string& id, size_t value, size_t at);
    bool match_text(const Line& l, const std::string& id, std::string_view offsets, std::string_view given, Entity& e,
                    Fragments& frags);
    bool need(const Line& l, const std::string& id, size_t fields, size_t lo, size_t hi);
    Pending* target(const Line& l, const std::string& id, std::string_view ref, size_t at, const char* what);
    void read_note(const Line& l, const std::string& id, const std::vector<std::string_view>& f);
    void read_attribute(const Line& l, const std::string& id, const std::vector<std::string_view>& f);
    void read_normalisation(const Line& l, const std::string& id, const std::vector<std::string_view>& f);
    bool take_id(const Line& l) const { return !duplicate_lines_.count(l.number); }
    std::optional<size_t> argument(const Line& l, const std::string& id, std::string_view ref, size_t at);
    void add_relations(Document& doc);

    const ReadOptions& options_;
    const Text& text_;
    const OffsetUnit unit_;
    std::vector<Pending> entities_;
    std::vector<PendingRelation> relations_;
    std::unordered_map<std::string, size_t> relation_of_;  // R id -> index in `relations_`
    std::unordered_map<std::string, size_t> entity_of_;    // T id -> index in `entities_`
    std::unordered_map<std::string, size_t> id_line_;      // every id -> its line
    std::map<std::tuple<size_t, size_t, std::string>, size_t> span_of_;
    std::set<size_t> duplicate_lines_;
};

bool is_blank_line(const Line& l) { return l.text.find_first_not_of(" \t") == std::string_view::npos; }

// Pass 0: ids are unique (except "*", the id of every equivalence line).
void BratReader::collect_ids(const std::vector<Line>& lines) {
    for (const Line& l : lines) {
        if (is_blank_line(l)) continue;
        const std::string id(l.text.substr(0, l.text.find('\t')));
        if (id == "*") continue;
        if (auto [at, fresh] = id_line_.emplace(id, l.number); !fresh) {
            d.error(l, 0, id, "duplicate id (also line " + std::to_string(at->second) + ")");
            duplicate_lines_.insert(l.number);
        }
    }
}

// One offset of the input's unit as a code point, or nullopt after reporting why not.
std::optional<size_t> BratReader::offset(const Line& l, const std::string& id, size_t value, size_t at) {
    if (value > text_.size_in(unit_)) {
        d.error(l, at, id,
                "offset " + std::to_string(value) + " is past the end of the text (" +
                    std::to_string(text_.size_in(unit_)) + " " + unit_words(unit_) + ")");
        return std::nullopt;
    }
    if (auto cp = text_.convert(value, unit_, OffsetUnit::CodePoint)) return *cp;
    d.error(l, at, id,
            std::string(offset_unit_name(unit_)) + " offset " + std::to_string(value) + " is inside a character");
    return std::nullopt;
}

// "START END;START END": the fragments in code points, or nullopt after reporting the first problem.
std::optional<BratReader::Fragments> BratReader::fragments(const Line& l, const std::string& id,
                                                           std::string_view offsets, size_t at) {
    Fragments out;
    for (std::string_view frag : split(offsets, ';')) {
        const auto w = words(frag);
        std::optional<size_t> s, e;
        if (w.size() == 2) s = parse_uint(w[0]), e = parse_uint(w[1]);
        if (!s || !e) {
            d.error(l, at, id,
                    "invalid offsets " + quote(offsets) + " (expected START END, fragments separated by ';')");
            return std::nullopt;
        }
        const std::optional<size_t> cs = offset(l, id, *s, at);
        const std::optional<size_t> ce = offset(l, id, *e, at);  // both reported when both are wrong
        if (!cs || !ce) return std::nullopt;
        if (*ce <= *cs) {
            d.error(l, at, id, "empty or reversed fragment \"" + std::string(frag) + "\" (end is not after start)");
            return std::nullopt;
        }
        out.emplace_back(*cs, *ce);
    }
    return out;
}

// The T line's text field against the document text: equal, re-anchored (options.repair, one
// occurrence, one fragment), or an error. Returns false after an error.
bool BratReader::match_text(const Line& l, const std::string& id, std::string_view offsets, std::string_view given,
                            Entity& e, Fragments& frags) {
    std::string expected;
    for (size_t i = 0; i < frags.size(); ++i) {
        if (i > 0) expected += ' ';  // brat joins the texts of fragments with a space
        expected += text_.slice(frags[i].first, frags[i].second);
    }
    if (one_line(expected) == given) return true;
    const size_t text_at = offset_in(l.text, given);
    const std::string where = "[" + std::string(offsets) + "]";
    std::vector<size_t> found =
        frags.size() == 1 && options_.repair ? occurrences(text_, given) : std::vector<size_t>{};
    if (found.size() == 1) {
        const size_t n = utf8::count_code_points(given);
        d.warning(l, text_at, id,
                  "text " + quote(given) + " did not match the document text at " + where + " (" + quote(expected) +
                      "): re-anchored to [" + std::to_string(found[0]) + ", " + std::to_string(found[0] + n) + ")");
        e.start = found[0];
        e.end = found[0] + n;
        frags = {{e.start, e.end}};
        return true;
    }
    std::string why;
    if (options_.repair)
        why = frags.size() > 1 ? " (a discontinuous entity is not re-anchored)"
                               : " (cannot re-anchor: the text occurs " + std::to_string(found.size()) + " times)";
    d.error(l, text_at, id,
            "text " + quote(given) + " does not match the document text at " + where + ": " + quote(expected) + why);
    return false;
}

// Pass 1: "Tn<TAB>TYPE START END[;START END...]<TAB>TEXT".
void BratReader::read_text_bound(const Line& l) {
    const auto f = split(l.text, '\t', 3);
    const std::string id(f[0]);
    if (f.size() < 3) {
        d.error(l, 0, id, "expected 3 tab-separated fields, found " + std::to_string(f.size()));
        return;
    }
    if (!take_id(l)) return;
    const size_t data_at = offset_in(l.text, f[1]);
    const size_t space = f[1].find(' ');
    const std::string_view type = f[1].substr(0, space);
    if (space == std::string_view::npos || type.empty()) {
        d.error(l, data_at, id, "expected \"TYPE START END\" in the second field, found " + quote(f[1]));
        return;
    }
    if (Status s = check_label_name(type); !s) {
        d.error(l, data_at, id, s.error().message);
        return;
    }
    const std::string_view offsets = f[1].substr(space + 1);
    const size_t offsets_at = data_at + space + 1;
    std::optional<Fragments> frags = fragments(l, id, offsets, offsets_at);
    if (!frags) return;
    Entity e;
    e.label = std::string(type);
    e.start = frags->front().first;
    e.end = frags->front().second;
    for (const auto& [s, en] : *frags) e.start = std::min(e.start, s), e.end = std::max(e.end, en);
    if (!match_text(l, id, offsets, f[2], e, *frags)) return;
    if (frags->size() > 1)
        d.warning(l, offsets_at, id,
                  "discontinuous fragments " + std::string(offsets) + " are read as the covering span [" +
                      std::to_string(e.start) + ", " + std::to_string(e.end) + ") " +
                      quote(text_.slice(e.start, e.end)) + " (the model holds one span per entity)");
    auto [at, fresh] = span_of_.emplace(std::make_tuple(e.start, e.end, e.label), entities_.size());
    if (!fresh) {
        d.warning(l, 0, id, "same span and type as " + entities_[at->second].brat_id + ": merged into it");
        entity_of_[id] = at->second;
        return;
    }
    entity_of_[id] = entities_.size();
    entities_.push_back({std::move(e), l, id});
}

bool BratReader::need(const Line& l, const std::string& id, size_t fields, size_t lo, size_t hi) {
    if (fields >= lo && fields <= hi) return true;
    d.error(l, 0, id,
            "expected " + std::to_string(lo) + (hi > lo ? " or " + std::to_string(hi) : "") +
                " tab-separated fields, found " + std::to_string(fields));
    return false;
}

// The entity a line refers to, or nullptr after reporting why not.
Pending* BratReader::target(const Line& l, const std::string& id, std::string_view ref, size_t at, const char* what) {
    if (auto it = entity_of_.find(std::string(ref)); it != entity_of_.end()) return &entities_[it->second];
    if (id_line_.count(std::string(ref)))  // a relation, an event, or a T line whose error is reported
        d.warning(l, at, id,
                  std::string(what) + " of " + std::string(ref) + " ignored: only entities (T lines) can hold it");
    else
        d.error(l, at, id, "unknown annotation " + quote(ref));
    return nullptr;
}

// "#n<TAB>AnnotatorNotes TARGET<TAB>NOTE"
void BratReader::read_note(const Line& l, const std::string& id, const std::vector<std::string_view>& f) {
    const auto w = words(f[1]);
    const size_t at = offset_in(l.text, f[1]);
    if (w.size() != 2) {
        d.error(l, at, id, "expected \"AnnotatorNotes TARGET\" in the second field, found " + quote(f[1]));
        return;
    }
    const std::string_view note = f.size() == 3 ? f[2] : std::string_view{};
    // Who made it and when: notes of their own types, written so by this annotator.
    const bool who = w[0] == "Annotator" || w[0] == "Created";
    if (who) {
        std::string* annotator = nullptr;
        std::string* created = nullptr;
        if (auto r = relation_of_.find(std::string(w[1])); r != relation_of_.end()) {
            annotator = &relations_[r->second].annotator;
            created = &relations_[r->second].created;
        } else if (Pending* p = target(l, id, w[1], at, "note")) {
            annotator = &p->e.annotator;
            created = &p->e.created;
        }
        if (annotator) *(w[0] == "Annotator" ? annotator : created) = std::string(note);
        return;
    }
    if (w[0] != "AnnotatorNotes")
        d.warning(l, at, id, "note type " + quote(w[0]) + " is not AnnotatorNotes: read as a note");
    if (auto r = relation_of_.find(std::string(w[1])); r != relation_of_.end()) {
        std::string& n = relations_[r->second].note;
        if (!n.empty()) n += '\n';
        n += note;
        return;
    }
    if (Pending* p = target(l, id, w[1], at, "note")) {
        if (!p->e.note.empty()) p->e.note += '\n';  // several notes on one entity: one per line
        p->e.note += note;
    }
}

// "An<TAB>NAME TARGET [VALUE]" (M: the modifier lines of older brat, same syntax)
void BratReader::read_attribute(const Line& l, const std::string& id, const std::vector<std::string_view>& f) {
    const auto w = words(f[1]);
    const size_t at = offset_in(l.text, f[1]);
    if (w.size() != 2 && w.size() != 3) {
        d.error(l, at, id, "expected \"NAME TARGET [VALUE]\" in the second field, found " + quote(f[1]));
        return;
    }
    Pending* p = target(l, id, w[1], at, "attribute");
    if (!p) return;
    const std::string key(w[0]);
    const std::string value = w.size() == 3 ? std::string(w[2]) : "true";  // binary attribute: present
    for (const auto& [k, v] : p->e.attributes)
        if (k == key) {
            d.error(l, at, id, "attribute " + quote(key) + " is already set on " + p->brat_id);
            return;
        }
    p->e.attributes.emplace_back(key, value);
}

// "Nn<TAB>Reference TARGET DB:ID[<TAB>NAME]"
void BratReader::read_normalisation(const Line& l, const std::string& id, const std::vector<std::string_view>& f) {
    const auto w = words(f[1]);
    const size_t at = offset_in(l.text, f[1]);
    if (w.size() != 3 || w[2].find(':') == std::string_view::npos || w[2].front() == ':' || w[2].back() == ':') {
        d.error(l, at, id, "expected \"Reference TARGET DB:ID\" in the second field, found " + quote(f[1]));
        return;
    }
    Pending* p = target(l, id, w[1], at, "normalisation");
    if (!p) return;
    if (p->e.kb_id.empty())
        p->e.kb_id = std::string(w[2]);
    else
        d.warning(l, at, id,
                  "normalisation " + std::string(w[2]) + " ignored: " + p->brat_id + " already has " + p->e.kb_id +
                      " (the model holds one per entity)");
}

// Pass 2: everything but T lines, attached to the entities or reported.
void BratReader::read_other(const Line& l) {
    const char kind = l.text[0];
    const auto f = split(l.text, '\t', 3);
    const std::string id(f[0]);
    if (kind == '#') {
        if (need(l, id, f.size(), 2, 3) && take_id(l)) read_note(l, id, f);
    } else if (kind == 'A' || kind == 'M') {
        if (need(l, id, f.size(), 2, 2) && take_id(l)) read_attribute(l, id, f);
    } else if (kind == 'N') {
        if (need(l, id, f.size(), 2, 3) && take_id(l)) read_normalisation(l, id, f);
    } else if (take_id(l)) {
        const std::string rest = f.size() > 1 ? std::string(l.text.substr(offset_in(l.text, f[1]))) : std::string();
        if (kind == 'E')
            d.warning(l, 0, id,
                      "event " + quote(rest) + " ignored: the model holds no events (its trigger stays an entity)");
        else
            d.warning(l, 0, id, "line of unknown kind ignored: " + quote(l.text));
    }
}

// The entity an R or * line names, or nullopt after reporting why not.
std::optional<size_t> BratReader::argument(const Line& l, const std::string& id, std::string_view ref, size_t at) {
    if (auto it = entity_of_.find(std::string(ref)); it != entity_of_.end()) return it->second;
    if (id_line_.count(std::string(ref)))
        d.warning(l, at, id, "relation ignored: its argument " + std::string(ref) + " is not an entity (T line)");
    else
        d.error(l, at, id, "unknown annotation " + quote(ref));
    return std::nullopt;
}

// "Rn<TAB>TYPE Arg1:T1 Arg2:T2" and "*<TAB>TYPE T1 T2 [T3...]" (a chain of symmetric relations).
void BratReader::read_relation(const Line& l) {
    const char kind = l.text[0];
    const auto f = split(l.text, '\t', 3);
    const std::string id(f[0]);
    if (!need(l, id, f.size(), 2, 3) || !take_id(l)) return;
    const auto w = words(f[1]);
    const size_t at = offset_in(l.text, f[1]);
    if (kind == 'R' && w.size() != 3) {
        d.error(l, at, id, "expected \"TYPE Arg1:ID Arg2:ID\" in the second field, found " + quote(f[1]));
        return;
    }
    if (kind == '*' && w.size() < 3) {
        d.error(l, at, id, "expected \"TYPE ID ID...\" in the second field, found " + quote(f[1]));
        return;
    }
    if (Status s = check_label_name(w[0]); !s) {
        d.error(l, at, id, s.error().message);
        return;
    }
    std::vector<size_t> ends;
    for (size_t i = 1; i < w.size(); ++i) {
        std::string_view ref = w[i];
        if (kind == 'R') {
            const size_t colon = ref.find(':');
            if (colon == std::string_view::npos) {
                d.error(l, offset_in(l.text, w[i]), id, "expected ROLE:ID, found " + quote(ref));
                return;
            }
            ref = ref.substr(colon + 1);
        }
        auto e = argument(l, id, ref, offset_in(l.text, ref));
        if (!e) return;
        ends.push_back(*e);
    }
    for (size_t i = 0; i + 1 < ends.size(); ++i) {
        if (ends[i] == ends[i + 1]) {
            d.warning(l, at, id, "relation of an entity to itself ignored");
            continue;
        }
        if (kind == 'R') relation_of_[id] = relations_.size();
        relations_.push_back({std::string(w[0]), ends[i], ends[i + 1], kind == '*', id, {}});
    }
}

// Relation types in order of first use, with palette colours after the labels'; relations r1, r2, ...
void BratReader::add_relations(Document& doc) {
    LabelSet palette = doc.labels();  // continues the labels' palette
    for (const PendingRelation& r : relations_) {
        if (doc.relation_types().find(r.type)) continue;
        RelationType t;
        t.name = r.type;
        t.color = palette.next_color();
        t.symmetric = r.symmetric;
        (void)palette.insert(palette.size(), Label{"relation " + r.type, t.color, {}, {}});
        if (Status s = doc.insert_relation_type(doc.relation_types().size(), std::move(t)); !s)
            d.error(s.error().message);
    }
    size_t n = 0;
    for (PendingRelation& r : relations_) {
        Relation rel{"r" + std::to_string(++n),
                     r.type,
                     "e" + std::to_string(r.from + 1),
                     "e" + std::to_string(r.to + 1),
                     std::move(r.note),
                     std::move(r.annotator),
                     std::move(r.created)};
        if (Status s = doc.insert_relation(std::move(rel)); !s) d.error(r.brat_id + ": " + s.error().message);
    }
}

// The document, when no line had an error: labels in order of first use, entities e1, e2, ...
void BratReader::add_document(ReadResult& result) {
    if (d.errors > 0) return;
    LabelSet labels;
    for (const Pending& p : entities_) {
        if (labels.find(p.e.label)) continue;
        if (Status s = labels.insert(labels.size(), {p.e.label, labels.next_color(), labels.next_key(), {}}); !s)
            d.error(p.line, 0, p.brat_id, s.error().message);
    }
    Document doc(text_, std::move(labels));
    doc.info.source = options_.source_name;
    size_t n = 0;
    for (Pending& p : entities_) {
        p.e.id = "e" + std::to_string(++n);
        if (auto ins = doc.insert_entity(std::move(p.e)); !ins.ok()) d.error(p.line, 0, p.brat_id, ins.error().message);
    }
    add_relations(doc);
    if (d.errors == 0) result.documents.push_back(std::move(doc));
}

}  // namespace

ReadResult read_brat(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    if (!options.text) {
        Diags d(input);
        d.error("a brat .ann file does not carry the text: the text of the .txt file beside it is needed");
        result.diagnostics = std::move(d.out);
        return result;
    }
    BratReader r(input, options);
    if (auto bad = utf8::validate(input)) {
        r.d.error(bad->message);
        result.diagnostics = std::move(r.d.out);
        return result;
    }
    const std::vector<Line> lines = split_lines(input, input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    r.collect_ids(lines);
    for (const Line& l : lines)
        if (!is_blank_line(l) && l.text[0] == 'T') r.read_text_bound(l);
    for (const Line& l : lines)  // before the notes, which may name a relation
        if (!is_blank_line(l) && (l.text[0] == 'R' || l.text[0] == '*')) r.read_relation(l);
    for (const Line& l : lines)
        if (!is_blank_line(l) && l.text[0] != 'T' && l.text[0] != 'R' && l.text[0] != '*') r.read_other(l);
    r.add_document(result);
    return detail::finished(std::move(result), std::move(r.d.out));
}

// ---- [SECTION] writer ----

WriteResult write_brat(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    auto warn = [&](std::string message) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Warning;
        d.message = std::move(message);
        result.diagnostics.push_back(std::move(d));
    };
    if (docs.size() != 1 || docs[0] == nullptr) {
        Diagnostic d;
        d.message = "a brat .ann file holds exactly one document (got " + std::to_string(docs.size()) + ")";
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    const Document& doc = *docs[0];
    const Text& text = doc.text();
    const auto off = [&](size_t cp) {
        return std::to_string(*text.convert(cp, OffsetUnit::CodePoint, options.offsets));
    };
    std::string out, notes, attrs, norms;
    std::set<std::string> renamed;
    std::unordered_map<std::string, std::string> tid_of;  // entity id -> T id
    size_t t = 0, nn = 0, na = 0, nk = 0, multiline_notes = 0;
    for (Slot s : doc.entities().ordered()) {
        const Entity& e = doc.entities().get(s);
        const std::string tid = "T" + std::to_string(++t);
        tid_of.emplace(e.id, tid);
        std::string type = without_spaces(e.label);
        if (type != e.label && renamed.insert(e.label).second)
            warn("label " + quote(e.label) + " written as " + quote(type) + " (brat types cannot contain spaces)");
        out += tid + "\t" + type + " " + off(e.start) + " " + off(e.end) + "\t" + one_line(doc.text_of(e)) + "\n";
        if (!e.note.empty()) {
            const std::string note = one_line(e.note);
            multiline_notes += note != e.note;
            notes += "#" + std::to_string(++nn) + "\tAnnotatorNotes " + tid + "\t" + note + "\n";
        }
        who_notes(notes, nn, tid, e.annotator, e.created);
        std::set<std::string> keys;  // as written: two names may become one ("a b", "a\tb" -> a_b)
        for (const auto& [k, v] : e.attributes) {
            const std::string key = without_spaces(k), value = without_spaces(one_line(v));
            if (!keys.insert(key).second) {
                warn("attribute " + quote(k) + " of " + e.id + " dropped: written as " + quote(key) +
                     ", the name of another of its attributes");
                continue;
            }
            if (key != k || value != v)
                warn("attribute " + quote(k) + "=" + quote(v) + " of " + e.id + " written as " + key + " " + value +
                     " (brat attribute names and values cannot contain spaces, tabs or line breaks)");
            if (v.empty()) {
                warn("attribute " + quote(k) + " of " + e.id +
                     " has an empty value: dropped (brat has no empty values)");
                continue;
            }
            attrs += "A" + std::to_string(++na) + "\t" + key + " " + tid + (v == "true" ? "" : " " + value) + "\n";
        }
        if (!e.kb_id.empty()) {
            std::string ref = e.kb_id;
            // What read_normalisation accepts: a ':' inside, neither first nor last ("x::" is
            // refused there: found by annotator_fuzz_writer_reader's timed run).
            if (ref.find(':') == std::string::npos || ref.front() == ':' || ref.back() == ':') {
                const bool qid =
                    ref.size() > 1 && ref[0] == 'Q' && ref.find_first_not_of("0123456789", 1) == std::string::npos;
                if (!qid) {
                    warn("kb_id " + quote(e.kb_id) + " of " + e.id + " dropped: brat normalisations need DB:ID");
                    continue;
                }
                ref = "Wikidata:" + ref;
                warn("kb_id " + quote(e.kb_id) + " of " + e.id + " written as " + ref +
                     " (brat normalisations need DB:ID)");
            }
            if (without_spaces(ref) != ref)
                warn("kb_id " + quote(e.kb_id) + " of " + e.id + " written as " + quote(without_spaces(ref)) +
                     " (brat normalisations cannot contain spaces, tabs or line breaks)");
            norms += "N" + std::to_string(++nk) + "\tReference " + tid + " " + without_spaces(ref) + "\t" +
                     one_line(doc.text_of(e)) + "\n";
        }
    }
    // Relations as R lines (symmetric ones too: brat's * lines mean equivalence, which is transitive).
    std::string rels;
    size_t nr = 0;
    for (const auto& [rid, rel] : doc.relations().all()) {
        const std::string rtid = "R" + std::to_string(++nr);
        const std::string type = without_spaces(rel.type);
        if (type != rel.type && renamed.insert(rel.type).second)
            warn("relation type " + quote(rel.type) + " written as " + quote(type) +
                 " (brat types cannot contain spaces)");
        rels += rtid + "\t" + type + " Arg1:" + tid_of[rel.from] + " Arg2:" + tid_of[rel.to] + "\n";
        if (!rel.note.empty()) {
            const std::string note = one_line(rel.note);
            multiline_notes += note != rel.note;
            notes += "#" + std::to_string(++nn) + "\tAnnotatorNotes " + rtid + "\t" + note + "\n";
        }
        who_notes(notes, nn, rtid, rel.annotator, rel.created);
    }
    if (multiline_notes > 0)
        warn(std::to_string(multiline_notes) + " note(s) span several lines: line breaks written as spaces");
    const std::string dropped =
        metadata_dropped(!doc.info.title.empty(), !doc.info.note.empty(), !doc.info.attributes.empty());
    if (!dropped.empty()) warn("the document's " + dropped + " are dropped: a .ann file holds no document metadata");
    result.output = out + rels + attrs + norms + notes;
    return result;
}

Sniff sniff_brat(std::string_view content) {
    // A .ann line starts with an id ("T1", "#1", "A1", ...) and a tab.
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = content.find_first_not_of(" \r\n", i);
    if (i == std::string_view::npos) return Sniff::Maybe;
    const std::string_view first = content.substr(i, line_end(content, i).end - i);
    const size_t tab = first.find('\t');
    if (tab == std::string_view::npos || tab == 0) return Sniff::No;
    const std::string_view id = first.substr(0, tab);
    if (id == "*") return Sniff::Maybe;
    if (std::string_view("TARENM#*").find(id[0]) == std::string_view::npos) return Sniff::No;
    // An id has a number: a lone "#" starts a comment line of GermEval's TSV, not a brat note.
    if (id.size() < 2 || id.substr(1).find_first_not_of("0123456789") != std::string_view::npos) return Sniff::No;
    return Sniff::Maybe;
}

}  // namespace aa::io::detail
