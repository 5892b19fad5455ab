#!/bin/sh
# Measures the agent's start-up cost: a JVM that loads every class of a few large jars
# (guava, ASM), with and without -javaagent:weft-agent.jar, side by side with hyperfine.
# Run from the repository root after `mvn -pl agent package` (or install). Needs hyperfine.
set -eu
M2=${M2:-$HOME/.m2/repository}
AGENT=$(ls agent/target/weft-agent-*.jar | grep -v original | head -1)
JARS="$M2/com/google/guava/guava/33.4.8-jre/guava-33.4.8-jre.jar
$M2/com/google/guava/failureaccess/1.0.3/failureaccess-1.0.3.jar
$M2/org/ow2/asm/asm/9.6/asm-9.6.jar
$M2/org/ow2/asm/asm-tree/9.6/asm-tree-9.6.jar
$M2/org/ow2/asm/asm-analysis/9.6/asm-analysis-9.6.jar
$M2/org/ow2/asm/asm-commons/9.6/asm-commons-9.6.jar"
OUT=${OUT:-agent/target/startup}
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" benchmarks/agent-startup/LoadClasses.java
CP="$OUT/classes:$(echo $JARS | tr ' ' ':')"
ARGS=$(echo $JARS | tr '\n' ' ')
java -cp "$CP" LoadClasses $ARGS
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json "$OUT/startup.json" \
  -n 'without agent' "java -Xshare:auto -cp $CP LoadClasses $ARGS" \
  -n 'with weft-agent' "java -Xshare:auto -javaagent:$AGENT -cp $CP LoadClasses $ARGS"
python3 - "$OUT/startup.json" <<'PY'
import json, statistics, sys
r = {b["command"]: b for b in json.load(open(sys.argv[1]))["results"]}
base, agent = r["without agent"], r["with weft-agent"]
for name, b in r.items():
    print(f"{name:16} median {b['median']*1000:7.0f} ms  user mean {b['user']*1000:6.0f} ms  runs {len(b['times'])}")
print(f"ratio with/without: wall median {agent['median']/base['median']:.3f}, "
      f"user CPU mean {agent['user']/base['user']:.3f}")
PY
