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

// One problem with an input, with where it is. `path` is a JSON-style path into a structured
// input ("entities[3].end"); line and column are 1-based (0 = unknown; column counts code points).
struct Error {
    std::string message;
    std::string path;
    size_t line = 0;
    size_t column = 0;

    // "path: message" when there is a path, else the message.
    std::string describe() const { return path.empty() ? message : path + ": " + message; }
};

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
    return Error{std::move(message), std::move(path), 0, 0};
}

}  // namespace aa
