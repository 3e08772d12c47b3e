package dev.godotload.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InjectorLimitsTest {
    private final AtomicLong heapUsed = new AtomicLong(100);
    private final AtomicLong open = new AtomicLong(10);
    private final InjectorLimits limits = new InjectorLimits(List.of(
            () -> new InjectorLimits.Reading("heap", "MB in use after the last collection", heapUsed.get(), 1000),
            () -> new InjectorLimits.Reading("file descriptors", "open", open.get(), 100)),
            List.of(InjectorLimits.HEAP_BOUND, InjectorLimits.DESCRIPTOR_BOUND));

    @Test
    void usersConnectWhileThereIsRoomAndNotOncePastABoundEvenIfRoomComesBack() {
        assertThat(limits.refusal(1)).isNull();
        heapUsed.set(799);
        assertThat(limits.refusal(2)).isNull();
        heapUsed.set(800);
        String line = limits.refusal(3_456);
        assertThat(line).isEqualTo("godot-load: stopped injecting at 3,456 users: the injector is short of heap (800 of 1,000"
                + " MB in use after the last collection); give Gatling more (-Dgatling.heap=8g) or split the population over"
                + " more injectors");
        heapUsed.set(10);
        assertThat(limits.refusal(3_457)).as("no flapping: the first line stands").isEqualTo(line);
    }

    @Test
    void fileDescriptorsAreABoundToo() {
        open.set(95);
        assertThat(limits.refusal(90)).isEqualTo("godot-load: stopped injecting at 90 users: the injector is short of file"
                + " descriptors (95 of 100 open); raise the limit (ulimit -n) or split the population over more injectors");
    }

    @Test
    void aResourceThisJvmCannotReadIsNoBound() {
        InjectorLimits blind = new InjectorLimits(List.of(() -> null), List.of(0.0));
        assertThat(blind.refusal(1)).isNull();
    }

    @Test
    void thisJvmsOwnReadingsAreSane() {
        InjectorLimits.Reading heap = InjectorLimits.heapAfterCollection();
        assertThat(heap.max()).isPositive();
        assertThat(heap.used()).isBetween(0L, heap.max());
        InjectorLimits.Reading fds = InjectorLimits.fileDescriptors();
        if (fds != null) { // Unix
            assertThat(fds.used()).isPositive().isLessThanOrEqualTo(fds.max());
        }
        assertThat(InjectorLimits.ofThisJvm().refusal(1)).as("a test JVM has room").isNull();
    }

    @Test
    void descriptorsAreCountedExactlyNowAndThenAndEveryTimeNearTheBound() {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger exactReads = new java.util.concurrent.atomic.AtomicInteger();
        InjectorLimits.Estimated fds = new InjectorLimits.Estimated(() -> {
            exactReads.incrementAndGet();
            return new InjectorLimits.Reading("file descriptors", "open", open.get(), 100);
        }, 0.95, 1_000, clock::get);
        open.set(10);
        assertThat(fds.read().used()).isEqualTo(10);
        for (int i = 1; i <= 50; i++) {
            open.incrementAndGet(); // each user opens its socket
            assertThat(fds.read().used()).as("estimate after %d users", i).isEqualTo(10 + i);
        }
        assertThat(exactReads).as("one exact reading for 51 users, the clock standing still").hasValue(1);
        clock.set(1_000);
        fds.read();
        assertThat(exactReads).as("an old reading is taken again").hasValue(2);
        open.set(93);
        clock.set(2_000);
        assertThat(fds.read().used()).isEqualTo(93);
        int before = exactReads.get();
        fds.read();
        fds.read();
        assertThat(exactReads.get() - before).as("near the bound every call reads exactly").isEqualTo(2);
    }
}
