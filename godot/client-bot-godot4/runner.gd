extends Node
## End-to-end check of a godot-load game server (contract.md) with real Godot 4 clients: N bots
## (bot.gd) in this engine, each its own peer, run the checks below and print one PASS/FAIL line
## each, then "RESULT: PASS" or "RESULT: FAIL". Exit code 0 only if every check passed; 1 on a
## failed check or the timeout; 2 on bad options.
##
##   godot --headless --path godot/client-bot-godot4 -- --url ws://127.0.0.1:9080
##   java -jar target/godot-load.jar godot4 godot/client-bot-godot4 -- --url ws://127.0.0.1:9080
##
## Options: --url URL (required), --bots N (3; 2 to 16), --timeout SECONDS (30), --props P (the
## server's prop count, 1000), --stress-mode on|off (what the server runs: on rebroadcasts chat to
## everyone, off to the sender only), --lines N (chat lines per bot, 5), --engine-stats
## optional|required (whether fps, process_msec, memory_static and frame_max_msec must be in receive_stats; a Java
## server has no frames).
##
## Checks: connect (ids, ADD_PEER of every other bot); chat round trip (each sender's own copy, in
## order) and fan-out (every other bot gets every line, in order, exactly once), the 1,024-byte
## limit; merges applied (edit_applied, versions increasing) and world_changed to every other
## bot, never to the sender; merges rejected (unknown prop, too few, too many, listed twice,
## duplicate op_id) in the server's words; request_state read back equal to the state before plus
## the bots' merges; a pose relayed to every other bot, not back; receive_stats with every
## contract key; nothing from anyone but the server. Engine errors logged in this engine (a wrong
## CONFIRM_PATH or md5 from a server shows only that way) fail the run where Godot has Logger
## (4.5+); the output also carries them as "ERROR:" lines for a harness to catch.

const Bot := preload("res://bot.gd")
const STATS_KEYS := ["peers", "packets_in", "packets_out", "bytes_in", "bytes_out", "world_version", "uptime_msec"]
const ENGINE_STATS_KEYS := ["fps", "process_msec", "memory_static", "frame_max_msec"]
const USAGE := "usage: ... -- --url ws://HOST:PORT [--bots N] [--timeout SECONDS] [--props P] [--stress-mode on|off] [--lines N] [--engine-stats optional|required]"
const STEP_SECS := 10.0      # how long one step may wait for its answers

var opts := {
	"url": "",
	"bots": 3,
	"timeout": 30.0,
	"props": 1000,
	"stress-mode": "on",
	"lines": 5,
	"engine-stats": "optional",
}
var bots: Array = []
var passed := 0
var failed := 0
var done := false
var error_logger = null      # error_logger.gd where the engine has Logger (4.5+)
var step := "start"          # the step running, for the timeout's message
var _marker := 0


func _ready() -> void:
	RenderingServer.render_loop_enabled = false   # the bots draw nothing
	var err := _parse_args(OS.get_cmdline_user_args())
	if err != "":
		printerr("client-bot-godot4: %s (%s)" % [err, USAGE])
		get_tree().quit(2)
		return
	if ClassDB.class_exists("Logger"):
		error_logger = load("res://error_logger.gd").new()
		OS.call("add_logger", error_logger)
	print("client-bot-godot4: %d bots against %s, stress mode %s, %d props, timeout %s s, Godot %s" % [
		opts.bots, opts.url, opts["stress-mode"], opts.props, str(opts.timeout), Engine.get_version_info().string])
	get_tree().create_timer(opts.timeout).timeout.connect(_on_timeout)
	for i in range(opts.bots):
		var b := Bot.new()
		b.name = "Bot%d" % i
		add_child(b)
		if b.setup(opts.url) != OK:
			_check("bot%d: create_client(%s)" % [i, opts.url], false, "create_client failed")
		bots.append(b)
	_run()


func _parse_args(args: PackedStringArray) -> String:
	var i := 0
	while i < args.size():
		var a := args[i]
		i += 1
		if not a.begins_with("--"):
			return "unexpected argument '%s'" % a
		var key := a.substr(2)
		var value := ""
		var eq := key.find("=")
		if eq >= 0:
			value = key.substr(eq + 1)
			key = key.substr(0, eq)
		elif i < args.size():
			value = args[i]
			i += 1
		else:
			return "option --%s needs a value" % key
		match key:
			"url":
				if not (value.begins_with("ws://") or value.begins_with("wss://")):
					return "--url must be a ws:// or wss:// URL, got '%s'" % value
				opts.url = value
			"bots":
				if not value.is_valid_int() or value.to_int() < 2 or value.to_int() > 16:
					return "--bots must be a number from 2 to 16 (fan-out needs two), got '%s'" % value
				opts.bots = value.to_int()
			"timeout":
				if not value.is_valid_float() or value.to_float() <= 0:
					return "--timeout must be a number of seconds > 0, got '%s'" % value
				opts.timeout = value.to_float()
			"props":
				if not value.is_valid_int() or value.to_int() < 50:
					return "--props must be the server's prop count, at least 50 for these checks, got '%s'" % value
				opts.props = value.to_int()
			"stress-mode":
				if value != "on" and value != "off":
					return "--stress-mode must be on or off, got '%s'" % value
				opts["stress-mode"] = value
			"lines":
				if not value.is_valid_int() or value.to_int() < 1 or value.to_int() > 1000:
					return "--lines must be a number from 1 to 1000, got '%s'" % value
				opts.lines = value.to_int()
			"engine-stats":
				if value != "optional" and value != "required":
					return "--engine-stats must be optional or required, got '%s'" % value
				opts["engine-stats"] = value
			_:
				return "unknown option --%s" % key
	if opts.url == "":
		return "--url is required"
	return ""


func _run() -> void:
	var n := bots.size()
	step = "connect"
	await _wait(func() -> bool: return _all_connected() or _any_failed())
	var ok := _all_connected()
	var ids := []
	for b in bots:
		ids.append(b.id)
	_check("connect: %d bots connected, peer ids %s" % [n, str(ids)], ok, "connected: %s" % str(_connected_labels()))
	if not ok:
		await _finish()
		return
	# server relay on: the server announces every other client to each one (SYS ADD_PEER)
	ok = await _wait(_all_know_each_other)
	_check("connect: every bot was told about the server and the %d other bots (ADD_PEER)" % (n - 1), ok, _peer_tables())
	step = "chat"
	await _chat()
	step = "world"
	await _world()
	step = "avatars"
	await _avatars()
	step = "stats"
	await _stats()
	_check("nothing arrived from anyone but the server, and no server -> client call was missing its mode",
			_no_unexpected(), _unexpected_dump())
	await _finish()


# --- chat ----------------------------------------------------------------------------------

func _stress() -> bool:
	return opts["stress-mode"] == "on"


func _line_text(i: int, seq: int) -> String:
	return "bot%d line %d: ünïcödé ✓" % [i, seq]


func _chat() -> void:
	var lines: int = opts.lines
	var t0 := Time.get_ticks_usec()
	for seq in range(1, lines + 1):
		for i in range(bots.size()):
			_send(bots[i], "Chat", "send_message", [_line_text(i, seq), t0 + seq, seq])
	var ok: bool = await _wait(_chat_complete.bind(lines))
	var rt_ok := ok
	var rt_detail := ""
	for i in range(bots.size()):
		var own := _lines_from(bots[i], bots[i].id)
		var want := []
		for seq in range(1, lines + 1):
			want.append([bots[i].id, _line_text(i, seq), t0 + seq, seq])
		if not _same(own, want):
			rt_ok = false
			rt_detail = "bot%d got its own lines as %s" % [i, str(own)]
	_check("chat: round trip - each bot got its own %d lines back once, in order, fields copied" % lines, rt_ok, rt_detail)
	var fan_ok := ok
	var fan_detail := ""
	for j in range(bots.size()):
		for i in range(bots.size()):
			if i == j:
				continue
			var got := _lines_from(bots[j], bots[i].id)
			var want := []
			if _stress():
				for seq in range(1, lines + 1):
					want.append([bots[i].id, _line_text(i, seq), t0 + seq, seq])
			if not _same(got, want):
				fan_ok = false
				fan_detail = "bot%d got bot%d's lines as %s" % [j, i, str(got)]
	if _stress():
		_check("chat: fan-out - every bot got every other bot's %d lines once each, in order" % lines, fan_ok, fan_detail)
	else:
		ok = await _round_trips()
		_check("chat: stress mode off - no bot got another bot's lines", ok and fan_ok, fan_detail)

	# the text limit: 1,024 UTF-8 bytes are delivered, 1,025 are dropped and the sender stays
	var b1: Bot = bots[1]
	var limit := ""
	for k in range(512):
		limit += "é"   # 2 UTF-8 bytes each
	var too_long := "x".repeat(1025)
	_send(b1, "Chat", "send_message", [limit, t0, lines + 1])
	_send(b1, "Chat", "send_message", [too_long, t0, lines + 2])
	ok = await _round_trips()
	var everyone := bots if _stress() else [b1]
	var limit_ok := ok
	for b in everyone:
		if _count_seq(b, b1.id, lines + 1) != 1:
			limit_ok = false
	_check("chat: a 1,024-byte text (512 x 'é') is delivered", limit_ok, "")
	var none := true
	for b in bots:
		if _count_seq(b, b1.id, lines + 2) != 0:
			none = false
	_check("chat: a 1,025-byte text is dropped, nothing sent, the sender stays connected",
			ok and none and not b1.server_gone, "")


func _chat_complete(lines: int) -> bool:
	for j in range(bots.size()):
		for i in range(bots.size()):
			if i != j and not _stress():
				continue
			if _lines_from(bots[j], bots[i].id).size() < lines:
				return false
	return true


# receive_message args from one sender, ignoring the markers and the limit texts
func _lines_from(b: Bot, sender: int) -> Array:
	var out := []
	for m in b.got("receive_message"):
		if m[0] == sender and m[3] <= opts.lines:
			out.append(m)
	return out


func _count_seq(b: Bot, sender: int, seq: int) -> int:
	var c := 0
	for m in b.got("receive_message"):
		if m[0] == sender and m[3] == seq:
			c += 1
	return c


# Every bot sends a marker line and waits for its own copy. The server handles one peer's calls
# in order and writes to one socket in order, so whatever it sent this bot before handling the
# marker has arrived when the marker's copy does.
func _round_trips() -> bool:
	_marker += 1
	var seq := 1000000 + _marker
	for b in bots:
		_send(b, "Chat", "send_message", ["marker %d" % _marker, Time.get_ticks_usec(), seq])
	return await _wait(func() -> bool:
		for b in bots:
			if _count_seq(b, b.id, seq) < 1:
				return false
		return true)


# --- world ---------------------------------------------------------------------------------

func _op_id(b: Bot, k: int) -> int:
	return (b.id << 20) + k   # unique per client run, as contract.md suggests


func _world() -> void:
	var n := bots.size()
	var b0: Bot = bots[0]
	var b1: Bot = bots[1]
	var last: Bot = bots[n - 1]
	var props: int = opts.props
	_send(b0, "World", "request_state", [])
	var ok: bool = await _wait(func() -> bool: return b0.got("receive_state").size() >= 1)
	var before = b0.got("receive_state")[0] if ok else null
	_check("world: request_state -> receive_state(version, groups)", ok and _state_shape_ok(before), str(before))
	if not ok or not _state_shape_ok(before):
		return
	var v0: int = before[0]

	# bot i glues [b+2i, b+2i+1]; then bot i > 0 glues [b+2i, b+2i-1], chaining all into one group
	# of 2n props; bot0 also glues a triple of its own. b is random so reruns on one server differ.
	var base := randi_range(1, props - 45)
	var merges := []   # [bot index, op_id, glued]
	for i in range(n):
		merges.append([i, _op_id(bots[i], 1), PackedInt32Array([base + 2 * i, base + 2 * i + 1])])
	for i in range(1, n):
		merges.append([i, _op_id(bots[i], 2), PackedInt32Array([base + 2 * i, base + 2 * i - 1])])
	merges.append([0, _op_id(b0, 2), PackedInt32Array([base + 42, base + 40, base + 41])])
	for m in merges:
		_send(bots[m[0]], "World", "merge_world", [m[1], m[2]])
	ok = await _wait(func() -> bool:
		for i in range(n):
			if bots[i].got("edit_applied").size() < 2:
				return false
		return true)
	var versions := {}    # op_id -> version
	var applied_ok := ok
	var detail := ""
	for i in range(n):
		var acks: Array = bots[i].got("edit_applied")
		var mine := []
		for m in merges:
			if m[0] == i:
				mine.append(m[1])
		if acks.size() != 2 or acks[0][0] != mine[0] or acks[1][0] != mine[1] or not (acks[0][1] < acks[1][1]) or acks[0][1] <= v0:
			applied_ok = false
			detail = "bot%d got %s for ops %s (version before %d)" % [i, str(acks), str(mine), v0]
		for a in acks:
			if versions.has(a[0]):
				applied_ok = false
			versions[a[0]] = a[1]
	var distinct := {}
	for op in versions:
		distinct[versions[op]] = true
	var vmax := v0
	for v in distinct:
		vmax = maxi(vmax, v)
	if distinct.size() != merges.size():
		applied_ok = false
		detail += " versions not distinct: %s" % str(versions)
	_check("world: %d merges applied, edit_applied(op_id, version) to each sender, versions increasing after %d" % [merges.size(), v0],
			applied_ok, detail)

	ok = await _round_trips()
	var wc_ok := ok
	var wc_detail := ""
	for j in range(n):
		var want := []
		for m in merges:
			if m[0] != j and versions.has(m[1]):
				want.append([versions[m[1]], bots[m[0]].id, m[2]])
		want.sort_custom(func(x, y): return x[0] < y[0])
		var got := []
		for w in bots[j].got("world_changed"):
			if w[1] in _bot_ids():
				got.append(w)
		if not _same(got, want):
			wc_ok = false
			wc_detail = "bot%d got %s, expected %s" % [j, str(got), str(want)]
	_check("world: world_changed(version, from_peer, glued) reached every other bot in version order, never the sender",
			wc_ok, wc_detail)

	# rejections, each in the server's words; nothing changes for them
	var rej := [
		[_op_id(last, 10), PackedInt32Array([props + 1, base]), "unknown prop %d (props are 1 to %d)" % [props + 1, props]],
		[_op_id(last, 11), PackedInt32Array([base]), "too few props: 1 (a merge glues 2 to 64)"],
		[_op_id(last, 12), PackedInt32Array(range(1, 66)), "too many props: 65 (a merge glues 2 to 64)"],
		[_op_id(last, 13), PackedInt32Array([base + 5, base + 6, base + 5]), "prop %d listed twice" % (base + 5)],
		[_op_id(last, 1), PackedInt32Array([base + 30, base + 31]), "duplicate op_id %d" % _op_id(last, 1)],
		[_op_id(last, 10), PackedInt32Array([base + 32, base + 33]), "duplicate op_id %d" % _op_id(last, 10)],
	]
	for r in rej:
		_send(last, "World", "merge_world", [r[0], r[1]])
	ok = await _wait(func() -> bool: return last.got("edit_rejected").size() >= rej.size())
	var rt: bool = await _round_trips()
	ok = ok and rt
	var got_rej: Array = last.got("edit_rejected")
	for k in range(rej.size()):
		var r: Array = rej[k]
		var match_ok := ok and k < got_rej.size() and _same(got_rej[k], [r[0], r[2]])
		_check("world: edit_rejected(%d, \"%s\")" % [r[0], r[2]], match_ok,
				"got %s" % (str(got_rej[k]) if k < got_rej.size() else "nothing"))
	var nothing_changed := ok and got_rej.size() == rej.size() and last.got("edit_applied").size() == 2
	for b in bots:
		var own_wc := 0
		for w in b.got("world_changed"):
			if w[1] in _bot_ids():
				own_wc += 1
		if own_wc != _count_merges_not_by(b):
			nothing_changed = false
	_check("world: the %d refused merges changed nothing (no edit_applied, no world_changed)" % rej.size(), nothing_changed, "")

	# read back: the state before, plus the bots' merges
	_send(b1, "World", "request_state", [])
	ok = await _wait(func() -> bool: return b1.got("receive_state").size() >= 1)
	var after = b1.got("receive_state")[0] if ok else null
	var expected := _expected_groups(before[1], merges)
	var state_ok: bool = ok and _state_shape_ok(after) and after[0] == vmax and _same(after[1], expected)
	_check("world: request_state read back = the state at version %d plus the %d merges: version %d, %d groups (sorted PackedInt32Arrays, sorted by first id)" % [
			v0, merges.size(), vmax, expected.size()], state_ok,
			"got %s, expected version %d groups %s" % [str(after), vmax, str(expected)])


func _bot_ids() -> Array:
	var out := []
	for b in bots:
		out.append(b.id)
	return out


func _count_merges_not_by(_b: Bot) -> int:
	return 2 * (bots.size() - 1)   # every bot's two applied merges, except its own


func _state_shape_ok(state) -> bool:
	if typeof(state) != TYPE_ARRAY or state.size() != 2 or typeof(state[0]) != TYPE_INT or typeof(state[1]) != TYPE_ARRAY:
		return false
	var prev_first := -1
	for g in state[1]:
		if typeof(g) != TYPE_PACKED_INT32_ARRAY or g.size() < 2:
			return false
		for k in range(1, g.size()):
			if g[k - 1] >= g[k]:
				return false
		if g[0] <= prev_first:
			return false
		prev_first = g[0]
	return true


# The groups receive_state must carry: the groups before, then every merge glued in (union-find).
func _expected_groups(groups_before: Array, merges: Array) -> Array:
	var parent := {}
	var find := func(p: int) -> int:
		while parent.has(p):
			p = parent[p]
		return p
	var link := func(a: int, c: int) -> void:
		var ra: int = find.call(a)
		var rc: int = find.call(c)
		if ra != rc:
			parent[rc] = ra
	for g in groups_before:
		for k in range(1, g.size()):
			link.call(g[0], g[k])
	for m in merges:
		var glued: PackedInt32Array = m[2]
		for k in range(1, glued.size()):
			link.call(glued[0], glued[k])
	var members := {}
	var all := {}
	for g in groups_before:
		for p in g:
			all[p] = true
	for m in merges:
		for p in m[2]:
			all[p] = true
	for p in all:
		var r: int = find.call(p)
		if not members.has(r):
			members[r] = []
		members[r].append(p)
	var out := []
	for r in members:
		var list: Array = members[r]
		if list.size() < 2:
			continue
		list.sort()
		out.append(PackedInt32Array(list))
	out.sort_custom(func(x, y): return x[0] < y[0])
	return out


# --- avatars -------------------------------------------------------------------------------

func _avatars() -> void:
	var b0: Bot = bots[0]
	var pose := Transform3D(Basis(Vector3(0, 1, 0), 0.5), Vector3(1.5, -2.0, 3.25))
	var t1 := Time.get_ticks_usec()
	_send(b0, "Avatars", "update_pose", [pose, t1])
	var ok: bool = await _wait(func() -> bool:
		for k in range(1, bots.size()):
			if bots[k].got("pose_changed").size() < 1:
				return false
		return true)
	var rt: bool = await _round_trips()
	ok = ok and rt
	var relay_ok := ok and b0.got("pose_changed").is_empty()
	var detail := "bot0 got %s" % str(b0.got("pose_changed"))
	for k in range(1, bots.size()):
		if not _same(bots[k].got("pose_changed"), [[b0.id, pose, t1]]):
			relay_ok = false
			detail = "bot%d got %s, expected %s" % [k, str(bots[k].got("pose_changed")), str([[b0.id, pose, t1]])]
	_check("avatars: pose_changed(peer, pose, sent_usec) relayed to the %d other bots, not back to the sender" % (bots.size() - 1),
			relay_ok, detail)


# --- stats ---------------------------------------------------------------------------------

func _stats() -> void:
	var last: Bot = bots[bots.size() - 1]
	_send(last, "Stats", "request_stats", [])
	var ok: bool = await _wait(func() -> bool: return last.got("receive_stats").size() >= 1)
	var s: Dictionary = last.got("receive_stats")[0][0] if ok else {}
	var missing := []
	for k in STATS_KEYS:
		if not s.has(k) or typeof(s[k]) != TYPE_INT:
			missing.append(k)
	_check("stats: receive_stats has %s, each an int" % ", ".join(STATS_KEYS), ok and missing.is_empty(),
			"missing or not an int: %s in %s" % [str(missing), str(s)])
	if not ok or not missing.is_empty():
		return
	_check("stats: peers >= %d, packets and bytes in and out > 0, uptime_msec > 0" % bots.size(),
			s.peers >= bots.size() and s.packets_in > 0 and s.packets_out > 0 and s.bytes_in > 0
			and s.bytes_out > 0 and s.uptime_msec > 0, str(s))
	var engine_keys := []
	for k in ENGINE_STATS_KEYS:
		if s.has(k):
			engine_keys.append("%s=%s" % [k, str(s[k])])
	if opts["engine-stats"] == "required":
		_check("stats: engine vitals fps > 0, process_msec >= 0, memory_static >= 0, frame_max_msec > 0",
				s.has("fps") and s.has("process_msec") and s.has("memory_static") and s.has("frame_max_msec")
				and s.fps > 0 and s.process_msec >= 0 and s.memory_static >= 0 and s.frame_max_msec > 0, str(s))
	print("client-bot-godot4: stats %s (engine vitals: %s)" % [str(s), ", ".join(engine_keys) if engine_keys.size() > 0 else "none"])


# --- helpers -------------------------------------------------------------------------------

func _send(bot: Bot, node: String, method: String, args: Array) -> void:
	var err := bot.call_server(node, method, args)
	if err != OK:
		_check("%s: rpc_id(1, %s) on Main/%s" % [bot.label, method, node], false, "error %d" % err)


func _check(what: String, ok: bool, detail: String) -> void:
	if done:
		return
	if ok:
		passed += 1
		print("PASS: " + what)
	else:
		failed += 1
		if detail != "":
			print("FAIL: %s -- %s" % [what, detail])
		else:
			print("FAIL: " + what)


# Waits until cond.call() is true or STEP_SECS pass; yields at least one frame.
func _wait(cond: Callable, secs: float = STEP_SECS) -> bool:
	await get_tree().process_frame
	var deadline := Time.get_ticks_msec() + int(secs * 1000)
	while not cond.call():
		if Time.get_ticks_msec() > deadline or done:
			return false
		await get_tree().process_frame
	return true


func _all_connected() -> bool:
	for b in bots:
		if not b.connected:
			return false
	return true


func _any_failed() -> bool:
	for b in bots:
		if b.failed:
			return true
	return false


func _connected_labels() -> Array:
	var out := []
	for b in bots:
		out.append("%s=%s" % [b.label, "connected" if b.connected else ("failed" if b.failed else "waiting")])
	return out


func _all_know_each_other() -> bool:
	for b in bots:
		if not b.peers.has(1):
			return false
		for o in bots:
			if o != b and not b.peers.has(o.id):
				return false
	return true


func _peer_tables() -> String:
	var out := []
	for b in bots:
		out.append("%s(%d) knows %s" % [b.label, b.id, str(b.peers.keys())])
	return str(out)


func _no_unexpected() -> bool:
	for b in bots:
		if not b.unexpected().is_empty():
			return false
	return true


func _unexpected_dump() -> String:
	var out := []
	for b in bots:
		if not b.unexpected().is_empty():
			out.append("%s: %s" % [b.label, str(b.unexpected())])
	return str(out)


# Deep equality that also compares types (1 != 1.0, PackedInt32Array != Array).
func _same(a, b) -> bool:
	if typeof(a) != typeof(b):
		return false
	match typeof(a):
		TYPE_ARRAY, TYPE_PACKED_INT32_ARRAY:
			if a.size() != b.size():
				return false
			for i in range(a.size()):
				if not _same(a[i], b[i]):
					return false
			return true
		TYPE_DICTIONARY:
			if a.size() != b.size():
				return false
			for k in a:
				if not b.has(k) or not _same(a[k], b[k]):
					return false
			return true
	return a == b


func _on_timeout() -> void:
	if done:
		return
	_check("finished within %s s" % str(opts.timeout), false, "timed out during the %s step; bots: %s" % [step, str(_connected_labels())])
	_finish()


func _finish() -> void:
	if done:
		return
	if error_logger != null:
		var snap: Array = error_logger.snapshot()
		_check("no engine error logged in this engine (a wrong CONFIRM_PATH or md5 from the server would show here)",
				snap[0] == 0, "%d errors, first: %s" % [snap[0], str(snap[1])])
	var result := "PASS" if failed == 0 and passed > 0 else "FAIL"
	print("SUMMARY: %d passed, %d failed" % [passed, failed])
	print("RESULT: " + result)
	done = true
	for b in bots:
		b.close()
	await get_tree().create_timer(0.3).timeout
	get_tree().quit(0 if result == "PASS" else 1)
