extends Node
# /root/Main/World: props 1..P in glue groups (union-find), a version raised by every applied
# merge, an optional append-only log that is replayed at start.
#
# RPC keywords: `remote` for the client -> server calls (merge_world, request_state), `puppet`
# for the server -> client ones, so a client calling those on the server is refused by the
# engine (see the comment at the top of chat.gd for why puppet).

const MIN_GLUED = 2
const MAX_GLUED = 64

var props = 1000
var version = 0
var log_path = ""          # absolute path of the world log, "" = none
var applied = 0            # merges acknowledged since start (replayed ones not counted)
var rejected = 0           # merges refused with edit_rejected

# Union-find over the props that were ever glued: a prop missing from _parent is its own root.
var _parent = {}           # prop -> parent prop
var _members = {}          # root -> Array of the props in its group (only groups of 2 or more)
var _op_ids = {}           # peer id -> {op_id: true}, for the duplicate check; cleared when it leaves
var _state_cache = null    # groups as receive_state sends them, until the next merge
var _log_failure = ""      # why the world log failed; once set, every merge is refused

onready var main = get_parent()


# Called by main.gd before the server listens. Returns "" or what is wrong.
func configure(prop_count, world_log):
	props = prop_count
	if world_log == "":
		return ""
	log_path = _absolute(world_log)
	return _replay()


# client -> server: "merge my changed world": the user glued these props together.
remote func merge_world(op_id, glued):
	var from = get_tree().get_rpc_sender_id()
	main.count_in("merge_world", [op_id, glued])
	if typeof(op_id) != TYPE_INT or typeof(glued) != TYPE_INT_ARRAY:
		main.refuse(from, "Main/World.merge_world: op_id must be an int and glued a PoolIntArray, got %s and %s" % [main.type_name(op_id), main.type_name(glued)])
		return
	var why = ""
	var used = _op_ids.get(from)
	if used == null:
		used = {}
		_op_ids[from] = used
	if used.has(op_id):
		why = "duplicate op_id %d" % op_id
	else:
		used[op_id] = true   # an op_id is spent even when the merge is refused
		why = rejection(glued)
	if why != "":
		rejected += 1
		_send(from, "edit_rejected", [op_id, why])
		return
	var new_version = version + 1
	if log_path != "" and _log_failure == "":
		var err = _append(new_version, from, op_id, glued)
		if err != "":
			# Fail-stop, as the Java server does when its store fails: this merge is not durable,
			# so it is neither applied nor acknowledged, and no later merge is applied either (a
			# half-written line would otherwise run into the next one).
			_log_failure = err
			printerr("world log %s failed at version %d, merges are refused from now on: %s" % [log_path, new_version, err])
	if _log_failure != "":
		rejected += 1
		_send(from, "edit_rejected", [op_id, "the world log failed, no merge is applied: " + _log_failure])
		return
	_glue(glued)
	version = new_version
	applied += 1
	_send(from, "edit_applied", [op_id, version])
	# to = -from: every connected peer except the sender
	rpc_id(-from, "world_changed", version, from, glued)
	main.count_out("world_changed", [version, from, glued], main.peer_count() - 1)


# client -> server: read the world back.
remote func request_state():
	var from = get_tree().get_rpc_sender_id()
	main.count_in("request_state", [])
	_send(from, "receive_state", [version, groups()])


# server -> clients. Declared for their mode only; never run on the server.
puppet func edit_applied(_op_id, _version):
	pass

puppet func edit_rejected(_op_id, _reason):
	pass

puppet func world_changed(_version, _from_peer, _glued):
	pass

puppet func receive_state(_version, _groups):
	pass


func peer_left(id):
	_op_ids.erase(id)


# Why `glued` cannot be merged, as edit_rejected says it; "" when it can: 2 to 64 distinct ids
# of existing props. Same wording as the Java reference server (dev.godotload.world.World).
func rejection(glued):
	var n = glued.size()
	if n < MIN_GLUED:
		return "too few props: %d (a merge glues %d to %d)" % [n, MIN_GLUED, MAX_GLUED]
	if n > MAX_GLUED:
		return "too many props: %d (a merge glues %d to %d)" % [n, MIN_GLUED, MAX_GLUED]
	var seen = {}
	for p in glued:
		if p < 1 or p > props:
			return "unknown prop %d (props are 1 to %d)" % [p, props]
		if seen.has(p):
			return "prop %d listed twice" % p
		seen[p] = true
	return ""


# Every group of two or more props, each a PoolIntArray sorted ascending, the groups sorted by
# their first id: receive_state's `groups`. Built from the multi-prop groups only, so it costs
# the number of glued props, not P; cached until the next merge.
func groups():
	if _state_cache != null:
		return _state_cache
	var by_first = {}
	for root in _members:
		var m = _members[root].duplicate()
		m.sort()
		by_first[m[0]] = PoolIntArray(m)
	var firsts = by_first.keys()
	firsts.sort()
	var out = []
	for f in firsts:
		out.append(by_first[f])
	_state_cache = out
	return out


func _send(to, method, args):
	callv("rpc_id", [to, method] + args)
	main.count_out(method, args, 1)


func _find(p):
	var r = p
	while _parent.has(r):
		r = _parent[r]
	while _parent.has(p) and _parent[p] != r:   # path compression
		var next = _parent[p]
		_parent[p] = r
		p = next
	return r


func _glue(glued):
	_state_cache = null
	var first = glued[0]
	for i in range(1, glued.size()):
		var ra = _find(first)
		var rb = _find(glued[i])
		if ra == rb:
			continue
		var ma = _members.get(ra, [ra])
		var mb = _members.get(rb, [rb])
		if ma.size() < mb.size():   # union by size: the smaller group joins the larger
			var t = ra
			ra = rb
			rb = t
			t = ma
			ma = mb
			mb = t
		_parent[rb] = ra
		ma += mb
		_members[ra] = ma
		_members.erase(rb)


# --- world log -----------------------------------------------------------------------------
# One line per applied merge: "version peer op_id id,id,...". Written and closed before the
# merge is acknowledged. GDScript's File (3.2) has no flush() and no fsync: close() hands the
# line to the OS (fclose), so it survives the server process being killed, but not a power
# loss or kernel crash. The Java server's SQLite store fsyncs; this log does not.

func _absolute(path):
	if path.is_abs_path():
		return path
	# `godot3-server --path DIR` changes the working directory to DIR; relative paths are taken
	# from the directory the server was started in ($PWD, as the shell set it).
	var cwd = OS.get_environment("PWD")
	if cwd == "":
		cwd = ProjectSettings.globalize_path("res://")
	return cwd.plus_file(path)


func _replay():
	var f = File.new()
	if not f.file_exists(log_path):
		var c = f.open(log_path, File.WRITE)
		if c != OK:
			return "cannot create world log %s (error %d)" % [log_path, c]
		f.close()
		return ""
	var err = f.open(log_path, File.READ)
	if err != OK:
		return "cannot read world log %s (error %d)" % [log_path, err]
	var text = f.get_as_text()
	f.close()
	var lines = text.split("\n")
	# A line is complete only with its "\n". A last line without one was cut by a crash in the
	# middle of its write, so its merge was never acknowledged: it is dropped, and the file is
	# rewritten without it (else the next append would glue onto it).
	var torn = lines[lines.size() - 1]
	lines.remove(lines.size() - 1)
	for i in range(lines.size()):
		var line = lines[i].strip_edges()
		if line == "":
			continue
		var why = _replay_line(line)
		if why != "":
			return "world log %s: line %d: %s" % [log_path, i + 1, why]
	if torn != "":
		print("world log %s: dropped an incomplete last line (a merge never acknowledged): %s" % [log_path, torn])
		return _rewrite(text.substr(0, text.length() - torn.length()))
	return ""


func _replay_line(line):
	var parts = line.split(" ", false)
	if parts.size() != 4 or not parts[0].is_valid_integer():
		return "not 'version peer op_id ids': " + line
	var v = int(parts[0])
	if v <= version:
		return "version %d does not follow %d" % [v, version]
	var ids = []
	for s in parts[3].split(",", false):
		if not s.is_valid_integer():
			return "'%s' is not a prop id" % s
		ids.append(int(s))
	var glued = PoolIntArray(ids)
	var why = rejection(glued)
	if why != "":
		return why
	_glue(glued)
	version = v
	return ""


# Replaces the log with `content` atomically: a temporary file, then a rename.
func _rewrite(content):
	var tmp = log_path + ".tmp"
	var f = File.new()
	var err = f.open(tmp, File.WRITE)
	if err != OK:
		return "cannot write %s (error %d)" % [tmp, err]
	f.store_string(content)
	f.close()
	err = Directory.new().rename(tmp, log_path)
	if err != OK:
		return "cannot rename %s to %s (error %d)" % [tmp, log_path, err]
	return ""


func _append(v, peer, op_id, glued):
	var ids = PoolStringArray()
	for p in glued:
		ids.append(str(p))
	var f = File.new()
	var err = f.open(log_path, File.READ_WRITE)   # READ_WRITE keeps the content; WRITE would truncate
	if err != OK:
		return "cannot open %s (error %d)" % [log_path, err]
	f.seek_end()
	f.store_line("%d %d %d %s" % [v, peer, op_id, ids.join(",")])
	var werr = f.get_error()
	f.close()
	if werr != OK:
		return "cannot write %s (error %d)" % [log_path, werr]
	return ""
