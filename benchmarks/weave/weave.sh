#!/usr/bin/env bash
# The `weave` row: build time, agent start-up cost and woven size of a generated fixture of
# 1,000 @Async methods (20 classes of 50, dev.weft.benchmarks.weave.FixtureGen).
#
#   benchmarks/weave/weave.sh [--quick]
#
# Run from anywhere after `mvn -B -q package -DskipTests` at the repository root (it needs the
# runtime, annotations, processor and agent jars and benchmarks/target/benchmarks.jar).
# Prints a Markdown section (### weave) to stdout; progress goes to stderr; work files go to
# benchmarks/target/weave (OUT). Installs hyperfine with apt-get when absent.
#
# Measures, with hyperfine (--quick: 1 warm-up, 3 runs; else WARMUP=1, RUNS=5):
#   build  interleaved rounds of (a) javac -proc:none; (b) javac -processorpath weft-processor.jar;
#          (c) javac -proc:none then DirectoryWeaver over the class directory (what the plugin's
#              `weave` goal runs, here as a plain java main: dev.weft.benchmarks.weave.WeaveDir)
#   agent  java -cp <unwoven fixture> fixture.LoadAll (loads, links and initializes the 20
#          classes) and fixture.Hello, each with and without -javaagent:weft-agent.jar;
#          LoadAll over the processor's woven classes as a reference
#   size   per @Async method: woven bytecode (entry stub + state machine + $weft$ helpers) ÷ the
#          plain build's bytecode (dev.weft.benchmarks.weave.SizeReport); class files woven ÷ plain
set -euo pipefail

quick=0
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "weave.sh: unknown argument '$a' (only --quick)" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/benchmarks/target/weave}"
version=0.1.0-SNAPSHOT

need() { # path what
  [ -f "$1" ] || { echo "weave.sh: missing $1 ($2); build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 1; }
}
runtime_jar="$root/runtime/target/weft-runtime-$version.jar"
annotations_jar="$root/annotations/target/weft-annotations-$version.jar"
processor_jar="$root/processor/target/weft-processor-$version.jar"
agent_jar="$root/agent/target/weft-agent-$version.jar"
bench_jar="$root/benchmarks/target/benchmarks.jar"
need "$runtime_jar" "weft-runtime"
need "$annotations_jar" "weft-annotations"
need "$processor_jar" "the annotation processor"
need "$agent_jar" "the agent"
need "$bench_jar" "the benchmarks jar: FixtureGen, WeaveDir, SizeReport"
command -v javac >/dev/null || { echo "weave.sh: no javac on PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "weave.sh: no python3 on PATH" >&2; exit 1; }
if ! command -v hyperfine >/dev/null; then
  echo "== installing hyperfine" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq hyperfine; } >&2
fi

if [ "$quick" = 1 ]; then
  warmup=1; runs=3; agent_warmup=1; agent_runs=3
else
  warmup="${WARMUP:-1}"; runs="${RUNS:-5}"; agent_warmup=3; agent_runs="${AGENT_RUNS:-20}"
fi

cp="$runtime_jar:$annotations_jar"
javac_opts="--release 17 -nowarn -cp $cp"
rm -rf "$out/src" "$out/plain" "$out/proc" "$out/plugin" "$out/h-plain" "$out/h-proc" "$out/h-plugin"
mkdir -p "$out/src" "$out/plain" "$out/proc" "$out/plugin" "$out/h-plain" "$out/h-proc" "$out/h-plugin"

echo "== generating the fixture" >&2
java -cp "$bench_jar" dev.weft.benchmarks.weave.FixtureGen "$out/src" >&2
srcs="$out/src/fixture/*.java"

# One build of each kind, kept for the size report and the agent runs (the timed runs write to h-*).
echo "== building the fixture: plain, processor, plugin (javac + DirectoryWeaver)" >&2
javac $javac_opts -proc:none -d "$out/plain" $srcs
javac $javac_opts -processorpath "$processor_jar" -d "$out/proc" $srcs
javac $javac_opts -proc:none -d "$out/plugin" $srcs
java -cp "$bench_jar" dev.weft.benchmarks.weave.WeaveDir "$out/plugin" "$cp" >&2
same=yes
for f in "$out"/proc/fixture/*.class; do
  cmp -s "$f" "$out/plugin/fixture/$(basename "$f")" || { same=no; break; }
done
java -cp "$out/proc:$cp" fixture.LoadAll >&2
java -javaagent:"$agent_jar" -cp "$out/plain:$cp" fixture.LoadAll >&2

echo "== sizes" >&2
java -cp "$bench_jar" dev.weft.benchmarks.weave.SizeReport "$out/plain" "$out/proc" > "$out/sizes.tsv"

# Interleaved rounds: one run of each build per hyperfine call, the order rotated every round, so
# that load from other work drifting over the minutes hits all three alike; the first $warmup
# rounds are warm-up. The ratios are taken per round (paired) and then their median.
echo "== hyperfine: build ($warmup warm-up rounds, $runs rounds of one run each, interleaved)" >&2
plain_cmd="javac $javac_opts -proc:none -d $out/h-plain $srcs"
proc_cmd="javac $javac_opts -processorpath $processor_jar -d $out/h-proc $srcs"
plugin_cmd="javac $javac_opts -proc:none -d $out/h-plugin $srcs && java -cp $bench_jar dev.weft.benchmarks.weave.WeaveDir $out/h-plugin $cp"
rm -f "$out"/build-*.json
for ((round = 0; round < warmup + runs; round++)); do
  args=(-n plain "$plain_cmd" -n processor "$proc_cmd" -n plugin "$plugin_cmd")
  case $((round % 3)) in
    1) args=(-n processor "$proc_cmd" -n plugin "$plugin_cmd" -n plain "$plain_cmd") ;;
    2) args=(-n plugin "$plugin_cmd" -n plain "$plain_cmd" -n processor "$proc_cmd") ;;
  esac
  json=/dev/null; [ "$round" -ge "$warmup" ] && json="$out/build-$round.json"
  hyperfine --style basic --runs 1 --export-json "$json" "${args[@]}" >&2
done

echo "== hyperfine: agent start-up ($agent_warmup warm-up, $agent_runs runs)" >&2
hyperfine --style basic --warmup "$agent_warmup" --runs "$agent_runs" --export-json "$out/agent.json" \
  -n "hello" "java -cp $out/plain:$cp fixture.Hello" \
  -n "hello+agent" "java -javaagent:$agent_jar -cp $out/plain:$cp fixture.Hello" \
  -n "load" "java -cp $out/plain:$cp fixture.LoadAll" \
  -n "load+agent" "java -javaagent:$agent_jar -cp $out/plain:$cp fixture.LoadAll" \
  -n "load-prewoven" "java -cp $out/proc:$cp fixture.LoadAll" \
  >&2

python3 "$here/weave_report.py" --build "$out"/build-*.json --agent "$out/agent.json" \
  --sizes "$out/sizes.tsv" --same "$same" --quick "$quick" --java "$(java -version 2>&1 | head -1)"
