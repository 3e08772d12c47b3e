package dev.godotload.target;

import dev.godotload.contract.Contract;
import dev.godotload.server.Game;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.ConnectionLimits;
import dev.godotload.wire.GodotVersion;

/**
 * The knobs every kind of target shares: how users speak, and how a server this run starts behaves
 * ({@code game} is the embedded reference server's).
 */
record TargetSettings(GodotVersion version, Contract contract, String authToken, String subprotocol, boolean stressMode,
        boolean serverRelay, Game game, WorldOptions world, ConnectionLimits limits) {
}
