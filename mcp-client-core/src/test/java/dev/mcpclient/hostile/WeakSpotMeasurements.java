package dev.mcpclient.hostile;

import static dev.mcpclient.support.Messages.ping;
import static dev.mcpclient.support.Messages.toolResult;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientListener;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A one-off measurement of the weak spots of docs/reliability.md, not a test: run it by hand with the
 * test class path (see docs/reliability.md, "How the figures were measured").
 *
 * <ul>
 *   <li>{@code pings}: a call whose response stream carries 10,000 {@code ping} requests before its
 *       response: how long until the call settles, how many answers the server got by then, and how many
 *       answer POSTs it held at once (it takes a millisecond over each);</li>
 *   <li>{@code notifications [count] [level] [listener µs]}: a call whose response stream carries 200,000
 *       {@code notifications/message} (at that level: {@code debug} is not logged, {@code info} is) before
 *       its response, with a listener that takes that many microseconds over each (none by default): how
 *       long until the call settles, the peak of the used heap (sampled every 5 ms) and the most heap left
 *       after a full collection (forced every 100 ms: what was retained).</li>
 * </ul>
 * The server runs in the same JVM on its own event loops; its frames are made lazily as it writes them.
 */
public final class WeakSpotMeasurements {

    private WeakSpotMeasurements() {
    }

    /** Runs one scenario: {@code pings [count]} or {@code notifications [count] [level] [listener µs]}. */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "pings";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : what.equals("pings") ? 10_000 : 200_000;
        switch (what) {
            case "pings" -> pings(count);
            case "notifications" -> notifications(count, args.length > 2 ? args[2] : "debug",
                    args.length > 3 ? Long.parseLong(args[3]) : 0);
            default -> throw new IllegalArgumentException("pings or notifications");
        }
        System.exit(0);
    }

    private static void pings(int count) throws InterruptedException {
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            AtomicInteger answers = new AtomicInteger();
            AtomicInteger open = new AtomicInteger();
            AtomicInteger maxOpen = new AtomicInteger();
            server.onClientResponse((request, exchange) -> {
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                answers.incrementAndGet();
                // A millisecond of work per answer, as a real server would take (the only timing here).
                return Reply.deferred(Mono.delay(Duration.ofMillis(1)).map(tick -> {
                    open.decrementAndGet();
                    return Reply.accepted();
                }));
            });
            // 100 events per frame: the server's writes, not the client, would otherwise set the pace.
            server.onPost("tools/call", (request, exchange) -> Reply.sse(Flux.concat(
                    Flux.range(0, count / 100).map(block -> {
                        StringBuilder frame = new StringBuilder();
                        for (int i = 0; i < 100; i++) {
                            frame.append(SseFrame.message(null, ping("p-" + (block * 100 + i))).text());
                        }
                        return SseFrame.raw(frame.toString());
                    }),
                    Flux.just(SseFrame.message(null, toolResult(request.id(), "done"))))));
            try (McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofMinutes(5)).build()) {
                client.initialize();
                client.listTools();
                for (int round = 1; round <= 3; round++) {
                    answers.set(0);
                    maxOpen.set(0);
                    long start = System.nanoTime();
                    client.callTool("echo", Map.of());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    int answeredThen = answers.get();
                    while (answers.get() < count && System.nanoTime() - start < 120_000_000_000L) {
                        Thread.sleep(10); // a measurement, not a test: the next round starts once this one is over
                    }
                    long allMillis = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("pings round %d: %d pings, call settled after %d ms (answers at the server then %d), "
                            + "all %d answered after %d ms, most answer POSTs open at once %d%n", round, count, millis,
                            answeredThen, answers.get(), allMillis, maxOpen.get());
                }
            }
        }
    }

    private static void notifications(int count, String level, long listenerMicros) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        String event = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"" + level + "\","
                + "\"logger\":\"flood\",\"data\":\"a log line of a chatty server, number %d\"}}";
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            // 100 events per frame: the server's writes, not the client, would otherwise set the pace.
            server.onPost("tools/call", (request, exchange) -> Reply.sse(Flux.concat(
                    Flux.range(0, count / 100).map(block -> {
                        StringBuilder frame = new StringBuilder();
                        for (int i = 0; i < 100; i++) {
                            frame.append("data: ").append(String.format(event, block * 100 + i)).append("\n\n");
                        }
                        return SseFrame.raw(frame.toString());
                    }),
                    Flux.just(SseFrame.message(null, toolResult(request.id(), "done"))))));
            // A listener that takes its time (a handler slower than the wire), or none.
            McpClientListener slow = new McpClientListener() {
                @Override
                public void onLoggingMessage(LoggingMessageNotification message) {
                    LockSupport.parkNanos(listenerMicros * 1_000);
                }
            };
            McpClientBuilder builder = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofMinutes(5));
            try (McpClient client = (listenerMicros > 0 ? builder.listener(slow) : builder).build()) {
                client.initialize();
                client.listTools();
                for (int round = 1; round <= 3; round++) {
                    System.gc();
                    long base = runtime.totalMemory() - runtime.freeMemory();
                    AtomicLong peak = new AtomicLong();
                    AtomicLong retained = new AtomicLong();
                    // Every 5 ms the used heap (garbage included); every 100 ms a full collection, after which
                    // what is used is what the client retained at that moment.
                    Thread sampler = new Thread(() -> {
                        for (int tick = 1; !Thread.currentThread().isInterrupted(); tick++) {
                            peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                            if (tick % 20 == 0) {
                                System.gc();
                                retained.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                            }
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
                    sampler.start();
                    long start = System.nanoTime();
                    client.callTool("echo", Map.of());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    sampler.interrupt();
                    sampler.join();
                    System.out.printf("notifications round %d: %d notifications, call settled after %d ms, heap before %d MB, "
                            + "peak used %d MB, most retained (after a full GC) %d MB%n", round, count, millis, base >> 20,
                            peak.get() >> 20, retained.get() >> 20);
                }
            }
        }
    }
}
