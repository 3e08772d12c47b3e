package dev.godotload.engine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The loopback HTTP server a run's page talks to. Everything lives under a random path
 * ({@code http://127.0.0.1:PORT/<token>/}), so nothing else on the machine can guess where to post:
 * {@code /} our page, {@code godot.js}, {@code godot.wasm} and the two audio worklets the template, {@code game.pck} the
 * pack, {@code config.json} the engine's command line, and {@code POST events} the page's reports
 * (a JSON array of {@code {"k": kind, "t": text, "c": code}}). One thread serves it all, so the
 * events reach the sink in the order the page sent them.
 */
final class PageServer implements AutoCloseable {
    static final int MAX_EVENTS_BODY = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(
            "", "text/html; charset=utf-8",
            "godot.js", "text/javascript; charset=utf-8",
            "godot.wasm", "application/wasm",
            "godot.audio.worklet.js", "text/javascript; charset=utf-8",
            "godot.audio.position.worklet.js", "text/javascript; charset=utf-8",
            "game.pck", "application/octet-stream",
            "config.json", "application/json");

    /** One report of the page: {@code out}, {@code err}, {@code exit} (with a code), {@code fail}, {@code loading}, {@code started}. */
    record PageEvent(String kind, String text, int code) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI page;

    private PageServer(HttpServer server, ExecutorService executor, URI page) {
        this.server = server;
        this.executor = executor;
        this.page = page;
    }

    static PageServer start(GodotWebTemplate template, byte[] pack, List<String> args, Consumer<PageEvent> sink) {
        byte[] html = resource("page.html");
        byte[] config;
        try {
            config = JSON.writeValueAsBytes(Map.of("args", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new EngineSetupException("cannot listen on loopback for the engine's page: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "godot-web-page-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        String prefix = "/" + token + "/";
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                if (!path.startsWith(prefix)) {
                    send(exchange, 404, "text/plain", new byte[0]);
                    return;
                }
                String name = path.substring(prefix.length());
                String method = exchange.getRequestMethod();
                if (name.equals("events")) {
                    if (!method.equals("POST")) {
                        send(exchange, 405, "text/plain", new byte[0]);
                        return;
                    }
                    byte[] body = exchange.getRequestBody().readNBytes(MAX_EVENTS_BODY + 1);
                    if (body.length > MAX_EVENTS_BODY) {
                        send(exchange, 413, "text/plain", new byte[0]);
                        return;
                    }
                    List<PageEvent> events;
                    try {
                        events = parseEvents(body);
                    } catch (IOException | IllegalArgumentException e) {
                        send(exchange, 400, "text/plain", new byte[0]);
                        return;
                    }
                    events.forEach(sink); // before answering: a test (or a slow listener) sees them in place
                    send(exchange, 204, null, null);
                    return;
                }
                String type = TYPES.get(name);
                if (type == null || !(method.equals("GET") || method.equals("HEAD"))) {
                    send(exchange, type == null ? 404 : 405, "text/plain", new byte[0]);
                    return;
                }
                switch (name) {
                    case "godot.js" -> sendFile(exchange, type, template.js());
                    case "godot.wasm" -> sendFile(exchange, type, template.wasm());
                    case "godot.audio.worklet.js" -> sendFile(exchange, type, template.audioWorklet());
                    case "godot.audio.position.worklet.js" -> sendFile(exchange, type, template.audioPositionWorklet());
                    case "game.pck" -> send(exchange, 200, type, pack);
                    case "config.json" -> send(exchange, 200, type, config);
                    default -> send(exchange, 200, type, html);
                }
            } catch (IOException e) {
                // the page went away mid-request: nothing to tell it
            }
        });
        server.start();
        URI page = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + prefix);
        return new PageServer(server, executor, page);
    }

    static List<PageEvent> parseEvents(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("events are a JSON array");
        }
        List<PageEvent> out = new ArrayList<>(root.size());
        for (JsonNode e : root) {
            String kind = e.path("k").asText("");
            if (kind.isEmpty()) {
                throw new IllegalArgumentException("an event without a kind");
            }
            out.add(new PageEvent(kind, e.path("t").asText(""), e.path("c").asInt(-1)));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (body == null || body.length == 0 || head) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendFile(HttpExchange ex, String type, Path file) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = PageServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page to open: {@code http://127.0.0.1:PORT/<token>/}. */
    URI page() {
        return page;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
