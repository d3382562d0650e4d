// Safe output files for the CLI (policy in output.hpp). POSIX only: the CLI is a native tool.
#include "cli/output.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "core/printable.hpp"

namespace aa::cli {
namespace {

void error(const std::string& path, const std::string& message) {
    std::fprintf(stderr, "%s: error: %s\n", printable(path).c_str(), message.c_str());
}

// The file a path names, following symlinks; "" when it does not exist.
std::string resolved(const std::string& path) {
    char buf[PATH_MAX];
    return ::realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

std::string directory_of(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

bool write_all(int fd, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

// Creates a new file beside `target` with a random name, exclusively (O_CREAT|O_EXCL|O_NOFOLLOW):
// a file or symlink planted at a guessed name makes the open fail and another name is tried.
int create_temp(const std::string& target, std::string& name) {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(::getpid()));
    const std::string dir = directory_of(target);
    const std::string base = target.substr(target.find_last_of('/') + 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(gen()));
        name = dir + "/." + base + "." + suffix + ".tmp";
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

mode_t default_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

// Replaces (or creates) the regular file `target` atomically: temp file, fsync, rename.
bool replace_regular(const std::string& shown, const std::string& target, const std::string& data, mode_t mode) {
    std::string tmp;
    const int fd = create_temp(target, tmp);
    if (fd < 0) {
        error(shown, std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
        return false;
    }
    bool ok = write_all(fd, data) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    int err = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok && ::rename(tmp.c_str(), target.c_str()) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        error(shown, std::string("cannot write: ") + std::strerror(err));
    }
    return ok;
}

}  // namespace

bool check_outputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs, bool force) {
    bool ok = true;
    std::vector<std::string> existing;
    for (const std::string& out : outputs) {
        if (out == "-") continue;
        struct stat lst {};
        if (::lstat(out.c_str(), &lst) != 0) continue;  // new file
        struct stat st {};
        if (::stat(out.c_str(), &st) != 0) {
            error(out, "is a symbolic link to a missing file; give the target's name or remove the link");
            ok = false;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            error(out, "is a directory");
            ok = false;
            continue;
        }
        for (const std::string& in : inputs) {
            struct stat ist {};
            if (in == "-" || ::stat(in.c_str(), &ist) != 0) continue;
            if (ist.st_dev == st.st_dev && ist.st_ino == st.st_ino && S_ISREG(st.st_mode)) {
                error(out, in == out ? std::string("is the input file; choose another output name")
                                     : "is the input file " + printable(in) + "; choose another output name");
                ok = false;
            }
        }
        if (S_ISREG(st.st_mode) && !force) existing.push_back(out);
    }
    if (ok && !existing.empty()) {
        std::string list;
        for (const auto& e : existing) list += (list.empty() ? "" : ", ") + printable(e);
        std::fprintf(stderr, "annotator: error: %s would be replaced; nothing was written (--force replaces %s)\n",
                     list.c_str(), existing.size() == 1 ? "it" : "them");
        ok = false;
    }
    return ok;
}

bool is_special(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool write_output(const std::string& path, const std::string& data) {
    if (path == "-") {
        const bool ok = std::fwrite(data.data(), 1, data.size(), stdout) == data.size() && std::fflush(stdout) == 0;
        if (!ok) std::fprintf(stderr, "annotator: error: cannot write to standard output: %s\n", std::strerror(errno));
        return ok;
    }
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) != 0) {
        if (errno != ENOENT) {
            error(path, std::string("cannot write: ") + std::strerror(errno));
            return false;
        }
        return replace_regular(path, path, data, default_mode());
    }
    // A symlink is followed: its target is what the user means, and the link itself stays.
    const std::string target = S_ISLNK(lst.st_mode) ? resolved(path) : path;
    struct stat st {};
    if (target.empty() || ::stat(target.c_str(), &st) != 0) {
        error(path, "is a symbolic link to a missing file; give the target's name or remove the link");
        return false;
    }
    if (S_ISREG(st.st_mode)) return replace_regular(path, target, data, st.st_mode & 07777);
    if (S_ISDIR(st.st_mode)) {
        error(path, "is a directory");
        return false;
    }
    // A pipe, a terminal, a device or a socket: written through, never replaced.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        error(path, std::string("cannot write: ") + std::strerror(errno));
        return false;
    }
    bool ok = write_all(fd, data);
    int err = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) error(path, std::string("cannot write: ") + std::strerror(err));
    return ok;
}

std::optional<std::string> read_input(const std::string& path) {
    const bool stdin_ = path == "-";
    std::FILE* f = stdin_ ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        error(path, std::string("cannot open: ") + std::strerror(errno));
        return std::nullopt;
    }
    std::string data;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    const bool failed = std::ferror(f) != 0;
    const int err = errno;
    if (!stdin_) std::fclose(f);
    if (failed) {
        error(path, std::string("cannot read: ") + std::strerror(err));
        return std::nullopt;
    }
    return data;
}

void print_diagnostics(const std::string& source, const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags) std::fprintf(stderr, "%s\n", printable(d.report_in(source)).c_str());
}

}  // namespace aa::cli
