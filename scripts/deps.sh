#!/usr/bin/env bash
# deps.sh - install what fazhi needs to build, run and test on Debian 12, idempotently.
# Installs only the Debian packages that are missing, then the npm packages of web/ and
# tests/ from their committed package-lock.json files. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(build-essential pkg-config
      libmicrohttpd-dev libsqlite3-dev sqlite3 libjansson-dev libsodium-dev libssl-dev
      libzip-dev libxml2-dev libxlsxwriter-dev libcsv-dev libcmocka-dev
      nodejs npm chromium fonts-noto-cjk wrk libreoffice-writer-nogui unzip libxml2-utils
      postgresql-15 libpq-dev patroni etcd-server etcd-client haproxy)

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node/npm may come from elsewhere than Debian's packages: accept any working ones
if command -v node >/dev/null && command -v npm >/dev/null; then
    m2=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || m2+=("$p"); done
    missing=("${m2[@]+"${m2[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then echo "deps: run as root to install packages" >&2; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm_ci() {   # npm ci in $1 unless node_modules is current with the lock file
    local d=$1
    [ -f "$d/package-lock.json" ] || return 0
    if [ ! -f "$d/node_modules/.package-lock.json" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
        echo "deps: npm ci in $d"
        (cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
npm_ci web
npm_ci tests
