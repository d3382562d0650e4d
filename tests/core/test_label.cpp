// Tests for src/core/label: colours (hex, parse, WCAG luminance and the readable text colour),
// label name and hotkey checks with their messages, LabelSet edits, the palette and the presets.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "checks.hpp"
#include "core/label.hpp"

using namespace aa;
using aa::test::message_of;

namespace {

// WCAG 2 contrast ratio between two colours, computed here independently of Color::luminance.
double lin(uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double lum(Color c) { return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b); }
double contrast(Color a, Color b) {
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const Color kBlack{0, 0, 0}, kWhite{255, 255, 255};

Label label(std::string name, std::string key = {}, Color c = {}) {
    return Label{std::move(name), c, std::move(key), {}};
}

std::vector<std::string> names(const std::vector<Label>& ls) {
    std::vector<std::string> out;
    for (const Label& l : ls) out.push_back(l.name);
    return out;
}

}  // namespace

TEST_CASE("Color::hex writes lower-case #rrggbb and parse reads it back") {
    CHECK(Color{0xaa, 0x9c, 0xfc}.hex() == "#aa9cfc");
    CHECK(Color{0, 0, 0}.hex() == "#000000");
    CHECK(Color{255, 255, 255}.hex() == "#ffffff");
    CHECK(Color::parse("#aa9cfc") == Color{0xaa, 0x9c, 0xfc});
    CHECK(Color::parse("#AA9CFC") == Color{0xaa, 0x9c, 0xfc});
    CHECK(Color::parse("#abc") == Color{0xaa, 0xbb, 0xcc});
    CHECK(Color::parse("#0F0") == Color{0, 0xff, 0});
    for (unsigned v = 0; v < 256; v += 5) {
        const Color c{static_cast<uint8_t>(v), static_cast<uint8_t>(255 - v), static_cast<uint8_t>((v * 7) % 256)};
        CHECK(Color::parse(c.hex()) == c);
    }
}

TEST_CASE("Color::parse refuses anything but #rgb and #rrggbb") {
    for (const char* bad : {"", "#", "aa9cfc", "#aa9cf", "#aa9cfcc", "#gg0000", "#12345g", "#ab", " #abc", "#abc ",
                            "rgb(1,2,3)", "#-12345"}) {
        CAPTURE(bad);
        CHECK_FALSE(Color::parse(bad).has_value());
    }
}

TEST_CASE("luminance follows WCAG from black to white") {
    CHECK(kBlack.luminance() == doctest::Approx(0.0));
    CHECK(kWhite.luminance() == doctest::Approx(1.0));
    CHECK(Color{255, 0, 0}.luminance() == doctest::Approx(0.2126));
    CHECK(Color{0, 255, 0}.luminance() == doctest::Approx(0.7152));
    CHECK(Color{0, 0, 255}.luminance() == doctest::Approx(0.0722));
    CHECK(Color{0x80, 0x80, 0x80}.luminance() == doctest::Approx(0.2159).epsilon(0.001));
}

TEST_CASE("readable_text picks white on dark colours and black on light ones") {
    CHECK(kBlack.readable_text() == kWhite);
    CHECK(Color{0x1f, 0x3a, 0x93}.readable_text() == kWhite);  // navy
    CHECK(Color{0, 0, 255}.readable_text() == kWhite);
    CHECK(Color{0, 0x80, 0}.readable_text() == kWhite);
    CHECK(kWhite.readable_text() == kBlack);
    CHECK(Color{255, 255, 0}.readable_text() == kBlack);
    CHECK(Color{255, 0, 0}.readable_text() == kBlack);  // 5.25 with black, 4.0 with white
    CHECK(Color{0x80, 0x80, 0x80}.readable_text() == kBlack);
    // The switch lies between these two greys (luminance about 0.179).
    CHECK(Color{0x75, 0x75, 0x75}.readable_text() == kWhite);
    CHECK(Color{0x76, 0x76, 0x76}.readable_text() == kBlack);
    // Whatever it picks contrasts at least as much as the other choice, for every grey.
    for (unsigned v = 0; v < 256; ++v) {
        const Color g{static_cast<uint8_t>(v), static_cast<uint8_t>(v), static_cast<uint8_t>(v)};
        const Color t = g.readable_text();
        const Color other = t == kBlack ? kWhite : kBlack;
        CAPTURE(v);
        CHECK(contrast(g, t) >= contrast(g, other) - 1e-9);
    }
}

TEST_CASE("every palette colour gets a text colour with WCAG contrast of at least 4.5") {
    // The palette is reachable through next_color on a growing set and through the presets.
    std::set<std::string> seen;
    LabelSet set;
    for (int i = 0; i < 18; ++i) {
        const Color c = set.next_color();
        seen.insert(c.hex());
        CHECK(set.insert(set.size(), label("L" + std::to_string(i), "", c)).ok());
    }
    CHECK(seen.size() == 18);  // 18 distinct colours before any repeats
    for (const Label& l : preset_labels(Preset::OntoNotes)) seen.insert(l.color.hex());
    CHECK(seen.size() == 18);
    for (const std::string& hex : seen) {
        const Color c = *Color::parse(hex);
        CAPTURE(hex);
        CHECK(contrast(c, c.readable_text()) >= 4.5);
    }
}

TEST_CASE("check_label_name refuses empty, long, control and space-padded names with their messages") {
    CHECK(check_label_name("PER").ok());
    CHECK(check_label_name("WORK_OF_ART").ok());
    CHECK(check_label_name("Person name").ok());  // inner spaces are fine
    CHECK(check_label_name("Pers\xC3\xB6nlichkeit").ok());
    CHECK(check_label_name(std::string(64, 'A')).ok());
    CHECK(message_of(check_label_name("")) == "a label name cannot be empty");
    CHECK(message_of(check_label_name(std::string(65, 'A'))) ==
          "label name \"" + std::string(64, 'A') + "...\" is longer than 64 bytes");
    // The quoted part stops before a UTF-8 sequence that the 64-byte cut would split.
    CHECK(message_of(check_label_name(std::string(63, 'A') + "\xC3\xA9" + "B")) ==
          "label name \"" + std::string(63, 'A') + "...\" is longer than 64 bytes");
    CHECK(message_of(check_label_name("A\tB")) == "label name \"A\tB\" contains a control character");
    CHECK(message_of(check_label_name("PER\n")) == "label name \"PER\n\" contains a control character");
    CHECK(message_of(check_label_name("X\x7F")) == "label name \"X\x7F\" contains a control character");
    CHECK(message_of(check_label_name(" PER")) == "label name \" PER\" starts or ends with a space");
    CHECK(message_of(check_label_name("PER ")) == "label name \"PER \" starts or ends with a space");
}

TEST_CASE("check_label_key accepts nothing, one digit or one lower-case letter") {
    CHECK(check_label_key("").ok());
    CHECK(check_label_key("1").ok());
    CHECK(check_label_key("0").ok());
    CHECK(check_label_key("q").ok());
    CHECK(message_of(check_label_key("A")) == "hotkey \"A\" must be one digit or lower-case letter");
    CHECK(message_of(check_label_key("12")) == "hotkey \"12\" must be one digit or lower-case letter");
    CHECK(message_of(check_label_key("!")) == "hotkey \"!\" must be one digit or lower-case letter");
    CHECK(message_of(check_label_key("\xC3\xA9")) == "hotkey \"\xC3\xA9\" must be one digit or lower-case letter");
}

TEST_CASE("LabelSet::insert refuses duplicate names and keys and checks both") {
    LabelSet set = default_labels();
    CHECK(message_of(set.insert(0, label("PER", "7"))) == "label \"PER\" already exists");
    CHECK(message_of(set.insert(0, label("DATE", "1"))) == "hotkey 1 is already used by PER");
    CHECK(message_of(set.insert(0, label("", "7"))) == "a label name cannot be empty");
    CHECK(message_of(set.insert(0, label("DATE", "X"))) == "hotkey \"X\" must be one digit or lower-case letter");
    CHECK(set.size() == 4);
    // Several labels may have no key; an index past the end appends.
    CHECK(set.insert(99, label("DATE")).ok());
    CHECK(set.insert(0, label("TIME")).ok());
    CHECK(set.insert(2, label("MONEY", "m")).ok());
    CHECK(names(set.all()) == std::vector<std::string>{"TIME", "PER", "MONEY", "ORG", "LOC", "MISC", "DATE"});
    CHECK(set.index_of("MONEY") == 2u);
    CHECK_FALSE(set.index_of("GPE").has_value());
    CHECK(set.find("LOC") == &set[4]);
    CHECK(set.find("loc") == nullptr);  // names are case-sensitive
    CHECK(set.by_key("m") == &set[2]);
    CHECK(set.by_key("") == nullptr);  // "no key" matches no label
    CHECK(set.by_key("9") == nullptr);
}

TEST_CASE("LabelSet::replace refuses another label's name or key but may keep its own") {
    LabelSet set = default_labels();
    Label per = set[0];
    per.color = Color{1, 2, 3};
    per.description = "People";
    CHECK(set.replace(0, per).ok());  // same name, same key
    CHECK(set[0] == per);
    CHECK(message_of(set.replace(0, label("ORG", "1"))) == "label \"ORG\" already exists");
    CHECK(message_of(set.replace(0, label("PERSON", "2"))) == "hotkey 2 is already used by ORG");
    CHECK(message_of(set.replace(0, label("PERSON ", "1"))) == "label name \"PERSON \" starts or ends with a space");
    CHECK(set[0] == per);
    CHECK(set.replace(0, label("PERSON", "")).ok());
    CHECK(set[0].name == "PERSON");
    CHECK(set.by_key("1") == nullptr);
    set.erase(1);
    CHECK(names(set.all()) == std::vector<std::string>{"PERSON", "LOC", "MISC"});
    set.clear();
    CHECK(set.empty());
}

TEST_CASE("next_color prefers unused palette colours and next_key the first free digit") {
    LabelSet set;
    CHECK(set.next_color() == Color{0xaa, 0x9c, 0xfc});
    CHECK(set.next_key() == "1");
    set = default_labels();
    CHECK(set.next_color() == Color{0xff, 0x9e, 0x9e});  // the first four are CoNLL's
    CHECK(set.next_key() == "5");
    CHECK(set.insert(set.size(), label("A", "5")).ok());
    CHECK(set.insert(set.size(), label("B", "7")).ok());
    CHECK(set.next_key() == "6");
    set.erase(0);  // frees key 1 and the first colour
    CHECK(set.next_key() == "1");
    CHECK(set.next_color() == Color{0xaa, 0x9c, 0xfc});

    LabelSet full;
    for (const Label& l : preset_labels(Preset::OntoNotes)) CHECK(full.insert(full.size(), l).ok());
    CHECK(full.next_key() == "6");
    // Every palette colour is used: the palette cycles by set size (18 % 18 = 0).
    CHECK(full.next_color() == Color{0xaa, 0x9c, 0xfc});
    for (char k = '6'; k <= '9'; ++k) {
        const size_t i = static_cast<size_t>(k - '0');
        CHECK(full.replace(i, label(full[i].name, std::string(1, k))).ok());
    }
    CHECK(full.next_key() == "");
}

TEST_CASE("the CoNLL-2003 preset is PER, ORG, LOC, MISC on keys 1 to 4") {
    CHECK(std::string(preset_name(Preset::Conll2003)) == "CoNLL-2003");
    const auto ls = preset_labels(Preset::Conll2003);
    CHECK(names(ls) == std::vector<std::string>{"PER", "ORG", "LOC", "MISC"});
    for (size_t i = 0; i < ls.size(); ++i) {
        CHECK(ls[i].key == std::string(1, static_cast<char>('1' + i)));
        CHECK_FALSE(ls[i].description.empty());
    }
    const LabelSet d = default_labels();
    CHECK(d.all() == ls);
    std::set<std::string> colors;
    for (const Label& l : ls) colors.insert(l.color.hex());
    CHECK(colors.size() == 4);
}

TEST_CASE("the OntoNotes preset has exactly the 18 OntoNotes 5 types, all valid together") {
    CHECK(std::string(preset_name(Preset::OntoNotes)) == "OntoNotes 5");
    const auto ls = preset_labels(Preset::OntoNotes);
    CHECK(names(ls) == std::vector<std::string>{"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                                                "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY",
                                                "QUANTITY", "ORDINAL", "CARDINAL"});
    std::set<std::string> colors, keys;
    LabelSet set;
    for (const Label& l : ls) {
        CAPTURE(l.name);
        CHECK(check_label_name(l.name).ok());
        CHECK(check_label_key(l.key).ok());
        CHECK_FALSE(l.description.empty());
        colors.insert(l.color.hex());
        if (!l.key.empty()) keys.insert(l.key);
        CHECK(set.insert(set.size(), l).ok());
    }
    CHECK(colors.size() == 18);
    CHECK(keys == std::set<std::string>{"1", "2", "3", "4", "5"});
}

TEST_CASE("a label name with a bidi control or a zero-width character is refused, naming the character") {
    auto st = aa::check_label_name("PER\xE2\x80\xAE");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message ==
          "label name \"PER\\u{202E}\" contains the invisible character U+202E (bidi controls and zero-width "
          "characters would let two labels look the same)");
    for (const char* name : {"P\xE2\x80\x8B"
                             "ER",
                             "\xE2\x80\x8F"
                             "LOC",
                             "ORG\xEF\xBB\xBF",
                             "A\xE2\x81\xA6"
                             "B",
                             "x\xC2\xAD"
                             "y",
                             "M\xC2\x85N"})
        CHECK_FALSE(aa::check_label_name(name).ok());
    CHECK(aa::check_label_name("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D").ok());  // Hebrew letters are fine
    CHECK(aa::check_label_name("Caf\xC3\xA9 \xE6\x9D\xB1").ok());
}

TEST_CASE("LabelSet keeps its name, key and colour indexes through insert, replace and erase") {
    aa::LabelSet set;
    REQUIRE(set.insert(0, {"B", set.next_color(), "2", ""}));
    REQUIRE(set.insert(0, {"A", set.next_color(), "1", ""}));  // in front: indexes rebuilt
    CHECK(set.index_of("A") == 0u);
    CHECK(set.index_of("B") == 1u);
    CHECK(set.by_key("2")->name == "B");
    CHECK(set.next_color() != set[0].color);
    CHECK(set.next_color() != set[1].color);
    CHECK(!set.insert(2, {"A", set.next_color(), "", ""}));
    REQUIRE(set.replace(1, {"C", set[1].color, "3", ""}));
    CHECK(!set.find("B"));
    CHECK(set.by_key("2") == nullptr);
    CHECK(set.by_key("3")->name == "C");
    CHECK(set.replace(1, {"C", set[1].color, "3", "same name and key as itself"}));
    CHECK(!set.replace(1, {"A", set[1].color, "", ""}));
    set.erase(0);
    CHECK(set.index_of("C") == 0u);
    CHECK(!set.find("A"));
    CHECK(set.by_key("1") == nullptr);
    set.clear();
    CHECK(set.next_color() == aa::default_labels()[0].color);
}
