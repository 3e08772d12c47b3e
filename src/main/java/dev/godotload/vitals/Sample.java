package dev.godotload.vitals;

import java.util.Map;

/**
 * One reading of the run, all on the injector's wall clock.
 *
 * @param atMillis when it was taken (for a server answer: when the answer arrived)
 * @param users    the run's users online then
 * @param server   the target's {@code receive_stats} Dictionary, or null when it sent none for this reading
 * @param injector the injector JVM then
 */
public record Sample(long atMillis, int users, Map<String, Object> server, InjectorReading injector) {
}
