extends Node
## The fixture's game root. Its _ready() would start the game (networking, in a real one); the
## contract extractor instantiates the scene without adding it to the tree, so it must never run.

var score := 0


@rpc("authority", "call_local", "reliable")
func announce(_text: String, _round_number: int) -> void:
	pass


func _ready() -> void:
	push_error("main.gd _ready() ran: the contract extractor must not add the scene to the tree")
