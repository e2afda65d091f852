#!/usr/bin/env bash
# RL at the paper's scale (issue 13, item 4): SFT continued (beta 0), DPO beta 0.05 and 0.1, GRPO and SimPO
# from the same SFT checkpoint with the same schedule, on all ReDial training examples with text and on
# INSPIRED's training split, 3 epochs, 3 seeds each, then the test split of both with the project's default
# generator. Resumable: re-running skips finished runs (train.json present) and resumes an interrupted one from
# its last checkpoint (rarec train does that for an existing run folder with the same settings).
#
# Usage: nice -n 19 scripts/rl-paper-scale.sh HOME [GENERATOR] [INIT]
#   HOME       a rarec home with the corpus, the item embeddings and the model runs to start from
#   GENERATOR  the generator named in the eval methods (default: builtin, the default of --generator)
#   INIT       the model every run starts from (default: <dataset>-sft, which docs/results.md's "Table 1
#              analogue" makes; the quickstart's model, e.g. qs4-e2, is the project's default)
set -euo pipefail
home="$1"
generator="${2:-builtin}"
init="${3:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rarec() { "$here/rarec" "$@" --home "$home"; }

train() { # dataset run args...
  local run="$2"
  if [ -f "$home/runs/$run/train.json" ]; then echo "done: $run"; return; fi
  echo "training $run ($(date -u +%H:%M))"
  rarec train --dataset "$1" --run "$run" "${@:3}"
}

for dataset in redial inspired; do
  if [ "$dataset" = redial ]; then common=(--eval-every 200 --valid-examples 300); else common=(--eval-every 30 --valid-examples 0); fi
  common+=(--init "${init:-$dataset-sft}" --epochs 3 --max-examples 1000000 --lr 1e-4 --batch-size 8)
  methods=()
  for seed in 1 2 3; do
    train "$dataset" "$dataset-rlp-sft-s$seed" --method sft "${common[@]}" --seed "$seed"
    train "$dataset" "$dataset-rlp-dpo-b0.05-s$seed" --method dpo --beta 0.05 "${common[@]}" --seed "$seed"
    train "$dataset" "$dataset-rlp-dpo-b0.1-s$seed" --method dpo --beta 0.1 "${common[@]}" --seed "$seed"
    train "$dataset" "$dataset-rlp-grpo-s$seed" --method grpo "${common[@]}" --seed "$seed"
    train "$dataset" "$dataset-rlp-simpo-s$seed" --method simpo --beta 0.1 "${common[@]}" --seed "$seed"
    for m in sft dpo-b0.05 dpo-b0.1 grpo simpo; do methods+=(--method "$dataset-rlp-$m-s$seed:$generator"); done
  done
  # SFT continued of the same seed first in each group of five, so each RL row has its paired baseline in the report
  rarec eval --dataset "$dataset" --split test --out "$dataset-rl-paper-scale" "${methods[@]}"
done
