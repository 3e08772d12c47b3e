extends Node
# /root/Main/Stats: server vitals on request.
# `remote` for request_stats, `puppet` for receive_stats (see the comment at the top of chat.gd).

onready var main = get_parent()

# The longest frame (from one frame's start to the next) of the last whole second and of the
# current one: every peer's packets wait that long, so this is what a load test sees as latency
# when the server's main loop is busy. The reference server's loop_lag_msec is its counterpart.
var _longest_frame_last_usec = 0
var _longest_frame_usec = 0
var _second_started_usec = 0
var _frame_started_usec = 0


func _process(_delta):
	var now = OS.get_ticks_usec()
	if _frame_started_usec > 0:
		_longest_frame_usec = int(max(_longest_frame_usec, now - _frame_started_usec))
	_frame_started_usec = now
	if now - _second_started_usec >= 1000000:
		_longest_frame_last_usec = _longest_frame_usec
		_longest_frame_usec = 0
		_second_started_usec = now


# client -> server: ask for server vitals.
remote func request_stats():
	var from = get_tree().get_rpc_sender_id()
	main.count_in("request_stats", [])
	var s = stats()
	rpc_id(from, "receive_stats", s)
	main.count_out("receive_stats", [s], 1)


# server -> requester. Declared for its mode only.
puppet func receive_stats(_stats):
	pass


# The Dictionary receive_stats carries. The packet and byte counters are counted by the scripts
# (Godot 3.2 has no network counters a script can read): see README.md, "Stats".
func stats():
	var world = main.get_node("World")
	var chat = main.get_node("Chat")
	return {
		"peers": main.peer_count(),
		"packets_in": main.packets_in,
		"packets_out": main.packets_out,
		"bytes_in": main.bytes_in,
		"bytes_out": main.bytes_out,
		"world_version": world.version,
		"uptime_msec": main.uptime_msec(),
		"fps": Performance.get_monitor(Performance.TIME_FPS),
		"process_msec": Performance.get_monitor(Performance.TIME_PROCESS) * 1000.0,
		"physics_msec": Performance.get_monitor(Performance.TIME_PHYSICS_PROCESS) * 1000.0,
		"frame_max_msec": max(_longest_frame_last_usec, _longest_frame_usec) / 1000.0,
		"objects": int(Performance.get_monitor(Performance.OBJECT_COUNT)),
		"nodes": int(Performance.get_monitor(Performance.OBJECT_NODE_COUNT)),
		"memory_static": int(Performance.get_monitor(Performance.MEMORY_STATIC)),
		"memory_static_max": int(Performance.get_monitor(Performance.MEMORY_STATIC_MAX)),
		"chat_accepted": chat.accepted,
		"chat_rejected": chat.rejected,
		"merges_applied": world.applied,
		"merges_rejected": world.rejected,
		"poses_relayed": main.get_node("Avatars").relayed,
		"calls_refused": main.refused,
		"engine": Engine.get_version_info().string,
	}
