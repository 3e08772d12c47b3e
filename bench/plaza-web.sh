#!/usr/bin/env bash
# What the real Godot 4.6 engine (web template, one thread, in headless Chromium) holds as a plaza
# server: PlazaSimulation against godot/plaza-godot4 at growing populations, 10 synchronizer frames a
# second, 20 s each. Prints one table row per population; paste it into docs/benchmarks.md.
# Usage: bash bench/plaza-web.sh [N ...]   (default 8 16 24 32 48)
set -u
cd "$(dirname "$0")/.."
populations=("$@")
[ ${#populations[@]} -eq 0 ] && populations=(8 16 24 32 48)
./mvnw -q -B -o package -DskipTests >/dev/null || ./mvnw -q -B package -DskipTests >/dev/null || exit 1
echo "| players | SYNC copies expected | delivered | sync fan-out p99 (ms) | spawn p99 (ms) | engine errors |"
echo "|---|---|---|---|---|---|"
for n in "${populations[@]}"; do
  log=$(mktemp)
  timeout 900 ./mvnw -q -B -o gatling:test -Dgatling.simulationClass=dev.godotload.simulations.PlazaSimulation \
      -Dgodot.target=godot4-web -Dload.users="$n" -Dload.ramp=5s -Dload.session=20s -Dload.sync.p99Ms=600000 \
      -Dload.spawn.p99Ms=600000 -Dload.despawn.p99Ms=600000 >"$log" 2>&1
  ratio=$(grep -o 'delivery ratio [0-9.]*%: [0-9,]* of [0-9,]*' "$log" | head -1)
  expected=$(echo "$ratio" | sed -E 's/.* of ([0-9,]*)$/\1/')
  delivered=$(echo "$ratio" | sed -E 's/delivery ratio ([0-9.]*%).*/\1/')
  sync=$(grep -o 'sync fan-out: 99th percentile[^(]*(actual : [0-9.]*' "$log" | grep -o '[0-9.]*$')
  spawn=$(grep -o '^spawn: 99th percentile[^(]*(actual : [0-9.]*' "$log" | grep -o '[0-9.]*$')
  errors=$(grep -o 'godot-load: engine errors: [0-9]*' "$log" | grep -o '[0-9]*$')
  echo "| $n | ${expected:-?} | ${delivered:-?} | ${sync:-?} | ${spawn:-?} | ${errors:-?} |"
  rm -f "$log"
done
