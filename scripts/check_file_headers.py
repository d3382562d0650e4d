#!/usr/bin/env python3
# House rules on the shape of every source file git tracks under src/ (ctest: file_headers): it
# starts with a comment saying what it owns (a .cpp may say it in one line and leave the rest to its
# header), and a file over 400 lines has a [SECTION] index near its top (the sections it names are
# marked in the body, `// ---- name ----`).
# Usage: scripts/check_file_headers.py [ROOT]   Exit 1 and one line per file that breaks a rule.
import os
import subprocess
import sys

SOURCES = ('.cpp', '.hpp', '.h', '.c', '.js')
LONG = 400  # lines: a longer file needs a [SECTION] index
INDEX_WITHIN = 80  # lines: where the index is looked for (before a long class declaration starts)


def opening_comment(lines):
    """The lines of the comment a file opens with (// lines; the JS 'use strict' may not precede it)."""
    out = []
    for line in lines:
        if line.startswith('//'):
            out.append(line)
        else:
            break
    return out


def problems(path, text):
    lines = text.split('\n')
    head = opening_comment(lines)
    found = []
    if not head:
        found.append(f'{path}:1: starts without a comment saying what the file owns')
    if len(lines) > LONG and not any('[SECTION]' in line for line in lines[:INDEX_WITHIN]):
        found.append(f'{path}:1: {len(lines)} lines and no [SECTION] index in its first {INDEX_WITHIN} lines')
    return found


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
    listed = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard', '--', 'src'], cwd=root,
                            capture_output=True, text=True, check=True).stdout.split('\n')
    files = [f for f in listed if f.endswith(SOURCES) and os.path.isfile(os.path.join(root, f))]
    if not files:
        print(f'check_file_headers: no source files under {root}/src', file=sys.stderr)
        return 1
    found = []
    for f in sorted(files):
        with open(os.path.join(root, f), encoding='utf-8') as fh:
            found += problems(f, fh.read())
    for line in found:
        print(line)
    if found:
        return 1
    print(f'check_file_headers: {len(files)} files open with what they own; every one over {LONG} lines '
          'has a [SECTION] index')
    return 0


if __name__ == '__main__':
    sys.exit(main())
