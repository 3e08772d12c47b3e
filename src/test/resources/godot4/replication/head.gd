extends Node3D
## The player's head: an RPC with an untyped parameter and the default mode (authority).


@rpc
func look(_direction, _strength: float) -> void:
	pass
