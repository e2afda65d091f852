#!/usr/bin/env python3
"""Renders the "HTTP API under load" table of docs/benchmarks.md from the JSONs that
`rarec bench-serve --baseline-classpath ... --json docs/results/serve-load*.json` wrote, one pair of rows per file.
Usage: scripts/serve_table.py [json ...] [--write docs/benchmarks.md]"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markers import replace_between  # noqa: E402

args = sys.argv[1:]
write = None
if "--write" in args:
    i = args.index("--write")
    write = args[i + 1]
    del args[i:i + 2]
files = args or ["docs/results/serve-load.json"]


def runs(v, key, fmt="%.0f"):
    return ", ".join(fmt % r[key] for r in v["runs"])


lines = ["| load | build | p50 ms (runs) | p99 ms (runs) | requests/s (runs) | peak RSS MiB | checks |",
         "|---|---|--:|--:|--:|--:|---|"]
notes = []
for path in files:
    d = json.load(open(path))
    s = d["settings"]
    conversations = d.get("conversations", min(s["requests"], 500))
    load = "%d requests, %d distinct conversations, %d clients" % (s["requests"], conversations, s["concurrency"])
    names = {"before": "%s (paper candidates)" % d["baseline"], "after": "%s (hybrid candidates)" % d["gitCommit"][:7]}
    for side in ("before", "after"):
        v = d["variants"][side]
        lines.append("| %s | %s | **%.0f** (%s) | %.0f (%s) | %.1f (%s) | %.0f | %s |" % (
            load if side == "before" else "", names[side], v["medianP50Millis"], runs(v, "p50Millis"),
            v["medianP99Millis"], runs(v, "p99Millis"), v["medianThroughput"], runs(v, "throughput", "%.1f"),
            v["medianPeakRssMb"], "passed" if all(r["passed"] for r in v["runs"]) else "FAILED"))
    lines.append("| | **after / before** | **%.2f×** | %.2f× | | | |" % (d["ratioP50"], d["ratioP99"]))
    la, le = d["loadAverageAtStart"], d["loadAverageAtEnd"]
    notes.append("`%s`: %d alternating rounds, k = %d, seed %d, served with `%s`; load average (1/5/15 min) %.1f/%.1f/%.1f "
                 "at start, %.1f/%.1f/%.1f at end; measured at %s (dirty: %s)." % (
                     path, d["runs"], s["k"], d["seed"], " ".join(d["serveArgs"]), la[0], la[1], la[2], le[0], le[1], le[2],
                     d["gitCommit"], d["gitDirty"]))
text = "\n".join(lines + [""] + ["- " + n for n in notes])
if write:
    replace_between(write, "serve-load", text)
else:
    print(text)
