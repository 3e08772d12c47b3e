extends Node
# A bot's Main/World: the server -> client half of the contract.

puppet func edit_applied(op_id, version):
	get_parent().get_parent().record("edit_applied", [op_id, version])

puppet func edit_rejected(op_id, reason):
	get_parent().get_parent().record("edit_rejected", [op_id, reason])

puppet func world_changed(version, from_peer, glued):
	get_parent().get_parent().record("world_changed", [version, from_peer, glued])

puppet func receive_state(version, groups):
	get_parent().get_parent().record("receive_state", [version, groups])
