#!/usr/bin/env bash
# The http and idle rows of benchmarks/run.sh: runs wrk.sh or idle.sh on the servers of
# servers.sh and prints a Markdown section with the goals of each row.
#
# Usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   benchmarks/http/rows.sh http|idle [--quick]
#
# http: wrk.sh -r 3 -d 10 -w 10 (--quick: -r 1 -d 5 -w 5) over every server, alternated ABAB.
# idle: idle.sh with 10,000 connections held 20 s (--quick: 2,000 held 5 s) on every JVM server.
# Raw output under benchmarks/target/rows/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
[ $# -ge 1 ] || { usage; exit 2; }
row=$1; shift
quick=0
for a in "$@"; do
  case "$a" in --quick) quick=1 ;; *) echo "rows.sh: unknown option $a" >&2; exit 2 ;; esac
done
. "$HERE/servers.sh"
base=benchmarks/target/rows
mkdir -p "$base"

case "$row" in
  http)
    if [ "$quick" = 1 ]; then opts=(-r 1 -d 5 -w 5); else opts=(-r 3 -d 10 -w 10); fi
    rm -rf "$base/wrk"
    OUT="$base/wrk" "$HERE/wrk.sh" "${opts[@]}" "${SERVERS[@]}" > "$base/wrk-table.md"
    python3 "$HERE/rows.py" http --results "$base/wrk/results.tsv" --settings "wrk -t1 -c100, ${opts[*]}" \
      --servers "$(printf '%s\n' "${SERVERS[@]}")"
    ;;
  idle)
    if [ "$quick" = 1 ]; then conns=2000; idle=5; else conns=10000; idle=20; fi
    : > "$base/idle.tsv"
    for spec in "${SERVERS[@]}"; do
      name=${spec%%|*}; rest=${spec#*|}; port=${rest%%|*}; cmd=${rest#*|}
      [ "$name" = nginx ] && continue # idle.sh reads a JVM heap
      echo "== idle: $name" >&2
      # shellcheck disable=SC2086 # the command is split into words on purpose
      if PORT=$port CONNECTIONS=$conns IDLE=$idle OUT="$base/idle/$name" "$HERE/idle.sh" $cmd > "$base/idle-$name.txt" 2>&1; then
        heap=$(sed -n 's/^heap after full GC: .*: \(-\{0,1\}[0-9]*\) bytes\/connection$/\1/p' "$base/idle-$name.txt")
        rss=$(sed -n 's/^RSS: .*: \(-\{0,1\}[0-9]*\) bytes\/connection$/\1/p' "$base/idle-$name.txt")
        printf '%s\t%s\t%s\n' "$name" "$heap" "$rss" >> "$base/idle.tsv"
      else
        echo "   idle.sh failed for $name; see $base/idle-$name.txt" >&2
      fi
    done
    python3 "$HERE/rows.py" idle --results "$base/idle.tsv" --settings "$conns connections held ${idle} s" \
      --servers "$(printf '%s\n' "${SERVERS[@]}")"
    ;;
  *) echo "rows.sh: the row is http or idle, not '$row'" >&2; exit 2 ;;
esac
