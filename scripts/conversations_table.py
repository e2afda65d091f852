#!/usr/bin/env python3
"""Prints the per-category table of docs/evaluation.md from docs/results/conversations.json."""
import json

d = json.load(open("docs/results/conversations.json"))
print("| category | conversations | top-5 satisfaction | named films resolved |")
print("|---|--:|--:|--:|")
for k, v in d["categories"].items():
    res = "%d/%d" % (v["resolved"], v["resolvable"]) if v["resolvable"] else "–"
    print("| %s | %d | %.3f | %s |" % (k, v["conversations"], v["satisfaction"], res))
