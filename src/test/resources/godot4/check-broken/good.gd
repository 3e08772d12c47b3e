extends Node

func _ready() -> void:
	print("fine")
