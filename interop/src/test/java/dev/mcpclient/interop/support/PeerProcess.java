package dev.mcpclient.interop.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer server in a child process, ready once it printed its startup line: its output (stdout and
 * stderr) is read line by line, the first line matching the ready pattern ends the wait, and the last
 * lines are kept for the failure message. {@link #close()} stops it (forcibly after a bound).
 */
public final class PeerProcess implements AutoCloseable {

    private static final int KEPT_LINES = 40;

    private final String name;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    private PeerProcess(String name, Process process, Pattern readyLine) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> read(readyLine), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} and waits, at most {@code bound}, for a line matching {@code readyLine}.
     *
     * @return the running peer, whose {@link #ready()} matcher holds the groups of that line
     */
    public static PeerProcess start(String name, List<String> command, Map<String, String> env, Pattern readyLine,
            Duration bound) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(NpmPeers.moduleDir().toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + command, e);
        }
        PeerProcess peer = new PeerProcess(name, process, readyLine);
        try {
            peer.ready.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            peer.close();
            throw new IllegalStateException(name + " did not start within " + bound + " (" + e + "); its output:\n"
                    + peer.output(), e);
        } catch (InterruptedException e) {
            peer.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return peer;
    }

    private void read(Pattern readyLine) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
                Matcher matcher = readyLine.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    ready.complete(matcher);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException(name + " ended its output (exit "
                + (process.isAlive() ? "unknown" : process.exitValue()) + ")"));
    }

    /** The startup line's match. */
    public Matcher ready() {
        return ready.join();
    }

    /** The last lines the peer printed. */
    public String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
