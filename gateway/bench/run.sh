#!/usr/bin/env bash
# Side-by-side gateway benchmark on loopback (make bench-gateway).
#
# Rows: the 1 KiB JSON backend direct; nginx (Debian's package) as a plain
# reverse proxy; a plain net/http/httputil.ReverseProxy; the Gatehouse
# gateway with no policies; the gateway with JWT + subscription + throttling
# + analytics (counters in memory, and in Redis at 127.0.0.1:6379).
# wrk runs pinned to core 0, servers to core 1 (when there are two cores).
# Each measurement lasts DURATION seconds after a 1 s warm-up, at 1 and 50
# connections; RUNS>1 takes the median. Everything it starts, it stops.
# Other load on the machine shows up as noise: compare rows of one run.
#   gateway/bench/run.sh
#   DURATION=10 RUNS=3 gateway/bench/run.sh
set -euo pipefail
# go.mod's toolchain (see the Makefile): the machine's Go would ignore it.
export GOTOOLCHAIN="${GOTOOLCHAIN:-go1.26.11}"
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-5}"
RUNS="${RUNS:-1}"
CONNS="${CONNS:-1 50}"
REDIS_ADDR="${REDIS_ADDR:-127.0.0.1:6379}"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
  else
    echo "wrk is not installed (apt-get install wrk)"; exit 2
  fi
fi
NOTES=()
if ! command -v nginx >/dev/null && ! [ -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light >/dev/null 2>&1 ||
      NOTES+=("nginx: apt-get install nginx-light failed; row skipped")
  else
    NOTES+=("nginx: not installed and cannot install it here; row skipped")
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ "$(nproc)" -ge 2 ]; then
  LOAD=(taskset -c 0); SERVE=(taskset -c 1)
else
  LOAD=(); SERVE=(); NOTES+=("one core only: load generator and servers share it")
fi

echo "building gateway/bench/benchsrv ..."
go build -o "$WORK/benchsrv" ./gateway/bench/benchsrv

# start NAME ARGS...: runs benchsrv pinned to the server core, waits for
# the address it prints and leaves it in ADDR, its pid in PID (not in a
# subshell, so cleanup knows every pid).
start() {
  local name=$1; shift
  "${SERVE[@]}" "$WORK/benchsrv" -max-run 15m "$@" >"$WORK/$name.addr" 2>"$WORK/$name.log" &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 100); do [ -s "$WORK/$name.addr" ] && break; sleep 0.05; done
  [ -s "$WORK/$name.addr" ] || { echo "$name did not start:"; cat "$WORK/$name.log"; exit 1; }
  ADDR=$(head -1 "$WORK/$name.addr")
}

start backend -mode backend; BACKEND=$ADDR
ROWS=()   # "name|url|header|pid of the server measured"
ROWS+=("backend direct|http://$BACKEND/bench/v1/data||$PID")

if [ -x "$NGINX" ]; then
  NGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$WORK/nginx/logs"
  cat >"$WORK/nginx/nginx.conf" <<NGEOF
worker_processes 1;
daemon off;
master_process off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream backend { server $BACKEND; keepalive 256; }
  server {
    listen 127.0.0.1:$NGPORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGEOF
  "${SERVE[@]}" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/stderr" &
  NGPID=$!
  PIDS+=("$NGPID")
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$NGPORT/" && break; sleep 0.05; done
  if curl -fs -o /dev/null "http://127.0.0.1:$NGPORT/"; then
    ROWS+=("nginx|http://127.0.0.1:$NGPORT/bench/v1/data||$NGPID")
  else
    NOTES+=("nginx did not start: $(tail -1 "$WORK/nginx/stderr" "$WORK/nginx/logs/error.log" 2>/dev/null | tr '\n' ' ')")
  fi
fi

start httputil -mode httputil -target "http://$BACKEND"
ROWS+=("httputil.ReverseProxy|http://$ADDR/bench/v1/data||$PID")
start gateway -mode gateway -target "http://$BACKEND"
ROWS+=("gateway, no policies|http://$ADDR/bench/v1/data||$PID")
start gateway-full -mode gateway-full -target "http://$BACKEND" -token-file "$WORK/token"
ROWS+=("gateway, full chain (memory)|http://$ADDR/bench/v1/data|Authorization: Bearer $(cat "$WORK/token")|$PID")
if (exec 3<>"/dev/tcp/${REDIS_ADDR%:*}/${REDIS_ADDR#*:}") 2>/dev/null; then
  start gateway-redis -mode gateway-full -target "http://$BACKEND" -token-file "$WORK/token-redis" -redis "redis://$REDIS_ADDR/0"
  ROWS+=("gateway, full chain (Redis)|http://$ADDR/bench/v1/data|Authorization: Bearer $(cat "$WORK/token-redis")|$PID")
else
  NOTES+=("Redis at $REDIS_ADDR unreachable: Redis row skipped")
fi

# Every row must answer 200 before it is measured.
for row in "${ROWS[@]}"; do
  IFS='|' read -r name url hdr pid <<<"$row"
  code=$(curl -s -o /dev/null -w '%{http_code}' ${hdr:+-H "$hdr"} "$url")
  [ "$code" = 200 ] || { echo "$name answered $code at $url"; exit 1; }
done

# cputicks PID: user+system CPU time of a process, in clock ticks. CPU
# per request shows what each proxy costs even when the machine is busy
# with other work (which skews latency and req/s, not CPU time).
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
echo "measuring: ${#ROWS[@]} rows x connections {$CONNS} x $RUNS run(s) x ${DURATION}s"
# Runs go round the rows (not row by row), so load from elsewhere on the
# machine spreads over all rows rather than landing on one.
for r in $(seq 1 "$RUNS"); do
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name url hdr pid <<<"$row"
    for c in $CONNS; do
      "${LOAD[@]}" wrk -t1 -c"$c" -d1s ${hdr:+-H "$hdr"} "$url" >/dev/null
      before=$(cputicks "$pid")
      out=$("${LOAD[@]}" wrk -t1 -c"$c" -d"${DURATION}s" --latency ${hdr:+-H "$hdr"} "$url")
      ticks=$(( $(cputicks "$pid") - before ))
      printf '%s\t%s\t%s\t%s\n' "$name" "$c" "$ticks" "$(echo "$out" | tr '\n' '\v')" >>"$RESULTS"
      printf '  run %s/%s  %-32s c=%-3s %s req/s\n' "$r" "$RUNS" "$name" "$c" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
    done
  done
done

python3 - "$RESULTS" "$(getconf CLK_TCK)" <<'PYEOF'
import re, statistics, sys
unit = {"us": 1, "ms": 1000, "s": 1_000_000}
def lat(text, pct):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\s*$" % pct, text, re.M)
    return float(m.group(1)) * unit[m.group(2)] if m else float("nan")
runs = {}
order = []
tick_us = 1e6 / int(sys.argv[2])
for line in open(sys.argv[1]):
    name, c, ticks, text = line.rstrip("\n").split("\t", 3)
    text = text.replace("\v", "\n")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    errs = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    key = (name, int(c))
    if key not in runs:
        runs[key] = []
        if name not in order:
            order.append(name)
    reqs = int(re.search(r"(\d+) requests in", text).group(1))
    runs[key].append((rps, lat(text, 50), lat(text, 99), int(ticks) * tick_us / max(reqs, 1), int(errs.group(1)) if errs else 0))
med = {k: tuple(statistics.median(x[i] for x in v) for i in range(4)) + (sum(x[4] for x in v),) for k, v in runs.items()}
conns = sorted({k[1] for k in med})
def ratio(a, b):
    return "%.2fx" % (a / b) if b and b == b and a == a else "-"
for c in conns:
    base = med.get(("httputil.ReverseProxy", c))
    ng = med.get(("nginx", c))
    direct = med.get(("backend direct", c))
    print()
    print("%d connection%s (median of %d run%s)" % (c, "" if c == 1 else "s", len(runs[(order[0], c)]), "" if len(runs[(order[0], c)]) == 1 else "s"))
    hdr = "%-30s %9s %8s %8s | %8s %8s %8s %9s | %8s %8s %8s | %8s %8s" % ("", "req/s", "/httputl", "/nginx", "p50 µs", "/httputl", "/nginx", "+p50 µs", "p99 µs", "/httputl", "/nginx", "CPU µs/r", "/httputl")
    print(hdr); print("-" * len(hdr))
    for name in order:
        if (name, c) not in med:
            continue
        rps, p50, p99, cpu, bad = med[(name, c)]
        added = "%+.0f" % (p50 - direct[1]) if direct else "-"
        print("%-30s %9.0f %8s %8s | %8.0f %8s %8s %9s | %8.0f %8s %8s | %8.1f %8s%s" % (
            name, rps, ratio(rps, base[0]) if base else "-", ratio(rps, ng[0]) if ng else "-",
            p50, ratio(p50, base[1]) if base else "-", ratio(p50, ng[1]) if ng else "-", added,
            p99, ratio(p99, base[2]) if base else "-", ratio(p99, ng[2]) if ng else "-",
            cpu, ratio(cpu, base[3]) if base else "-",
            "  (%d non-2xx!)" % bad if bad else ""))
print()
print("req/s ratios: higher is better; latency and CPU ratios: lower is better; +p50 is the latency added over the")
print("backend direct; CPU µs/r is the measured server's own CPU time per request (the backend's not included).")
PYEOF
for n in "${NOTES[@]}"; do echo "note: $n"; done
