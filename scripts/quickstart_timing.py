#!/usr/bin/env python3
"""The quickstart timing evidence and its README table.

  quickstart_timing.py collect --commit C --out docs/results/quickstart-timing.json --command CMD RUN_DIR...
      reads what scripts/time-quickstart.sh left in each run folder (time.txt from /usr/bin/time -v,
      loadavg-start/-end, rarec/rarec-home/runs/quickstart-timing.json) and writes the evidence JSON.
  quickstart_timing.py table [json] [--write README.md]
      prints the breakdown table, or writes it between the README's quickstart-timing markers.
"""
import argparse, json, os, platform, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markers import replace_between  # noqa: E402

STAGES = [("build", "build the jar and start (first `./rarec`)"), ("data", "find the data"), ("corpus", "corpus"),
          ("embedding", "item embeddings"), ("pretraining", "pretraining"), ("fineTuning", "fine-tuning"),
          ("firstAnswer", "first answer")]


def wall_seconds(text):
    """'Elapsed (wall clock) time (h:mm:ss or m:ss): 12:34.56' in seconds."""
    for line in text.splitlines():
        if "Elapsed (wall clock)" in line:
            parts = [float(p) for p in line.rsplit(": ", 1)[1].strip().split(":")]
            return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    raise SystemExit("no wall clock time in /usr/bin/time output")


def peak_rss_mb(text):
    for line in text.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    raise SystemExit("no peak RSS in /usr/bin/time output")


def loadavg(path):
    return [float(x) for x in open(path).read().split()[:3]]


def collect(a):
    runs = []
    for d in a.run_dirs:
        clone = os.path.join(d, "rarec")
        timing = json.load(open(os.path.join(clone, "rarec-home", "runs", "quickstart-timing.json")))
        time_v = open(os.path.join(d, "time.txt")).read()
        wall = wall_seconds(time_v)
        stages = {"build": wall - timing["totalSeconds"]}  # what ran before the command's own clock: jar build, JVM start
        stages.update(timing["stages"])
        dirty = subprocess.run(["git", "-C", clone, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip() != ""
        runs.append({"wallSeconds": wall, "peakRssMb": peak_rss_mb(time_v), "stages": stages, "gitDirty": dirty,
                     "trainThreads": timing.get("trainThreads", 1),
                     "loadAverageStart": loadavg(os.path.join(d, "loadavg-start")),
                     "loadAverageEnd": loadavg(os.path.join(d, "loadavg-end"))})
    names = [s for s, _ in STAGES if all(s in r["stages"] for r in runs)]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    out = {"command": a.command, "commit": a.commit, "gitDirty": any(r["gitDirty"] for r in runs), "nice": a.nice,
           "runs": runs, "medianWallSeconds": statistics.median(r["wallSeconds"] for r in runs),
           "medianStages": {s: statistics.median(r["stages"][s] for r in runs) for s in names},
           "machine": "%d cores (%s), %.0f GiB" % (os.cpu_count(), model, mem)}
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.out)
    print("wrote %s: median wall %.0f s over %d runs" % (a.out, out["medianWallSeconds"], len(runs)), file=sys.stderr)


def render(d):
    runs = d["runs"]
    lines = ["| stage | median (s) | runs (s) |", "|---|--:|---|"]
    for key, label in STAGES:
        if key in d["medianStages"]:
            lines.append("| %s | %.0f | %s |" % (label, d["medianStages"][key], ", ".join("%.0f" % r["stages"][key] for r in runs)))
    lines.append("| **total (wall)** | **%.0f** | %s |" % (d["medianWallSeconds"], ", ".join("%.0f" % r["wallSeconds"] for r in runs)))
    la = "; ".join("%.1f → %.1f" % (r["loadAverageStart"][0], r["loadAverageEnd"][0]) for r in runs)
    lines.append("")
    lines.append("Median of %d fresh clones of %s on %s; peak RSS %s MiB; 1-minute load average (start → end) %s%s. "
                 "From `docs/results/quickstart-timing.json`, made by `%s`." % (
                     len(runs), d["commit"][:7], d["machine"], ", ".join("%.0f" % r["peakRssMb"] for r in runs), la,
                     "" if d["nice"] in (0, "0") else "; run under nice -n %s" % d["nice"], d["command"]))
    return "\n".join(lines)


def table(a):
    if os.path.exists(a.json):
        text = render(json.load(open(a.json)))
    else:
        text = "Not yet timed on a fresh clone (no `docs/results/quickstart-timing.json`)."
    if a.write:
        replace_between(a.write, "quickstart-timing", text)
    else:
        print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--commit", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--command", required=True)
    c.add_argument("--nice", default="0")
    c.add_argument("run_dirs", nargs="+")
    t = sub.add_parser("table")
    t.add_argument("json", nargs="?", default="docs/results/quickstart-timing.json")
    t.add_argument("--write", metavar="MARKDOWN")
    a = p.parse_args()
    collect(a) if a.what == "collect" else table(a)


if __name__ == "__main__":
    main()
