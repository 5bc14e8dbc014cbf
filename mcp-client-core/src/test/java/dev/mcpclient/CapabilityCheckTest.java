package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * A call whose server capability the server did not declare fails at once, after the session is
 * ready, with an error naming the method and the capability; nothing is sent.
 */
class CapabilityCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    private void assertRefused(Executable call, String method, String capability) {
        assertThatThrownBy(call::execute)
                .isInstanceOf(McpCapabilityException.class)
                .hasMessageContaining(method)
                .hasMessageContaining("'" + capability + "'")
                .hasMessageContaining("programmable")
                .satisfies(e -> {
                    assertThat(((McpCapabilityException) e).method()).isEqualTo(method);
                    assertThat(((McpCapabilityException) e).capability()).isEqualTo(capability);
                });
    }

    @Test
    void everyFeatureCallIsRefusedWhenTheServerDeclaresNothing() {
        server.capabilities(json("{}"));

        assertRefused(() -> client.listTools(), "tools/list", "tools");
        assertRefused(() -> client.callTool("echo", Map.of()), "tools/call", "tools");
        assertRefused(() -> client.listResources(), "resources/list", "resources");
        assertRefused(() -> client.listResourceTemplates(), "resources/templates/list", "resources");
        assertRefused(() -> client.readResource("file:///a"), "resources/read", "resources");
        assertRefused(() -> client.subscribeResource("file:///a"), "resources/subscribe", "resources.subscribe");
        assertRefused(() -> client.unsubscribeResource("file:///a"), "resources/unsubscribe", "resources.subscribe");
        assertRefused(() -> client.listPrompts(), "prompts/list", "prompts");
        assertRefused(() -> client.getPrompt("p", Map.of()), "prompts/get", "prompts");
        assertRefused(() -> client.complete(new CompleteRequest(new PromptReference("p"), "a", "")),
                "completion/complete", "completions");
        assertRefused(() -> client.setLoggingLevel(LoggingLevel.INFO), "logging/setLevel", "logging");
        assertRefused(() -> client.request("tools/list", null, CallOptions.defaults()), "tools/list", "tools");

        client.ping(); // needs no capability
        assertThat(server.requests()).extracting(r -> r.jsonRpcMethod())
                // The era probe (server/discover) is there on a first contact with this endpoint only.
                .filteredOn(m -> m != null && !m.startsWith("notifications/") && !m.equals("server/discover"))
                .containsOnly("initialize", "ping");
        assertThat(client.status().lastError()).as("a refused call is not a connection failure").isNull();
    }

    @Test
    void subscribeNeedsResourcesSubscribeNotJustResources() {
        server.capabilities(json("{\"resources\":{\"listChanged\":true}}"));
        server.onPost("resources/list", (req, ex) -> Reply.result(req.id(), json("{\"resources\":[]}")));

        assertThat(client.listResources().resources()).isEmpty();
        assertRefused(() -> client.subscribeResource("file:///a"), "resources/subscribe", "resources.subscribe");
        assertThat(server.requests()).noneMatch(r -> "resources/subscribe".equals(r.jsonRpcMethod()));
    }

    @Test
    void theCheckWaitsForTheSessionThenFailsWithoutSending() {
        server.capabilities(json("{\"tools\":{}}"));

        // The first call of the client starts the session: the check needs the initialize result.
        assertThatThrownBy(() -> client.reactive().listPrompts().block(WAIT)).isInstanceOf(McpCapabilityException.class);

        assertThat(server.requests()).anyMatch(r -> "initialize".equals(r.jsonRpcMethod()));
        assertThat(server.requests()).noneMatch(r -> "prompts/list".equals(r.jsonRpcMethod()));
    }
}
