package dev.godotload.target;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a person writes a duration to godot-load, in a {@code -D} knob ({@code -Dload.ramp=30s})
 * and on the command line ({@code godot4 --timeout 60s}): a number and a unit, {@code ms}, {@code s},
 * {@code m} (or {@code min}) or {@code h}. A bare number is seconds, decimals are fine ({@code 1.5s}),
 * case and a space before the unit do not matter; the result is rounded to whole milliseconds.
 *
 * <p>A refusal is an {@link IllegalArgumentException} whose message is what would be accepted, e.g.
 * {@code a duration from 0s to 1h, like 30s, 500ms or 2m}: each caller puts it after its own words
 * (the knob's name, or the option's), so the same text reads right in both places.
 */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,18}(?:\\.\\d{1,9})?)\\s*(ms|s|min|m|h)?");
    private static final String EXAMPLES = "like 30s, 500ms or 2m";
    /** The longest duration {@link Duration#toMillis()} can still answer for. */
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE);

    private Durations() {
    }

    /** Any duration that is not negative. */
    public static Duration parse(String text) {
        return parse(text, Duration.ZERO, LONGEST);
    }

    /** A duration from {@code min} to {@code max}, both included. */
    public static Duration parse(String text, Duration min, Duration max) {
        Duration d = text == null ? null : millis(text.strip().toLowerCase(Locale.ROOT));
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(max.equals(LONGEST) && min.isZero()
                    ? "a duration " + EXAMPLES
                    : "a duration from " + show(min) + " to " + show(max) + ", " + EXAMPLES);
        }
        return d;
    }

    /** The shortest way to write {@code d} back in this format: {@code 1h}, {@code 2m}, {@code 30s}, {@code 1500ms}. */
    public static String show(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The duration, or null when the text is not one or does not fit in a {@code long} of milliseconds. */
    private static Duration millis(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long unit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            default -> 3_600_000;
        };
        // BigDecimal, not double: 0.1s is exactly 100 ms, and a huge number is refused rather than rounded.
        BigDecimal ms = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP);
        return ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? null : Duration.ofMillis(ms.longValueExact());
    }
}
