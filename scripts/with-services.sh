#!/usr/bin/env bash
# Runs a command with the services tests may use: a throwaway PostgreSQL cluster on a
# loopback port when the server binaries exist. Without them, LINLI_TEST_PG stays unset and
# the PostgreSQL tests skip, loudly (a banner here and a section at the end of pytest's
# report); under CI=true tests/conftest.py turns those skips into failures.
# It also points python-escpos's capabilities cache (a 70 KB pickle it would otherwise
# leave in a new /tmp folder per process) into a scratch folder removed at the end.
set -u
scratch=$(mktemp -d /tmp/linli-services.XXXXXX)
export ESCPOS_CAPABILITIES_PICKLE_DIR="$scratch/escpos"
mkdir -p "$ESCPOS_CAPABILITIES_PICKLE_DIR"
pg_cleanup() { :; }
cleanup() { pg_cleanup; rm -rf "$scratch"; }
ci=""
case "$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')" in ""|0|false|no) ;; *) ci=1 ;; esac
loud() {
  {
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!! $1"
    if [ -n "$ci" ]; then echo "!! CI=true: every PostgreSQL test will FAIL"
    else echo "!! the PostgreSQL tests will be SKIPPED (listed at the end of the test report)"; fi
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  } >&2
}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "${LINLI_TEST_PG:-}" ] && [ -z "$pgbin" ]; then
  loud "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin; see scripts/sysdeps.sh)"
elif [ -z "${LINLI_TEST_PG:-}" ]; then
  tmp=$(mktemp -d /tmp/linli-pg.XXXXXX)
  chmod 755 "$tmp"
  runas=""
  if [ "$(id -u)" = "0" ]; then chown postgres "$tmp" 2>/dev/null && runas="runuser -u postgres --"; fi
  started=""
  if $runas "$pgbin/initdb" -D "$tmp/data" -A trust -U linli >/dev/null 2>&1; then
    # a random port may be taken (another run, another service): try a few before giving up
    for _ in 1 2 3 4 5; do
      port=$(( 20000 + RANDOM % 20000 ))
      if $runas "$pgbin/pg_ctl" -D "$tmp/data" -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$tmp/log" -w start >/dev/null 2>&1; then
        started=1; break
      fi
    done
  fi
  if [ -n "$started" ]; then
    export LINLI_TEST_PG="postgresql+psycopg://linli@127.0.0.1:$port/postgres"
    pg_cleanup() { $runas "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1; rm -rf "$tmp"; }
  else
    loud "could not start a PostgreSQL server (see $tmp/log)"
  fi
fi
"$@"
rc=$?
cleanup
exit $rc
