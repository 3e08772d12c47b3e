extends Node
## A bot's Main/Stats: the same @rpc declarations as the server's (see client/chat.gd).

@rpc("any_peer")
func request_stats() -> void:
	get_parent().get_parent().record("request_stats", [], multiplayer.get_remote_sender_id())


@rpc("authority")
func receive_stats(stats: Dictionary) -> void:
	get_parent().get_parent().record("receive_stats", [stats], multiplayer.get_remote_sender_id())
