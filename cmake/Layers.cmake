# One include root per layer, so that the compiler enforces the layering: a layer's root holds a
# link to its own source folder and to those of the layers below it, and nothing else.
#   core      core/
#   io        core/ io/
#   ui        core/ io/ ui/
#   platform  core/ io/ ui/ platform/
# aa_core compiles seeing only core/, so `#include "io/format.hpp"` in core fails to compile; a
# target sees the root of its own layer (tests: the layer they test). Third-party headers are
# granted the same way, by linking their targets: nlohmann_json to aa_io only, imgui to aa_ui.
# scripts/check_layers.sh checks the same rules on the sources (ctest: layers).
set(AA_LAYERS_DIR ${CMAKE_BINARY_DIR}/layers)
set(AA_LAYER_ORDER core io ui platform)

foreach(layer ${AA_LAYER_ORDER})
  foreach(below ${AA_LAYER_ORDER})
    set(link ${AA_LAYERS_DIR}/${layer}/${below})
    if(NOT EXISTS ${link})
      file(MAKE_DIRECTORY ${AA_LAYERS_DIR}/${layer})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${below} ${link} SYMBOLIC)
    endif()
    if(below STREQUAL layer)
      break()
    endif()
  endforeach()
endforeach()

# aa_layer_includes(target layer [PUBLIC|PRIVATE]): the target compiles against `layer`'s root.
function(aa_layer_includes target layer)
  set(scope PUBLIC)
  if(ARGC GREATER 2)
    set(scope ${ARGV2})
  endif()
  if(NOT layer IN_LIST AA_LAYER_ORDER)
    message(FATAL_ERROR "aa_layer_includes: unknown layer ${layer} (known: ${AA_LAYER_ORDER})")
  endif()
  target_include_directories(${target} ${scope} ${AA_LAYERS_DIR}/${layer})
endfunction()
