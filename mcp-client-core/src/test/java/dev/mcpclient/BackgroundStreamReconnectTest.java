package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The background stream as seen through its public handle: open, reopened, counted. */
class BackgroundStreamReconnectTest {

    private final AtomicInteger gets = new AtomicInteger();
    private final Queue<String> lastEventIds = new ConcurrentLinkedQueue<>();
    private final CountDownLatch reopened = new CountDownLatch(1);
    private LoopbackServer server;
    private McpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void aStreamThatEndsIsReopenedWithLastEventIdAndCounted() throws InterruptedException {
        // The first GET sends one event with an id and a short retry, then ends; the second stays open.
        server = new LoopbackServer((message, res) -> res.status(500).send(), (req, res) -> {
            lastEventIds.add(String.valueOf(req.requestHeaders().get("Last-Event-ID")));
            if (gets.incrementAndGet() == 1) {
                return res.header("Content-Type", "text/event-stream").sendString(Mono.just(
                        "id: 7\nretry: 10\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n"));
            }
            reopened.countDown();
            return res.header("Content-Type", "text/event-stream").sendString(Flux.concat(Mono.just(": open\n\n"), Flux.never()));
        });
        StreamableHttpTransport transport = StreamableHttpTransport.builder(server.url()).build();
        client = McpClient.builder(transport).build();
        BackgroundStream background = transport.backgroundStream().orElseThrow();
        assertThat(background.isOpen()).isFalse();

        client.initialize();

        assertThat(reopened.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lastEventIds).containsExactly("null", "7");
        assertThat(background.reconnects()).isEqualTo(1);
        assertThat(transport.reconnects()).isEqualTo(1);
        assertThat(client.status().reconnects()).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!background.isOpen() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(background.isOpen()).isTrue();
        assertThat(client.status().backgroundStreamOpen()).isTrue();
    }

    @Test
    void switchedOffThereIsNoBackgroundStream() {
        server = new LoopbackServer((message, res) -> res.status(500).send(), (req, res) -> {
            gets.incrementAndGet();
            return res.status(405).send();
        });
        StreamableHttpTransport transport = StreamableHttpTransport.builder(server.url()).backgroundStream(false).build();
        client = McpClient.builder(transport).build();

        client.initialize();

        assertThat(transport.backgroundStream()).isEmpty();
        assertThat(transport.reconnects()).isZero();
        assertThat(client.status().reconnects()).isZero();
        assertThat(gets).hasValue(0);
    }
}
