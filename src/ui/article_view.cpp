// The article view: wrapped text with entity highlights drawn only for the visible lines,
// text selection with the mouse (snapping to words), entity selection, edge dragging, the label
// popup at a selection and the entity context menu.
//
// Drawing, displaCy-style: an entity is a filled box in its label's colour with its label name
// in a small tag above its start. Entities nested in or overlapping a filled one on the same
// line become coloured bars stacked under the text (level 1, 2, ...), so every entity stays
// visible and clickable. Text inside a box takes the readable colour (black or white) for it.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/tokenizer.hpp"
#include "core/unicode.hpp"
#include "core/utf8.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {
namespace {
constexpr float kPadX = 28.0f;  // left and right margins of the article
constexpr float kPadTop = 16.0f;
constexpr float kBarHeight = 3.0f;  // underline bars of nested entities
constexpr float kBarGap = 2.0f;
constexpr int kMaxBars = 2;  // bars below the text before they stack on each other
constexpr ImU32 kTextColor = IM_COL32(30, 30, 30, 255);
constexpr ImU32 kSelectionColor = IM_COL32(66, 133, 244, 70);
constexpr ImU32 kAccent = IM_COL32(20, 90, 220, 255);
}  // namespace

void AppImpl::ensure_layout(float wrap_width) {
    const float size = text_size();
    if (layout_generation == doc_generation && std::fabs(layout_width - wrap_width) < 0.5f && layout_size == size)
        return;
    GlyphAdvances adv;
    adv.table = font_text->IndexAdvanceX.Data;
    adv.size = static_cast<size_t>(font_text->IndexAdvanceX.Size);
    adv.fallback = font_text->FallbackAdvanceX;
    adv.scale = size / font_text->FontSize;
    tag_band = tag_size() + 5.0f;
    LayoutMetrics m;
    m.wrap_width = wrap_width;
    m.row_height = std::round(tag_band + size + kBarGap + kMaxBars * (kBarHeight + kBarGap) + 2.0f);
    m.line_break_gap = std::round(size * 0.45f);
    m.blank_line_height = std::round(size * 0.35f);
    row_height = m.row_height;
    layout.build(editor.doc().text(), adv, m);
    layout_generation = doc_generation;
    layout_width = wrap_width;
    layout_size = size;
}

void AppImpl::draw_empty_state(float width, float height) {
    article_drawn = false;
    const char* title = "Paste an article (Ctrl+V), open or drop a .txt/.json file";
    ImGui::PushFont(font_text);
    const ImVec2 ts = ImGui::CalcTextSize(title);
    ImGui::SetCursorPos(ImVec2(std::max(10.0f, (width - ts.x) * 0.5f), height * 0.35f));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(60, 60, 60, 255));
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const char* hint =
        "Everything stays on this computer: nothing is uploaded. Your work is saved in this browser as you go.";
    const ImVec2 hs = ImGui::CalcTextSize(hint);
    ImGui::SetCursorPosX(std::max(10.0f, (width - hs.x) * 0.5f));
    ImGui::TextDisabled("%s", hint);
    ImGui::Dummy(ImVec2(0, 12));
    const float bw = 150, gap = 12;
    ImGui::SetCursorPosX(std::max(10.0f, (width - 3 * bw - 2 * gap) * 0.5f));
    if (ImGui::Button("Paste", ImVec2(bw, 0))) platform.request_paste();
    ImGui::SameLine(0, gap);
    if (ImGui::Button("Open file...", ImVec2(bw, 0)))
        platform.open_file_dialog(".txt,.json,.jsonl,.jsonld,.ann,.conll,.xml,text/plain,application/json");
    ImGui::SameLine(0, gap);
    if (ImGui::Button("Try a sample article", ImVec2(bw, 0))) {
        FILE* f = std::fopen("/assets/sample-article.txt", "rb");
        std::string s;
        if (f) {
            char buf[4096];
            size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
            std::fclose(f);
        }
        if (s.empty())
            set_status("the sample article is missing from this build", true);
        else if (Status st = set_text(s, "sample-article.txt"); !st)
            set_status(st.error().describe(), true);
    }
}

void AppImpl::scroll_to(size_t cp) {
    if (layout.empty()) return;
    const VisualLine& l = layout.line(layout.line_of(cp));
    pending_scroll_y = std::max(0.0f, l.y + kPadTop - view_height * 0.3f);
}

void AppImpl::select_entity(std::string id, bool scroll) {
    selected_entity = std::move(id);
    has_selection = false;
    show_selection_popup = false;
    if (const Entity* e = editor.doc().entities().find(selected_entity)) {
        cursor_cp = e->start;
        if (scroll) {
            // Only scroll when the entity is not already in view.
            const VisualLine& l = layout.empty() ? VisualLine{} : layout.line(layout.line_of(e->start));
            const float top = l.y + kPadTop;
            if (top < view_top || top + row_height > view_top + view_height) scroll_to(e->start);
        }
    }
}

void AppImpl::step_entity(int dir) {
    const EntityStore& es = editor.doc().entities();
    if (es.empty()) return;
    const auto& order = es.ordered();
    size_t idx;
    if (auto cur = es.slot_of(selected_entity)) {
        const size_t r = es.rank_of(*cur);
        idx = dir > 0 ? (r + 1) % order.size() : (r + order.size() - 1) % order.size();
    } else {
        // From the caret: the first entity after it (or the last before it).
        const size_t from = has_selection ? std::min(sel_anchor, sel_caret) : cursor_cp;
        auto it = std::partition_point(order.begin(), order.end(), [&](Slot s) { return es.get(s).start < from; });
        size_t r = static_cast<size_t>(it - order.begin());
        idx = dir > 0 ? (r < order.size() ? r : 0) : (r > 0 ? r - 1 : order.size() - 1);
    }
    select_entity(es.get(order[idx]).id, true);
}

std::string AppImpl::selected_text() const {
    const Document& d = editor.doc();
    if (has_selection) {
        const size_t a = std::min(sel_anchor, sel_caret), b = std::max(sel_anchor, sel_caret);
        return std::string(d.text().slice(a, std::min(b, d.text().size())));
    }
    if (const Entity* e = d.entities().find(selected_entity)) return std::string(d.text_of(*e));
    return {};
}

void AppImpl::label_selection_or_entity(const std::string& label) {
    prefs.active_label = label;
    ++prefs_revision;
    if (has_selection) {
        const size_t a = std::min(sel_anchor, sel_caret), b = std::max(sel_anchor, sel_caret);
        if (a == b) return;
        auto r = editor.add_entity(a, b, label);
        if (!r.ok()) {
            set_status(r.error().describe(), true);
            return;
        }
        has_selection = false;
        show_selection_popup = false;
        selected_entity = r.value();
        set_status("Added " + label + " \"" + std::string(editor.doc().text().slice(a, b)) + "\"");
    } else if (!selected_entity.empty()) {
        if (Status s = editor.set_label(selected_entity, label); !s) set_status(s.error().describe(), true);
    }
}

void AppImpl::nudge_entity_edge(bool move_start, int dir, bool precise) {
    const Entity* e = editor.doc().entities().find(selected_entity);
    if (!e) return;
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
    if (Status st = editor.set_span(selected_entity, s, en); !st) set_status(st.error().describe(), true);
}

std::optional<Rect> AppImpl::caret_rect(size_t cp) const {
    if (!article_drawn || layout.empty() || cp > editor.doc().text().size()) return std::nullopt;
    const Text& t = editor.doc().text();
    const size_t li = layout.line_of(cp);
    const VisualLine& l = layout.line(li);
    const float x = layout.x_of(t, li, cp);
    float w = 1.0f;
    if (cp < l.draw_end) {
        GlyphAdvances adv;
        adv.table = font_text->IndexAdvanceX.Data;
        adv.size = static_cast<size_t>(font_text->IndexAdvanceX.Size);
        adv.fallback = font_text->FallbackAdvanceX;
        adv.scale = layout_size / font_text->FontSize;
        w = adv(t.at(cp));
    }
    return Rect{origin_x + x, origin_y + l.y + tag_band, w, layout_size};
}

void AppImpl::draw_article(float width, float height) {
    const Document& doc = editor.doc();
    const Text& text = doc.text();
    const float wrap = std::max(100.0f, width - 2 * kPadX - ImGui::GetStyle().ScrollbarSize);
    ensure_layout(wrap);

    ImGui::SetNextWindowContentSize(ImVec2(0, layout.height() + kPadTop * 2));
    if (pending_scroll_y) {
        ImGui::SetNextWindowScroll(ImVec2(0, *pending_scroll_y));
        pending_scroll_y.reset();
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 255, 255, 255));
    ImGui::BeginChild("##article", ImVec2(width, height), false, ImGuiWindowFlags_NoMove);
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 win = ImGui::GetWindowPos();
    const float scroll_y = ImGui::GetScrollY();
    origin_x = win.x + kPadX;
    origin_y = win.y + kPadTop - scroll_y;
    view_top = scroll_y;
    view_height = height;
    article_drawn = true;
    const float size = layout_size;
    const float tsize = tag_size();

    // Visible lines only.
    const size_t first = layout.line_at_y(scroll_y - kPadTop);
    const size_t last = layout.line_at_y(scroll_y + height);
    boxes.clear();
    std::vector<float> xs;
    std::vector<Slot> hits;
    struct Bar {
        Slot slot;
        float x0, x1;
        int level;
        bool starts;
    };
    std::vector<Bar> bars;
    std::vector<float> level_end;

    // Pass 1: geometry of the entity boxes on visible lines (needed for hit-testing first).
    struct LineGeom {
        size_t li;
        size_t box_begin, box_end;
    };
    std::vector<LineGeom> geoms;
    for (size_t li = first; li <= last && li < layout.line_count(); ++li) {
        const VisualLine& l = layout.line(li);
        LineGeom g{li, boxes.size(), boxes.size()};
        if (l.draw_end > l.start) {
            doc.entities().intersecting(l.start, l.draw_end, hits);
            if (!hits.empty()) {
                layout.caret_xs(text, li, xs);
                level_end.clear();
                const float ty = origin_y + l.y + tag_band;
                for (Slot s : hits) {
                    const Entity& e = doc.entities().get(s);
                    const size_t a = std::max<size_t>(e.start, l.start), b = std::min<size_t>(e.end, l.draw_end);
                    if (a >= b) continue;
                    const float x0 = origin_x + xs[a - l.start], x1 = origin_x + xs[b - l.start];
                    int level = 0;
                    while (level < static_cast<int>(level_end.size()) &&
                           level_end[static_cast<size_t>(level)] > x0 + 0.5f)
                        ++level;
                    if (level == static_cast<int>(level_end.size()))
                        level_end.push_back(x1);
                    else
                        level_end[static_cast<size_t>(level)] = x1;
                    SegmentBox box;
                    box.slot = s;
                    box.x0 = x0;
                    box.x1 = x1;
                    box.level = level;
                    box.is_start = e.start >= l.start;
                    box.is_end = e.end <= l.draw_end;
                    if (level == 0) {
                        box.y0 = ty - 2;
                        box.y1 = ty + size + 2;
                    } else {
                        const int k = std::min(level, kMaxBars) - 1;
                        box.y0 = ty + size + kBarGap + 2 + static_cast<float>(k) * (kBarHeight + kBarGap);
                        box.y1 = box.y0 + kBarHeight;
                    }
                    boxes.push_back(box);
                }
            }
        }
        g.box_end = boxes.size();
        geoms.push_back(g);
    }

    // Interaction.
    const ImVec2 mouse = io.MousePos;
    const bool hovered = ImGui::IsWindowHovered();
    size_t mouse_caret = 0;
    bool mouse_on_text = false;
    const SegmentBox* hover_box = nullptr;
    if (!layout.empty()) {
        const size_t li = layout.line_at_y(mouse.y - origin_y);
        mouse_caret = layout.hit(text, li, mouse.x - origin_x);
        const VisualLine& l = layout.line(li);
        mouse_on_text = mouse.x >= origin_x - 4 && mouse.y >= origin_y + l.y && mouse.y < origin_y + l.y + l.height;
        // Bars first (they are thin and drawn on top), then the innermost filled box.
        for (const SegmentBox& b : boxes) {
            const bool in_x = mouse.x >= b.x0 && mouse.x < b.x1;
            if (!in_x) continue;
            if (b.level > 0 && mouse.y >= b.y0 - 2 && mouse.y < b.y1 + 2) {
                hover_box = &b;
                break;
            }
        }
        if (!hover_box)
            for (const SegmentBox& b : boxes)
                if (b.level == 0 && mouse.x >= b.x0 && mouse.x < b.x1 && mouse.y >= b.y0 && mouse.y < b.y1)
                    hover_box = &b;
    }
    hovered_entity = hovered && hover_box ? doc.entities().get(hover_box->slot).id : std::string();
    if (hovered && mouse_on_text) cursor_cp = mouse_caret;

    // Edge handles of the selected entity.
    int edge_hover = 0;
    if (hovered && !selected_entity.empty() && !dragging_text) {
        for (const SegmentBox& b : boxes) {
            if (doc.entities().get(b.slot).id != selected_entity) continue;
            if (mouse.y < b.y0 - 3 || mouse.y > b.y1 + 3) continue;
            if (b.is_start && std::fabs(mouse.x - b.x0) <= 4) edge_hover = -1;
            if (b.is_end && std::fabs(mouse.x - b.x1) <= 4) edge_hover = +1;
        }
    }
    if (edge_hover != 0 || dragging_edge != 0)
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    else if (hovered && mouse_on_text && !hover_box)
        ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    else if (hover_box)
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    const bool precise = io.KeyAlt || !prefs.snap_to_words;
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        show_selection_popup = false;
        if (edge_hover != 0) {
            dragging_edge = edge_hover;
            drag_edge_cp = mouse_caret;
        } else if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && mouse_on_text) {
            const size_t c = mouse_caret < text.size() ? mouse_caret : (mouse_caret > 0 ? mouse_caret - 1 : 0);
            Span w = word_at(text, c);
            if (w.end > w.start) {
                selected_entity.clear();
                has_selection = true;
                sel_anchor = w.start;
                sel_caret = w.end;
                dragging_text = false;
                if (prefs.sticky_label && !prefs.active_label.empty())
                    label_selection_or_entity(prefs.active_label);
                else
                    show_selection_popup = true;
            }
        } else if (hover_box) {
            select_entity(doc.entities().get(hover_box->slot).id, false);
        } else if (mouse_on_text) {
            selected_entity.clear();
            if (io.KeyShift && has_selection) {
                sel_caret = mouse_caret;
            } else {
                sel_anchor = sel_caret = mouse_caret;
                has_selection = true;
            }
            dragging_text = true;
        } else {
            selected_entity.clear();
            has_selection = false;
        }
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && hover_box) {
        select_entity(doc.entities().get(hover_box->slot).id, false);
        open_context_menu = true;
    }
    if (dragging_text) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            sel_caret = mouse_caret;
            // Auto-scroll while dragging past the top or bottom.
            const float wy = ImGui::GetWindowPos().y;
            if (mouse.y < wy + 10) ImGui::SetScrollY(std::max(0.0f, scroll_y - 12));
            if (mouse.y > wy + height - 10) ImGui::SetScrollY(scroll_y + 12);
        } else {
            dragging_text = false;
            size_t a = std::min(sel_anchor, sel_caret), b = std::max(sel_anchor, sel_caret);
            if (a == b) {
                has_selection = false;
            } else {
                if (!precise) {
                    Span s = snap_to_words(text, a, b);
                    a = s.start;
                    b = s.end;
                }
                if (a >= b) {
                    has_selection = false;
                } else {
                    sel_anchor = a;
                    sel_caret = b;
                    if (prefs.sticky_label && !prefs.active_label.empty())
                        label_selection_or_entity(prefs.active_label);
                    else
                        show_selection_popup = true;
                }
            }
        }
    }
    if (dragging_edge != 0) {
        const Entity* e = doc.entities().find(selected_entity);
        if (!e) {
            dragging_edge = 0;
        } else if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            drag_edge_cp = mouse_caret;
        } else {
            size_t s = e->start, en = e->end;
            size_t c = mouse_caret;
            if (dragging_edge < 0) {
                if (!precise && c < text.size())
                    c = word_at(text, c).end > word_at(text, c).start ? word_at(text, c).start : c;
                s = c;
            } else {
                if (!precise && c > 0) {
                    Span w = word_at(text, c - 1);
                    if (w.end > w.start) c = w.end;
                }
                en = c;
            }
            dragging_edge = 0;
            if (s < en && (s != e->start || en != e->end)) {
                if (Status st = editor.set_span(selected_entity, s, en); !st) set_status(st.error().describe(), true);
            }
        }
    }

    // Pass 2: draw.
    ImFont* tf = font_text;
    const size_t sel_a = has_selection ? std::min(sel_anchor, sel_caret) : 0;
    const size_t sel_b = has_selection ? std::max(sel_anchor, sel_caret) : 0;
    const std::string_view bytes = text.utf8();
    for (const LineGeom& g : geoms) {
        const VisualLine& l = layout.line(g.li);
        const float ty = origin_y + l.y + tag_band;
        // Selection background.
        if (has_selection && sel_b > l.start && sel_a < std::max<size_t>(l.draw_end, l.start + 1)) {
            const float x0 = origin_x + layout.x_of(text, g.li, std::max<size_t>(sel_a, l.start));
            float x1 = origin_x + layout.x_of(text, g.li, std::min<size_t>(sel_b, l.draw_end));
            if (sel_b > l.draw_end) x1 += 6;  // the selection continues past the line break
            dl->AddRectFilled(ImVec2(x0, ty - 2), ImVec2(x1, ty + size + 2), kSelectionColor);
        }
        draw_find_hits(dl, g.li, ty, size);  // find.cpp
        // Filled boxes and bars.
        for (size_t i = g.box_begin; i < g.box_end; ++i) {
            const SegmentBox& b = boxes[i];
            const Entity& e = doc.entities().get(b.slot);
            const Label* lab = doc.labels().find(e.label);
            const Color c = lab ? lab->color : Color{200, 200, 200};
            const bool hot = e.id == hovered_entity;
            if (b.level == 0) {
                ImDrawFlags round =
                    (b.is_start ? ImDrawFlags_RoundCornersLeft : 0) | (b.is_end ? ImDrawFlags_RoundCornersRight : 0);
                if (round == 0) round = ImDrawFlags_RoundCornersNone;
                dl->AddRectFilled(ImVec2(b.x0 - 2, b.y0), ImVec2(b.x1 + 2, b.y1), to_imu32(c, hot ? 1.0f : 0.85f), 4,
                                  round);
            } else {
                dl->AddRectFilled(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), to_imu32(darker(c, 0.8f)), 1.5f);
            }
        }
        // Text, in runs: default colour outside filled boxes, readable colour inside.
        if (l.draw_end > l.start) {
            layout.caret_xs(text, g.li, xs);
            size_t pos = l.start;
            size_t pos_byte = l.byte_start;
            auto draw_run = [&](size_t from, size_t to, ImU32 col) {
                if (to <= from) return;
                size_t b0 = pos_byte;
                size_t i = b0;
                for (size_t k = pos; k < to; ++k) i += utf8::sequence_length(static_cast<unsigned char>(bytes[i]));
                (void)from;
                // Tabs and other controls are not drawn (the layout gave them their width).
                size_t seg = b0;
                for (size_t j = b0; j < i; ++j) {
                    if (bytes[j] == '\t' || bytes[j] == '\r') {
                        if (j > seg) {
                            const size_t cp_at = pos + utf8::count_code_points(bytes.substr(b0, seg - b0));
                            dl->AddText(tf, size, ImVec2(origin_x + xs[cp_at - l.start], ty), col, bytes.data() + seg,
                                        bytes.data() + j);
                        }
                        seg = j + 1;
                    }
                }
                if (i > seg) {
                    const size_t cp_at = pos + utf8::count_code_points(bytes.substr(b0, seg - b0));
                    dl->AddText(tf, size, ImVec2(origin_x + xs[cp_at - l.start], ty), col, bytes.data() + seg,
                                bytes.data() + i);
                }
                pos = to;
                pos_byte = i;
            };
            for (size_t i = g.box_begin; i < g.box_end; ++i) {
                const SegmentBox& b = boxes[i];
                if (b.level != 0) continue;
                const Entity& e = doc.entities().get(b.slot);
                const size_t a = std::max<size_t>(e.start, l.start), z = std::min<size_t>(e.end, l.draw_end);
                if (a < pos) continue;
                draw_run(pos, a, kTextColor);
                const Label* lab = doc.labels().find(e.label);
                const Color c = lab ? lab->color : Color{200, 200, 200};
                draw_run(a, z, to_imu32(c.readable_text()));
            }
            draw_run(pos, l.draw_end, kTextColor);
        }
        // Label tags above entity starts; shifted right when they would overlap.
        float tag_min_x = -1e9f;
        for (size_t i = g.box_begin; i < g.box_end; ++i) {
            const SegmentBox& b = boxes[i];
            if (!b.is_start) continue;
            const Entity& e = doc.entities().get(b.slot);
            const Label* lab = doc.labels().find(e.label);
            const Color c = lab ? lab->color : Color{200, 200, 200};
            const ImVec2 ts = font_tag->CalcTextSizeA(tsize, FLT_MAX, 0, e.label.c_str());
            const float x = std::max(b.x0 - 2, tag_min_x);
            const float y = origin_y + l.y + 1;
            const Color bg = b.level == 0 ? c : darker(c, 0.8f);
            dl->AddRectFilled(ImVec2(x, y), ImVec2(x + ts.x + 6, y + tsize + 2), to_imu32(bg), 3);
            dl->AddText(font_tag, tsize, ImVec2(x + 3, y + 1), to_imu32(bg.readable_text()), e.label.c_str());
            tag_min_x = x + ts.x + 8;
        }
        // Outline of the selected entity, with drag handles at its ends.
        for (size_t i = g.box_begin; i < g.box_end; ++i) {
            const SegmentBox& b = boxes[i];
            const Entity& e = doc.entities().get(b.slot);
            if (e.id != selected_entity) continue;
            const float y0 = ty - 3, y1 = b.level == 0 ? ty + size + 3 : b.y1 + 2;
            dl->AddRect(ImVec2(b.x0 - 3, y0), ImVec2(b.x1 + 3, y1), kAccent, 4, 0, 2.0f);
            if (b.is_start) dl->AddRectFilled(ImVec2(b.x0 - 4, y0 - 1), ImVec2(b.x0 - 1, y1 + 1), kAccent, 1);
            if (b.is_end) dl->AddRectFilled(ImVec2(b.x1 + 1, y0 - 1), ImVec2(b.x1 + 4, y1 + 1), kAccent, 1);
        }
        draw_suggestions(dl, g.li, ty, size);      // suggest_view.cpp: dashed outlines
        draw_agreement_marks(dl, g.li, ty, size);  // agreement_view.cpp: the differences with B
    }
    // Edge drag preview.
    if (dragging_edge != 0) {
        const size_t li = layout.line_of(drag_edge_cp);
        const VisualLine& l = layout.line(li);
        const float x = origin_x + layout.x_of(text, li, drag_edge_cp);
        dl->AddLine(ImVec2(x, origin_y + l.y + tag_band - 4), ImVec2(x, origin_y + l.y + tag_band + size + 4), kAccent,
                    2.0f);
    }

    // Tooltip: label, text and offsets.
    if (hovered && hover_box && !dragging_text && dragging_edge == 0) {
        const Entity& e = doc.entities().get(hover_box->slot);
        ImGui::BeginTooltip();
        ImGui::Text("%s  [%zu, %zu)", e.label.c_str(), e.start, e.end);
        std::string s(doc.text_of(e));
        if (s.size() > 200) s = s.substr(0, 200) + "...";
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(s.c_str());
        if (!e.note.empty()) ImGui::TextDisabled("Note: %s", e.note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void AppImpl::draw_selection_popup() {
    if (!show_selection_popup || !has_selection || !article_drawn || layout.empty()) return;
    const size_t b = std::max(sel_anchor, sel_caret);
    const size_t li = layout.line_of(b > 0 ? b - 1 : 0);
    const VisualLine& l = layout.line(li);
    const float x = origin_x + layout.x_of(editor.doc().text(), li, b);
    const float y = origin_y + l.y + tag_band + layout_size + 8;
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::Begin("##selection_labels", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    for (const Label& lab : editor.doc().labels().all()) {
        ImGui::PushStyleColor(ImGuiCol_Button, to_imu32(lab.color));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imu32(darker(lab.color, 0.9f)));
        ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(lab.color.readable_text()));
        std::string txt = lab.key.empty() ? lab.name : lab.name + " " + lab.key;
        if (ImGui::SmallButton(txt.c_str())) {
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
    if (open_context_menu) {
        ImGui::OpenPopup("##entity_menu");
        open_context_menu = false;
    }
    if (!ImGui::BeginPopup("##entity_menu")) return;
    const Entity* e = editor.doc().entities().find(selected_entity);
    if (!e) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextDisabled("%s [%zu, %zu)", e->label.c_str(), e->start, e->end);
    ImGui::Separator();
    if (ImGui::BeginMenu("Relabel")) {
        for (const Label& l : editor.doc().labels().all()) {
            if (ImGui::MenuItem(l.name.c_str(), l.key.c_str(), l.name == e->label)) {
                if (Status s = editor.set_label(selected_entity, l.name); !s) set_status(s.error().describe(), true);
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Note...")) {
        note_edit_id = e->id;
        note_edit = e->note;
        open_note_popup = true;
    }
    if (ImGui::MenuItem("Copy text", "Ctrl+C")) platform.copy_to_clipboard(std::string(editor.doc().text_of(*e)));
    if (ImGui::MenuItem("Delete", "Del")) {
        if (Status s = editor.remove_entity(selected_entity); s) selected_entity.clear();
    }
    ImGui::EndPopup();
}

}  // namespace aa::ui
