// Labels: names, colours and hotkeys, and the checks every reader and the label editor share.
#include "core/label.hpp"

#include <cmath>
#include <cstdio>

#include "core/printable.hpp"
#include "core/utf8.hpp"

namespace aa {

std::string Color::hex() const {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
    return buf;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<Color> Color::parse(std::string_view s) {
    if (s.empty() || s[0] != '#') return std::nullopt;
    s.remove_prefix(1);
    int d[6];
    if (s.size() == 3) {
        for (int i = 0; i < 3; ++i) {
            d[2 * i] = d[2 * i + 1] = hex_digit(s[static_cast<size_t>(i)]);
            if (d[2 * i] < 0) return std::nullopt;
        }
    } else if (s.size() == 6) {
        for (int i = 0; i < 6; ++i)
            if ((d[i] = hex_digit(s[static_cast<size_t>(i)])) < 0) return std::nullopt;
    } else {
        return std::nullopt;
    }
    return Color{static_cast<uint8_t>(d[0] * 16 + d[1]), static_cast<uint8_t>(d[2] * 16 + d[3]),
                 static_cast<uint8_t>(d[4] * 16 + d[5])};
}

double Color::luminance() const {
    auto lin = [](uint8_t v) {
        const double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

Color Color::readable_text() const {
    const double l = luminance();
    const double with_black = (l + 0.05) / 0.05;
    const double with_white = 1.05 / (l + 0.05);
    return with_black >= with_white ? Color{0, 0, 0} : Color{255, 255, 255};
}

Status check_label_name(std::string_view name) {
    if (name.empty()) return make_error("a label name cannot be empty");
    if (name.size() > 64) {
        // Quote the first 64 bytes without splitting a UTF-8 sequence: the message must stay valid UTF-8.
        size_t cut = 64;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
        return make_error("label name \"" + std::string(name.substr(0, cut)) + "...\" is longer than 64 bytes");
    }
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7F)
            return make_error("label name \"" + std::string(name) + "\" contains a control character");
    if (name.front() == ' ' || name.back() == ' ')
        return make_error("label name \"" + std::string(name) + "\" starts or ends with a space");
    // Bidi controls and zero-width characters make two different names look the same (or reorder
    // what is shown): refused, named by code point since they cannot be seen.
    if (!utf8::validate(name))
        for (size_t i = 0; i < name.size();) {
            const char32_t c = utf8::decode(name, i);
            if (is_invisible_format(c) || (c >= 0x80 && c <= 0x9F)) {
                char code[16];
                std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
                return make_error("label name \"" + printable(name) + "\" contains the invisible character " + code +
                                  " (bidi controls and zero-width characters would let two labels look the same)");
            }
        }
    return {};
}

Status check_label_key(std::string_view key) {
    if (key.empty()) return {};
    if (key.size() != 1 || !((key[0] >= '0' && key[0] <= '9') || (key[0] >= 'a' && key[0] <= 'z')))
        return make_error("hotkey \"" + std::string(key) + "\" must be one digit or lower-case letter");
    return {};
}

Status LabelSet::insert(size_t index, Label label) {
    const Color c = label.color;
    if (Status s = NamedList::insert(index, std::move(label)); !s) return s;
    count(c, +1);
    return {};
}

Status LabelSet::replace(size_t index, Label label) {
    AA_ASSERT(index < size(), "LabelSet::replace index out of range");
    const Color old = (*this)[index].color, c = label.color;
    if (Status s = NamedList::replace(index, std::move(label)); !s) return s;
    count(old, -1);
    count(c, +1);
    return {};
}

void LabelSet::erase(size_t index) {
    AA_ASSERT(index < size(), "LabelSet::erase index out of range");
    count((*this)[index].color, -1);
    NamedList::erase(index);
}

void LabelSet::clear() {
    NamedList::clear();
    palette_uses_.clear();
}

// A qualitative palette in the spirit of displaCy's: light enough for dark text, distinct.
static const Color kPalette[] = {
    {0xaa, 0x9c, 0xfc}, {0x7a, 0xec, 0xec}, {0xfe, 0xca, 0x74}, {0xbf, 0xe1, 0xd9}, {0xff, 0x9e, 0x9e},
    {0xc8, 0x87, 0xfb}, {0x9c, 0xc9, 0xcc}, {0xe4, 0xe7, 0xd2}, {0xff, 0xeb, 0x80}, {0xbf, 0xef, 0xa5},
    {0xf0, 0xa8, 0xd0}, {0x8e, 0xc7, 0xff}, {0xdd, 0xbb, 0x99}, {0xb5, 0xd9, 0x7a}, {0xff, 0xc4, 0xb2},
    {0xc4, 0xc4, 0xff}, {0x99, 0xe0, 0xb5}, {0xe8, 0xc8, 0x6a},
};

static constexpr size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

void LabelSet::count(Color c, int delta) {
    palette_uses_.resize(kPaletteSize);
    for (size_t i = 0; i < kPaletteSize; ++i)
        if (kPalette[i] == c) palette_uses_[i] = static_cast<size_t>(static_cast<long>(palette_uses_[i]) + delta);
}

Color LabelSet::next_color() const {
    for (size_t i = 0; i < kPaletteSize; ++i)
        if (i >= palette_uses_.size() || palette_uses_[i] == 0) return kPalette[i];
    return kPalette[size() % kPaletteSize];
}

const char* preset_name(Preset p) {
    switch (p) {
        case Preset::Conll2003: return "CoNLL-2003";
        case Preset::OntoNotes: return "OntoNotes 5";
    }
    return "?";
}

std::vector<Label> preset_labels(Preset p) {
    auto c = [](int i) { return kPalette[i]; };
    switch (p) {
        case Preset::Conll2003:
            return {
                {"PER", c(0), "1", "Person: people, including fictional"},
                {"ORG", c(1), "2", "Organisation: companies, agencies, institutions"},
                {"LOC", c(2), "3", "Location: countries, cities, regions, geographic features"},
                {"MISC", c(3), "4", "Miscellaneous: nationalities, events, works, other names"},
            };
        case Preset::OntoNotes:
            return {
                {"PERSON", c(0), "1", "People, including fictional"},
                {"NORP", c(4), "", "Nationalities or religious or political groups"},
                {"FAC", c(5), "", "Buildings, airports, highways, bridges, etc."},
                {"ORG", c(1), "2", "Companies, agencies, institutions, etc."},
                {"GPE", c(2), "3", "Countries, cities, states"},
                {"LOC", c(6), "4", "Non-GPE locations, mountain ranges, bodies of water"},
                {"PRODUCT", c(7), "", "Objects, vehicles, foods, etc. (not services)"},
                {"EVENT", c(8), "", "Named hurricanes, battles, wars, sports events, etc."},
                {"WORK_OF_ART", c(9), "", "Titles of books, songs, etc."},
                {"LAW", c(10), "", "Named documents made into laws"},
                {"LANGUAGE", c(11), "", "Any named language"},
                {"DATE", c(12), "5", "Absolute or relative dates or periods"},
                {"TIME", c(13), "", "Times smaller than a day"},
                {"PERCENT", c(14), "", "Percentage, including \"%\""},
                {"MONEY", c(15), "", "Monetary values, including unit"},
                {"QUANTITY", c(16), "", "Measurements, as of weight or distance"},
                {"ORDINAL", c(17), "", "\"first\", \"second\", etc."},
                {"CARDINAL", c(3), "", "Numerals that do not fall under another type"},
            };
    }
    return {};
}

LabelSet default_labels() {
    LabelSet set;
    size_t i = 0;
    for (Label& l : preset_labels(Preset::Conll2003)) {
        auto s = set.insert(i++, std::move(l));
        AA_ASSERT(s.ok(), "the built-in preset is valid");
    }
    return set;
}

}  // namespace aa
