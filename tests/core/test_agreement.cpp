// Tests for src/core/agreement: differences of each kind and their pairing, precision/recall/F1
// and Cohen's kappa computed by hand on small documents, identical and disjoint annotations, texts
// that differ, and curation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/agreement.hpp"
#include "core/tokenizer.hpp"

using namespace aa;

namespace {

struct E {
    size_t start, end;
    std::string label;
};

Document doc_with(const std::string& text, const std::vector<E>& entities) {
    auto t = Text::from_utf8(text);
    REQUIRE(t.ok());
    Document d(std::move(t.value()));
    for (const E& e : entities) {
        Entity x;
        x.id = d.entities().next_id();
        x.start = e.start;
        x.end = e.end;
        x.label = e.label;
        REQUIRE(d.insert_entity(x).ok());
    }
    return d;
}

// "kind A:start-end:LABEL B:start-end:LABEL" per difference.
std::vector<std::string> show(const Agreement& r) {
    std::vector<std::string> out;
    auto ent = [](const std::optional<Entity>& e) {
        return e ? std::to_string(e->start) + "-" + std::to_string(e->end) + ":" + e->label : std::string("-");
    };
    for (const Difference& d : r.differences)
        out.push_back(std::string(diff_kind_name(d.kind)) + " A:" + ent(d.a) + " B:" + ent(d.b));
    return out;
}

using V = std::vector<std::string>;

// 8 tokens: Kerry 0-5, met 6-9, Lavrov 10-16, in 17-19, Geneva 20-26, and 27-30, Paris 31-36, today 37-42.
const std::string kText = "Kerry met Lavrov in Geneva and Paris today";
const std::vector<E> kA{{0, 5, "PER"}, {10, 16, "PER"}, {20, 26, "LOC"}, {31, 36, "LOC"}};
const std::vector<E> kB{{0, 5, "PER"}, {10, 16, "ORG"}, {17, 26, "LOC"}, {37, 42, "MISC"}};

}  // namespace

TEST_CASE("differences of every kind, sorted by start") {
    auto r = compare_documents(doc_with(kText, kA), doc_with(kText, kB));
    REQUIRE(r.ok());
    CHECK(show(r.value()) == V{"other label A:10-16:PER B:10-16:ORG", "other boundaries A:20-26:LOC B:17-26:LOC",
                               "missing in B A:31-36:LOC B:-", "extra in B A:- B:37-42:MISC"});
    REQUIRE(r->agreed.size() == 1);
    CHECK(r->agreed[0].start == 0);
    CHECK(r->differences[1].start() == 17);
    CHECK(r->differences[1].end() == 26);
}

TEST_CASE("precision, recall and F1 of B against A per label and micro-averaged") {
    auto r = compare_documents(doc_with(kText, kA), doc_with(kText, kB));
    REQUIRE(r.ok());
    const auto& l = r->labels;
    REQUIRE(l.size() == 4);  // A's label order (CoNLL-2003): PER, ORG, LOC, MISC
    CHECK(l[0].label == "PER");
    CHECK(l[0].in_a == 2);
    CHECK(l[0].in_b == 1);
    CHECK(l[0].matched == 1);
    CHECK(l[0].precision == 1.0);
    CHECK(l[0].recall == 0.5);
    CHECK(l[0].f1 == doctest::Approx(2.0 / 3.0));
    CHECK(l[1].label == "ORG");
    CHECK(l[1].in_a == 0);
    CHECK(l[1].in_b == 1);
    CHECK(l[1].precision == 0.0);
    CHECK(l[1].recall == 0.0);  // nothing to find but something found: 0, not 1
    CHECK(l[1].f1 == 0.0);
    CHECK(l[2].label == "LOC");
    CHECK(l[2].in_a == 2);
    CHECK(l[2].in_b == 1);
    CHECK(l[2].f1 == 0.0);
    CHECK(l[3].label == "MISC");
    CHECK(r->micro.label == "");
    CHECK(r->micro.in_a == 4);
    CHECK(r->micro.in_b == 4);
    CHECK(r->micro.matched == 1);
    CHECK(r->micro.precision == 0.25);
    CHECK(r->micro.recall == 0.25);
    CHECK(r->micro.f1 == 0.25);
}

TEST_CASE("token-level kappa matches the hand computation") {
    // A: PER O PER O LOC O LOC O; B: PER O ORG LOC LOC O O MISC. Agreeing: 4 of 8.
    // Chance: PER 2*1 + O 4*3 + LOC 2*2 = 18 of 64. kappa = (1/2 - 18/64) / (1 - 18/64) = 7/23.
    auto r = compare_documents(doc_with(kText, kA), doc_with(kText, kB));
    REQUIRE(r.ok());
    CHECK(r->kappa.tokens == 8);
    CHECK(r->kappa.agreeing == 4);
    CHECK(r->kappa.observed == 0.5);
    CHECK(r->kappa.expected == 18.0 / 64.0);
    CHECK(r->kappa.kappa == doctest::Approx(7.0 / 23.0));
}

TEST_CASE("identical documents agree fully, nested entities included") {
    const std::vector<E> a{{0, 5, "PER"}, {20, 36, "LOC"}, {31, 36, "LOC"}, {37, 42, "MISC"}};
    auto r = compare_documents(doc_with(kText, a), doc_with(kText, a));
    REQUIRE(r.ok());
    CHECK(r->differences.empty());
    CHECK(r->agreed.size() == 4);
    CHECK(r->micro.f1 == 1.0);
    for (const auto& s : r->labels) CHECK(s.f1 == 1.0);
    CHECK(r->kappa.agreeing == 8);
    CHECK(r->kappa.kappa == 1.0);
}

TEST_CASE("disjoint annotations score 0 and kappa below chance") {
    auto r = compare_documents(doc_with(kText, {{0, 5, "PER"}}), doc_with(kText, {{31, 36, "LOC"}}));
    REQUIRE(r.ok());
    CHECK(show(r.value()) == V{"missing in B A:0-5:PER B:-", "extra in B A:- B:31-36:LOC"});
    CHECK(r->micro.precision == 0.0);
    CHECK(r->micro.recall == 0.0);
    CHECK(r->micro.f1 == 0.0);
    // 6 of 8 tokens agree (O); chance 7*7 of 64: kappa = (48 - 49) / (64 - 49) = -1/15.
    CHECK(r->kappa.kappa == doctest::Approx(-1.0 / 15.0));
}

TEST_CASE("without entities or tokens the expected agreement is 1 and kappa is defined as 1") {
    auto r = compare_documents(doc_with(kText, {}), doc_with(kText, {}));
    REQUIRE(r.ok());
    CHECK(r->labels.empty());
    CHECK(r->micro.f1 == 1.0);
    CHECK(r->kappa.expected == 1.0);
    CHECK(r->kappa.kappa == 1.0);
    // Both label every token the same single way.
    r = compare_documents(doc_with("Kerry", {{0, 5, "PER"}}), doc_with("Kerry", {{0, 5, "PER"}}));
    REQUIRE(r.ok());
    CHECK(r->kappa.kappa == 1.0);
    r = compare_documents(doc_with("", {}), doc_with("", {}));
    REQUIRE(r.ok());
    CHECK(r->kappa.tokens == 0);
    CHECK(r->kappa.kappa == 1.0);
}

TEST_CASE("pairing prefers the same span, then the same label, then the larger overlap") {
    // The same span with another label is paired before any overlap is considered.
    auto r = compare_documents(doc_with(kText, {{0, 16, "PER"}, {0, 5, "ORG"}}), doc_with(kText, {{0, 5, "PER"}}));
    REQUIRE(r.ok());
    CHECK(show(r.value()) == V{"missing in B A:0-16:PER B:-", "other label A:0-5:ORG B:0-5:PER"});
    r = compare_documents(doc_with(kText, {{0, 16, "PER"}}), doc_with(kText, {{0, 9, "LOC"}, {10, 16, "PER"}}));
    REQUIRE(r.ok());
    CHECK(show(r.value()) == V{"other boundaries A:0-16:PER B:10-16:PER", "extra in B A:- B:0-9:LOC"});
    r = compare_documents(doc_with(kText, {{0, 16, "PER"}}), doc_with(kText, {{0, 5, "LOC"}, {6, 16, "ORG"}}));
    REQUIRE(r.ok());
    CHECK(show(r.value()) == V{"other boundaries A:0-16:PER B:6-16:ORG", "extra in B A:- B:0-5:LOC"});
}

TEST_CASE("different texts are an error naming the first differing code point") {
    auto r = compare_documents(doc_with(kText, {}), doc_with(kText + ".", {}));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "the texts differ at code point 42");
    r = compare_documents(doc_with("Ké", {}), doc_with("Kè", {}));  // U+00E9 and U+00E8 share their first byte
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "the texts differ at code point 1");
}

TEST_CASE("curation keeps the agreed entities and the chosen side of each difference") {
    auto b = doc_with(kText, kB);
    Entity lavrov = *b.entities().find("e2");
    lavrov.kb_id = "Q193713";
    REQUIRE(b.replace_entity(lavrov).ok());
    auto r = compare_documents(doc_with(kText, kA), b);
    REQUIRE(r.ok());
    auto c = curate(r.value(), {Side::B, Side::A, Side::A, Side::Neither});
    REQUIRE(c.ok());
    V got;
    for (const Entity& e : c.value())
        got.push_back(e.id + " " + std::to_string(e.start) + "-" + std::to_string(e.end) + ":" + e.label +
                      (e.kb_id.empty() ? "" : " " + e.kb_id));
    CHECK(got == V{"e1 0-5:PER", "e2 10-16:ORG Q193713", "e3 20-26:LOC", "e4 31-36:LOC"});
    c = curate(r.value(), {Side::A, Side::B, Side::B, Side::B});  // B has no side for "missing": nothing
    REQUIRE(c.ok());
    CHECK(c->size() == 4);
    c = curate(r.value(), {Side::A});
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == "expected 4 choices (one per difference), got 1");
}

namespace {
// The pairing as agreement.hpp states it, the straightforward way (every unused overlap of B
// looked at for each entity of A: O(n^2) on nested spans), to check the indexed one against.
V reference_pairing(const Document& a, const Document& b) {
    const auto& ea = a.entities();
    const auto& eb = b.entities();
    std::vector<bool> used(eb.ordered().size(), false);
    std::vector<const Entity*> left, left2;
    std::vector<Difference> diffs;
    auto overlap = [](const Entity& x, const Entity& y) {
        const size_t s = std::max(x.start, y.start), e = std::min(x.end, y.end);
        return e > s ? e - s : 0;
    };
    for (Slot s : ea.ordered()) {
        const Entity& e = ea.get(s);
        bool found = false;
        for (size_t i = 0; i < eb.ordered().size() && !found; ++i) {
            const Entity& o = eb.get(eb.ordered()[i]);
            if (!used[i] && o.start == e.start && o.end == e.end && o.label == e.label) used[i] = found = true;
        }
        if (!found) left.push_back(&e);
    }
    for (const Entity* e : left) {
        bool found = false;
        for (size_t i = 0; i < eb.ordered().size() && !found; ++i) {
            const Entity& o = eb.get(eb.ordered()[i]);
            if (!used[i] && o.start == e->start && o.end == e->end) {
                used[i] = found = true;
                diffs.push_back({DiffKind::OtherLabel, *e, o});
            }
        }
        if (!found) left2.push_back(e);
    }
    for (const Entity* e : left2) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < eb.ordered().size(); ++i) {
            const Entity& o = eb.get(eb.ordered()[i]);
            if (used[i] || overlap(o, *e) == 0) continue;
            if (best == SIZE_MAX) {
                best = i;
                continue;
            }
            const Entity& cur = eb.get(eb.ordered()[best]);
            const bool same = o.label == e->label, cur_same = cur.label == e->label;
            if (same != cur_same ? same : overlap(o, *e) > overlap(cur, *e)) best = i;
        }
        if (best == SIZE_MAX) {
            diffs.push_back({DiffKind::MissingInB, *e, std::nullopt});
        } else {
            used[best] = true;
            diffs.push_back({DiffKind::OtherBoundaries, *e, eb.get(eb.ordered()[best])});
        }
    }
    for (size_t i = 0; i < used.size(); ++i)
        if (!used[i]) diffs.push_back({DiffKind::ExtraInB, std::nullopt, eb.get(eb.ordered()[i])});
    std::stable_sort(diffs.begin(), diffs.end(), [](const Difference& x, const Difference& y) {
        return x.start() != y.start() ? x.start() < y.start() : x.end() > y.end();
    });
    Agreement r;
    r.differences = std::move(diffs);
    return show(r);
}
}  // namespace

TEST_CASE("the indexed pairing equals the straightforward one on random nested and overlapping spans") {
    // Short texts, many spans, three labels: nesting, crossing, equal spans and ties in overlap.
    uint64_t state = 12;
    auto next = [&](uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % n);
    };
    const char* labels[] = {"PER", "LOC", "ORG"};
    for (int round = 0; round < 400; ++round) {
        const size_t len = 4 + next(40);
        const std::string text(len, 'a');
        std::vector<E> ea, eb;
        for (std::vector<E>* v : {&ea, &eb})
            for (size_t k = 0, n = next(25); k < n; ++k) {
                const size_t s = next(len - 1), e = s + 1 + next(len - s);
                const E x{s, e, labels[next(round % 2 ? 1 : 3)]};
                if (std::none_of(v->begin(), v->end(), [&](const E& y) {
                        return y.start == x.start && y.end == x.end && y.label == x.label;
                    }))
                    v->push_back(x);
            }
        const Document a = doc_with(text, ea), b = doc_with(text, eb);
        auto r = compare_documents(a, b);
        REQUIRE(r.ok());
        CAPTURE(round);
        CHECK(show(*r) == reference_pairing(a, b));
        // Kappa's token labels: the first entity in document order overlapping each token.
        const std::string words = "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt";
        const Document wa = doc_with(words.substr(0, len), ea), wb = doc_with(words.substr(0, len), eb);
        auto k = compare_documents(wa, wb);
        REQUIRE(k.ok());
        size_t agreeing = 0;
        const std::vector<Token> tokens = tokenize(wa.text());
        for (const Token& t : tokens) {
            std::vector<Slot> fa, fb;
            wa.entities().intersecting(t.start, t.end, fa);
            wb.entities().intersecting(t.start, t.end, fb);
            const std::string la = fa.empty() ? "" : wa.entities().get(fa.front()).label;
            const std::string lb = fb.empty() ? "" : wb.entities().get(fb.front()).label;
            agreeing += la == lb;
        }
        CHECK(k->kappa.tokens == tokens.size());
        CHECK(k->kappa.agreeing == agreeing);
    }
}

TEST_CASE("relations are scored per type on source span, target span and type; symmetric types either way") {
    Document a = doc_with(kText, kA), b = doc_with(kText, kB);  // e1 Kerry, e2 Lavrov, e3 Geneva/in Geneva
    for (Document* d : {&a, &b}) {
        RelationType met{"met", Color{}, "", "", {}, {}, true};
        REQUIRE(d->insert_relation_type(0, met).ok());
        REQUIRE(d->insert_relation_type(1, RelationType{"in", Color{}, "", "", {}, {}, false}).ok());
    }
    REQUIRE(a.insert_relation({"r1", "met", "e1", "e2", ""}).ok());
    REQUIRE(a.insert_relation({"r2", "in", "e1", "e3", ""}).ok());
    REQUIRE(a.insert_relation({"r3", "in", "e2", "e3", ""}).ok());
    // B: met the other way (symmetric: a match) though B labels Lavrov ORG (spans count, not labels);
    // Kerry in "in Geneva" (another target span: no match); an "in" the wrong way instead of Lavrov's.
    REQUIRE(b.insert_relation({"r1", "met", "e2", "e1", ""}).ok());
    REQUIRE(b.insert_relation({"r2", "in", "e1", "e3", ""}).ok());
    REQUIRE(b.insert_relation({"r3", "in", "e3", "e1", ""}).ok());
    auto r = compare_documents(a, b);
    REQUIRE(r.ok());
    const Agreement& g = r.value();
    REQUIRE(g.relations.size() == 2);
    CHECK(g.relations[0].label == "met");
    CHECK(g.relations[0].matched == 1);
    CHECK(g.relations[0].f1 == doctest::Approx(1.0));
    CHECK(g.relations[1].label == "in");
    CHECK(g.relations[1].in_a == 2);
    CHECK(g.relations[1].in_b == 2);
    CHECK(g.relations[1].matched == 0);
    CHECK(g.relations_micro.in_a == 3);
    CHECK(g.relations_micro.in_b == 3);
    CHECK(g.relations_micro.matched == 1);
    CHECK(g.relations_micro.precision == doctest::Approx(1.0 / 3));

    auto r2 = compare_documents(doc_with(kText, kA), doc_with(kText, kB));
    REQUIRE(r2.ok());
    CHECK(r2.value().relations.empty());  // neither has relations: nothing is scored
}

TEST_CASE("a corpus pools its documents: counts summed and scored once, one kappa over every token") {
    // Document 1: kA against kB (above). Document 2: A has PER 0-5, B has PER 0-5 and LOC 31-36.
    auto one = compare_documents(doc_with(kText, kA), doc_with(kText, kB));
    auto two = compare_documents(doc_with(kText, {{0, 5, "PER"}}), doc_with(kText, {{0, 5, "PER"}, {31, 36, "LOC"}}));
    REQUIRE(one.ok());
    REQUIRE(two.ok());
    CorpusAgreement c;
    add_document(c, *one);
    add_document(c, *two);
    CHECK(c.documents == 2);
    V rows;
    for (const LabelScore& s : c.labels)
        rows.push_back(s.label + " " + std::to_string(s.in_a) + "/" + std::to_string(s.in_b) + "/" +
                       std::to_string(s.matched));
    CHECK(rows == V{"PER 3/2/2", "ORG 0/1/0", "LOC 2/2/0", "MISC 0/1/0"});  // the label set's order
    // PER: precision 2/2, recall 2/3 (not the mean of the documents' 1/2 and 1).
    CHECK(c.labels[0].precision == 1.0);
    CHECK(c.labels[0].recall == doctest::Approx(2.0 / 3.0));
    CHECK(c.labels[0].f1 == doctest::Approx(0.8));
    CHECK(c.micro.in_a == 5);
    CHECK(c.micro.in_b == 6);
    CHECK(c.micro.matched == 2);
    // 16 tokens: document 1 agrees on 4 (above), document 2 on 7 (Paris is O in A, LOC in B).
    // A: PER 2+1, O 4+7, LOC 2; B: PER 1+1, O 3+6, ORG 1, LOC 2+1, MISC 1.
    // Chance = 3*2 + 11*9 + 2*3 = 111 of 256; kappa = (11/16 - 111/256) / (1 - 111/256) = 65/145.
    CHECK(c.kappa.tokens == 16);
    CHECK(c.kappa.agreeing == 11);
    CHECK(c.kappa.expected == 111.0 / 256.0);
    CHECK(c.kappa.kappa == doctest::Approx(65.0 / 145.0));
}
