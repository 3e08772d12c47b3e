package dev.godotload.contract;

import java.util.Locale;

/**
 * Who may call an RPC remotely: Godot's {@code MultiplayerAPI.RPCMode}, spelled as in {@code @rpc(...)}.
 * The receiver checks it, and only it (godot4.md §5.2).
 */
public enum RpcMode {
    /** {@code @rpc("disabled")}: nobody. */
    DISABLED,
    /** {@code @rpc("any_peer")}: any peer. */
    ANY_PEER,
    /** {@code @rpc} / {@code @rpc("authority")}: only the node's multiplayer authority (the server, peer 1, by default). */
    AUTHORITY;

    /** The keyword used in {@code @rpc(...)} and in the contract JSON. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a call from {@code sender} is allowed on a node whose authority is {@code authority}. */
    public boolean allows(int sender, int authority) {
        return this == ANY_PEER || this == AUTHORITY && sender == authority;
    }

    static RpcMode ofKeyword(String keyword) {
        for (RpcMode m : values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown rpc mode '" + keyword + "': use any_peer, authority or disabled");
    }
}
