package dev.mcpclient.boot.autoconfigure.health;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.boot.autoconfigure.McpServerSettings;
import dev.mcpclient.schema.InitializeResult;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one MCP server: UP when it answers a {@code ping} (in the modern era, which has no
 * {@code ping}, a {@code server/discover}) within the timeout (which connects first if there is no
 * session yet), DOWN otherwise. Details: the URL (without user info or query),
 * the server, the protocol version spoken and its era once known ({@code modern}: 2026-07-28 and
 * later, stateless; {@code legacy}: the revisions of the {@code initialize} handshake), whether a
 * session and the background stream are live, the calls in flight and the last error.
 *
 * @since 0.2.0
 */
public class McpClientHealthIndicator implements HealthIndicator {

    private final McpClient client;
    private final McpServerSettings server;
    private final Duration timeout;

    /**
     * @param client the server's client
     * @param server the server's settings, or {@code null} when unknown: its URL is shown as
     *     {@link McpServerSettings#displayUrl()} shows it, in the details and in error messages
     * @param timeout how long the check waits for the server
     */
    public McpClientHealthIndicator(McpClient client, McpServerSettings server, Duration timeout) {
        this.client = client;
        this.server = server;
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
        if (server != null) {
            health.withDetail("url", server.displayUrl());
        }
        InitializeResult initialized = client.initializeResult();
        if (initialized != null && initialized.serverInfo() != null) {
            health.withDetail("server", initialized.serverInfo().name() + " " + initialized.serverInfo().version());
        }
        McpClientStatus status = client.status();
        if (status.protocolVersion() != null) {
            health.withDetail("protocolVersion", status.protocolVersion());
        }
        if (status.era() != null) {
            health.withDetail("era", status.era().name().toLowerCase(Locale.ROOT));
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

    private String describe(Throwable e) {
        String description = e.getClass().getSimpleName() + ": " + e.getMessage();
        return server == null ? description : server.redact(description);
    }
}
