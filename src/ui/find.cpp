// The find bar (Ctrl+F: plain text through core find_all, regular expressions through the host's
// RegExp via Platform::regex_find; case, whole-word; next/previous; label every hit as one undo
// step), the hits drawn on visible lines, propagation of a new label to the other occurrences of its
// text (P) and removal of every entity with the same text and label (Shift+Delete). Their keys are
// rows of the shortcut table (ui/shortcuts.hpp), carried out in shortcuts.cpp.
//
// [SECTION] Find  [SECTION] Propagation
#include <imgui.h>

#include <algorithm>
#include <utility>

#include "core/segment.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {
namespace {
constexpr size_t kNone = static_cast<size_t>(-1);
// The plain-text search per frame: until the frame has taken kFindFrameMs since it began (drawing
// included), kFindSliceMs at most, one step at least. A frame of Find stays near kFindFrameMs
// whatever the text's size (issue 11: 8 ms at 1 MB).
constexpr double kFindSliceMs = 4;
constexpr double kFindFrameMs = 5;
constexpr size_t kFindStepBytes = 4 << 10;        // searched between two looks at the clock
constexpr double kPropagateSliceMs = 2;           // counting the propagation offer per frame
constexpr size_t kPropagateStepBytes = 64 << 10;  // between two looks at the clock (a byte search)

std::string excerpt(std::string_view s) {
    std::string t = seg::clip_clusters(s, 40);  // at a cluster boundary, "..." when cut
    for (char& c : t)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return t;
}

// The hits whose span meets [a, b): the first index, then walk while start < b. Hits are sorted
// and do not overlap, so their ends are sorted too.
template <class V, class End>
size_t first_meeting(const V& v, size_t a, End end_of) {
    return static_cast<size_t>(std::partition_point(v.begin(), v.end(), [&](const auto& h) { return end_of(h) <= a; }) -
                               v.begin());
}
}  // namespace

// =====================================================================================
// [SECTION] Find
// =====================================================================================

void AppImpl::open_find() {
    find.open = true;
    find.focus_field = true;
    // The selection (one line at most) becomes the query, as in editors.
    if (sel.active) {
        std::string s = selected_text();
        if (!s.empty() && s.size() < 200 && s.find('\n') == std::string::npos) find.query = s;
    }
}

void AppImpl::find_refresh() {
    const int options = (find.case_sensitive ? 1 : 0) | (prefs.find_whole_word ? 2 : 0) | (find.regex ? 4 : 0);
    if (find.key_query == find.query && find.key_options == options && find.key_generation == doc_generation) return;
    find.key_query = find.query;
    find.key_options = options;
    find.key_generation = doc_generation;
    if (find.pending) platform.regex_cancel(find.pending);  // its answer is for an older query
    find.pending = 0;
    find.run.reset();
    find.pending_action = 0;
    find.hits.clear();
    find.hits_any_word = 0;
    find.error.clear();
    find.truncated = false;
    find.current = kNone;
    const Text& text = editor.doc().text();
    if (find.query.empty() || text.empty()) return;
    if (!find.regex) {
        // In slices: a keystroke in a long text must not block a frame. The first slice runs at the
        // end of this frame (find_tick), not here too: one slice a frame (a small text is done in it).
        find.run.emplace(text, find.query, FindOptions{find.case_sensitive, prefs.find_whole_word});
        return;
    }
    // A regular expression runs in the host, where a runaway pattern can be stopped: the hits
    // arrive later (on_find_regex_result). Enter and Alt+Enter pressed meanwhile wait for them.
    find.pending = next_regex_ticket++;
    platform.regex_find(find.pending, find.query, find.case_sensitive, text.utf8(), kMaxRegexHits);
}

void AppImpl::find_tick() {
    if (!find.run) return;
    if (find.key_generation != doc_generation) {  // another document: the run reads the old text
        find.run.reset();
        find.key_generation = ~0ull;  // searched again when the find bar next looks
        return;
    }
    FindRun& run = *find.run;
    const double t0 = platform.now_ms();
    const double slice = std::clamp(kFindFrameMs - (t0 - frame_start_ms), 0.0, kFindSliceMs);
    while (!run.step(kFindStepBytes) && platform.now_ms() - t0 < slice) {
    }
    // The hits so far are drawn and counted while the search goes on.
    find.hits.insert(find.hits.end(), run.hits().begin() + static_cast<std::ptrdiff_t>(find.hits.size()),
                     run.hits().end());
    if (!run.done()) return;
    find.hits_any_word = run.hits_any_word();
    find.run.reset();
    find_start_at_caret();
    const int action = std::exchange(find.pending_action, 0);
    if (action == 2)
        find_label_all();
    else if (action != 0)
        find_step(action);
}

void AppImpl::find_start_at_caret() {
    // Start at the first hit at or after the caret.
    if (!find.hits.empty()) {
        const size_t from = sel.active ? std::min(sel.anchor, sel.caret) : sel.cursor_cp;
        auto it =
            std::partition_point(find.hits.begin(), find.hits.end(), [&](const Span& s) { return s.start < from; });
        find.current = it == find.hits.end() ? 0 : static_cast<size_t>(it - find.hits.begin());
    }
}

bool AppImpl::on_find_regex_result(uint64_t ticket, RegexResult& r) {
    if (on_find_queue_regex_result(ticket, r)) return true;  // a waiting document's (find_queue.cpp)
    if (ticket == 0 || ticket != find.pending) return false;
    find.pending = 0;
    const int action = find.pending_action;
    find.pending_action = 0;
    if (!r.ok) {
        find.error = r.error;
        find.queue_label_waiting = false;
        set_status("Find /" + find.query + "/: " + r.error, true);
        return true;
    }
    const Text& text = editor.doc().text();
    find.hits.reserve(r.hits.size());
    for (auto [a, b] : r.hits)
        if (a < b && b <= text.size()) find.hits.push_back(Span{a, b});
    if (prefs.find_whole_word) find.hits = whole_word_filter(text, find.hits);
    find.truncated = r.truncated;
    find_start_at_caret();
    if (action == 2)
        find_label_all();
    else if (action == 3)
        find_label_queue();  // every document's hits were awaited (find_queue.cpp)
    else if (action != 0)
        find_step(action);
    return true;
}

void AppImpl::find_step(int dir) {
    find_refresh();
    if (find.pending || find.run) {  // Enter while the search runs: when it ends
        find.pending_action = dir;
        return;
    }
    if (find.hits.empty()) return;
    const size_t n = find.hits.size();
    if (find.current == kNone || find.current >= n)
        find.current = dir > 0 ? 0 : n - 1;
    else
        find.current = dir > 0 ? (find.current + 1) % n : (find.current + n - 1) % n;
    const Span h = find.hits[find.current];
    sel.cursor_cp = h.start;
    reveal(h.start);
}

// "Label every hit": hits inside longer words ("Russia" in "Russians") are counted first. With
// whole words on they are left out and the status says how many; with it off, the user is asked.
void AppImpl::find_label_all() {
    find_refresh();
    if (find.run) {  // the open document's search is still under way: label when it ends
        find.pending_action = 2;
        return;
    }
    if (find_in_queue()) {  // every document: the summary first (find_queue.cpp)
        find_label_queue();
        return;
    }
    if (find.pending) {
        find.pending_action = 2;
        return;
    }
    if (find.hits.empty()) return;
    if (prefs.active_label.empty()) {
        set_status("choose a label first (click one in the Labels panel)", true);
        return;
    }
    const Text& text = editor.doc().text();
    if (!prefs.find_whole_word) {
        const size_t inside = count_inside_words(text, find.hits);  // checked around each hit
        if (inside > 0) {
            find.prompt_inside = inside;
            find.open_prompt = true;
            return;
        }
        find_label_spans(find.hits, 0);
        return;
    }
    // Whole words: the hits a search without the condition adds were left out (counted by the search).
    size_t left_out = 0;
    if (!find.regex) left_out = find.hits_any_word - std::min(find.hits_any_word, find.hits.size());
    find_label_spans(find.hits, left_out);
}

void AppImpl::find_label_spans(const std::vector<Span>& spans, size_t left_out) {
    const std::string label = prefs.active_label;
    const size_t total = spans.size();
    auto r = label_spans(
        spans, label, "Label every " + quoted_excerpt(find.query) + " as " + label,
        [label, total, left_out](size_t added) {
            std::string msg = "Labelled " + std::to_string(added) + " of " + std::to_string(total) + " hits as " +
                              label + " (Ctrl+Z undoes)";
            if (left_out > 0)
                msg += "; " + std::to_string(left_out) +
                       (left_out == 1 ? " hit inside a longer word was" : " hits inside longer words were") +
                       " left out (untick Whole words to see them)";
            return msg;
        });
    if (!r.ok()) set_status(r.error().summary(), true);
}

// The question when "label every hit" would label inside longer words.
void AppImpl::draw_find_prompt() {
    if (find.open_prompt) {
        ImGui::OpenPopup("Label every hit?");
        find.open_prompt = false;
    }
    if (!begin_modal("Label every hit?")) return;
    const size_t n = find.prompt_inside, whole = find.hits.size() - std::min(find.hits.size(), n);
    dialog_text(std::to_string(n) + (n == 1 ? " hit is" : " hits are") + " inside longer words: include them?");
    if (dialog_button(("Only the " + std::to_string(whole) + " whole words (Enter)").c_str()) ||
        (ImGui::IsKeyPressed(ImGuiKey_Enter, false) && !ImGui::IsWindowAppearing())) {  // not the opening Alt+Enter
        find_label_spans(whole_word_filter(editor.doc().text(), find.hits), n);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    const bool include = dialog_button(("Include them: all " + std::to_string(find.hits.size())).c_str());
    note_widget("find.include");
    if (include) {
        find_label_spans(find.hits, 0);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (dialog_button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    end_modal();
}

void AppImpl::draw_find_bar(float x, float y, float width) {
    find_refresh();
    const float w = std::min(width - 24, 560.0f);
    ImGui::SetNextWindowPos(ImVec2(x + width - w - 20, y + 6));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::Begin("##find", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoNav);
    bool close = false;
    if (find.focus_field) {
        ImGui::SetKeyboardFocusHere();
        find.focus_field = false;
    }
    ImGui::SetNextItemWidth(w - 250);
    // No undo of the field's own typing: Ctrl+Z there undoes the annotations (a bulk label, as its
    // message promises).
    // Its keys (Enter, Alt+Enter, Esc, Ctrl+Z, Alt+C/W/R, F3) are rows of the shortcut table:
    // handle_shortcuts gives them to the field while it has the keys (kFindField).
    input_text("##findquery", find.query, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_NoUndoRedo);
    find.field_id = ImGui::GetItemID();
    note_widget("find.field");
    field_placeholder(find.query, find.regex ? "regular expression" : "find");
    find_refresh();
    ImGui::SameLine();
    if (find.error.empty()) {
        if (find.query.empty())
            ImGui::TextDisabled("      ");
        else if (find.pending || (find_in_queue() && !find.queue_pending.empty()))
            ImGui::TextDisabled("searching");
        else if (find_queue_searching())  // the open document is done; the waiting ones a slice a frame
            ImGui::TextDisabled("searching %zu of %zu documents", find.queue_next + 1, queue.docs.size());
        else if (find.run)  // the hits so far, and how far the search is
            ImGui::TextDisabled("%zu, searching %zu%%", find.hits.size(),
                                100 * find.run->bytes_searched() / std::max<size_t>(1, find.run->bytes_total()));
        else if (find_in_queue()) {
            find_queue_refresh();
            size_t docs = 0;
            const size_t hits = find_queue_total(&docs);
            ImGui::Text("%zu %s in %zu %s", hits, hits == 1 ? "hit" : "hits", docs,
                        docs == 1 ? "document" : "documents");
        } else if (find.hits.empty())
            ImGui::TextColored(v4(theme().error), "no hits");
        else
            ImGui::Text("%zu of %zu%s", find.current == kNone ? 0 : find.current + 1, find.hits.size(),
                        find.truncated ? "+" : "");
    } else {
        ImGui::TextColored(v4(theme().error), "error");
    }
    // Tooltips name the keys from the shortcut table.
    auto tip = [](const std::string& what, Action a, Action b) {
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s (%s, %s)", what.c_str(), menu_keys(a).c_str(), menu_keys(b).c_str());
    };
    ImGui::SameLine();
    if (ImGui::ArrowButton("##prev", ImGuiDir_Up)) find_step(-1);
    tip("Previous hit", Action::FindFieldPrev, Action::FindPrev);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Down)) find_step(+1);
    tip("Next hit", Action::FindFieldNext, Action::FindNext);
    ImGui::SameLine();
    if (ImGui::SmallButton("x##closefind")) close = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close (%s)", menu_keys(Action::FindFieldClose).c_str());

    // Options (their keys toggle them from the field: run_find_shortcut).
    auto option = [&](const char* label, bool& v, Action key, const char* what) {
        const bool toggled = ImGui::Checkbox(label, &v);
        note_widget("find." + std::string(label).substr(std::string(label).find("##") + 2));  // find.whole, ...
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", what, menu_keys(key).c_str());
        if (toggled) {
            find_refresh();
            find.focus_field = true;  // a click on an option keeps typing (and Alt+Enter) in the field
        }
        ImGui::SameLine();
    };
    option("Aa##case", find.case_sensitive, Action::FindCase, "Match case");
    const bool whole_before = prefs.find_whole_word;
    option("Whole words##whole", prefs.find_whole_word, Action::FindWholeWords,
           "Whole words: \"Russia\" does not find \"Russians\". Remembered.");
    if (prefs.find_whole_word != whole_before) ++prefs_revision;  // saved with the view
    option(".*##regex", find.regex, Action::FindRegex, "Regular expression, JavaScript syntax");
    if (queue.docs.size() > 1) {  // (no key of its own)
        const std::string all = "All " + std::to_string(queue.docs.size()) + " documents##alldocs";
        if (ImGui::Checkbox(all.c_str(), &find.all_docs)) find.focus_field = true;
        note_widget("find.alldocs");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Search every document of the queue (plain text or a regular expression); \"Label every "
                "hit\" then labels them all, one undo step per document");
        ImGui::SameLine();
    }
    const std::string lab = prefs.active_label.empty() ? std::string("a label") : prefs.active_label;
    const std::string label_btn = "Label every hit as " + lab + " (" + menu_keys(Action::FindFieldLabelAll) + ")";
    // On the next row when the options left too little room (with "All N documents" shown).
    if (ImGui::CalcTextSize(label_btn.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x >
        ImGui::GetContentRegionAvail().x)
        ImGui::NewLine();
    ImGui::BeginDisabled((find_in_queue() ? find_queue_total(nullptr) == 0 : find.hits.empty()) ||
                         prefs.active_label.empty());
    if (ImGui::Button(label_btn.c_str())) find_label_all();
    note_widget("find.label_all");
    ImGui::EndDisabled();
    if (!find.error.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 20);
        ui_text_unformatted(find.error, to_imu32(theme().error));
        ImGui::PopTextWrapPos();
    } else if (find.truncated) {
        ImGui::TextColored(v4(theme().warning), "Stopped at %zu hits: make the pattern more specific.",
                           find.hits.size());
    }
    widget_rects["find.bar"] = {
        Rect{ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, ImGui::GetWindowSize().x, ImGui::GetWindowSize().y},
        ImGui::GetFrameCount()};
    ImGui::End();
    draw_find_prompt();
    draw_find_queue_prompt();
    if (close) {
        find.open = false;
        find.focus_field = false;
    }
}

void AppImpl::draw_find_hits(ImDrawList* dl, const LineGeom& g, float ty, float size) {
    if (!find.open || find.hits.empty()) return;
    const Theme& t = theme();
    const size_t end = std::max<size_t>(g.end, g.start + 1);
    for (size_t i = first_meeting(find.hits, g.start, [](const Span& s) { return s.end; });
         i < find.hits.size() && find.hits[i].start < end; ++i) {
        const Span h = find.hits[i];
        const bool cur = i == find.current;
        for (const Box& b : span_boxes(g, h.start, h.end)) {
            dl->AddRectFilled(
                ImVec2(b.x0 - 1, ty - 1), ImVec2(b.x1 + 1, ty + size + 1),
                cur ? to_imu32(t.find_current, t.find_current_alpha) : to_imu32(t.find_hit, t.find_hit_alpha), 2);
            if (cur)
                dl->AddRect(ImVec2(b.x0 - 2, ty - 2), ImVec2(b.x1 + 2, ty + size + 2), to_imu32(t.find_outline), 2, 0,
                            1.5f);
        }
    }
}

// =====================================================================================
// [SECTION] Propagation
// =====================================================================================

// After a new command that added one entity or changed one entity's label: offer to label the other
// whole-word occurrences of its text. Runs when the revision moves; undo (which leaves a redo) and
// bulk commands offer nothing. The count runs a slice per frame (propagation_tick), the first at
// the end of this frame: a short article is counted at once.
void AppImpl::propagation_refresh() {
    if (offer_revision == editor.revision()) return;
    offer_revision = editor.revision();
    const Document& d = editor.doc();
    std::string id;
    if (offer && d.entities().find(offer->entity_id)) id = offer->entity_id;  // recount a standing offer
    if (!editor.can_redo() && editor.can_undo()) {
        const Command& c = editor.undo_stack().back();
        if (c.ops.size() == 1) {
            const Op& op = c.ops[0];
            if (op.kind == Op::Kind::InsertEntity)
                id = op.entity_after.id;
            else if (op.kind == Op::Kind::ReplaceEntity && op.entity_before.label != op.entity_after.label)
                id = op.entity_after.id;
        }
    }
    offer.reset();
    offer_run.reset();
    const Entity* e = id.empty() ? nullptr : d.entities().find(id);
    if (!e) return;
    offer = PropagationOffer{e->id, excerpt(d.text_of(*e)), e->label, 0, true, false, {}};
    offer_run = std::make_unique<PropagationRun>(d, *e);  // stepped from this frame's end (frame())
}

void AppImpl::propagation_tick() {
    if (!offer_run) return;
    if (!offer || offer_revision != editor.revision()) {  // the document moved on: counted again
        offer_run.reset();
        return;
    }
    const double t0 = platform.now_ms();
    while (!offer_run->step(kPropagateStepBytes) && platform.now_ms() - t0 < kPropagateSliceMs) {
    }
    offer->count = offer_run->candidates().size();
    if (!offer_run->done()) return;
    offer->spans = offer_run->take_candidates();
    offer->counting = false;
    offer_run.reset();
    if (offer->count == 0) {
        offer.reset();
        return;
    }
    if (offer->apply_when) apply_propagation();
}

void AppImpl::apply_propagation() {
    propagation_refresh();
    if (!offer) return;
    if (offer->counting) {  // labelled once counted (propagation_tick)
        offer->apply_when = true;
        return;
    }
    std::vector<Span> spans = std::move(offer->spans);
    const std::string text = offer->text, label = offer->label;
    offer.reset();
    const std::string name = "Label " + std::to_string(spans.size()) + " more \"" + text + "\" as " + label;
    auto r = label_spans(std::move(spans), label, name, [text, label](size_t added) {
        return "Labelled " + std::to_string(added) + " more \"" + text + "\" as " + label + " (Ctrl+Z undoes)";
    });
    if (!r.ok()) set_status(r.error().summary(), true);
}

void AppImpl::remove_same_text(const std::string& id) {
    const Entity* e = editor.doc().entities().find(id);
    if (!e) return;
    const std::vector<std::string> ids = same_text_entities(editor.doc(), *e);
    const std::string text = excerpt(editor.doc().text_of(*e)), label = e->label;
    auto r = remove_all(editor, ids, "Remove every " + label + " \"" + text + "\"");
    if (!r.ok()) {
        set_status(r.error().summary(), true);
        return;
    }
    sel.entity.clear();
    set_status("Removed " + std::to_string(*r) + " " + label + " \"" + text + "\" (Ctrl+Z undoes)");
}

void AppImpl::draw_feature_status() {
    propagation_refresh();
    if (!offer) return;
    ImGui::SameLine(0, 16);
    // While counting: the hits so far and "+" ("Label 1200+ more"); P then labels them all once counted.
    const std::string s = "Label " + std::to_string(offer->count) + (offer->counting ? "+" : "") + " more \"" +
                          offer->text + "\" as " + offer->label + "?";
    ui_text_unformatted(s, to_imu32(theme().link));
    ImGui::SameLine();
    if (ImGui::SmallButton("Yes (P)")) apply_propagation();
}

}  // namespace aa::ui
