extends Node
## A bot's Main/World: the same @rpc declarations as the server's (see client/chat.gd).

@rpc("any_peer")
func merge_world(op_id: int, glued: PackedInt32Array) -> void:
	get_parent().get_parent().record("merge_world", [op_id, glued], multiplayer.get_remote_sender_id())


@rpc("any_peer")
func request_state() -> void:
	get_parent().get_parent().record("request_state", [], multiplayer.get_remote_sender_id())


@rpc("authority")
func edit_applied(op_id: int, version: int) -> void:
	get_parent().get_parent().record("edit_applied", [op_id, version], multiplayer.get_remote_sender_id())


@rpc("authority")
func edit_rejected(op_id: int, reason: String) -> void:
	get_parent().get_parent().record("edit_rejected", [op_id, reason], multiplayer.get_remote_sender_id())


@rpc("authority")
func world_changed(version: int, from_peer: int, glued: PackedInt32Array) -> void:
	get_parent().get_parent().record("world_changed", [version, from_peer, glued], multiplayer.get_remote_sender_id())


@rpc("authority")
func receive_state(version: int, groups: Array) -> void:
	get_parent().get_parent().record("receive_state", [version, groups], multiplayer.get_remote_sender_id())
