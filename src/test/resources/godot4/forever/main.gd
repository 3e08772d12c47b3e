extends Node

var frames := 0

func _ready() -> void:
	print("running until stopped")

func _process(_delta: float) -> void:
	frames += 1
	if frames == 30:
		print("30 frames")
