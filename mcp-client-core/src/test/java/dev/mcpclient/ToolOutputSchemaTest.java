package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code structuredContent} is checked against the tool's {@code outputSchema} from the cached tool list. */
class ToolOutputSchemaTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private McpClient client;

    @BeforeEach
    void tools() {
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json("""
                {"tools":[
                  {"name":"weather","inputSchema":{"type":"object"},"outputSchema":{
                    "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                    "properties":{"temperature":{"type":"number"},"unit":{"enum":["C","F"]}},
                    "required":["temperature"],"additionalProperties":false}},
                  {"name":"plain","inputSchema":{"type":"object"}},
                  {"name":"draft7","inputSchema":{"type":"object"},"outputSchema":{
                    "$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                    "properties":{"temperature":{"type":"number"}},"required":["temperature"]}},
                  {"name":"remote","inputSchema":{"type":"object"},"outputSchema":{"$ref":"http://127.0.0.1:9/schema.json"}}
                ]}""")));
        server.onPost("tools/call", (req, ex) -> {
            String shape = req.params().path("arguments").path("shape").asString();
            JsonNode result;
            switch (shape) {
                case "good":
                    result = json("{\"content\":[],\"structuredContent\":{\"temperature\":21.5,\"unit\":\"C\"}}");
                    break;
                case "bad":
                    result = json("{\"content\":[],\"structuredContent\":{\"temperature\":\"warm\",\"wind\":3}}");
                    break;
                case "error":
                    result = json("{\"content\":[{\"type\":\"text\",\"text\":\"no station\"}],\"isError\":true}");
                    break;
                default:
                    result = json("{\"content\":[{\"type\":\"text\",\"text\":\"21.5 C\"}]}");
                    break;
            }
            return Reply.result(req.id(), result);
        });
    }

    private McpClient client(boolean validate) {
        client = mcp.client(options -> options.validateToolOutput(validate));
        return client;
    }

    private long toolLists() {
        return server.requests().stream().filter(r -> "tools/list".equals(r.jsonRpcMethod())).count();
    }

    @Test
    void aConformingResultPasses() {
        CallToolResult result = client(true).callTool("weather", Map.of("shape", "good"));

        assertThat(result.structuredContent().path("temperature").asDouble()).isEqualTo(21.5);
    }

    @Test
    void aMismatchIsAnErrorNamingTheToolAndWhatIsWrong() {
        assertThatThrownBy(() -> client(true).callTool("weather", Map.of("shape", "bad")))
                .isInstanceOfSatisfying(McpOutputSchemaException.class, e -> {
                    assertThat(e.toolName()).isEqualTo("weather");
                    assertThat(e.messages()).containsExactlyInAnyOrder("/temperature: string found, number expected",
                            "property 'wind' is not defined in the schema and the schema does not allow additional properties");
                    assertThat(e.result().structuredContent().path("temperature").asString()).isEqualTo("warm");
                })
                .hasMessageContaining("tool 'weather'")
                .hasMessageContaining("outputSchema");
    }

    @Test
    void aMissingStructuredContentIsAnErrorWhenTheToolDeclaresAnOutputSchema() {
        assertThatThrownBy(() -> client(true).callTool("weather", Map.of("shape", "text")))
                .isInstanceOf(McpOutputSchemaException.class)
                .hasMessageContaining("no structuredContent");
    }

    @Test
    void aToolErrorIsNotChecked() {
        assertThat(client(true).callTool("weather", Map.of("shape", "error")).isError()).isTrue();
    }

    @Test
    void withTheToolListCachedTheResultIsCheckedAsItIsRead() {
        client(true).listTools();

        assertThat(client.callTool("weather", Map.of("shape", "good")).structuredContent().path("unit").asString())
                .isEqualTo("C");
        assertThatThrownBy(() -> client.callTool("weather", Map.of("shape", "bad")))
                .isInstanceOfSatisfying(McpOutputSchemaException.class,
                        e -> assertThat(e.toolName()).isEqualTo("weather"));
        assertThatThrownBy(() -> client.callTool("weather", Map.of("shape", "text")))
                .isInstanceOf(McpOutputSchemaException.class)
                .hasMessageContaining("no structuredContent");
        assertThat(client.callTool("weather", Map.of("shape", "error")).isError()).isTrue();
        assertThat(client.callTool("plain", Map.of("shape", "bad")).structuredContent()).isNotNull();
        assertThat(toolLists()).as("every check used the cached list").isEqualTo(1);
        assertThat(client.status().callsInFlight()).isZero();
    }

    @Test
    void aToolWithoutOutputSchemaOrNotListedIsNotChecked() {
        client(true);

        assertThat(client.callTool("plain", Map.of("shape", "bad")).structuredContent()).isNotNull();
        assertThat(client.callTool("unlisted", Map.of("shape", "bad")).structuredContent()).isNotNull();
        assertThat(client.callTool("weather", Map.of("shape", "good")).isError()).isFalse();
        assertThat(toolLists()).as("the tool list is fetched once, then cached").isEqualTo(1);
    }

    @Test
    void aDraft07SchemaAsTypeScriptServersSendIsHonoured() {
        client(true);

        assertThat(client.callTool("draft7", Map.of("shape", "good")).isError()).isFalse();
        assertThatThrownBy(() -> client.callTool("draft7", Map.of("shape", "bad")))
                .isInstanceOf(McpOutputSchemaException.class)
                .hasMessageContaining("tool 'draft7'")
                .hasMessageContaining("temperature");
    }

    @Test
    void checkingCanBeSwitchedOff() {
        assertThat(client(false).callTool("weather", Map.of("shape", "bad")).structuredContent()).isNotNull();
        assertThat(toolLists()).isZero();
    }

    @Test
    void aSchemaThatReferencesARemoteDocumentIsReportedNotFetched() {
        assertThatThrownBy(() -> client(true).reactive().callTool("remote", Map.of("shape", "good")).block(WAIT))
                .isInstanceOf(McpOutputSchemaException.class)
                .hasMessageContaining("tool 'remote'");
    }
}
