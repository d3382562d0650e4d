#!/usr/bin/env bash
# The committed .clang-format holds for every C++ file git tracks under src/, tests/, bench/ and
# fuzz/ (ctest: format). Fix with: clang-format -i FILE... (clang-format 14, Debian's).
# Usage: scripts/check_format.sh [ROOT]   Exit 1 and clang-format's report when a file differs.
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$ROOT"
CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
command -v "$CLANG_FORMAT" >/dev/null || { echo "check_format: $CLANG_FORMAT not found (scripts/deps.sh native)" >&2; exit 1; }
mapfile -t files < <(git ls-files -co --exclude-standard -- src tests bench fuzz | grep -E '\.(c|cc|cpp|h|hpp)$' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
[ ${#files[@]} -gt 0 ] || { echo "check_format: no C++ files found under $ROOT" >&2; exit 1; }
"$CLANG_FORMAT" --dry-run -Werror "${files[@]}"
echo "check_format: ${#files[@]} files match .clang-format"
