// Agreement between two annotators of the same text: the differences between their entities,
// per-label precision/recall/F1 of B against A (exact span and label), token-level Cohen's kappa,
// and the curated entity list built by choosing one side per difference.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"

namespace aa {

enum class DiffKind {
    MissingInB,       // an entity of A that B has nothing like
    ExtraInB,         // an entity of B that A has nothing like
    OtherLabel,       // the same span, another label
    OtherBoundaries,  // overlapping spans with different extents (the labels may differ too)
};
const char* diff_kind_name(DiffKind kind);  // "missing in B", "extra in B", "other label", "other boundaries"

struct Difference {
    DiffKind kind = DiffKind::MissingInB;
    std::optional<Entity> a;  // absent for ExtraInB
    std::optional<Entity> b;  // absent for MissingInB
    size_t start() const;     // the smaller start of the two
    size_t end() const;       // the larger end
};

// Counts and scores of B against A for one label (or all, micro-averaged). A score whose
// denominator is 0 is 1 when the other count is 0 too (nothing to find and nothing found), else 0.
struct LabelScore {
    std::string label;                       // "" for the micro average
    size_t in_a = 0, in_b = 0, matched = 0;  // matched: same start, end and label in both
    double precision = 1, recall = 1, f1 = 1;
};

// Token-level Cohen's kappa over aa::tokenize's tokens. Each token takes, in each document, the
// label of the first entity in document order (the outermost) that overlaps it, or "O". The
// categories are every label seen plus "O". With expected agreement 1 (both documents give every
// token the same single category, or there are no tokens) kappa is defined as 1.
struct KappaCategory {
    std::string label;          // "" for O
    size_t in_a = 0, in_b = 0;  // tokens given this category by A, by B
};
struct Kappa {
    size_t tokens = 0, agreeing = 0;
    double observed = 1, expected = 1, kappa = 1;
    std::vector<KappaCategory> categories;  // in order of first use (what a corpus total sums)
};

struct Agreement {
    std::vector<LabelScore> labels;  // the labels used by an entity of A or B: A's label order, then B's, then by name
    LabelScore micro;
    // Relations, scored as entities are, per relation type (LabelScore::label is the type): a relation
    // of B matches one of A with the same source span, target span and type (the spans by start and end,
    // whatever their entities' labels; either direction for a type symmetric in A or B). Types in A's
    // order, then B's, then by name; empty when neither document has a relation.
    std::vector<LabelScore> relations;
    LabelScore relations_micro;
    Kappa kappa;
    std::vector<Entity> agreed;           // A's entities that B has too (same span and label), in document order
    std::vector<Difference> differences;  // by start(), then end() descending
};

// Compares B against A. Pairing: exact matches first, then same span with another label, then the
// remaining overlaps (an entity pairs at most once; among several overlaps the same label wins, then the
// larger overlap, then the earlier one); what is left is missing or extra. O((n + t) log n) for n
// entities and t tokens. Error when the texts differ: "the texts differ at code point N" (the first
// differing code point; the shorter length when one text starts the other).
Result<Agreement> compare_documents(const Document& a, const Document& b);

// Who annotated (Entity::annotator): the names on a document's entities and relations, in order of
// first use in document order (entities, then relations); "" is not listed.
std::vector<std::string> annotators_of(const Document& d);
// A copy of `d` holding only what `annotator` made: its entities, and the relations it made between
// two of them. Compare scores one annotator against another within one file with two such copies.
Document only_annotator(const Document& d, std::string_view annotator);

// Agreement over a corpus: the documents' Agreements pooled, not averaged. Each label's (and
// relation type's) counts are summed over the documents and scored once; kappa is computed once over
// every token of every document from the categories' summed counts. Labels in order of first use.
struct CorpusAgreement {
    size_t documents = 0;
    std::vector<LabelScore> labels;
    LabelScore micro;
    std::vector<LabelScore> relations;
    LabelScore relations_micro;
    Kappa kappa;
};
void add_document(CorpusAgreement& total, const Agreement& one);

enum class Side { A, B, Neither };

// The curated entities: the agreed ones plus, for each difference, the entity of the chosen side
// (none when that side has none, or for Neither). Notes, kb ids and attributes come with the chosen
// entity; ids are renumbered "e1", "e2", ... in document order. Error when the number of choices is
// not the number of differences.
Result<std::vector<Entity>> curate(const Agreement& agreement, const std::vector<Side>& choices);

}  // namespace aa
