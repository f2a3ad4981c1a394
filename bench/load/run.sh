#!/usr/bin/env bash
# Load: CLIENTS concurrent clients (default 50) for SECONDS (default 600) against the built server
# jar on SQLite (DB=sqlite, the default) or on a throwaway PostgreSQL cluster (DB=postgres; needs
# Debian's postgresql package). Each client has its own account and uploads, lists, fetches
# thumbnails, syncs a file and opens a share link (bench/load/LoadTest.java). Prints latencies per
# operation and per minute, errors, and the server's resident memory per minute.
# Build first: ./mvnw -o -q -pl server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${DB:-sqlite}
CLIENTS=${CLIENTS:-50}
SECONDS_TO_RUN=${SECONDS:-600}
HEAP=${HEAP:-1g}
PORT=${PORT:-18383}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=$(mktemp -d)
chmod 755 "$work"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  if [ -f "$work/pg/postmaster.pid" ]; then su postgres -c "$PG_BIN/pg_ctl -D $work/pg stop -m fast" >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db_args=()
if [ "$DB" = postgres ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir "$work/pg" && chown postgres "$work/pg"
  su postgres -c "$PG_BIN/initdb -D $work/pg -A trust -U arca" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $work/pg -l $work/pg/log -o '-p 15433 -k $work/pg -c max_connections=200' start" >/dev/null
  db_args=(--arca.db.url="jdbc:postgresql://127.0.0.1:15433/postgres" --arca.db.user=arca --arca.db.password=x)
fi

# Every client signs up and signs in from loopback: the per-network limits would count them as one.
JAVA_HOME=$(dirname "$(dirname "$JAVA")") ARCA_JAVA_OPTS="-Xmx$HEAP" server/target/arca-server --server.port="$PORT" \
  --arca.data-dir="$work/data" --logging.level.root=WARN "${db_args[@]}" \
  --arca.mail.limits.per-network=1000000 --arca.sign-in.failures-per-network=1000000 > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/v1/policy" > /dev/null && break; sleep 0.5; done
echo "load: $CLIENTS clients, $SECONDS_TO_RUN s, $DB, server heap $HEAP"
"$JAVA" bench/load/LoadTest.java "http://127.0.0.1:$PORT" "$CLIENTS" "$SECONDS_TO_RUN" "$server"
echo "server log ERROR lines: $(grep -c ' ERROR ' "$work/server.log" || true)"
grep -A4 ' ERROR ' "$work/server.log" | head -60 || true
