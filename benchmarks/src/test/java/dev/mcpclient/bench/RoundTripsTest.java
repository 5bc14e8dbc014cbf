package dev.mcpclient.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.bench.clients.BenchClient;
import dev.mcpclient.bench.clients.Contender;
import dev.mcpclient.bench.clients.Contenders;
import dev.mcpclient.bench.clients.OursClient;
import dev.mcpclient.internal.session.ServerEras;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What this library's client sends to the benchmark server, counted there: in the modern era one
 * {@code server/discover} and then nothing but the calls; in the handshake era one extra round trip
 * (the {@code server/discover} a handshake server refuses) at the first contact only. And the modern
 * floors send the request this library sends. Counts messages, times nothing.
 */
class RoundTripsTest {

    private static final int CALLS = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Every client lists the tools once, after its first call, to check tool output against the schemas (both eras). */
    private static final long TOOL_LISTS = 1;

    private BenchServer server;

    @BeforeEach
    void start() {
        ServerEras.clear(); // every test starts from a first contact
        server = BenchServer.start(1);
    }

    @AfterEach
    void stop() {
        server.close();
        ServerEras.clear();
    }

    private String url(String mode) {
        return server.baseUrl() + "/" + mode;
    }

    /** {@link #CALLS} calls, half reactive, half blocking, on a new client of this library; then closes it. */
    private static void calls(BenchClient client) {
        try (client) {
            for (int i = 0; i < CALLS; i++) {
                Object result = i % 2 == 0 ? client.call().block(WAIT) : client.callBlocking();
                assertThat(result).isNotNull();
            }
        }
    }

    /** What {@code mode} received by JSON-RPC method: POSTs only (GET and DELETE left out). */
    private Map<String, Long> posts(String mode) {
        Map<String, Long> out = new TreeMap<>(server.received(mode));
        out.remove("GET");
        out.remove("DELETE");
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"modern-json", "modern-sse"})
    void aModernServerGetsOneDiscoverThenOnlyTheCalls(String mode) {
        calls(OursClient.connect(url(mode)));

        assertThat(server.received(mode)).as("no initialize, no session, no GET or DELETE")
                .containsExactlyInAnyOrderEntriesOf(Map.of("server/discover", 1L, "tools/call", (long) CALLS,
                        "tools/list", TOOL_LISTS));

        // The next client discovers once too (a modern server is asked each time: that is its handshake), and no more.
        server.resetReceived();
        calls(OursClient.connect(url(mode)));
        assertThat(server.received(mode)).containsExactlyInAnyOrderEntriesOf(Map.of("server/discover", 1L,
                "tools/call", (long) CALLS, "tools/list", TOOL_LISTS));
    }

    @Test
    void aPinnedModernClientSendsNoMoreThanADetectingOne() {
        calls(OursClient.connect(url("modern-json"), Payloads.MODERN_PROTOCOL_VERSION));

        assertThat(server.received("modern-json")).containsExactlyInAnyOrderEntriesOf(Map.of("server/discover", 1L,
                "tools/call", (long) CALLS, "tools/list", TOOL_LISTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "sse"})
    void aHandshakeServerCostsOneDiscoverAtFirstContactOnly(String mode) {
        calls(OursClient.connect(url(mode)));

        assertThat(posts(mode)).as("first contact: the probe, refused, then the handshake and the calls")
                .containsExactlyInAnyOrderEntriesOf(Map.of("server/discover", 1L, "initialize", 1L,
                        "notifications/initialized", 1L, "tools/call", (long) CALLS, "tools/list", TOOL_LISTS));
        assertThat(server.received(mode)).as("the session ended once").containsEntry("DELETE", 1L);
        assertThat(server.received(mode).getOrDefault("GET", 0L)).as("the background stream, at most once").isLessThanOrEqualTo(1);

        server.resetReceived();
        calls(OursClient.connect(url(mode)));
        calls(OursClient.connect(url(mode)));

        assertThat(posts(mode)).as("the server is remembered: no probe for the next clients")
                .containsExactlyInAnyOrderEntriesOf(Map.of("initialize", 2L, "notifications/initialized", 2L,
                        "tools/call", 2L * CALLS, "tools/list", 2 * TOOL_LISTS));
    }

    @Test
    void aHandshakeServerIsRememberedPerEndpoint() {
        calls(OursClient.connect(url("json")));
        calls(OursClient.connect(url("sse")));

        assertThat(posts("json")).containsEntry("server/discover", 1L);
        assertThat(posts("sse")).as("another endpoint is another server: probed once too").containsEntry("server/discover", 1L);
    }

    @Test
    void theModernFloorsPostTheRequestThisLibraryPosts() {
        server.recording(true);
        Map<String, BenchServer.Received> ours = lastOfEachMethod(Contenders.OURS_REACTIVE);
        assertThat(ours).containsOnlyKeys("server/discover", "tools/call", "tools/list");
        for (Contender floor : List.of(Contenders.FLOOR, Contenders.NETTY_FLOOR, Contenders.TRANSPORT)) {
            Map<String, BenchServer.Received> theirs = lastOfEachMethod(floor);
            for (String method : List.of("server/discover", "tools/call")) {
                assertThat(normalized(theirs.get(method).body())).as("%s: the body of %s", floor.name(), method)
                        .isEqualTo(normalized(ours.get(method).body()));
                assertThat(mcpHeaders(theirs.get(method))).as("%s: the headers of %s", floor.name(), method)
                        .isEqualTo(mcpHeaders(ours.get(method)));
            }
        }
        assertThat(ours.get("tools/call").body()).contains("\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"");
        assertThat(mcpHeaders(ours.get("tools/call"))).containsEntry("mcp-name", "search")
                .containsEntry("mcp-method", "tools/call").containsEntry("mcp-protocol-version", "2026-07-28")
                .doesNotContainKey("mcp-session-id");
    }

    /** The last POST of each JSON-RPC method that a client of {@code c} sent to {@code modern-json} (two calls). */
    private Map<String, BenchServer.Received> lastOfEachMethod(Contender c) {
        server.resetReceived();
        try (BenchClient client = c.connect(url("modern-json"), Era.MODERN)) {
            client.call().block(WAIT);
            client.call().block(WAIT);
        }
        Map<String, BenchServer.Received> out = new LinkedHashMap<>();
        for (BenchServer.Received received : server.recorded()) {
            String method = received.body().replaceAll("(?s).*\"method\":\"([^\"]+)\".*", "$1");
            out.put(method, received);
        }
        return out;
    }

    /** The body with its request id left out. */
    private static String normalized(String body) {
        return body.replaceFirst("\"id\":\\d+", "\"id\":_");
    }

    /** The headers the MCP revision and the HTTP exchange of a POST are about, names in lower case. */
    private static Map<String, String> mcpHeaders(BenchServer.Received received) {
        Map<String, String> out = new TreeMap<>();
        received.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("mcp-") || lower.equals("accept") || lower.equals("content-type")) {
                out.put(lower, value);
            }
        });
        return out;
    }
}
