package dev.mcpclient.boot.autoconfigure.health;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.schema.InitializeResult;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one MCP server: UP when it answers a {@code ping} within the timeout (which connects
 * first if there is no session yet), DOWN otherwise. Details: the URL (without user info or query),
 * the server, the negotiated protocol version, whether a session and the background stream are live,
 * the calls in flight and the last error.
 */
public class McpClientHealthIndicator implements HealthIndicator {

    private final McpClient client;
    private final String url;
    private final Duration timeout;

    /**
     * @param client the server's client
     * @param url the server's URL as safe to show, or {@code null}
     * @param timeout how long the check waits for the server
     */
    public McpClientHealthIndicator(McpClient client, String url, Duration timeout) {
        this.client = client;
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            client.reactive().ping(CallOptions.withTimeout(timeout)).block();
            health = Health.up();
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", describe(e));
        }
        if (url != null) {
            health.withDetail("url", url);
        }
        InitializeResult initialized = client.initializeResult();
        if (initialized != null && initialized.serverInfo() != null) {
            health.withDetail("server", initialized.serverInfo().name() + " " + initialized.serverInfo().version());
        }
        McpClientStatus status = client.status();
        if (status.protocolVersion() != null) {
            health.withDetail("protocolVersion", status.protocolVersion());
        }
        health.withDetail("session", status.sessionActive())
                .withDetail("backgroundStream", status.backgroundStreamOpen())
                .withDetail("callsInFlight", status.callsInFlight());
        if (status.lastError() != null) {
            health.withDetail("lastError", describe(status.lastError()));
            health.withDetail("lastErrorAt", String.valueOf(status.lastErrorAt()));
        }
        return health.build();
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
