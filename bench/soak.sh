#!/usr/bin/env bash
# The soak: SoakSimulation (chat and merges at once, at a steady population) for 30 minutes against
# the embedded server, then against `serve` in its own JVM, with each JVM's heap after a forced full
# GC read every 10 s into heap.csv and heap.png next to the Gatling report (target/soak/<target>/).
# Exits 1 with one line when a JVM's heap is not flat or anything was lost; docs/benchmarks.md#soak
# says what is judged. A 30-minute soak also writes docs/soak/<target>.png and .csv.
#
#   bash bench/soak.sh                          both, 30 minutes each (about 70 minutes)
#   bash bench/soak.sh --minutes 5              a short try of the command
#   bash bench/soak.sh --only separate --users 300 --editors 30
#
# Linux only (the attach API, /proc). Stops every process it started by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/soak/classpath.txt
# the soak runs from a copy: a build in this tree meanwhile must not change the classes under it
app=target/soak/app
rm -rf "$app"
mkdir -p "$app"
cp -r target/classes target/test-classes "$app"/
cp target/godot-load.jar "$app"/
cp="$app/test-classes:$app/classes:$(cat target/soak/classpath.txt)"
exec java -Xmx256m -Djava.awt.headless=true -Dsoak.jar="$app/godot-load.jar" -cp "$cp" \
    dev.godotload.bench.soak.SoakCommand "$@"
