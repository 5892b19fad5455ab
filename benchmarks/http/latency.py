#!/usr/bin/env python3
"""Medians of latency.sh's rows: python3 benchmarks/http/latency.py benchmarks/target/latency/rows.tsv

Each input line: mode round label rate done errors, then p50 p90 p99 p99.9 max for the corrected,
the uncorrected and the server-side histograms (ms; empty when missing). Prints one Markdown table
per mode, servers in their first order, with the median of each column over the rounds and the
p99 ratio to Netty epoll (median of the per-round ratios)."""
import statistics
import sys

COLUMNS = ["p50", "p90", "p99", "p99.9", "max"]


def parse(lines):
    rows = []
    for line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) < 21:
            continue
        num = [float(x) if x else None for x in f[6:21]]
        rows.append({"mode": f[0], "round": f[1], "label": f[2], "rate": int(f[3]),
                     "done": float(f[4]), "errors": int(f[5]),
                     "corrected": num[0:5], "uncorrected": num[5:10], "server": num[10:15]})
    return rows


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=2):
    return "–" if v is None else f"{v:,.{digits}f}"


def table(rows, mode, peer="netty-epoll"):
    mine = [r for r in rows if r["mode"] == mode]
    labels = list(dict.fromkeys(r["label"] for r in mine))
    out = [f"{mode}, {mine[0]['rate']:,} req/s asked, medians of {len(set(r['round'] for r in mine))} rounds:", "",
           "| server | req/s done | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | p99 ÷ Netty epoll (per round) | uncorrected p99 ms | server p99 ms | server p99.9 ms | server max ms |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    peers = {r["round"]: r for r in mine if r["label"] == peer}
    for label in labels:
        rs = [r for r in mine if r["label"] == label]
        c = [median(r["corrected"][i] for r in rs) for i in range(5)]
        ratios = [r["corrected"][2] / peers[r["round"]]["corrected"][2] for r in rs
                  if r["round"] in peers and r["corrected"][2] and peers[r["round"]]["corrected"][2]]
        ratio = "–" if not ratios else f"{statistics.median(ratios):.2f} ({', '.join(f'{x:.2f}' for x in ratios)})"
        errors = sum(r["errors"] for r in rs)
        name = label + (f" ({errors} failed connections)" if errors else "")
        out.append(f"| {name} | {fmt(median(r['done'] for r in rs), 0)} | " + " | ".join(fmt(v) for v in c)
                   + f" | {ratio} | {fmt(median(r['uncorrected'][2] for r in rs))}"
                   + f" | {fmt(median(r['server'][2] for r in rs))} | {fmt(median(r['server'][3] for r in rs))}"
                   + f" | {fmt(median(r['server'][4] for r in rs))} |")
    return "\n".join(out)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        rows = parse(f)
    for mode in dict.fromkeys(r["mode"] for r in rows):
        print()
        print(table(rows, mode))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
