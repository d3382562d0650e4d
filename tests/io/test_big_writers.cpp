// The big JSON writers (Label Studio, Prodigy, W3C) over a generated document of 1,200 entities
// with every field they hold (notes, kb_ids, who and when, relations, document labels, Unicode,
// quotes and control characters, entities on and off the token boundaries, lines on both sides of
// the pretty layout's width): their bytes pinned by a hash of what the tree writers wrote before
// they were written without a tree, their layout equal to spans::pretty of their own tree, and a
// read back that writes the same bytes.
#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "io/fixture_files.hpp"
#include "io/format.hpp"
#include "io/span_formats.hpp"

namespace {

using ojson = nlohmann::ordered_json;

// Words of every kind the writers escape or count: multi-byte, astral (two UTF-16 units), quotes,
// backslashes, tabs, a control character, and long ones that push a line past 120 columns.
const char* const kWords[] = {"Angela",
                              "Zürich",
                              "東京都",
                              "😀emoji",
                              "Ελλάδα",
                              "a\"quoted\"b",
                              "back\\slash",
                              "tab\there",
                              "ctl\x01x",
                              "Renaissance",
                              "Oberbürgermeisterin",
                              "x",
                              "Donaudampfschifffahrtsgesellschaftskapitän",
                              "N.Y.",
                              "(paren)",
                              "--"};

struct Gen {
    std::string text;
    size_t cps = 0;  // code points in text
    ojson entities = ojson::array();
    ojson relations = ojson::array();
};

size_t cp_count(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The k-th entity over [start, end), quoting `text`; the fields vary with k.
ojson entity(size_t k, size_t start, size_t end, const std::string& text) {
    static const char* const labels[] = {"PER", "ORG", "LOC", "MISC"};
    ojson e = {
        {"id", "e" + std::to_string(k + 1)}, {"start", start}, {"end", end}, {"label", labels[k % 4]}, {"text", text}};
    if (k % 7 == 0) e["note"] = std::string(k % 90, 'n') + (k % 2 ? " \"ü\"\n" : "");
    if (k % 11 == 0)
        e["kb_id"] = k % 3 == 0   ? "Q" + std::to_string(k)
                     : k % 3 == 1 ? "https://ex.org/" + std::to_string(k)
                                  : "local-" + std::to_string(k);
    if (k % 5 == 0) {
        e["annotator"] = k % 10 ? "ana" : "björn";
        e["created"] = "2026-11-30T09:15:02Z";
    }
    return e;
}

Gen generate(size_t n_entities) {
    Gen g;
    size_t w = 0;
    for (size_t k = 0; k < n_entities; ++k) {
        // a word or two of plain text, then the entity's words (one to three)
        for (size_t pad = 0; pad < 1 + k % 2; ++pad, ++w) {
            const std::string word = kWords[(w * 7) % std::size(kWords)];
            g.text += word + (w % 17 == 0 ? "\n" : " ");
            g.cps += cp_count(word) + 1;
        }
        const size_t start = g.cps, start_byte = g.text.size();
        const size_t words = 1 + k % 3;
        for (size_t i = 0; i < words; ++i, ++w) {
            const std::string word = kWords[(w * 5 + k) % std::size(kWords)];
            g.text += word;
            g.cps += cp_count(word);
            if (i + 1 < words) {
                g.text += ' ';
                ++g.cps;
            }
        }
        // every ninth entity ends inside a word (off the token boundaries: Prodigy has no token_end)
        const size_t end = k % 9 == 4 && g.cps - start > 1 ? g.cps - 1 : g.cps;
        size_t end_byte = g.text.size();
        if (end < g.cps) do
                --end_byte;
            while ((static_cast<unsigned char>(g.text[end_byte]) & 0xC0) == 0x80);
        g.entities.push_back(entity(k, start, end, g.text.substr(start_byte, end_byte - start_byte)));
        g.text += k % 13 == 0 ? "." : " ";
        ++g.cps;
        if (k % 13 == 12) {
            ojson r = {{"id", "r" + std::to_string(g.relations.size() + 1)},
                       {"type", k % 2 ? "met_with" : "leader_of"},
                       {"from", "e" + std::to_string(k - 1)},
                       {"to", "e" + std::to_string(k + 1)}};
            if (k % 26 == 12) r["note"] = "seen together";
            if (k % 39 == 12) {
                r["annotator"] = "ana";
                r["created"] = "2026-11-30T09:17:11Z";
            }
            g.relations.push_back(std::move(r));
        }
    }
    return g;
}

aa::Document big_document() {
    Gen g = generate(1200);
    ojson labels = ojson::array();
    for (const char* l : {"PER", "ORG", "LOC", "MISC"}) labels.push_back({{"name", l}, {"color", "#aa9cfc"}});
    ojson native = {
        {"format", "article-annotator"},
        {"version", 2},
        {"offsets", "codepoint"},
        {"title", "A generated \"article\""},
        {"source", "https://example.org/a"},
        {"text", g.text},
        {"labels", labels},
        {"relation_types",
         {{{"name", "leader_of"}, {"color", "#cc3333"}},
          {{"name", "met_with"}, {"color", "#3366cc"}, {"symmetric", true}}}},
        {"doc_label_types", {{{"name", "politics"}, {"color", "#eeee88"}}, {{"name", "europe"}, {"color", "#88eeee"}}}},
        {"doc_label_choice", "multi"},
        {"entities", g.entities},
        {"relations", g.relations},
        {"doc_labels", {"politics", "europe"}}};
    aa::io::ReadResult r = aa::io::read("native", native.dump());
    if (!r.ok() || r.documents.size() != 1) {
        FAIL_CHECK(r.first_error());
        return aa::Document{};
    }
    return std::move(r.documents[0]);
}

uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

struct Case {
    const char* format;
    bool pretty;
    aa::OffsetUnit unit;
    uint64_t hash;  // of the output the tree writers wrote (main at 6b08681)
};

// The output laid out as the tree writers lay out their tree: pretty (width 120) or compact, one
// JSON Lines value per line for Prodigy.
std::string relaid(const std::string& format, const std::string& out, bool pretty) {
    if (format != "prodigy") {
        const ojson tree = ojson::parse(out);
        return pretty ? aa::io::spans::pretty(tree) : tree.dump() + "\n";
    }
    std::string all;
    for (const std::string& line : aa::test::lines_of(out)) {
        const ojson tree = ojson::parse(line);
        all += (pretty ? aa::io::spans::inline_json(tree) : tree.dump()) + "\n";
    }
    return all;
}

}  // namespace

TEST_CASE("the big writers write, at 1,200 entities of every kind, the bytes the tree writers wrote") {
    const aa::Document doc = big_document();
    AA_REQUIRE(doc.entities().size() == 1200);
    const Case cases[] = {
        {"label-studio", true, aa::OffsetUnit::CodePoint, 13763124934138256052ull},
        {"label-studio", false, aa::OffsetUnit::Utf16, 2551814684385072839ull},
        {"prodigy", true, aa::OffsetUnit::CodePoint, 14331521419916151949ull},
        {"prodigy", false, aa::OffsetUnit::Utf16, 903790784929309817ull},
        {"w3c", true, aa::OffsetUnit::CodePoint, 6315661965277328745ull},
        {"w3c", false, aa::OffsetUnit::Utf8, 2751809067266080839ull},
    };
    for (const Case& c : cases) {
        CAPTURE(c.format);
        CAPTURE(c.pretty);
        CAPTURE(static_cast<int>(c.unit));
        aa::io::WriteOptions wo;
        wo.pretty = c.pretty;
        wo.offsets = c.unit;
        const aa::io::WriteResult w = aa::io::write(c.format, doc, wo);
        AA_REQUIRE(w.ok());
        CHECK(fnv1a(w.output) == c.hash);
        CHECK(w.output == relaid(c.format, w.output, c.pretty));
        if (c.unit != aa::OffsetUnit::CodePoint) continue;
        aa::io::ReadOptions ro;
        ro.text = &doc.text();
        aa::io::ReadResult back = aa::io::read(c.format, w.output, ro);
        AA_REQUIRE(back.ok());
        AA_REQUIRE(back.documents.size() == 1);
        CHECK(back.documents[0].entities().size() == doc.entities().size());
        CHECK(aa::io::write(c.format, back.documents[0], wo).output == w.output);
    }
}
