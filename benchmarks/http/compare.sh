#!/usr/bin/env bash
# Runs idle.sh and wrk.sh on the standard set of servers of servers.sh: the Weft HTTP sample
# (first, so the ratios are against Weft; on the default java and on $JAVA25), Netty epoll, Netty
# NIO, the NIO baseline, the virtual-thread server (on $JAVA25) and nginx (wrk only).
#
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   benchmarks/http/compare.sh [wrk.sh options, e.g. -r 3 -d 10 -w 20]
# Environment: JAVA (default java), JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java;
# the virtual-thread server is skipped if it is missing), SKIP_IDLE=1 to skip idle.sh, and
# CONNECTIONS / IDLE as for idle.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
. "$HERE/servers.sh"

if [ "${SKIP_IDLE:-0}" != 1 ]; then
  for spec in "${SERVERS[@]}"; do
    name=${spec%%|*}; rest=${spec#*|}; port=${rest%%|*}; cmd=${rest#*|}
    [ "$name" = nginx ] && continue # idle.sh reads a JVM heap
    echo "== idle: $name"
    # shellcheck disable=SC2086 # the command is split into words on purpose
    PORT=$port OUT=benchmarks/target/idle/$name "$HERE/idle.sh" $cmd | tail -2
  done
fi
echo "== wrk"
"$HERE/wrk.sh" "$@" "${SERVERS[@]}"
