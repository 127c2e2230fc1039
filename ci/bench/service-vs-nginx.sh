#!/usr/bin/env bash
# Measures the reference service beside nginx with the same wrk command (../shared/bench/wrk-vs-nginx.sh):
# GET /health, a product page, and an order POST. Results go in docs/PERFORMANCE.md.
#
#   ci/bench/service-vs-nginx.sh [wrk-vs-nginx flags, e.g. -c 50 -d 10 -r 3]
#
# Starts the service on a free loopback port with enough stock that no order runs out, and with rate
# limits raised (ratelimit.multiplier) so that wrk measures the request path, not 429 answers. Stops it after.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${WRK_VS_NGINX:-../shared/bench/wrk-vs-nginx.sh}
[ -x "$bench" ] || [ -f "$bench" ] || { echo "wrk-vs-nginx.sh not found at $bench (set WRK_VS_NGINX)" >&2; exit 2; }
work=$(mktemp -d)
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xms1g -Xmx1g -cp "target/classes:$(cat "$work/cp.txt")" -Dport="$port" -Dseed.products=40000 \
  -Dratelimit.multiplier=1000 dev.loadbearing.service.ServiceMain < /dev/null > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/service.log"; exit 1; }

key=lb-enterprise-1
for page in $(seq 1 10); do
  curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/products?page=$page&size=100" |
    python3 -c 'import json,sys; [print(p["id"]) for p in json.load(sys.stdin)["items"]]'
done > "$work/ids.txt"
echo "service on port $port, $(wc -l < "$work/ids.txt") product ids for orders"

# Warm up: the first seconds of a JVM measure the JIT compiler, not the service.
export PRODUCT_IDS="$work/ids.txt" API_KEY=$key
wrk -t1 -c50 -d10s "http://127.0.0.1:$port/health" >/dev/null
wrk -t1 -c50 -d10s -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/products?page=1&size=20" >/dev/null
wrk -t1 -c50 -d10s -s ci/bench/order.lua "http://127.0.0.1:$port/api/orders" >/dev/null

bash "$bench" "$@" -- \
  "http://127.0.0.1:$port/health" \
  "-H 'X-Api-Key: $key' 'http://127.0.0.1:$port/api/products?page=1&size=20'" \
  "-s ci/bench/order.lua http://127.0.0.1:$port/api/orders"

# Latency of each target under the same load (wrk's percentiles; nginx's for scale).
echo "latency, one more 10 s wrk -t1 -c50 --latency run each:"
latency() { printf '%-9s' "$1"; shift; wrk -t1 -c50 -d10s --latency "$@" | awk '/^ +(50|90|99)%/ {printf "  p%s %s", $1, $2} /Requests\/sec/ {printf "  (%s req/s)\n", $2}'; }
latency health "http://127.0.0.1:$port/health"
latency products -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/products?page=1&size=20"
latency order -s ci/bench/order.lua "http://127.0.0.1:$port/api/orders"

# Every order must have been a 201: a 409 or 429 would make the POST figure meaningless.
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^http_server_requests_seconds_count\{.*(orders|health|products)' | sort
