// Labels: the entity types of a document (name, colour, hotkey, description) and the built-in
// presets: CoNLL-2003 (PER, ORG, LOC, MISC on keys 1-4) and OntoNotes 5 (18 types).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    std::string name;
    Color color;
    std::string key;  // hotkey: "" or one character, e.g. "1"
    std::string description;
    friend bool operator==(const Label&, const Label&) = default;
};

// A label name is non-empty, at most 64 bytes, without control characters or surrounding
// spaces. (Writers of formats that cannot hold a space in a type, brat and CoNLL, say so.)
Status check_label_name(std::string_view name);
Status check_label_key(std::string_view key);

class LabelSet {
public:
    const std::vector<Label>& all() const { return labels_; }
    size_t size() const { return labels_.size(); }
    bool empty() const { return labels_.empty(); }
    const Label& operator[](size_t i) const { return labels_[i]; }

    const Label* find(std::string_view name) const;
    std::optional<size_t> index_of(std::string_view name) const;
    const Label* by_key(std::string_view key) const;

    // Low-level edits used by the history and by readers; they check names and keys.
    Status insert(size_t index, Label label);
    Status replace(size_t index, Label label);
    void erase(size_t index);
    void clear();

    // A colour from the palette not used yet by this set (cycled when all are used).
    Color next_color() const;
    // The first of 1-9 not used as a hotkey yet, or "".
    std::string next_key() const;

private:
    void reindex();
    void count(const Label& l, int delta);

    std::vector<Label> labels_;
    // Indexes kept beside the vector so that a file declaring tens of thousands of labels reads
    // in O(n log n): name and hotkey lookups, and which palette colours are taken.
    std::map<std::string, size_t, std::less<>> by_name_;
    std::map<std::string, size_t, std::less<>> by_key_;
    std::vector<size_t> palette_uses_;
};

enum class Preset { Conll2003, OntoNotes };
const char* preset_name(Preset p);  // "CoNLL-2003", "OntoNotes 5"
std::vector<Label> preset_labels(Preset p);
LabelSet default_labels();  // CoNLL-2003

}  // namespace aa
