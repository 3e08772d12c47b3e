extends Node

var frames := 0


func _ready() -> void:
	print("about to crash")


func _process(_delta: float) -> void:
	frames += 1
	if frames == 5:
		OS.crash("deliberate crash for the runner's test")
