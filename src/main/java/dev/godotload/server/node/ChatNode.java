package dev.godotload.server.node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.server.multiplayer.NodeCall;
import dev.godotload.server.multiplayer.ServerNode;

/**
 * {@code Main/Chat} of the contract: {@code send_message(text, sent_usec, seq)} comes back as
 * {@code receive_message(from_peer, text, sent_usec, seq)}, to every admitted peer (sender included)
 * in stress mode, to the sender alone otherwise. A text over {@value #MAX_TEXT_BYTES} UTF-8 bytes is
 * rejected: nothing is sent and the sender stays connected.
 */
public final class ChatNode implements ServerNode {
    public static final String PATH = "Main/Chat";
    public static final int MAX_TEXT_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChatNode.class);

    private final boolean stressMode;
    /** Peers whose rejection was logged: under load one line per peer, not one per message. */
    private final Set<Integer> rejectionLogged = new HashSet<>();
    private long accepted;
    private long rejected;

    public ChatNode(boolean stressMode) {
        this.stressMode = stressMode;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public void call(NodeCall call) {
        if (!call.method().equals("send_message")) {
            // receive_message is authority-only: the dispatcher refuses it before it gets here.
            LOG.debug("peer {} called {} on {}; not handled", call.from(), call.method(), PATH);
            return;
        }
        String text = call.stringArg(0);
        int bytes = utf8Length(text);
        if (bytes > MAX_TEXT_BYTES) {
            rejected++;
            if (rejectionLogged.add(call.from())) {
                LOG.info("peer {} sent a chat message of {} UTF-8 bytes (limit {}); rejected, and further "
                        + "rejections from this peer are counted, not logged", call.from(), bytes, MAX_TEXT_BYTES);
            }
            return;
        }
        accepted++;
        List<Object> delivery = List.of((long) call.from(), text, call.longArg(1), call.longArg(2));
        if (stressMode) {
            call.host().broadcast(PATH, "receive_message", delivery);
        } else {
            call.reply("receive_message", delivery);
        }
    }

    @Override
    public void peerLeft(int peer) {
        rejectionLogged.remove(peer);
    }

    /** Messages delivered. */
    public long accepted() {
        return accepted;
    }

    /** Messages refused for their length. */
    public long rejected() {
        return rejected;
    }

    /** UTF-8 length without encoding: the check runs on every message. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // BMP, or a lone surrogate (never decoded from valid UTF-8)
            }
        }
        return n;
    }
}
