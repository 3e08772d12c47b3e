extends Node
# /root/Main/Avatars: head poses, relayed to every other peer.
# `remote` for update_pose (any peer may call it), `puppet` for pose_changed (only the server,
# peer 1, may call it on a client; a client calling it on the server is refused by the engine).
# See the comment at the top of chat.gd.

var relayed = 0   # poses relayed

onready var main = get_parent()


# client -> server: the user's head pose, sent at a fixed rate (default 10 Hz).
remote func update_pose(pose, sent_usec):
	var from = get_tree().get_rpc_sender_id()
	main.count_in("update_pose", [pose, sent_usec])
	if typeof(pose) != TYPE_TRANSFORM or typeof(sent_usec) != TYPE_INT:
		main.refuse(from, "Main/Avatars.update_pose: pose must be a Transform and sent_usec an int, got %s and %s" % [main.type_name(pose), main.type_name(sent_usec)])
		return
	relayed += 1
	# to = -from: every connected peer except the sender
	rpc_id(-from, "pose_changed", from, pose, sent_usec)
	main.count_out("pose_changed", [from, pose, sent_usec], main.peer_count() - 1)


# server -> every other peer: a relayed pose. Declared for its mode only.
puppet func pose_changed(_peer, _pose, _sent_usec):
	pass
