package dev.mcpclient.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Hooks;

/**
 * A JUnit extension that fails each test it watches which leaves behind what no test may:
 * <ul>
 *   <li>an error Reactor dropped ({@code Hooks.onErrorDropped}), i.e. an error nobody observed;</li>
 *   <li>a Netty leak report (the leak detector is paranoid in every test JVM);</li>
 *   <li>a log line at WARN or above that the test did not say it expects.</li>
 * </ul>
 * Register it on a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final Watchdog watchdog = new Watchdog();
 * </pre>
 * Its check then runs after the test's own {@code @AfterEach} methods and after the extensions on
 * instance fields (an {@link McpFixture} closing its clients and server), so what closing does is
 * watched too.
 *
 * <p>A test says which warnings it expects in one of two ways: {@link #expectWarnings} for lines that
 * may come at any moment, any number of times (what it provokes but cannot order, such as Reactor
 * Netty's report of a connection the test cuts), or {@link #takeWarnings()} for the lines so far, on
 * which it then asserts itself. What every test of a class expects goes on the field:
 * {@link #toleratingWarnings} and {@link #toleratingDropped}. Leak reports are never expected.
 */
public final class Watchdog implements BeforeEachCallback, AfterEachCallback {

    /** The logger of Reactor Netty's HTTP client, and what it says at WARN of a connection that broke under an exchange. */
    private static final String CONNECTION_LOGGER = "reactor.netty.http.client.HttpClientConnect";
    private static final String CONNECTION_ERROR = "The connection observed an error";

    private final List<Predicate<ILoggingEvent>> toleratedWarnings = new ArrayList<>();
    private final List<Predicate<Throwable>> toleratedDrops = new ArrayList<>();

    // the test being watched
    private final List<Predicate<ILoggingEvent>> expectedWarnings = new CopyOnWriteArrayList<>();
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();
    private LogCapture log;
    private int taken;

    /** Sets aside, in every test of the class, the dropped errors {@code knownIssue} matches (see {@link KnownUpstreamIssues}). */
    public Watchdog toleratingDropped(Predicate<Throwable> knownIssue) {
        toleratedDrops.add(knownIssue);
        return this;
    }

    /**
     * Lets, in every test of the class, the lines of {@code logger} (or a logger below it) that contain
     * {@code text} pass.
     */
    public Watchdog toleratingWarnings(String logger, String text) {
        toleratedWarnings.add(line(logger, text));
        return this;
    }

    /** {@link #toleratingWarnings} of Reactor Netty's report of a connection that broke under an exchange. */
    public Watchdog toleratingConnectionErrors() {
        return toleratingWarnings(CONNECTION_LOGGER, CONNECTION_ERROR);
    }

    /**
     * Lets, in this test, the lines of {@code logger} (or a logger below it) that contain {@code text}
     * pass, however many come and whenever they come.
     */
    public void expectWarnings(String logger, String text) {
        expectedWarnings.add(line(logger, text));
    }

    /**
     * {@link #expectWarnings} of Reactor Netty's report of a connection that broke under an exchange: for
     * a test that resets or cuts connections, or whose server holds a request until it is closed.
     */
    public void expectConnectionErrors() {
        expectWarnings(CONNECTION_LOGGER, CONNECTION_ERROR);
    }

    /**
     * The lines at WARN or above logged since the test started (or since the last call), that nothing
     * expected, as {@code LEVEL logger: message}; the test asserts on them, so they count as expected.
     * Lines logged later are watched as before.
     */
    public List<String> takeWarnings() {
        List<ILoggingEvent> events = log.events();
        List<String> lines = format(unexpected(events.subList(taken, events.size())));
        taken = events.size();
        return lines;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        expectedWarnings.clear();
        dropped.clear();
        taken = 0;
        log = LogCapture.root(Level.WARN);
        Hooks.onErrorDropped(dropped::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Hooks.resetOnErrorDropped();
        log.close();
        List<ILoggingEvent> events = log.events();
        List<Throwable> unobserved = dropped.stream().filter(e -> toleratedDrops.stream().noneMatch(p -> p.test(e)))
                .collect(Collectors.toList());
        List<ILoggingEvent> leaks = events.stream().filter(e -> e.getFormattedMessage().contains("LEAK"))
                .collect(Collectors.toList());
        List<ILoggingEvent> unexpected = unexpected(events.subList(taken, events.size()));

        List<String> problems = new ArrayList<>();
        if (!unobserved.isEmpty()) {
            problems.add("errors nobody observed (dropped by Reactor): " + unobserved);
        }
        if (!leaks.isEmpty()) {
            problems.add("Netty leak reports: " + describe(leaks));
        }
        if (!unexpected.isEmpty()) {
            problems.add("log lines at WARN or above that the test did not expect: " + describe(unexpected));
        }
        if (!problems.isEmpty()) {
            AssertionError failure = new AssertionError(context.getDisplayName() + " left behind\n"
                    + String.join("\n", problems));
            unobserved.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private List<ILoggingEvent> unexpected(List<ILoggingEvent> events) {
        return events.stream()
                .filter(e -> toleratedWarnings.stream().noneMatch(p -> p.test(e)))
                .filter(e -> expectedWarnings.stream().noneMatch(p -> p.test(e)))
                .collect(Collectors.toList());
    }

    private static Predicate<ILoggingEvent> line(String logger, String text) {
        return e -> (e.getLoggerName().equals(logger) || e.getLoggerName().startsWith(logger + "."))
                && e.getFormattedMessage().contains(text);
    }

    private static List<String> format(List<ILoggingEvent> events) {
        return events.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                .collect(Collectors.toList());
    }

    /** The lines with their exceptions, for a failure message. */
    private static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent e : events) {
            text.append("\n  ").append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" [")
                    .append(e.getThreadName()).append("]: ").append(e.getFormattedMessage());
            for (IThrowableProxy cause = e.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                text.append("\n    caused by ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
