#!/usr/bin/env bash
# docs/vitals.png: a real chat run on the embedded reference server, then its vitals.html in headless
# Chromium. Usage: bash docs/vitals-screenshot.sh [more -D knobs for the run]. About a minute;
# Chromium is stopped by its PID and given 60 s at most.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q gatling:test -Dload.users=60 -Dload.ramp=20s -Dload.sentences=20 -Dload.interval=1s "$@"
page=$(ls -td target/gatling/chatstresssimulation-*/ | head -1)vitals.html
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/vitals.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/vitals.classpath)" dev.godotload.vitals.VitalsScreenshot \
    "$page" docs/vitals.png 1280 1500
