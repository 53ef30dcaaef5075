#!/usr/bin/env bash
# pg-pitr-test.sh - backup and point-in-time recovery of PostgreSQL 15, done once end to end on
# a throwaway cluster (scripts/pg-test-cluster.sh), as docs/postgresql.md describes it:
#   1. WAL archiving on (archive_mode, archive_command copying each segment to an archive)
#   2. 1000 rows, then a base backup with pg_basebackup (tar, compressed, WAL streamed)
#   3. 500 rows more, note the time T, 700 rows more, switch and archive the WAL
#   4. restore the base backup into a new folder, recover from the archive to T
#      (restore_command, recovery_target_time, recovery.signal), promote
#   5. check: exactly 1500 rows (the 700 after T are gone), a new timeline, read-write
# Exit 0 when the restored cluster holds exactly the rows committed before T. Everything is
# stopped and removed on exit. HA_KEEP=1 keeps the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CLUSTER=scripts/pg-test-cluster.sh

say() { printf '[pitr %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then setpriv --reuid postgres --regid postgres --init-groups -- "$@"
    else "$@"; fi
}

T=$(mktemp -d /tmp/fazhi-pitr.XXXXXX)
chmod 755 "$T"
P=$T/primary R=$T/restore A=$T/archive B=$T/base
cleanup() {
    local rc=$?
    set +e
    [ -f "$R/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$R/data" -m immediate stop >/dev/null
    bash "$CLUSTER" stop "$P"
    if [ "${HA_KEEP:-}" = 1 ]; then say "kept $T"; else rm -rf -- "$T"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. a cluster with WAL archiving ----
bash "$CLUSTER" start "$P" >/dev/null
mkdir -p "$A" "$B" "$R"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$A" "$B" "$R"
chmod 700 "$R"
as_pg tee -a "$P/data/postgresql.conf" >/dev/null <<EOF
# pg-pitr-test.sh: continuous archiving
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $A/%f && cp %p $A/%f.tmp && mv $A/%f.tmp $A/%f'
archive_timeout = 60
EOF
as_pg "$PG_BIN/pg_ctl" -D "$P/data" -w -m fast restart >/dev/null   # archive_mode needs a restart
URI=$(bash "$CLUSTER" uri "$P")
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$URI" -c "$1"; }
su_sql() {   # su_sql DIR PORT SQL: as the superuser through the socket in DIR
    as_pg psql -X -q -At -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d postgres -c "$3"
}
say "cluster $URI archiving to $A"

count() { sql "SELECT count(*) FROM pitr"; }
sql "CREATE TABLE pitr (id bigserial PRIMARY KEY, batch int NOT NULL,
                        at timestamptz NOT NULL DEFAULT clock_timestamp())"
sql "INSERT INTO pitr (batch) SELECT 1 FROM generate_series(1, 1000)"

# ---- 2. the base backup ----
as_pg "$PG_BIN/pg_basebackup" -h "$P" -p "$(cat "$P/port")" -U postgres -D "$B" -Ft -z \
    -X stream -c fast --label fazhi-pitr-test >/dev/null
say "base backup: $(cd "$B" && echo *)"

# ---- 3. more writes, the target time, writes after it ----
sql "INSERT INTO pitr (batch) SELECT 2 FROM generate_series(1, 500)"
TARGET=$(sql "SELECT clock_timestamp()")
sleep 1.5
sql "INSERT INTO pitr (batch) SELECT 3 FROM generate_series(1, 700)"
[ "$(count)" -eq 2200 ] || die "the primary holds $(count) rows, not 2200"
LAST=$(su_sql "$P" "$(cat "$P/port")" "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 100); do [ -f "$A/$LAST" ] && break; sleep 0.2; done
[ -f "$A/$LAST" ] || die "segment $LAST was not archived"
say "target time $TARGET; 2200 rows on the primary; WAL archived up to $LAST"

# the primary is lost from here on
as_pg "$PG_BIN/pg_ctl" -D "$P/data" -m immediate stop >/dev/null

# ---- 4. restore the base backup and recover to the target time ----
as_pg mkdir -m 700 "$R/data"
as_pg tar -xzf "$B/base.tar.gz" -C "$R/data"
as_pg tar -xzf "$B/pg_wal.tar.gz" -C "$R/data/pg_wal"
PORT=$(( $(cat "$P/port") + 1 ))
while [ -n "$(ss -Hltn "( sport = :$PORT )")" ]; do PORT=$((PORT + 1)); done
as_pg tee -a "$R/data/postgresql.conf" >/dev/null <<EOF
# pg-pitr-test.sh: recovery to a point in time (the lines above came with the base backup)
port = $PORT
unix_socket_directories = '$R'
archive_mode = off
restore_command = 'cp $A/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
EOF
as_pg touch "$R/data/recovery.signal"
as_pg "$PG_BIN/pg_ctl" -D "$R/data" -l "$R/postgres.log" -w -t 120 start >/dev/null ||
    { tail -20 "$R/postgres.log" >&2; die "the restored cluster did not start"; }
URI=postgresql://fazhi@127.0.0.1:$PORT/fazhi
for _ in $(seq 150); do [ "$(sql "SELECT pg_is_in_recovery()")" = f ] && break; sleep 0.2; done

# ---- 5. check ----
recovering=$(sql "SELECT pg_is_in_recovery()")
rows=$(count)
batches=$(sql "SELECT string_agg(batch || ':' || n, ' ' ORDER BY batch)
               FROM (SELECT batch, count(*) n FROM pitr GROUP BY batch) b")
tli=$(su_sql "$R" "$PORT" "SELECT timeline_id FROM pg_control_checkpoint()")
sql "INSERT INTO pitr (batch) VALUES (4)"
grep -E 'recovery stopping|archive recovery complete|selected new timeline' "$R/postgres.log" |
    sed 's/^/    /' >&2 || true
echo "restored to $TARGET: $rows rows (batch:rows $batches), in recovery: $recovering," \
     "timeline $tli, writable"
[ "$recovering" = f ] || die "the restored cluster is still in recovery"
[ "$rows" -eq 1500 ] || die "expected 1500 rows (batches 1 and 2), found $rows"
echo "PASS"
