#!/usr/bin/env python3
"""Sums a PyTorch profiler Chrome trace (TrainingThroughput's -Drarec.profile=FILE) by operator: self time
(an operator's time minus that of the operators it called), calls, and the input shapes that took longest.
Usage: scripts/torch_profile.py TRACE.json [TOP]"""
import collections
import json
import sys


def main(path, top):
    events = json.load(open(path))
    events = events["traceEvents"] if isinstance(events, dict) else events
    ops = [e for e in events if e.get("ph") == "X" and e.get("cat") in ("cpu_op", "Operator", None) and "dur" in e]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    self_time = collections.Counter()
    calls = collections.Counter()
    shapes = collections.defaultdict(collections.Counter)
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in evs:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                self_time[stack[-1]["name"]] -= e["dur"]
                shapes[stack[-1]["name"]][stack[-1]["_shape"]] -= e["dur"]
            e["_shape"] = str(e.get("args", {}).get("Input Dims", ""))[:90]
            self_time[e["name"]] += e["dur"]
            shapes[e["name"]][e["_shape"]] += e["dur"]
            calls[e["name"]] += 1
            stack.append(e)
    total = sum(self_time.values())
    print(f"total self time {total / 1e6:.2f} s over {len(ops)} operator calls")
    for name, t in self_time.most_common(top):
        print(f"{100 * t / total:5.1f}% {t / 1e3:9.1f} ms {calls[name]:6d}  {name}")
        for shape, st in shapes[name].most_common(2):
            if st > 0.01 * total:
                print(f"{'':26}{100 * st / total:5.1f}%  {shape}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
