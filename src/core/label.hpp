// Labels: the entity types of a document (name, colour, hotkey, description) and the built-in
// presets: CoNLL-2003 (PER, ORG, LOC, MISC on keys 1-4) and OntoNotes 5 (18 types).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/named_list.hpp"
#include "core/result.hpp"

namespace aa {

struct Color {
    uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const Color&, const Color&) = default;

    std::string hex() const;                                // "#rrggbb"
    static std::optional<Color> parse(std::string_view s);  // "#rrggbb" or "#rgb"
    double luminance() const;                               // WCAG relative luminance, 0..1
    // Black or white, whichever contrasts more with this colour as a background (WCAG ratio).
    Color readable_text() const;
};

struct Label {
    static constexpr const char* kind = "label";  // in NamedList's messages
    std::string name;
    Color color;
    std::string key;  // hotkey: "" or one character, e.g. "1"
    std::string description;
    friend bool operator==(const Label&, const Label&) = default;
};

// A label name is non-empty, at most 64 bytes, without control characters or surrounding
// spaces. (Writers of formats that cannot hold a space in a type, brat and CoNLL, say so.) A
// hotkey is "" or one digit or lower-case letter. (Declared in named_list.hpp.)

// The labels of a document (NamedList: unique names and keys, found in O(log n)), which also
// knows which palette colours are taken, for the next new label's.
class LabelSet : public NamedList<Label> {
public:
    // NamedList's edits, keeping the palette's counts.
    Status insert(size_t index, Label label);
    Status replace(size_t index, Label label);
    void erase(size_t index);
    void clear();

    // A colour from the palette not used yet by this set (cycled when all are used).
    Color next_color() const;

private:
    void count(Color c, int delta);
    std::vector<size_t> palette_uses_;  // per palette colour, the labels that have it
};

enum class Preset { Conll2003, OntoNotes };
const char* preset_name(Preset p);  // "CoNLL-2003", "OntoNotes 5"
std::vector<Label> preset_labels(Preset p);
LabelSet default_labels();  // CoNLL-2003

}  // namespace aa
