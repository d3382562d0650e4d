// Dear ImGui's OpenGL3 backend as the page compiles it (imgui_gl_backend.cpp): what the page adds to it.
// The backend compiles and links its shader program in ImGui_ImplOpenGL3_CreateDeviceObjects and asks
// at once for each shader's and the program's status and for the program's locations; in Chromium
// each of those is a synchronous round trip that waits until the GPU process has compiled and linked
// (issue 11: ~28% of the page's prepare() in profiles). The page's build answers them without asking,
// so the compile and link run in the GPU process while start-up goes on, and asks GL once, before the
// first draw.
#pragma once

struct ImDrawData;

namespace aa::web {

// ImGui_ImplOpenGL3_RenderDrawData, after asking GL, the first time, for what CreateDeviceObjects left
// unasked: the shaders' compile and the program's link status (a failure is written to stderr with
// the log, as the backend does) and the program's uniform and attribute locations.
void gl_backend_render(ImDrawData* draw_data);

// After a lost WebGL context is restored: the backend's device objects (program, buffers, the kept
// vertex array, the font texture) made again in the new context. The old names are forgotten, not
// deleted: they belong to the lost context (a delete would be WebGL's INVALID_OPERATION).
void gl_backend_context_restored();

}  // namespace aa::web
