#!/usr/bin/env bash
# Builds the "before" side of `rarec bench-training` and `rarec bench-serve --baseline-classpath`: the tree of
# a given commit, plus this checkout's TrainingThroughput probe (so that both sides of bench-training run the
# same workload code; bench-serve runs the baseline's own `rarec serve`), as target/rarec.jar + target/lib.
# Usage: scripts/build-baseline.sh <commit> <folder outside the repository>
# Prints the classpath to pass as --baseline-classpath.
set -euo pipefail
commit="$1"
dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$dir"
mkdir -p "$dir"
git -C "$here" archive "$commit" | tar -x -C "$dir"
mkdir -p "$dir/src/main/java/dev/rarec/bench"
cp "$here/src/main/java/dev/rarec/bench/TrainingThroughput.java" "$dir/src/main/java/dev/rarec/bench/"
(cd "$dir" && mvn -q -B -Dmaven.test.skip=true package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib >&2)
echo "$dir/target/rarec.jar:$dir/target/lib/*"
