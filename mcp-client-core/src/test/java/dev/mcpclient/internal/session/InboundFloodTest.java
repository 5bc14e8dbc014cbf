package dev.mcpclient.internal.session;

import static dev.mcpclient.support.Messages.notification;
import static dev.mcpclient.support.Messages.ping;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.Calls;
import dev.mcpclient.support.ForwardingTransport;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTestServer;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * A server that floods a call's response stream, the two weak spots of docs/reliability.md: thousands of
 * {@code ping}s before the response (answered at most {@link ServerRequestAnswers#MAX_SENDING} at a time,
 * all of them, and the call completes), and tens of thousands of notifications before it while their
 * handler is slow (the session's backlog stops at its soft limit, the stream waits, none is lost). All
 * counted where it happens, never timed.
 */
class InboundFloodTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofMinutes(2)));
    private final ProgrammableMcpServer server = mcp.server();

    // ------------------------------------------------------------------ a flood of the server's requests

    @Test
    void tenThousandPingsBeforeTheResponseAreAllAnsweredAtMostFourAtATimeAndTheCallCompletes() throws Exception {
        int pings = 10_000;
        // The server holds every answer until the test lets it go; it counts an answer open from its arrival
        // until just before its reply is written, so it can never count more than the client has under way.
        BlockingQueue<Sinks.One<Reply>> held = new LinkedBlockingQueue<>();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        server.onClientResponse((request, exchange) -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            answered.add(String.valueOf(request.id().value()));
            Sinks.One<Reply> release = Sinks.one();
            held.add(release);
            return Reply.deferred(release.asMono().doOnNext(reply -> open.decrementAndGet()));
        });
        server.onPost("tools/call", (request, exchange) -> Reply.sse(Flux.concat(
                Flux.range(0, pings).map(i -> SseFrame.message(null, ping("p-" + i))),
                Flux.just(SseFrame.message(null, toolResult(request.id(), "after the pings"))))));
        McpClient client = mcp.connected(options -> options);

        // The response is read while the answers wait: the call completes with the server holding four.
        assertThat(Calls.text(client.callTool("echo", Map.of()))).isEqualTo("after the pings");

        for (int released = 0; released < pings; ) {
            // Each round: as many answers as the client may send at once (the last one: what is left), then
            // all of them let go. A client sending more at once shows more open than that, in some round.
            int round = Math.min(ServerRequestAnswers.MAX_SENDING, pings - released);
            List<Sinks.One<Reply>> answers = new ArrayList<>();
            for (int i = 0; i < round; i++) {
                Sinks.One<Reply> answer = held.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer).as("answer %d of %d", released + i + 1, pings).isNotNull();
                answers.add(answer);
            }
            answers.forEach(answer -> answer.tryEmitValue(Reply.accepted()).orThrow());
            released += round;
        }

        assertThat(answered).as("the pings answered, each once")
                .isEqualTo(IntStream.range(0, pings).mapToObj(i -> "p-" + i).collect(Collectors.toSet()));
        assertThat(mostOpen).as("answer POSTs open at once at the server").hasValue(ServerRequestAnswers.MAX_SENDING);
        assertThat(held).as("no answer beyond the pings").isEmpty();
    }

    // ------------------------------------------------------------------ a flood of notifications

    @Test
    void aFloodOfNotificationsOverHttpWaitsOnTheWireWhileTheirHandlerIsStuckAndNoneIsLost() throws Exception {
        int count = 20_000;
        server.onPost("tools/call", (request, exchange) -> Reply.sse(Flux.concat(
                Flux.range(0, count).map(i -> SseFrame.message(null, logMessage("flood " + i))),
                Flux.just(SseFrame.message(null, toolResult(request.id(), "after the flood"))))));
        Flood flood = new Flood(StreamableHttpTransport.builder(server.url()), count);

        flood.run(McpJson.mapper().createObjectNode().put("name", "echo"));
    }

    @Test
    void aFloodOfNotificationsOverStdioWaitsInThePipeWhileTheirHandlerIsStuckAndNoneIsLost() throws Exception {
        int count = 20_000;
        List<String> command = StdioTestServer.command();
        Flood flood = new Flood(StdioTransport.builder(command).name("flood"), count);

        flood.run(McpJson.mapper().createObjectNode().put("name", "flood")
                .set("arguments", McpJson.mapper().createObjectNode().put("count", count)));
    }

    private static JsonNode logMessage(String data) {
        return notification("notifications/message",
                McpJson.mapper().createObjectNode().put("level", "debug").put("data", data));
    }

    /**
     * One session over {@code transport} whose handler of {@code notifications/message} is stuck at the
     * first one until the transport paused its stream; what that means for the backlog is asserted.
     */
    private static final class Flood {
        final int count;
        final InboundDispatcher dispatcher = new InboundDispatcher();
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch handled;
        final List<String> order = new ArrayList<>();
        final McpTransport transport;
        final McpSession session;

        Flood(TransportBuilder<?> builder, int count) {
            this.count = count;
            this.handled = new CountDownLatch(count);
            this.transport = new PauseWatching(builder.build(), paused);
            this.session = new McpSession(transport, new InitializeLifecycle(transport, new Implementation("flood", "1"),
                    ClientCapabilities.none(), WAIT), dispatcher, Duration.ofMinutes(2));
            dispatcher.onNotification("notifications/message", notification -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add(notification.params().path("data").asString()); // one at a time: no lock needed
                handled.countDown();
            });
        }

        void run(JsonNode callParams) throws Exception {
            session.start();
            try {
                CompletableFuture<JsonNode> call = session.request("tools/call", callParams, new RequestOptions(null, false))
                        .toFuture();

                assertThat(paused.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the stream paused").isTrue();
                InboundBacklog.Count waiting = dispatcher.backlog().notifications;
                assertThat(waiting.value()).as("notifications waiting when the stream paused")
                        .isEqualTo(InboundBacklog.NOTIFICATIONS_SOFT_LIMIT);
                assertThat(call).as("the response comes after the flood").isNotDone();

                release.countDown();

                assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS).path("content").path(0).path("text").asString())
                        .isIn("after the flood", "flooded");
                assertThat(handled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("every notification handled").isTrue();
                assertThat(order).as("in order, none lost")
                        .isEqualTo(IntStream.range(0, count).mapToObj(i -> "flood " + i).toList());
                assertThat(waiting.most()).as("the most that ever waited")
                        .isEqualTo(InboundBacklog.NOTIFICATIONS_SOFT_LIMIT);
                assertThat(dispatcher.droppedNotifications()).isZero();
            } finally {
                release.countDown();
                session.close();
                transport.closeGracefully().block(WAIT);
            }
        }
    }

    /** A transport whose inbound flow tells the test when a stream paused (asked to be resumed later). */
    private static final class PauseWatching extends ForwardingTransport {
        private final CountDownLatch paused;

        PauseWatching(McpTransport delegate, CountDownLatch paused) {
            super(delegate);
            this.paused = paused;
        }

        @Override
        public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
            InboundFlow flow = InboundFlow.of(inbound);
            delegate.start(InboundFlow.attach(inbound, new InboundFlow() {
                @Override
                public boolean accepting() {
                    return flow.accepting();
                }

                @Override
                public void whenAccepting(Runnable resume) {
                    paused.countDown();
                    flow.whenAccepting(resume);
                }
            }), connectionLost);
        }
    }
}
