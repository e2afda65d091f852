#!/usr/bin/env bash
# Times `./rarec quickstart` exactly as the README runs it, on fresh clones: for each of N runs, a new
# `git clone` of <commit> into <work>/run-i/rarec beside a `shared` link to this checkout's ../shared (so the
# clone finds its data at ../shared/data, as the README says), then `./rarec quickstart` under
# /usr/bin/time -v (wall seconds, peak RSS), the first run of the launcher included (it builds the jar).
# Collects each run's stage timings (<clone>/rarec-home/runs/quickstart-timing.json) and the load average
# at start and end into <out> with scripts/quickstart_timing.py.
#
# Usage: scripts/time-quickstart.sh [commit (default HEAD)] [runs (default 3)] [out (default docs/results/quickstart-timing.json)]
# Environment: QS_WORK (default /tmp/rarec-qs-runs) holds the clones; QS_NICE (default 0) runs the
# quickstart under `nice -n QS_NICE` (for a trial on a shared machine; the figures are then not the evidence).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit="$(git -C "$here" rev-parse "${1:-HEAD}")"
runs="${2:-3}"
out="${3:-$here/docs/results/quickstart-timing.json}"
work="${QS_WORK:-/tmp/rarec-qs-runs}"
nice_level="${QS_NICE:-0}"
shared="$(cd "$here/.." && pwd)/shared"
[ -d "$shared/data" ] || { echo "time-quickstart: no data at $shared/data" >&2; exit 1; }
dirs=()
for i in $(seq 1 "$runs"); do
  dir="$work/run-$i"
  rm -rf "$dir"
  mkdir -p "$dir"
  ln -s "$shared" "$dir/shared"
  git clone -q "$here" "$dir/rarec"
  git -C "$dir/rarec" checkout -q "$commit"
  echo "time-quickstart: run $i/$runs of $commit in $dir" >&2
  cut -d' ' -f1-3 /proc/loadavg > "$dir/loadavg-start"
  (cd "$dir/rarec" && env -u RAREC_DATA -u RAREC_JAVA_OPTS nice -n "$nice_level" \
      /usr/bin/time -v -o "$dir/time.txt" ./rarec quickstart > "$dir/quickstart.log" 2>&1) \
    || { echo "time-quickstart: run $i failed; see $dir/quickstart.log" >&2; exit 1; }
  cut -d' ' -f1-3 /proc/loadavg > "$dir/loadavg-end"
  grep "^Done in" "$dir/quickstart.log" >&2 || true
  dirs+=("$dir")
done
python3 "$here/scripts/quickstart_timing.py" collect --commit "$commit" --nice "$nice_level" --out "$out" \
  --command "scripts/time-quickstart.sh $* (QS_NICE=$nice_level)" "${dirs[@]}"
