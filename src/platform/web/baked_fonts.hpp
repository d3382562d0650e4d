// The page's font atlases baked by the build (bake_fonts.cpp writes their definition), one blob per
// pixel ratio at 100% zoom; main.cpp hands them to ui::set_baked_font_atlases.
#pragma once

#include <span>
#include <vector>

namespace aa::web {

std::vector<std::span<const unsigned char>> baked_font_atlases();

}  // namespace aa::web
