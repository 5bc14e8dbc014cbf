package dev.mcpclient.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How much heap a client keeps: per idle, initialized client (a service configured with 100 servers
 * must not pay megabytes for each), and per call in flight. Both against a loopback
 * {@link ProgrammableMcpServer} in the same JVM, so the figures include the server's side of each
 * session and connection: they are upper bounds of the client's own share.
 *
 * <p>Heap is read ({@link Runtime}: the tests run in the module, which does not read
 * {@code java.management}) as the least of several readings, each right after {@code System.gc()}, before and
 * after; the bounds are about four times what was measured (docs/reliability.md), so
 * that only a real regression (a buffer, a pool or a thread per client) fails them. Threads are
 * counted too: a client must not start threads of its own.
 */
class MemoryFootprintTest {

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();

    private static final Logger log = LoggerFactory.getLogger(MemoryFootprintTest.class);
    private static final Runtime RUNTIME = Runtime.getRuntime();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Predicate<RecordedRequest> GET = request -> request.httpMethod().equals("GET");
    private static final Predicate<RecordedRequest> CALL = request -> "tools/call".equals(request.jsonRpcMethod());

    private static final int CLIENTS = 100;
    /** Measured: about 6 KiB per client built but not connected (JDK 17, G1). */
    private static final long BUILT_CLIENT_BOUND = 24 * 1024;
    /** Measured: about 57 KiB per idle client, server side included (JDK 17, G1). */
    private static final long IDLE_CLIENT_BOUND = 256 * 1024;
    /** Some threads may start for the first time under load (Reactor's timers); never one per client. */
    private static final int NEW_THREADS_BOUND = 8;

    private static final int CALLS = 500;
    /** Measured: about 22 KiB per call in flight, a connection each, both its ends included (JDK 17, G1). */
    private static final long CALL_BOUND = 96 * 1024;

    @Test
    void aClientNotYetConnectedKeepsLittleHeap() {
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            warmUp(server);
            long before = usedHeapAfterGc();
            List<McpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(McpClient.streamableHttp(server.url()).requestTimeout(WAIT).build());
            }
            long after = usedHeapAfterGc();

            long perClient = (after - before) / CLIENTS;
            log.info("Clients built, not connected: {} B of heap each ({} clients)", perClient, CLIENTS);
            assertThat(perClient).as("heap per client not yet connected, in bytes").isLessThan(BUILT_CLIENT_BOUND);
            Reference.reachabilityFence(clients);
            clients.forEach(McpClient::close);
        }
    }

    @Test
    void anIdleInitializedClientKeepsLittleHeapAndNoThreadOfItsOwn() {
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            warmUp(server);
            int threadsBefore = Thread.getAllStackTraces().size();
            long before = usedHeapAfterGc();
            histogram("idle-before");

            List<McpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(WAIT).build();
                clients.add(client);
                client.initialize();
            }
            // Each client listens on its GET stream once initialized: wait until all of them do.
            server.awaitRequests(GET, CLIENTS + 1, WAIT);
            long after = usedHeapAfterGc();
            int newThreads = Thread.getAllStackTraces().size() - threadsBefore;
            histogram("idle-after");

            long perClient = (after - before) / CLIENTS;
            log.info("Idle clients: {} B of heap each ({} clients, {} B in all), {} new threads", perClient, CLIENTS,
                    after - before, newThreads);
            assertThat(perClient).as("heap per idle client, in bytes").isLessThan(IDLE_CLIENT_BOUND);
            assertThat(newThreads).as("threads started by %d clients", CLIENTS).isLessThanOrEqualTo(NEW_THREADS_BOUND);
            Reference.reachabilityFence(clients);
            clients.forEach(McpClient::close);
        }
    }

    @Test
    void aCallInFlightKeepsLittleHeap() {
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            Sinks.Empty<Void> release = Sinks.empty();
            server.onPost("tools/call", (request, exchange) -> Reply.deferred(
                    release.asMono().then(Mono.fromSupplier(exchange::defaultReply))));
            try (McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(WAIT).build()) {
                client.initialize();
                server.awaitRequests(GET, 1, WAIT);
                // One call through to its end first: its connection, classes and buffers are not the calls' cost.
                List<Mono<CallToolResult>> warmUp = List.of(client.reactive().callTool("echo", Map.of("n", -1)));
                Mono<List<CallToolResult>> warmUpDone = Flux.merge(warmUp).collectList().cache();
                warmUpDone.subscribe();
                server.awaitRequests(CALL, 1, WAIT);
                release.tryEmitEmpty();
                assertThat(warmUpDone.block(WAIT)).hasSize(1);

                Sinks.Empty<Void> hold = Sinks.empty();
                server.onPost("tools/call", (request, exchange) -> Reply.deferred(
                        hold.asMono().then(Mono.fromSupplier(exchange::defaultReply))));
                long before = usedHeapAfterGc();
                histogram("calls-before");

                Mono<List<CallToolResult>> calls = Flux.range(0, CALLS)
                        .flatMap(i -> client.reactive().callTool("echo", Map.of("n", i)), CALLS)
                        .collectList()
                        .cache();
                calls.subscribe();
                server.awaitRequests(CALL, 1 + CALLS, WAIT);
                assertThat(client.status().callsInFlight()).isEqualTo(CALLS);
                long during = usedHeapAfterGc();
                histogram("calls-during");

                long perCall = (during - before) / CALLS;
                log.info("Calls in flight: {} B of heap each ({} calls, {} B in all)", perCall, CALLS, during - before);
                hold.tryEmitEmpty();
                assertThat(calls.block(WAIT)).hasSize(CALLS);
                assertThat(perCall).as("heap per call in flight, in bytes").isLessThan(CALL_BOUND);
            }
        }
    }

    /** One client through initialize, a call and close: classes, event loops and shared pools are then in place. */
    private static void warmUp(ProgrammableMcpServer server) {
        try (McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(WAIT).build()) {
            client.initialize();
            client.callTool("echo", Map.of("warm", "up"));
            server.awaitRequests(GET, 1, WAIT);
        }
    }

    /**
     * With {@code -Dmemory.histograms=true}, the class histogram of the live heap ({@code jcmd
     * GC.class_histogram}) goes to {@code target/memory/<name>.txt}: compare two to see what grew.
     */
    private static void histogram(String name) {
        if (!Boolean.getBoolean("memory.histograms")) {
            return;
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "memory"));
            String jcmd = java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process process = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectOutput(dir.resolve(name + ".txt").toFile())
                    .redirectErrorStream(true)
                    .start();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("jcmd done").isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The least used heap of five readings, each right after a full collection. */
    private static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            least = Math.min(least, RUNTIME.totalMemory() - RUNTIME.freeMemory());
        }
        return least;
    }
}
