// Tests for src/core/search: case folding (and unicode::fold_case), whole-word edges, grapheme
// clusters, the whole-word filter for RegExp hits, propagation candidates on repeated names, and
// the bulk edits that undo in one step.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "checks.hpp"
#include "core/search.hpp"
#include "core/text_of.hpp"
#include "core/unicode.hpp"
#include "core/utf8.hpp"

using namespace aa;

namespace {

using aa::test::text_of;

// "start-end:text" per hit, so that a failure shows what was found.
std::vector<std::string> show(const Text& t, const std::vector<Span>& spans) {
    std::vector<std::string> out;
    for (const Span& s : spans)
        out.push_back(std::to_string(s.start) + "-" + std::to_string(s.end) + ":" +
                      std::string(t.slice(s.start, s.end)));
    return out;
}

std::vector<std::string> find(const std::string& text, const std::string& needle, FindOptions o = {}) {
    const Text t = text_of(text);
    return show(t, find_all(t, needle, o));
}

using V = std::vector<std::string>;

constexpr FindOptions kExact{.case_sensitive = true, .whole_word = false};
constexpr FindOptions kWords{.case_sensitive = true, .whole_word = true};
constexpr FindOptions kAnyCaseWords{.case_sensitive = false, .whole_word = true};

const std::string kSyria =
    "Washington is calling for the resignation of Syrian President Bashar al-Assad. "
    "However, Nuland acknowledged disagreement. Feltman \"made clear how dangerous we consider this to be,\" "
    "Nuland said. Britain condemned Russia's sales which fuel Assad's crackdown. "
    "The proposal asks Assad to transfer power. Assad dismissed the plan. ASSAD, Assadism.";

}  // namespace

TEST_CASE("fold_case maps upper and title case to the simple folding and leaves the rest") {
    using unicode::fold_case;
    CHECK(fold_case(U'A') == U'a');
    CHECK(fold_case(U'z') == U'z');
    CHECK(fold_case(U'1') == U'1');
    CHECK(fold_case(U'\u00C9') == U'\u00E9');  // É
    CHECK(fold_case(U'\u00DF') == U'\u00DF');  // ß has only a full folding ("ss"): unchanged
    CHECK(fold_case(U'\u1E9E') == U'\u00DF');  // ẞ -> ß (status S)
    CHECK(fold_case(U'\u03A3') == U'\u03C3');  // Σ
    CHECK(fold_case(U'\u03C2') == U'\u03C3');  // final ς
    CHECK(fold_case(U'\u0100') == U'\u0101');  // Ā: a stride-2 run
    CHECK(fold_case(U'\u0101') == U'\u0101');
    CHECK(fold_case(U'\u01C5') == U'\u01C6');          // Dž titlecase
    CHECK(fold_case(U'\u0410') == U'\u0430');          // Cyrillic А
    CHECK(fold_case(U'\u212A') == U'k');               // Kelvin sign
    CHECK(fold_case(U'\U00010400') == U'\U00010428');  // Deseret
    CHECK(fold_case(U'\U0001F600') == U'\U0001F600');
}

TEST_CASE("find_all folds case by default and keeps case when asked") {
    CHECK(find("Assad met ASSAD and assad.", "assad") == V{"0-5:Assad", "10-15:ASSAD", "20-25:assad"});
    CHECK(find("Assad met ASSAD and assad.", "assad", kExact) == V{"20-25:assad"});
    CHECK(find("L’ÉCOLE et l’école", "école") == V{"2-7:ÉCOLE", "13-18:école"});
    CHECK(find("Straße, STRAẞE, strasse", "straße") == V{"0-6:Straße", "8-14:STRAẞE"});
    CHECK(find("ΟΔΥΣΣΕΥΣ Οδυσσευς", "οδυσσευς") == V{"0-8:ΟΔΥΣΣΕΥΣ", "9-17:Οδυσσευς"});
}

TEST_CASE("find_all counts code points across curly quotes, accents and emoji") {
    const std::string s = "“Café” 🚀 said “café” 👍🏽 Café";
    CHECK(find(s, "café") == V{"1-5:Café", "15-19:café", "24-28:Café"});
    CHECK(find(s, "“café”") == V{"0-6:“Café”", "14-20:“café”"});
    CHECK(find(s, "🚀") == V{"7-8:🚀"});
    // The thumb with its skin tone is one grapheme cluster: the bare thumb is not found inside it.
    CHECK(find(s, "👍").empty());
    CHECK(find(s, "👍🏽") == V{"21-23:👍🏽"});
}

TEST_CASE("find_all does not split a letter from its combining accent") {
    const std::string decomposed = "cafe\xCC\x81 cafe";  // "café" as e + U+0301, then "cafe"
    CHECK(find(decomposed, "cafe") == V{"6-10:cafe"});
    CHECK(find(decomposed, "cafe\xCC\x81") == V{"0-5:cafe\xCC\x81"});
}

TEST_CASE("find_all returns hits that do not overlap, left to right") {
    CHECK(find("aaaaa", "aa") == V{"0-2:aa", "2-4:aa"});
    CHECK(find("abababa", "aba") == V{"0-3:aba", "4-7:aba"});
    CHECK(find("", "a").empty());
    CHECK(find("abc", "").empty());
    CHECK(find("abc", "abcd").empty());
    CHECK(find("abc", "\xFF").empty());  // not UTF-8: nothing
}

TEST_CASE("whole words start and end on token boundaries, apostrophes and hyphens inside a word") {
    CHECK(find(kSyria, "Assad", kWords) == V{"72-77:Assad", "238-243:Assad", "275-280:Assad", "300-305:Assad"});
    // Without whole words, "Assadism" counts too.
    CHECK(find(kSyria, "Assad", kExact).size() == 5);
    CHECK(find(kSyria, "assad", kAnyCaseWords).size() == 5);  // + "ASSAD"
    CHECK(find("Yak-130 jets", "Yak", kWords) == V{"0-3:Yak"});
    CHECK(find("Yak-130 jets", "130", kWords) == V{"4-7:130"});
    CHECK(find("O’Brien’s car", "O", kWords) == V{"0-1:O"});
    CHECK(find("O’Brien’s car", "Brien", kWords) == V{"2-7:Brien"});
    CHECK(find("the U.S. and US", "U", kWords).empty());  // a period inside "U.S." is no boundary
    CHECK(find("the U.S. and US", "U.S.", kWords) == V{"4-8:U.S."});
    CHECK(find("5,000 and 000", "000", kWords) == V{"10-13:000"});
    CHECK(find("Paris, (Paris) Parisian", "Paris", kWords) == V{"0-5:Paris", "8-13:Paris"});
    CHECK(find("cat catalog", "cat", kWords) == V{"0-3:cat"});
    CHECK(find("a cat.", "cat.", kWords) == V{"2-6:cat."});
    CHECK(find("a cat", " cat", kWords) == V{"1-5: cat"});
    CHECK(find("🚀🚀 🚀", "🚀", kWords) == V{"0-1:🚀", "1-2:🚀", "3-4:🚀"});
}

TEST_CASE("a rejected whole-word hit does not hide an overlapping one after it") {
    // "aa" at 0 ends inside the word "aaa"; at 1 it is the whole word's end but starts inside it.
    CHECK(find("aaa aa", "aa", kWords) == V{"4-6:aa"});
    CHECK(find("xa a", "a a", kWords).empty());
    CHECK(find("x a a", "a a", kWords) == V{"2-5:a a"});
}

TEST_CASE("word boundaries are reusable across searches") {
    const Text t = text_of("Nuland met Nuland's aide");
    const WordBoundaries w(t);
    CHECK(w.is_boundary(0));
    CHECK(w.is_boundary(6));
    CHECK(w.is_boundary(17));  // before the apostrophe of "Nuland's"
    CHECK(w.is_boundary(18));  // after it
    CHECK_FALSE(w.is_boundary(3));
    CHECK(w.is_boundary(24));  // the end of the text
    CHECK_FALSE(w.is_boundary(25));
    CHECK(show(t, find_all(t, w, "nuland", kAnyCaseWords)) == V{"0-6:Nuland", "11-17:Nuland"});
    CHECK(show(t, find_all(t, w, "uland", {})) == V{"1-6:uland", "12-17:uland"});  // whole_word off: w unused
}

TEST_CASE("whole_word_filter keeps the RegExp hits that are whole words") {
    const Text t = text_of("Assad and al-Assad met Assadists");
    const std::vector<Span> hits{{0, 5}, {13, 18}, {23, 28}, {2, 4}, {30, 40}};
    CHECK(show(t, whole_word_filter(t, hits)) == V{"0-5:Assad", "13-18:Assad"});
}

namespace {

Document syria_doc() {
    Document d(text_of(kSyria));
    auto add = [&](std::string id, size_t s, size_t e, std::string label) {
        Entity x;
        x.id = std::move(id);
        x.start = s;
        x.end = e;
        x.label = std::move(label);
        REQUIRE(d.insert_entity(x).ok());
    };
    add("e1", 238, 243, "PER");  // the "Assad" of "Assad's"
    add("e2", 52, 77, "PER");    // "Bashar al-Assad" with "President": covers the first Assad
    add("e3", 275, 280, "ORG");  // a mistake: the same span with another label
    add("e4", 88, 94, "PER");    // Nuland
    return d;
}

}  // namespace

TEST_CASE("propagation offers the other unlabelled whole-word occurrences of the same text") {
    const Document d = syria_doc();
    const Text& t = d.text();
    CHECK(t.slice(52, 77) == "President Bashar al-Assad");
    // 72 is inside e2 (PER), 275 holds e3 with the same span, "ASSAD" differs in case: only 300 is left.
    CHECK(show(t, propagation_candidates(d, *d.entities().find("e1"))) == V{"300-305:Assad"});
    CHECK(show(t, propagation_candidates(d, *d.entities().find("e4"))) == V{"181-187:Nuland"});
    // From the ORG entity: the Assads inside a PER entity are candidates (entities may nest), not e1's span.
    CHECK(show(t, propagation_candidates(d, *d.entities().find("e3"))) == V{"72-77:Assad", "300-305:Assad"});
}

TEST_CASE("same_text_entities lists the entities with the same text and label, the entity included") {
    Document d = syria_doc();
    Entity more;
    more.id = "e9";
    more.start = 300;
    more.end = 305;
    more.label = "PER";
    REQUIRE(d.insert_entity(more).ok());
    CHECK(same_text_entities(d, *d.entities().find("e1")) == std::vector<std::string>{"e1", "e9"});
    CHECK(same_text_entities(d, *d.entities().find("e3")) == std::vector<std::string>{"e3"});
}

TEST_CASE("label_all adds every span as one undo step and skips duplicates") {
    Editor ed(syria_doc());
    const size_t before = ed.doc().entities().size();
    auto spans = propagation_candidates(ed.doc(), *ed.doc().entities().find("e1"));
    spans.push_back({238, 243});  // e1 itself: already PER
    spans.push_back({300, 305});  // repeated
    spans.push_back({72, 77});    // a nested PER inside e2: new
    auto r = label_all(ed, spans, "PER", "Label every \"Assad\"");
    REQUIRE(r.ok());
    CHECK(r.value() == 2);
    CHECK(ed.doc().entities().size() == before + 2);
    CHECK(ed.doc().entities().contains_span(300, 305, "PER"));
    CHECK(ed.undo_name() == "Label every \"Assad\"");
    CHECK(ed.undo());
    CHECK(ed.doc().entities().size() == before);
    CHECK(ed.redo());
    CHECK(ed.doc().entities().size() == before + 2);
}

TEST_CASE("label_all refuses an unknown label or a bad span and changes nothing") {
    Editor ed(syria_doc());
    const size_t undo_depth = ed.undo_stack().size();
    auto r = label_all(ed, {{0, 5}}, "PERSON", "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "unknown label \"PERSON\"");
    r = label_all(ed, {{0, 5}, {300, 400}}, "PER", "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "end 400 is past the end of the text (342 code points)");
    r = label_all(ed, {{5, 5}}, "PER", "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "empty span: end (5) is not after start (5)");
    CHECK(ed.undo_stack().size() == undo_depth);
    // Nothing to add: no step at all.
    r = label_all(ed, {{238, 243}}, "PER", "x");
    REQUIRE(r.ok());
    CHECK(r.value() == 0);
    CHECK(ed.undo_stack().size() == undo_depth);
}

TEST_CASE("remove_all removes the entities as one undo step") {
    Editor ed(syria_doc());
    auto r = remove_all(ed, {"e1", "e4", "e1"}, "Remove every \"Assad\"");
    REQUIRE(r.ok());
    CHECK(r.value() == 2);
    CHECK(ed.doc().entities().size() == 2);
    CHECK(ed.undo_name() == "Remove every \"Assad\"");
    CHECK(ed.undo());
    CHECK(ed.doc().entities().size() == 4);
    r = remove_all(ed, {"e1", "e7"}, "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "no entity with id \"e7\"");
    CHECK(ed.doc().entities().size() == 4);
}

TEST_CASE("propagation candidates equal a whole-word, case-sensitive find_all of the entity's text") {
    // The fast path (byte search + local boundaries) against the reference (whole-text boundaries).
    const std::string text_s =
        "Assad met al-Assad's envoy. ASSAD? “Assad”, Assad’s aide, Assads, reAssad, Assad-Assad; "
        "U.S. officials in the U.S. said U.S.-backed talks. Zoë Zoë Zoëx 👨🏻‍🚒 Zoë\r\nAssad\n\nAssad.";
    Document d(Text::from_utf8(text_s).value());
    const Text& t = d.text();
    for (const char* needle : {"Assad", "U.S.", "Zoë", "Assad-Assad", "al-Assad"}) {
        const size_t byte = t.utf8().find(needle);
        REQUIRE(byte != std::string::npos);
        Entity e;
        e.id = "e1";
        e.start = t.cp_of_byte(byte);
        e.end = e.start + utf8::count_code_points(needle);
        e.label = "PER";
        std::vector<Span> expected;
        for (const Span& s : find_all(t, needle, {.case_sensitive = true, .whole_word = true}))
            if (!(s.start == e.start && s.end == e.end)) expected.push_back(s);
        CAPTURE(needle);
        CHECK(propagation_candidates(d, e) == expected);
    }
}

TEST_CASE("find_all with whole words (local boundaries per hit) equals the search with the whole text's boundaries") {
    const std::string text_s =
        "Assad met al-Assad's envoy. ASSAD? “Assad”, Assad’s aide, Assads, reAssad, Assad-Assad; assad "
        "U.S. officials in the U.S. said U.S.-backed talks. Zoë ZOË Zoëx 👨🏻‍🚒 Zoë\r\nAssad\n\nAssad. "
        "@NOW_Syria #Syria Syria2 Syria école ÉCOLE e\u0301cole aaa aaaa";
    const Text t = Text::from_utf8(text_s).value();
    const WordBoundaries words(t);
    for (const char* needle : {"Assad", "assad", "U.S.", "Zoë", "zoë", "Assad-Assad", "al-Assad", "Syria", "école",
                               "aa", "a", "👨🏻‍🚒"})
        for (bool case_sensitive : {true, false}) {
            const FindOptions o{.case_sensitive = case_sensitive, .whole_word = true};
            CAPTURE(needle);
            CAPTURE(case_sensitive);
            CHECK(find_all(t, needle, o) == find_all(t, words, needle, o));
        }
}

namespace {
// A plain, quadratic reference for find_all: every code point position, the folded needle compared
// in place, hits not overlapping, both ends on grapheme boundaries (the tokenizer's walk) or, with
// whole words, on the whole text's word boundaries.
std::vector<Span> reference_find(const Text& t, const std::string& needle, FindOptions o) {
    auto fold = [&](char32_t c) { return o.case_sensitive ? c : unicode::fold_case(c); };
    std::vector<char32_t> pat;
    for (size_t i = 0; i < needle.size();) pat.push_back(fold(utf8::decode(needle, i)));
    std::vector<bool> grapheme(t.size() + 1, false);
    for (size_t cp = 0; cp < t.size(); cp = next_grapheme(t, cp)) grapheme[cp] = true;
    grapheme[t.size()] = true;
    const WordBoundaries words(t);
    std::vector<Span> out;
    for (size_t i = 0; i + pat.size() <= t.size(); ++i) {
        bool same = true;
        for (size_t j = 0; same && j < pat.size(); ++j) same = fold(t.at(i + j)) == pat[j];
        const Span s{i, i + pat.size()};
        if (!same || !grapheme[s.start] || !grapheme[s.end] || (o.whole_word && !words.whole_word(s))) continue;
        out.push_back(s);
        i = s.end - 1;
    }
    return out;
}

const std::string kMixed =
    "Assad met al-Assad's envoy. ASSAD? “Assad”, Assad’s aide, Assads, reAssad, Assad-Assad; assad "
    "U.S. officials in the U.S. said U.S.-backed talks. Zoë ZOË Zoëx 👨🏻‍🚒 Zoë\r\nAssad\n\nAssad. "
    "@NOW_Syria #Syria Syria2 Syria école ÉCOLE e\u0301cole aaa aaaa \u212Aelvin kelvin ſyria "
    "北京市北京 北京 東京と北京と東京";
const char* const kMixedNeedles[] = {
    "Assad", "assad",           "U.S.",   "Zoë",   "zoë",  "Assad-Assad", "al-Assad", "Syria", "école", "e", "aa",
    "a",     "👨🏻‍🚒", "kelvin", "syria", "北京", "東京",        "\r\n",     "s a",   ". "};
}  // namespace

TEST_CASE("find_all equals a plain quadratic search, with and without whole words and case") {
    const Text t = Text::from_utf8(kMixed).value();
    for (const char* needle : kMixedNeedles)
        for (bool case_sensitive : {true, false})
            for (bool whole_word : {true, false}) {
                const FindOptions o{.case_sensitive = case_sensitive, .whole_word = whole_word};
                CAPTURE(needle);
                CAPTURE(case_sensitive);
                CAPTURE(whole_word);
                CHECK(show(t, find_all(t, needle, o)) == show(t, reference_find(t, needle, o)));
            }
}

TEST_CASE("FindRun in steps of any size finds what find_all finds, and counts the hits inside longer words") {
    const Text t = Text::from_utf8(kMixed).value();
    for (const char* needle : kMixedNeedles)
        for (bool case_sensitive : {true, false})
            for (size_t step : {size_t{1}, size_t{3}, size_t{7}, size_t{64}}) {
                CAPTURE(needle);
                CAPTURE(case_sensitive);
                CAPTURE(step);
                const FindOptions words{.case_sensitive = case_sensitive, .whole_word = true};
                const FindOptions any{.case_sensitive = case_sensitive, .whole_word = false};
                FindRun run(t, needle, words);
                size_t steps = 0;
                while (!run.step(step)) ++steps;
                CHECK(steps <= t.size_bytes() / step + 1);  // each step moves on
                CHECK(run.bytes_searched() == run.bytes_total());
                CHECK(run.hits() == find_all(t, needle, words));
                CHECK(run.hits_any_word() == find_all(t, needle, any).size());
            }
    FindRun nothing(t, "", {});
    CHECK(nothing.done());
    CHECK(nothing.hits().empty());
}

TEST_CASE("whole words in a text with no whitespace for kilobytes use the whole text's boundaries") {
    std::string s;
    for (int i = 0; i < 600; ++i) s += i % 7 == 3 ? "北京市と" : "北京と東京、";
    const Text t = Text::from_utf8(s).value();
    for (const char* needle : {"北京", "東京", "北京市"}) {
        CAPTURE(needle);
        const FindOptions o{.case_sensitive = true, .whole_word = true};
        CHECK(find_all(t, needle, o) == reference_find(t, needle, o));
        CHECK(whole_word_filter(t, find_all(t, needle, {})) == reference_find(t, needle, o));
    }
}

TEST_CASE("the whole-word filter and count of RegExp hits check each hit around itself") {
    const Text t = Text::from_utf8(kMixed).value();
    const WordBoundaries words(t);
    const std::vector<Span> any = find_all(t, "Assad", {.case_sensitive = false, .whole_word = false});
    std::vector<Span> whole;
    for (const Span& s : any)
        if (words.whole_word(s)) whole.push_back(s);
    REQUIRE(whole.size() < any.size());
    CHECK(whole_word_filter(t, any) == whole);
    CHECK(count_inside_words(t, any) == any.size() - whole.size());
    CHECK(count_inside_words(t, any) == count_inside_words(words, any));
}

TEST_CASE("a name glued to @, #, _ or a digit is no whole word: handles, hashtags, codes") {
    const std::string s = "Syria: follow @NOW_Syria, #Syria, Syria_2, G7Syria and Syria2; Syria.";
    CHECK(find(s, "Syria", kWords) == V{"0-5:Syria", "63-68:Syria"});
    CHECK(find(s, "NOW", kWords).empty());
    CHECK(find("on 12 May 2024", "May", kWords) == V{"6-9:May"});  // spaces still separate
}

TEST_CASE("propagation never labels a name inside a handle or hashtag") {
    auto tt = Text::from_utf8("Syria said so. Follow @NOW_Syria and #Syria on Twitter. Syria again.");
    REQUIRE(tt.ok());
    Document d(std::move(tt.value()));
    Entity e;
    e.id = "e1";
    e.start = 0;
    e.end = 5;
    e.label = "LOC";
    REQUIRE(d.insert_entity(e).ok());
    CHECK(show(d.text(), propagation_candidates(d, e)) == V{"56-61:Syria"});
}

TEST_CASE("count_inside_words counts the hits inside longer words, as \"label every hit\" asks") {
    const Text t = text_of("Russia and Russian, Russians; Russia's RUSSIA");
    const WordBoundaries words(t);
    const auto any = find_all(t, words, "Russia", {.case_sensitive = false, .whole_word = false});
    const auto whole = find_all(t, words, "Russia", {.case_sensitive = false, .whole_word = true});
    CHECK(any.size() == 5);
    CHECK(whole.size() == 3);
    CHECK(count_inside_words(words, any) == 2);
    CHECK(count_inside_words(words, whole) == 0);
}

TEST_CASE("propagation candidates in text without whitespace (Chinese, Japanese) equal the whole-text reference") {
    // Windows end at ideographs there: random texts of ideographs, kana, the long vowel mark, name
    // glue (digits, @, _), Latin with periods and apostrophes, combining marks, emoji and CJK
    // punctuation, with no whitespace for several KB, checked against find_all's whole-text
    // boundaries for needles taken from the text.
    const std::vector<std::string> pieces = {
        "\xE5\x8C\x97",
        "\xE4\xBA\xAC",
        "\xE4\xB8\xAD",
        "\xE5\x9B\xBD",  // 北 京 中 国
        "\xE3\x82\xAB",
        "\xE3\x83\xBC",
        "\xE3\x81\xAE",  // カ ー の
        "\xE3\x80\x82",
        "\xEF\xBC\x8C",
        "\xC2\xB7",  // 。 ， ·
        "2",
        "0",
        "@",
        "_",
        "#",
        "U",
        "S",
        "s",
        ".",
        "'",
        "-",
        "\xE2\x80\x99",
        "n",
        "\xCC\x81",                                      // combining acute
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x9A\x92",  // 👨‍🚒
    };
    uint32_t seed = 12345;
    auto next = [&](uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int round = 0; round < 40; ++round) {
        std::string s;
        const size_t len = round < 30 ? 200 : 1500;  // the last rounds pass the 1 KB reach
        for (size_t i = 0; i < len; ++i) s += pieces[next(static_cast<uint32_t>(pieces.size()))];
        Document d(Text::from_utf8(s).value());
        const Text& t = d.text();
        for (int k = 0; k < 6; ++k) {
            const size_t start = next(static_cast<uint32_t>(t.size() - 4));
            Entity e;
            e.id = "e1";
            e.start = start;
            e.end = start + 1 + next(3);
            e.label = "LOC";
            const std::string needle(d.text_of(e));
            std::vector<Span> expected;
            for (const Span& h : find_all(t, needle, {.case_sensitive = true, .whole_word = true}))
                if (!(h.start == e.start && h.end == e.end)) expected.push_back(h);
            CAPTURE(round);
            CAPTURE(needle);
            CHECK(propagation_candidates(d, e) == expected);
        }
    }
}

TEST_CASE("PropagationRun in steps of any size gives propagation_candidates, entities taken into account") {
    const std::string text_s =
        "Assad met al-Assad's envoy. ASSAD? “Assad”, Assad’s aide, Assads, reAssad, Assad-Assad; "
        "U.S. officials in the U.S. said U.S.-backed talks. Zoë Zoë Zoëx 👨🏻‍🚒 Zoë\r\nAssad\n\nAssad. "
        "北京と東京、北京市と北京";
    Document d(Text::from_utf8(text_s).value());
    const Text& t = d.text();
    // Entities that take some occurrences: one the same span with another label, one covering
    // with the same label, one covering with another label (which leaves the occurrence offered).
    auto at = [&](const char* needle, size_t nth) {
        size_t b = t.utf8().find(needle);
        for (size_t i = 0; i < nth; ++i) b = t.utf8().find(needle, b + 1);
        REQUIRE(b != std::string::npos);
        return t.cp_of_byte(b);
    };
    const size_t a2 = at("Assad", 4), a3 = at("Assad-Assad", 0);
    REQUIRE(d.insert_entity(aa::test::ent("x1", a2, a2 + 5, "ORG")).ok());
    REQUIRE(d.insert_entity(aa::test::ent("x2", a3, a3 + 11, "PER")).ok());
    REQUIRE(d.insert_entity(aa::test::ent("x3", at("U.S. said", 0), at("U.S. said", 0) + 9, "LOC")).ok());
    for (const char* needle : {"Assad", "U.S.", "Zoë", "北京"}) {
        Entity e = aa::test::ent("e1", at(needle, 0), at(needle, 0) + utf8::count_code_points(needle), "PER");
        const std::vector<Span> expected = propagation_candidates(d, e);
        CAPTURE(needle);
        CHECK(!expected.empty());
        for (size_t step : {size_t{1}, size_t{2}, size_t{5}, size_t{64}}) {
            CAPTURE(step);
            PropagationRun run(d, e);
            size_t steps = 0;
            while (!run.step(step)) ++steps;
            CHECK(steps <= t.size_bytes() / step + 1);  // each step moves on
            CHECK(run.bytes_searched() == run.bytes_total());
            CHECK(run.candidates() == expected);
        }
    }
    // "Assad" taken where an entity has its span (x1) or a PER entity covers it (x2's two).
    const Entity assad = aa::test::ent("e1", at("Assad", 0), at("Assad", 0) + 5, "PER");
    for (const Span& s : propagation_candidates(d, assad)) {
        CHECK(s.start != a2);
        CHECK(!(s.start >= a3 && s.end <= a3 + 11));
    }
    PropagationRun nothing(d, aa::test::ent("e9", 3, 3, "PER"));
    CHECK(nothing.done());
    CHECK(nothing.candidates().empty());
}

TEST_CASE("only the Kelvin sign and the long s fold to ASCII: the search skips other non-ASCII before a match") {
    // FindRun passes over non-ASCII bytes without decoding when the query starts with an ASCII
    // character, except k and s with case folded: this is the fact that makes it right.
    std::vector<char32_t> to_ascii;
    for (char32_t c = 0x80; c <= 0x10FFFF; ++c)
        if (unicode::fold_case(c) < 0x80) to_ascii.push_back(c);
    CHECK(to_ascii == std::vector<char32_t>{U'\u017F', U'\u212A'});
    const Text t = Text::from_utf8("Straße \u212Aelvin \u017Fyria über kelvin ſ syria").value();
    CHECK(show(t, find_all(t, "kelvin", kAnyCaseWords)) == V{"7-13:\u212Aelvin", "25-31:kelvin"});
    CHECK(show(t, find_all(t, "syria", kAnyCaseWords)) == V{"14-19:\u017Fyria", "34-39:syria"});
    CHECK(show(t, find_all(t, "ber", kAnyCaseWords)).empty());
    CHECK(show(t, find_all(t, "ber", {.case_sensitive = false, .whole_word = false})) == V{"21-24:ber"});
}

TEST_CASE("random texts: whole-word hits checked around each hit equal the whole text's boundaries and the reference") {
    // Words of ASCII letters and digits only (one token each, decided without tokenizing) beside
    // clitics ("don't" is do + n't), abbreviations, numbers with separators, name glue, hyphens,
    // non-ASCII letters and marks, and whitespace; searched in steps of a few bytes too.
    const std::vector<std::string> pieces = {
        "a", "an", "and", "said", "Said", "SAID",   "2024",   "5,000",      "3.5", "a1", "x",    " ",
        " ", " ",  "\n",  ",",    ".",    "'",      "don't",  "can\u2019t", "n't", "'s", "U.S.", "-",
        "@", "#",  "_",   "é",    "ß",    "\u212A", "\u017F", "e\u0301",    "Zoë", "—",  "北京",
    };
    uint32_t seed = 777;
    auto next = [&](uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int round = 0; round < 30; ++round) {
        std::string s;
        for (size_t i = 0; i < 300; ++i) s += pieces[next(static_cast<uint32_t>(pieces.size()))];
        const Text t = Text::from_utf8(s).value();
        const WordBoundaries words(t);
        for (const char* needle : {"a", "an", "and", "said", "1", "do", "n", "s", "k", "é", "t", "2024"})
            for (bool case_sensitive : {true, false}) {
                const FindOptions o{.case_sensitive = case_sensitive, .whole_word = true};
                CAPTURE(round);
                CAPTURE(needle);
                CAPTURE(case_sensitive);
                const std::vector<Span> hits = find_all(t, needle, o);
                CHECK(hits == find_all(t, words, needle, o));
                CHECK(show(t, hits) == show(t, reference_find(t, needle, o)));
                FindRun run(t, needle, o);
                while (!run.step(5)) {
                }
                CHECK(run.hits() == hits);
                CHECK(run.hits_any_word() == find_all(t, needle, {.case_sensitive = case_sensitive}).size());
            }
    }
}
