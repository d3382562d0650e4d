// Keyboard-only use (issue 15): a caret in the article moved by arrows, Ctrl+arrows (words),
// Home/End (the visual line; with Ctrl the article), PageUp/PageDown, Shift extending the selection
// that a label key then labels; F6 / Shift+F6 moving the focus between the menu bar, the article,
// the side panel and the status bar, where Tab (in the menu bar Left/Right) walks the region's
// widgets (Dear ImGui's own keyboard navigation, on only outside the article);
// and the visible focus: the caret and a ring around the focused region.
#include <imgui.h>
#include <imgui_internal.h>  // the hovered window, for a click's region

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/tokenizer.hpp"
#include "core/unicode.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"

namespace aa::ui {
namespace {
ImU32 focus_color() { return to_imu32(theme().accent); }  // 6.3:1 on white, 6.8:1 on the dark page

bool pressed(ImGuiKey k) { return ImGui::IsKeyPressed(k, true); }
}  // namespace

size_t AppImpl::keyboard_caret() const {
    if (sel.active) return sel.caret;
    return std::min(keynav.caret, editor.doc().text().size());
}

// A click puts the keyboard's caret where it landed and the focus in the region clicked.
void AppImpl::follow_mouse_focus() {
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
    const ImGuiWindow* w = GImGui->HoveredWindow ? GImGui->HoveredWindow->RootWindow : nullptr;
    if (!w) return;
    const std::string_view name = w->Name;
    if (name == "##article_host") {
        keynav.region = KeyRegion::Article;
        keynav.caret = sel.cursor_cp;
        keynav.visual_cp = SIZE_MAX;
    } else if (name == "##side") {
        keynav.region = KeyRegion::Side;
    }
    keynav.ring = false;  // the ring shows the keyboard's focus; a click shows where it went by itself
}

// F6 / Shift+F6: the next / previous region of menu bar, article, side panel (only while it is
// shown) and status bar, as in desktop applications. True when used.
bool AppImpl::handle_region_keys() {
    if (!ImGui::IsKeyPressed(ImGuiKey_F6, false)) return false;
    std::vector<KeyRegion> order{KeyRegion::Menu, KeyRegion::Article};
    if (!prefs.side_collapsed) order.push_back(KeyRegion::Side);
    order.push_back(KeyRegion::Status);
    const auto it = std::find(order.begin(), order.end(), keynav.region);
    const size_t i = it == order.end() ? 1 : static_cast<size_t>(it - order.begin()), n = order.size();
    enter_region(order[ImGui::GetIO().KeyShift ? (i + n - 1) % n : (i + 1) % n]);
    return true;
}

const char* AppImpl::region_name(KeyRegion r) {
    switch (r) {
        case KeyRegion::Menu: return "menu";
        case KeyRegion::Side: return "side";
        case KeyRegion::Status: return "status";
        case KeyRegion::Article: break;
    }
    return "article";
}

void AppImpl::enter_region(KeyRegion r) {
    keynav.region = r;
    keynav.ring = true;
    keynav.focus_side = r == KeyRegion::Side;
    keynav.focus_menu = r == KeyRegion::Menu;
    keynav.focus_status = r == KeyRegion::Status;
    switch (r) {
        case KeyRegion::Menu:
            set_status("Menu bar: Left and Right choose a menu, Enter or Down opens it, Escape returns to the article");
            break;
        case KeyRegion::Article:
            set_status(
                "Article: arrows move the caret, Shift+arrows select, Tab steps through the entities, "
                "F6 goes on to the side panel");
            break;
        case KeyRegion::Side:
            set_status(
                "Side panel: Tab moves between its controls, Space or Enter uses one, "
                "F6 goes on to the status bar");
            break;
        case KeyRegion::Status:
            // No message of its own: the one shown is what the user came to read (the mirror points the
            // screen reader at it).
            break;
    }
}

// ImGui's keyboard navigation on the main menu bar's menu layer, as pressing Alt would put it
// (imgui.cpp's NavRestoreLayer is internal): the first menu is highlighted, Left/Right move.
void AppImpl::focus_menu_bar() {
    if (!std::exchange(keynav.focus_menu, false)) return;
    ImGuiContext& g = *GImGui;
    ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
    if (!bar) return;
    ImGui::FocusWindow(bar);
    bar->NavLastIds[ImGuiNavLayer_Menu] = 0;
    g.NavLayer = ImGuiNavLayer_Menu;
    ImGui::NavInitWindow(bar, true);
    ImGui::NavRestoreHighlightAfterMove();
}

// The menu region ends when ImGui's navigation left the menu layer and no menu is open (Escape,
// or a menu item chosen): the keys go back to the article, as a desktop menu returns to the document.
void AppImpl::follow_menu_layer() {
    if (keynav.region != KeyRegion::Menu || keynav.focus_menu) return;
    const ImGuiContext& g = *GImGui;
    const bool in_menu = g.NavWindow && (g.NavLayer == ImGuiNavLayer_Menu ||
                                         (g.NavWindow->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_ChildMenu)));
    if (!in_menu && g.OpenPopupStack.empty()) keynav.region = KeyRegion::Article;
}

// The caret's moves in the article; Shift extends the selection. True when a key was used.
bool AppImpl::handle_caret_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl || io.KeySuper, shift = io.KeyShift;
    const bool left = pressed(ImGuiKey_LeftArrow), right = pressed(ImGuiKey_RightArrow);
    // Shift+arrows with a selected entity move its edges (shortcuts.cpp), Alt+arrows belong to the queue.
    if (io.KeyAlt || (shift && !sel.entity.empty() && (left || right))) return false;
    const bool up = pressed(ImGuiKey_UpArrow), down = pressed(ImGuiKey_DownArrow);
    const bool home = pressed(ImGuiKey_Home), end = pressed(ImGuiKey_End);
    const bool pgup = pressed(ImGuiKey_PageUp), pgdn = pressed(ImGuiKey_PageDown);
    if (!(left || right || up || down || home || end || pgup || pgdn) || article.paragraph_count() == 0) return false;
    if (ctrl && !(left || right || home || end)) return false;

    const Text& t = editor.doc().text();
    const size_t n = t.size();
    size_t from = keyboard_caret();
    // Left and Right move on screen, as browsers do: in a right-to-left paragraph Left goes on in the
    // text (words too), inside a right-to-left run a cluster to the left is the next one.
    const bool rtl_para = article.layout(article.paragraph_of(std::min(from, n))).rtl();
    const bool forward = right != rtl_para;
    // Without Shift, a selection collapses to its side; a selected entity lets the caret go at its edge.
    if (!shift && (sel.active || !sel.entity.empty()) && (left || right) && !ctrl) {
        size_t a = std::min(sel.anchor, sel.caret), b = std::max(sel.anchor, sel.caret);
        if (const Entity* e = editor.doc().entities().find(sel.entity); e && !sel.active) a = e->start, b = e->end;
        move_caret(forward ? b : a, false);
        return true;
    }
    if (!sel.active && !sel.entity.empty())
        if (const Entity* e = editor.doc().entities().find(sel.entity)) from = e->end;
    size_t to = from;
    if ((left || right) && ctrl) to = forward ? word_end_after(from) : word_start_before(from);
    if ((left || right) && !ctrl) {
        float x = 0;
        to = std::min(visual_step(from, left ? -1 : +1, x), n);
        move_caret(to, shift);
        keynav.visual_cp = to;
        keynav.visual_x = x;
        return true;
    }
    if (home || end) to = ctrl ? (home ? 0 : n) : line_edge(from, end);
    if (up || down || pgup || pgdn) {
        const float rows = (pgup || pgdn) ? std::max(1.0f, std::floor(view_height * 0.9f / row_height)) : 1.0f;
        to = caret_line_move(from, (up || pgup) ? -rows : rows);
    }
    move_caret(std::min(to, n), shift);
    return true;
}

size_t AppImpl::word_start_before(size_t cp) const {
    const Text& t = editor.doc().text();
    while (cp > 0 && unicode::is_space(t.at(cp - 1))) --cp;
    if (cp == 0) return 0;
    return word_at(t, cp - 1).start;
}

size_t AppImpl::word_end_after(size_t cp) const {
    const Text& t = editor.doc().text();
    const size_t n = t.size();
    while (cp < n && unicode::is_space(t.at(cp))) ++cp;
    if (cp >= n) return n;
    return std::max(word_at(t, cp).end, cp + 1);
}

// The caret one cluster boundary to the left (dir -1) or right (+1) on screen, and its x in the
// paragraph's box. A boundary where two runs meet has two places; of two boundaries at one x the one
// nearer in the text wins (the run the caret leaves), so every press moves it by one cluster. Past a line's edge, the
// next boundary in the paragraph's reading order (the neighbouring line).
size_t AppImpl::visual_step(size_t cp, int dir, float& x) {
    const Text& t = editor.doc().text();
    const size_t p = article.paragraph_of(cp);
    const size_t base = article.paragraph(p).start;
    ParagraphLayout& pl = article.layout(p);
    const size_t local = std::min(cp - base, pl.text().size());
    const size_t li = pl.line_of(local);
    const float x0 = keynav.visual_cp == cp ? keynav.visual_x : pl.caret_x(local);
    const std::vector<Run>& runs = pl.measured_runs(li);  // every boundary's x
    bool found = false;
    size_t best_cp = 0;
    float best_x = 0;
    auto dist = [&](size_t b) { return b > local ? b - local : local - b; };
    const float sign = dir > 0 ? 1.0f : -1.0f;
    for (const Run& r : runs) {
        for (size_t k = 0; k < r.bounds.size(); ++k) {
            const float bx = r.xs[k];
            if (sign * (bx - x0) < 0.01f) continue;  // not beyond the caret in that direction
            const bool nearer = !found || sign * (bx - best_x) < -0.01f;
            const bool tie = found && std::abs(bx - best_x) <= 0.01f && dist(r.bounds[k]) < dist(best_cp);
            if (nearer || tie) {
                found = true;
                best_x = bx;
                best_cp = r.bounds[k];
            }
        }
    }
    if (found) {
        x = best_x;
        return base + best_cp;
    }
    const size_t to = (dir > 0) != pl.rtl() ? next_grapheme(t, cp) : prev_grapheme(t, cp);
    const size_t q = article.paragraph_of(std::min(to, t.size()));
    ParagraphLayout& ql = article.layout(q);
    x = ql.caret_x(std::min(to - article.paragraph(q).start, ql.text().size()));
    return to;
}

// The start or the end of the visual line showing cp.
size_t AppImpl::line_edge(size_t cp, bool end) const {
    const size_t p = article.paragraph_of(cp);
    const size_t base = article.paragraph(p).start;
    ParagraphLayout& pl = article.layout(p);
    const RunLine& l = pl.line(pl.line_of(std::min(cp - base, pl.text().size())));
    return base + (end ? l.end : l.start);
}

// The caret `rows` visual lines up (negative) or down, at the x it had when the vertical moves began.
size_t AppImpl::caret_line_move(size_t cp, float rows) {
    const Text& t = editor.doc().text();
    const size_t p = article.paragraph_of(cp);
    const size_t base = article.paragraph(p).start;
    if (keynav.goal_x < 0)
        keynav.goal_x = article.layout(p).caret_x(std::min(cp - base, article.layout(p).text().size()));
    const size_t line = article.layout(p).line_of(std::min(cp - base, article.layout(p).text().size()));
    if (std::fabs(rows) == 1) {  // the next line up or down, whatever its height (lines with arcs are taller)
        // A blank line between paragraphs holds no character to label: the caret steps over it
        // to the next line with text (as it did when it moved by rows of the estimated height).
        auto blank = [&](size_t i) { return article.paragraph(i).start == article.paragraph(i).end; };
        size_t q = p, li = line;
        if (rows < 0) {
            if (li > 0) {
                --li;
            } else if (q > 0) {
                --q;
                while (q > 0 && blank(q)) --q;
                li = std::max<size_t>(1, article.layout(q).line_count()) - 1;
            } else {
                return 0;
            }
        } else if (li + 1 < article.layout(q).line_count()) {
            ++li;
        } else if (q + 1 < article.paragraph_count()) {
            ++q, li = 0;
            while (q + 1 < article.paragraph_count() && blank(q)) ++q;
        } else {
            return t.size();
        }
        return article.paragraph(q).start + article.layout(q).hit(li, keynav.goal_x);
    }
    const float y = article.line_y(p, line) + row_height * 0.5f + rows * row_height;
    if (y < 0) return 0;
    if (y > article.height()) return t.size();
    const size_t q = article.paragraph_at_y(y);
    return article.paragraph(q).start + article.layout(q).hit(article.line_at(q, y), keynav.goal_x);
}

void AppImpl::move_caret(size_t to, bool extend) {
    const bool vertical = ImGui::IsKeyPressed(ImGuiKey_UpArrow, true) ||
                          ImGui::IsKeyPressed(ImGuiKey_DownArrow, true) || ImGui::IsKeyPressed(ImGuiKey_PageUp, true) ||
                          ImGui::IsKeyPressed(ImGuiKey_PageDown, true);
    if (!vertical) keynav.goal_x = -1;
    keynav.visual_cp = SIZE_MAX;  // Left / Right set it again after this
    if (extend) {
        if (!sel.active) sel.anchor = keyboard_caret_anchor();
        sel.caret = to;
        sel.active = sel.anchor != to;
    } else {
        sel.active = false;
    }
    sel.entity.clear();
    sel.show_popup = false;
    keynav.caret = to;
    sel.cursor_cp = to;
    keynav.region = KeyRegion::Article;
    keynav.ring = true;
    if (!span_in_view(to > 0 ? to - 1 : 0, to + 1)) scroll_to(to);
}

// Where a new Shift selection starts: the caret, or the selected entity's end.
size_t AppImpl::keyboard_caret_anchor() const {
    if (const Entity* e = editor.doc().entities().find(sel.entity)) return e->end;
    return keyboard_caret();
}

// The caret, a 2 px bar where the keyboard left it (the article draws it on its visible lines).
void AppImpl::draw_keyboard_caret(ImDrawList* dl) {
    if (keynav.region != KeyRegion::Article || !keynav.ring) return;
    const size_t cp = keyboard_caret();
    if (!span_in_view(cp > 0 ? cp - 1 : 0, cp + 1)) return;
    const auto r = caret_rect(cp);
    if (!r) return;
    float x = r->rtl ? r->x + r->width : r->x;  // the cluster's leading edge
    if (keynav.visual_cp == cp) {  // the other place of a boundary between runs, where Left / Right left it
        const size_t p = article.paragraph_of(cp);
        ParagraphLayout& pl = article.layout(p);
        const size_t local = std::min(cp - article.paragraph(p).start, pl.text().size());
        x += keynav.visual_x - pl.caret_x(local);
    }
    dl->AddRectFilled(ImVec2(x - 1, r->y - 2), ImVec2(x + 1, r->y + r->height + 2), focus_color());
}

// The ring around the region the keyboard is in, once the keyboard has moved the focus.
void AppImpl::draw_focus_ring(KeyRegion region, ImVec2 min, ImVec2 max) {
    if (!keynav.ring || keynav.region != region) return;
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(min.x + 1, min.y + 1), ImVec2(max.x - 1, max.y - 1), focus_color(),
                                            0.0f, 0, 2.0f);
}

}  // namespace aa::ui
