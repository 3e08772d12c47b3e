package dev.godotload.server;

import static dev.godotload.server.WirePeer.le;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.LogCapture;

import ch.qos.logback.classic.Level;

/**
 * Token authentication on the real {@link ReferenceServer} (godot4.md §3.2, §3.4): a pending peer
 * may only send {@code 07 00 …}; it is admitted, and announced, once it has sent the right token
 * and {@code 07 00}; a wrong token disconnects it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerAuthTest {
    private static final String TOKEN = "t0ken";
    private static final String AUTH_TOKEN = "07 00" + WirePeer.hex(TOKEN.getBytes(StandardCharsets.UTF_8));

    private RunningServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** A generous auth timeout, so that only the test that wants it sees a timeout. */
    private void start() {
        s = RunningServer.start(RunningServer.settings().withAuthToken(TOKEN).withAuthTimeout(Duration.ofSeconds(20)));
    }

    private WirePeer authenticated() throws Exception {
        WirePeer p = s.connect();
        p.send(AUTH_TOKEN);
        p.expect("07 00");
        p.send("07 00");
        p.barrier(); // admitted
        return p;
    }

    @Test
    void aPeerIsAnnouncedOnlyOnceItSentTheTokenAndCompleted() throws Exception {
        start();
        WirePeer a = authenticated();
        a.expectNothing(); // alone: no announcements

        WirePeer b = s.connect();
        // b gets no auth data (the server has none of its own to send), and b is pending: a hears nothing
        WirePeer.expectNothing(b, a);

        b.send(AUTH_TOKEN);
        b.expect("07 00");  // the server completed its side
        WirePeer.expectNothing(b, a); // but b has not completed: not admitted yet

        b.send("07 00");
        b.expect("07 01" + le(a.id));
        a.expect("07 01" + le(b.id));

        // admitted both ways: a chat round trip reaches both
        b.sendChat("in", 1L, 1L);
        b.expectChat(b.id, "in", 1L, 1L);
        a.expectChat(b.id, "in", 1L, 1L);
    }

    @Test
    void completionBeforeTheTokenAlsoAdmits() throws Exception {
        start();
        WirePeer a = authenticated();
        WirePeer b = s.connect();

        b.send("07 00");
        a.expectNothing();
        b.send(AUTH_TOKEN);

        b.expect("07 00");
        b.expect("07 01" + le(a.id));
        a.expect("07 01" + le(b.id));
    }

    @Test
    void aWrongTokenIsDisconnectedAndNeverAnnounced() throws Exception {
        start();
        WirePeer a = authenticated();
        WirePeer b = s.connect();

        b.send("07 00" + WirePeer.hex("wrong".getBytes(StandardCharsets.UTF_8)));

        assertThat(b.ws.awaitClose()).isEqualTo(1000);
        assertThat(b.ws.messages).as("nothing after the id, not even 07 00").isEmpty();
        a.expectNothing();
        // a is still served
        a.sendChat("still", 1L, 1L);
        a.expectChat(a.id, "still", 1L, 1L);
    }

    @Test
    void anRpcBeforeAuthenticatingGetsNothing() throws Exception {
        start();
        WirePeer a = authenticated();
        WirePeer b = s.connect();

        b.sendChat("too early", 1L, 1L);
        b.send("07 03" + le(a.id) + "03 de ad"); // a relay is not let through either

        WirePeer.expectNothing(b, a);
        assertThat(b.closed()).as("dropped, not disconnected").isFalse();
        // it can still authenticate, and then it is served
        b.send(AUTH_TOKEN);
        b.expect("07 00");
        b.send("07 00");
        b.expect("07 01" + le(a.id));
        a.expect("07 01" + le(b.id));
        b.sendChat("on time", 2L, 2L);
        b.expectChat(b.id, "on time", 2L, 2L);
        a.expectChat(b.id, "on time", 2L, 2L);
    }

    /** With Godot's own auth_timeout (3000 ms, scene_multiplayer.h): a client that never sends a byte. */
    @Test
    void aPeerThatNeverAuthenticatesIsDisconnectedAfterThreeSecondsAsInGodot() throws Exception {
        s = RunningServer.start(RunningServer.settings().withAuthToken(TOKEN));
        assertThat(s.server.settings().authTimeout()).isEqualTo(Duration.ofSeconds(3));
        try (LogCapture log = new LogCapture()) {
            WirePeer a = authenticated();
            WirePeer b = s.connect();
            long start = System.nanoTime();

            assertThat(b.ws.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(2_900L, 4_500L);
            assertThat(log.lines(Level.WARN)).contains("WARN peer " + b.id + " did not authenticate within 3000 ms; disconnected");
            a.expectNothing(); // never announced, so no departure either
            a.sendChat("after the drop", 1L, 1L);
            a.expectChat(a.id, "after the drop", 1L, 1L);
        }
    }
}
