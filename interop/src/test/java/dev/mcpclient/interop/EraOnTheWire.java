package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.support.RecordingProxy;
import dev.mcpclient.schema.McpMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the peer of a Streamable HTTP column receives when clients start, seen on the wire through a
 * {@link RecordingProxy}: two clients, one after the other, to an endpoint new to the JVM. Implemented by
 * the classes of the Streamable HTTP columns (their {@link PeerContract} provides the methods).
 */
interface EraOnTheWire {

    /** The era the class's clients must speak. */
    ProtocolEra era();

    /** {@link Against#AUTO} or the revision the class's clients are pinned to. */
    String protocolVersionSetting();

    /** The peer's endpoint. */
    String peerUrl();

    /** A client of the peer through {@code proxy}, built as the class builds its clients. */
    McpClient connectThrough(RecordingProxy proxy, Consumer<McpClientBuilder> options);

    /**
     * Modern: each client starts with {@code server/discover} (how it learns the server's capabilities) and
     * the peer never receives {@code initialize}. Legacy, auto: the first client probes with one
     * {@code server/discover}, then {@code initialize}; the second, knowing the era of the endpoint, sends
     * {@code initialize} at once. Legacy, pinned: {@code initialize}, never a probe.
     */
    @Test
    @Interop(Feature.ERA_ON_THE_WIRE)
    default void eachClientStartsInTheEraOfTheColumnOnTheWire() {
        try (RecordingProxy proxy = RecordingProxy.to(peerUrl())) {
            List<List<String>> byClient = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int before = proxy.methods().size();
                McpClient client = connectThrough(proxy, b -> { });
                client.initialize();
                client.listTools();
                client.ping();
                client.close();
                List<String> methods = proxy.methods();
                byClient.add(methods.subList(before, methods.size()));
            }
            List<String> first = byClient.get(0);
            List<String> second = byClient.get(1);

            if (era() == ProtocolEra.MODERN) {
                for (List<String> methods : byClient) {
                    assertThat(methods).as("what one client sent").startsWith(McpMethods.SERVER_DISCOVER)
                            .doesNotContain(McpMethods.INITIALIZE, McpMethods.NOTIFICATION_INITIALIZED);
                }
            } else if (Against.AUTO.equals(protocolVersionSetting())) {
                assertThat(first).as("what the first client sent").startsWith(McpMethods.SERVER_DISCOVER,
                        McpMethods.INITIALIZE);
                assertThat(first.stream().filter(McpMethods.SERVER_DISCOVER::equals)).as("probes").hasSize(1);
                assertThat(second).as("what the second client sent").startsWith(McpMethods.INITIALIZE)
                        .doesNotContain(McpMethods.SERVER_DISCOVER);
            } else {
                for (List<String> methods : byClient) {
                    assertThat(methods).as("what one client sent").startsWith(McpMethods.INITIALIZE)
                            .doesNotContain(McpMethods.SERVER_DISCOVER);
                }
            }
        }
    }
}
