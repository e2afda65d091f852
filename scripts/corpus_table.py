#!/usr/bin/env python3
"""Prints the corpus table of docs/data.md from the JSON that `rarec corpus stats --json --out` wrote.
Usage: scripts/corpus_table.py docs/results/corpus-stats-before.json docs/results/corpus-stats.json"""
import json, sys

before, after = (json.load(open(p)) for p in sys.argv[1:3])
b, a = before["stats"], after["stats"]
build = after.get("corpusBuild", {}).get("config", {})


def pct(s, field):
    return "%.1f %%" % (100 * s["completeness"][field])


print("| figure | before (%s) | now (%s) |" % (before["corpusBuild"]["gitCommit"][:7], after["corpusBuild"]["gitCommit"][:7]))
print("|---|--:|--:|")
print("| movies | %s | %s |" % (format(b["movies"], ","), format(a["movies"], ",")))
print("| years | %d-%d | %d-%d |" % (b["yearMin"], b["yearMax"], a["yearMin"], a["yearMax"]))
for f in ["imdbId", "title", "year", "genres", "director", "cast", "plot", "votes"]:
    print("| completeness: %s | %s | %s |" % (f, pct(b, f), pct(a, f)))
print("| distinct genre labels | %d | %d |" % (sum(1 for v in b["genres"].values() if v), sum(1 for v in a["genres"].values() if v)))
print("| duplicate entries merged | - | %d |" % build.get("duplicatesMerged", 0))
print("| median votes (movies with votes) | - | %s |" % format(a["votesMedian"], ","))
print()
print("| genre | movies |")
print("|---|--:|")
for g, n in a["genres"].items():
    print("| %s | %s |" % (g, format(n, ",")))
print()
print("| popularity source | factor (IMDb votes per count) |")
print("|---|--:|")
for s, f in sorted(build.get("popularityFactors", {}).items(), key=lambda e: e[1]):
    print("| %s | %.1f |" % (s, f))
print()
print("Movies per source (a movie counts once per source that describes it): "
      + "; ".join("%s %s" % (s, format(n, ",")) for s, n in sorted(a["sources"].items(), key=lambda e: -e[1])) + ".")
