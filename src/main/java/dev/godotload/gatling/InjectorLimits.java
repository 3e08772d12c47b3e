package dev.godotload.gatling;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the injector from being the thing that breaks: before a user connects, the Gatling JVM's own
 * heap (as the last garbage collection left it) and its file descriptors are read, and past a
 * bound no more users connect. Those users each record a KO {@code connect} row saying why, the
 * users already in carry on and leave as usual, and the run ends with its report and its assertions
 * (which then fail), instead of an {@code OutOfMemoryError} or "too many open files" with no report.
 * The first refusal prints one line naming the resource and the population reached.
 */
final class InjectorLimits {
    /**
     * Past this fraction of the heap still in use after a collection, no more users connect. The rest is
     * for the users already in, whose traffic keeps allocating, and for the report at the end.
     */
    static final double HEAP_BOUND = 0.80;
    /** Past this fraction of the file descriptors the process may open, no more users connect. */
    static final double DESCRIPTOR_BOUND = 0.95;

    /** One resource: what is in use and the most there can be, in {@code unit} (e.g. "MB in use after the last collection"). */
    record Reading(String resource, String unit, long used, long max) {
        double fraction() {
            return max <= 0 ? 0 : (double) used / max;
        }
    }

    /** Reads one resource now; null when this JVM cannot tell. */
    interface Probe {
        Reading read();
    }

    /** The heap pools that report their usage after a collection; looked up once, read before every connect. */
    private static final List<MemoryPoolMXBean> COLLECTED_HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()).toList();

    private final List<Probe> probes;
    private final List<Double> bounds;
    private final AtomicReference<String> stopped = new AtomicReference<>();

    InjectorLimits(List<Probe> probes, List<Double> bounds) {
        this.probes = probes;
        this.bounds = bounds;
    }

    /** The Gatling JVM's own heap and file descriptors. */
    static InjectorLimits ofThisJvm() {
        return new InjectorLimits(List.of(InjectorLimits::heapAfterCollection,
                new Estimated(InjectorLimits::fileDescriptors, DESCRIPTOR_BOUND, 100_000_000L, System::nanoTime)),
                List.of(HEAP_BOUND, DESCRIPTOR_BOUND));
    }

    /**
     * Counting open descriptors lists them all ({@code /proc/self/fd}), so reading it before every
     * connect costs as much as the population: quadratic over a ramp (JFR showed it in a 4,000-user
     * connect burst). Between exact readings, at most {@code maxAgeNanos} apart, each user is taken to
     * open one more (its socket); near the bound every call reads exactly again.
     */
    static final class Estimated implements Probe {
        private final Probe exact;
        private final double bound;
        private final long maxAgeNanos;
        private final java.util.function.LongSupplier nanoClock;
        private Reading last;
        private long lastNanos;
        private long usersSince;

        Estimated(Probe exact, double bound, long maxAgeNanos, java.util.function.LongSupplier nanoClock) {
            this.exact = exact;
            this.bound = bound;
            this.maxAgeNanos = maxAgeNanos;
            this.nanoClock = nanoClock;
        }

        @Override
        public synchronized Reading read() {
            long now = nanoClock.getAsLong();
            usersSince++;
            boolean near = last != null && (double) (last.used() + usersSince) / last.max() >= bound - 0.01;
            if (last == null || near || now - lastNanos >= maxAgeNanos) {
                last = exact.read();
                lastNanos = now;
                usersSince = 0;
                return last;
            }
            return new Reading(last.resource(), last.unit(), last.used() + usersSince, last.max());
        }
    }

    /**
     * Null while there is room for one more user; else why not, one line. Once a bound was passed the
     * answer stays no: a collection that frees some heap as users fail would only let the run flap.
     *
     * @param connected the users started so far, for the line
     */
    String refusal(int connected) {
        String line = stopped.get();
        if (line != null) {
            return line;
        }
        for (int i = 0; i < probes.size(); i++) {
            Reading r = probes.get(i).read();
            if (r != null && r.fraction() >= bounds.get(i)) {
                String why = String.format(Locale.ROOT, "godot-load: stopped injecting at %,d users: the injector is short of"
                        + " %s (%,d of %,d %s); %s", connected, r.resource(), r.used(), r.max(), r.unit(),
                        advice(r.resource()));
                if (stopped.compareAndSet(null, why)) {
                    System.err.println(why);
                }
                return stopped.get();
            }
        }
        return null;
    }

    private static String advice(String resource) {
        return resource.equals("heap")
                ? "give Gatling more (-Dgatling.heap=8g) or split the population over more injectors"
                : "raise the limit (ulimit -n) or split the population over more injectors";
    }

    /** The old generation as the last collection left it, against the heap's maximum. */
    static Reading heapAfterCollection() {
        long used = 0;
        long max = Runtime.getRuntime().maxMemory();
        for (MemoryPoolMXBean pool : COLLECTED_HEAP_POOLS) {
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null) {
                used = Math.max(used, after.getUsed());
            }
        }
        return new Reading("heap", "MB in use after the last collection", used >> 20, max >> 20);
    }

    /** Open file descriptors against the process's limit; null where the JVM does not say (not Unix). */
    static Reading fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new Reading("file descriptors", "open", unix.getOpenFileDescriptorCount(),
                    unix.getMaxFileDescriptorCount());
        }
        return null;
    }
}
