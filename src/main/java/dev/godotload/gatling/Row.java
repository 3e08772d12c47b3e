package dev.godotload.gatling;

/**
 * One entry of the Gatling report that is not a request/response pair: a push timed from the
 * moment its sender wrote it. Times are in Gatling's clock (milliseconds).
 */
public record Row(String name, long startMillis, long endMillis, boolean ok, String message) {
    public Row {
        if (endMillis < startMillis) {
            // Sub-millisecond rounding between two clocks; never report a negative latency.
            endMillis = startMillis;
        }
    }

    public static Row ok(String name, long startMillis, long endMillis) {
        return new Row(name, startMillis, endMillis, true, null);
    }

    public static Row ko(String name, long startMillis, long endMillis, String message) {
        return new Row(name, startMillis, endMillis, false, message);
    }
}
