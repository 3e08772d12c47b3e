extends Node
# /root/Main/Chat: chat sentences, rebroadcast under stress.
#
# RPC keywords (Godot 3.2 core/io/multiplayer_api.cpp, _can_call_mode, run on the receiver):
# - `remote`: any peer may call it; this is the contract's any_peer, for client -> server calls.
# - `puppet`: allowed only when the receiving node is NOT its network master and the caller IS
#   the master. Every node's master is peer 1, the server, so on the server (the master) a client
#   calling a puppet method is refused by the engine ("RPC '...' is not allowed on node ...");
#   on a client it is accepted only from peer 1, so another client cannot fake it through the
#   server's relay either. That is the contract's authority mode, for server -> client calls.
#   (`master` would be the opposite: callable on the server by anyone. `remotesync` would let
#   clients call it on the server and also run it locally; `puppetsync` would run it locally
#   on the server on every rpc().) The server never runs a puppet body: _should_call_local()
#   returns false for PUPPET on the master, so rpc() only sends.

const MAX_TEXT_BYTES = 1024

var stress_mode = true
var accepted = 0           # sentences delivered
var rejected = 0           # sentences refused for their size
var _too_long_logged = {}  # peer id -> true once a too-long sentence of that peer was printed

onready var main = get_parent()


func configure(stress):
	stress_mode = stress


# client -> server: a chat sentence; sent_usec is the sender's clock, seq its own counter.
remote func send_message(text, sent_usec, seq):
	var from = get_tree().get_rpc_sender_id()
	main.count_in("send_message", [text, sent_usec, seq])
	if typeof(text) != TYPE_STRING:
		main.refuse(from, "Main/Chat.send_message: text must be a String, got %s" % main.type_name(text))
		return
	if typeof(sent_usec) != TYPE_INT or typeof(seq) != TYPE_INT:
		main.refuse(from, "Main/Chat.send_message: sent_usec and seq must be ints, got %s and %s" % [main.type_name(sent_usec), main.type_name(seq)])
		return
	var size = text.to_utf8().size()
	if size > MAX_TEXT_BYTES:
		rejected += 1
		if not _too_long_logged.has(from):
			_too_long_logged[from] = true
			print("peer %d sent a chat message of %d UTF-8 bytes (limit %d); rejected, further ones from it are counted, not printed" % [from, size, MAX_TEXT_BYTES])
		return
	accepted += 1
	var delivery = [from, text, sent_usec, seq]
	if stress_mode:
		# to = 0: every connected peer, the sender included (its own copy is its round trip)
		rpc("receive_message", from, text, sent_usec, seq)
		main.count_out("receive_message", delivery, main.peer_count())
	else:
		rpc_id(from, "receive_message", from, text, sent_usec, seq)
		main.count_out("receive_message", delivery, 1)


# server -> clients: a delivered sentence. Declared here so the engine knows its mode; the
# server never runs it (a client calling it on the server is refused by the engine).
puppet func receive_message(_from_peer, _text, _sent_usec, _seq):
	pass


func peer_left(id):
	_too_long_logged.erase(id)
