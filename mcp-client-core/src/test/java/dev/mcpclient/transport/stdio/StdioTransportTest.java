package dev.mcpclient.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.support.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The stdio transport against a real child process: {@link StdioTestServer} in a JVM of its own. */
class StdioTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The command line that runs the test server with {@code args}. */
    static List<String> serverCommand(String... args) {
        return StdioTestServer.command(args);
    }

    private static McpClient client(StdioTransport.Builder transport) {
        return McpClient.builder(transport.build()).requestTimeout(Duration.ofSeconds(60)).build();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void initializesListsAndCallsToolsOverAChildProcess(@TempDir Path dir) {
        List<String> line = serverCommand();
        try (McpClient client = McpClient.builder(StdioTransport.builder(line.get(0),
                        line.subList(1, line.size()).toArray(String[]::new))
                        .env("MCP_TEST_GREETING", "hello from the environment")
                        .workingDirectory(dir))
                .requestTimeout(Duration.ofSeconds(60))
                .build()) {
            InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("stdio-test-server");
            assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.LATEST_HANDSHAKE);
            assertThat(client.listTools().tools()).extracting(Tool::name).contains("echo", "hang", "exit");
            assertThat(text(client.callTool("echo", Map.of("text", "hi")))).isEqualTo("hi");
            assertThat(text(client.callTool("env", Map.of("name", "MCP_TEST_GREETING"))))
                    .isEqualTo("hello from the environment");
            assertThat(text(client.callTool("env", Map.of("name", "PATH")))).isEqualTo(System.getenv("PATH"));
            assertThat(Path.of(text(client.callTool("cwd", Map.of()))).toAbsolutePath())
                    .isEqualTo(dir.toAbsolutePath());
            client.ping();
            assertThat(client.status().sessionActive()).isFalse();
        }
    }

    @Test
    void aReplacedEnvironmentHoldsOnlyTheGivenVariables() {
        try (McpClient client = client(StdioTransport.builder(serverCommand()).inheritEnvironment(false)
                .env("ONLY", "this"))) {
            assertThat(text(client.callTool("env", Map.of("name", "ONLY")))).isEqualTo("this");
            assertThat(text(client.callTool("env", Map.of("name", "PATH")))).isEqualTo("null");
        }
    }

    @Test
    void standardErrorGoesToTheServersLogger() throws InterruptedException {
        try (LogCapture stderr = LogCapture.of(StdioTransport.STDERR_LOGGER_PREFIX + "stderr-test");
                McpClient client = client(StdioTransport.builder(serverCommand()).name("stderr-test"))) {
            client.initialize();
            stderr.await("test server starting"::equals, WAIT);
        }
    }

    @Test
    void aProcessKilledMidCallFailsThePendingCallAtOnceWithItsExitCodeAndStderr() throws InterruptedException {
        StdioTransport transport = StdioTransport.builder(serverCommand()).name("killed").build();
        try (McpClient client = McpClient.builder(transport).requestTimeout(Duration.ofMinutes(5)).build()) {
            client.initialize();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch failed = new CountDownLatch(1);
            client.reactive().callTool("hang", Map.of(), CallOptions.defaults().progress(p -> started.countDown()))
                    .subscribe(r -> { }, e -> {
                        failure.set(e);
                        failed.countDown();
                    });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            ProcessHandle process = transport.process().orElseThrow();

            process.destroyForcibly();

            // Far sooner than the call's five-minute timeout.
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(ProcessExitedException.class);
            ProcessExitedException exit = (ProcessExitedException) failure.get();
            assertThat(exit.exitCode()).hasValue(137);
            assertThat(exit.stderrTail()).contains("test server starting", "hanging now");
            assertThat(exit.getMessage()).contains("'killed'", "exited with code 137", "hanging now");
            assertThat(client.status().callsInFlight()).isZero();

            // Every later call fails the same way, at once.
            assertThatThrownBy(() -> client.callTool("echo", Map.of("text", "again")))
                    .isInstanceOf(ProcessExitedException.class).hasMessageContaining("exited with code 137");
        }
    }

    @Test
    void aProcessThatExitsDuringACallReportsItsCodeAndTheLastLinesOfStderr() {
        try (McpClient client = client(StdioTransport.builder(serverCommand()).name("exiting").stderrTailLines(5))) {
            assertThatThrownBy(() -> client.callTool("exit", Map.of("code", 3)))
                    .isInstanceOfSatisfying(ProcessExitedException.class, e -> {
                        assertThat(e.exitCode()).hasValue(3);
                        assertThat(e.stderrTail()).containsExactly("line 27", "line 28", "line 29", "line 30", "bye");
                    });
        }
    }

    @Test
    void closeEndsStandardInputAndTheProcessExitsByItself() throws InterruptedException {
        StdioTransport transport = StdioTransport.builder(serverCommand()).name("polite")
                .closeTimeout(Duration.ofMinutes(1)).build();
        try (LogCapture stderr = LogCapture.of(StdioTransport.STDERR_LOGGER_PREFIX + "polite");
                LogCapture log = LogCapture.of(StdioTransport.class)) {
            McpClient client = McpClient.builder(transport).build();
            client.ping();
            ProcessHandle process = transport.process().orElseThrow();

            client.close();

            assertThat(process.isAlive()).isFalse();
            stderr.await("stdin closed, on-eof=exit"::equals, WAIT);
            assertThat(log.lines()).noneMatch(l -> l.contains("stopping it") || l.contains("killing it"));
        }
    }

    @Test
    void closeStopsAProcessThatKeepsRunningAfterItsInputClosed() {
        StdioTransport transport = StdioTransport.builder(serverCommand("--on-eof=linger")).name("lingering")
                .closeTimeout(Duration.ofMillis(300)).build();
        try (LogCapture log = LogCapture.of(StdioTransport.class)) {
            McpClient client = McpClient.builder(transport).build();
            client.ping();
            ProcessHandle process = transport.process().orElseThrow();

            client.close();

            assertThat(process.isAlive()).isFalse();
            assertThat(log.lines()).anyMatch(l -> l.contains("did not exit within PT0.3S") && l.contains("stopping it"));
            assertThat(log.lines()).noneMatch(l -> l.contains("killing it"));
        }
    }

    @Test
    void closeKillsAProcessThatIgnoresBeingAskedToStop() throws InterruptedException {
        StdioTransport transport = StdioTransport.builder(serverCommand("--on-eof=stubborn")).name("stubborn")
                .closeTimeout(Duration.ofMillis(500)).build();
        try (LogCapture stderr = LogCapture.of(StdioTransport.STDERR_LOGGER_PREFIX + "stubborn");
                LogCapture log = LogCapture.of(StdioTransport.class)) {
            McpClient client = McpClient.builder(transport).build();
            client.ping();
            ProcessHandle process = transport.process().orElseThrow();

            client.close();

            assertThat(process.isAlive()).isFalse();
            assertThat(log.lines()).anyMatch(l -> l.contains("did not stop within PT0.5S; killing it"));
            assertThat(stderr.lines()).noneMatch(l -> l.contains("Exception"));
        }
    }

    @Test
    void linesThatAreNotJsonRpcOrTooLongAreSkippedWithAClearLogLine() {
        try (LogCapture log = LogCapture.of(StdioTransport.class);
                McpClient client = client(StdioTransport.builder(serverCommand()).name("noisy").maxMessageSize(2048))) {
            assertThat(text(client.callTool("noise", Map.of()))).isEqualTo("after the noise");

            List<String> warnings = log.messages(LogCapture.warn());
            assertThat(warnings).filteredOn(w -> w.contains("'noisy'") && w.contains("not a JSON-RPC message"))
                    .hasSize(3)
                    .anySatisfy(w -> assertThat(w).contains("this is not json"))
                    .anySatisfy(w -> assertThat(w).contains("\"jsonrpc\" is not \"2.0\""));
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("line of 5086 bytes")
                    .contains("larger than the limit of 2048 bytes"));
            // The session is intact.
            assertThat(text(client.callTool("echo", Map.of("text", "still here")))).isEqualTo("still here");
        }
    }

    @Test
    void aCommandThatCannotBeStartedFailsTheCallAtOnce() {
        try (McpClient client = McpClient.stdio("/no/such/mcp-server", "--flag").requestTimeout(Duration.ofMinutes(5))
                .build()) {
            assertThatThrownBy(client::initialize).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("could not start the MCP server process 'mcp-server' (/no/such/mcp-server)");
        }
    }

    @Test
    void theWriteOfASendNeverRunsOnTheCallersThread() {
        StdioTransport transport = StdioTransport.builder(serverCommand()).name("threads").build();
        try (McpClient client = McpClient.builder(transport).build()) {
            client.initialize();
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> completedOn = new AtomicReference<>();
            Mono<Void> send = transport.send(new dev.mcpclient.jsonrpc.JsonRpcNotification("notifications/ping-ish", null))
                    .doOnSuccess(v -> completedOn.set(Thread.currentThread()));
            send.block(WAIT);
            assertThat(completedOn.get()).isNotSameAs(caller);
            assertThat(completedOn.get().getName()).isEqualTo("mcp-stdio-writer-threads");
        }
    }

    @Test
    void theBlockingClientRefusesToRunOnTheTransportsOwnThreads() throws InterruptedException {
        // It would wait for a response that only the thread it blocks could read.
        try (McpClient client = client(StdioTransport.builder(serverCommand()).name("refuses"))) {
            AtomicReference<Throwable> refused = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            client.reactive().ping(CallOptions.defaults())
                    .then(Mono.fromRunnable(client::ping))
                    .subscribe(null, e -> {
                        refused.set(e);
                        done.countDown();
                    }, done::countDown);
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("non-blocking thread (mcp-stdio-");
            client.ping();
        }
    }

    @Test
    void theServerNameDefaultsToTheCommandsFileName() throws Exception {
        Path script = Files.createTempFile("server", ".sh");
        try {
            assertThat(StdioTransport.builder(script.toString()).build().name())
                    .isEqualTo(script.getFileName().toString().replace(".sh", ""));
            assertThat(StdioTransport.builder("npx", "-y", "x").build().command()).containsExactly("npx", "-y", "x");
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void aModernServerOnStdioIsFoundByTheProbeAndEveryRequestCarriesTheMeta() {
        List<String> line = serverCommand("--era=modern");
        try (McpClient client = McpClient.builder(StdioTransport.builder(line.get(0),
                        line.subList(1, line.size()).toArray(String[]::new)))
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            // The server refuses any request without the modern _meta: an answer proves it was there.
            assertThat(text(client.callTool("echo", Map.of("text", "modern")))).isEqualTo("modern");
            assertThat(client.status().era()).isEqualTo(dev.mcpclient.McpClientStatus.ProtocolEra.MODERN);
            assertThat(client.initializeResult().serverInfo().name()).isEqualTo("stdio-modern");
        }
    }

    @Test
    void aModernServerOnStdioGetsSubscriptionsListenWhenSomethingListens() throws Exception {
        List<String> line = serverCommand("--era=modern");
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        try (McpClient client = McpClient.builder(StdioTransport.builder(line.get(0),
                        line.subList(1, line.size()).toArray(String[]::new)))
                .requestTimeout(Duration.ofSeconds(60)).onToolsListChanged(tools -> changed.countDown()).build()) {
            client.ping();
            assertThat(changed.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aLegacyServerThatNeverAnswersTheProbeGetsTheHandshakeAfterTheProbesBound() {
        List<String> line = serverCommand("--era=silent-legacy");
        try (McpClient client = McpClient.builder(StdioTransport.builder(line.get(0),
                        line.subList(1, line.size()).toArray(String[]::new)))
                .requestTimeout(Duration.ofSeconds(60)).initializeTimeout(Duration.ofSeconds(2)).build()) {
            assertThat(text(client.callTool("echo", Map.of("text", "legacy")))).isEqualTo("legacy");
            assertThat(client.status().era()).isEqualTo(dev.mcpclient.McpClientStatus.ProtocolEra.LEGACY);
        }
    }
}
