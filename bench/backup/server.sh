#!/usr/bin/env bash
# arca backup to the signed-in server (encrypted on the client, the server on embedded defaults on
# loopback) side by side with restic to a local repository, same machine, same run, page cache
# dropped before each step: first backup of ~1 GiB in 10,000 incompressible files, backup with
# nothing changed, restore. Prints seconds and peak memory. Build first:
#   ./mvnw -o -q -pl server,client -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v restic >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null; }
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d)
port=$((20000 + RANDOM % 10000))
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work/src" <<'PY'
import os, random, sys
root = sys.argv[1]; random.seed(5)
for i in range(10000):
    d = os.path.join(root, f"{2015 + i % 10}", f"{i % 12 + 1:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"IMG_{i:05d}.jpg"), "wb") as f:
        f.write(os.urandom(random.randint(20_000, 195_000)))
PY

. bench/lib/server.sh
export ARCA_PASSWORD=bench RESTIC_PASSWORD=bench RESTIC_REPOSITORY="$work/restic"

measure() {  # name, command...: prints seconds and peak RSS (MiB)
  local name=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs rss < "$work/time"
  printf "%-40s %8.2f s %7d MiB peak\n" "$name" "$secs" $((rss / 1024))
}

restic init > /dev/null
measure "arca backup to the server (first)" client/target/arca backup "$work/src"
measure "restic backup, local (first)" restic backup -q "$work/src"
measure "arca backup to the server (unchanged)" client/target/arca backup "$work/src"
measure "restic backup, local (unchanged)" restic backup -q "$work/src"
measure "arca restore from the server" client/target/arca restore latest --to "$work/out-arca"
measure "restic restore, local" restic restore -q latest --target "$work/out-restic"
diff -r "$work/src" "$work/out-arca" > /dev/null && echo "arca restore from the server is identical to the source"
