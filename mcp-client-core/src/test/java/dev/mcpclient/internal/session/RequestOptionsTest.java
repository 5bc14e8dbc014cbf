package dev.mcpclient.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params a request goes with: a {@code tools/call} gets its {@code _meta} without its arguments
 * being turned into a tree first, and the bytes on the wire are those of the whole request converted.
 */
class RequestOptionsTest {

    private static final RequestOptions PLAIN = new RequestOptions(Duration.ofSeconds(1), false);

    private static ObjectNode eraMeta() {
        ObjectNode meta = McpJson.mapper().createObjectNode();
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "test").put("version", "1");
        return meta;
    }

    /** What the request would be with the whole params converted to a tree, the way it was done before. */
    private static String converted(Object params, RequestId token, ObjectNode eraMeta) {
        ObjectNode tree = (ObjectNode) McpJson.toTree(params);
        ObjectNode meta = tree.get("_meta") instanceof ObjectNode existing ? existing : tree.putObject("_meta");
        meta.setAll(eraMeta);
        if (token != null) {
            meta.set("progressToken", token.toJson());
        }
        return wire(tree);
    }

    private static String wire(JsonNode params) {
        return new String(JsonRpcCodec.encode(new JsonRpcRequest(RequestId.of(7), McpMethods.TOOLS_CALL, params)),
                StandardCharsets.UTF_8);
    }

    @Test
    void aToolCallsArgumentsGoAsTheyAreBesideTheEraMeta() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deep", List.of(1, Map.of("x", "y")));
        nested.put("gone", null);
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("city", "Zürich");
        arguments.put("nested", nested);
        arguments.put("none", null);
        CallToolRequest call = new CallToolRequest("weather", arguments, Map.of("trace", "t-1"));

        JsonNode params = PLAIN.params(McpJson.toParams(call), null, eraMeta());

        assertThat(params.get("arguments").isPojo()).as("the arguments are not converted").isTrue();
        assertThat(params.get("name").asString()).as("Mcp-Name reads it").isEqualTo("weather");
        assertThat(wire(params)).isEqualTo(converted(call, null, eraMeta()));
    }

    @Test
    void theProgressTokenJoinsTheCallersOwnMeta() {
        CallToolRequest call = new CallToolRequest("echo", Map.of("text", "hi"), Map.of("trace", "t-2"));
        RequestOptions progress = new RequestOptions(Duration.ofSeconds(1), false, p -> { }, null, null, null,
                Map.of(), false);

        JsonNode params = progress.params(McpJson.toParams(call), RequestId.of(9), eraMeta());

        assertThat(params.path("_meta").path("trace").asString()).isEqualTo("t-2");
        assertThat(params.path("_meta").path("progressToken").asInt()).isEqualTo(9);
        assertThat(wire(params)).isEqualTo(converted(call, RequestId.of(9), eraMeta()));
    }

    @Test
    void aCallWithoutArgumentsOrNameStaysWithout() {
        CallToolRequest call = new CallToolRequest(null, null, null);

        JsonNode params = PLAIN.params(McpJson.toParams(call), null, eraMeta());

        assertThat(params.has("arguments")).isFalse();
        assertThat(params.has("name")).isFalse();
        assertThat(wire(params)).isEqualTo(converted(call, null, eraMeta()));
    }

    @Test
    void paramsGoUntouchedWhenNothingIsAdded() {
        JsonNode wrapped = McpJson.toParams(new CallToolRequest("echo", Map.of()));

        assertThat(PLAIN.params(wrapped, null, null)).isSameAs(wrapped);
    }

    @Test
    void aTreeTheCallerBuiltIsCopiedNotChanged() {
        ObjectNode mine = McpJson.mapper().createObjectNode().put("name", "echo");

        JsonNode params = PLAIN.params(mine, null, eraMeta());

        assertThat(mine.has("_meta")).isFalse();
        assertThat(params.path("_meta").has("io.modelcontextprotocol/protocolVersion")).isTrue();
    }
}
