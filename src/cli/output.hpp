// The CLI's output files: what may be written where, decided for every output before the first
// byte is written, and each write made so that a failure or a planted file never costs data.
// Policy (README "Output files"): a regular file is replaced atomically through an exclusive,
// randomly named temporary file in its directory; a pipe, a device or "-" is written through; a
// symlink is followed and its target replaced (the link stays); an existing file is replaced only
// with --force; an input file is never an output, --force or not. Also the one way a diagnostic
// reaches stderr ("FILE:LINE:COL: error: path: message").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace aa::cli {

// Checks every planned output against the inputs and the file system; prints one message per
// problem (naming all the existing files at once) and returns false if anything is refused.
bool check_outputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs, bool force);

// True when `path` exists and is not a regular file (after symlinks): a pipe, a device, a socket.
bool is_special(const std::string& path);

// Writes `data` to `path` by the policy above; prints why not and returns false on failure,
// leaving any existing file as it was.
bool write_output(const std::string& path, const std::string& data);

// Reads a whole file in binary ("-" = standard input); nullopt after printing why not
// ("FILE: error: cannot open: REASON").
std::optional<std::string> read_input(const std::string& path);

// Prints each diagnostic on stderr after the name of its input (Diagnostic::describe_in), with
// terminal control characters made visible (core/printable).
void print_diagnostics(const std::string& source, const std::vector<Diagnostic>& diags);

}  // namespace aa::cli
