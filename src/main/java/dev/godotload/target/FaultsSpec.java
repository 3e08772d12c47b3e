package dev.godotload.target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.godotload.faults.Direction;
import dev.godotload.faults.Faults;
import dev.godotload.faults.Toxic;

/**
 * Reads {@code -Dgodot.faults} and {@code -Dgodot.faults.users}: toxics separated by commas, each
 * {@code [up.|down.]name:arg:...} with its units written out, e.g.
 * {@code latency:80ms:20ms,down.bandwidth:256kbps}. Durations as {@link Durations} reads them, but
 * never bare; sizes in {@code b}, {@code kb} (1,024 bytes), {@code mb}, {@code gb}; rates in
 * {@code bps}, {@code kbps} (1,000 bits a second), {@code mbps}, {@code gbps}. A bad toxic is one
 * line naming it and the form it should have.
 */
final class FaultsSpec {
    static final String KNOB = "godot.faults";
    static final String USERS_KNOB = "godot.faults.users";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})(b|kb|mb|gb)");
    private static final Pattern RATE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,6})?)(bps|kbps|mbps|gbps)");
    private static final String NAMES = "latency, bandwidth, slicer, reset_peer, timeout or limit_data";

    private FaultsSpec() {
    }

    /** The run's faults, or null when {@code -Dgodot.faults} is not given. */
    static Faults read(LoadProperties p) {
        String text = p.string(KNOB);
        if (text == null) {
            if (p.string(USERS_KNOB) != null) {
                throw new IllegalArgumentException("bad -D" + USERS_KNOB + "='" + p.string(USERS_KNOB)
                        + "': it needs -D" + KNOB + " to say which faults, e.g. -D" + KNOB + "=latency:80ms");
            }
            return null;
        }
        return new Faults(parse(text), users(p.string(USERS_KNOB)));
    }

    private static double users(String text) {
        if (text == null) {
            return 1;
        }
        double users;
        try {
            users = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            users = Double.NaN;
        }
        if (!(users > 0 && users <= 1)) {
            throw new IllegalArgumentException("bad -D" + USERS_KNOB + "='" + text
                    + "': expected a fraction of users above 0 and at most 1, like 0.2");
        }
        return users;
    }

    /** @throws IllegalArgumentException {@code bad -Dgodot.faults '<the toxic>': <what it should be>} */
    static List<Toxic> parse(String text) {
        List<Toxic> toxics = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String part = item.strip();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("bad -D" + KNOB + "='" + text + "': an empty toxic between commas");
            }
            toxics.add(toxic(part));
        }
        return toxics;
    }

    private static Toxic toxic(String part) {
        String[] fields = part.toLowerCase(Locale.ROOT).split(":", -1);
        Direction direction = Direction.BOTH;
        String name = fields[0];
        if (name.startsWith("up.")) {
            direction = Direction.UP;
            name = name.substring(3);
        } else if (name.startsWith("down.")) {
            direction = Direction.DOWN;
            name = name.substring(5);
        }
        int args = fields.length - 1;
        try {
            switch (name) {
                case "latency":
                    need(args, 1, 2, part, "latency:<delay>[:<jitter>], like latency:80ms:20ms");
                    return new Toxic.Latency(direction, duration(fields[1]), args > 1 ? duration(fields[2]) : Duration.ZERO);
                case "bandwidth":
                    need(args, 1, 1, part, "bandwidth:<rate>, like bandwidth:256kbps (kilobits a second; also bps, "
                            + "mbps, gbps)");
                    return new Toxic.Bandwidth(direction, rate(fields[1]));
                case "slicer":
                    need(args, 1, 3, part, "slicer:<size>[:<variation>[:<delay>]], like slicer:64b:16b:1ms");
                    return new Toxic.Slicer(direction, (int) Math.min(Integer.MAX_VALUE, size(fields[1])),
                            args > 1 ? (int) Math.min(Integer.MAX_VALUE, size(fields[2])) : 0,
                            args > 2 ? duration(fields[3]) : Duration.ZERO);
                case "reset_peer":
                    need(args, 1, 1, part, "reset_peer:<time>, like reset_peer:5s");
                    return new Toxic.ResetPeer(direction, duration(fields[1]));
                case "timeout":
                    need(args, 1, 1, part, "timeout:<time>, like timeout:2s (0s: hold until the run ends)");
                    return new Toxic.Timeout(direction, duration(fields[1]));
                case "limit_data":
                    need(args, 1, 1, part, "limit_data:<size>, like limit_data:1kb");
                    return new Toxic.LimitData(direction, size(fields[1]));
                default:
                    throw new IllegalArgumentException("unknown toxic '" + name + "': expected " + NAMES
                            + ", each with an optional up. or down. prefix");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad -D" + KNOB + " '" + part + "': " + e.getMessage());
        }
    }

    private static void need(int args, int min, int max, String part, String form) {
        if (args < min || args > max) {
            throw new IllegalArgumentException("expected " + form);
        }
    }

    /** A duration with its unit: a bare number would be seconds to {@link Durations}, milliseconds to Toxiproxy. */
    private static Duration duration(String text) {
        if (text.isEmpty() || !Character.isLetter(text.charAt(text.length() - 1))) {
            throw new IllegalArgumentException("'" + text + "' needs its unit: expected a duration like 80ms or 2s");
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + e.getMessage());
        }
    }

    private static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: expected bytes with a unit, like 64b or 1kb");
        }
        int shift = switch (m.group(2)) {
            case "b" -> 0;
            case "kb" -> 10;
            case "mb" -> 20;
            default -> 30;
        };
        long n = Long.parseLong(m.group(1));
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return n << shift;
    }

    private static long rate(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: expected bits a second with a unit, "
                    + "like 256kbps or 2mbps");
        }
        long unit = switch (m.group(2)) {
            case "bps" -> 1;
            case "kbps" -> 1_000;
            case "mbps" -> 1_000_000;
            default -> 1_000_000_000;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }
}
