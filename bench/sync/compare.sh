#!/usr/bin/env bash
# arca sync side by side with rsync (to an rsync daemon on loopback, so rsync uses its delta
# algorithm as it does over a network), same machine, same run:
#   1. a 1 GiB file: first transfer, then a 1-byte overwrite and a 1-byte insert in the middle
#      (bytes sent and seconds), then a second device downloads it (against an rsync pull into an
#      empty folder);
#   2. initial sync of 10,000 small files (4-64 KB) (seconds).
# Prints, for each, bytes sent (arca: every request body; rsync: "Total bytes sent"; for the
# download, bytes received), seconds and the client's peak memory. Build first:
#   ./mvnw -o -q -pl server,client -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v rsync >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >/dev/null; }
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
work=$(mktemp -d)
port=$((20000 + RANDOM % 10000))
rport=$((port + 1))
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -f "$work/rsyncd.pid" ] && kill "$(cat "$work/rsyncd.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The server on embedded defaults, an account, and a signed-in client device.
. bench/lib/server.sh

# An rsync daemon with one writable module.
mkdir -p "$work/rsync-dst"
cat > "$work/rsyncd.conf" <<CONF
pid file = $work/rsyncd.pid
port = $rport
address = 127.0.0.1
use chroot = false
uid = $(id -u)
gid = $(id -g)
[dst]
path = $work/rsync-dst
read only = false
CONF
rsync --daemon --config="$work/rsyncd.conf"
sleep 0.5

arca_sync() {  # label dir: one arca sync pass; prints wire bytes sent, seconds, peak RSS
  local label=$1 dir=$2
  /usr/bin/time -f "%e %M" -o "$work/time" client/target/arca sync "$dir" "$(basename "$dir")" --settle 0s --json \
    > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs rss < "$work/time"
  sent=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])['wireBytesSent'])" "$work/out")
  printf "%-40s %14d bytes %8.2f s %6d MiB peak\n" "$label" "$sent" "$secs" $((rss / 1024))
}

rsync_to() {  # label src dest: one rsync to the daemon; prints bytes sent, seconds, peak RSS
  local label=$1 src=$2 dest=$3
  /usr/bin/time -f "%e %M" -o "$work/time" rsync -a --no-whole-file --stats "$src" "rsync://127.0.0.1:$rport/dst/$dest" \
    > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs rss < "$work/time"
  sent=$(awk -F': ' '/Total bytes sent/ {gsub(",", "", $2); print $2}' "$work/out")
  printf "%-40s %14d bytes %8.2f s %6d MiB peak\n" "$label" "$sent" "$secs" $((rss / 1024))
}

echo "== 1 GiB file"
mkdir -p "$work/big"
head -c 1073741824 /dev/urandom > "$work/big/video.bin"
touch -d '1 hour ago' "$work/big/video.bin"
arca_sync "arca sync (first)" "$work/big"
rsync_to "rsync (first)" "$work/big/" big/

python3 - "$work/big/video.bin" <<'PY'
import os, sys
with open(sys.argv[1], "r+b") as f:
    f.seek(536870912); b = f.read(1); f.seek(536870912); f.write(bytes([b[0] ^ 1]))
PY
touch -d '30 minutes ago' "$work/big/video.bin"
arca_sync "arca sync (1-byte overwrite)" "$work/big"
rsync_to "rsync (1-byte overwrite)" "$work/big/" big/

python3 - "$work/big/video.bin" <<'PY'
import os, shutil, sys
path = sys.argv[1]
with open(path, "rb") as src, open(path + ".new", "wb") as dst:
    dst.write(src.read(536870912)); dst.write(b"x"); shutil.copyfileobj(src, dst, 1 << 20)
os.replace(path + ".new", path)
PY
touch -d '20 minutes ago' "$work/big/video.bin"
arca_sync "arca sync (1-byte insert)" "$work/big"
rsync_to "rsync (1-byte insert)" "$work/big/" big/

# A second device (its own sign-in and sync state) downloads the file; rsync pulls it from the
# daemon into an empty folder.
echo "bench password 1" | ARCA_CONFIG_DIR="$work/config2" client/target/arca login "$base" \
  --email bench@example.test --password-stdin --device-name second > /dev/null
/usr/bin/time -f "%e %M" -o "$work/time" env ARCA_CONFIG_DIR="$work/config2" client/target/arca sync "$work/big2" big \
  --settle 0s --json > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
read -r secs rss < "$work/time"
received=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])['wireBytesReceived'])" "$work/out")
printf "%-40s %14d bytes %8.2f s %6d MiB peak\n" "arca sync (second device, download)" "$received" "$secs" $((rss / 1024))
/usr/bin/time -f "%e %M" -o "$work/time" rsync -a --no-whole-file --stats "rsync://127.0.0.1:$rport/dst/big/" \
  "$work/rsync-pull/" > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
read -r secs rss < "$work/time"
printf "%-40s %14d bytes %8.2f s %6d MiB peak\n" "rsync (pull to an empty folder)" \
  "$(awk -F': ' '/Total bytes received/ {gsub(",", "", $2); print $2}' "$work/out")" "$secs" $((rss / 1024))
cmp "$work/big/video.bin" "$work/big2/video.bin" && echo "the second device's copy is identical"
rm -rf "$work/big" "$work/big2" "$work/rsync-pull"

echo "== 10,000 small files (4-64 KB)"
python3 - "$work/small" <<'PY'
import os, random, sys
root = sys.argv[1]; random.seed(7)
for i in range(10000):
    d = os.path.join(root, f"d{i % 100:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(random.randint(4096, 65536)))
PY
find "$work/small" -type f -exec touch -d '1 hour ago' {} +
echo "tree: $(du -sm "$work/small" | cut -f1) MiB"
arca_sync "arca sync (10,000 files, first)" "$work/small"
rsync_to "rsync (10,000 files, first)" "$work/small/" small/
arca_sync "arca sync (10,000 files, nothing changed)" "$work/small"
rsync_to "rsync (10,000 files, nothing changed)" "$work/small/" small/
