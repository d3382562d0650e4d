// Shared machinery of the JSON readers (private to aa_io's .cpp files: it includes nlohmann, which
// no public io header may): a parse that never aborts (empty input, invalid UTF-8, syntax errors,
// nesting depth, duplicate keys) and a Reporter that collects every problem with its JSON path and
// resolves line/column in the input only once, at the end.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/format.hpp"
#include "io/json_locate.hpp"

namespace aa::io::json {

using ojson = nlohmann::ordered_json;

constexpr size_t kMaxDepth = 256;         // deeper input is refused before it can exhaust a stack
constexpr size_t kMaxDiagnostics = 1000;  // after this many problems a reader stops reporting

class Reporter {
public:
    explicit Reporter(std::string_view input) : input_(input), locator_(input) {}

    // A problem with the value at `path`; its position is that value's,
    // or the nearest enclosing value that exists (a missing member points at its object).
    void error(const JsonPath& path, std::string message) {
        add(Diagnostic::Severity::Error, path, std::move(message));
    }
    void warning(const JsonPath& path, std::string message) {
        add(Diagnostic::Severity::Warning, path, std::move(message));
    }
    // A problem at a known byte offset of the input, without a path.
    void error_at_byte(size_t byte, std::string message);

    bool has_errors() const { return errors_ > 0; }
    // Nothing reported so far.
    bool quiet() const { return errors_ == 0 && pending_.empty() && !truncated_; }
    // The input is about to be given back (a reader that has nothing left to report, quiet()): a
    // problem reported after this has its path but no position (line 1, column 1).
    void forget_input() {
        input_ = {};
        locator_ = JsonLocator(input_);
    }
    // The source text of a value, for quoting numbers as written ("1e400", "2.50").
    std::string raw(const JsonPath& path) const;

    // Resolves positions and returns the diagnostics in the order they were reported.
    std::vector<Diagnostic> finish();

private:
    void add(Diagnostic::Severity severity, const JsonPath& path, std::string message);
    struct Pending {
        Diagnostic d;
        size_t byte = 0;
    };
    std::string_view input_;
    JsonLocator locator_;
    std::vector<Pending> pending_;
    size_t errors_ = 0;
    bool truncated_ = false;
};

// Parses `input` as one JSON value. Reports (and returns nullopt for) an empty input, invalid UTF-8
// (so that nothing later can meet it in dump()), syntax errors, nesting deeper than kMaxDepth;
// reports duplicate object keys as errors but still returns the value (the last one wins).
std::optional<ojson> parse(std::string_view input, Reporter& r);
// parse() for an input check_input() has passed (a reader that checked it first).
std::optional<ojson> parse_checked(std::string_view input, Reporter& r);
// A reader's fast parse of an input check_input() has passed, with byte ranges left out (a string's
// content, an array's elements: the parser sees "" or []; an empty range leaves nothing out). It
// reports nothing: nullopt on any problem (syntax, nesting, a duplicate key), and the reader then
// parses the input whole to say what is wrong.
struct Skip {
    size_t begin = 0, end = 0;
};
std::optional<ojson> parse_skipping(std::string_view input, std::vector<Skip> skips);

// The pieces of parse() a streaming (SAX) reader shares: the empty-input and UTF-8 checks (reported;
// false when the input cannot be parsed), the byte a syntax error points at, and nlohmann's
// message without its own position ("JSON syntax error while parsing value - ...").
bool check_input(std::string_view input, Reporter& r);
size_t syntax_error_byte(size_t position, const std::string& last_token, const std::string& what);
std::string syntax_message(const std::string& what);

// What a SAX handler records of the problems it meets (the DOM builder of parse() and the native
// streaming reader derive from it): nlohmann's syntax error with its byte, nesting past kMaxDepth,
// duplicate keys. parse_error is the SAX callback.
struct SaxProblems {
    // The value types nlohmann's SAX interface names (both handlers build or read ojson values).
    using number_integer_t = ojson::number_integer_t;
    using number_unsigned_t = ojson::number_unsigned_t;
    using number_float_t = ojson::number_float_t;
    using string_t = ojson::string_t;
    using binary_t = ojson::binary_t;

    template <class Exception>
    bool parse_error(size_t position, const std::string& last_token, const Exception& ex) {
        syntax_error = true;
        error_position = syntax_error_byte(position, last_token, ex.what());
        error_message = ex.what();
        return false;
    }

    bool syntax_error = false;
    size_t error_position = 0;
    std::string error_message;
    bool too_deep = false;
    JsonPath deep_path;
    std::vector<JsonPath> duplicates;
};

// Parses trusted-but-unchecked JSON text (the page's view preferences): nullopt on any problem.
std::optional<ojson> parse_quiet(std::string_view input);

// For messages: "a string", "an array", "an object", "null", "true", or a number as written.
std::string describe(const ojson& v, const std::string& raw);

// A string quoted for a one-line message: JSON escapes for quotes, backslashes and control
// characters, cut after `max_chars` code points with "...".
std::string quote(std::string_view s, size_t max_chars = 60);

// Serialises without ever aborting: invalid UTF-8 in strings becomes U+FFFD.
std::string dump(const ojson& v, int indent = -1);

// Reading members with type checks that report instead of aborting.
// Each returns nullopt (after reporting) when the member is present with the wrong type, or
// when it is required and missing; `present` tells a caller whether an optional one was there.
std::optional<std::string> get_string(const ojson& obj, const JsonPath& obj_path, const char* key, bool required,
                                      Reporter& r);
// A non-negative integer (offsets, indices), checked against `max` as given; messages quote the
// number as written.
std::optional<uint64_t> get_uint(const ojson& obj, const JsonPath& obj_path, const char* key, bool required,
                                 Reporter& r);
// The same for a value that is not an object member.
std::optional<uint64_t> as_uint(const ojson& v, const JsonPath& path, Reporter& r);
// Reports "missing required field" for each absent key.
bool require_object(const ojson& v, const JsonPath& path, Reporter& r);

}  // namespace aa::io::json
