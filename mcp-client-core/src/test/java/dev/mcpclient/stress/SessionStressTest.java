package dev.mcpclient.stress;

import static dev.mcpclient.support.Messages.progress;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.NettyLeaks;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.transport.http.ExchangeProbe;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Random interleavings of the steps the race tests drive one by one: responses on the POST stream,
 * on the background stream, on a resumption, twice; streams cut or ended early; resets, errors,
 * timeouts and cancellations; many calls at once on one session.
 *
 * <p>Seeded ({@code -Dstress.seed}) and bounded ({@code -Dstress.iterations}, default 2,000, and a
 * deadline). Asserts that every call settles exactly once with the outcome its scenario implies, that
 * no pending entry remains, that Reactor dropped no error, and that Netty's leak detector (paranoid
 * in every test JVM) reports nothing.
 */
class SessionStressTest {

    /** Resets and cut streams make Reactor Netty report the connections it saw break. */
    @RegisterExtension
    static final Watchdog watchdog = new Watchdog().toleratingConnectionErrors();
    private static final Logger log = LoggerFactory.getLogger(SessionStressTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Map<Integer, Throwable> errors = new ConcurrentHashMap<>();

    enum Mode { JSON, SSE, SEED, RESUME, DROP, DUP, OTHER_STREAM_FIRST, ERROR, RESET, TIMEOUT, CANCEL }

    enum Outcome { RESULT, RPC_ERROR, TRANSPORT_ERROR, TIMEOUT, CANCELLED }

    record Scenario(int iteration, Mode mode, boolean flip, int concurrencySlot) {
        Outcome expected() {
            switch (mode) {
                case ERROR:
                    return Outcome.RPC_ERROR;
                case RESET:
                    return Outcome.TRANSPORT_ERROR;
                case TIMEOUT:
                    return Outcome.TIMEOUT;
                case CANCEL:
                    return Outcome.CANCELLED;
                default:
                    return Outcome.RESULT;
            }
        }

        String eventId(int k) {
            return "it-" + iteration + "-" + k;
        }
    }

    @Test
    void everyCallSettlesExactlyOnceWithTheRightOutcome() throws Exception {
        long seed = Long.getLong("stress.seed", 20261125L);
        int iterations = Integer.getInteger("stress.iterations", 2000);
        log.info("stress seed {} iterations {}", seed, iterations);
        Random random = new Random(seed);
        List<Scenario> scenarios = new ArrayList<>();
        Mode[] modes = Mode.values();
        for (int i = 0; i < iterations; i++) {
            scenarios.add(new Scenario(i, modes[random.nextInt(modes.length)], random.nextBoolean(), random.nextInt(4)));
        }

        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            Map<Integer, RequestId> ids = new ConcurrentHashMap<>();
            Map<Integer, CompletableFuture<RecordedRequest>> received = new ConcurrentHashMap<>();
            script(server, scenarios, ids, received);

            McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(10)).build();
            try {
                client.initialize();
                server.background().awaitConnected(Duration.ofSeconds(10));

                AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(iterations);
                AtomicInteger[] signals = new AtomicInteger[iterations];
                for (int i = 0; i < iterations; i++) {
                    signals[i] = new AtomicInteger();
                }

                Flux.fromIterable(scenarios)
                        .flatMap(s -> run(client, s, received, outcomes, signals), 16)
                        .then()
                        .block(DEADLINE);

                for (Scenario s : scenarios) {
                    assertThat(outcomes.get(s.iteration())).as("outcome of %s (error: %s)", s, describe(errors.get(s.iteration())))
                            .isEqualTo(s.expected());
                    int expectedSignals = s.expected() == Outcome.CANCELLED ? 0 : 1;
                    assertThat(signals[s.iteration()].get()).as("terminal signals of %s", s).isEqualTo(expectedSignals);
                }
                assertThat(client.status().callsInFlight()).as("pending entries left").isZero();
                // Cancelled exchanges finish by themselves (at most 2 s): closing under them would log
                // their errors late, into whatever test runs next.
                assertThat(ExchangeProbe.awaitCancelledExchangesDone(Duration.ofSeconds(10)))
                        .as("cancelled exchanges finished").isTrue();
            } finally {
                client.close();
            }
            NettyLeaks.provokeReports(); // for the watchdog to see
        }
    }

    private static Mono<Void> run(McpClient client, Scenario s, Map<Integer, CompletableFuture<RecordedRequest>> received,
            AtomicReferenceArray<Outcome> outcomes, AtomicInteger[] signals) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("iteration", s.iteration());
        CallOptions options = s.mode() == Mode.TIMEOUT
                ? CallOptions.withTimeout(Duration.ofMillis(50))
                : CallOptions.defaults();
        Mono<CallToolResult> call = client.reactive().callTool("stress", args, options)
                .doOnEach(signal -> {
                    if (signal.isOnNext() || signal.isOnError()) {
                        signals[s.iteration()].incrementAndGet();
                    }
                });
        if (s.mode() == Mode.CANCEL) {
            return Mono.defer(() -> {
                Disposable running = call.subscribe(r -> outcomes.set(s.iteration(), Outcome.RESULT),
                        e -> {
                            errors.put(s.iteration(), e);
                            outcomes.set(s.iteration(), classify(e));
                        });
                return Mono.fromFuture(received.get(s.iteration()))
                        .doOnNext(r -> {
                            running.dispose();
                            outcomes.compareAndSet(s.iteration(), null, Outcome.CANCELLED);
                        })
                        .then();
            });
        }
        return call
                .doOnNext(result -> {
                    String text = ((TextContent) result.content().get(0)).text();
                    outcomes.set(s.iteration(), text.equals("ok-" + s.iteration()) ? Outcome.RESULT : null);
                })
                .onErrorResume(e -> {
                    errors.put(s.iteration(), e);
                    outcomes.set(s.iteration(), classify(e));
                    return Mono.empty();
                })
                .then();
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "none";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private static Outcome classify(Throwable e) {
        if (e instanceof McpErrorException) {
            return Outcome.RPC_ERROR;
        }
        if (e instanceof McpTimeoutException) {
            return Outcome.TIMEOUT;
        }
        if (e instanceof McpTransportException) {
            return Outcome.TRANSPORT_ERROR;
        }
        return null;
    }

    /** The server's side of every scenario, keyed by the iteration the call carries. */
    private static void script(ProgrammableMcpServer server, List<Scenario> scenarios, Map<Integer, RequestId> ids,
            Map<Integer, CompletableFuture<RecordedRequest>> received) {
        Map<Integer, CompletableFuture<RecordedRequest>> cancelled = new ConcurrentHashMap<>();
        Map<RequestId, Integer> iterations = new ConcurrentHashMap<>();
        for (Scenario s : scenarios) {
            received.put(s.iteration(), new CompletableFuture<>());
            cancelled.put(s.iteration(), new CompletableFuture<>());
        }
        server.onPost("notifications/cancelled", (req, ex) -> {
            Integer i = iterations.get(RequestId.of(req.params().get("requestId").asLong()));
            if (i != null) {
                cancelled.get(i).complete(req);
            }
            return Reply.accepted();
        });
        server.onPost("tools/call", (req, ex) -> {
            int i = req.params().get("arguments").get("iteration").asInt();
            Scenario s = scenarios.get(i);
            ids.put(i, req.id());
            iterations.put(req.id(), i);
            received.get(i).complete(req);
            String text = "ok-" + i;
            switch (s.mode()) {
                case JSON:
                    return Reply.json(toolResult(req.id(), text));
                case SSE:
                    return Reply.sse(Flux.just(SseFrame.message(s.flip() ? s.eventId(0) : null, progress("p" + i, 0.5)),
                            SseFrame.message(s.flip() ? s.eventId(1) : null, toolResult(req.id(), text))));
                case SEED:
                    ex.background().send(toolResult(req.id(), text));
                    return Reply.sse(Flux.just(SseFrame.priming(s.eventId(0), 5L)));
                case RESUME:
                    return Reply.sse(Flux.just(SseFrame.priming(s.eventId(0), s.flip() ? 1L : 10L)));
                case DROP:
                    return Reply.sse(Flux.concat(Flux.just(SseFrame.retry(2), SseFrame.message(s.eventId(0), progress("p" + i, 0.1))),
                            Flux.error(new IOException("cut"))));
                case DUP:
                    if (s.flip()) {
                        ex.background().send(toolResult(req.id(), text));
                    }
                    Reply dup = Reply.sse(Flux.just(SseFrame.message(s.eventId(0), toolResult(req.id(), text))));
                    if (!s.flip()) {
                        ex.background().send(toolResult(req.id(), text));
                    }
                    return dup;
                case OTHER_STREAM_FIRST:
                    ex.background().send(toolResult(req.id(), text));
                    return Reply.sse(Flux.concat(Flux.just(SseFrame.priming(s.eventId(0), null)), Flux.never()));
                case ERROR:
                    return Reply.error(req.id(), -32000 - (i % 100), "failure " + i);
                case RESET:
                    return Reply.reset();
                case TIMEOUT:
                    if (s.flip()) {
                        // A late response, sent once the client's cancellation arrived: dropped quietly.
                        return Reply.deferred(Mono.fromFuture(cancelled.get(i))
                                .thenReturn(Reply.json(toolResult(req.id(), text))));
                    }
                    return Reply.deferred(Mono.never());
                case CANCEL:
                default:
                    return Reply.deferred(Mono.never());
            }
        });
        server.onGet((req, ex) -> {
            String last = req.lastEventId();
            if (last == null) {
                return ex.defaultReply();
            }
            int i = Integer.parseInt(last.split("-")[1]);
            Scenario s = scenarios.get(i);
            RequestId id = ids.get(i);
            switch (s.mode()) {
                case SEED:
                    return Reply.sse(Flux.never());
                case RESUME:
                case DROP:
                    return Reply.sse(Flux.just(SseFrame.message(s.eventId(1), toolResult(id, "ok-" + i))));
                default:
                    return Reply.status(400, "text/plain", "unexpected resumption of " + s);
            }
        });
    }
}
