extends Node
## /root/Main/Avatars: head poses, relayed to every other peer.
## "any_peer" for update_pose, "authority" for pose_changed (see the comment at the top of
## chat.gd). Ids: pose_changed = 0, update_pose = 1; md5 cdcee90394024725233f3c9e46cd8a84.

var relayed := 0   # poses relayed

@onready var main: Node = get_parent()


## client -> server: the user's head pose, sent at a fixed rate (default 10 Hz).
@rpc("any_peer")
func update_pose(pose: Transform3D, sent_usec: int) -> void:
	var from := multiplayer.get_remote_sender_id()
	relayed += 1
	# every connected peer except the sender
	pose_changed.rpc_id(-from, from, pose, sent_usec)


## server -> every other peer: a relayed pose. Declared for its id and mode; never run here.
@rpc("authority")
func pose_changed(_peer: int, _pose: Transform3D, _sent_usec: int) -> void:
	pass
