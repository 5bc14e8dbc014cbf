package dev.mcpclient.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * Watches what a test must not produce: log lines at WARN or above (which include Netty's leak
 * reports), and errors dropped by Reactor ({@code Hooks.onErrorDropped}), i.e. errors nobody observed.
 */
public final class Watchdog implements AutoCloseable {

    private static final String HOOK_KEY = Watchdog.class.getName();

    private final List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                warnings.add(event);
            }
        }
    };

    private Watchdog() {
    }

    /** Starts watching. */
    public static Watchdog start() {
        Watchdog watchdog = new Watchdog();
        watchdog.appender.setName(HOOK_KEY);
        watchdog.appender.start();
        root().addAppender(watchdog.appender);
        Hooks.onErrorDropped(watchdog.dropped::add);
        return watchdog;
    }

    /** Log lines at WARN or above, formatted. */
    public List<String> warnings() {
        return warnings.stream()
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                .collect(Collectors.toList());
    }

    /** Netty leak reports seen so far. */
    public List<String> leaks() {
        return warnings().stream().filter(w -> w.contains("LEAK")).collect(Collectors.toList());
    }

    /** Errors Reactor dropped. */
    public List<Throwable> droppedErrors() {
        return List.copyOf(dropped);
    }

    @Override
    public void close() {
        Hooks.resetOnErrorDropped();
        root().detachAppender(appender);
        appender.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
