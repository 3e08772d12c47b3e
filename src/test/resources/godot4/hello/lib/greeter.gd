class_name Greeter
extends RefCounted
## Another script's class, by its class_name: only works with the global class cache in the pack.

func greet(who: String) -> String:
	return "greetings, " + who
