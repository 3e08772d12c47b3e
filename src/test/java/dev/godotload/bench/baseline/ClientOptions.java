package dev.godotload.bench.baseline;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The load {@link BroadcastClients} puts on a server, from its command line. */
record ClientOptions(URI url, int users, Duration ramp, int messages, Duration interval, Duration maxWait) {
    static final String USAGE = "usage: BroadcastClients --url ws://127.0.0.1:PORT/ --users N --ramp-ms R"
            + " --messages S --interval-ms I --max-wait-ms W";
    private static final List<String> KEYS =
            List.of("--url", "--users", "--ramp-ms", "--messages", "--interval-ms", "--max-wait-ms");

    ClientOptions {
        if (!"ws".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("--url must be ws://HOST:PORT/, not " + url);
        }
        if (users < 1 || messages < 1 || ramp.isNegative() || interval.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("users and messages must be at least 1, durations not negative");
        }
    }

    /** @throws IllegalArgumentException with a one-line message when an option is missing, unknown or malformed */
    static ClientOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KEYS.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unexpected " + args[i] + "; " + USAGE);
            }
            given.put(args[i], args[i + 1]);
        }
        if (!given.keySet().containsAll(KEYS)) {
            throw new IllegalArgumentException(USAGE);
        }
        try {
            return new ClientOptions(URI.create(given.get("--url")),
                    Integer.parseInt(given.get("--users")),
                    Duration.ofMillis(Long.parseLong(given.get("--ramp-ms"))),
                    Integer.parseInt(given.get("--messages")),
                    Duration.ofMillis(Long.parseLong(given.get("--interval-ms"))),
                    Duration.ofMillis(Long.parseLong(given.get("--max-wait-ms"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "; " + USAGE, e);
        }
    }

    /** Copies one user receives: every message of every user, its own included. */
    long copiesPerUser() {
        return (long) users * messages;
    }

    long expectedCopies() {
        return users * copiesPerUser();
    }
}
