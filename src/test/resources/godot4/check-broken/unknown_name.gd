extends Node

func _ready() -> void:
	var x := NoSuchClass.new()
	print(x)
