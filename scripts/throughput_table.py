#!/usr/bin/env python3
"""Prints the training-throughput table of docs/benchmarks.md from a bench-training JSON.

Usage: scripts/throughput_table.py [json (default docs/results/training-throughput.json)] [--write FILE NAME]
With --write, the table goes between FILE's `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers."""
import json
import sys

from markers import replace_between, split_write

args, write = split_write(sys.argv[1:])
path = args[0] if args else "docs/results/training-throughput.json"
d = json.load(open(path))


def runs(v):
    return ", ".join(f"{x:.1f}" for x in v["runs"])


lines = ["| setting | model | before: windows/s (runs) | after: windows/s (runs) | after / before | after, 2 threads: windows/s (runs) | 2 threads / before | peak RSS before → after | s per ml-1m epoch, after (2 threads) |",
         "|---|---|---|---|--:|---|--:|---|--:|"]
for r in d["rows"]:
    two = r.get("afterTwoThreads")
    epoch = f"{r['secondsPerEpoch']:.0f}" if "secondsPerEpoch" in r else "—"
    if "secondsPerEpochTwoThreads" in r:
        epoch += f" ({r['secondsPerEpochTwoThreads']:.0f})"
    two_cell = f"{two['windowsPerSecond']:.1f} ({runs(two)})" if two else "—"
    two_ratio = f"{two['windowsPerSecond'] / r['before']['windowsPerSecond']:.2f}×" if two else "—"
    lines.append(f"| {r['setting']} | {r['model']} | **{r['before']['windowsPerSecond']:.1f}** ({runs(r['before'])}) "
                 f"| **{r['after']['windowsPerSecond']:.1f}** ({runs(r['after'])}) | **{r['ratio']:.2f}×** "
                 f"| {two_cell} | {two_ratio} | {r['before']['peakRssMb']:,.0f} → {r['after']['peakRssMb']:,.0f} MiB | {epoch} |")


def variants(key):
    """(row, variant name, variant) for every variant of every row that recorded key."""
    return [(r, name, r[name]) for r in d["rows"] for name in ("before", "after", "afterTwoThreads") if key in r.get(name, {})]


machine = variants("copyGBpsBefore")  # the MachineState measured just before each run (recorded since 2026-12-02)
if machine:
    lines += ["", "| setting | model | variant | windows/s (runs) | copy GB/s just before (runs) | arithmetic Gop/s just before (runs) |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {r['setting']} | {r['model']} | {name} | {runs(v)} | {', '.join(f'{x:.1f}' for x in v['copyGBpsBefore'])} "
              f"| {', '.join(f'{x:.2f}' for x in v['arithmeticGopsBefore'])} |" for r, name, v in machine]
# each timed step's milliseconds, averaged by quarter of the probe: a warm-up shows as a falling row, a probe
# that turned slow partway as a jump
stepped = variants("stepMs")
if stepped:
    lines += ["", "| setting | model | variant | run | windows/s | mean ms per step, by quarter of the timed steps |", "|---|---|---|--:|--:|---|"]
    for r, name, v in stepped:
        for i, steps in enumerate(v["stepMs"]):
            q = len(steps) // 4
            quarters = [sum(steps[k * q:(k + 1) * q]) / q for k in range(4)]
            lines.append(f"| {r['setting']} | {r['model']} | {name} | {i + 1} | {v['runs'][i]:.1f} | " + " → ".join(f"{x:.0f}" for x in quarters) + " |")
la, le = d["loadAverageAtStart"], d["loadAverageAtEnd"]
lines.append("")
lines.append(f"Load average (1/5/15 min) at start {la[0]:.1f}/{la[1]:.1f}/{la[2]:.1f}, at end {le[0]:.1f}/{le[1]:.1f}/{le[2]:.1f}; "
             f"{d['runs']} rounds"
             + (f", {d['windowsPerMl1mProbe']:,} windows per ml-1m probe, its first {d['ml1mWarmUpStepsLeftOut']} steps left out of the rate" if "ml1mWarmUpStepsLeftOut" in d and any(r["setting"] == "ml-1m" for r in d["rows"]) else "")
             + (f", {d['sessionsPerCrsProbe']:,} sessions per crs probe, its first {d['crsWarmUpStepsLeftOut']} steps left out of the rate" if "crsWarmUpStepsLeftOut" in d and any(r["setting"] == "crs" for r in d["rows"]) else "")
             + f"; baseline {d['baseline']}, measured at {d['gitCommit']} (dirty: {d['gitDirty']}).")
text = "\n".join(lines)
print(text)
if write:
    replace_between(write[0], write[1], text)
