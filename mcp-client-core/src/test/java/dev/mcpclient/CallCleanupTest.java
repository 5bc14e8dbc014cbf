package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.internal.Deadlines;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** Whatever settles a call, nothing of it is left behind: no deadline watched, nothing sent for a call cancelled at once. */
class CallCleanupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private McpClient client;

    @BeforeEach
    void connect() {
        client = mcp.connected(builder -> builder);
    }

    @Test
    void aCallCancelledAsItIsSubscribedSendsNothingAndLeavesNoDeadline() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            client.reactive().ping().subscribe(new BaseSubscriber<Void>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    cancel();
                }
            });
        }
        client.ping();

        awaitNoDeadlines();
        assertThat(server.requests()).filteredOn(r -> "ping".equals(r.jsonRpcMethod())).hasSize(1);
    }

    @Test
    void settledCallsLeaveNoDeadline() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            client.ping();
        }

        awaitNoDeadlines();
    }

    /** Deadlines are shared by every client: those of earlier tests' exchanges may still be running out. */
    private static void awaitNoDeadlines() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Deadlines.pending() > 0) {
            assertThat(System.nanoTime() - deadline).as("deadlines still watched: %d", Deadlines.pending()).isNegative();
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
