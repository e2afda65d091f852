#!/usr/bin/env python3
"""Sums a PyTorch profiler Chrome trace (TrainingThroughput's -Drarec.profile=FILE) by operator: self time
(an operator's time minus that of the operators it called) and calls, and by (operator, its callers), which
tells a forward product from the same product in the backward pass.
Usage: scripts/torch_profile.py TRACE.json [--top N] [--steps S] [--json OUT --command "..."]
--steps divides times by the profiled steps; --json writes the summary with the command, commit and tree state."""
import argparse
import collections
import datetime
import json
import subprocess


def summarise(path, top):
    events = json.load(open(path))
    events = events["traceEvents"] if isinstance(events, dict) else events
    ops = [e for e in events if e.get("ph") == "X" and "dur" in e]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    self_us = collections.Counter()
    calls = collections.Counter()
    chain_us = collections.Counter()
    chain_calls = collections.Counter()
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in evs:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            e["_chain"] = (e["name"],) + tuple(x["name"] for x in reversed(stack[-2:]))
            if stack:  # the parent's self time excludes this call
                self_us[stack[-1]["name"]] -= e["dur"]
                chain_us[stack[-1]["_chain"]] -= e["dur"]
            self_us[e["name"]] += e["dur"]
            calls[e["name"]] += 1
            chain_us[e["_chain"]] += e["dur"]
            chain_calls[e["_chain"]] += 1
            stack.append(e)
    total = sum(self_us.values())
    operators = [{"operator": n, "selfMs": t / 1e3, "share": t / total, "calls": calls[n]} for n, t in self_us.most_common(top)]
    chains = [{"operator": c[0], "calledFrom": " < ".join(c[1:]), "selfMs": t / 1e3, "share": t / total, "calls": chain_calls[c]}
              for c, t in chain_us.most_common(top)]
    return {"totalSelfMs": total / 1e3, "operatorCalls": len(ops), "operators": operators, "byCaller": chains}


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("trace")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--steps", type=int, default=1)
    p.add_argument("--json")
    p.add_argument("--command", default="")
    a = p.parse_args()
    s = summarise(a.trace, a.top)
    print(f"total self time {s['totalSelfMs'] / a.steps:.1f} ms per step over {s['operatorCalls']} operator calls")
    for o in s["operators"]:
        print(f"{100 * o['share']:5.1f}% {o['selfMs'] / a.steps:8.1f} ms/step {o['calls']:7d}  {o['operator']}")
    print("by caller:")
    for c in s["byCaller"]:
        print(f"{100 * c['share']:5.1f}% {c['selfMs'] / a.steps:8.1f} ms/step {c['calls']:7d}  {c['operator']} <- {c['calledFrom']}")
    if a.json:
        s.update({"profiledSteps": a.steps, "command": a.command, "gitCommit": git("rev-parse", "--short=12", "HEAD"),
                  "gitDirty": bool(git("status", "--porcelain", "--untracked-files=no")),
                  "measuredAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")})
        with open(a.json, "w") as f:
            json.dump(s, f, indent=1)


if __name__ == "__main__":
    main()
