class_name Square extends Shape

var side: float


func _init(s: float) -> void:
	side = s


func area() -> float:
	return side * side
