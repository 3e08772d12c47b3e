package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.contract.Contract;
import dev.godotload.peer.GodotPeer;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.SimplifyPath;

/** The server's verdict on our checksum of each node, as a report row per user and node. */
class ContractCheckTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_3);
    private final Contract contract = Contract.bundled();
    private final ContractCheck check = new ContractCheck(contract);

    private GodotUser user(int id) {
        GodotUser u = new GodotUser(GodotPeer.of(GodotVersion.GODOT_4_3, contract), 0, Map.of(), check);
        u.onFrame(new byte[] {(byte) id, 0, 0, 0}, 0, null);
        return u;
    }

    /** The user announces {@code path}, as before its first call on it; the server answers {@code valid}. */
    private static void announceAndConfirm(GodotUser u, String path, boolean valid) {
        SimplifyPath sent = (SimplifyPath) CODEC.decode(u.peer().announcement(path));
        u.onFrame(CODEC.encode(new ConfirmPath(valid, NodeRef.cached(sent.cacheId()))), 7, null);
    }

    @Test
    void aConfirmedChecksumIsAnOkRowAndARefusedOneAKoThatNamesTheNodeAndTheContract() {
        GodotUser good = user(2);
        announceAndConfirm(good, "Main/Chat", true);
        assertThat(good.takeRows()).containsExactly(Row.ok("contract Main/Chat", 7, 7));

        GodotUser bad = user(3);
        announceAndConfirm(bad, "Main/Chat", false);
        List<Row> rows = bad.takeRows();
        assertThat(rows).extracting(Row::name, Row::ok).containsExactly(tuple("contract Main/Chat", false));
        assertThat(rows.get(0).message()).isEqualTo("the server refused the checksum of Main/Chat's @rpc methods: its script"
                + " has other methods than godot-contract.json lists, so method ids may reach other methods");
        assertThat(bad.peer().unconfirmedPaths()).as("Godot confirms the path all the same").isEmpty();
        assertThat(check.summary()).isEqualTo("godot-load: the server's nodes differ from godot-contract.json: Main/Chat"
                + " (1 KO); see the 'contract <node>' rows, then fix the contract or the game's scripts");
    }

    @Test
    void aNodeTheServerAnnouncesWithAnotherChecksumIsAKo() {
        GodotUser u = user(2);
        u.onFrame(CODEC.encode(new SimplifyPath(4, "Main/World", "0123456789abcdef0123456789abcdef")), 9, null);
        assertThat(u.takeRows()).extracting(Row::name, Row::ok, Row::message).containsExactly(tuple(
                "contract Main/World", false, "the server announced Main/World with another checksum of its @rpc methods:"
                        + " its script has other methods than godot-contract.json lists, so method ids may reach other methods"));
    }

    @Test
    void oneUserFindingANodeDifferentTwiceIsOneKo() {
        GodotUser u = user(2);
        announceAndConfirm(u, "Main/Chat", false);
        u.onFrame(CODEC.encode(new SimplifyPath(4, "Main/Chat", "0123456789abcdef0123456789abcdef")), 9, null);
        assertThat(u.takeRows()).hasSize(1);
        assertThat(check.summary()).contains("Main/Chat (1 KO)");
    }

    @Test
    void aPathNeverConfirmedIsAKoWhenTheUserLeaves() {
        GodotUser u = user(2);
        u.peer().announcement("Main/World");
        u.checkPathsConfirmed(11);
        assertThat(u.takeRows()).extracting(Row::name, Row::ok).containsExactly(
                tuple("contract Main/World", false));
        assertThat(check.summary()).contains("Main/World (1 KO)");
    }

    @Test
    void nothingDifferedSaysNothing() {
        GodotUser u = user(2);
        announceAndConfirm(u, "Main/World", true);
        u.checkPathsConfirmed(11);
        assertThat(check.summary()).isNull();
    }
}
