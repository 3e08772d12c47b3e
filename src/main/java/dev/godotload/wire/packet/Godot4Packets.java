package dev.godotload.wire.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import dev.godotload.wire.variant.CompressedVariants;
import dev.godotload.wire.variant.Godot4Variants;

/**
 * Godot 4 SceneMultiplayer packets over {@code WebSocketMultiplayerPeer}: one WebSocket message is
 * one packet, byte 0 holds the command in its low three bits and command flags in the high four
 * ({@code modules/multiplayer/scene_multiplayer.h}).
 *
 * <p>The decoder accepts everything a Godot 4 peer writes and refuses, with the offset and the
 * reason, what it never writes: unused flag bits, bytes after the last field, a missing NUL.
 */
public final class Godot4Packets implements PacketCodec {
    // Commands, byte 0 & CMD_MASK.
    static final int CMD_MASK = 0x07;
    static final int REMOTE_CALL = 0;
    static final int SIMPLIFY_PATH = 1;
    static final int CONFIRM_PATH = 2;
    static final int RAW = 3;
    static final int SPAWN = 4;
    static final int DESPAWN = 5;
    static final int SYNC = 6;
    static final int SYS = 7;

    // SYS sub-commands, byte 1.
    static final int SYS_AUTH = 0;
    static final int SYS_ADD_PEER = 1;
    static final int SYS_DEL_PEER = 2;
    static final int SYS_RELAY = 3;
    static final int SYS_CMD_SIZE = 6;

    // REMOTE_CALL byte-0 flags.
    static final int NODE_ID_SHIFT = 4;
    static final int NODE_ID_16 = 1 << NODE_ID_SHIFT;
    static final int NODE_ID_32 = 2 << NODE_ID_SHIFT;
    static final int METHOD_ID_16 = 0x40;
    static final int BYTE_ONLY_OR_NO_ARGS = 0x80;
    static final int NODE_PATH_FLAG = 0x8000_0000;

    static final int SYNC_DELTA_FLAG = 0x10;
    /** Byte 0, scene index, spawner id, net id, sync count, name length, and at least a 1-byte name with its NUL. */
    static final int SPAWN_MIN_LENGTH = 1 + 1 + 4 + 4 + 4 + 4;
    static final int DESPAWN_LENGTH = 1 + 4;
    /** Byte 0, the 16-bit time, and one synchronizer's net id and size: what Godot's receiver checks first. */
    static final int SYNC_MIN_LENGTH = 1 + 2 + 4 + 4;
    static final int MD5_HEX_LENGTH = 32;
    /** Byte 0, 32 md5 characters, their NUL, the u32 id. */
    static final int SIMPLIFY_PATH_HEADER = 1 + MD5_HEX_LENGTH + 1 + 4;
    static final int PEER_ID_BYTES = 4;

    private static final Godot4Packets V4_0 = new Godot4Packets(Godot4Variants.of(GodotVersion.GODOT_4_0));
    private static final Godot4Packets V4_3 = new Godot4Packets(Godot4Variants.of(GodotVersion.GODOT_4_3));
    private static final Godot4Packets V4_4 = new Godot4Packets(Godot4Variants.of(GodotVersion.GODOT_4_4));

    private final GodotVersion version;
    private final CompressedVariants args;

    public Godot4Packets(Godot4Variants variants) {
        this.version = variants.version();
        this.args = new CompressedVariants(variants);
    }

    public static Godot4Packets of(GodotVersion version) {
        return switch (version) {
            case GODOT_4_0 -> V4_0;
            case GODOT_4_3 -> V4_3;
            case GODOT_4_4 -> V4_4;
            case GODOT_3 -> throw new IllegalArgumentException("Godot 3 uses Godot3Packets");
        };
    }

    @Override
    public GodotVersion version() {
        return version;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * The server's first message: exactly 4 bytes, the new peer's id, which Godot's client accepts
     * only in 2 … 2^31-1.
     */
    public PeerId decodePeerId(byte[] message) {
        WireReader in = new WireReader(message);
        if (message.length != PEER_ID_BYTES) {
            throw in.error("the peer-id message is " + PEER_ID_BYTES + " bytes, not " + message.length);
        }
        int id = in.i32("peer id");
        if (id < PeerId.FIRST_CLIENT) {
            throw in.errorAt(0, "peer id " + id + " is invalid (Godot ids are 2 to 2147483647; 1 is the server)");
        }
        return new PeerId(id);
    }

    @Override
    public Packet decode(byte[] message) {
        WireReader in = new WireReader(message);
        if (message.length > version.maxMessageBytes()) {
            throw in.error("message of " + message.length + " bytes exceeds Godot's limit of "
                    + version.maxMessageBytes());
        }
        Packet p = decodePacket(in, message.length, false);
        in.expectEnd("the packet");
        return p;
    }

    /** Decodes one packet spanning {@code length} bytes from the reader's position. */
    private Packet decodePacket(WireReader in, int length, boolean relayed) {
        int base = in.offset();
        int byte0 = in.peekU8("command byte");
        int command = byte0 & CMD_MASK;
        return switch (command) {
            case REMOTE_CALL -> decodeRpc(in, base, length);
            case SIMPLIFY_PATH -> decodeSimplifyPath(in, base, length);
            case CONFIRM_PATH -> decodeConfirmPath(in, base, length);
            case RAW -> {
                requireNoFlags(in, byte0, "RAW");
                requireLength(in, base, length, 2, "RAW");
                in.u8("command byte");
                yield new Raw(in.bytes(length - 1, "RAW data"));
            }
            case SPAWN, DESPAWN, SYNC -> decodeReplication(in, base, byte0, length);
            case SYS -> {
                if (relayed) {
                    throw in.error("a relayed packet cannot be SYS (Godot: \"Invalid network command\")");
                }
                yield decodeSys(in, base, byte0, length);
            }
            default -> throw new IllegalStateException("3-bit command " + command);
        };
    }

    private static void requireNoFlags(WireReader in, int byte0, String what) {
        if ((byte0 & ~CMD_MASK) != 0) {
            throw in.error(String.format("byte 0 is 0x%02x: %s uses no flag bits", byte0, what));
        }
    }

    /** A length complaint names the packet's first byte. */
    private static void requireLength(WireReader in, int base, int length, int min, String what) {
        if (length < min) {
            throw in.errorAt(base, what + " is at least " + min + " bytes, got " + length);
        }
    }

    private Rpc decodeRpc(WireReader in, int base, int length) {
        int byte0 = in.u8("command byte");
        if ((byte0 & 0x08) != 0) {
            throw in.errorAt(base, String.format("byte 0 is 0x%02x: bit 3 is unused", byte0));
        }
        int nodeWidth = (byte0 >>> NODE_ID_SHIFT) & 3;
        if (nodeWidth == 3) {
            throw in.errorAt(base, String.format("byte 0 is 0x%02x: node id size 3 is invalid", byte0));
        }
        int nodeBytes = 1 << nodeWidth;
        int methodBytes = (byte0 & METHOD_ID_16) != 0 ? 2 : 1;
        boolean raw = (byte0 & BYTE_ONLY_OR_NO_ARGS) != 0;
        int headerLength = 1 + nodeBytes + methodBytes;
        requireLength(in, base, length, headerLength, "this REMOTE_CALL header");

        int nodeAt = in.offset();
        int target = nodeBytes == 1 ? in.u8("node id") : nodeBytes == 2 ? in.u16("node id") : in.i32("node id");
        NodeRef node;
        int argsEnd = base + length;
        if ((target & NODE_PATH_FLAG) != 0) { // only the 4-byte form reaches bit 31
            int pathOffset = target & ~NODE_PATH_FLAG;
            if (pathOffset < headerLength || pathOffset >= length) {
                throw in.errorAt(nodeAt, "node path offset " + pathOffset + " is outside the arguments (packet of "
                        + length + " bytes, header " + headerLength + ")");
            }
            // The path sits after the arguments; the arguments end where it starts.
            argsEnd = base + pathOffset;
            int back = in.offset();
            in.seek(argsEnd);
            node = new NodeRef.Path(readPathToEnd(in, base + length, "node path"));
            in.seek(back);
        } else {
            node = new NodeRef.Cached(target);
        }
        int methodId = methodBytes == 1 ? in.u8("method id") : in.u16("method id");
        WireReader argIn = in.limit(argsEnd - in.offset(), "arguments");
        List<Object> values = new ArrayList<>();
        if (raw) {
            if (argIn.hasRemaining()) {
                values.add(argIn.rest());
            }
        } else {
            int argc = argIn.u8("argument count");
            for (int i = 0; i < argc; i++) {
                values.add(args.read(argIn));
            }
            argIn.expectEnd("the " + argc + " arguments");
        }
        in.seek(base + length);
        return new Rpc(node, methodId, values, new RpcLayout(nodeBytes, methodBytes, raw));
    }

    /** A NUL-terminated UTF-8 path whose NUL is the last byte before {@code end}. */
    private static String readPathToEnd(WireReader in, int end, String what) {
        WireReader pathIn = in.limit(end - in.offset(), what);
        String path = pathIn.cString(what);
        pathIn.expectEnd(what + " and its NUL");
        in.seek(end);
        return path;
    }

    private SimplifyPath decodeSimplifyPath(WireReader in, int base, int length) {
        requireNoFlags(in, in.peekU8("command byte"), "SIMPLIFY_PATH");
        requireLength(in, base, length, SIMPLIFY_PATH_HEADER + 1, "SIMPLIFY_PATH");
        in.u8("command byte");
        int md5At = in.offset();
        String md5 = in.utf8(MD5_HEX_LENGTH, "RPC checksum");
        if (!RpcChecksum.isMd5Hex(md5)) {
            throw in.errorAt(md5At, "RPC checksum is not 32 hex digits");
        }
        if (in.u8("checksum terminator") != 0) {
            throw in.errorAt(md5At + MD5_HEX_LENGTH, "the RPC checksum is followed by a NUL");
        }
        int idAt = in.offset();
        int id = in.i32("path cache id");
        if (id < 0) {
            throw in.errorAt(idAt, "path cache id " + Integer.toUnsignedString(id) + " does not fit 31 bits");
        }
        String path = readPathToEnd(in, base + length, "node path");
        return new SimplifyPath(id, path, md5);
    }

    private ConfirmPath decodeConfirmPath(WireReader in, int base, int length) {
        requireNoFlags(in, in.peekU8("command byte"), "CONFIRM_PATH");
        in.u8("command byte");
        if (version.confirmsPathById()) {
            if (length != 6) {
                throw in.errorAt(base, "CONFIRM_PATH is exactly 6 bytes in Godot " + version.label() + ", got " + length
                        + (length > 6 ? " (a 4.0-4.2 path form? decode with --godot 4.2)" : ""));
            }
            boolean valid = readValid(in);
            int idAt = in.offset();
            int id = in.i32("path cache id");
            if (id < 0) {
                throw in.errorAt(idAt, "path cache id " + Integer.toUnsignedString(id) + " does not fit 31 bits");
            }
            return new ConfirmPath(valid, new NodeRef.Cached(id));
        }
        requireLength(in, base, length, 3, "CONFIRM_PATH");
        boolean valid = readValid(in);
        return new ConfirmPath(valid, new NodeRef.Path(readPathToEnd(in, base + length, "node path")));
    }

    private static boolean readValid(WireReader in) {
        int at = in.offset();
        int valid = in.u8("valid flag");
        if (valid > 1) {
            throw in.errorAt(at, "valid flag is " + valid + ", not 0 or 1");
        }
        return valid == 1;
    }

    private Replication decodeReplication(WireReader in, int base, int byte0, int length) {
        int command = byte0 & CMD_MASK;
        boolean delta = command == SYNC && (byte0 & SYNC_DELTA_FLAG) != 0;
        int allowedFlags = delta ? SYNC_DELTA_FLAG : 0;
        String what = command == SPAWN ? "SPAWN" : command == DESPAWN ? "DESPAWN" : delta ? "DELTA" : "SYNC";
        if ((byte0 & ~CMD_MASK & ~allowedFlags) != 0) {
            throw in.error(String.format("byte 0 is 0x%02x: %s uses no such flag", byte0, what));
        }
        int minLength = command == SPAWN ? SPAWN_MIN_LENGTH : command == DESPAWN ? DESPAWN_LENGTH : SYNC_MIN_LENGTH;
        requireLength(in, base, length, minLength, what);
        in.u8("command byte");
        int end = base + length;
        if (command == DESPAWN) {
            if (length != DESPAWN_LENGTH) {
                throw in.errorAt(base, "DESPAWN is exactly " + DESPAWN_LENGTH + " bytes, got " + length);
            }
            return new Despawn(in.i32("net id"));
        }
        if (command == SPAWN) {
            return decodeSpawn(in, end);
        }
        return delta ? decodeDelta(in, end) : decodeSync(in, end);
    }

    private Spawn decodeSpawn(WireReader in, int end) {
        int sceneIndex = in.u8("scene index");
        int spawner = in.i32("spawner path-cache id");
        int netId = in.i32("net id");
        int syncCount = in.checkCount(in.u32("synchronizer count"), 4, "synchronizer ids", in.offset() - 4);
        int nameAt = in.offset();
        long nameLength = in.u32("name length");
        if (nameLength < 2) {
            throw in.errorAt(nameAt, "the node name is " + nameLength + " bytes with its NUL; Godot refuses an empty name");
        }
        List<Integer> syncIds = new ArrayList<>(syncCount);
        for (int i = 0; i < syncCount; i++) {
            syncIds.add(in.i32("synchronizer net id"));
        }
        in.require(nameLength, "node name");
        String name = readPathToEnd(in, in.offset() + (int) nameLength, "node name");
        Object custom = null;
        if (sceneIndex == Spawn.CUSTOM) {
            int argLength = in.byteLength("custom spawn argument");
            WireReader argIn = in.limit(argLength, "custom spawn argument");
            custom = args.read(argIn);
            argIn.expectEnd("the custom spawn argument");
            in.seek(argIn.offset());
        }
        List<Object> state = readValues(in.limit(end - in.offset(), "spawn state"));
        in.seek(end);
        return new Spawn(sceneIndex, spawner, netId, syncIds, name, custom, state);
    }

    private Sync decodeSync(WireReader in, int end) {
        int time = in.u16("sync time");
        List<SyncState> states = new ArrayList<>();
        while (in.offset() < end) {
            int netId = in.i32("synchronizer net id");
            int size = in.byteLength("synchronizer state");
            states.add(new SyncState(netId, readValues(in.limit(size, "synchronizer state"))));
            in.skip(size, "synchronizer state");
        }
        return new Sync(time, states);
    }

    private Delta decodeDelta(WireReader in, int end) {
        List<DeltaState> states = new ArrayList<>();
        while (in.offset() < end) {
            int netId = in.i32("synchronizer net id");
            int indexesAt = in.offset();
            long indexes = in.i64("changed-property bits");
            int size = in.byteLength("delta state");
            List<Object> values = readValues(in.limit(size, "delta state"));
            if (Long.bitCount(indexes) != values.size()) {
                throw in.errorAt(indexesAt, "the changed-property bits name " + Long.bitCount(indexes)
                        + " properties but the state holds " + values.size() + " values");
            }
            states.add(new DeltaState(netId, indexes, values));
            in.skip(size, "delta state");
        }
        return new Delta(states);
    }

    /** Compressed Variants one after another until the reader's end (a state carries no count). */
    private List<Object> readValues(WireReader in) {
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(args.read(in));
        }
        return values;
    }

    private Packet decodeSys(WireReader in, int base, int byte0, int length) {
        requireNoFlags(in, byte0, "SYS");
        requireLength(in, base, length, 2, "SYS");
        in.u8("command byte");
        int sys = in.u8("SYS command");
        if (sys == SYS_AUTH) {
            return new Auth(in.bytes(length - 2, "auth data"));
        }
        if (sys > SYS_RELAY) {
            throw in.errorAt(base + 1, "unknown SYS command " + sys);
        }
        if (sys == SYS_RELAY) {
            requireLength(in, base, length, SYS_CMD_SIZE + 1, "SYS RELAY");
        } else if (length != SYS_CMD_SIZE) {
            throw in.errorAt(base, (sys == SYS_ADD_PEER ? "ADD_PEER" : "DEL_PEER") + " is exactly 6 bytes, got " + length);
        }
        int peer = in.i32("peer id");
        return switch (sys) {
            case SYS_ADD_PEER -> new AddPeer(peer);
            case SYS_DEL_PEER -> new DelPeer(peer);
            default -> new Relay(peer, decodePacket(in, length - SYS_CMD_SIZE, true));
        };
    }

    // ---------------------------------------------------------------- encoding

    @Override
    public byte[] encode(Packet packet) {
        if (packet instanceof PeerId id) {
            if (id.id() < 2) {
                throw new WireEncodingException("peer id " + id.id() + " is invalid (Godot ids are 2 to 2147483647)");
            }
            return new WireWriter(4, 4, "4 bytes").i32(id.id()).toByteArray();
        }
        WireWriter out = WireWriter.forMessage(version);
        encodePacket(out, packet, false);
        return out.toByteArray();
    }

    private void encodePacket(WireWriter out, Packet packet, boolean relayed) {
        int base = out.position();
        if (packet instanceof Rpc rpc) {
            encodeRpc(out, base, rpc);
        } else if (packet instanceof SimplifyPath s) {
            if (s.methodsMd5() == null) {
                throw new WireEncodingException("a Godot 4 SIMPLIFY_PATH needs the RPC checksum (methodsMd5)");
            }
            byte[] md5 = s.methodsMd5().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            out.u8(SIMPLIFY_PATH).bytes(md5).u8(0).i32(s.cacheId()).cString(s.path());
        } else if (packet instanceof ConfirmPath c) {
            encodeConfirmPath(out, c);
        } else if (packet instanceof Raw r) {
            out.u8(RAW).bytes(r.data());
        } else if (packet instanceof Replication r) {
            encodeReplication(out, r);
        } else if (packet instanceof Auth a) {
            requireNotRelayed(relayed);
            out.u8(SYS).u8(SYS_AUTH).bytes(a.data());
        } else if (packet instanceof AddPeer a) {
            sys(out, relayed, SYS_ADD_PEER, a.id());
        } else if (packet instanceof DelPeer d) {
            sys(out, relayed, SYS_DEL_PEER, d.id());
        } else if (packet instanceof Relay r) {
            sys(out, relayed, SYS_RELAY, r.peer());
            encodePacket(out, r.inner(), true);
        } else if (packet instanceof PeerId) {
            // encode() writes a top-level peer id itself; here it can only be inside a Relay.
            throw new WireEncodingException("a peer id cannot be relayed");
        } else if (packet instanceof RemoteCall) {
            throw godot3Only("RemoteCall (methods by name)", "Rpc with a method id");
        } else if (packet instanceof RemoteSet) {
            throw godot3Only("RemoteSet (rset)", "an RPC");
        } else if (packet instanceof Routed) {
            throw godot3Only("Routed (the 9-byte peer header)", "Relay");
        } else {
            throw new IllegalStateException("unknown packet " + packet);
        }
    }

    private WireEncodingException godot3Only(String what, String instead) {
        return new WireEncodingException(what + " is Godot 3 only; Godot " + version.label() + " uses " + instead);
    }

    private static void sys(WireWriter out, boolean relayed, int sys, int peer) {
        requireNotRelayed(relayed);
        out.u8(SYS).u8(sys).i32(peer);
    }

    private static void requireNotRelayed(boolean relayed) {
        if (relayed) {
            throw new WireEncodingException("SYS packets cannot be relayed");
        }
    }

    private void encodeReplication(WireWriter out, Replication r) {
        if (r instanceof Despawn d) {
            out.u8(DESPAWN).i32(d.netId());
        } else if (r instanceof Spawn s) {
            byte[] name = WireWriter.utf8(s.name(), "node name");
            out.u8(SPAWN).u8(s.sceneIndex()).i32(s.spawnerCacheId()).i32(s.netId()).i32(s.syncIds().size())
                    .i32(name.length + 1);
            for (int id : s.syncIds()) {
                out.i32(id);
            }
            out.bytes(name).u8(0);
            if (s.isCustom()) {
                int sizeAt = out.position();
                out.i32(0);
                args.write(out, s.customArgument());
                out.patchI32(sizeAt, out.position() - sizeAt - 4);
            }
            writeValues(out, s.state());
        } else if (r instanceof Sync s) {
            out.u8(SYNC).u16(s.time());
            for (SyncState state : s.states()) {
                out.i32(state.netId());
                writeSized(out, state.values());
            }
        } else if (r instanceof Delta d) {
            out.u8(SYNC | SYNC_DELTA_FLAG);
            for (DeltaState state : d.states()) {
                out.i32(state.netId()).i64(state.indexes());
                writeSized(out, state.values());
            }
        } else {
            throw new IllegalStateException("unknown replication packet " + r);
        }
    }

    private void writeSized(WireWriter out, List<Object> values) {
        int sizeAt = out.position();
        out.i32(0);
        writeValues(out, values);
        out.patchI32(sizeAt, out.position() - sizeAt - 4);
    }

    private void writeValues(WireWriter out, List<Object> values) {
        for (Object v : values) {
            args.write(out, v);
        }
    }

    private void encodeConfirmPath(WireWriter out, ConfirmPath c) {
        out.u8(CONFIRM_PATH).u8(c.valid() ? 1 : 0);
        if (version.confirmsPathById()) {
            if (!(c.node() instanceof NodeRef.Cached id)) {
                throw new WireEncodingException("Godot " + version.label() + " confirms a path by its cache id, not by path");
            }
            out.i32(id.id());
        } else {
            if (!(c.node() instanceof NodeRef.Path p)) {
                throw new WireEncodingException("Godot " + version.label() + " confirms a path by echoing it, not by id");
            }
            out.cString(p.path());
        }
    }

    private void encodeRpc(WireWriter out, int base, Rpc rpc) {
        RpcLayout layout = rpc.layout();
        int byte0 = REMOTE_CALL
                | (layout.nodeIdBytes() == 2 ? NODE_ID_16 : layout.nodeIdBytes() == 4 ? NODE_ID_32 : 0)
                | (layout.methodIdBytes() == 2 ? METHOD_ID_16 : 0)
                | (layout.byteOnlyOrNoArgs() ? BYTE_ONLY_OR_NO_ARGS : 0);
        out.u8(byte0);
        int targetAt = out.position();
        if (rpc.node() instanceof NodeRef.Cached c) {
            switch (layout.nodeIdBytes()) {
                case 1 -> out.u8(c.id());
                case 2 -> out.u16(c.id());
                default -> out.i32(c.id());
            }
        } else {
            out.i32(0); // patched below, once the path offset is known
        }
        if (layout.methodIdBytes() == 1) {
            out.u8(rpc.methodId());
        } else {
            out.u16(rpc.methodId());
        }
        if (layout.byteOnlyOrNoArgs()) {
            if (!rpc.args().isEmpty()) {
                out.bytes((byte[]) rpc.args().get(0));
            }
        } else {
            out.u8(rpc.args().size());
            for (Object a : rpc.args()) {
                args.write(out, a);
            }
        }
        if (rpc.node() instanceof NodeRef.Path p) {
            out.patchI32(targetAt, NODE_PATH_FLAG | (out.position() - base));
            out.cString(p.path());
        }
    }
}
