package dev.mcpclient.stress;

import static dev.mcpclient.support.Messages.json;
import static dev.mcpclient.support.Messages.request;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.Calls;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * Many calls at once from blocking callers, during each of which the server sends the client a
 * request and answers the call only once the client answered it, in random orders of response,
 * server request, answer and end of stream ({@link Mode}); the stress variant of
 * {@code ServerRequestDuringCallTest}. Streams the server keeps open are ended by the caller's thread
 * once it has its outcome, so a response held until its stream ends would never settle its call.
 *
 * <p>Seeded ({@code -Dstress.seed}) and bounded ({@code -Dstress.iterations}, default 1,000, and a
 * deadline for the whole run; {@code -Dstress.timeout} sets the calls' timeout in seconds, default 30).
 * Asserts that every call returns its own result, that every request of the server was answered once,
 * that no pending entry remains and that every exchange ended. A call that fails is reported with what
 * the server saw and did for it ({@code Trace}).
 */
class ServerRequestStressTest {

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    private static final Logger log = LoggerFactory.getLogger(ServerRequestStressTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int CALLERS = 16;
    private static final JsonNode SAMPLING = json(
            "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}],\"maxTokens\":5}");

    /** What the server does with a call's stream. */
    enum Mode {
        /** The request on the call's stream; once answered, the response and the end. */
        ANSWER_THEN_END(1),
        /** The request on the call's stream; once answered, the response; the end once the caller has its outcome. */
        ANSWER_THEN_OPEN(1),
        /** The response and a request in one write; the end once the caller has its outcome and the answer came. */
        RESPONSE_THEN_REQUEST(1),
        /** The request on the background stream, the call's stream silent; once answered, the response; the end after the outcome. */
        BACKGROUND(1),
        /** Two requests in turn on the call's stream; once both are answered, the response and the end. */
        TWO_REQUESTS(2);

        final int requests;

        Mode(int requests) {
            this.requests = requests;
        }
    }

    /**
     * One call's stream as the server writes it; ended once both the caller and the server are done with
     * it. Its writes come from several threads (the handler of the call and those of the client's
     * answers, which may overlap the write that carried the request): they are serialized here, as a
     * unicast sink drops an overlapping emission.
     */
    private static final class Stream {
        final Sinks.Many<SseFrame> sink = Sinks.many().unicast().onBackpressureBuffer();
        final AtomicInteger untilEnd;
        final Trace trace;
        final int call;

        Stream(int parties, Trace trace, int call) {
            this.untilEnd = new AtomicInteger(parties);
            this.trace = trace;
            this.call = call;
        }

        void next(SseFrame frame, String what) {
            Sinks.EmitResult result;
            synchronized (this) {
                result = sink.tryEmitNext(frame);
            }
            trace.add(call, what, result);
        }

        void done() {
            int left = untilEnd.decrementAndGet();
            if (left == 0) {
                Sinks.EmitResult result;
                synchronized (this) {
                    result = sink.tryEmitComplete();
                }
                trace.add(call, "end", result);
            } else {
                trace.add(call, "done, " + left + " left");
            }
        }
    }

    @Test
    void everyCallSettlesWithItsResultWhateverTheOrderOfTheServersRequests() throws Exception {
        long seed = Long.getLong("stress.seed", 20261207L);
        int iterations = Integer.getInteger("stress.iterations", 1000);
        log.info("stress seed {} iterations {}", seed, iterations);
        Random random = new Random(seed);
        Mode[] modes = new Mode[iterations];
        int expectedRequests = 0;
        for (int i = 0; i < iterations; i++) {
            modes[i] = Mode.values()[random.nextInt(Mode.values().length)];
            expectedRequests += modes[i].requests;
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();

        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            Map<Integer, Stream> streams = new ConcurrentHashMap<>();
            Map<RequestId, Runnable> onAnswer = new ConcurrentHashMap<>();
            AtomicInteger answers = new AtomicInteger();
            Trace trace = new Trace();
            script(server, modes, streams, onAnswer, answers, trace);

            AtomicInteger sampled = new AtomicInteger();
            McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(Long.getLong("stress.timeout", 30)))
                    .sampling(request -> {
                        sampled.incrementAndGet();
                        return new CreateMessageResult(Role.ASSISTANT, new TextContent("sampled"), "test-model",
                                CreateMessageResult.STOP_END_TURN);
                    })
                    .build();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                client.initialize();
                client.listTools(); // known tools: nothing but the call itself on the call path
                server.background().awaitConnected(Calls.PROMPTLY);

                AtomicInteger next = new AtomicInteger();
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    running.add(callers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < iterations; i = next.getAndIncrement()) {
                            String text;
                            try {
                                text = Calls.text(client.callTool("echo", Map.of("n", i)));
                            } catch (RuntimeException e) {
                                throw new AssertionError("call " + i + " (" + modes[i] + ") failed; what the server saw: "
                                        + trace.of(i) + "; the script's failed writes: " + trace.failedWrites, e);
                            }
                            assertThat(text).as("the result of call %d (%s)", i, modes[i]).isEqualTo("result " + i);
                            Stream stream = streams.get(i);
                            if (stream != null) {
                                stream.done(); // the caller has its outcome
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> caller : running) {
                    caller.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }

                assertThat(trace.failedWrites).as("the script's failed writes").isEmpty();
                assertThat(answers).as("answers the server received").hasValue(expectedRequests);
                assertThat(sampled).as("requests the sampling handler got").hasValue(expectedRequests);
                assertThat(client.status().callsInFlight()).as("pending entries left").isZero();
            } finally {
                callers.shutdownNow();
                client.close();
            }
            assertThat(server.awaitExchangesEnded(Duration.ofSeconds(10))).as("exchanges still open").isEmpty();
            assertThat(server.handlerErrors()).as("errors of the server's handlers").isEmpty();
        }
    }

    /** What the server saw and did for each call, to tell on failure where a call stopped. */
    private static final class Trace {
        private final Map<Integer, List<String>> events = new ConcurrentHashMap<>();
        /** The script's own writes that failed (which would leave a call waiting for nothing). */
        final List<String> failedWrites = Collections.synchronizedList(new ArrayList<>());

        void add(int call, String what, Sinks.EmitResult result) {
            add(call, what + " " + result);
            if (result.isFailure()) {
                failedWrites.add("call " + call + ": " + what + " " + result);
            }
        }

        void add(int call, String event) {
            events.computeIfAbsent(call, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime() / 1_000_000 + " " + Thread.currentThread().getName() + " " + event);
        }

        void add(RequestId serverRequest, String event) {
            String id = String.valueOf(serverRequest.value());
            if (id.startsWith("s-")) {
                add(Integer.parseInt(id.split("-")[1]), event);
            }
        }

        List<String> of(int call) {
            return events.getOrDefault(call, List.of());
        }
    }

    private static void script(ProgrammableMcpServer server, Mode[] modes, Map<Integer, Stream> streams,
            Map<RequestId, Runnable> onAnswer, AtomicInteger answers, Trace trace) {
        server.onClientResponse((req, ex) -> {
            trace.add(req.id(), "answer " + req.body());
            Runnable then = onAnswer.remove(req.id());
            if (then != null && "test-model".equals(req.body().path("result").path("model").asString())) {
                answers.incrementAndGet();
                then.run();
            }
            return Reply.accepted();
        });
        server.onPost("tools/call", (req, ex) -> {
            int n = req.params().path("arguments").path("n").asInt();
            trace.add(n, "tools/call " + req.id() + " " + modes[n]);
            SseFrame response = SseFrame.message("r-" + n, toolResult(req.id(), "result " + n));
            RequestId first = RequestId.of("s-" + n + "-1");
            SseFrame firstRequest = SseFrame.message(null, request((String) first.value(), "sampling/createMessage", SAMPLING));
            switch (modes[n]) {
                case ANSWER_THEN_END: {
                    Stream stream = new Stream(1, trace, n);
                    onAnswer.put(first, () -> {
                        stream.next(response, "response");
                        stream.done();
                    });
                    stream.next(firstRequest, "request 1");
                    return Reply.sse(stream.sink.asFlux());
                }
                case ANSWER_THEN_OPEN: {
                    Stream stream = new Stream(2, trace, n);
                    streams.put(n, stream);
                    onAnswer.put(first, () -> {
                        stream.next(response, "response");
                        stream.done();
                    });
                    stream.next(firstRequest, "request 1");
                    return Reply.sse(stream.sink.asFlux());
                }
                case RESPONSE_THEN_REQUEST: {
                    Stream stream = new Stream(2, trace, n);
                    streams.put(n, stream);
                    onAnswer.put(first, stream::done);
                    stream.next(SseFrame.raw(response.text() + firstRequest.text()), "response and request");
                    return Reply.sse(stream.sink.asFlux());
                }
                case BACKGROUND: {
                    Stream stream = new Stream(2, trace, n);
                    streams.put(n, stream);
                    onAnswer.put(first, () -> {
                        stream.next(response, "response");
                        stream.done();
                    });
                    ex.background().sendFrame(firstRequest);
                    trace.add(n, "request 1 on the background stream");
                    return Reply.sse(stream.sink.asFlux());
                }
                case TWO_REQUESTS:
                default: {
                    Stream stream = new Stream(1, trace, n);
                    RequestId second = RequestId.of("s-" + n + "-2");
                    onAnswer.put(second, () -> {
                        stream.next(response, "response");
                        stream.done();
                    });
                    onAnswer.put(first, () -> stream.next(
                            SseFrame.message(null, request((String) second.value(), "sampling/createMessage", SAMPLING)),
                            "request 2"));
                    stream.next(firstRequest, "request 1");
                    return Reply.sse(stream.sink.asFlux());
                }
            }
        });
    }
}
