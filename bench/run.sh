#!/usr/bin/env bash
# run.sh - fazhi's load benchmark (`make bench`, or `B=build-bench bash bench/run.sh`).
# Starts the optimized ${B:-build}/fazhi on a fresh demo database in a temp folder on a
# free loopback port, logs in as admin, and runs three bounded wrk loads against
# 127.0.0.1 only: an authenticated one-record read, an authenticated durable+audited
# create, and the unauthenticated health check. Before that it measures what a bare
# sqlite3 gets for fsync'd single-row commits (WAL, synchronous=FULL) on the same disk,
# the ceiling the create figure is to be read against. Prints a table; asserts nothing.
# Knobs (env): BENCH_DURATION (10s), BENCH_CONNS (8), BENCH_THREADS (2),
# BENCH_FSYNC_N (1000 commits per probe), BENCH_DIR (where the temp folder goes, default $TMPDIR),
# BENCH_ACCESS_LOG (true: the server's default, one stderr line per request, to a file),
# FAZHI_THREADS (server worker threads, default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=${B:-build}
BIN=$ROOT/$B/fazhi
DUR=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNS:-8}
WTHREADS=${BENCH_THREADS:-2}
FSYNC_N=${BENCH_FSYNC_N:-1000}
ACCESS_LOG=${BENCH_ACCESS_LOG:-true}

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not built (make B=$B $B/fazhi)"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
command -v sqlite3 >/dev/null || die "sqlite3 CLI not found (apt-get install sqlite3)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/fazhi-bench.XXXXXX")
DB=$WORK/bench.db
SRV_PID=
cleanup() {
    if [ -n "$SRV_PID" ] && kill -0 "$SRV_PID" 2>/dev/null; then
        kill "$SRV_PID" 2>/dev/null || true
        wait "$SRV_PID" 2>/dev/null || true
    fi
    if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
server_alive() {   # the server must still be up; if not, say how it ended
    kill -0 "$SRV_PID" 2>/dev/null && return 0
    local st=0
    wait "$SRV_PID" 2>/dev/null || st=$?
    SRV_PID=
    echo "bench: fazhi serve died $1 (wait status $st$([ $st -gt 128 ] && echo ", signal $((st - 128))")); last stderr lines:" >&2
    grep -v '^[0-9T:+-]* [A-Z]* /' "$WORK/serve.err" | tail -20 >&2
    exit 1
}

# --- machine -------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
[ -n "$cpu" ] || cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
fsinfo=$(df -hT "$WORK" 2>/dev/null | awk 'NR==2 {print $1" ("$2"), mounted on "$7}')
echo "== fazhi bench"
echo "date     $(date -Iseconds)"
echo "machine  $(uname -srm); nproc $(nproc); CPU ${cpu:-unknown}"
echo "memory   $(free -h 2>/dev/null | awk '/^Mem:/ {print $2" total"}')"
echo "disk     $WORK on ${fsinfo:-unknown}"
echo "binary   $BIN (built $(date -r "$BIN" -Iseconds); repo HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?"))"
echo "sqlite   $(sqlite3 --version | cut -d' ' -f1) (CLI); wrk $(wrk --version 2>&1 | head -1 | cut -d' ' -f2)"
echo "load     wrk -t$WTHREADS -c$CONNS -d$DUR per row; server threads ${FAZHI_THREADS:-4}; access log $ACCESS_LOG"
echo

# --- the fsync bound: bare sqlite3, WAL + synchronous=FULL, one row per commit ---------
# Run before and after the loads (the disk and the machine drift); the create figure is
# read against the mean of the two.
fsync_probe() {   # $1 = label; prints a line, sets PROBE_RATE
    local probe=$WORK/fsync-probe-$1.db sql=$WORK/fsync-probe.sql t0 t1 n i
    printf 'PRAGMA journal_mode=WAL;\nCREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL);\n' \
        | sqlite3 "$probe" >/dev/null
    {
        echo "PRAGMA synchronous=FULL;"   # per connection; WAL mode is stored in the file
        for ((i = 1; i <= FSYNC_N; i++)); do
            echo "INSERT INTO t(v) VALUES ('row $i of the fsync probe, one commit each');"
        done
    } >"$sql"
    t0=$EPOCHREALTIME
    timeout 20 sqlite3 "$probe" <"$sql" >/dev/null || true    # bounded even on a slow disk
    t1=$EPOCHREALTIME
    n=$(sqlite3 "$probe" "SELECT count(*) FROM t")
    PROBE_RATE=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')
    awk -v n="$n" -v a="$t0" -v b="$t1" -v l="$1" 'BEGIN {printf "sqlite3 fsync bound (%s): " \
        "%d single-row commits in %.2f s = %.0f commits/s (%.3f ms each), WAL + " \
        "synchronous=FULL, one connection\n", l, n, b - a, n / (b - a), (b - a) * 1000 / n}'
    rm -f "$probe" "$probe-wal" "$probe-shm"
}
fsync_probe before
FSYNC_BEFORE=$PROBE_RATE
echo

# --- server --------------------------------------------------------------------------
"$BIN" demo --db "$DB" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; die "fazhi demo failed"; }
: >"$WORK/serve.out"    # exists before the background job opens it
FAZHI_ACCESS_LOG=$ACCESS_LOG "$BIN" serve --listen 127.0.0.1:0 --db "$DB" \
    --web "$ROOT/web/dist" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SRV_PID=$!
URL=
for _ in $(seq 100); do
    URL=$(sed -n 's|^fazhi: serving \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$WORK/serve.out")
    [ -n "$URL" ] && break
    kill -0 "$SRV_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; die "fazhi serve exited"; }
    sleep 0.1
done
[ -n "$URL" ] || die "fazhi serve did not start"
curl -fsS "$URL/api/v1/health" >/dev/null || die "health check failed"
server_alive "at start"

login=$(curl -fsS -D "$WORK/login.h" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Fazhi@2026"}' "$URL/api/v1/auth/login") \
    || die "login as admin failed"
COOKIE=$(grep -io 'fazhi_session=[0-9a-f]*' "$WORK/login.h" | head -1)
CSRF=$(printf '%s' "$login" | grep -o '"csrf_token":"[0-9a-f]*"' | head -1 | cut -d'"' -f4)
if [ -z "$COOKIE" ] || [ -z "$CSRF" ]; then die "no session cookie or CSRF token in the login reply"; fi
curl -fsS -H "Cookie: $COOKIE" "$URL/api/v1/users/1" >/dev/null || die "GET /api/v1/users/1 failed"
RUN=$(date +%s)
PARENT=1

load() {   # $1 = mode; sets RESULT to wrk's RESULT line
    BENCH_MODE=$1 BENCH_COOKIE=$COOKIE BENCH_CSRF=$CSRF BENCH_RUN=$RUN BENCH_PARENT=$PARENT \
        timeout 120 wrk -t"$WTHREADS" -c"$CONNS" -d"$DUR" --timeout 10s --latency \
        -s "$ROOT/bench/wrk.lua" "$URL" >"$WORK/wrk-$1.out" 2>&1 || true
    server_alive "during the $1 load"
    RESULT=$(grep '^RESULT ' "$WORK/wrk-$1.out") || { cat "$WORK/wrk-$1.out" >&2; die "wrk $1 failed"; }
}
echo "running: GET /api/v1/users/1 ..."
load get; R_GET=$RESULT
echo "running: POST /api/v1/departments ..."
load create; R_CREATE=$RESULT
echo "running: GET /api/v1/health ..."
load health; R_HEALTH=$RESULT
echo "running: POST /api/v1/workorders ..."
load wo_create; R_WO=$RESULT
fsync_probe after
FSYNC_AFTER=$PROBE_RATE
FSYNC_RATE=$(( (FSYNC_BEFORE + FSYNC_AFTER) / 2 ))
echo

# --- table ---------------------------------------------------------------------------
row() {   # $1 label, $2 RESULT line
    # shellcheck disable=SC2086
    set -- "$1" $2
    printf '%-44s %10s %9s %9s %9s %9s %8s\n' "$1" "$6" "$7" "$8" "$9" "$4" "$((${10} + ${11}))"
}
printf '%-44s %10s %9s %9s %9s %9s %8s\n' "load (wrk -t$WTHREADS -c$CONNS -d$DUR)" \
    "req/s" "p50 ms" "p99 ms" "max ms" "count" "errors"
row "(a) GET /api/v1/users/1 (session)" "$R_GET"
row "(b) POST /api/v1/departments (durable)" "$R_CREATE"
row "(c) GET /api/v1/health (no session)" "$R_HEALTH"
row "(d) POST /api/v1/workorders (durable)" "$R_WO"
printf '%-44s %10s   (before %s, after %s: mean of the two)\n' \
    "    sqlite3 fsync'd commits/s (bound for b)" "$FSYNC_RATE" "$FSYNC_BEFORE" "$FSYNC_AFTER"
echo "errors = socket errors (connect/read/write/timeout) + HTTP status >= 400"
echo

# --- sanity: the creates are in the database, the audit log verifies --------------------
kill "$SRV_PID" 2>/dev/null || true
wait "$SRV_PID" 2>/dev/null || true
SRV_PID=
# shellcheck disable=SC2086
set -- $R_CREATE
rows=$(sqlite3 "$DB" "SELECT count(*) FROM departments WHERE code LIKE 'B$RUN-%'")
audits=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'dept.create' AND summary LIKE '%B$RUN-%'")
echo "creates: wrk counted $3 replies ($(($9 + ${10})) errors); $rows rows in departments," \
     "$audits dept.create audit entries (rows >= replies: requests in flight at the end also commit)"
echo "create / fsync bound: $(awk -v a="$5" -v b="$FSYNC_RATE" 'BEGIN {printf "%.2f", a / b}')"
printf 'audit verify: '
"$BIN" audit verify --db "$DB" || echo "(audit verify FAILED)"

# --- work-order figures over 1,000,000 orders, evidence upload of 200 MB --------------
echo
B=$B bash "$ROOT/bench/modules.sh" || echo "bench: modules.sh failed"

# --- regulations search latency (bench/regsearch.mjs, bench/regsearch.md) ----------------
echo
FAZHI_BIN=$BIN node "$ROOT/bench/regsearch.mjs" || echo "bench: regsearch failed"

# --- the same on PostgreSQL, one and two servers (bench/pg.sh) ---------------------------
echo
B=$B bash "$ROOT/bench/pg.sh" || echo "bench: pg.sh failed"
