// Tests for src/core/tokenizer: tokens with code-point offsets for English news text and for
// Unicode (curly quotes, accents, emoji clusters, flags, CJK, Greek, Cyrillic, Arabic, CRLF, odd
// spaces), sentence splitting, word_at / snap_to_words at the edges, and grapheme stepping.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text.hpp"
#include "core/tokenizer.hpp"
#include "core/utf8.hpp"

using namespace aa;

namespace {

Text text_of(std::string s) {
    auto t = Text::from_utf8(std::move(s));
    CHECK(t.ok());
    return t.ok() ? std::move(*t) : Text();
}

// The tokens' texts joined by "|", e.g. "Bashar|al-Assad".
std::string joined(const Text& t, const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& k : tokens) {
        if (!out.empty()) out += '|';
        out += t.slice(k.start, k.end);
    }
    return out;
}

std::string words(const std::string& s) {
    const Text t = text_of(s);
    return joined(t, tokenize(t));
}

// The tokens' offsets, e.g. "0-6 7-15".
std::string spans(const std::string& s) {
    const Text t = text_of(s);
    std::string out;
    for (const Token& k : tokenize(t)) {
        if (!out.empty()) out += ' ';
        out += std::to_string(k.start) + "-" + std::to_string(k.end);
    }
    return out;
}

// The tokens' kinds, one letter each: W(ord), N(umber), P(unct), S(ymbol).
std::string kinds(const std::string& s) {
    const Text t = text_of(s);
    std::string out;
    for (const Token& k : tokenize(t)) out += "WNPS"[static_cast<int>(k.kind)];
    return out;
}

// The sentences' texts joined by " / ".
std::string sentences(const std::string& s) {
    const Text t = text_of(s);
    const std::vector<Token> tokens = tokenize(t);
    std::string out;
    for (const TokenRange& r : split_sentences(t, tokens)) {
        if (!out.empty()) out += " / ";
        out += t.slice(tokens[r.begin].start, tokens[r.end - 1].end);
    }
    return out;
}

const Token* token_starting_at(const std::vector<Token>& tokens, size_t start) {
    for (const Token& k : tokens) {
        if (k.start == start) return &k;
    }
    return nullptr;
}

// The start of /work/shared/samples/news-article-syria-talks.txt (code points 0..1629).
const char* const kNews =
    "US, Russia hold “constructive” Syrian talks\n"
    "\n"
    "US and Russian diplomats held \"very constructive\" talks this week in Moscow as part of an "
    "effort to resolve differences in the global response to unrest in Syria, the State Department "
    "said Tuesday.\n"
    "\n"
    "Washington is calling for the resignation of Syrian President Bashar al-Assad while the "
    "Russians continue to support him during an uprising that has killed about 5,000 Syrians since "
    "March.\n"
    "\n"
    "US Assistant Secretary of State for Near Eastern Affairs Jeffrey Feltman reported that \"he felt "
    "that he had very constructive talks in Moscow,\" State Department spokesperson Victoria Nuland "
    "said.\n"
    "\n"
    "\"I wouldn't say that there was a major breakthrough. But I think walking through how we "
    "understand the situation on the ground, how the Russians see it... and then beginning to "
    "strengthen and deepen our conversation about where we go next in the UN Security Council, was "
    "very useful.\"\n"
    "\n"
    "She added that the talks in Moscow were likely to lead to greater cooperation at the United "
    "Nations, where the Security Council is considering how to respond to the Syrian crisis.\n"
    "\n"
    "However, Nuland acknowledged disagreement over Russia's arms sales to the Syrian government.\n"
    "\n"
    "Feltman \"made clear how dangerous we consider this to be,\" Nuland said.\n"
    "\n"
    "Britain, France and the United States condemned Russia's arms sales to Syria which they said "
    "was fueling Assad's deadly crackdown.\n"
    "\n"
    "On Monday, the Russian daily newspaper Kommersant said Syria planned to buy 36 Russian Yak-130 "
    "military training aircraft, days after reports that a Russian ship was carrying 60 tons of "
    "weapons and other military equipment to Syria.";

}  // namespace

TEST_CASE("tokenize finds the words of a news article at their code-point offsets") {
    const Text t = text_of(kNews);
    CHECK(t.size() == 1629);
    const std::vector<Token> tokens = tokenize(t);
    CHECK(joined(t, {tokens.begin(), tokens.begin() + 10}) == "US|,|Russia|hold|“|constructive|”|Syrian|talks|US");
    CHECK(tokens[0] == Token{0, 2, TokenKind::Word, false});
    CHECK(tokens[1] == Token{2, 3, TokenKind::Punct, true});
    // Curly quotes are one code point each (three UTF-8 bytes).
    CHECK(tokens[4] == Token{16, 17, TokenKind::Punct, false});
    CHECK(tokens[5] == Token{17, 29, TokenKind::Word, false});
    CHECK(tokens[6] == Token{29, 30, TokenKind::Punct, true});
    CHECK(tokens[9].start == 45);  // after the blank line

    const Token* bashar = token_starting_at(tokens, 306);
    const Token* assad = token_starting_at(tokens, 313);
    const Token* number = token_starting_at(tokens, 406);
    const Token* yak = token_starting_at(tokens, 1484);
    CHECK((bashar && t.slice(bashar->start, bashar->end) == "Bashar"));
    CHECK((assad && *assad == Token{313, 321, TokenKind::Word, true}));
    CHECK(t.slice(306, 321) == "Bashar al-Assad");
    CHECK((number && *number == Token{406, 411, TokenKind::Number, true}));
    CHECK(t.slice(406, 411) == "5,000");
    CHECK((yak && *yak == Token{1484, 1491, TokenKind::Word, true}));
    CHECK(t.slice(1484, 1491) == "Yak-130");
    // Every token is non-empty, in order, and never contains whitespace.
    for (size_t i = 0; i < tokens.size(); ++i) {
        CHECK(tokens[i].start < tokens[i].end);
        if (i > 0) CHECK(tokens[i - 1].end <= tokens[i].start);
        CHECK(t.slice(tokens[i].start, tokens[i].end).find_first_of(" \n") == std::string_view::npos);
    }
}

TEST_CASE("names, abbreviations and numbers stay whole") {
    CHECK(words("Bashar al-Assad") == "Bashar|al-Assad");
    CHECK(spans("Bashar al-Assad") == "0-6 7-15");
    CHECK(words("O’Brien and O'Neil") == "O’Brien|and|O'Neil");
    CHECK(spans("O’Brien") == "0-7");
    CHECK(words("the U.S. economy") == "the|U.S.|economy");
    CHECK(spans("the U.S. economy") == "0-3 4-8 9-16");
    CHECK(words("in the U.S") == "in|the|U.S");
    CHECK(words("e.g. this") == "e.g.|this");
    CHECK(words("about 5,000 Syrians") == "about|5,000|Syrians");
    CHECK(kinds("about 5,000 Syrians") == "WNW");
    CHECK(words("3.5 percent, 1,234.5 and 42") == "3.5|percent|,|1,234.5|and|42");
    CHECK(kinds("3.5 percent, 1,234.5 and 42") == "NWPNWN");
    CHECK(words("36 Russian Yak-130 aircraft") == "36|Russian|Yak-130|aircraft");
    CHECK(kinds("Yak-130 F-16 3-D") == "WWW");
    CHECK(words("wouldn't, Russia's") == "would|n't|,|Russia|'s");  // clitics: see below
}

TEST_CASE("punctuation around words and numbers is split off") {
    CHECK(words("Syria.") == "Syria|.");
    CHECK(words("5,000.") == "5,000|.");
    CHECK(words("3.5,") == "3.5|,");
    CHECK(words("(Moscow)") == "(|Moscow|)");
    CHECK(words("Syrians' arms") == "Syrians|'|arms");
    CHECK(words("-5 and well-") == "-|5|and|well|-");
    CHECK(words("1990-2000") == "1990|-|2000");
    CHECK(kinds("1990-2000") == "NPN");
    CHECK(words("$5,000!") == "$|5,000|!");
    CHECK(kinds("$5,000!") == "SNP");
    CHECK(words("it... and") == "it|.|.|.|and");
    CHECK(words("Ph.D. student") == "Ph.D|.|student");  // not a chain of single letters
    CHECK(words("hello,world") == "hello|,|world");
    CHECK(words("") == "");
    CHECK(words(" \t\n ") == "");
}

TEST_CASE("space_after says whether whitespace follows the token") {
    const Text t = text_of("Hi, you.\tOK");
    const std::vector<Token> tokens = tokenize(t);
    CHECK(tokens.size() == 5);
    CHECK(tokens[0] == Token{0, 2, TokenKind::Word, false});
    CHECK(tokens[1] == Token{2, 3, TokenKind::Punct, true});
    CHECK(tokens[2] == Token{4, 7, TokenKind::Word, false});
    CHECK(tokens[3] == Token{7, 8, TokenKind::Punct, true});
    CHECK(tokens[4] == Token{9, 11, TokenKind::Word, false});
}

TEST_CASE("tokenize of a range keeps offsets relative to the whole text") {
    const Text t = text_of("US and “Russian” diplomats");
    const std::vector<Token> tokens = tokenize(t, 3, 17);
    CHECK(joined(t, tokens) == "and|“|Russian|”");
    CHECK(tokens.front().start == 3);
    CHECK(tokens.back() == Token{15, 16, TokenKind::Punct, true});
    // A range that ends inside a word clips it; an empty or reversed range has no tokens.
    CHECK(joined(t, tokenize(t, 0, 5)) == "US|an");
    CHECK(tokenize(t, 5, 5).empty());
    CHECK(tokenize(t, 9, 2).empty());
    CHECK(joined(t, tokenize(t, 17, 1000)) == "diplomats");
}

TEST_CASE("curly quotes and accents, precomposed and combining") {
    CHECK(words("“constructive”") == "“|constructive|”");
    CHECK(spans("“constructive”") == "0-1 1-13 13-14");
    CHECK(words("‘single’ «guillemets»") == "‘|single|’|«|guillemets|»");
    CHECK(words("café résumé") == "café|résumé");
    CHECK(spans("café résumé") == "0-4 5-11");
    // e + U+0301 COMBINING ACUTE ACCENT: five code points, one word.
    CHECK(words("cafe\u0301 noir") == "cafe\u0301|noir");
    CHECK(spans("cafe\u0301 noir") == "0-5 6-10");
    CHECK(spans("e\u0301") == "0-2");
    // A combining mark on punctuation stays with it.
    CHECK(spans("!\u0301 x") == "0-2 3-4");
}

TEST_CASE("emoji outside the BMP, ZWJ sequences, modifiers, keycaps and flags are single tokens") {
    CHECK(words("🚀 Paris") == "🚀|Paris");
    CHECK(spans("🚀 Paris") == "0-1 2-7");
    CHECK(kinds("🚀 Paris") == "SW");
    // 👨🏻‍🚒: man, skin tone, ZWJ, fire engine.
    CHECK(spans("👨🏻‍🚒 firefighter") == "0-4 5-16");
    CHECK(words("👨🏻‍🚒 firefighter") == "👨🏻‍🚒|firefighter");
    CHECK(spans("👨‍👩‍👧!") == "0-5 5-6");
    CHECK(spans("👍🏽👍") == "0-2 2-3");
    CHECK(spans("❤️ love") == "0-2 3-7");  // heart + VS16
    CHECK(spans("1️⃣ one") == "0-3 4-7");  // digit + VS16 + combining enclosing keycap
    // Regional indicators pair up into flags, left to right.
    CHECK(spans("🇫🇷🇩🇪") == "0-2 2-4");
    CHECK(spans("🇫🇷🇩") == "0-2 2-3");
    CHECK(spans("Paris🇫🇷") == "0-5 5-7");
    // A subdivision flag: black flag + tag letters + cancel tag.
    CHECK(spans("🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland") == "0-7 8-16");
}

TEST_CASE("CJK ideographs are one token each; other scripts form words") {
    CHECK(words("東京タワー") == "東|京|タ|ワ|ー");
    CHECK(spans("東京タワー") == "0-1 1-2 2-3 3-4 4-5");
    CHECK(kinds("東京タワー") == "WWWWW");
    CHECK(words("東京に行きました。") == "東|京|に|行|き|ま|し|た|。");
    CHECK(words("Tokyo東京") == "Tokyo|東|京");
    CHECK(spans("か\u3099") == "0-2");  // kana + combining voiced sound mark
    CHECK(words("Αθήνα, Ελλάδα") == "Αθήνα|,|Ελλάδα");
    CHECK(spans("Αθήνα, Ελλάδα") == "0-5 5-6 7-13");
    CHECK(words("Москва — столица России.") == "Москва|—|столица|России|.");
    CHECK(spans("Москва — столица России.") == "0-6 7-8 9-16 17-23 23-24");
    CHECK(words("بشار الأسد، سوريا") == "بشار|الأسد|،|سوريا");
    CHECK(spans("بشار الأسد، سوريا") == "0-4 5-10 10-11 12-17");
    CHECK(words("٣٬٥٠٠ नमस्ते 서울") == "٣٬٥٠٠|नमस्ते|서울");
    CHECK(kinds("٣٬٥٠٠ ٣٫٥") == "NN");  // Arabic thousands and decimal separators
}

TEST_CASE("CRLF, tabs, NBSP, ideographic space and invisible controls separate tokens") {
    CHECK(words("one\r\ntwo\r\n") == "one|two");
    CHECK(spans("one\r\ntwo\r\n") == "0-3 5-8");
    CHECK(spans("a\tb\u00A0c\u3000d\u2003e") == "0-1 2-3 4-5 6-7 8-9");
    CHECK(spans("a\u2028b\u2029c") == "0-1 2-3 4-5");
    CHECK(spans("a\u200Bb") == "0-1 2-3");      // zero-width space
    CHECK(spans("\uFEFFtext") == "1-5");        // byte-order mark
    CHECK(spans("co\u00ADoperate") == "0-10");  // soft hyphen inside a word
    const Text t = text_of("end\r\nnext");
    const std::vector<Token> tokens = tokenize(t);
    CHECK(tokens[0].space_after);
}

TEST_CASE("split_sentences splits a news article into its sentences") {
    const Text t = text_of(kNews);
    const std::vector<Token> tokens = tokenize(t);
    const std::vector<TokenRange> s = split_sentences(t, tokens);
    CHECK(s.size() == 11);
    CHECK(s.front() == TokenRange{0, 9});  // the headline, ended by the blank line
    CHECK(s.back().end == tokens.size());
    for (size_t i = 1; i < s.size(); ++i) CHECK(s[i - 1].end == s[i].begin);
    CHECK(t.slice(tokens[s[4].begin].start, tokens[s[4].end - 1].end) ==
          "\"I wouldn't say that there was a major breakthrough.");
}

TEST_CASE("split_sentences follows the terminator, what follows it, and blank lines") {
    CHECK(sentences("He left. She stayed.") == "He left. / She stayed.");
    CHECK(sentences("Is it? yes it is.") == "Is it? yes it is.");
    CHECK(sentences("Wait... what? No!") == "Wait... what? / No!");
    CHECK(sentences("Really?! Yes.") == "Really?! / Yes.");
    CHECK(sentences("He said “Go.” Then he left.") == "He said “Go.” / Then he left.");
    CHECK(sentences("He left. \"Why?\" she asked.") == "He left. / \"Why?\" she asked.");
    CHECK(sentences("It costs 3.5 dollars. Fine.") == "It costs 3.5 dollars. / Fine.");
    CHECK(sentences("Mr. Smith met George W. Bush. They talked.") == "Mr. Smith met George W. Bush. / They talked.");
    CHECK(sentences("A headline\n\nThe body") == "A headline / The body");
    CHECK(sentences("A headline\r\n\r\nThe body") == "A headline / The body");
    CHECK(sentences("line one\nline two") == "line one\nline two");
    CHECK(sentences("It ended.\nnext paragraph") == "It ended. / next paragraph");
    CHECK(sentences("He lives in the U.S.\n\nNext") == "He lives in the U.S. / Next");
    CHECK(sentences("東京に行きました。京都も。") == "東京に行きました。 / 京都も。");
    CHECK(sentences("no terminator at all") == "no terminator at all");
    const Text empty = text_of("  ");
    CHECK(split_sentences(empty, tokenize(empty)).empty());
}

TEST_CASE("word_at finds the token at an offset, and nothing on whitespace or past the end") {
    const Text t = text_of("Hello, world\n\nBashar al-Assad 👨🏻‍🚒!");
    CHECK(word_at(t, 0) == Span{0, 5});
    CHECK(word_at(t, 4) == Span{0, 5});
    CHECK(word_at(t, 5) == Span{5, 6});  // the comma
    CHECK(word_at(t, 6) == Span{6, 6});  // a space
    CHECK(word_at(t, 11) == Span{7, 12});
    CHECK(word_at(t, 12) == Span{12, 12});  // the line break
    CHECK(word_at(t, 13) == Span{13, 13});
    CHECK(word_at(t, 14) == Span{14, 20});
    CHECK(word_at(t, 24) == Span{21, 29});
    CHECK(t.slice(21, 29) == "al-Assad");
    // Anywhere inside the emoji cluster gives the whole cluster.
    for (size_t cp = 30; cp < 34; ++cp) CHECK(word_at(t, cp) == Span{30, 34});
    CHECK(word_at(t, 34) == Span{34, 35});
    CHECK(t.size() == 35);
    CHECK(word_at(t, 35) == Span{35, 35});
    CHECK(word_at(t, 1000) == Span{35, 35});
    const Text empty;
    CHECK(word_at(empty, 0) == Span{0, 0});
}

TEST_CASE("word_at agrees with tokenize on every offset of a long text") {
    const Text t = text_of(kNews);
    const std::vector<Token> tokens = tokenize(t);
    size_t k = 0;
    for (size_t cp = 0; cp < t.size(); ++cp) {
        while (k < tokens.size() && tokens[k].end <= cp) ++k;
        const bool inside = k < tokens.size() && tokens[k].start <= cp;
        const Span want = inside ? Span{tokens[k].start, tokens[k].end} : Span{cp, cp};
        if (!(word_at(t, cp) == want)) {
            FAIL_CHECK("word_at(" << cp << ") differs from the token");
            break;
        }
    }
}

TEST_CASE("snap_to_words grows a selection to whole tokens and trims whitespace") {
    const Text t = text_of("Bashar al-Assad said\n\nthe 👨🏻‍🚒 left.  ");
    CHECK(snap_to_words(t, 2, 10) == Span{0, 15});
    CHECK(snap_to_words(t, 0, 15) == Span{0, 15});
    CHECK(snap_to_words(t, 5, 8) == Span{0, 15});
    CHECK(snap_to_words(t, 6, 8) == Span{7, 15});     // leading space trimmed
    CHECK(snap_to_words(t, 7, 16) == Span{7, 15});    // trailing space trimmed
    CHECK(snap_to_words(t, 10, 2) == Span{0, 15});    // reversed
    CHECK(snap_to_words(t, 6, 7) == Span{6, 6});      // only whitespace
    CHECK(snap_to_words(t, 20, 22) == Span{20, 20});  // only the blank line
    CHECK(snap_to_words(t, 4, 4) == Span{4, 4});      // empty
    // Across the paragraph break.
    CHECK(snap_to_words(t, 17, 24) == Span{16, 25});
    CHECK(t.slice(16, 25) == "said\n\nthe");
    // Inside the emoji cluster.
    CHECK(snap_to_words(t, 27, 28) == Span{26, 30});
    CHECK(snap_to_words(t, 28, 32) == Span{26, 35});
    // At the end, and past it.
    CHECK(t.size() == 38);
    CHECK(snap_to_words(t, 31, 38) == Span{31, 36});
    CHECK(snap_to_words(t, 35, 1000) == Span{35, 36});
    CHECK(snap_to_words(t, 36, 1000) == Span{36, 36});
    CHECK(snap_to_words(t, 0, 1000) == Span{0, 36});
}

TEST_CASE("grapheme stepping keeps clusters whole") {
    const Text t = text_of("e\u0301x👨🏻‍🚒🇫🇷🇩🇪a\r\nb\u1100\u1161\u11A8");
    // Boundaries: e+acute | x | man+tone+ZWJ+engine | FR | DE | a | CRLF | b | Hangul L V T.
    const std::vector<size_t> want = {0, 2, 3, 7, 9, 11, 12, 14, 15, 18};
    CHECK(t.size() == 18);
    std::vector<size_t> forward = {0};
    for (size_t cp = 0; cp < t.size();) forward.push_back(cp = next_grapheme(t, cp));
    CHECK(forward == want);
    std::vector<size_t> backward = {t.size()};
    for (size_t cp = t.size(); cp > 0;) backward.insert(backward.begin(), cp = prev_grapheme(t, cp));
    CHECK(backward == want);
    // From inside a cluster: forward to its end, back to its start.
    CHECK(next_grapheme(t, 1) == 2);
    CHECK(prev_grapheme(t, 1) == 0);
    CHECK(next_grapheme(t, 5) == 7);
    CHECK(prev_grapheme(t, 5) == 3);
    CHECK(prev_grapheme(t, 10) == 9);
    CHECK(next_grapheme(t, 13) == 14);  // between \r and \n
    // At and past the edges.
    CHECK(prev_grapheme(t, 0) == 0);
    CHECK(next_grapheme(t, 18) == 18);
    CHECK(next_grapheme(t, 99) == 18);
    CHECK(prev_grapheme(t, 99) == 15);
    const Text empty;
    CHECK(next_grapheme(empty, 0) == 0);
    CHECK(prev_grapheme(empty, 0) == 0);
}

TEST_CASE("grapheme boundaries follow UAX #29 test cases") {
    // From GraphemeBreakTest.txt (Unicode 15.0): each string and its cluster lengths.
    struct Case {
        std::u32string text;
        std::vector<size_t> lengths;
    };
    const std::vector<Case> cases = {
        {U"\r\n", {2}},
        {U"\n\u0308", {1, 1}},                            // no extend after a control
        {U"a\u0308\u200D", {3}},                          // extend and ZWJ join
        {U"a\u0903", {2}},                                // spacing mark
        {U"\u1100\uAC00\u11A8", {3}},                     // L LV T
        {U"\uAC01\u1161", {1, 1}},                        // LVT does not take V
        {U"\U0001F1E6\U0001F1E7\U0001F1E8b", {2, 1, 1}},  // RI pairs
        {U"a\U0001F1E6\U0001F1E7\U0001F1E8\U0001F1E9", {1, 2, 2}},
        {U"\u2701\u200D\u2701", {3}},  // ExtPict ZWJ ExtPict
        {U"a\u200D\u2701", {2, 1}},    // no GB11 without a pictograph
        {U"\U0001F6D1\u200D\U0001F6D1", {3}},
        {U"\U0001F476\U0001F3FF\u0308\u200D\U0001F476\U0001F3FF", {6}},
    };
    for (const Case& c : cases) {
        std::string utf8;
        for (char32_t ch : c.text) utf8::append(utf8, ch);
        const Text t = text_of(utf8);
        std::vector<size_t> lengths;
        for (size_t cp = 0; cp < t.size();) {
            const size_t next = next_grapheme(t, cp);
            lengths.push_back(next - cp);
            cp = next;
        }
        CHECK(lengths == c.lengths);
    }
}

TEST_CASE("English clitics and French/Italian elisions are words of their own") {
    CHECK(words("Arab League's envoy") == "Arab|League|'s|envoy");
    CHECK(words("Arab League’s envoy") == "Arab|League|’s|envoy");
    CHECK(words("ASSAD'S forces") == "ASSAD|'S|forces");
    CHECK(words("They don't know, it isn't") == "They|do|n't|know|,|it|is|n't");
    CHECK(words("l’Assemblée d’Italie qu’il dell’Unione") == "l’|Assemblée|d’|Italie|qu’|il|dell’|Unione");
    CHECK(words("L'Europe") == "L'|Europe");
    // Not clitics: a name, a possessive plural, a word that merely starts with "s" after the apostrophe.
    CHECK(words("O’Brien’s car") == "O’Brien|’s|car");
    CHECK(words("O’Brien and D’Souza") == "O’Brien|and|D’|Souza");
    CHECK(words("the students’ union") == "the|students|’|union");
    CHECK(words("rock'sy") == "rock'sy");
    CHECK(words("'s alone") == "'|s|alone");
    CHECK(spans("League's") == "0-6 6-8");
}

TEST_CASE("snapping over \"Arab League's\" gives \"Arab League\"") {
    const Text t = text_of("The Arab League's envoy met l’Assemblée.");
    CHECK(snap_to_words(t, 5, 13) == Span{4, 15});  // "rab Leag" -> "Arab League"
    CHECK(word_at(t, 15) == Span{15, 17});          // the "'s"
    CHECK(word_at(t, 14) == Span{9, 15});
    CHECK(snap_to_words(t, 29, 30) == Span{28, 30});  // "l’"
    CHECK(snap_to_words(t, 31, 34) == Span{30, 39});  // "Assemblée"
}
