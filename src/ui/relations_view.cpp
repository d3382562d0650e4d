// Relations in the article: the arc band above each row (its levels), the arcs laid out by
// arc_layout.hpp from this frame's entity boxes and drawn over the text bands, their hit tests, and
// the ways to make and edit a relation: a drag from an entity's tag to another entity, R then a
// click or a pick from the list of nearby entities, a type chosen when more than one allows the
// pair; selecting, retyping (T), reversing (R) and deleting (Del) a relation; show / hide / lock.
// Every change goes through the Editor, so Ctrl+Z undoes it.
//
// [SECTION] Visibility and locks
// [SECTION] Layout of the arcs
// [SECTION] Drawing
// [SECTION] Mouse
// [SECTION] Making a relation
// [SECTION] Editing the selected relation
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {

constexpr float kTagPad = 6;   // a tag's text and its sides
constexpr size_t kNearby = 9;  // entities offered as targets (keys 1-9)

// The distance from p to the axis-parallel segment a-b.
float distance_to(ImVec2 p, arcs::Pt a, arcs::Pt b) {
    const float x = std::clamp(p.x, std::min(a.x, b.x), std::max(a.x, b.x));
    const float y = std::clamp(p.y, std::min(a.y, b.y), std::max(a.y, b.y));
    return std::hypot(p.x - x, p.y - y);
}

bool inside(ImVec2 p, const arcs::RectF& r, float grow = 0) {
    return p.x >= r.x0 - grow && p.x < r.x1 + grow && p.y >= r.y0 - grow && p.y < r.y1 + grow;
}

}  // namespace

// =====================================================================================
// [SECTION] Visibility and locks
// =====================================================================================

bool AppImpl::label_hidden(std::string_view label) const {
    return std::find(prefs.hidden_labels.begin(), prefs.hidden_labels.end(), label) != prefs.hidden_labels.end();
}
bool AppImpl::type_hidden(std::string_view type) const {
    return std::find(prefs.hidden_relation_types.begin(), prefs.hidden_relation_types.end(), type) !=
           prefs.hidden_relation_types.end();
}
bool AppImpl::label_locked(std::string_view label) const {
    return std::find(prefs.locked_labels.begin(), prefs.locked_labels.end(), label) != prefs.locked_labels.end();
}
bool AppImpl::entity_locked(std::string_view id) const {
    const Entity* e = editor.doc().entities().find(id);
    return e && (e->locked || label_locked(e->label));
}

// A locked entity (itself, or all of its label) is not moved, relabelled or deleted: the status
// says how to unlock it.
bool AppImpl::refuse_locked(std::string_view id) {
    const Entity* e = editor.doc().entities().find(id);
    if (!e) return false;
    const std::string text(editor.doc().text_of(*e));
    if (e->locked)
        set_status(e->label + " \"" + text +
                       "\" is locked: unlock it in its right-click menu or with Locked in the details to change it",
                   true);
    else if (label_locked(e->label))
        set_status(e->label +
                       " is locked: unlock it in the Labels panel (or the entity's right-click menu) to change \"" +
                       text + "\"",
                   true);
    return entity_locked(id);
}

// The entity's own lock, through the Editor: saved with it, undone by Ctrl+Z.
void AppImpl::toggle_entity_lock(const std::string& id) {
    const Entity* e = editor.doc().entities().find(id);
    if (!e) return;
    const bool lock = !e->locked;
    const std::string what = e->label + " \"" + std::string(editor.doc().text_of(*e)) + "\"";
    if (Status s = editor.set_locked(id, lock); !s)
        set_status(s.error().summary(), true);
    else
        set_status((lock ? "Locked " : "Unlocked ") + what + " (Ctrl+Z undoes)");
}

void AppImpl::toggle_name(std::vector<std::string>& list, const std::string& name) {
    auto it = std::find(list.begin(), list.end(), name);
    if (it == list.end())
        list.push_back(name);
    else
        list.erase(it);
    ++prefs_revision;
}

std::string AppImpl::entity_text(const std::string& id) const {
    const Entity* e = editor.doc().entities().find(id);
    if (!e) return id;
    return e->label + " " + quoted_excerpt(editor.doc().text_of(*e));
}

std::string AppImpl::relation_text(const Relation& r) const {
    const RelationType* t = editor.doc().relation_types().find(r.type);
    const char* arrow = t && t->symmetric ? " <-" : " -";
    return entity_text(r.from) + arrow + r.type + "-> " + entity_text(r.to);
}

// =====================================================================================
// [SECTION] Layout of the arcs
// =====================================================================================

// Two levels while a document has a few relations, three beyond (more arcs share the top level).
int AppImpl::wanted_arc_levels() const {
    const size_t n = editor.doc().relations().size();
    return n == 0 ? 0 : n <= 4 ? 2 : 3;
}

float AppImpl::arc_step() const { return std::round(15.0f * prefs.zoom) + 3; }

// A relation is drawn when its type and both ends' labels are shown.
bool AppImpl::arc_shown(const Relation& r) const {
    if (type_hidden(r.type)) return false;
    const Entity* f = editor.doc().entities().find(r.from);
    const Entity* t = editor.doc().entities().find(r.to);
    return f && t && !label_hidden(f->label) && !label_hidden(t->label);
}

// The arc band goes only on the lines where an entity with a drawn relation starts (its tag is an
// arc's end or a stub's), so a document with a few relations keeps its other lines short. Computed
// when the document, the view's prefs or the layout changed, not every frame.
void AppImpl::update_arc_bands(bool rebuilt) {
    if (!rebuilt && arc_bands_revision == editor.revision() && arc_bands_prefs == prefs_revision) return;
    arc_bands_revision = editor.revision();
    arc_bands_prefs = prefs_revision;
    const Document& doc = editor.doc();
    arc_levels = wanted_arc_levels();
    arc_band = arc_levels > 0 ? static_cast<float>(arc_levels) * arc_step() + 4.0f : 0.0f;
    std::vector<uint32_t> anchors;
    for (const auto& [id, r] : doc.relations().all()) {
        if (!arc_shown(r)) continue;
        anchors.push_back(static_cast<uint32_t>(doc.entities().find(r.from)->start));
        anchors.push_back(static_cast<uint32_t>(doc.entities().find(r.to)->start));
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    article.set_bands(std::move(anchors), arc_band);
}

// The width of a label or type name as the text engine draws it (cached per name and UI size).
float AppImpl::name_width(const std::string& name) {
    const float size = ImGui::GetFontSize();
    if (name_widths_size != size) {
        name_widths.clear();
        name_widths_size = size;
    }
    if (auto it = name_widths.find(name); it != name_widths.end()) return it->second;
    ParagraphLayout& pl = user_layout(name, 0);
    float w = 0;
    if (pl.line_count() > 0)
        for (const Run& r : pl.runs(0)) w = std::max(w, r.x + r.width);
    name_widths.emplace(name, w);
    return w;
}

// This frame's tags (one per entity starting on a visible line), arcs and stubs.
void AppImpl::layout_arcs() {
    const Document& doc = editor.doc();
    arc_frame.relations.clear();
    arc_frame.tag_entities.clear();
    arc_frame.box_tag.assign(boxes.size(), -1);
    std::vector<arcs::Line> lines;
    std::vector<arcs::TagRequest> tags;
    std::unordered_map<std::string, size_t> tag_of;
    const float tag_h = ImGui::GetFontSize() + 2;
    for (size_t gi = 0; gi < geoms.size(); ++gi) {
        const LineGeom& g = geoms[gi];
        lines.push_back({origin_y + g.y, origin_y + g.y + g.band + 1});
        for (size_t i = g.box_begin; i < g.box_end; ++i) {
            const SegmentBox& b = boxes[i];
            if (!b.is_start) continue;
            const Entity& e = doc.entities().get(b.slot);
            if (tag_of.count(e.id)) continue;
            arc_frame.box_tag[i] = static_cast<int>(tags.size());
            tag_of.emplace(e.id, tags.size());
            arc_frame.tag_entities.push_back(e.id);
            // Above the start: its left edge, or in right-to-left text its right edge (the tag ends there).
            const float w = name_width(e.label) + kTagPad;
            const bool rtl_start = b.start_x > (b.x0 + b.x1) * 0.5f;
            tags.push_back({gi, rtl_start ? b.x1 + 2 - w : b.x0 - 2, w, tag_h});
        }
    }
    std::vector<arcs::Request> requests;
    if (!geoms.empty() && arc_levels > 0) {
        const size_t last = geoms.back().end;
        auto end_of = [&](const Entity& e) {
            if (auto it = tag_of.find(e.id); it != tag_of.end()) return arcs::End{arcs::End::Kind::Tag, it->second};
            return arcs::End{e.start >= last ? arcs::End::Kind::Below : arcs::End::Kind::Above, 0};
        };
        for (const auto& [id, r] : doc.relations().all()) {
            if (!arc_shown(r)) continue;
            const Entity* f = doc.entities().find(r.from);
            const Entity* t = doc.entities().find(r.to);
            const arcs::End ef = end_of(*f), et = end_of(*t);
            if (ef.kind != arcs::End::Kind::Tag && et.kind != arcs::End::Kind::Tag) continue;
            requests.push_back({ef, et, name_width(r.type) + kTagPad});
            arc_frame.relations.push_back(id);
        }
    }
    arcs::Params p;
    p.left = origin_x;
    p.right = origin_x + layout_width;
    p.step = arc_step();
    p.levels = std::max(1, arc_levels);
    p.gutter = 22;
    p.digit_w = ImGui::CalcTextSize("0").x;
    arc_frame.layout = arcs::layout(lines, tags, requests, p);
    // Named for tests (App::widget_rect): "tag.<entity>", "arc.<relation>" (its label), "stub.<entity>.up/down".
    const int frame = ImGui::GetFrameCount();
    auto note = [&](std::string name, const arcs::RectF& r) {
        widget_rects[std::move(name)] = {Rect{r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0}, frame};
    };
    for (size_t t = 0; t < arc_frame.tag_entities.size(); ++t)
        note("tag." + arc_frame.tag_entities[t], arc_frame.layout.tags[t]);
    for (const arcs::Arc& a : arc_frame.layout.arcs) note("arc." + arc_frame.relations[a.request], a.label);
    for (const arcs::Stub& s : arc_frame.layout.stubs)
        note("stub." + arc_frame.tag_entities[s.tag] + (s.dir < 0 ? ".up" : ".down"), s.badge);
}

// =====================================================================================
// [SECTION] Drawing
// =====================================================================================

// Arcs after the lines, over the bands above the tags: polylines in the type's colour with an
// arrowhead on the target (none for a symmetric type), the type's name on a box that hides what
// crosses under it; stubs with a triangle and their count.
void AppImpl::draw_arcs(ImDrawList* dl) {
    const Document& doc = editor.doc();
    const arcs::Layout& L = arc_frame.layout;
    const ImU32 bg = to_imu32(theme().article_bg);
    // The selected and hovered arcs last, on top.
    std::vector<size_t> order(L.arcs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_partition(order.begin(), order.end(), [&](size_t i) {
        const std::string& id = arc_frame.relations[L.arcs[i].request];
        return id != sel.relation && id != sel.hovered_relation;
    });
    for (size_t i : order) {
        const arcs::Arc& a = L.arcs[i];
        const std::string& id = arc_frame.relations[a.request];
        const Relation* r = doc.relations().find(id);
        if (!r) continue;
        const RelationType* t = doc.relation_types().find(r->type);
        const Color c = t ? t->color : theme().unknown_label;  // a type not in the set
        const bool selected = id == sel.relation, hot = id == sel.hovered_relation;
        const ImU32 col = to_imu32(darker(c, 0.75f));
        std::vector<ImVec2> pts;
        for (const arcs::Pt& q : a.points) pts.emplace_back(q.x, q.y);
        if (selected) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), to_imu32(theme().accent), 0, 5.0f);
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, hot || selected ? 2.5f : 1.5f);
        if (!(t && t->symmetric)) {  // the arrowhead on the target's tag
            const ImVec2 tip = pts.back();
            dl->AddTriangleFilled(ImVec2(tip.x - 4, tip.y - 7), ImVec2(tip.x + 4, tip.y - 7), tip, col);
        }
        const ImVec2 l0(a.label.x0, a.label.y0), l1(a.label.x1, a.label.y1);
        dl->AddRectFilled(l0, l1, selected ? to_imu32(c) : bg, 3);
        dl->AddRect(l0, l1, col, 3, 0, selected ? 2.0f : 1.0f);
        const Color text = selected ? c.readable_text() : theme().text;
        const float ty = (a.label.y0 + a.label.y1 - ImGui::GetFontSize()) * 0.5f;
        draw_user_text(dl, ImVec2(a.label.x0 + kTagPad * 0.5f, ty), r->type, to_imu32(text), 0, false);
    }
    for (const arcs::Stub& s : L.stubs) {
        const ImU32 col = to_imu32(theme().text, 0.55f);
        std::vector<ImVec2> pts;
        for (const arcs::Pt& q : s.points) pts.emplace_back(q.x, q.y);
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 1.5f);
        const ImVec2 b0(s.badge.x0, s.badge.y0), b1(s.badge.x1, s.badge.y1);
        dl->AddRectFilled(b0, b1, bg, 3);
        dl->AddRect(b0, b1, col, 3);
        const float cx = b0.x + 7, cy = (b0.y + b1.y) * 0.5f;
        if (s.dir < 0)
            dl->AddTriangleFilled(ImVec2(cx - 4, cy + 3), ImVec2(cx + 4, cy + 3), ImVec2(cx, cy - 4), col);
        else
            dl->AddTriangleFilled(ImVec2(cx - 4, cy - 3), ImVec2(cx + 4, cy - 3), ImVec2(cx, cy + 4), col);
        const std::string n = std::to_string(s.requests.size());
        dl->AddText(ImVec2(b0.x + 13, cy - ImGui::GetFontSize() * 0.5f), to_imu32(theme().text), n.c_str());
    }
}

// The rubber band of a relation being made: from the source's tag to the mouse.
void AppImpl::draw_relation_drag(ImDrawList* dl) {
    const std::string& from =
        !sel.tag_drag_from.empty() ? sel.tag_drag_from : (rel_pick.active && rel_pick.to.empty() ? rel_pick.from : "");
    if (from.empty() || (!sel.tag_drag_from.empty() && !ImGui::IsMouseDragging(ImGuiMouseButton_Left))) return;
    for (size_t t = 0; t < arc_frame.tag_entities.size(); ++t) {
        if (arc_frame.tag_entities[t] != from) continue;
        const arcs::RectF& r = arc_frame.layout.tags[t];
        const ImVec2 a((r.x0 + r.x1) * 0.5f, r.y0), m = ImGui::GetIO().MousePos;
        dl->AddLine(a, m, to_imu32(theme().accent), 2.0f);
        dl->AddCircleFilled(m, 3.5f, to_imu32(theme().accent));
    }
}

void AppImpl::draw_relation_tooltip(const std::string& id) {
    const Relation* r = editor.doc().relations().find(id);
    if (!r) return;
    ImGui::BeginTooltip();
    const RelationType* t = editor.doc().relation_types().find(r->type);
    user_text(relation_text(*r), ImGui::GetFontSize() * 30);
    if (t && !t->description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        user_text(t->description, ImGui::GetFontSize() * 30);
        ImGui::PopStyleColor();
    }
    if (!r->note.empty()) user_text("Note: " + r->note, ImGui::GetFontSize() * 30);
    ImGui::TextDisabled("click: select  right-click: retype, reverse, delete");
    ImGui::EndTooltip();
}

// =====================================================================================
// [SECTION] Mouse
// =====================================================================================

// What of the arcs is under the mouse: a relation's label or arc, a stub, a tag.
void AppImpl::arc_mouse_hit(MouseHit& h) const {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const arcs::Layout& L = arc_frame.layout;
    for (size_t i = L.arcs.size(); i-- > 0;)
        if (inside(m, L.arcs[i].label, 1)) {
            h.relation = arc_frame.relations[L.arcs[i].request];
            return;
        }
    for (size_t i = 0; i < L.stubs.size(); ++i)
        if (inside(m, L.stubs[i].badge, 1)) {
            h.stub = static_cast<int>(i);
            return;
        }
    for (size_t t = 0; t < L.tags.size(); ++t)
        if (inside(m, L.tags[t])) {
            h.tag = arc_frame.tag_entities[t];
            return;
        }
    for (size_t i = L.arcs.size(); i-- > 0;)
        for (size_t k = 0; k + 1 < L.arcs[i].points.size(); ++k)
            if (distance_to(m, L.arcs[i].points[k], L.arcs[i].points[k + 1]) <= 3) {
                h.relation = arc_frame.relations[L.arcs[i].request];
                return;
            }
}

// The arcs' share of the mouse, before the text's: true when it took this frame's click (or a drag
// from a tag is under way).
bool AppImpl::arc_mouse(const MouseHit& h) {
    const Document& doc = editor.doc();
    auto entity_under = [&]() -> std::string {
        if (!h.tag.empty()) return h.tag;
        return h.box ? doc.entities().get(h.box->slot).id : std::string();
    };
    if (!sel.tag_drag_from.empty()) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) return true;
        const std::string from = std::move(sel.tag_drag_from);
        sel.tag_drag_from.clear();
        const std::string to = entity_under();
        if (!to.empty() && to != from && doc.entities().find(from)) {
            rel_pick = RelationPick{};
            rel_pick.active = true;
            rel_pick.from = from;
            pick_relation_target(to);
        }
        return true;
    }
    if (!h.hovered) return false;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) && !h.relation.empty()) {
        select_relation(h.relation, false);
        sel.open_relation_menu = true;
        return true;
    }
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return false;
    if (rel_pick.active && rel_pick.to.empty() && rel_pick.retype.empty()) {
        const std::string to = entity_under();
        if (!to.empty() && to != rel_pick.from) {
            pick_relation_target(to);
        } else {
            end_relation_pick();
            set_status("No relation made: click another entity to make one");
        }
        return true;
    }
    if (!h.relation.empty()) {
        select_relation(h.relation, false);
        return true;
    }
    if (h.stub >= 0 && static_cast<size_t>(h.stub) < arc_frame.layout.stubs.size()) {
        // Jump to the other end of the stub's first relation.
        const arcs::Stub& s = arc_frame.layout.stubs[static_cast<size_t>(h.stub)];
        const std::string id = arc_frame.relations[s.requests.front()];
        if (const Relation* r = doc.relations().find(id)) {
            const std::string& here = arc_frame.tag_entities[s.tag];
            const Entity* other = doc.entities().find(r->from == here ? r->to : r->from);
            select_relation(id, false);
            if (other) scroll_to(other->start);
        }
        return true;
    }
    sel.relation.clear();
    if (!h.tag.empty()) {
        select_entity(h.tag, false);
        sel.tag_drag_from = h.tag;
        return true;
    }
    return false;
}

// =====================================================================================
// [SECTION] Making a relation
// =====================================================================================

std::vector<std::string> AppImpl::allowed_types(const std::string& from, const std::string& to) const {
    const Document& doc = editor.doc();
    const Entity* f = doc.entities().find(from);
    const Entity* t = doc.entities().find(to);
    std::vector<std::string> out;
    if (!f || !t) return out;
    for (const RelationType& rt : doc.relation_types().all())
        if (check_endpoints(rt, f->label, t->label).ok()) out.push_back(rt.name);
    return out;
}

// The entities nearest the source (by offset) that some relation type allows as its target.
std::vector<std::string> AppImpl::nearby_entities(const std::string& from) const {
    const Document& doc = editor.doc();
    const Entity* f = doc.entities().find(from);
    std::vector<std::pair<size_t, std::string>> found;
    if (!f) return {};
    for (Slot s : doc.entities().ordered()) {
        const Entity& e = doc.entities().get(s);
        if (e.id == from || label_hidden(e.label) || allowed_types(from, e.id).empty()) continue;
        const size_t d = e.start > f->start ? e.start - f->start : f->start - e.start;
        found.emplace_back(d, e.id);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (found.size() > kNearby) found.resize(kNearby);
    // In reading order, so that the list reads like the text.
    std::vector<std::string> out;
    for (const auto& [d, id] : found) out.push_back(id);
    std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
        return doc.entities().find(a)->start < doc.entities().find(b)->start;
    });
    return out;
}

void AppImpl::start_relation_pick(const std::string& from) {
    const Document& doc = editor.doc();
    if (!doc.entities().find(from)) return;
    if (doc.relation_types().empty()) {
        set_status("No relation types yet: add one in the Labels panel (Relation types)", true);
        return;
    }
    rel_pick = RelationPick{};
    rel_pick.active = true;
    rel_pick.from = from;
    rel_pick.choices = nearby_entities(from);
    rel_pick.open_popup = true;
    if (rel_pick.choices.empty())
        set_status("No entity nearby can be the target of a relation from " + entity_text(from) +
                       ": click one further away, or Esc",
                   false);
    else
        set_status("Relation from " + entity_text(from) + ": click the target, or choose it (1-9, Enter); Esc cancels");
}

void AppImpl::pick_relation_target(const std::string& to) {
    const std::vector<std::string> types = allowed_types(rel_pick.from, to);
    if (types.empty()) {
        const Entity* f = editor.doc().entities().find(rel_pick.from);
        const Entity* t = editor.doc().entities().find(to);
        set_status("No relation type allows " + (f ? f->label : "?") + " -> " + (t ? t->label : "?") +
                       " (see the relation types in the Labels panel)",
                   true);
        end_relation_pick();
        return;
    }
    rel_pick.to = to;
    if (types.size() == 1) {
        make_relation(types.front());
        return;
    }
    rel_pick.choices = types;
    rel_pick.cursor = 0;
    rel_pick.open_popup = true;
}

void AppImpl::start_retype(const std::string& relation) {
    const Relation* r = editor.doc().relations().find(relation);
    if (!r) return;
    rel_pick = RelationPick{};
    rel_pick.active = true;
    rel_pick.retype = relation;
    rel_pick.from = r->from;
    rel_pick.to = r->to;
    rel_pick.choices = allowed_types(r->from, r->to);
    for (size_t i = 0; i < rel_pick.choices.size(); ++i)
        if (rel_pick.choices[i] == r->type) rel_pick.cursor = i;
    rel_pick.open_popup = true;
}

void AppImpl::make_relation(const std::string& type) {
    if (!rel_pick.retype.empty()) {
        const std::string id = rel_pick.retype;
        end_relation_pick();
        retype_relation(id, type);
        return;
    }
    const std::string from = rel_pick.from, to = rel_pick.to;
    end_relation_pick();
    auto r = editor.add_relation(from, to, type);
    if (!r.ok()) {
        set_status(r.error().summary(), true);
        return;
    }
    select_relation(r.value(), false);
    set_status("Added relation " + relation_text(*editor.doc().relations().find(r.value())) + " (Ctrl+Z undoes)");
}

void AppImpl::end_relation_pick() { rel_pick = RelationPick{}; }

// The list of a relation being made: its targets, then its types (keys 1-9, a type's own key,
// Up / Down and Enter; Esc cancels). Not modal: a click in the text picks a target too.
void AppImpl::draw_relation_pick() {
    if (!rel_pick.active) return;
    const Document& doc = editor.doc();
    if (!doc.entities().find(rel_pick.from) || (!rel_pick.to.empty() && !doc.entities().find(rel_pick.to))) {
        end_relation_pick();
        return;
    }
    if (rel_pick.open_popup) {
        ImGui::OpenPopup("##relation_pick");
        rel_pick.open_popup = false;
        const Entity* anchor = doc.entities().find(rel_pick.to.empty() ? rel_pick.from : rel_pick.to);
        if (const std::optional<Rect> r = caret_rect(anchor->start))
            ImGui::SetNextWindowPos(ImVec2(r->x, r->y + r->height + 8), ImGuiCond_Always);
    }
    if (!ImGui::BeginPopup("##relation_pick", ImGuiWindowFlags_NoFocusOnAppearing)) {
        // Closed by a click elsewhere: a type list ends; a target list leaves the click to pick.
        if (!rel_pick.to.empty()) end_relation_pick();
        return;
    }
    const bool types = !rel_pick.to.empty();
    const char* title = !rel_pick.retype.empty() ? "Retype the relation"
                        : types                  ? "Type of the relation"
                                                 : "Relation from";
    ImGui::TextUnformatted(title);
    const std::string ends =
        types ? entity_text(rel_pick.from) + " -> " + entity_text(rel_pick.to) : entity_text(rel_pick.from);
    user_text(ends, ImGui::GetFontSize() * 26);
    // For screen readers a list box of options; the one at the cursor is the active descendant.
    begin_dialog_mirror("listbox",
                        std::string(title) + " " + ends + (types ? ": choose its type" : ": choose the target"));
    note_dialog_text(types ? "1-9, a type's key, or Up, Down and Enter choose; Escape cancels."
                           : "1-9 or Up, Down and Enter choose; or click the target in the text. Escape cancels.");
    ImGui::Separator();
    if (!types) ImGui::TextDisabled("to (or click it in the text):");
    int chosen = -1;
    const size_t n = rel_pick.choices.size();
    for (size_t i = 0; i < n; ++i) {
        const std::string& c = rel_pick.choices[i];
        std::string key = i < 9 ? std::to_string(i + 1) : " ";
        if (types)
            if (const RelationType* t = doc.relation_types().find(c); t && !t->key.empty()) key += " " + t->key;
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextDisabled("%-4s", key.c_str());
        ImGui::SameLine();
        const Entity* target = types ? nullptr : doc.entities().find(c);
        const std::string name = target ? mark_name(doc, *target) : c;  // "Moscow, Location"
        if (user_selectable(types ? c : entity_text(c), i == rel_pick.cursor, 0, ImVec2(ImGui::GetFontSize() * 20, 0)))
            chosen = static_cast<int>(i);
        note_control({.role = "option",
                      .name = (i < 9 ? std::to_string(i + 1) + ": " : std::string()) + name,
                      .checked = i == rel_pick.cursor,
                      .focused = i == rel_pick.cursor});
        note_widget("relpick.row." + std::to_string(i));
        ImGui::PopID();
    }
    if (n == 0) {
        ImGui::TextDisabled(types ? "no relation type allows this pair" : "none nearby");
        note_dialog_text(types ? "No relation type allows this pair." : "No entity nearby.");
    }
    end_dialog_mirror();
    ImGui::TextDisabled("1-9 / Up, Down, Enter: choose   Esc: cancel");
    // Keys (no shortcut row reaches them while this list is open).
    if (n > 0 && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) rel_pick.cursor = (rel_pick.cursor + 1) % n;
    if (n > 0 && ImGui::IsKeyPressed(ImGuiKey_UpArrow)) rel_pick.cursor = (rel_pick.cursor + n - 1) % n;
    if (n > 0 && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
        chosen = static_cast<int>(rel_pick.cursor);
    for (size_t i = 0; i < std::min<size_t>(n, 9); ++i)
        if (ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_1 + i), false) ||
            ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad1 + i), false))
            chosen = static_cast<int>(i);
    if (types)
        for (size_t i = 0; i < n; ++i)
            if (const RelationType* t = doc.relation_types().find(rel_pick.choices[i]);
                t && t->key.size() == 1 && t->key[0] >= 'a' && t->key[0] <= 'z' &&
                ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_A + (t->key[0] - 'a')), false))
                chosen = static_cast<int>(i);
    const bool cancel = ImGui::IsKeyPressed(ImGuiKey_Escape);
    if (cancel || chosen >= 0) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    const int frame = ImGui::GetFrameCount();
    if (cancel) {
        end_relation_pick();
        rel_pick.key_frame = frame;
        set_status("No relation made");
    } else if (chosen >= 0) {
        const std::string c = rel_pick.choices[static_cast<size_t>(chosen)];
        if (types)
            make_relation(c);
        else
            pick_relation_target(c);
        rel_pick.key_frame = frame;
    }
}

// =====================================================================================
// [SECTION] Editing the selected relation
// =====================================================================================

void AppImpl::select_relation(std::string id, bool scroll) {
    sel.relation = std::move(id);
    sel.entity.clear();
    sel.active = false;
    sel.show_popup = false;
    const Relation* r = editor.doc().relations().find(sel.relation);
    if (!r) return;
    if (const Entity* e = editor.doc().entities().find(r->from)) {
        sel.cursor_cp = e->start;
        if (scroll && !span_in_view(e->start, e->end)) scroll_to(e->start);
    }
}

// The next / previous relation in the order of their sources in the text.
void AppImpl::step_relation(int dir) {
    const Document& doc = editor.doc();
    std::vector<std::pair<size_t, std::string>> order;
    for (const auto& [id, r] : doc.relations().all())
        if (const Entity* e = doc.entities().find(r.from); e && !type_hidden(r.type)) order.emplace_back(e->start, id);
    if (order.empty()) {
        set_status("No relations in this document");
        return;
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    size_t idx = dir > 0 ? 0 : order.size() - 1;
    for (size_t i = 0; i < order.size(); ++i)
        if (order[i].second == sel.relation)
            idx = dir > 0 ? (i + 1) % order.size() : (i + order.size() - 1) % order.size();
    select_relation(order[idx].second, true);
    set_status("Relation " + relation_text(*doc.relations().find(order[idx].second)));
}

void AppImpl::delete_selected_relation() {
    const Relation* r = editor.doc().relations().find(sel.relation);
    if (!r) return;
    const std::string what = relation_text(*r);
    if (Status s = editor.remove_relation(sel.relation); !s) {
        set_status(s.error().summary(), true);
        return;
    }
    sel.relation.clear();
    set_status("Deleted relation " + what + " (Ctrl+Z undoes)");
}

void AppImpl::reverse_selected_relation() {
    if (!editor.doc().relations().find(sel.relation)) return;
    if (Status s = editor.reverse_relation(sel.relation); !s) {
        set_status(s.error().summary(), true);
        return;
    }
    set_status("Reversed: " + relation_text(*editor.doc().relations().find(sel.relation)));
}

void AppImpl::retype_relation(const std::string& id, const std::string& type) {
    const Relation* r = editor.doc().relations().find(id);
    if (!r) return;
    if (r->type == type) return;
    const std::string old = r->type;
    if (Status s = editor.set_relation_type(id, type); !s) {
        set_status(s.error().summary(), true);
        return;
    }
    set_status("Retyped relation " + old + " -> " + type + ": " + relation_text(*editor.doc().relations().find(id)));
}

void AppImpl::draw_relation_context_menu() {
    if (sel.open_relation_menu) {
        ImGui::OpenPopup("##relation_menu");
        sel.open_relation_menu = false;
    }
    const Relation* r = editor.doc().relations().find(sel.relation);
    if (!begin_popup_menu("##relation_menu", r ? "Relation: " + relation_text(*r) : "Relation")) return;
    if (!r) {
        ImGui::CloseCurrentPopup();
        end_popup_menu();
        return;
    }
    const Relation rel = *r;
    user_text(relation_text(rel), ImGui::GetFontSize() * 26);
    ImGui::Separator();
    if (begin_menu("Retype")) {
        for (const std::string& t : allowed_types(rel.from, rel.to))
            if (ui_menu_item(t, nullptr, t == rel.type, true, true)) retype_relation(rel.id, t);
        end_menu();
    }
    if (menu_item("Reverse", "R")) reverse_selected_relation();
    if (menu_item("Delete", "Del")) delete_selected_relation();
    note_widget("relation_menu.delete");
    end_popup_menu();
}

}  // namespace aa::ui
