package dev.godotload.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PacketCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code decode [--godot V] [--with-peer-id] (HEX... | --file F)}: one JSON object per packet on
 * standard output; for each packet that is not valid hex or not a valid Godot packet, one line on
 * standard error naming the input, the offset and the reason. Exit status 1 if any failed.
 */
@Command(name = "decode", customSynopsis = DecodeCommand.USAGE,
        description = {"Prints each Godot packet (hex) as one JSON object per line. A packet that does not decode is",
                "one line on standard error (input, offset, reason) and makes the exit status 1."},
        descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%noptions:%n", sortOptions = false)
final class DecodeCommand implements Callable<Integer> {
    static final String USAGE = "decode [--godot 3|4.2|4.3|4.4] [--with-peer-id] (HEX... | --file FILE|-)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Input(String where, String text) {
    }

    private final PrintStream out;
    private final PrintStream err;

    @Parameters(paramLabel = "HEX", description = "a packet in hex; spaces, colons or dashes between digits and a 0x prefix are fine")
    private List<String> hexArgs = new ArrayList<>();
    @Option(names = "--godot", paramLabel = "VERSION", converter = OptionValues.Godot.class,
            description = "the protocol: 3, 4.0 to 4.6 (default 4.3)")
    private GodotVersion version = GodotVersion.DEFAULT;
    @Option(names = "--with-peer-id", description = "the first packet is the Godot 4 server's first message, the 4-byte peer id")
    private boolean withPeerId;
    @Option(names = "--file", paramLabel = "FILE|-",
            description = "one hex packet per line (- for standard input); blank lines and # comments are skipped")
    private String file;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    DecodeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException {
        if (file == null && hexArgs.isEmpty()) {
            throw new UsageException("nothing to decode: give hex packets or --file");
        }
        if (file != null && !hexArgs.isEmpty()) {
            throw new UsageException("give hex packets or --file, not both");
        }
        List<Input> inputs = new ArrayList<>();
        if (file != null) {
            try {
                readFile(file, inputs);
            } catch (NoSuchFileException e) {
                err.println("godot-load decode: no such file: " + file);
                return 1;
            } catch (IOException e) {
                err.println("godot-load decode: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        } else {
            for (int i = 0; i < hexArgs.size(); i++) {
                inputs.add(new Input(hexArgs.size() == 1 ? "packet" : "packet " + (i + 1), hexArgs.get(i)));
            }
        }
        if (withPeerId && version.isGodot3()) {
            throw new UsageException("--with-peer-id is for Godot 4: in Godot 3 the id is a SYS_ID message");
        }
        PacketCodec codec = PacketCodec.of(version);
        int failures = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            byte[] bytes;
            try {
                bytes = parseHex(input.text());
            } catch (IllegalArgumentException e) {
                err.println(input.where() + ": not hex: " + e.getMessage());
                failures++;
                continue;
            }
            try {
                Packet packet = withPeerId && i == 0 ? ((Godot4Packets) codec).decodePeerId(bytes) : codec.decode(bytes);
                out.println(JSON.writeValueAsString(PacketJson.toJson(packet)));
            } catch (WireFormatException e) {
                String hint = !withPeerId && i == 0 && bytes.length == 4 && !version.isGodot3()
                        ? " (if this is the server's first message, the peer id, add --with-peer-id)" : "";
                err.println(input.where() + ": " + e.getMessage() + hint);
                failures++;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static void readFile(String file, List<Input> inputs) throws IOException {
        BufferedReader reader = file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        try (reader) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    inputs.add(new Input("line " + n, t));
                }
            }
        }
    }

    /** Hex digits, optionally separated by spaces, colons or dashes, optionally prefixed 0x. */
    static byte[] parseHex(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replaceAll("[\\s:-]", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("'" + t.charAt(i) + "' at character " + (i + 1) + " is not a hex digit");
            }
        }
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + t.length() + ")");
        }
        return HexFormat.of().parseHex(t.toLowerCase());
    }
}
