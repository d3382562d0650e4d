// Tests for src/core/suggest_merge: SuggestionMerge equals merge_suggestions (less the rejected
// ones) when built in steps of any size, after every edit patched from the Editor's changed spans
// (random sessions), and when edits come while it is built; its list made a part per step;
// KnownLabelsRun in steps; the Editor's log of changed spans.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/editor.hpp"
#include "core/suggest.hpp"
#include "core/text_of.hpp"

using namespace aa;

namespace {

const char* const kLabels[] = {"PER", "ORG", "LOC"};

Document random_document(std::mt19937& rng, size_t length) {
    std::string s;
    for (size_t i = 0; i < length; ++i) s += (rng() % 5 == 0) ? ' ' : static_cast<char>('a' + rng() % 3);
    return Document(aa::test::text_of(s));  // PER, ORG, LOC among the default labels
}

// Spans that overlap often, a few empty or past the end of the text (dropped by the merge).
std::vector<std::vector<Suggestion>> random_sources(std::mt19937& rng, size_t length) {
    std::vector<std::vector<Suggestion>> sources(4);
    const char* const names[] = {"known", "gazetteer", "rule", "names"};
    for (size_t k = 0; k < sources.size(); ++k) {
        const size_t n = 10 + rng() % 40;
        size_t at = 0;
        for (size_t i = 0; i < n; ++i) {
            // Mostly in text order (as the sources give them), sometimes anywhere (the rules' hits).
            const size_t start = rng() % 4 == 0 ? rng() % (length + 2) : (at += rng() % 12) % (length + 2);
            const size_t end = start + rng() % 9;
            sources[k].push_back(Suggestion{start, end, kLabels[rng() % 3], names[k]});
        }
    }
    return sources;
}

std::vector<Suggestion> expected(const Document& d, const std::vector<std::vector<Suggestion>>& sources,
                                 const std::vector<Suggestion>& rejected) {
    std::vector<Suggestion> out = merge_suggestions(d, sources);
    std::erase_if(
        out, [&](const Suggestion& s) { return std::find(rejected.begin(), rejected.end(), s) != rejected.end(); });
    return out;
}

// One random edit through the Editor (every kind that changes entities, undo and redo included).
void random_edit(std::mt19937& rng, Editor& ed, size_t length) {
    const auto& store = ed.doc().entities();
    const size_t start = rng() % length, end = std::min(length, start + 1 + rng() % 8);
    const char* label = kLabels[rng() % 3];
    std::string any;
    if (!store.empty()) any = store.get(store.ordered()[rng() % store.size()]).id;
    switch (rng() % 7) {
        case 0:
        case 1: (void)ed.add_entity(start, end, label); break;
        case 2:
            if (!any.empty()) (void)ed.remove_entity(any);
            break;
        case 3:
            if (!any.empty()) (void)ed.set_label(any, label);
            break;
        case 4:
            if (!any.empty()) (void)ed.set_span(any, start, end);
            break;
        case 5: (void)ed.undo(); break;
        default: {
            if (rng() % 2) {
                (void)ed.redo();
                break;
            }
            Editor::Group g(ed, "several");
            for (int i = 0; i < 5; ++i) {
                const size_t s = rng() % length;
                (void)ed.add_entity(s, std::min(length, s + 1 + rng() % 6), kLabels[rng() % 3]);
            }
        }
    }
}

void build(SuggestionMerge& m, const Document& d, size_t work) {
    for (int guard = 0; !m.step(d, work); ++guard) REQUIRE(guard < 100000);
}

}  // namespace

TEST_CASE("SuggestionMerge in steps of any size gives merge_suggestions") {
    for (unsigned seed = 1; seed <= 40; ++seed) {
        std::mt19937 rng(seed);
        const size_t length = 60 + rng() % 200;
        Editor ed(random_document(rng, length));
        for (int i = 0; i < 20; ++i) random_edit(rng, ed, length);
        const auto sources = random_sources(rng, length);
        for (size_t work : {size_t{1}, size_t{3}, size_t{17}, size_t{1} << 20}) {
            SuggestionMerge m(sources);
            CHECK(m.progress() == 0.0);
            build(m, ed.doc(), work);
            CHECK(m.done());
            CHECK(m.progress() == 1.0);
            CHECK(m.list() == merge_suggestions(ed.doc(), sources));
        }
    }
    SuggestionMerge none;
    const Document empty(aa::test::text_of(""));
    CHECK(none.step(empty, 1));
    CHECK(none.list().empty());
}

TEST_CASE("SuggestionMerge lists its suggestions a part per step, not all in the step that ends deciding") {
    // 3,000 suggestions apart from each other (a cluster each) over a text of 12,000 characters.
    const Document d(aa::test::text_of(std::string(12000, 'a')));
    std::vector<std::vector<Suggestion>> sources(1);
    for (size_t at = 0; at + 3 <= 12000; at += 4) sources[0].push_back(Suggestion{at, at + 3, "PER", "names"});
    const size_t work = 64;
    SuggestionMerge m(sources);
    size_t before = 0, steps = 0, largest = 0;
    for (bool done = false; !done; ++steps) {
        REQUIRE(steps < 100000);
        done = m.step(d, work);
        if (m.list().size() > before) largest = std::max(largest, m.list().size() - before);
        before = m.list().size();
    }
    CHECK(m.list() == merge_suggestions(d, sources));
    CHECK(m.list().size() == 3000);
    CHECK(largest <= work);  // before: all 3,000 in one step (the list made whole once decided)
}

TEST_CASE("SuggestionMerge patched from the Editor's changed spans equals a new merge after every edit and rejection") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        const size_t length = 40 + rng() % 150;
        Editor ed(random_document(rng, length));
        const auto sources = random_sources(rng, length);
        SuggestionMerge m(sources);
        std::vector<Suggestion> rejected;
        uint64_t mark = ed.touched_mark();
        std::vector<std::pair<size_t, size_t>> spans;
        // Edits while it is built too: the clusters decided already are decided again.
        for (int guard = 0; !m.step(ed.doc(), 1 + rng() % 6); ++guard) {
            REQUIRE(guard < 100000);
            if (rng() % 3) continue;
            random_edit(rng, ed, length);
            spans.clear();
            REQUIRE(ed.touched_since(mark, spans));
            mark = ed.touched_mark();
            m.update(ed.doc(), spans);
        }
        REQUIRE(m.list() == expected(ed.doc(), sources, rejected));
        for (int step = 0; step < 80; ++step) {
            CAPTURE(step);
            if (rng() % 6 == 0 && !m.list().empty()) {
                const size_t i = rng() % m.list().size();
                rejected.push_back(m.list()[i]);
                CHECK(m.reject(i));
            } else {
                random_edit(rng, ed, length);
            }
            spans.clear();
            if (ed.touched_since(mark, spans))
                m.update(ed.doc(), spans);
            else
                m.update_all(ed.doc());
            mark = ed.touched_mark();
            REQUIRE(m.list() == expected(ed.doc(), sources, rejected));
        }
        CHECK_FALSE(m.reject(m.list().size()));
        for (const Suggestion& s : m.list()) rejected.push_back(s);
        m.reject_all();
        CHECK(m.list().empty());
        for (int step = 0; step < 10; ++step) {  // what was rejected stays hidden when it comes back
            random_edit(rng, ed, length);
            m.update_all(ed.doc());
            REQUIRE(m.list() == expected(ed.doc(), sources, rejected));
        }
    }
}

TEST_CASE("the Editor's log of changed spans: every entity op, undo and redo; a reset or an overflow starts again") {
    Editor ed(Document(aa::test::text_of("Angela Merkel met Olaf Scholz in Berlin.")));
    const uint64_t m0 = ed.touched_mark();
    std::vector<std::pair<size_t, size_t>> spans;
    Label title;
    title.name = "TITLE";
    REQUIRE(ed.add_label(title).ok());
    CHECK(ed.touched_since(m0, spans));
    CHECK(spans.empty());  // labels change no entity
    auto id = ed.add_entity(0, 13, "PER");
    REQUIRE(id.ok());
    REQUIRE(ed.set_span(*id, 0, 6).ok());
    REQUIRE(ed.set_label(*id, "LOC").ok());
    REQUIRE(ed.undo());
    REQUIRE(ed.redo());
    REQUIRE(ed.remove_entity(*id).ok());
    CHECK(ed.touched_since(m0, spans));
    using P = std::pair<size_t, size_t>;
    CHECK(spans == std::vector<P>{{0, 13}, {0, 13}, {0, 6}, {0, 6}, {0, 6}, {0, 6}, {0, 6}});
    const uint64_t m1 = ed.touched_mark();
    spans.clear();
    CHECK(ed.touched_since(m1, spans));
    CHECK(spans.empty());
    ed.reset(Document(aa::test::text_of("Paris.")));
    CHECK_FALSE(ed.touched_since(m1, spans));
    CHECK(ed.touched_since(ed.touched_mark(), spans));
    // More than the log keeps: a mark from before must start again.
    const uint64_t m2 = ed.touched_mark();
    for (int i = 0; i < 2100; ++i) {
        REQUIRE(ed.add_entity(0, 5, "LOC").ok());
        REQUIRE(ed.undo());
    }
    CHECK_FALSE(ed.touched_since(m2, spans));
    spans.clear();
    CHECK(ed.touched_since(ed.touched_mark() - 3, spans));
    CHECK(spans.size() == 3);
}

TEST_CASE("KnownLabelsRun in steps of any size over several documents gives known_labels") {
    std::mt19937 rng(7);
    std::vector<Editor> eds;
    for (int k = 0; k < 3; ++k) {
        const size_t length = 80;
        eds.emplace_back(random_document(rng, length));
        for (int i = 0; i < 60; ++i) (void)eds.back().add_entity(rng() % 70, 71 + rng() % 9, kLabels[rng() % 3]);
        for (int i = 0; i < 30; ++i) {
            const size_t s = rng() % 76;
            (void)eds.back().add_entity(s, s + 1 + rng() % 3, kLabels[rng() % 3]);
        }
    }
    std::vector<const Document*> docs;
    for (const Editor& e : eds) docs.push_back(&e.doc());
    // The reference: the label given most often to each text, the first given on a tie.
    std::map<std::string, std::vector<std::pair<std::string, int>>> counts;
    for (const Document* d : docs)
        for (Slot s : d->entities().ordered()) {
            const Entity& e = d->entities().get(s);
            auto& c = counts[std::string(d->text_of(e))];
            auto it = std::find_if(c.begin(), c.end(), [&](const auto& p) { return p.first == e.label; });
            if (it == c.end())
                c.emplace_back(e.label, 1);
            else
                ++it->second;
        }
    WordLabels want;
    for (const auto& [t, c] : counts) {
        auto best = c.begin();
        for (auto it = c.begin(); it != c.end(); ++it)
            if (it->second > best->second) best = it;
        want[t] = best->first;
    }
    CHECK(known_labels(docs) == want);
    for (size_t count : {size_t{1}, size_t{7}, size_t{90}, size_t{1000}}) {
        KnownLabelsRun run;
        for (const Document* d : docs) run.add(*d);
        int steps = 0;
        while (!run.step(count)) ++steps;
        CHECK(run.result() == want);
        if (count == 1) CHECK(steps > 100);
    }
    KnownLabelsRun none;
    CHECK(none.step(1));
    CHECK(none.result().empty());
}

// Accepting a suggestion (an entity over it) drops it from the list without moving the others: the
// list is patched in place, O(log n), where it was a vector whose tail every accept shifted (0.4-1 ms
// at a few hundred thousand suggestions). On the old list the suggestions after the accepted one
// moved down a place (their addresses changed).
TEST_CASE("SuggestionMerge: an accept drops the suggestion and moves none of the others") {
    Editor ed(Document(aa::test::text_of(std::string(4000, 'a'))));
    std::vector<std::vector<Suggestion>> sources(1);
    for (size_t at = 0; at + 3 <= 4000; at += 4) sources[0].push_back(Suggestion{at, at + 3, "PER", "names"});
    SuggestionMerge m(sources);
    while (!m.step(ed.doc(), 1000)) {
    }
    REQUIRE(m.list().size() == 1000);
    const Suggestion* tail = &m.list()[999];
    const uint64_t mark = ed.touched_mark();
    REQUIRE(ed.add_entity(400, 403, "PER").ok());  // accepts list()[100]
    std::vector<std::pair<size_t, size_t>> spans;
    REQUIRE(ed.touched_since(mark, spans));
    m.update(ed.doc(), spans);
    REQUIRE(m.list().size() == 999);
    CHECK(m.list()[100].start == 404);
    CHECK(&m.list()[998] == tail);  // the same suggestion, where it was
    CHECK(m.list() == merge_suggestions(ed.doc(), sources));
    ed.undo();  // it comes back, in its place
    std::vector<std::pair<size_t, size_t>> back;
    REQUIRE(ed.touched_since(mark, back));
    m.update(ed.doc(), back);
    CHECK(m.list() == merge_suggestions(ed.doc(), sources));
    CHECK(&m.list()[999] == tail);
}
