// How good Suggest is, measured: precision and recall of the capitalised-name suggester (as the
// page runs it: no gazetteer, no rules, the document's labels, PER for names nothing else labels)
// against gold annotations. The English article (tests/fixtures/suggest/news-article-syria-talks.json)
// was annotated for this, CoNLL-2003 style (nationalities MISC; job titles and the Twitter handle
// are no entities); the other scripts' gold comes from the shared samples. Figures are printed;
// the English floors are asserted.
#include <doctest/doctest.h>

#include <cstdio>
#include <set>
#include <string>
#include <tuple>

#include "core/suggest.hpp"
#include "fixture_files.hpp"
#include "io/format.hpp"

using namespace aa;

namespace {

struct Score {
    size_t gold = 0, predicted = 0, correct = 0;
    double precision() const { return predicted ? double(correct) / double(predicted) : 0; }
    double recall() const { return gold ? double(correct) / double(gold) : 0; }
};

// Exact span and label matches of Suggest on an unannotated copy of the gold document.
Score score_file(const std::string& rel, bool print_errors) {
    Score sc;
    const io::ReadResult r = io::read("native", test::read_fixture(rel));
    if (r.documents.size() != 1) {
        FAIL_CHECK("cannot read " << rel);
        return sc;
    }
    const Document& gold = r.documents[0];
    NameOptions o;
    o.label = "PER";
    for (const Label& l : gold.labels().all()) o.labels.push_back(l.name);
    Document empty(gold.text());
    const auto predicted = merge_suggestions(empty, {suggest_names(gold.text(), o)});
    std::set<std::tuple<size_t, size_t, std::string>> want, got;
    for (Slot s : gold.entities().ordered()) {
        const Entity& e = gold.entities().get(s);
        want.emplace(e.start, e.end, e.label);
    }
    for (const Suggestion& s : predicted) got.emplace(s.start, s.end, s.label);
    sc.gold = want.size();
    sc.predicted = got.size();
    for (const auto& g : got) sc.correct += want.count(g);
    if (print_errors) {
        for (const auto& [a, b, l] : got)
            if (!want.count({a, b, l}))
                std::printf("  false positive: %s \"%s\"\n", l.c_str(), std::string(gold.text().slice(a, b)).c_str());
        for (const auto& [a, b, l] : want)
            if (!got.count({a, b, l}))
                std::printf("  missed:         %s \"%s\"\n", l.c_str(), std::string(gold.text().slice(a, b)).c_str());
    }
    return sc;
}

void print(const std::string& name, const Score& s) {
    std::printf("suggest quality %-32s gold %3zu  suggested %3zu  correct %3zu  P %.2f  R %.2f\n", name.c_str(), s.gold,
                s.predicted, s.correct, s.precision(), s.recall());
}

}  // namespace

TEST_CASE("Suggest finds the English article's names with precision and recall of at least 0.6") {
    const Score s = score_file("suggest/news-article-syria-talks.json", true);
    print("news-article-syria-talks (en)", s);
    CHECK(s.gold == 65);
    CHECK(s.precision() >= 0.6);
    CHECK(s.recall() >= 0.6);
}

TEST_CASE("Suggest's precision and recall on the other scripts' samples (printed, not asserted)") {
    Score total;
    for (const char* name : {"ar", "emoji", "fa", "he", "hi", "ja", "ko", "mixed", "th", "zh"}) {
        const Score s = score_file(std::string("suggest/scripts/") + name + ".json", false);
        print(std::string("scripts/") + name, s);
        total.gold += s.gold;
        total.predicted += s.predicted;
        total.correct += s.correct;
    }
    print("scripts (all)", total);
    CHECK(total.gold > 0);
}
