// The accessibility description (accessibility.hpp): the paragraphs near the view with their
// entities as nested marks, the entities table's window, and AppImpl::update_accessibility, which
// builds it once per frame where its inputs moved and hands a changed one to the host.
//
// [SECTION] Marks and paragraphs
// [SECTION] Side panel tables (relations, details, documents, suggestions, differences)
// [SECTION] The per-frame update
#include "ui/accessibility.hpp"

#include <algorithm>

#include "core/unicode.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

// =====================================================================================
// [SECTION] Marks and paragraphs
// =====================================================================================

namespace {

struct Item {
    size_t start, end;
    const Entity* e;
};

// The relations of an entity, for its description: "Victoria Nuland works_for State Department";
// a screen reader hears what the arcs show.
std::string relations_description(const Document& doc, const Entity& e) {
    std::string out;
    const std::vector<const Relation*> rs = doc.relations().touching(e.id);
    constexpr size_t kMax = 5;
    for (size_t i = 0; i < rs.size() && i < kMax; ++i) {
        const Entity* f = doc.entities().find(rs[i]->from);
        const Entity* t = doc.entities().find(rs[i]->to);
        if (!f || !t) continue;
        out += (out.empty() ? "" : "; ") + std::string(doc.text_of(*f)) + " " + rs[i]->type + " " +
               std::string(doc.text_of(*t));
    }
    if (rs.size() > kMax) out += "; and " + std::to_string(rs.size() - kMax) + " more relations";
    return out;
}

}  // namespace

std::string mark_description(const Document& doc, const Entity& e) {
    std::string out = e.note;
    if (!e.kb_id.empty()) out += (out.empty() ? "" : "; ") + ("id " + e.kb_id);
    if (const std::string r = relations_description(doc, e); !r.empty()) out += (out.empty() ? "" : "; ") + r;
    return out;
}

namespace {

// Builds marks from items[i..] that start before parent_end (clipped to it); returns the next item.
size_t build_marks(const Document& doc, const std::vector<Item>& items, size_t i, size_t parent_end,
                   std::string_view selected, std::vector<A11yMark>& out) {
    while (i < items.size() && items[i].start < parent_end) {
        const Item& it = items[i++];
        A11yMark m;
        m.start = static_cast<uint32_t>(it.start);
        m.end = static_cast<uint32_t>(std::min(it.end, parent_end));
        m.id = it.e->id;
        m.label = it.e->label;
        m.name = mark_name(doc, *it.e);
        m.description = mark_description(doc, *it.e);
        m.selected = it.e->id == selected;
        i = build_marks(doc, items, i, m.end, selected, m.children);
        out.push_back(std::move(m));
    }
    return i;
}

// The code points [start, end) of paragraph `line` (0-based), its line break excluded.
std::pair<size_t, size_t> paragraph_span(const Text& t, size_t line) {
    const size_t start = t.line_start(line);
    size_t end = line + 1 < t.line_count() ? t.line_start(line + 1) : t.size();
    while (end > start && (t.at(end - 1) == '\n' || t.at(end - 1) == '\r')) --end;
    return {start, end};
}

bool blank(const Text& t, size_t a, size_t b) {
    for (size_t i = a; i < b; ++i)
        if (!unicode::is_space(t.at(i))) return false;
    return true;
}

A11yParagraph describe_part(const Document& doc, size_t a, size_t b, std::string_view selected) {
    A11yParagraph p;
    p.start = static_cast<uint32_t>(a);
    p.end = static_cast<uint32_t>(b);
    p.text = std::string(doc.text().slice(a, b));
    std::vector<Slot> slots;
    doc.entities().intersecting(a, b, slots);
    std::vector<Item> items;
    items.reserve(slots.size());
    for (Slot s : slots) {
        const Entity& e = doc.entities().get(s);
        items.push_back({std::max(e.start, a), std::min(e.end, b), &e});
    }
    // Document order is start ascending, longer first: clipping at `a` can reorder the ones that
    // began before it.
    std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
        return x.start != y.start ? x.start < y.start : x.end > y.end;
    });
    build_marks(doc, items, 0, b, selected, p.marks);
    return p;
}

}  // namespace

std::string mark_name(const Document& doc, const Entity& e) {
    std::string title = e.label;
    if (const Label* l = doc.labels().find(e.label); l && !l->description.empty())
        title = l->description.substr(0, l->description.find(':'));
    return std::string(doc.text_of(e)) + ", " + title;
}

std::vector<A11yParagraph> describe_paragraphs(const Document& doc, size_t first, size_t last,
                                               const A11yMargins& margins, std::string_view selected) {
    std::vector<A11yParagraph> out;
    const Text& t = doc.text();
    if (t.empty()) return out;
    first = std::min(first, t.size());
    last = std::clamp(last, first, t.size());
    const size_t l0 = t.line_col(first).line - 1, l1 = t.line_col(last > first ? last - 1 : first).line - 1;
    const size_t from = l0 > margins.paragraphs ? l0 - margins.paragraphs : 0;
    const size_t to = std::min(t.line_count() - 1, l1 + margins.paragraphs);
    for (size_t line = from; line <= to; ++line) {
        auto [a, b] = paragraph_span(t, line);
        // A long paragraph is clipped outside the view, at a space so that no word is cut.
        if (first > a + margins.chars) {
            size_t c = first - margins.chars;
            while (c < first && !unicode::is_space(t.at(c))) ++c;
            a = c < first ? c + 1 : c;  // after the space
        }
        if (last + margins.chars < b) {
            size_t c = last + margins.chars;
            while (c > last && !unicode::is_space(t.at(c))) --c;
            b = c;
        }
        if (a >= b || blank(t, a, b)) continue;
        out.push_back(describe_part(doc, a, b, selected));
    }
    return out;
}

std::vector<A11yEntityRow> describe_entities(const Document& doc, std::string_view selected, size_t rows,
                                             size_t* first) {
    const EntityStore& es = doc.entities();
    size_t begin = 0;
    if (auto slot = es.slot_of(selected)) {
        const size_t r = es.rank_of(*slot);
        begin = r > rows / 2 ? r - rows / 2 : 0;
    }
    begin = std::min(begin, es.size() > rows ? es.size() - rows : 0);
    // Those rows only, from the tree: during a labelling in slices every frame changes the entities,
    // and the whole order read again each frame would cost the document's size.
    std::vector<Slot> part;
    es.ordered_range(begin, rows, part);
    std::vector<A11yEntityRow> out;
    out.reserve(part.size());
    for (Slot slot : part) {
        const Entity& e = es.get(slot);
        out.push_back({e.id, std::string(doc.text_of(e)), e.label, static_cast<uint32_t>(e.start),
                       static_cast<uint32_t>(e.end), e.id == selected});
    }
    if (first) *first = begin;
    return out;
}

// =====================================================================================
// [SECTION] Side panel tables (relations, details, documents, suggestions, differences)
// =====================================================================================

std::vector<A11yRelationRow> describe_relations(const Document& doc, std::string_view selected, size_t rows) {
    std::vector<std::pair<size_t, const Relation*>> order;
    for (const auto& [id, r] : doc.relations().all())
        if (const Entity* f = doc.entities().find(r.from)) order.emplace_back(f->start, &r);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<A11yRelationRow> out;
    for (size_t i = 0; i < order.size() && i < rows; ++i) {
        const Relation& r = *order[i].second;
        const Entity* f = doc.entities().find(r.from);
        const Entity* t = doc.entities().find(r.to);
        out.push_back({r.id, f ? std::string(doc.text_of(*f)) : r.from, r.type, t ? std::string(doc.text_of(*t)) : r.to,
                       r.id == selected});
    }
    return out;
}

std::vector<A11yField> describe_entity_details(const Document& doc, std::string_view id) {
    const Entity* e = doc.entities().find(id);
    if (!e) return {};
    std::vector<A11yField> out{{"Text", std::string(doc.text_of(*e))},
                               {"Label", e->label},
                               {"Start", std::to_string(e->start)},
                               {"End", std::to_string(e->end)},
                               {"Locked", e->locked ? "yes" : "no"},
                               {"Note", e->note},
                               {"KB id", e->kb_id}};
    for (const auto& [k, v] : e->attributes) out.push_back({k, v});
    return out;
}

std::vector<A11yField> describe_relation_details(const Document& doc, std::string_view id) {
    const Relation* r = doc.relations().find(id);
    if (!r) return {};
    const Entity* f = doc.entities().find(r->from);
    const Entity* t = doc.entities().find(r->to);
    return {{"Source", f ? std::string(doc.text_of(*f)) : r->from},
            {"Type", r->type},
            {"Target", t ? std::string(doc.text_of(*t)) : r->to},
            {"Note", r->note}};
}

// The window of rows `rows` long around `current` (from the first when there is none) in a list of `n`.
static size_t window_first(size_t n, size_t current, size_t rows) {
    const size_t begin = current < n && current > rows / 2 ? current - rows / 2 : 0;
    return std::min(begin, n > rows ? n - rows : 0);
}

namespace {
// FNV-1a over what a window of rows shows, so that the per-frame key stays small and allocation-free
// however long the list is.
struct WindowHash {
    uint64_t h = 1469598103934665603ull;
    void add(uint64_t v) { h = (h ^ v) * 1099511628211ull; }
    void add(std::string_view s) {
        for (char c : s) add(static_cast<unsigned char>(c));
    }
};
}  // namespace

// The first queue index of the Documents tab's window: `rows` around the open document.
size_t AppImpl::a11y_queue_first() const {
    return window_first(queue.docs.size(), queue.current, a11y_margins.table_rows);
}

// A hash of what the Documents tab's window shows (titles, statuses, counts).
uint64_t AppImpl::a11y_queue_hash() const {
    WindowHash mix;
    const size_t first = a11y_queue_first(), end = std::min(queue.docs.size(), first + a11y_margins.table_rows);
    mix.add(queue.docs.size());
    mix.add(queue.current);
    for (size_t i = first; i < end; ++i) {
        const QueueDoc& q = queue.docs[i];
        mix.add(q.title);
        mix.add(q.entities);
        mix.add(static_cast<uint64_t>(q.status));
    }
    return mix.h;
}

size_t AppImpl::a11y_suggestions_first() const {
    return window_first(suggest.list().size(), suggest.current, a11y_margins.table_rows);
}

// As a11y_queue_hash, for the Suggest tab's window (the list changes without an edit: reject, Suggest).
uint64_t AppImpl::a11y_suggestions_hash() const {
    WindowHash mix;
    const size_t first = a11y_suggestions_first(),
                 end = std::min(suggest.list().size(), first + a11y_margins.table_rows);
    mix.add(suggest.computed);
    mix.add(suggest.list().size());
    mix.add(suggest.current);
    for (size_t i = first; i < end; ++i) {
        const Suggestion& s = suggest.list()[i];
        mix.add(s.start);
        mix.add(s.end);
        mix.add(s.label);
        mix.add(s.source);
    }
    return mix.h;
}

size_t AppImpl::a11y_differences_first() const {
    return window_first(agree.result.differences.size(), agree.current, a11y_margins.table_rows);
}

// As a11y_queue_hash, for the comparison's window: choices and the current difference change without
// an edit of A, and a recomputation (B reloaded, another annotator) without either.
uint64_t AppImpl::a11y_differences_hash() const {
    WindowHash mix;
    mix.add(agree.active);
    if (!agree.active) return mix.h;
    const std::vector<Difference>& list = agree.result.differences;
    const size_t first = a11y_differences_first(), end = std::min(list.size(), first + a11y_margins.table_rows);
    mix.add(agree.revision);
    mix.add(agree.generation);
    mix.add(list.size());
    mix.add(agree.current);
    mix.add(agree.name);
    for (size_t i = first; i < end; ++i) {
        const Difference& dif = list[i];
        mix.add(static_cast<uint64_t>(dif.kind));
        mix.add(dif.start());
        mix.add(dif.end());
        mix.add(i < agree.choices.size() && agree.choices[i] ? static_cast<uint64_t>(*agree.choices[i]) + 1 : 0);
    }
    return mix.h;
}

// One side of a difference as the row says it: its label and text, or "(none)".
static std::string difference_side(const Document& d, const std::optional<Entity>& e) {
    if (!e) return "(none)";
    return e->label + " \"" + std::string(d.text().slice(e->start, e->end)) + "\"";
}

// The comparison's differences in the window around the current one (none when no comparison is open).
void AppImpl::describe_differences(A11yDocument& doc) const {
    if (!agree.active) return;
    const Document& d = editor.doc();
    const std::vector<Difference>& list = agree.result.differences;
    doc.comparing = agree.name.empty() ? "Comparison" : "Comparison with " + agree.name;
    doc.differences_total = list.size();
    doc.differences_first = a11y_differences_first();
    for (size_t i = doc.differences_first; i < list.size() && i < doc.differences_first + a11y_margins.table_rows;
         ++i) {
        const Difference& dif = list[i];
        std::string chosen;
        if (i < agree.choices.size() && agree.choices[i])
            chosen = *agree.choices[i] == Side::A ? "A" : *agree.choices[i] == Side::B ? "B" : "neither";
        doc.differences.push_back({diff_kind_name(dif.kind), difference_side(d, dif.a), difference_side(d, dif.b),
                                   chosen, i == agree.current});
    }
}

// =====================================================================================
// [SECTION] The per-frame update
// =====================================================================================

// The visible code points: the lines drawn this frame (none in the empty state).
std::pair<size_t, size_t> AppImpl::visible_span() const {
    if (!article_drawn || geoms.empty()) return {0, 0};
    return {geoms.front().start, geoms.back().end};
}

// The end of a frame: the description brought up to date. With the host taking it after the frame
// (App::accessibility_after_frame), a frame that finds a new document to describe, none described yet
// (the first frame) or the document replaced since the last description, leaves it to the host's task,
// so that this frame does not pay it. One path, once per change: a frame that comes before the task
// describes what was left (the task then does nothing); a task that comes first clears a11y_left and
// the next frame's keyed update finds nothing changed.
void AppImpl::accessibility_end_frame() {
    const bool new_document = !a11y_key || a11y_key->generation != doc_generation;
    if (a11y_after_frame && new_document && !a11y_left) {
        a11y_left = true;
        return;
    }
    a11y_left = false;
    update_accessibility();
}

bool AppImpl::describe_left_accessibility() {
    if (!a11y_left) return false;
    a11y_left = false;
    update_accessibility();
    return true;
}

void AppImpl::update_accessibility() {
    const Document& d = editor.doc();
    const auto [first, last] = visible_span();
    const A11yKey key{editor.revision(),
                      doc_generation,
                      first,
                      last,
                      status_serial,
                      sel.active,
                      sel.anchor,
                      keyboard_caret(),
                      sel.entity,
                      sel.relation,
                      a11y_queue_hash(),
                      a11y_suggestions_hash(),
                      a11y_differences_hash(),
                      prefs.active_label,
                      static_cast<int>(keynav.region),
                      keynav.ring,
                      menu_mirror.bar,
                      menu_mirror.open,
                      dialog_mirror.open};
    if (a11y_key && *a11y_key == key) return;
    // Another entity selected with no edit (Tab, Shift+Tab, a click): a screen reader speaks a new
    // selection as its bare text ("Moscow selected") and leaves the mark's name and description
    // unsaid, so they are announced through a live region. An edit that selects (adding one) is said
    // by its status message instead.
    if (a11y_key && !sel.entity.empty() && sel.entity != a11y_key->entity && a11y_key->revision == editor.revision() &&
        a11y_key->generation == doc_generation)
        if (const Entity* e = d.entities().find(sel.entity)) {
            const std::string more = mark_description(d, *e);
            a11y_announcement = mark_name(d, *e) + (more.empty() ? "" : ". " + more);
            ++a11y_announcement_serial;
        }
    a11y_key = key;
    A11yDocument doc;
    doc.title = d.info.title;
    doc.text_size = static_cast<uint32_t>(d.text().size());
    if (!d.text().empty())
        doc.paragraphs = describe_paragraphs(d, first, std::max(first, last), a11y_margins, sel.entity);
    doc.status = status;
    doc.status_error = status_error;
    doc.status_serial = status_serial;
    doc.selection = sel.active && sel.anchor != sel.caret;
    doc.selection_start = static_cast<uint32_t>(std::min(sel.anchor, sel.caret));
    doc.selection_end = static_cast<uint32_t>(std::max(sel.anchor, sel.caret));
    doc.caret = static_cast<uint32_t>(keyboard_caret());
    doc.region = region_name(keynav.region);
    doc.keyboard = keynav.ring;
    doc.selected_entity = sel.entity;
    const auto& labels = d.labels().all();
    for (size_t i = 0; i < labels.size(); ++i)
        doc.labels.push_back({labels[i].name, labels[i].key, labels[i].description, label_count(i),
                              labels[i].name == prefs.active_label});
    doc.entities = describe_entities(d, sel.entity, a11y_margins.table_rows, &doc.entities_first);
    doc.entities_total = d.entities().size();
    doc.relations = describe_relations(d, sel.relation, a11y_margins.table_rows);
    doc.relations_total = d.relations().size();
    doc.queue_total = queue.docs.size();
    doc.queue_first = a11y_queue_first();
    for (size_t i = doc.queue_first; i < doc.queue_total && i < doc.queue_first + a11y_margins.table_rows; ++i) {
        const QueueDoc& q = queue.docs[i];
        doc.queue.push_back(
            {q.title.empty() ? "(empty)" : q.title, queue_status_name(q.status), q.entities, i == queue.current});
    }
    describe_differences(doc);
    doc.suggested = suggest.computed;
    doc.suggestions_total = suggest.list().size();
    doc.suggestions_first = a11y_suggestions_first();
    for (size_t i = doc.suggestions_first;
         i < doc.suggestions_total && i < doc.suggestions_first + a11y_margins.table_rows; ++i) {
        const Suggestion& s = suggest.list()[i];
        doc.suggestions.push_back(
            {std::string(d.text().slice(s.start, s.end)), s.label, s.source, i == suggest.current});
    }
    if (!sel.entity.empty() && d.entities().find(sel.entity)) {
        doc.details_name = "Entity";
        doc.details = describe_entity_details(d, sel.entity);
    } else if (!sel.relation.empty() && d.relations().find(sel.relation)) {
        doc.details_name = "Relation";
        doc.details = describe_relation_details(d, sel.relation);
    }
    doc.menubar = menu_mirror.bar;
    doc.menubar.name = "Menu bar";
    doc.menus = menu_mirror.open;
    doc.dialogs = dialog_mirror.open;
    doc.announcement = a11y_announcement;
    doc.announcement_serial = a11y_announcement_serial;
    if (doc == a11y_doc) return;
    a11y_doc = std::move(doc);
    platform.accessibility_changed(a11y_doc);
}

}  // namespace aa::ui
