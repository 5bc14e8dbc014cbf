package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static dev.mcpclient.support.Messages.notification;
import static dev.mcpclient.support.Messages.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.support.LogCapture;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session's cached lists and their refresh on {@code list_changed}; the listeners of list
 * changes, resource updates and log messages; the server's SLF4J logger.
 */
class NotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final AtomicInteger toolsVersion = new AtomicInteger(1);
    private final ProgrammableMcpServer server = mcp.server()
            .capabilities(json("""
                    {"tools":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},
                     "prompts":{"listChanged":true},"logging":{}}"""))
            .onPost("tools/list", (req, ex) -> Reply.result(req.id(), json("{\"tools\":[{\"name\":\"tool-v"
                    + toolsVersion.get() + "\",\"inputSchema\":{\"type\":\"object\"}}]}")))
            .onPost("resources/list", (req, ex) -> Reply.result(req.id(), json("{\"resources\":[{\"uri\":\"file:///v"
                    + toolsVersion.get() + "\",\"name\":\"r\"}]}")))
            .onPost("prompts/list", (req, ex) -> Reply.result(req.id(), json("{\"prompts\":[{\"name\":\"prompt-v"
                    + toolsVersion.get() + "\"}]}")));
    private McpClient client;

    private void connect() {
        connect(options -> options);
    }

    private void connect(UnaryOperator<McpClientBuilder> options) {
        client = mcp.connected(options);
    }

    private long posts(String method) {
        return server.requests().stream().filter(r -> method.equals(r.jsonRpcMethod())).count();
    }

    /** A round trip on the background stream: everything the server sent before it has been received. */
    private void drain(String id) {
        server.background().send(ping(id));
        server.awaitClientResponse(RequestId.of(id), WAIT);
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(value).as("a value within " + WAIT).isNotNull();
        return value;
    }

    @Test
    void listsAreCachedUntilTheServerSaysTheyChanged() {
        connect();

        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("tool-v1");
        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("tool-v1");
        assertThat(client.listResources().resources()).hasSize(1);
        assertThat(client.listResources().resources()).hasSize(1);
        assertThat(client.listPrompts().prompts()).hasSize(1);
        assertThat(client.listPrompts().prompts()).hasSize(1);
        assertThat(posts("tools/list")).isEqualTo(1);
        assertThat(posts("resources/list")).isEqualTo(1);
        assertThat(posts("prompts/list")).isEqualTo(1);

        toolsVersion.set(2);
        server.background().send(notification("notifications/tools/list_changed", null));
        server.background().send(notification("notifications/prompts/list_changed", null));
        drain("d-1");

        // No listener: nothing is fetched until the next listing, which asks the server again.
        assertThat(posts("tools/list")).isEqualTo(1);
        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("tool-v2");
        assertThat(client.listPrompts().prompts()).extracting(Prompt::name).containsExactly("prompt-v2");
        assertThat(client.listResources().resources()).extracting(Resource::uri).containsExactly("file:///v1");
        assertThat(posts("tools/list")).isEqualTo(2);
        assertThat(posts("resources/list")).isEqualTo(1);
    }

    @Test
    void aPageByCursorIsNeverCached() {
        connect();

        client.listTools(null, CallOptions.defaults());
        client.listTools(null, CallOptions.defaults());

        assertThat(posts("tools/list")).isEqualTo(2);
    }

    @Test
    void aNewSessionStartsWithoutCachedLists() {
        connect();
        client.listTools();

        server.expireSessions();
        client.ping(); // 404: a new session
        toolsVersion.set(3);

        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("tool-v3");
        assertThat(posts("initialize")).isEqualTo(2);
    }

    @Test
    void listenersReceiveTheListsFetchedAgainAfterEachChange() throws InterruptedException {
        BlockingQueue<List<Tool>> tools = new LinkedBlockingQueue<>();
        BlockingQueue<List<Resource>> resources = new LinkedBlockingQueue<>();
        BlockingQueue<List<Prompt>> prompts = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        connect(options -> options
                .onToolsListChanged(list -> {
                    threads.add(Thread.currentThread().getName());
                    tools.add(list);
                })
                .onResourcesListChanged(resources::add)
                .onPromptsListChanged(prompts::add));
        client.listTools();

        toolsVersion.set(2);
        server.background().send(notification("notifications/tools/list_changed", null));
        server.background().send(notification("notifications/resources/list_changed", null));
        server.background().send(notification("notifications/prompts/list_changed", null));

        assertThat(next(tools)).extracting(Tool::name).containsExactly("tool-v2");
        assertThat(next(resources)).extracting(Resource::uri).containsExactly("file:///v2");
        assertThat(next(prompts)).extracting(Prompt::name).containsExactly("prompt-v2");
        assertThat(next(threads)).startsWith("boundedElastic");
        // The refreshed list is the cache's: listing again asks nothing.
        long listed = posts("tools/list");
        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactly("tool-v2");
        assertThat(posts("tools/list")).isEqualTo(listed).isEqualTo(2);
    }

    @Test
    void resourceUpdatesReachTheListeners() throws InterruptedException {
        BlockingQueue<ResourceUpdatedNotification> updates = new LinkedBlockingQueue<>();
        connect(options -> options.onResourceUpdated(updates::add));

        server.background().send(notification("notifications/resources/updated", json("{\"uri\":\"file:///a\"}")));
        server.background().send(notification("notifications/resources/updated", json("{\"uri\":\"file:///b\"}")));

        assertThat(next(updates).uri()).isEqualTo("file:///a");
        assertThat(next(updates).uri()).isEqualTo("file:///b");
    }

    @Test
    void logMessagesReachTheListenersAndTheServersLogger() throws InterruptedException {
        BlockingQueue<LoggingMessageNotification> messages = new LinkedBlockingQueue<>();
        AtomicInteger failing = new AtomicInteger();
        connect(options -> options.serverName("weather")
                .listener(new McpClientListener() {
                    @Override
                    public void onLoggingMessage(LoggingMessageNotification message) {
                        failing.incrementAndGet();
                        throw new IllegalStateException("a broken listener");
                    }
                })
                .onLoggingMessage(messages::add));

        server.background().send(notification("notifications/message",
                json("{\"level\":\"warning\",\"logger\":\"db\",\"data\":\"disk almost full\"}")));
        server.background().send(notification("notifications/message",
                json("{\"level\":\"debug\",\"data\":{\"rows\":3}}")));
        server.background().send(notification("notifications/message",
                json("{\"level\":\"critical\",\"data\":\"down\"}")));

        assertThat(next(messages).level()).isEqualTo(LoggingLevel.WARNING);
        assertThat(next(messages).data().path("rows").asInt()).isEqualTo(3);
        assertThat(next(messages).data().asString()).isEqualTo("down");
        assertThat(failing.get()).as("a failing listener does not stop the others").isEqualTo(3);
        // Logged before the listeners ran, each at the level the server gave; each failure of a listener too.
        String listenerFailed = "WARN dev.mcpclient.ServerNotifications: An MCP client listener of weather failed";
        assertThat(watchdog.takeWarnings()).containsExactlyInAnyOrder(
                "WARN dev.mcpclient.server.weather: [db] disk almost full",
                "ERROR dev.mcpclient.server.weather: down",
                listenerFailed, listenerFailed, listenerFailed);
    }

    @Test
    void theServersLoggerIsNamedAfterItsServerInfoByDefault() throws InterruptedException {
        BlockingQueue<LoggingMessageNotification> messages = new LinkedBlockingQueue<>();
        try (LogCapture serverLog = LogCapture.of("dev.mcpclient.server.programmable")) {
            connect(options -> options.onLoggingMessage(messages::add));

            server.background().send(notification("notifications/message", json("{\"level\":\"info\",\"data\":\"hello\"}")));

            next(messages);
            assertThat(serverLog.lines()).containsExactly("INFO hello");
        }
    }
}
