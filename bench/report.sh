#!/usr/bin/env bash
# report.sh - how long `fazhi report` takes for a year with 1,000,000 work orders and
# 100,000 enforcement cases (bash bench/report.sh; B=build-bench for another build).
# Makes a fresh database in a temp folder, fills it with bench/report.sql (outside the
# timing), then times the figures alone, and the report as Markdown, HTML and DOCX (and
# PDF when LibreOffice is installed), printing wall seconds and peak memory (/usr/bin/time
# -v, else getrusage through python3). Asserts nothing. Knobs (env): BENCH_WO (1000000),
# BENCH_CASES (100000), BENCH_YEAR (2024), BENCH_DIR (temp folder parent), BENCH_KEEP.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=${B:-build}
BIN=$ROOT/$B/fazhi
N_WO=${BENCH_WO:-1000000}
N_CASES=${BENCH_CASES:-100000}
YEAR=${BENCH_YEAR:-2024}

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not built (make B=$B $B/fazhi)"
command -v sqlite3 >/dev/null || die "sqlite3 CLI not found (apt-get install sqlite3)"

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/fazhi-bench-report.XXXXXX")
cleanup() { [ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
DB=$WORK/bench.db

# measure LABEL CMD...: wall seconds and peak resident memory of one run
measure() {
    local label=$1; shift
    local out=$WORK/time.txt secs kb
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" >"$WORK/stdout" 2>"$out" || { cat "$out" >&2; die "$label failed"; }
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0;
               for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$out")
        kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")
    else
        read -r secs kb < <(python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode: sys.exit(r.returncode)
print(round(time.monotonic() - t, 2), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
)
    fi
    printf '%-34s %8.2f s %9.1f MiB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}

echo "fazhi report bench - $(date -Iseconds)"
echo "machine: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); temp folder on $(df -T "$WORK" | awk 'NR == 2 {print $2}')"
echo "binary: $BIN ($(date -r "$BIN" -Iseconds)), repo $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "data: $N_WO work orders and $N_CASES cases in $YEAR"
echo

# a migrated, empty database (the figures command opens and migrates it)
"$BIN" report --db "$DB" --year "$YEAR" --figures >/dev/null
t0=$(date +%s.%N)
printf 'CREATE TABLE bench_params(year, n_wo, n_cases);\nINSERT INTO bench_params VALUES (%d, %d, %d);\n.read bench/report.sql\n' \
    "$YEAR" "$N_WO" "$N_CASES" | sqlite3 -bail "$DB" >/dev/null
t1=$(date +%s.%N)
printf 'data generated in %.1f s: %s work orders, %s cases, %s evidence rows; db %s\n\n' \
    "$(echo "$t1 - $t0" | bc -l)" "$(sqlite3 "$DB" 'SELECT count(*) FROM workorders')" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM cases')" "$(sqlite3 "$DB" 'SELECT count(*) FROM evidence')" \
    "$(du -h "$DB" | cut -f1)"

printf '%-34s %10s %13s\n' "run" "wall" "peak RSS"
measure "figures (--figures, JSON)" "$BIN" report --db "$DB" --year "$YEAR" --figures --out "$WORK/f.json"
measure "report as Markdown" "$BIN" report --db "$DB" --year "$YEAR" --format md --out "$WORK/r.md"
measure "report as HTML" "$BIN" report --db "$DB" --year "$YEAR" --format html --out "$WORK/r.html"
measure "report as DOCX" "$BIN" report --db "$DB" --year "$YEAR" --format docx --out "$WORK/r.docx"
if command -v soffice >/dev/null || command -v libreoffice >/dev/null; then
    measure "report as PDF (LibreOffice)" "$BIN" report --db "$DB" --year "$YEAR" --format pdf --out "$WORK/r.pdf"
else
    echo "report as PDF                      skipped: LibreOffice (soffice) not installed"
fi
echo
echo "the report's work-order and case figures:"
grep -E '^\| [0-9]+ \| (12345热线及网上留言板受理工单|工单答复率|工单按时答复率|工单满意率|登记的行政执法案件和检查|全过程记录完整的案件|每项执法活动均由两名以上持证人员实施的案件) ' "$WORK/r.md" | cut -d'|' -f3,4
