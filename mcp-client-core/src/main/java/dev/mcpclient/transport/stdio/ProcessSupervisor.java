package dev.mcpclient.transport.stdio;

import dev.mcpclient.McpTransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One server process, from its start to its end: it starts the process, logs its standard error
 * (keeping the last lines), hands its standard output to a reader on a thread of its own, learns how
 * it ended, and stops it: its input closed, then asked to stop, then killed, each step bounded.
 *
 * <p>The end (the process exited, or closed its standard output) is reported once, as a
 * {@link ProcessExitedException} with the exit code and the last lines of standard error, after
 * what the process wrote was read (both bounded by {@link #DRAIN_MILLIS}).
 */
final class ProcessSupervisor {

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    /** How long the end of a process waits for its output to be read to the end, and for its exit code. */
    static final long DRAIN_MILLIS = 2000;
    private static final int MAX_STDERR_LINE = 8192;

    private final List<String> command;
    private final Map<String, String> environment;
    private final boolean inheritEnvironment;
    private final Path workingDirectory;
    private final String name;
    private final StderrLog stderr;
    private final Duration stopTimeout;
    private final CompletableFuture<ProcessExitedException> ended = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile Process process;
    private volatile Thread outputReader;
    private volatile Thread stderrReader;

    /**
     * @param command the command line: the command, then its arguments
     * @param environment variables added to (or replacing) the inherited ones
     * @param inheritEnvironment whether the process inherits this JVM's environment
     * @param workingDirectory the working directory, or {@code null} for this JVM's
     * @param name the process in log lines; its standard error goes to {@code dev.mcpclient.stdio.<name>}
     * @param stderrTailLines how many last lines of standard error are kept
     * @param stopTimeout how long each step of stopping waits
     */
    ProcessSupervisor(List<String> command, Map<String, String> environment, boolean inheritEnvironment,
            Path workingDirectory, String name, int stderrTailLines, Duration stopTimeout) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.inheritEnvironment = inheritEnvironment;
        this.workingDirectory = workingDirectory;
        this.name = name;
        this.stderr = new StderrLog(LoggerFactory.getLogger(StdioTransport.STDERR_LOGGER_PREFIX + name), stderrTailLines);
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts the process, unless it was started: its standard output goes to {@code output} on a
     * thread of its own (which returns at the end of the stream), its standard error to the log.
     * Not thread-safe: one thread starts the process.
     *
     * @throws McpTransportException when the process cannot be started (no such command)
     */
    Process start(Consumer<InputStream> output) {
        Process p = process;
        if (p != null) {
            return p;
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!inheritEnvironment) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            p = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new McpTransportException("could not start the MCP server process " + describe() + ": "
                    + e.getMessage(), e);
        }
        process = p;
        log.debug("Started the MCP server process {}", describe());
        Process started = p;
        // Both readers exist before either runs: the end, reported by either, waits for both.
        stderrReader = new IoThread(() -> readStderr(started), "mcp-stdio-stderr-" + name);
        outputReader = new IoThread(() -> {
            output.accept(started.getInputStream());
            ended(started);
        }, "mcp-stdio-stdout-" + name);
        stderrReader.start();
        outputReader.start();
        // A process that exits while something else keeps its output open is noticed too.
        p.onExit().thenRunAsync(() -> ended(started), task -> Schedulers.boundedElastic().schedule(task));
        return p;
    }

    private void readStderr(Process p) {
        LineReader lines = new LineReader(p.getErrorStream(), MAX_STDERR_LINE);
        try {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                String text = new String(line.bytes(), StandardCharsets.UTF_8);
                stderr.line(line.truncated() ? text + "…" : text);
            }
        } catch (IOException e) {
            log.debug("Reading the standard error of {} failed: {}", describe(), e.toString());
        }
    }

    /** The process exited or closed its output: reported once, after what it wrote was read (bounded). */
    private void ended(Process p) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        Integer exitCode = null;
        try {
            if (p.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                exitCode = p.exitValue();
            }
            join(outputReader);
            join(stderrReader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended.complete(new ProcessExitedException(describe(), exitCode, stderr.tail()));
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null && thread != Thread.currentThread()) {
            thread.join(DRAIN_MILLIS);
        }
    }

    /** Completes once with how the process ended. */
    CompletableFuture<ProcessExitedException> ended() {
        return ended;
    }

    /** How the process ended, for one more caller (a fresh exception each time), or {@code null} while it runs. */
    ProcessExitedException exit() {
        ProcessExitedException exit = ended.getNow(null);
        return exit == null ? null : copy(exit);
    }

    /** How the process ended, once known (a bounded wait, for a write that just failed), or {@code null}. */
    ProcessExitedException awaitExit() {
        try {
            return copy(ended.get(2 * DRAIN_MILLIS + 1000, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private ProcessExitedException copy(ProcessExitedException exit) {
        return new ProcessExitedException(describe(), exit.exitCode().isPresent() ? exit.exitCode().getAsInt() : null,
                exit.stderrTail());
    }

    /**
     * Stops a process whose input was closed: waits for it to exit, then asks it to stop
     * ({@link Process#destroy()}) and waits again, then kills it; each wait bounded. Never fails.
     */
    Mono<Void> stop() {
        Process p = process;
        if (p == null) {
            return Mono.empty();
        }
        return exited(p).flatMap(exited -> {
            if (exited) {
                return Mono.empty();
            }
            log.info("The MCP server process {} did not exit within {} after its input was closed; stopping it",
                    describe(), stopTimeout);
            p.destroy();
            return exited(p).flatMap(stopped -> {
                if (stopped) {
                    return Mono.empty();
                }
                log.warn("The MCP server process {} did not stop within {}; killing it", describe(), stopTimeout);
                p.destroyForcibly();
                return exited(p).then();
            });
        });
    }

    private Mono<Boolean> exited(Process p) {
        return Mono.fromFuture(p.onExit(), true).thenReturn(true).timeout(stopTimeout, Mono.just(false));
    }

    /** The process, once started. */
    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /** The last lines the process wrote to standard error, oldest first. */
    List<String> stderrTail() {
        return stderr.tail();
    }

    /** The process in messages: its name, command and pid once started. */
    String describe() {
        Process p = process;
        return "'" + name + "' (" + command.get(0) + (p == null ? "" : ", pid " + p.pid()) + ")";
    }
}
