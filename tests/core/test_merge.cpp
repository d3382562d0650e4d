// Tests for src/core/merge: the three-way merge of one annotator's entities edited on two devices,
// field by field from the common revision; every kind of conflict is reported with its message.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/merge.hpp"

using namespace aa;

namespace {

Entity E(std::string id, size_t s, size_t e, std::string label, std::string note = {}) {
    Entity x;
    x.id = std::move(id);
    x.start = s;
    x.end = e;
    x.label = std::move(label);
    x.note = std::move(note);
    return x;
}

std::vector<std::string> messages(const EntityMerge& m) {
    std::vector<std::string> out;
    for (const auto& c : m.conflicts) out.push_back(c.message);
    return out;
}

}  // namespace

TEST_CASE("each side's change to a different entity is kept") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER"), E("e2", 10, 15, "ORG")};
    const std::vector<Entity> ours{E("e1", 0, 5, "LOC"), E("e2", 10, 15, "ORG")};
    const std::vector<Entity> theirs{E("e1", 0, 5, "PER"), E("e2", 10, 16, "ORG")};
    EntityMerge m = merge_entities(base, ours, theirs);
    CHECK(m.clean());
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "LOC"), E("e2", 10, 16, "ORG")});
}

TEST_CASE("different fields of one entity merge field by field") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    const std::vector<Entity> ours{E("e1", 0, 5, "LOC")};
    const std::vector<Entity> theirs{E("e1", 0, 6, "PER", "check the name")};
    EntityMerge m = merge_entities(base, ours, theirs);
    CHECK(m.clean());
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 6, "LOC", "check the name")});
}

TEST_CASE("additions from both sides are all kept; the same annotation made twice is kept once") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    // Both devices numbered their new entity e2: different spans, so both stay (theirs renamed).
    const std::vector<Entity> ours{E("e1", 0, 5, "PER"), E("e2", 20, 25, "LOC"), E("e3", 30, 35, "ORG")};
    const std::vector<Entity> theirs{E("e1", 0, 5, "PER"), E("e2", 40, 45, "MISC"), E("e4", 30, 35, "ORG")};
    EntityMerge m = merge_entities(base, ours, theirs);
    CHECK(m.clean());
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "PER"), E("e2", 20, 25, "LOC"), E("e3", 30, 35, "ORG"),
                                            E("e5", 40, 45, "MISC")});
}

TEST_CASE("a deletion on one side and no change on the other deletes") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER"), E("e2", 10, 15, "ORG")};
    EntityMerge m = merge_entities(base, {E("e2", 10, 15, "ORG")}, base);
    CHECK(m.clean());
    CHECK(m.entities == std::vector<Entity>{E("e2", 10, 15, "ORG")});
    EntityMerge n = merge_entities(base, base, {E("e1", 0, 5, "PER")});
    CHECK(n.clean());
    CHECK(n.entities == std::vector<Entity>{E("e1", 0, 5, "PER")});
}

TEST_CASE("the same field changed differently on both sides is a conflict, our value kept meanwhile") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    EntityMerge m = merge_entities(base, {E("e1", 0, 5, "ORG")}, {E("e1", 0, 5, "LOC")});
    CHECK(messages(m) ==
          std::vector<std::string>{"e1: label changed on both sides (base \"PER\", ours \"ORG\", theirs \"LOC\")"});
    CHECK(m.conflicts[0].entity == "e1");
    CHECK(m.conflicts[0].field == "label");
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "ORG")});

    EntityMerge s = merge_entities(base, {E("e1", 0, 6, "PER")}, {E("e1", 1, 5, "PER")});
    CHECK(messages(s) ==
          std::vector<std::string>{"e1: span changed on both sides (base [0, 5), ours [0, 6), theirs [1, 5))"});
}

TEST_CASE("the same change on both sides is no conflict") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    EntityMerge m = merge_entities(base, {E("e1", 0, 5, "ORG")}, {E("e1", 0, 5, "ORG")});
    CHECK(m.clean());
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "ORG")});
}

TEST_CASE("deleted on one side and changed on the other is a conflict that keeps the changed entity") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    EntityMerge m = merge_entities(base, {E("e1", 0, 5, "ORG")}, {});
    CHECK(messages(m) == std::vector<std::string>{"e1: deleted on one side (theirs) and changed on the other (ours)"});
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "ORG")});
    EntityMerge n = merge_entities(base, {}, {E("e1", 0, 5, "LOC")});
    CHECK(messages(n) == std::vector<std::string>{"e1: deleted on one side (ours) and changed on the other (theirs)"});
    CHECK(n.entities == std::vector<Entity>{E("e1", 0, 5, "LOC")});
}

TEST_CASE("two entities ending on one span and label with different details are a conflict") {
    const std::vector<Entity> base{E("e1", 0, 5, "PER")};
    // Ours relabels e1 to LOC; theirs adds a LOC with a note on the same span.
    EntityMerge m = merge_entities(base, {E("e1", 0, 5, "LOC")}, {E("e1", 0, 5, "PER"), E("e2", 0, 5, "LOC", "x")});
    CHECK(messages(m) ==
          std::vector<std::string>{"e2: same span [0, 5) and label \"LOC\" as e1 with different details"});
    CHECK(m.entities == std::vector<Entity>{E("e1", 0, 5, "LOC")});
}

TEST_CASE("a document field merges three ways") {
    std::vector<MergeConflict> c;
    CHECK(merge_field("note", "a", "a", "b", c) == "b");
    CHECK(merge_field("note", "a", "c", "a", c) == "c");
    CHECK(merge_field("note", "a", "d", "d", c) == "d");
    CHECK(c.empty());
    CHECK(merge_field("status", "todo", "done", "in-progress", c) == "done");
    REQUIRE(c.size() == 1);
    CHECK(c[0].message == "status changed on both sides (base \"todo\", ours \"done\", theirs \"in-progress\")");
    CHECK(c[0].entity.empty());
}
