// The JSON parse every reader shares (a SAX handler that builds the value, limits nesting and
// notices duplicate keys) and the Reporter that turns JSON paths into line/column positions.
//
// [SECTION] Reporter  [SECTION] parse (also with byte ranges left out)  [SECTION] parse only (benchmarks)
#include "io/json_read.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/utf8.hpp"
#include "io/json_long_string.hpp"
#include "io/json_parse_only.hpp"

namespace aa::io::json {

// ---- [SECTION] Reporter ----

void Reporter::add(Diagnostic::Severity severity, const JsonPath& path, std::string message) {
    if (severity == Diagnostic::Severity::Error) ++errors_;
    if (pending_.size() >= kMaxDiagnostics) {
        truncated_ = true;  // counted (a read with errors still fails), not listed
        return;
    }
    Pending p;
    p.d.severity = severity;
    p.d.path = format_path(path);
    p.d.message = std::move(message);
    p.byte = locator_.locate_nearest(path).begin;
    pending_.push_back(std::move(p));
}

void Reporter::error_at_byte(size_t byte, std::string message) {
    ++errors_;
    if (pending_.size() >= kMaxDiagnostics) {
        truncated_ = true;
        return;
    }
    Pending p;
    p.d.message = std::move(message);
    p.byte = byte;
    pending_.push_back(std::move(p));
}

std::string Reporter::raw(const JsonPath& path) const { return locator_.raw(path); }

std::vector<Diagnostic> Reporter::finish() {
    // In the order of the input, as a compiler lists them (parse-time problems such as duplicate
    // keys are found before the checks of the values).
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Pending& a, const Pending& b) { return a.byte < b.byte; });
    std::vector<size_t> bytes;
    bytes.reserve(pending_.size());
    for (const Pending& p : pending_) bytes.push_back(p.byte);
    const std::vector<LineCol> pos = line_cols(input_, bytes);
    std::vector<Diagnostic> out;
    out.reserve(pending_.size());
    for (size_t i = 0; i < pending_.size(); ++i) {
        Diagnostic d = std::move(pending_[i].d);
        d.line = pos[i].line;
        d.column = pos[i].column;
        d.offset = pending_[i].byte;
        out.push_back(std::move(d));
    }
    pending_.clear();
    if (truncated_) {
        Diagnostic d;
        d.severity = errors_ > 0 ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
        d.message = "too many problems: only the first " + std::to_string(kMaxDiagnostics) + " are listed";
        out.push_back(std::move(d));
    }
    return out;
}

// ---- [SECTION] parse ----

namespace {

// Builds an ordered_json like nlohmann's own DOM parser, plus: refuses nesting deeper than
// kMaxDepth (so that neither this nor a recursive walk over the result can exhaust the stack),
// records duplicate keys with their path, and keeps the syntax error's byte position.
class Builder : public SaxProblems {
public:
    explicit Builder(ojson& root) : root_(root) {}

    bool null() { return put(ojson(nullptr)); }
    bool boolean(bool v) { return put(ojson(v)); }
    bool number_integer(number_integer_t v) { return put(ojson(v)); }
    bool number_unsigned(number_unsigned_t v) { return put(ojson(v)); }
    bool number_float(number_float_t v, const string_t&) { return put(ojson(v)); }
    bool string(string_t& v) { return put(ojson(std::move(v))); }
    bool binary(binary_t& v) { return put(ojson::binary(std::move(v))); }

    bool start_object(size_t) { return open(ojson::value_t::object); }
    bool start_array(size_t) { return open(ojson::value_t::array); }
    bool end_object() {
        frames_.pop_back();
        return true;
    }
    bool end_array() {
        frames_.pop_back();
        return true;
    }

    bool key(string_t& k) {
        Frame& f = frames_.back();
        auto& obj = f.node->get_ref<ojson::object_t&>();
        // Small objects (one per entity) are scanned: a hash map per object cost more than the
        // parse. The index is built once an object grows past kScanKeys keys.
        size_t at = obj.size();
        if (obj.size() < kScanKeys) {
            for (auto i = obj.begin(); i != obj.end(); ++i)
                if (i->first == k) at = static_cast<size_t>(i - obj.begin());
        } else {
            if (f.index.empty())
                for (auto i = obj.begin(); i != obj.end(); ++i)
                    f.index.emplace(i->first, static_cast<size_t>(i - obj.begin()));
            at = f.index.emplace(k, obj.size()).first->second;
        }
        f.key = k;
        if (at == obj.size())
            obj.emplace_back(std::move(k), ojson());
        else
            duplicates.push_back(path());
        f.slot = &(obj.begin() + static_cast<std::ptrdiff_t>(at))->second;
        return true;
    }

private:
    static constexpr size_t kScanKeys = 16;

    struct Frame {
        ojson* node = nullptr;
        ojson* slot = nullptr;  // objects: the value of the current key
        std::string key;
        size_t count = 0;                               // arrays: elements so far
        std::unordered_map<std::string, size_t> index;  // objects: key -> position, to spot duplicates in O(1)
    };

    JsonPath path() const {
        JsonPath p;
        for (size_t i = 0; i < frames_.size(); ++i) {
            const Frame& f = frames_[i];
            if (f.node->is_object())
                p.push_back(PathItem::member(f.key));
            else if (f.count > 0)
                p.push_back(PathItem::element(f.count - 1));
        }
        return p;
    }

    ojson* place(ojson v) {
        if (frames_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        Frame& f = frames_.back();
        if (f.node->is_array()) {
            auto& arr = f.node->get_ref<ojson::array_t&>();
            arr.push_back(std::move(v));
            ++f.count;
            return &arr.back();
        }
        *f.slot = std::move(v);
        return f.slot;
    }

    bool put(ojson v) {
        place(std::move(v));
        return true;
    }

    bool open(ojson::value_t t) {
        if (frames_.size() >= kMaxDepth) {
            too_deep = true;
            ++frames_.back().count;  // path() names the element being opened, as place() would
            deep_path = path();
            return false;
        }
        ojson* n = place(ojson(t));
        frames_.push_back(Frame{n, nullptr, {}, 0, {}});
        return true;
    }

    ojson& root_;
    std::vector<Frame> frames_;
};

}  // namespace

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 8: syntax
// error while parsing value - ..."; the position is reported separately (in code points, not
// nlohmann's bytes), so keep only what follows it.
std::string syntax_message(const std::string& what) {
    size_t at = what.find("parse error at line ");
    if (at != std::string::npos) {
        const size_t colon = what.find(": ", at);
        if (colon != std::string::npos) return "JSON " + what.substr(colon + 2);
    }
    at = what.find("] ");
    return "JSON " + (at == std::string::npos ? what : what.substr(at + 2));
}

size_t syntax_error_byte(size_t position, const std::string& last_token, const std::string& what) {
    // `position` counts the characters read: point at the last one, where the problem showed.
    // A number that overflows is only known bad once read whole: point at its first digit
    // (for numbers, and only for them, the token string holds exactly the token).
    if (what.find("number overflow") != std::string::npos && !last_token.empty() && last_token.size() <= position)
        return position - last_token.size();
    return position > 0 ? position - 1 : 0;
}

bool check_input(std::string_view input, Reporter& r) {
    size_t start = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    if (input.find_first_not_of(" \t\r\n", start) == std::string_view::npos) {
        r.error_at_byte(0, "the file is empty");
        return false;
    }
    if (auto bad = utf8::validate(input)) {
        r.error_at_byte(bad->byte, bad->message);
        return false;
    }
    return true;
}

std::optional<ojson> parse(std::string_view input, Reporter& r) {
    if (!check_input(input, r)) return std::nullopt;
    return parse_checked(input, r);
}

std::optional<ojson> parse_checked(std::string_view input, Reporter& r) {
    ojson root;
    Builder b(root);
    const bool ok = ojson::sax_parse(input.begin(), input.end(), &b, ojson::input_format_t::json, true, false);
    if (b.too_deep) {
        const auto span = JsonLocator(input).locate_nearest(b.deep_path);
        r.error_at_byte(span.begin, "JSON nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
        return std::nullopt;
    }
    if (!ok || b.syntax_error) {
        r.error_at_byte(std::min(b.error_position, input.size()), syntax_message(b.error_message));
        return std::nullopt;
    }
    for (const JsonPath& p : b.duplicates) r.error(p, "duplicate key " + quote(p.back().key));
    return root;
}

std::optional<ojson> parse_skipping(std::string_view input, std::vector<Skip> skips) {
    std::sort(skips.begin(), skips.end(), [](const Skip& a, const Skip& b) { return a.begin < b.begin; });
    const char* b = input.data();
    std::vector<SkippingIterator::Range> ranges;
    ranges.reserve(skips.size());
    for (const Skip& k : skips) {
        if (k.begin >= k.end || k.end > input.size()) continue;
        if (!ranges.empty() && b + k.begin < ranges.back().end) return std::nullopt;  // overlapping
        ranges.push_back({b + k.begin, b + k.end});
    }
    ojson root;
    Builder builder(root);
    const bool ok = ojson::sax_parse(SkippingIterator(b, ranges.data(), ranges.size()),
                                     SkippingIterator(b + input.size(), ranges.data(), ranges.size()), &builder,
                                     ojson::input_format_t::json, true, false);
    if (!ok || builder.too_deep || builder.syntax_error || !builder.duplicates.empty()) return std::nullopt;
    return root;
}

std::optional<ojson> parse_quiet(std::string_view input) {
    if (utf8::validate(input)) return std::nullopt;
    ojson root;
    Builder b(root);
    const bool ok = ojson::sax_parse(input.begin(), input.end(), &b, ojson::input_format_t::json, true, false);
    if (!ok || b.too_deep || b.syntax_error) return std::nullopt;
    return root;
}

std::string describe(const ojson& v, const std::string& raw) {
    switch (v.type()) {
        case ojson::value_t::string: return "a string";
        case ojson::value_t::array: return "an array";
        case ojson::value_t::object: return "an object";
        case ojson::value_t::null: return "null";
        case ojson::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case ojson::value_t::number_integer:
        case ojson::value_t::number_unsigned:
        case ojson::value_t::number_float: return raw.empty() ? dump(v) : raw;
        default: return "an unsupported value";
    }
}

std::string quote(std::string_view s, size_t max_chars) {
    std::string out = "\"";
    size_t i = 0, n = 0;
    const std::string clean = utf8::validate(s) ? utf8::sanitize(s) : std::string();
    const std::string_view t = clean.empty() ? s : std::string_view(clean);
    while (i < t.size()) {
        if (n == max_chars) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(t[i]);
        const size_t len = utf8::sequence_length(c);
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out.append(t.substr(i, len));
        }
        i += len;
        ++n;
    }
    return out + "\"";
}

std::string dump(const ojson& v, int indent) { return v.dump(indent, ' ', false, ojson::error_handler_t::replace); }

std::optional<std::string> get_string(const ojson& obj, const JsonPath& obj_path, const char* key, bool required,
                                      Reporter& r) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) r.error(obj_path, std::string("missing required field \"") + key + "\"");
        return std::nullopt;
    }
    if (!it->is_string()) {
        const JsonPath p = obj_path / std::string(key);  // only on error: a path costs allocations
        r.error(p, "expected a string, got " + describe(*it, r.raw(p)));
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<uint64_t> as_uint(const ojson& v, const JsonPath& path, Reporter& r) {
    if (v.is_number_unsigned()) return v.get<uint64_t>();
    if (v.is_number_integer() && v.get<int64_t>() >= 0) return static_cast<uint64_t>(v.get<int64_t>());
    const std::string raw = r.raw(path);
    if (v.is_number_float() && !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos) {
        r.error(path, raw + " is too large");  // an integer beyond 64 bits: nlohmann made it a double
        return std::nullopt;
    }
    r.error(path, "expected a non-negative integer, got " + describe(v, raw));
    return std::nullopt;
}

std::optional<uint64_t> get_uint(const ojson& obj, const JsonPath& obj_path, const char* key, bool required,
                                 Reporter& r) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) r.error(obj_path, std::string("missing required field \"") + key + "\"");
        return std::nullopt;
    }
    if (it->is_number_unsigned()) return it->get<uint64_t>();  // the usual case, without building a path
    return as_uint(*it, obj_path / std::string(key), r);
}

bool require_object(const ojson& v, const JsonPath& path, Reporter& r) {
    if (v.is_object()) return true;
    r.error(path, "expected an object, got " + describe(v, r.raw(path)));
    return false;
}

}  // namespace aa::io::json

namespace aa::io {

// ---- [SECTION] parse only (benchmarks) ----

namespace {
struct NullSax : json::SaxProblems {
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(number_integer_t) { return true; }
    bool number_unsigned(number_unsigned_t) { return true; }
    bool number_float(number_float_t, const string_t&) { return true; }
    bool string(string_t&) { return true; }
    bool binary(binary_t&) { return true; }
    bool start_object(size_t) { return true; }
    bool start_array(size_t) { return true; }
    bool end_object() { return true; }
    bool end_array() { return true; }
    bool key(string_t&) { return true; }
};
}  // namespace

bool json_parse_only(std::string_view input) {
    NullSax sax;
    return json::ojson::sax_parse(input.begin(), input.end(), &sax, json::ojson::input_format_t::json, true, false) &&
           !sax.syntax_error;
}

}  // namespace aa::io
