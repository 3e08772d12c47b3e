extends Node
# One simulated game client. Several live in one Godot process: each has its own
# MultiplayerAPI (custom_multiplayer, with this node as its root_node) and its own
# WebSocketClient, so to the server each is a separate peer, and node paths are
# "Main/Chat" etc. relative to this node, exactly as for a real client's /root.
# Godot 3.2's custom_multiplayer is per node (children do not inherit it), so it is set on
# every node that sends or receives RPCs. The owner calls poll() every frame.

const NODES = {
	"Chat": "res://client/chat.gd",
	"World": "res://client/world.gd",
	"Avatars": "res://client/avatars.gd",
	"Stats": "res://client/stats.gd",
}

var label = ""
var mp = null             # MultiplayerAPI
var client = null         # WebSocketClient
var id = 0                # peer id the server gave us
var connected = false
var failed = false
var server_gone = false
var peers = {}            # peer ids this client was told about (SYS_ADD), minus SYS_DEL
var events = []           # [method, rpc_sender, args] in arrival order


func setup(p_label, url):
	label = p_label
	name = p_label
	mp = MultiplayerAPI.new()
	mp.set_root_node(self)   # a method only in 3.2 (no root_node property)
	var main = Node.new()
	main.name = "Main"
	add_child(main)
	for n in NODES:
		var node = Node.new()
		node.name = n
		node.set_script(load(NODES[n]))
		node.custom_multiplayer = mp
		main.add_child(node)
	mp.connect("connected_to_server", self, "_on_connected")
	mp.connect("connection_failed", self, "_on_failed")
	mp.connect("server_disconnected", self, "_on_server_gone")
	mp.connect("network_peer_connected", self, "_on_peer_connected")
	mp.connect("network_peer_disconnected", self, "_on_peer_disconnected")
	client = WebSocketClient.new()
	var err = client.connect_to_url(url, PoolStringArray(), true)   # gd_mp_api = true
	if err != OK:
		failed = true
		return err
	mp.network_peer = client
	return OK


func poll():
	if mp != null and mp.network_peer != null:
		mp.poll()


func close():
	if client != null and connected and not server_gone:
		client.disconnect_from_host(1000, "bye")
	connected = false


# rpc_id(1, method, args...) on Main/<node>.
func call_server(node, method, args):
	var n = get_node("Main/" + node)
	n.callv("rpc_id", [1, method] + args)


# rpc_id(to, method, args...) on Main/<node>, for the negative tests.
func call_peer(to, node, method, args):
	var n = get_node("Main/" + node)
	n.callv("rpc_id", [to, method] + args)


func record(method, args):
	events.append([method, mp.get_rpc_sender_id(), args])


# The args of every `method` event, in arrival order.
func got(method):
	var out = []
	for e in events:
		if e[0] == method:
			out.append(e[2])
	return out


# Events whose sender was not peer 1 (there must be none: puppet refuses them).
func from_others():
	var out = []
	for e in events:
		if e[1] != 1:
			out.append(e)
	return out


func _on_connected():
	connected = true
	id = mp.get_network_unique_id()


func _on_failed():
	if not connected:
		failed = true


func _on_server_gone():
	server_gone = true


func _on_peer_connected(pid):
	peers[pid] = true


func _on_peer_disconnected(pid):
	peers.erase(pid)
