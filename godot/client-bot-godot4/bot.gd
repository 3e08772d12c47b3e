extends Node
## One simulated game client. Several live in one engine: each has its own SceneMultiplayer, set
## for its own subtree with SceneTree.set_multiplayer(api, this node's path), and its own
## WebSocketMultiplayerPeer client, so to the server each is a separate peer, and its nodes'
## paths relative to its multiplayer root are "Main/Chat" etc., exactly as under a real client's
## /root. The SceneTree polls every custom multiplayer each frame.

const NODES := {
	"Chat": "res://client/chat.gd",
	"World": "res://client/world.gd",
	"Avatars": "res://client/avatars.gd",
	"Stats": "res://client/stats.gd",
}

var label := ""
var api: SceneMultiplayer
var peer: WebSocketMultiplayerPeer
var id := 0                 # the peer id the server gave this bot
var connected := false
var failed := false
var server_gone := false
var peers := {}             # peer ids this bot was told about (ADD_PEER), minus DEL_PEER
var events: Array = []      # [method, rpc sender, args] in arrival order


## Call after the bot is in the tree (its path becomes the multiplayer root).
func setup(url: String) -> Error:
	label = name
	var main := Node.new()
	main.name = "Main"
	add_child(main)
	for n in NODES:
		var node := Node.new()
		node.name = n
		node.set_script(load(NODES[n]))
		main.add_child(node)
	api = SceneMultiplayer.new()
	get_tree().set_multiplayer(api, get_path())
	api.connected_to_server.connect(_on_connected)
	api.connection_failed.connect(_on_failed)
	api.server_disconnected.connect(_on_server_gone)
	api.peer_connected.connect(_on_peer_connected)
	api.peer_disconnected.connect(_on_peer_disconnected)
	peer = WebSocketMultiplayerPeer.new()
	var err := peer.create_client(url)
	if err != OK:
		failed = true
		return err
	api.multiplayer_peer = peer
	return OK


func close() -> void:
	if api != null and api.multiplayer_peer != null and not api.multiplayer_peer is OfflineMultiplayerPeer:
		api.multiplayer_peer.close()
		api.multiplayer_peer = null
	connected = false


## rpc_id(1, method, args...) on Main/<node>: a call to the server.
func call_server(node: String, method: String, args: Array) -> Error:
	var n := get_node("Main/" + node)
	return n.callv("rpc_id", [1, method] + args)


func record(method: String, args: Array, sender: int) -> void:
	events.append([method, sender, args])


## The args of every `method` event, in arrival order.
func got(method: String) -> Array:
	var out := []
	for e in events:
		if e[0] == method:
			out.append(e[2])
	return out


## Events that did not come from the server (peer 1), or that a server never sends.
func unexpected() -> Array:
	var out := []
	for e in events:
		if e[1] != 1 or e[0] in ["send_message", "merge_world", "request_state", "update_pose", "request_stats"]:
			out.append(e)
	return out


func _on_connected() -> void:
	connected = true
	id = api.get_unique_id()


func _on_failed() -> void:
	if not connected:
		failed = true


func _on_server_gone() -> void:
	server_gone = true


func _on_peer_connected(pid: int) -> void:
	peers[pid] = true


func _on_peer_disconnected(pid: int) -> void:
	peers.erase(pid)
