package dev.godotload.testing;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Captures what the server package logs, down to DEBUG, as {@code "LEVEL message"} lines. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.godotload.server");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level = logger.getLevel();
    private final boolean additive = logger.isAdditive();

    public LogCapture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    /** Lines at {@code min} or above. */
    public List<String> lines(Level min) {
        return appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(min))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    public boolean anyThrowable() {
        return appender.list.stream().anyMatch(e -> e.getThrowableProxy() != null);
    }

    public void clear() {
        appender.list.clear();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(additive);
    }
}
