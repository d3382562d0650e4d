// Find and propagate (search.hpp): word boundaries from the tokenizer, Knuth-Morris-Pratt over code
// points (case folded on the fly), and the bulk edits behind "label every hit" and propagation.
#include "core/search.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/unicode.hpp"
#include "core/utf8.hpp"

namespace aa {
namespace {

std::vector<char32_t> decode_all(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) out.push_back(utf8::decode(s, i));
    return out;
}

bool is_inner_joiner(char32_t c) {
    return c == U'\'' || c == U'\u2019' || c == U'-' || c == U'\u2010' || c == U'\u2011';
}

// Whether `cp` lies between two grapheme clusters. Only a character from U+0300 up (marks, joiners,
// modifiers, Hangul, regional indicators) or the LF of a CRLF can continue a cluster, so the
// tokenizer's grapheme walk runs only for those.
bool on_grapheme_boundary(const Text& text, const std::vector<char32_t>& cps, size_t cp) {
    if (cp == 0 || cp >= cps.size()) return true;
    const char32_t c = cps[cp];
    if (c < 0x300 && !(c == U'\n' && cps[cp - 1] == U'\r')) return true;
    return next_grapheme(text, prev_grapheme(text, cp)) == cp;
}

// A character that glues to a letter next to it: "@NOW_Syria", "#Syria", "Syria2" are one word
// for names, whatever the tokenizer splits.
bool is_name_glue(char32_t c) {
    return c == U'@' || c == U'#' || c == U'_' || unicode::category(c) == unicode::Category::Digit;
}

bool is_letter(char32_t c) { return unicode::category(c) == unicode::Category::Letter; }

// WordBoundaries' flags for the code points [ca, cb] of `text` (byte offset of ca: `byte_a`), in
// flags[0 .. cb - ca]. The window must start and end at whitespace or at the text's ends (tokens
// never cross whitespace).
void mark_word_boundaries(const Text& text, size_t ca, size_t cb, size_t byte_a, std::vector<unsigned char>& flags) {
    const std::string_view bytes = text.utf8();
    std::vector<char32_t> cps;
    cps.reserve(cb - ca);
    for (size_t b = byte_a, cp = ca; cp < cb; ++cp) cps.push_back(utf8::decode(bytes, b));
    for (const Token& t : tokenize(text, ca, cb)) {
        flags[t.start - ca] = flags[t.end - ca] = 1;
        if (t.kind != TokenKind::Word) continue;
        for (size_t cp = t.start; cp < t.end; ++cp)
            if (is_inner_joiner(cps[cp - ca])) flags[cp - ca] = flags[cp + 1 - ca] = 1;
    }
    for (size_t i = 1; i < cps.size(); ++i) {
        const char32_t a = cps[i - 1], b = cps[i];
        if (flags[i] && ((is_letter(a) && is_name_glue(b)) || (is_name_glue(a) && is_letter(b)))) flags[i] = 0;
    }
}

std::vector<Span> find_impl(const Text& text, const std::vector<char32_t>& cps, const WordBoundaries* words,
                            std::string_view needle, FindOptions options) {
    std::vector<Span> hits;
    if (needle.empty() || utf8::validate(needle)) return hits;
    std::vector<char32_t> pat = decode_all(needle);
    auto fold = [&](char32_t c) { return options.case_sensitive ? c : unicode::fold_case(c); };
    for (char32_t& c : pat) c = fold(c);
    const size_t m = pat.size();
    if (m > cps.size()) return hits;

    // Failure function: fail[i] = length of the longest proper border of pat[0..i].
    std::vector<size_t> fail(m, 0);
    for (size_t i = 1, k = 0; i < m; ++i) {
        while (k > 0 && pat[i] != pat[k]) k = fail[k - 1];
        if (pat[i] == pat[k]) ++k;
        fail[i] = k;
    }
    size_t next_free = 0;  // hits do not overlap: a hit must start at or after the previous one's end
    for (size_t i = 0, k = 0; i < cps.size(); ++i) {
        const char32_t c = fold(cps[i]);
        while (k > 0 && c != pat[k]) k = fail[k - 1];
        if (c == pat[k]) ++k;
        if (k < m) continue;
        const Span s{i + 1 - m, i + 1};
        k = fail[k - 1];
        if (s.start < next_free) continue;
        if (words ? !words->whole_word(s)
                  : !(on_grapheme_boundary(text, cps, s.start) && on_grapheme_boundary(text, cps, s.end)))
            continue;
        hits.push_back(s);
        next_free = s.end;
    }
    return hits;
}

}  // namespace

WordBoundaries::WordBoundaries(const Text& text) : flags_(text.size() + 1, 0) {
    mark_word_boundaries(text, 0, text.size(), 0, flags_);
}

namespace {
std::vector<Span> find_whole_words(const Text& text, std::string_view needle, FindOptions options);
}  // namespace

std::vector<Span> find_all(const Text& text, std::string_view needle, FindOptions options) {
    // Whole words (Find's default): no whole-text arrays, each hit's boundaries checked locally.
    if (options.whole_word) return find_whole_words(text, needle, options);
    const std::vector<char32_t> cps = decode_all(text.utf8());
    return find_impl(text, cps, nullptr, needle, options);
}

std::vector<Span> find_all(const Text& text, const WordBoundaries& words, std::string_view needle,
                           FindOptions options) {
    const std::vector<char32_t> cps = decode_all(text.utf8());
    return find_impl(text, cps, options.whole_word ? &words : nullptr, needle, options);
}

std::vector<Span> whole_word_filter(const Text& text, const std::vector<Span>& spans) {
    const WordBoundaries words(text);
    std::vector<Span> out;
    for (const Span& s : spans)
        if (s.start <= s.end && s.end <= text.size() && words.whole_word(s)) out.push_back(s);
    return out;
}

size_t count_inside_words(const WordBoundaries& words, const std::vector<Span>& spans) {
    return static_cast<size_t>(std::count_if(spans.begin(), spans.end(), [&](Span s) { return !words.whole_word(s); }));
}

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Whether [s.start, s.end) is a whole word (WordBoundaries::whole_word), from the tokens of a
// window around it only: tokens never cross whitespace, so tokenizing from the whitespace before
// the span to the whitespace after it gives the whole text's boundaries there, at a cost that does
// not grow with the document. `byte_start`/`byte_end` are the span's UTF-8 offsets.
bool whole_word_near(const Text& text, Span s, size_t byte_start, size_t byte_end) {
    const std::string_view bytes = text.utf8();
    constexpr size_t kReach = 1024;  // past this without whitespace: ask the whole text
    size_t a = byte_start, b = byte_end;
    while (a > 0 && byte_start - a < kReach && !is_ascii_space(bytes[a - 1])) --a;
    while (b < bytes.size() && b - byte_end < kReach && !is_ascii_space(bytes[b])) ++b;
    if ((a > 0 && !is_ascii_space(bytes[a - 1])) || (b < bytes.size() && !is_ascii_space(bytes[b])))
        return WordBoundaries(text).whole_word(s);
    const size_t ca = s.start - utf8::count_code_points(bytes.substr(a, byte_start - a));
    const size_t cb = s.end + utf8::count_code_points(bytes.substr(byte_end, b - byte_end));
    std::vector<unsigned char> flags(cb - ca + 1, 0);
    mark_word_boundaries(text, ca, cb, a, flags);
    return flags[s.start - ca] && flags[s.end - ca];
}

// find_impl with whole words, over the UTF-8 bytes as they are decoded (no array of the text's
// code points, no WordBoundaries of the whole text: a search costs one pass and a local check per
// hit, where the whole text's boundaries cost a tokenization of all of it per keystroke).
std::vector<Span> find_whole_words(const Text& text, std::string_view needle, FindOptions options) {
    std::vector<Span> hits;
    if (needle.empty() || utf8::validate(needle)) return hits;
    std::vector<char32_t> pat = decode_all(needle);
    auto fold = [&](char32_t c) { return options.case_sensitive ? c : unicode::fold_case(c); };
    for (char32_t& c : pat) c = fold(c);
    const size_t m = pat.size();
    if (m > text.size()) return hits;
    std::vector<size_t> fail(m, 0);
    for (size_t i = 1, k = 0; i < m; ++i) {
        while (k > 0 && pat[i] != pat[k]) k = fail[k - 1];
        if (pat[i] == pat[k]) ++k;
        fail[i] = k;
    }
    const std::string_view bytes = text.utf8();
    std::vector<size_t> starts(m + 1, 0);  // byte offset of code point i, at i % (m + 1)
    size_t next_free = 0;
    size_t i = 0, k = 0;
    for (size_t b = 0; b < bytes.size(); ++i) {
        starts[i % (m + 1)] = b;
        const char32_t c = fold(utf8::decode(bytes, b));
        while (k > 0 && c != pat[k]) k = fail[k - 1];
        if (c == pat[k]) ++k;
        if (k < m) continue;
        const Span s{i + 1 - m, i + 1};
        k = fail[k - 1];
        if (s.start < next_free || !whole_word_near(text, s, starts[s.start % (m + 1)], b)) continue;
        hits.push_back(s);
        next_free = s.end;
    }
    return hits;
}

}  // namespace

// The other whole-word occurrences of an entity's text, case-sensitive: a byte search (memchr
// speed) with a local word-boundary check per hit, so that offering propagation after each
// labelling costs little even in a book. Same hits as find_all(..., {true, true}).
std::vector<Span> propagation_candidates(const Document& doc, const Entity& e) {
    std::vector<Span> out;
    if (e.start >= e.end || e.end > doc.text().size()) return out;
    const Text& text = doc.text();
    const std::string_view bytes = text.utf8();
    const std::string_view needle = doc.text_of(e);
    std::vector<Span> hits;
    for (size_t at = bytes.find(needle); at != std::string_view::npos;) {
        // A valid UTF-8 needle found in valid UTF-8 starts and ends on code point boundaries.
        const size_t start = text.cp_of_byte(at);
        const Span s{start, start + e.length()};
        if (whole_word_near(text, s, at, at + needle.size())) {
            hits.push_back(s);
            at = bytes.find(needle, at + needle.size());  // hits do not overlap
        } else {
            at = bytes.find(needle, at + utf8::sequence_length(static_cast<unsigned char>(bytes[at])));
        }
    }
    const auto& store = doc.entities();
    std::vector<Slot> found;
    for (const Span& s : hits) {
        if (s.start == e.start && s.end == e.end) continue;
        found.clear();
        store.intersecting(s.start, s.end, found);
        const bool taken = std::any_of(found.begin(), found.end(), [&](Slot slot) {
            const Entity& o = store.get(slot);
            const bool same_span = o.start == s.start && o.end == s.end;
            const bool covers = o.start <= s.start && s.end <= o.end;
            return same_span || (covers && o.label == e.label);
        });
        if (!taken) out.push_back(s);
    }
    return out;
}

std::vector<std::string> same_text_entities(const Document& doc, const Entity& e) {
    std::vector<std::string> ids;
    if (e.start >= e.end || e.end > doc.text().size()) return ids;
    const std::string_view text = doc.text_of(e);
    const auto& store = doc.entities();
    for (Slot slot : store.ordered()) {
        const Entity& o = store.get(slot);
        if (o.label == e.label && o.length() == e.length() && doc.text_of(o) == text) ids.push_back(o.id);
    }
    return ids;
}

Result<size_t> label_all(Editor& editor, const std::vector<Span>& spans, std::string_view label, std::string name) {
    const Document& doc = editor.doc();
    if (!doc.labels().find(label)) return make_error("unknown label \"" + std::string(label) + "\"");
    for (const Span& s : spans)
        if (Status st = doc.check_span(s.start, s.end); !st) return st.error();
    std::set<std::pair<size_t, size_t>> seen;
    size_t added = 0;
    Editor::Group group(editor, std::move(name));
    for (const Span& s : spans) {
        if (!seen.insert({s.start, s.end}).second || doc.entities().contains_span(s.start, s.end, label)) continue;
        auto r = editor.add_entity(s.start, s.end, label);
        AA_ASSERT(r.ok(), "a checked span with a known label is always added");
        (void)r;
        ++added;
    }
    return added;
}

Result<size_t> remove_all(Editor& editor, const std::vector<std::string>& ids, std::string name) {
    for (const std::string& id : ids)
        if (!editor.doc().entities().find(id)) return make_error("no entity with id \"" + id + "\"");
    std::set<std::string_view> seen;
    size_t removed = 0;
    Editor::Group group(editor, std::move(name));
    for (const std::string& id : ids) {
        if (!seen.insert(id).second) continue;
        Status s = editor.remove_entity(id);
        AA_ASSERT(s.ok(), "an existing entity can always be removed");
        (void)s;
        ++removed;
    }
    return removed;
}

}  // namespace aa
