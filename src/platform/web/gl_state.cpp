// The page's record of the GL state between frames (gl_state.hpp). Between frames the state is GL's
// initial one but for the viewport: ImGui's backend restores after each frame what it read before (the
// values below), the canvas text engine binds back the texture this record names (none), and main.cpp
// sets the viewport through gl_state_viewport before it clears. So these answers are the true state,
// read from memory.
#include "platform/web/gl_state.hpp"

#include <algorithm>

namespace aa::web {
namespace {

GLint g_viewport[4] = {0, 0, 0, 0};
bool g_lost = false;

}  // namespace

void gl_state_get_integerv(GLenum name, GLint* out) {
    switch (name) {
        case GL_ACTIVE_TEXTURE: *out = GL_TEXTURE0; return;
        // No program, texture, sampler, buffer or vertex array stays bound between frames.
        case GL_CURRENT_PROGRAM:
        case GL_TEXTURE_BINDING_2D:
        case GL_SAMPLER_BINDING:
        case GL_ARRAY_BUFFER_BINDING:
        case GL_VERTEX_ARRAY_BINDING: *out = 0; return;
        case GL_VIEWPORT: std::copy(g_viewport, g_viewport + 4, out); return;
        // The scissor test is off between frames (gl_state_is_enabled): its box is unused.
        case GL_SCISSOR_BOX: std::fill(out, out + 4, 0); return;
        case GL_BLEND_SRC_RGB:
        case GL_BLEND_SRC_ALPHA: *out = GL_ONE; return;
        case GL_BLEND_DST_RGB:
        case GL_BLEND_DST_ALPHA: *out = GL_ZERO; return;
        case GL_BLEND_EQUATION_RGB:
        case GL_BLEND_EQUATION_ALPHA: *out = GL_FUNC_ADD; return;
        default: glGetIntegerv(name, out); return;  // the backend's version and start-up queries
    }
}

GLboolean gl_state_is_enabled(GLenum cap) {
    switch (cap) {
        case GL_BLEND:
        case GL_CULL_FACE:
        case GL_DEPTH_TEST:
        case GL_STENCIL_TEST:
        case GL_SCISSOR_TEST: return GL_FALSE;
        default: return glIsEnabled(cap);
    }
}

void gl_state_viewport(GLint x, GLint y, GLsizei width, GLsizei height) {
    g_viewport[0] = x;
    g_viewport[1] = y;
    g_viewport[2] = width;
    g_viewport[3] = height;
    glViewport(x, y, width, height);
}

bool gl_context_lost() { return g_lost; }

void gl_state_context_lost() { g_lost = true; }

// The values gl_state_get_integerv and gl_state_is_enabled answer are GL's initial ones (but the
// viewport): a restored context starts with them, so only the viewport is recorded again. (main.cpp
// sets it before every draw anyway; recording it here keeps the record true from the restore on.)
void gl_state_context_restored(GLsizei width, GLsizei height) {
    g_lost = false;
    g_viewport[0] = 0;
    g_viewport[1] = 0;
    g_viewport[2] = width;
    g_viewport[3] = height;
}

}  // namespace aa::web
