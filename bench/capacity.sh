#!/usr/bin/env bash
# The capacity command: what one injector machine holds. Builds the project, then runs each
# experiment (a `serve` JVM and a Gatling JVM on loopback, bounded in time) at least three times,
# and rewrites the generated part of docs/benchmarks.md and its plots in docs/capacity/.
# docs/benchmarks.md says what each experiment measures. About an hour on 2 cores.
#
#   bash bench/capacity.sh                     everything, 3 runs a setting
#   bash bench/capacity.sh --quick --runs 1    small populations, to try the command (minutes)
#   bash bench/capacity.sh --only fanout,connects
#   bash bench/capacity.sh --write-only        rewrite the page from docs/capacity/results.json
#
# Linux only (it reads /proc; heaps are read through the attach API). Stops every process it started by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."

ulimit -n 65536 2>/dev/null || echo "capacity: could not raise the open-file limit ($(ulimit -n)); large runs may stop early" >&2
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/capacity/classpath.txt
cp="target/test-classes:target/classes:$(cat target/capacity/classpath.txt)"
exec java -Xmx512m -Djava.awt.headless=true -cp "$cp" dev.godotload.bench.capacity.CapacityCommand "$@"
