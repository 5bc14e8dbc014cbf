package dev.mcpclient.transport.stdio;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CancelledNotification;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.TransportBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The stdio transport: the server is a child process that reads JSON-RPC messages from its standard
 * input and writes them to its standard output, one message per line (UTF-8, no embedded newline).
 * This class is the line transport; the process itself (start, standard error, its end, stopping it)
 * is a {@link ProcessSupervisor}.
 *
 * <p>The process is started by the first {@link #send} (the {@code initialize}), on the transport's
 * own writer thread: every write happens there, in order, so a slow process never blocks the
 * caller's thread or an event loop. A start that fails (no such command) fails that send; the next
 * send tries again. Standard output is read on a dedicated thread: a line that is not a JSON-RPC
 * message, or is longer than the message size limit, is logged and skipped (the first ten at WARN, the
 * rest at DEBUG). While the session has too much of the server's requests and notifications to handle,
 * the next line is not read: the process then blocks on the pipe. Standard error goes, line
 * by line, to the SLF4J logger {@code dev.mcpclient.stdio.<name>} at INFO, and its last lines are kept.
 *
 * <p>When the process exits (or closes its standard output) while the transport is open, every call
 * waiting for a response fails at once, and every later call fails, with a
 * {@link ProcessExitedException} that carries the exit code and the last lines of standard error.
 * {@link #closeGracefully()} closes the process's standard input, waits for it to exit, then asks it
 * to stop ({@link Process#destroy()}), and finally kills it ({@link Process#destroyForcibly()}), each
 * step bounded by the close timeout.
 *
 * <p>The environment of the process is the inherited one with the configured variables added (or
 * replacing inherited ones of the same name); with {@code inheritEnvironment(false)} it holds only
 * the configured variables. There are no sessions: {@link #sessionId()} is {@code null}.
 *
 * @since 0.2.0
 */
public final class StdioTransport implements McpTransport {

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    /** The prefix of the loggers that receive the servers' standard error. */
    public static final String STDERR_LOGGER_PREFIX = "dev.mcpclient.stdio.";

    private final List<String> command;
    private final String name;
    private final int maxMessageBytes;
    private final Duration closeTimeout;
    private final ProcessSupervisor process;
    private final Scheduler writer;
    private volatile Consumer<JsonRpcMessage> inbound = message -> { };
    /** The pace at which the receiver takes the server's requests and notifications. */
    private volatile InboundFlow flow = InboundFlow.UNBOUNDED;
    /** Released when the reader, waiting for room in the session's backlog, may go on (or the transport closed). */
    private volatile CountDownLatch waitingForRoom;
    private static final String LISTEN_ID_PREFIX = "listen-";
    private final AtomicLong listenIds = new AtomicLong();
    /** The id of the open {@code subscriptions/listen} request, or {@code null}. */
    private volatile RequestId listening;
    private volatile Consumer<Throwable> connectionLost = cause -> { };
    private volatile boolean closed;
    /** How many lines of the process's output were skipped (not JSON-RPC, or too long). */
    private final AtomicLong skippedLines = new AtomicLong();
    /** How many skipped lines are logged at WARN; the rest at DEBUG. */
    static final int SKIPPED_LINES_WARNED = 10;

    private StdioTransport(Builder builder, int maxMessageBytes, Duration closeTimeout) {
        this.command = List.copyOf(builder.command);
        this.name = builder.name != null ? builder.name : defaultName(command.get(0));
        this.maxMessageBytes = maxMessageBytes;
        this.closeTimeout = closeTimeout;
        this.process = new ProcessSupervisor(command, builder.environment, builder.inheritEnvironment,
                builder.workingDirectory, name, builder.stderrTailLines, closeTimeout);
        ExecutorService writerThread = Executors.newSingleThreadExecutor(task -> new IoThread(task, "mcp-stdio-writer-" + name));
        this.writer = Schedulers.fromExecutorService(writerThread, "mcp-stdio-writer-" + name);
        process.ended().thenAccept(this::ended);
    }

    /** A builder for the server started by {@code command} with {@code args}. */
    public static Builder builder(String command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(Objects.requireNonNull(command, "command"));
        line.addAll(Arrays.asList(args));
        return new Builder(line);
    }

    /** A builder for the server started by a command line: the command, then its arguments. */
    public static Builder builder(List<String> commandLine) {
        return new Builder(new ArrayList<>(commandLine));
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.flow = InboundFlow.of(inbound);
        this.connectionLost = Objects.requireNonNull(connectionLost, "connectionLost");
    }

    /**
     * Writes the message as one line to the process's standard input, starting the process first if
     * it is not running yet. Completes once the line is written and flushed.
     */
    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(closedError());
            }
            byte[] json = JsonRpcCodec.encode(message);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return Mono.<Void>fromRunnable(() -> write(line)).subscribeOn(writer);
        });
    }

    /**
     * MCP 2026-07-28: sends {@code subscriptions/listen} with {@code params} (a new request, id
     * {@code listen-N}), after cancelling the one sent before with {@code notifications/cancelled}
     * (stdio has no stream to close); {@code null} only cancels. The subscription's own
     * acknowledgment and final response stay here; its notifications go to the inbound consumer.
     */
    @Override
    public void listen(JsonNode params) {
        RequestId previous = listening;
        listening = null;
        if (previous != null && !closed) {
            send(new JsonRpcNotification(McpMethods.NOTIFICATION_CANCELLED, McpJson.toTree(
                    new CancelledNotification(previous.value(), "subscription replaced or closed"))))
                    .subscribe(null, e -> log.debug("Could not cancel {} of {}: {}", previous, process.describe(), e.toString()));
        }
        if (params == null || closed) {
            return;
        }
        RequestId id = RequestId.of(LISTEN_ID_PREFIX + listenIds.incrementAndGet());
        listening = id;
        send(new JsonRpcRequest(id, McpMethods.SUBSCRIPTIONS_LISTEN, params))
                .subscribe(null, e -> log.warn("Could not send subscriptions/listen to {}: {}", process.describe(), e.toString()));
    }

    /** Whether {@code message} belongs to this transport's own subscription requests (kept here, not passed on). */
    private boolean ownSubscriptionMessage(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse response && response.id().isString()
                && String.valueOf(response.id().value()).startsWith(LISTEN_ID_PREFIX)) {
            if (response.id().equals(listening)) {
                listening = null;
            }
            log.debug("{} ended subscription {}", process.describe(), response.id());
            return true;
        }
        return message instanceof JsonRpcNotification notification
                && McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED.equals(notification.method());
    }

    /** On the writer thread: every write happens there, in order. */
    private void write(byte[] line) {
        ProcessExitedException exit = process.exit();
        if (exit != null) {
            throw exit;
        }
        if (closed) {
            throw closedError();
        }
        Process p = process.start(this::readStdout);
        try {
            OutputStream in = p.getOutputStream();
            in.write(line);
            in.flush();
        } catch (IOException e) {
            // The process is going away (a broken pipe): say how it ended rather than how the write failed.
            ProcessExitedException ended = process.awaitExit();
            if (ended != null) {
                throw ended;
            }
            throw new McpTransportException("could not write to the MCP server process " + process.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private McpTransportException closedError() {
        return new McpTransportException("the stdio transport of " + process.describe() + " is closed", (Throwable) null);
    }

    /** On the process's output thread: one message per line, until the end of the stream. */
    private void readStdout(InputStream stdout) {
        LineReader lines = new LineReader(stdout, maxMessageBytes);
        try {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                onLine(line);
            }
        } catch (IOException e) {
            log.debug("Reading the output of {} failed: {}", process.describe(), e.toString());
        }
    }

    private void onLine(LineReader.Line line) {
        if (line.truncated()) {
            skipped("Skipped a line of {} bytes from the MCP server process {}: larger than the limit of {} bytes{}",
                    line.length(), process.describe(), maxMessageBytes);
            return;
        }
        if (new String(line.bytes(), StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        List<JsonRpcMessage> messages;
        try {
            messages = JsonRpcCodec.decode(line.bytes());
        } catch (McpProtocolException e) {
            skipped("Skipped a line from the MCP server process {} that is not a JSON-RPC message: {}{}",
                    process.describe(), e.getMessage());
            return;
        }
        boolean fed = false;
        for (JsonRpcMessage message : messages) {
            if (ownSubscriptionMessage(message)) {
                continue;
            }
            fed |= !(message instanceof JsonRpcResponse);
            try {
                inbound.accept(message);
            } catch (RuntimeException e) {
                log.error("Failed to handle a message from {}", process.describe(), e);
            }
        }
        if (fed) {
            awaitRoom();
        }
    }

    /**
     * Logs a skipped line: at WARN for the first {@link #SKIPPED_LINES_WARNED} of the process, then at
     * DEBUG (a process printing binary would otherwise write a warning per line feed in it).
     */
    private void skipped(String format, Object... arguments) {
        long skipped = skippedLines.incrementAndGet();
        Object[] withNote = Arrays.copyOf(arguments, arguments.length + 1);
        if (skipped < SKIPPED_LINES_WARNED) {
            withNote[arguments.length] = "";
            log.warn(format, withNote);
        } else if (skipped == SKIPPED_LINES_WARNED) {
            withNote[arguments.length] = " (" + SKIPPED_LINES_WARNED + " lines skipped so far: further ones are logged "
                    + "at DEBUG)";
            log.warn(format, withNote);
        } else {
            withNote[arguments.length] = "";
            log.debug(format, withNote);
        }
    }

    /**
     * On the output thread, after the server's request or notification: while the session's backlog of
     * them is full, the next line is not read, so a process that floods its output blocks on the pipe
     * instead of filling this JVM's memory. Ends when there is room again or the transport closes.
     */
    private void awaitRoom() {
        if (flow.accepting()) {
            return;
        }
        CountDownLatch room = new CountDownLatch(1);
        waitingForRoom = room;
        flow.whenAccepting(room::countDown);
        if (closed) {
            room.countDown();
        }
        try {
            log.debug("Not reading the output of {} for now: the session has too much of the server's to handle",
                    process.describe());
            room.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waitingForRoom = null;
        }
    }

    /** The process ended: unless the transport is closing it, the calls waiting for a response fail with how. */
    private void ended(ProcessExitedException exit) {
        if (closed) {
            log.debug("The MCP server process {} ended{}", process.describe(),
                    exit.exitCode().isPresent() ? " with code " + exit.exitCode().getAsInt() : "");
            return;
        }
        log.warn("{}", exit.getMessage());
        connectionLost.accept(exit);
    }

    /**
     * Closes the process's standard input, waits up to the close timeout for it to exit, then asks it to
     * stop ({@link Process#destroy()}), waits again, and finally kills it. Never fails.
     */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closed = true;
            CountDownLatch waiting = waitingForRoom;
            if (waiting != null) {
                waiting.countDown(); // the reader goes on to the end of the output
            }
            // On the writer thread, after the writes already queued; a writer stuck on a full pipe is skipped.
            Mono<Void> closeInput = Mono.<Void>fromRunnable(() -> process.process().ifPresent(p -> {
                        try {
                            p.getOutputStream().close();
                        } catch (IOException e) {
                            log.debug("Closing the input of {} failed: {}", process.describe(), e.toString());
                        }
                    }))
                    .subscribeOn(writer)
                    .timeout(closeTimeout, Mono.empty());
            return closeInput.then(process.stop())
                    .onErrorResume(e -> {
                        log.debug("Closing {} failed: {}", process.describe(), e.toString());
                        return Mono.empty();
                    })
                    .doFinally(signal -> writer.dispose());
        });
    }

    /** The command line: the command, then its arguments. */
    public List<String> command() {
        return command;
    }

    /** The server's name, as used in log lines and in the standard error logger's name. */
    public String name() {
        return name;
    }

    /** The running (or ended) process, or empty before the first send started it. */
    public Optional<ProcessHandle> process() {
        return process.process().map(Process::toHandle);
    }

    /** The last lines the process wrote to standard error, oldest first. */
    public List<String> stderrTail() {
        return process.stderrTail();
    }

    private static String defaultName(String command) {
        String file = Path.of(command).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Builds a {@link StdioTransport}. */
    public static final class Builder extends TransportBuilder<Builder> {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean inheritEnvironment = true;
        private Path workingDirectory;
        private String name;
        private int stderrTailLines = 20;

        private Builder(List<String> command) {
            if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
                throw new IllegalArgumentException("the command is missing");
            }
            command.forEach(part -> Objects.requireNonNull(part, "an argument is null"));
            this.command = command;
        }

        /** Adds arguments after those given so far. */
        public Builder args(List<String> args) {
            args.forEach(arg -> command.add(Objects.requireNonNull(arg, "an argument is null")));
            return this;
        }

        /** Sets an environment variable of the process (replacing an inherited one of that name). */
        public Builder env(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets environment variables of the process (replacing inherited ones of the same names). */
        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        /**
         * Whether the process inherits this JVM's environment (default true); when false it gets only
         * the variables set with {@link #env}.
         */
        public Builder inheritEnvironment(boolean inherit) {
            this.inheritEnvironment = inherit;
            return this;
        }

        /** The working directory of the process; default this JVM's. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The server's name in log lines; its standard error goes to the logger
         * {@code dev.mcpclient.stdio.<name>}. Default: the command's file name without extension.
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name is blank");
            }
            this.name = name;
            return this;
        }

        /** How many of the last lines of standard error are kept for error messages; default 20. */
        public Builder stderrTailLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("stderrTailLines must be at least 1");
            }
            this.stderrTailLines = lines;
            return this;
        }

        /** The transport; the process starts with the first message sent. */
        @Override
        public StdioTransport build() {
            return new StdioTransport(this, maxMessageBytes(), closeTimeout());
        }
    }
}
