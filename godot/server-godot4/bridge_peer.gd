extends MultiplayerPeerExtension
## A server-side MultiplayerPeer whose clients live behind a bridge.
##
## A browser cannot listen on a port, so a Godot server running in one gets its clients from a
## local bridge process: the bridge accepts the real WebSocket clients, does the Godot 4 handshake
## (the 4-byte peer id), and carries every client's packets over ONE WebSocket to this peer, which
## the engine opens as a client (WebSocketPeer). Everything above the transport - admission,
## ADD_PEER/DEL_PEER, relay, the path cache, RPC ids and modes, the game - is decided by the
## engine's own SceneMultiplayer, exactly as with WebSocketMultiplayerPeer.create_server().
##
## Bridge protocol v1: binary WebSocket messages, little endian, `u8 kind | i32 peer | payload`.
##   bridge -> engine  1 PEER_CONNECTED(peer)      a client got id `peer` (no payload)
##                     2 PEER_DISCONNECTED(peer)   it is gone
##                     3 PACKET(peer = sender, payload = its SceneMultiplayer packet as received)
##   engine -> bridge  5 READY(0, UTF-8 text)      sent once on open; the bridge admits clients after it
##                     3 PACKET(peer = target, payload): 0 every client, >1 that client,
##                       <0 every client except -target (MultiplayerPeer target semantics)
##                     4 DISCONNECT(peer)          close that client
## Everything is reliable and ordered: transfer modes and channels are accepted and ignored, as
## WebSocketMultiplayerPeer does. A message is at most 65,535 + 5 bytes.
##
## Ordering: a PEER_DISCONNECTED is handed to the engine only after every packet that client sent
## before it was taken by SceneMultiplayer (else the engine would log "!connected_peers.has(sender)"
## for them); whatever the bridge sent after it waits for the next poll.

## Emitted once the bridge connection is open and READY was sent.
signal bridge_ready
## Emitted once when the bridge connection is closed (or could not be opened).
signal bridge_closed(code: int, reason: String)

const KIND_PEER_CONNECTED := 1
const KIND_PEER_DISCONNECTED := 2
const KIND_PACKET := 3
const KIND_DISCONNECT := 4
const KIND_READY := 5
const HEADER_BYTES := 5
## The largest SceneMultiplayer packet either way (a WebSocketMultiplayerPeer's default buffers).
const MAX_PACKET_BYTES := 65535
## The one bridge connection carries every client: its buffers are sized for bursts from all of
## them (the browser's WebSocket delivers messages between frames into this ring buffer; a full
## buffer drops data with an engine error).
const BRIDGE_BUFFER_BYTES := 1 << 24
const BRIDGE_QUEUED_MESSAGES := 1 << 17

## The text READY carries, e.g. "server-godot4 on Godot 4.6, stress mode on, 1000 props".
var ready_text := "server-godot4"
## True once the bridge connection was open (READY sent).
var opened := false
## Messages the bridge sent that broke protocol v1 (each one logged).
var protocol_errors := 0
## SceneMultiplayer packets in and out at this peer (one per client packet / per put_packet).
var packets_in := 0
var bytes_in := 0
var packets_out := 0
var bytes_out := 0

var _url := ""
var _ws := WebSocketPeer.new()
var _status: MultiplayerPeer.ConnectionStatus = MultiplayerPeer.CONNECTION_DISCONNECTED
var _target_peer := 0
var _transfer_mode: MultiplayerPeer.TransferMode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
var _transfer_channel := 0
var _refusing := false
var _closed_emitted := false

var _peers := {}            # client id -> true, as the engine knows them
var _closing := {}          # client id -> true: disconnect_peer(id) asked, peer_disconnected still due
var _inbox: Array[PackedByteArray] = []   # bridge messages read, not yet handled (from _inbox_head)
var _inbox_head := 0
var _queue_from := PackedInt32Array()     # packets for SceneMultiplayer (from _queue_head)
var _queue_data: Array[PackedByteArray] = []
var _queue_head := 0
var _queued_by_peer := {}   # client id -> packets of it still in the queue


## Opens the bridge connection (ws://HOST:PORT). Status is CONNECTING until it is open.
func connect_to_bridge(url: String) -> Error:
	if _status != MultiplayerPeer.CONNECTION_DISCONNECTED:
		return ERR_ALREADY_IN_USE
	_clear()
	_url = url
	_ws = WebSocketPeer.new()
	_ws.inbound_buffer_size = BRIDGE_BUFFER_BYTES
	_ws.outbound_buffer_size = BRIDGE_BUFFER_BYTES
	_ws.max_queued_packets = BRIDGE_QUEUED_MESSAGES
	var err := _ws.connect_to_url(url)
	if err != OK:
		return err
	_status = MultiplayerPeer.CONNECTION_CONNECTING
	_closed_emitted = false
	opened = false
	return OK


func get_url() -> String:
	return _url


## Clients the engine currently knows (connected, not yet disconnected).
func client_count() -> int:
	return _peers.size()


func _poll() -> void:
	if _status == MultiplayerPeer.CONNECTION_DISCONNECTED:
		return
	_ws.poll()
	var state := _ws.get_ready_state()
	if state == WebSocketPeer.STATE_OPEN:
		if _status == MultiplayerPeer.CONNECTION_CONNECTING:
			_status = MultiplayerPeer.CONNECTION_CONNECTED
			opened = true
			_send(KIND_READY, 0, ready_text.to_utf8_buffer())
			bridge_ready.emit()
		while _ws.get_available_packet_count() > 0:
			_inbox.append(_ws.get_packet())
		_finish_closing()
		_handle_inbox()
	elif state == WebSocketPeer.STATE_CLOSED:
		var code := _ws.get_close_code()
		var reason := _ws.get_close_reason()
		_clear()
		if not _closed_emitted:
			_closed_emitted = true
			bridge_closed.emit(code, reason)


# Hands the bridge's messages to the engine in order, stopping at a PEER_DISCONNECTED whose
# client still has packets in the queue.
func _handle_inbox() -> void:
	while _inbox_head < _inbox.size():
		var msg: PackedByteArray = _inbox[_inbox_head]
		if msg.size() < HEADER_BYTES:
			_protocol_error("a message of %d bytes (at least %d expected)" % [msg.size(), HEADER_BYTES])
			_inbox_head += 1
			continue
		var kind := msg.decode_u8(0)
		var peer := msg.decode_s32(1)
		if kind == KIND_PACKET:
			_inbox_head += 1
			if not _peers.has(peer) or _closing.has(peer):
				continue   # a client the engine dropped (disconnect_peer): its late packets go nowhere
			if msg.size() == HEADER_BYTES:
				continue   # an empty WebSocket message carries no SceneMultiplayer packet
			_enqueue(peer, msg.slice(HEADER_BYTES))
		elif kind == KIND_PEER_CONNECTED:
			_inbox_head += 1
			if peer < 2:
				_protocol_error("PEER_CONNECTED for id %d (client ids are 2 to 2147483647)" % peer)
			elif _peers.has(peer):
				_protocol_error("PEER_CONNECTED for %d, which is already connected" % peer)
			elif _refusing:
				_send(KIND_DISCONNECT, peer, PackedByteArray())
			else:
				_peers[peer] = true
				peer_connected.emit(peer)
		elif kind == KIND_PEER_DISCONNECTED:
			if _queued_by_peer.get(peer, 0) > 0:
				break   # its packets first; the rest waits for the next poll
			_inbox_head += 1
			if _peers.has(peer):
				_peers.erase(peer)
				_closing.erase(peer)
				peer_disconnected.emit(peer)
		else:
			_inbox_head += 1
			_protocol_error("unknown message kind %d" % kind)
		if _status != MultiplayerPeer.CONNECTION_CONNECTED:
			return   # a signal handler closed us
	if _inbox_head >= _inbox.size():
		_inbox.clear()
		_inbox_head = 0
	elif _inbox_head > 1024:
		_inbox = _inbox.slice(_inbox_head)
		_inbox_head = 0


# disconnect_peer(id) without force: peer_disconnected follows on the next poll, as with
# WebSocketMultiplayerPeer (its closed socket is noticed then).
func _finish_closing() -> void:
	if _closing.is_empty():
		return
	for peer in _closing.keys():
		if _queued_by_peer.get(peer, 0) > 0:
			continue
		_closing.erase(peer)
		if _peers.has(peer):
			_peers.erase(peer)
			peer_disconnected.emit(peer)


func _enqueue(peer: int, data: PackedByteArray) -> void:
	_queue_from.append(peer)
	_queue_data.append(data)
	_queued_by_peer[peer] = _queued_by_peer.get(peer, 0) + 1


func _get_available_packet_count() -> int:
	return _queue_data.size() - _queue_head


func _get_packet_peer() -> int:
	if _queue_head >= _queue_data.size():
		return 0
	return _queue_from[_queue_head]


func _get_packet_channel() -> int:
	return 0


func _get_packet_mode() -> MultiplayerPeer.TransferMode:
	return MultiplayerPeer.TRANSFER_MODE_RELIABLE


func _get_packet_script() -> PackedByteArray:
	if _queue_head >= _queue_data.size():
		return PackedByteArray()   # the engine reports ERR_UNAVAILABLE
	var peer := _queue_from[_queue_head]
	var data: PackedByteArray = _queue_data[_queue_head]
	_queue_data[_queue_head] = PackedByteArray()
	_queue_head += 1
	var left: int = _queued_by_peer.get(peer, 1) - 1
	if left <= 0:
		_queued_by_peer.erase(peer)
	else:
		_queued_by_peer[peer] = left
	if _queue_head >= _queue_data.size():
		_queue_from.clear()
		_queue_data.clear()
		_queue_head = 0
	packets_in += 1
	bytes_in += data.size()
	return data


func _put_packet_script(p_buffer: PackedByteArray) -> Error:
	if _status != MultiplayerPeer.CONNECTION_CONNECTED:
		return ERR_UNCONFIGURED
	if p_buffer.size() > MAX_PACKET_BYTES:
		push_error("BridgePeer: a packet of %d bytes is over the %d-byte limit; not sent" % [p_buffer.size(), MAX_PACKET_BYTES])
		return ERR_OUT_OF_MEMORY
	if _target_peer > 0 and not _peers.has(_target_peer):
		push_error("BridgePeer: peer not found: %d" % _target_peer)
		return ERR_INVALID_PARAMETER
	var err := _send(KIND_PACKET, _target_peer, p_buffer)
	if err == OK:
		var copies := 1
		if _target_peer == 0:
			copies = _peers.size()
		elif _target_peer < 0:
			copies = _peers.size() - (1 if _peers.has(-_target_peer) else 0)
		packets_out += copies
		bytes_out += copies * p_buffer.size()
	return err


func _get_max_packet_size() -> int:
	return MAX_PACKET_BYTES


func _set_target_peer(p_peer: int) -> void:
	_target_peer = p_peer


func _set_transfer_mode(p_mode: MultiplayerPeer.TransferMode) -> void:
	_transfer_mode = p_mode


func _get_transfer_mode() -> MultiplayerPeer.TransferMode:
	return _transfer_mode


func _set_transfer_channel(p_channel: int) -> void:
	_transfer_channel = p_channel


func _get_transfer_channel() -> int:
	return _transfer_channel


func _set_refuse_new_connections(p_enable: bool) -> void:
	_refusing = p_enable


func _is_refusing_new_connections() -> bool:
	return _refusing


func _get_unique_id() -> int:
	return 1


func _is_server() -> bool:
	return true


func _is_server_relay_supported() -> bool:
	return true


func _get_connection_status() -> MultiplayerPeer.ConnectionStatus:
	return _status


func _disconnect_peer(p_peer: int, p_force: bool) -> void:
	if not _peers.has(p_peer):
		push_error("BridgePeer: disconnect_peer(%d): no such peer" % p_peer)
		return
	_send(KIND_DISCONNECT, p_peer, PackedByteArray())
	# Its queued packets are dropped: SceneMultiplayer.disconnect_peer() has already forgotten the
	# peer, so it would log "!connected_peers.has(sender)" for each of them.
	_drop_queued(p_peer)
	if p_force:
		# Gone at once and without a signal, as WebSocketMultiplayerPeer does.
		_peers.erase(p_peer)
		_closing.erase(p_peer)
	else:
		_closing[p_peer] = true


func _close() -> void:
	if _ws.get_ready_state() == WebSocketPeer.STATE_OPEN or _ws.get_ready_state() == WebSocketPeer.STATE_CONNECTING:
		_ws.close(1000, "server closed")
	_clear()
	_closed_emitted = true   # closed on purpose: no bridge_closed


func _send(kind: int, peer: int, payload: PackedByteArray) -> Error:
	var msg := PackedByteArray()
	msg.resize(HEADER_BYTES)
	msg.encode_u8(0, kind)
	msg.encode_s32(1, peer)
	if not payload.is_empty():
		msg.append_array(payload)
	var err := _ws.send(msg)
	if err != OK:
		push_error("BridgePeer: sending a kind-%d message for peer %d to the bridge failed (error %d)" % [kind, peer, err])
	return err


func _drop_queued(peer: int) -> void:
	if not _queued_by_peer.has(peer):
		return
	var from := PackedInt32Array()
	var data: Array[PackedByteArray] = []
	for i in range(_queue_head, _queue_data.size()):
		if _queue_from[i] != peer:
			from.append(_queue_from[i])
			data.append(_queue_data[i])
	_queue_from = from
	_queue_data = data
	_queue_head = 0
	_queued_by_peer.erase(peer)


func _protocol_error(what: String) -> void:
	protocol_errors += 1
	push_error("BridgePeer: bridge protocol v1 violated: " + what)


func _clear() -> void:
	_status = MultiplayerPeer.CONNECTION_DISCONNECTED
	_peers.clear()
	_closing.clear()
	_inbox.clear()
	_inbox_head = 0
	_queue_from.clear()
	_queue_data.clear()
	_queue_head = 0
	_queued_by_peer.clear()
