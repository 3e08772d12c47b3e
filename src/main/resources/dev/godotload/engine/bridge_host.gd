extends Node
## Added by godot-load to a Godot 4 server project it runs in the browser engine, as the project's
## first autoload, so that it is ready before the game's main scene.
##
## A browser cannot listen on a port: the game's WebSocketMultiplayerPeer.create_server() fails
## there (ERR_CANT_CREATE), and SceneMultiplayer then refuses the game's disconnected peer and keeps
## the one it has. This autoload gives it that one first: a BridgePeer, connected to godot-load's
## bridge, which accepts the game's real clients. Everything above the transport (peer_connected,
## relay, spawns, synchronizers, RPCs) stays the engine's and the game's.

const BridgePeer := preload("res://__godot_load_bridge__/bridge_peer.gd")
## Written into the pack by godot-load: the bridge's engine URL (ws://127.0.0.1:PORT/).
const URL_FILE := "res://__godot_load_bridge__/bridge_url.txt"

var bridge: BridgePeer = null


func _ready() -> void:
	var url := FileAccess.get_file_as_string(URL_FILE).strip_edges()
	bridge = BridgePeer.new()
	bridge.ready_text = "%s on Godot %s" % [ProjectSettings.get_setting("application/config/name", "a Godot 4 project"), _engine_version()]
	bridge.bridge_closed.connect(_on_bridge_closed)
	var err := bridge.connect_to_bridge(url)
	if err != OK:
		printerr("godot-load bridge: cannot connect to the bridge %s (error %d: %s)" % [url, err, error_string(err)])
		get_tree().quit(1)
		return
	get_tree().get_multiplayer().multiplayer_peer = bridge
	print("godot-load bridge: the game's clients come through the bridge %s (a browser cannot listen)" % url)


func _on_bridge_closed(code: int, reason: String) -> void:
	if bridge.opened:
		printerr("godot-load bridge: the bridge closed the connection (code %d %s); stopping" % [code, reason])
	else:
		printerr("godot-load bridge: cannot reach the bridge (code %d); stopping" % code)
	get_tree().quit(1)


static func _engine_version() -> String:
	var v := Engine.get_version_info()
	var s := "%d.%d" % [v.major, v.minor]
	if v.patch > 0:
		s += ".%d" % v.patch
	return s
