package dev.godotload.server.multiplayer;

import java.time.Duration;
import java.util.Objects;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;

/**
 * How the reference server behaves, as a Godot 4 {@code SceneMultiplayer} server with
 * {@code server_relay} on, or a Godot 3 {@code WebSocketServer} with the multiplayer API, would be
 * configured.
 *
 * @param version     the Godot line the clients speak: Godot 3 (the 9-byte peer header, methods by
 *                    name), or for Godot 4 the CONFIRM_PATH form (4.3+ by id, 4.0–4.2 by echoing the
 *                    path), duplicate-id handling and the Variant encodings
 * @param stressMode  chat rebroadcasts to everyone, the sender included (contract.md); off: to the sender only
 * @param authToken   when set, a peer must send {@code 07 00 <token UTF-8>} and {@code 07 00} before it is
 *                    admitted; null: no authentication (Godot's default, and Godot 3's only choice)
 * @param authTimeout how long a peer may stay unauthenticated; zero means no limit, as in Godot
 * @param contract    the nodes and RPCs served
 * @param serverRelay Godot 4's {@code SceneMultiplayer.server_relay} (on by default): every client is told
 *                    of every other (ADD_PEER, DEL_PEER) and may send them packets through the server. Off:
 *                    clients only ever know the server, and a relayed packet is refused. Godot 3's
 *                    WebSocket server always relays.
 */
public record ServerSettings(GodotVersion version, boolean stressMode, String authToken, Duration authTimeout,
        Contract contract, boolean serverRelay) {
    /** Godot's {@code SceneMultiplayer.auth_timeout} default. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(3);

    public ServerSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(contract, "contract");
        if (version.isGodot3() && authToken != null) {
            // SceneMultiplayer's auth_callback is Godot 4; a Godot 3 peer is admitted on connect.
            throw new IllegalArgumentException("Godot 3 has no authentication: an auth token needs Godot 4");
        }
        if (authToken != null && authToken.isEmpty()) {
            // An empty 07 00 means "authentication completed" on the wire, so it cannot carry a token.
            throw new IllegalArgumentException("the auth token must not be empty (use null for no authentication)");
        }
        if (version.isGodot3() && !serverRelay) {
            throw new IllegalArgumentException("Godot 3's WebSocket server always relays: server relay off needs Godot 4");
        }
        if (authTimeout.isNegative()) {
            throw new IllegalArgumentException("the auth timeout must not be negative, got " + authTimeout);
        }
    }

    /** Godot 4.3, stress mode on, no authentication, 3 s auth timeout. */
    public static ServerSettings defaults(Contract contract) {
        return new ServerSettings(GodotVersion.DEFAULT, true, null, DEFAULT_AUTH_TIMEOUT, contract, true);
    }

    public ServerSettings withVersion(GodotVersion v) {
        return new ServerSettings(v, stressMode, authToken, authTimeout, contract, serverRelay);
    }

    public ServerSettings withStressMode(boolean on) {
        return new ServerSettings(version, on, authToken, authTimeout, contract, serverRelay);
    }

    public ServerSettings withAuthToken(String token) {
        return new ServerSettings(version, stressMode, token, authTimeout, contract, serverRelay);
    }

    public ServerSettings withAuthTimeout(Duration timeout) {
        return new ServerSettings(version, stressMode, authToken, timeout, contract, serverRelay);
    }

    public ServerSettings withServerRelay(boolean on) {
        return new ServerSettings(version, stressMode, authToken, authTimeout, contract, on);
    }

    public boolean requiresAuth() {
        return authToken != null;
    }

    @Override
    public String toString() {
        // Never print the token itself.
        return "ServerSettings[version=" + version + ", stressMode=" + stressMode + ", auth="
                + (authToken == null ? "off" : "token") + ", authTimeout=" + authTimeout + ", serverRelay=" + serverRelay + ", contract="
                + contract.nodes() + "]";
    }
}
