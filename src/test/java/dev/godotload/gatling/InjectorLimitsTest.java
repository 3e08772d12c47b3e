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
}
