extends Node3D
## A player on the plaza. The node is named after its peer id, and that peer is its multiplayer
## authority: its own client walks it, and its Sync streams the pose to the server and the others.

const RADIUS := 4.0
const TURN_SPEED := 0.8  # radians a second
const MOODS: Array[String] = ["happy", "curious", "sleepy", "chatty"]
const MOOD_SECONDS := 2.0

## The owner's clock (Time.get_ticks_msec) when this pose was taken, so a receiver can tell its age.
@export var stamp: int = 0
## Changes now and then; replicated on change only.
@export var mood: String = ""

var _angle := 0.0
var _mood_index := 0
var _mood_left := MOOD_SECONDS


func _enter_tree() -> void:
	# Before _ready, so the synchronizer starts with the right authority on every peer.
	set_multiplayer_authority(name.to_int())


func _ready() -> void:
	set_physics_process(is_multiplayer_authority())
	if is_multiplayer_authority():
		_angle = randf() * TAU
		mood = MOODS[_mood_index]


func _physics_process(delta: float) -> void:
	_angle = wrapf(_angle + TURN_SPEED * delta, 0.0, TAU)
	position = Vector3(cos(_angle), 0.0, sin(_angle)) * RADIUS
	rotation = Vector3(0.0, -_angle, 0.0)
	stamp = Time.get_ticks_msec()
	_mood_left -= delta
	if _mood_left <= 0.0:
		_mood_left += MOOD_SECONDS
		_mood_index = (_mood_index + 1) % MOODS.size()
		mood = MOODS[_mood_index]
