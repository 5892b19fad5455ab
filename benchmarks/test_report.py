#!/usr/bin/env python3
"""Checks report.py on the committed smoke-run JSON: python3 benchmarks/test_report.py"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import report  # noqa: E402

SAMPLE = os.path.join(HERE, "results", "raw", "jmh-17-suspend-quick.json")


def bench(name, forks, alloc=None, params=None):
    b = {"benchmark": "dev.weft.benchmarks." + name, "params": params or {},
         "primaryMetric": {"scoreUnit": "ns/op", "rawData": forks}, "secondaryMetrics": {}}
    if alloc is not None:
        b["secondaryMetrics"]["gc.alloc.rate.norm"] = {"score": alloc}
    return b


class ReportTest(unittest.TestCase):
    def test_ratio_is_median_of_per_fork_ratios(self):
        weft = report.Row(bench("SuspendBenchmark.weft", [[10, 12, 11], [30, 30, 30], [20, 20, 20]], 0))
        base = report.Row(bench("SuspendBenchmark.baseline", [[10, 10, 10], [10, 10, 10], [10, 10, 10]], 0))
        r, per = report.ratio(weft, base)
        self.assertEqual(per, [1.1, 3.0, 2.0])
        self.assertEqual(r, 2.0)

    def test_goal_met_and_missed(self):
        rows = [report.Row(bench("PingPongBenchmark.weft", [[15.0]], 0.0)),
                report.Row(bench("BlockingBenchmark.weft", [[2500.0]], 10.0))]
        jdk = report.Jdk("17", rows, {})
        self.assertTrue(all(g[2] for g in report.goals(jdk, "pingpong")))
        blocking = report.goals(jdk, "blocking")
        self.assertFalse(blocking[0][2])  # 2.5 µs > 2 µs
        self.assertTrue(blocking[1][2])

    def test_depth_goals_are_per_level(self):
        rows = [report.Row(bench("DepthBenchmark.weft", [[40.0]], 500.0, {"depth": "10", "suspending": "true"}))]
        goals = report.goals(report.Jdk("17", rows, {}), "depth")
        self.assertEqual([g[1] for g in goals[:2]], [50.0, 4.0])
        self.assertTrue(all(g[2] for g in goals[:2]))
        self.assertEqual(goals[2][1], None)  # no thenCompose row at that depth: not measured

    def test_depth_goals_use_the_slope_between_depths(self):
        rows = [report.Row(bench("DepthBenchmark.weft", [[100.0]], 150.0, {"depth": "1", "suspending": "true"})),
                report.Row(bench("DepthBenchmark.weft", [[460.0]], 1050.0, {"depth": "10", "suspending": "true"}))]
        goals = report.goals(report.Jdk("17", rows, {}), "depth")
        self.assertEqual([g[1] for g in goals[:2]], [100.0, 40.0])
        self.assertEqual([g[2] for g in goals[:2]], [False, False])

    def test_depth_is_compared_with_then_compose_at_every_depth(self):
        rows = [report.Row(bench("DepthBenchmark.weft", [[50.0]], 48.0, {"depth": "1", "suspending": "true"})),
                report.Row(bench("DepthBenchmark.completableFutureThenCompose", [[40.0]], 96.0,
                                 {"depth": "1", "suspending": "true"})),
                report.Row(bench("DepthBenchmark.weft", [[100.0]], 480.0, {"depth": "10", "suspending": "true"})),
                report.Row(bench("DepthBenchmark.completableFutureThenCompose", [[200.0]], 672.0,
                                 {"depth": "10", "suspending": "true"}))]
        goals = report.goals(report.Jdk("17", rows, {}), "depth")
        self.assertEqual([(g[0], g[2]) for g in goals[2:]],
                         [("suspending, depth 1: faster than `thenCompose`", False),
                          ("suspending, depth 10: faster than `thenCompose`", True)])

    @unittest.skipUnless(os.path.exists(SAMPLE), "no smoke-run JSON")
    def test_real_json_gives_a_table_per_id(self):
        with tempfile.TemporaryDirectory() as d:
            mem = os.path.join(d, "mem.txt")
            with open(mem, "w") as fh:
                fh.write("RESULT memory peer=weft depth=1 n=10 bytesPerUnit=60.0 jdk=17\n")
                fh.write("RESULT memory peer=virtualThread depth=1 n=10 bytesPerUnit=1000.0 jdk=17\n")
            out = os.path.join(d, "R.md")
            subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "--out", out,
                            "--jmh", "17=" + SAMPLE, "--memory", "17=" + mem], check=True)
            text = open(out).read()
        self.assertIn("### suspend\n", text)
        self.assertIn("| SuspendBenchmark | baseline |  |", text)
        self.assertIn("weft ≤ 1.5× the hand-written run-queue baseline", text)
        self.assertIn("| weft | 1 | 60.0 B |", text)
        self.assertIn("16.67×", text)


if __name__ == "__main__":
    unittest.main()
