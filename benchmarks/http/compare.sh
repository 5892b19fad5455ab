#!/usr/bin/env bash
# Runs idle.sh and wrk.sh on the standard set of servers: Netty epoll, Netty NIO, the NIO
# baseline (all on the default java), the virtual-thread server (on $JAVA25), and the Weft HTTP
# sample when samples/target/weft-samples.jar exists (first, so the ratios are against Weft).
#
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   benchmarks/http/compare.sh [wrk.sh options, e.g. -r 3 -d 10 -w 20]
# Environment: JAVA (default java), JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java;
# the virtual-thread server is skipped if it is missing), SKIP_IDLE=1 to skip idle.sh, and
# CONNECTIONS / IDLE as for idle.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
JAVA=${JAVA:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
J=benchmarks/target/benchmarks.jar
SAMPLES=samples/target/weft-samples.jar
[ -f "$J" ] || { echo "$J is missing: build with mvn -q -DskipTests package" >&2; exit 1; }

SERVERS=()
if [ -f "$SAMPLES" ]; then
  SERVERS+=("weft|8080|$JAVA -jar $SAMPLES http --port 8080 --loops 1")
fi
SERVERS+=(
  "netty-epoll|8081|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8081 --transport epoll --threads 1"
  "netty-nio|8082|$JAVA -cp $J dev.weft.benchmarks.http.NettyHelloServer --port 8082 --transport nio --threads 1"
  "nio-baseline|8083|$JAVA -cp $J dev.weft.benchmarks.http.NioHelloServer --port 8083 --threads 1"
)
if [ -x "$JAVA25" ]; then
  SERVERS+=("vt-jdk25|8084|$JAVA25 -cp $J dev.weft.benchmarks.http.VirtualThreadHelloServer --port 8084")
fi

if [ "${SKIP_IDLE:-0}" != 1 ]; then
  for spec in "${SERVERS[@]}"; do
    name=${spec%%|*}; rest=${spec#*|}; port=${rest%%|*}; cmd=${rest#*|}
    echo "== idle: $name"
    # shellcheck disable=SC2086 # the command is split into words on purpose
    PORT=$port OUT=benchmarks/target/idle/$name "$HERE/idle.sh" $cmd | tail -2
  done
fi
echo "== wrk"
"$HERE/wrk.sh" "$@" "${SERVERS[@]}"
