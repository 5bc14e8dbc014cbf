package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client's status says of its life: built, connected, closed. */
class ClientStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));

    @Test
    void aClosedClientSaysItIsClosedAndStillThatItWasInitialized() {
        McpClient client = mcp.client();
        assertThat(client.status().initialized()).isFalse();
        assertThat(client.status().closed()).isFalse();

        client.initialize();
        assertThat(client.status().initialized()).isTrue();
        assertThat(client.status().closed()).isFalse();

        client.close();
        assertThat(client.status().closed()).isTrue();
        assertThat(client.status().initialized()).isTrue();
        assertThatThrownBy(client::ping).isInstanceOf(McpClientClosedException.class);
    }

    @Test
    void aClientClosedGracefullyBeforeItConnectedIsClosed() {
        ReactiveMcpClient client = mcp.client().reactive();

        client.closeGracefully().block(WAIT);

        assertThat(client.status().closed()).isTrue();
        assertThat(client.status().initialized()).isFalse();
    }
}
