// Document: one annotated article (text, labels, entities, metadata). Its mutators are the
// checked primitives the history (editor.hpp) and the readers build on; the UI and scripts
// change a document only through an Editor so that every change can be undone.
#pragma once
#include <string>
#include <string_view>

#include "core/entity.hpp"
#include "core/label.hpp"
#include "core/text.hpp"

namespace aa {

struct DocumentInfo {
    std::string title;
    std::string source;   // where the text came from (URL, file name)
    std::string created;  // ISO 8601 timestamps, as given or set by the UI
    std::string modified;
    std::string note;
    Attributes attributes;
    // The page's pre-annotation setup (regular-expression rules, gazetteers, the names finder) as a
    // JSON object, kept with the labels in the native file; "" when none. Opaque to core and io.
    std::string suggest;
    friend bool operator==(const DocumentInfo&, const DocumentInfo&) = default;
};

class Document {
public:
    Document() : labels_(default_labels()) {}
    explicit Document(Text text, LabelSet labels = default_labels())
        : text_(std::move(text)), labels_(std::move(labels)) {}

    const Text& text() const { return text_; }
    const LabelSet& labels() const { return labels_; }
    const EntityStore& entities() const { return entities_; }
    DocumentInfo info;

    // The document text covered by an entity.
    std::string_view text_of(const Entity& e) const { return text_.slice(e.start, e.end); }
    // First line of the text (or the title), trimmed and at most `max_chars` code points.
    std::string display_title(size_t max_chars = 80) const;

    // Primitives. Entity spans are checked against the text; labels are not checked here (a
    // rename passes through states where entities name the old label), see Editor.
    Result<Slot> insert_entity(Entity e);
    bool erase_entity(std::string_view id);
    Status replace_entity(const Entity& e);
    Status insert_label(size_t index, Label l) { return labels_.insert(index, std::move(l)); }
    Status replace_label(size_t index, Label l) { return labels_.replace(index, std::move(l)); }
    void erase_label(size_t index) { labels_.erase(index); }
    void set_labels(LabelSet labels) { labels_ = std::move(labels); }

    // Checks a span against the text: start < end <= size().
    Status check_span(size_t start, size_t end) const;

private:
    Text text_;
    LabelSet labels_;
    EntityStore entities_;
};

}  // namespace aa
