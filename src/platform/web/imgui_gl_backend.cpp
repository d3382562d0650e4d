// Dear ImGui's OpenGL3 backend (third_party, unmodified) compiled for the page, with its reads of GL
// state (glGetIntegerv, glIsEnabled) answered by the page's record (gl_state.hpp) instead of the GPU
// process: the backend saves and restores the state around every frame it draws, and each read was a
// synchronous round trip (issue 11, docs/performance.md "where start-up goes").
#include <GLES3/gl3.h>

#include "platform/web/gl_state.hpp"

#define glGetIntegerv aa::web::gl_state_get_integerv
#define glIsEnabled aa::web::gl_state_is_enabled
#include "imgui_impl_opengl3.cpp"  // NOLINT(bugprone-suspicious-include): the backend's source, as is
