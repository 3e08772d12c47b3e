package dev.godotload.server.multiplayer;

import java.util.Locale;

import dev.godotload.contract.RpcMode;

/**
 * Godot 3's {@code MultiplayerAPI::RPCMode}, in the engine's order (the number its error messages
 * print), and who may call a method of each mode ({@code _can_call_mode}, core/io/multiplayer_api.cpp 3.x).
 */
enum Godot3RpcMode {
    DISABLED, REMOTE, MASTER, PUPPET, REMOTESYNC, MASTERSYNC, PUPPETSYNC;

    /**
     * How a Godot 3 script declares a contract mode: {@code any_peer} is {@code remote func} (anyone
     * may call it), {@code authority} is {@code puppet func} (only the node's network master, the
     * server, may call it, and only on the puppets, the clients). A method the script does not
     * declare, or a contract's {@code disabled}, has no mode: {@link #DISABLED}.
     */
    static Godot3RpcMode of(RpcMode mode) {
        switch (mode) {
            case ANY_PEER:
                return REMOTE;
            case AUTHORITY:
                return PUPPET;
            default:
                return DISABLED;
        }
    }

    /**
     * {@code _can_call_mode}: whether a call from {@code remoteId} runs on this peer, which is the
     * node's network master or not; {@code master} is the master's id.
     */
    boolean canCall(boolean isMaster, int remoteId, int master) {
        switch (this) {
            case REMOTE:
            case REMOTESYNC:
                return true;
            case MASTER:
            case MASTERSYNC:
                return isMaster;
            case PUPPET:
            case PUPPETSYNC:
                return !isMaster && remoteId == master;
            default:
                return false;
        }
    }

    /** The engine's number for the mode, as in "Mode is 3". */
    int engineValue() {
        return ordinal();
    }

    /** The GDScript 3 keyword, e.g. {@code puppet}. */
    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
