extends Node
## /root/Main/World: props 1..P in glue groups (union-find) and a version raised by every applied
## merge. In memory: the world lives as long as the engine does (see README.md, "Durability").
##
## "any_peer" for merge_world and request_state, "authority" for the four server -> client calls
## (see the comment at the top of chat.gd). Ids, sorted: edit_applied 0, edit_rejected 1,
## merge_world 2, receive_state 3, request_state 4, world_changed 5; md5
## e399c95ccbe2241cadd3c02ccd1296c3.

const MIN_GLUED := 2
const MAX_GLUED := 64

var props := 1000
var version := 0
var applied := 0           # merges acknowledged
var rejected := 0          # merges refused with edit_rejected

# Union-find over the props that were ever glued: a prop missing from _parent is its own root.
var _parent := {}          # prop -> parent prop
var _members := {}         # root -> PackedInt32Array of its group (groups of 2 or more only)
var _op_ids := {}          # peer id -> {op_id: true}, for the duplicate check; dropped when it leaves
var _state_cache = null    # groups as receive_state sends them, until the next merge

@onready var main: Node = get_parent()


func configure(prop_count: int) -> void:
	props = prop_count


## client -> server: "merge my changed world": the user glued these props together.
@rpc("any_peer")
func merge_world(op_id: int, glued: PackedInt32Array) -> void:
	var from := multiplayer.get_remote_sender_id()
	var why := ""
	var used: Dictionary = _op_ids.get(from, {})
	if used.is_empty():
		_op_ids[from] = used
	if used.has(op_id):
		why = "duplicate op_id %d" % op_id
	else:
		used[op_id] = true   # an op_id is spent even when the merge is refused
		why = rejection(glued)
	if why != "":
		rejected += 1
		edit_rejected.rpc_id(from, op_id, why)
		return
	_glue(glued)
	version += 1
	applied += 1
	# In memory, so applied is durable as far as this server goes: acknowledge at once.
	edit_applied.rpc_id(from, op_id, version)
	# every connected peer except the sender
	world_changed.rpc_id(-from, version, from, glued)


## client -> server: read the world back.
@rpc("any_peer")
func request_state() -> void:
	var from := multiplayer.get_remote_sender_id()
	receive_state.rpc_id(from, version, groups())


## server -> sender: the merge is applied. Declared for its id and mode; never run here.
@rpc("authority")
func edit_applied(_op_id: int, _version: int) -> void:
	pass


## server -> sender: the merge was refused, nothing changed.
@rpc("authority")
func edit_rejected(_op_id: int, _reason: String) -> void:
	pass


## server -> every other peer: someone's merge landed.
@rpc("authority")
func world_changed(_version: int, _from_peer: int, _glued: PackedInt32Array) -> void:
	pass


## server -> requester: every group of two or more props.
@rpc("authority")
func receive_state(_version: int, _groups: Array) -> void:
	pass


func peer_left(id: int) -> void:
	_op_ids.erase(id)


## Why `glued` cannot be merged, in edit_rejected's words; "" when it can: 2 to 64 distinct ids of
## existing props. The same wording as the Java reference server (dev.godotload.world.World).
func rejection(glued: PackedInt32Array) -> String:
	var n := glued.size()
	if n < MIN_GLUED:
		return "too few props: %d (a merge glues %d to %d)" % [n, MIN_GLUED, MAX_GLUED]
	if n > MAX_GLUED:
		return "too many props: %d (a merge glues %d to %d)" % [n, MIN_GLUED, MAX_GLUED]
	var seen := {}
	for p in glued:
		if p < 1 or p > props:
			return "unknown prop %d (props are 1 to %d)" % [p, props]
		if seen.has(p):
			return "prop %d listed twice" % p
		seen[p] = true
	return ""


## Every group of two or more props, each a PackedInt32Array sorted ascending, the groups sorted by
## their first id: receive_state's `groups`. Built from the multi-prop groups only, so it costs the
## number of glued props, not P; cached until the next merge.
func groups() -> Array:
	if _state_cache != null:
		return _state_cache
	var by_first := {}
	for root in _members:
		var m: PackedInt32Array = _members[root].duplicate()
		m.sort()
		by_first[m[0]] = m
	var firsts := by_first.keys()
	firsts.sort()
	var out := []
	for f in firsts:
		out.append(by_first[f])
	_state_cache = out
	return out


func _find(p: int) -> int:
	var r := p
	while _parent.has(r):
		r = _parent[r]
	while _parent.has(p) and _parent[p] != r:   # path compression
		var next: int = _parent[p]
		_parent[p] = r
		p = next
	return r


func _glue(glued: PackedInt32Array) -> void:
	_state_cache = null
	var first := glued[0]
	for i in range(1, glued.size()):
		var ra := _find(first)
		var rb := _find(glued[i])
		if ra == rb:
			continue
		var ma: PackedInt32Array = _members.get(ra, PackedInt32Array([ra]))
		var mb: PackedInt32Array = _members.get(rb, PackedInt32Array([rb]))
		if ma.size() < mb.size():   # union by size: the smaller group joins the larger
			var t := ra
			ra = rb
			rb = t
			var tm := ma
			ma = mb
			mb = tm
		_parent[rb] = ra
		ma.append_array(mb)
		_members[ra] = ma
		_members.erase(rb)
