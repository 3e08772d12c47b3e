extends Node
## /root/Main/Stats: server vitals on request.
## "any_peer" for request_stats, "authority" for receive_stats (see the comment at the top of
## chat.gd). Ids: receive_stats = 0, request_stats = 1; md5 9b2718097db3bb3ebdc4b8dffcf666fb.

@onready var main: Node = get_parent()

## The longest frame (from one frame's start to the next) of the last whole second and of the
## current one: every peer's packets wait that long, so this is what a load test sees as latency
## when the server's main loop is busy. The reference server's loop_lag_msec is its counterpart.
var _longest_frame_last_usec := 0
var _longest_frame_usec := 0
var _second_started_usec := 0
var _frame_started_usec := 0


func _process(_delta: float) -> void:
	var now := Time.get_ticks_usec()
	if _frame_started_usec > 0:
		_longest_frame_usec = maxi(_longest_frame_usec, now - _frame_started_usec)
	_frame_started_usec = now
	if now - _second_started_usec >= 1000000:
		_longest_frame_last_usec = _longest_frame_usec
		_longest_frame_usec = 0
		_second_started_usec = now


## client -> server: ask for server vitals.
@rpc("any_peer")
func request_stats() -> void:
	var from := multiplayer.get_remote_sender_id()
	receive_stats.rpc_id(from, stats())


## server -> requester. Declared for its id and mode; never run here.
@rpc("authority")
func receive_stats(_stats: Dictionary) -> void:
	pass


## The Dictionary receive_stats carries: the contract's keys first, then this server's extras.
func stats() -> Dictionary:
	var world: Node = main.get_node("World")
	var chat: Node = main.get_node("Chat")
	var c: Dictionary = main.counters()
	var s := {
		"peers": main.peer_count(),
		"packets_in": c.packets_in,
		"packets_out": c.packets_out,
		"bytes_in": c.bytes_in,
		"bytes_out": c.bytes_out,
		"world_version": world.version,
		"uptime_msec": main.uptime_msec(),
		"fps": Performance.get_monitor(Performance.TIME_FPS),
		"process_msec": Performance.get_monitor(Performance.TIME_PROCESS) * 1000.0,
		"physics_msec": Performance.get_monitor(Performance.TIME_PHYSICS_PROCESS) * 1000.0,
		"frame_max_msec": maxi(_longest_frame_last_usec, _longest_frame_usec) / 1000.0,
		"objects": int(Performance.get_monitor(Performance.OBJECT_COUNT)),
		"nodes": int(Performance.get_monitor(Performance.OBJECT_NODE_COUNT)),
		"memory_static": int(Performance.get_monitor(Performance.MEMORY_STATIC)),
		"memory_static_max": int(Performance.get_monitor(Performance.MEMORY_STATIC_MAX)),
		"chat_accepted": chat.accepted,
		"chat_rejected": chat.rejected,
		"merges_applied": world.applied,
		"merges_rejected": world.rejected,
		"poses_relayed": main.get_node("Avatars").relayed,
		"engine": "Godot " + Engine.get_version_info().string,
		"transport": "bridge" if main.options.bridge != "" else "websocket",
	}
	return s
