package dev.godotload.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar target/godot-load.jar COMMAND ...}. Exit status: 0 success, 1 the command
 * failed (e.g. a malformed packet), 2 the command line was wrong; {@code godot4} exits with the
 * engine's own exit code (124 when it did not exit in time).
 *
 * <p>picocli reads the command line: each command is a class whose fields are its options, with
 * {@code --help}; {@code godot-load --version} names the build. A wrong command line is one line and
 * the command's usage ({@link Cli}).
 */
@Command(name = "godot-load", customSynopsis = "COMMAND [OPTIONS]",
        mixinStandardHelpOptions = true, versionProvider = VersionText.class,
        commandListHeading = "commands:%n", optionListHeading = "options:%n",
        exitCodeListHeading = "exit status:%n", exitCodeList = {
                "0:success",
                "1:the command failed (e.g. a malformed packet, a server that cannot listen)",
                "2:the command line was wrong",
                "godot4:the engine's own exit code; 124 when it did not exit in time"})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec; // picocli's model of this command, with the help sections set up below

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command and returns its exit status (testable without exiting the JVM). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err, System.getenv());
        int status = cli.execute(args.toArray(String[]::new));
        cli.getOut().flush();
        cli.getErr().flush();
        return status;
    }

    /** No command: the whole usage, on standard error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.USAGE_ERROR;
    }

    static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new DecodeCommand(out, err))
                .addSubcommand(new ServeCommand(out, err))
                .addSubcommand(new BridgeCommand(out, err))
                .addSubcommand(new Godot4Command(out, err, env))
                .addSubcommand(new ContractCommand(out, err, env))
                .addSubcommand(new HelpCommand()); // help, and help COMMAND for a command's options
        UsageMessageSpec help = cli.getSubcommands().get("help").getCommandSpec().usageMessage();
        help.customSynopsis("help [COMMAND]").description("this text, or a command's options and what they do");
        // Commands first, as the old hand-written usage had them; options and exit codes after.
        cli.getCommandSpec().usageMessage().sectionKeys(List.of(
                UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        Cli.configure(cli)
                // picocli writes its help and errors to writers; the commands print to the streams themselves.
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, args) -> Cli.usageError(e.getCommandLine(), Cli.describe(e)))
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof UsageException) {
                        return Cli.usageError(command, e.getMessage());
                    }
                    throw e; // a bug: picocli prints the trace, exit status 1
                });
        return cli;
    }

    /** Each command as its usage line and what it does, the way the usage read before picocli. */
    private static String commandList(CommandLine.Help help) {
        StringBuilder text = new StringBuilder();
        help.subcommands().forEach((name, sub) -> {
            UsageMessageSpec usage = sub.commandSpec().usageMessage();
            text.append(Cli.wrap("  " + String.join(" ", usage.customSynopsis()), 8)).append(System.lineSeparator());
            for (String line : usage.description()) {
                text.append("      ").append(line).append(System.lineSeparator());
            }
        });
        return text.toString();
    }
}
