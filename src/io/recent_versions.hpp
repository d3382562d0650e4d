// Recent versions: earlier saved states kept in the browser's storage to restore (File > Recent
// versions), at most kMax, oldest first, under their own keys and named by the index under
// "versions" (page_state.hpp). Which entries a new one pushes out, and which texts they still use;
// ui/autosave.cpp writes and deletes what this list decides.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/page_state.hpp"

namespace aa::io {

class RecentVersions {
public:
    static constexpr size_t kMax = 20;
    static constexpr const char* kIndexKey = "versions";

    const VersionIndex& all() const { return list_; }
    bool empty() const { return list_.empty(); }

    // A new version, newest last (its storage key from `serial`, unique in the page, and `when`);
    // `saved`: a copy of the stored autosave under saved_prefix(key) rather than a session under key.
    // Returns the entries it pushes out of the list, oldest first.
    std::vector<VersionEntry> add(uint64_t serial, std::string when, std::string title, size_t entities,
                                  std::string text_key, bool saved = false);
    // Where a `saved` version's copy of the autosave's keys lives: key + "/" + the autosave's key.
    static std::string saved_prefix(std::string_view key) { return std::string(key) + "/"; }
    const VersionEntry* find(std::string_view key) const;
    bool uses_text(std::string_view text_key) const;  // a version is a snapshot of that text
    // The stored index (`found`: storage had one); unreadable or absent: no versions.
    void read_index(bool found, std::string_view json);
    std::string index_json() const { return write_version_index(list_); }

private:
    VersionIndex list_;
};

}  // namespace aa::io
