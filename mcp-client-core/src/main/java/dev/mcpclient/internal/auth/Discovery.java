package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import reactor.core.publisher.Mono;

/**
 * Everything a server's refusal leads to before a token can be asked for: its protected resource
 * metadata, its authorization server's metadata (or the 2025-03-26 fallbacks when it publishes none)
 * and the client's identity at that authorization server.
 */
public final class Discovery {

    private final ResourceMetadataDiscovery resources;
    private final AuthorizationServerDiscovery servers;
    private final ClientRegistrations clients;

    /** Discovery from its three steps. */
    public Discovery(ResourceMetadataDiscovery resources, AuthorizationServerDiscovery servers, ClientRegistrations clients) {
        this.resources = resources;
        this.servers = servers;
        this.clients = clients;
    }

    /** Discovers how the server at {@code serverUrl} is authorized, from its challenge's {@code resourceMetadata} (or {@code null}). */
    public Mono<AuthorizationTarget> discover(URI serverUrl, String resourceMetadata) {
        return resources.discover(serverUrl, resourceMetadata).flatMap(found -> {
            if (found.isEmpty()) {
                return servers.legacy(serverUrl).flatMap(as -> clients.clientFor(as)
                        .map(client -> new AuthorizationTarget(null, as, client, null)));
            }
            ProtectedResourceMetadata prm = found.get();
            if (prm.authorizationServers().isEmpty()) {
                return Mono.error(new McpAuthorizationException("The protected resource metadata of "
                        + UrlRedaction.redact(serverUrl) + " names no authorization server"));
            }
            return servers.discover(prm.authorizationServers().get(0)).flatMap(as -> clients.clientFor(as)
                    .map(client -> new AuthorizationTarget(prm, as, client, prm.resource())));
        });
    }
}
