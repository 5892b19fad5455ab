#!/usr/bin/env bash
# Runs the Weft benchmarks side by side with their peers and writes benchmarks/results/RESULTS.md.
#
#   benchmarks/run.sh [--jdk 17|25|both] [--quick] [--build] [--report-only] [ID ...]
#
# IDs: suspend completed depth memory spawn pingpong tree timers blocking http idle tls weave
# (default: all). --quick is a smoke run (1 fork, short iterations, 100k units for memory) and
# writes results/RESULTS-quick.md instead. --build rebuilds (the whole reactor) even if
# benchmarks.jar is newer than every source.
# --report-only rewrites the table from the result files already in results/raw/.
# Installs hyperfine, wrk and nginx-light with apt-get when an id that needs them is chosen.
set -euo pipefail

orig_args="$*"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
results="$here/results"
raw="$results/raw"
jar="$here/target/benchmarks.jar"
jdk17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
all_ids=(suspend completed depth memory spawn pingpong tree timers blocking http idle tls weave)

jdk_choice=both
quick=0
build=0
report_only=0
ids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdk_choice="${2:?--jdk needs 17, 25 or both}"; shift 2 ;;
    --jdk=*) jdk_choice="${1#--jdk=}"; shift ;;
    --quick) quick=1; shift ;;
    --build) build=1; shift ;;
    --report-only) report_only=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *)
      case " ${all_ids[*]} " in
        *" $1 "*) ids+=("$1") ;;
        *) echo "run.sh: unknown benchmark id '$1' (known: ${all_ids[*]})" >&2; exit 2 ;;
      esac
      shift ;;
  esac
done
[ ${#ids[@]} -eq 0 ] && ids=("${all_ids[@]}")
[ "$report_only" = 1 ] && ids=()
case "$jdk_choice" in
  17) jdks=(17) ;; 25) jdks=(25) ;; both) jdks=(17 25) ;;
  *) echo "run.sh: --jdk must be 17, 25 or both, got '$jdk_choice'" >&2; exit 2 ;;
esac
wants() { case " ${ids[*]} " in *" $1 "*) return 0 ;; esac; return 1; }
java_of() { if [ "$1" = 17 ]; then echo "$jdk17/bin/java"; else echo "$jdk25/bin/java"; fi; }

# ---- tools ----
need_pkgs=()
if wants http || wants idle || wants tls; then
  command -v wrk >/dev/null || need_pkgs+=(wrk)
  command -v nginx >/dev/null || need_pkgs+=(nginx-light)
fi
if wants weave; then command -v hyperfine >/dev/null || need_pkgs+=(hyperfine); fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "== installing ${need_pkgs[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need_pkgs[@]}"
fi
for j in "${jdks[@]}"; do
  [ -x "$(java_of "$j")" ] || { echo "run.sh: no JDK $j at $(java_of "$j")" >&2; exit 1; }
done

# ---- build ----
if [ "$report_only" = 1 ]; then
  :
elif [ "$build" = 1 ] || [ ! -f "$jar" ] || [ ! -f "$root/samples/target/weft-samples.jar" ] \
    || [ -n "$(find "$root" -path "$root/benchmarks/results" -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit)" ]; then
  # The whole reactor: benchmarks.jar, the samples' HTTP server and the tool jars weave.sh times.
  echo "== building (mvn -B -q package -DskipTests)"
  (cd "$root" && mvn -B -q package -DskipTests)
fi

mkdir -p "$raw"
suffix=""; [ "$quick" = 1 ] && suffix="-quick"
out="$results/RESULTS$suffix.md"

# ---- JMH ids ----
declare -A classes=(
  [suspend]=SuspendBenchmark [completed]=CompletedBenchmark [depth]=DepthBenchmark
  [spawn]=SpawnBenchmark [pingpong]=PingPongBenchmark [tree]=TreeBenchmark
  [timers]='TimersBenchmark|SleepsBenchmark' [blocking]=BlockingBenchmark)
report_args=()
jmh_opts=(-prof gc -rf json)
if [ "$quick" = 1 ]; then
  # Smoke run: one fork, short iterations; ignore the JMH lock (other runs may be going on).
  jmh_opts+=(-f 1 -wi 2 -i 3 -w 300ms -r 300ms -p depth=1,10)
  lock=(-Djmh.ignoreLock=true)
else
  lock=()
fi
for j in "${jdks[@]}"; do
  # One JMH invocation per id (all its peers together), one JSON file per id and JDK: a run of a
  # subset replaces those files only, and the table is written from every file present.
  for id in "${ids[@]}"; do
    [ -n "${classes[$id]:-}" ] || continue
    json="$raw/jmh-$j-$id$suffix.json"
    echo "== JMH on JDK $j: $id (${classes[$id]})"
    rm -f "$json"
    "$(java_of "$j")" "${lock[@]}" -jar "$jar" "dev\\.weft\\.benchmarks\\.(${classes[$id]})\\." \
      "${jmh_opts[@]}" -rff "$json" 2>&1 | grep -v -e 'Error instrumenting' -e 'major version' -e '^\s*at ' -e '^\s*\.\.\. [0-9]* more' \
      > "$raw/jmh-$j-$id$suffix.log" || true
    grep -E '^[A-Z][A-Za-z]+Benchmark\.[A-Za-z]+ ' "$raw/jmh-$j-$id$suffix.log" | grep -v ':gc\.\(count\|time\|alloc\.rate \)' || true
  done
  if wants memory; then
    mem="$raw/memory-$j$suffix.txt"
    : > "$mem"
    n=1000000; [ "$quick" = 1 ] && n=100000
    for peer in baseline weft kotlinx eaAsync virtualThread; do
      [ "$peer" = virtualThread ] && [ "$j" = 17 ] && continue
      agent=(); [ "$peer" = eaAsync ] && agent=("-javaagent:$here/target/ea-async.jar")
      for depth in 1 10; do
        echo "== memory on JDK $j: $peer depth $depth, $n units"
        "$(java_of "$j")" -Xms6g -Xmx6g "${agent[@]}" -cp "$jar" dev.weft.benchmarks.MemoryMain "$peer" "$depth" "$n" 2>/dev/null \
          | grep '^RESULT' | tee -a "$mem" || echo "   (failed)"
      done
    done
  fi
done

# ---- hooks: rows measured by scripts outside JMH (each writes Markdown to stdout) ----
hook() { # id script args...
  local id="$1" script="$2"; shift 2
  wants "$id" || return 0
  if [ -x "$script" ]; then
    echo "== $id: $script"
    (cd "$root" && "$script" "$@") > "$raw/$id$suffix.md" || echo "   ($id failed)"
  else
    echo "== $id: skipped ($script not present yet)"
  fi
}
qa=(); [ "$quick" = 1 ] && qa=(--quick)
hook http "$here/http/rows.sh" http "${qa[@]}"
hook idle "$here/http/rows.sh" idle "${qa[@]}"
hook tls "$here/http/tls.sh" "${qa[@]}"
hook weave "$here/weave/weave.sh" "${qa[@]}"

# Every result file of this kind of run (quick or full) present, including earlier subsets.
for j in 17 25; do
  for json in "$raw"/jmh-$j-*"$suffix".json; do
    [ -s "$json" ] || continue
    [ -z "$suffix" ] && case "$json" in *-quick.json) continue ;; esac
    report_args+=(--jmh "$j=$json")
  done
  [ -s "$raw/memory-$j$suffix.txt" ] && report_args+=(--memory "$j=$raw/memory-$j$suffix.txt")
done
for id in http idle tls weave; do
  [ -s "$raw/$id$suffix.md" ] && report_args+=(--append "$raw/$id$suffix.md")
done
# Hand-written commentary on the numbers, kept beside the table and appended to it.
[ -s "$results/NOTES$suffix.md" ] && report_args+=(--append "$results/NOTES$suffix.md")

note="Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB RAM. Last command: \`benchmarks/run.sh $orig_args\`; the tables also hold the result files of earlier runs of other ids (\`benchmarks/results/raw/\`)."
if [ "$quick" = 1 ]; then
  note="**Smoke run** (\`--quick\`: one fork, 2 warm-up and 3 measured iterations of 300 ms, depths 1 and 10 only, 100,000 units for memory; the machine was busy with other work, so the numbers are noisy): it proves the pipeline, its numbers are not results; ratios here have one fork each. $note"
fi
python3 "$here/report.py" --out "$out" --note "$note" "${report_args[@]}"
echo "== wrote $out"
