package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageServerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PageServer.PageEvent> events = new CopyOnWriteArrayList<>();
    private PageServer server;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("index.js"), "var Engine = function () {};");
        Files.write(dir.resolve("index.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(dir.resolve("w.js"), "// worklet");
        Files.writeString(dir.resolve("p.js"), "// position worklet");
        GodotWebTemplate t = new GodotWebTemplate(dir, dir.resolve("index.js"), dir.resolve("index.wasm"),
                dir.resolve("w.js"), dir.resolve("p.js"));
        server = PageServer.start(t, new byte[] {'G', 'D', 'P', 'C'}, List.of("--audio-driver", "Dummy", "--", "a \"b\"", "</script>"),
                events::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(server.page().resolve(name)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void listensOnLoopbackUnderARandomPath() {
        URI page = server.page();
        assertThat(page.getHost()).isEqualTo("127.0.0.1");
        assertThat(page.getPath()).matches("/[0-9a-f]{32}/");
    }

    @Test
    void servesEachFileWithItsType() throws Exception {
        HttpResponse<byte[]> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<canvas", "src=\"godot.js\"", "new Engine(");
        HttpResponse<byte[]> wasm = get("godot.wasm");
        assertThat(wasm.headers().firstValue("Content-Type")).hasValue("application/wasm");
        assertThat(wasm.body()).containsExactly(0, 'a', 's', 'm', 1, 0, 0, 0);
        assertThat(get("godot.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(new String(get("godot.audio.worklet.js").body(), StandardCharsets.UTF_8)).isEqualTo("// worklet");
        assertThat(new String(get("godot.audio.position.worklet.js").body(), StandardCharsets.UTF_8)).isEqualTo("// position worklet");
        HttpResponse<byte[]> pck = get("game.pck");
        assertThat(pck.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(pck.body()).containsExactly('G', 'D', 'P', 'C');
        HttpResponse<byte[]> config = get("config.json");
        assertThat(config.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(config.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"args\":[\"--audio-driver\",\"Dummy\",\"--\",\"a \\\"b\\\"\",\"</script>\"]}");
    }

    @Test
    void anythingElseIsNotFound() throws Exception {
        assertThat(get("index.html").statusCode()).isEqualTo(404);
        assertThat(get("../x").statusCode()).isEqualTo(404);
        URI root = server.page().resolve("/");
        assertThat(http.send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        URI otherToken = server.page().resolve("/00000000000000000000000000000000/game.pck");
        assertThat(http.send(HttpRequest.newBuilder(otherToken).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(404);
        assertThat(post(server.page().resolve("/events"), "[]").statusCode()).isEqualTo(404);
        assertThat(events).isEmpty();
    }

    @Test
    void eventsArriveInOrder() throws Exception {
        URI uri = server.page().resolve("events");
        assertThat(post(uri, "[{\"k\":\"out\",\"t\":\"one\"},{\"k\":\"err\",\"t\":\"two\"}]").statusCode()).isEqualTo(204);
        assertThat(post(uri, "[{\"k\":\"exit\",\"c\":7}]").statusCode()).isEqualTo(204);
        assertThat(events).containsExactly(new PageServer.PageEvent("out", "one", -1), new PageServer.PageEvent("err", "two", -1),
                new PageServer.PageEvent("exit", "", 7));
    }

    @Test
    void badEventsAreRefused() throws Exception {
        URI uri = server.page().resolve("events");
        assertThat(post(uri, "not json").statusCode()).isEqualTo(400);
        assertThat(post(uri, "{\"k\":\"out\"}").statusCode()).isEqualTo(400);
        assertThat(post(uri, "[{\"t\":\"no kind\"}]").statusCode()).isEqualTo(400);
        assertThat(post(uri, "[" + "{\"k\":\"out\",\"t\":\"" + "x".repeat(PageServer.MAX_EVENTS_BODY) + "\"}]").statusCode())
                .isEqualTo(413);
        assertThat(get("events").statusCode()).isEqualTo(405);
        assertThat(events).isEmpty();
    }
}
