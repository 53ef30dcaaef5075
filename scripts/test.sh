#!/usr/bin/env bash
# test.sh - runs fazhi's tests against the ASan+UBSan build and ends with one summary line
# "N passed, N failed". Suites: unit (cmocka binaries in build/asan/tests), api and
# browser (node --test in tests/api and tests/browser), and api-pg: the API suite again on
# PostgreSQL 15, in a throwaway cluster this script starts in a temporary folder and removes
# (scripts/pg-test-cluster.sh). `scripts/test.sh api` runs one suite.
set -uo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
export FAZHI_BIN=${FAZHI_BIN:-$B/asan/fazhi}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
suites=${1:-"unit api api-pg browser"}
pass=0; fail=0; failed_names=(); retried=()
log=$(mktemp -d)

run_unit() {
    for t in "$B"/asan/tests/test_*; do
        [ -x "$t" ] || continue
        local out="$log/$(basename "$t").out"
        "$t" >"$out" 2>&1; local rc=$?
        cat "$out"
        local p f
        p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$out" | grep -oE '[0-9]+$' | tail -1)
        f=$(grep -oE '^\[  FAILED  \] [0-9]+' "$out" | grep -oE '[0-9]+$' | tail -1)
        pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
        if [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then fail=$((fail + 1)); failed_names+=("$t (exit $rc)"); fi
        [ "${f:-0}" -gt 0 ] && failed_names+=("$t")
    done
}

# run_browser: one browser test file at a time; a file that fails is run once more and
# the retry is reported (headless Chromium on a loaded 2-core machine can miss a timeout;
# Playwright's own runner offers the same retry). Both runs' results are printed.
run_browser() {
    local f out rc p fl
    for f in tests/browser/*.test.mjs; do
        [ -f "$f" ] || continue
        out="$log/$(basename "$f").tap"
        node --test --test-reporter=spec --test-reporter-destination=stdout \
             --test-reporter=tap --test-reporter-destination="$out" "$f"
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "retrying $f once (first run failed)"
            retried+=("$f")
            node --test --test-reporter=spec --test-reporter-destination=stdout \
                 --test-reporter=tap --test-reporter-destination="$out" "$f"
            rc=$?
        fi
        p=$(grep -E '^# pass [0-9]+' "$out" | grep -oE '[0-9]+' | tail -1)
        fl=$(grep -E '^# fail [0-9]+' "$out" | grep -oE '[0-9]+' | tail -1)
        pass=$((pass + ${p:-0})); fail=$((fail + ${fl:-0}))
        if [ $rc -ne 0 ] && [ "${fl:-0}" -eq 0 ]; then fail=$((fail + 1)); fi
        [ $rc -ne 0 ] && failed_names+=("$f")
    done
}

run_node() {   # $1 = folder, $2 = suite name (default the folder), $3 = files left out (regex)
    local files name=${2:-$1}
    files=$(ls "tests/$1"/*.test.mjs 2>/dev/null | grep -vE "${3:-^$}")
    [ -n "$files" ] || return 0
    local out="$log/$name.tap"
    # one file at a time keeps the 2-core machine from timing out argon2 logins
    node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
         --test-reporter=tap --test-reporter-destination="$out" $files
    local rc=$?
    local p f
    p=$(grep -E '^# pass [0-9]+' "$out" | grep -oE '[0-9]+' | tail -1)
    f=$(grep -E '^# fail [0-9]+' "$out" | grep -oE '[0-9]+' | tail -1)
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then fail=$((fail + 1)); failed_names+=("$name (exit $rc)"); fi
    [ "${f:-0}" -gt 0 ] && failed_names+=("$name")
}

# run_pg: the API suite on PostgreSQL. The demo data set is loaded once into a template
# database; each test server starts from a copy (CREATE DATABASE … TEMPLATE). Left out: the
# test of SQLite's online backup copy (PostgreSQL's is pg_basebackup, scripts/pg-pitr-test.sh).
run_pg() {
    local dir tdir base
    dir=$(mktemp -d /tmp/fazhi-pg.XXXXXX) && rmdir "$dir"
    if ! bash scripts/pg-test-cluster.sh start "$dir" >/dev/null; then
        fail=$((fail + 1)); failed_names+=("api-pg (cluster did not start)"); return
    fi
    base="postgresql://postgres@127.0.0.1:$(cat "$dir/port")"
    tdir=$(mktemp -d)
    if ! psql -X -q -d "$base/postgres" -c "CREATE DATABASE fz_template" ||
       ! FAZHI_AUDIT_KEY="$tdir/t.audit-key" FAZHI_FILES="$tdir/t.files" \
         "$FAZHI_BIN" demo --db "$base/fz_template" >/dev/null; then
        fail=$((fail + 1)); failed_names+=("api-pg (demo template)")
    else
        FAZHI_TEST_PG="$base" FAZHI_TEST_PG_TEMPLATE="$base/fz_template" \
        FAZHI_TEST_PG_TEMPLATE_DIR="$tdir" run_node api api-pg '/backup\.test'
    fi
    bash scripts/pg-test-cluster.sh stop "$dir" >/dev/null
    rm -rf "$tdir"
}

# the demo data set once for the SQLite runs: test servers start from a copy of it
# (tests/lib/server.mjs) instead of replaying the demo each time
case " $suites " in
    *" api "*|*" browser "*)
        tpl=$(mktemp -d)
        if "$FAZHI_BIN" demo --db "$tpl/demo.db" >/dev/null; then
            export FAZHI_TEST_SQLITE_TEMPLATE="$tpl/demo.db"
        fi ;;
esac

for s in $suites; do
    echo "== $s tests"
    case $s in
        unit) run_unit ;;
        api) run_node "$s" ;;
        api-pg) run_pg ;;
        browser) run_browser ;;
        *) echo "unknown suite $s"; exit 2 ;;
    esac
done
rm -rf "$log" "${tpl:-}"
echo
[ ${#retried[@]} -gt 0 ] && echo "retried once after a failed first run: ${retried[*]}"
[ ${#failed_names[@]} -gt 0 ] && echo "failed: ${failed_names[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
