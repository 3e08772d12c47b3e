extends Node
## A bot's Main/Avatars: the same @rpc declarations as the server's (see client/chat.gd).

@rpc("any_peer")
func update_pose(pose: Transform3D, sent_usec: int) -> void:
	get_parent().get_parent().record("update_pose", [pose, sent_usec], multiplayer.get_remote_sender_id())


@rpc("authority")
func pose_changed(peer: int, pose: Transform3D, sent_usec: int) -> void:
	get_parent().get_parent().record("pose_changed", [peer, pose, sent_usec], multiplayer.get_remote_sender_id())
