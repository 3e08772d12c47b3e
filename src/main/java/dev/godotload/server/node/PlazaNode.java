package dev.godotload.server.node;

import java.util.List;

import dev.godotload.server.multiplayer.NodeCall;
import dev.godotload.server.multiplayer.NodeHost;
import dev.godotload.server.multiplayer.ServerNode;
import dev.godotload.server.multiplayer.Spawner;
import dev.godotload.server.multiplayer.Spawner.Mode;
import dev.godotload.server.multiplayer.Spawner.Property;

/**
 * {@code Main} of the plaza ({@code godot/plaza-godot4}, {@code main.gd} as the server): every peer
 * that joins gets a player, an instance of {@code player.tscn} named after its peer id under
 * {@code Main/Players}, which {@code Main/PlayerSpawner} replicates to everyone; the player's
 * {@code Sync} has that peer as its authority ({@code player.gd}'s {@code _enter_tree}), so the peer
 * streams its pose and the others get it relayed. A peer that leaves has its player freed (DESPAWN).
 * {@code Main} has no RPCs.
 */
public final class PlazaNode implements ServerNode {
    public static final String PATH = "Main";
    public static final String SPAWNER = "Main/PlayerSpawner";
    /** {@code player.tscn}, the spawner's only scene. */
    public static final int PLAYER_SCENE = 0;

    /**
     * The plaza's scene as the server needs it: {@code main.tscn}'s spawner, and the {@code Sync} of
     * {@code player.tscn} with its replication config in order.
     */
    public static final Spawner PLAYERS = new Spawner(SPAWNER, "Main/Players", List.of(new Spawner.Scene("res://player.tscn",
            List.of(new Spawner.Synchronizer("Sync", List.of(
                    new Property(".:position", true, Mode.ALWAYS),
                    new Property(".:rotation", true, Mode.ALWAYS),
                    new Property(".:stamp", false, Mode.ALWAYS),
                    new Property(".:mood", false, Mode.ON_CHANGE)))))));

    private NodeHost host;

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public boolean servesRpcs() {
        return false;
    }

    @Override
    public void call(NodeCall call) {
        throw new IllegalStateException(PATH + " has no RPCs, so no call reaches it");
    }

    @Override
    public void attach(NodeHost host) {
        this.host = host;
    }

    /** {@code _add_player}: the player's name is the peer id, and so is its authority. */
    @Override
    public void peerJoined(int peer) {
        host.spawn(SPAWNER, PLAYER_SCENE, playerName(peer), peer);
    }

    /** {@code _remove_player}. */
    @Override
    public void peerLeft(int peer) {
        host.despawn(SPAWNER, playerName(peer));
    }

    /** Godot's {@code str(id)}. */
    public static String playerName(int peer) {
        return Integer.toString(peer);
    }

    /** A player's path, e.g. {@code Main/Players/1480066776}. */
    public static String playerPath(int peer) {
        return PLAYERS.spawnPath() + "/" + playerName(peer);
    }
}
