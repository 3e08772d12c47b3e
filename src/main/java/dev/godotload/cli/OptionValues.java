package dev.godotload.cli;

import java.time.Duration;

import dev.godotload.target.Durations;
import dev.godotload.wire.GodotVersion;
import picocli.CommandLine.ITypeConverter;

/**
 * Option values that more than one command reads. A converter refuses with a {@link UsageException}
 * whose message is the whole error line, option name included ({@link Cli#describe} passes it on):
 * each converter belongs to one option name.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** {@code --port}: 0 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) throws UsageException {
            try {
                int p = Integer.parseInt(v);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new UsageException("--port must be 0 to 65535 (0 picks a free port), got '" + v + "'");
        }
    }

    /** {@code --godot}: a Godot version as {@link GodotVersion#parse} reads it. */
    static final class Godot implements ITypeConverter<GodotVersion> {
        @Override
        public GodotVersion convert(String v) throws UsageException {
            try {
                return GodotVersion.parse(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--godot: " + e.getMessage());
            }
        }
    }

    /** A duration as {@link Durations} reads it, in [min, max]; {@code note} follows what is accepted. */
    static Duration duration(String option, String v, Duration min, Duration max, String note) throws UsageException {
        try {
            return Durations.parse(v, min, max);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " takes " + e.getMessage() + note + ", got '" + v + "'");
        }
    }
}
