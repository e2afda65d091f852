#!/usr/bin/env bash
# RL at the paper's scale (issue 13, item 4): SFT continued (beta 0), DPO beta 0.05 and 0.1, GRPO and SimPO
# from the same checkpoint with the same schedule, on all ReDial training examples with text and on INSPIRED's
# training split, 3 epochs, 3 seeds each, each evaluated on the test split with the project's default generator.
#
# A run is the unit that survives: once trained, it is evaluated on the test split on its own and its report
# (without rows.jsonl: per-example rows are data; ranks.json keeps each row's rank under a digest of its key),
# train.json and run.json are copied to docs/results/reports/ to be committed. SFT continued runs first; each RL
# run's report is paired with SFT continued's kept report (`rarec eval --paired-with`), so the paired difference
# needs no model from an earlier session. A run whose report is kept is skipped, so the series goes on across
# sessions and machines that keep nothing but the repository; within a session, a trained run (train.json
# present) is not trained again and an interrupted one resumes from its checkpoint (rarec train does that for an
# existing run folder with the same settings). A seed evaluated in one report by the earlier version of this
# script (<dataset>-rlp-s<seed>) is skipped whole.
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

evaluate() { # dataset run [eval args...]: evaluate one trained run on test and keep its report
  local report="$2-test"
  echo "evaluating $report ($(date -u +%H:%M))"
  rarec eval --dataset "$1" --split test --out "$report" --method "$2:$generator" "${@:3}"
  mkdir -p "$kept/$2"
  cp "$home/runs/$2/train.json" "$home/models/$2/run.json" "$kept/$2/"
  rm -rf "${kept:?}/$report.tmp" && cp -r "$home/runs/$report" "$kept/$report.tmp" && rm -f "$kept/$report.tmp/rows.jsonl" \
    && mv "$kept/$report.tmp" "$kept/$report"
  echo "kept: $kept/$report"
}

for dataset in $datasets; do
  if [ "$dataset" = redial ]; then common=(--eval-every 200 --valid-examples 300); else common=(--eval-every 30 --valid-examples 0); fi
  common+=(--init "${init:-$dataset-sft}" --epochs 3 --max-examples 1000000 --lr 1e-4 --batch-size 8)
  for seed in $seeds; do
    if [ -f "$kept/$dataset-rlp-s$seed/metrics.json" ]; then echo "evaluated: $dataset-rlp-s$seed"; continue; fi
    sft="$dataset-rlp-sft-s$seed"
    for spec in "sft:--method sft" "dpo-b0.05:--method dpo --beta 0.05" "dpo-b0.1:--method dpo --beta 0.1" \
                "grpo:--method grpo" "simpo:--method simpo --beta 0.1"; do
      run="$dataset-rlp-${spec%%:*}-s$seed"
      if [ -f "$kept/$run-test/metrics.json" ]; then echo "evaluated: $run"; continue; fi
      # shellcheck disable=SC2086 # the method's arguments are words
      train "$dataset" "$run" ${spec#*:} "${common[@]}" --seed "$seed"
      if [ "$run" = "$sft" ]; then evaluate "$dataset" "$run"; else evaluate "$dataset" "$run" --paired-with "$kept/$sft-test"; fi
    done
  done
done
