// The team project's exported C functions: the sync script's messages for the App
// (aa_host_team_event, io/team_page.hpp's JSON) and the three-way merge of an ann: document's
// revisions that the script runs on a same-user conflict (aa_api_team_merge, also
// window.annotator.mergeAnnotations). Results as api.cpp's: aa_api_result[_size].
#include <emscripten.h>

#include <string>
#include <string_view>

#include "io/team_corpus.hpp"
#include "io/team_page.hpp"
#include "platform/web/host.hpp"

namespace aa::web {
// api.cpp's result buffer.
int api_ok(std::string value);
int api_fail(std::string message);
}  // namespace aa::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void aa_host_team_event(const char* json, size_t size) {
    aa::web::Host* h = aa::web::host();
    if (!h) return;
    h->app().on_team_event(std::string_view(json, size));
    h->wake();
    h->notify_if_changed();
}

EMSCRIPTEN_KEEPALIVE int aa_api_team_merge(const char* base, size_t base_size, const char* ours, size_t ours_size,
                                           const char* theirs, size_t theirs_size, const char* text, size_t text_size) {
    auto merged = aa::io::team::merge_json(std::string_view(base, base_size), std::string_view(ours, ours_size),
                                           std::string_view(theirs, theirs_size), std::string_view(text, text_size));
    if (!merged.ok()) return aa::web::api_fail(merged.error().summary());
    return aa::web::api_ok(std::move(*merged));
}

}  // extern "C"

extern "C" EMSCRIPTEN_KEEPALIVE int aa_api_team_summary() {
    aa::web::Host* h = aa::web::host();
    if (!h) return aa::web::api_fail("The annotator is not ready yet: wait for window.annotatorReady.");
    std::string s = h->app().team_summary_json();
    if (s.empty()) return 2;  // null: no team project
    return aa::web::api_ok(std::move(s));
}

extern "C" EMSCRIPTEN_KEEPALIVE int aa_api_team_sync() {
    aa::web::Host* h = aa::web::host();
    if (!h) return aa::web::api_fail("The annotator is not ready yet: wait for window.annotatorReady.");
    return aa::web::api_ok(h->app().team_sync_text());
}

// The corpus as files (io/team_corpus.hpp), for the sync script's import and export: the files'
// names and sizes (JSON) with their bytes one after the other; one article's export in a format.
extern "C" EMSCRIPTEN_KEEPALIVE int aa_api_team_import(const char* manifest, size_t manifest_size, const char* bytes,
                                                       size_t bytes_size, const char* options, size_t options_size,
                                                       const char* project, size_t project_size, const char* existing,
                                                       size_t existing_size) {
    auto r = aa::io::team::import_json(std::string_view(manifest, manifest_size), std::string_view(bytes, bytes_size),
                                       std::string_view(options, options_size), std::string_view(project, project_size),
                                       std::string_view(existing, existing_size));
    if (!r.ok()) return aa::web::api_fail(r.error().summary());
    return aa::web::api_ok(std::move(*r));
}

extern "C" EMSCRIPTEN_KEEPALIVE int aa_api_team_export(const char* project, size_t project_size, const char* article,
                                                       size_t article_size, const char* annotations,
                                                       size_t annotations_size, const char* format,
                                                       size_t format_size) {
    auto r = aa::io::team::export_json(std::string_view(project, project_size), std::string_view(article, article_size),
                                       std::string_view(annotations, annotations_size),
                                       std::string_view(format, format_size));
    if (!r.ok()) return aa::web::api_fail(r.error().summary());
    return aa::web::api_ok(std::move(*r));
}
