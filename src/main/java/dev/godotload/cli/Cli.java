package dev.godotload.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command reads its command line with picocli, and how a wrong one reads: one line naming
 * the command and the problem in our words ({@code godot-load serve: --port needs a value}), then the
 * command's usage line and where its {@code --help} is; exit status 2.
 */
final class Cli {
    static final String JAR = "java -jar godot-load.jar";
    static final int USAGE_ERROR = 2;
    static final int WIDTH = 100;

    /** A command whose "unknown option" error has something to add, e.g. where its own arguments go. */
    interface UnknownOptionHint {
        String unknownOptionHint();
    }

    private Cli() {
    }

    /** The parser and help settings of every command (call after the subcommands are added: picocli copies them down then). */
    static CommandLine configure(CommandLine cli) {
        withSynopsis(cli);
        return cli
                // --port 9080, as the usage lines write it; --port=9080 is an unknown option, as it was before.
                .setSeparator(" ")
                // No @file expansion: a value such as --auth-token @secret stays itself, as it did before.
                .setExpandAtFiles(false)
                // The last of a repeated option wins, as it did before.
                .setOverwrittenOptionsAllowed(true)
                // --auth-token --port 0: a missing value, not a token named "--port".
                .setUnmatchedOptionsAllowedAsOptionParameters(false)
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
                .setUsageHelpWidth(WIDTH);
    }

    /** Parses {@code args} into {@code command}'s fields, without running it (the commands' tests use this). */
    static void parse(Object command, List<String> args) throws UsageException {
        try {
            configure(new CommandLine(command)).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(describe(e));
        }
    }

    /** picocli's parse errors in the words the hand-written parser used. */
    static String describe(ParameterException e) {
        if (e.getCause() instanceof UsageException u) {
            return u.getMessage(); // a converter's own message, e.g. "--port must be 0 to 65535 ..."
        }
        if (e instanceof MissingParameterException m) {
            for (ArgSpec missing : m.getMissing()) {
                if (missing instanceof OptionSpec option) {
                    return option.longestName() + " needs a value";
                }
            }
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            CommandLine command = e.getCommandLine();
            if (command.getParent() == null && command.getCommandSpec().subcommands().size() > 0) {
                return "unknown command '" + first + "'";
            }
            String hint = command.getCommand() instanceof UnknownOptionHint h ? h.unknownOptionHint() : "";
            return (first.startsWith("-") ? "unknown option " + first : "unexpected argument '" + first + "'") + hint;
        }
        return e.getMessage(); // picocli's own words for the rarer mistakes
    }

    /** Prints the one-line error and the usage hint of {@code command}; returns the exit status. */
    static int usageError(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message);
        err.println(usageLine(command));
        err.println("more: " + JAR + " " + (command.getParent() == null ? "" : command.getCommandName() + " ") + "--help");
        err.flush();
        return USAGE_ERROR;
    }

    /** {@code usage: java -jar godot-load.jar serve [--host 127.0.0.1] ...} on one line, unwrapped. */
    static String usageLine(CommandLine command) {
        return "usage: " + JAR + " " + String.join(" ", command.getCommandSpec().usageMessage().customSynopsis());
    }

    /** In {@code --help}, the usage line wrapped at {@value #WIDTH} columns (picocli would wrap it as if it had no heading). */
    private static void withSynopsis(CommandLine command) {
        command.getCommandSpec().usageMessage().synopsisHeading("");
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                help -> wrap(usageLine(help.commandSpec().commandLine()), 4) + System.lineSeparator());
        command.getSubcommands().values().forEach(Cli::withSynopsis);
    }

    /**
     * {@code text} in lines of at most {@value #WIDTH} columns, broken before an {@code [} or {@code (}
     * (so an option and its value stay together), the lines after the first indented by {@code indent}.
     */
    static String wrap(String text, int indent) {
        StringBuilder lines = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String part : text.split(" (?=[\\[(])")) {
            if (line.length() > 0 && line.length() + 1 + part.length() > WIDTH) {
                lines.append(line).append(System.lineSeparator());
                line.setLength(0);
                line.append(" ".repeat(indent));
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(part);
        }
        return lines.append(line).toString();
    }
}
