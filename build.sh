#!/usr/bin/env bash
# Usage:
#   ./build.sh test    install what the tests need, start a throwaway PostgreSQL, run every test
#                      project (database tests on SQLite and on PostgreSQL, and on SQL Server when
#                      CKM_TEST_SQLSERVER names a server), print "N passed, N failed"
#   ./build.sh bench   run a benchmark: matching, matching-quality, scheduling or forum-pages (see docs/matching.md, docs/scheduling.md)
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

pg_port=${CKM_PG_PORT:-55432}
pg_bin=/usr/lib/postgresql/15/bin

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_prerequisites() {
  local missing=()
  [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  dpkg -s python3-icalendar >/dev/null 2>&1 || missing+=(python3-icalendar)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  dotnet tool restore >/dev/null
}

pg_dir=""
start_postgres() {
  pg_dir=$(mktemp -d /tmp/ckm-pg.XXXXXX)
  chmod 755 "$pg_dir"
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_dir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U ckm >/dev/null
  "${runas[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -w \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
    -l "$pg_dir/log" start >/dev/null
  export CKM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=ckm;Database=postgres"
}

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  local runas=()
  [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

passed=0
failed=0
results_dir=""

run_tests() {
  local project=$1 label=$2
  shift 2
  local out="$results_dir/$label.log"
  local extra=()
  [ "$label" = scaleout ] && extra=(--logger "console;verbosity=detailed")
  # The axe run checks markup, which does not depend on the database: once, on SQLite, is enough.
  [ "$label" = browser-postgres ] && extra=(--filter "FullyQualifiedName!~AccessibilityTests")
  log "tests: $label"
  set +e
  env "$@" dotnet test "$project" -c Release --no-build --nologo "${extra[@]}" 2>&1 | tee "$out"
  set -e
  local line p f
  line=$(grep -E '^(Passed|Failed)!' "$out" | tail -n 1 || true)
  if [ -n "$line" ]; then
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
  elif grep -qE '^Total tests: *[0-9]+' "$out"; then
    # The detailed console logger ends with "Total tests: N" and "Passed: N" / "Failed: N" lines instead.
    p=$(grep -E '^ +Passed: *[0-9]+$' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
    f=$(grep -E '^ +Failed: *[0-9]+$' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  else
    log "$label: no test summary (build or host failure)"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

run_check() {
  local label=$1
  shift
  log "check: $label"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

cmd_test() {
  install_prerequisites
  results_dir=$(mktemp -d /tmp/ckm-test.XXXXXX)
  trap 'stop_postgres' EXIT
  start_postgres
  log "building"
  dotnet build CanadaKoreaMatch.sln -c Release --nologo -v quiet
  run_check translations python3 tools/extract-strings.py --check
  run_tests tests/CanadaKoreaMatch.Matching.Tests matching
  run_tests tests/CanadaKoreaMatch.Scheduling.Tests scheduling
  export CKM_MIGRATION_SCRIPTS="$results_dir/migration-scripts"
  run_tests tests/CanadaKoreaMatch.Web.Tests web-sqlite CKM_TEST_DB=Sqlite
  run_tests tests/CanadaKoreaMatch.Web.Tests web-postgres CKM_TEST_DB=Postgres
  local sqlserver_note
  if [ -n "${CKM_TEST_SQLSERVER:-}" ]; then
    run_tests tests/CanadaKoreaMatch.Web.Tests web-sqlserver CKM_TEST_DB=SqlServer
    sqlserver_note="SQL Server: the web tests ran against the server in CKM_TEST_SQLSERVER."
  else
    sqlserver_note="SQL Server: CKM_TEST_SQLSERVER is not set, so the web tests did NOT run against SQL Server; its migrations were checked against the model and its idempotent script generated ($CKM_MIGRATION_SCRIPTS/sqlserver.sql)."
  fi
  run_tests tests/CanadaKoreaMatch.ScaleOut.Tests scaleout
  run_tests tests/CanadaKoreaMatch.BrowserTests browser-sqlite CKM_TEST_DB=Sqlite
  run_tests tests/CanadaKoreaMatch.BrowserTests browser-postgres CKM_TEST_DB=Postgres
  echo
  echo "Scale-out figures:"
  grep -E '^ *(two instances|killed|600 firms|SQLite, one instance|profile edited|forum of|follow-ups)' "$results_dir/scaleout.log" | sed -E 's/^ +/  /' || echo "  (none: see $results_dir/scaleout.log)"
  echo "$sqlserver_note"
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

cmd_bench() {
  dotnet run --project tests/CanadaKoreaMatch.Benchmarks -c Release -- "$@"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh test | bench [args]" >&2; exit 2 ;;
esac
