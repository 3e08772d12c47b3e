package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessesTest {
    @Test
    void killsAProcessAndItsChildrenByPid() throws Exception {
        // A shell that ignores SIGTERM, with two children: everything must be gone.
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 60 & sleep 60 & wait").start();
        List<ProcessHandle> children = List.of();
        for (int i = 0; i < 100 && children.size() < 2; i++) {
            Thread.sleep(20);
            children = p.toHandle().descendants().toList();
        }
        assertThat(children).hasSize(2);
        long t0 = System.nanoTime();
        Processes.kill(p.toHandle(), Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(p.isAlive()).isFalse();
        for (ProcessHandle c : children) {
            assertThat(c.isAlive() && !Processes.zombie(c.pid())).as("child %d", c.pid()).isFalse();
        }
    }
}
