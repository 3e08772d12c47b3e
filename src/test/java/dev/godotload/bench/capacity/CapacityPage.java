package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the capacity section of docs/benchmarks.md, between its markers, and the plots it shows. */
final class CapacityPage {
    private CapacityPage() {
    }

    static void write(Path page, Path images, List<Measurement> results, String date, boolean quick) throws IOException {
        Files.createDirectories(images);
        StringBuilder md = new StringBuilder();
        md.append(CapacityCommand.BEGIN).append('\n');
        md.append("Measured by `bash bench/capacity.sh` on ").append(machine()).append(", ").append(date)
                .append(quick ? " (**--quick: small populations, not figures to quote**)" : "")
                .append(". `serve` and the Gatling run each in their own JVM (2 GB heap, G1) on loopback;")
                .append(" each figure is the median over the runs of its setting, with the lowest and highest in brackets.\n\n");
        Map<String, List<Measurement>> held = CapacityCommand.bySetting(results, "held");
        held.putAll(CapacityCommand.bySetting(results, "relaymax"));
        held(md, images, held);
        fanOut(md, images, CapacityCommand.bySetting(results, "fanout"));
        connects(md, CapacityCommand.bySetting(results, "connects"));
        baseline(md, CapacityCommand.bySetting(results, "baseline"), CapacityCommand.bySetting(results, "fanout"));
        godot3(md, CapacityCommand.bySetting(results, "godot3"));
        md.append(CapacityCommand.END);

        String text = Files.readString(page);
        int begin = text.indexOf(CapacityCommand.BEGIN);
        int end = text.indexOf(CapacityCommand.END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(page + " has no capacity markers; put " + CapacityCommand.BEGIN + " and "
                    + CapacityCommand.END + " where the section goes");
        }
        Files.writeString(page, text.substring(0, begin) + md + text.substring(end + CapacityCommand.END.length()));
    }

    private static void held(StringBuilder md, Path images, Map<String, List<Measurement>> settings) throws IOException {
        md.append("### (a) Users held for a minute\n\n")
                .append("Users join over the ramp, each says a sentence every 10 s until a minute after the ramp, the server sends it back to the")
                .append(" sender only (stress mode off). At steady state, each JVM's live heap after a full collection")
                .append(" (a forced full collection, then the heap's used bytes) is divided by the users the server counts connected.\n\n")
                .append("| setting | ramp | connected | injector heap a user | server heap a user | KO | round trip p99 | connect p99 | runs green |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<double[]> off = new ArrayList<>();
        List<double[]> on = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : settings.entrySet()) {
            List<Measurement> runs = e.getValue();
            double ramp = Summary.of(runs, "rampSeconds").median();
            md.append("| ").append(e.getKey()).append(" | ")
                    .append(Double.isNaN(ramp) ? "—" : String.format(Locale.ROOT, "%.0f s", ramp)).append(" | ")
                    .append(Summary.of(runs, "connected").format("%,.0f"))
                    .append(" | ").append(Summary.of(runs, "injectorHeapKbPerUser").format("%.1f KB"))
                    .append(" | ").append(Summary.of(runs, "serverHeapKbPerUser").format("%.1f KB"))
                    .append(" | ").append(Summary.of(runs, "koPercent").format("%.2f %%"))
                    .append(" | ").append(Summary.of(runs, "roundTripP99Ms").format("%.0f ms"))
                    .append(" | ").append(Summary.of(runs, "connectP99Ms").format("%.0f ms"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f of %d", runs.stream().mapToDouble(m -> m.value("passed")).sum(),
                            runs.size())).append(" |\n");
            double[] point = {Summary.of(runs, "users").median(), Summary.of(runs, "injectorHeapKbPerUser").median()};
            (e.getKey().contains("relay on") ? on : off).add(point);
        }
        Charts.line(images.resolve("heap-per-user.png"), "Injector heap a connected user", "users", "KB a user", false,
                List.of(series("server relay off", off), series("server relay on", on)));
        md.append("\n![Injector heap a user against users](capacity/heap-per-user.png)\n\n");
    }

    private static void fanOut(StringBuilder md, Path images, Map<String, List<Measurement>> settings) throws IOException {
        md.append("### (b) Chat fan-out in stress mode\n\n")
                .append("Every sentence goes to every user. Users join over 10 s and say 10 sentences about a second apart;")
                .append(" a copy's latency runs from the sender's clock reading in the message to its arrival. CPU is both")
                .append(" JVMs' user + system time from the first user in to the last one out, per copy delivered (the")
                .append(" sender's own copy included).\n\n")
                .append("| users | copies | copies/s | fan-out p50 | fan-out p99 | round trip p99 | delivered | CPU a copy |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<double[]> byUsers = new ArrayList<>();
        List<double[]> byRate = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : settings.entrySet()) {
            List<Measurement> runs = e.getValue();
            md.append("| ").append(e.getKey().replace(" users", "")).append(" | ").append(Summary.of(runs, "copies").format("%,.0f"))
                    .append(" | ").append(Summary.of(runs, "copiesPerSecond").format("%,.0f"))
                    .append(" | ").append(Summary.of(runs, "fanOutP50Ms").format("%.0f ms"))
                    .append(" | ").append(Summary.of(runs, "fanOutP99Ms").format("%.0f ms"))
                    .append(" | ").append(Summary.of(runs, "roundTripP99Ms").format("%.0f ms"))
                    .append(" | ").append(Summary.of(runs, "deliveryPercent").format("%.2f %%"))
                    .append(" | ").append(Summary.of(runs, "cpuMicrosPerCopy").format("%.2f µs")).append(" |\n");
            byUsers.add(new double[] {Summary.of(runs, "users").median(), Summary.of(runs, "fanOutP99Ms").median()});
            byRate.add(new double[] {Summary.of(runs, "copiesPerSecond").median(), Summary.of(runs, "fanOutP99Ms").median()});
        }
        Charts.line(images.resolve("p99-by-users.png"), "Chat fan-out p99 (stress mode)", "users", "p99 (ms)", true,
                List.of(series("fan-out p99", byUsers)));
        Charts.line(images.resolve("p99-by-rate.png"), "Chat fan-out p99 against deliveries a second", "copies a second",
                "p99 (ms)", true, List.of(series("fan-out p99", byRate)));
        md.append("\n![Fan-out p99 against users](capacity/p99-by-users.png)\n")
                .append("![Fan-out p99 against deliveries a second](capacity/p99-by-rate.png)\n\n");
    }

    private static void connects(StringBuilder md, Map<String, List<Measurement>> settings) {
        md.append("### (c) Connect rate\n\n")
                .append("All users open their WebSocket within one second (server relay and stress mode off, so only the")
                .append(" upgrade and the peer id are measured). The achieved rate is the users over the time between the")
                .append(" server counting the first and the last, read every 200 ms.\n\n")
                .append("| setting | offered | achieved | failed upgrades | connect p50 | connect p99 |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Measurement>> e : settings.entrySet()) {
            List<Measurement> runs = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(Summary.of(runs, "offeredPerSecond").format("%,.0f/s"))
                    .append(" | ").append(Summary.of(runs, "achievedPerSecond").format("%,.0f/s"))
                    .append(" | ").append(Summary.of(runs, "connectKoPercent").format("%.2f %%"))
                    .append(" | ").append(Summary.of(runs, "connectP50Ms").format("%.0f ms"))
                    .append(" | ").append(Summary.of(runs, "connectP99Ms").format("%.0f ms")).append(" |\n");
        }
        md.append('\n');
    }

    private static void baseline(StringBuilder md, Map<String, List<Measurement>> baseline, Map<String, List<Measurement>> ours) {
        md.append("### (d) The ceiling: a bare Netty WebSocket broadcast\n\n")
                .append("The pattern of (b) at the same population through a minimal Netty broadcast server and Netty")
                .append(" clients: no Godot codec, no Gatling, one buffer per message written to every channel, one flush a")
                .append(" batch (`dev.godotload.bench.baseline`). Its CPU is both JVMs' whole lives; ours is given both")
                .append(" ways, whole JVMs (Gatling's start-up and report included) and from the first user in to the last")
                .append(" one out.\n\n")
                .append("| setting | baseline copies | baseline p99 | baseline CPU a copy | ours, whole JVMs | ratio | ours, load only | ratio |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Measurement>> e : baseline.entrySet()) {
            List<Measurement> runs = e.getValue();
            Summary base = Summary.of(runs, "cpuMicrosPerCopy");
            List<Measurement> same = ours.getOrDefault(e.getKey(), List.of());
            Summary whole = Summary.of(same, "wholeCpuMicrosPerCopy");
            Summary load = Summary.of(same, "cpuMicrosPerCopy");
            md.append("| ").append(e.getKey()).append(" | ").append(Summary.of(runs, "copies").format("%,.0f"))
                    .append(" | ").append(Summary.of(runs, "p99Ms").format("%.0f ms"))
                    .append(" | ").append(base.format("%.2f µs"))
                    .append(" | ").append(whole.format("%.2f µs")).append(" | ").append(ratio(whole, base))
                    .append(" | ").append(load.format("%.2f µs")).append(" | ").append(ratio(load, base)).append(" |\n");
        }
        md.append('\n');
    }

    private static String ratio(Summary ours, Summary base) {
        return ours.runs() == 0 || base.runs() == 0 ? "—" : String.format(Locale.ROOT, "%.1f×", ours.median() / base.median());
    }

    private static void godot3(StringBuilder md, Map<String, List<Measurement>> settings) {
        md.append("### (e) Headless Godot 3 clients, the alternative\n\n")
                .append("The same chat against `serve --godot 3`: N `godot3-server` processes running")
                .append(" `bench/godot3-chat-client`, then N Gatling users, 5 sentences a second apart each. Memory is")
                .append(" resident memory per client process, and for Gatling the JVM's resident memory divided by its")
                .append(" users; CPU is whole processes, start-up included, per message received. At 50 users both are")
                .append(" mostly fixed costs: see the note below the table for what a user costs at scale.\n\n")
                .append("| setting | Godot 3 RSS a client | Gatling RSS a user | Godot 3 CPU a message | Gatling CPU a message | Godot 3 / Gatling CPU |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Measurement>> e : settings.entrySet()) {
            List<Measurement> runs = e.getValue();
            Summary g = Summary.of(runs, "godotCpuMicrosPerMessage");
            Summary mine = Summary.of(runs, "gatlingCpuMicrosPerMessage");
            md.append("| ").append(e.getKey()).append(" | ").append(Summary.of(runs, "godotRssMbPerClient").format("%.1f MB"))
                    .append(" | ").append(Summary.of(runs, "gatlingRssMbPerUser").format("%.2f MB"))
                    .append(" | ").append(g.format("%.1f µs")).append(" | ").append(mine.format("%.1f µs"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f×", g.median() / mine.median())).append(" |\n");
        }
        md.append('\n');
    }

    private static Charts.Series series(String name, List<double[]> points) {
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Charts.Series(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String model = "";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the cores and the JDK still say something
        }
        return String.format(Locale.ROOT, "%d cores%s, %.0f GiB, JDK %s", cores, model.isEmpty() ? "" : " (" + model + ")",
                memKb / 1024.0 / 1024.0, System.getProperty("java.version"));
    }
}
