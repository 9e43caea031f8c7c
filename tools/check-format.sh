#!/bin/sh
# Lists C files whose formatting differs from .clang-format (exit 1 if any).
# Usage: check-format.sh CLANG_FORMAT
set -eu
cf=${1:-clang-format}
cd "${MESON_SOURCE_ROOT:-.}"
bad=0
for f in $(git ls-files 'core/*.[ch]' 'app/*.[ch]' 'hub/*.[ch]'); do
  if ! "$cf" --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "needs formatting: $f"
    bad=1
  fi
done
exit $bad
