// Document: one annotated article (text, labels, entities, metadata). Its mutators are the
// checked primitives the history (editor.hpp) and the readers build on; the UI and scripts
// change a document only through an Editor so that every change can be undone.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.hpp"
#include "core/label.hpp"
#include "core/relation.hpp"
#include "core/suggest_config.hpp"
#include "core/text.hpp"

namespace aa {

struct DocumentInfo {
    std::string title;
    std::string source;   // where the text came from (URL, file name)
    std::string created;  // ISO 8601 timestamps, as given or set by the UI
    std::string modified;
    std::string note;
    Attributes attributes;
    // The page's pre-annotation setup (regular-expression rules, gazetteers, the names finder),
    // kept with the labels in the native file ("suggest"); nullopt when none.
    std::optional<SuggestConfig> suggest;
    // The annotation guidelines (a Markdown subset: headings, lists, bold, links), kept with the
    // label set in the native file and shown in a panel.
    std::string guidelines;
    friend bool operator==(const DocumentInfo&, const DocumentInfo&) = default;
};

// The tokens a token-per-line file (CoNLL) gave a document, kept so that writing it back in that
// format gives the same file: each token's span and the line's other columns (POS, chunk, an
// index, a second tag layer), and the lines that hold no token (-DOCSTART-, "#" comments, the blank
// lines between sentences). The tags are not kept: they are written from the entities. Empty for a
// document read from any other format. Plain data: core neither reads nor changes it.
struct TokenLayer {
    struct Token {
        size_t start = 0, end = 0;         // code points in the text
        std::vector<std::string> columns;  // the line's other columns, in order
        friend bool operator==(const Token&, const Token&) = default;
    };
    struct Line {
        size_t before = 0;  // written before token `before` (tokens.size(): after the last token)
        std::string text;   // as it was, without its line end
        friend bool operator==(const Line&, const Line&) = default;
    };
    std::vector<Token> tokens;
    std::vector<Line> lines;  // in file order
    size_t word_column = 0;   // 0-based, in a token line
    size_t tag_column = 1;    // 0-based
    std::string separator = " ";
    std::string scheme;  // the tags as the file wrote them: iob1, iob2, bilou or iobes
    // A file that mixes IOB1 and IOB2 (seqeval's test data does): the tokens, in increasing order,
    // where an entity started the other way than `scheme` says (an iob1 file's B- after O, an iob2
    // file's I- after O), written so again while an entity still starts there.
    std::vector<size_t> other_starts;
    bool final_newline = true;   // whether the file's last line ended with a line break
    std::string newline = "\n";  // the line break the file used: "\n", "\r\n" or "\r"
    bool empty() const { return tokens.empty(); }
    friend bool operator==(const TokenLayer&, const TokenLayer&) = default;
};

class Document {
public:
    Document() : labels_(default_labels()) {}
    explicit Document(Text text, LabelSet labels = default_labels())
        : text_(std::move(text)), labels_(std::move(labels)) {}

    const Text& text() const { return text_; }
    const LabelSet& labels() const { return labels_; }
    const EntityStore& entities() const { return entities_; }
    const RelationTypes& relation_types() const { return relation_types_; }
    const RelationStore& relations() const { return relations_; }
    // The document label types (topic, genre, ...) and which of them this document has.
    const LabelSet& doc_label_types() const { return doc_label_types_; }
    const DocLabels& doc_labels() const { return doc_labels_; }
    DocumentInfo info;
    TokenLayer token_layer;

    // The document text covered by an entity.
    std::string_view text_of(const Entity& e) const { return text_.slice(e.start, e.end); }
    // First line of the text (or the title), trimmed and at most `max_chars` code points.
    std::string display_title(size_t max_chars = 80) const;

    // Primitives. Entity spans are checked against the text; labels are not checked here (a
    // rename passes through states where entities name the old label), see Editor.
    void reserve_entities(size_t n) { entities_.reserve(n); }  // EntityStore::reserve
    Result<Slot> insert_entity(Entity e);
    bool erase_entity(std::string_view id);
    Status replace_entity(const Entity& e);
    // Many at once (EntityStore::insert_all, erase_slots): a group's undo or redo.
    Status insert_entities(std::vector<Entity> es);
    void erase_entity_slots(const std::vector<Slot>& slots) { entities_.erase_slots(slots); }
    Status insert_label(size_t index, Label l) { return labels_.insert(index, std::move(l)); }
    Status replace_label(size_t index, Label l) { return labels_.replace(index, std::move(l)); }
    void erase_label(size_t index) { labels_.erase(index); }
    void set_labels(LabelSet labels) { labels_ = std::move(labels); }
    // Relations are checked against the entities (both ends exist); their type is not checked
    // here (a rename passes through states where relations name the old type), see Editor.
    Status insert_relation(Relation r);
    bool erase_relation(std::string_view id) { return relations_.erase(id); }
    Status replace_relation(const Relation& r);
    Status insert_relation_type(size_t index, RelationType t) { return relation_types_.insert(index, std::move(t)); }
    Status replace_relation_type(size_t index, RelationType t) { return relation_types_.replace(index, std::move(t)); }
    void erase_relation_type(size_t index) { relation_types_.erase(index); }
    Status insert_doc_label_type(size_t index, Label l) { return doc_label_types_.insert(index, std::move(l)); }
    Status replace_doc_label_type(size_t index, Label l) { return doc_label_types_.replace(index, std::move(l)); }
    void erase_doc_label_type(size_t index) { doc_label_types_.erase(index); }
    // Checks that no name is chosen twice and at most one when single-choice (that the names are
    // declared is the Editor's check, as for labels).
    Status set_doc_labels(DocLabels d);

    // Checks a span against the text: start < end <= size().
    Status check_span(size_t start, size_t end) const;

private:
    Text text_;
    LabelSet labels_;
    EntityStore entities_;
    RelationTypes relation_types_;
    RelationStore relations_;
    LabelSet doc_label_types_;
    DocLabels doc_labels_;
};

}  // namespace aa
