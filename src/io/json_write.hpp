// JSON written straight into a string, without a tree, private to aa_io: the big interchange writers
// (Label Studio, Prodigy, W3C) write their values with JsonWriter in the one-line layout
// (spans::inline_json's, or json::dump's compact one) and lay the one-line text out with
// pretty_inline, the same bytes as spans::pretty of the tree that text spells.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace aa::io::json {

// Appends values in order; keys and values go where JSON puts them (the commas are its business).
// spaced: ", " and ": " between members (inline_json); otherwise "," and ":" (json::dump).
class JsonWriter {
public:
    JsonWriter(std::string& out, bool spaced) : out_(out), comma_(spaced ? ", " : ","), colon_(spaced ? ": " : ":") {}
    JsonWriter& open_object() { return open('{'); }
    JsonWriter& open_array() { return open('['); }
    JsonWriter& close_object() { return close('}'); }
    JsonWriter& close_array() { return close(']'); }
    JsonWriter& key(std::string_view k);  // a member's key; its value comes next
    JsonWriter& str(std::string_view s);  // as json::dump writes a string (invalid UTF-8 as U+FFFD)
    JsonWriter& num(uint64_t n);
    JsonWriter& boolean(bool b);
    // A value already written in this writer's layout (a span kept for the relations).
    JsonWriter& raw(std::string_view value);
    // key(k), then the value.
    JsonWriter& member(std::string_view k, std::string_view s) { return key(k).str(s); }
    JsonWriter& member_num(std::string_view k, uint64_t n) { return key(k).num(n); }
    std::string& out() { return out_; }

private:
    JsonWriter& open(char c);
    JsonWriter& close(char c);
    void before_value();
    std::string& out_;
    std::string_view comma_;
    std::string_view colon_;
    bool fresh_ = true;  // nothing written yet in the current container, or right after a key
};

// The pretty layout (spans::pretty: a container that fits in `width` columns with a comma after it
// stays on one line, unless it is a list of two or more objects; others one member per line,
// indented by 2) of a value given in inline_json's one-line form, which must be that form exactly
// (as JsonWriter with spaced separators writes it). Ends with a newline, as spans::pretty.
std::string pretty_inline(std::string_view one_line, size_t width = 120);

}  // namespace aa::io::json
