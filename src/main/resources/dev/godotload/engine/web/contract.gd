extends Node
## godot-load's contract extractor. It instantiates a scene of the project (scene.txt names it; empty
## means the project's run/main_scene) WITHOUT adding it to the tree, so no _ready() runs and the game
## starts no networking, and prints what the engine knows of its multiplayer surface as one JSON line:
## the @rpc methods of every scripted node, every MultiplayerSpawner with its spawnable scenes (each
## instantiated the same way) and every MultiplayerSynchronizer. The Java side (ContractExtract) turns
## that line into the contract. Exit code: 0 done, 2 no such scene, 1 anything else; a failure prints
## one "godot-load contract: error: ..." line first.

const DIR := "res://__godot_load_contract__/"
const PREFIX := "godot-load contract: "
const FAILED := 1
const NO_SUCH_SCENE := 2  # ContractExtract.NO_SUCH_SCENE: the command exits 2 for it

# As SceneRPCInterface::_parse_rpc_config reads a script's RPC config, defaults included.
const RPC_MODES := {
	MultiplayerAPI.RPC_MODE_DISABLED: "disabled",
	MultiplayerAPI.RPC_MODE_ANY_PEER: "any_peer",
	MultiplayerAPI.RPC_MODE_AUTHORITY: "authority",
}
const TRANSFER_MODES := {
	MultiplayerPeer.TRANSFER_MODE_UNRELIABLE: "unreliable",
	MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED: "unreliable_ordered",
	MultiplayerPeer.TRANSFER_MODE_RELIABLE: "reliable",
}
const REPLICATION_MODES := {
	SceneReplicationConfig.REPLICATION_MODE_NEVER: "never",
	SceneReplicationConfig.REPLICATION_MODE_ALWAYS: "always",
	SceneReplicationConfig.REPLICATION_MODE_ON_CHANGE: "on_change",
}

var _exit_code := 0


func _ready() -> void:
	var result := _extract()
	if _exit_code == 0:
		print(PREFIX, JSON.stringify(result, "", false, true))
	get_tree().quit(_exit_code)


func _fail(code: int, message: String) -> void:
	if _exit_code == 0:
		_exit_code = code
		print(PREFIX, "error: ", message)


func _extract() -> Dictionary:
	var path := _scene_path()
	if _exit_code != 0:
		return {}
	var root := _instantiate(_resolve(path, NO_SUCH_SCENE, "the scene " + path), "the scene " + path)
	if root == null:
		return {}
	var nodes := []
	var synchronizers := []
	var spawners := []
	for node in _tree(root):
		var at := _from_multiplayer_root(root, node)
		_add_rpc_node(node, at, nodes)
		if node is MultiplayerSynchronizer:
			synchronizers.append(_synchronizer(node, at))
		elif node is MultiplayerSpawner:
			spawners.append(_spawner(node, at, root))
	root.free()
	return {
		"project": str(ProjectSettings.get_setting("application/config/name", "")),
		"scene": path,
		"engine": Engine.get_version_info()["string"],
		"nodes": nodes,
		"spawners": spawners,
		"synchronizers": synchronizers,
	}


## The node's path relative to /root, where the game adds the scene: it starts with the root's name.
func _from_multiplayer_root(root: Node, node: Node) -> String:
	return String(root.name) if node == root else String(root.name) + "/" + str(root.get_path_to(node))


## The scene asked for, else the project's main scene as its own project.godot has it (the pack's
## names this extractor instead); "" after a failure.
func _scene_path() -> String:
	var asked := FileAccess.get_file_as_string(DIR + "scene.txt").strip_edges()
	if not asked.is_empty():
		return asked
	var project := ConfigFile.new()
	var err := project.load(DIR + "project.godot")
	if err != OK:
		_fail(FAILED, "cannot read the project's project.godot (%s)" % error_string(err))
		return ""
	var main := str(project.get_value("application", "run/main_scene", ""))
	if main.is_empty():
		_fail(NO_SUCH_SCENE, "the project has no main scene (application/run/main_scene); name one with --scene res://...")
	return main


## The res:// file of a scene path (a uid:// one resolved); "" after a failure, with missing_code
## when there is no such scene.
func _resolve(path: String, missing_code: int, what: String) -> String:
	var file := path
	if path.begins_with("uid://"):
		var id := ResourceUID.text_to_id(path)
		if id == ResourceUID.INVALID_ID or not ResourceUID.has_id(id):
			_fail(missing_code, "%s cannot be resolved: the pack has no UID cache; name the scene by its res:// path" % what)
			return ""
		file = ResourceUID.get_id_path(id)
	if not ResourceLoader.exists(file):
		_fail(missing_code, "%s does not exist" % what)
		return ""
	return file


## The scene in file, instantiated outside the tree; null after a failure.
func _instantiate(file: String, what: String) -> Node:
	if file.is_empty():
		return null
	var scene := load(file) as PackedScene
	if scene == null:
		_fail(FAILED, "%s is not a scene" % what)
		return null
	var root := scene.instantiate()
	if root == null:
		_fail(FAILED, "%s could not be instantiated" % what)
	return root


## The node and its descendants, parents first, in tree order.
func _tree(node: Node) -> Array[Node]:
	var all: Array[Node] = [node]
	for child in node.get_children():
		all.append_array(_tree(child))
	return all


## Appends {path, rpcs} when the node's script declares @rpc methods (what SceneRPCInterface reads;
## RPCs a script adds with rpc_config() at run time are not there yet).
func _add_rpc_node(node: Node, path: String, nodes: Array) -> void:
	var script := node.get_script() as Script
	if script == null:
		return
	var config = script.get_rpc_config()
	if typeof(config) != TYPE_DICTIONARY or config.is_empty():
		return
	var methods := {}
	for method in script.get_script_method_list():
		var method_name := str(method["name"])
		if not methods.has(method_name):
			methods[method_name] = method  # the script's own first, then its base scripts'
	var rpcs := []
	for key in config:
		var name := str(key)
		var rpc: Dictionary = config[key]
		if not methods.has(name):
			_fail(FAILED, "%s declares @rpc %s, which its method list does not have" % [script.resource_path, name])
			return
		var args := []
		for arg in methods[name]["args"]:
			args.append("Variant" if arg["type"] == TYPE_NIL else type_string(arg["type"]))
		rpcs.append({
			"name": name,
			"mode": RPC_MODES.get(rpc.get("rpc_mode", MultiplayerAPI.RPC_MODE_AUTHORITY), "disabled"),
			"args": args,
			"transfer_mode": TRANSFER_MODES.get(rpc.get("transfer_mode", MultiplayerPeer.TRANSFER_MODE_RELIABLE), "reliable"),
			"channel": int(rpc.get("channel", 0)),
			"call_local": bool(rpc.get("call_local", false)),
		})
	nodes.append({"path": path, "rpcs": rpcs})


func _synchronizer(sync: MultiplayerSynchronizer, path: String) -> Dictionary:
	# An absolute root_path cannot be followed outside the tree (get_node would log an error).
	var root: Node = null
	if not sync.root_path.is_absolute():
		root = sync.get_node_or_null(sync.root_path)
	var properties := []
	var config := sync.replication_config
	if config != null:
		for property: NodePath in config.get_properties():
			properties.append({
				"path": str(property),
				"type": _type_of(root, property),
				"spawn": config.property_get_spawn(property),
				"mode": REPLICATION_MODES.get(config.property_get_replication_mode(property), "never"),
			})
	return {
		"path": path,
		"root_path": str(sync.root_path),
		"replication_interval": sync.replication_interval,
		"delta_interval": sync.delta_interval,
		"public_visibility": sync.public_visibility,
		"properties": properties,
	}


## The Godot type name of the property's current value, found as MultiplayerSynchronizer finds it
## (the node part from the root, then the property path); Variant when there is no value to look at.
func _type_of(root: Node, property: NodePath) -> String:
	if root == null:
		return "Variant"
	var names := PackedStringArray()
	for i in property.get_name_count():
		names.append(property.get_name(i))
	var target: Node = root if names.is_empty() else root.get_node_or_null(NodePath("/".join(names)))
	if target == null:
		return "Variant"
	var value = target.get_indexed(NodePath(property.get_concatenated_subnames()))
	return "Variant" if value == null else type_string(typeof(value))


func _spawner(spawner: MultiplayerSpawner, path: String, scene_root: Node) -> Dictionary:
	var spawn_path := ""
	if spawner.spawn_path.is_absolute():
		spawn_path = str(spawner.spawn_path).trim_prefix("/root/")
	else:
		var target: Node = null
		if not spawner.spawn_path.is_empty():
			target = spawner.get_node_or_null(spawner.spawn_path)
		if target == null:
			_fail(FAILED, "MultiplayerSpawner %s: spawn_path '%s' leads to no node of the scene" % [path, spawner.spawn_path])
			return {}
		spawn_path = _from_multiplayer_root(scene_root, target)
	var scenes := []
	for i in spawner.get_spawnable_scene_count():
		var scene := spawner.get_spawnable_scene(i)
		var what := "%s (spawnable scene %d of MultiplayerSpawner %s)" % [scene, i, path]
		scenes.append(_spawnable(_resolve(scene, FAILED, what), what))
	return {"path": path, "spawn_path": spawn_path, "spawn_limit": spawner.spawn_limit, "scenes": scenes}


## A spawnable scene's RPC nodes and synchronizers, paths relative to its root.
func _spawnable(file: String, what: String) -> Dictionary:
	var root := _instantiate(file, what)
	if root == null:
		return {}
	var nodes := []
	var synchronizers := []
	for node in _tree(root):
		var at := str(root.get_path_to(node))
		_add_rpc_node(node, at, nodes)
		if node is MultiplayerSynchronizer:
			synchronizers.append(_synchronizer(node, at))
	root.free()
	return {"scene": file, "nodes": nodes, "synchronizers": synchronizers}
