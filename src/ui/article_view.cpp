// The article view: wrapped text with entity highlights drawn only for the visible lines,
// text selection with the mouse (snapping to words), entity selection, edge dragging, the label
// popup at a selection and the entity context menu.
//
// Drawing, displaCy-style: an entity is a filled box in its label's colour with its label name
// in a small tag above its start. Entities nested in or overlapping a filled one on the same
// line become coloured bars stacked under the text (level 1, 2, ...), so every entity stays
// visible and clickable. Text inside a box takes the readable colour (black or white) for it.
//
// [SECTION] Layout and the empty state
// [SECTION] Navigation and keyboard editing
// [SECTION] The article: boxes, mouse, drawing
// [SECTION] Label popup and entity context menu
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/segment.hpp"
#include "core/tokenizer.hpp"
#include "core/unicode.hpp"
#include "core/utf8.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
constexpr float kPadX = 28.0f;  // left and right margins of the article
constexpr float kPadTop = 16.0f;
constexpr float kMaxColumnChars = 90.0f;  // the text column's widest measure
constexpr float kBarHeight = 3.0f;        // underline bars of nested entities
constexpr float kBarGap = 2.0f;
constexpr int kMaxBars = 2;  // bars below the text before they stack on each other
// The theme's colours (theme.cpp): light or dark.
ImU32 text_color() { return to_imu32(theme().text); }
ImU32 selection_color() { return to_imu32(theme().selection, theme().selection_alpha); }
ImU32 accent_color() { return to_imu32(theme().accent); }
}  // namespace

// =====================================================================================
// [SECTION] Layout and the empty state
// =====================================================================================

void AppImpl::ensure_layout(float wrap_width) {
    const float size = text_size();
    const bidi::Direction dir = prefs.direction == "rtl"   ? bidi::Direction::RTL
                                : prefs.direction == "ltr" ? bidi::Direction::LTR
                                                           : bidi::Direction::Auto;
    if (layout_generation == doc_generation && std::fabs(layout_width - wrap_width) < 0.5f && layout_size == size &&
        layout_direction == dir) {
        update_arc_bands(false);  // relations_view.cpp: the lines with arcs get the arc band
        return;
    }
    if (layout_size != size) {
        if (font_renderer) font_renderer->set_font(fonts.text);
        renderer->set_size(size, fonts.pixel_ratio);
        measure->clear();  // widths are per size
    }
    tag_band = tag_size() + 5.0f;
    ArticleMetrics m;
    m.wrap_width = wrap_width;
    m.row_height = std::round(tag_band + size + kBarGap + kMaxBars * (kBarHeight + kBarGap) + 2.0f);
    m.line_break_gap = std::round(size * 0.45f);
    m.blank_line_height = std::round(size * 0.35f);
    m.estimate_advance = size * 0.5f;
    row_height = m.row_height;
    article.build(editor.doc().text(), *measure, m, dir);
    layout_generation = doc_generation;
    layout_width = wrap_width;
    layout_size = size;
    layout_direction = dir;
    update_arc_bands(true);
}

void AppImpl::draw_empty_state(float width, float height) {
    article_drawn = false;
    article_area = ImVec2(width, height);
    const char* title = "Paste an article (Ctrl+V), open or drop a .txt/.json file";
    ImGui::PushFont(fonts.text);
    const ImVec2 ts = ImGui::CalcTextSize(title);
    ImGui::SetCursorPos(ImVec2(std::max(20.0f, (width - ts.x) * 0.5f), height * 0.35f));
    ImGui::PushStyleColor(ImGuiCol_Text, text_color());
    ImGui::PushTextWrapPos(width - 20);
    ImGui::TextUnformatted(title);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const char* hint =
        "Everything stays on this computer: nothing is uploaded. Your work is saved in this browser as you go.";
    const ImVec2 hs = ImGui::CalcTextSize(hint);
    float bw = 150, bh = 0;
    const float gap = 12;
    const bool stacked = width < 3 * bw + 2 * gap + 40;  // a phone: one button a line, big enough for a finger
    if (stacked) {
        bw = std::min(280.0f, width - 40);
        bh = 44;
        ImGui::SetCursorPosX(20);
        ImGui::PushTextWrapPos(width - 20);
        ImGui::TextDisabled("%s", hint);
        ImGui::PopTextWrapPos();
    } else {
        ImGui::SetCursorPosX(std::max(10.0f, (width - hs.x) * 0.5f));
        ImGui::TextDisabled("%s", hint);
    }
    ImGui::Dummy(ImVec2(0, 12));
    auto next = [&] {
        if (stacked)
            ImGui::SetCursorPosX((width - bw) * 0.5f);
        else
            ImGui::SameLine(0, gap);
    };
    ImGui::SetCursorPosX(stacked ? (width - bw) * 0.5f : std::max(10.0f, (width - 3 * bw - 2 * gap) * 0.5f));
    if (ImGui::Button("Paste", ImVec2(bw, bh))) platform.request_paste();
    note_widget("empty.paste");
    next();
    if (ImGui::Button("Open file...", ImVec2(bw, bh))) open_files();
    note_widget("empty.open");
    next();
    if (ImGui::Button("Try a sample article", ImVec2(bw, bh))) {
        const std::string s = read_sample_article();
        if (s.empty())
            set_status("the sample article is missing from this build", true);
        else if (Status st = set_text(s, "sample-article.txt"); !st)
            set_status(st.error().summary(), true);
    }
    note_widget("empty.sample");
}

// =====================================================================================
// [SECTION] Navigation and keyboard editing
// =====================================================================================

float AppImpl::line_top(size_t cp) {
    if (article.paragraph_count() == 0) return 0;
    const size_t p = article.paragraph_of(cp);
    const size_t local = std::min<size_t>(cp - article.paragraph(p).start, article.layout(p).text().size());
    return article.line_y(p, article.layout(p).line_of(local));
}

void AppImpl::scroll_to(size_t cp) {
    if (article.paragraph_count() == 0) return;
    pending_scroll_y = std::max(0.0f, line_top(cp) + kPadTop - view_height * 0.3f);
}

void AppImpl::reveal(size_t cp) {
    if (article.paragraph_count() == 0) return;
    const float y = line_top(cp);
    if (y < view_top || y + row_height > view_top + view_height - 20) scroll_to(cp);
}

void AppImpl::select_entity(std::string id, bool scroll) {
    sel.entity = std::move(id);
    sel.relation.clear();
    sel.active = false;
    sel.show_popup = false;
    if (const Entity* e = editor.doc().entities().find(sel.entity)) {
        sel.cursor_cp = e->start;
        if (scroll && article.paragraph_count() > 0) {
            // Only scroll when the entity is not already in view.
            const float top = line_top(e->start) + kPadTop;
            if (top < view_top || top + row_height > view_top + view_height) scroll_to(e->start);
        }
    }
}

void AppImpl::step_entity(int dir) {
    const EntityStore& es = editor.doc().entities();
    if (es.empty()) return;
    const auto& order = es.ordered();
    size_t idx;
    if (auto cur = es.slot_of(sel.entity)) {
        const size_t r = es.rank_of(*cur);
        idx = dir > 0 ? (r + 1) % order.size() : (r + order.size() - 1) % order.size();
    } else {
        // From the caret: the first entity after it (or the last before it).
        const size_t from = sel.active ? std::min(sel.anchor, sel.caret) : sel.cursor_cp;
        auto it = std::partition_point(order.begin(), order.end(), [&](Slot s) { return es.get(s).start < from; });
        size_t r = static_cast<size_t>(it - order.begin());
        idx = dir > 0 ? (r < order.size() ? r : 0) : (r > 0 ? r - 1 : order.size() - 1);
    }
    select_entity(es.get(order[idx]).id, true);
}

std::string AppImpl::selected_text() const {
    const Document& d = editor.doc();
    if (sel.active) {
        const size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
        return std::string(d.text().slice(a, std::min(b, d.text().size())));
    }
    if (const Entity* e = d.entities().find(sel.entity)) return std::string(d.text_of(*e));
    return {};
}

void AppImpl::label_selection_or_entity(const std::string& label) {
    prefs.active_label = label;
    ++prefs_revision;
    if (sel.active) {
        const size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
        if (a == b) return;
        if (!span_in_view(a, b)) {
            set_status("The selection is out of view: scroll back to it or select again", true);
            return;
        }
        auto r = editor.add_entity(a, b, label);
        if (!r.ok()) {
            set_status(r.error().summary(), true);
            return;
        }
        sel.active = false;
        sel.show_popup = false;
        sel.entity = r.value();
        set_status("Added " + label + " \"" + std::string(editor.doc().text().slice(a, b)) + "\"");
    } else if (!sel.entity.empty()) {
        relabel_selected_entity(label);
    }
}

// A label key acts only on what the user can see selected (not on a selection scrolled away).
bool AppImpl::span_in_view(size_t a, size_t b) const {
    if (geoms.empty()) return false;
    return a <= geoms.back().end && std::max(b, a + 1) > geoms.front().start;
}

void AppImpl::relabel_selected_entity(const std::string& label) {
    const Entity* e = editor.doc().entities().find(sel.entity);
    if (!e) return;
    if (!span_in_view(e->start, e->end)) {
        set_status("The selected entity is out of view: click it or press Tab to bring it back", true);
        return;
    }
    const std::string text = std::string(editor.doc().text_of(*e)), old = e->label;
    if (old != label && refuse_locked(sel.entity)) return;
    if (old == label) {
        set_status("\"" + text + "\" is " + label + " already");
        return;
    }
    if (Status s = editor.set_label(sel.entity, label); !s)
        set_status(s.error().summary(), true);
    else
        set_status("Relabelled \"" + text + "\": " + old + " -> " + label);
}

void AppImpl::delete_selected_entity() {
    if (!sel.relation.empty()) {  // Del with a relation selected deletes the relation
        delete_selected_relation();
        return;
    }
    const Entity* e = editor.doc().entities().find(sel.entity);
    if (!e || refuse_locked(sel.entity)) return;
    const std::string what = e->label + " \"" + std::string(editor.doc().text_of(*e)) + "\"";
    if (const size_t n = editor.doc().relations().touching(sel.entity).size(); n > 0 && !relations_panel.confirmed) {
        // Its relations would go with it: ask first (relations_panel.cpp's dialog).
        relations_panel.delete_entity = sel.entity;
        relations_panel.open_delete = true;
        return;
    }
    relations_panel.confirmed = false;
    const size_t relations = editor.doc().relations().touching(sel.entity).size();
    if (Status s = editor.remove_entity(sel.entity, RelationsOfEntity::Delete); !s) {
        set_status(s.error().summary(), true);
        return;
    }
    sel.entity.clear();
    set_status("Deleted " + what + (relations ? " and " + count_of(relations, "relation", "relations") : "") +
               " (Ctrl+Z undoes)");
}

void AppImpl::nudge_entity_edge(bool move_start, int dir, bool precise) {
    const Entity* e = editor.doc().entities().find(sel.entity);
    if (!e || refuse_locked(sel.entity)) return;
    const Text& t = editor.doc().text();
    const size_t n = t.size();
    auto is_ws = [&](size_t c) { return c < n && unicode::is_space(t.at(c)); };
    // Word-wise moves: an end goes to the end of the next / previous word, a start to the start
    // of the next / previous word. Alt moves by one grapheme instead.
    auto next_end = [&](size_t cp) {
        size_t c = cp;
        while (c < n && is_ws(c)) ++c;
        return c < n ? std::max(word_at(t, c).end, c + 1) : cp;
    };
    auto prev_end = [&](size_t cp) {
        if (cp == 0) return cp;
        size_t c = word_at(t, cp - 1).start;  // start of the last word inside
        if (c == 0) return cp;
        --c;
        while (c > 0 && is_ws(c)) --c;
        if (is_ws(c)) return cp;
        return word_at(t, c).end;
    };
    auto prev_start = [&](size_t cp) {
        if (cp == 0) return cp;
        size_t c = cp - 1;
        while (c > 0 && is_ws(c)) --c;
        return word_at(t, c).start < cp ? word_at(t, c).start : cp - 1;
    };
    auto next_start = [&](size_t cp) {
        size_t c = word_at(t, cp).end;
        if (c <= cp) c = cp + 1;
        while (c < n && is_ws(c)) ++c;
        return c;
    };
    size_t s = e->start, en = e->end;
    if (move_start)
        s = precise ? (dir > 0 ? next_grapheme(t, s) : prev_grapheme(t, s)) : (dir > 0 ? next_start(s) : prev_start(s));
    else
        en =
            precise ? (dir > 0 ? next_grapheme(t, en) : prev_grapheme(t, en)) : (dir > 0 ? next_end(en) : prev_end(en));
    if (s >= en || (s == e->start && en == e->end)) return;
    if (Status st = editor.set_span(sel.entity, s, en); !st) set_status(st.error().summary(), true);
}

// The box of the grapheme cluster at cp (caretRect): its left and right edges in the visual run
// that shows it; at the end of a paragraph, a 1 px caret.
std::optional<Rect> AppImpl::caret_rect(size_t cp) const {
    if (!article_drawn || article.paragraph_count() == 0 || cp > editor.doc().text().size()) return std::nullopt;
    const size_t p = article.paragraph_of(cp);
    ParagraphLayout& pl = article.layout(p);
    const size_t local = std::min<size_t>(cp - article.paragraph(p).start, pl.text().size());
    const size_t line = pl.line_of(local);
    const float y = origin_y + article.line_y(p, line) + article.line_band(p, line) + tag_band;
    if (local < pl.text().size()) {
        const Box b = pl.cluster_box(local);
        // The cluster's leading edge is its caret: on the right in a right-to-left run.
        const bool rtl = b.x1 > b.x0 && std::fabs(pl.caret_x(local) - b.x1) < 0.01f;
        return Rect{origin_x + b.x0, y, b.x1 - b.x0, layout_size, rtl};
    }
    return Rect{origin_x + pl.caret_x(local), y, 1.0f, layout_size, pl.rtl()};
}

// =====================================================================================
// [SECTION] The article: boxes, mouse, drawing
// =====================================================================================

// The article, one frame: layout, the geometry of the entity boxes on the visible lines (needed
// first, for hit-testing), the mouse, then the drawing of each visible line.
// A readable measure: at most about 90 characters a line, the column centred on wide screens.
float AppImpl::article_wrap_width(float width) const {
    const float room = width - 2 * kPadX - ImGui::GetStyle().ScrollbarSize;
    const float char_w =
        fonts.text ? fonts.text->CalcTextSizeA(text_size(), FLT_MAX, 0, "etaoin shrdlu").x / 13.0f : text_size() * 0.5f;
    return std::max(100.0f, std::min(room, kMaxColumnChars * char_w));
}

// What the next frame's draw_article lays out first for a document just opened (scrolled to its
// top): its paragraph index and the paragraphs of the lines in view (down to `height` below the top:
// an import shown in parts). The frame that replaced the document did little else.
void AppImpl::layout_ahead(float height) {
    if (editor.doc().text().empty() || article_area.x <= 0 || article_area.y <= 0) return;
    ensure_layout(article_wrap_width(article_area.x));
    article.ensure(-kPadTop, -kPadTop + std::min(article_area.y, height));
}

void AppImpl::draw_article(float width, float height) {
    article_area = ImVec2(width, height);
    const float room = width - 2 * kPadX - ImGui::GetStyle().ScrollbarSize;
    const float wrap = article_wrap_width(width);
    const float indent = std::max(0.0f, (room - wrap) * 0.5f);
    ensure_layout(wrap);

    ImGui::SetNextWindowContentSize(ImVec2(0, article.height() + kPadTop * 2));
    if (touch.scroll_dy != 0) {  // swipes (touch.cpp): ImGui clamps the scroll to the content
        pending_scroll_y = std::max(0.0f, pending_scroll_y.value_or(view_top) - std::exchange(touch.scroll_dy, 0.0f));
    }
    if (pending_scroll_y) {
        ImGui::SetNextWindowScroll(ImVec2(0, *pending_scroll_y));
        pending_scroll_y.reset();
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_imu32(theme().article_bg));
    ImGui::BeginChild("##article", ImVec2(width, height), false, ImGuiWindowFlags_NoMove);
    const ImVec2 win = ImGui::GetWindowPos();
    touch.article = Rect{win.x, win.y, width, height};
    const float scroll_y = ImGui::GetScrollY();
    origin_x = win.x + kPadX + indent;
    origin_y = win.y + kPadTop - scroll_y;
    view_top = scroll_y;
    view_height = height;
    article_drawn = true;

    // Visible lines only: the paragraphs they are in are laid out now (the content height follows
    // next frame).
    // A large import just opened is shown a part at a time from the top (import.cpp): the lines
    // below `reveal` are neither laid out nor drawn in this frame.
    const float shown = import_job.reveal ? std::min(height, *import_job.reveal) : height;
    visible_lines(scroll_y - kPadTop, scroll_y - kPadTop + shown);
    layout_boxes();
    layout_arcs();  // relations_view.cpp: tags, arcs, stubs
    const MouseHit hit = article_mouse_hit();
    article_mouse(hit, scroll_y, height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const LineGeom& g : geoms) draw_article_line(dl, g);
    draw_arcs(dl);
    draw_relation_drag(dl);
    // Edge drag preview.
    if (sel.dragging_edge != 0) {
        const std::optional<Rect> r = caret_rect(sel.drag_edge_cp);
        const size_t p = article.paragraph_of(sel.drag_edge_cp);
        const float x = origin_x + article.layout(p).caret_x(sel.drag_edge_cp - article.paragraph(p).start);
        if (r) dl->AddLine(ImVec2(x, r->y - 4), ImVec2(x, r->y + layout_size + 4), accent_color(), 2.0f);
    }
    // No hover tooltip for a finger: it stays where the finger lifted, over the menu a long press opened.
    // None while a menu, dialog or list is open either: the article stays hovered under a popup (a
    // click in the text picks a relation's target), and the tooltip would cover the popup.
    const bool tip = hit.hovered && sel.tag_drag_from.empty() && !touch_tap() &&
                     !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (tip && !hit.relation.empty())
        draw_relation_tooltip(hit.relation);
    else if (tip && hit.box && !sel.dragging_text && sel.dragging_edge == 0)
        draw_entity_tooltip(*hit.box);
    draw_keyboard_caret(dl);  // keyboard.cpp
    draw_touch_handles(dl);   // touch.cpp
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void AppImpl::visible_lines(float y0, float y1) {
    geoms.clear();
    if (article.paragraph_count() == 0) return;
    article.ensure(y0, y1);
    for (size_t p = article.paragraph_at_y(y0); p < article.paragraph_count(); ++p) {
        const ArticleParagraph& para = article.paragraph(p);
        if (para.y >= y1) break;
        ParagraphLayout& pl = article.layout(p);
        for (size_t li = 0; li < pl.line_count(); ++li) {
            const float y = article.line_y(p, li);
            const float h = para.end == para.start ? para.height : article.line_height(p, li);
            if (y + h <= y0) continue;
            if (y >= y1) break;
            LineGeom g;
            g.para = p;
            g.line = li;
            g.start = para.start + pl.line(li).start;
            g.end = para.start + pl.line(li).end;
            g.y = y;
            g.height = h;
            g.band = article.line_band(p, li);
            g.last_of_para = li + 1 == pl.line_count();
            geoms.push_back(g);
        }
    }
}

std::vector<Box> AppImpl::span_boxes(const LineGeom& g, size_t a, size_t b) {
    a = std::max(a, g.start);
    b = std::min(b, g.end);
    if (a >= b) return {};
    const size_t base = article.paragraph(g.para).start;
    std::vector<Box> out = article.layout(g.para).boxes(g.line, a - base, b - base);
    for (Box& x : out) {
        x.x0 += origin_x;
        x.x1 += origin_x;
    }
    return out;
}

// Pass 1: the boxes of the entity segments on the visible lines. An entity whose boxes meet one
// already drawn at a level goes one level down (a bar under the text); all boxes of one entity on a
// line share a level.
void AppImpl::layout_boxes() {
    const Document& doc = editor.doc();
    const float size = layout_size;
    boxes.clear();
    std::vector<Slot> hits;
    std::vector<std::vector<Box>> taken;  // per level, the boxes on this line
    for (LineGeom& g : geoms) {
        g.box_begin = g.box_end = boxes.size();
        if (g.end <= g.start) continue;
        doc.entities().intersecting(g.start, g.end, hits);
        if (hits.empty()) continue;
        taken.clear();
        ParagraphLayout& pl = article.layout(g.para);
        const size_t base = article.paragraph(g.para).start;
        const float ty = origin_y + g.y + g.band + tag_band;
        for (Slot s : hits) {
            const Entity& e = doc.entities().get(s);
            if (label_hidden(e.label)) continue;  // View: hidden in the Labels panel
            const std::vector<Box> bs = span_boxes(g, e.start, e.end);
            if (bs.empty()) continue;
            size_t level = 0;
            auto meets = [&](const std::vector<Box>& at) {
                for (const Box& t : at)
                    for (const Box& b : bs)
                        if (b.x0 < t.x1 - 0.5f && t.x0 < b.x1 - 0.5f) return true;
                return false;
            };
            while (level < taken.size() && meets(taken[level])) ++level;
            if (level == taken.size()) taken.emplace_back();
            taken[level].insert(taken[level].end(), bs.begin(), bs.end());
            const bool starts = e.start >= g.start, ends = e.end <= g.end;
            const float sx = starts ? origin_x + pl.caret_x(e.start - base) : 0;
            // The end edge: the trailing edge of the entity's last cluster.
            float ex = 0;
            if (ends) {
                const size_t last = pl.cluster_start(e.end - 1 - base);
                const Box cb = pl.cluster_box(last);
                const bool rtl_end = cb.x1 > cb.x0 && std::fabs(pl.caret_x(last) - cb.x1) < 0.01f;
                ex = origin_x + (rtl_end ? cb.x0 : cb.x1);
            }
            for (const Box& b : bs) {
                SegmentBox box;
                box.slot = s;
                box.x0 = b.x0;
                box.x1 = b.x1;
                box.level = static_cast<int>(level);
                box.is_start = starts && sx >= b.x0 - 0.5f && sx <= b.x1 + 0.5f;
                box.is_end = ends && ex >= b.x0 - 0.5f && ex <= b.x1 + 0.5f;
                box.start_x = sx;
                box.end_x = ex;
                if (level == 0) {
                    box.y0 = ty - 2;
                    box.y1 = ty + size + 2;
                } else {
                    const int k = std::min(static_cast<int>(level), kMaxBars) - 1;
                    box.y0 = ty + size + kBarGap + 2 + static_cast<float>(k) * (kBarHeight + kBarGap);
                    box.y1 = box.y0 + kBarHeight;
                }
                boxes.push_back(box);
            }
        }
        g.box_end = boxes.size();
    }
}

// The visible line at screen y (the nearest one above or below the text); geoms is not empty.
const AppImpl::LineGeom& AppImpl::line_at_y(float y) const {
    const float my = y - origin_y;
    const LineGeom* g = &geoms.front();
    for (const LineGeom& c : geoms)
        if (c.y <= my) g = &c;
    return *g;
}

// The caret position nearest the screen point p, on the visible line at its y.
size_t AppImpl::caret_at(ImVec2 p) const {
    const LineGeom& g = line_at_y(p.y);
    return article.paragraph(g.para).start + article.layout(g.para).hit(g.line, p.x - origin_x);
}

// What is under the mouse: the caret position, whether it is over the text, the entity box, the
// edge handle of the selected entity. Sets the hovered entity, the status bar's offset and the cursor.
AppImpl::MouseHit AppImpl::article_mouse_hit() {
    const Document& doc = editor.doc();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    MouseHit h;
    // A click outside an open menu or popup closes it (ImGui, at the end of the frame) and still acts
    // here: a drag starts a selection instead of being swallowed.
    h.hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByPopup);
    if (!geoms.empty()) {
        const float my = mouse.y - origin_y;
        const LineGeom* g = &line_at_y(mouse.y);
        h.caret = caret_at(mouse);
        h.on_text = mouse.x >= origin_x - 4 && my >= g->y && my < g->y + g->height;
        // Bars first (they are thin and drawn on top), then the innermost filled box.
        for (const SegmentBox& b : boxes) {
            if (b.level > 0 && mouse.x >= b.x0 && mouse.x < b.x1 && mouse.y >= b.y0 - 2 && mouse.y < b.y1 + 2) {
                h.box = &b;
                break;
            }
        }
        if (!h.box)
            for (const SegmentBox& b : boxes)
                if (b.level == 0 && mouse.x >= b.x0 && mouse.x < b.x1 && mouse.y >= b.y0 && mouse.y < b.y1) h.box = &b;
    }
    if (h.hovered) arc_mouse_hit(h);  // relations_view.cpp: arcs, stubs and tags
    sel.hovered = h.hovered && h.box ? doc.entities().get(h.box->slot).id : std::string();
    sel.hovered_relation = h.relation;
    if (h.hovered && h.on_text) sel.cursor_cp = h.caret;
    // Edge handles of the selected entity.
    if (h.hovered && !sel.entity.empty() && !sel.dragging_text && !entity_locked(sel.entity)) {
        for (const SegmentBox& b : boxes) {
            if (doc.entities().get(b.slot).id != sel.entity) continue;
            if (mouse.y < b.y0 - 3 || mouse.y > b.y1 + 3) continue;
            if (b.is_start && std::fabs(mouse.x - b.start_x) <= 4) h.edge = -1;
            if (b.is_end && std::fabs(mouse.x - b.end_x) <= 4) h.edge = +1;
        }
    }
    if (h.edge != 0 || sel.dragging_edge != 0)
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    else if (h.hovered && h.on_text && !h.box)
        ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    else if (h.box || !h.relation.empty() || !h.tag.empty() || h.stub >= 0)
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return h;
}

// The mouse in the article: clicks (select an entity, start a selection or an edge drag, double-
// click a word), the context menu, and the drags in progress.
void AppImpl::article_mouse(const MouseHit& h, float scroll_y, float height) {
    const Document& doc = editor.doc();
    const Text& text = doc.text();
    ImGuiIO& io = ImGui::GetIO();
    if (arc_mouse(h)) return;  // relations_view.cpp: a relation, a stub or a tag took the click
    if (h.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        sel.show_popup = false;
        if (touch_press(h)) {  // touch.cpp: a selection handle, or a long press on an entity
        } else if (h.edge != 0) {
            sel.dragging_edge = h.edge;
            sel.drag_edge_cp = h.caret;
        } else if ((ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) || (touch_tap() && !h.box)) && h.on_text) {
            const size_t c = h.caret < text.size() ? h.caret : (h.caret > 0 ? h.caret - 1 : 0);
            Span w = word_span(c);
            if (w.end > w.start) {
                sel.entity.clear();
                sel.active = true;
                sel.anchor = w.start;
                sel.caret = w.end;
                sel.dragging_text = false;
                selection_made();
            }
        } else if (h.box) {
            // A click selects the entity; a drag from inside it (past the drag threshold) selects
            // text instead, for a nested span (see below).
            select_entity(doc.entities().get(h.box->slot).id, false);
            sel.press_in_entity = true;
            sel.press_caret = h.caret;
        } else if (h.on_text) {
            sel.entity.clear();
            if (io.KeyShift && sel.active) {
                sel.caret = h.caret;
            } else {
                sel.anchor = sel.caret = h.caret;
                sel.active = true;
            }
            sel.dragging_text = true;
        } else {
            sel.entity.clear();
            sel.active = false;
        }
    }
    if (sel.press_in_entity) {
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            sel.press_in_entity = false;
        } else if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
            sel.press_in_entity = false;
            sel.entity.clear();
            sel.active = true;
            sel.anchor = sel.caret = sel.press_caret;
            sel.dragging_text = true;
        }
    }
    if (h.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && h.box) {
        select_entity(doc.entities().get(h.box->slot).id, false);
        sel.open_context_menu = true;
    }
    if (sel.dragging_text) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            // A finger dragging a handle below the text means the line it lifted the handle from.
            sel.caret =
                touch.lift && !geoms.empty() ? caret_at(ImVec2(io.MousePos.x, io.MousePos.y - *touch.lift)) : h.caret;
            // Auto-scroll while dragging past the top or bottom.
            const float wy = ImGui::GetWindowPos().y;
            if (io.MousePos.y < wy + 10) ImGui::SetScrollY(std::max(0.0f, scroll_y - 12));
            if (io.MousePos.y > wy + height - 10) ImGui::SetScrollY(scroll_y + 12);
        } else {
            touch.lift.reset();
            finish_text_drag();
        }
    }
    if (sel.dragging_edge != 0) {
        if (!doc.entities().find(sel.entity))
            sel.dragging_edge = 0;
        else if (ImGui::IsMouseDown(ImGuiMouseButton_Left))
            sel.drag_edge_cp = h.caret;
        else
            finish_edge_drag(h.caret);
    }
}

bool AppImpl::precise_selection() const { return ImGui::GetIO().KeyAlt || !prefs.snap_to_words; }

namespace {

// Scripts written without spaces between words, segmented by a dictionary in the browser.
bool needs_dictionary(char32_t c) {
    return unicode::is_ideograph(c) || (c >= 0x0E00 && c <= 0x0EFF) /* Thai, Lao */ ||
           (c >= 0x1000 && c <= 0x109F) /* Myanmar */ || (c >= 0x1780 && c <= 0x17FF) /* Khmer */;
}

}  // namespace

Span AppImpl::word_span(size_t cp) {
    const Text& t = editor.doc().text();
    const Span w = word_at(t, cp);
    if (cp >= t.size() || !needs_dictionary(t.at(cp))) return w;
    // The run of such letters around cp (bounded: a click costs at most 2 x 256 code points).
    constexpr size_t kReach = 256;
    size_t a = cp, b = cp + 1;
    while (a > 0 && cp - a < kReach && needs_dictionary(t.at(a - 1))) --a;
    while (b < t.size() && b - cp < kReach && needs_dictionary(t.at(b))) ++b;
    const std::optional<std::vector<size_t>> breaks = platform.dictionary_word_breaks(t.slice(a, b));
    if (!breaks) return w;
    Span out{a, b};
    for (const size_t k : *breaks) {
        if (a + k <= cp) {
            out.start = a + k;
        } else {
            out.end = std::min(b, a + k);
            break;
        }
    }
    return out;
}

Span AppImpl::snap_span(size_t a, size_t b) {
    const Span s = snap_to_words(editor.doc().text(), a, b);
    if (s.start >= s.end) return s;
    // snap_to_words trims whitespace: [max(a, s.start), min(b, s.end)) is the trimmed selection.
    const size_t first = std::max(a, s.start), last = std::min(b, s.end);
    const Span head = word_span(first), tail = word_span(last - 1);
    return {head.end > head.start ? head.start : first, tail.end > tail.start ? tail.end : last};
}

// A selection was made (drag or double-click): label it at once with a sticky label, else offer
// the label popup.
void AppImpl::selection_made() {
    if (prefs.sticky_label && !prefs.active_label.empty())
        label_selection_or_entity(prefs.active_label);
    else
        sel.show_popup = !touch_tap();  // a finger labels with the label bar or the Labels panel (touch.cpp)
}

// The button was released after a text drag: snap to words (unless Alt or snapping is off).
void AppImpl::finish_text_drag() {
    sel.dragging_text = false;
    size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
    if (a != b && !precise_selection()) {
        Span s = snap_span(a, b);
        a = s.start;
        b = s.end;
    }
    if (a >= b) {
        sel.active = false;
        return;
    }
    sel.anchor = a;
    sel.caret = b;
    selection_made();
}

// The button was released after dragging an edge of the selected entity to `c`: one undoable change.
void AppImpl::finish_edge_drag(size_t c) {
    const Text& text = editor.doc().text();
    const Entity* e = editor.doc().entities().find(sel.entity);
    size_t s = e->start, en = e->end;
    const bool precise = precise_selection();
    if (sel.dragging_edge < 0) {
        if (!precise && c < text.size()) c = word_span(c).end > word_span(c).start ? word_span(c).start : c;
        s = c;
    } else {
        if (!precise && c > 0) {
            Span w = word_span(c - 1);
            if (w.end > w.start) c = w.end;
        }
        en = c;
    }
    sel.dragging_edge = 0;
    if (s < en && (s != e->start || en != e->end)) {
        if (Status st = editor.set_span(sel.entity, s, en); !st) set_status(st.error().summary(), true);
    }
}

// Pass 2: one visible line: selection, find hits, entity boxes, text, label tags, the selected
// entity's outline, suggestions and differences.
void AppImpl::draw_article_line(ImDrawList* dl, const LineGeom& g) {
    const Document& doc = editor.doc();
    const float size = layout_size;
    const float ty = origin_y + g.y + g.band + tag_band;
    // Selection background: one box per direction change it crosses, and a little more at the end of
    // the paragraph when it takes the line break.
    const size_t sel_a = sel.active ? std::min(sel.anchor, sel.caret) : 0;
    const size_t sel_b = sel.active ? std::max(sel.anchor, sel.caret) : 0;
    if (sel.active && sel_b > g.start && sel_a < std::max(g.end, g.start + 1)) {
        for (const Box& b : span_boxes(g, sel_a, sel_b))
            dl->AddRectFilled(ImVec2(b.x0, ty - 2), ImVec2(b.x1, ty + size + 2), selection_color());
        if (sel_b > g.end && g.last_of_para) {  // the selection continues past the line break
            ParagraphLayout& pl = article.layout(g.para);
            const float x = origin_x + pl.caret_x(g.end - article.paragraph(g.para).start);
            const float x0 = pl.rtl() ? x - 6 : x, x1 = pl.rtl() ? x : x + 6;
            dl->AddRectFilled(ImVec2(x0, ty - 2), ImVec2(x1, ty + size + 2), selection_color());
        }
    }
    draw_find_hits(dl, g, ty, size);  // find.cpp
    // Filled boxes and bars; the corners are round at the entity's own ends.
    for (size_t i = g.box_begin; i < g.box_end; ++i) {
        const SegmentBox& b = boxes[i];
        const Entity& e = doc.entities().get(b.slot);
        const Color c = label_color(e.label);
        const bool hot = e.id == sel.hovered;
        if (b.level == 0) {
            auto at = [](float x, float edge) { return std::fabs(x - edge) < 0.5f; };
            const bool left = (b.is_start && at(b.start_x, b.x0)) || (b.is_end && at(b.end_x, b.x0));
            const bool right = (b.is_start && at(b.start_x, b.x1)) || (b.is_end && at(b.end_x, b.x1));
            ImDrawFlags round = (left ? ImDrawFlags_RoundCornersLeft : 0) | (right ? ImDrawFlags_RoundCornersRight : 0);
            if (round == 0) round = ImDrawFlags_RoundCornersNone;
            dl->AddRectFilled(ImVec2(b.x0 - 2, b.y0), ImVec2(b.x1 + 2, b.y1), to_imu32(box_fill(c, hot)), 4, round);
        } else {
            dl->AddRectFilled(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), to_imu32(darker(c, 0.8f)), 1.5f);
        }
    }
    // Outline of the selected entity, with drag handles at its ends: drawn under the text, so
    // that a comma or period right after the entity stays readable.
    for (size_t i = g.box_begin; i < g.box_end; ++i) {
        const SegmentBox& b = boxes[i];
        if (doc.entities().get(b.slot).id != sel.entity) continue;
        const float y0 = ty - 3, y1 = b.level == 0 ? ty + size + 3 : b.y1 + 2;
        dl->AddRect(ImVec2(b.x0 - 3, y0), ImVec2(b.x1 + 2, y1), accent_color(), 4, 0, 2.0f);
        for (const float x : {b.is_start ? b.start_x : NAN, b.is_end ? b.end_x : NAN}) {
            if (std::isnan(x)) continue;
            const bool left = std::fabs(x - b.x0) < 0.5f;  // the handle sits outside the box
            const float h0 = left ? x - 4 : x, h1 = left ? x - 1 : x + 3;
            dl->AddRectFilled(ImVec2(h0, y0 - 1), ImVec2(h1, y1 + 1), accent_color(), 1);
        }
    }
    if (g.end > g.start) draw_line_text(dl, g, ty);
    draw_line_tags(dl, g);
    draw_suggestions(dl, g, ty, size);      // suggest_view.cpp: dashed outlines
    draw_agreement_marks(dl, g, ty, size);  // agreement_view.cpp: the differences with B
}

Color AppImpl::label_color(const std::string& label) const {
    const Label* lab = editor.doc().labels().find(label);
    return lab ? lab->color : theme().unknown_label;
}

// The text of a line, run by run in visual order (draw_run).
void AppImpl::draw_line_text(ImDrawList* dl, const LineGeom& g, float ty) {
    for (const Run& r : article.layout(g.para).runs(g.line)) draw_run(dl, g, r, ty);
}

// One run, drawn whole (shaping must see the whole run: Arabic letters join across an entity's
// edge): in the default colour outside filled boxes, and again clipped to each filled box in the
// readable colour (black or white) for its label, as browsers draw selected text.
void AppImpl::draw_run(ImDrawList* dl, const LineGeom& g, const Run& r, float ty) {
    const std::u32string_view text =
        std::u32string_view(article.layout(g.para).text()).substr(r.start, r.end - r.start);
    const float rx0 = origin_x + r.x, rx1 = rx0 + r.width;
    struct Piece {
        float x0, x1;
        ImU32 color;
    };
    std::vector<Piece> filled;
    for (size_t i = g.box_begin; i < g.box_end; ++i) {
        const SegmentBox& b = boxes[i];
        if (b.level != 0 || b.x1 <= rx0 || b.x0 >= rx1) continue;
        const Entity& e = editor.doc().entities().get(b.slot);
        filled.push_back(
            {std::max(b.x0, rx0), std::min(b.x1, rx1), to_imu32(box_text(label_color(e.label), e.id == sel.hovered))});
    }
    if (filled.empty()) {
        renderer->draw(dl, rx0, ty, text, r.rtl(), text_color());
        return;
    }
    std::sort(filled.begin(), filled.end(), [](const Piece& a, const Piece& b) { return a.x0 < b.x0; });
    const float top = origin_y + g.y, bottom = top + g.height;
    auto clipped = [&](float x0, float x1, ImU32 col) {
        if (x1 <= x0) return;
        dl->PushClipRect(ImVec2(x0, top), ImVec2(x1, bottom), true);
        renderer->draw(dl, rx0, ty, text, r.rtl(), col);
        dl->PopClipRect();
    };
    float x = rx0 - layout_size;  // glyphs may overhang the run's advance
    for (const Piece& p : filled) {
        clipped(x, p.x0, text_color());
        clipped(p.x0, p.x1, p.color);
        x = std::max(x, p.x1);
    }
    clipped(x, rx1 + layout_size, text_color());
}

// Label tags above entity starts, where the arc layout placed them (shifted right when they would
// overlap); the name drawn by the text engine, so that a label in any script reads. A locked
// label's tag has a bar at its left.
void AppImpl::draw_line_tags(ImDrawList* dl, const LineGeom& g) {
    const Document& doc = editor.doc();
    for (size_t i = g.box_begin; i < g.box_end; ++i) {
        const SegmentBox& b = boxes[i];
        if (i >= arc_frame.box_tag.size() || arc_frame.box_tag[i] < 0) continue;
        const arcs::RectF& r = arc_frame.layout.tags[static_cast<size_t>(arc_frame.box_tag[i])];
        const Entity& e = doc.entities().get(b.slot);
        const Color c = label_color(e.label);
        const Color bg = b.level == 0 ? c : darker(c, 0.8f);
        const ImU32 fg = to_imu32(bg.readable_text());
        dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), to_imu32(bg), 3);
        if (e.locked || label_locked(e.label)) dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x0 + 3, r.y1), fg, 1);
        dl->PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
        if (plain_ui_text(e.label))  // ImGui's font has every glyph: drawn as the UI's text
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(r.x0 + 3, r.y0 + 1), fg, e.label.c_str());
        else  // a name ImGui's font cannot draw (Arabic, Chinese): the run layout at the UI's size
            draw_user_text(dl, ImVec2(r.x0 + 3, r.y0 + 1), e.label, fg, 0, false);
        dl->PopClipRect();
    }
}

// Tooltip of the hovered entity: label, offsets, text and note.
void AppImpl::draw_entity_tooltip(const SegmentBox& box) {
    const Document& doc = editor.doc();
    const Entity& e = doc.entities().get(box.slot);
    ImGui::BeginTooltip();
    ui_text_unformatted(e.label + "  [" + std::to_string(e.start) + ", " + std::to_string(e.end) + ")" +
                        (e.locked || label_locked(e.label) ? "  (locked)" : ""));
    if (const Label* l = doc.labels().find(e.label); l && !l->description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        user_text(l->description, ImGui::GetFontSize() * 30);
        note_widget("tooltip.description");
        ImGui::PopStyleColor();
    }
    std::string s(doc.text_of(e));
    s = seg::clip_clusters(s, 200);
    user_text(s, ImGui::GetFontSize() * 30);
    note_widget("tooltip.text");
    if (!e.note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        user_text("Note: " + e.note, ImGui::GetFontSize() * 30);
        ImGui::PopStyleColor();
    }
    ImGui::EndTooltip();
}

// =====================================================================================
// [SECTION] Label popup and entity context menu
// =====================================================================================

void AppImpl::draw_selection_popup() {
    if (!sel.show_popup || !sel.active || !article_drawn || article.paragraph_count() == 0) return;
    // Under the end of the selection: the trailing edge of its last cluster.
    const size_t b = std::max(sel.anchor, sel.caret);
    const std::optional<Rect> r = caret_rect(b > 0 ? b - 1 : 0);
    if (!r) return;
    const bool rtl = article.layout(article.paragraph_of(b > 0 ? b - 1 : 0)).rtl();
    const float x = rtl ? r->x : r->x + r->width;
    const float y = r->y + layout_size + 8;
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::Begin("##selection_labels", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    for (const Label& lab : editor.doc().labels().all()) {
        ImGui::PushStyleColor(ImGuiCol_Button, to_imu32(lab.color));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imu32(darker(lab.color, 0.9f)));
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(lab.color.readable_text()));
        std::string txt = lab.key.empty() ? lab.name : lab.name + " " + lab.key;
        if (ui_small_button(txt)) {
            std::string name = lab.name;
            ImGui::PopStyleColor(3);
            label_selection_or_entity(name);
            ImGui::End();
            return;
        }
        ImGui::PopStyleColor(3);
        ImGui::SameLine();
    }
    ImGui::TextDisabled("Esc");
    ImGui::End();
}

void AppImpl::draw_entity_context_menu() {
    if (sel.open_context_menu) {
        ImGui::OpenPopup("##entity_menu");
        sel.open_context_menu = false;
    }
    const Entity* e = editor.doc().entities().find(sel.entity);
    // Named for screen readers by its entity ("Victoria Nuland, Person"), as the mirror names the mark.
    if (!begin_popup_menu("##entity_menu", e ? mark_name(editor.doc(), *e) : "Entity")) return;
    if (!e) {
        ImGui::CloseCurrentPopup();
        end_popup_menu();
        return;
    }
    ui_text_unformatted(e->label + " [" + std::to_string(e->start) + ", " + std::to_string(e->end) + ")",
                        ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::Separator();
    const bool relabel = begin_menu("Relabel");
    note_widget("context.relabel");
    if (relabel) {
        for (const Label& l : editor.doc().labels().all()) {
            if (ui_menu_item(l.name, l.key.c_str(), l.name == e->label, true, true)) {
                relabel_selected_entity(l.name);
            }
            note_widget("context.relabel." + l.name);
        }
        end_menu();
    }
    if (menu_item("Note...")) {
        details.note_id = e->id;
        details.note = e->note;
        open_note_popup = true;
    }
    if (menu_item("Copy text", "Ctrl+C")) platform.copy_to_clipboard(std::string(editor.doc().text_of(*e)));
    if (menu_item("Add relation...", "R")) start_relation_pick(e->id);
    if (menu_item(e->locked ? "Unlock this entity" : "Lock this entity")) {
        toggle_entity_lock(e->id);
        e = editor.doc().entities().find(sel.entity);
        if (!e) {
            end_popup_menu();
            return;
        }
    }
    note_widget("context.lock");
    const std::string lock = (label_locked(e->label) ? "Unlock all " : "Lock all ") + e->label + " entities";
    if (menu_item(lock.c_str())) toggle_name(prefs.locked_labels, e->label);
    if (menu_item("Delete", "Del")) {
        delete_selected_entity();
    }
    note_widget("context.delete");  // tests see the menu open by this item
    end_popup_menu();
}

}  // namespace aa::ui
