#!/usr/bin/env bash
# Uploads one file of SIZE_MIB (default 1024) of fresh random bytes through the API
# (multipart, curl) to a server started from the built jar with the given heap, on loopback,
# and prints MB/s, the server's peak resident memory, and sha256sum's speed on the same file
# as the peer. Build first: ./mvnw -pl server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MIB=${1:-1024}
HEAP=${HEAP:-256m}
PORT=${PORT:-18181}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$work/big.bin"
JAVA_HOME=$(dirname "$(dirname "$JAVA")") ARCA_JAVA_OPTS="-Xmx$HEAP" server/target/arca-server --server.port="$PORT" \
  --arca.data-dir="$work/data" --logging.level.root=WARN > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/v1/policy" > /dev/null && break; sleep 0.5; done

base="http://127.0.0.1:$PORT/api/v1"
curl -sf -H 'Content-Type: application/json' -d '{"name":"Bench","email":"bench@example.test","password":"correct horse battery","country":"DE","language":"en","acceptTerms":true,"consents":[]}' "$base/accounts" > /dev/null
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.test","password":"correct horse battery","deviceName":"bench"}' "$base/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')

rss_before=$(awk '/VmRSS/ {print $2}' /proc/$server/status)
start=$(date +%s.%N)
curl -sf -o "$work/answer.json" -H "Authorization: Bearer $token" -F "file=@$work/big.bin" "$base/items"
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
grep -q '"sha256":"'"$(sha256sum "$work/big.bin" | cut -d' ' -f1)"'"' "$work/answer.json" \
  || { echo "the stored hash does not match" >&2; exit 1; }

s1=$(date +%s.%N); sha256sum "$work/big.bin" > /dev/null; s2=$(date +%s.%N)
awk -v mib="$SIZE_MIB" -v a="$start" -v b="$end" -v s1="$s1" -v s2="$s2" -v before="$rss_before" -v peak="$peak" -v heap="$HEAP" 'BEGIN {
  up = mib * 1.048576 / (b - a); sha = mib * 1.048576 / (s2 - s1);
  printf "upload of %d MiB through the API: %.0f MB/s (%.1f s)\n", mib, up, b - a;
  printf "sha256sum of the same file:        %.0f MB/s; ratio upload / sha256sum: %.2f\n", sha, up / sha;
  printf "server RSS before the upload %d MiB, peak %d MiB (heap limit %s)\n", before / 1024, peak / 1024, heap }'
