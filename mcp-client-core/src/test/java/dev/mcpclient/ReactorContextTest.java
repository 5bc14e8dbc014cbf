package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The caller's Reactor context reaches the HTTP exchange of its call, where {@code WebClient}
 * filters and observations look for it (a parent observation, so a trace that goes out on the
 * request).
 */
class ReactorContextTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    /** A client whose requests carry the tenant of the caller's context. */
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(transport -> transport.webClientBuilder(WebClient.builder()
                    .filter((request, next) -> Mono.deferContextual(context -> next.exchange(ClientRequest.from(request)
                            .header("X-Tenant", context.getOrDefault("tenant", "none")).build())))),
            client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    @Test
    void theCallersContextReachesTheRequest() {
        client.initialize();

        client.reactive().callTool("work", Map.of()).contextWrite(Context.of("tenant", "acme")).block(WAIT);

        assertThat(server.awaitPost("tools/call", WAIT).header("X-Tenant")).isEqualTo("acme");
    }

    @Test
    void theCallersContextReachesTheRequestOfACallThatWaitedForTheSession() {
        // No initialize first: the call waits for the session it starts, then goes out.
        client.reactive().callTool("work", Map.of()).contextWrite(Context.of("tenant", "acme")).block(WAIT);

        assertThat(server.awaitPost("tools/call", WAIT).header("X-Tenant")).isEqualTo("acme");
    }
}
