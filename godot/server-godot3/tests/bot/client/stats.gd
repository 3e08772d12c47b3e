extends Node
# A bot's Main/Stats.

puppet func receive_stats(stats):
	get_parent().get_parent().record("receive_stats", [stats])
