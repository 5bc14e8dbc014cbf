package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ShownEndpointTest {

    @Test
    void userInfoAndQueryNeverAppearInErrorsOrLogs() {
        assertThat(StreamableHttpTransport.shown(URI.create("https://user:secret@mcp.example.com:8443/mcp?token=abc")))
                .isEqualTo("https://mcp.example.com:8443/mcp");
        assertThat(StreamableHttpTransport.shown(URI.create("http://127.0.0.1/mcp"))).isEqualTo("http://127.0.0.1/mcp");
    }
}
