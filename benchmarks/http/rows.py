#!/usr/bin/env python3
"""Markdown sections of the http and idle rows, from the TSV files wrk.sh and rows.sh write.

    rows.py http --results wrk/results.tsv --settings TEXT --servers "SPEC\nSPEC..."
    rows.py idle --results idle.tsv --settings TEXT --servers "SPEC\nSPEC..."

http TSV: name, round, req/s, p99 ms, user CPU us/req, user+sys us/req, user+sys without JIT,
mean requests in flight per connection by Little's law (wrk's mean latency x req/s / connections).
idle TSV: name, heap bytes/connection, RSS bytes/connection.
The goals are those of the benchmarks issue: Weft's req/s >= 1.0x Netty epoll's, its user CPU
<= 1.5 us per request and its p99 <= Netty epoll's; <= 1 KB heap per idle connection.
"""
import argparse
import statistics
import sys

WEFT = "weft"
NETTY = "netty-epoll"
CPU_GOAL_US = 1.5
IDLE_GOAL_BYTES = 1024


def runtime_of(spec):
    """What a server spec runs on, for the table: the JDK of its java, or nginx."""
    cmd = spec.split("|", 2)[2]
    if "nginx" in cmd.split()[0]:
        return "nginx (C)"
    return "JDK 25" if "25" in cmd.split()[0] else "JDK 17"


def servers(text):
    out = {}
    for spec in text.splitlines():
        if spec.strip():
            out[spec.split("|", 1)[0]] = runtime_of(spec)
    return out


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def verdict(ok):
    return "met" if ok else "**missed**"


def http(rows, settings, names):
    by = {}
    for r in rows:
        by.setdefault(r[0], []).append(r)

    def med(name, col):
        vals = [float(r[col]) for r in by.get(name, []) if len(r) > col and r[col] not in ("", None)]
        return statistics.median(vals) if vals else None

    netty = med(NETTY, 2)
    out = ["### http", "",
           f"HTTP/1.1 keep-alive hello world under {settings}: each server pinned to core 0 with one "
           "I/O thread, wrk pinned to core 1, servers alternated ABAB, medians over the rounds. CPU "
           "is the server process's own (`/proc/PID/stat`); \"without JIT\" subtracts its C1/C2 "
           "compiler threads. nginx sends three more headers than the others (Server, Date, "
           "Connection). \"In flight\" checks wrk's own figures by Little's law: mean latency × "
           "req/s ÷ connections is the mean share of connections with a request outstanding, at "
           "most 1 in a closed loop; a value above 1 means wrk's latency figures of that run are "
           "inconsistent with its throughput (seen on this machine under load, for every server).", "",
           "| server | runs on | req/s | ÷ Netty epoll (per round) | p99 ms | in flight (Little) | user CPU µs/req | user+sys µs/req | user+sys without JIT µs/req |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, runtime in names.items():
        if name not in by:
            out.append(f"| {name} | {runtime} | failed | | | | | | |")
            continue
        rps = med(name, 2)
        rounds = sorted(by[name], key=lambda r: int(r[1]))
        nrounds = {int(r[1]): float(r[2]) for r in by.get(NETTY, [])}
        per = [float(r[2]) / nrounds[int(r[1])] for r in rounds if nrounds.get(int(r[1]))]
        ratio = f"{statistics.median(per):.2f} ({', '.join(f'{p:.2f}' for p in per)})" if per else "–"
        out.append(f"| {name} | {runtime} | {fmt(rps)} | {ratio} | {fmt(med(name, 3), 2)} | "
                   f"{fmt(med(name, 7), 2)} | {fmt(med(name, 4), 2)} | {fmt(med(name, 5), 2)} | "
                   f"{fmt(med(name, 6), 2)} |")
    out += [""]
    weft_rps, weft_p99, weft_cpu = med(WEFT, 2), med(WEFT, 3), med(WEFT, 4)
    netty_p99 = med(NETTY, 3)
    out += ["| goal | measured | |", "| --- | --- | --- |"]
    if weft_rps is not None and netty:
        r = weft_rps / netty
        out.append(f"| Weft req/s ≥ 1.0× Netty epoll, with JDK NIO only | {r:.2f}× | {verdict(r >= 1.0)} |")
    if weft_cpu is not None:
        out.append(f"| Weft server user CPU ≤ {CPU_GOAL_US} µs per request | {weft_cpu:.2f} µs | "
                   f"{verdict(weft_cpu <= CPU_GOAL_US)} |")
    if weft_p99 is not None and netty_p99 is not None:
        out.append(f"| Weft p99 ≤ Netty epoll's | {weft_p99:.2f} ms vs {netty_p99:.2f} ms | "
                   f"{verdict(weft_p99 <= netty_p99)} |")
    return out


def idle(rows, settings, names):
    out = ["### idle", "",
           f"Idle keep-alive connections ({settings}) from a client in another process; heap in use "
           "after two full GCs and RSS, each before and while the connections are open, divided by "
           "the number of connections. 100K and 1M are projected from the per-connection heap.", "",
           "| server | runs on | heap B/conn | RSS B/conn | heap for 100K | heap for 1M |",
           "| --- | --- | ---: | ---: | ---: | ---: |"]
    got = {r[0]: r for r in rows}
    for name, runtime in names.items():
        if name == "nginx":
            continue
        if name not in got or not got[name][1]:
            out.append(f"| {name} | {runtime} | failed | | | |")
            continue
        heap, rss = float(got[name][1]), float(got[name][2])
        out.append(f"| {name} | {runtime} | {fmt(heap)} | {fmt(rss)} | {heap * 1e5 / 2**20:,.0f} MiB | "
                   f"{heap * 1e6 / 2**30:,.2f} GiB |")
    out += ["", "| goal | measured | |", "| --- | --- | --- |"]
    if WEFT in got and got[WEFT][1]:
        heap = float(got[WEFT][1])
        out.append(f"| Weft ≤ 1 KB heap per idle connection (1M in ≤ 1 GiB) | {heap:,.0f} B "
                   f"({heap * 1e6 / 2**30:.2f} GiB for 1M) | {verdict(heap <= IDLE_GOAL_BYTES)} |")
    return out


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("row", choices=["http", "idle"])
    ap.add_argument("--results", required=True)
    ap.add_argument("--settings", default="")
    ap.add_argument("--servers", required=True)
    a = ap.parse_args(argv)
    with open(a.results) as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    names = servers(a.servers)
    lines = http(rows, a.settings, names) if a.row == "http" else idle(rows, a.settings, names)
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
