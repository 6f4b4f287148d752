#!/usr/bin/env bash
# Runs a command with the services tests may use: a throwaway PostgreSQL cluster on a
# loopback port when the server binaries exist. Without them, LINLI_TEST_PG stays unset and
# the PostgreSQL tests skip with a clear message.
set -u
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
cleanup() { :; }
if [ -n "$pgbin" ] && [ -z "${LINLI_TEST_PG:-}" ]; then
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
    cleanup() { $runas "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1; rm -rf "$tmp"; }
  else
    echo "note: could not start a PostgreSQL server (see $tmp/log); PostgreSQL tests will skip"
  fi
fi
"$@"
rc=$?
cleanup
exit $rc
