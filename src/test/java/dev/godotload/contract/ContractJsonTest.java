package dev.godotload.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.wire.variant.VariantType;

/** The replication fields of the contract JSON (docs/contract.md), and {@link Contract#toJson()}. */
class ContractJsonTest {
    /** A game with a player spawner, as docs/contract.md describes the format. */
    static final String GAME = """
            {
              "description": "a game with players",
              "nodes": [
                {"path": "Main/Chat", "rpcs": [
                  {"name": "say", "mode": "any_peer", "args": ["String"], "transfer_mode": "unreliable_ordered",
                   "channel": 1, "call_local": true},
                  {"name": "heard", "mode": "authority", "args": ["int", "Variant"]}]},
                {"path": "Main/Players/{peer}", "rpcs": [{"name": "jump", "mode": "authority", "args": []}]}
              ],
              "spawners": [
                {"path": "Main/PlayerSpawner", "spawn_path": "Main/Players", "spawn_limit": 8, "scenes": [
                  {"scene": "res://player.tscn",
                   "nodes": [{"path": ".", "rpcs": [{"name": "wave", "mode": "any_peer", "args": ["int"],
                              "transfer_mode": "unreliable", "channel": 2, "call_local": false}]}],
                   "synchronizers": [
                     {"path": "Sync", "root_path": "..", "replication_interval": 0.1, "delta_interval": 0.0,
                      "public_visibility": true, "properties": [
                        {"path": ".:position", "type": "Vector3", "spawn": true, "mode": "always"},
                        {"path": ".:rotation", "type": "Vector3", "spawn": false, "mode": "on_change"},
                        {"path": "Body:stamp", "type": "Variant", "spawn": false, "mode": "never"}]}]},
                  {"scene": "res://bullet.tscn"}]}
              ],
              "synchronizers": [
                {"path": "Main/WorldSync", "root_path": "../World", "replication_interval": 1.5,
                 "delta_interval": 0.25, "public_visibility": false,
                 "properties": [{"path": ".:weather", "type": "int", "spawn": true, "mode": "on_change"}]}
              ]
            }
            """;

    @Test
    void readsTheReplicationFields() throws IOException {
        Contract c = parse(GAME);
        assertThat(c.description()).isEqualTo("a game with players");
        assertThat(c.node("Main/Chat").rpc("say")).isEqualTo(new RpcSpec("say", RpcMode.ANY_PEER,
                List.of(VariantType.STRING), TransferMode.UNRELIABLE_ORDERED, 1, true));

        SpawnerSpec spawner = c.spawner("Main/PlayerSpawner");
        assertThat(spawner.spawnPath()).isEqualTo("Main/Players");
        assertThat(spawner.spawnLimit()).isEqualTo(8);
        assertThat(spawner.scenes()).extracting(SpawnableScene::scene).containsExactly("res://player.tscn", "res://bullet.tscn");
        SpawnableScene player = spawner.scene(0);
        assertThat(player.nodes()).containsExactly(new NodeSpec(".", List.of(new RpcSpec("wave", RpcMode.ANY_PEER,
                List.of(VariantType.INT), TransferMode.UNRELIABLE, 2, false))));
        assertThat(player.synchronizers()).containsExactly(new SynchronizerSpec("Sync", "..", 0.1, 0, true, List.of(
                new ReplicatedProperty(".:position", VariantType.VECTOR3, true, ReplicationMode.ALWAYS),
                new ReplicatedProperty(".:rotation", VariantType.VECTOR3, false, ReplicationMode.ON_CHANGE),
                new ReplicatedProperty("Body:stamp", null, false, ReplicationMode.NEVER))));
        assertThat(spawner.scene(1).nodes()).isEmpty();
        assertThat(spawner.scene(1).synchronizers()).isEmpty();
        assertThatThrownBy(() -> spawner.scene(2)).hasMessage(
                "spawner Main/PlayerSpawner has no scene id 2; its scenes are [res://player.tscn, res://bullet.tscn]");

        assertThat(c.synchronizer("Main/WorldSync")).isEqualTo(new SynchronizerSpec("Main/WorldSync", "../World", 1.5, 0.25,
                false, List.of(new ReplicatedProperty(".:weather", VariantType.INT, true, ReplicationMode.ON_CHANGE))));
        assertThatThrownBy(() -> c.spawner("Main/Nope"))
                .hasMessage("the contract has no spawner 'Main/Nope'; it has [Main/PlayerSpawner]");
        assertThatThrownBy(() -> c.synchronizer("Sync"))
                .hasMessage("the contract has no synchronizer 'Sync'; it has [Main/WorldSync]");
    }

    @Test
    void whatIsLeftOutIsGodotsDefault() throws IOException {
        Contract c = parse("""
                {"nodes": [{"path": "A", "rpcs": [{"name": "f", "mode": "any_peer"}]}],
                 "synchronizers": [{"path": "S", "properties": [{"path": ".:p"}]}],
                 "spawners": [{"path": "Sp", "spawn_path": "A"}]}
                """);
        assertThat(c.description()).isEmpty();
        assertThat(parse("{\"description\": \"\", \"nodes\": []}").description()).isEmpty();
        RpcSpec f = c.node("A").rpc("f");
        assertThat(f.transferMode()).isEqualTo(TransferMode.RELIABLE);
        assertThat(f.channel()).isZero();
        assertThat(f.callLocal()).isFalse();
        assertThat(f).isEqualTo(new RpcSpec("f", RpcMode.ANY_PEER, List.of()));
        assertThat(c.synchronizer("S")).isEqualTo(new SynchronizerSpec("S", "..", 0, 0, true,
                List.of(new ReplicatedProperty(".:p", null, true, ReplicationMode.ALWAYS))));
        assertThat(c.spawner("Sp")).isEqualTo(new SpawnerSpec("Sp", "A", 0, List.of()));
        assertThat(Contract.bundled().spawners()).isEmpty();
        assertThat(Contract.bundled().synchronizers()).isEmpty();
    }

    @Test
    void aPeerSegmentStandsForAnyPeerId() throws IOException {
        Contract c = parse(GAME);
        NodeSpec player = c.node("Main/Players/{peer}");
        for (String id : List.of("1", "2", "1839276400", "2147483647")) {
            assertThat(c.node("Main/Players/" + id)).as(id).isSameAs(player);
        }
        for (String notAPeer : List.of("0", "042", "-5", "2147483648", "99999999999", "abc", "")) {
            assertThat(c.nodeOrNull("Main/Players/" + notAPeer)).as(notAPeer).isNull();
        }
        assertThat(c.nodeOrNull("Main/Players/7/Hand")).isNull();
        assertThat(c.nodeOrNull("Main/Players")).isNull();
        assertThat(c.node("Main/Players/7").methodId("jump")).isZero();
        assertThat(c.node("Main/Chat").hasPeerSegment()).isFalse();
        assertThat(player.hasPeerSegment()).isTrue();
    }

    @Test
    void aListedPathWinsOverAPeerSegment() {
        NodeSpec any = new NodeSpec("Main/Players/{peer}", List.of(new RpcSpec("jump", RpcMode.AUTHORITY, List.of())));
        NodeSpec host = new NodeSpec("Main/Players/1", List.of(new RpcSpec("kick", RpcMode.ANY_PEER, List.of())));
        Contract c = new Contract(List.of(any, host));
        assertThat(c.node("Main/Players/1")).isSameAs(host);
        assertThat(c.node("Main/Players/2")).isSameAs(any);
    }

    @Test
    void badValuesAreOneLineEach() {
        String rpc = "{\"nodes\": [{\"path\": \"A\", \"rpcs\": [{\"name\": \"f\", \"mode\": \"any_peer\", %s}]}]}";
        String sync = "{\"nodes\": [], \"synchronizers\": [{\"path\": \"S\", %s}]}";
        String prop = "{\"nodes\": [], \"synchronizers\": [{\"path\": \"S\", \"properties\": [{\"path\": \".:p\", %s}]}]}";
        String spawner = "{\"nodes\": [], \"spawners\": [{\"path\": \"Sp\", %s}]}";
        String scene = "{\"nodes\": [], \"spawners\": [{\"path\": \"Sp\", \"spawn_path\": \"A\", \"scenes\": [%s]}]}";
        List<String[]> cases = List.of(
                bad(rpc, "\"transfer_mode\": \"fast\"",
                        "A.f: unknown transfer mode 'fast': use reliable, unreliable or unreliable_ordered"),
                bad(rpc, "\"transfer_mode\": 2", "A.f needs a \"transfer_mode\" string"),
                bad(rpc, "\"channel\": -1", "A.f: \"channel\" must be a whole number from 0, got -1"),
                bad(rpc, "\"channel\": 1.5", "A.f: \"channel\" must be a whole number from 0, got 1.5"),
                bad(rpc, "\"channel\": \"2\"", "A.f: \"channel\" must be a whole number from 0, got \"2\""),
                bad(rpc, "\"channel\": 4294967296", "A.f: \"channel\" must be a whole number from 0, got 4294967296"),
                bad(rpc, "\"call_local\": \"yes\"", "A.f: \"call_local\" must be true or false, got \"yes\""),
                bad("{\"nodes\": [{\"path\": \"Main/{player}\", \"rpcs\": []}]}", "%s",
                        "node path 'Main/{player}': '{player}' is not a placeholder; the only one is a whole {peer} segment"),
                bad("{\"nodes\": [{\"path\": \"{peer}/{peer}\", \"rpcs\": []}]}", "%s",
                        "node path '{peer}/{peer}' has 2 {peer} segments; a path may have one"),
                bad(sync, "\"replication_interval\": -0.5",
                        "synchronizer S: \"replication_interval\" must be 0 or more seconds, got -0.5"),
                bad(sync, "\"delta_interval\": \"soon\"",
                        "synchronizer S: \"delta_interval\" must be 0 or more seconds, got \"soon\""),
                bad(sync, "\"public_visibility\": 1", "synchronizer S: \"public_visibility\" must be true or false, got 1"),
                bad(sync, "\"root_path\": \"\"", "synchronizer S needs a \"root_path\" string"),
                bad(sync, "\"properties\": {}", "synchronizer S: \"properties\" must be an array"),
                bad(sync, "\"properties\": [{\"path\": \".:p\"}, {\"path\": \".:p\"}]", "synchronizer S lists property .:p twice"),
                bad(prop, "\"mode\": \"watch\"",
                        "synchronizer S: property .:p: unknown replication mode 'watch': use always, on_change or never"),
                bad(prop, "\"type\": \"Vector\"", "synchronizer S: property .:p: unknown property type 'Vector'"
                        + " (use Godot 4 names such as int, String, PackedInt32Array, Transform3D, or Variant)"),
                bad(prop, "\"spawn\": null", "synchronizer S: property .:p: \"spawn\" must be true or false, got null"),
                bad("{\"nodes\": [], \"synchronizers\": [{\"path\": \"S\", \"properties\": [{\"path\": \"position\"}]}]}", "%s",
                        "synchronizer S: property path 'position' must name a node and a property, e.g. .:position"),
                bad("{\"nodes\": [], \"synchronizers\": [{\"path\": \"/root/S\"}]}", "%s",
                        "synchronizer path '/root/S' must be relative, e.g. Main/Sync"),
                bad(spawner, "\"scenes\": []", "spawner Sp needs a \"spawn_path\" string"),
                bad(spawner, "\"spawn_path\": \"/root/Main/Players\"",
                        "spawner Sp: spawn_path '/root/Main/Players' must be relative to the multiplayer root, e.g. Main/Players"),
                bad(spawner, "\"spawn_path\": \"A\", \"spawn_limit\": -1",
                        "spawner Sp: \"spawn_limit\" must be a whole number from 0, got -1"),
                bad(spawner, "\"spawn_path\": \"A\", \"scenes\": \"res://p.tscn\"", "spawner Sp: \"scenes\" must be an array"),
                bad(scene, "{\"nodes\": []}", "spawner Sp, scene 0 needs a \"scene\" string"),
                bad(scene, "{\"scene\": \"res://p.tscn\", \"nodes\": [{\"path\": \".\", \"rpcs\": [{\"name\": \"w\", \"mode\": \"all\"}]}]}",
                        "spawner Sp, scene 0 (res://p.tscn): w: unknown rpc mode 'all': use any_peer, authority or disabled"),
                bad(scene, "{\"scene\": \"res://p.tscn\"}, {\"scene\": \"res://q.tscn\", \"synchronizers\": [{\"path\": \"S\","
                        + " \"properties\": [{\"path\": \".:p\", \"mode\": 1}]}]}",
                        "spawner Sp, scene 1 (res://q.tscn): synchronizer S: property .:p needs a \"mode\" string"),
                bad(scene, "{\"scene\": \"res://p.tscn\", \"nodes\": [{\"path\": \".\", \"rpcs\": []}, {\"path\": \".\", \"rpcs\": []}]}",
                        "spawner Sp, scene 0 (res://p.tscn): res://p.tscn lists node . twice"),
                bad("{\"nodes\": [], \"spawners\": [{\"path\": \"Sp\", \"spawn_path\": \"A\"}, {\"path\": \"Sp\", \"spawn_path\": \"B\"}]}",
                        "%s", "spawner Sp is listed twice"),
                bad("{\"nodes\": [], \"spawners\": 3}", "%s", "the contract: \"spawners\" must be an array"),
                bad("{\"nodes\": [], \"description\": [\"a\"]}", "%s", "\"description\" must be a string, got [\"a\"]"));
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases) {
            try {
                parse(c[0]);
                wrong.add("accepted: " + c[0]);
            } catch (IllegalArgumentException | IOException e) {
                String want = "contract t.json: " + c[1];
                if (!want.equals(e.getMessage())) {
                    wrong.add(c[0] + "\n    got:  " + e.getMessage() + "\n    want: " + want);
                }
            }
        }
        assertThat(wrong).as("messages that are not the expected line").isEmpty();
    }

    private static String[] bad(String template, String field, String message) {
        return new String[] {template.formatted(field), message};
    }

    @Test
    void toJsonIsReadBackEqual() throws IOException {
        for (Contract c : List.of(parse(GAME), Contract.bundled())) {
            String json = c.toJson();
            Contract back = parse(json);
            assertThat(back).isEqualTo(c);
            assertThat(back.toJson()).as("written the same way twice").isEqualTo(json);
        }
    }

    @Test
    void equalityNoticesEveryField() throws IOException {
        Contract game = parse(GAME);
        for (String[] change : new String[][] {
                {"\"mode\": \"on_change\"", "\"mode\": \"always\""},
                {"\"spawn\": true, \"mode\": \"always\"", "\"spawn\": false, \"mode\": \"always\""},
                {"\"Vector3\", \"spawn\": true", "\"Vector2\", \"spawn\": true"},
                {"0.1", "0.2"},
                {"\"channel\": 2", "\"channel\": 3"},
                {"\"call_local\": true", "\"call_local\": false"},
                {"\"spawn_limit\": 8", "\"spawn_limit\": 9"},
                {"{\"scene\": \"res://bullet.tscn\"}", "{\"scene\": \"res://rocket.tscn\"}"},
                {"\"public_visibility\": false", "\"public_visibility\": true"},
                {"a game with players", "another game"}}) {
            assertThat(GAME).contains(change[0]);
            assertThat(parse(GAME.replace(change[0], change[1]))).as(change[1]).isNotEqualTo(game);
        }
    }

    @Test
    void writesTwoSpaceIndentsInAFixedOrder() {
        Contract c = new Contract("tiny", List.of(new NodeSpec("Main/Stats", List.of(
                new RpcSpec("tell", RpcMode.AUTHORITY, Arrays.asList(VariantType.STRING, null), TransferMode.UNRELIABLE, 3, true),
                new RpcSpec("request_stats", RpcMode.ANY_PEER, List.of())))), List.of(),
                List.of(new SynchronizerSpec("Main/Sync", "..", 0, 0.5, true, List.of(
                        new ReplicatedProperty(".:score", VariantType.INT, false, ReplicationMode.ON_CHANGE)))));
        assertThat(c.toJson()).isEqualTo("""
                {
                  "description": "tiny",
                  "nodes": [
                    {
                      "path": "Main/Stats",
                      "rpcs": [
                        {
                          "name": "request_stats",
                          "mode": "any_peer",
                          "args": [],
                          "transfer_mode": "reliable",
                          "channel": 0,
                          "call_local": false
                        },
                        {
                          "name": "tell",
                          "mode": "authority",
                          "args": ["String", "Variant"],
                          "transfer_mode": "unreliable",
                          "channel": 3,
                          "call_local": true
                        }
                      ]
                    }
                  ],
                  "synchronizers": [
                    {
                      "path": "Main/Sync",
                      "root_path": "..",
                      "replication_interval": 0.0,
                      "delta_interval": 0.5,
                      "public_visibility": true,
                      "properties": [
                        {
                          "path": ".:score",
                          "type": "int",
                          "spawn": false,
                          "mode": "on_change"
                        }
                      ]
                    }
                  ]
                }
                """);
    }

    private static Contract parse(String json) throws IOException {
        return Contract.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }
}
