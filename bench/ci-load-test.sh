#!/usr/bin/env bash
# One godot-load run the way a CI job wants it: run the simulation, find the report it wrote, turn
# the assertion results into a JUnit XML file, archive the report, and exit non-zero when the run
# failed. docs/ci.md explains each step. Linux (GNU find, tar, awk).
#
#   bash bench/ci-load-test.sh [more ./mvnw arguments, e.g. -Dload.users=200]
#
# Environment (all optional):
#   GODOT_URL      drive this server (-Dgodot.url); unset or empty: the embedded reference server
#   GODOT_VERSION  its Godot line (-Dgodot.version), e.g. 4.6 or 3
#   SIMULATION     the simulation class (-Dgatling.simulationClass); unset: ChatStressSimulation
#   CI_OUT         where this script's own files go (default target/ci)
#
# Leaves:
#   $CI_OUT/gatling-console.log     everything Maven and Gatling printed
#   $CI_OUT/assertions-junit.xml    one JUnit test case per Gatling assertion (always written)
#   target/gatling/<run>/           Gatling's HTML report (index.html), with a copy of the JUnit file
#   $CI_OUT/<run>.tar.gz            the report folder, archived
#
# Exit status: Maven's when it failed (an assertion failed, or the run broke); 1 when an assertion
# failed although Maven said 0 (-Dgatling.failOnError=false); 3 when Maven said 0 but the run left
# no report; else 0.
set -uo pipefail
cd "$(dirname "$0")/.."

out=${CI_OUT:-target/ci}
results=target/gatling
mkdir -p "$out"
log="$out/gatling-console.log"
junit="$out/assertions-junit.xml"
marker="$out/.run-started"
touch "$marker"

args=(-B gatling:test)
if [ -n "${GODOT_URL:-}" ]; then args+=("-Dgodot.url=$GODOT_URL"); fi
if [ -n "${GODOT_VERSION:-}" ]; then args+=("-Dgodot.version=$GODOT_VERSION"); fi
if [ -n "${SIMULATION:-}" ]; then args+=("-Dgatling.simulationClass=$SIMULATION"); fi
args+=("$@")

# 1. Run.
echo "ci-load-test: ./mvnw ${args[*]}" >&2
./mvnw "${args[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "ci-load-test: Maven exit status $status" >&2

# 2. This run's report folder: the newest folder under target/gatling made since this script
# started (Gatling names it <simulation in lower case>-<timestamp>).
report=""
if [ -d "$results" ]; then
    newest=$(find "$results" -mindepth 1 -maxdepth 1 -type d -newer "$marker" -printf '%T@ %p\n' \
        | sort -rn | head -n 1 | cut -d' ' -f2-)
    if [ -n "$newest" ] && [ -f "$newest/index.html" ]; then report="$newest"; fi
fi
if [ -n "$report" ]; then
    run=$(basename "$report")
    echo "ci-load-test: report $report/index.html" >&2
else
    run="no-report"
    echo "ci-load-test: this run left no report under $results/ (see $log)" >&2
fi

# 3. The assertions as JUnit XML. Gatling prints one line per assertion,
# '<assertion> : true (actual : <value>)' or '<assertion> : false (...)', and since 3.13.5 writes
# no JUnit file of its own: each line becomes a test case here, a failed one with what Gatling said.
# A run that failed before any assertion was checked becomes one failed test case, "the run".
awk -v run="$run" -v status="$status" -v reported="${report:+yes}" '
    function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s); return s }
    match($0, / : (true|false) \(.*\)$/) {
        name[++n] = substr($0, 1, RSTART - 1)
        rest = substr($0, RSTART + 3)
        ok[n] = (substr(rest, 1, 4) == "true")
        detail[n] = substr(rest, index(rest, "(") + 1); sub(/\)$/, "", detail[n])
        if (!ok[n]) failures++
    }
    /^godot-load: / { said = substr($0, 13) }
    END {
        broken = ((status != 0 && failures == 0) || reported != "yes")
        why = (status != 0 ? "Maven exited with " status : "no Gatling report was written")
        why = why (said != "" ? "; last godot-load line: " said : "") "; see gatling-console.log"
        printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        printf "<testsuite name=\"godot-load %s\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n", esc(run), n + broken, failures + broken
        for (i = 1; i <= n; i++) {
            printf "  <testcase classname=\"%s\" name=\"%s\">", esc(run), esc(name[i])
            if (ok[i]) printf "<system-out>%s</system-out>", esc(detail[i])
            else printf "<failure message=\"%s\"/>", esc(detail[i])
            printf "</testcase>\n"
        }
        if (broken) printf "  <testcase classname=\"%s\" name=\"the run\"><failure message=\"%s\"/></testcase>\n", esc(run), esc(why)
        printf "</testsuite>\n"
    }' "$log" > "$junit"
echo "ci-load-test: assertions as JUnit XML in $junit" >&2

# On GitHub Actions the assertions also go to the job's summary page.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
        echo "### godot-load: $run"
        echo
        echo "| assertion | result |"
        echo "|---|---|"
        grep -E ' : (true|false) \(.*\)$' "$log" | sed -E 's/\|/\\|/g; s/^(.*) : (true|false) \((.*)\)$/| \1 | \2 (\3) |/'
        echo
        echo '```'
        grep -E '^godot-load: ' "$log" | head -n 20
        echo '```'
    } >> "$GITHUB_STEP_SUMMARY"
fi

# 4. Archive the report, with the JUnit file beside its index.html.
if [ -n "$report" ]; then
    cp "$junit" "$report/assertions-junit.xml"
    tar -czf "$out/$run.tar.gz" -C "$results" "$run"
    echo "ci-load-test: archived as $out/$run.tar.gz" >&2
fi

# 5. The verdict. With -Dgatling.failOnError=false Maven says 0 even when an assertion failed.
if [ "$status" -eq 0 ] && [ -z "$report" ]; then exit 3; fi
if [ "$status" -eq 0 ] && grep -q '<failure ' "$junit"; then
    echo "ci-load-test: an assertion failed" >&2
    exit 1
fi
exit "$status"
