extends Node
# /root/Main: one chat user. Connects a WebSocketClient as the SceneTree's network peer (the
# engine's own MultiplayerAPI does the protocol), says its sentences to Main/Chat at a steady
# pace, counts what comes back, prints one result line and quits.
#
#   godot3-server --path bench/godot3-chat-client -- url=ws://127.0.0.1:9080/ \
#       sentences=5 interval_ms=1000 linger_ms=3000 [wait_peers=N] [timeout_ms=T]
#
# Result (stdout, exit 0):  godot3-client peer=ID sent=S received=R
# Failure (stderr, exit 1 connection, 2 arguments, 3 timeout): one line starting "godot3-client".

const USAGE = "usage: godot3-server --path bench/godot3-chat-client -- url=ws://HOST:PORT/ [sentences=5] [interval_ms=1000] [linger_ms=2000] [wait_peers=1] [timeout_ms=T]"
const SENTENCE_CHARS = 50
const FILLER = " the quick brown fox jumps over the lazy dog again and again"

const EXIT_CONNECTION = 1
const EXIT_USAGE = 2
const EXIT_TIMEOUT = 3

var options = {
	"url": "",
	"sentences": 5,
	"interval_ms": 1000,
	"linger_ms": 2000,
	# Start talking once this many clients (ourselves included) are on the server, so that in
	# stress mode every client gets every sentence: received = clients x sentences, exactly.
	"wait_peers": 1,
	# The longest this process lives, whatever happens; 0 = 60 s more than the talking needs.
	"timeout_ms": 0,
}

var client = null          # WebSocketClient
var peer_id = 0
var sent = 0
var talking = false
var done = false

onready var chat = $Chat


func _ready():
	var err = _parse_args(OS.get_cmdline_args())
	if err != "":
		_fail(EXIT_USAGE, "%s (%s)" % [err, USAGE])
		return
	if options.timeout_ms == 0:
		options.timeout_ms = 60000 + options.sentences * options.interval_ms + options.linger_ms
	_after(options.timeout_ms, "_on_timeout")
	# spreads the first sentences of clients that start together over one interval
	randomize()

	var tree = get_tree()
	tree.connect("connected_to_server", self, "_on_connected")
	tree.connect("connection_failed", self, "_on_connection_failed")
	tree.connect("server_disconnected", self, "_on_server_disconnected")
	tree.connect("network_peer_connected", self, "_on_peer_connected")
	client = WebSocketClient.new()
	# gd_mp_api = true: the client speaks Godot's multiplayer framing (9-byte peer header,
	# SYS_ID/SYS_ADD/SYS_DEL), which it needs to be a network_peer
	var c = client.connect_to_url(options.url, PoolStringArray(), true)
	if c != OK:
		_fail(EXIT_CONNECTION, "cannot connect to %s (error %d)" % [options.url, c])
		return
	# the SceneTree polls its network peer every frame; nothing to poll by hand
	tree.network_peer = client


# Accepts key=value words; "--" (which Godot 3.2 passes on) and nothing else is skipped.
func _parse_args(args):
	for a in args:
		if a == "--":
			continue
		var eq = a.find("=")
		if eq <= 0:
			return "expected key=value, got '%s'" % a
		var key = a.substr(0, eq)
		var value = a.substr(eq + 1, a.length() - eq - 1)
		if not options.has(key):
			return "unknown argument '%s'" % key
		if key == "url":
			if not (value.begins_with("ws://") or value.begins_with("wss://")):
				return "url must start with ws:// or wss://, got '%s'" % value
			options.url = value
			continue
		if not value.is_valid_integer() or int(value) < 0:
			return "%s must be a whole number >= 0, got '%s'" % [key, value]
		options[key] = int(value)
	if options.url == "":
		return "url is missing"
	if options.interval_ms < 1:
		return "interval_ms must be at least 1"
	if options.wait_peers < 1:
		return "wait_peers must be at least 1 (this client)"
	return ""


func _on_connected():
	peer_id = get_tree().get_network_unique_id()
	_maybe_start()


func _on_peer_connected(_id):
	_maybe_start()


# get_network_connected_peers() holds the server (1) and every other client: its size is the
# number of clients, this one included. Before connected_to_server the server is not in it.
func _maybe_start():
	if talking or done or peer_id == 0:
		return
	if get_tree().get_network_connected_peers().size() < options.wait_peers:
		return
	talking = true
	if options.sentences == 0:
		_after(options.linger_ms, "_finish")
		return
	_after(randi() % options.interval_ms, "_start_talking")


func _start_talking():
	_say_next()
	if sent < options.sentences:
		var t = Timer.new()
		t.wait_time = options.interval_ms / 1000.0
		t.connect("timeout", self, "_on_tick", [t])
		add_child(t)
		t.start()


func _on_tick(timer):
	_say_next()
	if sent >= options.sentences:
		timer.stop()


func _say_next():
	if done:
		return
	sent += 1
	chat.say(_sentence(sent), sent)
	if sent == options.sentences:
		_after(options.linger_ms, "_finish")


# About SENTENCE_CHARS characters of ASCII, different for every sender and sequence number.
func _sentence(seq):
	var s = "peer %d says line %d:" % [peer_id, seq] + FILLER
	while s.length() < SENTENCE_CHARS:
		s += FILLER
	return s.substr(0, SENTENCE_CHARS)


func _finish():
	if done:
		return
	done = true
	print("godot3-client peer=%d sent=%d received=%d" % [peer_id, sent, chat.received])
	_leave(0)


func _on_connection_failed():
	_fail(EXIT_CONNECTION, "cannot connect to %s" % options.url)


func _on_server_disconnected():
	_fail(EXIT_CONNECTION, "peer=%d the server at %s closed the connection (sent=%d received=%d)" % [peer_id, options.url, sent, chat.received])


func _on_timeout():
	var waiting = "its last sentence's linger"
	if peer_id == 0:
		waiting = "a connection to " + options.url
	elif not talking:
		waiting = "%d clients on the server (saw %d)" % [options.wait_peers, get_tree().get_network_connected_peers().size()]
	_fail(EXIT_TIMEOUT, "peer=%d timed out after %d ms waiting for %s (sent=%d received=%d)" % [peer_id, options.timeout_ms, waiting, sent, chat.received])


func _fail(code, why):
	if done:
		return
	done = true
	printerr("godot3-client: " + why)
	_leave(code)


# Closes the connection politely (close 1000), then quits at the end of this frame.
func _leave(code):
	if client != null and client.get_connection_status() != NetworkedMultiplayerPeer.CONNECTION_DISCONNECTED:
		client.disconnect_from_host(1000, "done")
	get_tree().quit(code)


# Calls `method` once after `msec` milliseconds (at the next frame for 0).
func _after(msec, method):
	if msec <= 0:
		call_deferred(method)
		return
	get_tree().create_timer(msec / 1000.0).connect("timeout", self, method)
