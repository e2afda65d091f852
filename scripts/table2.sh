#!/usr/bin/env bash
# Table 2 analogue with the faster trainer (issue 13, item 3): the five retrievers (and LRURec on the text tower
# alone) pretrained on the MovieLens sessions with a longer budget than the first table's (5 to 15 minutes,
# patience 5): up to 300 epochs, patience 20, at most 15 minutes each, one PyTorch thread, over the quickstart's
# item embeddings (minilm-max64: titles and metadata cut at 64 tokens; the first table used whole texts).
#
# Each run's metrics.json (test and best validation metrics, epochs, stop reason, command, commit, clean tree) is
# copied to docs/results/pretrain/<run>.json, the evidence of its row; a run whose JSON is there is skipped, so the
# table can be finished across sessions. scripts/results_tables.py HOME table2 renders the rows into docs/results.md.
#
# Usage: nice scripts/table2.sh HOME     (HOME: a rarec home with the corpus and its minilm-max64 embeddings,
#                                   as ./rarec quickstart leaves them)
set -euo pipefail
home="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kept="$here/docs/results/pretrain"
budget=(--encoder minilm-max64 --epochs 300 --patience 20 --max-minutes 15 --no-set-current)
pretrain() { # run args...
  local run="$1"
  if [ -f "$kept/$run.json" ]; then echo "kept: $run"; return; fi
  echo "pretraining $run ($(date -u +%H:%M))"
  "$here/rarec" pretrain --home "$home" --run "$run" "${@:2}" "${budget[@]}"
  mkdir -p "$kept"
  cp "$home/runs/$run/metrics.json" "$kept/$run.json.tmp" && mv "$kept/$run.json.tmp" "$kept/$run.json"
}
pretrain t2-lrurec-text --model lrurec --no-id-embedding
pretrain t2-lrurec --model lrurec
pretrain t2-sasrec --model sasrec
pretrain t2-fmlprec --model fmlprec
pretrain t2-gru4rec --model gru4rec
pretrain t2-bert4rec --model bert4rec
