#!/usr/bin/env bash
# modules.sh - module benchmarks for `make bench` (called by bench/run.sh, or alone):
# (1) the year's 12345 figures (GET /api/v1/workorders/stats) over 1,000,000 work orders
#     generated with SQL straight into a fresh database (outside the timing), 3 runs;
# (2) an evidence upload of a 200 MB file through POST /api/v1/cases/{id}/evidence:
#     MB/s and the server's peak resident memory (VmHWM) before and after, which shows
#     the upload is streamed, not held in memory.
# Loopback only; bounded; prints figures and asserts nothing.
# Knobs: BENCH_WO_ORDERS (1000000), BENCH_UPLOAD_MB (200).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/${B:-build}/fazhi
N=${BENCH_WO_ORDERS:-1000000}
MB=${BENCH_UPLOAD_MB:-200}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-bench-mod.XXXXXX")
PID=
cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

start() {   # $1 = db; sets URL and PID
    : >"$WORK/out"
    "$BIN" serve --listen 127.0.0.1:0 --db "$1" --web "$ROOT/web/dist" >"$WORK/out" 2>/dev/null &
    PID=$!
    URL=
    for _ in $(seq 100); do
        URL=$(sed -n 's|^fazhi: serving \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$WORK/out")
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    echo "bench: server did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
login() {   # $1 user, $2 password; sets COOKIE and CSRF
    local body
    body=$(curl -fsS -D "$WORK/h" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/auth/login")
    COOKIE=$(grep -io 'fazhi_session=[0-9a-f]*' "$WORK/h" | head -1)
    CSRF=$(printf '%s' "$body" | grep -o '"csrf_token":"[0-9a-f]*"' | head -1 | cut -d'"' -f4)
}

# --- (1) figures over N orders --------------------------------------------------------
DB=$WORK/wo.db
echo 'Bench#2026' | "$BIN" user add bench --role leader --password-stdin --db "$DB" >/dev/null
t0=$EPOCHREALTIME
sqlite3 "$DB" >/dev/null <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO workorders(no, channel, category, urgency, subject, content, citizen_phone,
    status, dept_id, received_at, signed_at, replied_at, visited_at, sign_due, reply_due,
    handling_workdays, callback_result, solved, created_at, updated_at)
SELECT printf('GB2025-%07d', i), CASE i % 5 WHEN 0 THEN 'board' ELSE 'hotline' END,
    CASE i % 7 WHEN 0 THEN 'consult' WHEN 1 THEN 'help' WHEN 2 THEN 'complaint'
        WHEN 3 THEN 'report' WHEN 4 THEN 'suggestion' WHEN 5 THEN 'praise' ELSE 'other' END,
    'normal', 'bench ' || i, '', printf('139%08d', i % 50000),
    CASE WHEN i % 50 = 0 THEN 'in_progress' ELSE 'closed' END, 1,
    printf('2025-%02d-%02dT09:00:00+08:00', 1 + i % 12, 1 + i % 28),
    printf('2025-%02d-%02dT10:00:00+08:00', 1 + i % 12, 1 + i % 28),
    CASE WHEN i % 50 = 0 THEN NULL ELSE printf('2025-%02d-%02dT16:00:00+08:00', 1 + i % 12, 1 + i % 28) END,
    NULL,
    printf('2025-%02d-%02dT23:59:59+08:00', 1 + i % 12, 1 + i % 28),
    printf('2025-%02d-%02dT23:59:59+08:00', 1 + i % 12, 1 + (i + 3) % 28),
    i % 5, CASE i % 10 WHEN 0 THEN 'basic' WHEN 1 THEN 'dissatisfied' ELSE 'satisfied' END,
    i % 9 <> 0, '2025-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00'
FROM n;
SQL
t1=$EPOCHREALTIME
echo "work orders: generated $(sqlite3 "$DB" 'SELECT count(*) FROM workorders') rows in" \
     "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s (SQL, not timed below)"
start "$DB"
login bench Bench#2026
for run in 1 2 3; do
    s=$EPOCHREALTIME
    out=$(curl -fsS -H "Cookie: $COOKIE" "$URL/api/v1/workorders/stats?from=2025-01-01&to=2025-12-31")
    e=$EPOCHREALTIME
    rec=$(printf '%s' "$out" | grep -o '"received":[0-9]*' | head -1 | cut -d: -f2)
    echo "work orders: year figures over $rec orders (totals, by department, category, month):" \
         "$(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}') s (run $run)"
done
stop

# --- (2) evidence upload ----------------------------------------------------------------
DB=$WORK/demo.db
"$BIN" demo --db "$DB" >/dev/null
case_id=$(sqlite3 "$DB" "SELECT id FROM cases WHERE stage = 'investigating' LIMIT 1")
head -c "$((MB * 1024 * 1024))" /dev/urandom >"$WORK/evidence.bin"
start "$DB"
login officer1 Fazhi@2026
before=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
s=$EPOCHREALTIME
code=$(curl -sS -o "$WORK/up.json" -w '%{http_code}' -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
    -F record=av_record -F kind=video -F "file=@$WORK/evidence.bin;type=video/mp4" \
    "$URL/api/v1/cases/$case_id/evidence")
e=$EPOCHREALTIME
after=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
echo "evidence upload: $MB MB -> HTTP $code in $(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}') s" \
     "= $(awk -v a="$s" -v b="$e" -v m="$MB" 'BEGIN {printf "%.0f", m / (b - a)}') MB/s" \
     "(SHA-256 + SM3 while streaming to disk); server peak RSS $((before / 1024)) MB before," \
     "$((after / 1024)) MB after"
sha=$(sha256sum "$WORK/evidence.bin" | cut -d' ' -f1)
grep -q "$sha" "$WORK/up.json" && echo "evidence upload: SHA-256 matches the file's" \
    || echo "evidence upload: SHA-256 MISMATCH: $(cat "$WORK/up.json")"
stop
