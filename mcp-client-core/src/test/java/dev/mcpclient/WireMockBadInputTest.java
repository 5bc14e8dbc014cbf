package dev.mcpclient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.mcpclient.support.Calls.failure;
import static dev.mcpclient.support.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.KnownUpstreamIssues;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input from a server the client does not know: WireMock (Jetty), bound to 127.0.0.1 on a
 * dynamic port, stubbed as a minimal MCP server (JSON answers, no background stream), with one stub
 * at a time replaced by an HTML gateway page, malformed JSON, a JSON-RPC error on HTTP 400, an
 * oversized body, a malformed SSE event or a network fault. Each case must give a clear error (or
 * log line), and the next call must work.
 */
class WireMockBadInputTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int LIMIT = 4096;
    private static final String PATH = "/mcp";
    private static final String ID = "{{jsonPath request.body '$.id'}}";
    private static final String FIRST = "first call";

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog().toleratingDropped(KnownUpstreamIssues.SPRING_CANCEL_RACE);
    private WireMockServer wireMock;
    private McpClient client;

    @BeforeEach
    void start() {
        wireMock = startWireMock(0);
        client = McpClient.builder(StreamableHttpTransport.builder(url(wireMock.port())).maxMessageSize(LIMIT))
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        wireMock.stop();
    }

    // ------------------------------------------------------------------ the stubbed MCP server

    private static String url(int port) {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** WireMock on 127.0.0.1 ({@code port} 0: a dynamic one) with the default MCP stubs. */
    private static WireMockServer startWireMock(int port) {
        WireMockServer server = new WireMockServer(port == 0
                ? options().bindAddress("127.0.0.1").dynamicPort()
                : options().bindAddress("127.0.0.1").port(port));
        server.start();
        stubMcpServer(server);
        return server;
    }

    private static MappingBuilder mcpPost(String method) {
        return post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    private static ResponseDefinitionBuilder jsonRpcResult(String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"result\":" + result + "}")
                .withTransformers("response-template");
    }

    /** A minimal MCP server: JSON answers, 202 for notifications, no background stream (GET 405). */
    private static void stubMcpServer(WireMockServer server) {
        server.stubFor(mcpPost("initialize").atPriority(10).willReturn(jsonRpcResult(
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"wiremock\",\"version\":\"1\"}}")
                .withHeader("Mcp-Session-Id", "wiremock-session")));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(20)
                .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized")))
                .willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(20)
                .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/cancelled")))
                .willReturn(aResponse().withStatus(202)));
        server.stubFor(mcpPost("tools/call").atPriority(10).willReturn(jsonRpcResult(
                "{\"content\":[{\"type\":\"text\",\"text\":\"{{jsonPath request.body '$.params.arguments.say'}}\"}],"
                        + "\"isError\":false}")));
        server.stubFor(mcpPost("tools/list").atPriority(10).willReturn(jsonRpcResult(
                "{\"tools\":[{\"name\":\"say\",\"inputSchema\":{\"type\":\"object\"}}]}")));
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(405)));
        server.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
    }

    /** Makes only the first {@code tools/call} get {@code response}; later ones get the default stub. */
    private void firstToolCallGets(ResponseDefinitionBuilder response) {
        wireMock.stubFor(mcpPost("tools/call").atPriority(1)
                .inScenario("bad first call")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo(FIRST + " answered")
                .willReturn(response));
    }

    // ------------------------------------------------------------------ helpers

    private CompletableFuture<CallToolResult> callAsync(McpClient c, String say) {
        return c.reactive().callTool("echo", Map.of("say", say)).toFuture();
    }

    private void assertNextCallWorks() {
        assertThat(text(client.callTool("echo", Map.of("say", "next")))).isEqualTo("next");
        assertThat(client.status().callsInFlight()).isZero();
    }

    private int toolCallsReceived() {
        return wireMock.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.method", equalTo("tools/call")))).size();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void badGatewayHtmlPageFailsWithStatusAndExcerptAndTheNextCallWorks() {
        firstToolCallGets(aResponse().withStatus(502).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>502 Bad Gateway</title></head>"
                        + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>"));
        client.initialize();

        Throwable error = failure(callAsync(client, FIRST));
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("HTTP 502");
        assertThat(((McpTransportException) error).status()).isEqualTo(502);
        assertThat(((McpTransportException) error).bodyExcerpt()).contains("502 Bad Gateway").contains("nginx");
        assertNextCallWorks();
        assertThat(toolCallsReceived()).isEqualTo(2);
    }

    @Test
    void htmlLoginPageWithHttp200FailsWithStatusAndExcerpt() {
        firstToolCallGets(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><form action=\"/sso\">Sign in to continue</form></body></html>"));
        client.initialize();

        Throwable error = failure(callAsync(client, FIRST));
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("text/html");
        assertThat(((McpTransportException) error).status()).isEqualTo(200);
        assertThat(((McpTransportException) error).bodyExcerpt()).contains("Sign in to continue");
        assertNextCallWorks();
    }

    @Test
    void malformedJsonBodyFailsWithProtocolException() {
        firstToolCallGets(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"result\":{\"content\":[{\"type\":")
                .withTransformers("response-template"));
        client.initialize();

        assertThat(failure(callAsync(client, FIRST))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("malformed JSON");
        assertNextCallWorks();
    }

    @Test
    void jsonRpcErrorWithHttp400FailsWithErrorException() {
        firstToolCallGets(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"error\":{\"code\":-32602,"
                        + "\"message\":\"Unknown tool: echo\",\"data\":{\"tool\":\"echo\"}}}")
                .withTransformers("response-template"));
        client.initialize();

        assertThat(failure(callAsync(client, FIRST))).isInstanceOfSatisfying(McpErrorException.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.errorMessage()).isEqualTo("Unknown tool: echo");
            assertThat(e.data().get("tool").asString()).isEqualTo("echo");
        });
        assertNextCallWorks();
    }

    @Test
    void jsonBodyOverTheLimitFailsWithProtocolExceptionNamingTheLimit() {
        firstToolCallGets(jsonRpcResult("{\"content\":[{\"type\":\"text\",\"text\":\"" + "w".repeat(3 * LIMIT)
                + "\"}],\"isError\":false}"));
        client.initialize();

        assertThat(failure(callAsync(client, FIRST))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("limit of " + LIMIT + " bytes");
        assertNextCallWorks();
    }

    @Test
    void malformedSseEventDribbledInChunksIsSkippedAndTheResponseAfterItIsDelivered() {
        firstToolCallGets(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody("id: w-1\ndata: {\"jsonrpc\":\"2.0\",\"method\"\n\n"
                        + "id: w-2\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + ID + ",\"result\":{\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"after the bad event\"}],\"isError\":false}}\n\n")
                .withTransformers("response-template")
                .withChunkedDribbleDelay(9, 90));
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of("say", FIRST)))).isEqualTo("after the bad event");
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("the stream of tools/call")
                .contains("malformed JSON");
        assertNextCallWorks();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void networkFaultFailsWithTransportExceptionAndTheNextCallWorks(Fault fault) {
        // Reactor Netty itself logs the connection error at WARN (HttpClientConnect); nothing else may warn.
        watchdog.expectConnectionErrors();
        firstToolCallGets(aResponse().withFault(fault));
        client.initialize();

        Throwable error = failure(callAsync(client, FIRST));
        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("POST tools/call")
                .hasMessageContaining(url(wireMock.port()));
        assertThat(error.getCause()).isNotNull();
        assertNextCallWorks();
    }

    @Test
    void unreachableServerFailsPromptlyAndTheClientConnectsOnceAServerListens() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        McpClient late = McpClient.streamableHttp(url(port)).requestTimeout(REQUEST_TIMEOUT).build();
        WireMockServer lateServer = null;
        try {
            Throwable error = failure(callAsync(late, "nobody listens"));
            assertThat(error).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("POST")
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(((McpTransportException) error).status()).isZero();
            assertThat(error.getCause()).isNotNull();
            assertThat(late.status().initialized()).isFalse();
            assertThat(late.status().lastError()).isSameAs(error);

            lateServer = startWireMock(port);
            assertThat(text(late.callTool("echo", Map.of("say", "now someone does")))).isEqualTo("now someone does");
            assertThat(late.status().initialized()).isTrue();
            assertThat(late.status().callsInFlight()).isZero();
        } finally {
            late.close();
            if (lateServer != null) {
                lateServer.stop();
            }
        }
    }
}
