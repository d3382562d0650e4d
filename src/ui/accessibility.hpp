// The accessibility description: what a screen reader needs of the article near the view, of the
// status line and of the side panel. The UI builds it in the frames where it changes
// (AppImpl::update_accessibility) and hands it to the host (Platform::accessibility_changed), which
// mirrors it in the DOM (platform/web/a11y.js). Plain data built from the Document and view state,
// so that headless tests check it without a browser.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/document.hpp"

namespace aa::ui {

// An entity inside a paragraph of the mirror, clipped to it (and to its parent mark when it
// crosses the parent's end: its name still says its whole text).
struct A11yMark {
    uint32_t start = 0, end = 0;  // code points of the article
    std::string id, label;
    std::string name;         // "Bashar al-Assad, Person": the entity's text and its label's title
    std::string description;  // the note, the knowledge-base id and the relations, when there are any
    bool selected = false;
    std::vector<A11yMark> children;  // entities nested in it, in document order
    friend bool operator==(const A11yMark&, const A11yMark&) = default;
};

struct A11yParagraph {
    uint32_t start = 0, end = 0;  // the part of one article paragraph in the mirror (code points)
    std::string text;             // its UTF-8 text
    std::vector<A11yMark> marks;  // the outermost entities in it, in document order
    friend bool operator==(const A11yParagraph&, const A11yParagraph&) = default;
};

struct A11yLabel {
    std::string name, key, description;
    size_t count = 0;     // entities with this label
    bool active = false;  // the label Enter applies
    friend bool operator==(const A11yLabel&, const A11yLabel&) = default;
};

struct A11yEntityRow {
    std::string id, text, label;
    uint32_t start = 0, end = 0;
    bool selected = false;
    friend bool operator==(const A11yEntityRow&, const A11yEntityRow&) = default;
};

// A row of the Relations table: its source's text, its type and its target's text.
struct A11yRelationRow {
    std::string id, from, type, to;
    bool selected = false;
    friend bool operator==(const A11yRelationRow&, const A11yRelationRow&) = default;
};

// A row of the Documents tab (the document queue): its title, status and entity count, the open
// one current.
struct A11yQueueRow {
    std::string title, status;  // status: "to do", "in progress" or "done", as the tab shows it
    size_t entities = 0;
    bool current = false;
    friend bool operator==(const A11yQueueRow&, const A11yQueueRow&) = default;
};

// A row of the Suggest tab's suggestions table: the suggested text, its label and where it came from.
struct A11ySuggestionRow {
    std::string text, label, source;  // source: "gazetteer", "rule", "names", ...
    bool current = false;             // the one N, A and R act on
    friend bool operator==(const A11ySuggestionRow&, const A11ySuggestionRow&) = default;
};

// A row of the comparison's differences (File > Compare): its kind, each side's label and text, the
// side chosen for the curated version ("A", "B", "neither"; "" until chosen).
struct A11yDifferenceRow {
    std::string kind, a, b, chosen;  // a, b: 'PER "Moscow"' or "(none)"
    bool current = false;            // the one the keys act on
    friend bool operator==(const A11yDifferenceRow&, const A11yDifferenceRow&) = default;
};

// A field of the Details panel (of the selected entity or relation): its name and its value.
struct A11yField {
    std::string name, value;
    friend bool operator==(const A11yField&, const A11yField&) = default;
};

// A menu's entry as a screen reader gets it: role menuitem (menuitemcheckbox when `checkable`), its
// shortcut, state, and whether it has the keyboard (ImGui's navigation or the mouse is on it).
struct A11yMenuItem {
    std::string name, shortcut;
    bool checkable = false, checked = false;
    bool enabled = true;
    bool submenu = false, expanded = false;  // opens a menu (File, Export as), open now
    bool focused = false;
    friend bool operator==(const A11yMenuItem&, const A11yMenuItem&) = default;
};

// The menu bar or an open menu: a menu of the bar, a submenu, a context menu or a popup list.
struct A11yMenu {
    std::string name;  // "File", "Export as", "Entity menu"
    std::vector<A11yMenuItem> items;
    friend bool operator==(const A11yMenu&, const A11yMenu&) = default;
};

// A control of a dialog, or an option of a popup list, as a screen reader gets it.
struct A11yControl {
    std::string role;      // "button", "textbox", "checkbox", "combobox", "progressbar" or "option"
    std::string name;      // "Save", "Name", "Moscow, Location"
    std::string value;     // a field's text, a combo box's choice, a progress bar's "3 of 10"
    bool checked = false;  // a check box ticked; the option the keys are on (aria-selected)
    bool enabled = true;
    bool focused = false;  // ImGui's keyboard navigation is on it (or, in a list, its cursor)
    friend bool operator==(const A11yControl&, const A11yControl&) = default;
};

// An open dialog (an ImGui modal: role "dialog", aria-modal) or popup list (the relation picker:
// role "listbox" of options), with its message and its controls in the order drawn.
struct A11yDialog {
    std::string role = "dialog";
    std::string name;         // its title: "Edit label", "Relation from "Moscow": choose the target"
    std::string description;  // the text it shows (its question, its hint)
    std::vector<A11yControl> controls;
    friend bool operator==(const A11yDialog&, const A11yDialog&) = default;
};

struct A11yDocument {
    std::string title;                      // the document's title ("" without one)
    uint32_t text_size = 0;                 // the article's length in code points (0: no article)
    std::vector<A11yParagraph> paragraphs;  // the visible ones plus a margin, in order
    std::string status;                     // the status line's message
    bool status_error = false;
    uint64_t status_serial = 0;  // increments with every message (the same text twice is said twice)
    bool selection = false;      // a text selection [selection_start, selection_end)
    uint32_t selection_start = 0, selection_end = 0;
    uint32_t caret = 0;
    std::string region = "article";  // the keyboard's region: "menu", "article", "side" or "status" (F6)
    bool keyboard = false;           // the keyboard moved the caret or the focus (its ring is drawn)
    std::string selected_entity;     // its id
    std::vector<A11yLabel> labels;
    std::vector<A11yEntityRow> entities;  // a window of the entities table around the selected one
    size_t entities_first = 0;            // the rank of entities[0] in document order
    size_t entities_total = 0;
    std::vector<A11yRelationRow> relations;  // the first rows of the Relations table, in text order
    size_t relations_total = 0;
    std::vector<A11yQueueRow> queue;             // a window of the Documents tab around the open document
    size_t queue_first = 0;                      // the index of queue[0] in the queue
    size_t queue_total = 0;                      // 0: no queue (one article)
    std::vector<A11ySuggestionRow> suggestions;  // a window of the Suggest tab's table around the current one
    size_t suggestions_first = 0;                // the index of suggestions[0] in the list
    size_t suggestions_total = 0;
    std::vector<A11yDifferenceRow> differences;  // a window of the comparison's differences around the current
    size_t differences_first = 0;                // the index of differences[0]
    size_t differences_total = 0;
    std::string comparing;            // the comparison's title ("": no comparison open)
    bool suggested = false;           // "Suggest" has run for this text (an empty table then means none found)
    std::string details_name;         // "Entity" or "Relation" ("": nothing selected)
    std::vector<A11yField> details;   // the Details panel's fields, in the order it draws them
    A11yMenu menubar;                 // File, Edit, View, Labels, Help
    std::vector<A11yMenu> menus;      // the open menus, the outermost first (a submenu after its menu)
    std::vector<A11yDialog> dialogs;  // the open dialogs and popup lists, the outermost first
    // Said once by the screen reader when the keyboard or the mouse selects another entity without an
    // edit: "Moscow, Location" and its description (the selection alone is spoken as its bare text).
    std::string announcement;
    uint64_t announcement_serial = 0;  // increments with every announcement
    friend bool operator==(const A11yDocument&, const A11yDocument&) = default;
};

// How much of the article the mirror holds around the visible code points.
struct A11yMargins {
    size_t paragraphs = 2;    // whole paragraphs before and after the visible ones
    size_t chars = 3000;      // a paragraph is clipped this far (at a space) outside the view
    size_t table_rows = 100;  // rows of the entities table
};

// The paragraphs (text between line breaks; blank ones left out) that the visible code points
// [first, last) touch, plus the margins, with their entities nested as marks.
std::vector<A11yParagraph> describe_paragraphs(const Document& doc, size_t first, size_t last,
                                               const A11yMargins& margins = {}, std::string_view selected = {});
// The mark's description: its note, its knowledge-base id and its relations ("" without any).
std::string mark_description(const Document& doc, const Entity& e);
// "text, Title" where Title is the label's description up to its first colon, else its name.
std::string mark_name(const Document& doc, const Entity& e);
// The first `rows` relations in the order of their sources in the text (as the Relations table and
// Tab over relations order them), `selected` marked.
std::vector<A11yRelationRow> describe_relations(const Document& doc, std::string_view selected, size_t rows);
// The Details panel's fields of the entity `id`: text, label, start, end, locked, note, KB id and its
// attributes (empty when there is no such entity).
std::vector<A11yField> describe_entity_details(const Document& doc, std::string_view id);
// The Details panel's fields of the relation `id`: source, type, target and note.
std::vector<A11yField> describe_relation_details(const Document& doc, std::string_view id);
// The rows of the entities table, a window of margins.table_rows in document order around the entity
// `selected` (from the first when none); *first gets the rank of the first row.
std::vector<A11yEntityRow> describe_entities(const Document& doc, std::string_view selected, size_t rows,
                                             size_t* first);

}  // namespace aa::ui
