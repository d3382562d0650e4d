// Documents: replacing the open document (set text, import, a pasted or opened file), exporting
// and downloading it, the size limits, the confirm-before-replace dialog's request and the
// status line.
//
// [SECTION] Size limits and helpers
// [SECTION] Replace the document: set text, import
// [SECTION] Export and download
// [SECTION] Host events: paste, file
#include <imgui.h>

#include <cstdio>
#include <map>

#include "core/printable.hpp"
#include "core/utf8.hpp"
#include "io/format.hpp"
#include "ui/app_impl.hpp"

namespace aa::ui {

// =====================================================================================
// [SECTION] Size limits and helpers
// =====================================================================================

namespace {
// The largest text accepted (paste, file, API): a long book is ~2 MB; 16 MiB keeps the page
// responsive (layout, highlights, autosave) on a modest machine. Documented in the README.
constexpr size_t kMaxTextBytes = 16u << 20;
// An annotation file carries the text and its entities (a 10 MB book with 100,000 entities is
// ~18 MB of native JSON): files, imports and pastes may be this large; their texts still obey
// kMaxTextBytes.
constexpr size_t kMaxFileBytes = 64u << 20;
constexpr const char* kSamplePath = "/assets/sample-article.txt";

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string read_file(const char* path) {
    std::string out;
    if (FILE* f = std::fopen(path, "rb")) {
        char buf[65536];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

std::string lower_ext(std::string_view name) {
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string e(name.substr(dot));
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}
static std::string megabytes(size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

Status check_file_size(size_t bytes) {
    if (bytes > kMaxFileBytes)
        return make_error("the file is " + megabytes(bytes) + "; the limit is " + megabytes(kMaxFileBytes));
    return {};
}
}  // namespace

Status check_text_size(size_t bytes) {
    if (bytes > kMaxTextBytes)
        return make_error("the text is " + megabytes(bytes) + "; the limit is " + megabytes(kMaxTextBytes) +
                          " (split it into several documents)");
    return {};
}

void AppImpl::open_files() {
    request_files(FileRequest::Open, open_file_accept());
    // The browser's file chooser takes the keyboard: the key-up of Ctrl and O never reaches the
    // page, and ImGui would see them held (the next Ctrl+O no press at all). Release them now.
    ImGui::GetIO().ClearInputKeys();
}

std::string read_sample_article() { return read_file(kSamplePath); }

std::string read_page_doc(std::string_view name) {
    std::string s = read_file(("/docs/" + std::string(name)).c_str());
#ifdef AA_SOURCE_DIR
    if (s.empty())
        s = read_file((std::string(AA_SOURCE_DIR) + (name == "README.md" || name == "LICENSE" ? "/" : "/docs/") +
                       std::string(name))
                          .c_str());
#endif
    return s;
}

// Text files and every readable format's extension (io::formats()), so that a format added to the
// registry can be opened with no edit here; the MIME types for pickers that filter by type.
std::string open_file_accept() {
    std::string accept = ".txt";
    for (const io::Format& f : io::formats()) {
        if (!f.read || f.extension.empty()) continue;
        const std::string ext(f.extension);
        if (("," + accept + ",").find("," + ext + ",") == std::string::npos) accept += "," + ext;
    }
    return accept + ",text/plain,application/json";
}

// =====================================================================================
// [SECTION] Replace the document: set text, import
// =====================================================================================

void AppImpl::new_document(Document doc) {
    if (doc.info.created.empty()) doc.info.created = platform.now_iso();
    undo_steps_finish();            // bulk.cpp: the version kept is the state the user asked for
    keep_version_before_replace();  // autosave.cpp
    editor.reset(std::move(doc));
    ++doc_generation;
    sel.active = false;
    sel.entity.clear();
    sel.hovered.clear();
    sel.dragging_text = false;
    sel.dragging_edge = 0;
    sel.show_popup = false;
    pending_scroll_y = 0.0f;
    // A document that carries its pre-annotation setup brings it back when the panel has none (or
    // the same); a different setup of the user's is never replaced silently: the user chooses
    // (suggest_choice.cpp) and until then the document takes the panel's current setup.
    suggest_choice.file.reset();
    if (!editor.doc().info.suggest || !offer_file_suggest_setup(*editor.doc().info.suggest)) sync_suggest_to_document();
    const Document& d = editor.doc();
    if (!d.labels().find(prefs.active_label)) {
        prefs.active_label = d.labels().empty() ? "" : d.labels()[0].name;
        ++prefs_revision;
    }
    platform.set_title(d.text().empty() ? "Article Annotator" : d.display_title(60) + " - Article Annotator");
}

Status AppImpl::set_text(std::string_view utf8, std::string_view source) {
    if (Status s = check_text_size(utf8.size()); !s) return s;
    auto text = Text::from_utf8(std::string(utf8));
    if (!text.ok()) return text.error();
    Document doc(std::move(*text), editor.doc().labels());  // keep the label set the user built
    doc.info.source = std::string(source);
    new_document(std::move(doc));
    return {};
}

Status AppImpl::import_from(std::string_view format, std::string_view content, std::string_view name) {
    if (Status s = check_file_size(content.size()); !s) return s;
    io::ReadOptions opt;
    opt.source_name = std::string(name);
    // The open article, for formats that do not carry the text (W3C, brat, CoNLL's spacing). It is
    // only a guess: a file it does not fit is read on its own when its format can do that (CoNLL).
    if (!editor.doc().text().empty()) opt.text = &editor.doc().text();
    io::ReadResult r = io::read(format, content, opt);
    if (!r.ok() && opt.text) {
        opt.text = nullptr;
        if (io::ReadResult alone = io::read(format, content, opt); alone.ok()) r = std::move(alone);
    }
    return apply_import(std::move(r), name);
}

Status AppImpl::apply_import(io::ReadResult r, std::string_view name, std::string* message) {
    if (!r.ok()) return make_error(r.first_error());
    if (r.documents.empty()) return make_error("the file holds no document");
    for (const Document& d : r.documents)
        if (Status s = check_text_size(d.text().size_bytes()); !s) return s;
    // Every warning goes to the message log; the status line counts them and shows the first.
    size_t warnings = 0;
    for (const auto& d : r.diagnostics)
        if (!d.is_error()) {
            log_message((name.empty() ? std::string() : std::string(name) + ": ") + d.report(), false);
            ++warnings;
        }
    std::string warned;
    if (warnings)
        warned = "; " + std::to_string(warnings) +
                 (warnings == 1 ? " warning: " : " warnings (View > Message log), the first: ") +
                 r.diagnostics.front().report();
    const size_t n = r.documents.size();
    if (n > 1) {  // a multi-document file becomes the document queue (queue.cpp)
        queue_fill(std::move(r.documents), name.empty() ? "" : " from " + std::string(name), warned);
        return {};
    }
    Document doc = std::move(r.documents.front());
    if (doc.info.source.empty()) doc.info.source = std::string(name);
    new_document(std::move(doc));
    const size_t entities = editor.doc().entities().size();
    std::string msg = "Imported " + count_of(entities, "entity", "entities");
    if (!name.empty()) msg += " from " + std::string(name);
    if (entities) msg += ": " + label_counts(editor.doc());
    if (message)
        *message = msg + warned;  // said later by the caller (an import shown in parts, import.cpp)
    else
        set_status(msg + warned);
    return {};
}

std::string count_of(size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "PER 5, ORG 4, LOC 1": the entities per label, in the order of the label set.
std::string label_counts(const Document& d) {
    std::map<std::string, size_t, std::less<>> per = d.entities().label_counts();
    std::string out;
    auto add = [&](const std::string& label, size_t n) {
        out += (out.empty() ? "" : ", ") + label + " " + std::to_string(n);
    };
    for (const Label& l : d.labels().all())
        if (auto it = per.find(l.name); it != per.end()) {
            add(l.name, it->second);
            per.erase(it);
        }
    for (const auto& [label, n] : per) add(label, n);  // labels the set does not declare
    return out;
}

void AppImpl::confirm_replace(std::string what, std::function<void()> action) {
    const size_t n = editor.doc().entities().size();
    if (n == 0) {
        action();
        return;
    }
    confirm_text = printable(what) + "\n\nThe current article has " + std::to_string(n) +
                   (n == 1 ? " entity" : " entities") + ". Download it first (Ctrl+S) if you want to keep it.";
    confirm_action = std::move(action);
    open_confirm = true;
}

void AppImpl::set_status(std::string msg, bool error) {
    // File names, labels and keys arrive here from files: escaped so none can forge a line.
    status = printable(msg);
    status_error = error;
    status_time = platform.now_ms();
    ++status_serial;
    log_message(msg, error);  // escapes it the same way
}

// The message log (View > Message log) keeps every message, for long ones and earlier ones.
void AppImpl::log_message(const std::string& msg, bool error) {
    const std::string when = platform.now_local();
    status_log.push_back({when.size() >= 5 ? when.substr(when.size() - 5) : when, printable(msg), error});
    if (status_log.size() > 200) status_log.erase(status_log.begin());
}

// =====================================================================================
// [SECTION] Export and download
// =====================================================================================

Result<std::string> AppImpl::export_as(std::string_view format) const {
    const io::Format* f = io::find_format(format);
    if (!f) return make_error("unknown format \"" + std::string(format) + "\"");
    if (!f->write) return make_error("format " + std::string(format) + " cannot be written");
    io::WriteResult w = io::write(format, editor.doc());
    // What a lossy target could not hold, for scripts (window.annotator.exportWarnings()).
    export_warnings.clear();
    for (const auto& d : w.diagnostics) export_warnings.push_back(d.message);
    return std::move(w.output);
}

std::string AppImpl::export_file_name(std::string_view format) const {
    std::string title = editor.doc().display_title(60);
    std::string safe;
    bool dash = false;
    for (size_t i = 0; i < title.size();) {
        const size_t start = i;
        const char32_t c = utf8::decode(title, i);
        const bool keep = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000);
        if (keep) {
            safe.append(title, start, i - start);
            dash = false;
        } else if (!dash && !safe.empty()) {
            safe += '-';
            dash = true;
        }
    }
    while (!safe.empty() && safe.back() == '-') safe.pop_back();
    if (safe.empty()) safe = "article";
    const io::Format* f = io::find_format(format);
    if (format == "native" || !f) return safe + ".annotations.json";
    // "X.conll", "X.xml"; brat's X.ann beside X.txt; the id only where it tells same extensions
    // apart ("X.spacy.json", "X.doccano.jsonl").
    const std::string ext(f->extension);
    if (ext == "." + std::string(f->id) || format == "brat") return safe + ext;
    return safe + "." + std::string(f->id) + ext;
}

void AppImpl::download(std::string_view format) {
    const io::Format* f = io::find_format(format);
    if (!f || !f->write) {
        set_status("cannot export as " + std::string(format), true);
        return;
    }
    io::WriteResult w = io::write(format, editor.doc());
    platform.download(export_file_name(format), f->mime, w.output);
    std::string msg = "Downloaded " + export_file_name(format);
    if (format == "brat") {
        // brat reads X.ann with the text beside it in X.txt: both, as two downloads.
        std::string txt = export_file_name(format);
        txt.replace(txt.size() - 4, 4, ".txt");
        platform.download(txt, "text/plain", editor.doc().text().utf8());
        msg += " and " + txt;
    }
    for (const auto& d : w.diagnostics) msg += "; " + d.message;
    set_status(msg, false);
}
// =====================================================================================
// [SECTION] Host events: paste, file
// =====================================================================================

void AppImpl::on_paste(std::string_view utf8) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) {  // a text field has the focus: the paste is for it
        std::string clean = utf8::sanitize(utf8);
        io.AddInputCharactersUTF8(clean.c_str());
        return;
    }
    if (is_blank(utf8)) return;
    if (Status s = check_file_size(utf8.size()); !s) {
        set_status("Paste refused: " + s.error().message, true);
        return;
    }
    if (auto bad = utf8::validate(utf8)) {
        set_status("Paste refused: " + bad->message, true);
        return;
    }
    // A pasted annotation file (JSON) is imported; anything else is a new article.
    const size_t first = std::string_view(utf8).find_first_not_of(" \t\r\n");
    if (utf8[first] == '{' || utf8[first] == '[') {
        auto fmt = io::detect_format("pasted.json", utf8);
        if (fmt.ok() && fmt.value()->id == std::string_view("native") && utf8.size() >= kImportAtOnce) {
            // Read in slices after the question (import.cpp): no whole read to probe it first.
            confirm_replace("Import the pasted " + std::string(fmt.value()->name) + "?",
                            [this, content = std::string(utf8)]() mutable {
                                open_import("native", std::move(content), "pasted JSON", "Paste not imported: ");
                            });
            return;
        }
        if (fmt.ok()) {
            std::string content(utf8);
            std::string id(fmt.value()->id);
            io::ReadOptions opt;
            io::ReadResult probe = io::read(id, content, opt);
            if (probe.ok()) {
                confirm_replace("Import the pasted " + std::string(fmt.value()->name) + "?", [this, id, content] {
                    if (Status s = import_from(id, content, "pasted JSON"); !s) set_status(s.error().summary(), true);
                });
                return;
            }
            if (id == "native") {  // clearly meant as an annotation file: say what is wrong, change nothing
                set_status("Paste not imported: " + probe.first_error(), true);
                return;
            }
        }
    }
    if (Status s = check_text_size(utf8.size()); !s) {
        set_status("Paste refused: " + s.error().message, true);
        return;
    }
    std::string text(utf8);
    confirm_replace("Replace the article with the pasted text?", [this, text] {
        if (Status s = set_text(text, "pasted"); !s)
            set_status(s.error().summary(), true);
        else
            set_status("Pasted " + std::to_string(editor.doc().text().size()) + " characters");
    });
}

// Each chooser is a request of its own: its files carry its id, so a file read late (a large one, or
// one picked in a chooser whose cancel was reported by the page's fallback) never lands where a
// later chooser was meant to put its own.
void AppImpl::request_files(FileRequest kind, std::string_view accept) {
    const uint64_t id = next_file_request++;
    file_requests[id] = kind;
    platform.open_file_dialog(accept, id);
}

void AppImpl::on_file_dialog_cancelled(uint64_t request) {
    auto it = file_requests.find(request);
    if (it == file_requests.end()) return;
    if (it->second != FileRequest::Open) set_status("No file chosen; nothing loaded");
    file_requests.erase(it);
}

void AppImpl::on_file(uint64_t request, std::string_view name, std::string bytes) {
    FileRequest kind = FileRequest::Open;  // dropped or pasted
    if (request != App::kDroppedFiles) {
        auto it = file_requests.find(request);
        if (it == file_requests.end()) {
            set_status(std::string(name) + " ignored: its file chooser was closed before it arrived (open it again)",
                       true);
            return;
        }
        kind = it->second;
    }
    if (kind == FileRequest::Suggest) return take_suggest_file(name, bytes);      // asked for by the Suggest panel
    if (kind == FileRequest::Agreement) return take_agreement_file(name, bytes);  // another annotator's file
    // One of several files opened together, or a queue export.
    if (take_queue_file(name, bytes, queue.batch_expected >= 2 && queue.batch_request == request)) return;
    const std::string ext = lower_ext(name);
    if (Status s = check_file_size(bytes.size()); !s) {
        set_status(std::string(name) + ": " + s.error().message, true);
        return;
    }
    if (ext == ".txt" || ext == ".text" || ext == ".md" || ext.empty()) {
        if (Status s = check_text_size(bytes.size()); !s) {
            set_status(std::string(name) + ": " + s.error().message, true);
            return;
        }
        if (auto bad = utf8::validate(bytes)) {
            set_status(std::string(name) + ": " + bad->message + " (is it a text file in UTF-8?)", true);
            return;
        }
        std::string source(name);
        confirm_replace("Open " + source + "?", [this, text = std::move(bytes), source] {
            if (Status s = set_text(text, source); !s)
                set_status(source + ": " + s.error().summary(), true);
            else
                set_status("Opened " + source);
        });
        return;
    }
    std::string why;  // the marks that decided the format, said in the message log as the CLI says them
    auto fmt = io::detect_format(name, bytes, &why);
    if (!fmt.ok()) {
        set_status(std::string(name) + ": " + fmt.error().summary(), true);
        return;
    }
    std::string source(name), id(fmt.value()->id);
    confirm_replace("Open " + source + "?", [this, content = std::move(bytes), source, id, why]() mutable {
        if (!why.empty()) log_message(source + ": read as " + id + ": " + why, false);
        open_import(id, std::move(content), source, source + ": ");  // import.cpp: in slices when large
    });
}
}  // namespace aa::ui
