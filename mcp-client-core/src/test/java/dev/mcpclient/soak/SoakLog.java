package dev.mcpclient.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * What the soak's log says: Netty's leak reports ({@code LEAK:} at ERROR, which fail the run), the
 * count of lines at WARN and above by level and logger (the faults provoke many; they are counted,
 * and the console is spared them while the load runs), and the errors Reactor dropped because
 * nobody observed them (which fail the run).
 */
final class SoakLog implements AutoCloseable {

    private static final int KEPT = 20;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Appender<ILoggingEvent>> muted = new ArrayList<>();
    final List<String> leaks = new CopyOnWriteArrayList<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    final LongAdder droppedCount = new LongAdder();
    private final Map<String, LongAdder> warnings = new ConcurrentHashMap<>();
    private final Map<String, String> firstLine = new ConcurrentHashMap<>();

    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
                return;
            }
            String message = event.getFormattedMessage();
            if (message != null && message.contains("LEAK:")) {
                leaks.add(event.getLoggerName() + ": " + message);
            }
            String key = event.getLevel() + " " + event.getLoggerName();
            warnings.computeIfAbsent(key, k -> new LongAdder()).increment();
            firstLine.putIfAbsent(key, abbreviate(message) + (event.getThrowableProxy() != null
                    ? " [" + event.getThrowableProxy().getClassName() + ": " + abbreviate(event.getThrowableProxy().getMessage()) + "]"
                    : ""));
        }
    };

    private SoakLog() {
        appender.setName("soak-capture");
        appender.start();
        root.addAppender(appender);
        Hooks.onErrorDropped(e -> {
            droppedCount.increment();
            if (dropped.size() < KEPT) {
                dropped.add(e.toString());
            }
        });
    }

    static SoakLog capture() {
        return new SoakLog();
    }

    /** Keeps the other appenders (the console) from the lines logged until {@link #unmute()}. */
    void mute() {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> other = it.next();
            if (other != appender) {
                muted.add(other);
            }
        }
        muted.forEach(root::detachAppender);
    }

    void unmute() {
        muted.forEach(root::addAppender);
        muted.clear();
    }

    /** Lines at WARN and above by {@code LEVEL logger}, with the first such line of each. */
    Map<String, String> warnings() {
        Map<String, String> copy = new TreeMap<>();
        warnings.forEach((key, count) -> copy.put(key, count.sum() + " (first: " + firstLine.get(key) + ")"));
        return copy;
    }

    /** Lines at ERROR and above, other than leak reports, by logger. */
    long errors() {
        return warnings.entrySet().stream().filter(e -> e.getKey().startsWith("ERROR ")).mapToLong(e -> e.getValue().sum())
                .sum() - leaks.size();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String line = text.replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public void close() {
        unmute();
        Hooks.resetOnErrorDropped();
        root.detachAppender(appender);
        appender.stop();
    }
}
