// JSON written without a tree, and the pretty layout of a one-line value (json_write.hpp).
#include "io/json_write.hpp"

#include <charconv>

#include "core/utf8.hpp"
#include "io/native_json.hpp"

namespace aa::io::json {

void JsonWriter::before_value() {
    if (!fresh_) out_ += comma_;
    fresh_ = false;
}

JsonWriter& JsonWriter::open(char c) {
    before_value();
    out_ += c;
    fresh_ = true;
    return *this;
}

JsonWriter& JsonWriter::close(char c) {
    out_ += c;
    fresh_ = false;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    native::append_string(out_, k);
    out_ += colon_;
    fresh_ = true;
    return *this;
}

JsonWriter& JsonWriter::str(std::string_view s) {
    before_value();
    native::append_string(out_, s);
    return *this;
}

JsonWriter& JsonWriter::num(uint64_t n) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, r.ptr);
    return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view value) {
    before_value();
    out_ += value;
    return *this;
}

namespace {

// Walks a one-line value (valid JSON as JsonWriter or inline_json writes it) and writes its layout.
// Each container is written one member per line first; one that turns out to fit is then replaced
// by its one-line text, which is a slice of the input: the layout costs the size of the input and
// of the output, whatever the nesting.
class Relayout {
public:
    Relayout(std::string_view s, size_t width, std::string& out) : s_(s), width_(width), out_(out) {}
    // Lays out the value at s_[p] (its first line starts `used` columns in, the others `indent`);
    // returns where it ends.
    size_t put(size_t p, size_t indent, size_t used);

private:
    size_t string_end(size_t p) const;  // s_[p] is '"'
    size_t scalar_end(size_t p) const;
    bool fits(std::string_view one, size_t used) const;
    size_t put_container(size_t p, size_t indent, size_t used);

    std::string_view s_;
    size_t width_;
    std::string& out_;
};

size_t Relayout::string_end(size_t p) const {
    for (size_t i = p + 1; i < s_.size(); ++i) {
        if (s_[i] == '"') return i + 1;
        if (s_[i] == '\\') ++i;
    }
    return s_.size();
}

size_t Relayout::scalar_end(size_t p) const {
    if (s_[p] == '"') return string_end(p);
    size_t i = p;
    while (i < s_.size() && s_[i] != ',' && s_[i] != '}' && s_[i] != ']') ++i;
    return i;
}

// As spans::pretty decides: the one-line form and a comma after it within the width, in columns
// (code points); a form longer than 4 bytes a column cannot fit, and is not counted.
bool Relayout::fits(std::string_view one, size_t used) const {
    const size_t room = width_ > used ? width_ - used : 0;
    if (one.size() > 4 * room) return false;
    return used + utf8::count_code_points(one) + 1 <= width_;
}

size_t Relayout::put(size_t p, size_t indent, size_t used) {
    const char c = s_[p];
    if ((c != '{' && c != '[') || (p + 1 < s_.size() && (s_[p + 1] == '}' || s_[p + 1] == ']'))) {
        const size_t e = c == '{' || c == '[' ? p + 2 : scalar_end(p);
        out_.append(s_.substr(p, e - p));
        return e;
    }
    return put_container(p, indent, used);
}

size_t Relayout::put_container(size_t p, size_t indent, size_t used) {
    const size_t mark = out_.size();
    const bool object = s_[p] == '{';
    out_ += object ? "{\n" : "[\n";
    size_t objects = 0;  // a list of two or more objects is one per line, even when short
    size_t q = p + 1;
    for (;;) {
        out_.append(indent + 2, ' ');
        size_t u = indent + 2;
        if (object) {
            const size_t value = string_end(q) + 2;  // past `": `
            const std::string_view k = s_.substr(q, value - q);
            out_ += k;
            u += utf8::count_code_points(k);
            q = value;
        } else {
            objects += s_[q] == '{';
        }
        q = put(q, indent + 2, u);
        if (q < s_.size() && s_[q] == ',') {
            out_ += ",\n";
            q += 2;  // ", "
        } else {
            out_ += '\n';
            break;
        }
    }
    out_.append(indent, ' ');
    out_ += object ? '}' : ']';
    const size_t end = q + 1;
    const std::string_view one = s_.substr(p, end - p);
    if (objects < 2 && fits(one, used)) {
        out_.resize(mark);
        out_ += one;
    }
    return end;
}

}  // namespace

std::string pretty_inline(std::string_view one_line, size_t width) {
    std::string out;
    out.reserve(one_line.size() + one_line.size() / 4 + 16);
    if (!one_line.empty()) Relayout(one_line, width, out).put(0, 0, 0);
    out += '\n';
    return out;
}

}  // namespace aa::io::json
