package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a single server, a plain {@code @Autowired McpClient} (and its reactive twin) works. */
@SpringBootTest(properties = "spring.main.web-application-type=none")
class McpClientSingleServerApplicationTests {

    static final SdkServer server = SdkServer.streamableHttp();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("mcp.client.servers.weather.url", server::url);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Autowired
    McpClient client;

    @Autowired
    ReactiveMcpClient reactive;

    @Test
    void injectedByTypeAlone() {
        assertThat(reactive).isSameAs(client.reactive());
        assertThat(((TextContent) client.callTool("echo", Map.of("text", "blocking")).content().get(0)).text())
                .isEqualTo("blocking");
        assertThat(((TextContent) reactive.callTool("echo", Map.of("text", "reactive")).block(Duration.ofSeconds(10))
                .content().get(0)).text()).isEqualTo("reactive");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
