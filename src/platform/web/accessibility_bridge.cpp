// The accessibility description (ui/accessibility.hpp), menus, dialogs and announcements included, handed to the page's
// DOM mirror (a11y.js) as JSON: WebPlatform::accessibility_changed writes it with io's JSON helpers and calls
// aa_js_a11y_update, which rebuilds the parts of the mirror that changed. Only the parts that differ from the
// description sent before are written (the small fields always): a caret move or a status message sends a few hundred
// bytes, not the paragraphs and the tables again; a11y.js keeps the rest from before. Nested records are spliced
// (io::spliced_object_json), not parsed again at each level.
#include <string>
#include <vector>

#include "io/api_json.hpp"
#include "platform/web/js_bridge.hpp"
#include "platform/web/web_platform.hpp"
#include "ui/accessibility.hpp"

namespace aa::web {
namespace {

using io::JsonText;

std::string obj(std::initializer_list<io::JsonField> fields) { return io::spliced_object_json(fields); }

std::string marks_json(const std::vector<ui::A11yMark>& marks) {
    std::vector<std::string> out;
    out.reserve(marks.size());
    for (const ui::A11yMark& m : marks) {
        const std::string children = marks_json(m.children);
        out.push_back(obj({{"start", m.start},
                           {"end", m.end},
                           {"id", m.id},
                           {"label", m.label},
                           {"name", m.name},
                           {"description", m.description},
                           {"selected", m.selected},
                           {"children", JsonText{children}}}));
    }
    return io::array_json(out);
}

std::string paragraphs_json(const std::vector<ui::A11yParagraph>& paragraphs) {
    std::vector<std::string> out;
    out.reserve(paragraphs.size());
    for (const ui::A11yParagraph& p : paragraphs) {
        const std::string marks = marks_json(p.marks);
        out.push_back(obj({{"start", p.start}, {"end", p.end}, {"text", p.text}, {"marks", JsonText{marks}}}));
    }
    return io::array_json(out);
}

std::string labels_json(const std::vector<ui::A11yLabel>& labels) {
    std::vector<std::string> out;
    for (const ui::A11yLabel& l : labels)
        out.push_back(obj({{"name", l.name},
                           {"key", l.key},
                           {"description", l.description},
                           {"count", l.count},
                           {"active", l.active}}));
    return io::array_json(out);
}

std::string rows_json(const std::vector<ui::A11yEntityRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yEntityRow& r : rows)
        out.push_back(obj({{"id", r.id},
                           {"text", r.text},
                           {"label", r.label},
                           {"start", r.start},
                           {"end", r.end},
                           {"selected", r.selected}}));
    return io::array_json(out);
}

std::string menu_json(const ui::A11yMenu& menu) {
    std::vector<std::string> items;
    items.reserve(menu.items.size());
    for (const ui::A11yMenuItem& i : menu.items)
        items.push_back(obj({{"name", i.name},
                             {"shortcut", i.shortcut},
                             {"checkable", i.checkable},
                             {"checked", i.checked},
                             {"enabled", i.enabled},
                             {"submenu", i.submenu},
                             {"expanded", i.expanded},
                             {"focused", i.focused}}));
    const std::string list = io::array_json(items);
    return obj({{"name", menu.name}, {"items", JsonText{list}}});
}

std::string relations_json(const std::vector<ui::A11yRelationRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yRelationRow& r : rows)
        out.push_back(obj({{"id", r.id}, {"from", r.from}, {"type", r.type}, {"to", r.to}, {"selected", r.selected}}));
    return io::array_json(out);
}

std::string queue_json(const std::vector<ui::A11yQueueRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yQueueRow& r : rows)
        out.push_back(
            obj({{"title", r.title}, {"status", r.status}, {"entities", r.entities}, {"current", r.current}}));
    return io::array_json(out);
}

std::string suggestions_json(const std::vector<ui::A11ySuggestionRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11ySuggestionRow& r : rows)
        out.push_back(obj({{"text", r.text}, {"label", r.label}, {"source", r.source}, {"current", r.current}}));
    return io::array_json(out);
}

std::string differences_json(const std::vector<ui::A11yDifferenceRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yDifferenceRow& r : rows)
        out.push_back(obj({{"kind", r.kind}, {"a", r.a}, {"b", r.b}, {"chosen", r.chosen}, {"current", r.current}}));
    return io::array_json(out);
}

std::string fields_json(const std::vector<ui::A11yField>& fields) {
    std::vector<std::string> out;
    out.reserve(fields.size());
    for (const ui::A11yField& f : fields) out.push_back(obj({{"name", f.name}, {"value", f.value}}));
    return io::array_json(out);
}

std::string dialogs_json(const std::vector<ui::A11yDialog>& dialogs) {
    std::vector<std::string> out;
    out.reserve(dialogs.size());
    for (const ui::A11yDialog& g : dialogs) {
        std::vector<std::string> controls;
        controls.reserve(g.controls.size());
        for (const ui::A11yControl& c : g.controls)
            controls.push_back(obj({{"role", c.role},
                                    {"name", c.name},
                                    {"value", c.value},
                                    {"checked", c.checked},
                                    {"enabled", c.enabled},
                                    {"focused", c.focused}}));
        const std::string list = io::array_json(controls);
        out.push_back(
            obj({{"role", g.role}, {"name", g.name}, {"description", g.description}, {"controls", JsonText{list}}}));
    }
    return io::array_json(out);
}

std::string menus_json(const std::vector<ui::A11yMenu>& menus) {
    std::vector<std::string> out;
    out.reserve(menus.size());
    for (const ui::A11yMenu& m : menus) out.push_back(menu_json(m));
    return io::array_json(out);
}

// The small fields, always sent (a JSON object).
std::string scalars_json(const ui::A11yDocument& d) {
    return obj({{"title", d.title},
                {"textSize", d.text_size},
                {"status", d.status},
                {"statusError", d.status_error},
                {"statusSerial", d.status_serial},
                {"selection", d.selection},
                {"selectionStart", d.selection_start},
                {"selectionEnd", d.selection_end},
                {"caret", d.caret},
                {"region", d.region},
                {"keyboard", d.keyboard},
                {"selectedEntity", d.selected_entity},
                {"entitiesFirst", d.entities_first},
                {"entitiesTotal", d.entities_total},
                {"relationsTotal", d.relations_total},
                {"queueFirst", d.queue_first},
                {"queueTotal", d.queue_total},
                {"suggestionsFirst", d.suggestions_first},
                {"suggestionsTotal", d.suggestions_total},
                {"suggested", d.suggested},
                {"differencesFirst", d.differences_first},
                {"differencesTotal", d.differences_total},
                {"comparing", d.comparing},
                {"detailsName", d.details_name},
                {"announcement", d.announcement},
                {"announcementSerial", d.announcement_serial}});
}

// Appends `"key":json(d.*part)` to the open object `out` when the part differs from `sent`'s (or
// nothing was sent yet), and keeps it in `sent`.
template <class T, class Write>
void add_part(std::string& out, const char* key, const ui::A11yDocument& d, std::optional<ui::A11yDocument>& sent,
              T ui::A11yDocument::*part, Write write) {
    if (sent && (*sent).*part == d.*part) return;
    out += ",\"";
    out += key;
    out += "\":";
    out += write(d.*part);
    if (sent) (*sent).*part = d.*part;
}

}  // namespace

void WebPlatform::accessibility_changed(const ui::A11yDocument& d) {
    using D = ui::A11yDocument;
    std::string json = scalars_json(d);
    json.pop_back();  // the closing brace: the parts that changed follow
    add_part(json, "paragraphs", d, a11y_sent_, &D::paragraphs, paragraphs_json);
    add_part(json, "labels", d, a11y_sent_, &D::labels, labels_json);
    add_part(json, "entities", d, a11y_sent_, &D::entities, rows_json);
    add_part(json, "relations", d, a11y_sent_, &D::relations, relations_json);
    add_part(json, "queue", d, a11y_sent_, &D::queue, queue_json);
    add_part(json, "suggestions", d, a11y_sent_, &D::suggestions, suggestions_json);
    add_part(json, "differences", d, a11y_sent_, &D::differences, differences_json);
    add_part(json, "details", d, a11y_sent_, &D::details, fields_json);
    add_part(json, "menubar", d, a11y_sent_, &D::menubar, menu_json);
    add_part(json, "menus", d, a11y_sent_, &D::menus, menus_json);
    add_part(json, "dialogs", d, a11y_sent_, &D::dialogs, dialogs_json);
    json += '}';
    if (!a11y_sent_) a11y_sent_ = d;
    aa_js_a11y_update(json.data(), json.size());
}

}  // namespace aa::web
