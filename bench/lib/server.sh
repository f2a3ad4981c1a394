# Sourced by the benches: starts the built server on embedded defaults on loopback (data in
# $work/server, port $port), registers the bench account and signs a client device in, with its
# state in $work/config. Sets $server (the process) and $base (the address); the caller kills
# $server when it ends. The launcher makes its start-up cache after its first command; this waits
# for it, so that every measured command runs as a user's does from the second day on.
server/target/arca-server --server.port="$port" --arca.data-dir="$work/server" > "$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/actuator/health" > /dev/null 2>&1 && break; sleep 0.5; done
curl -fs -o /dev/null -X POST "$base/api/v1/accounts" -H 'Content-Type: application/json' -H 'Arca-Protocol: 1' \
  -d '{"name":"Bench","email":"bench@example.test","password":"bench password 1","country":"FR","language":"en","acceptTerms":true,"consents":[]}'
export ARCA_CONFIG_DIR="$work/config"
client/target/arca --version > /dev/null
while [ -d "${XDG_CACHE_HOME:-$HOME/.cache}/arca/client.aot.lock" ]; do sleep 0.2; done
echo "bench password 1" | client/target/arca login "$base" --email bench@example.test --password-stdin \
  --device-name bench > /dev/null 2>&1
