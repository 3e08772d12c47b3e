extends Node

func _ready() -> void:
	print("hello from Godot ", Engine.get_version_info().string)
	print("user args: ", JSON.stringify(OS.get_cmdline_user_args()))
	print(Greeter.new().greet("load test"))
	printerr("a line on stderr")
	get_tree().quit(7)
