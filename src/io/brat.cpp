// brat standoff (.ann): the reader and writer of the annotation file; the text is the .txt file
// beside it, which the caller passes as ReadOptions::text (a .ann does not carry it). Offsets are
// code points (brat counts Python str indices) unless ReadOptions/WriteOptions::offsets say otherwise.
// What the model cannot hold (relations, events, equivalences) is reported line by line.
//
// [SECTION] helpers  [SECTION] reader: T lines, then #/A/M/N/R/E/* lines  [SECTION] writer
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
    std::string_view text;  // without the line break (and without a trailing '\r')
};

std::vector<Line> split_lines(std::string_view input, size_t first_byte) {
    std::vector<Line> lines;
    size_t i = first_byte, n = 1;
    while (i <= input.size()) {
        size_t j = input.find('\n', i);
        const bool last = j == std::string_view::npos;
        if (last) j = input.size();
        std::string_view t = input.substr(i, j - i);
        if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
        if (!(last && t.empty() && i == input.size() && n > 1)) lines.push_back({n, i, t});
        if (last) break;
        i = j + 1;
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

std::string without_spaces(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == ' ') c = '_';
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

// "title, note and attributes": the document metadata a format without any drops (empty when none).
std::string metadata_dropped(bool title, bool note, bool attributes) {
    std::vector<std::string> parts;
    if (title) parts.push_back("title");
    if (note) parts.push_back("note");
    if (attributes) parts.push_back("attributes");
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out;
}

const char* unit_words(OffsetUnit u) {
    switch (u) {
        case OffsetUnit::CodePoint: return "code points";
        case OffsetUnit::Utf16: return "UTF-16 code units";
        case OffsetUnit::Utf8: return "bytes";
    }
    return "";
}

// ---- [SECTION] reader ----

struct Pending {
    Entity e;
    Line line;
    std::string brat_id;
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

}  // namespace

ReadResult read_brat(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    Diags d(input);
    if (!options.text) {
        d.error("a brat .ann file does not carry the text: the text of the .txt file beside it is needed");
        result.diagnostics = std::move(d.out);
        return result;
    }
    const Text& text = *options.text;
    if (auto bad = utf8::validate(input)) {
        d.error(bad->message);
        result.diagnostics = std::move(d.out);
        return result;
    }
    const size_t first = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    const std::vector<Line> lines = split_lines(input, first);
    const OffsetUnit unit = options.offsets.value_or(OffsetUnit::CodePoint);

    std::vector<Pending> entities;
    std::unordered_map<std::string, size_t> entity_of;  // T id -> index in `entities`
    std::unordered_map<std::string, size_t> id_line;    // every id -> its line
    std::map<std::tuple<size_t, size_t, std::string>, size_t> span_of;

    // Pass 0: every id, so that a line may refer to one defined further down; ids are unique
    // (except "*", the id of every equivalence line).
    std::set<size_t> duplicate_lines;
    for (const Line& l : lines) {
        if (l.text.find_first_not_of(" \t") == std::string_view::npos) continue;
        const std::string id(l.text.substr(0, l.text.find('\t')));
        if (id == "*") continue;
        if (auto [at, fresh] = id_line.emplace(id, l.number); !fresh) {
            d.error(l, 0, id, "duplicate id (also line " + std::to_string(at->second) + ")");
            duplicate_lines.insert(l.number);
        }
    }
    auto take_id = [&](const Line& l, std::string_view) { return !duplicate_lines.count(l.number); };

    // Pass 1: text-bound annotations, so that the other lines may refer to any of them.
    for (const Line& l : lines) {
        if (l.text.find_first_not_of(" \t") == std::string_view::npos || l.text[0] != 'T') continue;
        const auto f = split(l.text, '\t', 3);
        const std::string id(f[0]);
        if (f.size() < 3) {
            d.error(l, 0, id, "expected 3 tab-separated fields, found " + std::to_string(f.size()));
            continue;
        }
        if (!take_id(l, id)) continue;
        const size_t data_at = offset_in(l.text, f[1]);
        const size_t space = f[1].find(' ');
        const std::string_view type = f[1].substr(0, space);
        if (space == std::string_view::npos || type.empty()) {
            d.error(l, data_at, id, "expected \"TYPE START END\" in the second field, found " + quote(f[1]));
            continue;
        }
        if (Status s = check_label_name(type); !s) {
            d.error(l, data_at, id, s.error().message);
            continue;
        }
        const std::string_view offsets = f[1].substr(space + 1);
        const size_t offsets_at = data_at + space + 1;
        std::vector<std::pair<size_t, size_t>> fragments;
        bool ok = true;
        for (std::string_view frag : split(offsets, ';')) {
            const auto w = words(frag);
            std::optional<size_t> s, e;
            if (w.size() == 2) s = parse_uint(w[0]), e = parse_uint(w[1]);
            if (!s || !e) {
                d.error(l, offsets_at, id,
                        "invalid offsets " + quote(offsets) + " (expected START END, fragments separated by ';')");
                ok = false;
                break;
            }
            std::optional<size_t> cs, ce;
            for (auto [v, out] : {std::pair{*s, &cs}, std::pair{*e, &ce}}) {
                if (v > text.size_in(unit)) {
                    d.error(l, offsets_at, id,
                            "offset " + std::to_string(v) + " is past the end of the text (" +
                                std::to_string(text.size_in(unit)) + " " + unit_words(unit) + ")");
                } else if (auto cp = text.convert(v, unit, OffsetUnit::CodePoint)) {
                    *out = *cp;
                } else {
                    d.error(l, offsets_at, id,
                            std::string(offset_unit_name(unit)) + " offset " + std::to_string(v) +
                                " is inside a character");
                }
            }
            if (!cs || !ce) {
                ok = false;
                break;
            }
            if (*ce <= *cs) {
                d.error(l, offsets_at, id,
                        "empty or reversed fragment \"" + std::string(frag) + "\" (end is not after start)");
                ok = false;
                break;
            }
            fragments.emplace_back(*cs, *ce);
        }
        if (!ok) continue;

        Entity e;
        e.label = std::string(type);
        e.start = fragments.front().first;
        e.end = fragments.front().second;
        std::string expected;
        for (size_t i = 0; i < fragments.size(); ++i) {
            e.start = std::min(e.start, fragments[i].first);
            e.end = std::max(e.end, fragments[i].second);
            if (i > 0) expected += ' ';  // brat joins the texts of fragments with a space
            expected += text.slice(fragments[i].first, fragments[i].second);
        }
        const std::string_view given = f[2];
        const size_t text_at = offset_in(l.text, given);
        if (one_line(expected) != given) {
            const std::string where = "[" + std::string(offsets) + "]";
            std::vector<size_t> found =
                fragments.size() == 1 && options.repair ? occurrences(text, given) : std::vector<size_t>{};
            if (found.size() == 1) {
                const size_t n = utf8::count_code_points(given);
                d.warning(l, text_at, id,
                          "text " + quote(given) + " did not match the document text at " + where + " (" +
                              quote(expected) + "): re-anchored to [" + std::to_string(found[0]) + ", " +
                              std::to_string(found[0] + n) + ")");
                e.start = found[0];
                e.end = found[0] + n;
                fragments = {{e.start, e.end}};
            } else {
                std::string why;
                if (options.repair)
                    why = fragments.size() > 1
                              ? " (a discontinuous entity is not re-anchored)"
                              : " (cannot re-anchor: the text occurs " + std::to_string(found.size()) + " times)";
                d.error(l, text_at, id,
                        "text " + quote(given) + " does not match the document text at " + where + ": " +
                            quote(expected) + why);
                continue;
            }
        }
        if (fragments.size() > 1)
            d.warning(l, offsets_at, id,
                      "discontinuous fragments " + std::string(offsets) + " are read as the covering span [" +
                          std::to_string(e.start) + ", " + std::to_string(e.end) + ") " +
                          quote(text.slice(e.start, e.end)) + " (the model holds one span per entity)");
        auto [at, fresh] = span_of.emplace(std::make_tuple(e.start, e.end, e.label), entities.size());
        if (!fresh) {
            d.warning(l, 0, id, "same span and type as " + entities[at->second].brat_id + ": merged into it");
            entity_of[id] = at->second;
            continue;
        }
        entity_of[id] = entities.size();
        entities.push_back({std::move(e), l, id});
    }

    // Pass 2: everything else, attached to the entities or reported.
    for (const Line& l : lines) {
        if (l.text.find_first_not_of(" \t") == std::string_view::npos || l.text[0] == 'T') continue;
        const char kind = l.text[0];
        const auto f = split(l.text, '\t', 3);
        const std::string id(f[0]);
        const auto need = [&](size_t lo, size_t hi) {
            if (f.size() >= lo && f.size() <= hi) return true;
            d.error(l, 0, id,
                    "expected " + std::to_string(lo) + (hi > lo ? " or " + std::to_string(hi) : "") +
                        " tab-separated fields, found " + std::to_string(f.size()));
            return false;
        };
        // The entity a line refers to, or nullptr after reporting why not.
        const auto target = [&](std::string_view ref, size_t at, const char* what) -> Pending* {
            if (auto it = entity_of.find(std::string(ref)); it != entity_of.end()) return &entities[it->second];
            if (id_line.count(std::string(ref)))  // a relation, an event, or a T line whose error is reported
                d.warning(
                    l, at, id,
                    std::string(what) + " of " + std::string(ref) + " ignored: only entities (T lines) can hold it");
            else
                d.error(l, at, id, "unknown annotation " + quote(ref));
            return nullptr;
        };
        if (kind == '#') {
            if (!need(2, 3) || !take_id(l, id)) continue;
            const auto w = words(f[1]);
            const size_t at = offset_in(l.text, f[1]);
            if (w.size() != 2) {
                d.error(l, at, id, "expected \"AnnotatorNotes TARGET\" in the second field, found " + quote(f[1]));
                continue;
            }
            const std::string_view note = f.size() == 3 ? f[2] : std::string_view{};
            if (w[0] != "AnnotatorNotes")
                d.warning(l, at, id, "note type " + quote(w[0]) + " is not AnnotatorNotes: read as a note");
            if (Pending* p = target(w[1], at, "note")) {
                if (!p->e.note.empty()) p->e.note += '\n';  // several notes on one entity: one per line
                p->e.note += note;
            }
        } else if (kind == 'A' || kind == 'M') {  // M: the modifier lines of older brat, same syntax
            if (!need(2, 2) || !take_id(l, id)) continue;
            const auto w = words(f[1]);
            const size_t at = offset_in(l.text, f[1]);
            if (w.size() != 2 && w.size() != 3) {
                d.error(l, at, id, "expected \"NAME TARGET [VALUE]\" in the second field, found " + quote(f[1]));
                continue;
            }
            if (Pending* p = target(w[1], at, "attribute")) {
                const std::string key(w[0]);
                const std::string value = w.size() == 3 ? std::string(w[2]) : "true";  // binary attribute: present
                bool dup = false;
                for (const auto& [k, v] : p->e.attributes) dup |= k == key;
                if (dup)
                    d.error(l, at, id, "attribute " + quote(key) + " is already set on " + p->brat_id);
                else
                    p->e.attributes.emplace_back(key, value);
            }
        } else if (kind == 'N') {
            if (!need(2, 3) || !take_id(l, id)) continue;
            const auto w = words(f[1]);
            const size_t at = offset_in(l.text, f[1]);
            if (w.size() != 3 || w[2].find(':') == std::string_view::npos || w[2].front() == ':' ||
                w[2].back() == ':') {
                d.error(l, at, id, "expected \"Reference TARGET DB:ID\" in the second field, found " + quote(f[1]));
                continue;
            }
            if (Pending* p = target(w[1], at, "normalisation")) {
                if (p->e.kb_id.empty())
                    p->e.kb_id = std::string(w[2]);
                else
                    d.warning(l, at, id,
                              "normalisation " + std::string(w[2]) + " ignored: " + p->brat_id + " already has " +
                                  p->e.kb_id + " (the model holds one per entity)");
            }
        } else {
            if (!take_id(l, id)) continue;
            const std::string rest = f.size() > 1 ? std::string(l.text.substr(offset_in(l.text, f[1]))) : std::string();
            const char* what = kind == 'R' ? "relation" : kind == 'E' ? "event" : kind == '*' ? "equivalence" : nullptr;
            if (what)
                d.warning(l, 0, id,
                          std::string(what) + " " + quote(rest) + " ignored: the model holds entities only" +
                              (kind == 'E' ? " (its trigger stays an entity)" : ""));
            else
                d.warning(l, 0, id, "line of unknown kind ignored: " + quote(l.text));
        }
    }

    if (d.errors == 0) {
        LabelSet labels;
        for (const Pending& p : entities) {
            if (labels.find(p.e.label)) continue;
            if (Status s = labels.insert(labels.size(), {p.e.label, labels.next_color(), labels.next_key(), {}}); !s)
                d.error(p.line, 0, p.brat_id, s.error().message);
        }
        Document doc(text, std::move(labels));
        doc.info.source = options.source_name;
        size_t n = 0;
        for (Pending& p : entities) {
            p.e.id = "e" + std::to_string(++n);
            if (auto ins = doc.insert_entity(std::move(p.e)); !ins.ok())
                d.error(p.line, 0, p.brat_id, ins.error().message);
        }
        if (d.errors == 0) result.documents.push_back(std::move(doc));
    }
    result.diagnostics = std::move(d.out);
    if (!result.ok()) result.documents.clear();
    return result;
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
    size_t t = 0, nn = 0, na = 0, nk = 0, multiline_notes = 0;
    for (Slot s : doc.entities().ordered()) {
        const Entity& e = doc.entities().get(s);
        const std::string tid = "T" + std::to_string(++t);
        std::string type = without_spaces(e.label);
        if (type != e.label && renamed.insert(e.label).second)
            warn("label " + quote(e.label) + " written as " + quote(type) + " (brat types cannot contain spaces)");
        out += tid + "\t" + type + " " + off(e.start) + " " + off(e.end) + "\t" + one_line(doc.text_of(e)) + "\n";
        if (!e.note.empty()) {
            const std::string note = one_line(e.note);
            multiline_notes += note != e.note;
            notes += "#" + std::to_string(++nn) + "\tAnnotatorNotes " + tid + "\t" + note + "\n";
        }
        for (const auto& [k, v] : e.attributes) {
            const std::string key = without_spaces(k), value = without_spaces(one_line(v));
            if (key != k || value != v)
                warn("attribute " + quote(k) + "=" + quote(v) + " of " + e.id + " written as " + key + " " + value +
                     " (brat attribute names and values cannot contain spaces)");
            if (v.empty()) {
                warn("attribute " + quote(k) + " of " + e.id +
                     " has an empty value: dropped (brat has no empty values)");
                continue;
            }
            attrs += "A" + std::to_string(++na) + "\t" + key + " " + tid + (v == "true" ? "" : " " + value) + "\n";
        }
        if (!e.kb_id.empty()) {
            std::string ref = e.kb_id;
            const size_t colon = ref.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == ref.size()) {
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
            norms += "N" + std::to_string(++nk) + "\tReference " + tid + " " + without_spaces(ref) + "\t" +
                     one_line(doc.text_of(e)) + "\n";
        }
    }
    if (multiline_notes > 0)
        warn(std::to_string(multiline_notes) + " note(s) span several lines: line breaks written as spaces");
    const std::string dropped =
        metadata_dropped(!doc.info.title.empty(), !doc.info.note.empty(), !doc.info.attributes.empty());
    if (!dropped.empty()) warn("the document's " + dropped + " are dropped: a .ann file holds no document metadata");
    result.output = out + attrs + norms + notes;
    return result;
}

Sniff sniff_brat(std::string_view content) {
    // A .ann line starts with an id ("T1", "#1", "A1", ...) and a tab.
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = content.find_first_not_of(" \r\n", i);
    if (i == std::string_view::npos) return Sniff::Maybe;
    const std::string_view first = content.substr(i, content.find('\n', i) - i);
    const size_t tab = first.find('\t');
    if (tab == std::string_view::npos || tab == 0) return Sniff::No;
    const std::string_view id = first.substr(0, tab);
    if (id == "*") return Sniff::Maybe;
    if (std::string_view("TARENM#*").find(id[0]) == std::string_view::npos) return Sniff::No;
    if (id.substr(1).find_first_not_of("0123456789") != std::string_view::npos) return Sniff::No;
    return Sniff::Maybe;
}

}  // namespace aa::io::detail
