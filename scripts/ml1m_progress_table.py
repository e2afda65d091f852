#!/usr/bin/env python3
"""Renders the validation history of an ML-1M convergence run from its trainer state (as copied to
docs/results/ml-1m-progress/<model>-trainer-state.json).
Usage: scripts/ml1m_progress_table.py STATE.json [--write FILE NAME]"""
import json
import sys

from markers import replace_between, split_write

args, write = split_write(sys.argv[1:])
state = json.load(open(args[0]))
lines = ["| global step | epoch | NDCG@10 | Recall@10 | NDCG@20 | Recall@20 |", "|--:|--:|--:|--:|--:|--:|"]
for h in state["history"]:
    lines.append(f"| {h['step']:,} | {h['epoch']:.1f} | {h['ndcg@10']:.4f} | {h['recall@10']:.4f} | {h['ndcg@20']:.4f} | {h['recall@20']:.4f} |")
lines.append("")
# the state holds the selection metric's best value: NDCG@10 by default, Recall@10 with --recipe lrurec-code
metric = next((name for key, name in (("ndcg@10", "NDCG@10"), ("recall@10", "Recall@10"))
               if state["bestMetrics"].get(key) == state["best"]), "selection metric")
lines.append(f"State at global step {state['globalStep']:,} (epoch {state['epoch']}); best {metric} {state['best']:.4f} at step "
             f"{state['bestStep']:,}; {state['badValidations']} validations since without improvement; stop reason: {state['stopReason']}.")
text = "\n".join(lines)
print(text)
if write:
    replace_between(write[0], write[1], text)
