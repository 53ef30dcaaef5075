#!/usr/bin/env bash
# pg-test-cluster.sh - a throwaway PostgreSQL 15 cluster for tests, entirely inside one folder.
#   start DIR [PORT]  create (first time) and start the cluster in DIR; print its URI
#   stop DIR          stop it and remove DIR
#   uri DIR           print the URI again
# The cluster (initdb/pg_ctl from /usr/lib/postgresql/15/bin, run as the postgres user when
# called as root) keeps its data, socket, log and port in DIR, listens on 127.0.0.1 only, runs
# with fsync on, and has a role `fazhi` owning a database `fazhi`; local and loopback
# connections are trusted, so the URI needs no password:
#   postgresql://fazhi@127.0.0.1:PORT/fazhi
# Safe: it never touches the system cluster or anything outside DIR, and refuses a DIR that
# holds anything but one of its own clusters. Idempotent: start on a running cluster just
# prints the URI, stop on a missing DIR does nothing. Without PORT it picks a free one.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), FAZHI_PG_USER (default fazhi).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ROLE=${FAZHI_PG_USER:-fazhi}
MARK=.fazhi-pg-test-cluster   # the file that says DIR is ours

die() { echo "pg-test-cluster: $*" >&2; exit 1; }
usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# as_pg CMD...: run CMD as the postgres user (initdb refuses root), or as ourselves if not root
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then setpriv --reuid postgres --regid postgres --init-groups -- "$@"
    else "$@"; fi
}

install_pg() {
    [ -x "$PG_BIN/initdb" ] && return 0
    [ "$(id -u)" -eq 0 ] || die "$PG_BIN/initdb missing; install postgresql-15 (scripts/deps.sh)"
    echo "pg-test-cluster: installing postgresql-15" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 \
        >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null; }
    [ -x "$PG_BIN/initdb" ] || die "postgresql-15 did not install $PG_BIN/initdb"
}

# port_free PORT: nothing listens on it (on 127.0.0.1 or on every address)
port_free() { [ -z "$(ss -Hltn "( sport = :$1 )" 2>/dev/null)" ]; }

free_port() {
    local p
    for _ in $(seq 200); do
        p=$(( 20000 + RANDOM % 30000 ))
        port_free "$p" && { echo "$p"; return 0; }
    done
    die "no free port found"
}

# checked_dir DIR: the absolute path of DIR, refusing paths that cannot be a throwaway folder
checked_dir() {
    local d
    d=$(realpath -m -- "$1")
    case "$d" in
        /|/bin*|/boot*|/dev*|/etc*|/lib*|/proc*|/sbin*|/sys*|/usr*|/var/lib/postgresql*|/run*)
            die "refusing $d: not a throwaway folder" ;;
    esac
    echo "$d"
}

is_ours() { [ -f "$1/$MARK" ]; }
running() { [ -f "$1/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }
print_uri() { echo "postgresql://$(cat "$1/role")@127.0.0.1:$(cat "$1/port")/fazhi"; }

# psql_su DIR SQL: run SQL as the superuser through the cluster's socket
psql_su() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$(cat "$1/port")" -U postgres \
        -d postgres -c "$2" >/dev/null
}

create() {   # create DIR: initdb, config, marker; DIR is empty or missing
    local dir=$1
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty and holds no cluster of ours"
    touch "$dir/$MARK"
    echo "$ROLE" > "$dir/role"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
    chmod 700 "$dir"
    as_pg test -w "$dir" || die "the postgres user cannot write $dir (a parent folder closed?)"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    # only loopback, only our socket folder; fsync and synchronous_commit stay on (defaults)
    as_pg tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
# pg-test-cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
full_page_writes = on
logging_collector = off
max_connections = 200
EOF
}

cmd_start() {
    local dir port=${2:-}
    dir=$(checked_dir "$1")
    if [ -e "$dir" ] && ! is_ours "$dir"; then
        if ! [ -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; then
            die "$dir exists and is not a cluster of ours"
        fi
    fi
    install_pg
    is_ours "$dir" || create "$dir"
    if running "$dir"; then print_uri "$dir"; return 0; fi
    local tries=1
    if [ -z "$port" ]; then port=$(free_port); tries=5; fi
    for ((i = 0; i < tries; i++)); do
        echo "$port" > "$dir/port"
        if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
               -o "-p $port" start >/dev/null; then
            break
        fi
        [ $((i + 1)) -lt "$tries" ] || { tail -5 "$dir/postgres.log" >&2; die "pg_ctl start failed"; }
        port=$(free_port)   # someone took the port between the check and the start
    done
    # the role and database (once; later starts find them)
    if ! as_pg "$PG_BIN/psql" -X -At -h "$dir" -p "$port" -U postgres -d postgres \
            -c "SELECT 1 FROM pg_database WHERE datname = 'fazhi'" | grep -q 1; then
        psql_su "$dir" "CREATE ROLE \"$ROLE\" LOGIN"
        psql_su "$dir" "CREATE DATABASE fazhi OWNER \"$ROLE\" ENCODING 'UTF8' TEMPLATE template0"
    fi
    print_uri "$dir"
}

cmd_stop() {
    local dir
    dir=$(checked_dir "$1")
    [ -e "$dir" ] || return 0
    is_ours "$dir" || die "$dir is not a cluster of ours; not touching it"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
            as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$dir"
}

cmd_uri() {
    local dir
    dir=$(checked_dir "$1")
    if ! is_ours "$dir" || ! [ -f "$dir/port" ]; then die "no cluster in $dir"; fi
    print_uri "$dir"
}

[ $# -ge 2 ] || usage
case "$1" in
    start) [ $# -le 3 ] || usage; cmd_start "$2" "${3:-}" ;;
    stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
    uri) [ $# -eq 2 ] || usage; cmd_uri "$2" ;;
    *) usage ;;
esac
