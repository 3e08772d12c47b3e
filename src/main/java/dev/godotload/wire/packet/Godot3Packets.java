package dev.godotload.wire.packet;

import java.util.ArrayList;
import java.util.List;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import dev.godotload.wire.variant.Godot3Variants;

/**
 * Godot 3 messages: the 9-byte {@code WebSocketMultiplayerPeer} header ({@code type u8, from i32,
 * to i32}) and, for data, a 3.x MultiplayerAPI packet: methods and properties by name, node paths
 * cached per peer, arguments as plain Variants ({@code core/io/multiplayer_api.cpp}, 3.x).
 *
 * <p>Every message decodes to a {@link Routed}; encoding takes one.
 */
public final class Godot3Packets implements PacketCodec {
    public static final Godot3Packets INSTANCE = new Godot3Packets();

    // Peer header types.
    static final int SYS_NONE = 0;
    static final int SYS_ADD = 1;
    static final int SYS_DEL = 2;
    static final int SYS_ID = 3;
    static final int PROTO_SIZE = 9;
    /** {@code PROTO_SIZE}: the peer header {@code u8 type | i32 from | i32 to} in front of every message. */
    public static final int PEER_HEADER_BYTES = PROTO_SIZE;

    // MultiplayerAPI commands (byte 0 of the payload, no flags in Godot 3).
    static final int REMOTE_CALL = 0;
    static final int REMOTE_SET = 1;
    static final int SIMPLIFY_PATH = 2;
    static final int CONFIRM_PATH = 3;
    static final int RAW = 4;
    static final int NODE_PATH_FLAG = 0x8000_0000;

    private final Godot3Variants variants = Godot3Variants.INSTANCE;

    private Godot3Packets() {
    }

    @Override
    public GodotVersion version() {
        return GodotVersion.GODOT_3;
    }

    // ---------------------------------------------------------------- decoding

    @Override
    public Routed decode(byte[] message) {
        WireReader in = new WireReader(message);
        if (message.length > GodotVersion.GODOT_3.maxMessageBytes()) {
            throw in.error("message of " + message.length + " bytes exceeds Godot 3's limit of "
                    + GodotVersion.GODOT_3.maxMessageBytes());
        }
        in.require(PROTO_SIZE, "the 9-byte Godot 3 peer header");
        int type = in.u8("peer header type");
        int from = in.i32("from");
        int to = in.i32("to");
        Packet packet = switch (type) {
            case SYS_NONE -> decodeApiPacket(in);
            case SYS_ADD, SYS_DEL, SYS_ID -> {
                int id = in.i32("peer id");
                in.expectEnd("the peer id");
                yield type == SYS_ADD ? new AddPeer(id) : type == SYS_DEL ? new DelPeer(id) : new PeerId(id);
            }
            default -> throw in.errorAt(0, "unknown Godot 3 peer header type " + type
                    + " (0 data, 1 SYS_ADD, 2 SYS_DEL, 3 SYS_ID)");
        };
        return new Routed(from, to, packet);
    }

    private Packet decodeApiPacket(WireReader in) {
        int base = in.offset();
        int length = in.remaining();
        int command = in.u8("MultiplayerAPI command");
        return switch (command) {
            case REMOTE_CALL, REMOTE_SET -> decodeRemote(in, base, length, command == REMOTE_CALL);
            case SIMPLIFY_PATH -> {
                requireLength(in, base, length, 6, "SIMPLIFY_PATH");
                int idAt = in.offset();
                int id = in.i32("path cache id");
                if (id < 0) {
                    throw in.errorAt(idAt, "path cache id " + Integer.toUnsignedString(id) + " does not fit 31 bits");
                }
                yield SimplifyPath.godot3(id, pathToEnd(in, "node path"));
            }
            case CONFIRM_PATH -> {
                requireLength(in, base, length, 2, "CONFIRM_PATH");
                yield new ConfirmPath(true, new NodeRef.Path(pathToEnd(in, "node path")));
            }
            case RAW -> {
                requireLength(in, base, length, 2, "RAW");
                yield new Raw(in.rest());
            }
            default -> throw in.errorAt(base, "unknown Godot 3 MultiplayerAPI command " + command
                    + " (0 REMOTE_CALL, 1 REMOTE_SET, 2 SIMPLIFY_PATH, 3 CONFIRM_PATH, 4 RAW)");
        };
    }

    private static void requireLength(WireReader in, int base, int length, int min, String what) {
        if (length < min) {
            throw in.errorAt(base, what + " is at least " + min + " bytes, got " + length);
        }
    }

    private static String pathToEnd(WireReader in, String what) {
        String path = in.cString(what);
        in.expectEnd(what + " and its NUL");
        return path;
    }

    private Packet decodeRemote(WireReader in, int base, int length, boolean call) {
        String kind = call ? "REMOTE_CALL" : "REMOTE_SET";
        requireLength(in, base, length, 6, kind);
        int targetAt = in.offset();
        int target = in.i32("node target");
        int end = base + length;
        NodeRef node;
        if ((target & NODE_PATH_FLAG) != 0) {
            int pathOffset = target & ~NODE_PATH_FLAG;
            if (pathOffset <= 5 || pathOffset >= length) {
                throw in.errorAt(targetAt, "node path offset " + pathOffset + " is outside the " + length + "-byte packet");
            }
            end = base + pathOffset;
            int back = in.offset();
            in.seek(end);
            node = new NodeRef.Path(pathToEnd(in, "node path"));
            in.seek(back);
        } else {
            node = new NodeRef.Cached(target);
        }
        WireReader body = in.limit(end - in.offset(), kind + " body");
        String name = body.cString(call ? "method name" : "property name");
        Packet packet;
        if (call) {
            int argc = body.u8("argument count");
            List<Object> args = new ArrayList<>(argc);
            for (int i = 0; i < argc; i++) {
                args.add(variants.read(body));
            }
            body.expectEnd("the " + argc + " arguments");
            packet = new RemoteCall(node, name, args);
        } else {
            Object value = variants.read(body);
            body.expectEnd("the property value");
            packet = new RemoteSet(node, name, value);
        }
        in.seek(base + length);
        return packet;
    }

    // ---------------------------------------------------------------- encoding

    @Override
    public byte[] encode(Packet packet) {
        if (!(packet instanceof Routed routed)) {
            throw new WireEncodingException("a Godot 3 message starts with the peer header: wrap the "
                    + packet.getClass().getSimpleName() + " in Routed(from, to, packet)");
        }
        WireWriter out = WireWriter.forMessage(GodotVersion.GODOT_3);
        Packet inner = routed.packet();
        int type = inner instanceof AddPeer ? SYS_ADD : inner instanceof DelPeer ? SYS_DEL
                : inner instanceof PeerId ? SYS_ID : SYS_NONE;
        out.u8(type).i32(routed.from()).i32(routed.to());
        int base = out.position();
        if (inner instanceof AddPeer a) {
            out.i32(a.id());
        } else if (inner instanceof DelPeer d) {
            out.i32(d.id());
        } else if (inner instanceof PeerId p) {
            out.i32(p.id());
        } else if (inner instanceof RemoteCall c) {
            out.u8(REMOTE_CALL);
            int targetAt = writeTarget(out, c.node());
            out.cString(c.method()).u8(c.args().size());
            for (Object a : c.args()) {
                variants.write(out, a);
            }
            writePath(out, base, targetAt, c.node());
        } else if (inner instanceof RemoteSet s) {
            out.u8(REMOTE_SET);
            int targetAt = writeTarget(out, s.node());
            out.cString(s.property());
            variants.write(out, s.value());
            writePath(out, base, targetAt, s.node());
        } else if (inner instanceof SimplifyPath s) {
            if (s.methodsMd5() != null) {
                throw new WireEncodingException("a Godot 3 SIMPLIFY_PATH carries no RPC checksum (methodsMd5 must be null)");
            }
            out.u8(SIMPLIFY_PATH).i32(s.cacheId()).cString(s.path());
        } else if (inner instanceof ConfirmPath c) {
            if (!c.valid() || !(c.node() instanceof NodeRef.Path p)) {
                throw new WireEncodingException("a Godot 3 CONFIRM_PATH echoes the path and has no valid flag");
            }
            out.u8(CONFIRM_PATH).cString(p.path());
        } else if (inner instanceof Raw r) {
            out.u8(RAW).bytes(r.data());
        } else {
            throw new WireEncodingException(inner.getClass().getSimpleName() + " does not exist in Godot 3");
        }
        return out.toByteArray();
    }

    private static int writeTarget(WireWriter out, NodeRef node) {
        int at = out.position();
        out.i32(node instanceof NodeRef.Cached c ? c.id() : 0); // a path's offset is patched in later
        return at;
    }

    private static void writePath(WireWriter out, int base, int targetAt, NodeRef node) {
        if (node instanceof NodeRef.Path p) {
            out.patchI32(targetAt, NODE_PATH_FLAG | (out.position() - base));
            out.cString(p.path());
        }
    }

    /**
     * The peer header of a data message from {@code from} to {@code to}: what a server puts in front of
     * a body it encoded once for many targets.
     */
    public static byte[] dataHeader(int from, int to) {
        WireWriter out = new WireWriter();
        out.u8(SYS_NONE);
        out.i32(from);
        out.i32(to);
        return out.toByteArray();
    }
}
