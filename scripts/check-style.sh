#!/usr/bin/env bash
# check-style.sh - `make check-style`: the mechanical rules of STYLE.md that a script can
# check: no banned libc calls (R9: sprintf strcpy strcat strncpy strtok gets atoi, and
# sscanf, curl's habit), every C, header, SQL and test file opens with a comment (R1), and
# no line of C over 100 characters. Prints each finding as file:line and exits 1 if any.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r hit; do
    echo "banned call: $hit"; bad=1
done < <(grep -nE '(^|[^_a-z])(sprintf|strcpy|strcat|strncpy|strtok|gets|atoi|sscanf)[[:space:]]*\(' \
           src/*.c src/*/*.c src/*.h src/*/*.h | grep -vE 'snprintf|vsnprintf|//|/\*')
for f in src/*.c src/*/*.c src/*.h src/*/*.h tests/unit/*.c; do
    head -1 "$f" | grep -q '^/\*' || { echo "no opening comment: $f:1"; bad=1; }
done
for f in migrations/*.sql; do
    head -1 "$f" | grep -q '^--' || { echo "no opening comment: $f:1"; bad=1; }
done
for f in tests/api/*.mjs tests/browser/*.mjs tests/lib/*.mjs; do
    head -1 "$f" | grep -q '^//' || { echo "no opening comment: $f:1"; bad=1; }
done
while IFS= read -r hit; do
    echo "line over 100 columns: $hit"; bad=1
done < <(python3 -c '
import sys
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        if len(line.rstrip("\n")) > 100:
            print(f"{f}:{n}")' src/*.c src/*/*.c src/*.h src/*/*.h)
[ $bad -eq 0 ] && echo "check-style: clean"
exit $bad
