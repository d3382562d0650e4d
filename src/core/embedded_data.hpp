// Data files built into the program (cmake/Embed.cmake): the name suggester's word lists from
// data/suggest, so that no word list lives in code and none is fetched at run time.
#pragma once
#include <string_view>
#include <vector>

namespace aa {

struct EmbeddedFile {
    std::string_view name;   // file name in data/suggest, e.g. "en.txt"
    std::string_view bytes;  // its content
};

// Every file of data/suggest, sorted by name.
const std::vector<EmbeddedFile>& suggest_data_files();

}  // namespace aa
