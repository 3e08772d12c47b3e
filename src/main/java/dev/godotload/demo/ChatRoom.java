package dev.godotload.demo;

import java.util.List;

import dev.godotload.gatling.FanOut;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotClock;
import dev.godotload.peer.PeerEvent.RpcReceived;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * The demo game's chat room ({@code Main/Chat} of docs/contract.md) in a simulation's words: a user
 * says a sentence and waits for its own copy (row {@code chat round trip}); every copy another user
 * gets is a fan-out delivery (row {@code chat fan-out}). The argument layout of the two RPCs lives
 * here, named, so the scenario never indexes an argument list.
 */
public final class ChatRoom {
    public static final String NODE = "Main/Chat";
    public static final String ROUND_TRIP = "chat round trip";
    public static final String FAN_OUT = "chat fan-out";
    /** A user's counter of sentences said: the {@code seq} of its next {@code send_message}. */
    private static final String SEQ = "chat seq";

    private final Godot godot;
    private final FanOut fanOut;

    /**
     * @param speakers     how many users will speak; those who are done wait for the others before leaving
     * @param stressMode   whether the server sends every line to everyone (else back to its sender only,
     *                     and no fan-out copy is expected)
     */
    public ChatRoom(Godot godot, int speakers, boolean stressMode) {
        this.godot = godot;
        FanOut copies = godot.fanOut(FAN_OUT, NODE, "receive_message", ChatRoom::fromPeer, ChatRoom::sentUsec, ChatRoom::seq)
                .participants(speakers);
        this.fanOut = stressMode ? copies : copies.senderOnly();
    }

    /**
     * {@code send_message(text, sent_usec, seq)} with the session's {@code sentence} (a
     * {@link Sentences} feeder puts it there), then the wait for the sender's own copy.
     */
    public ChainBuilder say() {
        return godot.call(NODE, "send_message", s -> List.of(s.getString(Sentences.KEY), GodotClock.nowMicros(),
                        Godot.user(s).next(SEQ)))
                .await(ROUND_TRIP, NODE, "receive_message",
                        (message, me) -> fromPeer(message) == me.id() && seq(message) == me.current(SEQ));
    }

    /** The delivery accounting of every copy: {@link FanOut#everyoneDone}, the summary line at the end. */
    public FanOut fanOut() {
        return fanOut;
    }

    // receive_message(from_peer: int, text: String, sent_usec: int, seq: int)
    private static long fromPeer(RpcReceived message) {
        return message.longArg(0);
    }

    private static long sentUsec(RpcReceived message) {
        return message.longArg(2);
    }

    private static long seq(RpcReceived message) {
        return message.longArg(3);
    }
}
