package dev.mcpclient.boot.autoconfigure.observation;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.boot.autoconfigure.McpClientCustomizer;
import dev.mcpclient.schema.InitializeResult;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Adds an {@link ObservationMcpCallInterceptor} to every server's client, and hands it the client
 * once built, so that its observations carry the protocol revision the client speaks.
 */
final class McpClientObservationCustomizer implements McpClientCustomizer {

    private final ObservationRegistry registry;
    private final ObjectProvider<McpClientObservationConvention> convention;
    /** The clients not built yet, by server: each interceptor reads its own once it is set. */
    private final Map<String, AtomicReference<McpClient>> building = new ConcurrentHashMap<>();

    McpClientObservationCustomizer(ObservationRegistry registry, ObjectProvider<McpClientObservationConvention> convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void customize(String server, McpClientBuilder builder) {
        AtomicReference<McpClient> client = new AtomicReference<>();
        building.put(server, client);
        builder.interceptor(new ObservationMcpCallInterceptor(registry, server, convention.getIfAvailable(),
                () -> protocolVersion(client.get())));
    }

    @Override
    public void clientBuilt(String server, McpClient client) {
        AtomicReference<McpClient> waiting = building.remove(server);
        if (waiting != null) {
            waiting.set(client);
        }
    }

    /** The revision {@code client} speaks (what its {@code status()} shows), or {@code null}. */
    private static String protocolVersion(McpClient client) {
        InitializeResult connected = client == null ? null : client.initializeResult();
        return connected == null ? null : connected.protocolVersion();
    }
}
