#!/usr/bin/env bash
# Throughput, latency and CPU per request of HTTP servers under wrk, servers alternated ABAB.
#
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   benchmarks/http/wrk.sh [-r ROUNDS] [-d SECONDS] [-w SECONDS] [-c CONNECTIONS] [-s http|https] \
#       [-H 'HEADER: VALUE'] 'NAME|PORT|SERVER COMMAND' ['NAME|PORT|SERVER COMMAND' ...]
# e.g.
#   benchmarks/http/wrk.sh -r 3 \
#     'netty-epoll|8081|java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.NettyHelloServer --port 8081' \
#     'nio|8083|java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.http.NioHelloServer --port 8083'
#
# Each round starts every server in turn (pinned to CPU $SERVER_CPU, default 0), checks with
# ConnectionLoad (class path $CLIENT_CP) that it answers the shared bytes exactly (a server named
# nginx, which adds its own headers, by status and body with curl), warms it up
# with wrk for -w seconds, then measures `wrk -t1 -c100 -d10s --latency` (wrk pinned to CPU
# $WRK_CPU, default 1) while reading the server's CPU time from /proc/PID/stat (and that of its
# C1/C2 compiler threads from /proc/PID/task, to show CPU without the JIT), and stops it.
# -s https loads https://127.0.0.1:PORT/ (every server given must serve HTTPS; wrk does not verify
# the certificate) and checks each server by status and body with `curl -k` instead. -H adds a
# request header to wrk's requests: with 'Connection: close' every request takes a new connection,
# and over https a handshake (after each connection's first, one that resumes the session of the
# connection before: wrk keeps it, and a TLS 1.3 server gives a ticket).
# Prints a Markdown table of medians over the rounds; the ratio is req/s against the first server.
# Raw wrk output goes to $OUT (default benchmarks/target/wrk).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"

ROUNDS=3; DURATION=10; WARMUP=5; CONNECTIONS=100; SCHEME=http; HEADERS=()
while getopts "r:d:w:c:s:H:" opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;; d) DURATION=$OPTARG ;; w) WARMUP=$OPTARG ;; c) CONNECTIONS=$OPTARG ;;
    s) SCHEME=$OPTARG ;; H) HEADERS+=(-H "$OPTARG") ;;
    *) usage; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { usage; exit 2; }
case "$SCHEME" in http|https) ;; *) echo "wrk.sh: -s must be http or https, got '$SCHEME'" >&2; exit 2 ;; esac
SERVER_CPU=${SERVER_CPU:-0}; WRK_CPU=${WRK_CPU:-1}
OUT=${OUT:-benchmarks/target/wrk}
CLIENT_CP=${CLIENT_CP:-benchmarks/target/classes}
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null
  elif command -v sudo >/dev/null; then sudo apt-get install -y wrk >/dev/null
  else echo "wrk is missing and cannot be installed without root: apt-get install wrk" >&2; exit 1
  fi
fi
raise_fd_limit
TICK=$(getconf CLK_TCK)

SERVER=""
trap 'stop_server "$SERVER"' EXIT
trap 'exit 130' INT TERM

# to_ms VALUE: wrk latency (e.g. 812.00us, 1.20ms, 2.01s) in milliseconds.
to_ms() {
  echo "$1" | awk '/us$/ { print $0 / 1000; next } /ms$/ { print $0 + 0; next } /s$/ { print $0 * 1000; next } { print $0 }'
}

RESULTS="$OUT/results.tsv"
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%|*}; rest=${spec#*|}; port=${rest%%|*}; cmd=${rest#*|}
    log="$OUT/$name-$round"
    taskset -c "$SERVER_CPU" bash -c "exec $cmd" > "$log.server.log" 2>&1 &
    SERVER=$!
    wait_for_port "$SERVER" "$port"
    if [ "$name" = nginx ] || [ "$SCHEME" = https ]; then
      # nginx adds Server, Date and Connection headers, and ConnectionLoad speaks plain HTTP only:
      # check status and body.
      if ! curl -sfk "$SCHEME://127.0.0.1:$port/" > "$log.check.txt" || [ "$(cat "$log.check.txt")" != "Hello, World!" ]; then
        echo "$name does not answer 200 with the body 'Hello, World!'" >&2
        exit 1
      fi
    elif ! java -cp "$CLIENT_CP" dev.weft.benchmarks.load.ConnectionLoad --port "$port" \
        --connections 10 --requests 3 --threads 1 > "$log.check.txt" 2>&1; then
      cat "$log.check.txt" >&2
      echo "$name does not answer the shared hello response byte for byte; see HttpWire" >&2
      exit 1
    fi
    url="$SCHEME://127.0.0.1:$port/"
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" ${HEADERS[@]+"${HEADERS[@]}"} "$url" > "$log.warmup.txt"
    read -r u0 s0 < <(cpu_ticks "$SERVER"); j0=$(jit_ticks "$SERVER")
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency ${HEADERS[@]+"${HEADERS[@]}"} "$url" > "$log.wrk.txt"
    read -r u1 s1 < <(cpu_ticks "$SERVER"); j1=$(jit_ticks "$SERVER")
    stop_server "$SERVER"; SERVER=""
    requests=$(awk '/requests in/ { print $1 }' "$log.wrk.txt")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$log.wrk.txt")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$log.wrk.txt")")
    mean=$(to_ms "$(awk '$1 == "Latency" { print $2; exit }' "$log.wrk.txt")")
    # Little's law: mean latency x throughput is the mean number of requests in flight, which a
    # closed loop of C connections keeps at or below C. Above 1, wrk's latency figures are off.
    little=$(awk -v m="$mean" -v r="$rps" -v c="$CONNECTIONS" 'BEGIN { printf "%.2f", m / 1000 * r / c }')
    errors=$(awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }' "$log.wrk.txt")
    user_us=$(awk -v t="$((u1 - u0))" -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
    total_us=$(awk -v t="$((u1 - u0 + s1 - s0))" -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
    jit=$((j1 - j0)); [ "$jit" -ge 0 ] || jit=0
    nojit_us=$(awk -v t="$((u1 - u0 + s1 - s0 - jit))" -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$rps" "$p99" "$user_us" "$total_us" "$nojit_us" "$little" >> "$RESULTS"
    echo "round $round $name: $rps req/s, p99 $p99 ms, in flight per connection (Little) $little, user CPU $user_us us/req, user+sys $total_us us/req, without JIT $nojit_us us/req ${errors:+($errors)}" >&2
  done
done

# Medians per server, in the order given.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "wrk -t1 -c$CONNECTIONS -d${DURATION}s ${HEADERS[*]+${HEADERS[*]} }$SCHEME, $ROUNDS round(s), server on CPU $SERVER_CPU, wrk on CPU $WRK_CPU; medians"
echo
echo "| server | req/s | p99 ms | user CPU µs/req | user+sys CPU µs/req | user+sys without JIT µs/req | req/s ratio to ${1%%|*} |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
first=""
for spec in "$@"; do
  name=${spec%%|*}
  col() { awk -F '\t' -v n="$name" -v c="$1" '$1 == n { print $c }' "$RESULTS" | median; }
  rps=$(col 3); p99=$(col 4); user=$(col 5); total=$(col 6); nojit=$(col 7)
  [ -n "$first" ] || first=$rps
  awk -v n="$name" -v r="$rps" -v p="$p99" -v u="$user" -v t="$total" -v j="$nojit" -v f="$first" \
    'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", n, r, p, u, t, j, r / f }'
done
