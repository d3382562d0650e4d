#!/usr/bin/env python3
# The house rule "no function in src/ over 120 lines" (ctest: function_length), checked on the
# sources: a small C++ scanner that drops comments, strings and character literals, matches braces
# and measures each function definition from the line its name is on to its closing brace.
# Usage: scripts/check_function_length.py [ROOT] [--max N] [--list N] [--self-test]
#   Exit 1 and one line per function over the limit (FILE:LINE: NAME is N lines).
#   --list N prints every function of N lines or more, longest first, and exits 0.
#   --self-test measures a built-in source with the usual traps (braces in strings, initialisers).
# A function that reads better whole (a table, a switch over every case) is named in ALLOWED with
# the reason; the rule still fails if it grows past its recorded length.
import os
import re
import subprocess
import sys

LIMIT = 120
# "file:function": (most lines, why it stays whole). Keep this empty unless a reviewer agrees.
ALLOWED = {}

KEYWORDS_NOT_FUNCTIONS = {"if", "for", "while", "switch", "catch", "return", "sizeof", "alignof", "decltype"}


def strip(src):
    """The source with comments, string and character literals blanked out (newlines kept)."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "/" and i + 1 < n and src[i + 1] == "/":
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == "/" and i + 1 < n and src[i + 1] == "*":
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "R" and i + 1 < n and src[i + 1] == '"' and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', src[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = src.find(")" + m.group(1) + '"', i + m.end())
            end = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", src[i + 2:end]))
            i = end
        elif c == '"' or (c == "'" and not (i > 0 and src[i - 1].isalnum())):  # 1'000 is a digit separator
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", src[i + 1:j - 1]) + c if j - i >= 2 else src[i:j])
            i = j
        elif c == "#" and (i == 0 or src[i - 1] == "\n" or src[:i].rstrip(" \t").endswith("\n")):
            j = i
            while True:  # a preprocessor line, with its continuations
                k = src.find("\n", j)
                if k < 0:
                    k = n
                    break
                if src[k - 1] != "\\":
                    break
                j = k + 1
            out.append(re.sub(r"[^\n]", " ", src[i:k]))
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(src):
    """(name, first line, last line) of every function body at namespace or class scope."""
    text = strip(src)
    result = []
    stack = []  # one entry per open brace: "scope" (namespace, class, extern) or "other"
    start = 0  # where the current declaration at this scope began
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        elif c in ";":
            if all(k == "scope" for k in stack):
                start = i + 1
        elif c == "{":
            if all(k == "scope" for k in stack):
                head = text[start:i]
                kind, name = classify(head)
                if kind == "function":
                    first = head_line(text, start, i, line)
                    stack.append(("function", name, first))
                    continue
                if kind == "init":  # a member's brace initialiser in a constructor's list: still the head
                    stack.append("init")
                    continue
                stack.append("scope" if kind == "scope" else "other")
                start = i + 1
            else:
                stack.append("other")
        elif c == "}":
            if not stack:
                continue
            top = stack.pop()
            if isinstance(top, tuple):
                result.append((top[1], top[2], line))
            if top != "init" and all(k == "scope" for k in stack):
                start = i + 1
    return result


def head_line(text, start, brace, brace_line):
    """The line of the declaration's first non-blank character (its return type or name)."""
    head = text[start:brace]
    lead = len(head) - len(head.lstrip())
    return brace_line - text[start + lead:brace].count("\n")


def classify(head):
    h = " ".join(head.split())
    if not h:
        return "other", ""
    if re.match(r"^(template\s*<.*>\s*)?(namespace|extern\s+\"\"|extern)\b", h) or h.startswith("namespace"):
        return "scope", ""
    if re.match(r"^(template\s*<.*>\s*)?(typedef\s+)?(class|struct|union|enum)\b", h) and "(" not in h.split("{")[0].split(":")[0]:
        return "scope", ""
    if re.search(r"\b(class|struct|union)\b[^()]*$", h) and "(" not in h:
        return "scope", ""
    # A function: a name followed by a parameter list, then qualifiers, a trailing return type or a
    # constructor's initialiser list; not an initialiser (=) before the parameter list.
    m = re.search(r"([~\w:<>,\s\*&\[\]=!+\-/%^|]+?)\s*\(", h)
    if not m:
        return "other", ""
    before = h[:m.end() - 1]
    if "=" in before and not re.search(r"operator\s*[=!<>+\-*/%^|&]*=", before):
        return "other", ""
    name = re.findall(r"((?:[\w:]*operator\s*\S+)|~?[\w:]+)\s*$", before)
    name = name[0] if name else before.strip()
    if name.split("::")[-1] in KEYWORDS_NOT_FUNCTIONS:
        return "other", ""
    if re.search(r"\)[\s\w]*:[^:]", h) and re.search(r"[\w>]$", h):
        return "init", name
    return "function", name


def sources(root):
    try:
        out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "--", "src"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        out = [os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(os.path.join(root, "src")) for f in fs]
    return sorted(f for f in out if re.search(r"\.(c|cc|cpp|h|hpp|inc)$", f) and os.path.isfile(os.path.join(root, f))
                  and not f.endswith("_data.inc"))


SELF_TEST = """// a brace in a comment {
namespace n {
struct S {
    int f(int x) const { return x; }
    S() : v{1}, w(2) {
        char q = '{';
    }
    int v, w;
};
static const char* rows[][2] = {
    {"}", "{"},
};
void S::long_one() noexcept
{
    auto l = [&]() { return "}"; };
%s}
bool operator==(const S& a, const S& b) { return a.v == b.v; }
}  // namespace n
""" % ("    if (v) {\n    }\n" * 60)


def self_test():
    """The scanner on a source with the usual traps (exit 1 when it measures one wrongly)."""
    got = functions(SELF_TEST)
    want = [("f", 4, 4), ("S", 5, 7), ("S::long_one", 13, 136), ("operator==", 137, 137)]
    if got != want:
        print(f"check_function_length: self-test measured {got}, expected {want}", file=sys.stderr)
        return 1
    print("check_function_length: self-test passed")
    return 0


def main(argv):
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    limit, listing = LIMIT, None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--max":
            limit = int(args.pop(0))
        elif a == "--self-test":
            return self_test()
        elif a == "--list":
            listing = int(args.pop(0))
        else:
            root = os.path.abspath(a)
    found = []
    files = sources(root)
    if not files:
        print(f"check_function_length: no C++ files under {root}/src", file=sys.stderr)
        return 1
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            for name, first, last in functions(fh.read()):
                found.append((last - first + 1, f, first, name))
    found.sort(reverse=True)
    if listing is not None:
        for n, f, first, name in found:
            if n >= listing:
                print(f"{n:5} {f}:{first}: {name}")
        return 0
    bad = 0
    for n, f, first, name in found:
        allowed = ALLOWED.get(f"{f}:{name}")
        if n > limit and not (allowed and n <= allowed[0]):
            print(f"{f}:{first}: {name} is {n} lines (the limit is {limit}: split it along its phases)")
            bad += 1
    if bad:
        return 1
    print(f"check_function_length: {len(found)} functions in {len(files)} files, none over {limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
