# Third-party dependencies, all obtained by scripts/deps.sh (Debian packages and Debian's
# Dear ImGui source package, pinned and checksummed). Nothing third-party is committed.
#
# em++ must not search /usr/include (it would pick up the host's libc headers), so nlohmann_json
# and doctest get an include directory of their own made of symlinks to their Debian headers.
set(AA_SYSDEPS_INCLUDE ${CMAKE_BINARY_DIR}/sysdeps/include)
file(MAKE_DIRECTORY ${AA_SYSDEPS_INCLUDE})
foreach(dep nlohmann doctest)
  if(NOT EXISTS /usr/include/${dep})
    message(FATAL_ERROR "/usr/include/${dep} is missing: run scripts/deps.sh")
  endif()
  if(NOT EXISTS ${AA_SYSDEPS_INCLUDE}/${dep})
    file(CREATE_LINK /usr/include/${dep} ${AA_SYSDEPS_INCLUDE}/${dep} SYMBOLIC)
  endif()
endforeach()

add_library(aa_nlohmann_json INTERFACE)
target_include_directories(aa_nlohmann_json SYSTEM INTERFACE ${AA_SYSDEPS_INCLUDE})

add_library(aa_doctest INTERFACE)
target_include_directories(aa_doctest SYSTEM INTERFACE ${AA_SYSDEPS_INCLUDE})

set(AA_IMGUI_DIR ${CMAKE_CURRENT_SOURCE_DIR}/third_party/imgui CACHE PATH "Dear ImGui 1.90.1 sources")
if(AA_BUILD_UI)
  if(NOT EXISTS ${AA_IMGUI_DIR}/imgui.cpp)
    message(FATAL_ERROR "Dear ImGui sources not found in ${AA_IMGUI_DIR}: run scripts/deps.sh")
  endif()
  add_library(imgui STATIC
    ${AA_IMGUI_DIR}/imgui.cpp
    ${AA_IMGUI_DIR}/imgui_draw.cpp
    ${AA_IMGUI_DIR}/imgui_tables.cpp
    ${AA_IMGUI_DIR}/imgui_widgets.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${AA_IMGUI_DIR})
  # 32-bit ImWchar: code points outside the BMP (emoji) decode as themselves, so the layout
  # measures the same advance that ImGui renders.
  target_compile_definitions(imgui PUBLIC IMGUI_USE_WCHAR32 IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS)
  if(EMSCRIPTEN)
    add_library(imgui_backend STATIC
      ${AA_IMGUI_DIR}/backends/imgui_impl_glfw.cpp
      ${AA_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
    target_include_directories(imgui_backend SYSTEM PUBLIC ${AA_IMGUI_DIR}/backends)
    target_compile_definitions(imgui_backend PUBLIC IMGUI_IMPL_OPENGL_ES3)
    target_compile_options(imgui_backend PUBLIC -sUSE_GLFW=3)
    target_link_libraries(imgui_backend PUBLIC imgui)
  endif()
endif()
