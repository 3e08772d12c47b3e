@abstract
class_name Shape
extends RefCounted

@abstract func area() -> float


class Meta:
	var created_msec := Time.get_ticks_msec()
