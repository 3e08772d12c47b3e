package dev.godotload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.gatling.GodotClock;
import dev.godotload.gatling.GodotUser;
import dev.godotload.gatling.Row;
import dev.godotload.gatling.TestUsers;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.IntegrityVerdict;

class MergeLedgerTest {
    private final MergeLedger ledger = new MergeLedger();

    private static GodotUser user(int id) {
        return TestUsers.withId(id);
    }

    @Test
    void opIdsArePeerTimesTwoToTheTwentyPlusTheUsersCount() {
        GodotUser a = user(300);
        assertThat(ledger.attempt(a, new int[] {1, 2})).isEqualTo(300L * (1 << 20) + 1);
        assertThat(ledger.attempt(a, new int[] {3, 4})).isEqualTo(300L * (1 << 20) + 2);
        assertThat(ledger.opId(a)).isEqualTo(300L * (1 << 20) + 2);
        assertThat(ledger.attempt(user(301), new int[] {3, 4})).isEqualTo(301L * (1 << 20) + 1);
    }

    @Test
    void theSendTimeOfAMergeIsFoundByAuthorAndProps() {
        GodotUser a = user(300);
        long before = GodotClock.nowMicros();
        ledger.attempt(a, new int[] {5, 6});
        long after = GodotClock.nowMicros();
        assertThat(ledger.sentMicros(300, PackedInt32Array.of(5, 6))).isBetween(before, after);
        long unknown = ledger.sentMicros(999, PackedInt32Array.of(5, 6));
        assertThat(unknown).isGreaterThanOrEqualTo(after);
    }

    @Test
    void aCleanRunIsAnOkRowAndALostEditAKoRowNamingIt(@TempDir Path dir) throws Exception {
        GodotUser a = user(300);
        long op1 = ledger.attempt(a, new int[] {1, 2});
        long op2 = ledger.attempt(a, new int[] {3, 4});
        ledger.acknowledged(a, op1, 1);
        ledger.acknowledged(a, op2, 2);

        IntegrityVerdict v = ledger.check(2, List.of(PackedInt32Array.of(1, 2)));

        assertThat(v.lost()).hasSize(1);
        Row row = ledger.row("world integrity", 10, 10);
        assertThat(row.ok()).isFalse();
        assertThat(row.message()).isEqualTo("1 lost, 0 unexpected, 0 anomalies; first lost: op " + op2
                + " (v2); world-integrity.json names them all");

        Path json = dir.resolve("run/world-integrity.json");
        ledger.writeJson(json, Map.of("simulation", "Test"));
        JsonNode tree = new ObjectMapper().readTree(Files.readString(json));
        assertThat(tree.get("simulation").asText()).isEqualTo("Test");
        assertThat(tree.get("clean").asBoolean()).isFalse();
        assertThat(tree.get("lostCount").asInt()).isEqualTo(1);
        assertThat(tree.get("lost").get(0).get("opId").asLong()).isEqualTo(op2);
        assertThat(tree.get("lost").get(0).get("glued").toString()).isEqualTo("[3,4]");
        assertThat(tree.get("finalVersion").asLong()).isEqualTo(2);
    }

    @Test
    void aStateThatIsNotGroupsCannotBeChecked() {
        assertThat(ledger.check(1, "groups")).isNull();
        assertThat(ledger.unreadable()).isEqualTo("receive_state's groups is String, not an Array");
        assertThat(ledger.check(1, List.of(List.of(1L, 2L)))).isNull();
        assertThat(ledger.unreadable()).startsWith("receive_state's groups holds ").endsWith(", not PackedInt32Array");
        Row row = ledger.row("world integrity", 1, 1);
        assertThat(row.ok()).isFalse();
        assertThat(row.message()).contains("not PackedInt32Array");
    }

    @Test
    void withoutAReadBackTheRowIsKo() {
        Row row = ledger.row("world integrity", 1, 1);
        assertThat(row.ok()).isFalse();
        assertThat(row.message()).isEqualTo("no state was read back, so no merge could be checked");
    }
}
