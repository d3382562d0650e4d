// Dear ImGui's OpenGL3 backend (third_party, unmodified) compiled for the page, with its reads of GL
// state (glGetIntegerv, glIsEnabled) answered by the page's record (gl_state.hpp) instead of the GPU
// process: the backend saves and restores the state around every frame it draws, and each read was a
// synchronous round trip (issue 11, docs/performance.md "where start-up goes"). Its questions about
// the shader program it makes are answered later (imgui_gl_backend.hpp): asked before the first draw.
// Its sscanf of the GLSL version is a small reader of its own (below), not libc's scanf. Its vertex
// array object is made once and kept, not made and deleted in every frame it draws.
#include "platform/web/imgui_gl_backend.hpp"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "platform/web/gl_state.hpp"

namespace aa::web {
namespace {

// What ImGui_ImplOpenGL3_CreateDeviceObjects asked and was not told yet (ask_unasked tells it).
struct Unasked {
    std::vector<GLuint> shaders;  // compiled: their status unasked, their deletion put off until it is
    GLuint program = 0;           // linked: its status and locations unasked
};
Unasked g_unasked;

bool kept_shader(GLuint shader) {
    return std::find(g_unasked.shaders.begin(), g_unasked.shaders.end(), shader) != g_unasked.shaders.end();
}

// The backend's CheckShader: compiled (for now), no log.
void unasked_shaderiv(GLuint shader, GLenum name, GLint* out) {
    if (name == GL_COMPILE_STATUS) {
        if (!kept_shader(shader)) g_unasked.shaders.push_back(shader);
        *out = GL_TRUE;
    } else if (name == GL_INFO_LOG_LENGTH) {
        *out = 0;
    } else {
        glGetShaderiv(shader, name, out);
    }
}

// The backend's CheckProgram: linked (for now), no log.
void unasked_programiv(GLuint program, GLenum name, GLint* out) {
    if (name == GL_LINK_STATUS) {
        g_unasked.program = program;
        *out = GL_TRUE;
    } else if (name == GL_INFO_LOG_LENGTH) {
        *out = 0;
    } else {
        glGetProgramiv(program, name, out);
    }
}

// A shader whose status is unasked is deleted once asked (a deleted shader has no status to ask).
void delete_shader_when_asked(GLuint shader) {
    if (!kept_shader(shader)) glDeleteShader(shader);
}

// The program's locations, asked once the program is linked; -1 (none) until then, never drawn with.
GLint unasked_location(GLuint, const GLchar*) { return -1; }

// The backend's two sscanf calls without libc's scanf, which the page compiled (lazily, on the main
// thread) and ran for the first of them alone in prepare(): ~2.5 ms in profiles (issue 11). They read
// "#version %d" from the GLSL version main.cpp gives ("#version 300 es": which shaders the backend
// writes) and "%d.%d" from GL_VERSION, read only if GL_MAJOR_VERSION answers 0 (never in WebGL 2). A
// space in the format skips any white space, %d reads a decimal integer (white space before it
// skipped), any other character must match; returns the integers read, stopping at the first mismatch.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int scan_ints(const char* s, const char* fmt, int* const* out, int n_out) {
    int read = 0;
    for (; *fmt != '\0'; ++fmt) {
        if (is_space(*fmt)) {
            while (is_space(*s)) ++s;
        } else if (fmt[0] == '%' && fmt[1] == 'd') {
            ++fmt;
            while (is_space(*s)) ++s;
            const bool negative = *s == '-';
            if (*s == '-' || *s == '+') ++s;
            if (!is_digit(*s) || read == n_out) return read;
            int v = 0;
            while (is_digit(*s)) v = v * 10 + (*s++ - '0');
            *out[read++] = negative ? -v : v;
        } else if (*s == *fmt) {
            ++s;
        } else {
            return read;
        }
    }
    return read;
}

// The backend makes a vertex array object at the start of every frame it draws and deletes it at the
// end: two WebGL calls and a WebGL object per frame (createVertexArray ~50 us per drawn frame in
// profiles of idle frames, issue 11). It gets the same one every time instead, made on first use:
// its SetupRenderState binds it and sets its buffers and attribute pointers in every frame anyway,
// and the backend unbinds it after the frame (gl_state.cpp: no vertex array stays bound).
GLuint g_vertex_array = 0;

void kept_gen_vertex_arrays(GLsizei n, GLuint* out) {
    if (g_vertex_array == 0) glGenVertexArrays(1, &g_vertex_array);
    std::fill(out, out + n, g_vertex_array);  // the backend asks for one
}

void kept_delete_vertex_arrays(GLsizei, const GLuint*) {}

template <typename... Ints>
int backend_sscanf(const char* s, const char* fmt, Ints*... out) {
    int* const outs[] = {out...};
    return scan_ints(s, fmt, outs, static_cast<int>(sizeof...(out)));
}

}  // namespace
}  // namespace aa::web

#define sscanf aa::web::backend_sscanf
#define glGetIntegerv aa::web::gl_state_get_integerv
#define glIsEnabled aa::web::gl_state_is_enabled
#define glGetShaderiv aa::web::unasked_shaderiv
#define glGetProgramiv aa::web::unasked_programiv
#define glDeleteShader aa::web::delete_shader_when_asked
#define glGetUniformLocation aa::web::unasked_location
#define glGetAttribLocation aa::web::unasked_location
#define glGenVertexArrays aa::web::kept_gen_vertex_arrays
#define glDeleteVertexArrays aa::web::kept_delete_vertex_arrays
#include "imgui_impl_opengl3.cpp"  // NOLINT(bugprone-suspicious-include): the backend's source, as is
#undef sscanf
#undef glGetShaderiv
#undef glGetProgramiv
#undef glDeleteShader
#undef glGetUniformLocation
#undef glGetAttribLocation
#undef glGenVertexArrays
#undef glDeleteVertexArrays

namespace aa::web {
namespace {

// As the backend's CheckShader / CheckProgram (the same messages), asked now; the log of a failure only.
void report_status(GLuint handle, bool shader, const char* glsl) {
    GLint ok = GL_FALSE;
    if (shader)
        glGetShaderiv(handle, GL_COMPILE_STATUS, &ok);
    else
        glGetProgramiv(handle, GL_LINK_STATUS, &ok);
    if (ok != GL_FALSE) return;
    GLint type = 0, length = 0;
    if (shader) {
        glGetShaderiv(handle, GL_SHADER_TYPE, &type);
        std::fprintf(stderr, "ERROR: ImGui_ImplOpenGL3_CreateDeviceObjects: failed to compile %s! With GLSL: %s\n",
                     type == GL_VERTEX_SHADER ? "vertex shader" : "fragment shader", glsl);
        glGetShaderiv(handle, GL_INFO_LOG_LENGTH, &length);
    } else {
        std::fprintf(stderr,
                     "ERROR: ImGui_ImplOpenGL3_CreateDeviceObjects: failed to link shader program! With GLSL %s\n",
                     glsl);
        glGetProgramiv(handle, GL_INFO_LOG_LENGTH, &length);
    }
    if (length <= 1) return;
    std::string log(static_cast<size_t>(length) + 1, '\0');
    if (shader)
        glGetShaderInfoLog(handle, length, nullptr, log.data());
    else
        glGetProgramInfoLog(handle, length, nullptr, log.data());
    std::fprintf(stderr, "%s\n", log.c_str());
}

// What CreateDeviceObjects would have asked at once: by now the GPU process has compiled and linked
// (the first frame's work ran meanwhile), so this waits for one round trip, not for the compile.
void ask_unasked() {
    ImGui_ImplOpenGL3_Data* bd = ImGui_ImplOpenGL3_GetBackendData();
    if (bd == nullptr || g_unasked.program == 0) return;
    for (GLuint s : g_unasked.shaders) report_status(s, true, bd->GlslVersionString);
    report_status(g_unasked.program, false, bd->GlslVersionString);
    // The backend's own questions, in its order.
    bd->AttribLocationTex = glGetUniformLocation(bd->ShaderHandle, "Texture");
    bd->AttribLocationProjMtx = glGetUniformLocation(bd->ShaderHandle, "ProjMtx");
    bd->AttribLocationVtxPos = static_cast<GLuint>(glGetAttribLocation(bd->ShaderHandle, "Position"));
    bd->AttribLocationVtxUV = static_cast<GLuint>(glGetAttribLocation(bd->ShaderHandle, "UV"));
    bd->AttribLocationVtxColor = static_cast<GLuint>(glGetAttribLocation(bd->ShaderHandle, "Color"));
    for (GLuint s : g_unasked.shaders) glDeleteShader(s);
    g_unasked = {};
}

}  // namespace

void gl_backend_render(ImDrawData* draw_data) {
    ask_unasked();
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);
}

void gl_backend_context_restored() {
    ImGui_ImplOpenGL3_Data* bd = ImGui_ImplOpenGL3_GetBackendData();
    if (bd == nullptr) return;
    // Every name the backend holds is the lost context's: zeroed, so that CreateDeviceObjects makes
    // them all again (NewFrame would make them only if ShaderHandle were 0; the font texture too).
    bd->ShaderHandle = 0;
    bd->VboHandle = 0;
    bd->ElementsHandle = 0;
    bd->FontTexture = 0;
    ImGui::GetIO().Fonts->SetTexID(0);
    // The buffers' sizes describe the old buffers (read only on the glBufferSubData path, off in
    // this version, but they must not claim a size the new buffers do not have).
    bd->VertexBufferSize = 0;
    bd->IndexBufferSize = 0;
    // The kept vertex array (kept_gen_vertex_arrays): made again on the next frame's first use.
    g_vertex_array = 0;
    // The shaders and program whose status the first draw was to ask: the lost context's, if the
    // loss came before that draw; the new ones are noted by CreateDeviceObjects below and asked
    // before the next draw (ask_unasked), as at start-up.
    g_unasked = {};
    ImGui_ImplOpenGL3_CreateDeviceObjects();
}

}  // namespace aa::web
