package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One rule shows a URL in logs, errors and health: user info and query masked, the rest as it is. */
class UrlRedactionTest {

    @Test
    void userInfoAndQueryAreMasked() {
        assertThat(UrlRedaction.redact("https://user:secret@mcp.example.com:8443/mcp?token=abc"))
                .isEqualTo("https://******@mcp.example.com:8443/mcp?******");
        assertThat(UrlRedaction.redact("http://127.0.0.1/mcp")).isEqualTo("http://127.0.0.1/mcp");
        assertThat(UrlRedaction.redact(" http://127.0.0.1:8080/sse ")).isEqualTo("http://127.0.0.1:8080/sse");
        assertThat(UrlRedaction.redact("not a url")).isEqualTo("(not a URL)");
        assertThat(UrlRedaction.redact("mcp/path")).isEqualTo("(not a URL)");
        assertThat(UrlRedaction.redact((String) null)).isNull();
    }

    @Test
    void aUrlInsideATextIsMaskedToo() {
        String url = "https://user:secret@mcp.example.com/mcp?token=abc";
        assertThat(UrlRedaction.redactIn("GET " + url + " failed", url))
                .isEqualTo("GET https://******@mcp.example.com/mcp?****** failed");
        assertThat(UrlRedaction.redactIn("nothing to hide", url)).isEqualTo("nothing to hide");
        assertThat(UrlRedaction.redactIn(null, url)).isNull();
        assertThat(UrlRedaction.redactIn("text", null)).isEqualTo("text");
    }

    @Test
    void aConnectionErrorDoesNotShowTheSecretsOfTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://user:secret@127.0.0.1:" + port + "/mcp?token=abc";
        try (McpClient client = McpClient.builder(StreamableHttpTransport.builder(url).legacySseFallback(false))
                .requestTimeout(Duration.ofSeconds(10)).build()) {
            assertThatThrownBy(client::initialize).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("http://******@127.0.0.1:" + port + "/mcp?******")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("token=abc"));
        }
    }
}
