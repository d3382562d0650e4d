// Find and propagate (search.hpp): word boundaries from the tokenizer, Knuth-Morris-Pratt over code
// points (case folded on the fly), and the bulk edits behind "label every hit" and propagation.
#include "core/search.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "core/unicode.hpp"
#include "core/utf8.hpp"

namespace aa {
namespace {

bool is_inner_joiner(char32_t c) {
    return c == U'\'' || c == U'\u2019' || c == U'-' || c == U'\u2010' || c == U'\u2011';
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

}  // namespace

WordBoundaries::WordBoundaries(const Text& text) : flags_(text.size() + 1, 0) {
    mark_word_boundaries(text, 0, text.size(), 0, flags_);
}

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Between two ideographs (a code point's start `at`): a token always ends before it and begins at
// it (ideographs are one token each, and no cluster continues into one), and no name glue is there.
// Chinese and Japanese have no whitespace for whole paragraphs: windows end at such places instead.
bool between_ideographs(std::string_view bytes, size_t at) {
    if (at == 0 || at >= bytes.size()) return false;
    size_t i = at;
    if (!unicode::is_ideograph(utf8::decode(bytes, i))) return false;
    size_t j = at - 1;
    while (j > 0 && utf8::is_continuation(static_cast<unsigned char>(bytes[j]))) --j;
    return unicode::is_ideograph(utf8::decode(bytes, j));
}
// Where a window's tokens are the whole text's: it starts after whitespace and ends at whitespace
// (no token crosses it), or either between two ideographs.
bool window_start(std::string_view bytes, size_t a) {
    return a == 0 || is_ascii_space(bytes[a - 1]) || between_ideographs(bytes, a);
}
bool window_end(std::string_view bytes, size_t b) {
    return b >= bytes.size() || is_ascii_space(bytes[b]) || between_ideographs(bytes, b);
}

// Whether [s.start, s.end) is a whole word (WordBoundaries::whole_word), from the tokens of a
// window around it only: tokenizing from the window edge before the span to the one after it
// (whitespace, two ideographs) gives the whole text's boundaries there, at a cost that does not grow
// with the document. `byte_start`/`byte_end` are the span's UTF-8 offsets. Nothing when there is no
// window edge within 1 KB on a side (Thai without spaces): then only the whole text's boundaries tell.
std::optional<bool> whole_word_local(const Text& text, Span s, size_t byte_start, size_t byte_end) {
    const std::string_view bytes = text.utf8();
    constexpr size_t kReach = 1024;
    size_t a = byte_start, b = byte_end;
    while (!window_start(bytes, a) && byte_start - a < kReach) {
        --a;
        while (a > 0 && utf8::is_continuation(static_cast<unsigned char>(bytes[a]))) --a;
    }
    while (!window_end(bytes, b) && b - byte_end < kReach) {
        ++b;
        while (b < bytes.size() && utf8::is_continuation(static_cast<unsigned char>(bytes[b]))) ++b;
    }
    if (!window_start(bytes, a) || !window_end(bytes, b)) return std::nullopt;
    // A window of ASCII letters and digits only is one token (a word or a number: tokenizer.hpp),
    // and no rule adds a boundary inside it: the span is whole exactly when it is the window. Most
    // hits of a short query lie inside such words ("a" in "said"), and this skips their tokenizing.
    if (std::all_of(bytes.begin() + static_cast<std::ptrdiff_t>(a), bytes.begin() + static_cast<std::ptrdiff_t>(b),
                    [](char c) { return is_ascii_alnum(c); }))
        return a == byte_start && b == byte_end;
    const size_t ca = s.start - utf8::count_code_points(bytes.substr(a, byte_start - a));
    const size_t cb = s.end + utf8::count_code_points(bytes.substr(byte_end, b - byte_end));
    std::vector<unsigned char> flags(cb - ca + 1, 0);
    mark_word_boundaries(text, ca, cb, a, flags);
    return flags[s.start - ca] && flags[s.end - ca];
}

// whole_word_local, else the whole text's boundaries, built once into `words` for the spans after.
bool whole_word_near(const Text& text, Span s, size_t byte_start, size_t byte_end,
                     std::unique_ptr<WordBoundaries>& words) {
    if (!words) {
        if (const std::optional<bool> local = whole_word_local(text, s, byte_start, byte_end)) return *local;
        words = std::make_unique<WordBoundaries>(text);
    }
    return words->whole_word(s);
}

// Whether code point `cp` (at byte `byte`) lies between two grapheme clusters. Only a character
// from U+0300 up (marks, joiners, modifiers, Hangul, regional indicators) or the LF of a CRLF can
// continue a cluster, so the tokenizer's grapheme walk runs only for those.
bool on_grapheme_boundary(const Text& text, size_t cp, size_t byte) {
    const std::string_view bytes = text.utf8();
    if (byte == 0 || byte >= bytes.size()) return true;
    size_t i = byte;
    const char32_t c = utf8::decode(bytes, i);
    if (c < 0x300 && !(c == U'\n' && bytes[byte - 1] == '\r')) return true;
    return next_grapheme(text, prev_grapheme(text, cp)) == cp;
}

// Moves `at` to the first byte before `limit` that is `lo` or `up`, or not ASCII unless
// `over_non_ascii`, eight bytes at a time (a word holds `lo` when one of its bytes XOR `lo` is zero);
// returns the code points passed (the bytes that are not UTF-8 continuation bytes).
size_t skip_to_candidate(std::string_view s, size_t& at, size_t limit, unsigned char lo, unsigned char up,
                         bool over_non_ascii) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kTop = 0x8080808080808080ull;
    const uint64_t lo8 = kOnes * lo, up8 = kOnes * up, stop_top = over_non_ascii ? 0 : kTop;
    auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kTop; };
    size_t cps = 0;
    for (; at + 8 <= limit; at += 8) {
        uint64_t w = 0;
        std::memcpy(&w, s.data() + at, 8);
        if ((has_zero(w ^ lo8) | has_zero(w ^ up8) | (w & stop_top)) != 0) break;
        cps += 8 - static_cast<size_t>(std::popcount(w & ~(w << 1) & kTop));  // 10xxxxxx: continuation
    }
    for (; at < limit; ++at) {
        const auto b = static_cast<unsigned char>(s[at]);
        if (b == lo || b == up || (b >= 0x80 && !over_non_ascii)) break;
        cps += (b & 0xC0) != 0x80;
    }
    return cps;
}

}  // namespace

FindRun::FindRun(const Text& text, std::string_view needle, FindOptions options, const WordBoundaries* words)
    : text_(&text), words_(words), options_(options) {
    if (needle.empty() || utf8::validate(needle)) return;  // end_ = 0: done, nothing found
    for (size_t i = 0; i < needle.size();) {
        const char32_t c = utf8::decode(needle, i);
        pat_.push_back(options.case_sensitive ? c : unicode::fold_case(c));
    }
    const size_t m = pat_.size();
    if (m > text.size()) return;
    fail_.assign(m, 0);  // fail_[i]: length of the longest proper border of pat_[0..i]
    for (size_t i = 1, k = 0; i < m; ++i) {
        while (k > 0 && pat_[i] != pat_[k]) k = fail_[k - 1];
        if (pat_[i] == pat_[k]) ++k;
        fail_[i] = k;
    }
    starts_.assign(std::bit_ceil(m + 1), 0);  // a power of two: a mask, not a division, per code point
    ring_mask_ = starts_.size() - 1;
    end_ = text.size_bytes();
}

// A match of the pattern (matches may overlap): hits do not, so a hit must start at or after the
// previous one's end; then the word (or grapheme) boundaries at both ends.
void FindRun::on_match(size_t first_cp, size_t first_byte, size_t end_byte) {
    const Span s{first_cp, cp_ + 1};
    const Text& text = *text_;
    auto graphemes = [&] {
        return on_grapheme_boundary(text, s.start, first_byte) && on_grapheme_boundary(text, s.end, end_byte);
    };
    if (!options_.whole_word) {
        if (s.start >= next_free_ && graphemes()) {
            hits_.push_back(s);
            next_free_ = s.end;
        }
        return;
    }
    if (s.start >= any_next_free_ && graphemes()) {  // the search without whole words, counted
        ++any_word_;
        any_next_free_ = s.end;
    }
    if (s.start < next_free_) return;
    const bool whole = words_ ? words_->whole_word(s) : whole_word_near(text, s, first_byte, end_byte, own_words_);
    if (!whole) return;
    hits_.push_back(s);
    next_free_ = s.end;
}

bool FindRun::step(size_t bytes) {
    const std::string_view text = text_->utf8();
    const size_t m = pat_.size();
    const size_t limit = end_ - at_ > bytes ? at_ + std::max<size_t>(bytes, 1) : end_;
    const bool fold = !options_.case_sensitive;
    // With nothing matched, skip what cannot begin a match (most of a text) without decoding: the
    // bytes that may begin one are the first code point in either case, when ASCII.
    const char32_t first = pat_.empty() ? 0 : pat_[0];
    const auto lo = static_cast<unsigned char>(first < 0x80 ? first : 0x80);
    const auto up = static_cast<unsigned char>(fold && first >= 'a' && first <= 'z' ? first - 32 : lo);
    // Non-ASCII cannot begin a match of an ASCII first letter either, except the two characters whose
    // simple case folding is ASCII: the Kelvin sign (k) and the long s (s). test_search checks every
    // code point for that.
    const bool over_non_ascii = first < 0x80 && !(fold && (first == 'k' || first == 's'));
    while (at_ < limit) {
        if (k_ == 0) {
            cp_ += skip_to_candidate(text, at_, limit, lo, up, over_non_ascii);
            if (at_ >= limit) break;
        }
        starts_[cp_ & ring_mask_] = at_;
        char32_t c = utf8::decode(text, at_);
        if (fold) c = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : unicode::fold_case(c);
        while (k_ > 0 && c != pat_[k_]) k_ = fail_[k_ - 1];
        if (c == pat_[k_]) ++k_;
        if (k_ == m) {
            const size_t first_cp = cp_ + 1 - m;
            k_ = fail_[k_ - 1];
            on_match(first_cp, starts_[first_cp & ring_mask_], at_);
        }
        ++cp_;
    }
    return done();
}

std::vector<Span> find_all(const Text& text, std::string_view needle, FindOptions options) {
    FindRun run(text, needle, options);
    run.step(static_cast<size_t>(-1));
    return run.take_hits();
}

std::vector<Span> find_all(const Text& text, const WordBoundaries& words, std::string_view needle,
                           FindOptions options) {
    FindRun run(text, needle, options, &words);
    run.step(static_cast<size_t>(-1));
    return run.take_hits();
}

std::vector<Span> whole_word_filter(const Text& text, const std::vector<Span>& spans) {
    std::vector<Span> out;
    std::unique_ptr<WordBoundaries> words;
    for (const Span& s : spans)
        if (s.start <= s.end && s.end <= text.size() &&
            whole_word_near(text, s, text.byte_of(s.start), text.byte_of(s.end), words))
            out.push_back(s);
    return out;
}

size_t count_inside_words(const WordBoundaries& words, const std::vector<Span>& spans) {
    return static_cast<size_t>(std::count_if(spans.begin(), spans.end(), [&](Span s) { return !words.whole_word(s); }));
}

size_t count_inside_words(const Text& text, const std::vector<Span>& spans) {
    return spans.size() - whole_word_filter(text, spans).size();
}

// The other whole-word occurrences of an entity's text, case-sensitive: a byte search (memchr
// speed) with a local word-boundary check per hit, so that offering propagation after each
// labelling costs little even in a book. Same hits as find_all(..., {true, true}).
PropagationRun::PropagationRun(const Document& doc, const Entity& e) : doc_(&doc), e_(e) {
    if (e.start >= e.end || e.end > doc.text().size()) return;
    needle_ = std::string(doc.text_of(e));
    end_ = doc.text().utf8().size();
}

bool PropagationRun::step(size_t bytes) {
    if (done()) return true;
    const Text& text = doc_->text();
    const std::string_view all = text.utf8();
    const size_t limit = end_ - at_ > bytes ? at_ + std::max<size_t>(bytes, 1) : end_;
    // A hit starting before `limit` ends within the window; one starting at or after it is the next
    // step's (the search resumes at `limit`).
    const std::string_view window = all.substr(0, std::min(end_, limit + needle_.size() - 1));
    while (at_ < limit) {
        const size_t at = window.find(needle_, at_);
        if (at == std::string_view::npos || at >= limit) {
            at_ = limit;
            break;
        }
        // A valid UTF-8 needle found in valid UTF-8 starts and ends on code point boundaries.
        const size_t start = text.cp_of_byte(at);
        const Span s{start, start + e_.length()};
        if (whole_word_near(text, s, at, at + needle_.size(), words_)) {
            on_hit(s);
            at_ = at + needle_.size();  // hits do not overlap
        } else {
            at_ = at + utf8::sequence_length(static_cast<unsigned char>(all[at]));
        }
    }
    return done();
}

void PropagationRun::on_hit(Span s) {
    if (s.start == e_.start && s.end == e_.end) return;
    const auto& store = doc_->entities();
    store.intersecting(s.start, s.end, found_);
    const bool taken = std::any_of(found_.begin(), found_.end(), [&](Slot slot) {
        const Entity& o = store.get(slot);
        const bool same_span = o.start == s.start && o.end == s.end;
        const bool covers = o.start <= s.start && s.end <= o.end;
        return same_span || (covers && o.label == e_.label);
    });
    if (!taken) out_.push_back(s);
}

std::vector<Span> propagation_candidates(const Document& doc, const Entity& e) {
    PropagationRun run(doc, e);
    run.step(static_cast<size_t>(-1));
    return run.take_candidates();
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
    std::vector<std::pair<size_t, size_t>> fresh;
    for (const Span& s : spans)
        if (seen.insert({s.start, s.end}).second && !doc.entities().contains_span(s.start, s.end, label))
            fresh.emplace_back(s.start, s.end);
    Editor::Group group(editor, std::move(name));
    auto r = editor.add_entities(fresh, label);
    AA_ASSERT(r.ok(), "checked spans with a known label are always added");
    return r;  // an error, should one come, is the caller's to report: not 0 added in silence
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
