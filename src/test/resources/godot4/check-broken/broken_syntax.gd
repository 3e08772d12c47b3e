extends Node

func _ready() -> void:
	if true
		print("missing colon")
