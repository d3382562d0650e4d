// The GL state the page keeps between frames, answered without asking the GPU (issue 11). Dear ImGui's
// OpenGL3 backend reads back 14 values and 5 switches (glGetIntegerv, glIsEnabled) before every frame it
// draws, to restore them after; in Chromium each uncached read is a synchronous round trip to the GPU
// process, behind all the work queued before it. The page owns its context and nothing else draws in it,
// so the backend (imgui_gl_backend.cpp) reads this record instead, and restores what it says.
#pragma once
#include <GLES3/gl3.h>

namespace aa::web {

// glGetIntegerv for the backend: the recorded value of the state it saves; any other name is asked of GL.
void gl_state_get_integerv(GLenum name, GLint* out);
// glIsEnabled for the backend: the switches it saves are off between frames; others are asked of GL.
GLboolean gl_state_is_enabled(GLenum cap);
// glViewport for the page's own drawing (main.cpp's clear before ImGui's draw), recorded.
void gl_state_viewport(GLint x, GLint y, GLsizei width, GLsizei height);

// Whether the browser has taken the WebGL context away (pre.js's webglcontextlost listener, through
// PageHost): while it is lost, nothing that holds GL names makes a GL call (main.cpp draws no frame,
// the canvas text engine rasterises and uploads no run), the UI frames go on.
bool gl_context_lost();
void gl_state_context_lost();
// The context is back, in its initial state (WebGL's restored context keeps none of the old one's
// state or objects): the record is that state again, a w x h viewport (the canvas's backing store).
void gl_state_context_restored(GLsizei width, GLsizei height);

}  // namespace aa::web
