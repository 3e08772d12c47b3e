extends Node

func _ready() -> void:
	var total := 0.0
	for shape: Shape in [Square.new(2.0), Circle.new(1.0)]:
		total += shape.area()
	print("port ", Settings.port, ", area ", total)
