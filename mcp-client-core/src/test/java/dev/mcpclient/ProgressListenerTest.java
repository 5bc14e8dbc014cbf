package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Per-call progress: a token of the client's own in {@code _meta}, and only that token's notifications. */
class ProgressListenerTest {

    private LoopbackServer server;
    private McpClient client;

    @BeforeEach
    void start() {
        // tools/call answers on an SSE stream: progress for the request's token, progress for another
        // token, then the result.
        server = new LoopbackServer((message, res) -> {
            JsonNode token = message.path("params").path("_meta").path("progressToken");
            String id = message.get("id").toString();
            String tokenJson = token.isMissingNode() ? "\"none\"" : token.toString();
            return res.header("Content-Type", "text/event-stream").sendString(Flux.just(
                    LoopbackServer.event(progress(tokenJson, 1, "first half")),
                    LoopbackServer.event(progress("\"someone-else\"", 1, "not yours")),
                    LoopbackServer.event(progress(tokenJson, 2, "done")),
                    LoopbackServer.event("{\"jsonrpc\":\"2.0\",\"id\":" + id
                            + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}")))
                    .then();
        }, (req, res) -> res.status(405).send());
        client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String progress(String tokenJson, int progress, String message) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + tokenJson
                + ",\"progress\":" + progress + ",\"total\":2,\"message\":\"" + message + "\"}}";
    }

    @Test
    void theListenerGetsTheProgressOfItsOwnCallInOrder() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        CallToolResult result = client.callTool("work", Map.of("n", 3), CallOptions.defaults().progress(p -> {
            seen.add(p);
            two.countDown();
        }));

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("ok");
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0);
        assertThat(seen).extracting(ProgressNotification::message).containsExactly("first half", "done");
        assertThat(seen).allSatisfy(p -> assertThat(p.total()).isEqualTo(2.0));

        JsonNode call = server.posts.stream().filter(m -> "tools/call".equals(m.path("method").asString()))
                .findFirst().orElseThrow();
        assertThat(call.path("params").path("_meta").path("progressToken").asLong()).isEqualTo(call.get("id").asLong());
        assertThat(call.path("params").path("arguments").path("n").asInt()).isEqualTo(3);
        assertThat(seen.get(0).progressToken()).isEqualTo(call.get("id").asLong());
    }

    @Test
    void aCallWithoutAListenerSendsNoProgressToken() {
        client.callTool("work", Map.of("n", 1));

        JsonNode call = server.posts.stream().filter(m -> "tools/call".equals(m.path("method").asString()))
                .findFirst().orElseThrow();
        assertThat(call.path("params").has("_meta")).isFalse();
    }

    @Test
    void eachConcurrentCallGetsItsOwnToken() throws InterruptedException {
        List<Object> first = new CopyOnWriteArrayList<>();
        List<Object> second = new CopyOnWriteArrayList<>();
        CountDownLatch four = new CountDownLatch(4);
        Flux.merge(
                client.reactive().callTool("work", Map.of(), CallOptions.defaults().progress(p -> {
                    first.add(p.progressToken());
                    four.countDown();
                })),
                client.reactive().callTool("work", Map.of(), CallOptions.defaults().progress(p -> {
                    second.add(p.progressToken());
                    four.countDown();
                })))
                .blockLast(Duration.ofSeconds(10));

        assertThat(four.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first).hasSize(2).containsOnly(first.get(0));
        assertThat(second).hasSize(2).containsOnly(second.get(0));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
    }
}
