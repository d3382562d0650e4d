// Pre-annotation in the page: the Suggest side panel (the texts labelled already, a gazetteer
// pasted or loaded from a file, regular-expression rules run by the host's RegExp, the
// capitalised-names suggester, labelled by the per-language lists of data/suggest), the
// suggestions drawn as dashed outlines on visible lines, and accepting / rejecting them one at a
// time or all at once (one undo step). Rules and gazetteers persist with the view state (autosave)
// and export / import as a small JSON file.
//
// [SECTION] Computing, accepting, rejecting
// [SECTION] Suggestions in the article
// [SECTION] The setup as a rules file (SuggestConfig)
// [SECTION] Suggest panel
// [SECTION] Files and the document's copy
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/segment.hpp"
#include "io/page_state.hpp"
#include "io/session.hpp"
#include "ui/app_impl.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace aa::ui {
namespace {
constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kMaxRuleHits = 100000;
constexpr double kSuggestSliceMs = 4;  // the text's suggestions worked out per frame
// The text's work goes a piece (to the next line break) at a time, each sized from the time the
// ones before took to last about kSuggestPieceMs: a piece of Chinese costs several times a piece
// of English of the same bytes, and a slower machine more again.
constexpr double kSuggestPieceMs = 1;
constexpr size_t kSuggestFirstPiece = 4 << 10, kSuggestMinPiece = 512, kSuggestMaxPiece = 64 << 10;
constexpr size_t kSuggestStepEntities = 2048;  // entities counted between two looks at the clock
constexpr size_t kSuggestStepMerge = 2048;     // suggestions sorted or decided between two looks

// A dashed line from a to b (horizontal or vertical).
void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0) return;
    const float dx = (b.x - a.x) / len, dy = (b.y - a.y) / len;
    for (float t = 0; t < len; t += 7.0f) {
        const float e = std::min(len, t + 4.0f);
        dl->AddLine(ImVec2(a.x + dx * t, a.y + dy * t), ImVec2(a.x + dx * e, a.y + dy * e), col, thickness);
    }
}

bool label_combo(const char* id, const LabelSet& labels, std::string& value) {
    bool changed = false;
    if (ImGui::BeginCombo(id, value.empty() ? "label" : value.c_str())) {
        for (const Label& l : labels.all()) {
            if (ImGui::Selectable(l.name.c_str(), l.name == value)) {
                value = l.name;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}
}  // namespace

// =====================================================================================
// [SECTION] Computing, accepting, rejecting
// =====================================================================================

void AppImpl::compute_suggestions() {
    const Document& d = editor.doc();
    const Text& text = d.text();
    suggest.error.clear();
    suggest.merged = SuggestionMerge();
    suggest.current = kNone;
    cancel_suggestions();  // an earlier "Suggest" still running: this one replaces it
    if (text.empty()) {
        suggest.error = "open an article first";
        return;
    }
    SuggestState::Pending p;
    if (suggest.gazetteer_text.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto g = parse_gazetteer(suggest.gazetteer_text);
        if (!g.ok()) {
            suggest.error = "gazetteer: " + g.error().summary();
            return;
        }
        g->case_sensitive = suggest.gaz_case_sensitive;
        g->whole_word = suggest.gaz_whole_word;
        for (const GazetteerEntry& e : g->entries)
            if (!d.labels().find(e.label)) {
                suggest.error =
                    "gazetteer: unknown label \"" + e.label + "\" (for \"" + e.term + "\"): add it in Labels";
                return;
            }
        p.gazetteer = std::move(*g);
    }
    if (suggest.names_label.empty() && !d.labels().empty())
        suggest.names_label = d.labels().find("PER") ? "PER" : d.labels()[0].name;
    NameOptions name_options;
    if (suggest.names_enabled && !suggest.names_label.empty()) {
        name_options.label = suggest.names_label;
        for (const Label& l : d.labels().all()) name_options.labels.push_back(l.name);
    }
    // Everything runs a slice per frame (suggest_tick, the status bar's progress bar with Cancel):
    // what is labelled already here and in the queue's other documents is counted first (it is
    // proposed with that label), then the text is worked through, then the merge; the rules run in
    // the host meanwhile, where a runaway pattern can be stopped.
    p.sources.resize(4);
    p.generation = doc_generation;
    p.rule_hits.resize(suggest.rules.size());
    p.known = std::make_shared<KnownLabelsRun>();
    p.known->add(d);
    p.known_revision = editor.revision();
    p.queued = std::make_shared<std::deque<io::Session>>();
    p.names = std::move(name_options);
    suggest.pending = std::move(p);
    for (const Rule& r : suggest.rules) {
        suggest.pending->tickets.push_back(next_regex_ticket++);
        platform.regex_find(suggest.pending->tickets.back(), r.pattern, true, text.utf8(), kMaxRuleHits);
    }
    if (!suggest.rules.empty())
        set_status("Running " + std::to_string(suggest.rules.size()) +
                   (suggest.rules.size() == 1 ? " rule" : " rules") + "...");
}

// Suggest's first part: the texts labelled already, the open document's entities then the queue's
// documents read one at a time; once counted, the text's run starts.
void AppImpl::suggest_known_tick(double t0) {
    SuggestState::Pending& p = *suggest.pending;
    if (p.known_revision != editor.revision()) {  // an edit meanwhile: count again (the open one first)
        p.known = std::make_shared<KnownLabelsRun>();
        p.known->add(editor.doc());
        for (const io::Session& s : *p.queued) p.known->add(s.document);
        p.known_revision = editor.revision();
    }
    for (;;) {
        if (!p.known->step(kSuggestStepEntities)) {
            if (platform.now_ms() - t0 >= kSuggestSliceMs) return;
            continue;
        }
        while (p.queue_next < queue.docs.size() && queue.docs[p.queue_next].session.empty()) ++p.queue_next;
        if (p.queue_next == queue.docs.size()) break;
        if (auto s = queue.docs[p.queue_next++].read(); s.ok()) {
            p.queued->push_back(std::move(*s));  // a deque: the documents counted before stay put
            p.known->add(p.queued->back().document);
        }
        if (platform.now_ms() - t0 >= kSuggestSliceMs) return;
    }
    const Document& d = editor.doc();
    const bool names = !p.names->label.empty();
    p.names->known = p.known->result();
    std::erase_if(p.names->known, [&](const auto& kv) { return !d.labels().find(kv.second); });
    p.known.reset();
    p.queued.reset();
    p.run = std::make_shared<SuggestRun>(d.text(), p.names->known, p.gazetteer.entries.empty() ? nullptr : &p.gazetteer,
                                         names ? &*p.names : nullptr);
}

void AppImpl::suggest_tick() {
    suggestions_refresh();  // the list drawn in the article follows the edits
    if (!suggest.pending) return;
    SuggestState::Pending& p = *suggest.pending;
    if (p.generation != doc_generation) {  // another text: the run reads the old one
        cancel_suggestions();
        return;
    }
    const double t0 = platform.now_ms();
    if (p.known) {
        suggest_known_tick(t0);
        if (p.known) return;
    }
    if (p.run) {
        for (;;) {
            const size_t bytes =
                p.ms_per_byte > 0 ? static_cast<size_t>(std::clamp(kSuggestPieceMs / p.ms_per_byte,
                                                                   double(kSuggestMinPiece), double(kSuggestMaxPiece)))
                                  : kSuggestFirstPiece;
            const double s0 = platform.now_ms();
            const bool done = p.run->step(bytes);
            const double s1 = platform.now_ms(), rate = (s1 - s0) / static_cast<double>(bytes);
            p.ms_per_byte = p.ms_per_byte > 0 ? (p.ms_per_byte + rate) / 2 : rate;  // smoothed over pieces
            if (done || s1 - t0 >= kSuggestSliceMs) break;
        }
        if (!p.run->done()) return;
        p.sources[0] = p.run->take_known();
        p.sources[1] = p.run->take_gazetteer();
        p.sources[3] = p.run->take_names();
        p.run.reset();
    }
    if (!p.merge) {
        if (!std::all_of(p.tickets.begin(), p.tickets.end(), [](uint64_t t) { return t == 0; })) return;
        for (auto& hits : p.rule_hits) p.sources[2].insert(p.sources[2].end(), hits.begin(), hits.end());
        p.rule_hits.clear();
        p.merge = std::make_shared<SuggestionMerge>(std::move(p.sources));
        p.touched = editor.touched_mark();
    }
    std::vector<std::pair<size_t, size_t>> spans;  // edits while it merges: decided again
    if (editor.touched_since(p.touched, spans))
        p.merge->update(editor.doc(), spans);
    else
        p.merge->update_all(editor.doc());
    p.touched = editor.touched_mark();
    while (!p.merge->step(editor.doc(), kSuggestStepMerge) && platform.now_ms() - t0 < kSuggestSliceMs) {
    }
    if (p.merge->done()) finish_suggestions();
}

void AppImpl::cancel_suggestions() {
    if (!suggest.pending) return;
    for (uint64_t t : suggest.pending->tickets)
        if (t) platform.regex_cancel(t);
    suggest.pending.reset();
}

// "Suggesting 42%", a bar and Cancel in the status bar while Suggest works (the rules excepted).
void AppImpl::draw_suggest_progress() {
    if (!suggest.pending) return;
    const SuggestState::Pending& p = *suggest.pending;
    float f = 0;
    if (p.known)
        f = 0.05f;
    else if (p.run)
        f = 0.05f + 0.75f * static_cast<float>(p.run->progress());
    else if (p.merge)
        f = 0.8f + 0.2f * static_cast<float>(p.merge->progress());
    else
        return;  // waiting for the rules: "Running N rules..." says so
    ImGui::SameLine(0, 16);
    ImGui::TextUnformatted("Suggesting");
    ImGui::SameLine();
    ImGui::ProgressBar(f, ImVec2(ImGui::GetFontSize() * 6, ImGui::GetTextLineHeight()));
    note_widget("suggest.progress");
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel##suggest")) {
        cancel_suggestions();
        set_status("Suggest cancelled: no suggestions");
    }
    note_widget("suggest.cancel");
}

bool AppImpl::on_rule_result(uint64_t ticket, RegexResult& r) {
    if (!suggest.pending || ticket == 0) return false;
    auto& tickets = suggest.pending->tickets;
    const auto it = std::find(tickets.begin(), tickets.end(), ticket);
    if (it == tickets.end()) return false;
    const size_t i = static_cast<size_t>(it - tickets.begin());
    *it = 0;
    const Text& text = editor.doc().text();
    if (!r.ok || suggest.pending->generation != doc_generation || i >= suggest.rules.size()) {
        // An invalid or stopped rule, or another text meanwhile: no suggestions, the rule named.
        for (uint64_t t : tickets)
            if (t) platform.regex_cancel(t);
        suggest.pending.reset();
        if (!r.ok) {
            suggest.error = "rule " + std::to_string(i + 1) + " (/" + suggest.rules[i].pattern + "/): " + r.error;
            set_status("Suggest: " + suggest.error, true);
        }
        return true;
    }
    for (auto [a, b] : r.hits)
        if (a < b && b <= text.size())
            suggest.pending->rule_hits[i].push_back(Suggestion{a, b, suggest.rules[i].label, "rule"});
    return true;  // suggest_tick merges once every rule answered and the text's work is done
}

void AppImpl::finish_suggestions() {
    SuggestState::Pending p = std::move(*suggest.pending);
    suggest.pending.reset();
    if (p.generation != doc_generation || !p.merge) return;
    suggest.merged = std::move(*p.merge);
    suggest.touched = p.touched;
    suggest.sources_generation = doc_generation;
    suggest.computed = true;
    suggestions_refresh();
    if (!suggest.list().empty()) suggest.current = 0;
    set_status(std::to_string(suggest.list().size()) +
               " suggestions: A accepts, R rejects, N goes to the next, Shift+A accepts all");
}

void AppImpl::suggestions_refresh() {
    if (suggest.computed && suggest.sources_generation != doc_generation) {
        // Another text: the suggestions were for the old one.
        suggest.computed = false;
        suggest.merged = SuggestionMerge();
        suggest.current = kNone;
    }
    if (!suggest.computed || suggest.touched == editor.touched_mark()) return;
    // Only where the edits since changed entities: the accepted ones drop out, the deleted come back.
    std::vector<std::pair<size_t, size_t>> spans;
    if (editor.touched_since(suggest.touched, spans))
        suggest.merged.update(editor.doc(), spans);
    else
        suggest.merged.update_all(editor.doc());
    suggest.touched = editor.touched_mark();
    const size_t n = suggest.list().size();
    if (suggest.current != kNone && suggest.current >= n) suggest.current = n == 0 ? kNone : n - 1;
    suggest.hovered = kNone;
}

void AppImpl::accept_suggestion(size_t i, const std::string& as) {
    suggestions_refresh();
    if (i >= suggest.list().size()) return;
    const Suggestion s = suggest.list()[i];
    const std::string label = as.empty() ? s.label : as;
    auto r = editor.add_entity(s.start, s.end, label);
    if (!r.ok()) {
        set_status(r.error().summary(), true);
        return;
    }
    suggest.current = i;  // the next one moves into this place
    suggestions_refresh();
    const std::string text = "\"" + std::string(editor.doc().text().slice(s.start, s.end)) + "\"";
    if (label == s.label)
        set_status("Accepted " + label + " " + text);
    else
        set_status("Accepted " + text + " as " + label + " (suggested " + s.label + ")");
}

// A label key with nothing selected: the suggestion under the mouse, else the current one (drawn
// filled), becomes an entity with that key's label. Only one the user can see on the screen.
bool AppImpl::accept_suggestion_with_key(const std::string& label) {
    suggestions_refresh();
    const size_t target = suggest.hovered < suggest.list().size() ? suggest.hovered : suggest.current;
    if (target >= suggest.list().size()) return false;
    const Suggestion& s = suggest.list()[target];
    prefs.active_label = label;
    ++prefs_revision;
    if (!span_in_view(s.start, s.end)) {
        set_status("The current suggestion is out of view: N brings the next one into view", true);
        return true;
    }
    accept_suggestion(target, label);
    return true;
}

void AppImpl::reject_suggestion(size_t i) {
    suggestions_refresh();
    if (i >= suggest.list().size()) return;
    suggest.merged.reject(i);
    suggest.current = suggest.list().empty() ? kNone : std::min(i, suggest.list().size() - 1);
    suggest.hovered = kNone;
}

void AppImpl::accept_all_suggestions() {
    suggestions_refresh();
    if (suggest.list().empty()) return;
    const std::vector<Suggestion> all = suggest.list().to_vector();
    size_t added = 0;
    std::string first_error;
    {
        Editor::Group group(editor, "Accept " + std::to_string(all.size()) + " suggestions");
        for (const Suggestion& s : all) {
            auto r = editor.add_entity(s.start, s.end, s.label);
            if (r.ok())
                ++added;
            else if (first_error.empty())
                first_error = r.error().summary();
        }
    }
    suggestions_refresh();
    set_status("Accepted " + std::to_string(added) + " suggestions (Ctrl+Z undoes)" +
                   (first_error.empty() ? "" : "; " + first_error),
               !first_error.empty());
}

void AppImpl::step_suggestion(int dir) {
    suggestions_refresh();
    const size_t n = suggest.list().size();
    if (n == 0) return;
    if (suggest.current >= n)
        suggest.current = dir > 0 ? 0 : n - 1;
    else
        suggest.current = dir > 0 ? (suggest.current + 1) % n : (suggest.current + n - 1) % n;
    sel.active = false;
    sel.entity.clear();
    const Suggestion& s = suggest.list()[suggest.current];
    sel.cursor_cp = s.start;
    reveal(s.start);
}

// =====================================================================================
// [SECTION] Suggestions in the article
// =====================================================================================

void AppImpl::draw_suggestions(ImDrawList* dl, const LineGeom& g, float ty, float size) {
    if (suggest.list().empty()) return;
    const Document& d = editor.doc();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool rtl = article.layout(g.para).rtl();
    auto it = std::partition_point(suggest.list().begin(), suggest.list().end(),
                                   [&](const Suggestion& s) { return s.end <= g.start; });
    for (size_t i = static_cast<size_t>(it - suggest.list().begin());
         i < suggest.list().size() && suggest.list()[i].start < g.end; ++i) {
        const Suggestion& s = suggest.list()[i];
        const Label* lab = d.labels().find(s.label);
        const Color c = lab ? darker(lab->color, 0.8f) : theme().muted_text;
        const bool cur = i == suggest.current;
        const float th = cur ? 2.5f : 1.5f;
        const float y0 = ty - 3, y1 = ty + size + 3;
        const std::vector<Box> bs = span_boxes(g, s.start, s.end);
        // Open where the suggestion goes on to another line: at the line's end side.
        const bool starts = s.start >= g.start, ends = s.end <= g.end;
        bool over = false;
        for (size_t k = 0; k < bs.size(); ++k) {
            const float x0 = bs[k].x0 - 2, x1 = bs[k].x1 + 2;
            if (cur) dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), to_imu32(c, 0.15f), 3);
            dashed(dl, ImVec2(x0, y0), ImVec2(x1, y0), to_imu32(c), th);
            dashed(dl, ImVec2(x0, y1), ImVec2(x1, y1), to_imu32(c), th);
            if (k > 0 || (rtl ? ends : starts)) dashed(dl, ImVec2(x0, y0), ImVec2(x0, y1), to_imu32(c), th);
            if (k + 1 < bs.size() || (rtl ? starts : ends)) dashed(dl, ImVec2(x1, y0), ImVec2(x1, y1), to_imu32(c), th);
            over = over || (mouse.x >= x0 && mouse.x < x1 && mouse.y >= y0 && mouse.y < y1);
        }
        if (starts && !bs.empty()) {
            // The suggested label, small and hollow, where entity tags go.
            const float ts = tag_size();
            dl->AddText(fonts.tag, ts, ImVec2(bs.front().x0 - 1, origin_y + g.y + g.band + 1), to_imu32(c),
                        (s.label + "?").c_str());
        }
        over = over && ImGui::IsWindowHovered();
        if (over && sel.hovered.empty()) {
            suggest.hovered = i;
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) suggest.current = i;
            ui_tooltip("Suggested " + s.label + " (" + s.source + "): A accept, R reject");
        } else if (suggest.hovered == i) {
            suggest.hovered = kNone;
        }
    }
}

// =====================================================================================
// [SECTION] The setup as a rules file (SuggestConfig)
// =====================================================================================

// The panel's setup as the rules file's schema (io/page_state.hpp): the gazetteer as entries when
// what was typed parses, else as the text typed.
SuggestConfig AppImpl::suggest_config() const {
    SuggestConfig c;
    c.rules = suggest.rules;
    GazetteerSetup g;
    g.case_sensitive = suggest.gaz_case_sensitive;
    g.whole_word = suggest.gaz_whole_word;
    if (auto parsed = parse_gazetteer(suggest.gazetteer_text); parsed.ok())
        g.entries = std::move(parsed->entries);
    else
        g.text = suggest.gazetteer_text;  // not valid yet: keep what was typed
    c.gazetteers = std::vector<GazetteerSetup>{std::move(g)};
    c.names = NamesSetup{suggest.names_enabled, suggest.names_label};
    return c;
}

// A rules file (or a document's or session's setup) replaces the rules and the gazetteer; its
// gazetteers merge into the one text of the panel; what it does not set of the options stays.
void AppImpl::apply_suggest_config(const SuggestConfig& c) {
    std::string gaz_text;
    bool cs = suggest.gaz_case_sensitive, ww = suggest.gaz_whole_word;
    Gazetteer all;
    for (const GazetteerSetup& g : c.gazetteers.value_or(std::vector<GazetteerSetup>{})) {
        cs = g.case_sensitive.value_or(cs);
        ww = g.whole_word.value_or(ww);
        if (g.text) gaz_text += *g.text;
        if (g.entries) all.entries.insert(all.entries.end(), g.entries->begin(), g.entries->end());
    }
    if (!all.entries.empty()) gaz_text = format_gazetteer(all) + gaz_text;
    if (c.names) {
        suggest.names_enabled = c.names->enabled.value_or(suggest.names_enabled);
        suggest.names_label = c.names->label.value_or(suggest.names_label);
    }
    suggest.rules = c.rules.value_or(std::vector<Rule>{});
    suggest.gazetteer_text = std::move(gaz_text);
    suggest.gaz_case_sensitive = cs;
    suggest.gaz_whole_word = ww;
}

// =====================================================================================
// [SECTION] Suggest panel
// =====================================================================================

// The Suggest tab: the setup (gazetteer, rules, names; a change is autosaved and kept in the
// document), the Suggest button, then the list of suggestions once computed.
void AppImpl::draw_suggest_panel() {
    const Document& d = editor.doc();
    suggestions_refresh();
    bool changed = false;
    if (suggest.names_label.empty() && !d.labels().empty())
        suggest.names_label = d.labels().find("PER") ? "PER" : d.labels()[0].name;

    if (suggest_choice.before) {  // a file's setup was used or merged (suggest_choice.cpp)
        if (ImGui::SmallButton("Restore my rules")) restore_suggest_setup();
        note_widget("suggest.restore");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your rules and gazetteers as they were before the file's");
    }
    changed |= draw_suggest_gazetteer();
    changed |= draw_suggest_rules();
    ImGui::SeparatorText("Names");
    changed |= ImGui::Checkbox("Capitalised names, unclear ones as", &suggest.names_enabled);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip(
            "A name labelled already keeps its label; word lists per language\n"
            "(places, nationalities, \"Department\", \"President X\") label the others;\n"
            "days, months and sentence openers are never names.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    changed |= label_combo("##nameslabel", d.labels(), suggest.names_label);

    ImGui::Spacing();
    if (ImGui::Button(("Suggest (" + menu_keys(Action::Suggest) + ")").c_str())) compute_suggestions();
    ImGui::SameLine();
    if (ImGui::SmallButton("Export rules")) {
        platform.download("annotator.rules.json", "application/json", io::write_suggest_config(suggest_config()));
        set_status("Downloaded annotator.rules.json");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Import rules...")) {
        request_files(FileRequest::Suggest, ".json,application/json");
    }
    note_widget("suggest.import_rules");
    if (!suggest.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ui_text_unformatted(suggest.error, to_imu32(theme().error));
        ImGui::PopTextWrapPos();
    }
    if (changed) {
        ++suggest.rules_revision;
        ++prefs_revision;  // autosaved with the view state
        sync_suggest_to_document();
    }
    if (suggest.computed) draw_suggestion_list();
}

bool AppImpl::draw_suggest_gazetteer() {
    bool changed = false;
    ImGui::SeparatorText("Gazetteer");
    ImGui::TextDisabled("One \"term<Tab>LABEL\" or \"term,LABEL\" per line");
    changed |= input_multiline("##gazetteer", suggest.gazetteer_text, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
    changed |= ImGui::Checkbox("Match case##gaz", &suggest.gaz_case_sensitive);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Whole words##gaz", &suggest.gaz_whole_word);
    ImGui::SameLine();
    if (ImGui::SmallButton("Load file...")) {
        request_files(FileRequest::Suggest, ".tsv,.csv,.txt,.gaz,.json,text/plain,text/tab-separated-values");
    }
    note_widget("suggest.load_file");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A gazetteer (.tsv, .csv, .txt, .gaz) or a rules file (.rules.json)");
    return changed;
}

bool AppImpl::draw_suggest_rules() {
    const Document& d = editor.doc();
    bool changed = false;
    ImGui::SeparatorText("Rules (regular expressions)");
    int remove = -1;
    for (size_t i = 0; i < suggest.rules.size(); ++i) {
        Rule& r = suggest.rules[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(-150);
        if (input_text("##pattern", r.pattern)) changed = true;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(90);
        changed |= label_combo("##rlabel", d.labels(), r.label);
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
        ImGui::PopID();
    }
    if (remove >= 0) {
        suggest.rules.erase(suggest.rules.begin() + remove);
        changed = true;
    }
    ImGui::SetNextItemWidth(-150);
    const bool enter = input_text("##newpattern", suggest.new_pattern, ImGuiInputTextFlags_EnterReturnsTrue);
    field_placeholder(suggest.new_pattern, "pattern, e.g. \\bMinistry of \\w+");
    ImGui::SameLine();
    if (suggest.new_rule_label.empty()) suggest.new_rule_label = suggest.names_label;
    ImGui::SetNextItemWidth(90);
    label_combo("##newrlabel", d.labels(), suggest.new_rule_label);
    ImGui::SameLine();
    if ((ImGui::SmallButton("Add rule") || enter) && !suggest.new_pattern.empty() && !suggest.new_rule_label.empty()) {
        suggest.rules.push_back(Rule{suggest.new_pattern, suggest.new_rule_label});
        suggest.new_pattern.clear();
        changed = true;
    }
    return changed;
}

// The computed suggestions: accept or reject all, and a table (click: go to one).
void AppImpl::draw_suggestion_list() {
    const Document& d = editor.doc();
    ImGui::Separator();
    ImGui::Text("%zu suggestions", suggest.list().size());
    ImGui::SameLine();
    ImGui::BeginDisabled(suggest.list().empty());
    if (ImGui::SmallButton("Accept all (Shift+A)")) accept_all_suggestions();
    ImGui::SameLine();
    if (ImGui::SmallButton("Reject all")) {
        suggest.merged.reject_all();
        suggest.current = kNone;
    }
    ImGui::EndDisabled();
    ImGui::TextDisabled("N next, A accept, R reject (the hovered or current one)");
    if (ImGui::BeginTable("##suggestions", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y)))) {
        ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Label");
        ImGui::TableSetupColumn("Source");
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(suggest.list().size()));
        size_t clicked = kNone;
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const Suggestion& s = suggest.list()[static_cast<size_t>(r)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string t(d.text().slice(s.start, s.end));
                t = seg::clip_clusters(t, 60);
                ImGui::PushID(r);
                if (user_selectable(t, static_cast<size_t>(r) == suggest.current, ImGuiSelectableFlags_SpanAllColumns,
                                    ImVec2(0, 0)))
                    clicked = static_cast<size_t>(r);
                ImGui::PopID();
                ImGui::TableNextColumn();
                ui_text_unformatted(s.label);
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", s.source.c_str());
            }
        }
        ImGui::EndTable();
        if (clicked != kNone) {
            suggest.current = clicked == 0 ? suggest.list().size() - 1 : clicked - 1;
            step_suggestion(+1);
        }
    }
}

// =====================================================================================
// [SECTION] Files and the document's copy
// =====================================================================================

void AppImpl::take_suggest_file(std::string_view name, std::string_view bytes) {
    std::string n(name);
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (n.size() >= 5 && n.compare(n.size() - 5, 5, ".json") == 0) {
        io::StateRead<SuggestConfig> r = io::read_suggest_config(bytes);
        if (!r.ok()) {
            set_status(std::string(name) + ": " + r.first_error(), true);
            return;
        }
        apply_suggest_config(*r.value);
        set_status("Imported rules and gazetteers from " + std::string(name));
    } else {
        auto g = parse_gazetteer(bytes);
        if (!g.ok()) {
            set_status(std::string(name) + ": " + g.error().summary(), true);
            return;
        }
        std::string text(bytes);
        if (!suggest.gazetteer_text.empty() && suggest.gazetteer_text.back() != '\n') suggest.gazetteer_text += '\n';
        suggest.gazetteer_text += text;
        set_status("Loaded " + std::to_string(g->entries.size()) + " gazetteer terms from " + std::string(name));
    }
    ++suggest.rules_revision;
    ++prefs_revision;
    sync_suggest_to_document();
}

// The setup travels with the labels in the native file (DocumentInfo::suggest): kept equal to the
// panel's state, so that exports and the autosave carry it and an import brings it back.
void AppImpl::sync_suggest_to_document() {
    // Nothing set up (no rules, no gazetteer): nothing written, so plain exports stay plain.
    const bool unused =
        suggest.rules.empty() && suggest.gazetteer_text.find_first_not_of(" \t\r\n") == std::string::npos;
    std::optional<SuggestConfig> c;
    if (!unused) c = suggest_config();
    if (editor.doc().info.suggest != c) editor.info().suggest = std::move(c);
}

}  // namespace aa::ui
