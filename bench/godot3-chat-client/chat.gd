extends Node
# /root/Main/Chat, the same path as the server's node, so the server's calls resolve here.
#
# Only receive_message is declared. Godot 3 checks an RPC's mode on the receiving side only
# (MultiplayerAPI::_process_rpc); rpc_id(1, "send_message", ...) to the server is sent by name
# without looking at this script, so send_message needs no declaration here.
#
# `puppet`, as in the server's chat.gd: accepted only from this node's network master, peer 1
# (the server), so another client cannot fake a delivery through the server's relay.

var received = 0


puppet func receive_message(_from_peer, _text, _sent_usec, _seq):
	received += 1


# One sentence to the server, which in stress mode sends it back to everyone, us included.
func say(text, seq):
	# wall clock in microseconds, as the contract's sent_usec (OS.get_ticks_usec() would be
	# this process's uptime, meaningless to the other clients)
	var sent_usec = OS.get_system_time_msecs() * 1000
	rpc_id(1, "send_message", text, sent_usec, seq)
