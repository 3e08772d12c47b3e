extends Node
## A bot's Main/Chat. The same @rpc methods, modes and parameter types as the server's script:
## method ids are positions in the sorted list of a script's @rpc names, and the path cache's md5
## covers that list, so a client must declare exactly what the server declares.
## "authority": accepted only from the node's authority, peer 1 (the server).

@rpc("any_peer")
func send_message(text: String, sent_usec: int, seq: int) -> void:
	# a client never gets this from the server; another client could send it through the relay
	get_parent().get_parent().record("send_message", [text, sent_usec, seq], multiplayer.get_remote_sender_id())


@rpc("authority")
func receive_message(from_peer: int, text: String, sent_usec: int, seq: int) -> void:
	get_parent().get_parent().record("receive_message", [from_peer, text, sent_usec, seq], multiplayer.get_remote_sender_id())
