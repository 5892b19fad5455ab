#!/usr/bin/env bash
# Tail latency at a constant rate, corrected for coordinated omission: Weft (weft-http, through
# WeftHelloServer), Netty epoll and virtual threads side by side, plain HTTP and TLS, servers
# alternated in every round, each measured by RateLoad (wrk2-style: every request has an intended
# send time and its latency is counted from it) and by its own server-side histogram
# (-Dbench.latencyLog: from the read of a request to the write of its answer).
#
# Usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   benchmarks/http/latency.sh [-r ROUNDS] [-d SECONDS] [-w WARMUP] [-R PLAIN_RATE] [-T TLS_RATE]
#                              [-c CONNECTIONS] [-n RECONNECT] [--modes "plain tls tls-churn"]
#
# Defaults: 3 rounds, 10 s measured after 15 s at the same rate, 100 connections, 30,000 req/s
# plain and 20,000 over TLS (about 60% of what Netty epoll reaches here under wrk on a quiet
# machine; lower them on a busy one). Three modes: plain, tls (keep-alive: one handshake per
# connection, before the run) and tls-churn (every connection closes and reconnects with a full
# handshake after every RECONNECT answers, default 300; the connections' schedules are spread
# over one period, so they reconnect in bursts of about CONNECTIONS handshakes). Each server
# runs pinned to CPU $SERVER_CPU (default 0) with one I/O thread, the client to $CLIENT_CPU
# (default 1). Weft and Netty run on $JAVA (default java), virtual threads on $JAVA25 (Temurin
# 25, left out if missing), RateLoad on $CLIENT_JAVA (default $JAVA25 if present, where its
# connections run on virtual threads; on JDK 17's platform threads it could not keep up on a busy
# core). Prints every run's lines, then a Markdown table of medians over the
# rounds (latency.py); raw output under benchmarks/target/latency/. The load average is printed
# before and after. WEFT_BEFORE_JAR=path/to/benchmarks.jar adds a row "weft-before": the same
# WeftHelloServer from another build (of the runtime before a change), in the same rounds.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
rounds=3; seconds=10; warmup=15; plain_rate=30000; tls_rate=20000; conns=100; churn=300
modes="plain tls tls-churn"
while [ $# -gt 0 ]; do
  case "$1" in
    -r) rounds=$2; shift 2 ;;
    -d) seconds=$2; shift 2 ;;
    -w) warmup=$2; shift 2 ;;
    -R) plain_rate=$2; shift 2 ;;
    -T) tls_rate=$2; shift 2 ;;
    -c) conns=$2; shift 2 ;;
    -n) churn=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    *) usage; exit 2 ;;
  esac
done
JAVA=${JAVA:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
SERVER_CPU=${SERVER_CPU:-0}; CLIENT_CPU=${CLIENT_CPU:-1}
if [ -z "${CLIENT_JAVA:-}" ]; then
  if [ -x "$JAVA25" ]; then CLIENT_JAVA=$JAVA25; else CLIENT_JAVA=$JAVA; fi
fi
J=benchmarks/target/benchmarks.jar
[ -f "$J" ] || { echo "latency.sh: $J is missing: build with mvn -B -q -DskipTests package" >&2; exit 1; }
base=benchmarks/target/latency
mkdir -p "$base"
STORE=benchmarks/target/tls/server.p12
if [ ! -f "$STORE" ]; then
  mkdir -p "$(dirname "$STORE")"
  keytool -genkeypair -alias http -keyalg EC -dname CN=localhost \
      -ext SAN=dns:localhost,ip:127.0.0.1 -validity 365 \
      -storetype PKCS12 -keystore "$STORE" -storepass changeit >&2
fi
TLS="--keystore $STORE --storepass changeit"
SERVERS=(
  "weft|8090|$JAVA -cp $J dev.weft.benchmarks.http.WeftHelloServer --port 8090 --loops 1"
)
if [ -n "${WEFT_BEFORE_JAR:-}" ]; then
  SERVERS+=("weft-before|8093|$JAVA -cp $WEFT_BEFORE_JAR dev.weft.benchmarks.http.WeftHelloServer --port 8093 --loops 1")
fi
SERVERS+=(
  "netty-epoll|8091|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8091 --transport epoll --threads 1"
)
if [ -x "$JAVA25" ]; then
  SERVERS+=("vt-jdk25|8092|$JAVA25 -cp $J dev.weft.benchmarks.http.VirtualThreadHelloServer --port 8092")
fi
raise_fd_limit
SERVER=
trap 'stop_server "$SERVER"' EXIT
trap 'exit 130' INT TERM
rows=$base/rows.tsv
: > "$rows"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for mode in $modes; do
    for spec in "${SERVERS[@]}"; do
      name=${spec%%|*}; rest=${spec#*|}; port=${rest%%|*}; cmd=${rest#*|}
      rate=$plain_rate; extra=; tls=false; reconnect=0
      case "$mode" in
        plain) ;;
        tls) rate=$tls_rate; extra=" $TLS"; tls=true ;;
        tls-churn) rate=$tls_rate; extra=" $TLS"; tls=true; reconnect=$churn ;;
        *) echo "latency.sh: the modes are plain, tls and tls-churn, not '$mode'" >&2; exit 2 ;;
      esac
      log=$base/$mode-$name-$round
      rm -f "$log.hlog"
      # shellcheck disable=SC2086 # the command is split into words on purpose
      set -- $cmd
      taskset -c "$SERVER_CPU" "$1" -Dbench.latencyLog="$log.hlog" "${@:2}" $extra > "$log.server.log" 2>&1 &
      SERVER=$!
      wait_for_port "$SERVER" "$port"
      echo "== round $round, $mode, $name: $rate req/s (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      if taskset -c "$CLIENT_CPU" "$CLIENT_JAVA" -cp "$J" dev.weft.benchmarks.load.RateLoad --port "$port" \
          --rate "$rate" --connections "$conns" --seconds "$seconds" --warmup "$warmup" --tls "$tls" --reconnect "$reconnect" \
          --server-log "$log.hlog" --label "$name" > "$log.txt" 2> "$log.err"; then :; else
        echo "   RateLoad reported failures for $name; see $log.err" >&2
      fi
      cat "$log.txt"
      grep "^row" "$log.txt" | sed "s/^row/$mode\t$round/" >> "$rows" || true
      stop_server "$SERVER"; SERVER=
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/latency.py" "$rows"
