#!/usr/bin/env bash
# Heap and RSS per idle keep-alive connection of one HTTP server.
#
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   PORT=8083 benchmarks/http/idle.sh java -cp benchmarks/target/benchmarks.jar \
#       dev.weft.benchmarks.http.NioHelloServer --port 8083
#
# Environment: PORT (default 8080; the server command must listen there), CONNECTIONS
# (default 10000), IDLE (seconds the client holds them, default 30), CLIENT_CP (default
# benchmarks/target/classes), OUT (logs, default benchmarks/target/idle).
#
# Steps: start the server; open 100 connections once with one request each and close them (so
# the connection code is loaded before the baseline); full GC (jcmd GC.run, twice) and read the
# heap in use (jcmd GC.heap_info) and VmRSS (/proc/PID/status); run ConnectionLoad with
# CONNECTIONS connections, one request each, idle for IDLE seconds; once all are open and idle,
# full GC and read both again. Bytes per connection = (after - before) / CONNECTIONS. The jcmd
# used is the server JVM's own. Fails if the client reports any failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
[ $# -ge 1 ] || { usage; exit 2; }
PORT=${PORT:-8080}; CONNECTIONS=${CONNECTIONS:-10000}; IDLE=${IDLE:-30}
CLIENT_CP=${CLIENT_CP:-benchmarks/target/classes}
OUT=${OUT:-benchmarks/target/idle}
mkdir -p "$OUT"
raise_fd_limit

SERVER=""; CLIENT=""
cleanup() { [ -z "$CLIENT" ] || kill "$CLIENT" 2>/dev/null || true; stop_server "$SERVER"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$@" > "$OUT/server.log" 2>&1 &
SERVER=$!
wait_for_port "$SERVER" "$PORT"
JCMD=$(dirname "$(readlink -f "/proc/$SERVER/exe")")/jcmd
[ -x "$JCMD" ] || JCMD=jcmd

# heap_used_kb: sum of "used NK" over the heap lines of GC.heap_info (Metaspace excluded),
# after two full GCs. Works for Serial, Parallel and G1 output.
heap_used_kb() {
  "$JCMD" "$SERVER" GC.run > /dev/null
  "$JCMD" "$SERVER" GC.run > /dev/null
  "$JCMD" "$SERVER" GC.heap_info | tee "$OUT/heap_info.$1.txt" \
    | grep -v -i -e metaspace -e 'class space' \
    | sed -n 's/.*used \([0-9][0-9]*\)K.*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER/status"; }
fds() { ls "/proc/$SERVER/fd" | wc -l; }

client() {
  java -cp "$CLIENT_CP" dev.weft.benchmarks.load.ConnectionLoad --host 127.0.0.1 --port "$PORT" "$@"
}

client --connections 100 --requests 1 --idle-seconds 0 > "$OUT/warmup.log" 2>&1 \
  || { cat "$OUT/warmup.log" >&2; exit 1; }
sleep 1
heap0=$(heap_used_kb before); rss0=$(rss_kb); fds0=$(fds)

client --connections "$CONNECTIONS" --requests 1 --idle-seconds "$IDLE" > "$OUT/client.log" 2>&1 &
CLIENT=$!
until grep -q '^idle:' "$OUT/client.log"; do
  kill -0 "$CLIENT" 2>/dev/null || { cat "$OUT/client.log" >&2; exit 1; }
  sleep 0.2
done
sleep 2
heap1=$(heap_used_kb after); rss1=$(rss_kb); fds1=$(fds)
if ! wait "$CLIENT"; then CLIENT=""; cat "$OUT/client.log" >&2; echo "client failed" >&2; exit 1; fi
CLIENT=""
cat "$OUT/client.log"

echo "server: $*"
echo "open fds: $fds0 before, $fds1 while idle"
awk -v h0="$heap0" -v h1="$heap1" -v r0="$rss0" -v r1="$rss1" -v n="$CONNECTIONS" 'BEGIN {
  printf "heap after full GC: %d KiB before, %d KiB with %d idle connections: %.0f bytes/connection\n", h0, h1, n, (h1 - h0) * 1024 / n
  printf "RSS: %d KiB before, %d KiB with %d idle connections: %.0f bytes/connection\n", r0, r1, n, (r1 - r0) * 1024 / n
}'
