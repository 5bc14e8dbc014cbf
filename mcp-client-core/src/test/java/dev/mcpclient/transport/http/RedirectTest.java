package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Calls.failure;
import static dev.mcpclient.support.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.support.Calls;
import dev.mcpclient.support.LogCapture;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * Redirects ({@link RedirectFilter}): a 307 or 308 on the same origin is followed with the same method,
 * body and headers; a redirect to another origin is an error that names it and is never followed, so
 * nothing of the request (session id, configured headers, credentials) reaches the other origin; a
 * 301, 302 or 303 is an error naming it, and so is a redirect loop. Until these, every redirect was
 * reported as a wrong content type ("got no Content-Type; expected application/json or
 * text/event-stream").
 */
class RedirectTest {

    private static final String SECRET_HEADER = "X-Api-Key";
    private static final String SECRET = "s3cr3t-key";
    private static final String TOKEN = "t0ken-value";

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(transport -> transport.header(SECRET_HEADER, SECRET)
            .authorization(new Bearer()), client -> client.requestTimeout(Duration.ofSeconds(30)));
    @RegisterExtension
    final McpFixture elsewhere = McpFixture.serverOnly();
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    /** A fixed bearer token on every request. */
    private static final class Bearer implements McpAuthorization {
        @Override
        public Mono<Map<String, String>> authorize(Request request) {
            return Mono.just(Map.of("Authorization", "Bearer " + TOKEN));
        }

        @Override
        public Mono<Boolean> refused(Request request, Refusal refusal) {
            return Mono.just(false);
        }
    }

    /** The first {@code tools/call} gets {@code redirect}; the later ones the default answer. */
    private void firstToolCallGets(Reply redirect) {
        AtomicInteger calls = new AtomicInteger();
        server.onPost("tools/call", (req, ex) -> calls.getAndIncrement() == 0 ? redirect : ex.defaultReply());
    }

    private List<RecordedRequest> toolCalls() {
        return server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod())).toList();
    }

    @Test
    void aRedirectToAnotherOriginIsAnErrorNamingItAndNothingReachesThatOrigin() {
        String other = "http://127.0.0.1:" + elsewhere.server().port();
        client.initialize();
        firstToolCallGets(Reply.status(307, null, null).header("Location", other + "/mcp?token=leaked"));

        Throwable error = failure(client.reactive().callTool("echo", Map.of("n", 1)).toFuture());

        assertThat(error).isInstanceOfSatisfying(McpTransportException.class, e -> assertThat(e.status()).isEqualTo(307))
                .hasMessageContaining("POST " + server.url() + " was redirected to another origin, " + other)
                .hasMessageContaining("redirects to another origin are not followed")
                .hasMessageNotContainingAny(SECRET, TOKEN, "leaked", "Content-Type");
        assertThat(elsewhere.server().requests()).as("what the other origin received").isEmpty();
        assertThat(text(client.callTool("echo", Map.of("n", 2)))).as("the session goes on").isEqualTo("{\"n\":2}");
    }

    @Test
    void aRedirectOfInitializeToAnotherOriginFailsItTheSameWay() {
        String other = "http://127.0.0.1:" + elsewhere.server().port();
        server.onPost("initialize", (req, ex) -> Reply.status(308, "text/html", "<p>moved</p>")
                .header("Location", other + "/mcp"));

        Throwable error = failure(client.reactive().initialize().toFuture());

        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("was redirected to another origin, " + other)
                .hasMessageContaining("(HTTP 308)");
        assertThat(elsewhere.server().requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aRedirectOnTheSameOriginIsFollowedWithTheSameMethodBodyAndHeaders(int status) throws InterruptedException {
        client.initialize();
        firstToolCallGets(Reply.status(status, null, null).header("Location", "/mcp?moved=1"));

        try (LogCapture log = LogCapture.of(RedirectFilter.class)) {
            assertThat(text(client.callTool("echo", Map.of("n", 1)))).isEqualTo("{\"n\":1}");
            assertThat(text(client.callTool("echo", Map.of("n", 2)))).isEqualTo("{\"n\":2}");
            log.await(line -> line.contains("is redirected (HTTP " + status + ") to " + server.url() + "?******"),
                    Calls.PROMPTLY);
        }

        List<RecordedRequest> calls = toolCalls();
        assertThat(calls).hasSize(3);
        RecordedRequest redirected = calls.get(0);
        RecordedRequest followed = calls.get(1);
        assertThat(followed.uri()).isEqualTo("/mcp?moved=1");
        assertThat(followed.bodyText()).isEqualTo(redirected.bodyText());
        assertThat(followed.sessionId()).isNotNull().isEqualTo(redirected.sessionId());
        assertThat(followed.header(SECRET_HEADER)).isEqualTo(SECRET);
        assertThat(followed.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(calls.get(2).uri()).as("a redirect is not remembered").isEqualTo("/mcp");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    void aRedirectThatWouldChangeTheMethodIsAnErrorNamingIt(int status) {
        client.initialize();
        firstToolCallGets(Reply.status(status, null, null).header("Location", "/mcp/"));

        Throwable error = failure(client.reactive().callTool("echo", Map.of("n", 1)).toFuture());

        assertThat(error).isInstanceOfSatisfying(McpTransportException.class,
                        e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining("was redirected to " + "http://127.0.0.1:" + server.port() + "/mcp/")
                .hasMessageContaining("only 307 and 308, which keep the method and body, are followed");
        assertThat(toolCalls()).hasSize(1);
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() {
        client.initialize();
        server.onPost("tools/call", (req, ex) -> Reply.status(307, null, null).header("Location", "/mcp"));

        Throwable error = failure(client.reactive().callTool("echo", Map.of("n", 1)).toFuture());

        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("was redirected more than " + RedirectFilter.MAX_REDIRECTS + " times in a row");
        assertThat(toolCalls()).hasSize(RedirectFilter.MAX_REDIRECTS + 1);
    }

    @Test
    void aRedirectWithoutLocationIsAnErrorSayingSo() {
        client.initialize();
        firstToolCallGets(Reply.status(307, "text/plain", "nowhere"));

        assertThat(failure(client.reactive().callTool("echo", Map.of("n", 1)).toFuture()))
                .isInstanceOf(McpTransportException.class)
                .hasMessageContaining("was answered with a redirect without a Location (HTTP 307): nowhere");
    }
}
