package dev.godotload.bench.capacity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * A JVM the capacity and soak commands started: its console in a file, its CPU, its live heap.
 * Stopped by PID.
 */
public final class Jvm implements AutoCloseable {
    public final String name;
    public final Process process;
    public final Path console;
    private volatile double lastCpuSeconds;
    /** Opened on the first heap reading and kept: a soak reads every 10 s for half an hour. */
    private JMXConnector management;
    private MemoryMXBean memory;

    private Jvm(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /** {@code java jvmArgs... mainAndArgs...}, stdout and stderr to {@code console}. */
    static Jvm start(String name, List<String> jvmArgs, List<String> mainAndArgs, Path console) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(mainAndArgs);
        Files.createDirectories(console.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        return new Jvm(name, p, console);
    }

    public long pid() {
        return process.pid();
    }

    /** CPU seconds so far; the last reading once the process is gone (call it before the end to have one). */
    public double cpuSeconds() {
        double now = ProcessStats.cpuSeconds(pid());
        if (!Double.isNaN(now)) {
            lastCpuSeconds = now;
        }
        return lastCpuSeconds;
    }

    long rssBytes() {
        ProcessStats.Sample s = ProcessStats.sample(pid());
        return s == null ? 0 : s.rssBytes();
    }

    /**
     * Live heap: a full collection ({@code System.gc()} in that JVM, which returns once it is done),
     * then the heap's used bytes. Read over JMX, the JDK's management agent loaded into the JVM
     * through the attach API on the first call: no process started per reading, unlike {@code jcmd}.
     */
    public synchronized long liveHeapBytes() throws IOException {
        if (memory == null) {
            String address;
            try {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
                try {
                    address = vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
            } catch (com.sun.tools.attach.AttachNotSupportedException e) {
                throw new IllegalStateException("cannot attach to " + name + " (pid " + pid() + "): " + e.getMessage());
            }
            management = JMXConnectorFactory.connect(new JMXServiceURL(address));
            memory = ManagementFactory.newPlatformMXBeanProxy(management.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        }
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    public String consoleText() throws IOException {
        return Files.readString(console);
    }

    /** Waits for the process to end by itself, sampling its CPU meanwhile; false on timeout. */
    public boolean awaitExit(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            cpuSeconds();
            if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (management != null) {
            try {
                management.close();
            } catch (IOException gone) {
                // the JVM may have ended first; its process is what matters below
            }
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
