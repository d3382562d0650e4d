// The accessibility description (ui/accessibility.hpp), menus, dialogs and announcements included, handed to the page's
// DOM mirror (a11y.js) as JSON: WebPlatform::accessibility_changed writes it with io's JSON helpers and calls
// aa_js_a11y_update, which rebuilds the parts of the mirror that changed.
#include <string>
#include <vector>

#include "io/api_json.hpp"
#include "platform/web/js_bridge.hpp"
#include "platform/web/web_platform.hpp"
#include "ui/accessibility.hpp"

namespace aa::web {
namespace {

using io::JsonText;

std::string marks_json(const std::vector<ui::A11yMark>& marks) {
    std::vector<std::string> out;
    out.reserve(marks.size());
    for (const ui::A11yMark& m : marks) {
        const std::string children = marks_json(m.children);
        out.push_back(io::object_json({{"start", m.start},
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
        out.push_back(
            io::object_json({{"start", p.start}, {"end", p.end}, {"text", p.text}, {"marks", JsonText{marks}}}));
    }
    return io::array_json(out);
}

std::string labels_json(const std::vector<ui::A11yLabel>& labels) {
    std::vector<std::string> out;
    for (const ui::A11yLabel& l : labels)
        out.push_back(io::object_json({{"name", l.name},
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
        out.push_back(io::object_json({{"id", r.id},
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
        items.push_back(io::object_json({{"name", i.name},
                                         {"shortcut", i.shortcut},
                                         {"checkable", i.checkable},
                                         {"checked", i.checked},
                                         {"enabled", i.enabled},
                                         {"submenu", i.submenu},
                                         {"expanded", i.expanded},
                                         {"focused", i.focused}}));
    const std::string list = io::array_json(items);
    return io::object_json({{"name", menu.name}, {"items", JsonText{list}}});
}

std::string relations_json(const std::vector<ui::A11yRelationRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yRelationRow& r : rows)
        out.push_back(io::object_json(
            {{"id", r.id}, {"from", r.from}, {"type", r.type}, {"to", r.to}, {"selected", r.selected}}));
    return io::array_json(out);
}

std::string queue_json(const std::vector<ui::A11yQueueRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yQueueRow& r : rows)
        out.push_back(io::object_json(
            {{"title", r.title}, {"status", r.status}, {"entities", r.entities}, {"current", r.current}}));
    return io::array_json(out);
}

std::string suggestions_json(const std::vector<ui::A11ySuggestionRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11ySuggestionRow& r : rows)
        out.push_back(
            io::object_json({{"text", r.text}, {"label", r.label}, {"source", r.source}, {"current", r.current}}));
    return io::array_json(out);
}

std::string differences_json(const std::vector<ui::A11yDifferenceRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const ui::A11yDifferenceRow& r : rows)
        out.push_back(
            io::object_json({{"kind", r.kind}, {"a", r.a}, {"b", r.b}, {"chosen", r.chosen}, {"current", r.current}}));
    return io::array_json(out);
}

std::string fields_json(const std::vector<ui::A11yField>& fields) {
    std::vector<std::string> out;
    out.reserve(fields.size());
    for (const ui::A11yField& f : fields) out.push_back(io::object_json({{"name", f.name}, {"value", f.value}}));
    return io::array_json(out);
}

std::string dialogs_json(const std::vector<ui::A11yDialog>& dialogs) {
    std::vector<std::string> out;
    out.reserve(dialogs.size());
    for (const ui::A11yDialog& g : dialogs) {
        std::vector<std::string> controls;
        controls.reserve(g.controls.size());
        for (const ui::A11yControl& c : g.controls)
            controls.push_back(io::object_json({{"role", c.role},
                                                {"name", c.name},
                                                {"value", c.value},
                                                {"checked", c.checked},
                                                {"enabled", c.enabled},
                                                {"focused", c.focused}}));
        const std::string list = io::array_json(controls);
        out.push_back(io::object_json(
            {{"role", g.role}, {"name", g.name}, {"description", g.description}, {"controls", JsonText{list}}}));
    }
    return io::array_json(out);
}

std::string menus_json(const std::vector<ui::A11yMenu>& menus) {
    std::vector<std::string> out;
    out.reserve(menus.size());
    for (const ui::A11yMenu& m : menus) out.push_back(menu_json(m));
    return io::array_json(out);
}

}  // namespace

void WebPlatform::accessibility_changed(const ui::A11yDocument& d) {
    const std::string paragraphs = paragraphs_json(d.paragraphs), labels = labels_json(d.labels),
                      rows = rows_json(d.entities), menubar = menu_json(d.menubar), menus = menus_json(d.menus),
                      dialogs = dialogs_json(d.dialogs), relations = relations_json(d.relations),
                      queue = queue_json(d.queue), details = fields_json(d.details),
                      suggestions = suggestions_json(d.suggestions), differences = differences_json(d.differences);
    const std::string json = io::object_json({{"title", d.title},
                                              {"textSize", d.text_size},
                                              {"paragraphs", JsonText{paragraphs}},
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
                                              {"labels", JsonText{labels}},
                                              {"entities", JsonText{rows}},
                                              {"entitiesFirst", d.entities_first},
                                              {"entitiesTotal", d.entities_total},
                                              {"relations", JsonText{relations}},
                                              {"relationsTotal", d.relations_total},
                                              {"queue", JsonText{queue}},
                                              {"queueFirst", d.queue_first},
                                              {"queueTotal", d.queue_total},
                                              {"suggestions", JsonText{suggestions}},
                                              {"suggestionsFirst", d.suggestions_first},
                                              {"suggestionsTotal", d.suggestions_total},
                                              {"suggested", d.suggested},
                                              {"differences", JsonText{differences}},
                                              {"differencesFirst", d.differences_first},
                                              {"differencesTotal", d.differences_total},
                                              {"comparing", d.comparing},
                                              {"detailsName", d.details_name},
                                              {"details", JsonText{details}},
                                              {"menubar", JsonText{menubar}},
                                              {"menus", JsonText{menus}},
                                              {"dialogs", JsonText{dialogs}},
                                              {"announcement", d.announcement},
                                              {"announcementSerial", d.announcement_serial}});
    aa_js_a11y_update(json.data(), json.size());
}

}  // namespace aa::web
