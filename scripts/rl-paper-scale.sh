#!/usr/bin/env bash
# RL at the paper's scale (issue 13, item 4): SFT continued (beta 0), DPO beta 0.05 and 0.1, GRPO and SimPO
# from the same checkpoint with the same schedule, on all ReDial training examples with text and on INSPIRED's
# training split, 3 epochs, 3 seeds each, each evaluated on the test split with the project's default generator.
#
# A seed is the unit that survives: once its five runs are trained, they are evaluated together (SFT continued
# first, so every RL row has its paired baseline in the report), and the report and each run's train.json and
# run.json are copied to docs/results/reports/ to be committed. A seed whose report is there is skipped, so the
# series goes on across sessions and machines that keep nothing but the repository. Within a session, a finished
# run (train.json present) is skipped and an interrupted one resumes from its checkpoint (rarec train does that
# for an existing run folder with the same settings).
#
# Usage: nice -n 19 scripts/rl-paper-scale.sh HOME [GENERATOR] [INIT] [DATASETS] [SEEDS]
#   HOME       a rarec home with the corpus, the item embeddings and the model to start from
#   GENERATOR  the generator named in the eval methods (default: builtin, the default of --generator)
#   INIT       the model every run starts from (default: <dataset>-sft, which docs/results.md's "Table 1
#              analogue" makes; the quickstart's model, quickstart-sft, is the project's default)
#   DATASETS   default "redial inspired";  SEEDS  default "1 2 3"
set -euo pipefail
home="$1"
generator="${2:-builtin}"
init="${3:-}"
datasets="${4:-redial inspired}"
seeds="${5:-1 2 3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kept="$here/docs/results/reports"
rarec() { "$here/rarec" "$@" --home "$home"; }

train() { # dataset run args...
  local run="$2"
  if [ -f "$home/runs/$run/train.json" ]; then echo "trained: $run"; return; fi
  echo "training $run ($(date -u +%H:%M))"
  rarec train --dataset "$1" --run "$run" "${@:3}"
}

for dataset in $datasets; do
  if [ "$dataset" = redial ]; then common=(--eval-every 200 --valid-examples 300); else common=(--eval-every 30 --valid-examples 0); fi
  common+=(--init "${init:-$dataset-sft}" --epochs 3 --max-examples 1000000 --lr 1e-4 --batch-size 8)
  for seed in $seeds; do
    report="$dataset-rlp-s$seed"
    if [ -f "$kept/$report/metrics.json" ]; then echo "evaluated: $report"; continue; fi
    runs=("$dataset-rlp-sft-s$seed" "$dataset-rlp-dpo-b0.05-s$seed" "$dataset-rlp-dpo-b0.1-s$seed" "$dataset-rlp-grpo-s$seed" "$dataset-rlp-simpo-s$seed")
    train "$dataset" "${runs[0]}" --method sft "${common[@]}" --seed "$seed"
    train "$dataset" "${runs[1]}" --method dpo --beta 0.05 "${common[@]}" --seed "$seed"
    train "$dataset" "${runs[2]}" --method dpo --beta 0.1 "${common[@]}" --seed "$seed"
    train "$dataset" "${runs[3]}" --method grpo "${common[@]}" --seed "$seed"
    train "$dataset" "${runs[4]}" --method simpo --beta 0.1 "${common[@]}" --seed "$seed"
    methods=()
    for run in "${runs[@]}"; do methods+=(--method "$run:$generator"); done
    echo "evaluating $report ($(date -u +%H:%M))"
    rarec eval --dataset "$dataset" --split test --out "$report" "${methods[@]}"
    for run in "${runs[@]}"; do
      mkdir -p "$kept/$run"
      cp "$home/runs/$run/train.json" "$home/models/$run/run.json" "$kept/$run/"
    done
    # the report without rows.jsonl: its per-example rows are data, and the comparisons in metrics.json already
    # hold the paired differences they give
    rm -rf "${kept:?}/$report.tmp" && cp -r "$home/runs/$report" "$kept/$report.tmp" && rm -f "$kept/$report.tmp/rows.jsonl" \
      && mv "$kept/$report.tmp" "$kept/$report"
    echo "kept: $kept/$report"
  done
done
