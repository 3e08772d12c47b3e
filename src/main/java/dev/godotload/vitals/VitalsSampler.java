package dev.godotload.vitals;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.contract.Contract;
import dev.godotload.peer.GodotPeer;
import dev.godotload.peer.PeerEvent;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;

/**
 * Reads the target's vitals during a run: one Godot peer of its own (not a user: it has no row, no
 * session, and the run's users do not count it as theirs) that calls
 * {@code Main/Stats.request_stats()} every interval and keeps each {@code receive_stats} answer,
 * with the injector's own heap, CPU and GC time and the run's users online, as one {@link Sample}.
 *
 * <p>It reads everything the server sends (with server relay and stress mode on, every chat line
 * reaches it as it reaches a user) and answers the path announcements as a Godot client must, or
 * the server would keep addressing every peer by full path. It never fails the run: a target that
 * does not answer, drops the connection or sends bytes that are not Godot's is said once in the log,
 * and from then on the samples have no server part. Each interval still records one sample.
 */
public final class VitalsSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VitalsSampler.class);
    /** The contract's node and methods, as {@code docs/contract.md} names them. */
    static final String NODE = "Main/Stats";
    static final String REQUEST = "request_stats";
    static final String ANSWER = "receive_stats";
    /** Requests left unanswered before the log says the target does not answer. */
    static final int PATIENCE = 3;
    /** The most samples kept: a day at one a second. */
    static final int MAX_SAMPLES = 86_400;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** Where and how to connect: what the run's users do. */
    public record Target(String url, GodotVersion version, Contract contract, String authToken, String subprotocol,
            Duration connectTimeout) {
    }

    private enum State { CONNECTING, AUTHENTICATING, READY, GONE }

    private final Target target;
    private final Duration interval;
    private final IntSupplier users;
    private final long startedMillis;
    private final ScheduledExecutorService ticks;
    private final List<Sample> samples = new ArrayList<>();
    private final GodotPeer peer;
    /** Everything below is guarded by {@code this}. */
    private State state = State.CONNECTING;
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
    /**
     * Requests sent, answers received, and the last request whose interval has its sample. A Godot
     * server answers one peer in call order, so answer n is for request n; an answer that comes after
     * its interval was recorded without it is dropped, or one interval would have two samples.
     */
    private long requests;
    private long answers;
    private long recorded;
    private int unanswered;
    private long malformed;
    private String note;
    private boolean closed;
    private long lastTickNanos;

    private VitalsSampler(Target target, Duration interval, IntSupplier users) {
        this.target = target;
        this.interval = interval;
        this.users = users;
        this.peer = GodotPeer.of(target.version(), target.contract());
        this.startedMillis = System.currentTimeMillis();
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godot-load-vitals");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects in the background and takes a sample every {@code interval} until {@link #close()}.
     * The first sample is taken at once (before the server could answer), so the series starts with
     * the run.
     *
     * @param users the run's users online, read at each sample
     */
    public static VitalsSampler start(Target target, Duration interval, IntSupplier users) {
        VitalsSampler s = new VitalsSampler(target, interval, users);
        if (target.contract().nodeOrNull(NODE) != null) {
            s.connect();
        } else {
            // another game: joining it would make this sampler a player (a spawned node others see), and
            // asking a node it does not have makes a real engine log an error; the injector is still sampled
            synchronized (s) {
                s.state = State.GONE;
            }
            s.say("no server vitals: " + target.contract().location() + " has no " + NODE + "; only the injector is sampled");
        }
        s.ticks.scheduleAtFixedRate(s::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /** When the sampler started, on the injector's wall clock: second 0 of the series. */
    public long startedMillis() {
        return startedMillis;
    }

    /** The samples so far, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Why the samples lack a server part, if they do: one line, or null. */
    public synchronized String note() {
        return note;
    }

    /**
     * Takes a last sample (the users and the injector as the run ends; the server's last answer is
     * already in), stops sampling and leaves the server with a close frame; returns within about a
     * second. Idempotent.
     */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            add(new Sample(System.currentTimeMillis(), users.getAsInt(), null, InjectorReading.now()));
            closed = true;
            ws = socket;
            state = State.GONE;
        }
        ticks.shutdownNow();
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // a server that does not read: the abort below is enough
            }
            ws.abort();
        }
        try {
            ticks.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** In the background: the ticks must not wait for it, or they would run late and then in a burst. */
    private void connect() {
        Duration timeout = target.connectTimeout();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(timeout);
            if (target.subprotocol() != null) {
                b = b.subprotocols(target.subprotocol());
            }
            b.buildAsync(URI.create(target.url()), new Listener())
                    .orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            gone("could not connect to " + target.url() + " (" + reason(failure) + ")");
                        }
                    });
        } catch (IllegalArgumentException e) {
            gone("could not connect to " + target.url() + " (" + reason(e) + ")");
        }
    }

    /** One interval: a sample for a request left unanswered, then the next request. */
    private void tick() {
        try {
            synchronized (this) {
                long now = System.nanoTime();
                // after a stall (a GC pause, a starved CPU) the executor runs the missed ticks back to back: one is enough
                if (closed || lastTickNanos != 0 && now - lastTickNanos < interval.toNanos() / 2) {
                    return;
                }
                lastTickNanos = now;
                boolean pending = recorded < requests;
                if (pending || state != State.READY) {
                    recorded = requests;
                    if (pending && ++unanswered == PATIENCE && answers == 0) {
                        say("the target did not answer " + NODE + "." + REQUEST + "() " + PATIENCE + " times in a row: "
                                + "no server vitals (does it implement the contract's " + NODE + "?)");
                    }
                    add(new Sample(System.currentTimeMillis(), users.getAsInt(), null, InjectorReading.now()));
                }
                if (state == State.READY) {
                    if (peer.needsAnnouncement(NODE)) {
                        send(peer.announcement(NODE));
                    }
                    send(peer.rpc(NODE, REQUEST, List.of()));
                    requests++;
                }
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: this one must keep sampling
            LOG.warn("vitals sample failed: {}", e.toString());
        }
    }

    private synchronized void received(byte[] message) {
        PeerEvent event;
        try {
            event = peer.receive(message);
        } catch (WireFormatException e) {
            if (malformed++ == 0) {
                LOG.warn("vitals: a message from the target is not a Godot packet, ignored ({})", e.getMessage());
            }
            return;
        }
        if (event instanceof PeerEvent.IdAssigned) {
            if (target.authToken() != null) {
                state = State.AUTHENTICATING;
                send(peer.authData(target.authToken().getBytes(StandardCharsets.UTF_8)));
                send(peer.authComplete());
            } else {
                state = State.READY;
            }
        } else if (event instanceof PeerEvent.AuthReceived a && a.isCompletion() && state == State.AUTHENTICATING) {
            state = State.READY;
        } else if (event instanceof PeerEvent.RpcReceived rpc && rpc.node().equals(NODE) && rpc.method().equals(ANSWER)
                && !rpc.args().isEmpty() && rpc.args().get(0) instanceof Map<?, ?> stats && !closed) {
            answers++;
            unanswered = 0;
            if (answers > recorded) {
                recorded = answers;
                add(new Sample(System.currentTimeMillis(), users.getAsInt(), copy(stats), InjectorReading.now()));
            }
        }
        while (peer.hasReplies()) {
            send(peer.takeReply());
        }
    }

    private static Map<String, Object> copy(Map<?, ?> stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        stats.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private void add(Sample s) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(s);
        } else if (samples.size() == MAX_SAMPLES && note == null) {
            say("more than " + MAX_SAMPLES + " samples: the later ones are not kept");
        }
    }

    /** One send at a time, as the JDK's WebSocket requires; a send that fails ends the sampler's connection. */
    private void send(byte[] message) {
        WebSocket ws = socket;
        if (ws == null || state == State.GONE) {
            return;
        }
        sending = sending.thenCompose(x -> ws.sendBinary(ByteBuffer.wrap(message), true)).exceptionally(e -> {
            gone("could not send to the target (" + reason(e) + ")");
            return null;
        });
    }

    private void gone(String why) {
        boolean first;
        synchronized (this) {
            first = state != State.GONE && !closed;
            state = State.GONE;
            recorded = requests;
        }
        if (first) {
            say(why + ": server vitals end here");
        }
    }

    private synchronized void say(String line) {
        if (note == null) {
            note = line;
        }
        LOG.warn("vitals: {}", line);
    }

    private static String reason(Throwable e) {
        Throwable deepest = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.util.concurrent.TimeoutException || c instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
            if (c.getMessage() != null) {
                deepest = c;
            }
        }
        return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            // before the first message, which may be answered at once (the auth of a token)
            boolean keep;
            synchronized (VitalsSampler.this) {
                keep = !closed;
                socket = ws;
            }
            if (keep) {
                ws.request(1);
            } else {
                ws.abort();
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            byte[] whole = null;
            synchronized (VitalsSampler.this) {
                parts.writeBytes(b);
                if (last) {
                    whole = parts.toByteArray();
                    parts.reset();
                }
            }
            if (whole != null) {
                received(whole);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1); // Godot sends no text; nothing to learn from it
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            gone("the target closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            gone("the connection to the target failed (" + reason(error) + ")");
        }
    }
}
