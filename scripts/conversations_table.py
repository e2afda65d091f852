#!/usr/bin/env python3
"""Prints the per-category table of docs/evaluation.md from docs/results/conversations.json.

Usage: scripts/conversations_table.py [--write docs/evaluation.md]  (writes between the conversations markers)"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markers import replace_between  # noqa: E402

d = json.load(open("docs/results/conversations.json"))
lines = ["| category | conversations | top-5 satisfaction | named films resolved |", "|---|--:|--:|--:|"]
for k, v in d["categories"].items():
    res = "%d/%d" % (v["resolved"], v["resolvable"]) if v["resolvable"] else "–"
    lines.append("| %s | %d | %.3f | %s |" % (k, v["conversations"], v["satisfaction"], res))
lines.append("")
lines.append("`%s` at %s (dirty: %s): top-5 constraint satisfaction **%.3f** (%d/%d slots), named films resolved **%d/%d**, "
             "assistant suggestions kept out of the liked history %d/%d." % (
                 d["command"], d["gitCommit"], d["gitDirty"], d["satisfaction"], d["satisfiedSlots"], d["slots"],
                 d["resolved"], d["resolvable"], d["suggestionsKeptOut"]["keptOut"], d["suggestionsKeptOut"]["suggested"]))
text = "\n".join(lines)
print(text)
if "--write" in sys.argv:
    replace_between(sys.argv[sys.argv.index("--write") + 1], "conversations", text)
