#!/usr/bin/env bash
# pg.sh - fazhi on PostgreSQL (`make bench-pg`, or `bash bench/pg.sh`): a throwaway
# PostgreSQL 15 cluster (scripts/pg-test-cluster.sh, loopback only), the demo data set, then
# the same wrk loads as bench/run.sh - authenticated one-record reads and durable audited
# work-order creates - against one fazhi server and against two servers sharing the
# database (a wrk per server, figures summed); pgbench's single-row commits/s on the same
# cluster as the bound for creates; and the year's 12345 figures over BENCH_PG_ORDERS
# (default 1,000,000; the issue asks 10,000,000: BENCH_PG_ORDERS=10000000) work orders
# generated with SQL. Prints figures, asserts nothing.
# Knobs: BENCH_DURATION (10s), BENCH_CONNS (8), BENCH_THREADS (2), BENCH_PG_ORDERS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=${B:-build}
BIN=$ROOT/$B/fazhi
DUR=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNS:-8}
WTHREADS=${BENCH_THREADS:-2}
N=${BENCH_PG_ORDERS:-1000000}
PGBIN=/usr/lib/postgresql/15/bin
die() { echo "bench-pg: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not built (make B=$B $B/fazhi)"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-bench-pg.XXXXXX")
chmod 711 "$WORK"          # the cluster inside runs as the postgres user
CL=$WORK/cluster
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    bash "$ROOT/scripts/pg-test-cluster.sh" stop "$CL" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash scripts/pg-test-cluster.sh start "$CL" >/dev/null || die "the cluster did not start"
BASE="postgresql://postgres@127.0.0.1:$(cat "$CL/port")"
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d "$BASE/postgres" -c "CREATE DATABASE bench" -c "CREATE DATABASE wo"
DB=$BASE/bench
export FAZHI_AUDIT_KEY=$WORK/bench.audit-key FAZHI_FILES=$WORK/bench.files FAZHI_ACCESS_LOG=false
echo "== fazhi bench on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
echo "machine  $(uname -srm); nproc $(nproc); binary $BIN ($(git rev-parse --short HEAD 2>/dev/null || echo ?))"
echo "load     wrk -t$WTHREADS -c$CONNS -d$DUR per server"
t0=$EPOCHREALTIME
"$BIN" demo --db "$DB" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; die "fazhi demo failed"; }
echo "demo     loaded in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s"

start() {   # starts one more server on $1; appends its URL to URLS
    local out=$WORK/serve-${#PIDS[@]}.out url=
    : >"$out"
    "$BIN" serve --listen 127.0.0.1:0 --db "$1" --web "$ROOT/web/dist" >"$out" 2>"$out.err" &
    PIDS+=($!)
    for _ in $(seq 200); do
        url=$(sed -n 's|^fazhi: serving \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$out")
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$out.err" >&2; die "fazhi serve did not start"; }
    URLS+=("$url")
}
session() {   # $1 url, $2 user, $3 password (the demo's) -> "cookie csrf"
    local body
    body=$(curl -fsS -D "$WORK/h" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$2\",\"password\":\"${3:-Fazhi@2026}\"}" "$1/api/v1/auth/login")
    printf '%s %s\n' "$(grep -io 'fazhi_session=[0-9a-f]*' "$WORK/h" | head -1)" \
        "$(printf '%s' "$body" | grep -o '"csrf_token":"[0-9a-f]*"' | head -1 | cut -d'"' -f4)"
}
load() {   # $1 mode; one wrk per server at once; prints "req/s p99ms errors" summed / max
    local i pids=() s cookie csrf
    for i in "${!URLS[@]}"; do
        read -r cookie csrf < <(session "${URLS[$i]}" admin)
        BENCH_MODE=$1 BENCH_COOKIE=$cookie BENCH_CSRF=$csrf BENCH_RUN="$(date +%s)$i" \
            BENCH_PARENT=1 timeout 120 wrk -t"$WTHREADS" -c"$CONNS" -d"$DUR" --timeout 10s \
            --latency -s "$ROOT/bench/wrk.lua" "${URLS[$i]}" >"$WORK/wrk-$1-$i.out" 2>&1 &
        pids+=($!)
    done
    for s in "${pids[@]}"; do wait "$s" || true; done
    # RESULT fields (bench/wrk.lua): name requests seconds req/s p50 p99 max socket http
    cat "$WORK"/wrk-"$1"-*.out | awk '/^RESULT / {r += $5; if ($7 > p) p = $7; e += $9 + $10}
        END {printf "%10.0f %9s %8d", r, p, e}'
    rm -f "$WORK"/wrk-"$1"-*.out
}

URLS=()
start "$DB"
printf '\n%-46s %10s %9s %8s\n' "load" "req/s" "p99 ms" "errors"
printf '%-46s %s\n' "(a) GET /api/v1/users/1, 1 server" "$(load get)"
printf '%-46s %s\n' "(d) POST /api/v1/workorders (durable), 1 server" "$(load wo_create)"
start "$DB"
printf '%-46s %s\n' "(a) GET /api/v1/users/1, 2 servers" "$(load get)"
printf '%-46s %s\n' "(d) POST /api/v1/workorders (durable), 2 servers" "$(load wo_create)"
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
PIDS=()
printf 'audit verify after both: '
"$BIN" audit verify --db "$DB" | head -1

# the commit bound: pgbench, one single-row insert per transaction, one client
psql -d "$DB" -c "CREATE TABLE IF NOT EXISTS bench_probe(id bigserial PRIMARY KEY, v text)"
echo "INSERT INTO bench_probe(v) VALUES ('one commit each');" >"$WORK/probe.sql"
tps=$("$PGBIN/pgbench" -n -c 1 -T 10 -f "$WORK/probe.sql" "$DB" 2>/dev/null |
      sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
echo "pgbench single-row commits/s, 1 client (bound for d with 1 server): ${tps:-?}"

# the year's figures over N work orders
echo 'Bench#2026' | FAZHI_AUDIT_KEY=$WORK/wo.audit-key "$BIN" user add bench --role leader \
    --password-stdin --db "$BASE/wo" >/dev/null
t0=$EPOCHREALTIME
psql -d "$BASE/wo" <<SQL
INSERT INTO workorders(no, channel, category, urgency, subject, content, citizen_phone,
    status, dept_id, received_at, signed_at, replied_at, visited_at, sign_due, reply_due,
    handling_workdays, callback_result, solved, created_at, updated_at)
SELECT 'GB2025-' || lpad(i::text, 8, '0'), CASE i % 5 WHEN 0 THEN 'board' ELSE 'hotline' END,
    CASE i % 7 WHEN 0 THEN 'consult' WHEN 1 THEN 'help' WHEN 2 THEN 'complaint'
        WHEN 3 THEN 'report' WHEN 4 THEN 'suggestion' WHEN 5 THEN 'praise' ELSE 'other' END,
    'normal', 'bench ' || i, '', '139' || lpad((i % 50000)::text, 8, '0'),
    CASE WHEN i % 50 = 0 THEN 'in_progress' ELSE 'closed' END, 1,
    format('2025-%s-%sT09:00:00+08:00', lpad((1 + i % 12)::text, 2, '0'), lpad((1 + i % 28)::text, 2, '0')),
    format('2025-%s-%sT10:00:00+08:00', lpad((1 + i % 12)::text, 2, '0'), lpad((1 + i % 28)::text, 2, '0')),
    CASE WHEN i % 50 = 0 THEN NULL ELSE format('2025-%s-%sT16:00:00+08:00', lpad((1 + i % 12)::text, 2, '0'), lpad((1 + i % 28)::text, 2, '0')) END,
    NULL,
    format('2025-%s-%sT23:59:59+08:00', lpad((1 + i % 12)::text, 2, '0'), lpad((1 + i % 28)::text, 2, '0')),
    format('2025-%s-%sT23:59:59+08:00', lpad((1 + i % 12)::text, 2, '0'), lpad((1 + (i + 3) % 28)::text, 2, '0')),
    i % 5, CASE i % 10 WHEN 0 THEN 'basic' WHEN 1 THEN 'dissatisfied' ELSE 'satisfied' END,
    CASE WHEN i % 9 <> 0 THEN 1 ELSE 0 END, '2025-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00'
FROM generate_series(1, $N) AS i;
ANALYZE workorders;
SQL
echo "work orders: generated $N rows in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s (SQL, not timed below)"
URLS=()
FAZHI_AUDIT_KEY=$WORK/wo.audit-key start "$BASE/wo"
read -r cookie _ < <(session "${URLS[0]}" bench 'Bench#2026')
for run in 1 2 3; do
    s=$EPOCHREALTIME
    out=$(curl -fsS -H "Cookie: $cookie" "${URLS[0]}/api/v1/workorders/stats?from=2025-01-01&to=2025-12-31")
    rec=$(printf '%s' "$out" | grep -o '"received":[0-9]*' | head -1 | cut -d: -f2)
    echo "work orders: year figures over $rec orders: $(awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}') s (run $run)"
done
