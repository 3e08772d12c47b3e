extends Node
# /root/Main: parses the options, starts the WebSocketServer as the SceneTree's network peer and
# keeps the server-wide counters that Main/Stats reports. The game itself lives in the four
# children (Chat, World, Avatars, Stats), one script each.
#
# Run (Godot 3.2.3, Debian package godot3-server):
#   godot3-server --path godot/server-godot3 -- --port 9080 --stress-mode on --props 1000
# Godot 3.2 has no OS.get_cmdline_user_args(): OS.get_cmdline_args() returns every argument the
# engine did not consume, including the "--" separator itself, so "--" is skipped here. Arguments
# work with or without "--", but "--" keeps them apart from engine options.

const USAGE = "usage: godot3-server --path godot/server-godot3 -- [--port N] [--bind ADDRESS] [--stress-mode on|off] [--props N] [--lifetime SECONDS] [--world-log FILE]"
const DEFAULT_PORT = 9080
const DEFAULT_PROPS = 1000
const MIN_PROPS = 2
const MAX_PROPS = 1000000
const REFUSALS_LOGGED_PER_PEER = 3

# Godot peer header (type, from, to) in front of every multiplayer packet, and the fixed part
# of a REMOTE_CALL after it: cmd byte, u32 target (cached path id), method name + NUL, argc.
const PEER_HEADER_BYTES = 9
const CALL_FIXED_BYTES = 1 + 4 + 1 + 1

var options = {
	"port": DEFAULT_PORT,
	"bind": "127.0.0.1",
	"stress_mode": true,
	"props": DEFAULT_PROPS,
	"lifetime": 0.0,
	"world_log": "",
}

var server = null          # WebSocketServer
var started_msec = 0

# Counters (see README.md, "Stats"): RPCs at the multiplayer layer, counted by the scripts.
var packets_in = 0         # RPCs that reached a Main/* script (accepted by the engine's mode check)
var packets_out = 0        # RPC messages the scripts sent, one per recipient peer
var bytes_in = 0           # Godot message bytes of packets_in (9-byte header + REMOTE_CALL, cached path)
var bytes_out = 0          # the same for packets_out
var refused = 0            # calls the scripts refused for their argument types
var _refusals_logged = {}  # peer id -> refusals printed so far


func _ready():
	started_msec = OS.get_ticks_msec()
	var err = _parse_args(OS.get_cmdline_args())
	if err != "":
		printerr("godot-load godot3 server: %s (%s)" % [err, USAGE])
		get_tree().quit(2)
		return
	var world_err = $World.configure(options.props, options.world_log)
	if world_err != "":
		printerr("godot-load godot3 server: " + world_err)
		get_tree().quit(1)
		return
	$Chat.configure(options.stress_mode)

	server = WebSocketServer.new()
	server.bind_ip = options.bind
	# No subprotocols; gd_mp_api = true makes it a NetworkedMultiplayerPeer with the 9-byte peer
	# header, SYS_ID/SYS_ADD/SYS_DEL and server relay (Godot 3 always relays client-to-client
	# packets through the server; there is no switch for it as in Godot 4).
	var listen_err = server.listen(options.port, PoolStringArray(), true)
	if listen_err != OK:
		printerr("godot-load godot3 server: cannot listen on %s (error %d)" % [_url(), listen_err])
		get_tree().quit(1)
		return
	get_tree().network_peer = server
	get_tree().connect("network_peer_connected", self, "_on_peer_connected")
	get_tree().connect("network_peer_disconnected", self, "_on_peer_disconnected")
	if options.lifetime > 0:
		get_tree().create_timer(options.lifetime).connect("timeout", self, "_on_lifetime_over")
	var world_note = ""
	if options.world_log != "":
		world_note = ", world log %s at version %d" % [$World.log_path, $World.version]
	print("godot-load godot3 server listening on %s (stress mode %s, %d props%s)" % [
		_url(), "on" if options.stress_mode else "off", options.props, world_note])


func _url():
	var host = options.bind
	if host.find(":") >= 0:
		host = "[" + host + "]"
	return "ws://%s:%d" % [host, options.port]


# Returns "" or what is wrong. Accepts "--key value" and "--key=value".
func _parse_args(args):
	var i = 0
	while i < args.size():
		var a = args[i]
		i += 1
		if a == "--":
			continue
		if not a.begins_with("--"):
			return "unexpected argument '%s'" % a
		var key = a.substr(2, a.length() - 2)
		var value = null
		var eq = key.find("=")
		if eq >= 0:
			value = key.substr(eq + 1, key.length() - eq - 1)
			key = key.substr(0, eq)
		if not key in ["port", "bind", "stress-mode", "props", "lifetime", "world-log"]:
			return "unknown option --%s" % key
		if value == null:
			if i >= args.size():
				return "option --%s needs a value" % key
			value = args[i]
			i += 1
		match key:
			"port":
				if not value.is_valid_integer():
					return "--port must be a number from 1 to 65535, got '%s'" % value
				var port = int(value)
				if port == 0:
					return "--port 0 is not supported: Godot 3.2's WebSocketServer cannot tell which port it got; pass a free port"
				if port < 1 or port > 65535:
					return "--port must be a number from 1 to 65535, got '%s'" % value
				options.port = port
			"bind":
				if not value.is_valid_ip_address():
					return "--bind must be an IP address (127.0.0.1, ::1, 0.0.0.0 ...), got '%s'" % value
				options.bind = value
			"stress-mode":
				if value == "on":
					options.stress_mode = true
				elif value == "off":
					options.stress_mode = false
				else:
					return "--stress-mode must be on or off, got '%s'" % value
			"props":
				if not value.is_valid_integer() or int(value) < MIN_PROPS or int(value) > MAX_PROPS:
					return "--props must be a number from %d to %d, got '%s'" % [MIN_PROPS, MAX_PROPS, value]
				options.props = int(value)
			"lifetime":
				if not (value.is_valid_integer() or value.is_valid_float()) or float(value) < 0:
					return "--lifetime must be a number of seconds >= 0 (0 = forever), got '%s'" % value
				options.lifetime = float(value)
			"world-log":
				if value == "":
					return "--world-log needs a file name"
				options.world_log = value
	return ""


func _on_peer_connected(id):
	print("peer %d connected (%d peers)" % [id, get_tree().get_network_connected_peers().size()])


func _on_peer_disconnected(id):
	print("peer %d disconnected (%d peers)" % [id, get_tree().get_network_connected_peers().size()])
	$World.peer_left(id)
	$Chat.peer_left(id)
	_refusals_logged.erase(id)


func _on_lifetime_over():
	print("lifetime of %s s over, stopping" % str(options.lifetime))
	stop_and_quit(0)


func stop_and_quit(code):
	if server != null:
		server.stop()   # every peer gets close 1000
	get_tree().network_peer = null
	get_tree().quit(code)


# --- counters -----------------------------------------------------------------------------

func peer_count():
	return get_tree().get_network_connected_peers().size()


func uptime_msec():
	return OS.get_ticks_msec() - started_msec


# An RPC that reached a script.
func count_in(method, args):
	packets_in += 1
	bytes_in += call_size(method, args)


# An RPC the server sent to `recipients` peers.
func count_out(method, args, recipients):
	if recipients <= 0:
		return
	packets_out += recipients
	bytes_out += recipients * call_size(method, args)


# A script refused a call (wrong argument types): counted; the first few per peer are printed.
func refuse(peer, what):
	refused += 1
	var n = _refusals_logged.get(peer, 0)
	if n < REFUSALS_LOGGED_PER_PEER:
		_refusals_logged[peer] = n + 1
		var more = ""
		if n + 1 == REFUSALS_LOGGED_PER_PEER:
			more = " (further refusals from peer %d are counted, not printed)" % peer
		print("refused from peer %d: %s%s" % [peer, what, more])


# Bytes of one Godot message carrying REMOTE_CALL(method, args) with a cached path id.
static func call_size(method, args):
	var n = PEER_HEADER_BYTES + CALL_FIXED_BYTES + method.length()   # method names are ASCII
	for a in args:
		n += variant_size(a)
	return n


# Size of a Variant as Godot 3's marshalls.cpp encodes it (what var2bytes returns), computed
# without encoding for the types the contract uses.
static func variant_size(v):
	match typeof(v):
		TYPE_NIL:
			return 4
		TYPE_BOOL:
			return 8
		TYPE_INT:
			return 8 if v >= -2147483648 and v <= 2147483647 else 12
		TYPE_STRING:
			return 8 + _pad4(v.to_utf8().size())
		TYPE_TRANSFORM:
			return 4 + 12 * 4
		TYPE_INT_ARRAY:
			return 8 + 4 * v.size()
		TYPE_ARRAY:
			var n = 8
			for e in v:
				n += variant_size(e)
			return n
		TYPE_DICTIONARY:
			var n = 8
			for k in v:
				n += variant_size(k) + variant_size(v[k])
			return n
	return var2bytes(v).size()


# Godot 3 Variant type names, for log lines (typeof() values 0..26).
const TYPE_NAMES = ["Nil", "bool", "int", "float", "String", "Vector2", "Rect2", "Vector3",
		"Transform2D", "Plane", "Quat", "AABB", "Basis", "Transform", "Color", "NodePath", "RID",
		"Object", "Dictionary", "Array", "PoolByteArray", "PoolIntArray", "PoolRealArray",
		"PoolStringArray", "PoolVector2Array", "PoolVector3Array", "PoolColorArray"]

static func type_name(v):
	var t = typeof(v)
	return TYPE_NAMES[t] if t >= 0 and t < TYPE_NAMES.size() else str(t)


static func _pad4(n):
	return (n + 3) & ~3
