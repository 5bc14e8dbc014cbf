package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    private LoopbackServer server;
    private McpClient client;

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theCallersContextReachesTheRequest() {
        startClientWithTenantFilter();
        client.initialize();

        client.reactive().callTool("work", Map.of()).contextWrite(Context.of("tenant", "acme"))
                .block(Duration.ofSeconds(10));

        assertThat(tenantOfToolCall()).isEqualTo("acme");
    }

    @Test
    void theCallersContextReachesTheRequestOfACallThatWaitedForTheSession() {
        startClientWithTenantFilter();

        // No initialize first: the call waits for the session it starts, then goes out.
        client.reactive().callTool("work", Map.of()).contextWrite(Context.of("tenant", "acme"))
                .block(Duration.ofSeconds(10));

        assertThat(tenantOfToolCall()).isEqualTo("acme");
    }

    /** A server answering every request with an empty result; a client whose requests carry the context's tenant. */
    private void startClientWithTenantFilter() {
        server = new LoopbackServer((message, res) -> res.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":{\"content\":[]}}"))
                .then(), (req, res) -> res.status(405).send());
        WebClient.Builder webClient = WebClient.builder().filter((request, next) -> Mono.deferContextual(context ->
                next.exchange(ClientRequest.from(request).header("X-Tenant", context.getOrDefault("tenant", "none"))
                        .build())));
        client = McpClient.builder(StreamableHttpTransport.builder(server.url()).webClientBuilder(webClient).build()).build();
    }

    private String tenantOfToolCall() {
        int call = -1;
        for (int i = 0; i < server.posts.size(); i++) {
            if ("tools/call".equals(server.posts.get(i).path("method").asString())) {
                call = i;
            }
        }
        assertThat(call).as("the tools/call POST").isNotNegative();
        return server.postHeaders.get(call).get("X-Tenant");
    }
}
