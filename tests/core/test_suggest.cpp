// Tests for src/core/suggest: gazetteer parsing (errors with line numbers) and writing, matching
// (leftmost-longest, case and whole-word options, many terms), the capitalised-name suggester on
// news sentences, and the merge of several sources against existing entities.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/suggest.hpp"
#include "core/text_of.hpp"

using namespace aa;

namespace {

using aa::test::text_of;

// "start-end:text:LABEL" per suggestion.
std::vector<std::string> show(const Text& t, const std::vector<Suggestion>& ss) {
    std::vector<std::string> out;
    for (const Suggestion& s : ss)
        out.push_back(std::to_string(s.start) + "-" + std::to_string(s.end) + ":" +
                      std::string(t.slice(s.start, s.end)) + ":" + s.label);
    return out;
}

std::vector<std::string> names_in(const std::string& s) {
    const Text t = text_of(s);
    std::vector<std::string> out;
    for (const Suggestion& x : suggest_names(t)) out.emplace_back(t.slice(x.start, x.end));
    return out;
}

std::string parse_error(std::string_view input) {
    auto r = parse_gazetteer(input);
    return r.ok() ? std::string("(parsed)") : r.error().message;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("a gazetteer is read from tab- or comma-separated lines, with comments and quotes") {
    auto r = parse_gazetteer(
        "\xEF\xBB\xBF# people\r\n"
        "Bashar al-Assad\tPER\r\n"
        "\n"
        "  Victoria Nuland ,  PER  \n"
        "Washington, D.C.,LOC\n"
        "\"Smith, \"\"Jr\"\"\",PER\n"
        "\"#hashtag\"\tMISC\n"
        "Bashar al-Assad\tPER\n"
        "United Nations\tORG");
    REQUIRE(r.ok());
    const Gazetteer& g = r.value();
    CHECK(g.entries == std::vector<GazetteerEntry>{{"Bashar al-Assad", "PER"},
                                                   {"Victoria Nuland", "PER"},
                                                   {"Washington, D.C.", "LOC"},
                                                   {"Smith, \"Jr\"", "PER"},
                                                   {"#hashtag", "MISC"},
                                                   {"United Nations", "ORG"}});
    CHECK(g.case_sensitive);
    CHECK(g.whole_word);
}

TEST_CASE("gazetteer errors name their line") {
    CHECK(parse_error("Assad\tPER\nNuland\n") == "line 2: expected \"term<TAB>LABEL\" or \"term,LABEL\"");
    CHECK(parse_error("# c\n\n\t,PER") == "line 3: empty term");
    CHECK(parse_error("Assad,") == "line 1: a label name cannot be empty");
    CHECK(parse_error("Assad\tPER\n\"Nuland,PER") == "line 2: unterminated quoted term");
    CHECK(parse_error("\"Nuland\" PER") == "line 1: expected a tab or a comma after the quoted term");
    CHECK(parse_error("Assad\tPER\nx\ty\nAssad\tORG") == "line 3: \"Assad\" is PER on line 1 and ORG here");
    CHECK(parse_error("a\tPER\nb\t\xFF") == "line 2: invalid UTF-8 at byte 8: byte 0xFF never appears in UTF-8");
    auto r = parse_gazetteer("a\tPER\n\nb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().line == 3);
    CHECK(parse_gazetteer("").ok());
    CHECK(parse_gazetteer("# only comments\n\n").value().entries.empty());
}

TEST_CASE("a gazetteer reads alike with \\n, \\r\\n and a lone \\r (old Mac) line ends; errors name the same line") {
    const std::string lines[] = {"# places", "Paris\tLOC", "\"Smith, John\",PER", "", "Berlin,LOC"};
    std::vector<Gazetteer> read;
    for (const char* eol : {"\n", "\r\n", "\r"}) {
        std::string in;
        for (const std::string& l : lines) in += l + eol;
        auto r = parse_gazetteer(in);
        REQUIRE_MESSAGE(r.ok(), eol);
        read.push_back(*r);
        CHECK(parse_error("a\tPER" + std::string(eol) + eol + "b") ==
              "line 3: expected \"term<TAB>LABEL\" or \"term,LABEL\"");
        CHECK(parse_error("a\tPER" + std::string(eol) + "b\t\xFF").find("line 2: invalid UTF-8") == 0);
    }
    CHECK(read[0].entries.size() == 3);
    CHECK(read[1] == read[0]);
    CHECK(read[2] == read[0]);
}

TEST_CASE("format_gazetteer writes what parse_gazetteer reads back") {
    Gazetteer g;
    g.entries = {{"Assad", "PER"}, {" padded ", "MISC"}, {"\"quoted\"", "MISC"}, {"#tag", "MISC"}, {"a,b", "ORG"}};
    const std::string text = format_gazetteer(g);
    CHECK(text == "Assad\tPER\n\" padded \"\tMISC\n\"\"\"quoted\"\"\"\tMISC\n\"#tag\"\tMISC\na,b\tORG\n");
    auto back = parse_gazetteer(text);
    REQUIRE(back.ok());
    // The parser trims a term, quoted or not.
    g.entries[1].term = "padded";
    CHECK(back.value().entries == g.entries);
}

TEST_CASE("gazetteer matches prefer the longest term at the leftmost position") {
    const Text t = text_of("The UN Security Council and the Security Council of the UN met at the UN.");
    Gazetteer g;
    g.entries = {{"UN", "ORG"}, {"Security Council", "ORG"}, {"UN Security Council", "ORG"}, {"Council", "MISC"}};
    CHECK(show(t, match_gazetteer(t, g)) ==
          V{"4-23:UN Security Council:ORG", "32-48:Security Council:ORG", "56-58:UN:ORG", "70-72:UN:ORG"});
}

TEST_CASE("gazetteer case and whole-word options") {
    const Text t = text_of("Assad, ASSAD and al-Assad; Assadism. L’ÉCOLE");
    Gazetteer g;
    g.entries = {{"Assad", "PER"}, {"école", "ORG"}};
    CHECK(show(t, match_gazetteer(t, g)) == V{"0-5:Assad:PER", "20-25:Assad:PER"});
    g.case_sensitive = false;
    CHECK(show(t, match_gazetteer(t, g)) == V{"0-5:Assad:PER", "7-12:ASSAD:PER", "20-25:Assad:PER", "39-44:ÉCOLE:ORG"});
    g.whole_word = false;
    CHECK(show(t, match_gazetteer(t, g)) ==
          V{"0-5:Assad:PER", "7-12:ASSAD:PER", "20-25:Assad:PER", "27-32:Assad:PER", "39-44:ÉCOLE:ORG"});
    // Case-insensitive, the first of two entries that fold alike gives the label.
    g.entries = {{"un", "MISC"}, {"UN", "ORG"}};
    g.whole_word = true;
    const Text u = text_of("UN un");
    CHECK(show(u, match_gazetteer(u, g)) == V{"0-2:UN:MISC", "3-5:un:MISC"});
}

TEST_CASE("gazetteer terms overlapping inside each other are all found through the suffix links") {
    const Text t = text_of("she sells his hershey");
    Gazetteer g;
    g.whole_word = false;
    g.entries = {{"he", "A"}, {"she", "B"}, {"his", "C"}, {"hers", "D"}};
    // Ending at 3: "she" and, through the output link, "he"; at 18, "hers" only; at 20, "she" and "he".
    CHECK(show(t, match_gazetteer(t, g)) == V{"0-3:she:B", "10-13:his:C", "14-18:hers:D", "18-20:he:A"});
}

TEST_CASE("a gazetteer of thousands of terms matches only the listed words") {
    Gazetteer g;
    for (int i = 0; i < 5000; ++i) g.entries.push_back({"Term" + std::to_string(i), i % 2 ? "ORG" : "PER"});
    const Text t = text_of("Term12 and Term4999 but not Term50000 nor Term; Term7.");
    CHECK(show(t, match_gazetteer(t, g)) == V{"0-6:Term12:PER", "11-19:Term4999:ORG", "48-53:Term7:ORG"});
}

TEST_CASE("the name suggester finds capitalised names with connectors in news sentences") {
    CHECK(names_in("Washington is calling for the resignation of Syrian President Bashar al-Assad while the "
                   "Russians continue to support him.") == V{"Washington", "Syrian", "Bashar al-Assad", "Russians"});
    CHECK(names_in("State Department spokesperson Victoria Nuland said.") == V{"State Department", "Victoria Nuland"});
    CHECK(names_in("She added that the talks were likely to lead to cooperation at the United Nations, where the "
                   "Security Council is considering how to respond.") == V{"United Nations", "Security Council"});
    CHECK(names_in("However, Nuland acknowledged disagreement over Russia's arms sales.") == V{"Nuland", "Russia"});
    CHECK(names_in("The governor of the Bank of England met Bashar al Assad and Ludwig van Beethoven.") ==
          V{"Bank of England", "Bashar al Assad", "Ludwig van Beethoven"});
    CHECK(names_in("The UN Security Council has not yet adopted a resolution.") == V{"UN Security Council"});
    CHECK(names_in("Assad immediately dismissed the plan as meddling in Syria's internal affairs.") ==
          V{"Assad", "Syria"});
    CHECK(names_in("\"I wouldn't say that there was a major breakthrough. But I think so.\"").empty());
    CHECK(names_in("On Monday, the Russian daily newspaper Kommersant said so.") == V{"Russian", "Kommersant"});
    // An opening word that also occurs in lowercase is not a name; a line break ends a name.
    CHECK(names_in("Talks went on. Talks are talks.") == V{});
    CHECK(names_in("Britain, France and Germany\nArab League") == V{"Britain", "France", "Germany", "Arab League"});
    CHECK(names_in("Mr. Feltman met Prime Minister David Cameron.") == V{"Feltman", "David Cameron"});
}

TEST_CASE("the name suggester's offsets and label") {
    const Text t = text_of("“Feltman” met Victoria Nuland’s aide");
    NameOptions o;
    o.label = "PER";
    CHECK(show(t, suggest_names(t, o)) == V{"1-8:Feltman:PER", "14-29:Victoria Nuland:PER"});
    CHECK(suggest_names(text_of("")).empty());
}

TEST_CASE("merged suggestions drop what is annotated and overlapping duplicates, earlier sources first") {
    auto tt = Text::from_utf8("Bashar al-Assad met Victoria Nuland in Moscow and Assad.");
    REQUIRE(tt.ok());
    Document d(std::move(tt.value()));
    Entity e;
    e.id = "e1";
    e.start = 39;
    e.end = 45;  // Moscow
    e.label = "LOC";
    REQUIRE(d.insert_entity(e).ok());
    e.id = "e2";
    e.start = 50;
    e.end = 55;  // Assad as ORG
    e.label = "ORG";
    REQUIRE(d.insert_entity(e).ok());
    const std::vector<Suggestion> gazetteer{{10, 15, "PER", "gazetteer"}, {29, 35, "PER", "gazetteer"}};
    const std::vector<Suggestion> rules{{39, 45, "LOC", "rule"}, {0, 99, "MISC", "rule"}, {50, 55, "PER", "rule"}};
    const std::vector<Suggestion> names{
        {0, 15, "MISC", "names"}, {20, 35, "MISC", "names"}, {39, 45, "MISC", "names"}, {0, 6, "MISC", "names"}};
    const auto merged = merge_suggestions(d, {gazetteer, rules, names});
    // Moscow: annotated as LOC (the rule) or exactly spanned by an entity (names). Assad at 50: the
    // same span as e2. "Bashar al-Assad" (names) overlaps the gazetteer's Assad; [0, 99) is past the end.
    CHECK(merged ==
          std::vector<Suggestion>{{0, 6, "MISC", "names"}, {10, 15, "PER", "gazetteer"}, {29, 35, "PER", "gazetteer"}});
}

TEST_CASE("days, months and sentence-opening function words are never names; nor is a name glued to @ # _ or digits") {
    CHECK(names_in("The State Department said Tuesday that since March 5,000 Syrians died.") ==
          V{"State Department", "Syrians"});
    CHECK(names_in("In May, Nuland met Feltman on Friday 3 June. However Lavrov left.") ==
          V{"Nuland", "Feltman", "Lavrov"});
    CHECK(names_in("They follow @NOW_Syria, #Syria or Syria.") == V{"Syria"});
}

TEST_CASE("each name gets the label its words suggest: lexicon names, titles, cues, head words") {
    const Text t = text_of(
        "US and Russian diplomats met in Moscow, the State Department said. Syrian President Bashar al-Assad "
        "stayed. State Department spokesperson Victoria Nuland spoke to the newspaper Kommersant and Mr. Smith. "
        "The Arab League met the United Nations.");
    NameOptions o;
    o.label = "PER";
    o.labels = {"PER", "ORG", "LOC", "MISC"};
    CHECK(show(t, suggest_names(t, o)) ==
          V{"0-2:US:LOC", "7-14:Russian:MISC", "32-38:Moscow:LOC", "44-60:State Department:ORG", "67-73:Syrian:MISC",
            "84-99:Bashar al-Assad:PER", "108-124:State Department:ORG", "138-153:Victoria Nuland:PER",
            "177-187:Kommersant:ORG", "196-201:Smith:PER", "207-218:Arab League:ORG", "227-241:United Nations:ORG"});
    // A label the document lacks is not given: the default instead.
    o.labels = {"PER"};
    CHECK(show(t, suggest_names(t, o))[0] == "0-2:US:PER");
}

TEST_CASE("an office after a title is no name; the person after it is") {
    CHECK(names_in("US Assistant Secretary of State for Near Eastern Affairs Jeffrey Feltman reported.") ==
          V{"US", "Jeffrey Feltman"});
    CHECK(names_in("He met Secretary of State Kerry and Minister of Defence Ehud Barak.") == V{"Kerry", "Ehud Barak"});
    CHECK(names_in("He met the Secretary of State.") == V{});
    CHECK(names_in("He met the Syrian President.") == V{"Syrian"});
}

TEST_CASE("a text labelled already is suggested with that label, in the names and by itself") {
    auto tt = Text::from_utf8("Moscow said Moscow. Nuland met Nuland and apple met apple.");
    REQUIRE(tt.ok());
    Document d(std::move(tt.value()));
    for (auto [id, a, b, l] :
         {std::tuple{"e1", 0, 6, "ORG"}, std::tuple{"e2", 20, 26, "PER"}, std::tuple{"e3", 31, 37, "LOC"},
          std::tuple{"e4", 31, 37, "PER"}, std::tuple{"e5", 42, 47, "MISC"}}) {
        Entity e;
        e.id = id;
        e.start = static_cast<size_t>(a);
        e.end = static_cast<size_t>(b);
        e.label = l;
        REQUIRE(d.insert_entity(e).ok());
    }
    // Nuland is PER once and LOC once: the first given wins the tie.
    const WordLabels known = known_labels({&d});
    CHECK(known == WordLabels{{"Moscow", "ORG"}, {"Nuland", "PER"}, {"apple", "MISC"}});
    NameOptions o;
    o.known = known;
    CHECK(show(d.text(), suggest_names(d.text(), o)) ==
          V{"0-6:Moscow:ORG", "12-18:Moscow:ORG", "20-26:Nuland:PER", "31-37:Nuland:PER"});
    CHECK(show(d.text(), match_known(d.text(), known)) == V{"0-6:Moscow:ORG", "12-18:Moscow:ORG", "20-26:Nuland:PER",
                                                            "31-37:Nuland:PER", "42-47:apple:MISC",
                                                            "52-57:apple:MISC"});
    CHECK(match_known(d.text(), known)[0].source == "known");
}

TEST_CASE("SuggestRun in pieces of any size gives the whole-text suggestions of every source") {
    // Paragraphs (blank lines between, one with CRLF) with names at sentence starts whose words occur
    // in lowercase only in other paragraphs ("Talks", "Today"), a title, a cue, non-ASCII names, a
    // known text and gazetteer terms, case-insensitive and part-word ones.
    const std::string s =
        "Talks in Zürich went on. Syrian President Bashar al-Assad met Angela Merkel.\n\n"
        "Today Moscow said so. State Department spokesperson Victoria Nuland agreed.\r\n\r\n"
        "the talks ended today. The Bank of England and São Paulo, with merkel and MERKEL.\n"
        "Britain, France and Germany\nArab League\n\n\n"
        "Mr. Feltman met Prime Minister David Cameron in Zürich. Nuland’s aide stayed.";
    const Text t = text_of(s);
    WordLabels known{{"Nuland", "PER"}, {"São Paulo", "LOC"}, {"Zürich", "LOC"}};
    Gazetteer gaz = parse_gazetteer("merkel\tPER\nBank of England\tORG\nank\tMISC\n").value();
    gaz.case_sensitive = false;
    NameOptions names;
    names.label = "MISC";
    names.known = known;
    const auto want_known = match_known(t, known), want_gaz = match_gazetteer(t, gaz),
               want_names = suggest_names(t, names);
    CHECK(show(t, want_names).size() > 8);
    for (bool whole_word : {true, false}) {
        gaz.whole_word = whole_word;
        const auto want_g = match_gazetteer(t, gaz);
        for (size_t step : {size_t{1}, size_t{7}, size_t{60}, size_t{100000}}) {
            CAPTURE(whole_word);
            CAPTURE(step);
            SuggestRun run(t, known, &gaz, &names);
            size_t steps = 0;
            double progress = 0;
            while (!run.step(step)) {
                ++steps;
                CHECK(run.progress() >= progress);
                progress = run.progress();
            }
            CHECK(run.progress() == 1);
            CHECK(steps >= (step == 1 ? 10u : 0u));  // several pieces a pass
            CHECK(show(t, run.take_known()) == show(t, want_known));
            CHECK(show(t, run.take_gazetteer()) == show(t, want_g));
            CHECK(show(t, run.take_names()) == show(t, want_names));
        }
    }
    (void)want_gaz;
    // A term with a line break is matched over the whole text (it may cross a blank line).
    const WordLabels across{{"Arab League\n\n\nMr", "MISC"}};
    SuggestRun run(t, across, nullptr, nullptr);
    while (!run.step(5)) {
    }
    CHECK(show(t, run.take_known()) == show(t, match_known(t, across)));
    CHECK(run.take_names().empty());
    SuggestRun none(text_of(""), known, &gaz, &names);
    CHECK(none.done());
}

TEST_CASE("SuggestRun cut at any line break gives the whole-text suggestions in several scripts") {
    // Random lines of English, Arabic, Chinese and mixed words, with sentences that go on over a
    // single line break or end at one (".", "U.S.", "。", "؟", a closer after a terminator), blank
    // lines, CRLF, a lone CR, LS / PS separators, lines with no word, combining marks and a ZWJ
    // at a line's start: every step size must give what the whole-text functions give.
    const std::vector<std::string> parts = {
        "The",     "talks",    "Talks",        "Moscow",       "Bank",   "of",      "England", "President",
        "Bashar",  "al-Assad", "Mr.",          "Feltman",      "U.S.",   "said",    "today",   "Today",
        "Zürich",  "Nuland",   "spokesperson", "Victoria",     "وزير",   "القاهرة", "مصر",     "رويترز",
        "Reuters", "中国",     "外交部",       "北京",         "新华社", "上海",    ".",       ".",
        "!",       "?",        "。",           "，",           "؟",      "،",       ")",       "”",
        "—",       ",",        "\xCC\x81",     "\xE2\x80\x8D", "(",      "“",       "5,000",   "1990",
        "",        ""};
    const std::vector<std::string> gaps = {
        " ", " ", " ", " ", "\n", "\n", "\r\n", "\n\n", "\r", "\xE2\x80\xA8", "\xE2\x80\xA9", "\n \n", "  ", ""};
    std::mt19937 rng(11);
    const WordLabels known{{"Nuland", "PER"}, {"مصر", "LOC"}, {"北京", "LOC"}, {"Bank of England", "ORG"}};
    Gazetteer gaz = parse_gazetteer("moscow\tLOC\n外交部\tORG\nZürich\tLOC\nالقاهرة\tLOC\nank\tMISC\n").value();
    gaz.case_sensitive = false;
    NameOptions names;
    names.label = "MISC";
    names.known = known;
    for (int round = 0; round < 60; ++round) {
        std::string s;
        const size_t n = 20 + rng() % 200;
        for (size_t i = 0; i < n; ++i) {
            s += parts[rng() % parts.size()];
            s += gaps[rng() % gaps.size()];
        }
        const Text t = text_of(s);
        gaz.whole_word = round % 2 == 0;
        const auto want_known = show(t, match_known(t, known)), want_gaz = show(t, match_gazetteer(t, gaz)),
                   want_names = show(t, suggest_names(t, names));
        for (size_t step : {size_t{1}, size_t{5}, size_t{40}, size_t{1000}}) {
            CAPTURE(round);
            CAPTURE(step);
            CAPTURE(s);
            SuggestRun run(t, known, &gaz, &names);
            while (!run.step(step)) {
            }
            CHECK(show(t, run.take_known()) == want_known);
            CHECK(show(t, run.take_gazetteer()) == want_gaz);
            CHECK(show(t, run.take_names()) == want_names);
        }
    }
}

TEST_CASE("SuggestRun's pieces end at single line breaks: a text without blank lines is many pieces") {
    // The Arabic and Chinese benchmark articles have no blank line: each step must stay a step.
    std::string s;
    for (int i = 0; i < 200; ++i) s += "中国外交部发言人毛宁周二在北京表示，中方欢迎联合国秘书长古特雷斯访华。\n";
    const Text t = text_of(s);
    NameOptions names;
    SuggestRun run(t, {}, nullptr, &names);
    size_t steps = 1;
    double progress = 0;
    while (!run.step(1000)) {
        ++steps;
        CHECK(run.progress() > progress);
        progress = run.progress();
    }
    // Three passes of about 21 KB each, 1 KB a step (a step ends at the next line break).
    CHECK(steps >= 3 * 19);
    CHECK(steps <= 3 * 22);
}
