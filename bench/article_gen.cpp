// The benchmark article generator (see article_gen.hpp). Entities are whole words, so every
// token-based format (CoNLL, Prodigy) can hold them.
#include "bench/article_gen.hpp"

#include <array>

namespace aa::bench {
namespace {

constexpr std::array kWords = {
    "the",        "of",        "and",       "to",          "in",
    "a",          "said",      "on",        "for",         "that",
    "with",       "was",       "as",        "by",          "at",
    "from",       "his",       "her",       "their",       "government",
    "minister",   "officials", "year",      "people",      "city",
    "country",    "week",      "report",    "president",   "company",
    "market",     "would",     "could",     "after",       "before",
    "during",     "while",     "police",    "talks",       "agreement",
    "election",   "percent",   "million",   "billion",     "new",
    "first",      "last",      "former",    "local",       "international",
    "economic",   "security",  "spokesman", "statement",   "meeting",
    "announced",  "expected",  "increase",  "decline",     "support",
    "opposition", "leaders",   "council",   "court",       "decision",
    "investment", "café",      "rôle",      "naïve",       "déjà",
    "vu",         "über",      "façade",    "coöperation", "—",
    "2024",       "15",        "3.5",       "1,200",
};

struct NamePool {
    const char* label;
    std::array<const char*, 12> names;
};

constexpr std::array kNames = {
    NamePool{"PER",
             {"Angela Merkel", "José Martí", "François Hollande", "Li Wei", "Sean O’Brien", "Amina Diallo",
              "Olaf Scholz", "Zoë Müller", "Raúl Castro", "Kim Jong-un", "Ngozi Okonjo-Iweala", "Anna Kowalska"}},
    NamePool{"ORG",
             {"United Nations", "European Commission", "Siemens", "Reuters", "Société Générale", "NATO", "World Bank",
              "Toyota", "Bundesbank", "Médecins Sans Frontières", "Red Cross", "IMF"}},
    NamePool{"LOC",
             {"Paris", "Zürich", "São Paulo", "New York", "Berlin", "Kraków", "Lagos", "Tokyo", "Québec", "Nairobi",
              "Reykjavík", "Buenos Aires"}},
    NamePool{"MISC",
             {"Olympics", "Brexit", "Euro", "Nobel Prize", "Ramadan", "Tour de France", "G20", "COP28", "Mardi Gras",
              "Eurovision", "Christmas", "Bundesliga"}},
};

struct Rng {
    uint32_t x;
    uint32_t next() {  // xorshift32
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }
    uint32_t below(size_t n) { return next() % static_cast<uint32_t>(n); }
};

size_t count_cp(const char* s) {
    size_t n = 0;
    for (; *s; ++s)
        if ((static_cast<unsigned char>(*s) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

GeneratedArticle generate_article(size_t bytes, size_t entities, uint32_t seed) {
    GeneratedArticle a;
    a.text.reserve(bytes + 64);
    a.entities.reserve(entities);
    Rng rng{seed ? seed : 1};
    const double gap = entities ? static_cast<double>(bytes) / static_cast<double>(entities) : 0;
    double next_entity = gap / 2;
    size_t words_left = 0, sentences_left = 0;
    bool sentence_start = true, paragraph_start = true;

    auto append = [&](const char* s) {
        a.text += s;
        a.code_points += count_cp(s);
    };
    while (a.text.size() < bytes || a.entities.size() < entities) {
        if (words_left == 0) {
            words_left = 8 + rng.below(18);
            if (sentences_left == 0) sentences_left = 3 + rng.below(5);
        }
        if (!paragraph_start) append(" ");
        paragraph_start = false;
        if (a.entities.size() < entities && static_cast<double>(a.text.size()) >= next_entity) {
            const NamePool& pool = kNames[rng.below(kNames.size())];
            const char* name = pool.names[rng.below(pool.names.size())];
            const size_t start = a.code_points;
            append(name);
            a.entities.push_back({start, a.code_points, pool.label});
            next_entity += gap;
        } else {
            const char* w = kWords[rng.below(kWords.size())];
            if (sentence_start && w[0] >= 'a' && w[0] <= 'z') {
                const char cap[2] = {static_cast<char>(w[0] - 'a' + 'A'), 0};
                append(cap);
                append(w + 1);
            } else {
                append(w);
            }
        }
        sentence_start = false;
        if (--words_left == 0) {
            append(".");
            sentence_start = true;
            if (--sentences_left == 0) {
                append("\n\n");
                paragraph_start = true;
            }
        } else if (rng.below(12) == 0) {
            append(",");
        }
    }
    return a;
}

Document to_document(const GeneratedArticle& article) {
    Result<Text> text = Text::from_utf8(article.text);
    AA_ASSERT(text.ok(), "the generator writes valid UTF-8");
    Document doc(std::move(*text));
    size_t n = 0;
    for (const GeneratedSpan& s : article.entities) {
        Entity e;
        e.id = "e" + std::to_string(++n);
        e.start = s.start;
        e.end = s.end;
        e.label = s.label;
        Result<Slot> r = doc.insert_entity(std::move(e));
        AA_ASSERT(r.ok(), "generated entities are valid and distinct");
        (void)r;
    }
    return doc;
}

}  // namespace aa::bench
