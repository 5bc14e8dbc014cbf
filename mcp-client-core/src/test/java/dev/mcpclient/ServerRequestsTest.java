package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static dev.mcpclient.support.Messages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The server's requests to the client (roots, sampling, elicitation), sent on the background
 * stream; the capabilities the client declares for them; the threads the handlers run on.
 */
class ServerRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private McpClient client;

    private void connect(UnaryOperator<McpClientBuilder> options) {
        client = mcp.connected(options);
    }

    /** Sends a request on the background stream and returns the client's response message. */
    private JsonNode ask(String id, String method, JsonNode params) {
        server.background().send(request(id, method, params));
        return server.awaitClientResponse(RequestId.of(id), WAIT).body();
    }

    private JsonNode declared() {
        return server.awaitPost("initialize", WAIT).params().get("capabilities");
    }

    @Test
    void withoutHandlersNothingIsDeclaredAndTheRequestsAreRefused() {
        connect(options -> options);

        assertThat(declared().has("roots")).isFalse();
        assertThat(declared().has("sampling")).isFalse();
        assertThat(declared().has("elicitation")).isFalse();
        assertThat(ask("r-1", "roots/list", null).path("error").path("code").asInt()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
        assertThat(ask("s-1", "sampling/createMessage", json("{\"messages\":[],\"maxTokens\":1}"))
                .path("error").path("code").asInt()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
        assertThat(ask("p-1", "ping", null).path("result").isObject()).isTrue();
        assertThatThrownBy(() -> client.rootsListChanged()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("roots");
    }

    @Test
    void rootsAreListedAndTheirChangeIsAnnounced() {
        AtomicReference<List<Root>> roots = new AtomicReference<>(List.of(new Root("file:///work", "work")));
        connect(options -> options.roots(roots::get));

        assertThat(declared().path("roots").path("listChanged").asBoolean()).isTrue();
        JsonNode first = ask("r-1", "roots/list", null).path("result").path("roots");
        assertThat(first.get(0).path("uri").asString()).isEqualTo("file:///work");
        assertThat(first.get(0).path("name").asString()).isEqualTo("work");

        roots.set(List.of(new Root("file:///a", null), new Root("file:///b", null)));
        client.rootsListChanged();
        server.awaitPost("notifications/roots/list_changed", WAIT);
        assertThat(ask("r-2", "roots/list", null).path("result").path("roots").size()).isEqualTo(2);
    }

    @Test
    void samplingRunsOffTheEventLoopAndDeclaresTools() {
        List<String> threads = new CopyOnWriteArrayList<>();
        connect(options -> options.sampling(request -> {
            threads.add(Thread.currentThread().getName());
            String asked = ((TextContent) request.messages().get(0).content().get(0)).text();
            return new CreateMessageResult(Role.ASSISTANT, new TextContent("echo: " + asked), "test-model",
                    CreateMessageResult.STOP_END_TURN);
        }, ClientCapabilities.SamplingCapability.of(false, true)));

        assertThat(declared().path("sampling").path("tools").isObject()).isTrue();
        assertThat(declared().path("sampling").has("context")).isFalse();
        JsonNode result = ask("s-1", "sampling/createMessage", json(
                "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}],\"maxTokens\":10}"))
                .path("result");

        assertThat(result.path("role").asString()).isEqualTo("assistant");
        assertThat(result.path("model").asString()).isEqualTo("test-model");
        assertThat(result.path("content").path("text").asString()).isEqualTo("echo: hi");
        assertThat(threads).singleElement().satisfies(name -> assertThat(name).startsWith("boundedElastic"));
    }

    @Test
    void samplingWithoutToolsDeclaresNoTools() {
        connect(options -> options.sampling(request -> null));

        assertThat(declared().path("sampling").isObject()).isTrue();
        assertThat(declared().path("sampling").has("tools")).isFalse();
        JsonNode error = ask("s-1", "sampling/createMessage", json("{\"messages\":[],\"maxTokens\":1}")).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
        assertThat(error.path("message").asString()).contains("returned null");
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("The handler for the server's sampling/createMessage request failed");
    }

    @Test
    void handlerErrorsBecomeJsonRpcErrors() {
        AtomicInteger calls = new AtomicInteger();
        connect(options -> options.sampling(request -> {
            if (calls.incrementAndGet() == 1) {
                throw new McpErrorException("sampling/createMessage", new JsonRpcError(-1, "User rejected sampling", null));
            }
            throw new IllegalStateException("no model configured");
        }));
        JsonNode params = json("{\"messages\":[],\"maxTokens\":1}");

        JsonNode rejected = ask("s-1", "sampling/createMessage", params).path("error");
        JsonNode failed = ask("s-2", "sampling/createMessage", params).path("error");
        JsonNode malformed = ask("s-3", "sampling/createMessage", json("[1]")).path("error");

        assertThat(rejected.path("code").asInt()).isEqualTo(-1);
        assertThat(rejected.path("message").asString()).isEqualTo("User rejected sampling");
        assertThat(failed.path("code").asInt()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
        assertThat(failed.path("message").asString()).isEqualTo("no model configured");
        assertThat(malformed.path("code").asInt()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(calls.get()).isEqualTo(2);
        // Only the failure is logged: an error the handler chose to answer with is its answer.
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("The handler for the server's sampling/createMessage request failed");
    }

    @Test
    void formElicitationWithApplyDefaultsFillsWhatTheUserLeftOut() {
        List<ElicitRequest> asked = new CopyOnWriteArrayList<>();
        connect(options -> options.elicitation(request -> {
            asked.add(request);
            return ElicitResult.accept(Map.of("name", "Ada", "color", "green"));
        }, new ClientCapabilities.ElicitationCapability(new ClientCapabilities.FormCapability(true), null)));

        assertThat(declared().path("elicitation").path("form").path("applyDefaults").asBoolean()).isTrue();
        assertThat(declared().path("elicitation").has("url")).isFalse();
        JsonNode result = ask("e-1", "elicitation/create", json("""
                {"mode":"form","message":"Who are you?","requestedSchema":{"type":"object","properties":{
                  "name":{"type":"string"},
                  "color":{"type":"string","default":"blue"},
                  "count":{"type":"integer","default":3},
                  "subscribed":{"type":"boolean","default":false}}}}""")).path("result");

        assertThat(result.path("action").asString()).isEqualTo("accept");
        assertThat(result.path("content").path("name").asString()).isEqualTo("Ada");
        assertThat(result.path("content").path("color").asString()).as("the user's value wins").isEqualTo("green");
        assertThat(result.path("content").path("count").asInt()).isEqualTo(3);
        assertThat(result.path("content").path("subscribed").isBoolean()).isTrue();
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo("Who are you?"));
    }

    @Test
    void withoutApplyDefaultsTheContentIsTheUsers() {
        connect(options -> options.elicitation(request -> ElicitResult.accept(Map.of("name", "Ada"))));

        assertThat(declared().path("elicitation").path("form").isObject()).isTrue();
        assertThat(declared().path("elicitation").path("form").has("applyDefaults")).isFalse();
        JsonNode content = ask("e-1", "elicitation/create", json("""
                {"message":"?","requestedSchema":{"type":"object","properties":{
                  "name":{"type":"string"},"color":{"type":"string","default":"blue"}}}}""")).path("result").path("content");

        assertThat(content.has("color")).isFalse();
    }

    @Test
    void urlElicitationWhenDeclaredAndRefusedWhenNot() {
        List<ElicitRequest> asked = new CopyOnWriteArrayList<>();
        connect(options -> options.elicitation(request -> {
            asked.add(request);
            return request.isUrlMode() ? ElicitResult.accept(null) : ElicitResult.decline();
        }, ClientCapabilities.ElicitationCapability.of(true, true)));

        assertThat(declared().path("elicitation").path("url").isObject()).isTrue();
        JsonNode accepted = ask("e-1", "elicitation/create", json(
                "{\"mode\":\"url\",\"message\":\"Sign in\",\"url\":\"https://example.com/auth\",\"elicitationId\":\"el-1\"}"));
        JsonNode declined = ask("e-2", "elicitation/create", json(
                "{\"mode\":\"form\",\"message\":\"?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{}}}"));

        assertThat(accepted.path("result").path("action").asString()).isEqualTo("accept");
        assertThat(declined.path("result").path("action").asString()).isEqualTo("decline");
        assertThat(asked.get(0).url()).isEqualTo("https://example.com/auth");
        assertThat(asked.get(0).elicitationId()).isEqualTo("el-1");
    }

    @Test
    void aModeTheClientDidNotDeclareIsRefusedWithoutAskingTheHandler() {
        AtomicInteger calls = new AtomicInteger();
        connect(options -> options.elicitation(request -> {
            calls.incrementAndGet();
            return ElicitResult.cancel();
        }));

        JsonNode error = ask("e-1", "elicitation/create", json(
                "{\"mode\":\"url\",\"message\":\"Sign in\",\"url\":\"https://example.com\",\"elicitationId\":\"x\"}"))
                .path("error");

        assertThat(error.path("code").asInt()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(error.path("message").asString()).contains("URL mode");
        assertThat(calls.get()).isZero();
    }
}
