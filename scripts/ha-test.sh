#!/usr/bin/env bash
# ha-test.sh - `make ha-test`: fazhi on a highly available PostgreSQL 15, and a failover test.
# Builds, in one temporary folder and as the postgres user, on loopback addresses of a private
# 127.A.B.0/24 of this machine: a 3-member etcd (.11-.13:2379), three PostgreSQL 15 nodes under
# Patroni (.11-.13:5432, REST API :8008) with synchronous replication (synchronous_mode and
# synchronous_mode_strict on), and HAProxy on .10:5432 routing to whichever node answers 200 on
# Patroni's /primary. Then it drives a write load (scripts/ha-load.mjs) through
# `$FAZHI_BIN serve --db postgresql://fazhi@127.A.B.10:5432/fazhi`, and
#   1. kills -9 the leader's postmaster (Patroni alive: primary_start_timeout 0 fails over),
#   2. waits until the old leader is back as a replica (pg_rewind),
#   3. kills -9 the new leader's Patroni, postmaster and etcd member together (a machine
#      dying: the leader key has to expire, ttl 10 s),
# keeps writing, and prints per kill the seconds until writes succeeded again, then the
# acknowledged writes lost (must be 0) and whether `fazhi audit verify` passes. Exit 0 only
# when nothing acknowledged was lost, writes resumed after both kills and verify passed.
#   --direct  the load writes straight to PostgreSQL with psql instead of through fazhi
#             (no fazhi binary needed; audit verify is skipped)
# Environment: FAZHI_BIN (default build/fazhi), HA_LOAD_SECONDS (steady load before and after
# each kill, default 8), HA_WORKERS (concurrent writers, default 4), HA_KEEP=1 (keep the folder).
# Everything started here is stopped and the folder removed on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MODE=fazhi
case "${1:-}" in
    --direct) MODE=direct ;;
    "") ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
FAZHI_BIN=$(realpath -m "${FAZHI_BIN:-build/fazhi}")
PG_BIN=/usr/lib/postgresql/15/bin
LOAD_S=${HA_LOAD_SECONDS:-8}
WORKERS=${HA_WORKERS:-4}
SU_PASS=su-$RANDOM$RANDOM REPL_PASS=repl-$RANDOM$RANDOM APP_PASS=app-$RANDOM$RANDOM

say() { printf '[ha-test %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
now_ms() { date +%s%3N; }

for c in patroni etcd etcdctl haproxy psql curl node setpriv ss "$PG_BIN/initdb"; do
    command -v "$c" >/dev/null || die "$c missing: run scripts/deps.sh (make deps)"
done
[ "$MODE" = direct ] || [ -x "$FAZHI_BIN" ] || die "no fazhi binary at $FAZHI_BIN (or use --direct)"

# ---- a private loopback /24 with the ports free ----
port_clash() {   # port_clash NET PORT: something listens on PORT on every address or in NET
    ss -Hltn "( sport = :$2 )" | awk '{print $4}' |
        grep -qE "^(0\.0\.0\.0|\*|\[::\]|$1\.[0-9]+):$2\$"
}
NET=
for _ in $(seq 50); do
    n=127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1))
    ok=1
    for p in 2379 2380 5432 7000 8008 8080; do port_clash "$n" "$p" && ok=0; done
    [ $ok -eq 1 ] && { NET=$n; break; }
done
[ -n "$NET" ] || die "no free loopback /24 with ports 2379 2380 5432 7000 8008 8080 free"
HAP=$NET.10
NODES=("$NET.11" "$NET.12" "$NET.13")

T=$(mktemp -d /tmp/fazhi-ha.XXXXXX)
chmod 755 "$T"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$T"
PIDS=()      # every process started here, stopped in reverse order on exit
PATRONI=()   # the Patroni pid of node i
ETCD=()      # the etcd pid of node i
LOAD_PID='' FAZHI_PID=''

# ---- clean-up, whatever happens ----
alive() { kill -0 "$1" 2>/dev/null; }
stop_pid() {   # stop_pid PID SECONDS: TERM, wait, KILL
    alive "$1" || return 0
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq $(($2 * 10))); do
        if ! alive "$1" || [[ $(ps -o stat= -p "$1") == Z* ]]; then break; fi
        sleep 0.1
    done
    if alive "$1"; then kill -KILL "$1" 2>/dev/null || true; fi
    wait "$1" 2>/dev/null || true
}
postmaster_pid() {   # postmaster_pid I: the pid of node I's postmaster if it runs from our folder
    local f=$T/pg$1/data/postmaster.pid pid
    [ -f "$f" ] || return 1
    pid=$(head -1 "$f")
    [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF "$T/" || return 1
    echo "$pid"
}
cleanup() {
    local rc=$? i p
    set +e
    trap - EXIT INT TERM
    say "cleaning up"
    for p in $LOAD_PID $FAZHI_PID; do stop_pid "$p" 10; done
    for p in "${PATRONI[@]}"; do stop_pid "$p" 40; done    # Patroni stops its PostgreSQL
    for i in 1 2 3; do p=$(postmaster_pid "$i") && kill -KILL "$p" 2>/dev/null; done
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}" 10; done
    for p in $(pgrep -f -- "$T/"); do   # a safety net: anything still running from our folder
        say "still running from $T: $(ps -o args= -p "$p" | cut -c1-100); killing $p"
        kill -KILL "$p" 2>/dev/null
    done
    if [ "${HA_KEEP:-}" = 1 ]; then say "kept $T"; else rm -rf -- "$T"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- etcd: three members ----
start_bg() {   # start_bg LOG CMD...: start CMD as postgres in the background, remember its pid
    local log=$1; shift   # (setpriv execs CMD, so $! is CMD's own pid, not a subshell's)
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid postgres --regid postgres --init-groups -- "$@" >"$log" 2>&1 &
    else
        "$@" >"$log" 2>&1 &
    fi
    PIDS+=("$!")
}
cluster=
for i in 1 2 3; do cluster+="${cluster:+,}e$i=http://${NODES[i-1]}:2380"; done
ENDPOINTS=$(printf 'http://%s:2379,' "${NODES[@]}"); ENDPOINTS=${ENDPOINTS%,}
for i in 1 2 3; do
    ip=${NODES[i-1]}
    start_bg "$T/etcd$i.log" etcd --name "e$i" --data-dir "$T/etcd$i" \
        --listen-client-urls "http://$ip:2379" --advertise-client-urls "http://$ip:2379" \
        --listen-peer-urls "http://$ip:2380" --initial-advertise-peer-urls "http://$ip:2380" \
        --initial-cluster "$cluster" --initial-cluster-token "fazhi-ha-$NET" \
        --initial-cluster-state new --logger zap --log-outputs stderr
    ETCD[i]=$!
done

wait_for() {   # wait_for SECONDS WHAT CMD...: poll CMD every 0.2 s
    local secs=$1 what=$2 end; shift 2
    end=$(( $(date +%s) + secs ))
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$end" ] || { say "timed out after ${secs}s waiting for $what"; return 1; }
        sleep 0.2
    done
}
wait_for 60 "etcd" etcdctl --endpoints "$ENDPOINTS" endpoint health || die "etcd did not start"
say "etcd: 3 members on $ENDPOINTS"

# ---- Patroni: three PostgreSQL nodes ----
for i in 1 2 3; do
    ip=${NODES[i-1]}
    mkdir -p "$T/pg$i"
    cat > "$T/pg$i/patroni.yml" <<EOF
# Patroni node pg$i, generated by scripts/ha-test.sh (see docs/postgresql.md)
scope: fazhi
namespace: /service/
name: pg$i
log:
  level: INFO
restapi:
  listen: $ip:8008
  connect_address: $ip:8008
etcd3:
  hosts: $(printf '%s:2379,' "${NODES[@]}" | sed 's/,$//')
watchdog:
  mode: off
bootstrap:
  dcs:                           # cluster-wide, stored in etcd at the first start
    ttl: 10                      # the leader key expires 10 s after a leader stops renewing it
    loop_wait: 2
    retry_timeout: 4             # loop_wait + 2 * retry_timeout <= ttl
    maximum_lag_on_failover: 1048576
    primary_start_timeout: 0     # a crashed primary fails over at once instead of restarting
    synchronous_mode: true       # a commit returns once a standby has flushed it too
    synchronous_mode_strict: true  # ... even when no standby is left: writes wait, never lost
    synchronous_node_count: 1
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        fsync: "on"
        synchronous_commit: "on"
        full_page_writes: "on"
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: $ip:5432
  connect_address: $ip:5432
  data_dir: $T/pg$i/data
  bin_dir: $PG_BIN
  pgpass: $T/pg$i/pgpass
  use_unix_socket: true
  authentication:
    superuser: {username: postgres, password: $SU_PASS}
    replication: {username: replicator, password: $REPL_PASS}
  parameters:
    unix_socket_directories: $T/pg$i
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.0/8 scram-sha-256
    - host all all 127.0.0.0/8 scram-sha-256
EOF
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$T/pg$i"
    start_bg "$T/pg$i/patroni.log" patroni "$T/pg$i/patroni.yml"
    PATRONI[i]=$!
done

# cluster_state: "LEADER SYNC REPLICAS" from the first node whose REST API answers
cluster_state() {
    local ip j
    for ip in "${NODES[@]}"; do
        j=$(curl -sf --max-time 1 "http://$ip:8008/cluster") || continue
        node -e '
            const m = JSON.parse(process.argv[1]).members ?? [];
            const run = (x) => ["running", "streaming"].includes(x.state);
            const name = (r) => m.filter((x) => x.role === r && run(x)).map((x) => x.name);
            const sync = name("sync_standby");
            console.log(name("leader")[0] ?? "-", sync[0] ?? "-", sync.length + name("replica").length);
        ' "$j" && return 0
    done
    echo "- - 0"
}
healthy() {   # healthy [NOT]: a leader (other than NOT), a sync standby and two standbys
    local l s r
    read -r l s r < <(cluster_state)
    [ "$l" != - ] && [ "$l" != "${1:-}" ] && [ "$s" != - ] && [ "$r" -ge "${2:-2}" ]
}
has_leader() {   # has_leader NOT: a leader other than NOT with a synchronous standby
    local l s r
    read -r l s r < <(cluster_state)
    [ "$l" != - ] && [ "$l" != "$1" ] && [ "$s" != - ]
}
wait_for 180 "the Patroni cluster (leader + 2 standbys, one synchronous)" healthy ||
    { tail -20 "$T"/pg*/patroni.log >&2; die "the cluster did not form"; }
read -r LEADER SYNC _ < <(cluster_state)
say "patroni: leader $LEADER, synchronous standby $SYNC"

# ---- HAProxy: one port, routed to the node whose /primary answers 200 ----
cat > "$T/haproxy.cfg" <<EOF
# HAProxy in front of the Patroni cluster, generated by scripts/ha-test.sh
global
    maxconn 400
defaults
    mode tcp
    retries 2
    timeout connect 3s
    timeout client 30m
    timeout server 30m
    timeout check 2s
listen stats
    mode http
    bind $HAP:7000
    stats enable
    stats uri /
listen primary
    bind $HAP:5432
    option httpchk OPTIONS /primary
    http-check expect status 200
    default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 1 on-marked-down shutdown-sessions
$(for i in 1 2 3; do echo "    server pg$i ${NODES[i-1]}:5432 maxconn 200 check port 8008"; done)
EOF
start_bg "$T/haproxy.log" haproxy -f "$T/haproxy.cfg" -db

export PGPASSFILE=$T/pgpass PGCONNECT_TIMEOUT=3
printf '%s:5432:*:postgres:%s\n%s:5432:*:fazhi:%s\n' "$HAP" "$SU_PASS" "$HAP" "$APP_PASS" > "$PGPASSFILE"
chmod 600 "$PGPASSFILE"
su_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$HAP" -p 5432 -U postgres -d postgres "$@"; }
# HAProxy counts every server as up until its first checks ran: wait until the leader is the
# only one up (stats CSV: proxy name, server name, ..., field 18 the status)
only_leader_up() {
    local up l
    up=$(curl -sf --max-time 1 "http://$HAP:7000/;csv" |
         awk -F, '$1 == "primary" && $2 ~ /^pg[0-9]$/ && $18 ~ /^UP/ { print $2 }' | tr '\n' ' ')
    read -r l _ _ < <(cluster_state)
    [ "$up" = "$l " ] && [ "$(su_psql -At -c 'SELECT pg_is_in_recovery()')" = f ]
}
wait_for 30 "HAProxy to route to the leader only" only_leader_up ||
    { tail "$T/haproxy.log" >&2; die "no connection through HAProxy"; }
su_psql -c "CREATE ROLE fazhi LOGIN PASSWORD '$APP_PASS'"
su_psql -c "CREATE DATABASE fazhi OWNER fazhi ENCODING 'UTF8' TEMPLATE template0"
URI=postgresql://fazhi@$HAP:5432/fazhi
say "haproxy: $URI (stats http://$HAP:7000/)"

# ---- the write load ----
LOG=$T/load.log KILLS=$T/kills
: > "$KILLS"
if [ "$MODE" = fazhi ]; then
    export FAZHI_AUDIT_KEY=$T/fazhi/audit.key FAZHI_FILES=$T/fazhi/files FAZHI_ACCESS_LOG=false
    mkdir -p "$T/fazhi"
    cd "$T/fazhi"   # a binary without PostgreSQL would take the URI for a file name: keep it here
    "$FAZHI_BIN" demo --db "$URI" > demo.log 2>&1 ||
        { tail demo.log >&2; die "fazhi demo --db $URI failed"; }
    "$FAZHI_BIN" serve --listen "$HAP:8080" --db "$URI" > serve.log 2>&1 &
    FAZHI_PID=$!
    wait_for 30 "fazhi serve" curl -sf "http://$HAP:8080/api/v1/health" ||
        { tail serve.log >&2; die "fazhi serve did not start"; }
    cd "$ROOT"
    LOAD_ARGS=(--url "http://$HAP:8080")
    say "fazhi: serving on http://$HAP:8080 from $URI"
else
    LOAD_ARGS=(--direct --uri "$URI")
fi
node scripts/ha-load.mjs run "${LOAD_ARGS[@]}" --log "$LOG" --workers "$WORKERS" 2> "$T/load.err" &
LOAD_PID=$!

writes_since() {   # writes_since EPOCH_MS: a write started at or after then was acknowledged
    node -e '
        const since = Number(process.argv[2]);
        const hit = require("fs").readFileSync(process.argv[1], "utf8").split("\n")
            .some((l) => { try { const e = JSON.parse(l); return e.ok && e.t0 >= since; }
                           catch { return false; } });
        process.exit(hit ? 0 : 1);' "$LOG" "$1"
}
wait_for 30 "the first acknowledged write" writes_since 0 ||
    { cat "$T/load.err" >&2; tail -3 "$LOG" >&2; die "the load does not write"; }
sleep "$LOAD_S"

FAILED=()
node_of() { echo "${1#pg}"; }
after_kill() {   # after_kill LEADER T_MS: wait for the new leader and for writes
    local t0=$2 l
    if wait_for 120 "a new leader" has_leader "$1"; then
        read -r l _ _ < <(cluster_state)
        say "new leader $l with a synchronous standby $(( $(now_ms) - t0 )) ms after the kill"
    else FAILED+=("no new leader after killing $1"); fi
    wait_for 120 "writes to succeed again" writes_since "$t0" || FAILED+=("writes did not resume")
    say "writes succeed again; writing for ${LOAD_S}s more"
    sleep "$LOAD_S"
}

# kill 1: the leader's postmaster, its Patroni stays
read -r L1 _ _ < <(cluster_state)
n=$(node_of "$L1")
pm=$(postmaster_pid "$n") || die "cannot find the postmaster of $L1"
t=$(now_ms); echo "$t postmaster-of-$L1" >> "$KILLS"
kill -KILL "$pm"
say "kill 1: kill -9 of $L1's postmaster (pid $pm)"
after_kill "$L1" "$t"

t=$(now_ms)
if wait_for 120 "$L1 to rejoin as a standby" healthy; then
    say "$L1 is back as a standby after $(( $(now_ms) - t )) ms more"
else FAILED+=("$L1 did not rejoin"); fi

# kill 2: the new leader's machine dies whole (its Patroni, postmaster and etcd member at once)
read -r L2 _ _ < <(cluster_state)
n=$(node_of "$L2")
pm=$(postmaster_pid "$n") || die "cannot find the postmaster of $L2"
t=$(now_ms); echo "$t node-$L2" >> "$KILLS"
disown "${PATRONI[n]}" "${ETCD[n]}"   # no "Killed" notice from bash; it still reaps them
kill -KILL "${PATRONI[n]}" "$pm" "${ETCD[n]}"
say "kill 2: kill -9 of $L2's Patroni (pid ${PATRONI[n]}), postmaster (pid $pm), etcd e$n"
after_kill "$L2" "$t"

stop_pid "$LOAD_PID" 20
LOAD_PID=
say "load stopped; checking every acknowledged write"
set +e
node scripts/ha-load.mjs check "${LOAD_ARGS[@]}" --log "$LOG" --kills "$KILLS" | tee "$T/check.out"
check_rc=${PIPESTATUS[0]}
set -e
[ "$check_rc" -eq 0 ] || FAILED+=("ha-load check (exit $check_rc)")

VERIFY="skipped (--direct: no fazhi)"
if [ "$MODE" = fazhi ]; then
    stop_pid "$FAZHI_PID" 20
    FAZHI_PID=
    if (cd "$T/fazhi" && "$FAZHI_BIN" audit verify --db "$URI") > "$T/verify.out" 2>&1; then
        VERIFY=passed
    else VERIFY=FAILED; FAILED+=("audit verify"); fi
    sed 's/^/    /' "$T/verify.out"
fi
timeline=$(su_psql -At -c "SELECT timeline_id FROM pg_control_checkpoint()" 2>/dev/null || echo '?')

echo "== ha-test ($MODE) =="
grep -E '^kill ' "$T/check.out" | sed 's/^/  /'
grep -E '^acknowledged writes lost' "$T/check.out" | sed 's/^/  /'
echo "  audit verify: $VERIFY"
echo "  leader now: $(cluster_state | cut -d' ' -f1) (timeline $timeline)"
if [ ${#FAILED[@]} -gt 0 ]; then
    echo "  FAILED: ${FAILED[*]}"
    exit 1
fi
echo "  PASS"
