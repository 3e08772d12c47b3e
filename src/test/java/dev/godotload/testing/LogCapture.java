package dev.godotload.testing;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Captures what the server package logs, down to DEBUG, as {@code "LEVEL message"} lines. A running
 * server logs on its own threads while the test reads, so the events are kept under a lock.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.godotload.server");
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            synchronized (events) {
                events.add(e);
            }
        }
    };
    private final Level level = logger.getLevel();
    private final boolean additive = logger.isAdditive();

    public LogCapture() {
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    private List<ILoggingEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** Lines at {@code min} or above. */
    public List<String> lines(Level min) {
        return events().stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(min))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    public boolean anyThrowable() {
        return events().stream().anyMatch(e -> e.getThrowableProxy() != null);
    }

    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(additive);
    }
}
