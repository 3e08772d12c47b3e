extends Node

var port := 9080
