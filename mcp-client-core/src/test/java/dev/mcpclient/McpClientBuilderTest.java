package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client builder takes a transport builder (each client gets a transport of its own) or one transport (one client). */
class McpClientBuilderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.serverOnly();
    private final ProgrammableMcpServer server = mcp.server();

    @Test
    void eachClientOfATransportBuilderHasASessionOfItsOwn() {
        McpClientBuilder builder = McpClient.builder(StreamableHttpTransport.builder(server.url()).backgroundStream(false))
                .requestTimeout(WAIT);
        try (McpClient first = builder.build(); McpClient second = builder.build()) {
            first.ping();
            second.ping();

            assertThat(server.sessionIds()).hasSize(2);
        }
    }

    @Test
    void aTransportServesOneClientOnly() {
        McpClientBuilder builder = McpClient.builder(StreamableHttpTransport.builder(server.url()).build());
        try (McpClient only = builder.build()) {
            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("serves a client already");
            only.ping();
        }
    }
}
