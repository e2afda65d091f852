#!/usr/bin/env python3
"""Prints the training-throughput table of docs/benchmarks.md from docs/results/training-throughput.json."""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "docs/results/training-throughput.json"
d = json.load(open(path))


def runs(v):
    return ", ".join(f"{x:.1f}" for x in v["runs"])


print("| setting | model | before: windows/s (runs) | after: windows/s (runs) | after / before | after, 2 threads: windows/s | peak RSS before → after | s per ml-1m epoch, after |")
print("|---|---|---|---|--:|---|---|--:|")
for r in d["rows"]:
    two = r.get("afterTwoThreads")
    epoch = f"{r['secondsPerEpoch']:.0f}" if "secondsPerEpoch" in r else "—"
    print(f"| {r['setting']} | {r['model']} | **{r['before']['windowsPerSecond']:.1f}** ({runs(r['before'])}) "
          f"| **{r['after']['windowsPerSecond']:.1f}** ({runs(r['after'])}) | **{r['ratio']:.2f}×** "
          f"| {two['windowsPerSecond']:.1f} ({runs(two)}) | {r['before']['peakRssMb']:,.0f} → {r['after']['peakRssMb']:,.0f} MiB | {epoch} |"
          if two else
          f"| {r['setting']} | {r['model']} | **{r['before']['windowsPerSecond']:.1f}** ({runs(r['before'])}) "
          f"| **{r['after']['windowsPerSecond']:.1f}** ({runs(r['after'])}) | **{r['ratio']:.2f}×** | — "
          f"| {r['before']['peakRssMb']:,.0f} → {r['after']['peakRssMb']:,.0f} MiB | {epoch} |")
la, le = d["loadAverageAtStart"], d["loadAverageAtEnd"]
print()
print(f"Load average (1/5/15 min) at start {la[0]:.1f}/{la[1]:.1f}/{la[2]:.1f}, at end {le[0]:.1f}/{le[1]:.1f}/{le[2]:.1f}; "
      f"{d['runs']} rounds; baseline {d['baseline']}, measured at {d['gitCommit']} (dirty: {d['gitDirty']}).")
