package dev.godotload.gatling;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

import dev.godotload.peer.PeerEvent;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsSendBinaryActionBuilder;

/**
 * One RPC a user sends, built by {@link Godot#call}. The send is a row named after the method;
 * before the first call on a node the user announces the node's path (row {@code path cache}),
 * as a Godot client does, and after the server confirms it the call uses the compact id.
 */
public final class GodotCall {
    private final Godot godot;
    private final String node;
    private final String method;
    private final Function<Session, List<Object>> args;

    GodotCall(Godot godot, String node, String method, Function<Session, List<Object>> args) {
        this.godot = godot;
        this.node = node;
        this.method = method;
        this.args = args;
    }

    /** Sends without waiting for anything. */
    public ChainBuilder send() {
        return chain(null, send(method));
    }

    /**
     * Sends and waits (the reply timeout, {@code -Dgodot.replyTimeout}) for the server to push
     * {@code replyNode.replyMethod} with arguments {@code match} accepts. The wait is the report row
     * {@code rowName}; no match in time is a KO of that row.
     */
    public ChainBuilder await(String rowName, String replyNode, String replyMethod,
            BiPredicate<PeerEvent.RpcReceived, GodotUser> match) {
        godot.contract().node(replyNode).methodId(replyMethod);
        return chain(rowName, send(method).await(godot.replyTimeout()).on(ws.checkBinaryMessage(rowName).matching(godot.observe(
                (e, user) -> e instanceof PeerEvent.RpcReceived r && r.node().equals(replyNode)
                        && r.method().equals(replyMethod) && match.test(r, user)))));
    }

    /**
     * Like {@link #await(String, String, String, BiPredicate)}, for a call the server may refuse:
     * {@code refusalMethod} (e.g. {@code edit_rejected}) matching {@code match} ends the wait too, as
     * a KO of {@code rowName} whose message is the refusal and {@code reason}.
     */
    public ChainBuilder await(String rowName, String replyNode, String replyMethod, String refusalMethod,
            BiPredicate<PeerEvent.RpcReceived, GodotUser> match, Function<PeerEvent.RpcReceived, String> reason) {
        godot.contract().node(replyNode).methodId(replyMethod);
        godot.contract().node(replyNode).methodId(refusalMethod);
        return chain(rowName, send(method).await(godot.replyTimeout()).on(ws.checkBinaryMessage(rowName)
                .matching(godot.observe((e, user) -> {
                    if (!(e instanceof PeerEvent.RpcReceived r) || !r.node().equals(replyNode) || !match.test(r, user)) {
                        return false;
                    }
                    if (r.method().equals(replyMethod)) {
                        user.answer(replyMethod);
                        return true;
                    }
                    if (r.method().equals(refusalMethod)) {
                        user.answer(refusalMethod + "(" + reason.apply(r) + ")");
                        return true;
                    }
                    return false;
                }))
                // Gatling's message for a refusal: "…is(edit_applied), but actually found edit_rejected(reason)"
                .check(bodyBytes().transformWithSession((bytes, s) -> Godot.user(s).takeAnswer()).is(replyMethod))));
    }

    private WsSendBinaryActionBuilder send(String name) {
        return ws(name, Godot.WS).sendBytes(s -> Godot.user(s).peer().rpc(node, method, args.apply(s)));
    }

    /** {@code awaited}: the row of the wait, or null for a send without one. */
    private ChainBuilder chain(String awaited, io.gatling.javaapi.core.ActionBuilder rpc) {
        // drain, announce, call: one synchronous chain, so no frame arrives between the drain and the sends
        return doIf(Godot::connected).then(exec(godot.drain())
                .doIf(s -> Godot.connected(s) && Godot.user(s).peer().needsAnnouncement(node)).then(godot.watched(
                        "path cache", null, ws("path cache", Godot.WS).sendBytes(s -> Godot.user(s).peer().announcement(node))))
                .doIf(Godot::connected).then(godot.watched(awaited == null ? method : awaited,
                        awaited == null ? null : godot.replyTimeout(), rpc)));
    }
}
