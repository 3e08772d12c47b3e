#!/usr/bin/env bash
# Self-test of the Godot 3 server with the real engine (Debian godot3-server 3.2.3), loopback only.
#
#   bash godot/server-godot3/tests/run.sh [OUTDIR]
#
# Three phases, each one server process + one bot process (3 Godot clients in it):
#   main    server --stress-mode on --world-log W (fresh)     bot --phase main
#   replay  server restarted on the same W                    bot --phase replay --bots 1
#   off     server --stress-mode off --props 50               bot --phase off
# Every server has --lifetime and is stopped by its own PID; every bot has its own --timeout
# and an outer `timeout`. Logs go to OUTDIR (default: a new temp directory). Then the logs are
# checked for engine errors: none at all in main and replay; in off exactly the refusals the
# test provokes. Exit status 0 only if every phase passed and the logs are clean.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER_DIR="$(cd "$HERE/.." && pwd)"
BOT_DIR="$HERE/bot"
OUT="${1:-$(mktemp -d /tmp/godot3-selftest.XXXXXX)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
GODOT="${GODOT:-godot3-server}"
BOT_TIMEOUT=30            # the bot's own bound; the outer `timeout` is a little longer
SERVER_LIFETIME=60        # a server outlives its bot; run.sh stops it earlier by PID

command -v "$GODOT" >/dev/null || { echo "run.sh: $GODOT not found (apt-get install -y godot3-server)" >&2; exit 2; }
# Godot reads its locale from LANG ("C" gives two ERROR lines) and writes user:// under HOME.
export LANG=en_US.UTF-8
export HOME="$OUT/home"
mkdir -p "$HOME"

# A port the OS says is free (--port 0 cannot work: Godot 3.2 cannot report the port it got).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 40000))
}

SPID=""
stop_server() {
  if [ -n "$SPID" ] && kill -0 "$SPID" 2>/dev/null; then
    kill "$SPID"
    for _ in $(seq 1 50); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SPID" 2>/dev/null && kill -9 "$SPID"
  fi
  [ -n "$SPID" ] && wait "$SPID" 2>/dev/null
  SPID=""
}
trap stop_server EXIT

# start_server LOG ARGS... : starts it in the background, waits for "listening on ws://..."
start_server() {
  local log="$1"; shift
  "$GODOT" --path "$SERVER_DIR" -- --lifetime "$SERVER_LIFETIME" "$@" > "$log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    URL=$(grep -o 'listening on ws://[^ ]*' "$log" | head -1 | sed 's/^listening on //')
    [ -n "$URL" ] && return 0
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: the server did not start; its log:" >&2
  cat "$log" >&2
  return 1
}

run_bot() {   # run_bot LOG ARGS...
  local log="$1"; shift
  timeout $((BOT_TIMEOUT + 10)) "$GODOT" --path "$BOT_DIR" -- --url "$URL" --timeout "$BOT_TIMEOUT" "$@" > "$log" 2>&1
  local rc=$?
  grep -E '^(PASS|FAIL|SUMMARY)' "$log"
  return $rc
}

# error_lines LOG: the engine's error lines (Godot prints "ERROR: ..." and "SCRIPT ERROR: ...")
error_lines() {
  grep -E '(^|[^A-Z_])(SCRIPT ERROR|ERROR):' "$1"
}

STATUS=0
fail() { echo "FAIL: $*"; STATUS=1; }
pass() { echo "PASS: $*"; }

# --- phase main -------------------------------------------------------------------------------
WORLD_LOG="$OUT/world.log"
rm -f "$WORLD_LOG" "$OUT/state.var"
PORT=$(free_port)
echo "== phase main (server on port $PORT, logs in $OUT)"
if start_server "$OUT/server-main.log" --port "$PORT" --world-log "$WORLD_LOG"; then
  run_bot "$OUT/bot-main.log" --phase main --state-file "$OUT/state.var" || STATUS=1
  sleep 0.5
  stop_server
  n=$(grep -cE '^peer [0-9]+ connected' "$OUT/server-main.log")
  d=$(grep -cE '^peer [0-9]+ disconnected' "$OUT/server-main.log")
  [ "$n" -eq 3 ] && [ "$d" -eq 3 ] && pass "server log: one line per connect (3) and disconnect (3)" \
    || fail "server log: $n connect and $d disconnect lines, expected 3 and 3"
  lines=$(wc -l < "$WORLD_LOG")
  [ "$lines" -eq 6 ] && pass "world log: one line per applied merge (6)" || fail "world log has $lines lines, expected 6"
else
  STATUS=1; stop_server
fi

# --- phase replay -----------------------------------------------------------------------------
PORT=$(free_port)
echo "== phase replay (server on port $PORT)"
# as if the server had been killed in the middle of writing a 7th line: no "\n" at its end
printf '7 12345 99 7,8' >> "$WORLD_LOG"
if start_server "$OUT/server-replay.log" --port "$PORT" --world-log "$WORLD_LOG"; then
  grep -q "dropped an incomplete last line" "$OUT/server-replay.log" \
    && pass "server: dropped the torn last line of the world log (a merge never acknowledged)" \
    || fail "server: did not report the torn last line of the world log"
  grep -q "world log $WORLD_LOG at version 6" "$OUT/server-replay.log" \
    && pass "server: replayed the world log to version 6 before listening" \
    || fail "server: the start line does not say 'world log $WORLD_LOG at version 6'"
  run_bot "$OUT/bot-replay.log" --phase replay --bots 1 --state-file "$OUT/state.var" || STATUS=1
  sleep 0.5
  stop_server
  [ "$(tail -1 "$WORLD_LOG")" = "7 $(grep -oE '^peer [0-9]+ connected' "$OUT/server-replay.log" | head -1 | cut -d' ' -f2) 1 500,501" ] \
    && pass "world log: the torn line is gone and the replay phase's merge is line 7" \
    || { fail "world log: unexpected content after the replay phase:"; tail -3 "$WORLD_LOG"; }
else
  STATUS=1; stop_server
fi

# --- phase off --------------------------------------------------------------------------------
PORT=$(free_port)
echo "== phase off (server on port $PORT)"
if start_server "$OUT/server-off.log" --port "$PORT" --stress-mode off --props 50; then
  grep -q "(stress mode off, 50 props)" "$OUT/server-off.log" && pass "server: start line says stress mode off, 50 props" \
    || fail "server: start line"
  run_bot "$OUT/bot-off.log" --phase off || STATUS=1
  sleep 0.5
  stop_server
else
  STATUS=1; stop_server
fi

# --- engine error lines -----------------------------------------------------------------------
for f in server-main bot-main server-replay bot-replay; do
  if [ -f "$OUT/$f.log" ] && error_lines "$OUT/$f.log" >/dev/null; then
    fail "$f.log has engine error lines:"; error_lines "$OUT/$f.log"
  else
    pass "$f.log: no SCRIPT ERROR / ERROR lines"
  fi
done
REFUSAL="RPC '(receive_message|edit_applied|world_changed|pose_changed|receive_stats)' is not allowed on node"
# server: exactly the 5 refusals of the calls bot0 made on the server's puppet methods
s_all=$(error_lines "$OUT/server-off.log" | wc -l)
s_ok=$(error_lines "$OUT/server-off.log" | grep -cE "$REFUSAL /root/Main/(Chat|World|Avatars|Stats) from: [0-9]+\. Mode is 3, master is 1\.")
[ "$s_all" -eq 5 ] && [ "$s_ok" -eq 5 ] && pass "server-off.log: exactly the 5 expected engine refusals, no other error lines" \
  || { fail "server-off.log: $s_all error lines, $s_ok of them the expected refusals (want 5 and 5)"; error_lines "$OUT/server-off.log"; }
# bot: exactly the 1 refusal of the receive_message bot0 faked to bot1 through the relay
b_all=$(error_lines "$OUT/bot-off.log" | wc -l)
b_ok=$(error_lines "$OUT/bot-off.log" | grep -cE "RPC 'receive_message' is not allowed on node /root/SelfTest/bot1/Main/Chat from: [0-9]+\. Mode is 3, master is 1\.")
[ "$b_all" -eq 1 ] && [ "$b_ok" -eq 1 ] && pass "bot-off.log: exactly the 1 expected refusal (faked receive_message), no other error lines" \
  || { fail "bot-off.log: $b_all error lines, $b_ok of them the expected refusal (want 1 and 1)"; error_lines "$OUT/bot-off.log"; }

echo "== logs: $OUT"
if [ $STATUS -eq 0 ]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; fi
exit $STATUS
