// A deterministic generator of English-like news text with non-overlapping, labelled entities,
// for the benchmarks. scripts/bench-browser.mjs holds a line-for-line JavaScript port (same
// word lists, same xorshift32 stream): keep the two in step.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/document.hpp"

namespace aa::bench {

struct GeneratedSpan {
    size_t start = 0, end = 0;  // code points
    const char* label = "";
};

struct GeneratedArticle {
    std::string text;  // valid UTF-8, at least the asked size in bytes
    size_t code_points = 0;
    std::vector<GeneratedSpan> entities;  // exactly the asked count, in document order, disjoint
};

// Sentences of 8-25 words in paragraphs of 3-7 sentences, with some non-ASCII words and names;
// entities (names of people, organisations, places, events) placed about every bytes/entities
// bytes. The same (bytes, entities, seed) always gives the same article.
GeneratedArticle generate_article(size_t bytes, size_t entities, uint32_t seed = 2463534242u);

// The article as a Document with the default (CoNLL-2003) labels and ids e1, e2, ...
Document to_document(const GeneratedArticle& article);

}  // namespace aa::bench
