extends Node
# A bot's /Main/Chat (path "Main/Chat" relative to the bot's MultiplayerAPI root).
# `puppet`: accepted only from the node's network master, peer 1 (the server).

puppet func receive_message(from_peer, text, sent_usec, seq):
	get_parent().get_parent().record("receive_message", [from_peer, text, sent_usec, seq])
