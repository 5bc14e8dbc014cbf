package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CompleteResult;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.ListPromptsResult;
import dev.mcpclient.schema.ListResourceTemplatesResult;
import dev.mcpclient.schema.ListResourcesResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ReadResourceRequest;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceTemplateReference;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Every client call against the programmable server: what goes on the wire and what comes back. */
class ClientCallsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server().capabilities(json("""
            {"tools":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},
             "prompts":{"listChanged":true},"completions":{},"logging":{}}"""));
    private final McpClient client = mcp.client();

    private static String cursor(RecordedRequest r) {
        JsonNode cursor = r.params() == null ? null : r.params().get("cursor");
        return cursor == null ? null : cursor.asString();
    }

    private List<RecordedRequest> posts(String method) {
        return server.requests().stream().filter(r -> method.equals(r.jsonRpcMethod())).toList();
    }

    @Test
    void ping() {
        client.ping();
        client.reactive().ping(CallOptions.withTimeout(WAIT)).block(WAIT);

        assertThat(posts("ping")).hasSize(2);
    }

    @Test
    void listToolsFollowsEveryPageAndOnePageByCursor() {
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), "b".equals(cursor(req))
                ? json("{\"tools\":[{\"name\":\"two\",\"inputSchema\":{\"type\":\"object\"}}]}")
                : json("{\"tools\":[{\"name\":\"one\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"b\"}")));

        ListToolsResult all = client.listTools();
        ListToolsResult second = client.listTools("b", CallOptions.defaults());

        assertThat(all.tools()).extracting(t -> t.name()).containsExactly("one", "two");
        assertThat(all.nextCursor()).isNull();
        assertThat(second.tools()).extracting(t -> t.name()).containsExactly("two");
        assertThat(posts("tools/list")).extracting(ClientCallsTest::cursor).containsExactly(null, "b", "b");
    }

    @Test
    void listResourcesFollowsEveryPageAndOnePageByCursor() {
        server.onPost("resources/list", (req, ex) -> Reply.result(req.id(), "p2".equals(cursor(req))
                ? json("{\"resources\":[{\"uri\":\"file:///b\",\"name\":\"b\"}]}")
                : json("{\"resources\":[{\"uri\":\"file:///a\",\"name\":\"a\",\"mimeType\":\"text/plain\"}],"
                        + "\"nextCursor\":\"p2\"}")));

        ListResourcesResult all = client.listResources();
        ListResourcesResult first = client.reactive().listResources(null, CallOptions.defaults()).block(WAIT);

        assertThat(all.resources()).extracting(Resource::uri).containsExactly("file:///a", "file:///b");
        assertThat(all.resources().get(0).mimeType()).isEqualTo("text/plain");
        assertThat(first.nextCursor()).isEqualTo("p2");
        assertThat(first.resources()).hasSize(1);
        assertThat(posts("resources/list")).extracting(ClientCallsTest::cursor).containsExactly(null, "p2", null);
    }

    @Test
    void listResourceTemplates() {
        server.onPost("resources/templates/list", (req, ex) -> Reply.result(req.id(), cursor(req) == null
                ? json("{\"resourceTemplates\":[{\"uriTemplate\":\"file:///{path}\",\"name\":\"files\"}],\"nextCursor\":\"n\"}")
                : json("{\"resourceTemplates\":[{\"uriTemplate\":\"db://{table}\",\"name\":\"tables\"}]}")));

        ListResourceTemplatesResult all = client.listResourceTemplates();
        ListResourceTemplatesResult page = client.listResourceTemplates("n", CallOptions.defaults());

        assertThat(all.resourceTemplates()).extracting(t -> t.uriTemplate()).containsExactly("file:///{path}", "db://{table}");
        assertThat(page.resourceTemplates()).extracting(t -> t.name()).containsExactly("tables");
    }

    @Test
    void readResource() {
        server.onPost("resources/read", (req, ex) -> Reply.result(req.id(), json("{\"contents\":[{\"uri\":"
                + req.params().get("uri") + ",\"mimeType\":\"text/plain\",\"text\":\"hello\"}]}")));

        ReadResourceResult result = client.readResource("file:///greeting.txt");
        ReadResourceResult again = client.readResource(new ReadResourceRequest("file:///other.txt"), CallOptions.defaults());

        assertThat(((TextResourceContents) result.contents().get(0)).text()).isEqualTo("hello");
        assertThat(again.contents().get(0).uri()).isEqualTo("file:///other.txt");
        assertThat(posts("resources/read")).extracting(r -> r.params().get("uri").asString())
                .containsExactly("file:///greeting.txt", "file:///other.txt");
    }

    @Test
    void subscribeAndUnsubscribe() {
        server.onPost("resources/subscribe", (req, ex) -> Reply.result(req.id(), json("{}")));
        server.onPost("resources/unsubscribe", (req, ex) -> Reply.result(req.id(), json("{}")));

        client.subscribeResource("file:///watched");
        client.unsubscribeResource("file:///watched");

        assertThat(server.awaitPost("resources/subscribe", WAIT).params().get("uri").asString()).isEqualTo("file:///watched");
        assertThat(server.awaitPost("resources/unsubscribe", WAIT).params().get("uri").asString()).isEqualTo("file:///watched");
    }

    @Test
    void listPromptsAndGetPrompt() {
        server.onPost("prompts/list", (req, ex) -> Reply.result(req.id(), cursor(req) == null
                ? json("{\"prompts\":[{\"name\":\"greet\",\"arguments\":[{\"name\":\"who\",\"required\":true}]}],\"nextCursor\":\"x\"}")
                : json("{\"prompts\":[{\"name\":\"farewell\"}]}")));
        server.onPost("prompts/get", (req, ex) -> Reply.result(req.id(), json("{\"description\":\"a greeting\","
                + "\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Hello, "
                + req.params().path("arguments").path("who").asString() + "\"}}]}")));

        ListPromptsResult prompts = client.listPrompts();
        ListPromptsResult page = client.listPrompts("x", CallOptions.defaults());
        GetPromptResult prompt = client.getPrompt("greet", Map.of("who", "Ada"));

        assertThat(prompts.prompts()).extracting(p -> p.name()).containsExactly("greet", "farewell");
        assertThat(prompts.prompts().get(0).arguments().get(0).name()).isEqualTo("who");
        assertThat(page.prompts()).extracting(p -> p.name()).containsExactly("farewell");
        assertThat(((TextContent) prompt.messages().get(0).content()).text()).isEqualTo("Hello, Ada");
        RecordedRequest get = server.awaitPost("prompts/get", WAIT);
        assertThat(get.params().get("name").asString()).isEqualTo("greet");
        assertThat(get.params().path("arguments").path("who").asString()).isEqualTo("Ada");
    }

    @Test
    void complete() {
        server.onPost("completion/complete", (req, ex) -> Reply.result(req.id(),
                json("{\"completion\":{\"values\":[\"Paris\",\"Parma\"],\"total\":2,\"hasMore\":false}}")));

        CompleteResult forPrompt = client.complete(new CompleteRequest(new PromptReference("travel"), "city", "Par"));
        client.complete(new CompleteRequest(new ResourceTemplateReference("file:///{path}"), "path", "sr"),
                CallOptions.defaults());

        assertThat(forPrompt.completion().values()).containsExactly("Paris", "Parma");
        assertThat(forPrompt.completion().total()).isEqualTo(2);
        List<RecordedRequest> sent = posts("completion/complete");
        assertThat(sent.get(0).params().path("ref").path("type").asString()).isEqualTo("ref/prompt");
        assertThat(sent.get(0).params().path("ref").path("name").asString()).isEqualTo("travel");
        assertThat(sent.get(0).params().path("argument").path("value").asString()).isEqualTo("Par");
        assertThat(sent.get(1).params().path("ref").path("type").asString()).isEqualTo("ref/resource");
        assertThat(sent.get(1).params().path("ref").path("uri").asString()).isEqualTo("file:///{path}");
    }

    @Test
    void setLoggingLevel() {
        server.onPost("logging/setLevel", (req, ex) -> Reply.result(req.id(), json("{}")));

        client.setLoggingLevel(LoggingLevel.WARNING);

        assertThat(server.awaitPost("logging/setLevel", WAIT).params().get("level").asString()).isEqualTo("warning");
    }

    @Test
    void metaGoesIntoParamsBesideTheRequestsOwnMetaAndTheProgressToken() {
        client.reactive().callTool(new dev.mcpclient.schema.CallToolRequest("echo", Map.of("x", 1),
                        Map.of("fromRequest", "r")),
                CallOptions.defaults().meta(Map.of("traceId", "abc", "nested", Map.of("n", 1))).progress(p -> { }))
                .block(WAIT);
        client.ping(CallOptions.defaults().meta(Map.of("who", "ping")));

        JsonNode meta = server.awaitPost("tools/call", WAIT).params().get("_meta");
        assertThat(meta.get("fromRequest").asString()).isEqualTo("r");
        assertThat(meta.get("traceId").asString()).isEqualTo("abc");
        assertThat(meta.path("nested").path("n").asInt()).isEqualTo(1);
        assertThat(meta.get("progressToken").isIntegralNumber()).isTrue();
        assertThat(server.awaitPost("ping", WAIT).params().path("_meta").path("who").asString()).isEqualTo("ping");
    }

    @Test
    void aCallWithoutMetaSendsNone() {
        client.callTool("echo", Map.of("x", 1));

        assertThat(server.awaitPost("tools/call", WAIT).params().has("_meta")).isFalse();
    }
}
