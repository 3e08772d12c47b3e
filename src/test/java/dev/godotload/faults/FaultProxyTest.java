package dev.godotload.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each toxic's effect, seen from plain sockets on loopback on both sides of the proxy, within the
 * tolerance each test states. The lower bounds are tight (a toxic must never let data through
 * early); the upper ones leave room for a busy 2-core machine.
 */
@Timeout(30)
class FaultProxyTest {
    private static final Duration NONE = Duration.ZERO;

    @BeforeAll
    static void loadTheProxysClasses() throws Exception {
        // the first connections load Netty's and the toxics' classes, which on a busy machine can take longer than a tolerance
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Latency(Direction.BOTH, ms(1), NONE),
                new Toxic.Bandwidth(Direction.BOTH, 100_000_000), new Toxic.Slicer(Direction.BOTH, 100, 50, NONE),
                new Toxic.LimitData(Direction.BOTH, 1_000_000), new Toxic.ResetPeer(Direction.BOTH, Duration.ofMinutes(1)));
                Socket s = connect(proxy)) {
            roundTripMillis(s, new byte[] {1});
        }
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Timeout(Direction.BOTH, ms(20)));
                Socket s = connect(proxy)) {
            Backend.drain(s.getInputStream());
        }
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    private static FaultProxy proxy(Backend backend, Toxic... toxics) {
        return FaultProxy.start(new Faults(List.of(toxics), 1), backend.address());
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(5_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static long roundTripMillis(Socket s, byte[] message) throws IOException {
        long start = System.nanoTime();
        s.getOutputStream().write(message);
        s.getInputStream().readNBytes(message.length);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** What a blocking read threw (null: it returned); timed tests take the time before asserting, which loads classes. */
    private static Throwable readFailure(Socket s) {
        try {
            s.getInputStream().read();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Round trips of one byte after an untimed first one (which also waits for the proxy to reach the server). */
    private static List<Long> roundTrips(Socket s, int count) throws IOException {
        roundTripMillis(s, new byte[] {0});
        List<Long> trips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trips.add(roundTripMillis(s, new byte[] {(byte) i}));
        }
        return trips;
    }

    /** A busy machine delays a thread now and then; the median of a few is what the toxic did. */
    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void latencyWithoutADirectionDelaysBothWaysSoARoundTripTakesTwiceIt() throws Exception {
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Latency(Direction.BOTH, ms(100), NONE));
                Socket s = connect(proxy)) {
            List<Long> trips = roundTrips(s, 5);
            // 200 ms ± 40 ms, and never early
            assertThat(trips).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(195L));
            assertThat(median(trips)).isBetween(195L, 240L);
        }
    }

    @Test
    void latencyOneWayOnlyDelaysThatWay() throws Exception {
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Latency(Direction.DOWN, ms(100), NONE));
                Socket s = connect(proxy)) {
            List<Long> trips = roundTrips(s, 5);
            assertThat(trips).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(98L));
            assertThat(median(trips)).isBetween(98L, 140L);
        }
    }

    @Test
    void jitterSpreadsTheDelaysButNeverReordersData() throws Exception {
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Latency(Direction.DOWN, ms(60), ms(40)));
                Socket s = connect(proxy)) {
            List<Long> trips = roundTrips(s, 10);
            // 60 ms ± 40 ms each; ten uniform draws that all land within 20 ms of each other: odds about 1 in 20,000
            assertThat(trips).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(19L));
            assertThat(median(trips)).isBetween(19L, 110L);
            assertThat(trips.stream().mapToLong(Long::longValue).max().getAsLong()
                    - trips.stream().mapToLong(Long::longValue).min().getAsLong()).isGreaterThanOrEqualTo(20L);

            // 400 numbered writes, 1 ms apart, each its own chunk with its own delay: they come back in order
            byte[] sent = new byte[1600];
            for (int i = 0; i < 400; i++) {
                sent[4 * i] = (byte) (i >> 8);
                sent[4 * i + 1] = (byte) i;
                sent[4 * i + 2] = (byte) 0x55;
                sent[4 * i + 3] = (byte) 0xAA;
                s.getOutputStream().write(sent, 4 * i, 4);
                if (i % 4 == 0) {
                    Thread.sleep(1);
                }
            }
            assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
        }
    }

    @Test
    void bandwidthIsKilobitsPerSecondOverATransfer() throws Exception {
        int bytes = 125_000; // 1 s at 1mbps = 1,000,000 bits a second
        try (Backend sender = new Backend((sock, b) -> {
            sock.getInputStream().read(); // the client's go
            sock.getOutputStream().write(new byte[bytes]);
            sock.getInputStream().read();
            sock.close();
        }); FaultProxy proxy = proxy(sender, new Toxic.Bandwidth(Direction.DOWN, 1_000_000)); Socket s = connect(proxy)) {
            long start = System.nanoTime();
            s.getOutputStream().write(1);
            byte[] got = s.getInputStream().readNBytes(bytes);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(got).hasSize(bytes);
            // 1,000 ms ± 10 %
            assertThat(millis).isBetween(990L, 1_100L);
        }
    }

    @Test
    void slicerWritesSmallSegmentsDelayApart() throws Exception {
        try (Backend sender = new Backend((sock, b) -> {
            sock.getOutputStream().write(new byte[960]);
            sock.getInputStream().read();
            sock.close();
        }); FaultProxy proxy = proxy(sender, new Toxic.Slicer(Direction.DOWN, 16, 0, ms(4))); Socket s = connect(proxy)) {
            InputStream in = s.getInputStream();
            List<Integer> reads = new ArrayList<>();
            byte[] buf = new byte[4096];
            long start = System.nanoTime();
            int total = 0;
            while (total < 960) {
                int n = in.read(buf);
                reads.add(n);
                total += n;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            // 60 segments of 16 bytes, 4 ms apart: at least 59 x 4 ms; a busy reader may catch two or more at once
            assertThat(millis).isGreaterThanOrEqualTo(230L);
            assertThat(reads).allSatisfy(n -> assertThat(n % 16).isZero());
            assertThat(reads.stream().filter(n -> n == 16).count()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void slicerSizesVaryWithinTheVariation() throws Exception {
        try (Backend sender = new Backend((sock, b) -> {
            sock.getOutputStream().write(new byte[2000]);
            sock.getInputStream().read();
            sock.close();
        }); FaultProxy proxy = proxy(sender, new Toxic.Slicer(Direction.DOWN, 20, 10, ms(3))); Socket s = connect(proxy)) {
            InputStream in = s.getInputStream();
            List<Integer> reads = new ArrayList<>();
            byte[] buf = new byte[4096];
            int total = 0;
            while (total < 2000) {
                int n = in.read(buf);
                reads.add(n);
                total += n;
            }
            // about 100 segments of 10 to 30 bytes; a read that caught two is up to 60
            assertThat(reads.size()).isGreaterThanOrEqualTo(60);
            assertThat(reads.stream().filter(n -> n <= 30).count()).isGreaterThanOrEqualTo(reads.size() * 8L / 10);
            assertThat(reads.stream().filter(n -> n < 20).count()).as("some below the average").isPositive();
            assertThat(reads.subList(0, reads.size() - 1).stream().filter(n -> n > 20 && n <= 30).count())
                    .as("some above it").isPositive();
        }
    }

    @Test
    void resetPeerResetsBothSocketsAfterItsTime() throws Exception {
        try (Backend server = new Backend((sock, b) -> {
            try {
                b.outcomes.add(Backend.drain(sock.getInputStream()));
            } catch (SocketException e) {
                b.outcomes.add(e.getMessage());
            }
        }); FaultProxy proxy = proxy(server, new Toxic.ResetPeer(Direction.BOTH, ms(300))); Socket s = connect(proxy)) {
            long start = System.nanoTime();
            s.getOutputStream().write(new byte[] {1, 2, 3});
            Throwable thrown = readFailure(s);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(thrown).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            // 300 ms, at most 150 ms late on a busy machine
            assertThat(millis).isBetween(295L, 450L);
            assertThat(server.outcome()).asString().contains("reset");
            assertThat(proxy.stats().resets()).isEqualTo(2);
        }
    }

    @Test
    void resetPeerDownResetsTheUserAndClosesTheServerSideNormally() throws Exception {
        try (Backend server = Backend.counting();
                FaultProxy proxy = proxy(server, new Toxic.ResetPeer(Direction.DOWN, ms(200))); Socket s = connect(proxy)) {
            s.getOutputStream().write(new byte[] {1, 2, 3});
            assertThatThrownBy(() -> s.getInputStream().read()).hasMessageContaining("reset");
            assertThat(server.outcome()).isEqualTo(3L);
            assertThat(proxy.stats().resets()).isEqualTo(1);
        }
    }

    @Test
    void timeoutPassesNothingAndClosesAfterItsTime() throws Exception {
        try (Backend server = Backend.counting();
                FaultProxy proxy = proxy(server, new Toxic.Timeout(Direction.BOTH, ms(300))); Socket s = connect(proxy)) {
            long start = System.nanoTime();
            s.getOutputStream().write(new byte[100]);
            int read = s.getInputStream().read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).isEqualTo(-1);
            // 300 ms, at most 150 ms late on a busy machine
            assertThat(millis).isBetween(295L, 450L);
            assertThat(server.outcome()).as("bytes the server got").isEqualTo(0L);
            assertThat(proxy.stats().bytesUp()).as("bytes the proxy read and dropped").isEqualTo(100);
        }
    }

    @Test
    void timeoutZeroHoldsTheConnectionUntilTheProxyStops() throws Exception {
        try (Backend echo = Backend.echo()) {
            FaultProxy proxy = proxy(echo, new Toxic.Timeout(Direction.UP, NONE));
            try (Socket s = connect(proxy)) {
                s.setSoTimeout(600);
                s.getOutputStream().write(new byte[] {1, 2, 3});
                assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                s.setSoTimeout(5_000);
                proxy.close();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void limitDataClosesAfterExactlyThatManyBytes() throws Exception {
        try (Backend sender = new Backend((sock, b) -> {
            sock.getOutputStream().write(new byte[5_000]);
            sock.getInputStream().read();
            sock.close();
        }); FaultProxy proxy = proxy(sender, new Toxic.LimitData(Direction.DOWN, 1_000)); Socket s = connect(proxy)) {
            assertThat(Backend.drain(s.getInputStream())).isEqualTo(1_000);
        }
        try (Backend server = Backend.counting(); FaultProxy proxy = proxy(server, new Toxic.LimitData(Direction.UP, 100));
                Socket s = connect(proxy)) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 3; i++) {
                out.write(new byte[70]);
            }
            assertThat(server.outcome()).isEqualTo(100L);
            assertThat(s.getInputStream().read()).as("the user's side is closed too").isEqualTo(-1);
        }
    }

    @Test
    void toxicsActInTheOrderWritten() throws Exception {
        // 1 KB at 80kbps (100 ms), then 50 ms on the last piece: about 150 ms, not 100
        try (Backend sender = new Backend((sock, b) -> {
            sock.getInputStream().read();
            sock.getOutputStream().write(new byte[1_000]);
            sock.getInputStream().read();
            sock.close();
        }); FaultProxy proxy = proxy(sender, new Toxic.Bandwidth(Direction.DOWN, 80_000),
                new Toxic.Latency(Direction.DOWN, ms(50), NONE)); Socket s = connect(proxy)) {
            long start = System.nanoTime();
            s.getOutputStream().write(1);
            byte[] got = s.getInputStream().readNBytes(1_000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(got).hasSize(1_000);
            assertThat(millis).isBetween(145L, 250L);
        }
    }

    @Test
    void anUnreachableTargetClosesTheUsersConnection() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (FaultProxy proxy = FaultProxy.start(new Faults(List.of(new Toxic.Latency(Direction.BOTH, ms(10), NONE)), 1),
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port)); Socket s = connect(proxy)) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(proxy.stats().unreachable()).isEqualTo(1);
        }
    }

    @Test
    void manyConnectionsShareAFewThreads() throws Exception {
        try (Backend echo = Backend.echo(); FaultProxy proxy = proxy(echo, new Toxic.Latency(Direction.BOTH, ms(20), NONE))) {
            List<Socket> users = new ArrayList<>();
            try {
                for (int i = 0; i < 150; i++) {
                    users.add(connect(proxy));
                }
                for (Socket u : users) {
                    u.getOutputStream().write(7);
                }
                for (Socket u : users) {
                    assertThat(u.getInputStream().read()).isEqualTo(7);
                }
                long proxyThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("godot-faults")).count();
                assertThat(proxyThreads).isBetween(1L, 4L);
                assertThat(proxy.stats().connections()).isEqualTo(150);
            } finally {
                for (Socket u : users) {
                    u.close();
                }
            }
        }
    }
}
