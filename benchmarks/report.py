#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) and MemoryMain lines into benchmarks/results/RESULTS.md.

Usage: report.py --out FILE [--note TEXT] [--jmh JDK=results.json ...] [--memory JDK=memory.txt ...]
                 [--append extra.md ...]

For every benchmark id: one row per peer (and parameter set) with ns/op (median over all
measured iterations), B/op (gc.alloc.rate.norm, with -prof gc) and the ratio to the id's
baseline, taken per fork (median of the fork's iterations; forks paired by index) and then the
median over forks. Then each goal of the id with the measured value and met/missed.
"""
import argparse
import datetime
import json
import re
import statistics
import sys

# id -> (JMH classes, baseline method)
IDS = {
    "suspend": (["SuspendBenchmark"], "baseline"),
    "completed": (["CompletedBenchmark"], "baseline"),
    "depth": (["DepthBenchmark"], "baseline"),
    "spawn": (["SpawnBenchmark"], "baseline"),
    "pingpong": (["PingPongBenchmark"], "baseline"),
    "tree": (["TreeBenchmark"], "baseline"),
    "timers": (["TimersBenchmark", "SleepsBenchmark"], "baseline"),
    "blocking": (["BlockingBenchmark"], "baseline"),
}


class Row:
    def __init__(self, b):
        cls, self.method = b["benchmark"].rsplit(".", 1)
        self.cls = cls.rsplit(".", 1)[1]
        self.params = b.get("params", {})
        self.unit = b["primaryMetric"]["scoreUnit"]
        self.forks = [f for f in b["primaryMetric"]["rawData"] if f]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        self.bytes = alloc["score"] if alloc else None
        self.jvm = f'{b.get("jdkVersion", "?")}, {b.get("vmName", "?")}, forks {b.get("forks")} × {b.get("measurementIterations")} iterations of {b.get("measurementTime")}'

    def key(self):
        return (self.cls, tuple(sorted(self.params.items())))

    def time(self):
        return statistics.median([v for f in self.forks for v in f])

    def fork_times(self):
        return [statistics.median(f) for f in self.forks]


def ratio(a, b):
    """Median over forks of a's fork median / b's fork median (forks paired by index)."""
    if a is None or b is None:
        return None, []
    per = [x / y for x, y in zip(a.fork_times(), b.fork_times()) if y > 0]
    return (statistics.median(per) if per else None), per


def fmt(v, digits=1):
    if v is None:
        return "–"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}" if abs(v) >= 0.1 or v == 0 else f"{v:.3f}"


def params_text(params):
    return ", ".join(f"{k}={v}" for k, v in sorted(params.items())) or ""


class Jdk:
    def __init__(self, name, rows, memory):
        self.name = name
        self.rows = rows
        self.memory = memory  # (peer, depth) -> bytes per unit

    def find(self, cls, method, **params):
        for r in self.rows:
            if r.cls == cls and r.method == method and all(str(r.params.get(k)) == str(v) for k, v in params.items()):
                return r
        return None


def goal_line(text, value, ok, shown):
    if value is None:
        return f"| {text} | not measured | – |"
    return f"| {text} | {shown} | {'met' if ok else '**missed**'} |"


def goals(jdk, ident):
    """The spec's goals for one id: list of (goal, value, met, shown)."""
    f = jdk.find
    out = []

    def cmp_ratio(text, num, den, limit, at_least):
        r, per = ratio(num, den)
        shown = f"{fmt(r, 2)}× (forks: {', '.join(fmt(p, 2) for p in per)})" if r is not None else ""
        out.append((text, r, r is not None and (r >= limit if at_least else r <= limit), shown))

    def absolute(text, value, limit, unit):
        out.append((text, value, value is not None and value <= limit, f"{fmt(value)} {unit}"))

    def extra_bytes(text, row, base, limit):
        v = None if row is None or base is None or row.bytes is None or base.bytes is None else row.bytes - base.bytes
        out.append((text, v, v is not None and v <= limit, f"{fmt(v)} B/op" if v is not None else ""))

    if ident == "suspend":
        c = "SuspendBenchmark"
        w, base = f(c, "weft"), f(c, "baseline")
        cmp_ratio("weft ≤ 1.3× the hand-written run-queue baseline", w, base, 1.3, False)
        extra_bytes("awaiting a Task: 0 B/op beyond the baseline's", w, base, 0.5)
        extra_bytes("awaiting a CompletableFuture: ≤ 48 B/op beyond the baseline's", f(c, "weftForeign"), base, 48)
        cmp_ratio("≥ 4× faster than EA Async", f(c, "eaAsync"), w, 4, True)
        cmp_ratio("≥ 8× faster than kotlinx", f(c, "kotlinx"), w, 8, True)
        cmp_ratio("≥ 15× faster than a virtual-thread park/unpark", f(c, "virtualThread"), w, 15, True)
    elif ident == "completed":
        c = "CompletedBenchmark"
        w = f(c, "weft")
        cmp_ratio("weft ≤ 1.3× `isDone() ? join()`", w, f(c, "baseline"), 1.3, False)
        absolute("weft 0 B/op", w.bytes if w else None, 0.5, "B/op")
    elif ident == "depth":
        c = "DepthBenchmark"
        for d in ("1", "3", "10", "30"):
            w = f(c, "weft", depth=d, suspending="false")
            if w:
                absolute(f"non-suspending, depth {d}: 0 B/op", w.bytes, 0.5, "B/op")
        # Suspending: the cost of one more level, the slope between the shallowest and the
        # deepest chain measured (a single depth: its cost divided by the depth).
        deep = [(int(d), f(c, "weft", depth=d, suspending="true")) for d in ("1", "3", "10", "30")]
        deep = [(n, w) for n, w in deep if w]
        if len(deep) >= 2:
            (n0, w0), (n1, w1) = deep[0], deep[-1]
            span = f"from depth {n0} to {n1}"
            b = (w1.bytes - w0.bytes) / (n1 - n0) if w0.bytes is not None and w1.bytes is not None else None
            t = (w1.time() - w0.time()) / (n1 - n0)
        elif deep:
            (n1, w1) = deep[0]
            span = f"depth {n1} ÷ {n1}"
            b = w1.bytes / n1 if w1.bytes is not None else None
            t = w1.time() / n1
        if deep:
            absolute(f"suspending: ≤ 56 B per level ({span})", b, 56, "B/level")
            absolute(f"suspending: ≤ 10 ns per level ({span})", t, 10, "ns/level")
        for n, w in deep:
            cmp_ratio(f"suspending, depth {n}: faster than `thenCompose`", w,
                      f(c, "completableFutureThenCompose", depth=str(n), suspending="true"), 1.0, False)
    elif ident == "spawn":
        c = "SpawnBenchmark"
        for s in ("false", "true"):
            w = f(c, "weft", suspendOnce=s)
            what = "suspends once" if s == "true" else "completes at once"
            if w:
                absolute(f"{what}: ≤ {25 if s == 'true' else 20} ns", w.time(), 25 if s == "true" else 20, "ns")
                absolute(f"{what}: ≤ 48 B", w.bytes, 48, "B/op")
    elif ident == "pingpong":
        w = f("PingPongBenchmark", "weft")
        absolute("≤ 25 ns per switch", w.time() if w else None, 25, "ns")
        absolute("0 B per switch", w.bytes if w else None, 0.5, "B/op")
    elif ident == "tree":
        c = "TreeBenchmark"
        w = f(c, "weft")
        cmp_ratio("≥ 5× faster than virtual threads", f(c, "virtualThread"), w, 5, True)
        cmp_ratio("≥ 1.5× faster than kotlinx on one thread", f(c, "kotlinx"), w, 1.5, True)
        cmp_ratio("faster than EA Async", f(c, "eaAsync"), w, 1.0, True)
    elif ident == "timers":
        w = f("TimersBenchmark", "weft")
        absolute("≤ 30 ns CPU per schedule+cancel (1M pending)", w.time() if w else None, 30, "ns")
        cmp_ratio("≥ 30× cheaper than ScheduledThreadPoolExecutor", f("TimersBenchmark", "baseline"), w, 30, True)
        s = f("SleepsBenchmark", "weft")
        over = s.time() - 10 if s else None
        absolute("10k coroutines × 10 sleeps of 1 ms: ≤ 2 ms over the ideal 10 ms", over, 2, "ms over")
    elif ident == "blocking":
        w = f("BlockingBenchmark", "weft")
        absolute("≤ 2 µs per round trip", w.time() if w else None, 2000, "ns")
        absolute("≤ 64 B per round trip", w.bytes if w else None, 64, "B/op")
    return out


def id_section(jdk, ident):
    classes, baseline = IDS[ident]
    rows = [r for r in jdk.rows if r.cls in classes]
    if not rows:
        return []
    lines = [f"### {ident}", "",
             "| class | peer | params | time/op | B/op | ratio to baseline (per-fork) |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    for r in rows:
        base = jdk.find(r.cls, baseline, **r.params) if baseline else None
        if base is None or r is base:
            rt = "baseline" if r is base else "–"
        else:
            m, per = ratio(r, base)
            rt = f"{fmt(m, 2)} ({', '.join(fmt(p, 2) for p in per)})"
        lines.append(f"| {r.cls} | {r.method} | {params_text(r.params)} | {fmt(r.time())} {r.unit} | {fmt(r.bytes)} | {rt} |")
    lines += ["", "| goal | measured | |", "| --- | --- | --- |"]
    lines += [goal_line(*g) for g in goals(jdk, ident)]
    return lines + [""]


def memory_section(jdk):
    if not jdk.memory:
        return []
    lines = ["### memory", "", "| peer | depth | heap per suspended unit |", "| --- | ---: | ---: |"]
    for (peer, depth), v in sorted(jdk.memory.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        lines.append(f"| {peer} | {depth} | {fmt(v)} B |")
    w1, w10 = jdk.memory.get(("weft", 1)), jdk.memory.get(("weft", 10))
    vt1 = jdk.memory.get(("virtualThread", 1))
    lines += ["", "| goal | measured | |", "| --- | --- | --- |",
              goal_line("≤ 56 B at depth 1", w1, w1 is not None and w1 <= 56, f"{fmt(w1)} B"),
              goal_line("≥ 9× denser than parked virtual threads (depth 1)",
                        (vt1 / w1) if (w1 and vt1) else None, bool(w1 and vt1 and vt1 / w1 >= 9),
                        f"{fmt(vt1 / w1, 2)}×" if (w1 and vt1) else ""),
              goal_line("≤ 400 B at depth 10", w10, w10 is not None and w10 <= 400, f"{fmt(w10)} B"), ""]
    return lines


def read_memory(path):
    out = {}
    for line in open(path):
        m = re.search(r"RESULT memory peer=(\S+) depth=(\d+) n=(\d+) bytesPerUnit=([\d.]+)", line)
        if m:
            out[(m.group(1), int(m.group(2)))] = float(m.group(4))
    return out


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--note", default="")
    ap.add_argument("--jmh", action="append", default=[], help="JDK=results.json")
    ap.add_argument("--memory", action="append", default=[], help="JDK=memory.txt")
    ap.add_argument("--append", action="append", default=[], help="Markdown files to append")
    a = ap.parse_args(argv)
    jdks = {}
    for spec in a.jmh:
        name, path = spec.split("=", 1)
        with open(path) as fh:
            jdks.setdefault(name, Jdk(name, [], {})).rows.extend(Row(b) for b in json.load(fh))
    for spec in a.memory:
        name, path = spec.split("=", 1)
        jdks.setdefault(name, Jdk(name, [], {})).memory.update(read_memory(path))
    lines = ["# Weft benchmark results", "",
             f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.", ""]
    if a.note:
        lines += [a.note, ""]
    lines += ["Time per operation is the median of all measured iterations; the ratio to the baseline "
              "is taken per fork (median of the fork's iterations, forks paired by index), then the "
              "median over forks, per-fork ratios in brackets. B/op is JMH's `gc.alloc.rate.norm`.", ""]
    for name, jdk in jdks.items():
        lines += [f"## JDK {name}", ""]
        runs = sorted({r.jvm for r in jdk.rows})
        if runs:
            lines += ["Runs: " + "; ".join(runs) + ".", ""]
        for ident in IDS:
            lines += id_section(jdk, ident)
        lines += memory_section(jdk)
    for path in a.append:
        with open(path) as fh:
            lines += [fh.read().rstrip(), ""]
    with open(a.out, "w") as fh:
        fh.write("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
