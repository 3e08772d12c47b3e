package dev.godotload.bench.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a baseline JVM: this JVM's java and classpath, a 1 GB heap, one main class. */
final class ChildJvm {
    private ChildJvm() {
    }

    static ProcessBuilder of(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        String transport = System.getProperty(NettyTransport.PROPERTY);
        if (transport != null) {
            command.add("-D" + NettyTransport.PROPERTY + "=" + transport);
        }
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /**
     * The full test classpath. Inside a Surefire fork {@code java.class.path} may be a manifest-only
     * booter jar, which names its entries relative to a temporary directory; Surefire keeps the real
     * list in {@code surefire.test.class.path}.
     */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
