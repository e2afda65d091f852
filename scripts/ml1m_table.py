#!/usr/bin/env python3
"""Renders docs/benchmarks.md's ML-1M results table (section 1) from `rarec bench-retriever --dataset ml-1m` JSONs:
test figures on all 6,040 users with the best checkpoint, against the LRURec paper's (the JSON's `reference`).
Usage: scripts/ml1m_table.py LABEL=JSON [LABEL=JSON ...] [--write FILE NAME]"""
import json
import sys

from markers import replace_between, split_write

args, write = split_write(sys.argv[1:])
KEYS = ["ndcg@10", "ndcg@20", "recall@10", "recall@20"]
lines = ["| run | stop | epochs | best at step | N@10 | N@20 | R@10 | R@20 | paper N@10 | paper N@20 | paper R@10 | paper R@20 | wall s | windows/s | commit |",
         "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
for arg in args:
    label, path = arg.split("=", 1)
    d = json.load(open(path))
    ref = d.get("reference") or {}
    rate = d.get("trainWindowsPerSecond", d.get("trainSequencesPerSecond"))
    commit = (d.get("gitCommit") or "?")[:7] + (" (dirty)" if d.get("gitDirty") else "")
    lines.append("| %s | %s | %.1f | {:,} | %s | %.0f | %.1f | %s |".format(d["bestStep"]) % (
        label, d["stopReason"], d["epochs"],
        " | ".join("%.4f" % d[k] for k in KEYS) + " | " + " | ".join("%.4f" % ref[k] if k in ref else "—" for k in KEYS),
        d["wallSeconds"], rate, commit))
window = [(arg.split("=", 1)[0], json.load(open(arg.split("=", 1)[1]))) for arg in args]
window = [(label, d["testMaskingTheWindowOnly"]) for label, d in window if "testMaskingTheWindowOnly" in d]
if window:
    # the LRURec code masks only the input window's items at test time: the same checkpoint measured that way
    lines += ["", "The same checkpoints tested as the LRURec code tests (only the last 200 history items masked):", "",
              "| run | N@10 | N@20 | R@10 | R@20 |", "|---|--:|--:|--:|--:|"]
    for label, m in window:
        lines.append("| %s | %s |" % (label, " | ".join("%.4f" % m[k] for k in KEYS)))
text = "\n".join(lines)
print(text)
if write:
    replace_between(write[0], write[1], text)
