extends MultiplayerPeerExtension
## Wraps another MultiplayerPeer (a WebSocketMultiplayerPeer server in native mode) and counts the
## SceneMultiplayer packets that pass through it, for Main/Stats: Godot 4 exposes no network
## counters to scripts. Everything else is handed to the wrapped peer unchanged, signals included.
## (BridgePeer counts the same way by itself, so browser mode needs no wrapper; `--wrap-peer`
## puts this one around BridgePeer too, which is how it is tested where no native Godot 4 runs.)

var inner: MultiplayerPeer
var packets_in := 0
var bytes_in := 0
var packets_out := 0
var bytes_out := 0
var _target_peer := 0
var _peer_count := 0


func _init(p_inner: MultiplayerPeer) -> void:
	inner = p_inner
	inner.peer_connected.connect(_on_inner_peer_connected)
	inner.peer_disconnected.connect(_on_inner_peer_disconnected)


func _on_inner_peer_connected(id: int) -> void:
	_peer_count += 1
	peer_connected.emit(id)


func _on_inner_peer_disconnected(id: int) -> void:
	_peer_count = maxi(0, _peer_count - 1)
	peer_disconnected.emit(id)


func _get_packet_script() -> PackedByteArray:
	var data := inner.get_packet()
	if not data.is_empty():
		packets_in += 1
		bytes_in += data.size()
	return data


func _put_packet_script(p_buffer: PackedByteArray) -> Error:
	var err := inner.put_packet(p_buffer)
	if err == OK:
		var copies := 1
		if _target_peer == 0:
			copies = _peer_count
		elif _target_peer < 0:
			copies = maxi(0, _peer_count - 1)
		packets_out += copies
		bytes_out += copies * p_buffer.size()
	return err


func _get_available_packet_count() -> int:
	return inner.get_available_packet_count()


func _get_max_packet_size() -> int:
	return 65535


func _get_packet_peer() -> int:
	return inner.get_packet_peer()


func _get_packet_channel() -> int:
	return inner.get_packet_channel()


func _get_packet_mode() -> MultiplayerPeer.TransferMode:
	return inner.get_packet_mode()


func _set_target_peer(p_peer: int) -> void:
	_target_peer = p_peer
	inner.set_target_peer(p_peer)


func _set_transfer_mode(p_mode: MultiplayerPeer.TransferMode) -> void:
	inner.transfer_mode = p_mode


func _get_transfer_mode() -> MultiplayerPeer.TransferMode:
	return inner.transfer_mode


func _set_transfer_channel(p_channel: int) -> void:
	inner.transfer_channel = p_channel


func _get_transfer_channel() -> int:
	return inner.transfer_channel


func _set_refuse_new_connections(p_enable: bool) -> void:
	inner.refuse_new_connections = p_enable


func _is_refusing_new_connections() -> bool:
	return inner.refuse_new_connections


func _get_unique_id() -> int:
	return inner.get_unique_id()


func _is_server() -> bool:
	return inner.get_unique_id() == 1


func _is_server_relay_supported() -> bool:
	return inner.is_server_relay_supported()


func _get_connection_status() -> MultiplayerPeer.ConnectionStatus:
	return inner.get_connection_status()


func _poll() -> void:
	inner.poll()


func _close() -> void:
	inner.close()
	_peer_count = 0


func _disconnect_peer(p_peer: int, p_force: bool) -> void:
	inner.disconnect_peer(p_peer, p_force)
