package dev.godotload.contract;

import java.util.Locale;

/**
 * How an RPC travels: Godot's {@code MultiplayerPeer.TransferMode}, in Godot's order and spelled as in
 * {@code @rpc(...)}. The default is {@link #RELIABLE}.
 */
public enum TransferMode {
    /** {@code "unreliable"}: may be lost, may arrive out of order. */
    UNRELIABLE,
    /** {@code "unreliable_ordered"}: may be lost; a late packet is dropped rather than delivered out of order. */
    UNRELIABLE_ORDERED,
    /** {@code "reliable"}: resent until it arrives, in order. */
    RELIABLE;

    /** The keyword used in {@code @rpc(...)} and in the contract JSON. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TransferMode ofKeyword(String keyword) {
        for (TransferMode m : values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown transfer mode '" + keyword
                + "': use reliable, unreliable or unreliable_ordered");
    }
}
