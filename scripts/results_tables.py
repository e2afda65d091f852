#!/usr/bin/env python3
"""Prints the Markdown tables of docs/results.md from the metrics.json files that `rarec eval` and
`rarec pretrain` / `rarec train` wrote under a home folder, and writes docs/results/table1.json and
docs/results/rl.json. Usage: scripts/results_tables.py [home] [all|table1|table2|rl|recipe] [reports dir]
The reports dir defaults to <home>/runs; docs/results/reports holds copies of the eval reports."""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markers import replace_between  # noqa: E402

home = sys.argv[1] if len(sys.argv) > 1 else "rarec-home"
runs = sys.argv[3] if len(sys.argv) > 3 else os.path.join(home, "runs")
models = os.path.join(home, "models")
KEYS = ["ndcg@5", "recall@5", "ndcg@10", "recall@10"]


def load(name):
    p = os.path.join(runs, name, "metrics.json")
    return json.load(open(p)) if os.path.exists(p) else None


def cell(m, k):
    e = m["metrics"][k]
    return "%.4f ± %.4f" % (e["mean"], e["ci95"])


def eval_table(report_names, lines=None):
    """One row per (dataset, method): a method evaluated again in a later report is not repeated. The table's
    Markdown lines are printed, and appended to `lines` when given."""
    rows = []
    shown = set()
    out = lines if lines is not None else []

    def emit(line):
        print(line)
        out.append(line)

    emit("| dataset | method | targets | N@5 | R@5 | N@10 | R@10 | hallucination |")
    emit("|---|---|--:|--:|--:|--:|--:|--:|")
    for name in report_names:
        rep = load(name)
        if rep is None:
            emit("| %s | (not run) | | | | | | |" % name)
            continue
        for r in rep["results"]:
            if (r["dataset"], r["method"]) in shown:
                continue
            shown.add((r["dataset"], r["method"]))
            r["_report"] = name
            emit("| %s | %s | %d | %s | %s | %s | %s | %.2f%% |" % (r["dataset"], r["method"], r["targets"],
                  cell(r, "ndcg@5"), cell(r, "recall@5"), cell(r, "ndcg@10"), cell(r, "recall@10"), 100 * r["hallucinationRate"]))
            rows.append(r)
    return rows


def pretrain_table(names):
    print("| retriever | run | test N@10 | test R@10 | test N@20 | test R@20 | valid N@10 | epochs | stop | wall s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|---|--:|")
    for model, run in names:
        p = os.path.join(runs, run, "metrics.json")
        if not os.path.exists(p):
            print("| %s | %s | (not run) | | | | | | | |" % (model, run))
            continue
        m = json.load(open(p))
        t = m["test"]
        print("| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.0f | %s | %.0f |" % (model, run, t["ndcg@10"], t["recall@10"], t["ndcg@20"],
              t["recall@20"], m["validation"]["ndcg@10"], m["epochs"], m["stopReason"], m["wallSeconds"]))


T2_RUNS = [("LRURec (text tower only)", "t2-lrurec-text"), ("LRURec", "t2-lrurec"), ("SASRec", "t2-sasrec"),
           ("FMLP-Rec", "t2-fmlprec"), ("GRU4Rec", "t2-gru4rec"), ("BERT4Rec", "t2-bert4rec")]


def table2_faster():
    """The Table 2 rows of scripts/table2.sh, from their kept JSONs in docs/results/pretrain."""
    lines = ["| retriever | run | test N@10 | test R@10 | test N@20 | test R@20 | valid N@10 | epochs | stop | wall s | windows/s | commit |",
             "|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|---|"]
    for model, run in T2_RUNS:
        p = os.path.join("docs/results/pretrain", run + ".json")
        if not os.path.exists(p):
            lines.append("| %s | %s | (not run yet) | | | | | | | | | |" % (model, run))
            continue
        m = json.load(open(p))
        t = m["test"]
        lines.append("| %s | [%s](results/pretrain/%s.json) | %.4f | %.4f | %.4f | %.4f | %.4f | %.0f | %s | %.0f | %.0f | %s%s |" % (
            model, run, run, t["ndcg@10"], t["recall@10"], t["ndcg@20"], t["recall@20"], m["validation"]["ndcg@10"], m["epochs"],
            m["stopReason"], m["wallSeconds"], m["trainSequencesPerSecond"], m["gitCommit"][:7], " (dirty)" if m["gitDirty"] else ""))
    print("\n".join(lines))
    replace_between("docs/results.md", "table2-faster", "\n".join(lines))


def train_info(run):
    p = os.path.join(runs, run, "train.json")
    return json.load(open(p)) if os.path.exists(p) else {}


# Issue 10's re-run: both arms from qs-sft on the current corpus, trained and evaluated with the default pipeline
# (hybrid candidates) and evaluated again with the paper's; each report has SFT continued first (the paired baseline).
RL_REPORTS = ["redial-rl-test", "redial-beta-test", "inspired-rl-test",
              "rl10-redial-test", "rl10-redial-test-paper", "rl10-inspired-test", "rl10-inspired-test-paper"]
# The same arms evaluated again after main changed the default pipeline under them (549416b, 5538c10, 9484ee8:
# fusion weight 0.3 over hybrid candidates, new hybrid rules); they were trained with the defaults of 9a53295.
RL_REPORTS_NOW = ["rl10-redial-test-now", "rl10-inspired-test-now"]
# Issue 13's series at the paper's scale (scripts/rl-paper-scale.sh): INSPIRED's seeds have one report per seed
# with SFT continued first; later seeds one report per run (<run>-test), each RL run's paired with SFT continued's
# kept ranks. Only what has been evaluated so far exists.
RL_PAPER_SCALE = ["%s-rlp-s%d" % (d, seed) for d in ("redial", "inspired") for seed in (1, 2, 3)] + [
    "%s-rlp-%s-s%d-test" % (d, m, seed) for d in ("redial", "inspired") for seed in (1, 2, 3)
    for m in ("sft", "dpo-b0.05", "dpo-b0.1", "grpo", "simpo")]
TRAIN_FIELDS = ["trainWallSeconds", "generatorCalls", "bestValidationNdcg10", "bestStep", "steps", "resampledDraws",
                "pairsWithoutPreference"]


def run_settings(run):
    """run.json of a training run (method, beta, seed, init, generator, candidates), copied beside its train.json."""
    for d in (os.path.join(runs, run), os.path.join(models, run)):
        p = os.path.join(d, "run.json")
        if os.path.exists(p):
            return json.load(open(p))
    return None


# The quickstart recipes compared on 600 ReDial validation examples (issue 10): the old recipe (qs-sft), then the
# runs trained for the new one; each run's train.json and run.json are copied beside the reports.
RECIPE_REPORTS = ["qs4-valid", "v-qs-sft", "v-hybrid-r123", "v-r1-ret", "v-r2-ret", "v-r3-ret"]


def recipe_section():
    """docs/results/quickstart-recipe.json and its table: validation N@10 of each recipe with how it was trained."""
    rows = eval_table(RECIPE_REPORTS)
    out = []
    for r in rows:
        run, generator, candidates = r["method"].split("+")
        settings = run_settings(run)
        pref = settings["settings"]["preference"]
        out.append({"run": run, "init": settings["parent"], "examples": train_info(run).get("examples"),
                    "batchSize": pref["batchSize"], "learningRate": pref["learningRate"], "epochs": pref["epochs"],
                    "trainWallSeconds": train_info(run).get("wallSeconds"), "generator": generator, "candidates": candidates,
                    "dataset": r["dataset"], "examplesEvaluated": r["examplesEvaluated"],
                    **{k: r["metrics"][k]["mean"] for k in KEYS}, **{k + ".ci95": r["metrics"][k]["ci95"] for k in KEYS},
                    "report": r["_report"], "evaluatedAt": load(r["_report"])["provenance"].get("gitCommit")})
    json.dump(out, open("docs/results/quickstart-recipe.json", "w"), indent=2)
    lines = ["| run | init | examples | epochs | batch | lr | pipeline | valid N@10 | valid R@10 | train wall s |",
             "|---|---|--:|--:|--:|--:|---|--:|--:|--:|"]
    for r in sorted(out, key=lambda r: (r["generator"] != "builtin", r["run"])):
        lines.append("| %s | %s | {:,} | %d | %d | %g | %s + %s | %.4f ± %.4f | %.4f | %.0f |".format(r["examples"]) % (
            r["run"], r["init"], r["epochs"], r["batchSize"], r["learningRate"], r["generator"], r["candidates"], r["ndcg@10"],
            r["ndcg@10.ci95"], r["recall@10"], r["trainWallSeconds"]))
    print("\n" + "\n".join(lines))
    replace_between("docs/results.md", "recipe", "\n".join(lines))


def rl_section():
    """rl.json and the three tables of the docs section. The first runs (before issue 10) have no run folder any
    more: their training figures are carried over from the rl.json this script wrote for them, and they all used
    the paper's candidates (the only ones then), the built-in generator, the corpus before the clean-up, and
    started from redial-sft / inspired-sft with seed 42."""
    previous = {r["run"]: r for r in json.load(open("docs/results/rl.json"))} if os.path.exists("docs/results/rl.json") else {}
    print("Test metrics:\n")
    rows = eval_table(RL_REPORTS)
    print("\nThe issue-10 arms evaluated again with the default pipeline of a later main (the `evaluatedAt` commit in rl.json):\n")
    rows += eval_table(RL_REPORTS_NOW)
    paper_scale = [name for name in RL_PAPER_SCALE if load(name)]
    if paper_scale:
        print("\nAt the paper's scale (issue 13), one report per dataset and seed:\n")
        rows += eval_table(paper_scale)
    paired = {}
    for name in RL_REPORTS + RL_REPORTS_NOW + paper_scale:
        rep = load(name)
        for c in (rep or {}).get("comparisons", []):
            paired.setdefault((name, c["method"]), {"baseline": c["baseline"]})[c["metric"]] = c["difference"]
    out = []
    for r in rows:
        parts = r["method"].split("+")
        run = parts[0]
        info = train_info(run)
        settings = run_settings(run)
        old = previous.get(run, {})
        if settings:
            pref = settings["settings"]["preference"]
            method = pref["method"].lower()
            beta = 0.0 if method == "sft" else None if method == "grpo" else pref["beta"]
            seed, init = pref["seed"], settings["parent"]
        else:
            method = "sft" if "-rl-sft" in run else run.split("-rl-")[1].split("-")[0]
            # GRPO's beta weighs the KL to the reference model; these runs have none, so beta has no effect there
            beta = 0.0 if method == "sft" else None if method == "grpo" else float(run.split("-b")[1]) if "-b" in run else 0.1
            seed, init = 42, r["dataset"].split("/")[0] + "-sft"
        row = {"dataset": r["dataset"], "series": "paper scale" if r["_report"] in paper_scale else "earlier",
               "method": method, "beta": beta, "run": run, "init": init,
               "corpus": "current" if settings else "before issue 10 (uncleaned, duplicates unmerged)",
               "generator": parts[1], "candidates": parts[2] if len(parts) > 2 else "paper",
               "trainedWith": settings["settings"].get("candidates", "paper") if settings else "paper",
               **{k: r["metrics"][k]["mean"] for k in KEYS}, **{k + ".ci95": r["metrics"][k]["ci95"] for k in KEYS},
               "targets": r["targets"], "seed": seed, "report": r["_report"],
               "evaluatedAt": load(r["_report"])["provenance"].get("gitCommit")}
        if info:
            row.update({"trainWallSeconds": info.get("wallSeconds"), "generatorCalls": info.get("generatorCalls"),
                        "bestValidationNdcg10": info.get("bestValidation"), "bestStep": info.get("bestStep"),
                        "steps": info.get("steps"), "resampledDraws": info.get("resampled"),
                        "pairsWithoutPreference": info.get("noPreference"), "firstDraws": info.get("firstDraws")})
        else:
            row.update({k: old.get(k) for k in TRAIN_FIELDS})
        if (r["_report"], r["method"]) in paired:
            p = paired[(r["_report"], r["method"])]
            row["pairedVsBaseline"] = {"baseline": p["baseline"], **{k: p[k] for k in ("ndcg@10", "recall@10") if k in p}}
        out.append(row)
    json.dump(out, open("docs/results/rl.json", "w"), indent=2)
    paper_scale_summary([r for r in out if r["series"] == "paper scale"])

    print("\nTraining runs (validation NDCG@10 of the pipeline the run was trained with; \"at step 0\" means no checkpoint "
          "beat the starting retriever):\n")
    print("| run | init | trained with | method | β | best validation N@10 | at step | steps | generator calls | wall s |")
    print("|---|---|---|---|--:|--:|--:|--:|--:|--:|")
    seen = set()
    for r in out:
        if r["run"] in seen:
            continue
        seen.add(r["run"])
        print("| %s | %s | %s | %s | %s | %.4f | %d | %d | {:,} | %.0f |".format(r["generatorCalls"]) % (
            r["run"], r["init"], r["trainedWith"], r["method"], "–" if r["beta"] is None else "%g" % r["beta"],
            r["bestValidationNdcg10"], r["bestStep"], r["steps"], r["trainWallSeconds"]))

    print("\nPaired test-set differences against SFT continued (the same test targets, method minus baseline, 95% CI):\n")
    print("| dataset | method | baseline | evaluated at | ΔN@10 [95% CI] | ΔR@10 [95% CI] |")
    print("|---|---|---|---|--:|--:|")
    for r in out:
        p = r.get("pairedVsBaseline")
        if not p or "-sft" not in p["baseline"].split("+")[0]:
            continue
        cell = lambda d: "%+.4f [%+.4f, %+.4f]" % (d["mean"], d["low"], d["high"])
        print("| %s | %s (%s candidates) | %s | %s | %s | %s |" % (r["dataset"], r["run"], r["candidates"], p["baseline"], r["evaluatedAt"] or "–",
                                            cell(p["ndcg@10"]), cell(p["recall@10"])))

    print("\nWhat the RL term had to learn from (each example's first-drawn candidate sets, over the run; from train.json):\n")
    print("| run | sets | sets holding a target | mean reward | reward std | groups with all rewards equal |")
    print("|---|--:|--:|--:|--:|--:|")
    for r in out:
        d = r.get("firstDraws")
        if not d or not d.get("sets") or r["run"] not in seen:
            continue
        seen.discard(r["run"])
        print("| %s | {:,} | %.1f%% | %.4f | %.4f | %.1f%% |".format(d["sets"]) % (
            r["run"], 100 * d["withTarget"], d["rewardMean"], d["rewardStd"], 100 * d["tied"]))


def paper_scale_summary(rows):
    """The paper-scale series over seeds: each method's test N@10 and R@10 as mean ± sample standard deviation over
    the seeds evaluated, and its paired difference against SFT continued of the same seed (same test targets), per
    seed with its 95% CI. Written between docs/results.md's rl-paper-scale markers."""
    import statistics
    lines = []
    if not rows:
        lines.append("No seed evaluated yet.")
    else:
        lines += ["| dataset | method | β | seeds | N@10 mean ± sd | R@10 mean ± sd | ΔN@10 vs SFT continued: mean ± sd over seeds; per seed [95% CI] | ΔR@10: the same |",
                  "|---|---|--:|--:|--:|--:|---|---|"]
        groups = {}
        for r in rows:
            groups.setdefault((r["dataset"], r["method"], r["beta"]), []).append(r)
        spread = lambda v: "%.4f ± %.4f" % (statistics.mean(v), statistics.stdev(v)) if len(v) > 1 else "%.4f" % v[0]
        for (dataset, method, beta), rs in groups.items():
            rs = sorted(rs, key=lambda r: r["seed"])
            def deltas(k):
                paired = [(r["seed"], r["pairedVsBaseline"][k]) for r in rs if k in (r.get("pairedVsBaseline") or {})]
                if not paired:
                    return "(baseline)"
                means = [p["mean"] for _, p in paired]
                over = "%+.4f ± %.4f: " % (statistics.mean(means), statistics.stdev(means)) if len(means) > 1 else ""
                return over + "; ".join("s%d %+.4f [%+.4f, %+.4f]" % (seed, p["mean"], p["low"], p["high"]) for seed, p in paired)
            lines.append("| %s | %s | %s | %d | %s | %s | %s | %s |" % (
                dataset, method, "–" if beta is None else "%g" % beta, len(rs), spread([r["ndcg@10"] for r in rs]),
                spread([r["recall@10"] for r in rs]), deltas("ndcg@10"), deltas("recall@10")))
        gens = sorted({r["generator"] + " generator, " + r["candidates"] + " candidates" for r in rows})
        lines.append("")
        lines.append("Evaluated with the %s; from `%s`; reports %s (docs/results/rl.json, `series`: `paper scale`)." % (
            "; ".join(gens), rows[0]["init"], ", ".join(sorted({"`%s`" % r["report"] for r in rows}))))
    print("\n".join(lines))
    replace_between("docs/results.md", "rl-paper-scale", "\n".join(lines))


if __name__ == "__main__":
    what = sys.argv[2] if len(sys.argv) > 2 else "all"
    if what in ("all", "table2"):
        print("\n### Table 2 analogue\n")
        pretrain_table([("LRURec (text tower only)", "pretrain-lrurec"), ("LRURec", "pretrain-lrurec-id"),
                        ("SASRec", "pretrain-sasrec-id"), ("FMLP-Rec", "pretrain-fmlprec-id"),
                        ("GRU4Rec", "pretrain-gru4rec-id"), ("BERT4Rec", "pretrain-bert4rec-id")])
    if what in ("all", "table2"):
        print("\n### Table 2 analogue with the faster trainer\n")
        table2_faster()
    if what in ("all", "table1"):
        print("\n### Table 1 analogue\n")
        # The documented pipeline (paper candidates, before the corpus clean-up), then the quickstart model with
        # paper and hybrid candidates on the current corpus (the method name ends in +paper or +hybrid since then):
        # qs-sft, the old recipe; r3-noinit-b128-lr3e3, the recipe of issue 10's third round; r2-all-b128-lr3e3, the
        # same from two minutes of pretraining.
        # qs3-*: the quickstart's model (r3-noinit-b128-lr3e3) with the third round's default pipeline (plot search,
        # cold-start rule), listed first so that its rows replace qs2's hybrid row measured before the plot search;
        # qs-redial-hybrid-plot: the old quickstart model (qs-sft) with the same pipeline.
        # qs4-*: the fourth round's recipe (two epochs; trained with two threads under the launcher's allocator settings).
        table = []
        rows = eval_table(["redial-table1", "inspired-table1", "inspired-table1-retrievers",
                           "qs4-redial", "qs4-redial-he", "qs4-inspired", "qs3-redial-hybrid", "qs3-redial-he", "qs3-inspired", "qs2-redial-hybrid",
                           "qs2-pretrain2-redial-hybrid", "qs-redial-hybrid-plot", "qs-redial-hybrid", "qs-redial",
                           "qs-inspired", "qs-redial-he"], table)
        out = [{"dataset": r["dataset"], "method": r["method"],
                "candidates": "hybrid" if r["method"].endswith("+hybrid") else "paper",
                **{k: r["metrics"][k]["mean"] for k in KEYS},
                **{k + ".ci95": r["metrics"][k]["ci95"] for k in KEYS}, "targets": r["targets"], "report": r["_report"],
                "evaluatedAt": load(r["_report"])["provenance"].get("gitCommit")} for r in rows]
        json.dump(out, open("docs/results/table1.json", "w"), indent=2)
        replace_between("docs/results.md", "table1", "\n".join(table))
    if what in ("all", "table1", "recipe"):
        print("\n### Quickstart recipe (ReDial validation)\n")
        recipe_section()
    if what in ("all", "rl"):
        print("\n### Preference optimisation\n")
        rl_section()
