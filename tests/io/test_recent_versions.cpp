// Tests for src/io/recent_versions: the list of recent versions (at most 20, oldest pushed out),
// their storage keys, the texts they still use, and the index read back from storage.
#include <doctest/doctest.h>

#include "io/fixture_files.hpp"
#include "io/recent_versions.hpp"

using namespace aa;
using io::RecentVersions;

TEST_CASE("recent versions: a new one is named by its serial and time; past 20 the oldest are pushed out") {
    RecentVersions v;
    CHECK(v.empty());
    CHECK(v.add(7, "10:42", "Angela Merkel visited...", 3, "text-abc").empty());
    AA_REQUIRE(v.all().size() == 1);
    CHECK(v.all()[0] == io::VersionEntry{"version-7-10:42", "10:42", "Angela Merkel visited...", 3, "text-abc"});
    for (uint64_t i = 8; i < 7 + RecentVersions::kMax; ++i) CHECK(v.add(i, "10:43", "", 0, "").empty());
    CHECK(v.all().size() == RecentVersions::kMax);
    const auto gone = v.add(100, "11:00", "", 0, "text-new");
    AA_REQUIRE(gone.size() == 1);
    CHECK(gone[0].key == "version-7-10:42");
    CHECK(v.all().size() == RecentVersions::kMax);
    CHECK(v.all().back().key == "version-100-11:00");
    CHECK(v.find("version-7-10:42") == nullptr);
    AA_REQUIRE(v.find("version-100-11:00") != nullptr);
    CHECK(v.find("version-100-11:00")->text == "text-new");
    CHECK(v.uses_text("text-new"));
    CHECK_FALSE(v.uses_text("text-abc"));  // its only version is gone: the text may be deleted
}

TEST_CASE("recent versions: the stored index is read back; an unreadable or absent one means none") {
    RecentVersions v;
    v.add(1, "09:00", "a", 1, "");
    v.add(2, "09:05", "b", 2, "text-b");
    RecentVersions back;
    back.read_index(true, v.index_json());
    CHECK(back.all() == v.all());
    back.read_index(true, "{\"not\": \"an array\"}");
    CHECK(back.empty());
    back.read_index(true, v.index_json());
    back.read_index(false, "");
    CHECK(back.empty());
}
