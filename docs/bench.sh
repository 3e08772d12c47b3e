#!/usr/bin/env bash
# JMH benchmarks of the wire codecs. Usage: bash docs/bench.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
# Compiles the test classes (JMH's annotation processor generates the harness), then runs
# org.openjdk.jmh.Main on the test classpath. Bounded: JMH stops after its iterations.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
    'dev.godotload.bench.*' "$@"
