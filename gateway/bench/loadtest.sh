#!/usr/bin/env bash
# Loopback load test of a running all-in-one: gateway proxying with JWT
# authentication, token issuance (client credentials) and introspection.
# Bounded: each run lasts DURATION seconds, and the script stops the server
# it started. Needs wrk (Debian package) and bin/gatehouse (make build).
#   gateway/bench/loadtest.sh            # 10 s per run, 64 connections
#   DURATION=5 CONNECTIONS=32 gateway/bench/loadtest.sh
set -euo pipefail
# go.mod's toolchain (see the Makefile): the machine's Go would ignore it.
export GOTOOLCHAIN="${GOTOOLCHAIN:-go1.26.11}"
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
BIN="${GATEHOUSE_BIN:-bin/gatehouse}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -x "$BIN" ] || { echo "$BIN missing: run make build"; exit 2; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CP=$(port); GW=$(port)
DATA=$(mktemp -d)
"$BIN" serve --demo --data-dir "$DATA" --listen "127.0.0.1:$CP" --gateway-listen "127.0.0.1:$GW" --log-level warn >"$DATA/out.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$CP/readyz" >/dev/null && break; sleep 0.2; done

ID=$(python3 -c "import json;print(json.load(open('$DATA/demo-credentials.json'))['application']['clientId'])")
SECRET=$(python3 -c "import json;print(json.load(open('$DATA/demo-credentials.json'))['application']['clientSecret'])")
BASIC=$(printf '%s:%s' "$ID" "$SECRET" | base64 -w0)
TOKEN=$(curl -fs -u "$ID:$SECRET" -d grant_type=client_credentials "http://127.0.0.1:$CP/oauth2/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
for _ in $(seq 1 50); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GW/pizzashack/1.0.0/menu")" = 200 ] && break
  sleep 0.2
done

LUA=$(mktemp)
cat >"$LUA" <<LUAEOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
wrk.body = os.getenv("BODY")
LUAEOF

echo "== gateway: GET /pizzashack/1.0.0/menu with a JWT (auth + subscription + proxy to the sample backend)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GW/pizzashack/1.0.0/menu"
echo "== key manager: POST /oauth2/token grant_type=client_credentials (ES256 JWT)"
BODY="grant_type=client_credentials" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "http://127.0.0.1:$CP/oauth2/token"
echo "== key manager: POST /oauth2/introspect"
BODY="token=$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "http://127.0.0.1:$CP/oauth2/introspect"
rm -f "$LUA"
