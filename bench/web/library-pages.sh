#!/usr/bin/env bash
# Render times of the web library with many items (default 10,000) in one account, on the
# built server jar (SQLite, embedded defaults) over loopback:
#   - the first grid page (/library, 60 thumbnails, the month scrubber, filters);
#   - infinite scroll: every next page (/library/page?cursor=...) down to the oldest item;
#   - a search, a jump from the scrubber, an item page, and a thumbnail made and then cached.
# The peer is the JSON API listing the same 60 items (GET /api/v1/items?limit=60) in the same
# run: the ratio says what the HTML costs over the data. Prints milliseconds (median and 95th
# percentile of 30 requests after 5 warm-up ones) and the server's peak memory.
# Build first: ./mvnw -o -q -pl server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-10000}
HEAP=${HEAP:-512m}
PORT=${PORT:-18282}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

JAVA_HOME=$(dirname "$(dirname "$JAVA")") ARCA_JAVA_OPTS="-Xmx$HEAP" server/target/arca-server --server.port="$PORT" \
  --arca.data-dir="$work/data" --logging.level.root=WARN > "$work/server.log" 2>&1 &
server=$!
site="http://127.0.0.1:$PORT"
base="$site/api/v1"
for _ in $(seq 1 120); do curl -sf "$base/policy" > /dev/null && break; sleep 0.5; done
curl -sf -H 'Content-Type: application/json' -d '{"name":"Bench","email":"bench@example.test","password":"correct horse battery","country":"DE","language":"en","acceptTerms":true,"consents":[]}' "$base/accounts" > /dev/null
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.test","password":"correct horse battery","deviceName":"bench"}' "$base/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')

# Seed: small distinct JPEGs, 100 per multipart request, then each given its own capture time,
# one every 6 hours going back from now (10,000 items span about 7 years).
echo "seeding $ITEMS items..."
mkdir -p "$work/files"
seed_start=$(date +%s)
for ((batch = 0; batch < ITEMS / 100; batch++)); do
  args=()
  for ((i = 0; i < 100; i++)); do
    n=$((batch * 100 + i))
    f="$work/files/photo-$n.jpg"
    { cat server/src/test/resources/media/orientation6.jpg; printf '%08d' "$n"; } > "$f"
    args+=(-F "file=@$f")
  done
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "${args[@]}" "$base/items"
  rm -f "$work"/files/*
done
now=$(date +%s)
curl -sf -H "Authorization: Bearer $token" "$base/items?limit=500" > /dev/null
python3 - "$base" "$token" "$now" <<'PY'
import json, sys, urllib.request, datetime, concurrent.futures
base, token, now = sys.argv[1], sys.argv[2], int(sys.argv[3])
ids, cursor = [], None
while True:
    url = base + "/items?limit=500" + ("&cursor=" + cursor if cursor else "")
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})))
    ids += [i["id"] for i in page["items"]]
    cursor = page.get("nextCursor")
    if not cursor:
        break
def patch(k):
    when = datetime.datetime.fromtimestamp(now - k * 6 * 3600, datetime.timezone.utc).isoformat()
    body = json.dumps({"capturedAt": when}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/items/" + ids[k], data=body, method="PATCH",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})).read()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(patch, range(len(ids))))
print(len(ids), "items dated", file=sys.stderr)
PY
echo "seeded in $(( $(date +%s) - seed_start )) s"

# A browser's session: the login form with its CSRF token.
jar="$work/cookies"
csrf=$(curl -sf -c "$jar" "$site/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -sf -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=bench@example.test" \
  --data-urlencode "password=correct horse battery" --data-urlencode "_csrf=$csrf" "$site/login"

times() {  # label url [auth]: 5 warm-up, 30 measured; prints median and p95 in ms
  local label=$1 url=$2 auth=${3:-}
  local headers=(-b "$jar")
  [ -n "$auth" ] && headers=(-H "Authorization: Bearer $token")
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null "${headers[@]}" "$url"; done
  for _ in $(seq 1 30); do curl -sf -o /dev/null -w '%{time_total}\n' "${headers[@]}" "$url"; done \
    | sort -n | awk -v label="$label" '{ t[NR] = $1 * 1000 } END { printf "%-44s %8.1f %8.1f\n", label, t[15], t[29] }'
}

echo
printf "%-44s %8s %8s\n" "request ($ITEMS items)" "p50 ms" "p95 ms"
times "JSON API, 60 items (peer)" "$base/items?limit=60" auth
times "/library (first page)" "$site/library"
first=$(curl -sf -b "$jar" "$site/library")
next=$(printf '%s' "$first" | sed -n 's/.*data-page="\([^"]*\)".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
times "/library/page (second page)" "$site$next"
# Scroll to the end, timing each page once.
pages=0
scroll_start=$(date +%s.%N)
while [ -n "$next" ]; do
  out=$(curl -sf -b "$jar" "$site$next")
  pages=$((pages + 1))
  next=$(printf '%s' "$out" | sed -n 's/.*data-page="\([^"]*\)".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
done
scroll_end=$(date +%s.%N)
awk -v p="$pages" -v a="$scroll_start" -v b="$scroll_end" 'BEGIN { printf "%-44s %8.1f   (%d pages, %.1f s in all)\n", "scrolling to the oldest item, per page", (b - a) * 1000 / p, p, b - a }'
times "/library?q=photo-4242 (search)" "$site/library?q=photo-4242"
mid=$(date -u -d "@$((now - ITEMS * 3 * 3600))" +%Y-%m-28)
times "/library?to=$mid (scrubber jump)" "$site/library?to=$mid"
item=$(printf '%s' "$first" | sed -n 's/.*href="\/library\/items\/\([^"]*\)".*/\1/p' | head -1)
times "/library/items/{id} (item page)" "$site/library/items/$item"
thumb=$(printf '%s' "$first" | sed -n 's/.*src="\(\/library\/items\/[^"]*\/thumbnail[^"]*\)".*/\1/p' | sed -n 2p | sed 's/&amp;/\&/g')
cold=$(curl -sf -o /dev/null -w '%{time_total}' -b "$jar" "$site$thumb")
times "thumbnail, cached" "$site$thumb"
awk -v c="$cold" 'BEGIN { printf "%-44s %8.1f\n", "thumbnail, first request (made then)", c * 1000 }'
echo
awk '/VmHWM/ { printf "server peak RSS: %d MiB (heap limit '"$HEAP"')\n", $2 / 1024 }' /proc/$server/status
