package dev.mcpclient.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.mcpclient.testing.ThrowableText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything a test saw this library show: the lines of the loggers it records (each with its level,
 * logger, formatted message, every argument's {@code toString()} and the whole throwable) and the texts
 * it is given (exceptions with their stack traces and causes, {@code toString()}s). For the audits that
 * no secret is shown.
 */
public final class ShownText implements AutoCloseable {

    private final Map<String, Level> loggers;
    private final Map<String, Level> previousLevels = new HashMap<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                    + event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(" | ").append(argument);
                }
            }
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            logLines.add(line.toString());
        }
    };

    private ShownText(Map<String, Level> loggers) {
        this.loggers = loggers;
        appender.setName("shown-text");
        appender.start();
        loggers.forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(level);
            logger.addAppender(appender);
        });
    }

    /** Starts recording each logger at its level (and its children); {@link #close()} restores them. */
    public static ShownText recording(Map<String, Level> loggers) {
        return new ShownText(loggers);
    }

    /** Adds a text that was shown (a {@code toString()}, a health detail). */
    public void add(Object shown) {
        texts.add(String.valueOf(shown));
    }

    /** Adds an exception: its message, its stack trace and every cause. */
    public void add(Throwable shown) {
        texts.add(ThrowableText.of(shown));
    }

    /** The recorded log lines. */
    public List<String> logLines() {
        return logLines;
    }

    /** The log lines and the texts added. */
    public List<String> all() {
        List<String> all = new ArrayList<>(logLines);
        all.addAll(texts);
        return all;
    }

    /** Asserts that nothing shown contains any of {@code secrets} (each named by its key in the failure). */
    public void assertShowsNoneOf(Map<String, ? extends Collection<String>> secrets) {
        for (String text : all()) {
            secrets.forEach((kind, values) -> {
                for (String secret : values) {
                    assertThat(text).as("shown text with a %s", kind).doesNotContain(secret);
                }
            });
        }
    }

    @Override
    public void close() {
        loggers.keySet().forEach(name -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(appender);
            logger.setLevel(previousLevels.get(name));
        });
        appender.stop();
    }
}
