package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.mcpclient.support.Calls;
import dev.mcpclient.support.ShownText;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.ProcessExitedException;
import dev.mcpclient.transport.stdio.StdioTestServer;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The audit of what this library shows: no header value configured for a server, no session id, no
 * secret of a server's URL and no {@code env} value of a stdio server appears in any log line (this
 * library at TRACE, the {@code WebClient} at TRACE, Reactor Netty's client at DEBUG), any exception (message,
 * stack trace, causes) or any {@code toString()}, while the client goes through what makes it talk about
 * its server: calls, a broken background stream, an expired session, an HTML error page, a timeout, a
 * process that dies, and closing. (The tokens of the authorization flows: {@code OAuthSecretsEndToEndTest}.)
 *
 * <p>One exception, outside this library: Reactor Netty's DEBUG lines show the URL it connects to with
 * its query, so a secret in a URL's query is in them (its user info is not).
 */
class SecretsAuditTest {

    private static final String HEADER_SECRET = "header-secret-7741";
    private static final String PASSWORD = "url-password-7741";
    private static final String URL_TOKEN = "url-token-7741";
    private static final String ENV_SECRET = "env-secret-7741";

    private static Map<String, Level> loggers() {
        Map<String, Level> loggers = new LinkedHashMap<>();
        loggers.put("dev.mcpclient", Level.TRACE);
        loggers.put("org.springframework.web.reactive.function.client", Level.TRACE);
        loggers.put("org.springframework.http", Level.TRACE);
        loggers.put("reactor.netty.http.client", Level.DEBUG);
        loggers.put("reactor.netty.resources", Level.DEBUG);
        return loggers;
    }

    @Test
    void noHeaderValueSessionIdOrUrlSecretIsShownOverHttp() {
        try (ShownText shown = ShownText.recording(loggers()); ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            String url = server.url().replace("http://", "http://alice:" + PASSWORD + "@") + "?token=" + URL_TOKEN;
            StreamableHttpTransport.Builder transport = StreamableHttpTransport.builder(url).header("X-Api-Key", HEADER_SECRET);
            McpClient client = McpClient.builder(transport).requestTimeout(Duration.ofSeconds(30)).build();
            try {
                assertThat(Calls.text(client.callTool("echo", Map.of("text", "one")))).contains("one");
                assertThat(server.requests()).allMatch(r -> HEADER_SECRET.equals(r.header("X-Api-Key")));

                // The background stream breaks and is opened again.
                server.background().awaitConnected(Calls.PROMPTLY);
                server.background().abort();
                server.awaitGet(2, Calls.PROMPTLY);

                // The server forgets the session: a new one is started.
                server.expireSessions();
                assertThat(Calls.text(client.callTool("echo", Map.of("text", "two")))).contains("two");
                assertThat(server.allSessionIds()).hasSize(2);

                // An HTML error page, then a call that times out.
                server.onPost("tools/call", (r, ex) -> Reply.status(500, "text/html",
                        "<html><body>Internal error</body></html>"));
                shown.add(catchThrowable(() -> client.callTool("echo", Map.of("text", "three"))));
                server.onPost("tools/call", (r, ex) -> Reply.sse(Flux.never()));
                Throwable timedOut = catchThrowable(() -> client.callTool("echo", Map.of("text", "four"),
                        CallOptions.defaults().timeout(Duration.ofMillis(200))));
                assertThat(timedOut).isInstanceOf(McpTimeoutException.class);
                shown.add(timedOut);

                shown.add(client);
                shown.add(client.reactive());
                shown.add(client.status());
                shown.add(transport);
            } finally {
                client.close();
            }
            server.awaitRequest(r -> r.httpMethod().equals("DELETE"), Calls.PROMPTLY);

            // What the client went through was logged: the checks below looked at something.
            assertThat(shown.logLines()).anyMatch(line -> line.contains("background stream") && line.contains("broke"))
                    .anyMatch(line -> line.contains("forgot session"))
                    .anyMatch(line -> line.contains(" org.springframework.web.reactive.function.client"))
                    .anyMatch(line -> line.startsWith("DEBUG reactor.netty.http.client"));
            shown.assertShowsNoneOf(Map.of("header value", List.of(HEADER_SECRET), "URL password", List.of(PASSWORD),
                    "session id", server.allSessionIds()));
            assertThat(shown.all()).filteredOn(text -> !text.startsWith("DEBUG reactor.netty"))
                    .as("what this library and the WebClient show").noneMatch(text -> text.contains(URL_TOKEN));
        }
    }

    @Test
    void noEnvValueOfAStdioServerIsShown() {
        try (ShownText shown = ShownText.recording(loggers())) {
            StdioTransport.Builder transport = StdioTransport.builder(StdioTestServer.command()).name("audited")
                    .env("API_KEY", ENV_SECRET);
            shown.add(transport);
            try (McpClient client = McpClient.builder(transport.build()).requestTimeout(Duration.ofSeconds(60)).build()) {
                // The process has it.
                assertThat(Calls.text(client.callTool("env", Map.of("name", "API_KEY")))).isEqualTo(ENV_SECRET);
                Throwable exited = catchThrowable(() -> client.callTool("exit", Map.of("code", 3)));
                assertThat(exited).isInstanceOf(ProcessExitedException.class);
                shown.add(exited);
                shown.add(client);
                shown.add(client.status());
            }
            assertThat(shown.logLines()).anyMatch(line -> line.contains("audited"));
            // The tool's result carries the value (the caller asked for it); nothing the library shows does.
            shown.assertShowsNoneOf(Map.of("env value", List.of(ENV_SECRET)));
        }
    }
}
