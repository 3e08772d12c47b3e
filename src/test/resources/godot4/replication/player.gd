extends CharacterBody3D
## A player, spawned by Main/PlayerSpawner under Main/Players and named after its peer's id.

var stamp := 0


@rpc("any_peer", "call_remote", "unreliable", 2)
func wave(_x: int) -> void:
	pass
