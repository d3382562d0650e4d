// annotator: the native command-line tool over core + io (validate, stats, convert, agree). Messages
// follow the compiler convention FILE:LINE:COL: error: MESSAGE so that editors can jump to them.
// Exit status: 0 success, 1 invalid input or I/O failure, 2 bad usage.
//
// [SECTION] usage and options  [SECTION] files and messages  [SECTION] validate and stats
// [SECTION] convert  [SECTION] agree  [SECTION] main: the command line
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output.hpp"
#include "cli/team.hpp"
#include "core/agreement.hpp"
#include "core/printable.hpp"
#include "io/format.hpp"
#include "io/page_state.hpp"

namespace {

// ---- [SECTION] usage and options ----

constexpr const char* kUsage =
    "usage: annotator COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Commands:\n"
    "  validate FILE...           check annotation files; prints a one-line summary per valid file,\n"
    "                             and FILE:LINE:COL: error: MESSAGE per problem (exit 1 if any);\n"
    "                             a rules file of the Suggest panel (X.rules.json, or --from rules)\n"
    "                             is checked against its own schema, and so is the page's stored\n"
    "                             state with --from view, versions or queue (the view settings and\n"
    "                             the recent versions' and document queue's indexes)\n"
    "  stats FILE                 text length (code points, UTF-16 units, bytes, lines) and the\n"
    "                             number of entities per label (and relations per type)\n"
    "  convert IN -o OUT          convert between formats; OUT \"-\" is standard output\n"
    "  agree A B                  compare two annotations of the same text: precision, recall and F1\n"
    "                             of B against A per label, token-level Cohen's kappa, the differences\n"
    "\n"
    "Team projects (a CouchDB database URL; docs/team.md):\n"
    "  publish URL [--dist DIR]   upload the page (dist/) as attachments of _design/annotator with\n"
    "                             validate_doc_update, and set the database's _security\n"
    "  push DIR URL [--gold | --as USER]   import every file of DIR as article:<id> documents, with\n"
    "                             their entities as gold:<id> or ann:<id>:USER\n"
    "  pull URL -o DIR [--to FMT] [--annotator USER]   export the corpus, one file per article:\n"
    "                             the gold version (default) or one annotator's\n"
    "  --user NAME                the CouchDB user (password in ANNOTATOR_PASSWORD); or put\n"
    "                             user:password@ in the URL\n"
    "\n"
    "Options:\n"
    "  --from FMT                 input format (default: detected from the extension and content)\n"
    "  --to FMT                   output format (default: from OUT's extension, else the input's)\n"
    "  --offsets UNIT             convert: write offsets as codepoint (default), utf16 or utf8\n"
    "  --in-offsets UNIT          the unit of the input's offsets, for tools that counted otherwise\n"
    "                             (e.g. utf16 for older doccano and Label Studio exports)\n"
    "  --text FILE                the document text, for formats that do not carry it (w3c, brat,\n"
    "                             conll with the original spacing); for X.ann, X.txt is found itself\n"
    "  --repair                   re-anchor entities whose text does not match their offsets, by\n"
    "                             their text, where that is unambiguous (reported as warnings)\n"
    "  --trust-offsets            keep the offsets of entities whose quoted text disagrees with\n"
    "                             them, as Label Studio itself does (reported as warnings)\n"
    "  --answers LIST             prodigy: the answers whose examples are read, comma-separated\n"
    "                             from accept, reject, ignore (default: accept)\n"
    "  --split-users              doccano 1.0: each user's spans a document of its own (default:\n"
    "                             merged, each entity's \"users\" attribute naming who marked it)\n"
    "  --scheme S                 conll: iob1, iob2 or bilou; the scheme written (default: as the\n"
    "                             CoNLL input wrote its tags, else iob2), or when reading CoNLL\n"
    "                             for another format or validate, the scheme its tags must follow\n"
    "  --column N                 conll: the tag is in column N (default: the last; 1 is the first)\n"
    "  --doccano-shape S          doccano output: label ([[s, e, L]], default) or entities\n"
    "  --drop-crossing            xml output: drop crossing spans (counted) instead of failing\n"
    "  --compact                  convert: no indentation\n"
    "  --force                    convert: replace output files that exist (never an input file)\n"
    "  --json                     stats, agree: print JSON\n"
    "  --annotators A,B           agree: compare two annotators of one FILE (the names the page\n"
    "                             stamps on each entity and relation) instead of two files\n"
    "  -h, --help                 show this help\n"
    "  --version                  show the version\n"
    "\n"
    "A FILE of \"-\" is standard input.\n";

struct Args {
    std::string command;
    std::vector<std::string> files;
    std::string output;
    bool has_output = false;
    std::string from, to;
    std::optional<aa::OffsetUnit> offsets;
    std::optional<aa::OffsetUnit> in_offsets;
    std::string text_file;
    bool repair = false;
    std::string scheme;
    std::string doccano_shape;
    bool drop_crossing = false;
    bool compact = false;
    bool json = false;
    bool force = false;
    std::string annotators;  // agree: "A,B" (two annotators of one file)
};

// ---- [SECTION] files and messages ----

// The options every read shares (set once in main).
aa::io::ReadOptions g_read_options;
std::optional<aa::Text> g_text;
// Every file read so far: an output may never be one of them (cli/output.hpp).
std::vector<std::string> g_inputs;

// A user-supplied string for a message (cli/output.hpp, core/printable.hpp).
std::string P(const std::string& s) { return aa::printable(s); }

std::string formats_list() {
    std::string out;
    for (const auto& f : aa::io::formats()) out += (out.empty() ? "" : ", ") + std::string(f.id);
    return out;
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "annotator: %s\nTry 'annotator --help'.\n", P(message).c_str());
    return 2;
}

// --answers accept,reject,ignore into g_read_options; a message when the list is not one.
std::string parse_answers(const std::string& list) {
    g_read_options.answers.clear();
    size_t at = 0;
    while (at <= list.size()) {
        size_t comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        const std::string a = list.substr(at, comma - at);
        if (a != "accept" && a != "reject" && a != "ignore")
            return "unknown answer \"" + a + "\" in --answers (expected accept, reject or ignore, comma-separated)";
        g_read_options.answers.push_back(a);
        at = comma + 1;
    }
    return {};
}

// Reads a whole file in binary ("-" = standard input); nullopt after printing why not.
std::optional<std::string> read_file(const std::string& path) {
    g_inputs.push_back(path);
    return aa::cli::read_input(path);
}

// A document text from a file: UTF-8, without the byte order mark some editors put first (it is
// no character of the text, and keeping it would shift every offset by one; said once).
std::optional<aa::Text> read_text_file(const std::string& path) {
    auto data = read_file(path);
    if (!data) return std::nullopt;
    if (data->compare(0, 3, "\xEF\xBB\xBF") == 0) {
        data->erase(0, 3);
        std::fprintf(stderr,
                     "%s: warning: the byte order mark (U+FEFF) at the start is not part of the text: skipped\n",
                     P(path).c_str());
    }
    auto t = aa::Text::from_utf8(std::move(*data));
    if (!t.ok()) {
        std::fprintf(stderr, "%s\n", P(t.error().report_in(path)).c_str());
        return std::nullopt;
    }
    return std::move(t.value());
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Reads `file` with `from` or the detected format; prints every diagnostic.
std::optional<aa::io::ReadResult> load(const std::string& file, const std::string& from,
                                       std::string* format_id = nullptr) {
    auto data = read_file(file);
    if (!data) return std::nullopt;
    const aa::io::Format* fmt = nullptr;
    std::string why;  // why the format was chosen, when it was detected
    if (!from.empty()) {
        fmt = aa::io::find_format(from);
        if (!fmt) {
            std::fprintf(stderr, "annotator: unknown format \"%s\" (known formats: %s)\n", P(from).c_str(),
                         formats_list().c_str());
            return std::nullopt;
        }
    } else {
        auto detected = aa::io::detect_format(file, *data, &why);
        if (!detected.ok()) {
            std::fprintf(stderr, "%s\n", P(detected.error().report_in(file)).c_str());
            return std::nullopt;
        }
        fmt = detected.value();
    }
    if (format_id) *format_id = std::string(fmt->id);
    aa::io::ReadOptions opts = g_read_options;
    opts.source_name = file;
    // brat keeps the text beside the annotations: X.ann reads X.txt unless --text says otherwise.
    std::optional<aa::Text> beside;
    if (!opts.text && fmt->id == "brat" && file.size() > 4 && lower(file.substr(file.size() - 4)) == ".ann") {
        const std::string txt = file.substr(0, file.size() - 4) + ".txt";
        beside = read_text_file(txt);
        if (!beside) return std::nullopt;
        opts.text = &*beside;
    }
    // The native format states its offsets and checks each entity's text: these options would
    // change nothing, and saying nothing would let the user think they did.
    if (fmt->id == "native" && opts.repair)
        std::fprintf(stderr, "%s: warning: --repair has no effect on native input (its entities' texts are checked)\n",
                     P(file).c_str());
    if (fmt->id == "native" && opts.offsets)
        std::fprintf(stderr, "%s: warning: --in-offsets has no effect on native input (its \"offsets\" field says)\n",
                     P(file).c_str());
    aa::io::ReadResult r = aa::io::read(fmt->id, *data, opts);
    aa::cli::print_diagnostics(file, r.diagnostics);
    // Every guess is said, after what the reader said: a wrong guess explains many a strange message,
    // and a right one tells the user what the file was taken for. A native file that reads well is
    // no guess: it names its format ("format": "article-annotator").
    const bool declared = fmt->id == "native" && why.rfind("the content has", 0) == 0;
    if (!why.empty() && (!r.ok() || !declared))
        std::fprintf(stderr, "%s: note: read as %s: %s (--from names the format)\n", P(file).c_str(),
                     std::string(fmt->id).c_str(), P(why).c_str());
    if (!r.ok()) return std::nullopt;
    return r;
}

// ---- [SECTION] validate and stats ----

// A rules file (the Suggest panel's "Export rules"): the same schema as a native file's "suggest".
bool is_rules_file(const std::string& file, const std::string& from) {
    if (!from.empty()) return from == "rules";
    return file.size() > 11 && lower(file.substr(file.size() - 11)) == ".rules.json";
}

bool validate_rules(const std::string& file) {
    auto data = read_file(file);
    if (!data) return false;
    aa::io::StateRead<aa::SuggestConfig> r = aa::io::read_suggest_config(*data);
    aa::cli::print_diagnostics(file, r.diagnostics);
    if (!r.ok()) return false;
    size_t terms = 0;
    for (const aa::GazetteerSetup& g : r.value->gazetteers.value_or(std::vector<aa::GazetteerSetup>{}))
        terms += g.entries ? g.entries->size() : 0;
    std::printf("%s: ok, rules file: %zu rules, %zu gazetteer terms\n", P(file).c_str(),
                r.value->rules ? r.value->rules->size() : 0, terms);
    return true;
}

// The page's own stored state (browser storage, copied out with the browser's developer tools):
// checked against the schema the page reads it with, with the same positioned messages.
bool is_page_state(const std::string& from) { return from == "view" || from == "versions" || from == "queue"; }

template <class T>
bool report_state(const std::string& file, const aa::io::StateRead<T>& r, const std::string& summary) {
    aa::cli::print_diagnostics(file, r.diagnostics);
    if (r.ok()) std::printf("%s: ok, %s\n", P(file).c_str(), summary.c_str());
    return r.ok();
}

bool validate_page_state(const std::string& file, const std::string& from) {
    auto data = read_file(file);
    if (!data) return false;
    if (from == "view") return report_state(file, aa::io::read_view_prefs(*data), "view settings");
    if (from == "versions") {
        auto r = aa::io::read_version_index(*data);
        return report_state(file, r,
                            "recent versions index: " + std::to_string(r.ok() ? r.value->size() : 0) + " versions");
    }
    auto r = aa::io::read_queue_index(*data);
    return report_state(file, r,
                        "document queue index: " + std::to_string(r.ok() ? r.value->docs.size() : 0) + " documents");
}

int cmd_validate(const Args& a) {
    if (a.files.empty()) return usage_error("validate needs at least one FILE");
    int status = 0;
    for (const std::string& file : a.files) {
        if (is_rules_file(file, a.from)) {
            if (!validate_rules(file)) status = 1;
            continue;
        }
        if (is_page_state(a.from)) {
            if (!validate_page_state(file, a.from)) status = 1;
            continue;
        }
        auto r = load(file, a.from);
        if (!r) {
            status = 1;
            continue;
        }
        size_t entities = 0, labels = 0, cps = 0;
        for (const auto& d : r->documents) {
            entities += d.entities().size();
            labels += d.labels().size();
            cps += d.text().size();
        }
        std::string docs = r->documents.size() == 1 ? "" : std::to_string(r->documents.size()) + " documents, ";
        std::printf("%s: ok, %s%zu entities, %zu labels, %zu code points\n", P(file).c_str(), docs.c_str(), entities,
                    labels, cps);
    }
    return status;
}

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else
            out += ch;
    }
    return out + "\"";
}

// Relations per type and the document labels, for a document that has relation types or
// document labels (a version 1 document's stats stay as they were).
std::string relation_stats_text(const aa::Document& d) {
    std::string out;
    if (!d.relation_types().empty() || !d.relations().empty()) {
        out += "relations: " + std::to_string(d.relations().size()) + "\n";
        size_t width = 0;
        for (const auto& t : d.relation_types().all()) width = std::max(width, t.name.size());
        for (const auto& t : d.relation_types().all())
            out += "  " + t.name + std::string(width - t.name.size() + 2, ' ') +
                   std::to_string(d.relations().count_type(t.name)) + "\n";
    }
    if (!d.doc_label_types().empty()) {
        out += "document labels:";
        for (const std::string& c : d.doc_labels().chosen) out += " " + c;
        out += d.doc_labels().chosen.empty() ? " (none)\n" : "\n";
    }
    return out;
}

std::string relation_stats_json(const aa::Document& d) {
    std::string out;
    if (!d.relation_types().empty() || !d.relations().empty()) {
        out += ", \"relations\": " + std::to_string(d.relations().size()) + ", \"relations_per_type\": {";
        for (size_t i = 0; i < d.relation_types().size(); ++i) {
            const auto& t = d.relation_types()[i];
            out += (i ? ", " : "") + json_string(t.name) + ": " + std::to_string(d.relations().count_type(t.name));
        }
        out += "}";
    }
    if (!d.doc_label_types().empty()) {
        out += ", \"doc_labels\": [";
        for (size_t i = 0; i < d.doc_labels().chosen.size(); ++i)
            out += (i ? ", " : "") + json_string(d.doc_labels().chosen[i]);
        out += "]";
    }
    return out;
}

int cmd_stats(const Args& a) {
    if (a.files.size() != 1) return usage_error("stats needs exactly one FILE");
    std::string format;
    auto r = load(a.files[0], a.from, &format);
    if (!r) return 1;
    const bool many = r->documents.size() > 1;
    std::string out = a.json && many ? "[" : "";
    for (size_t di = 0; di < r->documents.size(); ++di) {
        const aa::Document& d = r->documents[di];
        const aa::Text& t = d.text();
        if (a.json) {
            out += di ? ",\n " : "";
            out += "{\"file\": " + json_string(a.files[0]) + ", \"format\": " + json_string(format) +
                   ", \"document\": " + std::to_string(di + 1) + ", \"code_points\": " + std::to_string(t.size()) +
                   ", \"utf16_units\": " + std::to_string(t.size_utf16()) +
                   ", \"bytes\": " + std::to_string(t.size_bytes()) + ", \"lines\": " + std::to_string(t.line_count()) +
                   ", \"labels\": " + std::to_string(d.labels().size()) +
                   ", \"entities\": " + std::to_string(d.entities().size()) + ", \"entities_per_label\": {";
            for (size_t i = 0; i < d.labels().size(); ++i) {
                const auto& l = d.labels()[i];
                out += (i ? ", " : "") + json_string(l.name) + ": " + std::to_string(d.entities().count_label(l.name));
            }
            out += "}";
            out += relation_stats_json(d);
            out += "}";
        } else {
            if (r->documents.size() > 1)
                out += (di ? "\n" : "") + std::string("document ") + std::to_string(di + 1) + "\n";
            out += "file: " + a.files[0] + "\nformat: " + format + "\n";
            out += "text: " + std::to_string(t.size()) + " code points, " + std::to_string(t.size_utf16()) +
                   " UTF-16 units, " + std::to_string(t.size_bytes()) + " bytes, " + std::to_string(t.line_count()) +
                   " lines\n";
            out += "labels: " + std::to_string(d.labels().size()) + "\n";
            out += "entities: " + std::to_string(d.entities().size()) + "\n";
            size_t width = 0;
            for (const auto& l : d.labels().all()) width = std::max(width, l.name.size());
            for (const auto& l : d.labels().all())
                out += "  " + l.name + std::string(width - l.name.size() + 2, ' ') +
                       std::to_string(d.entities().count_label(l.name)) + "\n";
            out += relation_stats_text(d);
        }
    }
    if (a.json) out += many ? "]\n" : "\n";
    // Text output names labels and files as given: shown escaped, as messages are.
    std::fputs((a.json ? out : aa::printable_lines(out)).c_str(), stdout);
    return 0;
}

// ---- [SECTION] convert ----

int cmd_convert(const Args& a) {
    if (a.files.size() != 1) return usage_error("convert needs exactly one input file");
    if (!a.has_output) return usage_error("convert needs -o OUT (\"-o -\" for standard output)");
    std::string to = a.to;
    if (!to.empty() && !aa::io::find_format(to))
        return usage_error("unknown format \"" + to + "\" (known formats: " + formats_list() + ")");
    // By OUT's extension: the formats whose default extension it ends with.
    std::vector<std::string> matches;
    if (to.empty() && a.output != "-") {
        const std::string out = lower(a.output);
        for (const auto& f : aa::io::formats())
            if (out.size() > f.extension.size() &&
                out.compare(out.size() - f.extension.size(), f.extension.size(), f.extension) == 0)
                matches.emplace_back(f.id);
    }
    // Writing CoNLL, --scheme is the scheme written, and a CoNLL input is read with its own scheme
    // (detected): converting IOB1 to IOB2 is what it is for. Writing another format, it is the scheme
    // a CoNLL input must follow. (No --to and no single match: the input's format, or an error.)
    const std::string early_to = !to.empty() ? to : matches.size() == 1 ? matches[0] : "";
    if (early_to.empty() || early_to == "conll") g_read_options.scheme.clear();
    std::string from_id;
    auto r = load(a.files[0], a.from, &from_id);
    if (!r) return 1;
    if (to.empty() && a.output != "-") {
        if (matches.size() == 1) {
            to = matches[0];
        } else if (matches.size() > 1) {
            bool has_input = false;
            for (const auto& m : matches) has_input |= m == from_id;
            if (!has_input) {
                std::string list;
                for (const auto& m : matches) list += (list.empty() ? "" : ", ") + m;
                return usage_error("the extension of \"" + a.output + "\" fits " + list + ": choose one with --to");
            }
            to = from_id;  // same extension as the input's format: keep the format
        } else {
            return usage_error("cannot tell the output format from \"" + a.output +
                               "\": use --to (known formats: " + formats_list() + ")");
        }
    }
    if (to.empty()) to = from_id;
    aa::io::WriteOptions wo;
    if (a.offsets) wo.offsets = *a.offsets;
    wo.pretty = !a.compact;
    if (!a.scheme.empty()) wo.scheme = a.scheme;
    if (!a.doccano_shape.empty()) wo.doccano_shape = a.doccano_shape;
    wo.drop_crossing = a.drop_crossing;
    const aa::io::Format* target = aa::io::find_format(to);
    // A format that holds one document per file gets one file per document: OUT-1.ext, OUT-2.ext...
    std::vector<std::pair<std::string, std::vector<const aa::Document*>>> outputs;
    if (target->multi_document || r->documents.size() == 1) {
        outputs.emplace_back(a.output, std::vector<const aa::Document*>{});
        for (const auto& d : r->documents) outputs.back().second.push_back(&d);
    } else {
        if (a.output == "-")
            return usage_error(std::string(to) + " holds one document per file and the input has " +
                               std::to_string(r->documents.size()) + ": give -o a file name");
        const size_t dot = a.output.find_last_of('.');
        const size_t slash = a.output.find_last_of('/');
        const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
        const std::string stem = has_ext ? a.output.substr(0, dot) : a.output;
        const std::string ext = has_ext ? a.output.substr(dot) : std::string(target->extension);
        for (size_t i = 0; i < r->documents.size(); ++i)
            outputs.emplace_back(stem + "-" + std::to_string(i + 1) + ext,
                                 std::vector<const aa::Document*>{&r->documents[i]});
    }
    // Everything is written in memory and every output checked before the first file is touched.
    std::vector<std::pair<std::string, std::string>> files;  // path, bytes
    for (const auto& [path, docs] : outputs) {
        aa::io::WriteResult w = aa::io::write(to, docs, wo);
        aa::cli::print_diagnostics(path, w.diagnostics);
        if (!w.ok()) return 1;
        files.emplace_back(path, std::move(w.output));
        // brat's annotations refer to a text file beside them.
        // Not beside a pipe or a device (-o /dev/null would write /dev/null.txt): only beside a file.
        if (to == "brat" && path != "-" && docs.size() == 1 && !aa::cli::is_special(path)) {
            const bool ann = path.size() > 4 && lower(path.substr(path.size() - 4)) == ".ann";
            files.emplace_back((ann ? path.substr(0, path.size() - 4) : path) + ".txt", docs[0]->text().utf8());
        }
    }
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.first);
    if (!aa::cli::check_outputs(paths, g_inputs, a.force)) return 1;
    for (const auto& [path, bytes] : files) {
        if (!aa::cli::write_output(path, bytes)) return 1;
        if (files.size() > 1) std::fprintf(stderr, "wrote %s\n", P(path).c_str());
    }
    return 0;
}

// ---- [SECTION] agree ----

// One annotated document from `file`, or nullopt after printing why not.
std::optional<aa::Document> load_one(const std::string& file, const std::string& from) {
    auto r = load(file, from);
    if (!r) return std::nullopt;
    if (r->documents.size() != 1) {
        std::fprintf(stderr, "%s: error: holds %zu documents; agree compares one document with one\n", P(file).c_str(),
                     r->documents.size());
        return std::nullopt;
    }
    return std::move(r->documents[0]);
}

std::string fixed(double v, int digits = 3) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string score_json(const aa::LabelScore& s) {
    return "\"in_a\": " + std::to_string(s.in_a) + ", \"in_b\": " + std::to_string(s.in_b) +
           ", \"matched\": " + std::to_string(s.matched) + ", \"precision\": " + fixed(s.precision, 4) +
           ", \"recall\": " + fixed(s.recall, 4) + ", \"f1\": " + fixed(s.f1, 4) + "}";
}

// Scores as a JSON list of {"<key>": name, counts and scores}.
std::string scores_json(const std::vector<aa::LabelScore>& list, const char* key) {
    std::string out = "[";
    for (size_t i = 0; i < list.size(); ++i)
        out += (i ? ", " : "") + std::string("{\"") + key + "\": " + json_string(list[i].label) + ", " +
               score_json(list[i]);
    return out + "]";
}

std::string agree_json(const std::string& name_a, const std::string& name_b, const aa::Document& da,
                       const aa::Agreement& g) {
    const aa::Text& text = da.text();
    auto entity = [&](const std::optional<aa::Entity>& e) {
        if (!e) return std::string("null");
        return "{\"id\": " + json_string(e->id) + ", \"start\": " + std::to_string(e->start) +
               ", \"end\": " + std::to_string(e->end) + ", \"label\": " + json_string(e->label) +
               ", \"text\": " + json_string(text.slice(e->start, e->end)) + "}";
    };
    std::string out = "{\"a\": " + json_string(name_a) + ", \"b\": " + json_string(name_b) +
                      ",\n \"labels\": " + scores_json(g.labels, "label");
    out += ",\n \"micro\": {" + score_json(g.micro);
    // Only when either side has relations, so that the output of span-only files stays as it was.
    if (!g.relations.empty())
        out += ",\n \"relations\": " + scores_json(g.relations, "type") + ",\n \"relations_micro\": {" +
               score_json(g.relations_micro);
    out += ",\n \"kappa\": {\"tokens\": " + std::to_string(g.kappa.tokens) +
           ", \"agreeing\": " + std::to_string(g.kappa.agreeing) + ", \"observed\": " + fixed(g.kappa.observed, 4) +
           ", \"expected\": " + fixed(g.kappa.expected, 4) + ", \"kappa\": " + fixed(g.kappa.kappa, 4) +
           "},\n \"differences\": [";
    for (size_t i = 0; i < g.differences.size(); ++i) {
        const aa::Difference& d = g.differences[i];
        out += (i ? ",\n  " : "\n  ") + std::string("{\"kind\": ") + json_string(aa::diff_kind_name(d.kind)) +
               ", \"a\": " + entity(d.a) + ", \"b\": " + entity(d.b) + "}";
    }
    return out + "]}\n";
}

// A table of scores: a heading (`what`: "label" or "relation"), one row per name, then the micro average.
std::string score_table(const char* what, const std::vector<aa::LabelScore>& list, const aa::LabelScore& micro) {
    size_t width = std::max<size_t>(5, std::strlen(what));  // "micro"
    for (const auto& s : list) width = std::max(width, s.label.size());
    auto row = [&](const std::string& name, const aa::LabelScore& s) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%-*s  %5zu  %5zu  %5zu  %9s  %6s  %5s\n", static_cast<int>(width), name.c_str(),
                      s.in_a, s.in_b, s.matched, fixed(s.precision).c_str(), fixed(s.recall).c_str(),
                      fixed(s.f1).c_str());
        return std::string(buf);
    };
    char head[160];
    std::snprintf(head, sizeof head, "%-*s  %5s  %5s  %5s  %9s  %6s  %5s\n", static_cast<int>(width), what, "A", "B",
                  "both", "precision", "recall", "F1");
    std::string out = head;
    for (const auto& s : list) out += row(s.label, s);
    return out + row("micro", micro);
}

std::string agree_text(const std::string& name_a, const std::string& name_b, const aa::Document& da,
                       const aa::Document& db, const aa::Agreement& g) {
    const aa::Text& text = da.text();
    auto excerpt = [&](const aa::Entity& e) { return json_string(text.slice(e.start, e.end)); };
    auto span = [](const aa::Entity& e) { return std::to_string(e.start) + "-" + std::to_string(e.end); };
    std::string out = "A: " + name_a + " (" + std::to_string(da.entities().size()) + " entities)\n";
    out += "B: " + name_b + " (" + std::to_string(db.entities().size()) + " entities)\n\n";
    out += score_table("label", g.labels, g.micro);
    out += "\ntokens: " + std::to_string(g.kappa.tokens) + ", agreeing: " + std::to_string(g.kappa.agreeing) + " (" +
           fixed(g.kappa.observed) + "), expected by chance: " + fixed(g.kappa.expected) +
           ", Cohen's kappa: " + fixed(g.kappa.kappa) + "\n";
    if (!g.relations.empty()) {
        out += "\nrelations: " + std::to_string(da.relations().size()) + " in A, " +
               std::to_string(db.relations().size()) + " in B (same source span, target span and type)\n";
        out += score_table("relation", g.relations, g.relations_micro);
    }
    out += "\ndifferences: " + std::to_string(g.differences.size()) + "\n";
    for (const aa::Difference& d : g.differences) {
        std::string line = "  " + std::to_string(d.start()) + "-" + std::to_string(d.end());
        line.resize(std::max<size_t>(line.size() + 1, 14), ' ');  // columns: offsets, kind, details
        line += aa::diff_kind_name(d.kind);
        line.resize(line.size() + 18 - std::strlen(aa::diff_kind_name(d.kind)), ' ');
        switch (d.kind) {
            case aa::DiffKind::MissingInB: line += d.a->label + " " + excerpt(*d.a); break;
            case aa::DiffKind::ExtraInB: line += d.b->label + " " + excerpt(*d.b); break;
            case aa::DiffKind::OtherLabel: line += d.a->label + " -> " + d.b->label + " " + excerpt(*d.a); break;
            case aa::DiffKind::OtherBoundaries:
                line += "A " + span(*d.a) + " " + d.a->label + " " + excerpt(*d.a) + ", B " + span(*d.b) + " " +
                        d.b->label + " " + excerpt(*d.b);
                break;
        }
        out += line + "\n";
    }
    return out;
}

int cmd_agree(const Args& a) {
    std::optional<aa::Document> da, db;
    std::string name_a, name_b;
    if (!a.annotators.empty()) {
        // Two annotators of one file: each one's entities and relations (Entity::annotator).
        if (a.files.size() != 1) return usage_error("agree --annotators A,B needs one file");
        const size_t comma = a.annotators.find(',');
        const std::string first = a.annotators.substr(0, comma), second = a.annotators.substr(comma + 1);
        auto doc = load_one(a.files[0], a.from);
        if (!doc) return 1;
        for (const std::string& n : {first, second}) {
            const auto names = aa::annotators_of(*doc);
            if (std::find(names.begin(), names.end(), n) == names.end()) {
                std::string known;
                for (const std::string& k : names) known += (known.empty() ? "" : ", ") + k;
                std::fprintf(stderr, "%s: error: no entity or relation of the annotator \"%s\" (annotators: %s)\n",
                             P(a.files[0]).c_str(), P(n).c_str(), known.empty() ? "none" : P(known).c_str());
                return 1;
            }
        }
        da = aa::only_annotator(*doc, first);
        db = aa::only_annotator(*doc, second);
        name_a = first + " in " + a.files[0];
        name_b = second + " in " + a.files[0];
    } else {
        if (a.files.size() != 2) return usage_error("agree needs two files, A and B");
        da = load_one(a.files[0], a.from);
        if (!da) return 1;
        db = load_one(a.files[1], a.from);
        if (!db) return 1;
        name_a = a.files[0];
        name_b = a.files[1];
    }
    auto r = aa::compare_documents(*da, *db);
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", P(r.error().report_in(a.files.back())).c_str());
        return 1;
    }
    if (a.json)
        std::fputs(agree_json(name_a, name_b, *da, r.value()).c_str(), stdout);
    else
        std::fputs(aa::printable_lines(agree_text(name_a, name_b, *da, *db, r.value())).c_str(), stdout);
    return 0;
}

}  // namespace

// ---- [SECTION] main: the command line ----

int main(int argc, char** argv) {
    if (argc > 1 && aa::cli::is_team_command(argv[1])) return aa::cli::team_main(argc - 1, argv + 1);
    Args a;
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view s = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) return false;
            out = std::string(args[++i]);
            return true;
        };
        if (s == "-h" || s == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (s == "--version") {
            std::printf("annotator %s\n", AA_VERSION);
            return 0;
        } else if (s == "-o" || s == "--output") {
            if (!value(a.output)) return usage_error("-o needs a file name");
            a.has_output = true;
        } else if (s == "--from") {
            if (!value(a.from)) return usage_error("--from needs a format");
        } else if (s == "--to") {
            if (!value(a.to)) return usage_error("--to needs a format");
        } else if (s == "--offsets") {
            std::string u;
            if (!value(u)) return usage_error("--offsets needs codepoint, utf16 or utf8");
            if (u == "codepoint")
                a.offsets = aa::OffsetUnit::CodePoint;
            else if (u == "utf16")
                a.offsets = aa::OffsetUnit::Utf16;
            else if (u == "utf8")
                a.offsets = aa::OffsetUnit::Utf8;
            else
                return usage_error("unknown offset unit \"" + u + "\" (expected codepoint, utf16 or utf8)");
        } else if (s == "--in-offsets") {
            std::string u;
            if (!value(u)) return usage_error("--in-offsets needs codepoint, utf16 or utf8");
            a.in_offsets = aa::parse_offset_unit(u);
            if (!a.in_offsets)
                return usage_error("unknown offset unit \"" + u + "\" (expected codepoint, utf16 or utf8)");
        } else if (s == "--text") {
            if (!value(a.text_file)) return usage_error("--text needs a file");
        } else if (s == "--repair") {
            a.repair = true;
        } else if (s == "--column") {
            std::string n;
            if (!value(n)) return usage_error("--column needs a column number (1 is the first)");
            if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(n) == 0)
                return usage_error("--column needs a column number (1 is the first), got \"" + n + "\"");
            g_read_options.column = std::stoul(n);
        } else if (s == "--split-users") {
            g_read_options.split_users = true;
        } else if (s == "--trust-offsets") {
            g_read_options.trust_offsets = true;
        } else if (s == "--answers") {
            std::string list;
            if (!value(list)) return usage_error("--answers needs a list such as accept,reject,ignore");
            if (auto st = parse_answers(list); !st.empty()) return usage_error(st);
        } else if (s == "--scheme") {
            if (!value(a.scheme)) return usage_error("--scheme needs iob1, iob2 or bilou");
            if (a.scheme != "iob1" && a.scheme != "iob2" && a.scheme != "bilou" && a.scheme != "biluo")
                return usage_error("unknown scheme \"" + a.scheme + "\" (expected iob1, iob2 or bilou)");
        } else if (s == "--doccano-shape") {
            if (!value(a.doccano_shape)) return usage_error("--doccano-shape needs label or entities");
            if (a.doccano_shape != "label" && a.doccano_shape != "entities")
                return usage_error("unknown doccano shape \"" + a.doccano_shape + "\" (expected label or entities)");
        } else if (s == "--drop-crossing") {
            a.drop_crossing = true;
        } else if (s == "--annotators") {
            if (!value(a.annotators) || a.annotators.find(',') == std::string::npos)
                return usage_error("--annotators needs two names, A,B");
        } else if (s == "--force") {
            a.force = true;
        } else if (s == "--compact") {
            a.compact = true;
        } else if (s == "--json") {
            a.json = true;
        } else if (s.size() > 1 && s[0] == '-') {
            return usage_error("unknown option " + std::string(s));
        } else if (a.command.empty()) {
            a.command = std::string(s);
        } else {
            a.files.emplace_back(s);
        }
    }
    g_read_options.offsets = a.in_offsets;
    g_read_options.repair = a.repair;
    g_read_options.scheme = a.scheme;
    if (!a.text_file.empty()) {
        g_text = read_text_file(a.text_file);
        if (!g_text) return 1;
        g_read_options.text = &*g_text;
    }
    if (a.command == "validate") return cmd_validate(a);
    if (a.command == "stats") return cmd_stats(a);
    if (a.command == "convert") return cmd_convert(a);
    if (a.command == "agree") return cmd_agree(a);
    if (a.command.empty()) return usage_error("no command given");
    return usage_error("unknown command \"" + a.command + "\"");
}
