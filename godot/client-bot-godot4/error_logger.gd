extends Logger
## Counts the errors this engine logs (Godot 4.5+, OS.add_logger): a wrong CONFIRM_PATH or a path
## cache md5 that differs from the server's shows only as an engine error line, so the bots fail
## on any. runner.gd loads this script only where the Logger class exists.

var errors := 0
var first: Array[String] = []
var _mutex := Mutex.new()


func _log_error(function: String, file: String, line: int, code: String, rationale: String,
		_editor_notify: bool, error_type: int, _script_backtraces: Array[ScriptBacktrace]) -> void:
	if error_type == ERROR_TYPE_WARNING:
		return
	_mutex.lock()
	errors += 1
	if first.size() < 5:
		var what := rationale if rationale != "" else code
		first.append("%s (%s:%d, %s)" % [what, file, line, function])
	_mutex.unlock()


func _log_message(_message: String, _error: bool) -> void:
	pass


func snapshot() -> Array:
	_mutex.lock()
	var out := [errors, first.duplicate()]
	_mutex.unlock()
	return out
