#!/usr/bin/env bash
# Profiles the ml-1m LRURec training step (TrainingThroughput's probe, two PyTorch threads, the launcher's
# allocator settings) with PyTorch's profiler over the steps after warm-up, and writes the per-operator summary.
# Usage: scripts/profile-ml1m-step.sh OUT.json [WINDOWS (default 2560)]
set -euo pipefail
out="$1"
windows="${2:-2560}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/rarec" --help > /dev/null # builds the jar when needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export THP_MEM_ALLOC_ENABLE=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=17179869184
java -Xmx6g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -Drarec.profile="$work/trace.json" \
  -cp "$here/target/rarec.jar:$here/target/lib/*" dev.rarec.bench.TrainingThroughput ml-1m lrurec "$windows" 42 "$here/../shared/data" "$work/probe" | grep '^{'
steps=$(( (windows + 127) / 128 - 2 ))
cd "$here" && python3 scripts/torch_profile.py "$work/trace.json" --steps "$steps" --json "$out" --command "scripts/profile-ml1m-step.sh $*"
