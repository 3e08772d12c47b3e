extends "res://shapes/shape.gd"
class_name Circle

var radius: float


func _init(r: float) -> void:
	radius = r


func area() -> float:
	return PI * radius * radius
