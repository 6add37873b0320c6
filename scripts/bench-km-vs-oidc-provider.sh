#!/usr/bin/env bash
# Side-by-side on loopback: client_credentials JWT access tokens per second
# from Gatehouse's Key Manager (ES256) and from panva's oidc-provider
# (RS256, its JWT resource-server format), each with the same wrk load.
# Bounded: DURATION seconds per run; both servers are stopped at the end.
# Needs wrk, node with npm ci done, and bin/gatehouse (make build).
#   scripts/bench-km-vs-oidc-provider.sh
#   DURATION=5 CONNECTIONS=32 scripts/bench-km-vs-oidc-provider.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
BIN="${GATEHOUSE_BIN:-bin/gatehouse}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
command -v node >/dev/null || { echo "node is not installed"; exit 2; }
[ -d node_modules/oidc-provider ] || { echo "oidc-provider missing: run npm ci"; exit 2; }
[ -x "$BIN" ] || { echo "$BIN missing: run make build"; exit 2; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CP=$(port); GW=$(port); IDP=$(port)
DATA=$(mktemp -d)
"$BIN" serve --demo --data-dir "$DATA" --listen "127.0.0.1:$CP" --gateway-listen "127.0.0.1:$GW" --log-level warn >"$DATA/gatehouse.log" 2>&1 &
GH=$!
IDP_PORT=$IDP IDP_CLIENT_ID=bench IDP_CLIENT_SECRET=bench-secret-0123456789 IDP_JWT=1 \
  node e2e/support/oidc-idp.mjs >"$DATA/idp.out" 2>"$DATA/idp.log" &
OP=$!
LUA=$(mktemp)
trap 'kill $GH $OP 2>/dev/null; wait $GH $OP 2>/dev/null; rm -rf "$DATA" "$LUA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$CP/readyz" >/dev/null && break; sleep 0.2; done
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$IDP/.well-known/openid-configuration" >/dev/null && break; sleep 0.2; done

ID=$(python3 -c "import json;print(json.load(open('$DATA/demo-credentials.json'))['application']['clientId'])")
SECRET=$(python3 -c "import json;print(json.load(open('$DATA/demo-credentials.json'))['application']['clientSecret'])")

cat >"$LUA" <<'LUAEOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")
wrk.body = "grant_type=client_credentials"
LUAEOF

check() { # url id secret: one token, to be sure both answer JWTs
  curl -fs -u "$2:$3" -d grant_type=client_credentials "$1" |
    python3 -c 'import json,sys;t=json.load(sys.stdin)["access_token"];assert t.count(".")==2,"not a JWT";print("  sample token is a JWT,", len(t), "bytes")'
}
rate() { awk '/Requests\/sec/ {print $2}'; }
non2xx() { awk '/Non-2xx/ {print $NF}'; }

echo "== Gatehouse Key Manager: POST /oauth2/token client_credentials (ES256 JWT)"
check "http://127.0.0.1:$CP/oauth2/token" "$ID" "$SECRET"
OUT=$(BASIC=$(printf '%s:%s' "$ID" "$SECRET" | base64 -w0) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "http://127.0.0.1:$CP/oauth2/token")
echo "$OUT"
GH_RATE=$(echo "$OUT" | rate); [ -z "$(echo "$OUT" | non2xx)" ] || echo "  WARNING: non-2xx answers"

echo "== oidc-provider $(node -p 'require("./node_modules/oidc-provider/package.json").version'): POST /token client_credentials (RS256 JWT)"
check "http://127.0.0.1:$IDP/token" bench bench-secret-0123456789
OUT=$(BASIC=$(printf 'bench:bench-secret-0123456789' | base64 -w0) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "http://127.0.0.1:$IDP/token")
echo "$OUT"
OP_RATE=$(echo "$OUT" | rate); [ -z "$(echo "$OUT" | non2xx)" ] || echo "  WARNING: non-2xx answers"

python3 -c "g=float('$GH_RATE'); o=float('$OP_RATE'); print(f'== tokens/s: Gatehouse {g:.0f}, oidc-provider {o:.0f}, ratio {g/o:.1f}x')"
