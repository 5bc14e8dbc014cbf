package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClientBuilder;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata IDEs complete {@code mcp.client} from is generated, with descriptions and defaults. */
class ConfigurationMetadataTests {

    @Test
    void everyTopLevelPropertyIsDescribed() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = JsonMapper.builder().build().readTree(in);
                metadata.path("properties").forEach(property -> {
                    String name = property.path("name").asString();
                    if (name.startsWith("mcp.") || name.startsWith("management.health.mcp.")) {
                        properties.put(name, property);
                    }
                });
            }
        }

        assertThat(properties).containsKeys("mcp.client.enabled", "mcp.client.request-timeout",
                "mcp.client.initialize-timeout", "mcp.client.client-name", "mcp.client.client-version",
                "mcp.client.servers", "management.health.mcp.timeout", "mcp.client.oauth.callback-path",
                "mcp.client.oauth.authorization-timeout");
        assertThat(properties.values()).allSatisfy(property -> assertThat(property.path("description").asString())
                .isNotBlank());
        // The default shown in IDEs is core's own default (declared for the IDE in additional metadata).
        assertThat(properties.get("mcp.client.request-timeout").path("defaultValue").asString()).isEqualTo("30s");
        assertThat(DurationStyle.detectAndParse("30s")).isEqualTo(McpClientBuilder.DEFAULT_REQUEST_TIMEOUT);
        assertThat(properties.get("mcp.client.servers").path("type").asString())
                .isEqualTo("java.util.Map<java.lang.String,dev.mcpclient.boot.autoconfigure.McpServerProperties>");
    }
}
