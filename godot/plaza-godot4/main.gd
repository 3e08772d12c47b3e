extends Node
## The plaza. Run as the server (the default) or as a client (--connect URL):
##   godot --headless -- [--port 9080] [--lifetime SECONDS]
##   godot -- --connect ws://127.0.0.1:9080 [--lifetime SECONDS]
## The server adds a player for every peer that joins; PlayerSpawner replicates it to everyone.

const PLAYER_SCENE := preload("res://player.tscn")
const DEFAULT_PORT := 9080
const USAGE := "usage: -- [--port N | --connect ws://HOST:PORT] [--lifetime SECONDS]"

var port := DEFAULT_PORT
var connect_url := ""
var lifetime := 0.0
var updates_received := 0

@onready var players: Node3D = $Players
@onready var spawner: MultiplayerSpawner = $PlayerSpawner


func _ready() -> void:
	var problem := _read_args(OS.get_cmdline_user_args())
	if problem != "":
		printerr("Plaza: %s (%s)" % [problem, USAGE])
		get_tree().quit(2)
		return
	if lifetime > 0.0:
		get_tree().create_timer(lifetime).timeout.connect(_leave)
	if connect_url == "":
		_start_server()
	else:
		_start_client()


func _start_server() -> void:
	multiplayer.peer_connected.connect(_add_player)
	multiplayer.peer_disconnected.connect(_remove_player)
	var peer := WebSocketMultiplayerPeer.new()
	var err := peer.create_server(port)
	if err != OK:
		printerr("Plaza: cannot listen on port %d: %s" % [port, error_string(err)])
		return
	multiplayer.multiplayer_peer = peer
	print("Plaza: listening on port %d" % port)


func _add_player(id: int) -> void:
	var player := PLAYER_SCENE.instantiate()
	player.name = str(id)
	players.add_child(player)
	print("Plaza: player %d joined (%d here)" % [id, players.get_child_count()])


func _remove_player(id: int) -> void:
	var player := players.get_node_or_null(str(id))
	if player:
		player.queue_free()
	print("Plaza: player %d left (%d here)" % [id, players.get_child_count() - 1])


func _start_client() -> void:
	multiplayer.connected_to_server.connect(_on_connected)
	multiplayer.connection_failed.connect(_on_connection_failed)
	multiplayer.server_disconnected.connect(_on_server_gone)
	spawner.spawned.connect(_on_player_spawned)
	spawner.despawned.connect(_on_player_despawned)
	var peer := WebSocketMultiplayerPeer.new()
	var err := peer.create_client(connect_url)
	if err != OK:
		printerr("Plaza: cannot connect to %s: %s" % [connect_url, error_string(err)])
		get_tree().quit(1)
		return
	multiplayer.multiplayer_peer = peer


func _on_connected() -> void:
	print("Plaza: connected to %s as peer %d" % [connect_url, multiplayer.get_unique_id()])


func _on_connection_failed() -> void:
	printerr("Plaza: could not connect to %s" % connect_url)
	get_tree().quit(1)


func _on_server_gone() -> void:
	print("Plaza: the server closed the connection")
	_leave()


func _on_player_spawned(player: Node) -> void:
	if player.is_multiplayer_authority():
		print("Plaza: my player %s is on the plaza" % player.name)
		return
	print("Plaza: player %s appeared" % player.name)
	player.get_node("Sync").synchronized.connect(func(): updates_received += 1)


func _on_player_despawned(player: Node) -> void:
	print("Plaza: player %s disappeared" % player.name)


func _leave() -> void:
	if connect_url != "":
		print("Plaza: leaving after %d pose updates from others" % updates_received)
	else:
		print("Plaza: closing")
	multiplayer.multiplayer_peer.close()
	get_tree().quit()


## Returns "" or what is wrong with the arguments.
func _read_args(args: PackedStringArray) -> String:
	var i := 0
	while i < args.size():
		var key := args[i]
		if not key in ["--port", "--connect", "--lifetime"]:
			return "unknown argument '%s'" % key
		if i + 1 >= args.size():
			return "%s needs a value" % key
		var value := args[i + 1]
		i += 2
		match key:
			"--port":
				if not value.is_valid_int() or value.to_int() < 1 or value.to_int() > 65535:
					return "--port must be 1 to 65535, got '%s'" % value
				port = value.to_int()
			"--connect":
				if not (value.begins_with("ws://") or value.begins_with("wss://")):
					return "--connect must be a ws:// or wss:// URL, got '%s'" % value
				connect_url = value
			"--lifetime":
				if not value.is_valid_float() or value.to_float() <= 0.0:
					return "--lifetime must be a number of seconds above 0, got '%s'" % value
				lifetime = value.to_float()
	if connect_url != "" and "--port" in args:
		return "--port is for the server, --connect for a client: give one"
	return ""
