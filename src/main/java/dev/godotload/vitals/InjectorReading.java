package dev.godotload.vitals;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The injector JVM at one moment: heap, CPU time and GC time, the last two cumulative so that two
 * readings give a rate. When the injector itself is short of CPU or in GC, the latencies it
 * measures grow too: this tells that apart from a slow server.
 *
 * @param heapUsedBytes      heap in use
 * @param heapCommittedBytes heap the JVM holds from the system
 * @param heapMaxBytes       the heap's limit ({@code -Xmx}), or -1 when it has none
 * @param cpuNanos           CPU time of the whole process since it started, or -1 where the JVM cannot tell
 * @param gcMillis           time spent in garbage collection since start, all collectors together
 * @param processors         processors the JVM may use, to turn CPU time into a share of the machine
 */
public record InjectorReading(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long cpuNanos,
        long gcMillis, int processors) {

    /** This JVM, now. */
    public static InjectorReading now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new InjectorReading(heap.getUsed(), heap.getCommitted(), heap.getMax(), cpu, gc,
                Runtime.getRuntime().availableProcessors());
    }
}
