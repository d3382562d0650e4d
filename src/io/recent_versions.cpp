// Recent versions (recent_versions.hpp): the list, what a new entry pushes out, the index read back.
#include "io/recent_versions.hpp"

namespace aa::io {

std::vector<VersionEntry> RecentVersions::add(uint64_t serial, std::string when, std::string title, size_t entities,
                                              std::string text_key, bool saved) {
    VersionEntry v;
    v.key = "version-" + std::to_string(serial) + "-" + when;
    v.when = std::move(when);
    v.title = std::move(title);
    v.entities = entities;
    v.text = std::move(text_key);
    v.saved = saved;
    list_.push_back(std::move(v));
    std::vector<VersionEntry> gone;
    if (list_.size() > kMax) {
        const auto cut = list_.begin() + static_cast<std::ptrdiff_t>(list_.size() - kMax);
        gone.assign(list_.begin(), cut);
        list_.erase(list_.begin(), cut);
    }
    return gone;
}

const VersionEntry* RecentVersions::find(std::string_view key) const {
    for (const VersionEntry& v : list_)
        if (v.key == key) return &v;
    return nullptr;
}

bool RecentVersions::uses_text(std::string_view text_key) const {
    for (const VersionEntry& v : list_)
        if (v.text == text_key) return true;
    return false;
}

void RecentVersions::read_index(bool found, std::string_view json) {
    list_.clear();
    if (!found) return;
    StateRead<VersionIndex> index = read_version_index(json);
    if (index.ok()) list_ = std::move(*index.value);
}

}  // namespace aa::io
