extends Node
## godot-load's script check: loads every script of the project (listed in scripts.txt by the pack
## builder) and says, one line each, which did not load or cannot be instantiated. The engine prints
## its own SCRIPT ERROR / ERROR lines for each failure; the Java side reads both, then the summary.

const LIST := "res://__godot_load_check__/scripts.txt"


func _ready() -> void:
	var paths := FileAccess.get_file_as_string(LIST).split("\n", false)
	var failed := 0
	for path in paths:
		var script := load(path) as Script
		if script == null:
			failed += 1
			print("godot-load check: FAIL ", path, ": did not load")
		elif not script.can_instantiate() and not _is_abstract(script):
			failed += 1
			print("godot-load check: FAIL ", path, ": cannot be instantiated")
		else:
			print("godot-load check: ok ", path)
	print("godot-load check: %d scripts, %d failed" % [paths.size(), failed])
	get_tree().quit(1 if failed > 0 else 0)


func _is_abstract(script: Script) -> bool:
	return script.has_method("is_abstract") and script.call("is_abstract")
