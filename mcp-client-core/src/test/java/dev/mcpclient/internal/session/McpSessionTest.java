package dev.mcpclient.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The session on its own, over a transport the test drives: what it answers, and when it stops answering. */
class McpSessionTest {

    /** Records what the session sends; the test hands it what the server would send. */
    private static final class RecordingTransport implements McpTransport {
        final List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();
        Consumer<JsonRpcMessage> inbound;

        @Override
        public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
            this.inbound = inbound;
        }

        @Override
        public Mono<Void> send(JsonRpcMessage message) {
            return Mono.fromRunnable(() -> sent.add(message));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    private final RecordingTransport transport = new RecordingTransport();
    private final McpSession session = new McpSession(transport, new InitializeLifecycle(transport,
            new Implementation("test", "1"), ClientCapabilities.none(),
            Duration.ofSeconds(5)), new InboundDispatcher(), Duration.ofSeconds(5));

    @Test
    void theServersPingIsAnsweredAtOnce() {
        session.start();

        transport.inbound.accept(new JsonRpcRequest(RequestId.of("p-1"), McpMethods.PING, null));

        assertThat(transport.sent).singleElement().isInstanceOfSatisfying(JsonRpcResponse.class,
                response -> assertThat(response.id()).isEqualTo(RequestId.of("p-1")));
    }

    @Test
    void aClosedSessionAnswersNothing() {
        session.start();
        session.close();

        transport.inbound.accept(new JsonRpcRequest(RequestId.of("p-2"), McpMethods.PING, null));
        transport.inbound.accept(new JsonRpcRequest(RequestId.of("r-1"), McpMethods.ROOTS_LIST, null));

        assertThat(transport.sent).as("a request that comes as the client closes gets no reply").isEmpty();
    }
}
