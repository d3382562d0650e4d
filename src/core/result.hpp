// Errors for bad input: a returned value, never an exception (the project builds with
// -fno-exceptions). Programmer bugs are assertions (AA_ASSERT) instead.
#pragma once
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#define AA_ASSERT(cond, msg) assert((cond) && msg)

namespace aa {

// One problem with an input (or, for a writer, a loss), with where it is: the one diagnostic type
// of every layer. Readers and validators return lists of them, Result and Status carry one, and
// the CLI and the page format them with the functions below, so a message reads the same
// everywhere. `path` is a JSON-style path into a structured input ("entities[3].end"); line and
// column are 1-based (0 = unknown; column counts code points); offset is the byte offset in the
// input (kNoOffset = unknown).
struct Diagnostic {
    enum class Severity { Error, Warning };
    static constexpr size_t kNoOffset = static_cast<size_t>(-1);

    std::string message;
    std::string path;
    size_t line = 0;
    size_t column = 0;
    size_t offset = kNoOffset;
    Severity severity = Severity::Error;

    bool is_error() const { return severity == Severity::Error; }
    // "path: message", or the message when there is no path: a one-line status in the page, where
    // the colour tells an error from a warning and the position rarely helps.
    std::string summary() const { return path.empty() ? message : path + ": " + message; }
    // "LINE:COL: error: path: message" (position and path omitted when unknown), as a compiler writes it.
    std::string report() const {
        std::string out;
        if (line > 0) out += std::to_string(line) + ":" + std::to_string(column) + ": ";
        return out + (is_error() ? "error: " : "warning: ") + summary();
    }
    // report() after the input's name: "FILE:LINE:COL: error: ..." or "FILE: error: ...".
    std::string report_in(const std::string& source) const { return source + (line > 0 ? ":" : ": ") + report(); }
};

// Where one value was expected and a problem was found instead; the same type (kept as a name
// where a function fails with exactly one).
using Error = Diagnostic;

// A value or an Error.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() {
        AA_ASSERT(ok(), "Result::value() on an error");
        return std::get<0>(v_);
    }
    const T& value() const {
        AA_ASSERT(ok(), "Result::value() on an error");
        return std::get<0>(v_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const Error& error() const {
        AA_ASSERT(!ok(), "Result::error() on a value");
        return std::get<1>(v_);
    }

private:
    std::variant<T, Error> v_;
};

// Success or an Error, for operations that return nothing.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !error_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        AA_ASSERT(!ok(), "Status::error() on success");
        return *error_;
    }

private:
    std::optional<Error> error_;
};

inline Error make_error(std::string message, std::string path = {}) {
    return Error{std::move(message), std::move(path)};
}

}  // namespace aa
