"""Runs the two start-up commands of startup.sh alternately (A B A B ...), so that a machine
whose load drifts affects both alike; prints median wall time and median CPU (user+sys) time
of each, and their ratios. Usage: python3 benchmarks/agent-startup/interleaved.py [pairs]"""
import os, statistics, subprocess, sys, time, glob

m2 = os.path.expanduser("~/.m2/repository")
jars = [f"{m2}/com/google/guava/guava/33.4.8-jre/guava-33.4.8-jre.jar",
        f"{m2}/com/google/guava/failureaccess/1.0.3/failureaccess-1.0.3.jar"] + [
        f"{m2}/org/ow2/asm/{a}/9.6/{a}-9.6.jar" for a in ("asm", "asm-tree", "asm-analysis", "asm-commons")]
agent = [j for j in glob.glob("agent/target/weft-agent-*.jar") if "original" not in j][0]
cp = ":".join(["agent/target/startup/classes"] + jars)
commands = {"without agent": ["java", "-cp", cp, "LoadClasses", *jars],
            "with weft-agent": ["java", f"-javaagent:{agent}", "-cp", cp, "LoadClasses", *jars]}
wall = {k: [] for k in commands}
cpu = {k: [] for k in commands}
pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
for i in range(pairs + 2):
    for name, command in (commands.items() if i % 2 == 0 else reversed(list(commands.items()))):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        after = os.times()
        if i >= 2:  # the first two pairs warm the file cache
            wall[name].append(elapsed)
            cpu[name].append(after.children_user - before.children_user + after.children_system - before.children_system)
for name in commands:
    print(f"{name:16} median wall {statistics.median(wall[name])*1000:6.0f} ms   median cpu {statistics.median(cpu[name])*1000:6.0f} ms   runs {len(wall[name])}")
base, with_agent = "without agent", "with weft-agent"
print(f"ratio with/without: wall {statistics.median(wall[with_agent])/statistics.median(wall[base]):.3f}, "
      f"cpu {statistics.median(cpu[with_agent])/statistics.median(cpu[base]):.3f}")
