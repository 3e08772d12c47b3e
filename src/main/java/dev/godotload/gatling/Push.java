package dev.godotload.gatling;

import dev.godotload.peer.PeerEvent;

/**
 * An RPC the server pushed to a virtual user, with when it arrived (Gatling's clock, ms) and the
 * user it reached.
 */
public record Push(PeerEvent.RpcReceived rpc, long receivedMillis, GodotUser user) {
}
