package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code bash bench/capacity.sh}: measures what one injector machine holds and writes the
 * "Capacity" section of {@code docs/benchmarks.md} with its plots. Each experiment runs a
 * {@code serve} JVM and a Gatling JVM on loopback, at least three times per setting; results are
 * kept in {@code docs/capacity/results.json}, so {@code --only} re-runs part of it and
 * {@code --write-only} rewrites the page from what was measured.
 */
public final class CapacityCommand {
    static final String BEGIN = "<!-- capacity:begin (written by bench/capacity.sh; edit CapacityPage.java, not this) -->";
    static final String END = "<!-- capacity:end -->";

    private CapacityCommand() {
    }

    record Options(int runs, boolean quick, Set<String> only, boolean writeOnly, Path repo) {
        static Options parse(String[] args) {
            int runs = 3;
            boolean quick = false;
            boolean writeOnly = false;
            Set<String> only = new TreeSet<>(List.of("held", "relaymax", "fanout", "connects", "baseline", "godot3"));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = positive(args, ++i);
                    case "--quick" -> quick = true;
                    case "--write-only" -> writeOnly = true;
                    case "--only" -> only = new TreeSet<>(List.of(value(args, ++i).split(",")));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; usage: capacity.sh [--runs N] [--quick] [--only held,relaymax,fanout,connects,baseline,godot3] [--write-only]");
                }
            }
            return new Options(runs, quick, only, writeOnly, Path.of("").toAbsolutePath());
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int positive(String[] args, int i) {
            String v = value(args, i);
            try {
                int n = Integer.parseInt(v);
                if (n >= 1 && n <= 20) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("bad " + args[i - 1] + " '" + v + "': a whole number from 1 to 20");
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("capacity: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path work = o.repo().resolve("target/capacity");
        Files.createDirectories(work);
        // beside the page and its plots, in the repository: the page can be written again from it after a clean
        Path store = o.repo().resolve("docs/capacity/results.json");
        Files.createDirectories(store.getParent());
        List<Measurement> results = load(store);
        if (!o.writeOnly()) {
            Experiments ex = new Experiments(o.repo().resolve("target/godot-load.jar"), work, System.out::println);
            Plan plan = o.quick() ? Plan.QUICK : Plan.FULL;
            for (String experiment : o.only()) {
                results.removeIf(m -> m.experiment().equals(experiment));
                for (int run = 1; run <= o.runs(); run++) {
                    System.out.println("capacity: " + experiment + ", run " + run + " of " + o.runs());
                    for (Measurement m : plan.run(experiment, ex, run)) {
                        results.add(m);
                        save(store, results);
                    }
                }
            }
        }
        CapacityPage.write(o.repo().resolve("docs/benchmarks.md"), o.repo().resolve("docs/capacity"), results,
                LocalDate.now().toString(), o.quick());
        System.out.println("capacity: wrote docs/benchmarks.md and docs/capacity/*.png from " + results.size() + " measurements");
    }

    /** The settings each experiment runs; QUICK is for trying the command, not for the page. */
    enum Plan {
        FULL(new int[] {2_000, 5_000, 10_000}, 4_000, 6_000, new int[] {100, 300, 600, 1_000}, new int[] {2_000, 4_000}, 300, 50),
        QUICK(new int[] {200}, 200, 300, new int[] {50}, new int[] {200}, 50, 5);

        final int[] heldRelayOff;
        final int heldRelayOn;
        /** Relay on over the 5-minute ramp: near the most whose N² announcements it fits. */
        final int relayOnMax;
        final int[] fanOut;
        final int[] connects;
        final int baselineUsers;
        final int godot3Clients;

        Plan(int[] heldRelayOff, int heldRelayOn, int relayOnMax, int[] fanOut, int[] connects, int baselineUsers,
                int godot3Clients) {
            this.heldRelayOff = heldRelayOff;
            this.heldRelayOn = heldRelayOn;
            this.relayOnMax = relayOnMax;
            this.fanOut = fanOut;
            this.connects = connects;
            this.baselineUsers = baselineUsers;
            this.godot3Clients = godot3Clients;
        }

        List<Measurement> run(String experiment, Experiments ex, int run) throws Exception {
            List<Measurement> out = new ArrayList<>();
            switch (experiment) {
                case "held" -> {
                    for (int users : heldRelayOff) {
                        out.add(ex.held(users, false, Duration.ofSeconds(Math.max(5, users / 170)), run));
                    }
                    // relay on: N² announcements; the ramp that spreads them for 4,000 is 2 minutes
                    out.add(ex.held(heldRelayOn, true, Duration.ofSeconds(Math.max(5, heldRelayOn / 33)), run));
                }
                case "relaymax" -> out.add(ex.held("relaymax", relayOnMax, true, Duration.ofMinutes(5), run));
                case "fanout" -> {
                    for (int users : fanOut) {
                        out.add(ex.fanOut(users, run));
                    }
                }
                case "connects" -> {
                    for (int users : connects) {
                        out.add(ex.connects(users, Duration.ofSeconds(1), run));
                    }
                }
                case "baseline" -> out.add(ex.baseline(baselineUsers, run));
                case "godot3" -> out.add(ex.godot3(godot3Clients, run));
                default -> throw new IllegalArgumentException("unknown experiment '" + experiment
                        + "': held, fanout, connects, baseline or godot3");
            }
            return out;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static List<Measurement> load(Path store) throws IOException {
        if (!Files.exists(store)) {
            return new ArrayList<>();
        }
        return new ArrayList<>(JSON.readValue(store.toFile(), new TypeReference<List<Measurement>>() { }));
    }

    private static void save(Path store, List<Measurement> results) throws IOException {
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), results);
        Files.move(tmp, store, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, List<Measurement>> bySetting(List<Measurement> results, String experiment) {
        Map<String, List<Measurement>> out = new LinkedHashMap<>();
        for (Measurement m : results) {
            if (m.experiment().equals(experiment)) {
                out.computeIfAbsent(m.setting(), k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }
}
