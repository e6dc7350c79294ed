#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks that every C and C++ file of the tree is formatted as .clang-format says; names the files that are
# not and exits 1. `scripts/check-format.sh --fix` formats them instead. ctest runs the check (format_check).
#
# The formatter is Debian 12's clang-format 14 (installed by scripts/install-deps.sh --test): other versions
# break some lines differently, so the check runs only with that one.
set -euo pipefail
cd "$(dirname "$0")/.."

formatter=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$formatter" >/dev/null; then
    echo "scripts/check-format.sh: $formatter not found (Debian: apt-get install clang-format-14)" >&2
    exit 1
fi
if [[ -d .git || -f .git ]]; then
    mapfile -d '' files < <(git ls-files -z -- '*.c' '*.cpp' '*.h')
else
    mapfile -d '' files < <(find . -path ./build\* -prune -o \( -name '*.c' -o -name '*.cpp' -o -name '*.h' \) -print0)
fi

if [[ "${1:-}" == "--fix" ]]; then
    printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$formatter" -i
    exit 0
fi
unformatted=()
for file in "${files[@]}"; do
    if ! "$formatter" --dry-run --Werror "$file" >/dev/null 2>&1; then
        unformatted+=("$file")
    fi
done
if ((${#unformatted[@]} > 0)); then
    echo "scripts/check-format.sh: ${#unformatted[@]} file(s) not formatted as .clang-format says:" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    echo "run scripts/check-format.sh --fix (clang-format 14) and commit the result" >&2
    exit 1
fi
echo "scripts/check-format.sh: ${#files[@]} files formatted"
