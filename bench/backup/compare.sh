#!/usr/bin/env bash
# arca backup (local repository) side by side with restic and borg (local repositories), same machine,
# same run: first backup of ~1 GiB in 10,000 media-like files (incompressible), re-backup with
# nothing changed, re-backup with 1 % of the files changed, restore. Prints seconds, MB/s,
# repository size and peak memory of each. Build first:
#   ./mvnw -o -q -pl client -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v restic >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null; }
command -v borg >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq borgbackup >/dev/null; }
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
ARCA=(client/target/arca)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Both repositories encrypted, each with its own password from the environment.
export RESTIC_PASSWORD=bench RESTIC_REPOSITORY="$work/restic" ARCA_PASSWORD=bench
export BORG_PASSPHRASE=bench BORG_REPO="$work/borg" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes

python3 - "$work/src" <<'PY'
import os, random, sys
root = sys.argv[1]; random.seed(5)
for i in range(10000):
    d = os.path.join(root, f"{2015 + i % 10}", f"{i % 12 + 1:02d}")
    os.makedirs(d, exist_ok=True)
    size = random.randint(20_000, 195_000)
    with open(os.path.join(d, f"IMG_{i:05d}.jpg"), "wb") as f:
        f.write(os.urandom(size))
PY
total=$(du -sb "$work/src" | cut -f1)
mib=$(awk -v b="$total" 'BEGIN {printf "%.0f", b / 1048576}')
echo "tree: 10000 files, $mib MiB"

declare -A took
measure() {  # name, command...: prints seconds and peak RSS (MiB)
  local name=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  read -r secs rss < "$work/time"
  took[$name]=$secs
  printf "%-34s %8.2f s %9.0f MB/s %7d MiB peak\n" "$name" "$secs" "$(awk -v b="$total" -v s="$secs" 'BEGIN {print b / 1e6 / s}')" $((rss / 1024))
}

restic init > /dev/null
borg init --encryption=repokey-blake2 > /dev/null 2>&1
# The launcher makes its start-up cache after its first command; wait for it, so that every
# measured command runs as a user's does from the second day on.
client/target/arca --version > /dev/null
while [ -d "${XDG_CACHE_HOME:-$HOME/.cache}/arca/client.aot.lock" ]; do sleep 0.2; done
measure "arca backup (first)" "${ARCA[@]}" backup "$work/src" --repo "$work/arca"
measure "restic backup (first)" restic backup -q "$work/src"
measure "borg backup (first)" borg create ::first "$work/src"
echo "repository size: arca $(du -sm "$work/arca" | cut -f1) MiB, restic $(du -sm "$work/restic" | cut -f1) MiB, borg $(du -sm "$work/borg" | cut -f1) MiB"
measure "arca backup (nothing changed)" "${ARCA[@]}" backup "$work/src" --repo "$work/arca"
measure "restic backup (nothing changed)" restic backup -q "$work/src"
measure "borg backup (nothing changed)" borg create ::second "$work/src"
python3 - "$work/src" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(0, 10000, 100):
    p = os.path.join(root, f"{2015 + i % 10}", f"{i % 12 + 1:02d}", f"IMG_{i:05d}.jpg")
    with open(p, "r+b") as f:
        f.seek(1000); f.write(os.urandom(16))
PY
measure "arca backup (1 % changed)" "${ARCA[@]}" backup "$work/src" --repo "$work/arca"
measure "restic backup (1 % changed)" restic backup -q "$work/src"
measure "borg backup (1 % changed)" borg create ::third "$work/src"
measure "arca restore" "${ARCA[@]}" restore latest --to "$work/out-arca" --repo "$work/arca"
measure "restic restore" restic restore -q latest --target "$work/out-restic"
mkdir -p "$work/out-borg"
measure "borg restore" sh -c 'cd "$1" && borg extract ::third' borg "$work/out-borg"
diff -r "$work/src" "$work/out-arca" > /dev/null && echo "arca restore is identical to the source"
echo
echo "time ratios, arca / peer (below 1: arca is faster)"
for step in "backup (first)" "backup (nothing changed)" "backup (1 % changed)" "restore"; do
  printf "%-26s restic %5.2f   borg %5.2f\n" "$step" \
    "$(awk -v a="${took[arca $step]}" -v p="${took[restic $step]}" 'BEGIN {print a / p}')" \
    "$(awk -v a="${took[arca $step]}" -v p="${took[borg $step]}" 'BEGIN {print a / p}')"
done
