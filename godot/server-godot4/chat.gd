extends Node
## /root/Main/Chat: chat sentences, rebroadcast under stress.
##
## RPC modes (checked by the engine on the receiving side, SceneRPCInterface::_process_rpc):
## - "any_peer": any peer may call it - the contract's client -> server calls;
## - "authority": only the node's multiplayer authority may call it. Every node's authority is
##   peer 1, the server, so a client calling receive_message on the server is refused by the
##   engine ("RPC 'receive_message' is not allowed on node ..."), and a client accepts it only
##   from the server (another client cannot fake it through the relay).
## Both are declared here because the method ids are the position of the name among ALL the
## @rpc methods of the script, sorted (receive_message = 0, send_message = 1), and the path
## cache's md5 covers the same list (9873620e1a4cd5f998277279495460f3): a client declares the same.
## The server never runs receive_message: rpc() with the default call_remote only sends.
## Typed parameters make the engine refuse a call whose arguments do not convert (a text that is
## not a String never reaches send_message).

const MAX_TEXT_BYTES := 1024

var stress_mode := true
var accepted := 0              # sentences delivered
var rejected := 0              # sentences refused for their size
var _too_long_logged := {}     # peer id -> true once a too-long sentence of that peer was printed

@onready var main: Node = get_parent()


func configure(stress: bool) -> void:
	stress_mode = stress


## client -> server: a chat sentence; sent_usec is the sender's clock, seq its own counter.
@rpc("any_peer")
func send_message(text: String, sent_usec: int, seq: int) -> void:
	var from := multiplayer.get_remote_sender_id()
	var size := text.to_utf8_buffer().size()
	if size > MAX_TEXT_BYTES:
		rejected += 1
		if not _too_long_logged.has(from):
			_too_long_logged[from] = true
			print("peer %d sent a chat message of %d UTF-8 bytes (limit %d); rejected, further ones from it are counted, not printed" % [from, size, MAX_TEXT_BYTES])
		return
	accepted += 1
	if stress_mode:
		# every connected peer, the sender included (its own copy is its round trip)
		receive_message.rpc(from, text, sent_usec, seq)
	else:
		receive_message.rpc_id(from, from, text, sent_usec, seq)


## server -> clients: a delivered sentence. Declared for its id and mode; never run here.
@rpc("authority")
func receive_message(_from_peer: int, _text: String, _sent_usec: int, _seq: int) -> void:
	pass


func peer_left(id: int) -> void:
	_too_long_logged.erase(id)
