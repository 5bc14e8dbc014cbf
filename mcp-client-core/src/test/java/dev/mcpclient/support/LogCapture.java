package dev.mcpclient.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger (and its children) logs, and lets a test wait for a line without sleeping.
 * The one log appender of the tests: {@link Watchdog} records the root logger's warnings with it.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level threshold;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(threshold)) {
                return;
            }
            events.add(event);
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    };

    private LogCapture(String name, Level threshold) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.threshold = threshold;
        appender.setName("capture-" + name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts recording the logger {@code name}. */
    public static LogCapture of(String name) {
        return new LogCapture(name, Level.TRACE);
    }

    /** Starts recording the logger of {@code type}. */
    public static LogCapture of(Class<?> type) {
        return of(type.getName());
    }

    /** Starts recording every logger's lines at {@code threshold} or above. */
    static LogCapture root(Level threshold) {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, threshold);
    }

    /** Every line so far, as {@code LEVEL message}. */
    public List<String> lines() {
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).collect(Collectors.toList());
    }

    /** The messages at {@code level} so far. */
    public List<String> messages(Level level) {
        return events.stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }

    /** Every event so far, in the order they were logged. */
    List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until a message matches; fails the test after {@code timeout}. */
    public String await(Predicate<String> message, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (true) {
                for (ILoggingEvent event : events) {
                    if (message.test(event.getFormattedMessage())) {
                        return event.getFormattedMessage();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line of " + logger.getName() + " matched within " + timeout
                            + "; seen: " + lines());
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }

    /** The level constant, for callers that do not import logback. */
    public static Level warn() {
        return Level.WARN;
    }
}
