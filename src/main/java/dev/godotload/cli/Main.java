package dev.godotload.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar target/godot-load.jar COMMAND ...}. Exit status: 0 success, 1 the command
 * failed (e.g. a malformed packet), 2 the command line was wrong; {@code godot4} exits with the
 * engine's own exit code (124 when it did not exit in time).
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar godot-load.jar COMMAND [OPTIONS]",
            "commands:",
            "  " + DecodeCommand.USAGE,
            "      print each Godot packet (hex) as one JSON object per line",
            "  " + ServeCommand.USAGE,
            "      run the reference server (Godot 4 SceneMultiplayer, or Godot 3 with --godot 3, over WebSocket) until Ctrl-C",
            "  " + BridgeCommand.USAGE,
            "      let a Godot server in a browser (the web template) serve real WebSocket clients",
            "  " + Godot4Command.USAGE,
            "      run a Godot 4 project in the real Godot 4.6 engine (web template, headless Chromium);",
            "      prints its output, exits with its exit code (124: timed out)",
            "  help",
            "      this text");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command and returns its exit status (testable without exiting the JVM). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "decode" -> DecodeCommand.run(rest, out, err);
                case "serve" -> ServeCommand.runUntilSignalled(rest, out, err);
                case "bridge" -> BridgeCommand.runUntilSignalled(rest, out, err);
                case "godot4" -> Godot4Command.run(rest, out, err, System.getenv());
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("godot-load " + command + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** The value after an option, or a usage error naming the option. */
    static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
