package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Calls.text;
import static dev.mcpclient.support.Messages.json;
import static dev.mcpclient.support.Messages.request;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.FrameSink;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A call during which the server sends the client a request (here {@code sampling/createMessage}) and
 * answers the call only once the client answered it: the handshake era's sampling, roots and
 * elicitation. The awaited response of an event stream is held until its event loop finished the read
 * that brought it ({@link RequestStream}); these tests pin that the hold never waits for anything
 * that itself waits for the client (the end of a stream the server keeps open, the client's answer),
 * for blocking callers, in every order of response, server request, answer and end of stream. The
 * order is forced by the server's own events (the client's answer arriving, the caller having its
 * outcome), never by sleeps; a call that would wait for its timeout fails the bounded wait instead.
 */
class ServerRequestDuringCallTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonNode SAMPLING = json(
            "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}],\"maxTokens\":5}");

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofSeconds(30)));
    private final ProgrammableMcpServer server = mcp.server();
    private final AtomicInteger sampled = new AtomicInteger();
    private final McpClient client = mcp.connected(options -> options.sampling(request -> {
        sampled.incrementAndGet();
        return new CreateMessageResult(Role.ASSISTANT, new TextContent("sampled"), "test-model",
                CreateMessageResult.STOP_END_TURN);
    }));

    /** The call made by a blocking caller on its own thread; waited for at most {@link #WAIT}. */
    private CompletableFuture<CallToolResult> blockingCall() {
        return CompletableFuture.supplyAsync(() -> client.callTool("echo", Map.of()));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static SseFrame sampling(String id) {
        return SseFrame.message(null, request(id, "sampling/createMessage", SAMPLING));
    }

    /** The server answers the client's answer with 202, after {@code then} (run as the answer arrives). */
    private void onAnswer(String id, Runnable then) {
        server.onClientResponse((req, ex) -> {
            if (RequestId.of(id).equals(req.id())) {
                assertThat(req.body().path("result").path("model").asString()).isEqualTo("test-model");
                then.run();
            }
            return Reply.accepted();
        });
    }

    @Test
    void theResponseAfterTheClientsAnswerEndsTheStreamAndSettlesTheCall() throws Exception {
        FrameSink stream = new FrameSink();
        server.onPost("tools/call", (req, ex) -> {
            onAnswer("s-1", () -> {
                stream.next(SseFrame.message("e-2", toolResult(req.id(), "after the answer")));
                stream.complete();
            });
            stream.next(sampling("s-1"));
            return Reply.sse(stream.flux());
        });

        assertThat(text(await(blockingCall()))).isEqualTo("after the answer");
        assertThat(sampled).hasValue(1);
        assertThat(client.status().callsInFlight()).isZero();
    }

    /**
     * The stream stays open after the response until the caller has its outcome: a response held
     * until the end of its stream would never settle the call.
     */
    @Test
    void theResponseSettlesTheCallWhileTheServerKeepsTheStreamOpen() throws Exception {
        FrameSink stream = new FrameSink();
        server.onPost("tools/call", (req, ex) -> {
            onAnswer("s-1", () -> stream.next(SseFrame.message("e-2", toolResult(req.id(), "stream still open"))));
            stream.next(sampling("s-1"));
            return Reply.sse(stream.flux());
        });

        CompletableFuture<CallToolResult> call = blockingCall();
        RecordedRequest post = server.awaitPost("tools/call", WAIT);

        assertThat(text(await(call))).isEqualTo("stream still open"); // the server has not ended the stream
        stream.complete();
        post.awaitClosed(WAIT);
    }

    /**
     * The response, then in the same read a request of the server; the server ends the stream only
     * once the caller has its outcome and the client answered the request.
     */
    @Test
    void aResponseFollowedByARequestOnTheSameStreamSettlesTheCallWhileTheStreamIsOpen() throws Exception {
        FrameSink stream = new FrameSink();
        server.onPost("tools/call", (req, ex) -> {
            stream.next(SseFrame.raw(SseFrame.message("e-1", toolResult(req.id(), "before the request")).text()
                    + sampling("s-1").text()));
            return Reply.sse(stream.flux());
        });

        assertThat(text(await(blockingCall()))).isEqualTo("before the request"); // the server has not ended the stream
        server.awaitClientResponse(RequestId.of("s-1"), WAIT);
        stream.complete();
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertThat(sampled).hasValue(1);
    }

    /** Two requests of the server on the call's stream, each answered before the next is sent. */
    @Test
    void twoRequestsInTurnOnTheCallsStream() throws Exception {
        FrameSink stream = new FrameSink();
        server.onPost("tools/call", (req, ex) -> {
            server.onClientResponse((answer, ex2) -> {
                if (RequestId.of("s-1").equals(answer.id())) {
                    stream.next(sampling("s-2"));
                } else if (RequestId.of("s-2").equals(answer.id())) {
                    stream.next(SseFrame.message("e-3", toolResult(req.id(), "after two answers")));
                    stream.complete();
                }
                return Reply.accepted();
            });
            stream.next(sampling("s-1"));
            return Reply.sse(stream.flux());
        });

        assertThat(text(await(blockingCall()))).isEqualTo("after two answers");
        assertThat(sampled).hasValue(2);
    }

    /**
     * The server's request on the background stream (where the TypeScript SDK's servers send
     * {@code createMessage} and {@code listRoots} made from a tool), the call's stream silent until
     * the answer came: then its response, and the stream kept open until the caller has its outcome.
     */
    @Test
    void aRequestOnTheBackgroundStreamWhileTheCallsStreamWaits() throws Exception {
        FrameSink stream = new FrameSink();
        server.onPost("tools/call", (req, ex) -> {
            onAnswer("s-1", () -> stream.next(SseFrame.message("e-1", toolResult(req.id(), "after a background request"))));
            ex.background().sendFrame(sampling("s-1"));
            return Reply.sse(stream.flux());
        });

        assertThat(text(await(blockingCall()))).isEqualTo("after a background request");
        stream.complete();
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
    }
}
