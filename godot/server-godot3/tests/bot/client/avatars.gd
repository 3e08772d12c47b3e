extends Node
# A bot's Main/Avatars.

puppet func pose_changed(peer, pose, sent_usec):
	get_parent().get_parent().record("pose_changed", [peer, pose, sent_usec])
