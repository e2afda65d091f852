#!/usr/bin/env python3
"""Prints the Markdown tables of docs/data.md section 5 from docs/results/fetch.json (written by `rarec bench-fetch`).
Usage: scripts/fetch_table.py [docs/results/fetch.json]"""
import json, sys

r = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "docs/results/fetch.json"))
d = r["derived"]
print("| files | sources (manifest rows) | served by the loopback mirror | verified | failed |")
print("|---|--:|--:|--:|--:|")
print("| gzip / identical (%d layout files) | %d | %d | %d | %d |" % (r["layoutFiles"], r["sources"], r["served"], r["verified"], r["failed"]))
print("| derived (%d layout files) | %d | %d | %d | %d |" % (d["layoutFiles"], d["sources"], d["served"], d["verified"], d["failed"]))
print()
print("| fault (on `movielens/ml-latest-small/links.csv`) | outcome | corrupt file left in the layout |")
print("|---|---|---|")
for f in r["faults"]:
    print("| %s | %s | %s |" % (f["fault"], f["outcome"].replace("|", "\\|"), "yes" if f["corruptLeftInLayout"] else "no"))
if "e2e" in r:
    e = r["e2e"]
    print()
    print("| end to end | fetched folder vs. data dir |")
    print("|---|---|")
    print("| `corpus stats --json` identical | %s (%s vs. %s movies) |" % ("yes" if e["corpusStatsEqual"] else "no", e["corpusMovies"][0], e["corpusMovies"][1]))
    print("| `data stats --json` rows identical, non-derived datasets | %s |" % e["nonDerivedRowsEqual"])
    diff = [x["dataset"] for x in e["dataStatsRows"] if not x["equal"]]
    print("| rows that differ | %s |" % (", ".join(diff) if diff else "none"))
print()
print("Command: `%s`, commit %s, dirty tree: %s, %.0f s." % (r["command"], r["gitCommit"], r["gitDirty"], r["seconds"]))
