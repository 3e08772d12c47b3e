extends Node
## /root/Main: reads the options, gives the SceneTree's SceneMultiplayer its transport and keeps
## what Main/Stats reports. The game lives in the four children (Chat, World, Avatars, Stats).
##
## Two transports, one game:
## - native:  WebSocketMultiplayerPeer.create_server(port, bind) - a Godot 4 binary with --headless
##            (`godot --headless --path godot/server-godot4 -- --port 9080`);
## - browser: BridgePeer (bridge_peer.gd), one WebSocket to a bridge that accepts the clients
##            (`--bridge ws://127.0.0.1:PORT`), for the web export that cannot listen on a port.
## Either way SceneMultiplayer (server relay on, no auth) does everything above the transport.

const BridgePeer := preload("res://bridge_peer.gd")
const CountingPeer := preload("res://counting_peer.gd")

const USAGE := "usage: godot --headless --path godot/server-godot4 -- [--port N | --bridge ws://HOST:PORT] [--bind ADDRESS] [--stress-mode on|off] [--props N] [--lifetime SECONDS] [--wrap-peer]"
const DEFAULT_PORT := 9080
const DEFAULT_PROPS := 1000
const MIN_PROPS := 2
const MAX_PROPS := 1000000
## Native only: the headless main loop would otherwise spin without pause; 1 ms frames keep the
## latency an RPC waits for its frame low. (The browser paces frames itself.)
const NATIVE_MAX_FPS := 1000

var options := {
	"port": DEFAULT_PORT,
	"bind": "127.0.0.1",
	"bridge": "",
	"stress_mode": true,
	"props": DEFAULT_PROPS,
	"lifetime": 0.0,
	"wrap_peer": false,
}
var started_msec := 0
## The peer whose counters Main/Stats reports (a BridgePeer or a CountingPeer).
var counted = null
var bridge: BridgePeer = null
var _quitting := false


func _ready() -> void:
	started_msec = Time.get_ticks_msec()
	# A server draws nothing: skip rendering each frame (in a browser without a GPU every frame
	# would otherwise be drawn by a software rasteriser, on the one thread the game runs on).
	RenderingServer.render_loop_enabled = false
	var err := _parse_args(OS.get_cmdline_user_args())
	if err != "":
		printerr("godot-load godot4 server: %s (%s)" % [err, USAGE])
		_quit(2)
		return
	$World.configure(options.props)
	$Chat.configure(options.stress_mode)
	multiplayer.peer_connected.connect(_on_peer_connected)
	multiplayer.peer_disconnected.connect(_on_peer_disconnected)
	if options.bridge != "":
		_start_bridge()
	else:
		_start_native()
	if options.lifetime > 0:
		get_tree().create_timer(options.lifetime).timeout.connect(_on_lifetime_over)


func _start_native() -> void:
	var ws := WebSocketMultiplayerPeer.new()
	var err := ws.create_server(options.port, options.bind)
	if err != OK:
		printerr("godot-load godot4 server: cannot listen on %s (error %d: %s)" % [_native_url(), err, error_string(err)])
		_quit(1)
		return
	Engine.max_fps = NATIVE_MAX_FPS
	var wrapper := CountingPeer.new(ws)
	counted = wrapper
	multiplayer.multiplayer_peer = wrapper
	print("godot-load godot4 server listening on %s (%s)" % [_native_url(), _describe()])


func _start_bridge() -> void:
	bridge = BridgePeer.new()
	bridge.ready_text = "server-godot4 on Godot %s, %s" % [_engine_version(), _describe()]
	bridge.bridge_ready.connect(_on_bridge_ready)
	bridge.bridge_closed.connect(_on_bridge_closed)
	var err := bridge.connect_to_bridge(options.bridge)
	if err != OK:
		printerr("godot-load godot4 server: cannot connect to the bridge %s (error %d: %s)" % [options.bridge, err, error_string(err)])
		_quit(1)
		return
	if options.wrap_peer:
		var wrapper := CountingPeer.new(bridge)
		counted = wrapper
		multiplayer.multiplayer_peer = wrapper
	else:
		counted = bridge
		multiplayer.multiplayer_peer = bridge


func _on_bridge_ready() -> void:
	var wrapped := ", counting wrapper" if options.wrap_peer else ""
	print("godot-load godot4 server ready on bridge %s (%s%s)" % [options.bridge, _describe(), wrapped])


func _on_bridge_closed(code: int, reason: String) -> void:
	if _quitting:
		return
	if not bridge.opened:
		printerr("godot-load godot4 server: cannot reach the bridge %s (code %d): is `java -jar target/godot-load.jar bridge` running, and is this its engine URL?" % [options.bridge, code])
	else:
		printerr("godot-load godot4 server: the bridge %s closed the connection (code %d %s)" % [options.bridge, code, reason])
	_quit(1)


func _describe() -> String:
	return "stress mode %s, %d props" % ["on" if options.stress_mode else "off", options.props]


func _native_url() -> String:
	var host: String = options.bind
	if host.contains(":"):
		host = "[" + host + "]"
	return "ws://%s:%d" % [host, options.port]


static func _engine_version() -> String:
	var v := Engine.get_version_info()
	var s := "%d.%d" % [v.major, v.minor]
	if v.patch > 0:
		s += ".%d" % v.patch
	return s


## Returns "" or what is wrong. Accepts "--key value" and "--key=value".
func _parse_args(args: PackedStringArray) -> String:
	var seen_port := false
	var i := 0
	while i < args.size():
		var a := args[i]
		i += 1
		if not a.begins_with("--"):
			return "unexpected argument '%s'" % a
		var key := a.substr(2)
		var value = null
		var eq := key.find("=")
		if eq >= 0:
			value = key.substr(eq + 1)
			key = key.substr(0, eq)
		if key == "wrap-peer":
			if value != null:
				return "--wrap-peer takes no value"
			options.wrap_peer = true
			continue
		if not key in ["port", "bind", "bridge", "stress-mode", "props", "lifetime"]:
			return "unknown option --%s" % key
		if value == null:
			if i >= args.size():
				return "option --%s needs a value" % key
			value = args[i]
			i += 1
		var v: String = value
		match key:
			"port":
				if not v.is_valid_int() or v.to_int() < 1 or v.to_int() > 65535:
					return "--port must be a number from 1 to 65535, got '%s' (0 is not supported: WebSocketMultiplayerPeer cannot tell which port it got)" % v
				options.port = v.to_int()
				seen_port = true
			"bind":
				if not v.is_valid_ip_address():
					return "--bind must be an IP address (127.0.0.1, ::1, 0.0.0.0 ...), got '%s'" % v
				options.bind = v
			"bridge":
				if not (v.begins_with("ws://") or v.begins_with("wss://")) or v.length() < 8:
					return "--bridge must be a ws:// URL (the bridge's engine URL), got '%s'" % v
				options.bridge = v
			"stress-mode":
				if v == "on":
					options.stress_mode = true
				elif v == "off":
					options.stress_mode = false
				else:
					return "--stress-mode must be on or off, got '%s'" % v
			"props":
				if not v.is_valid_int() or v.to_int() < MIN_PROPS or v.to_int() > MAX_PROPS:
					return "--props must be a number from %d to %d, got '%s'" % [MIN_PROPS, MAX_PROPS, v]
				options.props = v.to_int()
			"lifetime":
				if not v.is_valid_float() or v.to_float() < 0:
					return "--lifetime must be a number of seconds >= 0 (0 = forever), got '%s'" % v
				options.lifetime = v.to_float()
	if seen_port and options.bridge != "":
		return "--port and --bridge exclude each other (native server or browser server behind a bridge)"
	if options.wrap_peer and options.bridge == "":
		return "--wrap-peer is for --bridge (native mode always wraps)"
	return ""


func _on_peer_connected(id: int) -> void:
	print("peer %d connected (%d peers)" % [id, multiplayer.get_peers().size()])


func _on_peer_disconnected(id: int) -> void:
	print("peer %d disconnected (%d peers)" % [id, multiplayer.get_peers().size()])
	$World.peer_left(id)
	$Chat.peer_left(id)


func _on_lifetime_over() -> void:
	print("lifetime of %s s over, stopping" % str(options.lifetime))
	_quit(0)


func _quit(code: int) -> void:
	if _quitting:
		return
	_quitting = true
	if multiplayer.multiplayer_peer != null and not multiplayer.multiplayer_peer is OfflineMultiplayerPeer:
		multiplayer.multiplayer_peer.close()   # native: every client gets close 1000
		multiplayer.multiplayer_peer = null
	get_tree().quit(code)


# --- what Main/Stats reads ------------------------------------------------------------------

func peer_count() -> int:
	return multiplayer.get_peers().size()


func uptime_msec() -> int:
	return Time.get_ticks_msec() - started_msec


## packets_in, bytes_in, packets_out, bytes_out: SceneMultiplayer packets (SYS, path cache and
## RPCs alike) as they crossed the transport, one per client packet and one per recipient.
func counters() -> Dictionary:
	if counted == null:
		return {"packets_in": 0, "bytes_in": 0, "packets_out": 0, "bytes_out": 0}
	return {
		"packets_in": counted.packets_in,
		"bytes_in": counted.bytes_in,
		"packets_out": counted.packets_out,
		"bytes_out": counted.bytes_out,
	}
